//! Choosing a complete items × raters block from sparse ratings, for ICC.
//!
//! ICC(2,·) is defined on a complete matrix (every rater scores every item;
//! Shrout & Fleiss 1979). Sparse interview data rarely has one, so we pick
//! a complete block:
//!
//! 1. start from the rater pair that shares the most items (ties: lowest
//!    rater ids);
//! 2. repeatedly add the rater who scored the most of the block's current
//!    items, shrinking the items to those this rater also scored, while at
//!    least [`crate::icc::MIN_ITEMS`] items remain;
//! 3. among the blocks visited, keep the one with the most ratings
//!    (items × raters); ties go to the earlier, i.e. fewer raters and more
//!    items.
//!
//! Finding the truly largest block is the NP-hard maximum edge biclique
//! problem (Peeters 2003, Discrete Applied Mathematics 131(3)), so a greedy
//! search it is. "Most ratings" balances more raters (what ICC is about)
//! against more items (what the interval width depends on). The chosen
//! raters and items are reported in the result, so the dashboard can say
//! exactly what the ICC describes.

use std::collections::HashMap;

use crate::icc::MIN_ITEMS;
use crate::ratings::{Entry, Ratings};

/// A complete block: every rater in `raters` scored every item in `items`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// Dense rater indices, ascending.
    pub(crate) raters: Vec<usize>,
    /// Dense item indices, ascending.
    pub(crate) items: Vec<usize>,
}

impl Block {
    /// Score matrix, one row per item, columns in `raters` order.
    pub(crate) fn scores(&self, data: &Ratings) -> Vec<Vec<i32>> {
        self.items
            .iter()
            .map(|&i| {
                let entries = data.item(i);
                self.raters
                    .iter()
                    .filter_map(|&r| {
                        let at = entries.binary_search_by_key(&r, |e| e.rater as usize).ok()?;
                        entries.get(at).map(|e| e.score)
                    })
                    .collect()
            })
            .collect()
    }
}

/// Items (dense, ascending) scored by every one of `raters` (dense).
pub(crate) fn items_rated_by_all(data: &Ratings, raters: &[usize]) -> Vec<usize> {
    data.items()
        .filter(|(_, entries)| raters.iter().all(|&r| rated_by(entries, r)))
        .map(|(i, _)| i)
        .collect()
}

/// Whether rater `r` (dense) is among an item's entries (sorted by rater).
fn rated_by(entries: &[Entry], r: usize) -> bool {
    entries.binary_search_by_key(&r, |e| e.rater as usize).is_ok()
}

/// Greedy complete block with the most ratings, or `None` when no two
/// raters share [`MIN_ITEMS`] items.
pub(crate) fn greedy_block(data: &Ratings) -> Option<Block> {
    let mut shared: HashMap<(u32, u32), usize> = HashMap::new();
    for (_, entries) in data.items() {
        for (i, a) in entries.iter().enumerate() {
            for b in &entries[i + 1..] {
                *shared.entry((a.rater, b.rater)).or_insert(0) += 1;
            }
        }
    }
    // Most shared items first, then lowest ids, for a deterministic start.
    let (&(a, b), &count) = shared
        .iter()
        .max_by(|(ka, va), (kb, vb)| va.cmp(vb).then_with(|| kb.cmp(ka)))?;
    if count < MIN_ITEMS {
        return None;
    }
    let mut raters = vec![a as usize, b as usize];
    let mut items = items_rated_by_all(data, &raters);
    let mut best = Block {
        raters: raters.clone(),
        items: items.clone(),
    };
    let mut overlap = vec![0usize; data.rater_ids().len()];
    loop {
        overlap.iter_mut().for_each(|c| *c = 0);
        for &i in &items {
            for e in data.item(i) {
                overlap[e.rater as usize] += 1;
            }
        }
        let next = overlap
            .iter()
            .enumerate()
            .filter(|(r, _)| !raters.contains(r))
            .max_by(|(ra, ca), (rb, cb)| ca.cmp(cb).then_with(|| rb.cmp(ra)));
        let Some((r, &c)) = next else { break };
        if c < MIN_ITEMS {
            break;
        }
        raters.push(r);
        items.retain(|&i| rated_by(data.item(i), r));
        if items.len() * raters.len() > best.items.len() * best.raters.len() {
            best = Block {
                raters: raters.clone(),
                items: items.clone(),
            };
        }
    }
    best.raters.sort_unstable();
    Some(best)
}
