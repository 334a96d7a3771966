use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use super::{on_pool, Store};

#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub user_id: Uuid,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

impl Store {
    pub async fn create_session(
        &self,
        token_hash: &[u8],
        user_id: Uuid,
        csrf_token: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(Utc::now())
        .bind(expires_at)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    pub async fn session(&self, token_hash: &[u8]) -> Result<Option<SessionRow>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_as::<_, SessionRow>(
            "SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await)
    }

    pub async fn delete_session(&self, token_hash: &[u8]) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(pool)
            .await
            .map(|_| ()))
    }

    /// Removes every session of a user (after a password change or account removal).
    pub async fn delete_user_sessions(&self, user_id: Uuid) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(pool)
            .await
            .map(|_| ()))
    }

    /// Drops expired sessions; returns how many.
    pub async fn purge_expired_sessions(&self) -> Result<u64, sqlx::Error> {
        // Compared in the database: both backends store `expires_at` so that
        // their own ordering is chronological at second precision.
        on_pool!(self, pool => sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(Utc::now())
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
    }
}
