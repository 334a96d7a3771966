//! Writes a session's event log as if people had been in the room, at times
//! in the past. Every action goes through the room's own rules
//! (`RoomState::decide`), is stored in the log's format at the next `seq`
//! and folded into the state, and has the follow-ups the engine gives it
//! (ending the session, scheduling review cards): so every screen reads the
//! demo exactly as it reads a real session. Only the clock differs: the
//! script's, moved on by hand.

use anyhow::{bail, ensure, Context};
use chrono::{DateTime, TimeZone, Utc};
use mockroom_api::ClientMessage;
use uuid::Uuid;

use crate::room::content::{ContentCache, SessionContent};
use crate::room::event::{Actor, RoomEvent, FORMAT};
use crate::room::log;
use crate::room::state::RoomState;
use crate::store::{NewEvent, Store};

pub struct Script<'a> {
    store: &'a Store,
    session_id: Uuid,
    content: SessionContent,
    state: RoomState,
    now_ms: i64,
}

impl<'a> Script<'a> {
    /// The session as its log stands (a drill starts with its copied
    /// recording), with the script's clock at `start`.
    pub async fn open(store: &'a Store, team_id: Uuid, session_id: Uuid, start: DateTime<Utc>) -> anyhow::Result<Self> {
        let summary = store
            .interview(team_id, session_id)
            .await?
            .with_context(|| format!("demo session {session_id} is gone"))?;
        let content = ContentCache::default().load(store, summary).await?;
        let state = log::fold(&content, &store.events(session_id).await?)?;
        Ok(Script {
            store,
            session_id,
            content,
            state,
            now_ms: start.timestamp_millis(),
        })
    }

    pub fn content(&self) -> &SessionContent {
        &self.content
    }

    pub fn state(&self) -> &RoomState {
        &self.state
    }

    /// Moves the script's clock on.
    pub fn wait(&mut self, seconds: i64) {
        self.now_ms += seconds * 1000;
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.now_ms).single().unwrap_or_default()
    }

    /// A participant's message, decided by the room's rules. A refusal is a
    /// mistake in the demo script, never something to store.
    pub async fn act(&mut self, actor: &Actor, message: ClientMessage) -> anyhow::Result<()> {
        match self.state.decide(&self.content, actor, &message, self.now_ms) {
            Ok(Some(event)) => self.append(actor, event).await,
            Ok(None) => Ok(()),
            Err(refusal) => bail!(
                "the room refused the demo's {message:?} in session {}: {} ({})",
                self.session_id,
                refusal.message,
                refusal.code
            ),
        }
    }

    /// An event that needs no decision (joining and leaving).
    pub async fn record(&mut self, actor: &Actor, event: RoomEvent) -> anyhow::Result<()> {
        self.append(actor, event).await
    }

    async fn append(&mut self, actor: &Actor, event: RoomEvent) -> anyhow::Result<()> {
        let (actor_json, payload) = log::encode(actor, &event)?;
        let seq = self.state.seq + 1;
        let written = self
            .store
            .append_event(&NewEvent {
                session_id: self.session_id,
                seq,
                at: self.now(),
                actor: &actor_json,
                payload: &payload,
                format: FORMAT,
            })
            .await?;
        ensure!(written, "session {} changed while the demo wrote it", self.session_id);
        self.state.apply(seq, actor, &event);
        self.effects(&event).await
    }

    /// The engine's follow-ups (`room::engine::Room::effects`), at the script's time.
    async fn effects(&self, event: &RoomEvent) -> anyhow::Result<()> {
        match event {
            RoomEvent::Finished { .. } => self.store.end_interview(self.session_id, self.now()).await?,
            RoomEvent::QuickCheckAnswered {
                question,
                check,
                option,
            } => {
                if let (Some(owner), Some(q)) = (self.content.practice_owner, self.content.questions.get(*question)) {
                    let correct = q.quick_checks.get(*check).is_some_and(|c| c.correct == *option);
                    let now = self.now();
                    crate::practice::reviews::record_answer_at(
                        self.store,
                        || now,
                        owner,
                        q.summary.id,
                        *check,
                        *option,
                        correct,
                    )
                    .await?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}
