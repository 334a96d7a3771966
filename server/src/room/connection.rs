//! One participant's WebSocket (protocol version 2): `hello` first, then the
//! whole view once and `patch`es after it; the participant's messages go to
//! the room within their budgets. The connection also enforces what the room
//! cannot see: a heartbeat (a dead peer is dropped), the candidate's link (a
//! withdrawn or expired link closes it before anything newer is sent), the
//! size of one message, and draining when the instance stops.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use mockroom_api::{close, ClientMessage, RoomRole, ServerMessage, ROOM_PROTOCOL_VERSION};
use tokio::time::Instant;

use super::engine::{ActError, Room, Viewer};
use super::event::{Actor, RoomEvent};
use super::limits::Bucket;
use super::registry::Rooms;
use super::state::RoomState;

/// A candidate's link, as the connection must keep checking it.
#[derive(Debug, Clone)]
pub struct Link {
    /// First 8 bytes (hex) of the token's hash: how `links_revoked` names it.
    pub id: String,
    pub expires_at_ms: i64,
}

/// Who is on the other end.
pub struct Participant {
    pub actor: Actor,
    pub viewer: Viewer,
    /// Candidates who came through a link.
    pub link: Option<Link>,
}

/// How long a connection may stay over its budget before it is closed.
const OVER_BUDGET_GRACE: Duration = Duration::from_secs(3);

type Sink = SplitSink<WebSocket, Message>;

/// Why the loop ended.
enum End {
    /// The peer went away (closed, vanished, or stopped answering pings).
    Gone,
    /// We close with this code and reason.
    Close(u16, &'static str),
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

async fn send(sink: &mut Sink, message: &ServerMessage) -> Result<(), End> {
    match encode(message) {
        Some(m) => sink.send(m).await.map_err(|_| End::Gone),
        None => Ok(()),
    }
}

async fn close_with(sink: &mut Sink, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = sink.send(Message::Close(Some(frame))).await;
    let _ = sink.close().await;
}

/// Runs the connection until either side ends it.
pub async fn serve(socket: WebSocket, rooms: Arc<Rooms>, room: Arc<Room>, who: Participant) {
    let _counted = rooms.connection();
    let (mut sink, mut stream) = socket.split();
    let limits = room.env().limits.clone();

    // 1. The client says which protocol it speaks before anything is sent.
    let hello = tokio::time::timeout(limits.hello_timeout, stream.next()).await;
    let version = match hello {
        Ok(Some(Ok(Message::Text(text)))) => match serde_json::from_str::<ClientMessage>(&text) {
            Ok(ClientMessage::Hello { version }) => Some(version),
            _ => None,
        },
        Ok(Some(Ok(Message::Close(_)))) | Ok(None) | Ok(Some(Err(_))) => return,
        _ => None,
    };
    if version != Some(ROOM_PROTOCOL_VERSION) {
        let message = match version {
            Some(v) => format!("this server speaks room protocol {ROOM_PROTOCOL_VERSION}, not {v}: reload the page"),
            None => format!("start with {{\"type\": \"hello\", \"version\": {ROOM_PROTOCOL_VERSION}}}"),
        };
        let _ = send(&mut sink, &error("version", message)).await;
        close_with(&mut sink, close::VERSION, "unsupported protocol version").await;
        return;
    }

    // 2. Joining is recorded before anyone is shown.
    let instance = Some(room.env().instance);
    let joined = match room.record(&who.actor, RoomEvent::Joined { instance }).await {
        Ok(seq) => seq,
        Err(err) => {
            tracing::error!(session = %room.session_id, error = %err, "cannot record a join");
            close_with(&mut sink, 1011, "the room could not be joined").await;
            return;
        }
    };
    let end = run(&mut sink, &mut stream, &rooms, &room, &who, joined).await;
    if let End::Close(code, reason) = end {
        close_with(&mut sink, code, reason).await;
    }
    if who.actor.role() == RoomRole::Candidate {
        // The text typed just before leaving is kept.
        if let Err(err) = room.flush_answers().await {
            tracing::error!(session = %room.session_id, error = %err, "could not write a leaving candidate's answer");
        }
    }
    if let Err(err) = room.record(&who.actor, RoomEvent::Left { instance }).await {
        tracing::error!(session = %room.session_id, error = %err, "cannot record a leave");
    }
}

/// What this connection last sent: the state and clock its view was built from.
struct Sent {
    state: Arc<RoomState>,
    now_ms: i64,
}

fn revoked(who: &Participant, state: &RoomState) -> bool {
    who.link.as_ref().is_some_and(|l| state.revoked_links.contains(&l.id))
}

/// The patch from what was sent to `state` at `now_ms` (nothing if equal).
/// An event this participant cannot see still moves their `seq` on (an
/// empty patch), so that the next patch continues from where they are.
fn delivery(room: &Room, who: &Participant, sent: &Sent, state: &Arc<RoomState>, now_ms: i64) -> Option<ServerMessage> {
    let old = serde_json::to_value(room.view_of(&who.viewer, &sent.state, sent.now_ms)).ok()?;
    let new = serde_json::to_value(room.view_of(&who.viewer, state, now_ms)).ok()?;
    let ops = mockroom_api::patch::diff(&old, &new);
    (!ops.is_empty() || state.seq != sent.state.seq).then(|| ServerMessage::Patch {
        from: sent.state.seq,
        seq: state.seq,
        ops,
    })
}

fn full(room: &Room, who: &Participant, sent: &Sent) -> ServerMessage {
    ServerMessage::State {
        seq: sent.state.seq,
        view: room.view_of(&who.viewer, &sent.state, sent.now_ms),
    }
}

async fn run(
    sink: &mut Sink,
    stream: &mut futures_util::stream::SplitStream<WebSocket>,
    rooms: &Rooms,
    room: &Arc<Room>,
    who: &Participant,
    mut joined: i64,
) -> End {
    let limits = room.env().limits.clone();
    let instance = Some(room.env().instance);
    let mut changes = room.subscribe();
    let mut sent = Sent {
        state: changes.borrow_and_update().clone(),
        now_ms: room.now_ms(),
    };
    if revoked(who, &sent.state) {
        return End::Close(close::LINK_REVOKED, "this link was withdrawn by the interviewer");
    }
    if send(sink, &full(room, who, &sent)).await.is_err() {
        return End::Gone;
    }
    let mut draining = rooms.draining();
    if *draining.borrow_and_update() {
        return End::Close(close::RESTART, "the server is restarting: reconnect");
    }
    let mut ping = tokio::time::interval(limits.ping_interval);
    ping.reset();
    let mut heard = Instant::now();
    let mut messages = Bucket::new(
        f64::from(limits.messages_per_sec),
        f64::from(limits.messages_per_sec) * 3.0,
    );
    let mut bytes = Bucket::new(f64::from(limits.bytes_per_sec), f64::from(limits.bytes_per_sec) * 8.0);
    // Over budget since when (cleared after a second without a dropped message).
    let mut over_budget_since: Option<Instant> = None;
    let mut last_dropped: Option<Instant> = None;
    let mut told_over_budget: Option<Instant> = None;
    let link_expiry = who.link.as_ref().map(|l| l.expires_at_ms);
    loop {
        // A timed mock's deadline, or the link's expiry: moments that change
        // what this participant may see or do although no event happens.
        let now_ms = room.now_ms();
        // Measured from the view last sent, not from now: a deadline that has
        // just passed (a ping woke the loop between it and the wake-up) is
        // still to be shown.
        let deadline = room.next_deadline_ms(&sent.state, sent.now_ms);
        let wake_ms = [deadline.map(|d| d + 20), link_expiry].into_iter().flatten().min();
        let wake = wake_ms.map(|at| Instant::now() + Duration::from_millis(u64::try_from(at - now_ms).unwrap_or(0)));
        tokio::select! {
            _ = ping.tick() => {
                if heard.elapsed() > limits.idle_timeout {
                    tracing::info!(session = %room.session_id, "dropping a connection that stopped answering");
                    return End::Gone;
                }
                if sink.send(Message::Ping(Default::default())).await.is_err() {
                    return End::Gone;
                }
                // The dev clock can jump past a link's expiry between pings.
                if link_expiry.is_some_and(|at| room.now_ms() >= at) {
                    return End::Close(close::LINK_EXPIRED, "this link has expired");
                }
            }
            _ = async { match wake { Some(at) => tokio::time::sleep_until(at).await, None => std::future::pending().await } } => {
                let now_ms = room.now_ms();
                if link_expiry.is_some_and(|at| now_ms >= at) {
                    return End::Close(close::LINK_EXPIRED, "this link has expired");
                }
                let state = sent.state.clone();
                if let Some(m) = delivery(room, who, &sent, &state, now_ms) {
                    if send(sink, &m).await.is_err() { return End::Gone; }
                }
                sent.now_ms = now_ms;
            }
            _ = draining.changed() => {
                return End::Close(close::RESTART, "the server is restarting: reconnect");
            }
            changed = changes.changed() => {
                if changed.is_err() {
                    return End::Close(close::RESTART, "the room closed: reconnect");
                }
                let state = changes.borrow_and_update().clone();
                if revoked(who, &state) {
                    return End::Close(close::LINK_REVOKED, "this link was withdrawn by the interviewer");
                }
                // Another instance took this one for dead (a stalled
                // heartbeat) and wrote its connections off: this one is here.
                if state.lost_at.get(&instance).is_some_and(|lost| *lost > joined) {
                    match room.record(&who.actor, RoomEvent::Joined { instance }).await {
                        Ok(seq) => joined = seq,
                        Err(err) => tracing::warn!(session = %room.session_id, error = %err, "cannot record a join again"),
                    }
                }
                let now_ms = room.now_ms();
                if let Some(m) = delivery(room, who, &sent, &state, now_ms) {
                    if send(sink, &m).await.is_err() { return End::Gone; }
                }
                sent = Sent { state, now_ms };
            }
            incoming = stream.next() => {
                heard = Instant::now();
                let text = match incoming {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Binary(_))) => {
                        if send(sink, &error("bad_message", "messages are JSON text")).await.is_err() { return End::Gone; }
                        continue;
                    }
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    Some(Ok(Message::Close(_))) | None => return End::Gone,
                    // Above twice our limit tungstenite itself refuses to read
                    // the message ("Space limit exceeded: Message too long").
                    Some(Err(err)) if err.to_string().contains("too long") => {
                        return End::Close(close::TOO_BIG, "message too big");
                    }
                    Some(Err(_)) => return End::Gone,
                };
                if text.len() > limits.max_message_bytes {
                    return End::Close(close::TOO_BIG, "message too big");
                }
                // Budgets: a flooding client is refused, then cut off.
                let within = messages.take(1.0) && bytes.take(text.len() as f64);
                if last_dropped.is_some_and(|t| t.elapsed() > Duration::from_secs(1)) {
                    over_budget_since = None;
                }
                if !within {
                    last_dropped = Some(Instant::now());
                    let since = *over_budget_since.get_or_insert_with(Instant::now);
                    if since.elapsed() > OVER_BUDGET_GRACE {
                        return End::Close(close::POLICY, "too many messages: slow down");
                    }
                    if told_over_budget.is_none_or(|t| t.elapsed() > Duration::from_secs(1)) {
                        told_over_budget = Some(Instant::now());
                        let m = error("rate_limited", "too many messages: this one was dropped");
                        if send(sink, &m).await.is_err() { return End::Gone; }
                    }
                    continue;
                }
                let reply = match serde_json::from_str::<ClientMessage>(&text) {
                    Err(e) => Some(error("bad_message", format!("unreadable message: {e}"))),
                    Ok(ClientMessage::Ping) => Some(ServerMessage::Pong),
                    Ok(ClientMessage::Hello { .. }) => None,
                    Ok(ClientMessage::Resync) => {
                        sent.now_ms = room.now_ms();
                        Some(full(room, who, &sent))
                    }
                    Ok(message) => {
                        if revoked(who, &room.snapshot()) {
                            return End::Close(close::LINK_REVOKED, "this link was withdrawn by the interviewer");
                        }
                        match room.act(&who.actor, &message).await {
                            Ok(_) => None,
                            Err(ActError::Refused(r)) => Some(error(r.code, r.message)),
                            Err(err) => {
                                tracing::error!(session = %room.session_id, error = %err, "room action failed");
                                Some(error("internal", "the action could not be saved; try again"))
                            }
                        }
                    }
                };
                if let Some(m) = reply {
                    if send(sink, &m).await.is_err() { return End::Gone; }
                }
            }
        }
    }
}
