//! HTTP routes, one module per feature. Every route is registered through
//! `utoipa_axum`, so the OpenAPI document is built from the same list as the router.

mod account;
mod auth;
mod calibration;
mod content;
mod dev;
mod health;
mod interviews;
mod invites;
mod practice;
mod reviews;
mod rooms;
pub(crate) mod teams;

/// The demo data gives its questions the times a new session would.
pub(crate) use interviews::default_time_limit;

use mockroom_api::Role;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mockroom API",
        description = "JSON API of Mockroom. Errors are `{\"error\": {\"code\", \"message\"}}`. \
                       Mutations made with the session cookie must send the `x-csrf-token` header \
                       returned by `/api/v1/me`, login and register."
    ),
    tags(
        (name = "health", description = "Liveness and readiness"),
        (name = "auth", description = "Registration, sessions"),
        (name = "teams", description = "Teams, members, roles and invites"),
        (name = "content", description = "Question packs, the question library and previews"),
        (name = "sessions", description = "Live interview sessions, assigned mocks and candidate links"),
        (name = "calibration", description = "Agreement between interviewers, leniency, item analysis, drills"),
        (name = "practice", description = "Candidates' timed practice mocks, history, and quick-check reviews"),
    )
)]
struct ApiDoc;

/// All documented routes, with the OpenAPI document describing them.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(auth::router())
        .merge(teams::router())
        .merge(invites::router())
        .merge(content::router())
        .merge(interviews::router())
        .merge(rooms::router())
        .merge(practice::router())
        .merge(reviews::router())
        .merge(account::router())
        .merge(calibration::router())
}

pub(crate) use dev::dev_router;

/// The caller's role in a team. A team the caller is not in does not exist
/// for them: 404, never 403, so ids of other teams reveal nothing.
pub(crate) async fn role_in_team(state: &AppState, team_id: Uuid, user: &CurrentUser) -> AppResult<Role> {
    state
        .store
        .role_in_team(team_id, user.id())
        .await?
        .ok_or(AppError::NotFound("team"))
}
