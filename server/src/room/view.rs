//! What each participant sees. The candidate's view is built from revealed
//! stages only: unrevealed text, quick-check answers and anything about
//! scores or notes never enter it.

use mockroom_api::{
    CandidateQuestion, CandidateQuickCheck, CandidateView, InterviewerQuestion, InterviewerStage, InterviewerView,
    MockProgress, Participant, QuickCheckResult, RoomRole, RoomStage, RubricScore, SessionMode, TimerView,
};
use uuid::Uuid;

use super::content::{QuestionContent, SessionContent};
use super::state::{QuestionState, RoomState, Timer};

/// A mock question's progress for its candidate.
fn mock_progress(content: &SessionContent, c: &QuestionContent, s: &QuestionState, now_ms: i64) -> MockProgress {
    let mode = content.mode;
    let closed = s.started_ms.is_some() && s.closed(now_ms);
    MockProgress {
        time_limit_ms: c.time_limit_ms,
        started_ms: s.started_ms,
        deadline_ms: s.started_ms.and(s.deadline_ms()),
        submitted_ms: s.submitted_ms,
        late: s.late,
        closed,
        hidden_stages: (0..c.stages.len())
            .filter(|i| !s.revealed.contains(i) && content.candidate_may_see(c, *i))
            .count(),
        rubric: (mode == SessionMode::Practice && closed).then(|| (*c.rubric).clone()),
        self_scores: s.self_scores.iter().map(|(d, (level, _))| (*d, *level)).collect(),
    }
}

fn timer(state: &RoomState, content: &SessionContent, now_ms: i64) -> TimerView {
    let q = state.current;
    let limit_ms = content.questions.get(q).map_or(0, |c| c.time_limit_ms);
    let (running, deadline_ms, remaining_ms) = match state.questions.get(q).map(|s| s.timer) {
        Some(Timer::Running { deadline_ms }) => (true, Some(deadline_ms), (deadline_ms - now_ms).max(0)),
        Some(Timer::Stopped { remaining_ms }) => (false, None, remaining_ms),
        None => (false, None, 0),
    };
    TimerView {
        question: q,
        limit_ms,
        running,
        deadline_ms,
        remaining_ms,
        server_now_ms: now_ms,
    }
}

fn participants(state: &RoomState, content: &SessionContent) -> Vec<Participant> {
    let mut out = vec![Participant {
        name: content.candidate_name.clone(),
        role: RoomRole::Candidate,
        connected: state.candidate_connections.any(),
    }];
    out.extend(state.members.values().filter_map(|m| {
        Some(Participant {
            name: m.name.clone(),
            role: m.role?,
            connected: m.connections.any(),
        })
    }));
    out
}

/// Who interviews, as the candidate may know it: the session's interviewer
/// (named even before they join), then the members scoring in the room.
/// Observers stay unnamed here (they are in `participants` while connected).
fn interviewers(state: &RoomState, content: &SessionContent) -> Vec<String> {
    let mut names: Vec<String> = content.interviewer_name.iter().cloned().collect();
    for m in state.members.values() {
        if matches!(m.role, Some(RoomRole::Interviewer | RoomRole::Panelist)) && !names.contains(&m.name) {
            names.push(m.name.clone());
        }
    }
    names
}

pub fn candidate(state: &RoomState, content: &SessionContent, now_ms: i64) -> CandidateView {
    let questions = content
        .questions
        .iter()
        .zip(&state.questions)
        .enumerate()
        .map(|(index, (c, s))| {
            let stages = s
                .revealed
                .iter()
                .filter_map(|&i| {
                    let st = c.stages.get(i).filter(|_| content.candidate_may_see(c, i))?;
                    Some(RoomStage {
                        index: i,
                        kind: st.kind.clone(),
                        title: st.title.clone(),
                        html: st.html.clone(),
                        code: st.code.clone(),
                    })
                })
                .collect();
            let quick_checks = c
                .quick_checks
                .iter()
                .enumerate()
                .filter(|(check, _)| c.check_stage(*check).is_some_and(|i| s.revealed.contains(&i)))
                .map(|(check, qc)| {
                    let chosen = s.quick_checks.get(&check).copied();
                    let explained = c.explanation_stage(check).is_some_and(|i| s.revealed.contains(&i));
                    // Mocks grade at once; a live room waits for the interviewer's explanation.
                    let graded = chosen.is_some() && (explained || content.mode.is_mock());
                    CandidateQuickCheck {
                        check,
                        options: qc.options.clone(),
                        chosen,
                        correct: (graded && content.answer_key_open()).then_some(qc.correct),
                        right: graded.then(|| chosen == Some(qc.correct)),
                        open: chosen.is_none() && !explained,
                    }
                })
                .collect();
            CandidateQuestion {
                index,
                title: (!s.revealed.is_empty()).then(|| c.summary.title.clone()),
                stages,
                quick_checks,
                answer: s.answer.clone(),
                answer_language: s.answer_language.clone(),
                mock: content.mode.is_mock().then(|| mock_progress(content, c, s, now_ms)),
            }
        })
        .collect();
    CandidateView {
        mode: content.mode,
        finished: state.finished,
        show_answer_key: content.answer_key_open(),
        candidate_name: content.candidate_name.clone(),
        team_name: content.team_name.clone(),
        interviewers: interviewers(state, content),
        planned_ms: content.questions.iter().map(|q| q.time_limit_ms).sum(),
        current_question: state.current,
        question_count: content.questions.len(),
        questions,
        timer: timer(state, content, now_ms),
        participants: participants(state, content),
    }
}

pub fn interviewer(
    state: &RoomState,
    content: &SessionContent,
    me: Uuid,
    role: RoomRole,
    now_ms: i64,
) -> InterviewerView {
    let mine = state.members.get(&me);
    let submitted = mine.is_some_and(|m| m.submitted);
    let scoring = matches!(role, RoomRole::Interviewer | RoomRole::Panelist);
    let questions = content
        .questions
        .iter()
        .zip(&state.questions)
        .enumerate()
        .map(|(index, (c, s))| {
            let scores_of = |id: &Uuid| -> Vec<RubricScore> {
                state.members.get(id).map_or_else(Vec::new, |m| {
                    m.scores
                        .iter()
                        .filter(|((q, _), _)| *q == index)
                        .map(|((_, dimension), (level, revealed))| RubricScore {
                            interviewer: m.name.clone(),
                            dimension: *dimension,
                            level: *level,
                            revealed: revealed.clone(),
                        })
                        .collect()
                })
            };
            let other_scores = if submitted && scoring {
                state
                    .members
                    .keys()
                    .filter(|id| **id != me)
                    .flat_map(&scores_of)
                    .collect()
            } else {
                Vec::new()
            };
            InterviewerQuestion {
                index,
                question: c.summary.clone(),
                stages: c
                    .stages
                    .iter()
                    .enumerate()
                    .map(|(i, st)| InterviewerStage {
                        index: i,
                        kind: st.kind.clone(),
                        title: st.title.clone(),
                        html: st.html.clone(),
                        revealed: s.revealed.contains(&i),
                        quick_check: st.quick_check,
                        code: st.code.clone(),
                    })
                    .collect(),
                next_stage: (0..c.stages.len()).find(|i| !s.revealed.contains(i)),
                quick_checks: c
                    .quick_checks
                    .iter()
                    .enumerate()
                    .map(|(check, qc)| QuickCheckResult {
                        check,
                        options: qc.options.clone(),
                        correct: qc.correct,
                        chosen: s.quick_checks.get(&check).copied(),
                    })
                    .collect(),
                answer: s.answer.clone(),
                answer_language: s.answer_language.clone(),
                rubric: (*c.rubric).clone(),
                my_scores: if scoring { scores_of(&me) } else { Vec::new() },
                other_scores,
                my_note: mine.and_then(|m| m.notes.get(&index).cloned()).unwrap_or_default(),
                time_used_ms: s.time_used_ms(now_ms),
                late: s.late,
            }
        })
        .collect();
    InterviewerView {
        mode: content.mode,
        finished: state.finished,
        role,
        candidate_name: content.candidate_name.clone(),
        current_question: state.current,
        questions,
        timer: timer(state, content, now_ms),
        participants: participants(state, content),
        my_recommendation: mine.and_then(|m| m.recommendation),
        submitted,
    }
}
