//! Live interview rooms. The state of a room is a fold over its event log
//! ([`state::RoomState::apply`]); what each participant may see is computed
//! from that state by [`view`], so a candidate's messages are built from
//! revealed stages only and cannot carry anything else.

pub mod content;
pub mod event;
pub mod hub;
pub mod live;
pub mod mock;
pub mod replay;
pub mod scorecard;
pub mod state;
pub mod view;

#[cfg(test)]
mod mock_tests;
#[cfg(test)]
pub(crate) mod tests;
