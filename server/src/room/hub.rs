//! Live rooms in memory: one per session with connected participants, its
//! state folded from the stored log when first opened. Every action is
//! decided, stored, applied and announced under the room's lock, so the log
//! order is the order everyone sees.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use mockroom_api::{ClientMessage, RoomRole, RoomView};
use tokio::sync::broadcast;
use uuid::Uuid;

use super::content::{QuestionContent, QuickCheckContent, SessionContent, StageContent};
use super::event::{Actor, RoomEvent};
use super::state::{Refusal, RoomState};
use super::view;
use crate::clock::Clock;
use crate::store::Store;

/// Who is looking: decides which view is built.
#[derive(Debug, Clone)]
pub enum Viewer {
    Candidate,
    Member { user_id: Uuid, role: RoomRole },
}

pub struct Room {
    pub session_id: Uuid,
    clock: Arc<Clock>,
    content: SessionContent,
    state: tokio::sync::Mutex<RoomState>,
    /// Carries the sequence number of each new event.
    changes: broadcast::Sender<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ActError {
    #[error("{}", .0.message)]
    Refused(Refusal),
    #[error(transparent)]
    Store(#[from] sqlx::Error),
    #[error(transparent)]
    Encode(#[from] serde_json::Error),
}

impl Room {
    pub fn content(&self) -> &SessionContent {
        &self.content
    }

    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.changes.subscribe()
    }

    /// The viewer's view and the sequence number it reflects.
    pub async fn view(&self, viewer: &Viewer) -> (i64, RoomView) {
        let state = self.state.lock().await;
        let now = self.clock.now_ms();
        let view = match viewer {
            Viewer::Candidate => RoomView::Candidate(view::candidate(&state, &self.content, now)),
            Viewer::Member { user_id, role } => {
                RoomView::Interviewer(view::interviewer(&state, &self.content, *user_id, *role, now))
            }
        };
        (state.seq, view)
    }

    /// Records an event that needs no validation (joins and leaves).
    pub async fn record(&self, store: &Store, actor: &Actor, event: RoomEvent) -> Result<i64, ActError> {
        let mut state = self.state.lock().await;
        self.commit(store, &mut state, actor, &event).await
    }

    /// Validates a participant's message and, if it changes anything, stores
    /// it before applying and announcing it.
    pub async fn act(
        &self,
        store: &Store,
        actor: &Actor,
        message: &ClientMessage,
    ) -> Result<Option<(i64, RoomEvent)>, ActError> {
        let mut state = self.state.lock().await;
        let Some(event) = state
            .decide(&self.content, actor, message, self.clock.now_ms())
            .map_err(ActError::Refused)?
        else {
            return Ok(None);
        };
        let seq = self.commit(store, &mut state, actor, &event).await?;
        Ok(Some((seq, event)))
    }

    /// The next deadline still ahead in a timed mock: the moment a fresh view
    /// must go out (the answer closes, the reveals and the rubric open)
    /// although no event happens then.
    pub async fn next_deadline_ms(&self) -> Option<i64> {
        if !self.content.mode.is_mock() {
            return None;
        }
        let now = self.clock.now_ms();
        let state = self.state.lock().await;
        state
            .questions
            .iter()
            .filter(|q| q.started_ms.is_some() && q.submitted_ms.is_none())
            .filter_map(|q| q.deadline_ms())
            .filter(|d| *d > now)
            .min()
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// A copy of the room's state (for history and summaries).
    pub async fn snapshot(&self) -> RoomState {
        self.state.lock().await.clone()
    }

    async fn commit(
        &self,
        store: &Store,
        state: &mut RoomState,
        actor: &Actor,
        event: &RoomEvent,
    ) -> Result<i64, ActError> {
        let seq = store
            .append_event(
                self.session_id,
                self.clock.now(),
                &serde_json::to_string(actor)?,
                &serde_json::to_string(event)?,
            )
            .await?;
        state.apply(seq, actor, event);
        // No receivers is fine: nobody else is connected.
        let _ = self.changes.send(seq);
        Ok(seq)
    }
}

/// The shared, immutable part of a question: what every room asking it reads.
#[derive(Clone)]
struct SharedQuestion {
    stages: Arc<Vec<StageContent>>,
    quick_checks: Arc<Vec<QuickCheckContent>>,
    rubric: Arc<mockroom_api::Rubric>,
}

/// The live rooms of this process.
pub struct Rooms {
    clock: Arc<Clock>,
    live: Mutex<HashMap<Uuid, Weak<Room>>>,
    /// Question content by question id; dropped once no room uses it.
    questions: Mutex<HashMap<Uuid, SharedQuestion>>,
    /// Serialises opening so two first connections build one room.
    opening: tokio::sync::Mutex<()>,
}

impl Rooms {
    pub fn new(clock: Arc<Clock>) -> Self {
        Rooms {
            clock,
            live: Mutex::default(),
            questions: Mutex::default(),
            opening: tokio::sync::Mutex::default(),
        }
    }

    /// The live room of a session (of `team_id`), loading it if nobody has it open.
    pub async fn open(&self, store: &Store, team_id: Uuid, session_id: Uuid) -> anyhow::Result<Option<Arc<Room>>> {
        if let Some(room) = self.live_room(session_id) {
            return Ok(Some(room));
        }
        let _guard = self.opening.lock().await;
        if let Some(room) = self.live_room(session_id) {
            return Ok(Some(room));
        }
        let Some(summary) = store.interview(team_id, session_id).await? else {
            return Ok(None);
        };
        let content = self
            .load_content(store, team_id, session_id, summary.mode, summary.candidate_name)
            .await?;
        let mut state = RoomState::new(&content);
        for row in store.events(session_id).await? {
            let actor: Actor = serde_json::from_str(&row.actor)?;
            let event: RoomEvent = serde_json::from_str(&row.payload)?;
            state.apply(row.seq, &actor, &event);
        }
        // Connections recorded before a crash or restart never got their
        // `left`: a fresh room starts with nobody connected.
        state.candidate_connections = 0;
        for m in state.members.values_mut() {
            m.connections = 0;
        }
        // A lagging receiver just sends the latest view: a short queue suffices.
        let (changes, _) = broadcast::channel(16);
        let room = Arc::new(Room {
            session_id,
            clock: self.clock.clone(),
            content,
            state: tokio::sync::Mutex::new(state),
            changes,
        });
        let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        live.retain(|_, weak| weak.strong_count() > 0);
        live.insert(session_id, Arc::downgrade(&room));
        Ok(Some(room))
    }

    fn live_room(&self, session_id: Uuid) -> Option<Arc<Room>> {
        let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        live.get(&session_id).and_then(Weak::upgrade)
    }
}

impl Rooms {
    async fn load_content(
        &self,
        store: &Store,
        team_id: Uuid,
        session_id: Uuid,
        mode: mockroom_api::SessionMode,
        candidate_name: String,
    ) -> anyhow::Result<SessionContent> {
        let mut questions = Vec::new();
        for (question_id, limit_secs) in store.interview_questions(session_id).await? {
            let gone = || anyhow::anyhow!("question {question_id} of session {session_id} is gone");
            let cached = {
                let mut cache = self.questions.lock().unwrap_or_else(|p| p.into_inner());
                // Forget questions that only the cache still holds.
                cache.retain(|_, q| Arc::strong_count(&q.stages) > 1);
                cache.get(&question_id).cloned()
            };
            // Another room already holds the stages: only the summary is read.
            let (summary, shared) = match cached {
                Some(shared) => (
                    store.question_summary(team_id, question_id).await?.ok_or_else(gone)?,
                    shared,
                ),
                None => {
                    let detail = store.question_detail(team_id, question_id).await?.ok_or_else(gone)?;
                    let quick_checks = detail
                        .quick_checks
                        .iter()
                        .map(|q| {
                            Ok(QuickCheckContent {
                                options: serde_json::from_str(&q.options_json)?,
                                correct: usize::try_from(q.correct).unwrap_or(0),
                            })
                        })
                        .collect::<Result<Vec<_>, serde_json::Error>>()?;
                    let stages = detail
                        .stages
                        .into_iter()
                        .map(|s| StageContent {
                            kind: s.kind,
                            title: s.title,
                            html: s.html,
                            quick_check: s.quick_check.and_then(|i| usize::try_from(i).ok()),
                        })
                        .collect();
                    let shared = SharedQuestion {
                        stages: Arc::new(stages),
                        quick_checks: Arc::new(quick_checks),
                        rubric: Arc::new(serde_json::from_str(&detail.rubric_json)?),
                    };
                    let mut cache = self.questions.lock().unwrap_or_else(|p| p.into_inner());
                    cache.insert(question_id, shared.clone());
                    (detail.summary, shared)
                }
            };
            questions.push(QuestionContent {
                summary,
                time_limit_ms: limit_secs * 1000,
                stages: shared.stages,
                quick_checks: shared.quick_checks,
                rubric: shared.rubric,
            });
        }
        Ok(SessionContent {
            mode,
            candidate_name,
            questions,
        })
    }
}
