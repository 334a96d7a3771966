//! The trusted-device cookie: proof that this browser signed in to an account
//! before. It lets its holder past the per-account login limits of that one
//! account, so an attacker failing logins on someone's e-mail address cannot
//! lock its owner out of the browsers they already use (see [`super::throttle`]).
//! Only the token's SHA-256 is stored; the cookie is sent to the auth
//! endpoints only, and JavaScript cannot read it.

use axum::http::{header, HeaderMap, HeaderValue};

pub const DEVICE_COOKIE: &str = "mockroom_device";
/// How long a browser stays trusted after its last good login.
pub const DEVICE_TTL_DAYS: i64 = 180;

/// The device token from the `Cookie` header, if any.
pub fn device_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == DEVICE_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

pub fn device_cookie(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = DEVICE_TTL_DAYS * 24 * 3600;
    let cookie =
        format!("{DEVICE_COOKIE}={token}; Path=/api/v1/auth; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}");
    // Tokens are URL-safe base64, so the cookie is always a valid header value.
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static("mockroom_device=; Max-Age=0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_is_http_only_and_scoped_to_auth() {
        let cookie = device_cookie("t", true);
        let cookie = cookie.to_str().expect("ascii");
        for attr in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/api/v1/auth"] {
            assert!(cookie.contains(attr), "{cookie} lacks {attr}");
        }
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("mockroom_session=a; mockroom_device=b"),
        );
        assert_eq!(device_token(&headers).as_deref(), Some("b"));
    }
}
