//! Reads Markdown *interview guides* into questions whose parts an interviewer
//! reveals one at a time.
//!
//! The format is the one such guides use in the wild (see `content/README.md`):
//! `### Question N: …` headings with `**Type:** … | **Category:** …`, the
//! question's own `## The Scenario` / `## The Challenge` parts, walkthrough
//! sections (`###`/`####` headings), `<JuniorVsSenior>` answer pairs,
//! `### Quick Check` multiple-choice items (or `<InterviewQuiz/>`), code
//! exercises (`<SmartCodeRunner>`), and our extension `### Rubric`. Parsing never panics and never gives up: every
//! problem becomes a [`Diagnostic`] with a line and column, and whatever could
//! be read is kept.

mod component;
pub mod highlight;
mod js;
mod lines;
mod model;
mod overview;
mod parser;
mod quick_check;
mod render;
mod rubric;
mod summary;

pub use model::*;
pub use parser::parse;
pub use render::render_markdown;
pub use summary::{Counts, PartKind, SkippedPart, Summary};

/// Files larger than this are refused.
pub const MAX_GUIDE_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found in a guide, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// `file:line:col: error: message`, the form editors and CI logs understand.
    pub fn display(&self, file: &str) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!("{file}:{}:{}: {severity}: {}", self.line, self.col, self.message)
    }
}

/// What [`parse`] found: the guide (as much as could be read) and its diagnostics.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub guide: Guide,
    pub diagnostics: Vec<Diagnostic>,
    /// What was imported and what was left out, by kind.
    pub summary: Summary,
}

impl Parsed {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// SHA-256 of the file's bytes, hex: the version of a pack. Re-importing the
/// same bytes gives the same version; any edit gives a new one.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
