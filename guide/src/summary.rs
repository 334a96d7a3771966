//! What an import kept and what it left out, counted by kind, so a team sees
//! at a glance whether anything of its guide is missing.
//!
//! Every quick-check marker (`### Quick Check` or `<InterviewQuiz>`), every
//! `<JuniorVsSenior>` and every `<SmartCodeRunner>` of a file is either
//! imported into a question or listed in [`Summary::skipped`] with its line,
//! and a diagnostic at that line says why.

use serde::Serialize;

/// Counts by kind of part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub questions: usize,
    /// Walkthrough sections (`##`, `###`, `####` inside a question), or for
    /// skipped parts: sections outside every question that hold text.
    pub sections: usize,
    pub quick_checks: usize,
    pub junior_senior: usize,
    pub code_exercises: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.questions + self.sections + self.quick_checks + self.junior_senior + self.code_exercises
    }
}

/// The kinds of part an import can leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// A section outside every question (a "What you'll learn" list, a
    /// closing promotional block): not question content.
    Section,
    QuickCheck,
    JuniorSenior,
    CodeExercise,
}

/// A part that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedPart {
    pub kind: PartKind,
    /// 1-based line where the part starts.
    pub line: usize,
    /// Its heading, or the reason it was left out.
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub imported: Counts,
    /// Counted from `skipped_parts`.
    pub skipped: Counts,
    pub skipped_parts: Vec<SkippedPart>,
}

impl Summary {
    pub(crate) fn skip(&mut self, kind: PartKind, line: usize, title: impl Into<String>) {
        let count = match kind {
            PartKind::Section => &mut self.skipped.sections,
            PartKind::QuickCheck => &mut self.skipped.quick_checks,
            PartKind::JuniorSenior => &mut self.skipped.junior_senior,
            PartKind::CodeExercise => &mut self.skipped.code_exercises,
        };
        *count += 1;
        self.skipped_parts.push(SkippedPart {
            kind,
            line,
            title: title.into(),
        });
    }

    /// `9 questions, 40 sections, 9 quick checks, 6 junior/senior pairs, 0 code
    /// exercises; skipped: 1 section (line 3682)` — one line for a terminal.
    pub fn one_line(&self) -> String {
        let i = &self.imported;
        let mut out = format!(
            "{} questions, {} sections, {} quick checks, {} junior/senior pairs, {} code exercises",
            i.questions, i.sections, i.quick_checks, i.junior_senior, i.code_exercises
        );
        if self.skipped_parts.is_empty() {
            out.push_str("; nothing skipped");
            return out;
        }
        out.push_str("; skipped: ");
        let mut kinds = Vec::new();
        for (kind, one, many) in [
            (
                PartKind::Section,
                "section outside questions",
                "sections outside questions",
            ),
            (PartKind::QuickCheck, "quick check", "quick checks"),
            (PartKind::JuniorSenior, "junior/senior pair", "junior/senior pairs"),
            (PartKind::CodeExercise, "code exercise", "code exercises"),
        ] {
            let lines: Vec<String> = self
                .skipped_parts
                .iter()
                .filter(|p| p.kind == kind)
                .map(|p| p.line.to_string())
                .collect();
            match lines.len() {
                0 => {}
                1 => kinds.push(format!("1 {one} (line {})", lines[0])),
                n => kinds.push(format!("{n} {many} (lines {})", lines.join(", "))),
            }
        }
        out.push_str(&kinds.join(", "));
        out
    }
}
