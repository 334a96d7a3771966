//! Outcomes shared by every statistic: why a number is withheld, and the
//! uniform shape of a reported estimate.
//!
//! A calibration dashboard that shows "κ = 0.12" for two interviewers who
//! shared three items misleads more than it helps, so every statistic refuses
//! to produce a number below a stated minimum and says why instead. No result
//! of this crate is ever NaN or infinite.

use crate::bootstrap::ConfidenceInterval;

/// Why a statistic was not computed.
#[derive(Debug, Clone, PartialEq)]
pub enum NotEnoughData {
    /// Fewer units than the stated minimum (the minimums are `pub const`s in
    /// each module).
    TooFew {
        /// What was counted, e.g. "items rated by both raters".
        what: &'static str,
        /// The minimum this statistic needs.
        minimum: usize,
        /// How many were found.
        found: usize,
    },
    /// Enough units, but the statistic is mathematically undefined for them
    /// (typically 0/0 because nobody's scores vary).
    Undefined {
        /// Plain-language explanation, e.g. "all scores are equal".
        reason: &'static str,
    },
}

impl NotEnoughData {
    /// Shorthand for the `TooFew` variant.
    pub(crate) fn too_few(what: &'static str, minimum: usize, found: usize) -> Self {
        NotEnoughData::TooFew { what, minimum, found }
    }

    /// Shorthand for the `Undefined` variant.
    pub(crate) fn undefined(reason: &'static str) -> Self {
        NotEnoughData::Undefined { reason }
    }
}

impl std::fmt::Display for NotEnoughData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotEnoughData::TooFew { what, minimum, found } => {
                write!(f, "not enough data: {found} {what}, need at least {minimum}")
            }
            NotEnoughData::Undefined { reason } => write!(f, "undefined: {reason}"),
        }
    }
}

impl std::error::Error for NotEnoughData {}

/// A point estimate with its bootstrap interval and the sample it rests on.
///
/// `items` and `ratings` let the dashboard show "based on 37 items / 74
/// ratings" next to the number, which matters more than the third decimal.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// The statistic on the full data; always finite.
    pub value: f64,
    /// Percentile bootstrap interval over items, `None` when resampling was
    /// switched off or too many resamples were degenerate (see
    /// [`crate::bootstrap::MIN_DEFINED_SHARE`]).
    pub ci: Option<ConfidenceInterval>,
    /// Number of items (subjects) the estimate uses.
    pub items: usize,
    /// Number of individual ratings the estimate uses.
    pub ratings: usize,
}

/// Turns a computed value into `Ok` only when it is finite, so that no NaN or
/// infinity can escape into a result.
pub(crate) fn finite(value: f64, reason: &'static str) -> Result<f64, NotEnoughData> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(NotEnoughData::undefined(reason))
    }
}
