//! The question library: packs, question search, previews, and guide upload.

use axum::extract::State;
use axum::http::StatusCode;
use mockroom_api::{
    ContentErrorBody, ErrorBody, ImportPackRequest, ImportPackResponse, PackSummary, QuestionFilter, QuestionList,
    QuestionPreview, QuickCheckPreview, Role, StageCode, StagePreview,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::role_in_team;
use crate::auth::CurrentUser;
use crate::content::import::{import_guide, summary_to_api, to_api};
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

/// A 5 MB guide, JSON-escaped, with room to spare.
const UPLOAD_LIMIT_BYTES: usize = 8 * 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    let upload = OpenApiRouter::new()
        .routes(routes!(list_packs, import_pack))
        .layer(crate::extract::body_limit(UPLOAD_LIMIT_BYTES));
    OpenApiRouter::new()
        .merge(upload)
        .routes(routes!(list_questions))
        .routes(routes!(preview_question))
}

/// Interviewers, admins and owners use the library; candidates never see stages here.
async fn require_interviewer(state: &AppState, team_id: Uuid, user: &CurrentUser) -> AppResult<Role> {
    let role = role_in_team(state, team_id, user).await?;
    if role == Role::Candidate {
        return Err(AppError::Forbidden("the question library is for interviewers".into()));
    }
    Ok(role)
}

/// Packs the team can use: its own and the bundled ones.
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/packs", tag = "content",
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 200, body = Vec<PackSummary>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_packs(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
) -> AppResult<Json<Vec<PackSummary>>> {
    require_interviewer(&state, team_id, &user).await?;
    Ok(Json(state.store.packs(team_id).await?))
}

/// Uploads a guide (owners and admins). Errors store nothing and come back as
/// `file:line:col` diagnostics; the same bytes twice change nothing; a changed
/// file under the same name becomes a new version of that pack.
#[utoipa::path(post, path = "/api/v1/teams/{team_id}/packs", tag = "content", request_body = ImportPackRequest,
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 201, description = "A new version was stored", body = ImportPackResponse),
              (status = 200, description = "Unchanged, or a dry run", body = ImportPackResponse),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ContentErrorBody)))]
async fn import_pack(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
    Json(req): Json<ImportPackRequest>,
) -> AppResult<(StatusCode, Json<ImportPackResponse>)> {
    let role = role_in_team(&state, team_id, &user).await?;
    if !role.can_manage_members() {
        return Err(AppError::Forbidden("only owners and admins import packs".into()));
    }
    let store = (!req.dry_run).then_some(&state.store);
    let report = import_guide(
        store,
        Some(team_id),
        &req.filename,
        req.markdown.as_bytes(),
        Some(user.id()),
    )
    .await?;
    let diagnostics: Vec<_> = report.parsed.diagnostics.iter().map(to_api).collect();
    if report.parsed.has_errors() {
        return Err(AppError::ContentInvalid(diagnostics));
    }
    let questions = report.parsed.guide.questions.len();
    let summary = summary_to_api(&report.parsed.summary);
    let Some(imported) = report.imported else {
        return Ok((
            StatusCode::OK,
            Json(ImportPackResponse {
                pack: None,
                created_version: false,
                questions,
                diagnostics,
                summary,
            }),
        ));
    };
    let pack = state.store.pack(team_id, imported.pack_id).await?;
    let status = if imported.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    if imported.created {
        tracing::info!(pack = %imported.pack_id, version = %imported.version_id, "pack imported");
    }
    Ok((
        status,
        Json(ImportPackResponse {
            pack,
            created_version: imported.created,
            questions,
            diagnostics,
            summary,
        }),
    ))
}

/// Questions of the team's packs (current versions), filtered by type,
/// category, pack and text.
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/questions", tag = "content",
    params(("team_id" = Uuid, Path, description = "Team id"), QuestionFilter),
    responses((status = 200, body = QuestionList), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_questions(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
    Query(filter): Query<QuestionFilter>,
) -> AppResult<Json<QuestionList>> {
    require_interviewer(&state, team_id, &user).await?;
    let questions = state.store.questions(team_id, &filter).await?;
    let (kinds, categories) = state.store.question_facets(team_id).await?;
    Ok(Json(QuestionList {
        questions,
        kinds,
        categories,
    }))
}

/// Every stage of a question, rendered, in reveal order, with its rubric.
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/questions/{question_id}", tag = "content",
    params(("team_id" = Uuid, Path, description = "Team id"), ("question_id" = Uuid, Path, description = "Question id")),
    responses((status = 200, body = QuestionPreview), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn preview_question(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, question_id)): Path<(Uuid, Uuid)>,
) -> AppResult<Json<QuestionPreview>> {
    require_interviewer(&state, team_id, &user).await?;
    let detail = state
        .store
        .question_detail(team_id, question_id)
        .await?
        .ok_or(AppError::NotFound("question"))?;
    let rubric = serde_json::from_str(&detail.rubric_json).map_err(|e| anyhow::anyhow!("stored rubric: {e}"))?;
    let mut stages = Vec::with_capacity(detail.stages.len());
    for s in detail.stages {
        let quick_check = match (s.kind.as_str(), s.quick_check) {
            ("quick_check", Some(i)) => {
                let row = detail.quick_checks.iter().find(|c| c.position == i);
                let row = row.ok_or_else(|| anyhow::anyhow!("quick check {i} of {question_id} missing"))?;
                let options: Vec<String> =
                    serde_json::from_str(&row.options_json).map_err(|e| anyhow::anyhow!("stored options: {e}"))?;
                Some(QuickCheckPreview {
                    options,
                    correct: row.correct,
                })
            }
            _ => None,
        };
        let code = s.code.map(|code| StageCode {
            language: s.code_language.unwrap_or_default(),
            code,
        });
        stages.push(StagePreview {
            position: s.position,
            kind: s.kind,
            title: s.title,
            html: s.html,
            quick_check,
            code,
        });
    }
    Ok(Json(QuestionPreview {
        question: detail.summary,
        stages,
        rubric,
    }))
}
