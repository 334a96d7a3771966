//! Login throttle counters and trusted devices, shared by every instance on
//! the same database. Each counter update is one atomic upsert: concurrent
//! attempts on the same key never both slip through on a stale count. An
//! attempt's counters are taken in one transaction (one write for SQLite).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{on_pool, BeginWrite, Store};

/// How many trusted devices an account keeps (the newest win).
const DEVICES_PER_USER: i64 = 20;

/// One counter an attempt must pass.
#[derive(Debug, Clone)]
pub enum ThrottleRule {
    /// At most `max` attempts per fixed window of `window_ms`, starting at
    /// the first attempt.
    Limit { key: Vec<u8>, window_ms: i64, max: i64 },
    /// The first `free` attempts pass; each later one must wait `base_ms`,
    /// then twice as long, and so on up to `cap_ms`, counted from the previous
    /// attempt. Forgotten after `memory_ms` without attempts.
    Backoff {
        key: Vec<u8>,
        free: i64,
        base_ms: i64,
        cap_ms: i64,
        memory_ms: i64,
    },
}

const LIMIT: &str = "INSERT INTO login_throttle (key, hits, reset_ms, expires_ms) VALUES ($1, 1, $2 + $3, $2 + $3)
     ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN login_throttle.reset_ms <= $2 THEN 1 ELSE login_throttle.hits + 1 END,
         reset_ms = CASE WHEN login_throttle.reset_ms <= $2 THEN $2 + $3 ELSE login_throttle.reset_ms END,
         expires_ms = CASE WHEN login_throttle.reset_ms <= $2 THEN $2 + $3 ELSE login_throttle.reset_ms END
     WHERE login_throttle.reset_ms <= $2 OR login_throttle.hits < $4
     RETURNING hits";

// A forgotten row (reset_ms passed) starts again at attempt 1, never delayed.
const BACKOFF: &str = "INSERT INTO login_throttle (key, hits, reset_ms, delay_ms, blocked_ms, expires_ms)
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
     RETURNING hits";

impl Store {
    /// Counts one attempt against each rule in order, in one transaction, and
    /// stops at the first that refuses (the ones before it keep the count).
    /// Refused attempts are not counted: hammering a closed door does not
    /// keep it closed longer. `Err(ms)`: refused, try again in `ms`.
    pub async fn throttle_take(&self, rules: &[ThrottleRule], now_ms: i64) -> Result<Result<(), i64>, sqlx::Error> {
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut outcome = Ok(());
            for rule in rules {
                let (key, taken): (&[u8], Option<i64>) = match rule {
                    ThrottleRule::Limit { key, window_ms, max } => (key, sqlx::query_scalar(LIMIT)
                        .bind(key.as_slice())
                        .bind(now_ms)
                        .bind(*window_ms)
                        .bind(*max)
                        .fetch_optional(&mut *tx)
                        .await?),
                    ThrottleRule::Backoff { key, free, base_ms, cap_ms, memory_ms } => (key, sqlx::query_scalar(BACKOFF)
                        .bind(key.as_slice())
                        .bind(now_ms)
                        .bind(*free)
                        .bind(*base_ms)
                        .bind(*cap_ms)
                        .bind(*memory_ms)
                        .fetch_optional(&mut *tx)
                        .await?),
                };
                if taken.is_none() {
                    // Limits wait for their window's end, backoffs for their pause.
                    let until: Option<i64> = sqlx::query_scalar(
                        "SELECT CASE WHEN blocked_ms > $2 THEN blocked_ms ELSE reset_ms END FROM login_throttle WHERE key = $1",
                    )
                    .bind(key)
                    .bind(now_ms)
                    .fetch_optional(&mut *tx)
                    .await?;
                    outcome = Err(until.unwrap_or(now_ms) - now_ms);
                    break;
                }
            }
            tx.commit().await?;
            Ok(outcome)
        })
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

    /// The e-mail address of the account a device token was issued for, while it is valid.
    pub async fn trusted_device_email(&self, token_hash: &[u8]) -> Result<Option<String>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar(
            "SELECT users.email FROM trusted_devices JOIN users ON users.id = trusted_devices.user_id
             WHERE trusted_devices.token_hash = $1 AND trusted_devices.expires_at > $2",
        )
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
