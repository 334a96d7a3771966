//! Krippendorff's alpha against Krippendorff's own worked example.
mod common;

use common::{close, from_rater_rows};
use mockroom_stats::alpha::{krippendorff_alpha, Metric};
use mockroom_stats::BootstrapConfig;

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
/// section C ("multiple observers, any level of measurement, missing data"):
/// 4 observers × 12 units; unit 12 has a single value and is not pairable.
/// The same data are the book example in Krippendorff (2019), Content
/// Analysis, 4th ed., p. 290.
fn reliability_data() -> mockroom_stats::Ratings {
    const N: Option<i32> = None;
    let s = Some;
    from_rater_rows(&[
        &[s(1), s(2), s(3), s(3), s(2), s(1), s(4), s(1), s(2), N, N, N],
        &[s(1), s(2), s(3), s(3), s(2), s(2), s(4), s(1), s(2), s(5), N, s(3)],
        &[N, s(3), s(3), s(3), s(2), s(3), s(4), s(2), s(2), s(5), s(1), N],
        &[s(1), s(2), s(3), s(3), s(2), s(4), s(4), s(1), s(2), s(5), s(1), N],
    ])
}

#[test]
fn published_nominal_ordinal_interval_values() {
    // Published: nominal α = 0.743, ordinal α = 0.815, interval α = 0.849
    // (Krippendorff 2011, section C; three decimals).
    let data = reliability_data();
    let config = BootstrapConfig::default();
    for (metric, expected) in [
        (Metric::Nominal, 0.743),
        (Metric::Ordinal, 0.815),
        (Metric::Interval, 0.849),
    ] {
        let estimate = krippendorff_alpha(&data, metric, &config).expect("defined");
        close(estimate.value, expected, 5e-4);
        // 11 pairable units holding n.. = 40 pairable values (Krippendorff
        // 2011 lists n.. = 40).
        assert_eq!((estimate.items, estimate.ratings), (11, 40));
        let ci = estimate.ci.expect("interval");
        assert!(
            ci.lower <= estimate.value && estimate.value <= ci.upper,
            "{metric:?}: {ci:?}"
        );
    }
}

#[test]
fn exact_values_from_the_coincidence_matrix() {
    // Krippendorff (2011), section C, tabulates the coincidence matrix of
    // this example: n_c = (9, 13, 10, 5, 3) for values 1..=5, n.. = 40 and
    // Σ_c o_cc = 32. Hence nominal α = 1 − (n−1)(n − Σ o_cc)/(n² − Σ n_c²)
    // = 1 − 39·8/(1600 − 384) = 113/152 = 0.74342… Carrying the published
    // ordinal and interval formulas through the same matrix with exact
    // rationals gives 108577/133160 = 0.81539… and 951/1120 = 0.84911…,
    // which round to the published 0.815 and 0.849.
    let data = reliability_data();
    let config = BootstrapConfig {
        resamples: 0,
        ..BootstrapConfig::default()
    };
    for (metric, expected) in [
        (Metric::Nominal, 113.0 / 152.0),
        (Metric::Ordinal, 108_577.0 / 133_160.0),
        (Metric::Interval, 951.0 / 1120.0),
    ] {
        let estimate = krippendorff_alpha(&data, metric, &config).expect("defined");
        close(estimate.value, expected, 1e-12);
        assert!(estimate.ci.is_none(), "resampling was switched off");
    }
}
