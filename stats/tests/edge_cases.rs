//! Edge cases for every statistic: empty input, one rater, perfect
//! agreement, all scores equal, missing cells, and never NaN/inf.
mod common;

use common::{close, from_item_rows, from_rater_rows};
use mockroom_stats::alpha::{krippendorff_alpha, ordinal_alpha, Metric, MIN_PAIRABLE_ITEMS};
use mockroom_stats::icc::{icc, icc_complete, MIN_ITEMS, MIN_RATERS};
use mockroom_stats::kappa::{all_pairs_kappa, pair_kappa, MIN_SHARED_ITEMS};
use mockroom_stats::leniency::{leniency, LeniencyConfig};
use mockroom_stats::rng::Rng;
use mockroom_stats::{BootstrapConfig, Estimate, NotEnoughData, Rating, Ratings};

fn cfg() -> BootstrapConfig {
    BootstrapConfig::default()
}

fn is_undefined<T: std::fmt::Debug>(r: &Result<T, NotEnoughData>) -> bool {
    matches!(r, Err(NotEnoughData::Undefined { .. }))
}

/// Twelve items, two raters, scores 1..=4 cycling; `f` maps rater 1's
/// score to rater 2's.
fn two_raters(f: impl Fn(i32) -> i32) -> Ratings {
    let rows: Vec<Vec<i32>> = (0..12).map(|i| vec![1 + i % 4, f(1 + i % 4)]).collect();
    from_item_rows(&rows)
}

#[test]
fn empty_input() {
    let data = Ratings::new(&[]).expect("empty is valid");
    assert!(all_pairs_kappa(&data, &cfg()).is_empty());
    assert_eq!(
        pair_kappa(&data, 1, 2, &cfg()),
        Err(NotEnoughData::TooFew {
            what: "items rated by both raters",
            minimum: MIN_SHARED_ITEMS,
            found: 0
        })
    );
    assert_eq!(
        ordinal_alpha(&data, &cfg()),
        Err(NotEnoughData::TooFew {
            what: "items with at least two ratings",
            minimum: MIN_PAIRABLE_ITEMS,
            found: 0
        })
    );
    assert!(matches!(icc(&data, &cfg()), Err(NotEnoughData::TooFew { .. })));
    assert!(matches!(icc_complete(&[], &cfg()), Err(NotEnoughData::TooFew { .. })));
    assert!(leniency(&data, &LeniencyConfig::default()).is_empty());
}

#[test]
fn one_rater_only() {
    let ratings: Vec<Rating> = (0..30)
        .map(|i| Rating {
            item: i,
            rater: 7,
            score: 1 + (i % 4) as i32,
        })
        .collect();
    let data = Ratings::new(&ratings).expect("valid");
    assert!(all_pairs_kappa(&data, &cfg()).is_empty());
    assert!(matches!(
        pair_kappa(&data, 7, 8, &cfg()),
        Err(NotEnoughData::TooFew { found: 0, .. })
    ));
    assert!(matches!(
        ordinal_alpha(&data, &cfg()),
        Err(NotEnoughData::TooFew { found: 0, .. })
    ));
    assert!(matches!(icc(&data, &cfg()), Err(NotEnoughData::TooFew { .. })));
    let single_column: Vec<Vec<i32>> = (0..10).map(|i| vec![i]).collect();
    assert_eq!(
        icc_complete(&single_column, &cfg()).map(|_| ()),
        Err(NotEnoughData::TooFew {
            what: "raters",
            minimum: MIN_RATERS,
            found: 1
        })
    );
    let len = leniency(&data, &LeniencyConfig::default());
    assert_eq!(len.len(), 1);
    assert!(matches!(len[0].outcome, Err(NotEnoughData::TooFew { found: 0, .. })));
}

#[test]
fn perfect_agreement() {
    let data = two_raters(|x| x);
    let kappa = pair_kappa(&data, 1, 2, &cfg()).expect("defined");
    close(kappa.value, 1.0, 1e-12);
    let ci = kappa.ci.expect("interval");
    close(ci.lower, 1.0, 1e-12);
    close(ci.upper, 1.0, 1e-12);
    for metric in [Metric::Nominal, Metric::Ordinal, Metric::Interval] {
        close(
            krippendorff_alpha(&data, metric, &cfg()).expect("defined").value,
            1.0,
            1e-12,
        );
    }
    let icc = icc(&data, &cfg()).expect("defined");
    close(icc.single.value, 1.0, 1e-12);
    close(icc.average.value, 1.0, 1e-12);
    for rater in leniency(&data, &LeniencyConfig::default()) {
        let l = rater.outcome.expect("defined");
        close(l.mean_deviation, 0.0, 1e-12);
        assert!(!l.outlier);
    }
}

#[test]
fn all_scores_equal_is_undefined_not_nan() {
    let data = two_raters(|_| 3);
    let constant = from_item_rows(&vec![vec![3, 3, 3]; 12]);
    assert!(is_undefined(&pair_kappa(&constant, 1, 2, &cfg())));
    assert!(is_undefined(&ordinal_alpha(&constant, &cfg())));
    assert!(is_undefined(&icc(&constant, &cfg())));
    // Leniency is well defined: everybody deviates by exactly 0.
    for rater in leniency(&constant, &LeniencyConfig::default()) {
        let l = rater.outcome.expect("defined");
        assert_eq!(
            (l.mean_deviation, l.ci.lower, l.ci.upper, l.outlier),
            (0.0, 0.0, 0.0, false)
        );
    }
    // One constant rater against a varying one: kappa is 0 (no agreement
    // beyond chance), not undefined.
    close(pair_kappa(&data, 1, 2, &cfg()).expect("defined").value, 0.0, 1e-12);
}

#[test]
fn missing_cells_are_skipped() {
    // Rater 3 scores only some items; alpha uses every pairable value, kappa
    // of (1, 3) only the shared items, ICC a complete block.
    let s = Some;
    let row1: Vec<Option<i32>> = (0..15).map(|i| s(1 + i % 4)).collect();
    let row2: Vec<Option<i32>> = (0..15).map(|i| s(1 + (i + i / 7) % 4)).collect();
    let row3: Vec<Option<i32>> = (0..15).map(|i| if i % 3 == 0 { None } else { s(1 + i % 4) }).collect();
    let data = from_rater_rows(&[&row1, &row2, &row3]);
    let alpha = ordinal_alpha(&data, &cfg()).expect("defined");
    assert_eq!((alpha.items, alpha.ratings), (15, 15 * 3 - 5));
    let kappa13 = pair_kappa(&data, 1, 3, &cfg()).expect("defined");
    assert_eq!(kappa13.items, 10);
    close(kappa13.value, 1.0, 1e-12);
    let pairs = all_pairs_kappa(&data, &cfg());
    assert_eq!(
        pairs.iter().map(|p| (p.rater_a, p.rater_b)).collect::<Vec<_>>(),
        vec![(1, 2), (1, 3), (2, 3)]
    );

    let block = icc(&data, &cfg()).expect("defined");
    assert!(block.items.len() >= MIN_ITEMS);
}

fn assert_finite(e: &Estimate) {
    assert!(e.value.is_finite());
    if let Some(ci) = &e.ci {
        assert!(ci.lower.is_finite() && ci.upper.is_finite() && ci.lower <= ci.upper);
    }
}

#[test]
fn random_sparse_data_never_yields_nan() {
    let mut rng = Rng::new(5);
    for trial in 0u32..30 {
        let mut ratings = Vec::new();
        let items = 5 + trial * 2;
        for item in 0..items {
            for rater in 0..4 {
                if rng.below(3) > 0 {
                    let score = if trial % 5 == 0 {
                        2
                    } else {
                        1 + rng.below(u64::from(1 + trial % 4)) as i32
                    };
                    ratings.push(Rating { item, rater, score });
                }
            }
        }
        let data = Ratings::new(&ratings).expect("valid");
        let config = BootstrapConfig {
            resamples: 200,
            ..cfg()
        };
        for pair in all_pairs_kappa(&data, &config) {
            if let Ok(e) = &pair.outcome {
                assert_finite(e);
            }
        }
        for metric in [Metric::Nominal, Metric::Ordinal, Metric::Interval] {
            if let Ok(e) = krippendorff_alpha(&data, metric, &config) {
                assert_finite(&e);
            }
        }
        if let Ok(i) = icc(&data, &config) {
            assert_finite(&i.single);
            assert_finite(&i.average);
        }
        for r in leniency(&data, &LeniencyConfig::default()) {
            if let Ok(l) = r.outcome {
                assert!(l.mean_deviation.is_finite() && l.ci.lower.is_finite() && l.ci.upper.is_finite());
            }
        }
    }
}

#[test]
fn invalid_confidence_level_gives_no_interval() {
    let data = two_raters(|x| (x + 1).min(4));
    let odd = BootstrapConfig { level: 1.5, ..cfg() };
    let k = pair_kappa(&data, 1, 2, &odd).expect("estimate still defined");
    assert!(k.ci.is_none());
    let bad = LeniencyConfig {
        level: 0.0,
        ..LeniencyConfig::default()
    };
    assert!(leniency(&data, &bad).iter().all(|r| is_undefined(&r.outcome)));
}
