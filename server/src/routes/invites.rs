//! Invite links as seen by the person holding one.

use axum::extract::State;
use chrono::Utc;
use mockroom_api::{ErrorBody, InvitePreview, InviteStatus, Membership, TeamSummary};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::invite_unusable;
use crate::auth::{hash_token, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path};
use crate::state::AppState;
use crate::store::InviteRow;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(preview_invite))
        .routes(routes!(accept_invite))
}

async fn pending_invite(state: &AppState, token: &str) -> AppResult<InviteRow> {
    let invite = state
        .store
        .invite_by_token_hash(&hash_token(token))
        .await?
        .ok_or(AppError::NotFound("invite"))?;
    match invite.status(Utc::now()) {
        InviteStatus::Pending => Ok(invite),
        status => Err(invite_unusable(status)),
    }
}

/// Which team and role an invite link grants (no sign-in needed).
#[utoipa::path(get, path = "/api/v1/invites/{token}", tag = "teams",
    params(("token" = String, Path, description = "Invite token from the link")),
    responses((status = 200, body = InvitePreview), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn preview_invite(State(state): State<AppState>, Path(token): Path<String>) -> AppResult<Json<InvitePreview>> {
    let invite = pending_invite(&state, &token).await?;
    let team = state
        .store
        .team(invite.team_id)
        .await?
        .ok_or(AppError::NotFound("invite"))?;
    Ok(Json(InvitePreview {
        team: TeamSummary {
            id: team.id,
            name: team.name,
        },
        role: invite.role()?,
        email: invite.email.clone(),
        expires_at: invite.expires_at,
    }))
}

/// Joins the invite's team with an existing, signed-in account.
#[utoipa::path(post, path = "/api/v1/invites/{token}/accept", tag = "teams",
    params(("token" = String, Path, description = "Invite token from the link")),
    responses((status = 200, body = Membership), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody)))]
async fn accept_invite(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(token): Path<String>,
) -> AppResult<Json<Membership>> {
    let invite = pending_invite(&state, &token).await?;
    if invite.email.as_deref().is_some_and(|e| e != user.user.email) {
        return Err(AppError::Forbidden("this invite is for another e-mail address".into()));
    }
    if state.store.role_in_team(invite.team_id, user.id()).await?.is_some() {
        return Err(AppError::Conflict("you are already a member of this team".into()));
    }
    let role = invite.role()?;
    if !state.store.accept_invite(&invite, user.id(), role).await? {
        return Err(AppError::Conflict(
            "this invite has already been used or revoked".into(),
        ));
    }
    let team = state
        .store
        .team(invite.team_id)
        .await?
        .ok_or(AppError::NotFound("team"))?;
    Ok(Json(Membership {
        team: TeamSummary {
            id: team.id,
            name: team.name,
        },
        role,
    }))
}
