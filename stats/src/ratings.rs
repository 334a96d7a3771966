//! Input model: sparse (item, rater, score) triples, indexed densely once.
//!
//! An *item* is whatever was scored as one unit, e.g. candidate × question ×
//! rubric dimension; a *rater* is an interviewer. Not every rater scores
//! every item. Every analysis walks "the ratings of one item", so the data
//! are stored grouped by item (compressed sparse rows), and ids are mapped to
//! dense indices so the analyses can use plain vectors instead of maps.

/// One score given by one rater to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rating {
    /// Item (subject) id, e.g. a candidate × question × dimension key.
    pub item: u32,
    /// Rater (interviewer) id.
    pub rater: u32,
    /// Score on an ordinal integer scale (typically 1..=4, any range works).
    pub score: i32,
}

/// Malformed input, as opposed to too little of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The same rater scored the same item twice; which one counts is a
    /// product decision, so the caller must resolve it before analysis.
    DuplicateRating {
        /// Item id.
        item: u32,
        /// Rater id.
        rater: u32,
    },
    /// A quick-check attempt or item description is inconsistent (see
    /// [`crate::items`]).
    QuickCheck {
        /// What is wrong.
        reason: &'static str,
        /// Attempt index (or item index for item descriptions).
        index: usize,
    },
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::DuplicateRating { item, rater } => {
                write!(f, "rater {rater} scored item {item} more than once")
            }
            InputError::QuickCheck { reason, index } => write!(f, "quick check input {index}: {reason}"),
        }
    }
}

impl std::error::Error for InputError {}

/// One rating inside an item: the rater's dense index and the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Dense rater index into [`Ratings::rater_ids`].
    pub(crate) rater: u32,
    /// The score.
    pub(crate) score: i32,
}

/// Ratings grouped by item, with dense item and rater indices.
#[derive(Debug, Clone, Default)]
pub struct Ratings {
    item_ids: Vec<u32>,
    rater_ids: Vec<u32>,
    /// `starts[i]..starts[i + 1]` are item `i`'s entries.
    starts: Vec<usize>,
    /// Sorted by item, then rater.
    entries: Vec<Entry>,
}

impl Ratings {
    /// Indexes `ratings`. Empty input is fine (every statistic then reports
    /// not enough data); a rater scoring an item twice is an error.
    pub fn new(ratings: &[Rating]) -> Result<Self, InputError> {
        let mut sorted = ratings.to_vec();
        sorted.sort_unstable_by_key(|r| (r.item, r.rater));
        if let Some(w) = sorted
            .windows(2)
            .find(|w| w[0].item == w[1].item && w[0].rater == w[1].rater)
        {
            return Err(InputError::DuplicateRating {
                item: w[0].item,
                rater: w[0].rater,
            });
        }
        let mut rater_ids: Vec<u32> = sorted.iter().map(|r| r.rater).collect();
        rater_ids.sort_unstable();
        rater_ids.dedup();
        let mut item_ids = Vec::new();
        let mut starts = Vec::new();
        let mut entries = Vec::with_capacity(sorted.len());
        for (pos, r) in sorted.iter().enumerate() {
            if item_ids.last() != Some(&r.item) {
                item_ids.push(r.item);
                starts.push(pos);
            }
            // The id came from this very list, so the search always hits.
            let rater = rater_ids.binary_search(&r.rater).unwrap_or_default() as u32;
            entries.push(Entry { rater, score: r.score });
        }
        starts.push(entries.len());
        Ok(Ratings {
            item_ids,
            rater_ids,
            starts,
            entries,
        })
    }

    /// Number of ratings.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no ratings.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Item ids in dense-index order (ascending).
    pub fn item_ids(&self) -> &[u32] {
        &self.item_ids
    }

    /// Rater ids in dense-index order (ascending).
    pub fn rater_ids(&self) -> &[u32] {
        &self.rater_ids
    }

    /// Dense index of a rater id.
    pub fn rater_index(&self, rater: u32) -> Option<usize> {
        self.rater_ids.binary_search(&rater).ok()
    }

    /// Ratings of dense item `index` (empty when out of range).
    pub(crate) fn item(&self, index: usize) -> &[Entry] {
        match (self.starts.get(index), self.starts.get(index + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a..b],
            _ => &[],
        }
    }

    /// Iterates items in dense order as `(dense index, ratings)`.
    pub(crate) fn items(&self) -> impl Iterator<Item = (usize, &[Entry])> + '_ {
        (0..self.item_ids.len()).map(move |i| (i, self.item(i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(item: u32, rater: u32, score: i32) -> Rating {
        Rating { item, rater, score }
    }

    #[test]
    fn groups_by_item_and_maps_ids_densely() {
        let data = Ratings::new(&[r(20, 7, 3), r(10, 9, 1), r(20, 9, 4), r(10, 7, 2)]).expect("valid");
        assert_eq!(data.item_ids(), &[10, 20]);
        assert_eq!(data.rater_ids(), &[7, 9]);
        assert_eq!(data.len(), 4);
        let first: Vec<(u32, i32)> = data.item(0).iter().map(|e| (e.rater, e.score)).collect();
        assert_eq!(first, vec![(0, 2), (1, 1)]);
        assert_eq!(data.rater_index(9), Some(1));
        assert_eq!(data.rater_index(8), None);
        assert!(data.item(5).is_empty());
    }

    #[test]
    fn duplicates_are_rejected_and_empty_is_fine() {
        let err = Ratings::new(&[r(1, 2, 3), r(1, 2, 4)]).expect_err("duplicate");
        assert_eq!(err, InputError::DuplicateRating { item: 1, rater: 2 });
        let empty = Ratings::new(&[]).expect("empty is valid");
        assert!(empty.is_empty());
        assert_eq!(empty.items().count(), 0);
    }
}
