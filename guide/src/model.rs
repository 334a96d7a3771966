//! What a guide is made of, and the order its parts are revealed in.

use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Guide {
    pub title: String,
    /// Markdown between the title and the first section.
    pub intro: String,
    pub overview: Vec<OverviewRow>,
    pub questions: Vec<Question>,
}

/// A row of the `## Questions Overview` table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OverviewRow {
    pub number: u32,
    pub question: String,
    pub kind: String,
    pub category: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Question {
    pub number: u32,
    pub title: String,
    /// The guide's "Type" (Debugging, Architecture, Practical, …).
    pub kind: String,
    pub category: String,
    /// 1-based line of the question heading.
    pub line: usize,
    pub scenario: Option<Block>,
    pub challenge: Option<Block>,
    /// Walkthrough sections and code exercises, in document order.
    pub sections: Vec<Block>,
    /// Each `<JuniorVsSenior>` of the question, in document order.
    pub junior_senior: Vec<JuniorSenior>,
    pub quick_checks: Vec<QuickCheck>,
    pub rubric: Rubric,
}

/// A titled piece of Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Block {
    pub title: String,
    pub markdown: String,
    pub line: usize,
    /// A code exercise (`<SmartCodeRunner>`): the code it starts from. Its
    /// Markdown shows the same code, fenced with its language.
    pub exercise: Option<CodeSample>,
}

/// Code as the guide gives it, with the language of its fence (`tsx`,
/// `bash`…; empty when the guide names none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CodeSample {
    pub language: String,
    pub code: String,
}

impl CodeSample {
    /// The code as a fenced block, with a fence longer than any run of
    /// backticks inside it.
    pub fn fenced(&self) -> String {
        let longest = self.code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        format!("{fence}{}\n{}\n{fence}", self.language, self.code)
    }
}

/// One side of a `<JuniorVsSenior>`: what a junior (or senior) candidate says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// A short name for the approach; may be empty.
    pub title: String,
    /// Markdown.
    pub explanation: String,
    pub code: Option<CodeSample>,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.title.trim().is_empty()
            && self.explanation.trim().is_empty()
            && self.code.as_ref().is_none_or(|c| c.code.trim().is_empty())
    }

    /// The explanation followed by the code, as the stage shows them.
    pub fn markdown(&self) -> String {
        let mut parts = Vec::new();
        if !self.explanation.trim().is_empty() {
            parts.push(self.explanation.trim().to_owned());
        }
        if let Some(code) = self.code.as_ref().filter(|c| !c.code.trim().is_empty()) {
            parts.push(code.fenced());
        }
        parts.join("\n\n")
    }

    /// One paragraph that sums the answer up (anchors a derived rubric level).
    pub fn gist(&self) -> String {
        let first = self.explanation.split("\n\n").next().unwrap_or("").trim();
        if first.is_empty() {
            self.title.trim().to_owned()
        } else {
            first.to_owned()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JuniorSenior {
    pub junior: Answer,
    pub senior: Answer,
    /// The detailed model answer (the component's body); may be empty.
    pub model_answer: String,
    /// Code exercises inside the body, revealed after the model answer.
    pub exercises: Vec<Block>,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QuickCheck {
    pub question: String,
    pub options: Vec<String>,
    /// Zero-based index of the correct option.
    pub correct: usize,
    pub explanation: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Rubric {
    pub dimensions: Vec<RubricDimension>,
    /// No `### Rubric` section: derived from the junior and senior answers.
    pub derived: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RubricDimension {
    pub name: String,
    /// Level `i + 1` is described by `levels[i]`.
    pub levels: Vec<String>,
}

/// The kinds of reveal stage, in the order a live room reveals them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    Scenario,
    Challenge,
    Section,
    /// A `<SmartCodeRunner>`: a titled exercise whose code an answer may start from.
    CodeExercise,
    JuniorAnswer,
    SeniorAnswer,
    ModelAnswer,
    QuickCheck,
    QuickCheckExplanation,
}

impl StageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Scenario => "scenario",
            StageKind::Challenge => "challenge",
            StageKind::Section => "section",
            StageKind::CodeExercise => "code_exercise",
            StageKind::JuniorAnswer => "junior_answer",
            StageKind::SeniorAnswer => "senior_answer",
            StageKind::ModelAnswer => "model_answer",
            StageKind::QuickCheck => "quick_check",
            StageKind::QuickCheckExplanation => "quick_check_explanation",
        }
    }
}

/// One revealable part of a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    pub kind: StageKind,
    pub title: String,
    pub markdown: String,
    /// For quick-check stages: which of the question's quick checks.
    pub quick_check: Option<usize>,
    /// For code exercises: the raw code and its language.
    pub code: Option<CodeSample>,
}

/// A walkthrough section, or a code exercise with its code.
fn section_kind(b: &Block) -> (StageKind, Option<&CodeSample>) {
    match &b.exercise {
        Some(code) => (StageKind::CodeExercise, Some(code)),
        None => (StageKind::Section, None),
    }
}

impl Question {
    /// The reveal order: scenario, challenge, each walkthrough section and
    /// code exercise, then for each answer pair the junior answer, senior
    /// answer, model answer and its code exercises, then each quick check
    /// followed by its explanation.
    pub fn stages(&self) -> Vec<Stage> {
        let mut stages = Vec::new();
        let mut push = |kind, title: String, markdown: &str, quick_check, code: Option<&CodeSample>| {
            stages.push(Stage {
                kind,
                title,
                markdown: markdown.to_owned(),
                quick_check,
                code: code.cloned(),
            });
        };
        if let Some(b) = &self.scenario {
            push(StageKind::Scenario, "The Scenario".into(), &b.markdown, None, None);
        }
        if let Some(b) = &self.challenge {
            push(StageKind::Challenge, "The Challenge".into(), &b.markdown, None, None);
        }
        for s in &self.sections {
            let (kind, code) = section_kind(s);
            push(kind, s.title.clone(), &s.markdown, None, code);
        }
        let pairs = self.junior_senior.len();
        for (i, js) in self.junior_senior.iter().enumerate() {
            let n = if pairs > 1 {
                format!(" {}", i + 1)
            } else {
                String::new()
            };
            for (name, answer, kind) in [
                ("Junior", &js.junior, StageKind::JuniorAnswer),
                ("Senior", &js.senior, StageKind::SeniorAnswer),
            ] {
                let title = match answer.title.trim() {
                    "" => format!("{name} answer{n}"),
                    t => format!("{name} answer{n}: {t}"),
                };
                push(kind, title, &answer.markdown(), None, None);
            }
            if !js.model_answer.trim().is_empty() {
                push(
                    StageKind::ModelAnswer,
                    format!("Model answer{n}"),
                    &js.model_answer,
                    None,
                    None,
                );
            }
            for s in &js.exercises {
                let (kind, code) = section_kind(s);
                push(kind, s.title.clone(), &s.markdown, None, code);
            }
        }
        let many = self.quick_checks.len() > 1;
        for (i, qc) in self.quick_checks.iter().enumerate() {
            let n = if many { format!(" {}", i + 1) } else { String::new() };
            push(
                StageKind::QuickCheck,
                format!("Quick check{n}"),
                &qc.question,
                Some(i),
                None,
            );
            push(
                StageKind::QuickCheckExplanation,
                format!("Quick check{n}: explanation"),
                &qc.explanation,
                Some(i),
                None,
            );
        }
        stages
    }
}
