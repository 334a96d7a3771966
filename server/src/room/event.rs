//! What happened in a room: the persisted event log's payloads. They are wire
//! types too (the timeline serves them), so they live in the `api` crate.

pub use mockroom_api::{Actor, RoomEvent};
