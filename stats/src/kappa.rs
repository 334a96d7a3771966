//! Weighted Cohen's kappa for one pair of raters, on the items both scored.
//!
//! κ_w = 1 − Σ w·observed / Σ w·expected, with disagreement weights
//! w(x, y) and the expected table from the product of the two raters'
//! marginals (Cohen 1968, "Weighted kappa", Psychological Bulletin 70(4)).
//! Quadratic weights are the default because interview scores are ordinal
//! and "3 vs 4" is a smaller disagreement than "1 vs 4"; with quadratic
//! weights κ_w equals Lin's concordance correlation computed with 1/n
//! moments (Fleiss & Cohen 1973, Educational and Psychological Measurement
//! 33; tested below).
//!
//! The weights use the score *values*, not their ranks among the observed
//! labels (scikit-learn uses label ranks). The two agree whenever the
//! observed scores are consecutive integers, as in all reference examples;
//! on a 1..=4 scale where nobody used 3, values keep "2 vs 4" at distance 2.

use crate::bootstrap::{percentile_cis, BootstrapConfig, UnitTypes};
use crate::outcome::{finite, Estimate, NotEnoughData};
use crate::ratings::Ratings;

/// Minimum number of items both raters scored. Below ten, one item moves
/// kappa by more than 0.1 and the interval is meaningless.
pub const MIN_SHARED_ITEMS: usize = 10;

/// Disagreement weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KappaWeights {
    /// Any difference counts as 1 (Cohen's 1960 kappa).
    Unweighted,
    /// |x − y|.
    Linear,
    /// (x − y)², the default for ordinal scores.
    Quadratic,
}

impl KappaWeights {
    fn weight(self, x: i32, y: i32) -> f64 {
        let d = (f64::from(x) - f64::from(y)).abs();
        match self {
            KappaWeights::Unweighted => f64::from(u8::from(x != y)),
            KappaWeights::Linear => d,
            KappaWeights::Quadratic => d * d,
        }
    }
}

/// Kappa of one rater pair (ids as given in the input, `rater_a < rater_b`).
#[derive(Debug, Clone, PartialEq)]
pub struct PairKappa {
    /// Smaller rater id.
    pub rater_a: u32,
    /// Larger rater id.
    pub rater_b: u32,
    /// The estimate, or why there is none.
    pub outcome: Result<Estimate, NotEnoughData>,
}

/// Weighted kappa of paired scores `(rater A, rater B)`, one pair per item.
pub fn weighted_kappa(
    pairs: &[(i32, i32)],
    weights: KappaWeights,
    config: &BootstrapConfig,
) -> Result<Estimate, NotEnoughData> {
    kappa_with_stream(pairs, weights, config, 0)
}

/// Quadratic-weighted kappa of paired scores, one pair per item.
pub fn quadratic_kappa(pairs: &[(i32, i32)], config: &BootstrapConfig) -> Result<Estimate, NotEnoughData> {
    weighted_kappa(pairs, KappaWeights::Quadratic, config)
}

/// Quadratic-weighted kappa of two raters (by id) on the items both scored.
pub fn pair_kappa(
    data: &Ratings,
    rater_a: u32,
    rater_b: u32,
    config: &BootstrapConfig,
) -> Result<Estimate, NotEnoughData> {
    let (Some(a), Some(b)) = (data.rater_index(rater_a), data.rater_index(rater_b)) else {
        return Err(NotEnoughData::too_few(
            "items rated by both raters",
            MIN_SHARED_ITEMS,
            0,
        ));
    };
    let mut pairs = Vec::new();
    for (_, entries) in data.items() {
        let find = |r: usize| entries.iter().find(|e| e.rater as usize == r).map(|e| e.score);
        if let (Some(x), Some(y)) = (find(a), find(b)) {
            pairs.push((x, y));
        }
    }
    kappa_with_stream(&pairs, KappaWeights::Quadratic, config, pair_stream(a, b))
}

/// Quadratic-weighted kappa for every rater pair that shares at least one
/// item, ordered by `(rater_a, rater_b)`. Pairs below [`MIN_SHARED_ITEMS`]
/// are listed with their `NotEnoughData` so the dashboard can show why.
pub fn all_pairs_kappa(data: &Ratings, config: &BootstrapConfig) -> Vec<PairKappa> {
    let mut rows: Vec<(u64, i32, i32)> = Vec::new();
    for (_, entries) in data.items() {
        for (i, first) in entries.iter().enumerate() {
            for second in &entries[i + 1..] {
                // Entries are sorted by rater, so first.rater < second.rater.
                let key = pair_stream(first.rater as usize, second.rater as usize);
                rows.push((key, first.score, second.score));
            }
        }
    }
    rows.sort_unstable_by_key(|row| row.0);
    let ids = data.rater_ids();
    let mut out = Vec::new();
    let mut pairs = Vec::new();
    for group in rows.chunk_by(|x, y| x.0 == y.0) {
        let key = group[0].0;
        pairs.clear();
        pairs.extend(group.iter().map(|&(_, x, y)| (x, y)));
        let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
        out.push(PairKappa {
            rater_a: ids.get(a).copied().unwrap_or_default(),
            rater_b: ids.get(b).copied().unwrap_or_default(),
            outcome: kappa_with_stream(&pairs, KappaWeights::Quadratic, config, key),
        });
    }
    out
}

/// Random-stream id of a rater pair (dense indices).
fn pair_stream(a: usize, b: usize) -> u64 {
    ((a as u64) << 32) | (b as u64 & 0xffff_ffff)
}

/// Distinct `(x, y)` cells with precomputed category indices and weights.
struct Table {
    /// Sorted distinct scores of both raters.
    categories: Vec<i32>,
    /// Per type: row category, column category, disagreement weight.
    cells: Vec<(usize, usize, f64)>,
    /// Weight between categories, row-major `k × k`.
    weight: Vec<f64>,
}

impl Table {
    fn new(cells: &[(i32, i32)], weights: KappaWeights) -> Self {
        let mut categories: Vec<i32> = cells.iter().flat_map(|&(x, y)| [x, y]).collect();
        categories.sort_unstable();
        categories.dedup();
        let index = |v: i32| categories.binary_search(&v).unwrap_or_default();
        let cells = cells
            .iter()
            .map(|&(x, y)| (index(x), index(y), weights.weight(x, y)))
            .collect();
        let weight = categories
            .iter()
            .flat_map(|&x| categories.iter().map(move |&y| weights.weight(x, y)))
            .collect();
        Table {
            categories,
            cells,
            weight,
        }
    }

    /// Kappa from how many items fall in each cell type; `None` when the
    /// expected disagreement is zero (both raters used one and the same
    /// score throughout).
    fn kappa(&self, counts: &[u32], rows: &mut [f64], cols: &mut [f64]) -> Option<f64> {
        rows.iter_mut().chain(cols.iter_mut()).for_each(|v| *v = 0.0);
        let mut n = 0.0;
        let mut observed = 0.0;
        for (&(r, c, w), &count) in self.cells.iter().zip(counts) {
            let count = f64::from(count);
            n += count;
            observed += count * w;
            rows[r] += count;
            cols[c] += count;
        }
        let k = self.categories.len();
        let mut expected = 0.0;
        for (r, &row) in rows.iter().enumerate() {
            if row > 0.0 {
                let weights = &self.weight[r * k..(r + 1) * k];
                expected += row * weights.iter().zip(cols.iter()).map(|(w, c)| w * c).sum::<f64>();
            }
        }
        // κ = 1 − (observed / n) / (expected / n²).
        if expected > 0.0 {
            Some(1.0 - n * observed / expected)
        } else {
            None
        }
    }
}

fn kappa_with_stream(
    pairs: &[(i32, i32)],
    weights: KappaWeights,
    config: &BootstrapConfig,
    stream: u64,
) -> Result<Estimate, NotEnoughData> {
    if pairs.len() < MIN_SHARED_ITEMS {
        return Err(NotEnoughData::too_few(
            "items rated by both raters",
            MIN_SHARED_ITEMS,
            pairs.len(),
        ));
    }
    let (types, cells) = UnitTypes::from_keys(pairs.iter().copied());
    let table = Table::new(&cells, weights);
    let k = table.categories.len();
    let (mut rows, mut cols) = (vec![0.0; k], vec![0.0; k]);
    let undefined = "both raters gave every shared item the same score, so chance agreement is complete";
    let value = table
        .kappa(&types.full_counts(), &mut rows, &mut cols)
        .ok_or(NotEnoughData::undefined(undefined))?;
    let value = finite(value, undefined)?;
    let [ci] = percentile_cis(&types, config, stream, |counts| {
        table.kappa(counts, &mut rows, &mut cols).map(|v| [v])
    });
    Ok(Estimate {
        value,
        ci,
        items: pairs.len(),
        ratings: 2 * pairs.len(),
    })
}
