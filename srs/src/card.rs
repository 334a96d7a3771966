//! Whole-day scheduling of one reviewable item: [`Card`], its [`State`]
//! label, and [`Parameters::review`].

use crate::memory::MemoryState;
use crate::model::sanitize_memory;
use crate::params::{Parameters, SECONDS_PER_DAY};
use crate::rating::Rating;

/// Scheduling state of a [`Card`]. Only [`State::New`] affects the
/// arithmetic (it means "no memory state yet"); the others are labels, see
/// [`Parameters::review`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum State {
    /// Never reviewed.
    #[default]
    New,
    /// Reviewed, but never recalled yet.
    Learning,
    /// Last review was a successful recall.
    Review,
    /// Forgotten after having been recalled before.
    Relearning,
}

/// A reviewable item (one quick check for one candidate).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Card {
    pub state: State,
    /// Stability in days; meaningless (0) while the card is [`State::New`].
    pub stability: f64,
    /// Difficulty in `[1, 10]`; meaningless (0) while the card is
    /// [`State::New`].
    pub difficulty: f64,
    /// When the card is next due, Unix seconds.
    pub due: i64,
    /// Time of the last review, Unix seconds.
    pub last_review: Option<i64>,
    /// Number of reviews.
    pub reps: u32,
    /// Number of times the card was forgotten after having been recalled.
    pub lapses: u32,
}

impl Card {
    /// A new card, due immediately at `created_at` (Unix seconds).
    pub fn new(created_at: i64) -> Self {
        Card {
            due: created_at,
            ..Card::default()
        }
    }

    /// The memory state, `None` for a new card or one whose stability or
    /// difficulty is not finite.
    pub fn memory_state(&self) -> Option<MemoryState> {
        if self.state == State::New {
            return None;
        }
        sanitize_memory(MemoryState {
            stability: self.stability,
            difficulty: self.difficulty,
        })
    }
}

/// Record of one review, as returned by [`Parameters::review`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewLog {
    pub rating: Rating,
    /// State of the card before the review.
    pub state: State,
    /// Review time, Unix seconds.
    pub reviewed_at: i64,
    /// Whole days since the previous review (0 for the first one).
    pub elapsed_days: u32,
    /// Days until the card is due again.
    pub scheduled_days: u32,
    /// Predicted probability of recall at review time, `None` for a new card.
    pub retrievability: Option<f64>,
}

/// Whole days from `last` to `now`, floored; 0 if `now` is earlier.
fn elapsed_days(last: i64, now: i64) -> u32 {
    let seconds = now.saturating_sub(last).max(0);
    u32::try_from(seconds / SECONDS_PER_DAY).unwrap_or(u32::MAX)
}

impl Parameters {
    /// Retrievability of `card` at `now` (Unix seconds), counting whole days
    /// since its last review as [`Parameters::review`] does. A card that was
    /// never reviewed has retrievability 0 (as in py-fsrs).
    pub fn card_retrievability(&self, card: &Card, now: i64) -> f64 {
        match (card.memory_state(), card.last_review) {
            (Some(memory), Some(last_review)) => self
                .model()
                .retrievability(memory.stability, f64::from(elapsed_days(last_review, now))),
            _ => 0.0,
        }
    }

    /// Reviews `card` with `rating` at `now` (Unix seconds) and returns the
    /// updated card and a log entry.
    ///
    /// Whole-day scheduling, no learning steps, no fuzz (py-fsrs v6
    /// `Scheduler(learning_steps=(), relearning_steps=(),
    /// enable_fuzzing=False)`):
    ///
    /// * elapsed days = whole days (floored) since `last_review`, 0 if `now`
    ///   is earlier; 0 elapsed days selects the same-day stability update;
    /// * the memory state is updated with [`Parameters::next_state`] (a card in
    ///   [`State::New`] is initialised from the rating, and so is any card
    ///   whose stability or difficulty is not finite);
    /// * the card is due [`Parameters::next_interval_days`] days after `now`
    ///   (at least one day, also after Again);
    /// * `reps` counts every review; `lapses` counts Again on a card in
    ///   [`State::Review`];
    /// * `state` is a label that does not change the arithmetic: New →
    ///   Learning (Again) or Review (otherwise); Learning stays Learning until
    ///   a Hard/Good/Easy; Review → Relearning on Again; Relearning → Review on
    ///   Hard/Good/Easy.
    pub fn review(&self, card: &Card, rating: Rating, now: i64) -> (Card, ReviewLog) {
        let model = self.model();
        // `None` for a new card, or one whose state is not finite.
        let memory = card.memory_state();
        let elapsed = card.last_review.map_or(0, |last| elapsed_days(last, now));
        let retrievability = memory.map(|m| model.retrievability(m.stability, f64::from(elapsed)));
        let next = model.step(memory, elapsed, rating);
        let scheduled_days = model.next_interval_days(model.next_interval(next.stability));

        let passed = rating != Rating::Again;
        let state = match (card.state, passed) {
            (State::New | State::Learning, false) => State::Learning,
            (State::Review | State::Relearning, false) => State::Relearning,
            (_, true) => State::Review,
        };
        let lapses = if card.state == State::Review && !passed {
            card.lapses.saturating_add(1)
        } else {
            card.lapses
        };

        let updated = Card {
            state,
            stability: next.stability,
            difficulty: next.difficulty,
            due: now.saturating_add(i64::from(scheduled_days).saturating_mul(SECONDS_PER_DAY)),
            last_review: Some(now),
            reps: card.reps.saturating_add(1),
            lapses,
        };
        let log = ReviewLog {
            rating,
            state: card.state,
            reviewed_at: now,
            elapsed_days: elapsed,
            scheduled_days,
            retrievability,
        };
        (updated, log)
    }
}
