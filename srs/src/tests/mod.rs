//! Reference checks, one file per source: `fsrs_rs` (fsrs-rs `model.rs`
//! and `inference.rs`), `py_fsrs` (py-fsrs v6 `tests/test_basic.py`, through
//! a test-only replica of its scheduler), `review` (the card-level
//! convenience), `robustness` (hostile inputs).
//!
//! Every expected number below is copied from the test suite of a reference
//! implementation; the comment above each check names the repository, file
//! and test it comes from. Tolerances follow the reference (fsrs-rs compares
//! `f32`s to about 1e-5 relative / 5 decimals, `assert_memory_state` uses
//! 1e-4, py-fsrs compares `round(x, 4)` or whole days); we compute in `f64`, so
//! checks on `f32` outputs use 1e-4 absolute or a 1e-6 relative tolerance for
//! large values.

use crate::model::Model;
use crate::*;

mod fsrs_rs;
mod py_fsrs;
mod review;
mod robustness;

/// `|actual - expected| <= tol`, or relative `1e-6` for large magnitudes.
#[track_caller]
pub(super) fn assert_close(actual: f64, expected: f64, tol: f64) {
    let diff = (actual - expected).abs();
    let rel = diff / expected.abs().max(1.0);
    assert!(
        diff <= tol || rel <= 1e-6,
        "actual {actual} vs expected {expected} (diff {diff}, tol {tol})"
    );
}

#[track_caller]
pub(super) fn assert_all_close(actual: &[f64], expected: &[f64], tol: f64) {
    assert_eq!(actual.len(), expected.len());
    for (a, e) in actual.iter().zip(expected) {
        assert_close(*a, *e, tol);
    }
}

#[track_caller]
pub(super) fn assert_memory(actual: MemoryState, stability: f64, difficulty: f64, tol: f64) {
    assert_close(actual.stability, stability, tol);
    assert_close(actual.difficulty, difficulty, tol);
}

pub(super) fn model() -> Model {
    Parameters::default().model()
}

/// FSRS-5 weights used throughout fsrs-rs `src/inference.rs` tests
/// (`static PARAMETERS`), upgraded to 21 by `check_and_fill_parameters`.
pub(super) const FSRS_RS_TEST_PARAMETERS: [f64; 19] = [
    0.6845422,
    1.6790825,
    4.7349424,
    10.042885,
    7.4410233,
    0.64219797,
    1.071918,
    0.0025195254,
    1.432437,
    0.1544,
    0.8692766,
    2.0696752,
    0.0953,
    0.2975,
    2.4691248,
    0.19542035,
    3.201072,
    0.18046261,
    0.121442534,
];
