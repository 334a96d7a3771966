//! An interviewer's room view read by hand from JSON, for the console and the
//! replay page.
//!
//! The console keeps the view its socket sends as a `serde_json::Value` (as
//! the candidate's room does, see `candidate_json`), and the replay page reads
//! the same type over HTTP. serde's derived decoders of it were among the
//! largest of the console's area, twice over: once from a value (the socket)
//! and once from text (the replay), each with a `Vec` visitor per list type.
//! One reader of the value serves both.
//!
//! The rules are serde's (see `from_json`). The tests check it against serde
//! on a view with every field filled, with the defaulted and optional fields
//! left out, and on broken views. A field added to one of these types fails
//! to compile here until it is read.

use serde_json::Value;

use crate::content::QuestionSummary;
pub use crate::from_json::FromJson;
use crate::from_json::{field, field_or_default, object};
use crate::room::{InterviewerQuestion, InterviewerStage, InterviewerView, QuickCheckResult, RubricScore};

impl FromJson for InterviewerView {
    fn from_json(value: &Value) -> Option<Self> {
        let v = object(value)?;
        Some(InterviewerView {
            mode: field(v, "mode")?,
            finished: field(v, "finished")?,
            role: field(v, "role")?,
            candidate_name: field(v, "candidate_name")?,
            current_question: field(v, "current_question")?,
            questions: field(v, "questions")?,
            timer: field(v, "timer")?,
            participants: field(v, "participants")?,
            my_recommendation: field(v, "my_recommendation")?,
            submitted: field(v, "submitted")?,
        })
    }
}

impl FromJson for InterviewerQuestion {
    fn from_json(value: &Value) -> Option<Self> {
        let v = object(value)?;
        Some(InterviewerQuestion {
            index: field(v, "index")?,
            question: field(v, "question")?,
            stages: field(v, "stages")?,
            next_stage: field(v, "next_stage")?,
            quick_checks: field(v, "quick_checks")?,
            answer: field(v, "answer")?,
            answer_language: field_or_default(v, "answer_language")?,
            rubric: field(v, "rubric")?,
            my_scores: field(v, "my_scores")?,
            other_scores: field(v, "other_scores")?,
            my_note: field(v, "my_note")?,
            time_used_ms: field(v, "time_used_ms")?,
            late: field(v, "late")?,
        })
    }
}

impl FromJson for QuestionSummary {
    fn from_json(value: &Value) -> Option<Self> {
        let v = object(value)?;
        Some(QuestionSummary {
            id: field(v, "id")?,
            pack_id: field(v, "pack_id")?,
            pack_title: field(v, "pack_title")?,
            version_id: field(v, "version_id")?,
            number: field(v, "number")?,
            title: field(v, "title")?,
            kind: field(v, "kind")?,
            category: field(v, "category")?,
        })
    }
}

impl FromJson for InterviewerStage {
    fn from_json(value: &Value) -> Option<Self> {
        let v = object(value)?;
        Some(InterviewerStage {
            index: field(v, "index")?,
            kind: field(v, "kind")?,
            title: field(v, "title")?,
            html: field(v, "html")?,
            revealed: field(v, "revealed")?,
            quick_check: field(v, "quick_check")?,
            code: field(v, "code")?,
        })
    }
}

impl FromJson for QuickCheckResult {
    fn from_json(value: &Value) -> Option<Self> {
        let v = object(value)?;
        Some(QuickCheckResult {
            check: field(v, "check")?,
            options: field(v, "options")?,
            correct: field(v, "correct")?,
            chosen: field(v, "chosen")?,
        })
    }
}

impl FromJson for RubricScore {
    fn from_json(value: &Value) -> Option<Self> {
        let v = object(value)?;
        Some(RubricScore {
            interviewer: field(v, "interviewer")?,
            dimension: field(v, "dimension")?,
            level: field(v, "level")?,
            revealed: field(v, "revealed")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use uuid::Uuid;

    use super::*;
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
}
