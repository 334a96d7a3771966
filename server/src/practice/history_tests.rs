//! History and progress figures from known attempts.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use mockroom_api::{QuestionOutcome, SessionMode, SessionSummary};
use uuid::Uuid;

use super::history::{summarize, Attempt};
use crate::room::content::SessionContent;
use crate::room::state::{RoomState, Timer};
use crate::room::tests::content_in;

const MIN: i64 = 60_000;

fn summary(id: u128, day: u32) -> SessionSummary {
    SessionSummary {
        id: Uuid::from_u128(id),
        team_id: Uuid::nil(),
        created_by: None,
        candidate_name: "Cara".into(),
        candidate_email: None,
        created_at: Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).single().expect("date"),
        ended_at: None,
        question_count: 1,
        mode: SessionMode::Practice,
        show_answer_key: true,
    }
}

/// One question (category "Cat", 10-minute limit, one 4-level dimension, one
/// quick check whose correct option is 1), played as described.
fn attempt(id: u128, day: u32, play: impl FnOnce(&mut RoomState)) -> Attempt {
    let content: SessionContent = content_in(SessionMode::Practice);
    let mut state = RoomState::new(&content);
    play(&mut state);
    Attempt {
        summary: summary(id, day),
        content,
        state,
    }
}

fn started(state: &mut RoomState, at: i64) {
    let q = &mut state.questions[0];
    q.started_ms = Some(at);
    q.timer = Timer::Running {
        deadline_ms: at + 10 * MIN,
    };
}

#[test]
fn figures_come_from_the_attempts() {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).single().expect("date");
    let on_time = attempt(1, 2, |s| {
        started(s, 0);
        let q = &mut s.questions[0];
        q.submitted_ms = Some(4 * MIN);
        q.self_scores = BTreeMap::from([(0, (2, vec![]))]);
        q.quick_checks = BTreeMap::from([(0, 0)]);
        s.finished = true;
    });
    let timed_out = attempt(2, 5, |s| {
        started(s, 0);
        let q = &mut s.questions[0];
        q.self_scores = BTreeMap::from([(0, (4, vec![]))]);
        q.quick_checks = BTreeMap::from([(0, 1)]);
    });
    let late = attempt(3, 9, |s| {
        started(s, 0);
        let q = &mut s.questions[0];
        q.submitted_ms = Some(12 * MIN);
        q.late = true;
    });
    let untouched = attempt(4, 12, |_| {});
    let history = summarize(&[on_time, timed_out, late, untouched], now);

    let ids: Vec<u128> = history.attempts.iter().map(|a| a.id.as_u128()).collect();
    assert_eq!(ids, [4, 3, 2, 1], "newest first");
    let by_id = |id: u128| history.attempts.iter().find(|a| a.id.as_u128() == id).expect("attempt");

    let a = by_id(1);
    assert_eq!(a.questions[0].outcome, QuestionOutcome::OnTime);
    assert_eq!(a.time_used_ms, 4 * MIN);
    assert_eq!(a.self_score_pct, Some(50.0));
    assert_eq!((a.quick_checks_answered, a.quick_checks_correct), (1, 0));
    assert!(a.finished);

    let b = by_id(2);
    assert_eq!(b.questions[0].outcome, QuestionOutcome::TimedOut);
    assert_eq!(b.time_used_ms, 10 * MIN, "a timed-out question used its whole limit");
    assert_eq!(b.self_score_pct, Some(100.0));
    assert_eq!((b.quick_checks_answered, b.quick_checks_correct), (1, 1));

    let c = by_id(3);
    assert_eq!(c.questions[0].outcome, QuestionOutcome::Late);
    assert_eq!(c.time_used_ms, 12 * MIN);
    assert_eq!(c.self_score_pct, None);

    let d = by_id(4);
    assert_eq!(d.questions[0].outcome, QuestionOutcome::NotStarted);
    assert_eq!(d.questions[0].time_used_ms, None);

    // Progress: one category, points oldest first, only attempts with a figure.
    assert_eq!(history.progress.len(), 1);
    let cat = &history.progress[0];
    assert_eq!(cat.category, "Cat");
    let points: Vec<(u128, Option<f64>, Option<f64>)> = cat
        .points
        .iter()
        .map(|p| (p.attempt_id.as_u128(), p.self_score_pct, p.quick_check_pct))
        .collect();
    assert_eq!(points, [(1, Some(50.0), Some(0.0)), (2, Some(100.0), Some(100.0))]);
}

#[test]
fn a_running_question_is_in_progress_until_its_deadline() {
    let run = attempt(1, 2, |s| started(s, Utc::now().timestamp_millis()));
    let history = summarize(&[run], Utc::now());
    assert_eq!(history.attempts[0].questions[0].outcome, QuestionOutcome::InProgress);
    assert_eq!(history.attempts[0].questions[0].time_used_ms, None);
}
