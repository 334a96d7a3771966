//! Stepping through a session: the room rebuilt from its log up to an event.

use mockroom_api::{InterviewerView, RoomRole};
use uuid::Uuid;

use super::content::SessionContent;
use super::log::{self, Logged};
use super::view;

/// The interviewer's view right after event `seq`, timers as they stood at
/// that event's time; `None` when the log has no such event.
pub fn view_at(content: &SessionContent, events: &[Logged], seq: i64, viewer: Uuid) -> Option<InterviewerView> {
    let at = events.iter().find(|e| e.seq == seq)?.at;
    let state = log::fold_until(content, events, seq);
    // Replays show every stage with its state, as the interviewer saw it.
    Some(view::interviewer(
        &state,
        content,
        viewer,
        RoomRole::Interviewer,
        at.timestamp_millis(),
    ))
}
