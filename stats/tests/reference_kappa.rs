//! Weighted kappa against published values.
mod common;

use common::{close, pairs_from_table};
use mockroom_stats::kappa::{quadratic_kappa, weighted_kappa, KappaWeights, MIN_SHARED_ITEMS};
use mockroom_stats::rng::Rng;
use mockroom_stats::{BootstrapConfig, NotEnoughData};

fn value(pairs: &[(i32, i32)], w: KappaWeights) -> f64 {
    weighted_kappa(pairs, w, &BootstrapConfig::default())
        .expect("defined")
        .value
}

#[test]
fn artstein_poesio_table_1_unweighted() {
    // scikit-learn sklearn/metrics/tests/test_classification.py,
    // test_cohen_kappa: contingency [[20, 20], [10, 50]] from Artstein &
    // Poesio (2008), "Inter-coder agreement for computational linguistics",
    // Table 1; kappa = 0.348 (3 decimals).
    let pairs = pairs_from_table(&[(0, 0, 20), (0, 1, 20), (1, 0, 10), (1, 1, 50)]);
    close(value(&pairs, KappaWeights::Unweighted), 0.348, 5e-4);
}

#[test]
fn scikit_learn_three_category_examples() {
    // Same scikit-learn test: y1 = [0]*46 + [1]*44 + [2]*10 against
    // y2 = [0]*52 + [1]*32 + [2]*16 gives unweighted 0.8013. Pairing the
    // vectors position by position gives the table below.
    let first = pairs_from_table(&[(0, 0, 46), (1, 0, 6), (1, 1, 32), (1, 2, 6), (2, 2, 10)]);
    close(value(&first, KappaWeights::Unweighted), 0.8013, 5e-5);
    // y2 = [0]*50 + [1]*40 + [2]*10: unweighted 0.9315, linear 0.9412,
    // quadratic 0.9541 (4 decimals).
    let second = pairs_from_table(&[(0, 0, 46), (1, 0, 4), (1, 1, 40), (2, 2, 10)]);
    close(value(&second, KappaWeights::Unweighted), 0.9315, 5e-5);
    close(value(&second, KappaWeights::Linear), 0.9412, 5e-5);
    close(value(&second, KappaWeights::Quadratic), 0.9541, 5e-5);
}

/// Lin's concordance correlation with 1/n moments.
fn concordance(pairs: &[(i32, i32)]) -> f64 {
    let n = pairs.len() as f64;
    let mx = pairs.iter().map(|p| f64::from(p.0)).sum::<f64>() / n;
    let my = pairs.iter().map(|p| f64::from(p.1)).sum::<f64>() / n;
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for &(x, y) in pairs {
        let (dx, dy) = (f64::from(x) - mx, f64::from(y) - my);
        sxx += dx * dx / n;
        syy += dy * dy / n;
        sxy += dx * dy / n;
    }
    2.0 * sxy / (sxx + syy + (mx - my) * (mx - my))
}

#[test]
fn quadratic_kappa_equals_concordance_correlation() {
    // Identity: with (x − y)² weights and chance from the marginals,
    // κ_w = 2·s_xy / (s_x² + s_y² + (x̄ − ȳ)²), Lin's CCC with 1/n moments
    // (Fleiss & Cohen 1973; see also Schuster 2004, Educational and
    // Psychological Measurement 64(2)). Checked on random correlated data.
    let mut rng = Rng::new(99);
    for trial in 0..20 {
        let pairs: Vec<(i32, i32)> = (0..50 + trial * 7)
            .map(|_| {
                let x = 1 + rng.below(4) as i32;
                let y = (x + rng.below(3) as i32 - 1 + i32::from(trial % 3 == 0)).clamp(1, 5);
                (x, y)
            })
            .collect();
        close(value(&pairs, KappaWeights::Quadratic), concordance(&pairs), 1e-12);
    }
}

#[test]
fn bootstrap_interval_brackets_estimate_and_is_reproducible() {
    let pairs = pairs_from_table(&[(1, 1, 20), (2, 2, 15), (2, 3, 5), (3, 3, 12), (4, 3, 3), (4, 4, 10)]);
    let config = BootstrapConfig::default();
    let a = quadratic_kappa(&pairs, &config).expect("defined");
    let b = quadratic_kappa(&pairs, &config).expect("defined");
    assert_eq!(a, b);
    let ci = a.ci.clone().expect("interval");
    assert!(ci.lower <= a.value && a.value <= ci.upper && ci.upper <= 1.0, "{a:?}");
    assert_eq!((a.items, a.ratings), (65, 130));
    let other_seed = quadratic_kappa(&pairs, &BootstrapConfig { seed: 1, ..config }).expect("defined");
    assert_ne!(other_seed.ci, a.ci);
}

#[test]
fn minimum_shared_items() {
    let pairs = pairs_from_table(&[(1, 1, 5), (2, 2, 4)]);
    let err = quadratic_kappa(&pairs, &BootstrapConfig::default()).expect_err("too few");
    assert_eq!(
        err,
        NotEnoughData::TooFew {
            what: "items rated by both raters",
            minimum: MIN_SHARED_ITEMS,
            found: 9
        }
    );
}
