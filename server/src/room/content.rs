//! The questions of a session as the room needs them: loaded once per room.

use std::sync::Arc;

use mockroom_api::{QuestionSummary, Rubric, SessionMode};

#[derive(Debug, Clone)]
pub struct StageContent {
    pub kind: String,
    pub title: String,
    pub html: String,
    /// Quick-check stages and their explanations: which quick check.
    pub quick_check: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct QuickCheckContent {
    pub options: Vec<String>,
    pub correct: usize,
}

/// A question in a session. The stage texts are shared (`Arc`) between all
/// rooms that use the same question, so a thousand rooms on one question hold
/// its HTML once.
#[derive(Debug, Clone)]
pub struct QuestionContent {
    pub summary: QuestionSummary,
    pub time_limit_ms: i64,
    pub stages: Arc<Vec<StageContent>>,
    pub quick_checks: Arc<Vec<QuickCheckContent>>,
    pub rubric: Arc<Rubric>,
}

impl QuestionContent {
    /// Index of the explanation stage of quick check `check`.
    pub fn explanation_stage(&self, check: usize) -> Option<usize> {
        self.stages
            .iter()
            .position(|s| s.kind == "quick_check_explanation" && s.quick_check == Some(check))
    }

    pub fn check_stage(&self, check: usize) -> Option<usize> {
        self.stages
            .iter()
            .position(|s| s.kind == "quick_check" && s.quick_check == Some(check))
    }
}

#[derive(Debug, Clone)]
pub struct SessionContent {
    pub mode: SessionMode,
    pub candidate_name: String,
    pub questions: Vec<QuestionContent>,
}
