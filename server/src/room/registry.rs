//! The rooms live on this instance, and how instances on one PostgreSQL stay
//! one room: each appended event is announced (`NOTIFY`), every instance
//! listens and catches its copy of the room up from the log, and a slow sweep
//! catches up anything a lost notification missed. Rooms are opened one
//! session at a time (no global lock) and dropped when nobody holds them.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use uuid::Uuid;

use super::content::ContentCache;
use super::engine::{Room, RoomEnv};
use super::event::{Actor, RoomEvent};
use super::log;
use crate::store::EVENTS_CHANNEL;

pub struct Rooms {
    env: Arc<RoomEnv>,
    content: ContentCache,
    live: Mutex<HashMap<Uuid, Weak<Room>>>,
    /// One lock per session being opened, so two first connections build one room.
    opening: Mutex<HashMap<Uuid, Arc<tokio::sync::Mutex<()>>>>,
    /// Instances known alive (refreshed with the heartbeat); on SQLite only this one.
    alive: Mutex<BTreeSet<Uuid>>,
    /// Connections open on this instance, and a signal to close them (drain).
    connections: AtomicUsize,
    closed: tokio::sync::Notify,
    draining: tokio::sync::watch::Sender<bool>,
}

impl Rooms {
    pub fn new(env: RoomEnv) -> Self {
        let me = env.instance;
        Rooms {
            env: Arc::new(env),
            content: ContentCache::default(),
            live: Mutex::default(),
            opening: Mutex::default(),
            alive: Mutex::new(BTreeSet::from([me])),
            connections: AtomicUsize::new(0),
            closed: tokio::sync::Notify::new(),
            draining: tokio::sync::watch::channel(false).0,
        }
    }

    pub fn env(&self) -> &Arc<RoomEnv> {
        &self.env
    }

    /// Question content shared by live rooms and recordings.
    pub fn content(&self) -> &ContentCache {
        &self.content
    }

    /// A session read from its log, without opening a live room.
    pub async fn recording(
        &self,
        summary: mockroom_api::SessionSummary,
    ) -> anyhow::Result<super::recording::Recording> {
        super::recording::Recording::read(&self.env.store, &self.content, summary).await
    }

    /// The live room of a session (of `team_id`), loading it if nobody has it open.
    pub async fn open(&self, team_id: Uuid, session_id: Uuid) -> anyhow::Result<Option<Arc<Room>>> {
        if let Some(room) = self.live_room(session_id) {
            return Ok(Some(room));
        }
        let gate = {
            let mut opening = self.opening.lock().unwrap_or_else(|p| p.into_inner());
            opening.entry(session_id).or_default().clone()
        };
        let opened = async {
            let _turn = gate.lock().await;
            if let Some(room) = self.live_room(session_id) {
                return Ok(Some(room));
            }
            let store = &self.env.store;
            let Some(summary) = store.interview(team_id, session_id).await? else {
                return Ok(None);
            };
            let content = self.content.load(store, summary).await?;
            let rows = store.events(session_id).await?;
            let log_bytes = rows.iter().map(|r| i64::try_from(r.payload.len()).unwrap_or(0)).sum();
            let state = log::fold(&content, &rows)?;
            let room = Room::new(self.env.clone(), team_id, session_id, content, state, log_bytes);
            self.write_off_dead_connections(&room).await;
            let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
            live.retain(|_, weak| weak.strong_count() > 0);
            live.insert(session_id, Arc::downgrade(&room));
            Ok(Some(room))
        }
        .await;
        let mut opening = self.opening.lock().unwrap_or_else(|p| p.into_inner());
        // The last opener of this session removes its gate.
        if Arc::strong_count(&gate) <= 2 {
            opening.remove(&session_id);
        }
        opened
    }

    fn live_room(&self, session_id: Uuid) -> Option<Arc<Room>> {
        let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        live.get(&session_id).and_then(Weak::upgrade)
    }

    fn live_rooms(&self) -> Vec<Arc<Room>> {
        let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        live.values().filter_map(Weak::upgrade).collect()
    }

    /// Connections the log says are open on instances that are gone (killed
    /// before they could record their leaving): recorded as lost, so nobody
    /// shows online who is not.
    async fn write_off_dead_connections(&self, room: &Room) {
        let gone: Vec<Option<Uuid>> = {
            let alive = self.alive.lock().unwrap_or_else(|p| p.into_inner());
            room.snapshot()
                .instances_with_connections()
                .into_iter()
                .filter(|i| !i.is_some_and(|i| alive.contains(&i)))
                .collect()
        };
        for instance in gone {
            let actor = Actor::Server {
                instance: self.env.instance,
            };
            // Another instance may have written them off first: that is fine,
            // the event then changes nothing.
            if let Err(err) = room.record(&actor, RoomEvent::ConnectionsLost { instance }).await {
                tracing::warn!(session = %room.session_id, error = %err, "could not write off lost connections");
            }
        }
    }

    /// A connection opened; its guard counts it until dropped.
    pub fn connection(self: &Arc<Self>) -> ConnectionGuard {
        self.connections.fetch_add(1, Ordering::SeqCst);
        ConnectionGuard { rooms: self.clone() }
    }

    /// Becomes true when the instance is draining: connections close with
    /// "reconnect" and their clients carry on elsewhere.
    pub fn draining(&self) -> tokio::sync::watch::Receiver<bool> {
        self.draining.subscribe()
    }

    /// Asks every connection to close and waits (at most `grace`) until they have.
    pub async fn drain(&self, grace: Duration) {
        self.draining.send_replace(true);
        let all_closed = async {
            loop {
                let notified = self.closed.notified();
                if self.connections.load(Ordering::SeqCst) == 0 {
                    return;
                }
                notified.await;
            }
        };
        if tokio::time::timeout(grace, all_closed).await.is_err() {
            tracing::warn!(
                open = self.connections.load(Ordering::SeqCst),
                "connections still open after the drain grace period"
            );
        }
        if let Err(err) = self.env.store.instance_stopped(self.env.instance).await {
            tracing::warn!(error = %err, "could not remove this instance's heartbeat row");
        }
    }

    /// Catches up a live room that another instance changed.
    async fn catch_up(&self, session_id: Uuid, seq: i64) {
        let Some(room) = self.live_room(session_id) else { return };
        if room.seq() >= seq {
            return;
        }
        if let Err(err) = room.catch_up().await {
            tracing::error!(session = %session_id, error = %err, "could not catch a room up");
        }
    }

    /// Catches up every live room that is behind the log (after a lost
    /// notification or a reconnect of the listener).
    async fn sweep(&self) {
        let rooms = self.live_rooms();
        if rooms.is_empty() {
            return;
        }
        let ids: Vec<Uuid> = rooms.iter().map(|r| r.session_id).collect();
        match self.env.store.last_seqs(&ids).await {
            Ok(last) => {
                for (session, seq) in last {
                    self.catch_up(session, seq).await;
                }
            }
            Err(err) => tracing::warn!(error = %err, "could not sweep the rooms"),
        }
    }

    /// Runs this instance's background duties until the process ends: the
    /// heartbeat (and writing off dead instances' connections) and, on
    /// PostgreSQL, listening for other instances' events.
    pub fn spawn_background(self: &Arc<Self>) -> Vec<tokio::task::JoinHandle<()>> {
        let mut tasks = vec![tokio::spawn(self.clone().heartbeat())];
        if self.env.store.postgres().is_some() {
            tasks.push(tokio::spawn(self.clone().listen()));
        }
        tasks
    }

    /// Says this instance is alive and learns which others are. Run once
    /// before serving (so that no room writes off a live instance's
    /// connections), then every few seconds.
    pub async fn beat(&self) -> anyhow::Result<()> {
        let env = &self.env;
        let now = env.clock.now();
        env.store.instance_alive(env.instance, now).await?;
        if env.store.postgres().is_none() {
            // SQLite serves one instance: nobody else can be alive.
            return Ok(());
        }
        let dead_after = env.limits.instance_dead_after;
        let since = now - chrono::Duration::from_std(dead_after).unwrap_or_default();
        let alive: BTreeSet<Uuid> = env
            .store
            .instances_seen_since(since)
            .await?
            .into_iter()
            .chain([env.instance])
            .collect();
        *self.alive.lock().unwrap_or_else(|p| p.into_inner()) = alive;
        Ok(())
    }

    async fn heartbeat(self: Arc<Self>) {
        // Four beats per dead-after period: a missed one or two is no death.
        let mut every = tokio::time::interval(self.env.limits.instance_dead_after / 4);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        every.tick().await;
        loop {
            every.tick().await;
            if let Err(err) = self.beat().await {
                tracing::warn!(error = %err, "could not exchange heartbeats");
                continue;
            }
            if self.env.store.postgres().is_none() {
                continue;
            }
            for room in self.live_rooms() {
                self.write_off_dead_connections(&room).await;
            }
            let now = self.env.clock.now();
            let _ = self
                .env
                .store
                .forget_instances_before(now - chrono::Duration::hours(1))
                .await;
            // The safety net for notifications lost on the way.
            self.sweep().await;
        }
    }

    async fn listen(self: Arc<Self>) {
        let Some(pool) = self.env.store.postgres().cloned() else {
            return;
        };
        loop {
            let mut listener = match sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(l) => l,
                Err(err) => {
                    tracing::warn!(error = %err, "cannot listen for other instances' events; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if let Err(err) = listener.listen(EVENTS_CHANNEL).await {
                tracing::warn!(error = %err, "LISTEN failed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            // Anything announced while nobody listened.
            self.sweep().await;
            loop {
                match listener.try_recv().await {
                    Ok(Some(n)) => {
                        let mut parts = n.payload().split(' ');
                        let (Some(session), Some(seq), instance) = (
                            parts.next().and_then(|s| s.parse::<Uuid>().ok()),
                            parts.next().and_then(|s| s.parse::<i64>().ok()),
                            parts.next().and_then(|s| s.parse::<Uuid>().ok()),
                        ) else {
                            continue;
                        };
                        if instance != Some(self.env.instance) {
                            self.catch_up(session, seq).await;
                        }
                    }
                    // The connection dropped and came back: notifications in
                    // between are lost, the log is not.
                    Ok(None) => self.sweep().await,
                    Err(err) => {
                        tracing::warn!(error = %err, "lost the event listener; reconnecting");
                        break;
                    }
                }
            }
        }
    }
}

/// Counts an open connection for [`Rooms::drain`].
pub struct ConnectionGuard {
    rooms: Arc<Rooms>,
}

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        self.rooms.connections.fetch_sub(1, Ordering::SeqCst);
        self.rooms.closed.notify_waiters();
    }
}
