//! Helpers shared by the integration tests.
#![allow(dead_code)]

use mockroom_stats::{Rating, Ratings};

/// Builds ratings from a raters × items table (`None` = not rated), with
/// rater ids 1.. and item ids 1.. as in the published layouts.
pub fn from_rater_rows(rows: &[&[Option<i32>]]) -> Ratings {
    let mut ratings = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (i, score) in row.iter().enumerate() {
            if let Some(score) = *score {
                ratings.push(Rating {
                    item: i as u32 + 1,
                    rater: r as u32 + 1,
                    score,
                });
            }
        }
    }
    Ratings::new(&ratings).expect("no duplicates in a table")
}

/// Builds ratings from an items × raters complete matrix.
pub fn from_item_rows(rows: &[Vec<i32>]) -> Ratings {
    let mut ratings = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for (r, &score) in row.iter().enumerate() {
            ratings.push(Rating {
                item: i as u32 + 1,
                rater: r as u32 + 1,
                score,
            });
        }
    }
    Ratings::new(&ratings).expect("no duplicates in a matrix")
}

/// Expands a contingency table `(x, y, count)` into paired scores.
pub fn pairs_from_table(table: &[(i32, i32, usize)]) -> Vec<(i32, i32)> {
    table
        .iter()
        .flat_map(|&(x, y, n)| std::iter::repeat_n((x, y), n))
        .collect()
}

/// Asserts `actual` is within `tol` of `expected`.
pub fn close(actual: f64, expected: f64, tol: f64) {
    assert!(
        (actual - expected).abs() <= tol,
        "{actual} is not within {tol} of {expected}"
    );
}
