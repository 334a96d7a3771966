//! Score histograms.
use mockroom_stats::distribution::{by_item_group, by_rater, HistogramRow};
use mockroom_stats::{Rating, Ratings};

#[test]
fn histograms_share_an_axis() {
    let r = |item, rater, score| Rating { item, rater, score };
    let data = Ratings::new(&[r(10, 1, 1), r(11, 1, 4), r(10, 2, 4), r(20, 2, 4), r(21, 2, 2)]).expect("valid");
    let raters = by_rater(&data);
    assert_eq!(raters.scores, vec![1, 2, 4]);
    assert_eq!(
        raters.rows,
        vec![
            HistogramRow {
                key: 1,
                counts: vec![1, 0, 1],
                total: 2
            },
            HistogramRow {
                key: 2,
                counts: vec![0, 1, 2],
                total: 3
            },
        ]
    );
    // Group items by question: item id / 10.
    let questions = by_item_group(&data, |item| item / 10);
    assert_eq!(questions.rows.len(), 2);
    assert_eq!(questions.rows[0].counts, vec![1, 0, 2]);
    assert_eq!(questions.rows[1].counts, vec![0, 1, 1]);
    let empty = by_rater(&Ratings::new(&[]).expect("valid"));
    assert!(empty.scores.is_empty() && empty.rows.is_empty());
}
