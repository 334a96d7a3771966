//! A team, its members and roles, and its invites.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::Utc;
use mockroom_api::{
    ChangeRoleRequest, CreateInviteRequest, CreateTeamRequest, CreatedInvite, ErrorBody, Invite, Member, Role, Team,
    UpdateTeamRequest,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::role_in_team;
use crate::auth::{hash_token, random_token, CurrentUser};
use crate::domain::{EmailAddress, TeamName};
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path};
use crate::state::AppState;
use crate::store::NewInvite;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_team))
        .routes(routes!(get_team, update_team))
        .routes(routes!(list_members))
        .routes(routes!(change_role, remove_member))
        .routes(routes!(list_invites, create_invite))
        .routes(routes!(revoke_invite))
}

const DEFAULT_INVITE_HOURS: u32 = 7 * 24;
const MAX_INVITE_HOURS: u32 = crate::domain::limits::INVITE_HOURS_MAX;

fn require_manager(role: Role) -> AppResult<()> {
    if role.can_manage_members() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only owners and admins manage members and invites".into(),
        ))
    }
}

/// Creates a team owned by the caller (a recruiter starting a second
/// organisation on the same install, say).
#[utoipa::path(post, path = "/api/v1/teams", tag = "teams", request_body = CreateTeamRequest,
    responses((status = 201, body = Team), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_team(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(req): Json<CreateTeamRequest>,
) -> AppResult<(StatusCode, Json<Team>)> {
    let name = TeamName::parse(&req.name)?;
    let team = state.store.create_team_owned_by(name.as_str(), user.id()).await?;
    Ok((StatusCode::CREATED, Json(team)))
}

/// A team the caller belongs to.
#[utoipa::path(get, path = "/api/v1/teams/{team_id}", tag = "teams",
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 200, body = Team), (status = 404, body = ErrorBody)))]
async fn get_team(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
) -> AppResult<Json<Team>> {
    role_in_team(&state, team_id, &user).await?;
    state
        .store
        .team(team_id)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("team"))
}

/// Renames a team or opens/closes its registration (owners only).
#[utoipa::path(patch, path = "/api/v1/teams/{team_id}", tag = "teams", request_body = UpdateTeamRequest,
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 200, body = Team), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_team(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
    Json(req): Json<UpdateTeamRequest>,
) -> AppResult<Json<Team>> {
    if role_in_team(&state, team_id, &user).await? != Role::Owner {
        return Err(AppError::Forbidden("only owners change team settings".into()));
    }
    let name = req.name.as_deref().map(TeamName::parse).transpose()?;
    state
        .store
        .update_team(team_id, name.as_ref().map(TeamName::as_str), req.open_registration)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("team"))
}

/// Members of the team with their roles (not shown to candidates).
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/members", tag = "teams",
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 200, body = Vec<Member>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_members(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
) -> AppResult<Json<Vec<Member>>> {
    if !role_in_team(&state, team_id, &user).await?.can_view_members() {
        return Err(AppError::Forbidden("candidates do not see the member list".into()));
    }
    Ok(Json(state.store.members(team_id).await?))
}

/// Changes a member's role. Admins cannot touch owners or make new ones; a team
/// always keeps at least one owner.
#[utoipa::path(patch, path = "/api/v1/teams/{team_id}/members/{user_id}", tag = "teams",
    request_body = ChangeRoleRequest,
    params(("team_id" = Uuid, Path, description = "Team id"), ("user_id" = Uuid, Path, description = "Member's user id")),
    responses((status = 200, body = Member), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody)))]
async fn change_role(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, member_id)): Path<(Uuid, Uuid)>,
    Json(req): Json<ChangeRoleRequest>,
) -> AppResult<Json<Member>> {
    let actor = role_in_team(&state, team_id, &user).await?;
    require_manager(actor)?;
    let current = state
        .store
        .role_in_team(team_id, member_id)
        .await?
        .ok_or(AppError::NotFound("member"))?;
    if actor != Role::Owner && (current == Role::Owner || req.role == Role::Owner) {
        return Err(AppError::Forbidden("only owners grant or change the owner role".into()));
    }
    if !state.store.set_role(team_id, member_id, req.role).await? {
        return Err(AppError::Conflict(
            "a team needs at least one owner: make someone else owner first".into(),
        ));
    }
    let members = state.store.members(team_id).await?;
    members
        .into_iter()
        .find(|m| m.user_id == member_id)
        .map(Json)
        .ok_or(AppError::NotFound("member"))
}

/// Removes a member (owners and admins), or leaves the team (any member, for themselves).
#[utoipa::path(delete, path = "/api/v1/teams/{team_id}/members/{user_id}", tag = "teams",
    params(("team_id" = Uuid, Path, description = "Team id"), ("user_id" = Uuid, Path, description = "Member's user id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn remove_member(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, member_id)): Path<(Uuid, Uuid)>,
) -> AppResult<StatusCode> {
    let actor = role_in_team(&state, team_id, &user).await?;
    let target = state
        .store
        .role_in_team(team_id, member_id)
        .await?
        .ok_or(AppError::NotFound("member"))?;
    if member_id != user.id() {
        require_manager(actor)?;
        if actor != Role::Owner && target == Role::Owner {
            return Err(AppError::Forbidden("only owners remove owners".into()));
        }
    }
    if !state.store.remove_member(team_id, member_id).await? {
        return Err(AppError::Conflict(
            "a team needs at least one owner: make someone else owner first".into(),
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The team's invites, newest first (owners and admins).
#[utoipa::path(get, path = "/api/v1/teams/{team_id}/invites", tag = "teams",
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 200, body = Vec<Invite>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_invites(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(team_id): Path<Uuid>,
) -> AppResult<Json<Vec<Invite>>> {
    require_manager(role_in_team(&state, team_id, &user).await?)?;
    let now = Utc::now();
    let rows = state.store.invites(team_id).await?;
    let invites = rows.iter().map(|r| r.to_api(now)).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(invites))
}

/// Creates an invite link. The token is returned once; only its hash is kept.
#[utoipa::path(post, path = "/api/v1/teams/{team_id}/invites", tag = "teams", request_body = CreateInviteRequest,
    params(("team_id" = Uuid, Path, description = "Team id")),
    responses((status = 201, body = CreatedInvite), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
async fn create_invite(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(team_id): Path<Uuid>,
    Json(req): Json<CreateInviteRequest>,
) -> AppResult<(StatusCode, Json<CreatedInvite>)> {
    let actor = role_in_team(&state, team_id, &user).await?;
    require_manager(actor)?;
    if req.role == Role::Owner && actor != Role::Owner {
        return Err(AppError::Forbidden("only owners invite owners".into()));
    }
    let hours = req.expires_in_hours.unwrap_or(DEFAULT_INVITE_HOURS);
    if hours == 0 || hours > MAX_INVITE_HOURS {
        return Err(AppError::Invalid(format!(
            "expires_in_hours must be between 1 and {MAX_INVITE_HOURS}"
        )));
    }
    let email = EmailAddress::parse_optional(req.email.as_deref())?;
    let token = random_token();
    let row = state
        .store
        .create_invite(NewInvite {
            team_id,
            token_hash: &hash_token(&token),
            role: req.role,
            email: email.as_ref().map(EmailAddress::as_str),
            created_by: user.id(),
            expires_at: Utc::now() + chrono::Duration::hours(i64::from(hours)),
        })
        .await?;
    let url = format!("{}/register?invite={token}", base_url(&state, &headers));
    Ok((
        StatusCode::CREATED,
        Json(CreatedInvite {
            invite: row.to_api(Utc::now())?,
            token,
            url,
        }),
    ))
}

/// Revokes an invite so its link stops working.
#[utoipa::path(delete, path = "/api/v1/teams/{team_id}/invites/{invite_id}", tag = "teams",
    params(("team_id" = Uuid, Path, description = "Team id"), ("invite_id" = Uuid, Path, description = "Invite id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revoke_invite(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((team_id, invite_id)): Path<(Uuid, Uuid)>,
) -> AppResult<StatusCode> {
    require_manager(role_in_team(&state, team_id, &user).await?)?;
    if !state.store.revoke_invite(team_id, invite_id).await? {
        return Err(AppError::NotFound("invite"));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Base URL for links given to outsiders: the configured public URL, else the
/// host the admin is using right now.
pub(crate) fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.clone();
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}
