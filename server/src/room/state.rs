//! A room's state as a fold over its events, and `decide`, which hands a
//! participant's message to the rules of the room's mode (`live.rs`,
//! `mock.rs`, drills here) to become an event or a refusal.

use std::collections::{BTreeMap, BTreeSet};

use mockroom_api::{ClientMessage, Recommendation, RoomRole, SessionMode};
use uuid::Uuid;

use super::content::{QuestionContent, SessionContent};
use super::event::{Actor, RoomEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// Not running: this much time left (the full limit before the first start).
    Stopped {
        remaining_ms: i64,
    },
    Running {
        deadline_ms: i64,
    },
}

#[derive(Debug, Clone)]
pub struct QuestionState {
    pub revealed: BTreeSet<usize>,
    pub answer: String,
    /// An id of `ANSWER_LANGUAGES`; empty until the candidate picks one.
    pub answer_language: String,
    pub quick_checks: BTreeMap<usize, usize>,
    pub timer: Timer,
    /// Timed mocks: when the candidate started the question (ms since the epoch).
    pub started_ms: Option<i64>,
    /// Timed mocks: when the answer was handed in.
    pub submitted_ms: Option<i64>,
    /// Timed mocks: some of the answer (or its submission) came after the deadline.
    pub late: bool,
    /// Practice mocks: `dimension` → `(level, stages revealed then)`.
    pub self_scores: BTreeMap<usize, (u8, Vec<usize>)>,
}

impl QuestionState {
    pub fn deadline_ms(&self) -> Option<i64> {
        match self.timer {
            Timer::Running { deadline_ms } => Some(deadline_ms),
            Timer::Stopped { .. } => None,
        }
    }

    /// Timed mocks: the answer can no longer change (submitted, or out of time).
    pub fn closed(&self, now_ms: i64) -> bool {
        self.submitted_ms.is_some() || self.started_ms.is_some() && self.deadline_ms().is_some_and(|d| now_ms >= d)
    }

    /// Timed mocks: start to submission, or to the deadline once it has
    /// passed without one; `None` while running or before the start.
    pub fn time_used_ms(&self, now_ms: i64) -> Option<i64> {
        let started = self.started_ms?;
        match (self.submitted_ms, self.deadline_ms()) {
            (Some(at), _) => Some(at - started),
            (None, Some(deadline)) if now_ms >= deadline => Some(deadline - started),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct MemberState {
    pub name: String,
    pub role: Option<RoomRole>,
    /// Open connections by server instance (see [`Connections`]).
    pub connections: Connections,
    /// `(question, dimension)` → `(level, stages revealed then)`.
    pub scores: BTreeMap<(usize, usize), (u8, Vec<usize>)>,
    pub notes: BTreeMap<usize, String>,
    pub recommendation: Option<Recommendation>,
    pub submitted: bool,
}

#[derive(Debug, Clone)]
pub struct RoomState {
    /// Sequence number of the last applied event (0: none).
    pub seq: i64,
    /// Timed mocks: the candidate said they are done.
    pub finished: bool,
    pub current: usize,
    pub questions: Vec<QuestionState>,
    pub members: BTreeMap<Uuid, MemberState>,
    pub candidate_connections: Connections,
    /// Candidate links withdrawn during the session (hex prefixes of their
    /// token hashes): a connection through one of them is closed.
    pub revoked_links: BTreeSet<String>,
    /// `seq` of the last `connections_lost` of each instance: an instance
    /// wrongly taken for dead sees its own connections written off after
    /// they joined, and records them again.
    pub lost_at: BTreeMap<Option<Uuid>, i64>,
}

/// Open connections of one participant, counted per server instance that
/// holds them (`None`: recorded before instances were), so that an instance
/// that dies can be written off as a whole (`connections_lost`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Connections(BTreeMap<Option<Uuid>, u32>);

impl Connections {
    pub fn any(&self) -> bool {
        self.0.values().any(|n| *n > 0)
    }

    /// Open connections on every instance.
    pub fn total(&self) -> usize {
        self.0.values().map(|n| *n as usize).sum()
    }

    /// Instances holding at least one connection.
    pub fn instances(&self) -> impl Iterator<Item = Option<Uuid>> + '_ {
        self.0.iter().filter(|(_, n)| **n > 0).map(|(i, _)| *i)
    }

    fn opened(&mut self, instance: Option<Uuid>) {
        *self.0.entry(instance).or_default() += 1;
    }

    fn closed(&mut self, instance: Option<Uuid>) {
        if let Some(n) = self.0.get_mut(&instance) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.0.remove(&instance);
            }
        }
    }

    fn lost(&mut self, instance: Option<Uuid>) {
        self.0.remove(&instance);
    }
}

/// Why a message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

pub(super) fn refuse(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message: message.into(),
    }
}

impl RoomState {
    pub fn new(content: &SessionContent) -> Self {
        RoomState {
            seq: 0,
            finished: false,
            current: 0,
            questions: content
                .questions
                .iter()
                .map(|q| QuestionState {
                    revealed: BTreeSet::new(),
                    answer: String::new(),
                    answer_language: String::new(),
                    quick_checks: BTreeMap::new(),
                    timer: Timer::Stopped {
                        remaining_ms: q.time_limit_ms,
                    },
                    started_ms: None,
                    submitted_ms: None,
                    late: false,
                    self_scores: BTreeMap::new(),
                })
                .collect(),
            members: BTreeMap::new(),
            candidate_connections: Connections::default(),
            revoked_links: BTreeSet::new(),
            lost_at: BTreeMap::new(),
        }
    }

    /// Applies a stored event. Events were validated before they were stored,
    /// so this never fails; out-of-range indexes are ignored defensively.
    pub fn apply(&mut self, seq: i64, actor: &Actor, event: &RoomEvent) {
        self.seq = seq;
        match event {
            RoomEvent::Joined { instance } => match actor {
                Actor::Candidate { .. } => self.candidate_connections.opened(*instance),
                Actor::Server { .. } => {}
                Actor::Member { user_id, name, role } => {
                    let m = self.members.entry(*user_id).or_default();
                    m.name.clone_from(name);
                    m.role = Some(*role);
                    m.connections.opened(*instance);
                }
            },
            RoomEvent::Left { instance } => match actor {
                Actor::Candidate { .. } => self.candidate_connections.closed(*instance),
                Actor::Server { .. } => {}
                Actor::Member { user_id, .. } => {
                    if let Some(m) = self.members.get_mut(user_id) {
                        m.connections.closed(*instance);
                    }
                }
            },
            RoomEvent::ConnectionsLost { instance } => {
                self.lost_at.insert(*instance, seq);
                self.candidate_connections.lost(*instance);
                for m in self.members.values_mut() {
                    m.connections.lost(*instance);
                }
            }
            RoomEvent::LinksRevoked { links } => self.revoked_links.extend(links.iter().cloned()),
            // Written by a newer release: nothing this one knows changes.
            RoomEvent::Unknown => {}
            RoomEvent::QuestionChanged { question } => {
                if *question < self.questions.len() {
                    self.current = *question;
                }
            }
            RoomEvent::Revealed { question, stage } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.revealed.insert(*stage);
                }
            }
            RoomEvent::Hidden { question, stage } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.revealed.remove(stage);
                }
            }
            RoomEvent::TimerStarted { question, deadline_ms } | RoomEvent::TimerResumed { question, deadline_ms } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.timer = Timer::Running {
                        deadline_ms: *deadline_ms,
                    };
                }
            }
            RoomEvent::TimerPaused { question, remaining_ms } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.timer = Timer::Stopped {
                        remaining_ms: *remaining_ms,
                    };
                }
            }
            RoomEvent::TimerExtended {
                question,
                deadline_ms,
                remaining_ms,
            } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.timer = match deadline_ms {
                        Some(deadline_ms) => Timer::Running {
                            deadline_ms: *deadline_ms,
                        },
                        None => Timer::Stopped {
                            remaining_ms: *remaining_ms,
                        },
                    };
                }
            }
            RoomEvent::Answered { question, text, late } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.answer.clone_from(text);
                    q.late |= *late;
                }
            }
            RoomEvent::QuestionStarted {
                question,
                started_ms,
                deadline_ms,
                revealed,
            } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    self.current = *question;
                    q.started_ms = Some(*started_ms);
                    q.timer = Timer::Running {
                        deadline_ms: *deadline_ms,
                    };
                    q.revealed.extend(revealed.iter().copied());
                }
            }
            RoomEvent::AnswerSubmitted { question, at_ms, late } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.submitted_ms = Some(*at_ms);
                    q.late |= *late;
                }
            }
            RoomEvent::SelfScored {
                question,
                dimension,
                level,
                revealed,
            } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.self_scores.insert(*dimension, (*level, revealed.clone()));
                }
            }
            RoomEvent::Finished { at_ms } => {
                self.finished = true;
                for q in &mut self.questions {
                    match (q.started_ms, q.timer) {
                        // A timed mock's question: finishing hands in an answer still on the clock.
                        (Some(_), Timer::Running { deadline_ms }) => {
                            if q.submitted_ms.is_none() && *at_ms < deadline_ms {
                                q.submitted_ms = Some(*at_ms);
                            }
                        }
                        // A live interview's timer stops where it stood when the interview ended.
                        (None, Timer::Running { deadline_ms }) => {
                            q.timer = Timer::Stopped {
                                remaining_ms: (deadline_ms - at_ms).max(0),
                            };
                        }
                        (_, Timer::Stopped { .. }) => {}
                    }
                }
            }
            RoomEvent::AnswerLanguageChosen { question, language } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.answer_language.clone_from(language);
                }
            }
            RoomEvent::QuickCheckAnswered {
                question,
                check,
                option,
            } => {
                if let Some(q) = self.questions.get_mut(*question) {
                    q.quick_checks.entry(*check).or_insert(*option);
                }
            }
            RoomEvent::Scored {
                question,
                dimension,
                level,
                revealed,
            } => {
                if let Some(id) = actor.user_id() {
                    self.members
                        .entry(id)
                        .or_default()
                        .scores
                        .insert((*question, *dimension), (*level, revealed.clone()));
                }
            }
            RoomEvent::Noted { question, text } => {
                if let Some(id) = actor.user_id() {
                    self.members
                        .entry(id)
                        .or_default()
                        .notes
                        .insert(*question, text.clone());
                }
            }
            RoomEvent::Recommended { value } => {
                if let Some(id) = actor.user_id() {
                    self.members.entry(id).or_default().recommendation = Some(*value);
                }
            }
            RoomEvent::Submitted => {
                if let Some(id) = actor.user_id() {
                    self.members.entry(id).or_default().submitted = true;
                }
            }
        }
    }

    /// Question `q`'s content and state, or the refusal for a bad index.
    pub(super) fn question<'a>(
        &'a self,
        content: &'a SessionContent,
        q: usize,
    ) -> Result<(&'a QuestionContent, &'a QuestionState), Refusal> {
        content
            .questions
            .get(q)
            .zip(self.questions.get(q))
            .ok_or_else(|| refuse("bad_question", "no such question"))
    }

    /// Turns a participant's message into the event to store, or refuses it.
    /// `Ok(None)`: nothing to store (a ping, a repeated hello).
    pub fn decide(
        &self,
        content: &SessionContent,
        actor: &Actor,
        message: &ClientMessage,
        now_ms: i64,
    ) -> Result<Option<RoomEvent>, Refusal> {
        match content.mode {
            SessionMode::Live => self.decide_live(content, actor, message, now_ms),
            SessionMode::Assigned | SessionMode::Practice => self.decide_mock(content, actor, message, now_ms),
            SessionMode::Drill => match message {
                // A drill replays a finished session: interviewers only score it.
                ClientMessage::Hello { .. }
                | ClientMessage::Ping
                | ClientMessage::Resync
                | ClientMessage::Score { .. }
                | ClientMessage::Note { .. }
                | ClientMessage::Recommend { .. }
                | ClientMessage::Submit => self.decide_live(content, actor, message, now_ms),
                _ => Err(refuse(
                    "forbidden",
                    "a calibration drill is a recording: score it, nothing else",
                )),
            },
        }
    }
}

/// A level (1-based) on an existing dimension of the question's rubric.
pub(super) fn check_level(question: &QuestionContent, dimension: usize, level: u8) -> Result<(), Refusal> {
    let dim = question
        .rubric
        .dimensions
        .get(dimension)
        .ok_or_else(|| refuse("bad_dimension", "no such rubric dimension"))?;
    if level == 0 || usize::from(level) > dim.levels.len() {
        return Err(refuse(
            "bad_level",
            format!("levels run from 1 to {}", dim.levels.len()),
        ));
    }
    Ok(())
}

/// A language id the editors know (`ANSWER_LANGUAGES`).
pub(super) fn check_answer_language(language: &str) -> Result<(), Refusal> {
    if !mockroom_api::ANSWER_LANGUAGES.iter().any(|(id, _)| *id == language) {
        return Err(refuse("bad_language", "no such answer language"));
    }
    Ok(())
}

pub(super) fn check_answer_length(text: &str) -> Result<(), Refusal> {
    if text.len() > 64 * 1024 {
        return Err(refuse("too_long", "answers are limited to 64 KiB"));
    }
    Ok(())
}

impl RoomState {
    /// The earliest deadline of a running timed question after `after_ms`
    /// (a view built at `after_ms` shows every earlier one).
    pub fn next_deadline_after(&self, after_ms: i64) -> Option<i64> {
        self.questions
            .iter()
            .filter(|q| q.started_ms.is_some() && q.submitted_ms.is_none())
            .filter_map(QuestionState::deadline_ms)
            .filter(|d| *d > after_ms)
            .min()
    }

    /// Instances that hold connections of anyone in the room.
    pub fn instances_with_connections(&self) -> BTreeSet<Option<Uuid>> {
        let mut out: BTreeSet<Option<Uuid>> = self.candidate_connections.instances().collect();
        for m in self.members.values() {
            out.extend(m.connections.instances());
        }
        out
    }
}
