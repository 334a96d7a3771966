//! Reading and writing a session's event log: the one place that decodes
//! stored rows and folds them into a room's state. The live room, replay,
//! scorecards, the timeline, practice history and calibration all read the
//! log through here.

use chrono::{DateTime, Utc};

use super::content::SessionContent;
use super::event::{Actor, RoomEvent, FORMAT};
use super::state::RoomState;
use crate::store::EventRow;

/// One decoded event of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub event: RoomEvent,
}

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("event {seq}: {source}")]
    Json { seq: i64, source: serde_json::Error },
}

/// Decodes a stored row. A row in a format this release does not know (a
/// newer release wrote it) decodes as [`RoomEvent::Unknown`]: it is skipped,
/// never guessed at.
pub fn decode(row: &EventRow) -> Result<Logged, LogError> {
    let (actor, event) = decode_parts(row.seq, &row.actor, &row.payload, row.format)?;
    Ok(Logged {
        seq: row.seq,
        at: row.at,
        actor,
        event,
    })
}

/// Decodes an event's stored columns (for readers that select them with others).
pub fn decode_parts(seq: i64, actor: &str, payload: &str, format: i64) -> Result<(Actor, RoomEvent), LogError> {
    let json = |source| LogError::Json { seq, source };
    let actor: Actor = serde_json::from_str(actor).map_err(json)?;
    let event = if format <= i64::from(FORMAT) {
        serde_json::from_str(payload).map_err(json)?
    } else {
        tracing::warn!(seq, format, "event written by a newer release: skipped");
        RoomEvent::Unknown
    };
    Ok((actor, event))
}

/// Every row decoded, in order.
pub fn decode_all(rows: &[EventRow]) -> Result<Vec<Logged>, LogError> {
    rows.iter().map(decode).collect()
}

/// `(actor, payload)` JSON for a new row in [`FORMAT`].
pub fn encode(actor: &Actor, event: &RoomEvent) -> Result<(String, String), serde_json::Error> {
    Ok((serde_json::to_string(actor)?, serde_json::to_string(event)?))
}

/// The room's state after the events (already decoded) up to and including `until`.
pub fn fold_until<'a>(content: &SessionContent, events: impl IntoIterator<Item = &'a Logged>, until: i64) -> RoomState {
    let mut state = RoomState::new(content);
    for e in events.into_iter().take_while(|e| e.seq <= until) {
        state.apply(e.seq, &e.actor, &e.event);
    }
    state
}

/// The room's state after the whole log.
pub fn fold(content: &SessionContent, rows: &[EventRow]) -> Result<RoomState, LogError> {
    let mut state = RoomState::new(content);
    for row in rows {
        let e = decode(row)?;
        state.apply(e.seq, &e.actor, &e.event);
    }
    Ok(state)
}
