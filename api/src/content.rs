use crate::from_json::FromJson;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A question pack as the library lists it: its current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackSummary {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    /// Ships with Mockroom and is visible to every team.
    pub bundled: bool,
    pub version_id: Uuid,
    /// SHA-256 of the pack's source: its version.
    pub content_hash: String,
    pub imported_at: DateTime<Utc>,
    pub question_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionSummary {
    pub id: Uuid,
    pub pack_id: Uuid,
    pub pack_title: String,
    pub version_id: Uuid,
    pub number: i64,
    pub title: String,
    /// The guide's "Type": Debugging, Architecture, Practical, …
    pub kind: String,
    pub category: String,
}

/// Filters of the question list; all optional and combined with AND.
#[derive(Debug, Clone, Default, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct QuestionFilter {
    /// Exact type, e.g. `Debugging`.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub pack: Option<Uuid>,
    /// Words to find in the title, category or any stage.
    #[serde(default)]
    pub q: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionList {
    pub questions: Vec<QuestionSummary>,
    /// Every type and category among the questions the team can see (for filter menus).
    pub kinds: Vec<String>,
    pub categories: Vec<String>,
}

/// A question with every stage, for interviewers preparing or running a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionPreview {
    pub question: QuestionSummary,
    pub stages: Vec<StagePreview>,
    pub rubric: Rubric,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StagePreview {
    /// Reveal order within the question, from 0.
    pub position: i64,
    /// scenario, challenge, section, code_exercise, junior_answer,
    /// senior_answer, model_answer, quick_check or quick_check_explanation.
    pub kind: String,
    pub title: String,
    /// Sanitised HTML rendered from the stage's Markdown; code in it is
    /// already highlighted (`<span class="hl-…">`).
    pub html: String,
    pub quick_check: Option<QuickCheckPreview>,
    /// Code exercises: the code an answer may start from.
    #[serde(default)]
    pub code: Option<StageCode>,
}

/// The raw code of a code exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageCode {
    /// The language of the guide's code fence (`tsx`, `bash`…); empty when it names none.
    pub language: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuickCheckPreview {
    pub options: Vec<String>,
    /// Zero-based index of the correct option.
    pub correct: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rubric {
    /// The guide has no `### Rubric`: derived from the junior and senior answers.
    pub derived: bool,
    pub dimensions: Vec<RubricDimension>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RubricDimension {
    pub name: String,
    /// `levels[0]` describes level 1.
    pub levels: Vec<String>,
}

/// Upload of a guide file.
#[derive(Debug, Clone, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportPackRequest {
    /// File name; its stem becomes the pack's slug (a re-upload of the same
    /// name is a new version of the same pack).
    pub filename: String,
    pub markdown: String,
    /// Only check: report diagnostics, store nothing.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentDiagnostic {
    pub line: usize,
    pub col: usize,
    /// `error` or `warning`.
    pub severity: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPackResponse {
    /// The pack after the import (absent for a dry run).
    pub pack: Option<PackSummary>,
    /// False when the same bytes were imported before: nothing changed.
    pub created_version: bool,
    pub questions: usize,
    pub diagnostics: Vec<ContentDiagnostic>,
    /// What the guide gives (or gave) the library, and what it leaves out.
    pub summary: ImportSummary,
}

/// Counts by kind of part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartCounts {
    pub questions: usize,
    pub sections: usize,
    pub quick_checks: usize,
    pub junior_senior: usize,
    pub code_exercises: usize,
}

/// A part of a guide that is not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkippedPart {
    /// `section` (outside every question), `quick_check`, `junior_senior` or `code_exercise`.
    pub kind: String,
    pub line: usize,
    /// Its heading, or why it was left out.
    pub title: String,
}

/// Every quick check, answer pair and code exercise of a guide is either
/// counted in `imported` or listed in `skipped_parts` (with a diagnostic at
/// its line); sections outside every question are listed there too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    pub imported: PartCounts,
    pub skipped: PartCounts,
    pub skipped_parts: Vec<SkippedPart>,
}

/// Body of a 422 for a guide with errors: the usual error plus every diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentErrorBody {
    pub error: crate::ErrorDetail,
    /// Present when the guide itself is wrong; absent for a malformed request.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub diagnostics: Vec<ContentDiagnostic>,
}
