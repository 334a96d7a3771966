//! The event log of each session, shared by every server instance.
//!
//! Appends are optimistic: an instance writes event `seq = n + 1` where `n` is
//! the last event it has applied; if another instance took that `seq` first,
//! nothing is written and the caller catches up on the log and decides again.
//! On PostgreSQL each append is then announced with `NOTIFY` (in its own
//! statement, after the event's insert has committed: a pending notification
//! takes a database-wide lock at commit, which must not be held by the
//! write) so that the other instances fetch the new events.

use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use super::{on_pool, Backend, Store};

/// The channel instances listen on; payload `"<session> <seq> <instance>"`.
pub const EVENTS_CHANNEL: &str = "mockroom_events";

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub payload: String,
    /// The stored format (`room::event::FORMAT` when written by this release).
    pub format: i64,
}

/// An event to append.
pub struct NewEvent<'a> {
    pub session_id: Uuid,
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    pub payload: &'a str,
    pub format: i16,
}

const COLUMNS: &str = "CAST(seq AS BIGINT) AS seq, at, actor, payload, CAST(format AS BIGINT) AS format";

impl Store {
    /// Writes the event at its `seq` unless that place is taken: `false`
    /// means another writer got there first.
    pub async fn append_event(&self, e: &NewEvent<'_>) -> Result<bool, sqlx::Error> {
        let sql = "INSERT INTO session_events (session_id, seq, at, actor, payload, format)
                   VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (session_id, seq) DO NOTHING";
        let written = on_pool!(self, pool => sqlx::query(sql)
            .bind(e.session_id)
            .bind(e.seq)
            .bind(e.at)
            .bind(e.actor)
            .bind(e.payload)
            .bind(e.format)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(written == 1)
    }

    /// Tells the other instances (PostgreSQL) that `session` has event `seq`.
    /// SQLite runs one instance: nobody to tell.
    pub async fn announce_event(&self, session: Uuid, seq: i64, instance: Uuid) -> Result<(), sqlx::Error> {
        if let Backend::Postgres(pool) = &self.backend {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(EVENTS_CHANNEL)
                .bind(format!("{session} {seq} {instance}"))
                .execute(pool)
                .await?;
        }
        Ok(())
    }

    /// Every event of a session, in order.
    pub async fn events(&self, session_id: Uuid) -> Result<Vec<EventRow>, sqlx::Error> {
        self.events_after(session_id, 0).await
    }

    /// The events after `seq`, in order.
    pub async fn events_after(&self, session_id: Uuid, seq: i64) -> Result<Vec<EventRow>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM session_events WHERE session_id = $1 AND seq > $2 ORDER BY seq");
        on_pool!(self, pool => sqlx::query_as::<_, EventRow>(&sql)
            .bind(session_id)
            .bind(seq)
            .fetch_all(pool)
            .await)
    }

    /// Bytes of event payload a session has stored (its budget is capped).
    pub async fn event_bytes(&self, session_id: Uuid) -> Result<i64, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar::<_, i64>(
            "SELECT CAST(COALESCE(SUM(LENGTH(payload)), 0) AS BIGINT) FROM session_events WHERE session_id = $1",
        )
        .bind(session_id)
        .fetch_one(pool)
        .await)
    }

    /// The last `seq` of each of `sessions` (those with events).
    pub async fn last_seqs(&self, sessions: &[Uuid]) -> Result<Vec<(Uuid, i64)>, sqlx::Error> {
        let mut out = Vec::with_capacity(sessions.len());
        // Batches keep each statement's parameter list small on both backends.
        for chunk in sessions.chunks(200) {
            let marks = (1..=chunk.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "SELECT session_id, CAST(MAX(seq) AS BIGINT) FROM session_events WHERE session_id IN ({marks}) GROUP BY session_id"
            );
            let rows = on_pool!(self, pool => {
                let mut q = sqlx::query_as::<_, (Uuid, i64)>(&sql);
                for id in chunk {
                    q = q.bind(*id);
                }
                q.fetch_all(pool).await
            })?;
            out.extend(rows);
        }
        Ok(out)
    }
}
