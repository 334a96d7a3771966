//! The spaced-repetition review queue: one FSRS card per person and quick
//! check, and a log of every answer that moved a card.

use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use super::{on_pool, BeginWrite, Store};

#[derive(Debug, Clone, FromRow)]
pub struct ReviewCardRow {
    pub question_id: Uuid,
    pub check_index: i64,
    pub state: String,
    pub stability: f64,
    pub difficulty: f64,
    pub due_at: DateTime<Utc>,
    pub last_review_at: DateTime<Utc>,
    pub reps: i64,
    pub lapses: i64,
}

/// A due card with what the review page shows.
#[derive(Debug, Clone, FromRow)]
pub struct DueReviewRow {
    #[sqlx(flatten)]
    pub card: ReviewCardRow,
    pub question_title: String,
    pub pack_title: String,
    pub prompt_html: String,
    pub options_json: String,
}

/// One answer, as logged.
pub struct ReviewLogEntry {
    pub reviewed_at: DateTime<Utc>,
    pub rating: i64,
    pub chosen: i64,
    pub interval_days: f64,
}

const CARD_COLUMNS: &str = "c.question_id, CAST(c.check_index AS BIGINT) AS check_index, c.state, c.stability, \
     c.difficulty, c.due_at, c.last_review_at, CAST(c.reps AS BIGINT) AS reps, CAST(c.lapses AS BIGINT) AS lapses";

impl Store {
    pub async fn review_card(
        &self,
        user_id: Uuid,
        question_id: Uuid,
        check: i64,
    ) -> Result<Option<ReviewCardRow>, sqlx::Error> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM review_cards c WHERE c.user_id = $1 AND c.question_id = $2 AND c.check_index = $3"
        );
        on_pool!(self, pool => sqlx::query_as::<_, ReviewCardRow>(&sql)
            .bind(user_id)
            .bind(question_id)
            .bind(check)
            .fetch_optional(pool)
            .await)
    }

    /// Stores a card's new schedule and the answer that produced it, together,
    /// if the card is still as it was read (`card.reps - 1` reviews: an
    /// optimistic check that works the same on both databases). `Ok(false)`:
    /// another answer moved the card first; read it again and retry.
    pub async fn save_review(
        &self,
        user_id: Uuid,
        card: &ReviewCardRow,
        log: &ReviewLogEntry,
    ) -> Result<bool, sqlx::Error> {
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let stored = sqlx::query(
                "INSERT INTO review_cards (user_id, question_id, check_index, state, stability, difficulty, due_at, last_review_at, reps, lapses)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (user_id, question_id, check_index) DO UPDATE SET
                   state = excluded.state, stability = excluded.stability, difficulty = excluded.difficulty,
                   due_at = excluded.due_at, last_review_at = excluded.last_review_at,
                   reps = excluded.reps, lapses = excluded.lapses
                 WHERE review_cards.reps = $11",
            )
            .bind(user_id)
            .bind(card.question_id)
            .bind(card.check_index)
            .bind(&card.state)
            .bind(card.stability)
            .bind(card.difficulty)
            .bind(card.due_at)
            .bind(card.last_review_at)
            .bind(card.reps)
            .bind(card.lapses)
            .bind(card.reps - 1)
            .execute(&mut *tx)
            .await?;
            if stored.rows_affected() == 0 {
                tx.rollback().await?;
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO review_log (user_id, question_id, check_index, reviewed_at, rating, chosen, interval_days)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(user_id)
            .bind(card.question_id)
            .bind(card.check_index)
            .bind(log.reviewed_at)
            .bind(log.rating)
            .bind(log.chosen)
            .bind(log.interval_days)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Cards due at `now`, most overdue first.
    pub async fn due_reviews(
        &self,
        user_id: Uuid,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<DueReviewRow>, sqlx::Error> {
        let sql = format!(
            "SELECT {CARD_COLUMNS}, q.title AS question_title, v.title AS pack_title, k.prompt_html, k.options_json
             FROM review_cards c
             JOIN questions q ON q.id = c.question_id
             JOIN pack_versions v ON v.id = q.pack_version_id
             JOIN quick_checks k ON k.question_id = c.question_id AND k.position = c.check_index
             WHERE c.user_id = $1 AND c.due_at <= $2
             ORDER BY c.due_at, q.title, c.check_index
             LIMIT $3"
        );
        on_pool!(self, pool => sqlx::query_as::<_, DueReviewRow>(&sql)
            .bind(user_id)
            .bind(now)
            .bind(limit)
            .fetch_all(pool)
            .await)
    }

    /// Every card of a person (export), soonest due first.
    pub async fn review_cards(&self, user_id: Uuid) -> Result<Vec<ReviewCardRow>, sqlx::Error> {
        let sql = format!("SELECT {CARD_COLUMNS} FROM review_cards c WHERE c.user_id = $1 ORDER BY c.due_at");
        on_pool!(self, pool => sqlx::query_as::<_, ReviewCardRow>(&sql).bind(user_id).fetch_all(pool).await)
    }

    /// How many cards a person has.
    pub async fn count_review_cards(&self, user_id: Uuid) -> Result<i64, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar::<_, i64>(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM review_cards WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_one(pool)
        .await)
    }

    /// The first time after `now` that a card comes due.
    pub async fn next_review_due(
        &self,
        user_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar::<_, DateTime<Utc>>(
            "SELECT due_at FROM review_cards WHERE user_id = $1 AND due_at > $2 ORDER BY due_at LIMIT 1",
        )
        .bind(user_id)
        .bind(now)
        .fetch_optional(pool)
        .await)
    }

    /// A quick check's correct option and explanation, if the question exists.
    pub async fn quick_check_key(
        &self,
        question_id: Uuid,
        check: i64,
    ) -> Result<Option<(i64, String, String)>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_as::<_, (i64, String, String)>(
            "SELECT CAST(correct AS BIGINT), options_json, explanation_html FROM quick_checks WHERE question_id = $1 AND position = $2",
        )
        .bind(question_id)
        .bind(check)
        .fetch_optional(pool)
        .await)
    }
}
