//! Running server instances. Each refreshes its row every few seconds; a
//! row gone stale belongs to an instance that died (`kill -9`, a lost host)
//! without closing its WebSockets, whose connections the others write off.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{on_pool, Store};

impl Store {
    /// Records that `id` is alive at `now` (inserting it the first time).
    pub async fn instance_alive(&self, id: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO server_instances (id, started_at, seen_at) VALUES ($1, $2, $2)
             ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at",
        )
        .bind(id)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Instances seen at `since` or later.
    pub async fn instances_seen_since(&self, since: DateTime<Utc>) -> Result<Vec<Uuid>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar::<_, Uuid>("SELECT id FROM server_instances WHERE seen_at >= $1")
            .bind(since)
            .fetch_all(pool)
            .await)
    }

    /// Forgets instances not seen since `before` (their connections are written off).
    pub async fn forget_instances_before(&self, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
        on_pool!(self, pool => sqlx::query("DELETE FROM server_instances WHERE seen_at < $1")
            .bind(before)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
    }

    /// Removes an instance that stops cleanly (its connections have left).
    pub async fn instance_stopped(&self, id: Uuid) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query("DELETE FROM server_instances WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ()))
    }
}
