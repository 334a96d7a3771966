//! Setting up live interview sessions and their candidate links.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use mockroom_api::{
    CandidateLink, CreateSessionRequest, CreatedSession, ErrorBody, Role, SessionDetail, SessionMode, SessionQuestion,
    SessionSummary, TimelineEntry,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::role_in_team;
use crate::auth::{hash_token, random_token, CurrentUser};
use crate::domain::{DisplayName, EmailAddress};
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path};
use crate::room::event::{Actor, RoomEvent};
use crate::state::AppState;
use crate::store::interviews::NewInterview;
use mockroom_api::RoomEvent as WireEvent;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sessions, create_session))
        .routes(routes!(get_session))
        .routes(routes!(new_candidate_link, revoke_candidate_links))
        .routes(routes!(timeline))
        .routes(routes!(replay))
        .routes(routes!(scorecard))
        .routes(routes!(scorecard_csv))
}

/// Every event of the session in order, with timestamps (interviewers only).
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/sessions/{session_id}/timeline", tag = "sessions",
    params(("team_id" = Uuid, Path, description = "Team id"), ("session_id" = Uuid, Path, description = "Session id")),
    responses((status = 200, body = Vec<TimelineEntry>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn timeline(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, session_id)): Path<(Uuid, Uuid)>,
) -> AppResult<Json<Vec<TimelineEntry>>> {
    let session = session_of(&state, &user, team_id, session_id).await?;
    // A drill rater who has not submitted sees the recording, not the others' judgement.
    let blind = scores_visible(&state, &user, &session).await.is_err();
    let rows = state.store.events(session_id).await?;
    let mut entries: Vec<TimelineEntry> = crate::room::log::decode_all(&rows)
        .map_err(anyhow::Error::from)?
        .into_iter()
        .filter_map(|e| {
            Some(TimelineEntry {
                seq: e.seq,
                at: e.at,
                actor: e.actor.to_wire(),
                event: e.event.to_wire()?,
            })
        })
        .collect();
    if blind {
        entries.retain(|e| {
            let judgement = matches!(
                e.event,
                WireEvent::Scored { .. } | WireEvent::Noted { .. } | WireEvent::Recommended { .. }
            );
            !judgement || e.actor.user_id() == Some(user.id())
        });
    }
    Ok(Json(entries))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReplayQuery {
    /// Replay the log up to and including this event.
    pub seq: i64,
}

/// The room as the caller saw it right after event `seq`: step through a
/// finished session (interviewers only).
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/sessions/{session_id}/replay", tag = "sessions",
    params(("team_id" = Uuid, Path, description = "Team id"), ("session_id" = Uuid, Path, description = "Session id"), ReplayQuery),
    responses((status = 200, body = Object, description = "InterviewerView as of event `seq`"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn replay(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, session_id)): Path<(Uuid, Uuid)>,
    crate::extract::Query(query): crate::extract::Query<ReplayQuery>,
) -> AppResult<Json<mockroom_api::InterviewerView>> {
    // The caller's own view at that point: others' scores only once the caller had submitted.
    let session = session_of(&state, &user, team_id, session_id).await?;
    let recording = state.rooms.recording(session).await?;
    let view = crate::room::replay::view_at(&recording.content, &recording.events, query.seq, user.id())
        .ok_or(AppError::NotFound("event"))?;
    Ok(Json(view))
}

async fn build_scorecard(
    state: &AppState,
    user: &CurrentUser,
    team_id: Uuid,
    session_id: Uuid,
) -> AppResult<crate::room::scorecard::Scorecard> {
    let session = session_of(state, user, team_id, session_id).await?;
    scores_visible(state, user, &session).await?;
    let recording = state.rooms.recording(session).await?;
    Ok(crate::room::scorecard::build(
        &recording.content,
        &recording.events,
        state.clock.now_ms(),
    )?)
}

/// The printable scorecard (HTML; the browser's "Save as PDF" gives a clean document).
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/sessions/{session_id}/scorecard", tag = "sessions",
    params(("team_id" = Uuid, Path, description = "Team id"), ("session_id" = Uuid, Path, description = "Session id")),
    responses((status = 200, description = "text/html scorecard"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn scorecard(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, session_id)): Path<(Uuid, Uuid)>,
) -> AppResult<axum::response::Html<String>> {
    use askama::Template;
    let card = build_scorecard(&state, &user, team_id, session_id).await?;
    let html = card.render().map_err(|e| anyhow::anyhow!("scorecard template: {e}"))?;
    Ok(axum::response::Html(html))
}

/// The scorecard as CSV (long format: one row per stage, quick check, score, note, recommendation).
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/sessions/{session_id}/scorecard.csv", tag = "sessions",
    params(("team_id" = Uuid, Path, description = "Team id"), ("session_id" = Uuid, Path, description = "Session id")),
    responses((status = 200, description = "text/csv"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn scorecard_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, session_id)): Path<(Uuid, Uuid)>,
) -> AppResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let card = build_scorecard(&state, &user, team_id, session_id).await?;
    let disposition = format!("attachment; filename=\"scorecard-{session_id}.csv\"");
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        crate::room::scorecard::csv(&card),
    )
        .into_response())
}

const MAX_QUESTIONS: usize = crate::domain::limits::QUESTIONS_MAX;
const DEFAULT_LINK_HOURS: u32 = 7 * 24;
const MAX_LINK_HOURS: u32 = crate::domain::limits::LINK_HOURS_MAX;

/// Default time per question by the guide's type.
pub fn default_time_limit(kind: &str) -> i64 {
    match kind {
        "Architecture" => 30 * 60,
        "Practical" => 25 * 60,
        _ => 20 * 60,
    }
}

async fn require_interviewer(state: &AppState, team_id: Uuid, user: &CurrentUser) -> AppResult<Role> {
    let role = role_in_team(state, team_id, user).await?;
    if role == Role::Candidate {
        return Err(AppError::Forbidden("interview sessions are run by interviewers".into()));
    }
    Ok(role)
}

/// A session of the team, for a caller who may run sessions; 404 otherwise.
async fn session_of(
    state: &AppState,
    user: &CurrentUser,
    team_id: Uuid,
    session_id: Uuid,
) -> AppResult<SessionSummary> {
    require_interviewer(state, team_id, user).await?;
    state
        .store
        .interview(team_id, session_id)
        .await?
        // A candidate's practice mock is theirs alone, even in the team's database.
        .filter(|s| s.mode != SessionMode::Practice)
        .ok_or(AppError::NotFound("session"))
}

/// A drill's scores are blind: its scorecard (every rater's scores) opens
/// to a rater only once they have submitted their own, and to owners and
/// admins; before that their timeline leaves out the others' judgement.
async fn scores_visible(state: &AppState, user: &CurrentUser, session: &SessionSummary) -> AppResult<()> {
    if session.mode != SessionMode::Drill {
        return Ok(());
    }
    if matches!(
        role_in_team(state, session.team_id, user).await?,
        Role::Owner | Role::Admin
    ) {
        return Ok(());
    }
    let recording = state.rooms.recording(session.clone()).await?;
    if recording.state().members.get(&user.id()).is_some_and(|m| m.submitted) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "submit your own drill scores before looking at everyone's".into(),
        ))
    }
}

fn link_hours(requested: Option<u32>) -> AppResult<u32> {
    let hours = requested.unwrap_or(DEFAULT_LINK_HOURS);
    if hours == 0 || hours > MAX_LINK_HOURS {
        return Err(AppError::Invalid(format!(
            "invite_expires_in_hours must be between 1 and {MAX_LINK_HOURS}"
        )));
    }
    Ok(hours)
}

/// The page a candidate link opens: the live room, or the timed-mock page.
fn candidate_url(state: &AppState, headers: &HeaderMap, token: &str, mode: SessionMode) -> String {
    let page = if mode.is_mock() { "mock" } else { "join" };
    format!("{}/{page}/{token}", super::teams::base_url(state, headers))
}

/// Shortest and longest time a question may be given (seconds).
pub const TIME_LIMIT_RANGE: std::ops::RangeInclusive<u32> = crate::domain::limits::TIME_LIMIT_SECS;

/// A session asks each question once (scores are kept per question).
pub fn refuse_duplicates(questions: &[mockroom_api::SessionQuestionSpec]) -> AppResult<()> {
    let mut seen = std::collections::HashSet::new();
    if questions.iter().all(|q| seen.insert(q.question_id)) {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "each question can be asked only once per session".into(),
        ))
    }
}

/// A question's time limit: as requested, or the default for its type.
pub fn time_limit(spec: &mockroom_api::SessionQuestionSpec, kind: &str) -> AppResult<i64> {
    match spec.time_limit_secs {
        Some(secs) if !TIME_LIMIT_RANGE.contains(&secs) => Err(AppError::Invalid(format!(
            "time_limit_secs must be between {} and {}",
            TIME_LIMIT_RANGE.start(),
            TIME_LIMIT_RANGE.end()
        ))),
        Some(secs) => Ok(i64::from(secs)),
        None => Ok(default_time_limit(kind)),
    }
}

/// Sessions of the team, newest first.
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/sessions", tag = "sessions",
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 200, body = Vec<SessionSummary>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_sessions(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
) -> AppResult<Json<Vec<SessionSummary>>> {
    require_interviewer(&state, team_id, &user).await?;
    Ok(Json(state.store.interviews(team_id).await?))
}

/// Creates a session with questions in order, and the candidate's link (shown once).
#[utoipa::path(post, path = "/api/v1/teams/{team_id}/sessions", tag = "sessions", request_body = CreateSessionRequest,
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 201, body = CreatedSession), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
async fn create_session(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(team_id): Path<Uuid>,
    Json(req): Json<CreateSessionRequest>,
) -> AppResult<(StatusCode, Json<CreatedSession>)> {
    require_interviewer(&state, team_id, &user).await?;
    let name = DisplayName::parse(&req.candidate_name)?;
    let email = EmailAddress::parse_optional(req.candidate_email.as_deref())?;
    if req.questions.is_empty() || req.questions.len() > MAX_QUESTIONS {
        return Err(AppError::Invalid(format!(
            "a session has 1 to {MAX_QUESTIONS} questions"
        )));
    }
    refuse_duplicates(&req.questions)?;
    if !matches!(req.mode, SessionMode::Live | SessionMode::Assigned) {
        return Err(AppError::Invalid(
            "mode must be live or assigned (candidates start practice mocks themselves; drills are made from calibration)"
                .into(),
        ));
    }
    let hours = link_hours(req.invite_expires_in_hours)?;
    let mut questions = Vec::with_capacity(req.questions.len());
    for spec in &req.questions {
        let detail = state
            .store
            .question_detail(team_id, spec.question_id)
            .await?
            .ok_or(AppError::NotFound("question"))?;
        questions.push((spec.question_id, time_limit(spec, &detail.summary.kind)?));
    }
    let token = random_token();
    let expires_at = state.clock.now() + chrono::Duration::hours(i64::from(hours));
    let id = state
        .store
        .create_interview(NewInterview {
            team_id,
            created_by: user.id(),
            candidate_name: name.as_str(),
            candidate_email: email.as_ref().map(EmailAddress::as_str),
            questions: &questions,
            mode: req.mode,
            show_answer_key: req.show_answer_key && req.mode == SessionMode::Assigned,
            owner_id: None,
            link: Some((&hash_token(&token), expires_at)),
            created_at: state.clock.now(),
        })
        .await?;
    let session = state
        .store
        .interview(team_id, id)
        .await?
        .ok_or(AppError::NotFound("session"))?;
    let url = candidate_url(&state, &headers, &token, session.mode);
    Ok((
        StatusCode::CREATED,
        Json(CreatedSession {
            session,
            candidate_link: CandidateLink { token, url, expires_at },
        }),
    ))
}

/// A session with its questions, time limits and rubrics.
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/sessions/{session_id}", tag = "sessions",
    params(("team_id" = Uuid, Path, description = "Team id"), ("session_id" = Uuid, Path, description = "Session id")),
    responses((status = 200, body = SessionDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_session(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, session_id)): Path<(Uuid, Uuid)>,
) -> AppResult<Json<SessionDetail>> {
    let session = session_of(&state, &user, team_id, session_id).await?;
    let mut questions = Vec::new();
    for (question_id, limit) in state.store.interview_questions(session_id).await? {
        let detail = state
            .store
            .question_detail(team_id, question_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("question {question_id} of session {session_id} is gone"))?;
        let rubric = serde_json::from_str(&detail.rubric_json).map_err(|e| anyhow::anyhow!("stored rubric: {e}"))?;
        questions.push(SessionQuestion {
            question: detail.summary,
            time_limit_secs: limit,
            rubric,
        });
    }
    Ok(Json(SessionDetail { session, questions }))
}

/// A new candidate link for the session (earlier links keep working until revoked).
#[utoipa::path(post, path = "/api/v1/teams/{team_id}/sessions/{session_id}/candidate-link", tag = "sessions",
    params(("team_id" = Uuid, Path, description = "Team id"), ("session_id" = Uuid, Path, description = "Session id")),
    responses((status = 201, body = CandidateLink), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn new_candidate_link(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path((team_id, session_id)): Path<(Uuid, Uuid)>,
) -> AppResult<(StatusCode, Json<CandidateLink>)> {
    let session = session_of(&state, &user, team_id, session_id).await?;
    let token = random_token();
    let expires_at = state.clock.now() + chrono::Duration::hours(i64::from(DEFAULT_LINK_HOURS));
    state
        .store
        .add_candidate_invite(session_id, &hash_token(&token), expires_at)
        .await?;
    let url = candidate_url(&state, &headers, &token, session.mode);
    Ok((StatusCode::CREATED, Json(CandidateLink { token, url, expires_at })))
}

/// Revokes every candidate link of the session.
#[utoipa::path(delete, path = "/api/v1/teams/{team_id}/sessions/{session_id}/candidate-link", tag = "sessions",
    params(("team_id" = Uuid, Path, description = "Team id"), ("session_id" = Uuid, Path, description = "Session id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revoke_candidate_links(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, session_id)): Path<(Uuid, Uuid)>,
) -> AppResult<StatusCode> {
    session_of(&state, &user, team_id, session_id).await?;
    let revoked = state
        .store
        .revoke_candidate_invites(session_id, state.clock.now())
        .await?;
    if !revoked.is_empty() {
        // Through the room's log, so every instance closes those links' connections at once.
        let room = state
            .rooms
            .open(team_id, session_id)
            .await?
            .ok_or(AppError::NotFound("session"))?;
        let links = revoked.iter().map(|h| super::rooms::link_id(h)).collect();
        let actor = Actor::Member {
            user_id: user.id(),
            name: user.user.display_name.clone(),
            role: mockroom_api::RoomRole::Interviewer,
        };
        room.record(&actor, RoomEvent::LinksRevoked { links })
            .await
            .map_err(anyhow::Error::from)?;
    }
    Ok(StatusCode::NO_CONTENT)
}
