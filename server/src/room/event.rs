//! What happened in a room, as stored in its event log (`session_events`).
//!
//! These types are the log's own, versioned format, separate from the wire
//! types the timeline serves (`mockroom_api::RoomEvent`): the log must stay
//! readable by every release, while the wire may change with the screens.
//! Rules that keep rolling deploys safe (several releases reading one log):
//! - a new event kind, or a new field with a default, is *additive*: older
//!   releases decode an unknown kind as [`RoomEvent::Unknown`] and skip it,
//!   and ignore unknown fields;
//! - anything else (a field's meaning, a renamed kind) is a new format number
//!   ([`FORMAT`], stored per row): one release learns to read it, the next
//!   starts writing it.
//!
//! `log_golden.rs` pins the JSON of every kind.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use mockroom_api::{Recommendation, RoomRole};

/// The format this release writes (the `format` column of each event row).
pub const FORMAT: i16 = 1;

/// Who did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The server itself (writing off a dead instance's connections).
    Server {
        instance: Uuid,
    },
}

impl Actor {
    /// The actor's role in the room; the server acts with no rights of its own.
    pub fn role(&self) -> RoomRole {
        match self {
            Actor::Member { role, .. } => *role,
            Actor::Candidate { .. } => RoomRole::Candidate,
            Actor::Server { .. } => RoomRole::Observer,
        }
    }

    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Actor::Member { user_id, .. } => Some(*user_id),
            Actor::Candidate { .. } | Actor::Server { .. } => None,
        }
    }

    pub fn to_wire(&self) -> mockroom_api::Actor {
        match self {
            Actor::Member { user_id, name, role } => mockroom_api::Actor::Member {
                user_id: *user_id,
                name: name.clone(),
                role: *role,
            },
            Actor::Candidate { name } => mockroom_api::Actor::Candidate { name: name.clone() },
            Actor::Server { .. } => mockroom_api::Actor::Server,
        }
    }
}

/// Times are milliseconds since the Unix epoch (UTC), fixed when the event is
/// made, so replaying the log needs no clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RoomEvent {
    /// A connection opened, on server instance `instance` (absent in logs
    /// written before instances were recorded).
    Joined {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        instance: Option<Uuid>,
    },
    /// A connection closed (on `instance`).
    Left {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        instance: Option<Uuid>,
    },
    /// Every connection held by `instance` is gone with it (it crashed or was
    /// killed before recording them as left); `None`: connections recorded
    /// without an instance.
    ConnectionsLost {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        instance: Option<Uuid>,
    },
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
    /// The language the candidate writes the answer in (an id of
    /// `mockroom_api::ANSWER_LANGUAGES`).
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
    /// The interviewer withdrew candidate links: `links` are the first 8 bytes
    /// (hex) of each withdrawn link's token hash. Connections through them close.
    LinksRevoked {
        links: Vec<String>,
    },
    /// A kind a newer release wrote: skipped by this one.
    #[serde(other)]
    Unknown,
}

impl RoomEvent {
    /// The timeline's wire form; `None` for kinds the timeline does not show.
    pub fn to_wire(&self) -> Option<mockroom_api::RoomEvent> {
        use mockroom_api::RoomEvent as W;
        Some(match self.clone() {
            RoomEvent::Joined { .. } => W::Joined,
            RoomEvent::Left { .. } => W::Left,
            RoomEvent::ConnectionsLost { .. } => W::ConnectionsLost,
            RoomEvent::QuestionChanged { question } => W::QuestionChanged { question },
            RoomEvent::Revealed { question, stage } => W::Revealed { question, stage },
            RoomEvent::Hidden { question, stage } => W::Hidden { question, stage },
            RoomEvent::TimerStarted { question, deadline_ms } => W::TimerStarted { question, deadline_ms },
            RoomEvent::TimerPaused { question, remaining_ms } => W::TimerPaused { question, remaining_ms },
            RoomEvent::TimerResumed { question, deadline_ms } => W::TimerResumed { question, deadline_ms },
            RoomEvent::TimerExtended {
                question,
                deadline_ms,
                remaining_ms,
            } => W::TimerExtended {
                question,
                deadline_ms,
                remaining_ms,
            },
            RoomEvent::Answered { question, text, late } => W::Answered { question, text, late },
            RoomEvent::AnswerLanguageChosen { question, language } => W::AnswerLanguageChosen { question, language },
            RoomEvent::QuickCheckAnswered {
                question,
                check,
                option,
            } => W::QuickCheckAnswered {
                question,
                check,
                option,
            },
            RoomEvent::Scored {
                question,
                dimension,
                level,
                revealed,
            } => W::Scored {
                question,
                dimension,
                level,
                revealed,
            },
            RoomEvent::Noted { question, text } => W::Noted { question, text },
            RoomEvent::Recommended { value } => W::Recommended { value },
            RoomEvent::Submitted => W::Submitted,
            RoomEvent::QuestionStarted {
                question,
                started_ms,
                deadline_ms,
                revealed,
            } => W::QuestionStarted {
                question,
                started_ms,
                deadline_ms,
                revealed,
            },
            RoomEvent::AnswerSubmitted { question, at_ms, late } => W::AnswerSubmitted { question, at_ms, late },
            RoomEvent::SelfScored {
                question,
                dimension,
                level,
                revealed,
            } => W::SelfScored {
                question,
                dimension,
                level,
                revealed,
            },
            RoomEvent::Finished { at_ms } => W::Finished { at_ms },
            RoomEvent::LinksRevoked { links } => W::LinksRevoked { count: links.len() },
            RoomEvent::Unknown => return None,
        })
    }
}
