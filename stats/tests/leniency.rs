//! Interviewer leniency, checked against a hand-worked example.
mod common;

use common::{close, from_rater_rows};
use mockroom_stats::leniency::{leniency, LeniencyConfig, MIN_RATINGS};
use mockroom_stats::{NotEnoughData, Rating, Ratings};

fn hand_example() -> Ratings {
    let s = Some;
    from_rater_rows(&[
        // Rater 1 (A), 2 (B), 3 (C), 4 (D) over items 1..=6.
        &[s(1), s(2), s(3), s(1), s(2), None],
        &[s(2), s(2), s(3), s(1), s(3), None],
        &[s(3), s(4), s(3), s(2), s(4), None],
        &[None, None, None, None, None, s(4)],
    ])
}

#[test]
fn hand_worked_deviations_and_t_intervals() {
    // Deviations own − mean(others), item by item (hand computed):
    //   A: −1.5, −1, 0, −0.5, −1.5  → mean −0.9, s² = 1.7/4
    //   B:  0,   −1, 0, −0.5,  0    → mean −0.3, s² = 0.8/4
    //   C:  1.5,  2, 0,  1,    1.5  → mean  1.2, s² = 2.3/4
    // t_{0.975,4} = 2.776445 (standard table); half-width = t·s/√5.
    // Item 6 has one rating only, so D has nothing to compare.
    let t = 2.776_445_105;
    let result = leniency(&hand_example(), &LeniencyConfig::default());
    assert_eq!(result.iter().map(|r| r.rater).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    let expect = [(-0.9, 1.7, true), (-0.3, 0.8, false), (1.2, 2.3, true)];
    for (row, (mean, ss, outlier)) in result.iter().zip(expect) {
        let got = row.outcome.as_ref().expect("enough ratings");
        let half = t * (ss / 4.0f64 / 5.0).sqrt();
        close(got.mean_deviation, mean, 1e-12);
        close(got.ci.lower, mean - half, 1e-6);
        close(got.ci.upper, mean + half, 1e-6);
        assert_eq!(got.ratings, 5);
        assert_eq!(got.outlier, outlier, "rater {}", row.rater);
    }
    assert_eq!(
        result[3].outcome,
        Err(NotEnoughData::TooFew {
            what: "ratings on items another rater also scored",
            minimum: MIN_RATINGS,
            found: 0
        })
    );
}

#[test]
fn hard_items_do_not_make_a_rater_look_harsh() {
    // Shifting every score of an item by the same amount (a harder
    // question) leaves every deviation unchanged.
    let base = hand_example();
    let mut shifted = Vec::new();
    for (i, item) in [1u32, 2, 3, 4, 5].iter().enumerate() {
        for (r, rater) in [1u32, 2, 3].iter().enumerate() {
            let rows = [[1, 2, 3, 1, 2], [2, 2, 3, 1, 3], [3, 4, 3, 2, 4]];
            shifted.push(Rating {
                item: *item,
                rater: *rater,
                score: rows[r][i] - 2 * i as i32,
            });
        }
    }
    let shifted = Ratings::new(&shifted).expect("valid");
    let a = leniency(&base, &LeniencyConfig::default());
    let b = leniency(&shifted, &LeniencyConfig::default());
    for (x, y) in a.iter().zip(&b) {
        let (x, y) = (x.outcome.as_ref().expect("ok"), y.outcome.as_ref().expect("ok"));
        close(x.mean_deviation, y.mean_deviation, 1e-12);
    }
}

#[test]
fn practical_threshold_is_configurable() {
    let strict = LeniencyConfig {
        min_abs_deviation: 1.0,
        ..LeniencyConfig::default()
    };
    let result = leniency(&hand_example(), &strict);
    let flags: Vec<bool> = result
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .map(|l| l.outlier)
        .collect();
    // |−0.9| < 1.0 is no longer flagged; |1.2| still is.
    assert_eq!(flags, vec![false, false, true]);
}
