//! Intraclass correlation ICC(2,1) and ICC(2,k): two-way random effects,
//! absolute agreement, single and average measures.
//!
//! Formulas from Shrout & Fleiss (1979), "Intraclass correlations: uses in
//! assessing rater reliability", Psychological Bulletin 86(2), Table 1,
//! case 2 (raters are a random sample of all interviewers, and a rater's
//! overall leniency counts as disagreement, which is what calibration is
//! about):
//!
//! * ICC(2,1) = (BMS − EMS) / (BMS + (k−1)·EMS + k·(JMS − EMS)/n)
//! * ICC(2,k) = (BMS − EMS) / (BMS + (JMS − EMS)/n)
//!
//! with n items (targets), k raters (judges) and the two-way ANOVA mean
//! squares between items (BMS), between raters (JMS) and residual (EMS).
//! ICC(2,k) describes the mean of *these k* raters' scores.
//!
//! Sparse data: the ANOVA needs a complete matrix, so [`icc`] computes on a
//! complete block picked greedily (rule documented in `src/block.rs`) and
//! reports which raters and items it used; [`icc_for_raters`] lets the caller
//! fix the raters instead.

use crate::block::{greedy_block, items_rated_by_all, Block};
use crate::bootstrap::{percentile_cis, BootstrapConfig, UnitTypes};
use crate::outcome::{Estimate, NotEnoughData};
use crate::ratings::Ratings;

/// Minimum number of items in the complete block. A low floor, chosen so
/// that Shrout & Fleiss's own 6-target example qualifies; the interval will
/// be wide at that size, and says so.
pub const MIN_ITEMS: usize = 5;

/// Minimum number of raters in the block.
pub const MIN_RATERS: usize = 2;

/// Two-way ANOVA mean squares (Shrout & Fleiss 1979, Table 1), exposed so
/// other ICC forms can be derived, e.g. ICC(1,1) = (BMS − WMS)/(BMS +
/// (k−1)·WMS) and ICC(3,1) = (BMS − EMS)/(BMS + (k−1)·EMS).
#[derive(Debug, Clone, PartialEq)]
pub struct MeanSquares {
    /// Between items (targets), BMS.
    pub items: f64,
    /// Between raters (judges), JMS.
    pub raters: f64,
    /// Residual, EMS.
    pub error: f64,
    /// Within items (raters + residual pooled), WMS.
    pub within: f64,
}

/// ICC(2,1) and ICC(2,k) on one complete block.
#[derive(Debug, Clone, PartialEq)]
pub struct Icc {
    /// ICC(2,1): reliability of a single rater's score.
    pub single: Estimate,
    /// ICC(2,k): reliability of the mean of the block's k raters.
    pub average: Estimate,
    /// Raters of the block (input ids; column indices for [`icc_complete`]).
    pub raters: Vec<u32>,
    /// Items of the block (input ids; row indices for [`icc_complete`]).
    pub items: Vec<u32>,
    /// The ANOVA behind the estimates.
    pub mean_squares: MeanSquares,
}

/// ICC on a complete matrix: `scores[item][rater]`, every row equally long.
pub fn icc_complete(scores: &[Vec<i32>], config: &BootstrapConfig) -> Result<Icc, NotEnoughData> {
    let k = scores.first().map_or(0, Vec::len);
    if scores.iter().any(|row| row.len() != k) {
        return Err(NotEnoughData::undefined(
            "every item needs a score from every rater (rows differ in length)",
        ));
    }
    let raters = (0..k as u32).collect();
    let items = (0..scores.len() as u32).collect();
    compute(scores, raters, items, config)
}

/// ICC on the items scored by every one of `raters` (ids).
pub fn icc_for_raters(data: &Ratings, raters: &[u32], config: &BootstrapConfig) -> Result<Icc, NotEnoughData> {
    let mut dense = Vec::with_capacity(raters.len());
    for &id in raters {
        match data.rater_index(id) {
            Some(r) => dense.push(r),
            None => return Err(NotEnoughData::too_few("items rated by all chosen raters", MIN_ITEMS, 0)),
        }
    }
    dense.sort_unstable();
    dense.dedup();
    let items = items_rated_by_all(data, &dense);
    from_block(data, Block { raters: dense, items }, config)
}

/// ICC on a greedily chosen complete block of the sparse data.
pub fn icc(data: &Ratings, config: &BootstrapConfig) -> Result<Icc, NotEnoughData> {
    match greedy_block(data) {
        Some(block) => from_block(data, block, config),
        None => Err(NotEnoughData::too_few(
            "items shared by the best pair of raters",
            MIN_ITEMS,
            0,
        )),
    }
}

fn from_block(data: &Ratings, block: Block, config: &BootstrapConfig) -> Result<Icc, NotEnoughData> {
    let scores = block.scores(data);
    let raters = block.raters.iter().map(|&r| data.rater_ids()[r]).collect();
    let items = block.items.iter().map(|&i| data.item_ids()[i]).collect();
    compute(&scores, raters, items, config)
}

fn compute(
    scores: &[Vec<i32>],
    raters: Vec<u32>,
    items: Vec<u32>,
    config: &BootstrapConfig,
) -> Result<Icc, NotEnoughData> {
    let (n, k) = (scores.len(), raters.len());
    if k < MIN_RATERS {
        return Err(NotEnoughData::too_few("raters", MIN_RATERS, k));
    }
    if n < MIN_ITEMS {
        return Err(NotEnoughData::too_few("items rated by all raters", MIN_ITEMS, n));
    }
    let (types, rows) = UnitTypes::from_keys(scores.iter().cloned());
    let anova = Anova::new(&rows, k);
    let undefined = "no variation: every score in the block is equal";
    let (single, average, mean_squares) = anova
        .icc(&types.full_counts())
        .ok_or(NotEnoughData::undefined(undefined))?;
    let [single_ci, average_ci] = percentile_cis(&types, config, 0, |counts| anova.icc(counts).map(|(s, a, _)| [s, a]));
    let estimate = |value, ci| Estimate {
        value,
        ci,
        items: n,
        ratings: n * k,
    };
    Ok(Icc {
        single: estimate(single, single_ci),
        average: estimate(average, average_ci),
        raters,
        items,
        mean_squares,
    })
}

/// Per-type sums for the two-way ANOVA. Scores are shifted by the smallest
/// score so that large score values do not cost precision (the ANOVA is
/// shift invariant).
struct Anova {
    k: usize,
    /// Per type: shifted scores.
    rows: Vec<Vec<f64>>,
    /// Per type: row sum and row sum of squares.
    sums: Vec<(f64, f64)>,
}

impl Anova {
    fn new(rows: &[Vec<i32>], k: usize) -> Self {
        let shift = rows.iter().flatten().copied().min().unwrap_or(0);
        let rows: Vec<Vec<f64>> = rows
            .iter()
            .map(|row| row.iter().map(|&x| f64::from(x) - f64::from(shift)).collect())
            .collect();
        let sums = rows
            .iter()
            .map(|row| (row.iter().sum(), row.iter().map(|x| x * x).sum()))
            .collect();
        Anova { k, rows, sums }
    }

    /// ICC(2,1), ICC(2,k) and mean squares for the given copies of each row
    /// type; `None` when a denominator is not positive or a value is not
    /// finite.
    fn icc(&self, counts: &[u32]) -> Option<(f64, f64, MeanSquares)> {
        let k = self.k as f64;
        let (mut n, mut total, mut row_sq, mut sq) = (0.0, 0.0, 0.0, 0.0);
        let mut cols = vec![0.0; self.k];
        for ((&copies, row), &(sum, sum_sq)) in counts.iter().zip(&self.rows).zip(&self.sums) {
            if copies == 0 {
                continue;
            }
            let copies = f64::from(copies);
            n += copies;
            total += copies * sum;
            row_sq += copies * sum * sum;
            sq += copies * sum_sq;
            for (c, x) in cols.iter_mut().zip(row) {
                *c += copies * x;
            }
        }
        if n < 2.0 {
            return None;
        }
        let correction = total * total / (n * k);
        let ss_total = sq - correction;
        let ss_items = row_sq / k - correction;
        let ss_raters = cols.iter().map(|c| c * c).sum::<f64>() / n - correction;
        let ss_error = ss_total - ss_items - ss_raters;
        let bms = ss_items / (n - 1.0);
        let jms = ss_raters / (k - 1.0);
        let ems = ss_error / ((n - 1.0) * (k - 1.0));
        let wms = (ss_raters + ss_error) / (n * (k - 1.0));
        let single_den = bms + (k - 1.0) * ems + k * (jms - ems) / n;
        let average_den = bms + (jms - ems) / n;
        if !(single_den > 0.0 && average_den > 0.0) {
            return None;
        }
        let single = (bms - ems) / single_den;
        let average = (bms - ems) / average_den;
        let all = [single, average, bms, jms, ems, wms];
        if all.iter().all(|v| v.is_finite()) {
            let mean_squares = MeanSquares {
                items: bms,
                raters: jms,
                error: ems,
                within: wms,
            };
            Some((single, average, mean_squares))
        } else {
            None
        }
    }
}
