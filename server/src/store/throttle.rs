//! Login throttle counters and trusted devices, shared by every instance on
//! the same database. Each counter update is one atomic upsert: concurrent
//! attempts on the same key never both slip through on a stale count.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{on_pool, Store};

/// How many trusted devices an account keeps (the newest win).
const DEVICES_PER_USER: i64 = 20;

impl Store {
    /// Counts an attempt under `key`: at most `max` per fixed window of
    /// `window_ms` starting at the first attempt. Refused attempts are not
    /// counted (hammering a closed door does not keep it closed longer).
    /// `Err(ms)`: refused, the window ends in `ms`.
    pub async fn throttle_limit(
        &self,
        key: &[u8],
        now_ms: i64,
        window_ms: i64,
        max: i64,
    ) -> Result<Result<(), i64>, sqlx::Error> {
        let taken: Option<i64> = on_pool!(self, pool => sqlx::query_scalar(
            "INSERT INTO login_throttle (key, hits, reset_ms, expires_ms) VALUES ($1, 1, $2 + $3, $2 + $3)
             ON CONFLICT (key) DO UPDATE SET
                 hits = CASE WHEN login_throttle.reset_ms <= $2 THEN 1 ELSE login_throttle.hits + 1 END,
                 reset_ms = CASE WHEN login_throttle.reset_ms <= $2 THEN $2 + $3 ELSE login_throttle.reset_ms END,
                 expires_ms = CASE WHEN login_throttle.reset_ms <= $2 THEN $2 + $3 ELSE login_throttle.reset_ms END
             WHERE login_throttle.reset_ms <= $2 OR login_throttle.hits < $4
             RETURNING hits",
        )
        .bind(key)
        .bind(now_ms)
        .bind(window_ms)
        .bind(max)
        .fetch_optional(pool)
        .await)?;
        if taken.is_some() {
            return Ok(Ok(()));
        }
        let reset: Option<i64> = on_pool!(self, pool => sqlx::query_scalar("SELECT reset_ms FROM login_throttle WHERE key = $1")
            .bind(key)
            .fetch_optional(pool)
            .await)?;
        Ok(Err(reset.unwrap_or(now_ms) - now_ms))
    }

    /// Counts an attempt under `key` with exponential backoff: the first
    /// `free` attempts pass; each later one must wait `base_ms`, then twice
    /// as long, and so on up to `cap_ms`, counted from the previous attempt.
    /// Forgotten after `memory_ms` without attempts. `Err(ms)`: wait `ms`.
    #[allow(clippy::too_many_arguments)]
    pub async fn throttle_backoff(
        &self,
        key: &[u8],
        now_ms: i64,
        free: i64,
        base_ms: i64,
        cap_ms: i64,
        memory_ms: i64,
    ) -> Result<Result<(), i64>, sqlx::Error> {
        // fresh = the row was forgotten; then this is attempt 1 (never delayed).
        let taken: Option<i64> = on_pool!(self, pool => sqlx::query_scalar(
            "INSERT INTO login_throttle (key, hits, reset_ms, delay_ms, blocked_ms, expires_ms)
             VALUES ($1, 1, $2 + $6, 0, $2, $2 + $6)
             ON CONFLICT (key) DO UPDATE SET
                 hits = CASE WHEN login_throttle.reset_ms <= $2 THEN 1 ELSE login_throttle.hits + 1 END,
                 delay_ms = CASE
                     WHEN login_throttle.reset_ms <= $2 OR login_throttle.hits + 1 <= $3 THEN 0
                     WHEN login_throttle.delay_ms = 0 THEN $4
                     WHEN login_throttle.delay_ms * 2 > $5 THEN $5
                     ELSE login_throttle.delay_ms * 2 END,
                 blocked_ms = $2 + CASE
                     WHEN login_throttle.reset_ms <= $2 OR login_throttle.hits + 1 <= $3 THEN 0
                     WHEN login_throttle.delay_ms = 0 THEN $4
                     WHEN login_throttle.delay_ms * 2 > $5 THEN $5
                     ELSE login_throttle.delay_ms * 2 END,
                 reset_ms = $2 + $6,
                 expires_ms = $2 + $6
             WHERE login_throttle.blocked_ms <= $2
             RETURNING hits",
        )
        .bind(key)
        .bind(now_ms)
        .bind(free)
        .bind(base_ms)
        .bind(cap_ms)
        .bind(memory_ms)
        .fetch_optional(pool)
        .await)?;
        if taken.is_some() {
            return Ok(Ok(()));
        }
        let blocked: Option<i64> = on_pool!(self, pool => sqlx::query_scalar("SELECT blocked_ms FROM login_throttle WHERE key = $1")
            .bind(key)
            .fetch_optional(pool)
            .await)?;
        Ok(Err(blocked.unwrap_or(now_ms) - now_ms))
    }

    /// Forgets a counter (a good login clears its account's failures).
    pub async fn throttle_clear(&self, key: &[u8]) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query("DELETE FROM login_throttle WHERE key = $1")
            .bind(key)
            .execute(pool)
            .await
            .map(|_| ()))
    }

    /// Drops counters nobody needs any more; returns how many.
    pub async fn purge_login_throttle(&self, now_ms: i64) -> Result<u64, sqlx::Error> {
        on_pool!(self, pool => sqlx::query("DELETE FROM login_throttle WHERE expires_ms < $1")
            .bind(now_ms)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
    }

    /// Remembers a browser that signed in to `user_id`, keeping the newest
    /// [`DEVICES_PER_USER`] per account.
    pub async fn trust_device(
        &self,
        token_hash: &[u8],
        user_id: Uuid,
        expires_at: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(token_hash)
                .bind(user_id)
                .bind(Utc::now())
                .bind(expires_at)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "DELETE FROM trusted_devices WHERE user_id = $1 AND token_hash NOT IN
                     (SELECT token_hash FROM trusted_devices WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2)",
            )
            .bind(user_id)
            .bind(DEVICES_PER_USER)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        })
    }

    /// The account a device token was issued for, while it is valid.
    pub async fn trusted_device_user(&self, token_hash: &[u8]) -> Result<Option<Uuid>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar("SELECT user_id FROM trusted_devices WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash)
            .bind(Utc::now())
            .fetch_optional(pool)
            .await)
    }

    pub async fn purge_expired_devices(&self) -> Result<u64, sqlx::Error> {
        on_pool!(self, pool => sqlx::query("DELETE FROM trusted_devices WHERE expires_at < $1")
            .bind(Utc::now())
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
    }
}
