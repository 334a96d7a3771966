//! Joining a room: the candidate through their link, team members with their
//! session cookie. Both then speak the WebSocket protocol of
//! `mockroom_api::room` (run by `room::connection`).

use std::sync::Arc;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::Response;
use mockroom_api::{CandidateView, ErrorBody, JoinAs, Role, RoomRole, RoomView, SessionMode};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::role_in_team;
use crate::auth::{hash_token, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path, Query};
use crate::room::connection::{self, Link, Participant};
use crate::room::engine::{Room, Viewer};
use crate::room::event::Actor;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(candidate_room))
        .routes(routes!(candidate_socket))
        .routes(routes!(member_socket))
}

/// How a withdrawn link names itself in the room's log: the first 8 bytes of
/// its token's hash, in hex.
pub(crate) fn link_id(token_hash: &[u8]) -> String {
    token_hash.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The room a candidate link opens, if the link is usable now. Unknown,
/// withdrawn and expired links are told apart (404, 410, 410) at once.
async fn candidate_room_of(state: &AppState, token: &str) -> AppResult<(Arc<Room>, Participant)> {
    let token_hash = hash_token(token);
    let invite = state
        .store
        .candidate_invite(&token_hash)
        .await?
        .ok_or(AppError::LinkUnknown)?;
    if invite.revoked_at.is_some() {
        return Err(AppError::LinkRevoked);
    }
    if invite.expires_at <= state.clock.now() {
        return Err(AppError::LinkExpired(invite.expires_at));
    }
    let room = state
        .rooms
        .open(invite.team_id, invite.session_id)
        .await?
        .ok_or(AppError::LinkUnknown)?;
    let link = Link {
        id: link_id(&token_hash),
        expires_at_ms: invite.expires_at.timestamp_millis(),
    };
    // Withdrawn while the database said otherwise a moment ago: the room knows.
    if room.snapshot().revoked_links.contains(&link.id) {
        return Err(AppError::LinkRevoked);
    }
    let participant = Participant {
        actor: Actor::Candidate {
            name: room.content().candidate_name.clone(),
        },
        viewer: Viewer::Candidate,
        link: Some(link),
    };
    Ok((room, participant))
}

/// The candidate's view of the room over plain HTTP: revealed stages only.
#[utoipa::path(get, path = "/api/v1/rooms/{token}", tag = "sessions",
    params(("token" = String, Path, description = "Token of the candidate's link")),
    responses((status = 200, body = Object, description = "CandidateView"),
              (status = 404, body = ErrorBody, description = "`link_unknown`: no such link"),
              (status = 410, body = ErrorBody, description = "`link_revoked` (withdrawn by the interviewer) or `link_expired` (with the date)")))]
async fn candidate_room(State(state): State<AppState>, Path(token): Path<String>) -> AppResult<Json<CandidateView>> {
    let (room, _) = candidate_room_of(&state, &token).await?;
    let view = room.view_of(&Viewer::Candidate, &room.snapshot(), room.now_ms());
    match view {
        RoomView::Candidate(view) => Ok(Json(view)),
        RoomView::Interviewer(_) => Err(anyhow::anyhow!("candidate got an interviewer view").into()),
    }
}

/// The candidate's WebSocket.
#[utoipa::path(get, path = "/api/v1/rooms/{token}/ws", tag = "sessions",
    params(("token" = String, Path, description = "Token of the candidate's link")),
    responses((status = 101, description = "WebSocket: the room protocol"),
              (status = 404, body = ErrorBody, description = "`link_unknown`"),
              (status = 410, body = ErrorBody, description = "`link_revoked` or `link_expired`"),
              (status = 429, body = ErrorBody, description = "the link already has its maximum of open connections")))]
async fn candidate_socket(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ws: WebSocketUpgrade,
) -> AppResult<Response> {
    let (room, participant) = candidate_room_of(&state, &token).await?;
    let slot = CandidateSlot::take(room.clone())?;
    let rooms = state.rooms.clone();
    Ok(sized(&state, ws).on_upgrade(move |socket| async move {
        connection::serve(socket, rooms, room, participant).await;
        drop(slot);
    }))
}

/// One of the few connections a candidate link may hold at once.
struct CandidateSlot(Arc<Room>);

impl CandidateSlot {
    fn take(room: Arc<Room>) -> AppResult<Self> {
        if room.admit_candidate() {
            Ok(CandidateSlot(room))
        } else {
            Err(AppError::RateLimited {
                retry_after: std::time::Duration::from_secs(5),
            })
        }
    }
}

impl Drop for CandidateSlot {
    fn drop(&mut self) {
        self.0.candidate_gone();
    }
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
        .open(team_id, session_id)
        .await?
        .ok_or(AppError::NotFound("session"))?;
    let participant = Participant {
        actor: Actor::Member {
            user_id: user.id(),
            name: user.user.display_name.clone(),
            role,
        },
        viewer: Viewer::Member {
            user_id: user.id(),
            role,
        },
        link: None,
    };
    let rooms = state.rooms.clone();
    Ok(sized(&state, ws).on_upgrade(move |socket| connection::serve(socket, rooms, room, participant)))
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
/// Messages up to twice the room's limit are read, so that the connection
/// can close an oversized one with 1009 and a reason; beyond that tungstenite
/// refuses to buffer it at all.
pub(super) fn sized(state: &AppState, ws: WebSocketUpgrade) -> WebSocketUpgrade {
    let max = state.rooms.env().limits.max_message_bytes * 2;
    ws.read_buffer_size(1024)
        .write_buffer_size(0)
        .max_message_size(max)
        .max_frame_size(max)
}
