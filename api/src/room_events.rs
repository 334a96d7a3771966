//! The events of a live room, as stored in its log and served by its
//! timeline (shared so the replay page can read them typed).

use crate::from_json::FromJson;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::room::{Recommendation, RoomRole};

/// Who did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    Member {
        user_id: Uuid,
        name: String,
        role: RoomRole,
    },
    Candidate {
        name: String,
    },
    /// The server itself (connections lost with a stopped instance).
    Server,
}

impl Actor {
    pub fn role(&self) -> RoomRole {
        match self {
            Actor::Member { role, .. } => *role,
            Actor::Candidate { .. } => RoomRole::Candidate,
            Actor::Server => RoomRole::Observer,
        }
    }

    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Actor::Member { user_id, .. } => Some(*user_id),
            Actor::Candidate { .. } | Actor::Server => None,
        }
    }
}

/// Times are milliseconds since the Unix epoch (UTC), fixed when the event is
/// made, so replaying the log needs no clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RoomEvent {
    Joined,
    Left,
    QuestionChanged {
        question: usize,
    },
    Revealed {
        question: usize,
        stage: usize,
    },
    Hidden {
        question: usize,
        stage: usize,
    },
    TimerStarted {
        question: usize,
        deadline_ms: i64,
    },
    TimerPaused {
        question: usize,
        remaining_ms: i64,
    },
    TimerResumed {
        question: usize,
        deadline_ms: i64,
    },
    /// The new deadline (running) or remaining time (paused or not started).
    TimerExtended {
        question: usize,
        deadline_ms: Option<i64>,
        remaining_ms: i64,
    },
    Answered {
        question: usize,
        text: String,
        /// Arrived after the question's deadline (timed mocks); kept all the same.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        late: bool,
    },
    AnswerLanguageChosen {
        question: usize,
        language: String,
    },
    QuickCheckAnswered {
        question: usize,
        check: usize,
        option: usize,
    },
    /// `revealed`: the question's stages revealed when the score was given.
    Scored {
        question: usize,
        dimension: usize,
        level: u8,
        revealed: Vec<usize>,
    },
    Noted {
        question: usize,
        text: String,
    },
    Recommended {
        value: Recommendation,
    },
    /// The interviewer submitted their scores; others' scores become visible to them.
    Submitted,
    /// Timed mocks: the candidate started a question; its scenario and
    /// challenge (`revealed`) are shown and its deadline is fixed.
    QuestionStarted {
        question: usize,
        started_ms: i64,
        deadline_ms: i64,
        revealed: Vec<usize>,
    },
    /// Timed mocks: the candidate handed in the answer.
    AnswerSubmitted {
        question: usize,
        at_ms: i64,
        late: bool,
    },
    /// Practice mocks: the candidate's own score (`revealed` as for `scored`).
    SelfScored {
        question: usize,
        dimension: usize,
        level: u8,
        revealed: Vec<usize>,
    },
    /// The session is over: a timed mock's candidate finished it (questions
    /// still running are handed in at `at_ms`), or the interviewer ended the
    /// live interview (its timer stops).
    Finished {
        at_ms: i64,
    },
    /// The interviewer withdrew `count` candidate links; their connections closed.
    LinksRevoked {
        count: usize,
    },
    /// A server instance stopped without closing its connections; they are gone.
    ConnectionsLost,
}

/// One event of a session's log, as the timeline serves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub event: RoomEvent,
}
