//! Authentication: password hashing, session cookies (with CSRF), login
//! throttling and trusted devices.

mod device;
mod password;
mod session;
mod throttle;
mod tokens;

pub use device::{device_cookie, device_token, DEVICE_COOKIE, DEVICE_TTL_DAYS};
pub use password::{default_hash_threads, HashError, Hasher};
pub use session::{
    clear_session_cookie, session_cookie, session_token as session_token_from, CurrentUser, SESSION_COOKIE,
};
pub use throttle::{address_key, now_ms, Admitted, LoginThrottle};
pub use tokens::{hash_token, random_token};
