//! The interviewer's room view (the console's socket, the replay page), read by
//! `#[derive(FromJson)]`, checked against serde's decoder: every field filled,
//! the optional and defaulted fields left out, and broken views.

use serde_json::Value;

use crate::content::QuestionSummary;
use crate::from_json::FromJson;
use crate::room::{InterviewerQuestion, InterviewerStage, InterviewerView, QuickCheckResult, RubricScore};

use serde_json::json;
use uuid::Uuid;

use crate::content::{Rubric, RubricDimension, StageCode};
use crate::room::{Participant, Recommendation, RoomRole, RoomView, SessionMode, TimerView};

fn stage(index: usize, revealed: bool, code: Option<StageCode>) -> InterviewerStage {
    InterviewerStage {
        index,
        kind: "walkthrough".into(),
        title: format!("Step {index}"),
        html: "<pre><code class=\"hl\">let x = «1»;</code></pre>".into(),
        revealed,
        quick_check: revealed.then_some(index),
        code,
    }
}

fn score(interviewer: &str, dimension: usize, level: u8) -> RubricScore {
    RubricScore {
        interviewer: interviewer.into(),
        dimension,
        level,
        revealed: vec![0, dimension],
    }
}

/// Every field filled, every `Option` both ways.
fn full_view(mode: SessionMode, role: RoomRole, recommendation: Option<Recommendation>) -> InterviewerView {
    let question = |index: usize| InterviewerQuestion {
        index,
        question: QuestionSummary {
            id: Uuid::from_u128(index as u128 + 1),
            pack_id: Uuid::from_u128(0xabc),
            pack_title: "Kubernetes — «ops»".into(),
            version_id: Uuid::from_u128(0xdef),
            number: -3,
            title: format!("Question {index}"),
            kind: "Debugging".into(),
            category: "Networking".into(),
        },
        stages: if index == 0 {
            vec![]
        } else {
            vec![
                stage(0, true, None),
                stage(
                    1,
                    false,
                    Some(StageCode {
                        language: "python".into(),
                        code: "def f():\n\treturn \"x\"\n".into(),
                    }),
                ),
            ]
        },
        next_stage: (index == 1).then_some(1),
        quick_checks: vec![QuickCheckResult {
            check: 0,
            options: vec!["a".into(), "b".into()],
            correct: 1,
            chosen: (index == 1).then_some(0),
        }],
        answer: "kubectl get pods\n".into(),
        answer_language: if index == 1 { "shell".into() } else { String::new() },
        rubric: Rubric {
            derived: index == 0,
            dimensions: vec![RubricDimension {
                name: "Depth".into(),
                levels: vec!["shallow".into(), "deep".into()],
            }],
        },
        my_scores: vec![score("Ivy", 0, 4)],
        other_scores: if index == 1 {
            vec![score("Tomás", 0, 255)]
        } else {
            vec![]
        },
        my_note: "asked about probes".into(),
        time_used_ms: (index == 1).then_some(61_000),
        late: index == 1,
    };
    InterviewerView {
        mode,
        finished: recommendation.is_some(),
        role,
        candidate_name: "Ada \"the\" candidate".into(),
        current_question: 1,
        questions: vec![question(0), question(1)],
        timer: TimerView {
            question: 1,
            limit_ms: 600_000,
            running: true,
            deadline_ms: Some(1_700_000_600_000),
            remaining_ms: -5,
            server_now_ms: 1_700_000_000_123,
        },
        participants: vec![Participant {
            name: "Ivy".into(),
            role: RoomRole::Interviewer,
            connected: true,
        }],
        my_recommendation: recommendation,
        submitted: recommendation.is_some(),
    }
}

fn views() -> Vec<InterviewerView> {
    let recommendations = [
        None,
        Some(Recommendation::StrongNo),
        Some(Recommendation::No),
        Some(Recommendation::Yes),
        Some(Recommendation::StrongYes),
    ];
    let roles = [RoomRole::Interviewer, RoomRole::Panelist, RoomRole::Observer];
    recommendations
        .into_iter()
        .zip(roles.into_iter().cycle())
        .zip([SessionMode::Live, SessionMode::Drill].into_iter().cycle())
        .map(|((recommendation, role), mode)| full_view(mode, role, recommendation))
        .collect()
}

#[test]
fn reads_what_serde_writes() {
    for view in views() {
        let json = serde_json::to_value(&view).expect("serialise");
        assert_eq!(InterviewerView::from_json(&json), Some(view.clone()), "{json}");
        // As the socket sends it: tagged with its audience.
        let tagged = serde_json::to_value(RoomView::Interviewer(view.clone())).expect("tag");
        assert_eq!(InterviewerView::from_json(&tagged), Some(view));
    }
}

#[test]
fn missing_fields_read_as_serde_reads_them() {
    let mut json = serde_json::to_value(full_view(SessionMode::Live, RoomRole::Panelist, None)).expect("serialise");
    let question = json["questions"][1].as_object_mut().expect("question");
    question.remove("answer_language");
    question.remove("time_used_ms");
    json["questions"][1]["stages"][1]
        .as_object_mut()
        .expect("stage")
        .remove("code");
    json.as_object_mut().expect("view").remove("my_recommendation");
    let by_serde: InterviewerView = serde_json::from_value(json.clone()).expect("serde reads it");
    assert_eq!(by_serde.questions[1].answer_language, "");
    assert_eq!(InterviewerView::from_json(&json), Some(by_serde));
}

#[test]
fn refuses_what_serde_refuses() {
    let json = serde_json::to_value(full_view(
        SessionMode::Live,
        RoomRole::Interviewer,
        Some(Recommendation::Yes),
    ))
    .expect("serialise");
    let broken = |change: &dyn Fn(&mut Value)| {
        let mut j = json.clone();
        change(&mut j);
        j
    };
    for broken in [
        broken(&|j| {
            j.as_object_mut().expect("view").remove("timer");
        }),
        broken(&|j| j["role"] = json!("Interviewer")),
        broken(&|j| j["my_recommendation"] = json!("maybe")),
        broken(&|j| j["questions"][1]["question"]["id"] = json!("not-a-uuid")),
        broken(&|j| j["questions"][1]["question"]["number"] = json!(1.5)),
        broken(&|j| j["questions"][1]["quick_checks"][0]["correct"] = Value::Null),
        broken(&|j| j["questions"][1]["my_scores"][0]["level"] = json!(256)),
        broken(&|j| j["questions"][1]["stages"][0]["revealed"] = json!("yes")),
        broken(&|j| j["questions"][1]["answer_language"] = Value::Null),
        broken(&|j| j["questions"][0]["next_stage"] = json!(-1)),
        json!("view"),
    ] {
        assert!(
            serde_json::from_value::<InterviewerView>(broken.clone()).is_err(),
            "{broken}"
        );
        assert_eq!(InterviewerView::from_json(&broken), None, "{broken}");
    }
}
