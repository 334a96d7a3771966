//! The review queue: quick checks a candidate has answered, due again on
//! their FSRS schedule.

use axum::extract::State;
use mockroom_api::{ErrorBody, ReviewAnswer, ReviewItem, ReviewOutcome, ReviewQueue};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::practice::reviews::record_answer;
use crate::state::AppState;

/// At most this many due cards per page load.
const PAGE: i64 = 50;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(review_queue))
        .routes(routes!(answer_review))
}

/// Quick checks due for review now (options, no answer), and when the next one comes due.
#[utoipa::path(get, path = "/api/v1/reviews", tag = "practice",
    responses((status = 200, body = ReviewQueue), (status = 401, body = ErrorBody)))]
async fn review_queue(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<ReviewQueue>> {
    let now = state.clock.now();
    let due = state
        .store
        .due_reviews(user.id(), now, PAGE)
        .await?
        .into_iter()
        .map(|row| {
            Ok(ReviewItem {
                question_id: row.card.question_id,
                check: row.card.check_index,
                question_title: row.question_title,
                pack_title: row.pack_title,
                prompt_html: row.prompt_html,
                options: serde_json::from_str(&row.options_json)?,
                due_at: row.card.due_at,
                reps: row.card.reps,
                lapses: row.card.lapses,
            })
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()
        .map_err(|e| anyhow::anyhow!("stored quick-check options: {e}"))?;
    let total_cards = state.store.count_review_cards(user.id()).await?;
    Ok(Json(ReviewQueue {
        due,
        total_cards,
        next_due_at: state.store.next_review_due(user.id(), now).await?,
    }))
}

/// Answers a due quick check: graded at once, the card rescheduled.
#[utoipa::path(post, path = "/api/v1/reviews/answer", tag = "practice", request_body = ReviewAnswer,
    responses((status = 200, body = ReviewOutcome), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
async fn answer_review(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(req): Json<ReviewAnswer>,
) -> AppResult<Json<ReviewOutcome>> {
    let card = state
        .store
        .review_card(user.id(), req.question_id, req.check)
        .await?
        .ok_or(AppError::NotFound("review card"))?;
    if card.due_at > state.clock.now() {
        return Err(AppError::Conflict(format!(
            "this card is not due until {}",
            card.due_at.to_rfc3339()
        )));
    }
    let (correct_option, options_json, explanation_html) = state
        .store
        .quick_check_key(req.question_id, req.check)
        .await?
        .ok_or(AppError::NotFound("quick check"))?;
    let options: Vec<String> =
        serde_json::from_str(&options_json).map_err(|e| anyhow::anyhow!("stored quick-check options: {e}"))?;
    let option = usize::try_from(req.option)
        .ok()
        .filter(|o| *o < options.len())
        .ok_or_else(|| {
            AppError::Invalid(format!(
                "option must be between 0 and {}",
                options.len().saturating_sub(1)
            ))
        })?;
    let check = usize::try_from(req.check).map_err(|_| AppError::NotFound("quick check"))?;
    let correct = i64::try_from(option).is_ok_and(|o| o == correct_option);
    let now = state.clock.now();
    let card = record_answer(
        &state.store,
        &state.clock,
        user.id(),
        req.question_id,
        check,
        option,
        correct,
    )
    .await?;
    Ok(Json(ReviewOutcome {
        correct,
        correct_option,
        explanation_html,
        next_due_at: card.due_at,
        interval_days: (card.due_at - now).num_seconds() as f64 / 86_400.0,
        stability: card.stability,
        difficulty: card.difficulty,
    }))
}
