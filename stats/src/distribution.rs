//! Score histograms per rater and per group of items, for the dashboard.
//!
//! All histograms of one call share the same score axis (every score value
//! observed anywhere in the data, ascending), so the dashboard can draw them
//! side by side without aligning bins itself. The axis holds observed values
//! only, so an arbitrary i32 scale never produces a huge dense vector.

use std::collections::BTreeMap;

use crate::ratings::Ratings;

/// Counts of one rater or item group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistogramRow<K> {
    /// Rater id or group key.
    pub key: K,
    /// `counts[j]` ratings had score `scores[j]` of the enclosing
    /// [`Histograms`].
    pub counts: Vec<u64>,
    /// Sum of `counts`.
    pub total: u64,
}

/// Histograms on a shared score axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histograms<K> {
    /// Observed score values, ascending.
    pub scores: Vec<i32>,
    /// One row per rater or group, ascending by key.
    pub rows: Vec<HistogramRow<K>>,
}

/// Score histogram of every rater.
pub fn by_rater(data: &Ratings) -> Histograms<u32> {
    build(data, |rater, _| rater)
}

/// Score histogram of each item group; `group_of` maps an item id to its
/// group (e.g. the question, or the rubric dimension).
pub fn by_item_group<G: Ord + Clone>(data: &Ratings, group_of: impl Fn(u32) -> G) -> Histograms<G> {
    build(data, |_, item| group_of(item))
}

fn build<G: Ord + Clone>(data: &Ratings, key_of: impl Fn(u32, u32) -> G) -> Histograms<G> {
    let mut scores: Vec<i32> = data.items().flat_map(|(_, e)| e.iter().map(|e| e.score)).collect();
    scores.sort_unstable();
    scores.dedup();
    let mut rows: BTreeMap<G, Vec<u64>> = BTreeMap::new();
    for (i, entries) in data.items() {
        let item = data.item_ids()[i];
        for e in entries {
            let rater = data.rater_ids()[e.rater as usize];
            let counts = rows.entry(key_of(rater, item)).or_insert_with(|| vec![0; scores.len()]);
            if let Ok(bin) = scores.binary_search(&e.score) {
                counts[bin] += 1;
            }
        }
    }
    Histograms {
        scores,
        rows: rows
            .into_iter()
            .map(|(key, counts)| HistogramRow {
                total: counts.iter().sum(),
                key,
                counts,
            })
            .collect(),
    }
}
