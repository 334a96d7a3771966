//! Joining a live room: the candidate through their link, team members with
//! their session cookie. Both speak the WebSocket protocol of `mockroom_api::room`.

use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use mockroom_api::{
    CandidateView, ClientMessage, ErrorBody, JoinAs, Role, RoomRole, RoomView, ServerMessage, SessionMode,
    ROOM_PROTOCOL_VERSION,
};
use tokio::sync::broadcast::error::RecvError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::role_in_team;
use crate::auth::{hash_token, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path, Query};
use crate::room::event::{Actor, RoomEvent};
use crate::room::hub::{ActError, Room, Viewer};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(candidate_room))
        .routes(routes!(candidate_socket))
        .routes(routes!(member_socket))
}

/// The room a candidate link opens, if the link is valid.
async fn candidate_room_of(state: &AppState, token: &str) -> AppResult<(Arc<Room>, Actor)> {
    let invite = state
        .store
        .candidate_invite(&hash_token(token))
        .await?
        .ok_or(AppError::NotFound("session"))?;
    if invite.revoked_at.is_some() {
        return Err(AppError::Conflict("this link has been revoked".into()));
    }
    if invite.expires_at <= state.clock.now() {
        return Err(AppError::Conflict("this link has expired".into()));
    }
    let room = state
        .rooms
        .open(&state.store, invite.team_id, invite.session_id)
        .await?
        .ok_or(AppError::NotFound("session"))?;
    let summary = state
        .store
        .interview(invite.team_id, invite.session_id)
        .await?
        .ok_or(AppError::NotFound("session"))?;
    Ok((
        room,
        Actor::Candidate {
            name: summary.candidate_name,
        },
    ))
}

/// The candidate's view of the room over plain HTTP: revealed stages only.
#[utoipa::path(get, path = "/api/v1/rooms/{token}", tag = "sessions",
    params(("token" = String, Path, description = "Token of the candidate's link")),
    responses((status = 200, body = Object, description = "CandidateView"), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn candidate_room(State(state): State<AppState>, Path(token): Path<String>) -> AppResult<Json<CandidateView>> {
    let (room, _) = candidate_room_of(&state, &token).await?;
    match room.view(&Viewer::Candidate).await.1 {
        RoomView::Candidate(view) => Ok(Json(view)),
        RoomView::Interviewer(_) => Err(anyhow::anyhow!("candidate got an interviewer view").into()),
    }
}

/// The candidate's WebSocket.
#[utoipa::path(get, path = "/api/v1/rooms/{token}/ws", tag = "sessions",
    params(("token" = String, Path, description = "Token of the candidate's link")),
    responses((status = 101, description = "WebSocket: the room protocol"), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn candidate_socket(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ws: WebSocketUpgrade,
) -> AppResult<Response> {
    let (room, actor) = candidate_room_of(&state, &token).await?;
    Ok(small_buffers(ws).on_upgrade(move |socket| run(socket, state, room, actor, Viewer::Candidate, None)))
}

/// A team member's WebSocket (`?role=interviewer|panelist|observer`).
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/sessions/{session_id}/ws", tag = "sessions",
    params(("team_id" = Uuid, Path, description = "Team id"), ("session_id" = Uuid, Path, description = "Session id"), JoinAs),
    responses((status = 101, description = "WebSocket: the room protocol"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn member_socket(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path((team_id, session_id)): Path<(Uuid, Uuid)>,
    Query(join): Query<JoinAs>,
    ws: WebSocketUpgrade,
) -> AppResult<Response> {
    same_origin(&headers)?;
    if role_in_team(&state, team_id, &user).await? == Role::Candidate {
        return Err(AppError::Forbidden("candidates join through their link".into()));
    }
    let summary = state
        .store
        .interview(team_id, session_id)
        .await?
        .filter(|s| s.mode != SessionMode::Practice)
        .ok_or(AppError::NotFound("session"))?;
    let role = match join.role {
        Some(RoomRole::Candidate) => {
            return Err(AppError::Invalid(
                "role must be interviewer, panelist or observer".into(),
            ))
        }
        Some(role) => role,
        None if summary.created_by == Some(user.id()) => RoomRole::Interviewer,
        None => RoomRole::Panelist,
    };
    let room = state
        .rooms
        .open(&state.store, team_id, session_id)
        .await?
        .ok_or(AppError::NotFound("session"))?;
    let actor = Actor::Member {
        user_id: user.id(),
        name: user.user.display_name.clone(),
        role,
    };
    let viewer = Viewer::Member {
        user_id: user.id(),
        role,
    };
    Ok(small_buffers(ws).on_upgrade(move |socket| run(socket, state, room, actor, viewer, None)))
}

/// Browsers send cookies on cross-site WebSocket handshakes; only our own
/// pages may open a cookie-authenticated one.
pub(super) fn same_origin(headers: &HeaderMap) -> AppResult<()> {
    if let (Some(origin), Some(host)) = (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        let origin = origin.to_str().unwrap_or("");
        let host = host.to_str().unwrap_or("");
        if origin.split("://").nth(1) != Some(host) {
            return Err(AppError::Forbidden("cross-origin WebSocket refused".into()));
        }
    }
    Ok(())
}

/// tungstenite's defaults reserve 128 KiB per direction and connection; room
/// traffic is small messages, and a thousand idle rooms should cost little.
pub(super) fn small_buffers(ws: WebSocketUpgrade) -> WebSocketUpgrade {
    ws.read_buffer_size(1024)
        .write_buffer_size(0)
        .max_message_size(256 * 1024)
}

fn encode(message: &ServerMessage) -> Option<Message> {
    serde_json::to_string(message).ok().map(|s| Message::Text(s.into()))
}

fn error(code: &str, message: impl Into<String>) -> ServerMessage {
    ServerMessage::Error {
        code: code.into(),
        message: message.into(),
    }
}

/// What else a stored event sets off: a finished mock ends its session; a
/// practising candidate's quick-check answers feed their review queue.
async fn after_event(state: &AppState, room: &Room, practising: Option<Uuid>, event: &RoomEvent) {
    let result = match event {
        RoomEvent::Finished { .. } => state
            .store
            .end_interview(room.session_id, state.clock.now())
            .await
            .map_err(anyhow::Error::from),
        RoomEvent::QuickCheckAnswered {
            question,
            check,
            option,
        } => match (practising, room.content().questions.get(*question)) {
            (Some(user_id), Some(q)) => {
                let correct = q.quick_checks.get(*check).is_some_and(|c| c.correct == *option);
                crate::practice::reviews::record_answer(state, user_id, q.summary.id, *check, *option, correct)
                    .await
                    .map(|_| ())
            }
            _ => Ok(()),
        },
        _ => Ok(()),
    };
    if let Err(err) = result {
        // The event itself is stored; only its follow-up failed.
        tracing::error!(session = %room.session_id, error = %err, "follow-up of a room event failed");
    }
}

/// One participant's connection: announce, then relay messages in and views out.
/// `practising`: the signed-in owner of a practice mock.
pub(super) async fn run(
    socket: WebSocket,
    state: AppState,
    room: Arc<Room>,
    actor: Actor,
    viewer: Viewer,
    practising: Option<Uuid>,
) {
    let (mut sink, mut stream) = socket.split();
    let mut changes = room.subscribe();
    if let Err(err) = room.record(&state.store, &actor, RoomEvent::Joined).await {
        tracing::error!(session = %room.session_id, error = %err, "cannot record a join");
        return;
    }
    let (seq, view) = room.view(&viewer).await;
    let mut last_sent = seq;
    if let Some(m) = encode(&ServerMessage::State { seq, view }) {
        if sink.send(m).await.is_err() {
            let _ = room.record(&state.store, &actor, RoomEvent::Left).await;
            return;
        }
    }
    loop {
        // Timed mocks: wake at the next deadline so the view closes the answer on time.
        let wake = match room.next_deadline_ms().await {
            Some(deadline) => {
                let wait = u64::try_from(deadline - room.now_ms()).unwrap_or(0) + 20;
                Some(tokio::time::Instant::now() + std::time::Duration::from_millis(wait))
            }
            None => None,
        };
        let outgoing = tokio::select! {
            _ = async {
                match wake {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            } => {
                let (seq, view) = room.view(&viewer).await;
                last_sent = seq;
                Some(ServerMessage::State { seq, view })
            },
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Text(text))) => match serde_json::from_str::<ClientMessage>(&text) {
                    Err(e) => Some(error("bad_message", format!("unreadable message: {e}"))),
                    Ok(ClientMessage::Ping) => Some(ServerMessage::Pong),
                    Ok(ClientMessage::Hello { version }) if version != ROOM_PROTOCOL_VERSION => {
                        let _ = sink.send(encode(&error("version", format!("this server speaks protocol {ROOM_PROTOCOL_VERSION}"))).unwrap_or(Message::Close(None))).await;
                        break;
                    }
                    Ok(message) => match room.act(&state.store, &actor, &message).await {
                        Ok(Some((_, event))) => {
                            after_event(&state, &room, practising, &event).await;
                            None
                        }
                        Ok(None) => None,
                        Err(ActError::Refused(r)) => Some(error(r.code, r.message)),
                        Err(err) => {
                            tracing::error!(session = %room.session_id, error = %err, "room action failed");
                            Some(error("internal", "the action could not be saved; try again"))
                        }
                    },
                },
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => None,
            },
            change = changes.recv() => match change {
                Ok(seq) if seq <= last_sent => None,
                Ok(_) | Err(RecvError::Lagged(_)) => {
                    let (seq, view) = room.view(&viewer).await;
                    last_sent = seq;
                    Some(ServerMessage::State { seq, view })
                }
                Err(RecvError::Closed) => break,
            },
        };
        if let Some(m) = outgoing.as_ref().and_then(encode) {
            if sink.send(m).await.is_err() {
                break;
            }
        }
    }
    let _ = room.record(&state.store, &actor, RoomEvent::Left).await;
}
