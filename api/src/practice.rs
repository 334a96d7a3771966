//! Candidate practice: timed solo mocks, their history and progress, the
//! spaced-repetition review queue of quick checks, and one's own data.
//!
//! A practice mock is a session in `practice` mode: it runs over the room
//! protocol (`/api/v1/practice/mocks/{id}/ws`) with the candidate driving.

use crate::from_json::FromJson;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::content::QuestionSummary;
use crate::room::SessionQuestionSpec;

/// What a mock can be drawn from: the packs, types and categories of the
/// questions the caller's team sees (candidates included; no stage text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticeOptions {
    pub packs: Vec<PackChoice>,
    pub kinds: Vec<String>,
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackChoice {
    pub id: Uuid,
    pub title: String,
    pub question_count: i64,
}

/// Draw questions for a mock. Empty lists mean "any".
#[derive(Debug, Clone, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DrawRequest {
    /// Whose library to draw from (bundled packs plus the team's own).
    pub team_id: Uuid,
    #[serde(default)]
    pub packs: Vec<Uuid>,
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    /// How many questions, 1 to 20.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 20))]
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrawnQuestion {
    pub question: QuestionSummary,
    /// The default for its type; the candidate may change it before starting.
    pub time_limit_secs: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Draw {
    /// In random order.
    pub questions: Vec<DrawnQuestion>,
    /// How many questions matched the filters.
    pub matching: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePracticeRequest {
    pub team_id: Uuid,
    /// In order, 1 to 20; time limits 10 s to 4 h (default by type).
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub questions: Vec<SessionQuestionSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticeSummary {
    pub id: Uuid,
    pub team_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub question_count: i64,
}

/// How a question of an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionOutcome {
    NotStarted,
    /// Started, deadline not reached, not submitted.
    InProgress,
    /// Submitted before the deadline.
    OnTime,
    /// Submitted after the deadline (or part of the answer came late).
    Late,
    /// The deadline passed without a submission.
    TimedOut,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptQuestion {
    pub question_id: Uuid,
    pub title: String,
    pub pack_title: String,
    pub kind: String,
    pub category: String,
    pub time_limit_secs: i64,
    /// From start to submission, or to the deadline when it ran out.
    pub time_used_ms: Option<i64>,
    pub outcome: QuestionOutcome,
    pub answer: String,
    /// `(dimension name, level, top level)` of each self-score.
    pub self_scores: Vec<SelfScoreLine>,
    /// Mean of level ÷ top level over the scored dimensions, 0–100.
    pub self_score_pct: Option<f64>,
    pub quick_checks_answered: u32,
    pub quick_checks_correct: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelfScoreLine {
    pub dimension: String,
    pub level: u8,
    pub top: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptSummary {
    pub id: Uuid,
    pub started_at: DateTime<Utc>,
    pub finished: bool,
    pub questions: Vec<AttemptQuestion>,
    pub time_used_ms: i64,
    /// Mean self-score over the attempt's self-scored questions, 0–100.
    pub self_score_pct: Option<f64>,
    pub quick_checks_answered: u32,
    pub quick_checks_correct: u32,
}

/// One attempt's figures for a category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressPoint {
    pub attempt_id: Uuid,
    pub at: DateTime<Utc>,
    pub self_score_pct: Option<f64>,
    /// Share of quick checks answered correctly, 0–100.
    pub quick_check_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryProgress {
    pub category: String,
    /// Oldest first; only attempts with a figure for the category.
    pub points: Vec<ProgressPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticeHistory {
    /// Newest first.
    pub attempts: Vec<AttemptSummary>,
    pub progress: Vec<CategoryProgress>,
}

/// A quick check waiting in the review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewItem {
    pub question_id: Uuid,
    pub check: i64,
    pub question_title: String,
    pub pack_title: String,
    pub prompt_html: String,
    pub options: Vec<String>,
    pub due_at: DateTime<Utc>,
    pub reps: i64,
    pub lapses: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewQueue {
    /// Due now, most overdue first.
    pub due: Vec<ReviewItem>,
    pub total_cards: i64,
    /// When the next card not yet due comes due.
    pub next_due_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewAnswer {
    pub question_id: Uuid,
    pub check: i64,
    /// Zero-based index of the chosen option.
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub option: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewOutcome {
    pub correct: bool,
    pub correct_option: i64,
    pub explanation_html: String,
    pub next_due_at: DateTime<Utc>,
    /// Days until the next review.
    pub interval_days: f64,
    pub stability: f64,
    pub difficulty: f64,
}

/// The schedule of one card, as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewCardExport {
    pub question_id: Uuid,
    pub check: i64,
    pub stability: f64,
    pub difficulty: f64,
    pub due_at: DateTime<Utc>,
    pub last_review_at: Option<DateTime<Utc>>,
    pub reps: i64,
    pub lapses: i64,
}

/// Everything Mockroom keeps about the signed-in person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountExport {
    pub exported_at: DateTime<Utc>,
    pub user: crate::auth::User,
    pub memberships: Vec<crate::auth::Membership>,
    pub practice: PracticeHistory,
    pub review_cards: Vec<ReviewCardExport>,
}

#[derive(Debug, Clone, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeleteAccountRequest {
    /// The account's password, to confirm.
    pub password: String,
}
