//! Memory states: what FSRS knows about an item.

use crate::rating::Rating;

/// The two-component memory state of an item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryState {
    /// Days after which retrievability drops to 90 %.
    pub stability: f64,
    /// Difficulty in `[1, 10]`.
    pub difficulty: f64,
}

/// Memory state and (unrounded) interval after one possible rating.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemState {
    /// Memory state after the review.
    pub memory: MemoryState,
    /// Interval in days for the desired retention, unrounded (as fsrs-rs
    /// returns it); see [`crate::Parameters::next_interval_days`] for whole days.
    pub interval: f64,
}

/// The outcome of each of the four ratings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NextStates {
    pub again: ItemState,
    pub hard: ItemState,
    pub good: ItemState,
    pub easy: ItemState,
}

impl NextStates {
    /// The outcome for `rating`.
    pub fn get(&self, rating: Rating) -> ItemState {
        match rating {
            Rating::Again => self.again,
            Rating::Hard => self.hard,
            Rating::Good => self.good,
            Rating::Easy => self.easy,
        }
    }
}
