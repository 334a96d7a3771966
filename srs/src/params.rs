//! The scheduler's configuration: FSRS-6 defaults and bounds, and
//! [`Parameters`], whose methods are the memory model's public face.

use crate::memory::{ItemState, MemoryState, NextStates};
use crate::model::{clamp_stability, sanitize_days, Model};
use crate::rating::Rating;

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

/// Seconds in a day; [`crate::Card`] times are Unix seconds.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Largest initial stability (fsrs-rs `INIT_S_MAX`).
const INIT_S_MAX: f64 = 100.0;

/// Allowed range of each weight: the clamps of fsrs-rs `clip_parameters`
/// (with one relearning step), which are also py-fsrs v6's
/// `LOWER_BOUNDS_PARAMETERS` / `UPPER_BOUNDS_PARAMETERS`.
pub(crate) const WEIGHT_BOUNDS: [(f64, f64); 21] = [
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
pub(crate) const DESIRED_RETENTION_MIN: f64 = 0.01;
pub(crate) const DESIRED_RETENTION_MAX: f64 = 1.0;

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

    pub(crate) fn model(&self) -> Model {
        Model::new(self)
    }
}
