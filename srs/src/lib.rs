//! FSRS-6 spaced-repetition scheduler for Mockroom quick checks.
//!
//! This crate is pure (no I/O, no clock, no randomness). It implements the
//! *Free Spaced Repetition Scheduler*, version 6 (21 parameters), exactly as the
//! reference implementations do:
//!
//! * [`open-spaced-repetition/fsrs-rs`](https://github.com/open-spaced-repetition/fsrs-rs)
//!   (`src/model.rs`, `src/inference.rs`): memory-state model, `next_states`,
//!   `next_interval`, parameter clipping;
//! * [`open-spaced-repetition/py-fsrs`](https://github.com/open-spaced-repetition/py-fsrs)
//!   v6 (`Scheduler`): whole-day interval rounding and clamping, elapsed days
//!   as whole days since the last review.
//!
//! The unit tests check the numbers against reference outputs copied from the
//! test suites of those projects (see `src/tests/`).
//!
//! # Two layers
//!
//! * **Memory model.** [`Parameters::next_states`] / [`Parameters::next_state`]
//!   map an optional [`MemoryState`] (stability, difficulty), a number of
//!   elapsed whole days and a [`Rating`] to the next memory state, like the
//!   `fsrs` crate's `FSRS::next_states`. [`Parameters::retrievability`] is the
//!   forgetting curve, [`Parameters::next_interval`] /
//!   [`Parameters::next_interval_days`] turn a stability into an interval for
//!   the desired retention.
//! * **Card scheduling.** [`Parameters::review`] applies one rating to a
//!   [`Card`] at a Unix time and returns the updated card and a
//!   [`ReviewLog`]. It schedules in **whole days only**: there are no sub-day
//!   learning or relearning steps and no fuzz. This is the behaviour of py-fsrs
//!   v6's `Scheduler(learning_steps=(), relearning_steps=(),
//!   enable_fuzzing=False)` (and of the "long-term" schedulers, i.e.
//!   `enable_short_term = false`, in the other FSRS ports): every review,
//!   including a failed one, yields an interval of at least one day. A card
//!   reviewed again less than a day after its previous review gets the
//!   reference's same-day ("short-term") stability update.
//!
//! ```
//! use mockroom_srs::{Card, Parameters, Rating, SECONDS_PER_DAY};
//!
//! let params = Parameters::default(); // FSRS-6 defaults, retention 0.9
//! let t0 = 1_700_000_000; // Unix seconds
//! let (card, log) = params.review(&Card::new(t0), Rating::Good, t0);
//! assert_eq!(log.scheduled_days, 2); // S0(Good) = 2.3065 days
//! assert_eq!(card.due, t0 + 2 * SECONDS_PER_DAY);
//!
//! // A wrong answer when it falls due: stability drops, due again tomorrow.
//! let (card, log) = params.review(&card, Rating::Again, card.due);
//! assert_eq!(log.scheduled_days, 1);
//! assert_eq!(card.lapses, 1);
//! ```
//!
//! Nothing here panics or returns NaN, whatever the input: out-of-range
//! parameters are clipped into the reference bounds, and out-of-range memory
//! states and times are clamped (see the individual items).
//!
//! Modules: [`params`] (defaults and [`Parameters`], the memory model's
//! public face), [`rating`], [`memory`] (memory states), [`card`]
//! (whole-day card scheduling); the formulas themselves live in a private
//! `model` module, on sanitised weights.

pub mod card;
pub mod memory;
mod model;
pub mod params;
pub mod rating;

#[cfg(test)]
mod tests;

pub use card::{Card, ReviewLog, State};
pub use memory::{ItemState, MemoryState, NextStates};
pub use params::*;
pub use rating::{InvalidRating, Rating};
