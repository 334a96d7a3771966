//! The candidate's room view, read by `#[derive(FromJson)]`, checked against
//! serde's decoder: every field filled, the optional and defaulted fields left
//! out, broken views, every variant of its enums. The browser shows a view only
//! if it reads; a candidate's room that refused the server's view would not load.

use serde_json::Value;

use crate::content::{Rubric, RubricDimension, StageCode};
use crate::from_json::FromJson;
use crate::room::{
    CandidateQuestion, CandidateQuickCheck, CandidateView, MockProgress, Participant, RoomRole, RoomStage, SessionMode,
    TimerView,
};

use serde_json::json;

fn stage(index: usize, code: Option<StageCode>) -> RoomStage {
    RoomStage {
        index,
        kind: "challenge".into(),
        title: format!("Stage {index}"),
        html: "<p>Find the <code>bug</code> — «quickly»</p>".into(),
        code,
    }
}

/// Every field filled, every `Option` both ways, every enum variant.
fn full_view(mode: SessionMode, finished: bool) -> CandidateView {
    let rubric = Rubric {
        derived: true,
        dimensions: vec![RubricDimension {
            name: "Depth".into(),
            levels: vec!["shallow".into(), "deep".into()],
        }],
    };
    CandidateView {
        mode,
        finished,
        show_answer_key: !finished,
        candidate_name: "Ada \"the\" candidate".into(),
        team_name: "Acme".into(),
        interviewers: vec!["Ivy".into(), "Tomás".into()],
        planned_ms: 5_400_000,
        current_question: 1,
        question_count: 2,
        questions: vec![
            CandidateQuestion {
                index: 0,
                title: None,
                stages: vec![],
                quick_checks: vec![],
                answer: String::new(),
                answer_language: String::new(),
                mock: None,
            },
            CandidateQuestion {
                index: 1,
                title: Some("Pods restart".into()),
                stages: vec![
                    stage(0, None),
                    stage(
                        1,
                        Some(StageCode {
                            language: "rust".into(),
                            code: "fn main() {\n\tprintln!(\"hi\");\n}".into(),
                        }),
                    ),
                ],
                quick_checks: vec![
                    CandidateQuickCheck {
                        check: 0,
                        options: vec!["a".into(), "b".into()],
                        chosen: Some(1),
                        correct: Some(0),
                        right: Some(false),
                        open: false,
                    },
                    CandidateQuickCheck {
                        check: 1,
                        options: vec![],
                        chosen: None,
                        correct: None,
                        right: None,
                        open: true,
                    },
                ],
                answer: "kubectl describe pod\n".into(),
                answer_language: "shell".into(),
                mock: Some(MockProgress {
                    time_limit_ms: 600_000,
                    started_ms: Some(1_700_000_000_000),
                    deadline_ms: Some(1_700_000_600_000),
                    submitted_ms: None,
                    late: true,
                    closed: finished,
                    hidden_stages: 2,
                    rubric: finished.then(|| rubric.clone()),
                    self_scores: vec![(0, 3), (1, 255)],
                }),
            },
        ],
        timer: TimerView {
            question: 1,
            limit_ms: 600_000,
            running: !finished,
            deadline_ms: (!finished).then_some(1_700_000_600_000),
            remaining_ms: -5,
            server_now_ms: 1_700_000_000_123,
        },
        participants: [
            RoomRole::Interviewer,
            RoomRole::Panelist,
            RoomRole::Observer,
            RoomRole::Candidate,
        ]
        .into_iter()
        .map(|role| Participant {
            name: format!("{role:?}"),
            role,
            connected: role != RoomRole::Observer,
        })
        .collect(),
    }
}

#[test]
fn reads_what_serde_writes() {
    for mode in [
        SessionMode::Live,
        SessionMode::Assigned,
        SessionMode::Practice,
        SessionMode::Drill,
    ] {
        for finished in [false, true] {
            let view = full_view(mode, finished);
            let json = serde_json::to_value(&view).expect("serialise");
            assert_eq!(CandidateView::from_json(&json), Some(view.clone()), "{json}");
            // As the socket sends it: tagged with its audience.
            let tagged = serde_json::to_value(crate::room::RoomView::Candidate(view.clone())).expect("tag");
            assert_eq!(CandidateView::from_json(&tagged), Some(view));
        }
    }
}

/// Every variant, in a chain that fails to compile when a variant is added.
fn next_mode(mode: SessionMode) -> Option<SessionMode> {
    match mode {
        SessionMode::Live => Some(SessionMode::Assigned),
        SessionMode::Assigned => Some(SessionMode::Practice),
        SessionMode::Practice => Some(SessionMode::Drill),
        SessionMode::Drill => None,
    }
}

fn next_role(role: RoomRole) -> Option<RoomRole> {
    match role {
        RoomRole::Interviewer => Some(RoomRole::Panelist),
        RoomRole::Panelist => Some(RoomRole::Observer),
        RoomRole::Observer => Some(RoomRole::Candidate),
        RoomRole::Candidate => None,
    }
}

#[test]
fn every_variant_reads_what_serde_writes() {
    let modes = std::iter::successors(Some(SessionMode::Live), |m| next_mode(*m));
    assert_eq!(modes.clone().count(), 4);
    for mode in modes {
        let json = serde_json::to_value(mode).expect("serialise");
        assert_eq!(SessionMode::from_json(&json), Some(mode), "{json}");
    }
    let roles = std::iter::successors(Some(RoomRole::Interviewer), |r| next_role(*r));
    assert_eq!(roles.clone().count(), 4);
    for role in roles {
        let json = serde_json::to_value(role).expect("serialise");
        assert_eq!(RoomRole::from_json(&json), Some(role), "{json}");
    }
}

#[test]
fn missing_fields_read_as_serde_reads_them() {
    let mut json = serde_json::to_value(full_view(SessionMode::Live, false)).expect("serialise");
    let view = json.as_object_mut().expect("object");
    for defaulted in ["team_name", "interviewers", "planned_ms"] {
        view.remove(defaulted);
    }
    let question = &mut view["questions"][1];
    question.as_object_mut().expect("question").remove("answer_language");
    question.as_object_mut().expect("question").remove("mock");
    question["stages"][1].as_object_mut().expect("stage").remove("code");
    let by_serde: CandidateView = serde_json::from_value(json.clone()).expect("serde reads it");
    assert_eq!(CandidateView::from_json(&json), Some(by_serde));

    // A required field missing, or of the wrong type, is refused by both.
    let json = serde_json::to_value(full_view(SessionMode::Practice, true)).expect("serialise");
    for broken in [
        {
            let mut j = json.clone();
            j.as_object_mut().expect("object").remove("timer");
            j
        },
        {
            let mut j = json.clone();
            j["questions"][1]["index"] = json!(-1);
            j
        },
        {
            let mut j = json.clone();
            j["mode"] = json!("Live");
            j
        },
        {
            let mut j = json.clone();
            j["questions"][1]["mock"]["self_scores"] = json!([[0, 256]]);
            j
        },
        {
            let mut j = json.clone();
            j["team_name"] = Value::Null;
            j
        },
        json!([1, 2]),
    ] {
        assert!(
            serde_json::from_value::<CandidateView>(broken.clone()).is_err(),
            "{broken}"
        );
        assert_eq!(CandidateView::from_json(&broken), None, "{broken}");
    }
}
