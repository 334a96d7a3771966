//! Candidate practice: drawing questions, timed practice mocks (run over the
//! room protocol with the candidate driving), and the practice history.

use std::sync::Arc;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use mockroom_api::{
    CandidateView, CreatePracticeRequest, Draw, DrawRequest, DrawnQuestion, ErrorBody, PackChoice, PracticeHistory,
    PracticeOptions, PracticeSummary, QuestionFilter, RoomView, SessionMode,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::interviews::{default_time_limit, refuse_duplicates, time_limit};
use super::role_in_team;
use super::rooms::{same_origin, sized};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path};
use crate::practice::history::{self, Attempt};
use crate::room::connection::{self, Participant};
use crate::room::engine::{Room, Viewer};
use crate::room::event::Actor;
use crate::state::AppState;
use crate::store::interviews::NewInterview;

const MAX_QUESTIONS: u32 = crate::domain::limits::QUESTIONS_MAX as u32;

/// The questions the caller may practise on. Interviewers, admins and owners
/// use the team's whole library. Candidates get the bundled packs only: the
/// team's own packs are what its interviews ask, and a practice mock shows
/// every stage once its time is up.
async fn practice_questions(
    state: &AppState,
    team_id: Uuid,
    user: &CurrentUser,
) -> AppResult<Vec<mockroom_api::QuestionSummary>> {
    let role = role_in_team(state, team_id, user).await?;
    let questions = state.store.questions(team_id, &QuestionFilter::default()).await?;
    if role != mockroom_api::Role::Candidate {
        return Ok(questions);
    }
    let bundled: std::collections::HashSet<Uuid> = state
        .store
        .packs(team_id)
        .await?
        .into_iter()
        .filter(|p| p.bundled)
        .map(|p| p.id)
        .collect();
    Ok(questions.into_iter().filter(|q| bundled.contains(&q.pack_id)).collect())
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(options))
        .routes(routes!(draw))
        .routes(routes!(create_mock))
        .routes(routes!(get_mock))
        .routes(routes!(mock_socket))
        .routes(routes!(practice_history))
}

/// The packs, types and categories a mock can be drawn from.
#[utoipa::path(get, path = "/api/v1/practice/options/{team_id}", tag = "practice",
    params(("team_id" = Uuid, Path, description = "Team whose library to draw from")),
    responses((status = 200, body = PracticeOptions), (status = 404, body = ErrorBody)))]
async fn options(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
) -> AppResult<Json<PracticeOptions>> {
    let questions = practice_questions(&state, team_id, &user).await?;
    let mut packs: Vec<PackChoice> = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    let mut categories = std::collections::BTreeSet::new();
    for q in questions {
        match packs.iter_mut().find(|p| p.id == q.pack_id) {
            Some(pack) => pack.question_count += 1,
            None => packs.push(PackChoice {
                id: q.pack_id,
                title: q.pack_title.clone(),
                question_count: 1,
            }),
        }
        kinds.insert(q.kind);
        categories.insert(q.category);
    }
    Ok(Json(PracticeOptions {
        packs,
        kinds: kinds.into_iter().collect(),
        categories: categories.into_iter().collect(),
    }))
}

/// Questions for a mock, drawn at random from the caller's library (bundled
/// packs and the team's own) among those matching every non-empty filter.
#[utoipa::path(post, path = "/api/v1/practice/draw", tag = "practice", request_body = DrawRequest,
    responses((status = 200, body = Draw), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn draw(State(state): State<AppState>, user: CurrentUser, Json(req): Json<DrawRequest>) -> AppResult<Json<Draw>> {
    if req.count == 0 || req.count > MAX_QUESTIONS {
        return Err(AppError::Invalid(format!(
            "count must be between 1 and {MAX_QUESTIONS}"
        )));
    }
    let all = practice_questions(&state, req.team_id, &user).await?;
    let mut matching: Vec<_> = all
        .into_iter()
        .filter(|q| req.packs.is_empty() || req.packs.contains(&q.pack_id))
        .filter(|q| req.kinds.is_empty() || req.kinds.contains(&q.kind))
        .filter(|q| req.categories.is_empty() || req.categories.contains(&q.category))
        .collect();
    let found = i64::try_from(matching.len()).unwrap_or(i64::MAX);
    // Random order: each question gets a random key (v4 UUIDs are random).
    matching.sort_by_cached_key(|_| Uuid::new_v4());
    let questions = matching
        .into_iter()
        .take(req.count as usize)
        .map(|question| DrawnQuestion {
            time_limit_secs: default_time_limit(&question.kind),
            question,
        })
        .collect();
    Ok(Json(Draw {
        questions,
        matching: found,
    }))
}

/// Starts a practice mock with the given questions and time limits.
#[utoipa::path(post, path = "/api/v1/practice/mocks", tag = "practice", request_body = CreatePracticeRequest,
    responses((status = 201, body = PracticeSummary), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_mock(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(req): Json<CreatePracticeRequest>,
) -> AppResult<(StatusCode, Json<PracticeSummary>)> {
    if req.questions.is_empty() || req.questions.len() > MAX_QUESTIONS as usize {
        return Err(AppError::Invalid(format!("a mock has 1 to {MAX_QUESTIONS} questions")));
    }
    refuse_duplicates(&req.questions)?;
    let allowed: std::collections::HashSet<Uuid> = practice_questions(&state, req.team_id, &user)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    let mut questions = Vec::with_capacity(req.questions.len());
    for spec in &req.questions {
        if !allowed.contains(&spec.question_id) {
            return Err(AppError::NotFound("question"));
        }
        let detail = state
            .store
            .question_detail(req.team_id, spec.question_id)
            .await?
            .ok_or(AppError::NotFound("question"))?;
        questions.push((spec.question_id, time_limit(spec, &detail.summary.kind)?));
    }
    let id = state
        .store
        .create_interview(NewInterview {
            team_id: req.team_id,
            created_by: user.id(),
            candidate_name: &user.user.display_name,
            candidate_email: None,
            questions: &questions,
            mode: SessionMode::Practice,
            // Practice exists to learn from the answer key.
            show_answer_key: true,
            owner_id: Some(user.id()),
            link: None,
            created_at: state.clock.now(),
        })
        .await?;
    let mock = state
        .store
        .practice_session(user.id(), id)
        .await?
        .ok_or(AppError::NotFound("mock"))?;
    Ok((
        StatusCode::CREATED,
        Json(PracticeSummary {
            id: mock.id,
            team_id: mock.team_id,
            created_at: mock.created_at,
            question_count: mock.question_count,
        }),
    ))
}

/// The caller's own practice mock, opened as a room; 404 for anyone else's,
/// and for their own once they have left the team whose library it uses.
async fn own_mock(state: &AppState, user: &CurrentUser, id: Uuid) -> AppResult<Arc<Room>> {
    let mock = state
        .store
        .practice_session(user.id(), id)
        .await?
        .ok_or(AppError::NotFound("mock"))?;
    role_in_team(state, mock.team_id, user)
        .await
        .map_err(|_| AppError::NotFound("mock"))?;
    state
        .rooms
        .open(mock.team_id, id)
        .await?
        .ok_or(AppError::NotFound("mock"))
}

/// The mock as its candidate sees it (the same view the WebSocket sends).
#[utoipa::path(get, path = "/api/v1/practice/mocks/{mock_id}", tag = "practice",
    params(("mock_id" = Uuid, Path, description = "Practice mock id")),
    responses((status = 200, body = Object, description = "CandidateView"), (status = 404, body = ErrorBody)))]
async fn get_mock(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<CandidateView>> {
    let room = own_mock(&state, &user, id).await?;
    match room.view_of(&Viewer::Candidate, &room.snapshot(), room.now_ms()) {
        RoomView::Candidate(view) => Ok(Json(view)),
        RoomView::Interviewer(_) => Err(anyhow::anyhow!("candidate got an interviewer view").into()),
    }
}

/// The mock's WebSocket: the room protocol, with the candidate driving.
#[utoipa::path(get, path = "/api/v1/practice/mocks/{mock_id}/ws", tag = "practice",
    params(("mock_id" = Uuid, Path, description = "Practice mock id")),
    responses((status = 101, description = "WebSocket: the room protocol"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn mock_socket(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    ws: WebSocketUpgrade,
) -> AppResult<Response> {
    same_origin(&headers)?;
    let room = own_mock(&state, &user, id).await?;
    let participant = Participant {
        actor: Actor::Candidate {
            name: user.user.display_name.clone(),
        },
        viewer: Viewer::Candidate,
        link: None,
    };
    let rooms = state.rooms.clone();
    Ok(sized(&state, ws).on_upgrade(move |socket| connection::serve(socket, rooms, room, participant)))
}

/// Every practice mock of the caller, folded into its figures.
pub(super) async fn attempts_of(state: &AppState, user_id: Uuid) -> AppResult<Vec<Attempt>> {
    let mut attempts = Vec::new();
    for summary in state.store.practice_sessions(user_id).await? {
        let recording = state.rooms.recording(summary).await?;
        attempts.push(Attempt {
            state: recording.state(),
            content: recording.content,
            summary: recording.summary,
        });
    }
    Ok(attempts)
}

/// The caller's attempts (time used, self-scores, quick-check accuracy) and
/// progress per category over time.
#[utoipa::path(get, path = "/api/v1/practice/history", tag = "practice",
    responses((status = 200, body = PracticeHistory), (status = 401, body = ErrorBody)))]
async fn practice_history(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<PracticeHistory>> {
    let attempts = attempts_of(&state, user.id()).await?;
    Ok(Json(history::summarize(&attempts, state.clock.now())))
}
