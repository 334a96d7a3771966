//! Live interview sessions: set-up, candidate links, and the event log.

use chrono::{DateTime, Utc};
use mockroom_api::{SessionMode, SessionSummary};
use sqlx::FromRow;
use uuid::Uuid;

use super::{on_pool, BeginWrite, Store};

pub struct NewInterview<'a> {
    pub team_id: Uuid,
    pub created_by: Uuid,
    pub candidate_name: &'a str,
    pub candidate_email: Option<&'a str>,
    /// `(question id, time limit in seconds)`, in order.
    pub questions: &'a [(Uuid, i64)],
    pub mode: SessionMode,
    /// Assigned mocks: the answer key opens after handing in.
    pub show_answer_key: bool,
    /// Practice mocks: the candidate whose mock it is.
    pub owner_id: Option<Uuid>,
    /// The candidate's link (practice mocks have none).
    pub link: Option<(&'a [u8], DateTime<Utc>)>,
    /// Now, as the server's clock says (the demo data sets it in the past).
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, FromRow)]
struct SummaryRow {
    id: Uuid,
    team_id: Uuid,
    created_by: Option<Uuid>,
    candidate_name: String,
    candidate_email: Option<String>,
    created_at: DateTime<Utc>,
    ended_at: Option<DateTime<Utc>>,
    question_count: i64,
    mode: String,
    show_answer_key: bool,
}

impl From<SummaryRow> for SessionSummary {
    fn from(r: SummaryRow) -> Self {
        SessionSummary {
            id: r.id,
            team_id: r.team_id,
            created_by: r.created_by,
            candidate_name: r.candidate_name,
            candidate_email: r.candidate_email,
            created_at: r.created_at,
            ended_at: r.ended_at,
            question_count: r.question_count,
            // The column's CHECK constraint admits only known modes.
            mode: SessionMode::parse(&r.mode).unwrap_or_default(),
            show_answer_key: r.show_answer_key,
        }
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct CandidateInviteRow {
    pub session_id: Uuid,
    pub team_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

const SUMMARY: &str =
    "SELECT s.id, s.team_id, s.created_by, s.candidate_name, s.candidate_email, s.created_at, s.ended_at,
     (SELECT COUNT(*) FROM session_questions q WHERE q.session_id = s.id) AS question_count, s.mode, s.show_answer_key
     FROM interview_sessions s";

impl Store {
    pub async fn create_interview(&self, new: NewInterview<'_>) -> Result<Uuid, sqlx::Error> {
        let id = Uuid::new_v4();
        let now = new.created_at;
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO interview_sessions (id, team_id, created_by, candidate_name, candidate_email, created_at, mode, owner_id, show_answer_key)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(id)
            .bind(new.team_id)
            .bind(new.created_by)
            .bind(new.candidate_name)
            .bind(new.candidate_email)
            .bind(now)
            .bind(new.mode.as_str())
            .bind(new.owner_id)
            .bind(new.show_answer_key)
            .execute(&mut *tx)
            .await?;
            for (position, (question_id, limit)) in new.questions.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO session_questions (session_id, position, question_id, time_limit_secs) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(position as i64)
                .bind(question_id)
                .bind(limit)
                .execute(&mut *tx)
                .await?;
            }
            if let Some((token_hash, expires_at)) = new.link {
                sqlx::query("INSERT INTO session_invites (token_hash, session_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                    .bind(token_hash)
                    .bind(id)
                    .bind(now)
                    .bind(expires_at)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(id)
    }

    pub async fn interviews(&self, team_id: Uuid) -> Result<Vec<SessionSummary>, sqlx::Error> {
        // Practice mocks are their candidate's own business.
        let sql = format!("{SUMMARY} WHERE s.team_id = $1 AND s.mode <> 'practice' ORDER BY s.created_at DESC");
        let rows = on_pool!(self, pool => sqlx::query_as::<_, SummaryRow>(&sql).bind(team_id).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(SessionSummary::from).collect())
    }

    pub async fn interview(&self, team_id: Uuid, id: Uuid) -> Result<Option<SessionSummary>, sqlx::Error> {
        let sql = format!("{SUMMARY} WHERE s.team_id = $1 AND s.id = $2");
        let row = on_pool!(self, pool => sqlx::query_as::<_, SummaryRow>(&sql).bind(team_id).bind(id).fetch_optional(pool).await)?;
        Ok(row.map(SessionSummary::from))
    }

    /// A candidate's practice mocks, newest first.
    pub async fn practice_sessions(&self, owner_id: Uuid) -> Result<Vec<SessionSummary>, sqlx::Error> {
        let sql = format!("{SUMMARY} WHERE s.owner_id = $1 AND s.mode = 'practice' ORDER BY s.created_at DESC");
        let rows = on_pool!(self, pool => sqlx::query_as::<_, SummaryRow>(&sql).bind(owner_id).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(SessionSummary::from).collect())
    }

    /// One practice mock of `owner_id`.
    pub async fn practice_session(&self, owner_id: Uuid, id: Uuid) -> Result<Option<SessionSummary>, sqlx::Error> {
        let sql = format!("{SUMMARY} WHERE s.owner_id = $1 AND s.id = $2 AND s.mode = 'practice'");
        let row = on_pool!(self, pool => sqlx::query_as::<_, SummaryRow>(&sql).bind(owner_id).bind(id).fetch_optional(pool).await)?;
        Ok(row.map(SessionSummary::from))
    }

    /// Marks a session ended (a timed mock's candidate finished it).
    pub async fn end_interview(&self, id: Uuid, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query("UPDATE interview_sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL")
            .bind(at)
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ()))
    }

    /// `(question id, time limit)` of a session, in order.
    pub async fn interview_questions(&self, id: Uuid) -> Result<Vec<(Uuid, i64)>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_as::<_, (Uuid, i64)>(
            "SELECT question_id, CAST(time_limit_secs AS BIGINT) FROM session_questions WHERE session_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(pool)
        .await)
    }

    pub async fn candidate_invite(&self, token_hash: &[u8]) -> Result<Option<CandidateInviteRow>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_as::<_, CandidateInviteRow>(
            "SELECT i.session_id, s.team_id, i.expires_at, i.revoked_at
             FROM session_invites i JOIN interview_sessions s ON s.id = i.session_id WHERE i.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await)
    }

    pub async fn add_candidate_invite(
        &self,
        session_id: Uuid,
        token_hash: &[u8],
        expires_at: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO session_invites (token_hash, session_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(session_id)
        .bind(Utc::now())
        .bind(expires_at)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Revokes every candidate link of a session still usable; returns the
    /// token hashes it revoked.
    pub async fn revoke_candidate_invites(
        &self,
        session_id: Uuid,
        at: DateTime<Utc>,
    ) -> Result<Vec<Vec<u8>>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar::<_, Vec<u8>>(
            "UPDATE session_invites SET revoked_at = $1 WHERE session_id = $2 AND revoked_at IS NULL RETURNING token_hash",
        )
        .bind(at)
        .bind(session_id)
        .fetch_all(pool)
        .await)
    }

    /// The candidate whose practice mock this is (`None` for other sessions).
    pub async fn practice_owner(&self, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar::<_, Option<Uuid>>(
            "SELECT owner_id FROM interview_sessions WHERE id = $1 AND mode = 'practice'",
        )
        .bind(id)
        .fetch_optional(pool)
        .await)
        .map(Option::flatten)
    }
}
