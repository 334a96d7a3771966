//! A candidate's practice history and progress, computed from their mocks'
//! folded states. Pure: the figures are tested against known attempts.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use mockroom_api::{
    AttemptQuestion, AttemptSummary, CategoryProgress, PracticeHistory, ProgressPoint, QuestionOutcome, SelfScoreLine,
    SessionSummary,
};

use crate::room::content::{QuestionContent, SessionContent};
use crate::room::state::{QuestionState, RoomState};

/// One practice mock as stored: its summary, content and folded state.
pub struct Attempt {
    pub summary: SessionSummary,
    pub content: SessionContent,
    pub state: RoomState,
}

fn outcome(s: &QuestionState, now_ms: i64) -> QuestionOutcome {
    match (s.started_ms, s.submitted_ms) {
        (None, _) => QuestionOutcome::NotStarted,
        (Some(_), Some(_)) if s.late => QuestionOutcome::Late,
        (Some(_), Some(_)) => QuestionOutcome::OnTime,
        (Some(_), None) if s.closed(now_ms) => QuestionOutcome::TimedOut,
        (Some(_), None) => QuestionOutcome::InProgress,
    }
}

/// Mean of level ÷ top level over the scored dimensions, as a percentage.
fn self_score_pct(lines: &[SelfScoreLine]) -> Option<f64> {
    let parts: Vec<f64> = lines
        .iter()
        .filter(|l| l.top > 0)
        .map(|l| f64::from(l.level) / f64::from(l.top))
        .collect();
    (!parts.is_empty()).then(|| 100.0 * parts.iter().sum::<f64>() / parts.len() as f64)
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn question(c: &QuestionContent, s: &QuestionState, now_ms: i64) -> AttemptQuestion {
    let self_scores: Vec<SelfScoreLine> = s
        .self_scores
        .iter()
        .filter_map(|(d, (level, _))| {
            let dim = c.rubric.dimensions.get(*d)?;
            Some(SelfScoreLine {
                dimension: dim.name.clone(),
                level: *level,
                top: u8::try_from(dim.levels.len()).unwrap_or(u8::MAX),
            })
        })
        .collect();
    let correct = s
        .quick_checks
        .iter()
        .filter(|(check, option)| c.quick_checks.get(**check).is_some_and(|qc| qc.correct == **option))
        .count();
    AttemptQuestion {
        question_id: c.summary.id,
        title: c.summary.title.clone(),
        pack_title: c.summary.pack_title.clone(),
        kind: c.summary.kind.clone(),
        category: c.summary.category.clone(),
        time_limit_secs: c.time_limit_ms / 1000,
        time_used_ms: s.time_used_ms(now_ms),
        outcome: outcome(s, now_ms),
        answer: s.answer.clone(),
        self_score_pct: self_score_pct(&self_scores),
        self_scores,
        quick_checks_answered: u32::try_from(s.quick_checks.len()).unwrap_or(u32::MAX),
        quick_checks_correct: u32::try_from(correct).unwrap_or(u32::MAX),
    }
}

fn attempt(a: &Attempt, now_ms: i64) -> AttemptSummary {
    let questions: Vec<AttemptQuestion> = a
        .content
        .questions
        .iter()
        .zip(&a.state.questions)
        .map(|(c, s)| question(c, s, now_ms))
        .collect();
    AttemptSummary {
        id: a.summary.id,
        started_at: a.summary.created_at,
        finished: a.state.finished,
        time_used_ms: questions.iter().filter_map(|q| q.time_used_ms).sum(),
        self_score_pct: mean(questions.iter().filter_map(|q| q.self_score_pct)),
        quick_checks_answered: questions.iter().map(|q| q.quick_checks_answered).sum(),
        quick_checks_correct: questions.iter().map(|q| q.quick_checks_correct).sum(),
        questions,
    }
}

/// Per category, one point per attempt that has a figure for it: the mean
/// self-score of its questions in that category, and the share of their
/// quick checks answered correctly.
fn progress(attempts: &[AttemptSummary]) -> Vec<CategoryProgress> {
    let mut by_category: BTreeMap<String, Vec<ProgressPoint>> = BTreeMap::new();
    let mut oldest_first: Vec<&AttemptSummary> = attempts.iter().collect();
    oldest_first.sort_by_key(|a| a.started_at);
    for a in oldest_first {
        let mut categories: BTreeMap<&str, Vec<&AttemptQuestion>> = BTreeMap::new();
        for q in &a.questions {
            categories.entry(q.category.as_str()).or_default().push(q);
        }
        for (category, qs) in categories {
            let answered: u32 = qs.iter().map(|q| q.quick_checks_answered).sum();
            let correct: u32 = qs.iter().map(|q| q.quick_checks_correct).sum();
            let point = ProgressPoint {
                attempt_id: a.id,
                at: a.started_at,
                self_score_pct: mean(qs.iter().filter_map(|q| q.self_score_pct)),
                quick_check_pct: (answered > 0).then(|| 100.0 * f64::from(correct) / f64::from(answered)),
            };
            if point.self_score_pct.is_some() || point.quick_check_pct.is_some() {
                by_category.entry(category.to_owned()).or_default().push(point);
            }
        }
    }
    by_category
        .into_iter()
        .map(|(category, points)| CategoryProgress { category, points })
        .collect()
}

/// The whole history, newest attempt first.
pub fn summarize(attempts: &[Attempt], now: DateTime<Utc>) -> PracticeHistory {
    let now_ms = now.timestamp_millis();
    let mut summaries: Vec<AttemptSummary> = attempts.iter().map(|a| attempt(a, now_ms)).collect();
    summaries.sort_by_key(|a| std::cmp::Reverse(a.started_at));
    PracticeHistory {
        progress: progress(&summaries),
        attempts: summaries,
    }
}
