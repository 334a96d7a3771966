//! ICC against Shrout & Fleiss (1979), Table 2 and Table 4.
mod common;

use common::{close, from_item_rows};
use mockroom_stats::icc::{icc, icc_complete, icc_for_raters, MIN_ITEMS};
use mockroom_stats::{BootstrapConfig, NotEnoughData};

/// Shrout & Fleiss (1979), Psychological Bulletin 86(2), Table 2:
/// 6 targets × 4 judges.
fn table_2() -> Vec<Vec<i32>> {
    vec![
        vec![9, 2, 5, 8],
        vec![6, 1, 3, 2],
        vec![8, 4, 6, 8],
        vec![7, 1, 2, 6],
        vec![10, 5, 6, 9],
        vec![6, 2, 4, 7],
    ]
}

#[test]
fn published_icc_values() {
    let result = icc_complete(&table_2(), &BootstrapConfig::default()).expect("defined");
    // Shrout & Fleiss (1979), values reported for the Table 2 data:
    // ICC(2,1) = .29, ICC(2,k) = .62.
    close(result.single.value, 0.29, 0.005);
    close(result.average.value, 0.62, 0.005);
    let ms = &result.mean_squares;
    // Shrout & Fleiss (1979), ANOVA reported for the Table 2 data:
    // BMS = 11.24, WMS = 6.26, JMS = 32.49, EMS = 1.02.
    close(ms.items, 11.24, 0.005);
    close(ms.within, 6.26, 0.005);
    close(ms.raters, 32.49, 0.005);
    close(ms.error, 1.02, 0.005);
    // Same paper, the other forms for the Table 2 data, derived here from
    // the reported mean squares: ICC(1,1) = .17, ICC(3,1) = .71,
    // ICC(1,k) = .44, ICC(3,k) = .91.
    let k = 4.0;
    close((ms.items - ms.within) / (ms.items + (k - 1.0) * ms.within), 0.17, 0.005);
    close((ms.items - ms.error) / (ms.items + (k - 1.0) * ms.error), 0.71, 0.005);
    close((ms.items - ms.within) / ms.items, 0.44, 0.005);
    close((ms.items - ms.error) / ms.items, 0.91, 0.005);
    assert_eq!((result.single.items, result.single.ratings), (6, 24));
    assert_eq!(result.raters, vec![0, 1, 2, 3]);
}

#[test]
fn exact_values_from_the_anova() {
    // The Table 2 sums of squares are exact rationals: SS_items = 56.2083…,
    // SS_raters = 97.4583…, SS_error = 15.2917… (n = 6, k = 4); the ICCs
    // follow from them. Computed by hand from the raw table:
    // grand total 127, Σx² = 841, row totals 24, 12, 26, 16, 30, 19,
    // column totals 46, 15, 26, 40.
    let correction = 127.0 * 127.0 / 24.0;
    let ss_total = 841.0 - correction;
    let ss_items = (24.0f64.powi(2) + 144.0 + 676.0 + 256.0 + 900.0 + 361.0) / 4.0 - correction;
    let ss_raters = (46.0f64.powi(2) + 225.0 + 676.0 + 1600.0) / 6.0 - correction;
    let ss_error = ss_total - ss_items - ss_raters;
    let (bms, jms, ems) = (ss_items / 5.0, ss_raters / 3.0, ss_error / 15.0);
    let single = (bms - ems) / (bms + 3.0 * ems + 4.0 * (jms - ems) / 6.0);
    let average = (bms - ems) / (bms + (jms - ems) / 6.0);
    let result = icc_complete(&table_2(), &BootstrapConfig::default()).expect("defined");
    close(result.single.value, single, 1e-12);
    close(result.average.value, average, 1e-12);
}

#[test]
fn sparse_data_uses_a_complete_block_and_reports_it() {
    // Table 2 as sparse ratings plus noise that breaks completeness: an
    // extra rater 9 on two items only, and judge 4 missing on target 6.
    let mut rows = table_2();
    rows[5].pop();
    let mut ratings = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for (r, &score) in row.iter().enumerate() {
            ratings.push(mockroom_stats::Rating {
                item: i as u32 + 1,
                rater: r as u32 + 1,
                score,
            });
        }
    }
    ratings.push(mockroom_stats::Rating {
        item: 1,
        rater: 9,
        score: 5,
    });
    ratings.push(mockroom_stats::Rating {
        item: 2,
        rater: 9,
        score: 5,
    });
    let data = mockroom_stats::Ratings::new(&ratings).expect("valid");
    let result = icc(&data, &BootstrapConfig::default()).expect("defined");
    // Candidate blocks: judges 1–3 on all 6 targets (18 ratings) and
    // judges 1–4 on targets 1–5 (20 ratings); the rule keeps the most
    // ratings, so the 4-judge block wins.
    assert_eq!(result.raters, vec![1, 2, 3, 4]);
    assert_eq!(result.items, vec![1, 2, 3, 4, 5]);
    assert_eq!(result.single.ratings, 20);
    let fixed = icc_for_raters(&data, &[1, 2, 3], &BootstrapConfig::default()).expect("defined");
    assert_eq!(fixed.items, vec![1, 2, 3, 4, 5, 6]);
    let expected = icc_complete(
        &table_2().into_iter().map(|r| r[..3].to_vec()).collect::<Vec<_>>(),
        &BootstrapConfig::default(),
    )
    .expect("defined");
    close(fixed.single.value, expected.single.value, 1e-12);
    let unknown = icc_for_raters(&data, &[1, 77], &BootstrapConfig::default());
    assert!(matches!(unknown, Err(NotEnoughData::TooFew { minimum: MIN_ITEMS, .. })));
}

#[test]
fn icc_via_ratings_equals_icc_on_the_matrix() {
    let data = from_item_rows(&table_2());
    let via_ratings = icc(&data, &BootstrapConfig::default()).expect("defined");
    let direct = icc_complete(&table_2(), &BootstrapConfig::default()).expect("defined");
    close(via_ratings.single.value, direct.single.value, 1e-12);
    close(via_ratings.average.value, direct.average.value, 1e-12);
    let ci = via_ratings.single.ci.expect("interval");
    assert!(ci.lower <= via_ratings.single.value && via_ratings.single.value <= ci.upper);
}
