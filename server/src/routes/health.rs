use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mockroom_api::{ErrorBody, Health};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::extract::Json;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(healthz)).routes(routes!(readyz))
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, body = Health)))]
async fn healthz() -> Json<Health> {
    Json(Health { status: "ok".into() })
}

/// The database answers and the instance is not draining (a load balancer
/// stops sending new clients to an instance that is shutting down).
#[utoipa::path(
    get, path = "/readyz", tag = "health",
    responses((status = 200, body = Health), (status = 503, body = ErrorBody))
)]
async fn readyz(State(state): State<AppState>) -> Response {
    if *state.rooms.draining().borrow() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(ErrorBody::new("draining", "this instance is shutting down")),
        )
            .into_response();
    }
    match state.store.ping().await {
        Ok(()) => Json(Health { status: "ok".into() }).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(ErrorBody::new("not_ready", "the database is not reachable")),
            )
                .into_response()
        }
    }
}
