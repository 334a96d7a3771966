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
//! test suites of those projects (see `tests.rs`).
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

use std::fmt;

#[cfg(test)]
mod tests;

/// Default decay (`w[20]`) of FSRS-6.
pub const FSRS6_DEFAULT_DECAY: f64 = 0.1542;

/// Decay used by FSRS-5 (19 parameters), where it was fixed at 0.5.
pub const FSRS5_DEFAULT_DECAY: f64 = 0.5;

/// The FSRS-6 default parameters (`fsrs` crate `DEFAULT_PARAMETERS`, py-fsrs
/// v6 `DEFAULT_PARAMETERS`), fitted to the average learner.
pub const DEFAULT_WEIGHTS: [f64; 21] = [
    0.212,
    1.2931,
    2.3065,
    8.2956,
    6.4133,
    0.8334,
    3.0194,
    0.001,
    1.8722,
    0.1666,
    0.796,
    1.4835,
    0.0614,
    0.2629,
    1.6483,
    0.6014,
    1.8729,
    0.5425,
    0.0912,
    0.0658,
    FSRS6_DEFAULT_DECAY,
];

/// Default desired retention (probability of recall at the due date).
pub const DEFAULT_DESIRED_RETENTION: f64 = 0.9;

/// Default maximum interval, in days.
pub const DEFAULT_MAXIMUM_INTERVAL: u32 = 36_500;

/// Smallest stability, in days (fsrs-rs `S_MIN`, py-fsrs `STABILITY_MIN`).
pub const STABILITY_MIN: f64 = 0.001;

/// Largest stability, in days (fsrs-rs `S_MAX`).
pub const STABILITY_MAX: f64 = 36_500.0;

/// Smallest difficulty.
pub const DIFFICULTY_MIN: f64 = 1.0;

/// Largest difficulty.
pub const DIFFICULTY_MAX: f64 = 10.0;

/// Seconds in a day; [`Card`] times are Unix seconds.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Largest initial stability (fsrs-rs `INIT_S_MAX`).
const INIT_S_MAX: f64 = 100.0;

/// Allowed range of each weight: the clamps of fsrs-rs `clip_parameters`
/// (with one relearning step), which are also py-fsrs v6's
/// `LOWER_BOUNDS_PARAMETERS` / `UPPER_BOUNDS_PARAMETERS`.
const WEIGHT_BOUNDS: [(f64, f64); 21] = [
    (STABILITY_MIN, INIT_S_MAX),
    (STABILITY_MIN, INIT_S_MAX),
    (STABILITY_MIN, INIT_S_MAX),
    (STABILITY_MIN, INIT_S_MAX),
    (1.0, 10.0),
    (0.001, 4.0),
    (0.001, 4.0),
    (0.001, 0.75),
    (0.0, 4.5),
    (0.0, 0.8),
    (0.001, 3.5),
    (0.001, 5.0),
    (0.001, 0.25),
    (0.001, 0.9),
    (0.0, 4.0),
    (0.0, 1.0),
    (1.0, 6.0),
    (0.0, 2.0),
    (0.0, 2.0),
    (0.0, 0.8),
    (0.1, 0.8),
];

/// Bounds applied to [`Parameters::desired_retention`].
const DESIRED_RETENTION_MIN: f64 = 0.01;
const DESIRED_RETENTION_MAX: f64 = 1.0;

/// How well the candidate recalled the item.
///
/// The server maps a wrong answer to [`Rating::Again`] and a correct one to
/// [`Rating::Good`] (or [`Rating::Easy`] for a quick correct answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Rating {
    /// Forgotten / answered wrongly.
    Again = 1,
    /// Recalled with serious difficulty.
    Hard = 2,
    /// Recalled.
    Good = 3,
    /// Recalled effortlessly.
    Easy = 4,
}

impl Rating {
    /// All ratings, in order.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The rating for `1..=4`, `None` otherwise.
    pub fn from_u8(value: u8) -> Option<Rating> {
        match value {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 => Some(Rating::Good),
            4 => Some(Rating::Easy),
            _ => None,
        }
    }

    /// The numeric grade, `1..=4`.
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    fn grade(self) -> f64 {
        f64::from(self.as_u8())
    }
}

/// Error for a rating outside `1..=4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidRating(pub u8);

impl fmt::Display for InvalidRating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid FSRS rating {} (expected 1..=4)", self.0)
    }
}

impl std::error::Error for InvalidRating {}

impl TryFrom<u8> for Rating {
    type Error = InvalidRating;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Rating::from_u8(value).ok_or(InvalidRating(value))
    }
}

impl From<Rating> for u8 {
    fn from(rating: Rating) -> u8 {
        rating.as_u8()
    }
}

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
    /// returns it); see [`Parameters::next_interval_days`] for whole days.
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

/// Scheduler configuration: the 21 FSRS-6 weights, the desired retention and
/// the maximum interval.
///
/// Values are not validated on construction; every method uses a sanitized
/// copy instead:
/// * each weight is clipped into the reference bounds (fsrs-rs
///   `clip_parameters`, py-fsrs v6 bounds); a NaN weight is replaced by the
///   default weight at that index;
/// * `desired_retention` is clamped into `[0.01, 1.0]` (NaN → 0.9);
/// * `maximum_interval` below 1 acts as 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameters {
    /// FSRS-6 weights `w[0]..=w[20]`; `w[20]` is the forgetting-curve decay.
    pub weights: [f64; 21],
    /// Target probability of recall when a card falls due (default 0.9).
    pub desired_retention: f64,
    /// Longest interval, in days (default 36500).
    pub maximum_interval: u32,
}

impl Default for Parameters {
    fn default() -> Self {
        Parameters {
            weights: DEFAULT_WEIGHTS,
            desired_retention: DEFAULT_DESIRED_RETENTION,
            maximum_interval: DEFAULT_MAXIMUM_INTERVAL,
        }
    }
}

impl Parameters {
    /// Parameters with the given weights and default retention and maximum
    /// interval.
    pub fn new(weights: [f64; 21]) -> Self {
        Parameters {
            weights,
            ..Parameters::default()
        }
    }

    /// Parameters from a 19-weight FSRS-5 set, upgraded as fsrs-rs
    /// `check_and_fill_parameters` does: `w[19] = 0`, `w[20] = 0.5`.
    pub fn from_fsrs5_weights(weights: [f64; 19]) -> Self {
        let mut w = [0.0; 21];
        w[..19].copy_from_slice(&weights);
        w[19] = 0.0;
        w[20] = FSRS5_DEFAULT_DECAY;
        Parameters::new(w)
    }

    /// The sanitized weights actually used by the scheduler.
    pub fn effective_weights(&self) -> [f64; 21] {
        self.model().w
    }

    /// Initial memory state of a new item after its first rating:
    /// `S0 = w[G-1]`, `D0 = clamp(w4 - e^(w5 (G-1)) + 1, 1, 10)`.
    pub fn initial_state(&self, rating: Rating) -> MemoryState {
        self.model().initial_state(rating)
    }

    /// Probability of recall after `elapsed_days` for an item of the given
    /// stability: `R = (1 + factor * t / S)^(-decay)` with
    /// `factor = 0.9^(-1/decay) - 1`, so `R = 0.9` when `t = S`.
    ///
    /// `elapsed_days` may be fractional; negative or NaN counts as 0.
    /// Stability is clamped into `[0.001, 36500]` (NaN → 0.001).
    pub fn retrievability(&self, stability: f64, elapsed_days: f64) -> f64 {
        let model = self.model();
        model.retrievability(clamp_stability(stability), sanitize_days(elapsed_days))
    }

    /// Memory state after rating an item `elapsed_days` whole days after its
    /// previous review (fsrs-rs `Model::step`):
    ///
    /// * `memory == None` (new item): [`Parameters::initial_state`];
    /// * `elapsed_days == 0`: same-day (short-term) stability update
    ///   `S' = S * e^(w17 (G - 3 + w18)) * S^(-w19)`, with the factor kept
    ///   `>= 1` for Good/Easy;
    /// * Again: post-lapse stability
    ///   `min(w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R)), S / e^(w17 w18))`;
    /// * Hard/Good/Easy: `S (1 + e^w8 (11-D) S^-w9 (e^(w10 (1-R)) - 1) * hard
    ///   penalty (w15) * easy bonus (w16))`;
    /// * difficulty: `D - w6 (G-3) (10-D)/9` with mean reversion towards
    ///   `D0(Easy)` by `w7`, clamped into `[1, 10]`.
    ///
    /// A given memory state is first clamped into the valid ranges; one with a
    /// non-finite component is treated as absent (new item).
    pub fn next_state(&self, memory: Option<MemoryState>, elapsed_days: u32, rating: Rating) -> MemoryState {
        self.model().step(memory, elapsed_days, rating)
    }

    /// Memory states and intervals for each rating (fsrs-rs `next_states`).
    /// See [`Parameters::next_state`].
    pub fn next_states(&self, memory: Option<MemoryState>, elapsed_days: u32) -> NextStates {
        let model = self.model();
        let item = |rating| {
            let memory = model.step(memory, elapsed_days, rating);
            ItemState {
                memory,
                interval: model.next_interval(memory.stability),
            }
        };
        NextStates {
            again: item(Rating::Again),
            hard: item(Rating::Hard),
            good: item(Rating::Good),
            easy: item(Rating::Easy),
        }
    }

    /// Unrounded interval in days after which retrievability falls to the
    /// desired retention: `S / factor * (DR^(-1/decay) - 1)` (fsrs-rs
    /// `next_interval`). Equal to `S` when the desired retention is 0.9.
    pub fn next_interval(&self, stability: f64) -> f64 {
        self.model().next_interval(clamp_stability(stability))
    }

    /// [`Parameters::next_interval`] rounded to whole days and clamped into
    /// `[1, maximum_interval]` (py-fsrs v6 `Scheduler._next_interval`).
    pub fn next_interval_days(&self, stability: f64) -> u32 {
        let model = self.model();
        model.next_interval_days(model.next_interval(clamp_stability(stability)))
    }

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
        let memory = if card.state == State::New {
            None
        } else {
            card.memory_state()
        };
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

    fn model(&self) -> Model {
        Model::new(self)
    }
}

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

fn clamp_stability(stability: f64) -> f64 {
    if stability.is_nan() {
        STABILITY_MIN
    } else {
        stability.clamp(STABILITY_MIN, STABILITY_MAX)
    }
}

fn sanitize_days(days: f64) -> f64 {
    if days.is_nan() {
        0.0
    } else {
        days.max(0.0)
    }
}

fn sanitize_memory(memory: MemoryState) -> Option<MemoryState> {
    if memory.stability.is_finite() && memory.difficulty.is_finite() {
        Some(MemoryState {
            stability: memory.stability.clamp(STABILITY_MIN, STABILITY_MAX),
            difficulty: memory.difficulty.clamp(DIFFICULTY_MIN, DIFFICULTY_MAX),
        })
    } else {
        None
    }
}

/// Sanitized parameters with the derived forgetting-curve constants.
#[derive(Debug, Clone, Copy)]
struct Model {
    w: [f64; 21],
    /// `-w[20]`, negative.
    decay: f64,
    /// `0.9^(1/decay) - 1`.
    factor: f64,
    desired_retention: f64,
    maximum_interval: u32,
}

impl Model {
    fn new(parameters: &Parameters) -> Self {
        let mut w = parameters.weights;
        for (i, weight) in w.iter_mut().enumerate() {
            if weight.is_nan() {
                *weight = DEFAULT_WEIGHTS[i];
            }
            let (low, high) = WEIGHT_BOUNDS[i];
            *weight = weight.clamp(low, high);
        }
        let decay = -w[20];
        let factor = 0.9f64.powf(1.0 / decay) - 1.0;
        let desired_retention = if parameters.desired_retention.is_nan() {
            DEFAULT_DESIRED_RETENTION
        } else {
            parameters
                .desired_retention
                .clamp(DESIRED_RETENTION_MIN, DESIRED_RETENTION_MAX)
        };
        Model {
            w,
            decay,
            factor,
            desired_retention,
            maximum_interval: parameters.maximum_interval.max(1),
        }
    }

    fn retrievability(&self, stability: f64, elapsed_days: f64) -> f64 {
        (1.0 + self.factor * elapsed_days / stability).powf(self.decay)
    }

    fn next_interval(&self, stability: f64) -> f64 {
        stability / self.factor * (self.desired_retention.powf(1.0 / self.decay) - 1.0)
    }

    fn next_interval_days(&self, interval: f64) -> u32 {
        let rounded = interval.round();
        if rounded >= f64::from(self.maximum_interval) {
            self.maximum_interval
        } else if rounded >= 1.0 {
            // In [1, maximum_interval): exact conversion.
            rounded as u32
        } else {
            1
        }
    }

    fn init_stability(&self, rating: Rating) -> f64 {
        self.w[usize::from(rating.as_u8()) - 1].max(STABILITY_MIN)
    }

    fn init_difficulty_raw(&self, grade: f64) -> f64 {
        self.w[4] - (self.w[5] * (grade - 1.0)).exp() + 1.0
    }

    fn initial_state(&self, rating: Rating) -> MemoryState {
        MemoryState {
            stability: self.init_stability(rating),
            difficulty: self
                .init_difficulty_raw(rating.grade())
                .clamp(DIFFICULTY_MIN, DIFFICULTY_MAX),
        }
    }

    fn stability_after_success(&self, s: f64, d: f64, r: f64, rating: Rating) -> f64 {
        let hard_penalty = if rating == Rating::Hard { self.w[15] } else { 1.0 };
        let easy_bonus = if rating == Rating::Easy { self.w[16] } else { 1.0 };
        s * (self.w[8].exp()
            * (11.0 - d)
            * s.powf(-self.w[9])
            * (((1.0 - r) * self.w[10]).exp() - 1.0)
            * hard_penalty
            * easy_bonus
            + 1.0)
    }

    fn stability_after_failure(&self, s: f64, d: f64, r: f64) -> f64 {
        let long_term =
            self.w[11] * d.powf(-self.w[12]) * ((s + 1.0).powf(self.w[13]) - 1.0) * ((1.0 - r) * self.w[14]).exp();
        let short_term_cap = s / (self.w[17] * self.w[18]).exp();
        long_term.min(short_term_cap)
    }

    fn stability_short_term(&self, s: f64, rating: Rating) -> f64 {
        let mut sinc = (self.w[17] * (rating.grade() - 3.0 + self.w[18])).exp() * s.powf(-self.w[19]);
        if rating >= Rating::Good {
            sinc = sinc.max(1.0);
        }
        s * sinc
    }

    /// Difficulty after the rating, before mean reversion (linear damping).
    fn next_difficulty(&self, d: f64, rating: Rating) -> f64 {
        let delta = -self.w[6] * (rating.grade() - 3.0);
        d + (10.0 - d) * delta / 9.0
    }

    fn mean_reversion(&self, d: f64) -> f64 {
        self.w[7] * (self.init_difficulty_raw(4.0) - d) + d
    }

    fn step(&self, memory: Option<MemoryState>, elapsed_days: u32, rating: Rating) -> MemoryState {
        let Some(MemoryState {
            stability: s,
            difficulty: d,
        }) = memory.and_then(sanitize_memory)
        else {
            return self.initial_state(rating);
        };
        let new_s = if elapsed_days == 0 {
            self.stability_short_term(s, rating)
        } else {
            let r = self.retrievability(s, f64::from(elapsed_days));
            if rating == Rating::Again {
                self.stability_after_failure(s, d, r)
            } else {
                self.stability_after_success(s, d, r, rating)
            }
        };
        let new_d = self
            .mean_reversion(self.next_difficulty(d, rating))
            .clamp(DIFFICULTY_MIN, DIFFICULTY_MAX);
        MemoryState {
            stability: clamp_stability(new_s),
            difficulty: new_d,
        }
    }
}
