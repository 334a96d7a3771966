//! Calibration statistics for interviewer scores: do interviewers score the
//! same performance the same way?
//!
//! Pure computation, no I/O and no dependencies. Every statistic:
//!
//! * works on sparse data (not every interviewer scores every item);
//! * refuses to report a number below a stated minimum (`MIN_*` constants in
//!   each module) and returns [`NotEnoughData`] instead, also when the
//!   statistic is mathematically undefined (e.g. nobody's scores vary), so
//!   no result is ever NaN or infinite;
//! * reports the number of items and ratings it rests on, and a
//!   deterministic percentile bootstrap interval that resamples items
//!   ([`bootstrap`]; leniency uses a t-interval, see [`mod@leniency`]).
//!
//! Modules: [`kappa`] (weighted Cohen's kappa per rater pair), [`alpha`]
//! (Krippendorff's alpha), [`mod@icc`] (ICC(2,1) and ICC(2,k)), [`mod@leniency`]
//! (interviewer severity), [`items`] (quick-check item analysis),
//! [`distribution`] (score histograms), [`bootstrap`] and [`rng`].

pub mod alpha;
mod block;
pub mod bootstrap;
pub mod distribution;
pub mod icc;
pub mod items;
pub mod kappa;
pub mod leniency;
pub mod outcome;
pub mod ratings;
pub mod rng;
pub mod student_t;

pub use alpha::{krippendorff_alpha, ordinal_alpha, Metric};
pub use bootstrap::{BootstrapConfig, ConfidenceInterval};
pub use icc::{icc, icc_complete, icc_for_raters, Icc, MeanSquares};
pub use items::{
    analyze_quick_check, analyze_quick_check_sparse, ItemAnalysis, ItemFlags, QuickCheckAnalysis, QuickCheckError,
    QuickCheckItem, Response, SparseItemAnalysis, SparseQuickCheckAnalysis,
};
pub use kappa::{all_pairs_kappa, pair_kappa, quadratic_kappa, weighted_kappa, KappaWeights, PairKappa};
pub use leniency::{leniency, Leniency, LeniencyConfig, RaterLeniency};
pub use outcome::{Estimate, NotEnoughData};
pub use ratings::{InputError, Rating, Ratings};
