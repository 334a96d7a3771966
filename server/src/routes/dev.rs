//! Development-only endpoints, mounted only with `MOCKROOM_DEV_CLOCK=true`
//! and left out of the OpenAPI document: never enable on a real install.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdvanceClock {
    /// Seconds to move the server's clock forward.
    seconds: i64,
}

/// `POST /api/v1/dev/clock {"seconds": N}`: moves the server's clock forward
/// (review due dates, deadlines), so tests need not wait days.
async fn advance_clock(State(state): State<AppState>, Json(req): Json<AdvanceClock>) -> AppResult<StatusCode> {
    if !(1..=366 * 86_400).contains(&req.seconds) {
        return Err(AppError::Invalid("seconds must be between 1 and one year".into()));
    }
    state.clock.advance(chrono::Duration::seconds(req.seconds));
    tracing::warn!(seconds = req.seconds, now = %state.clock.now(), "dev clock moved forward");
    Ok(StatusCode::NO_CONTENT)
}

pub fn dev_router() -> Router<AppState> {
    Router::new().route("/api/v1/dev/clock", post(advance_clock))
}
