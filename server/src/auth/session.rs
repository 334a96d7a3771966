//! Server-side sessions carried by an `HttpOnly; SameSite=Lax` cookie, and the
//! [`CurrentUser`] extractor that also enforces the CSRF token on mutations.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use chrono::{DateTime, Utc};
use subtle::ConstantTimeEq;

use super::tokens::hash_token;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::UserRow;

pub const SESSION_COOKIE: &str = "mockroom_session";

/// The signed-in user of this request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: UserRow,
    pub token_hash: Vec<u8>,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

impl CurrentUser {
    pub fn id(&self) -> uuid::Uuid {
        self.user.id
    }
}

/// The session token from the `Cookie` header, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}");
    // Tokens are URL-safe base64, so the cookie is always a valid header value.
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static("mockroom_session=; Max-Age=0"))
}

pub fn clear_session_cookie(secure: bool) -> HeaderValue {
    session_cookie("", 0, secure)
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = session_token(&parts.headers).ok_or(AppError::Unauthorized)?;
        let token_hash = hash_token(&token);
        let session = state.store.session(&token_hash).await?.ok_or(AppError::Unauthorized)?;
        if session.expires_at <= Utc::now() {
            state.store.delete_session(&token_hash).await?;
            return Err(AppError::Unauthorized);
        }
        if !is_safe(&parts.method) {
            let sent = parts
                .headers
                .get(mockroom_api::CSRF_HEADER)
                .map(|v| v.as_bytes())
                .unwrap_or_default();
            if !bool::from(sent.ct_eq(session.csrf_token.as_bytes())) {
                return Err(AppError::Csrf);
            }
        }
        let user = state
            .store
            .user_by_id(session.user_id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        Ok(CurrentUser {
            user,
            token_hash,
            csrf_token: session.csrf_token,
            expires_at: session.expires_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; mockroom_session=abc; b=2"),
        );
        assert_eq!(session_token(&headers).as_deref(), Some("abc"));
        headers.insert(header::COOKIE, HeaderValue::from_static("mockroom_sessionx=1"));
        assert_eq!(session_token(&headers), None);
    }

    #[test]
    fn cookie_has_the_protective_attributes() {
        let cookie = session_cookie("t", 60, true);
        let cookie = cookie.to_str().expect("ascii");
        for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=60"] {
            assert!(cookie.contains(attr), "{cookie} lacks {attr}");
        }
    }
}
