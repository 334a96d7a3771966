//! The calibration dashboard, its long-format CSV, and calibration drills.
//! Owners and admins only: per-interviewer leniency is a management view.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use mockroom_api::{
    CalibrationQuery, CalibrationReport, CreateDrillRequest, DrillSummary, ErrorBody, Role, SessionMode,
};
use mockroom_stats::BootstrapConfig;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::role_in_team;
use crate::auth::CurrentUser;
use crate::calibration::{csv, dataset, report};
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(dashboard))
        .routes(routes!(ratings_csv))
        .routes(routes!(list_drills, create_drill))
}

async fn require_admin(state: &AppState, team_id: Uuid, user: &CurrentUser) -> AppResult<()> {
    match role_in_team(state, team_id, user).await? {
        Role::Owner | Role::Admin => Ok(()),
        _ => Err(AppError::Forbidden(
            "calibration is for the team's owners and admins".into(),
        )),
    }
}

/// Agreement (Krippendorff's alpha, ICC(2,1), ICC(2,k), pairwise weighted
/// kappa) with 95% bootstrap intervals, interviewer leniency, score
/// distributions and quick-check item analysis, under the filters.
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/calibration", tag = "calibration",
    params(("team_id" = Uuid, Path, description = "Team id"), CalibrationQuery),
    responses((status = 200, body = CalibrationReport), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn dashboard(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
    Query(query): Query<CalibrationQuery>,
) -> AppResult<Json<CalibrationReport>> {
    require_admin(&state, team_id, &user).await?;
    let data = dataset::load(&state.store, team_id).await?;
    // Bootstrap intervals take tens of milliseconds on big teams: off the async workers.
    let report = tokio::task::spawn_blocking(move || report::report(&data, &query, &BootstrapConfig::default()))
        .await
        .map_err(|e| anyhow::anyhow!("calibration task: {e}"))?
        .map_err(|e| anyhow::anyhow!("calibration input: {e:?}"))?;
    Ok(Json(report))
}

/// Every score under the filters, one row each (long format): session,
/// candidate, question, pack version, rubric dimension, interviewer, score,
/// stages revealed when scoring, timestamp, source (live, panel or drill).
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/calibration/ratings.csv", tag = "calibration",
    params(("team_id" = Uuid, Path, description = "Team id"), CalibrationQuery),
    responses((status = 200, description = "text/csv"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn ratings_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
    Query(query): Query<CalibrationQuery>,
) -> AppResult<Response> {
    require_admin(&state, team_id, &user).await?;
    let data = dataset::load(&state.store, team_id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"calibration-ratings.csv\"".to_owned(),
            ),
        ],
        csv::ratings_csv(&data, &query),
    )
        .into_response())
}

async fn drill_summary(state: &AppState, team_id: Uuid, drill: Uuid, source: Uuid) -> AppResult<Option<DrillSummary>> {
    let Some(summary) = state.store.interview(team_id, drill).await? else {
        return Ok(None);
    };
    let recording = state.rooms.recording(summary).await?;
    let submitted = recording
        .state()
        .members
        .values()
        .filter(|m| m.submitted)
        .map(|m| m.name.clone())
        .collect();
    Ok(Some(DrillSummary {
        drill: recording.summary,
        source_session_id: source,
        submitted,
    }))
}

/// The team's calibration drills and who has scored each.
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/calibration/drills", tag = "calibration",
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 200, body = Vec<DrillSummary>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_drills(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
) -> AppResult<Json<Vec<DrillSummary>>> {
    require_admin(&state, team_id, &user).await?;
    let mut out = Vec::new();
    for (drill, source) in state.store.drills(team_id).await? {
        out.extend(drill_summary(&state, team_id, drill, source).await?);
    }
    Ok(Json(out))
}

/// Asks the team's interviewers to score a session again from its recording
/// (candidate's answers, revealed stages, quick-check results; no scores).
/// Each joins the drill from the sessions list; nobody sees another's scores
/// before submitting their own.
#[utoipa::path(post, path = "/api/v1/teams/{team_id}/calibration/drills", tag = "calibration", request_body = CreateDrillRequest,
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 201, body = DrillSummary), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
async fn create_drill(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
    Json(req): Json<CreateDrillRequest>,
) -> AppResult<(StatusCode, Json<DrillSummary>)> {
    require_admin(&state, team_id, &user).await?;
    let source = state
        .store
        .interview(team_id, req.session_id)
        .await?
        .filter(|s| s.mode != SessionMode::Practice)
        .ok_or(AppError::NotFound("session"))?;
    if source.mode == SessionMode::Drill {
        return Err(AppError::Invalid(
            "drill the original session, not a drill of it".into(),
        ));
    }
    if source.ended_at.is_none() {
        return Err(AppError::Conflict(
            "only a finished session can be drilled: end the interview (or let the candidate finish the mock) first"
                .into(),
        ));
    }
    let id = state.store.create_drill(&source, user.id(), state.clock.now()).await?;
    let summary = drill_summary(&state, team_id, id, source.id)
        .await?
        .ok_or(AppError::NotFound("drill"))?;
    Ok((StatusCode::CREATED, Json(summary)))
}
