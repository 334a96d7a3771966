//! Krippendorff's alpha for any number of raters with missing ratings.
//!
//! α = 1 − D_o / D_e, computed through the coincidence matrix exactly as in
//! Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
//! <https://repository.upenn.edu/asc_papers/43>, section C:
//!
//! * a unit u with m_u ≥ 2 values contributes n_uc·n_uk / (m_u − 1) to the
//!   coincidence o_ck for every ordered pair of values c ≠ k from different
//!   raters (units with one value are not pairable and are dropped);
//! * n_c = Σ_k o_ck, n = Σ_c n_c;
//! * α = 1 − (n − 1) · Σ_{c<k} o_ck δ²_ck / Σ_{c<k} n_c n_k δ²_ck.
//!
//! The ordinal metric is the default for interview scores: it only uses the
//! order of the scores, weighting a disagreement by how many pairable values
//! lie between the two scores, so a scale where nobody uses 1 is not
//! distorted. Nominal and interval metrics are offered for comparison and to
//! check against all three published reference values.
//!
//! For the bootstrap, an item's sufficient statistic is the multiset of its
//! scores; the ordinal metric depends on the resample's own marginals, so it
//! is recomputed per resample from the accumulated coincidences.

use crate::bootstrap::{percentile_cis, BootstrapConfig, UnitTypes};
use crate::outcome::{finite, Estimate, NotEnoughData};
use crate::ratings::Ratings;

/// Minimum number of pairable items (items with at least two ratings).
/// Krippendorff's own worked example has 11; fewer than ten units make the
/// coincidence matrix too sparse for a meaningful D_e.
pub const MIN_PAIRABLE_ITEMS: usize = 10;

/// Difference function δ² between two scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// δ² = 1 for any two different scores.
    Nominal,
    /// δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the ranks of the
    /// observed scores (Krippendorff 2011, eq. for ordinal metric).
    Ordinal,
    /// δ² = (c − k)².
    Interval,
}

/// Ordinal Krippendorff's alpha over all items with at least two ratings.
pub fn ordinal_alpha(data: &Ratings, config: &BootstrapConfig) -> Result<Estimate, NotEnoughData> {
    krippendorff_alpha(data, Metric::Ordinal, config)
}

/// Krippendorff's alpha with the given metric over all items with at least
/// two ratings.
pub fn krippendorff_alpha(data: &Ratings, metric: Metric, config: &BootstrapConfig) -> Result<Estimate, NotEnoughData> {
    let units: Vec<Vec<i32>> = data
        .items()
        .filter(|(_, entries)| entries.len() >= 2)
        .map(|(_, entries)| {
            let mut scores: Vec<i32> = entries.iter().map(|e| e.score).collect();
            scores.sort_unstable();
            scores
        })
        .collect();
    if units.len() < MIN_PAIRABLE_ITEMS {
        return Err(NotEnoughData::too_few(
            "items with at least two ratings",
            MIN_PAIRABLE_ITEMS,
            units.len(),
        ));
    }
    let ratings = units.iter().map(Vec::len).sum();
    let items = units.len();
    let (types, distinct) = UnitTypes::from_keys(units);
    let model = Coincidences::new(&distinct, metric);
    let mut scratch = Scratch::new(model.values.len());
    let undefined = "all ratings on items with two or more ratings are equal, so there is no disagreement to expect";
    let value = model
        .alpha(&types.full_counts(), &mut scratch)
        .ok_or(NotEnoughData::undefined(undefined))?;
    let value = finite(value, undefined)?;
    let [ci] = percentile_cis(&types, config, 0, |counts| {
        model.alpha(counts, &mut scratch).map(|v| [v])
    });
    Ok(Estimate {
        value,
        ci,
        items,
        ratings,
    })
}

/// Per-type contributions to the coincidence matrix.
struct Coincidences {
    metric: Metric,
    /// Sorted distinct pairable scores.
    values: Vec<i32>,
    /// Per type: `(category, count)` of its values.
    marginals: Vec<Vec<(usize, f64)>>,
    /// Per type: `(c, k, n_uc·n_uk / (m_u − 1))` for c < k.
    pairs: Vec<Vec<(usize, usize, f64)>>,
}

/// Reused buffers for one alpha evaluation.
struct Scratch {
    n_c: Vec<f64>,
    /// prefix[i] = Σ_{g<i} n_g, for the ordinal metric.
    prefix: Vec<f64>,
    /// Upper triangle of o_ck, row-major `k × k`.
    o: Vec<f64>,
}

impl Scratch {
    fn new(k: usize) -> Self {
        Scratch {
            n_c: vec![0.0; k],
            prefix: vec![0.0; k + 1],
            o: vec![0.0; k * k],
        }
    }
}

impl Coincidences {
    fn new(units: &[Vec<i32>], metric: Metric) -> Self {
        let mut values: Vec<i32> = units.iter().flatten().copied().collect();
        values.sort_unstable();
        values.dedup();
        let mut marginals = Vec::with_capacity(units.len());
        let mut pairs = Vec::with_capacity(units.len());
        for unit in units {
            // `unit` is sorted, so equal scores are adjacent.
            let counts: Vec<(usize, f64)> = unit
                .chunk_by(|a, b| a == b)
                .map(|run| (values.binary_search(&run[0]).unwrap_or_default(), run.len() as f64))
                .collect();
            let m_minus_1 = (unit.len() - 1) as f64;
            let mut unit_pairs = Vec::new();
            for (i, &(c, n_c)) in counts.iter().enumerate() {
                for &(k, n_k) in &counts[i + 1..] {
                    unit_pairs.push((c, k, n_c * n_k / m_minus_1));
                }
            }
            marginals.push(counts);
            pairs.push(unit_pairs);
        }
        Coincidences {
            metric,
            values,
            marginals,
            pairs,
        }
    }

    /// Alpha for the given number of copies of each unit type; `None` when
    /// D_e = 0 (a single distinct score).
    fn alpha(&self, counts: &[u32], s: &mut Scratch) -> Option<f64> {
        let k = self.values.len();
        s.n_c.iter_mut().chain(s.o.iter_mut()).for_each(|v| *v = 0.0);
        for ((&copies, marginals), pairs) in counts.iter().zip(&self.marginals).zip(&self.pairs) {
            if copies == 0 {
                continue;
            }
            let copies = f64::from(copies);
            for &(c, n) in marginals {
                s.n_c[c] += copies * n;
            }
            for &(c, kk, o) in pairs {
                s.o[c * k + kk] += copies * o;
            }
        }
        let n: f64 = s.n_c.iter().sum();
        for c in 0..k {
            s.prefix[c + 1] = s.prefix[c] + s.n_c[c];
        }
        let prefix = &s.prefix;
        let (mut observed, mut expected) = (0.0, 0.0);
        for c in 0..k {
            for kk in c + 1..k {
                let delta = match self.metric {
                    Metric::Nominal => 1.0,
                    Metric::Interval => {
                        let d = f64::from(self.values[kk]) - f64::from(self.values[c]);
                        d * d
                    }
                    Metric::Ordinal => {
                        let between = prefix[kk + 1] - prefix[c] - (s.n_c[c] + s.n_c[kk]) / 2.0;
                        between * between
                    }
                };
                observed += s.o[c * k + kk] * delta;
                expected += s.n_c[c] * s.n_c[kk] * delta;
            }
        }
        if expected > 0.0 {
            Some(1.0 - (n - 1.0) * observed / expected)
        } else {
            None
        }
    }
}
