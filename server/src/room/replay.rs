//! Stepping through a session: the room rebuilt from its log up to an event.

use mockroom_api::{InterviewerView, RoomRole};
use uuid::Uuid;

use super::content::SessionContent;
use super::event::{Actor, RoomEvent};
use super::state::RoomState;
use super::view;
use crate::store::interviews::EventRow;

/// The interviewer's view right after event `seq`, timers as they stood at
/// that event's time; `None` when the log has no such event.
pub fn view_at(
    content: &SessionContent,
    events: &[EventRow],
    seq: i64,
    viewer: Uuid,
) -> anyhow::Result<Option<InterviewerView>> {
    let Some(at) = events.iter().find(|e| e.seq == seq).map(|e| e.at) else {
        return Ok(None);
    };
    let mut state = RoomState::new(content);
    for row in events.iter().take_while(|e| e.seq <= seq) {
        let actor: Actor = serde_json::from_str(&row.actor)?;
        let event: RoomEvent = serde_json::from_str(&row.payload)?;
        state.apply(row.seq, &actor, &event);
    }
    // Replays show every stage with its state, as the interviewer saw it.
    Ok(Some(view::interviewer(
        &state,
        content,
        viewer,
        RoomRole::Interviewer,
        at.timestamp_millis(),
    )))
}
