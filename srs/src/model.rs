//! The FSRS-6 formulas, on a sanitised copy of the parameters (fsrs-rs
//! `Model`). Crate-private: [`crate::Parameters`] is the public face.

use crate::memory::MemoryState;
use crate::params::{
    Parameters, DEFAULT_DESIRED_RETENTION, DEFAULT_WEIGHTS, DESIRED_RETENTION_MAX, DESIRED_RETENTION_MIN,
    DIFFICULTY_MAX, DIFFICULTY_MIN, STABILITY_MAX, STABILITY_MIN, WEIGHT_BOUNDS,
};
use crate::rating::Rating;

pub(crate) fn clamp_stability(stability: f64) -> f64 {
    if stability.is_nan() {
        STABILITY_MIN
    } else {
        stability.clamp(STABILITY_MIN, STABILITY_MAX)
    }
}

pub(crate) fn sanitize_days(days: f64) -> f64 {
    if days.is_nan() {
        0.0
    } else {
        days.max(0.0)
    }
}

pub(crate) fn sanitize_memory(memory: MemoryState) -> Option<MemoryState> {
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
pub(crate) struct Model {
    pub(crate) w: [f64; 21],
    /// `-w[20]`, negative.
    decay: f64,
    /// `0.9^(1/decay) - 1`.
    factor: f64,
    desired_retention: f64,
    maximum_interval: u32,
}

impl Model {
    pub(crate) fn new(parameters: &Parameters) -> Self {
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

    pub(crate) fn retrievability(&self, stability: f64, elapsed_days: f64) -> f64 {
        (1.0 + self.factor * elapsed_days / stability).powf(self.decay)
    }

    pub(crate) fn next_interval(&self, stability: f64) -> f64 {
        stability / self.factor * (self.desired_retention.powf(1.0 / self.decay) - 1.0)
    }

    pub(crate) fn next_interval_days(&self, interval: f64) -> u32 {
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

    pub(crate) fn init_stability(&self, rating: Rating) -> f64 {
        self.w[usize::from(rating.as_u8()) - 1].max(STABILITY_MIN)
    }

    pub(crate) fn init_difficulty_raw(&self, grade: f64) -> f64 {
        self.w[4] - (self.w[5] * (grade - 1.0)).exp() + 1.0
    }

    pub(crate) fn initial_state(&self, rating: Rating) -> MemoryState {
        MemoryState {
            stability: self.init_stability(rating),
            difficulty: self
                .init_difficulty_raw(rating.grade())
                .clamp(DIFFICULTY_MIN, DIFFICULTY_MAX),
        }
    }

    pub(crate) fn stability_after_success(&self, s: f64, d: f64, r: f64, rating: Rating) -> f64 {
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

    pub(crate) fn stability_after_failure(&self, s: f64, d: f64, r: f64) -> f64 {
        let long_term =
            self.w[11] * d.powf(-self.w[12]) * ((s + 1.0).powf(self.w[13]) - 1.0) * ((1.0 - r) * self.w[14]).exp();
        let short_term_cap = s / (self.w[17] * self.w[18]).exp();
        long_term.min(short_term_cap)
    }

    pub(crate) fn stability_short_term(&self, s: f64, rating: Rating) -> f64 {
        let mut sinc = (self.w[17] * (rating.grade() - 3.0 + self.w[18])).exp() * s.powf(-self.w[19]);
        if rating >= Rating::Good {
            sinc = sinc.max(1.0);
        }
        s * sinc
    }

    /// Difficulty after the rating, before mean reversion (linear damping).
    pub(crate) fn next_difficulty(&self, d: f64, rating: Rating) -> f64 {
        let delta = -self.w[6] * (rating.grade() - 3.0);
        d + (10.0 - d) * delta / 9.0
    }

    pub(crate) fn mean_reversion(&self, d: f64) -> f64 {
        self.w[7] * (self.init_difficulty_raw(4.0) - d) + d
    }

    pub(crate) fn step(&self, memory: Option<MemoryState>, elapsed_days: u32, rating: Rating) -> MemoryState {
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
