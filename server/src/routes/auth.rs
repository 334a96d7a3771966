//! Registration, login, logout and the current session.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use mockroom_api::{ErrorBody, InviteStatus, LoginRequest, Me, RegisterRequest, RegistrationInfo};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, hash_token, random_token, CurrentUser};
use crate::domain::{DisplayName, EmailAddress, Password, TeamName};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::store::{NewUser, Registration, UserRow};
use crate::store_errors::register_error;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(registration_info))
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
}

/// Whether this is a fresh install and which teams accept anyone.
#[utoipa::path(get, path = "/api/v1/auth/registration", tag = "auth",
    responses((status = 200, body = RegistrationInfo)))]
async fn registration_info(State(state): State<AppState>) -> AppResult<Json<RegistrationInfo>> {
    Ok(Json(RegistrationInfo {
        first_user: !state.store.bootstrapped().await?,
        open_teams: state.store.open_teams().await?,
    }))
}

/// Creates an account and signs it in. The first account of an install creates
/// the first team and owns it; later ones need an invite token, or a team with
/// open registration (joined as candidate).
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, body = Me), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "No such invite, or no such team open to registration"),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn register(State(state): State<AppState>, Json(req): Json<RegisterRequest>) -> AppResult<Response> {
    let email = EmailAddress::parse(&req.email)?;
    let display_name = DisplayName::parse(&req.display_name)?;
    let password = Password::parse(req.password)?;

    let first_team_name: TeamName;
    let registration = if let Some(token) = req.invite_token.as_deref() {
        let invite = state
            .store
            .invite_by_token_hash(&hash_token(token))
            .await?
            .ok_or(AppError::NotFound("invite"))?;
        match invite.status(Utc::now()) {
            InviteStatus::Pending => {}
            status => return Err(invite_unusable(status)),
        }
        if invite.email.as_deref().is_some_and(|e| e != email.as_str()) {
            return Err(AppError::Forbidden("this invite is for another e-mail address".into()));
        }
        Registration::Invite {
            invite_id: invite.id,
            team_id: invite.team_id,
            role: invite.role()?,
        }
    } else if let Some(team_id) = req.team_id {
        let team = state.store.team(team_id).await?.filter(|t| t.open_registration);
        let team = team.ok_or(AppError::NotFound("team"))?;
        Registration::JoinTeam {
            team_id: team.id,
            role: mockroom_api::Role::Candidate,
        }
    } else if !state.store.bootstrapped().await? {
        first_team_name = TeamName::parse(req.team_name.as_deref().unwrap_or("My team"))?;
        Registration::FirstUser {
            team_name: first_team_name.as_str(),
        }
    } else {
        return Err(not_open());
    };

    let password_hash = state.hasher.hash(password.expose().to_owned())?.await?;
    let new_user = NewUser {
        email: email.as_str(),
        display_name: display_name.as_str(),
        password_hash: &password_hash,
    };
    let (user, _team) = state
        .store
        .register(new_user, registration)
        .await
        .map_err(|e| register_error(e, not_open))?;
    tracing::info!(user_id = %user.id, "account registered");
    // The browser that created the account is trusted from the start.
    start_session(&state, user, StatusCode::CREATED, None, false).await
}

fn not_open() -> AppError {
    AppError::Forbidden("registration is by invitation: ask a team owner or admin for an invite link".into())
}

pub(crate) fn invite_unusable(status: InviteStatus) -> AppError {
    let why = match status {
        InviteStatus::Used => "this invite has already been used",
        InviteStatus::Revoked => "this invite has been revoked",
        InviteStatus::Expired => "this invite has expired",
        InviteStatus::Pending => "this invite cannot be used",
    };
    AppError::Conflict(why.into())
}

/// Signs in with e-mail and password. Throttled per client address, per
/// account and address (backoff), and per account for browsers without this
/// account's trusted-device cookie; 503 when password hashing is saturated.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody),
              (status = 503, body = ErrorBody)))]
async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(req): Json<LoginRequest>,
) -> AppResult<Response> {
    let account_key = req.email.trim().to_lowercase();
    let email = EmailAddress::parse(&req.email).ok();
    let (user, device, admitted, verified) = {
        // Database work of logins is bounded (see AppState::login_gate); the
        // permit is returned once the attempt is queued for hashing.
        let _gate = state
            .login_gate
            .acquire()
            .await
            .map_err(|e| anyhow::anyhow!("login gate closed: {e}"))?;
        // A device cookie counts only for the account it was issued to.
        let device = match (auth::device_token(&headers), &email) {
            (Some(token), Some(email)) => {
                let token_hash = hash_token(&token);
                let owner = state.store.trusted_device_email(&token_hash).await?;
                owner.filter(|owner| owner == email.as_str()).map(|_| token_hash)
            }
            _ => None,
        };
        let admitted = state
            .login_throttle
            .admit(&state.store, peer.ip(), &account_key, device.as_deref())
            .await?;
        // Saturated: refused now, without looking the account up; the
        // attempt was counted all the same.
        if state.hasher.saturated() {
            return Err(AppError::Busy {
                retry_after: std::time::Duration::from_secs(1),
            });
        }
        let user = match &email {
            Some(email) => state.store.user_by_email(email.as_str()).await?,
            None => None,
        };
        let stored_hash = user.as_ref().map(|u| u.password_hash.clone());
        let verified = state.hasher.verify(req.password, stored_hash)?;
        (user, device, admitted, verified)
    };
    if !verified.await? {
        return Err(AppError::InvalidCredentials("wrong e-mail address or password"));
    }
    let Some(user) = user else {
        return Err(AppError::InvalidCredentials("wrong e-mail address or password"));
    };
    state.login_throttle.succeeded(&state.store, admitted).await?;
    // A new token on every login (no session fixation); the old one is revoked.
    let previous = auth::session_token_from(&headers).map(|t| hash_token(&t));
    tracing::info!(user_id = %user.id, "signed in");
    start_session(&state, user, StatusCode::OK, previous, device.is_some()).await
}

/// Ends the current session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn logout(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    state.store.delete_session(&user.token_hash).await?;
    let cookie = auth::clear_session_cookie(state.config.secure_cookies);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// The signed-in user, their teams and the CSRF token.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn me(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Me>> {
    Ok(Json(Me {
        memberships: state.store.memberships(user.id()).await?,
        user: user.user.to_api(),
        csrf_token: user.csrf_token,
        session_expires_at: user.expires_at,
    }))
}

/// Creates a session for `user`, revoking `previous`, and answers with the
/// session cookie and the user's [`Me`], plus a trusted-device cookie unless
/// the browser already holds one for this account (`trusted`).
async fn start_session(
    state: &AppState,
    user: UserRow,
    status: StatusCode,
    previous: Option<Vec<u8>>,
    trusted: bool,
) -> AppResult<Response> {
    if let Some(previous) = previous {
        state.store.delete_session(&previous).await?;
    }
    let token = random_token();
    let csrf_token = random_token();
    let ttl = chrono::Duration::from_std(state.config.session_ttl)
        .map_err(|e| anyhow::anyhow!("session ttl out of range: {e}"))?;
    let expires_at = Utc::now() + ttl;
    state
        .store
        .create_session(&hash_token(&token), user.id, &csrf_token, expires_at)
        .await?;
    let max_age = i64::try_from(state.config.session_ttl.as_secs()).unwrap_or(i64::MAX);
    let cookie: HeaderValue = auth::session_cookie(&token, max_age, state.config.secure_cookies);
    let me = Me {
        memberships: state.store.memberships(user.id).await?,
        user: user.to_api(),
        csrf_token,
        session_expires_at: expires_at,
    };
    let mut response = (status, [(header::SET_COOKIE, cookie)], Json(me)).into_response();
    if !trusted {
        let device = random_token();
        let expires_at = Utc::now() + chrono::Duration::days(auth::DEVICE_TTL_DAYS);
        state
            .store
            .trust_device(&hash_token(&device), user.id, expires_at)
            .await?;
        response.headers_mut().append(
            header::SET_COOKIE,
            auth::device_cookie(&device, state.config.secure_cookies),
        );
    }
    Ok(response)
}
