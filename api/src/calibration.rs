//! Hiring calibration: do a team's interviewers score the same performance
//! the same way? Agreement statistics, leniency, quick-check item analysis,
//! and calibration drills (scoring a finished session again, independently).

use crate::from_json::FromJson;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::room::SessionSummary;

/// Filters of the dashboard and the CSV export; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct CalibrationQuery {
    /// Pack id.
    #[serde(default)]
    pub pack: Option<Uuid>,
    /// Question id (a question of one pack version).
    #[serde(default)]
    pub question: Option<Uuid>,
    /// Rubric dimension name.
    #[serde(default)]
    pub dimension: Option<String>,
    /// Interviewer (user id).
    #[serde(default)]
    pub interviewer: Option<Uuid>,
    /// Scores given at or after this time (RFC 3339).
    #[serde(default)]
    pub from: Option<DateTime<Utc>>,
    /// Scores given before this time (RFC 3339).
    #[serde(default)]
    pub to: Option<DateTime<Utc>>,
}

/// One figure with its 95% interval and what it rests on, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statistic {
    pub value: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Items (candidate × question × dimension) it rests on.
    pub items: usize,
    pub ratings: usize,
    /// Set instead of `value` below the stated minimum, e.g. "needs at least
    /// 10 items with two or more ratings; found 4".
    pub not_enough_data: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KappaPair {
    pub a: String,
    pub b: String,
    /// Quadratic-weighted Cohen's kappa on the items both scored.
    pub kappa: Statistic,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agreement {
    /// Krippendorff's alpha, ordinal metric (any raters, missing scores allowed).
    pub alpha: Statistic,
    /// ICC(2,1): two-way random, absolute agreement, one rater.
    pub icc_single: Statistic,
    /// ICC(2,k): the same for the mean of the k raters.
    pub icc_average: Statistic,
    /// Which complete block of raters × items the ICC used (ICC needs one).
    pub icc_block: Option<String>,
    pub kappa_pairs: Vec<KappaPair>,
}

/// An interviewer's mean deviation from the other raters of the same item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeniencyRow {
    pub interviewer_id: Uuid,
    pub interviewer: String,
    /// Ratings on items somebody else also scored.
    pub ratings: usize,
    /// Positive: more lenient than the others; negative: more severe.
    pub mean_deviation: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// The interval excludes 0 and the deviation is at least half a level.
    pub outlier: bool,
    pub not_enough_data: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistributionRow {
    pub label: String,
    /// Count per score in `Distribution::scores`.
    pub counts: Vec<u64>,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Distribution {
    /// The score values, in order (shared by every row).
    pub scores: Vec<i32>,
    pub rows: Vec<DistributionRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionShare {
    pub option: usize,
    pub text: String,
    pub correct: bool,
    /// Share of the attempts shown this quick check that chose it, 0–1.
    pub share: f64,
}

/// One quick check across the candidates who were shown it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemRow {
    pub question_id: Uuid,
    pub question: String,
    pub check: usize,
    pub attempts: usize,
    /// Proportion correct.
    pub difficulty: Option<f64>,
    /// Corrected point-biserial against the rest of the attempt.
    pub point_biserial: Option<f64>,
    /// Upper minus lower 27% proportion correct.
    pub discrimination: Option<f64>,
    pub options: Vec<OptionShare>,
    /// too_easy, too_hard, weak_discrimination, unused_distractor.
    pub flags: Vec<String>,
    pub not_enough_data: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// What the filters can be set to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalibrationFilters {
    pub packs: Vec<Choice>,
    pub questions: Vec<Choice>,
    pub dimensions: Vec<String>,
    pub interviewers: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sample {
    pub ratings: usize,
    pub items: usize,
    pub interviewers: usize,
    pub sessions: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalibrationReport {
    pub sample: Sample,
    pub agreement: Agreement,
    pub leniency: Vec<LeniencyRow>,
    pub by_interviewer: Distribution,
    pub by_question: Distribution,
    pub items: Vec<ItemRow>,
    pub filters: CalibrationFilters,
    /// The minimums below which a figure reads "not enough data".
    pub minimums: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateDrillRequest {
    /// A finished live session or assigned mock of the team.
    pub session_id: Uuid,
}

/// A drill and who has scored it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrillSummary {
    pub drill: SessionSummary,
    pub source_session_id: Uuid,
    /// Interviewers who submitted their drill scores.
    pub submitted: Vec<String>,
}
