//! Interviewer leniency / severity relative to colleagues on the same items.
//!
//! For each rating of an item scored by m ≥ 2 raters, the deviation is the
//! rater's score minus the mean of the *other* m − 1 raters' scores on that
//! item. A rater's leniency is the mean of their deviations. Comparing on the
//! same item removes item difficulty: an interviewer who happened to ask the
//! hardest questions is not made to look harsh. Items only one rater scored
//! say nothing about leniency and are skipped.
//!
//! Interval: a Student t-interval on the rater's deviations (mean ± t ·
//! s/√n). It is closed-form, so computing it for every interviewer costs
//! nothing, and a mean of many bounded deviations is close to normal.
//! Caveat: deviations on items of the same candidate share that candidate's
//! panel and may be correlated, which makes the interval somewhat narrow.
//!
//! Outlier rule: a rater is flagged when the interval excludes 0 (the
//! deviation is unlikely to be noise) *and* |mean deviation| ≥
//! `min_abs_deviation` (the deviation matters in practice; half a point on a
//! 1..=4 scale by default). Both conditions are needed: with many ratings a
//! tiny, harmless deviation becomes "significant", and with few ratings a
//! large one can be noise.

use crate::bootstrap::{ConfidenceInterval, DEFAULT_LEVEL};
use crate::outcome::NotEnoughData;
use crate::ratings::Ratings;
use crate::student_t::t_quantile;

/// Minimum number of a rater's ratings on items that someone else also
/// scored.
pub const MIN_RATINGS: usize = 5;

/// Default practical threshold for the outlier flag, in score points.
pub const DEFAULT_MIN_ABS_DEVIATION: f64 = 0.5;

/// How to compute leniency.
#[derive(Debug, Clone, PartialEq)]
pub struct LeniencyConfig {
    /// Two-sided confidence level of the t-interval.
    pub level: f64,
    /// Smallest |mean deviation| (score points) that can be flagged.
    pub min_abs_deviation: f64,
}

impl Default for LeniencyConfig {
    fn default() -> Self {
        LeniencyConfig {
            level: DEFAULT_LEVEL,
            min_abs_deviation: DEFAULT_MIN_ABS_DEVIATION,
        }
    }
}

/// One rater's leniency.
#[derive(Debug, Clone, PartialEq)]
pub struct Leniency {
    /// Mean of (own score − mean of the other raters' scores); positive is
    /// lenient, negative severe. In score points.
    pub mean_deviation: f64,
    /// t-interval for `mean_deviation` (`resamples` holds the number of
    /// deviations used).
    pub ci: ConfidenceInterval,
    /// Number of the rater's ratings used (one per shared item).
    pub ratings: usize,
    /// Flagged by the outlier rule in the module documentation.
    pub outlier: bool,
}

/// Leniency of one rater, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct RaterLeniency {
    /// Rater id.
    pub rater: u32,
    /// The leniency, or why it was not computed.
    pub outcome: Result<Leniency, NotEnoughData>,
}

/// Leniency for every rater, in ascending rater id order.
pub fn leniency(data: &Ratings, config: &LeniencyConfig) -> Vec<RaterLeniency> {
    let raters = data.rater_ids().len();
    // Per rater: count, sum and sum of squares of deviations.
    let mut acc = vec![(0usize, 0.0f64, 0.0f64); raters];
    for (_, entries) in data.items() {
        if entries.len() < 2 {
            continue;
        }
        let total: f64 = entries.iter().map(|e| f64::from(e.score)).sum();
        let others = (entries.len() - 1) as f64;
        for e in entries {
            let own = f64::from(e.score);
            let deviation = own - (total - own) / others;
            let slot = &mut acc[e.rater as usize];
            slot.0 += 1;
            slot.1 += deviation;
            slot.2 += deviation * deviation;
        }
    }
    data.rater_ids()
        .iter()
        .zip(acc)
        .map(|(&rater, (n, sum, sum_sq))| RaterLeniency {
            rater,
            outcome: summarize(n, sum, sum_sq, config),
        })
        .collect()
}

fn summarize(n: usize, sum: f64, sum_sq: f64, config: &LeniencyConfig) -> Result<Leniency, NotEnoughData> {
    if n < MIN_RATINGS {
        return Err(NotEnoughData::too_few(
            "ratings on items another rater also scored",
            MIN_RATINGS,
            n,
        ));
    }
    if !(config.level > 0.0 && config.level < 1.0) {
        return Err(NotEnoughData::undefined(
            "confidence level must be strictly between 0 and 1",
        ));
    }
    let nf = n as f64;
    let mean = sum / nf;
    // Sample variance; clamp the rounding residue of identical deviations.
    let variance = ((sum_sq - nf * mean * mean) / (nf - 1.0)).max(0.0);
    let t = t_quantile(0.5 + config.level / 2.0, nf - 1.0)
        .ok_or(NotEnoughData::undefined("no t quantile for this confidence level"))?;
    let half = t * (variance / nf).sqrt();
    let ci = ConfidenceInterval {
        lower: mean - half,
        upper: mean + half,
        level: config.level,
        resamples: n,
    };
    if !(mean.is_finite() && ci.lower.is_finite() && ci.upper.is_finite()) {
        return Err(NotEnoughData::undefined("deviations are not finite"));
    }
    let excludes_zero = ci.lower > 0.0 || ci.upper < 0.0;
    Ok(Leniency {
        mean_deviation: mean,
        outlier: excludes_zero && mean.abs() >= config.min_abs_deviation,
        ci,
        ratings: n,
    })
}
