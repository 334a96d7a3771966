//! What calibration reads: every score and quick-check answer recorded in a
//! team's sessions (practice mocks excluded: they are private), and
//! calibration drills, which copy a finished session's recording.

use chrono::{DateTime, Utc};
use mockroom_api::{SessionMode, SessionSummary};

use crate::room::event::RoomEvent;
use sqlx::FromRow;
use uuid::Uuid;

use super::{on_pool, BeginWrite, Store};

#[derive(Debug, Clone, FromRow)]
pub struct CalibrationEventRow {
    pub session_id: Uuid,
    pub mode: String,
    pub source_session_id: Option<Uuid>,
    pub candidate_name: String,
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub payload: String,
    pub format: i64,
}

/// Whether a drill copies this event: everything the candidate did and saw,
/// none of the interviewers' judgement (scores, notes, recommendations) and
/// no presence.
fn part_of_recording(event: &RoomEvent) -> bool {
    !matches!(
        event,
        RoomEvent::Scored { .. }
            | RoomEvent::Noted { .. }
            | RoomEvent::Recommended { .. }
            | RoomEvent::Submitted
            | RoomEvent::SelfScored { .. }
            | RoomEvent::Joined { .. }
            | RoomEvent::Left { .. }
            | RoomEvent::ConnectionsLost { .. }
            | RoomEvent::LinksRevoked { .. }
    )
}

impl Store {
    /// Score and quick-check events of the team's sessions (not practice),
    /// in session and log order.
    pub async fn calibration_events(&self, team_id: Uuid) -> Result<Vec<CalibrationEventRow>, sqlx::Error> {
        // Internally tagged events serialise their tag first: a prefix match
        // keeps the other events (answers as typed, joins) out of the result.
        on_pool!(self, pool => sqlx::query_as::<_, CalibrationEventRow>(
            "SELECT s.id AS session_id, s.mode, s.source_session_id, s.candidate_name,
                    CAST(e.seq AS BIGINT) AS seq, e.at, e.actor, e.payload, CAST(e.format AS BIGINT) AS format
             FROM session_events e JOIN interview_sessions s ON s.id = e.session_id
             WHERE s.team_id = $1 AND s.mode <> 'practice'
               AND (e.payload LIKE '{\"type\":\"scored\"%' OR e.payload LIKE '{\"type\":\"quick_check_answered\"%')
             ORDER BY s.id, e.seq",
        )
        .bind(team_id)
        .fetch_all(pool)
        .await)
    }

    /// `(session, question, session is a drill)` of every team session that
    /// is not practice, in question order.
    pub async fn team_session_questions(&self, team_id: Uuid) -> Result<Vec<(Uuid, Uuid, bool)>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_as::<_, (Uuid, Uuid, bool)>(
            "SELECT q.session_id, q.question_id, (s.mode = 'drill') AS drill FROM session_questions q
             JOIN interview_sessions s ON s.id = q.session_id
             WHERE s.team_id = $1 AND s.mode <> 'practice'
             ORDER BY q.session_id, q.position",
        )
        .bind(team_id)
        .fetch_all(pool)
        .await)
    }

    /// A drill of `source`, made at `now`: a new session with the same
    /// questions and the source's recording (not its scores), to be scored
    /// independently.
    pub async fn create_drill(
        &self,
        source: &SessionSummary,
        created_by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Uuid, sqlx::Error> {
        let id = Uuid::new_v4();
        let events = self.events(source.id).await?;
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO interview_sessions (id, team_id, created_by, candidate_name, candidate_email, created_at, ended_at, mode, source_session_id)
                 VALUES ($1, $2, $3, $4, NULL, $5, NULL, $6, $7)",
            )
            .bind(id)
            .bind(source.team_id)
            .bind(created_by)
            .bind(&source.candidate_name)
            .bind(now)
            .bind(SessionMode::Drill.as_str())
            .bind(source.id)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO session_questions (session_id, position, question_id, time_limit_secs)
                 SELECT $1, position, question_id, time_limit_secs FROM session_questions WHERE session_id = $2",
            )
            .bind(id)
            .bind(source.id)
            .execute(&mut *tx)
            .await?;
            let mut seq = 0i64;
            for row in &events {
                let keep = crate::room::log::decode(row).is_ok_and(|e| part_of_recording(&e.event));
                if !keep {
                    continue;
                }
                seq += 1;
                sqlx::query("INSERT INTO session_events (session_id, seq, at, actor, payload, format) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(id)
                    .bind(seq)
                    .bind(row.at)
                    .bind(&row.actor)
                    .bind(&row.payload)
                    .bind(row.format)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(id)
    }

    /// The team's drills with their source sessions, newest first.
    pub async fn drills(&self, team_id: Uuid) -> Result<Vec<(Uuid, Uuid)>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_as::<_, (Uuid, Uuid)>(
            "SELECT id, source_session_id FROM interview_sessions
             WHERE team_id = $1 AND mode = 'drill' AND source_session_id IS NOT NULL
             ORDER BY created_at DESC",
        )
        .bind(team_id)
        .fetch_all(pool)
        .await)
    }
}
