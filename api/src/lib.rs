//! Wire types of the Mockroom JSON API (`/api/v1`).
//!
//! Shared by the server (which also derives OpenAPI schemas from them with the
//! `openapi` feature) and the WASM frontend, so both sides agree on every field.
//! Request bodies reject unknown fields: a typo is a 400, not a silently ignored value.

// The FromJson derive names this crate by its path from outside.
extern crate self as mockroom_api;

pub mod auth;
pub mod calibration;
pub mod client_json;
pub mod content;
pub mod error;
pub mod from_json;
pub mod inline_markdown;
pub mod patch;
pub mod practice;
pub mod room;
pub mod room_events;
pub mod teams;

// The derived readers checked against serde on the views and the timeline.
#[cfg(test)]
mod candidate_json;
#[cfg(test)]
mod interviewer_json;
#[cfg(test)]
mod timeline_json;

pub use auth::*;
pub use calibration::*;
pub use content::*;
pub use error::*;
pub use from_json::FromJson;
pub use practice::*;
pub use room::*;
pub use room_events::*;
pub use teams::*;

/// Prefix of every JSON endpoint.
pub const API_PREFIX: &str = "/api/v1";
/// Header carrying the per-session CSRF token on cookie-authenticated mutations.
pub const CSRF_HEADER: &str = "x-csrf-token";
