//! Authentication: password hashing, session cookies (with CSRF), login rate limits.

mod password;
mod rate_limit;
mod session;
mod tokens;

pub use password::{hash_password, verify_password};
pub use rate_limit::RateLimiter;
pub use session::{
    clear_session_cookie, session_cookie, session_token as session_token_from, CurrentUser, SESSION_COOKIE,
};
pub use tokens::{hash_token, random_token};
