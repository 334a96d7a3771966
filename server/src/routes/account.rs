//! One's own data: export (JSON or CSV) and deleting the account.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use mockroom_api::{AccountExport, DeleteAccountRequest, ErrorBody, PracticeHistory, ReviewCardExport};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::practice::attempts_of;
use crate::auth::{clear_session_cookie, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query};
use crate::practice::history;
use crate::state::AppState;
use crate::store::users::AccountDeletion;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(delete_account))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `json` (default) or `csv` (one row per question of each practice attempt).
    #[serde(default)]
    #[param(inline)]
    pub format: Option<ExportFormat>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    #[default]
    Json,
    Csv,
}

/// Everything Mockroom keeps about the caller: account, teams, practice
/// attempts with answers and self-scores, review schedule.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "auth", params(ExportQuery),
    responses((status = 200, description = "JSON, or CSV with ?format=csv",
               content((AccountExport = "application/json"), (String = "text/csv"))),
              (status = 401, body = ErrorBody)))]
async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<ExportQuery>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let practice = history::summarize(&attempts_of(&state, user.id()).await?, now);
    match query.format.unwrap_or_default() {
        ExportFormat::Json => {
            let review_cards = state
                .store
                .review_cards(user.id())
                .await?
                .into_iter()
                .map(|c| ReviewCardExport {
                    question_id: c.question_id,
                    check: c.check_index,
                    stability: c.stability,
                    difficulty: c.difficulty,
                    due_at: c.due_at,
                    last_review_at: Some(c.last_review_at),
                    reps: c.reps,
                    lapses: c.lapses,
                })
                .collect();
            let body = AccountExport {
                exported_at: now,
                memberships: state.store.memberships(user.id()).await?,
                user: user.user.to_api(),
                practice,
                review_cards,
            };
            Ok(attachment(
                "application/json",
                "mockroom-export.json",
                serde_json::to_string_pretty(&body).map_err(anyhow::Error::from)?,
            ))
        }
        ExportFormat::Csv => Ok(attachment(
            "text/csv; charset=utf-8",
            "mockroom-practice.csv",
            practice_csv(&practice),
        )),
    }
}

fn attachment(content_type: &'static str, filename: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// RFC 4180 field: quoted when it holds a comma, quote or line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn opt(v: Option<impl ToString>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// One row per question of each attempt, long format.
pub fn practice_csv(history: &PracticeHistory) -> String {
    let mut out = String::from(
        "attempt,started_at,position,pack,question,type,category,time_limit_secs,time_used_secs,outcome,self_score_pct,quick_checks_answered,quick_checks_correct,answer\n",
    );
    for a in &history.attempts {
        for (i, q) in a.questions.iter().enumerate() {
            let outcome = serde_json::to_value(q.outcome)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let row = [
                a.id.to_string(),
                a.started_at.to_rfc3339(),
                (i + 1).to_string(),
                field(&q.pack_title),
                field(&q.title),
                field(&q.kind),
                field(&q.category),
                q.time_limit_secs.to_string(),
                opt(q.time_used_ms.map(|ms| format!("{:.1}", ms as f64 / 1000.0))),
                outcome,
                opt(q.self_score_pct.map(|p| format!("{p:.1}"))),
                q.quick_checks_answered.to_string(),
                q.quick_checks_correct.to_string(),
                field(&q.answer),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}

/// Deletes the caller's account and their data (password required). The
/// sole owner of a team with other members must hand ownership on first.
#[utoipa::path(delete, path = "/api/v1/me", tag = "auth", request_body = DeleteAccountRequest,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn delete_account(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(req): Json<DeleteAccountRequest>,
) -> AppResult<Response> {
    let verified = state
        .hasher
        .verify(req.password, Some(user.user.password_hash.clone()))?
        .await?;
    if !verified {
        return Err(AppError::InvalidCredentials("wrong password"));
    }
    match state.store.delete_account(user.id()).await? {
        AccountDeletion::SoleOwnerOf(team) => Err(AppError::Conflict(format!(
            "you are the only owner of {team:?}, which has other members: make someone else an owner first"
        ))),
        AccountDeletion::Deleted => {
            tracing::info!(user_id = %user.id(), "account deleted");
            let cookie = clear_session_cookie(state.config.secure_cookies);
            Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
        }
    }
}
