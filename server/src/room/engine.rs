//! One live room: the session's state folded from its log, and the only
//! path by which anything is added to that log.
//!
//! An action is decided against the state, appended to the log at the next
//! `seq` (optimistically: if another instance took that `seq`, the room
//! catches up on the log and decides again), applied, published to this
//! instance's connections, announced to the other instances, and followed by
//! its effects (ending the session, scheduling reviews). Readers never lock:
//! they get the latest state (`Arc<RoomState>`, copy-on-write) from a watch
//! channel, and build their own views from it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Weak};

use mockroom_api::{ClientMessage, RoomRole, RoomView};
use tokio::sync::{watch, Mutex};
use uuid::Uuid;

use super::content::SessionContent;
use super::event::{Actor, RoomEvent, FORMAT};
use super::limits::RoomLimits;
use super::log;
use super::state::{refuse, Refusal, RoomState};
use super::view;
use crate::clock::Clock;
use crate::store::{NewEvent, Store};

/// What every room of this instance shares.
pub struct RoomEnv {
    pub store: Store,
    pub clock: Arc<Clock>,
    /// This server instance (recorded with joins and leaves).
    pub instance: Uuid,
    pub limits: RoomLimits,
}

/// Who is looking: decides which view is built.
#[derive(Debug, Clone)]
pub enum Viewer {
    Candidate,
    Member { user_id: Uuid, role: RoomRole },
}

#[derive(Debug, thiserror::Error)]
pub enum ActError {
    #[error("{}", .0.message)]
    Refused(Refusal),
    #[error(transparent)]
    Store(#[from] sqlx::Error),
    #[error(transparent)]
    Encode(#[from] serde_json::Error),
    #[error(transparent)]
    Log(#[from] log::LogError),
    #[error("the session's log kept moving under this action")]
    Contention,
}

/// What became of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acted {
    /// Stored as event `seq`.
    Stored(i64),
    /// Nothing to store (a repeat, a ping).
    Nothing,
    /// An answer that waits for its turn to be written (see `answer_interval`).
    Deferred,
}

pub struct Room {
    pub session_id: Uuid,
    pub team_id: Uuid,
    content: SessionContent,
    env: Arc<RoomEnv>,
    writer: Mutex<Writer>,
    current: watch::Sender<Arc<RoomState>>,
    /// Candidate connections open on this instance (capped per link).
    candidates_here: AtomicUsize,
    me: Weak<Room>,
}

/// The write side, held while deciding and appending.
struct Writer {
    state: Arc<RoomState>,
    /// Payload bytes the session's log holds.
    log_bytes: i64,
    /// Typed answers waiting for their turn, by question.
    pending: BTreeMap<usize, (Actor, String)>,
    /// When each question's answer was last written (ms).
    answer_written_ms: BTreeMap<usize, i64>,
    flush_scheduled: bool,
}

/// How often an append may lose the race for its `seq` before the action
/// fails. Two instances writing one room as fast as they can lose a few
/// races in a row; the back-off below breaks such streaks.
const APPEND_ATTEMPTS: u32 = 32;

/// After a few lost races in a row, waits a random moment (up to a few ms)
/// so that competing writers stop colliding.
async fn back_off(attempt: u32) {
    if attempt >= 2 {
        let max_us = 500 * u64::from(attempt.min(20));
        let wait = rand::random::<u64>() % max_us.max(1);
        tokio::time::sleep(std::time::Duration::from_micros(wait)).await;
    }
}

/// Refusal for an action the room cannot take any more text for.
fn session_full() -> Refusal {
    refuse(
        "session_full",
        "this session has stored all the text it may; ask the interviewer to start a new one",
    )
}

impl Room {
    /// A room at the state folded from `events` (the whole log so far).
    pub fn new(
        env: Arc<RoomEnv>,
        team_id: Uuid,
        session_id: Uuid,
        content: SessionContent,
        state: RoomState,
        log_bytes: i64,
    ) -> Arc<Room> {
        let state = Arc::new(state);
        let (current, _) = watch::channel(state.clone());
        Arc::new_cyclic(|me| Room {
            session_id,
            team_id,
            content,
            env,
            writer: Mutex::new(Writer {
                state,
                log_bytes,
                pending: BTreeMap::new(),
                answer_written_ms: BTreeMap::new(),
                flush_scheduled: false,
            }),
            current,
            candidates_here: AtomicUsize::new(0),
            me: me.clone(),
        })
    }

    pub fn content(&self) -> &SessionContent {
        &self.content
    }

    pub fn env(&self) -> &RoomEnv {
        &self.env
    }

    pub fn now_ms(&self) -> i64 {
        self.env.clock.now_ms()
    }

    /// The latest state (cheap: shared, never changed in place).
    pub fn snapshot(&self) -> Arc<RoomState> {
        self.current.borrow().clone()
    }

    /// Wakes whenever the state moves on.
    pub fn subscribe(&self) -> watch::Receiver<Arc<RoomState>> {
        self.current.subscribe()
    }

    /// The view `viewer` has of `state` at `now_ms`.
    pub fn view_of(&self, viewer: &Viewer, state: &RoomState, now_ms: i64) -> RoomView {
        match viewer {
            Viewer::Candidate => RoomView::Candidate(view::candidate(state, &self.content, now_ms)),
            Viewer::Member { user_id, role } => {
                RoomView::Interviewer(view::interviewer(state, &self.content, *user_id, *role, now_ms))
            }
        }
    }

    /// Counts a candidate connection on this instance, unless the link holds
    /// its maximum already: across instances as the log counts them, and
    /// here including handshakes not yet joined.
    pub fn admit_candidate(&self) -> bool {
        let max = self.env.limits.link_connections;
        let everywhere = self.snapshot().candidate_connections.total();
        everywhere < max
            && self
                .candidates_here
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1))
                .is_ok()
    }

    pub fn candidate_gone(&self) {
        let _ = self
            .candidates_here
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| Some(n.saturating_sub(1)));
    }

    /// A timed mock's next deadline that a view built at `seen_ms` does not
    /// show yet: the moment a fresh view must go out (the answer closes, the
    /// reveals open) although no event happens then.
    pub fn next_deadline_ms(&self, state: &RoomState, seen_ms: i64) -> Option<i64> {
        if !self.content.mode.is_mock() {
            return None;
        }
        state.next_deadline_after(seen_ms)
    }

    /// Records an event that needs no decision (joins, leaves, withdrawn links).
    pub async fn record(&self, actor: &Actor, event: RoomEvent) -> Result<i64, ActError> {
        let mut w = self.writer.lock().await;
        for attempt in 0..APPEND_ATTEMPTS {
            if let Some(seq) = self.append(&mut w, actor, &event).await? {
                return Ok(seq);
            }
            self.catch_up_locked(&mut w).await?;
            back_off(attempt).await;
        }
        Err(ActError::Contention)
    }

    /// Decides a participant's message against the current state and, if it
    /// changes anything, stores it. A candidate's answer is written at most
    /// every `answer_interval` per question; in between the latest text waits.
    pub async fn act(&self, actor: &Actor, message: &ClientMessage) -> Result<Acted, ActError> {
        let mut w = self.writer.lock().await;
        if let ClientMessage::Answer { question, text } = message {
            // Refused now if it would be refused at all (too long, locked, ended).
            let now = self.now_ms();
            if w.state
                .decide(&self.content, actor, message, now)
                .map_err(ActError::Refused)?
                .is_none()
            {
                w.pending.remove(question);
                return Ok(Acted::Nothing);
            }
            let interval = i64::try_from(self.env.limits.answer_interval.as_millis()).unwrap_or(i64::MAX);
            let turn = w.answer_written_ms.get(question).map_or(now, |at| at + interval);
            if now < turn {
                w.pending.insert(*question, (actor.clone(), text.clone()));
                self.schedule_flush(&mut w, turn);
                return Ok(Acted::Deferred);
            }
            w.pending.remove(question);
            return self.decide_and_store(&mut w, actor, message).await;
        }
        if actor.role() == RoomRole::Candidate && !w.pending.is_empty() {
            // Handing in, finishing, answering a quick check: the text typed
            // just before counts first.
            self.flush_locked(&mut w, true).await?;
        }
        self.decide_and_store(&mut w, actor, message).await
    }

    /// Writes every waiting answer now (the candidate's connection is closing).
    pub async fn flush_answers(&self) -> Result<(), ActError> {
        let mut w = self.writer.lock().await;
        self.flush_locked(&mut w, true).await
    }

    /// Applies events other instances appended since this room's state.
    pub async fn catch_up(&self) -> Result<(), ActError> {
        let mut w = self.writer.lock().await;
        self.catch_up_locked(&mut w).await
    }

    /// The latest `seq` this instance has applied.
    pub fn seq(&self) -> i64 {
        self.current.borrow().seq
    }

    async fn decide_and_store(
        &self,
        w: &mut Writer,
        actor: &Actor,
        message: &ClientMessage,
    ) -> Result<Acted, ActError> {
        for attempt in 0..APPEND_ATTEMPTS {
            let now = self.now_ms();
            let Some(event) = w
                .state
                .decide(&self.content, actor, message, now)
                .map_err(ActError::Refused)?
            else {
                return Ok(Acted::Nothing);
            };
            let text = match &event {
                RoomEvent::Answered { text, .. } | RoomEvent::Noted { text, .. } => text.len(),
                _ => 0,
            };
            if text > 0 && w.log_bytes + i64::try_from(text).unwrap_or(i64::MAX) > self.env.limits.session_log_max_bytes
            {
                return Err(ActError::Refused(session_full()));
            }
            match self.append(w, actor, &event).await? {
                Some(seq) => {
                    if let RoomEvent::Answered { question, .. } = &event {
                        w.answer_written_ms.insert(*question, now);
                    }
                    self.effects(&event).await;
                    return Ok(Acted::Stored(seq));
                }
                // Another instance wrote first: see what it wrote, decide again.
                None => {
                    self.catch_up_locked(w).await?;
                    back_off(attempt).await;
                }
            }
        }
        Err(ActError::Contention)
    }

    /// Appends `event` at the next `seq`; `None` if that `seq` was taken.
    async fn append(&self, w: &mut Writer, actor: &Actor, event: &RoomEvent) -> Result<Option<i64>, ActError> {
        let (actor_json, payload) = log::encode(actor, event)?;
        let seq = w.state.seq + 1;
        let written = self
            .env
            .store
            .append_event(&NewEvent {
                session_id: self.session_id,
                seq,
                at: self.env.clock.now(),
                actor: &actor_json,
                payload: &payload,
                format: FORMAT,
            })
            .await?;
        if !written {
            return Ok(None);
        }
        w.log_bytes += i64::try_from(payload.len()).unwrap_or(0);
        Arc::make_mut(&mut w.state).apply(seq, actor, event);
        self.current.send_replace(w.state.clone());
        if let Err(err) = self
            .env
            .store
            .announce_event(self.session_id, seq, self.env.instance)
            .await
        {
            // The others still catch up at their next notification or sweep.
            tracing::warn!(session = %self.session_id, seq, error = %err, "could not announce an event");
        }
        Ok(Some(seq))
    }

    async fn catch_up_locked(&self, w: &mut Writer) -> Result<(), ActError> {
        let rows = self.env.store.events_after(self.session_id, w.state.seq).await?;
        if rows.is_empty() {
            return Ok(());
        }
        let state = Arc::make_mut(&mut w.state);
        for row in &rows {
            let e = log::decode(row)?;
            w.log_bytes += i64::try_from(row.payload.len()).unwrap_or(0);
            state.apply(e.seq, &e.actor, &e.event);
        }
        self.current.send_replace(w.state.clone());
        Ok(())
    }

    /// Writes waiting answers whose turn has come (all of them if `all`).
    async fn flush_locked(&self, w: &mut Writer, all: bool) -> Result<(), ActError> {
        let interval = i64::try_from(self.env.limits.answer_interval.as_millis()).unwrap_or(i64::MAX);
        let now = self.now_ms();
        let due: Vec<usize> = w
            .pending
            .keys()
            .copied()
            .filter(|q| all || w.answer_written_ms.get(q).is_none_or(|at| at + interval <= now))
            .collect();
        for question in due {
            let Some((actor, text)) = w.pending.remove(&question) else {
                continue;
            };
            let message = ClientMessage::Answer { question, text };
            match self.decide_and_store(w, &actor, &message).await {
                Ok(_) => {}
                // The answer closed meanwhile (deadline, submission, the end):
                // the text that came too late is not kept.
                Err(ActError::Refused(r)) => {
                    tracing::info!(session = %self.session_id, question, code = r.code, "a waiting answer was refused")
                }
                Err(err) => return Err(err),
            }
        }
        if let Some(next) = w
            .pending
            .keys()
            .filter_map(|q| w.answer_written_ms.get(q).map(|at| at + interval))
            .min()
        {
            self.schedule_flush(w, next);
        }
        Ok(())
    }

    fn schedule_flush(&self, w: &mut Writer, at_ms: i64) {
        if w.flush_scheduled {
            return;
        }
        w.flush_scheduled = true;
        let room = self.me.clone();
        let wait = u64::try_from(at_ms - self.now_ms()).unwrap_or(0);
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
            let Some(room) = room.upgrade() else { return };
            let mut w = room.writer.lock().await;
            w.flush_scheduled = false;
            if let Err(err) = room.flush_locked(&mut w, false).await {
                tracing::error!(session = %room.session_id, error = %err, "could not write a waiting answer");
            }
        });
    }

    /// What else a stored event sets off, run once by the instance that stored it.
    async fn effects(&self, event: &RoomEvent) {
        let env = &self.env;
        let result = match event {
            RoomEvent::Finished { .. } => env
                .store
                .end_interview(self.session_id, env.clock.now())
                .await
                .map_err(anyhow::Error::from),
            RoomEvent::QuickCheckAnswered {
                question,
                check,
                option,
            } => match (self.content.practice_owner, self.content.questions.get(*question)) {
                (Some(owner), Some(q)) => {
                    let correct = q.quick_checks.get(*check).is_some_and(|c| c.correct == *option);
                    crate::practice::reviews::record_answer(
                        &env.store,
                        &env.clock,
                        owner,
                        q.summary.id,
                        *check,
                        *option,
                        correct,
                    )
                    .await
                    .map(|_| ())
                }
                _ => Ok(()),
            },
            _ => Ok(()),
        };
        if let Err(err) = result {
            // The event itself is stored; only its follow-up failed.
            tracing::error!(session = %self.session_id, error = %err, "follow-up of a room event failed");
        }
    }
}
