//! Interview rooms on one event-sourced engine. The state of a room is a fold
//! over its event log ([`log`], [`state::RoomState::apply`]); an action becomes
//! an event only through [`engine::Room`], which decides it, appends it to the
//! log (optimistically, so several instances can share a room) and runs its
//! effects; what each participant may see is computed from the state by
//! [`view`], so a candidate's messages are built from revealed stages only and
//! cannot carry anything else. [`connection`] runs one participant's socket;
//! [`registry::Rooms`] holds the live rooms and keeps instances in step;
//! [`recording`] reads a finished session without opening a live room.

pub mod connection;
pub mod content;
pub mod engine;
pub mod event;
pub mod limits;
pub mod live;
pub mod log;
pub mod mock;
pub mod recording;
pub mod registry;
pub mod replay;
pub mod scorecard;
pub mod state;
pub mod view;

#[cfg(test)]
mod answer_key_tests;
#[cfg(test)]
mod log_golden;
#[cfg(test)]
mod mock_tests;
#[cfg(test)]
pub(crate) mod tests;
