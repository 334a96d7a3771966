//! A room's state as a fold over its events, and the rules that turn a
//! participant's message into an event (or refuse it).

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
    pub connections: u32,
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
    pub candidate_connections: u32,
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
            candidate_connections: 0,
        }
    }

    /// Applies a stored event. Events were validated before they were stored,
    /// so this never fails; out-of-range indexes are ignored defensively.
    pub fn apply(&mut self, seq: i64, actor: &Actor, event: &RoomEvent) {
        self.seq = seq;
        match event {
            RoomEvent::Joined => match actor {
                Actor::Candidate { .. } => self.candidate_connections += 1,
                Actor::Member { user_id, name, role } => {
                    let m = self.members.entry(*user_id).or_default();
                    m.name.clone_from(name);
                    m.role = Some(*role);
                    m.connections += 1;
                }
            },
            RoomEvent::Left => match actor {
                Actor::Candidate { .. } => self.candidate_connections = self.candidate_connections.saturating_sub(1),
                Actor::Member { user_id, .. } => {
                    if let Some(m) = self.members.get_mut(user_id) {
                        m.connections = m.connections.saturating_sub(1);
                    }
                }
            },
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
                // Finishing hands in every answer still on the clock.
                for q in &mut self.questions {
                    let running = q.deadline_ms().is_some_and(|d| *at_ms < d);
                    if q.started_ms.is_some() && q.submitted_ms.is_none() && running {
                        q.submitted_ms = Some(*at_ms);
                    }
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

    /// The rules of a live room: the interviewer drives.
    pub(super) fn decide_live(
        &self,
        content: &SessionContent,
        actor: &Actor,
        message: &ClientMessage,
        now_ms: i64,
    ) -> Result<Option<RoomEvent>, Refusal> {
        let role = actor.role();
        let controls = role == RoomRole::Interviewer;
        let scores = matches!(role, RoomRole::Interviewer | RoomRole::Panelist);
        let question = |q: usize| self.question(content, q);
        // Once the interview has ended the candidate's work is final; scoring goes on.
        let ended = || {
            if self.finished && role == RoomRole::Candidate {
                Err(refuse("finished", "the interview has ended"))
            } else {
                Ok(())
            }
        };
        let need = |ok: bool, what: &str| {
            if ok {
                Ok(())
            } else {
                Err(refuse("forbidden", format!("{what} is not allowed for your role")))
            }
        };
        let event = match message {
            ClientMessage::Hello { .. } | ClientMessage::Ping => return Ok(None),
            ClientMessage::RevealNext => {
                need(controls, "revealing")?;
                let (c, s) = question(self.current)?;
                let next = (0..c.stages.len()).find(|i| !s.revealed.contains(i));
                let stage =
                    next.ok_or_else(|| refuse("nothing_to_reveal", "every stage of this question is revealed"))?;
                RoomEvent::Revealed {
                    question: self.current,
                    stage,
                }
            }
            ClientMessage::Reveal { question: q, stage } => {
                need(controls, "revealing")?;
                let (c, s) = question(*q)?;
                if *stage >= c.stages.len() {
                    return Err(refuse("bad_stage", "no such stage"));
                }
                if s.revealed.contains(stage) {
                    return Ok(None);
                }
                RoomEvent::Revealed {
                    question: *q,
                    stage: *stage,
                }
            }
            ClientMessage::Hide { question: q, stage } => {
                need(controls, "hiding")?;
                let (_, s) = question(*q)?;
                if !s.revealed.contains(stage) {
                    return Ok(None);
                }
                RoomEvent::Hidden {
                    question: *q,
                    stage: *stage,
                }
            }
            ClientMessage::GoTo { question: q } => {
                need(controls, "changing the question")?;
                question(*q)?;
                RoomEvent::QuestionChanged { question: *q }
            }
            ClientMessage::TimerStart | ClientMessage::TimerResume => {
                need(controls, "the timer")?;
                let (_, s) = question(self.current)?;
                match s.timer {
                    Timer::Running { .. } => return Ok(None),
                    Timer::Stopped { remaining_ms } => {
                        let deadline_ms = now_ms + remaining_ms;
                        if matches!(message, ClientMessage::TimerStart) {
                            RoomEvent::TimerStarted {
                                question: self.current,
                                deadline_ms,
                            }
                        } else {
                            RoomEvent::TimerResumed {
                                question: self.current,
                                deadline_ms,
                            }
                        }
                    }
                }
            }
            ClientMessage::TimerPause => {
                need(controls, "the timer")?;
                let (_, s) = question(self.current)?;
                match s.timer {
                    Timer::Stopped { .. } => return Ok(None),
                    Timer::Running { deadline_ms } => RoomEvent::TimerPaused {
                        question: self.current,
                        remaining_ms: (deadline_ms - now_ms).max(0),
                    },
                }
            }
            ClientMessage::TimerExtend { seconds } => {
                need(controls, "the timer")?;
                if *seconds == 0 || *seconds > 3600 {
                    return Err(refuse("bad_extension", "extend by 1 to 3600 seconds"));
                }
                let by = i64::from(*seconds) * 1000;
                let (_, s) = question(self.current)?;
                match s.timer {
                    Timer::Running { deadline_ms } => {
                        // A deadline already passed extends from now, not from the past.
                        let deadline_ms = deadline_ms.max(now_ms) + by;
                        RoomEvent::TimerExtended {
                            question: self.current,
                            deadline_ms: Some(deadline_ms),
                            remaining_ms: deadline_ms - now_ms,
                        }
                    }
                    Timer::Stopped { remaining_ms } => RoomEvent::TimerExtended {
                        question: self.current,
                        deadline_ms: None,
                        remaining_ms: remaining_ms + by,
                    },
                }
            }
            ClientMessage::Answer { question: q, text } => {
                need(role == RoomRole::Candidate, "answering")?;
                ended()?;
                question(*q)?;
                check_answer_length(text)?;
                RoomEvent::Answered {
                    question: *q,
                    text: text.clone(),
                    late: false,
                }
            }
            ClientMessage::QuickCheck {
                question: q,
                check,
                option,
            } => {
                need(role == RoomRole::Candidate, "answering quick checks")?;
                ended()?;
                let (c, s) = question(*q)?;
                let qc = c
                    .quick_checks
                    .get(*check)
                    .ok_or_else(|| refuse("bad_check", "no such quick check"))?;
                let shown = c.check_stage(*check).is_some_and(|i| s.revealed.contains(&i));
                let explained = c.explanation_stage(*check).is_some_and(|i| s.revealed.contains(&i));
                if !shown {
                    return Err(refuse("bad_check", "no such quick check"));
                }
                if s.quick_checks.contains_key(check) || explained {
                    return Err(refuse("locked", "this quick check is closed"));
                }
                if *option >= qc.options.len() {
                    return Err(refuse("bad_option", "no such option"));
                }
                RoomEvent::QuickCheckAnswered {
                    question: *q,
                    check: *check,
                    option: *option,
                }
            }
            ClientMessage::Score {
                question: q,
                dimension,
                level,
            } => {
                need(scores, "scoring")?;
                let (c, s) = question(*q)?;
                check_level(c, *dimension, *level)?;
                RoomEvent::Scored {
                    question: *q,
                    dimension: *dimension,
                    level: *level,
                    revealed: s.revealed.iter().copied().collect(),
                }
            }
            ClientMessage::Note { question: q, text } => {
                need(scores, "notes")?;
                question(*q)?;
                if text.len() > 64 * 1024 {
                    return Err(refuse("too_long", "notes are limited to 64 KiB"));
                }
                RoomEvent::Noted {
                    question: *q,
                    text: text.clone(),
                }
            }
            ClientMessage::Recommend { value } => {
                need(scores, "recommendations")?;
                RoomEvent::Recommended { value: *value }
            }
            ClientMessage::Submit => {
                need(scores, "submitting scores")?;
                RoomEvent::Submitted
            }
            ClientMessage::Finish => {
                need(controls, "ending the interview")?;
                if self.finished {
                    return Ok(None);
                }
                RoomEvent::Finished { at_ms: now_ms }
            }
            ClientMessage::StartQuestion { .. }
            | ClientMessage::SubmitAnswer { .. }
            | ClientMessage::SelfScore { .. } => {
                return Err(refuse("not_a_mock", "only timed mocks take this message"));
            }
        };
        Ok(Some(event))
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

pub(super) fn check_answer_length(text: &str) -> Result<(), Refusal> {
    if text.len() > 64 * 1024 {
        return Err(refuse("too_long", "answers are limited to 64 KiB"));
    }
    Ok(())
}
