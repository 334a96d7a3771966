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
    /// Walkthrough sections, in document order.
    pub sections: Vec<Block>,
    pub junior_senior: Option<JuniorSenior>,
    pub quick_checks: Vec<QuickCheck>,
    pub rubric: Rubric,
}

/// A titled piece of Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Block {
    pub title: String,
    pub markdown: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JuniorSenior {
    pub junior: String,
    pub senior: String,
    /// The detailed model answer (the component's body); may be empty.
    pub model_answer: String,
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
}

impl Question {
    /// The reveal order: scenario, challenge, each walkthrough section, junior
    /// answer, senior answer, model answer, then each quick check followed by
    /// its explanation.
    pub fn stages(&self) -> Vec<Stage> {
        let mut stages = Vec::new();
        let mut push = |kind, title: &str, markdown: &str, quick_check| {
            stages.push(Stage {
                kind,
                title: title.to_owned(),
                markdown: markdown.to_owned(),
                quick_check,
            });
        };
        if let Some(b) = &self.scenario {
            push(StageKind::Scenario, "The Scenario", &b.markdown, None);
        }
        if let Some(b) = &self.challenge {
            push(StageKind::Challenge, "The Challenge", &b.markdown, None);
        }
        for s in &self.sections {
            push(StageKind::Section, &s.title, &s.markdown, None);
        }
        if let Some(js) = &self.junior_senior {
            push(StageKind::JuniorAnswer, "Junior answer", &js.junior, None);
            push(StageKind::SeniorAnswer, "Senior answer", &js.senior, None);
            if !js.model_answer.trim().is_empty() {
                push(StageKind::ModelAnswer, "Model answer", &js.model_answer, None);
            }
        }
        let many = self.quick_checks.len() > 1;
        for (i, qc) in self.quick_checks.iter().enumerate() {
            let n = if many { format!(" {}", i + 1) } else { String::new() };
            push(StageKind::QuickCheck, &format!("Quick check{n}"), &qc.question, Some(i));
            push(
                StageKind::QuickCheckExplanation,
                &format!("Quick check{n}: explanation"),
                &qc.explanation,
                Some(i),
            );
        }
        stages
    }
}
