//! Percentile bootstrap over items (subjects), shared by every statistic.
//!
//! Why items: ratings of the same item are not independent (they share the
//! item's true quality), so the item is the sampling unit; resampling single
//! ratings would understate the uncertainty (Hayes & Krippendorff 2007,
//! "Answering the call for a standard reliability measure for coding data",
//! Communication Methods and Measures 1(1), resample units of analysis).
//!
//! Why it is fast: each statistic reduces an item to a small "sufficient
//! statistic" (e.g. the counts of each score among its ratings). Items with
//! identical sufficient statistics are interchangeable, so they share a
//! *type*. A resample then only draws item indices and counts how often each
//! type was drawn; the statistic is evaluated from `type -> count`, never from
//! raw ratings. On a 1..=4 scale there are few types, so one resample costs
//! about one random draw per item.

use std::collections::HashMap;
use std::hash::Hash;

use crate::rng::Rng;

/// Default number of bootstrap resamples; 1000 is the usual minimum for
/// percentile intervals at the 95 % level (Efron & Tibshirani 1993, An
/// Introduction to the Bootstrap, ch. 13 and 19).
pub const DEFAULT_RESAMPLES: usize = 1000;

/// Default seed: the ASCII bytes of "Mockroom", so results are reproducible
/// out of the box.
pub const DEFAULT_SEED: u64 = 0x4d6f_636b_726f_6f6d;

/// Default confidence level.
pub const DEFAULT_LEVEL: f64 = 0.95;

/// Share of resamples that must yield a defined statistic for an interval
/// to be reported. Below it (e.g. many resamples in which nobody's scores
/// vary) the percentiles would describe a conditional distribution and look
/// more certain than the data are, so no interval is given.
pub const MIN_DEFINED_SHARE: f64 = 0.9;

/// How to bootstrap.
#[derive(Debug, Clone, PartialEq)]
pub struct BootstrapConfig {
    /// Number of resamples; 0 switches intervals off (faster).
    pub resamples: usize,
    /// Seed; the same data and seed give the same interval.
    pub seed: u64,
    /// Two-sided confidence level, strictly between 0 and 1 (else no
    /// interval is reported).
    pub level: f64,
}

impl Default for BootstrapConfig {
    fn default() -> Self {
        BootstrapConfig {
            resamples: DEFAULT_RESAMPLES,
            seed: DEFAULT_SEED,
            level: DEFAULT_LEVEL,
        }
    }
}

/// A two-sided interval.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfidenceInterval {
    /// Lower bound (finite).
    pub lower: f64,
    /// Upper bound (finite, `>= lower`).
    pub upper: f64,
    /// Confidence level, e.g. 0.95.
    pub level: f64,
    /// Number of resamples (bootstrap) or observations (t-interval) behind
    /// the interval.
    pub resamples: usize,
}

/// Items grouped into types of identical sufficient statistics.
#[derive(Debug, Clone)]
pub(crate) struct UnitTypes {
    /// Type of each item, indexing the caller's list of distinct keys.
    pub(crate) of_unit: Vec<u32>,
    /// Number of distinct types.
    pub(crate) count: usize,
}

impl UnitTypes {
    /// Assigns type ids in order of first appearance (deterministic) and
    /// returns the distinct keys in id order.
    pub(crate) fn from_keys<K: Hash + Eq + Clone>(keys: impl IntoIterator<Item = K>) -> (Self, Vec<K>) {
        let mut ids: HashMap<K, u32> = HashMap::new();
        let mut distinct = Vec::new();
        let mut of_unit = Vec::new();
        for key in keys {
            let next = distinct.len() as u32;
            let id = *ids.entry(key.clone()).or_insert_with(|| {
                distinct.push(key);
                next
            });
            of_unit.push(id);
        }
        let count = distinct.len();
        (UnitTypes { of_unit, count }, distinct)
    }

    /// Number of items in the full sample of each type.
    pub(crate) fn full_counts(&self) -> Vec<u32> {
        let mut counts = vec![0u32; self.count];
        for &t in &self.of_unit {
            counts[t as usize] += 1;
        }
        counts
    }
}

/// Runs the percentile bootstrap for `S` statistics computed from the same
/// resamples (e.g. ICC single and average measures).
///
/// `stat` receives how many times each type was drawn and returns `None`
/// when the statistic is undefined for that resample. `stream` separates the
/// random streams of analyses that share a seed (e.g. rater pairs).
pub(crate) fn percentile_cis<const S: usize, F>(
    types: &UnitTypes,
    config: &BootstrapConfig,
    stream: u64,
    mut stat: F,
) -> [Option<ConfidenceInterval>; S]
where
    F: FnMut(&[u32]) -> Option<[f64; S]>,
{
    let none = std::array::from_fn(|_| None);
    let n = types.of_unit.len();
    if config.resamples == 0 || n == 0 || !(config.level > 0.0 && config.level < 1.0) {
        return none;
    }
    let mut rng = Rng::with_stream(config.seed, stream);
    let mut counts = vec![0u32; types.count];
    let mut samples: [Vec<f64>; S] = std::array::from_fn(|_| Vec::with_capacity(config.resamples));
    for _ in 0..config.resamples {
        counts.iter_mut().for_each(|c| *c = 0);
        draw(&mut rng, &types.of_unit, &mut counts);
        if let Some(values) = stat(&counts) {
            if values.iter().all(|v| v.is_finite()) {
                for (sample, v) in samples.iter_mut().zip(values) {
                    sample.push(v);
                }
            }
        }
    }
    let defined = samples[0].len();
    if (defined as f64) < MIN_DEFINED_SHARE * config.resamples as f64 || defined == 0 {
        return none;
    }
    let mut out = none;
    for (slot, sample) in out.iter_mut().zip(samples.iter_mut()) {
        *slot = percentile_interval(sample, config.level);
    }
    out
}

/// Draws `of_unit.len()` items with replacement and tallies their types.
#[inline]
fn draw(rng: &mut Rng, of_unit: &[u32], counts: &mut [u32]) {
    let mut tally = |unit: usize| {
        if let Some(c) = of_unit.get(unit).and_then(|&t| counts.get_mut(t as usize)) {
            *c += 1;
        }
    };
    match u32::try_from(of_unit.len()) {
        Ok(n) => rng.for_each_below(n, of_unit.len(), tally),
        // More than 4 billion items: draw 64-bit indices one by one.
        Err(_) => {
            for _ in 0..of_unit.len() {
                tally(rng.below(of_unit.len() as u64) as usize);
            }
        }
    }
}

/// Percentile interval of `values` (sorted in place) at `level`, using
/// linear interpolation between order statistics (Hyndman & Fan 1996,
/// "Sample quantiles in statistical packages", definition 7, R's default).
pub fn percentile_interval(values: &mut [f64], level: f64) -> Option<ConfidenceInterval> {
    if values.is_empty() || values.iter().any(|v| !v.is_finite()) || !(level > 0.0 && level < 1.0) {
        return None;
    }
    values.sort_unstable_by(f64::total_cmp);
    let tail = (1.0 - level) / 2.0;
    Some(ConfidenceInterval {
        lower: quantile_sorted(values, tail),
        upper: quantile_sorted(values, 1.0 - tail),
        level,
        resamples: values.len(),
    })
}

/// Type-7 quantile of a non-empty sorted slice.
fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type7_quantiles_match_r() {
        // R: quantile(1:10, c(0.025, 0.975)) gives 1.225 and 9.775
        // (type 7: 1 + 9 * 0.025 = 1.225).
        let mut v: Vec<f64> = (1..=10).map(f64::from).collect();
        let ci = percentile_interval(&mut v, 0.95).expect("interval");
        assert!((ci.lower - 1.225).abs() < 1e-12);
        assert!((ci.upper - 9.775).abs() < 1e-12);
        assert!(percentile_interval(&mut [], 0.95).is_none());
        assert!(percentile_interval(&mut [1.0], 1.5).is_none());
    }

    #[test]
    fn types_are_assigned_in_first_appearance_order() {
        let (types, keys) = UnitTypes::from_keys(vec!['b', 'a', 'b', 'c']);
        assert_eq!(types.of_unit, vec![0, 1, 0, 2]);
        assert_eq!(keys, vec!['b', 'a', 'c']);
        assert_eq!(types.full_counts(), vec![2, 1, 1]);
    }

    #[test]
    fn bootstrap_of_mean_is_deterministic_and_brackets_estimate() {
        let values: Vec<i32> = (0..200).map(|i| i % 7).collect();
        let (types, keys) = UnitTypes::from_keys(values.iter().copied());
        let mean = |counts: &[u32]| {
            let n: f64 = counts.iter().map(|&c| f64::from(c)).sum();
            let s: f64 = counts
                .iter()
                .zip(&keys)
                .map(|(&c, &k)| f64::from(c) * f64::from(k))
                .sum();
            Some([s / n])
        };
        let config = BootstrapConfig::default();
        let [a] = percentile_cis(&types, &config, 0, mean);
        let [b] = percentile_cis(&types, &config, 0, mean);
        let a = a.expect("interval");
        assert_eq!(Some(a.clone()), b);
        let full = f64::from(values.iter().sum::<i32>()) / 200.0;
        assert!(a.lower < full && full < a.upper, "{a:?} vs {full}");
        assert_eq!(a.resamples, DEFAULT_RESAMPLES);
    }

    #[test]
    fn mostly_undefined_resamples_give_no_interval() {
        let (types, _) = UnitTypes::from_keys(0..10);
        let config = BootstrapConfig::default();
        let [ci] = percentile_cis(&types, &config, 0, |_| None::<[f64; 1]>);
        assert!(ci.is_none());
        let off = BootstrapConfig { resamples: 0, ..config };
        let [ci] = percentile_cis(&types, &off, 0, |_| Some([1.0]));
        assert!(ci.is_none());
    }
}
