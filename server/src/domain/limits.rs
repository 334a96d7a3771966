//! Limits of the API's input, in one place: the parsers here enforce them,
//! and the OpenAPI document states them (on the `mockroom_api` types, and in
//! `crate::openapi` for the room types). A unit test in `crate::openapi`
//! checks that the document and these constants agree.

use std::ops::RangeInclusive;

pub const DISPLAY_NAME_MAX: usize = 80;
pub const TEAM_NAME_MAX: usize = 100;
/// RFC 5321's limits: 254 characters in all, 64 before the `@`.
pub const EMAIL_MAX: usize = 254;
pub const EMAIL_LOCAL_MAX: usize = 64;
/// Invite and candidate links live at most 30 days.
pub const INVITE_HOURS_MAX: u32 = 30 * 24;
pub const LINK_HOURS_MAX: u32 = 30 * 24;
/// Questions per session or mock, and per practice draw.
pub const QUESTIONS_MAX: usize = 20;
/// Shortest and longest time a question may be given (seconds).
pub const TIME_LIMIT_SECS: RangeInclusive<u32> = 10..=4 * 3600;

/// Names: no control characters, and something besides whitespace.
pub const NAME_PATTERN: &str =
    r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$";
/// E-mail addresses as [`super::EmailAddress`] reads them: optional spaces
/// around `local@domain`, no spaces or control characters inside, one `@`,
/// a domain of non-empty dot-separated labels.
pub const EMAIL_PATTERN: &str = r"^\s*[^\s@\u0000-\u001F\u007F-\u009F]{1,64}@[^\s@.\u0000-\u001F\u007F-\u009F]+(\.[^\s@.\u0000-\u001F\u007F-\u009F]+)*\s*$";
/// An optional e-mail address: blank means none.
pub const OPTIONAL_EMAIL_PATTERN: &str = r"^\s*([^\s@\u0000-\u001F\u007F-\u009F]{1,64}@[^\s@.\u0000-\u001F\u007F-\u009F]+(\.[^\s@.\u0000-\u001F\u007F-\u009F]+)*)?\s*$";
