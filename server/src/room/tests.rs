//! The room's rules and, above all, what a candidate's view may contain.

use mockroom_api::{ClientMessage, QuestionSummary, Recommendation, RoomRole, Rubric, RubricDimension, SessionMode};
use std::sync::Arc;

use uuid::Uuid;

use super::content::{QuestionContent, QuickCheckContent, SessionContent, StageContent};
use super::event::{Actor, RoomEvent};
use super::state::{RoomState, Timer};
use super::view;

const KINDS: [&str; 7] = [
    "scenario",
    "challenge",
    "section",
    "junior_answer",
    "senior_answer",
    "quick_check",
    "quick_check_explanation",
];

fn content() -> SessionContent {
    content_in(SessionMode::Live)
}

pub(crate) fn content_in(mode: SessionMode) -> SessionContent {
    let stages = KINDS
        .iter()
        .enumerate()
        .map(|(i, kind)| StageContent {
            kind: (*kind).into(),
            title: format!("title {i}"),
            html: format!("<p>SECRET-{}</p>", kind.to_uppercase()),
            quick_check: (i >= 5).then_some(0),
            code: None,
        })
        .collect::<Vec<_>>();
    SessionContent {
        mode,
        // The rules of a closed answer key have tests of their own (`answer_key_tests`).
        show_answer_key: true,
        practice_owner: None,
        candidate_name: "Cara".into(),
        team_name: "Acme".into(),
        interviewer_name: Some("Ivy".into()),
        questions: vec![QuestionContent {
            summary: QuestionSummary {
                id: Uuid::nil(),
                pack_id: Uuid::nil(),
                pack_title: "Pack".into(),
                version_id: Uuid::nil(),
                number: 1,
                title: "QUESTION-TITLE".into(),
                kind: "Debugging".into(),
                category: "Cat".into(),
            },
            time_limit_ms: 600_000,
            stages: Arc::new(stages),
            quick_checks: Arc::new(vec![QuickCheckContent {
                options: vec!["opt a".into(), "opt b".into()],
                correct: 1,
            }]),
            rubric: Arc::new(Rubric {
                derived: false,
                dimensions: vec![RubricDimension {
                    name: "Diagnosis".into(),
                    levels: vec!["1".into(), "2".into(), "3".into(), "4".into()],
                }],
            }),
        }],
    }
}

pub(crate) fn interviewer() -> Actor {
    Actor::Member {
        user_id: Uuid::from_u128(1),
        name: "Ivy".into(),
        role: RoomRole::Interviewer,
    }
}

fn panelist() -> Actor {
    Actor::Member {
        user_id: Uuid::from_u128(2),
        name: "Pat".into(),
        role: RoomRole::Panelist,
    }
}

pub(crate) fn candidate() -> Actor {
    Actor::Candidate { name: "Cara".into() }
}

/// Decides and applies, as the live room does.
pub(crate) fn act(
    state: &mut RoomState,
    content: &SessionContent,
    actor: &Actor,
    msg: ClientMessage,
    now: i64,
) -> Option<RoomEvent> {
    let event = state.decide(content, actor, &msg, now).expect("allowed");
    if let Some(e) = &event {
        let seq = state.seq + 1;
        state.apply(seq, actor, e);
    }
    event
}

fn candidate_json(state: &RoomState, content: &SessionContent) -> String {
    serde_json::to_string(&view::candidate(state, content, 0)).expect("json")
}

#[test]
fn the_candidate_sees_exactly_the_revealed_stages() {
    let c = content();
    let mut s = RoomState::new(&c);
    let json = candidate_json(&s, &c);
    assert!(!json.contains("SECRET") && !json.contains("QUESTION-TITLE"), "{json}");

    for (revealed, kind) in KINDS.iter().enumerate().take(5) {
        act(&mut s, &c, &interviewer(), ClientMessage::RevealNext, 0);
        let json = candidate_json(&s, &c);
        assert!(json.contains("QUESTION-TITLE"));
        for (i, k) in KINDS.iter().enumerate() {
            let marker = format!("SECRET-{}", k.to_uppercase());
            assert_eq!(
                json.contains(&marker),
                i <= revealed,
                "after revealing {kind}: {marker} in {json}"
            );
        }
    }
    // Hiding takes it out again.
    act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::Hide { question: 0, stage: 1 },
        0,
    );
    assert!(!candidate_json(&s, &c).contains("SECRET-CHALLENGE"));
}

#[test]
fn a_quick_check_answer_stays_hidden_until_answered_and_explained() {
    let c = content();
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::Reveal { question: 0, stage: 5 },
        0,
    );
    let v = view::candidate(&s, &c, 0);
    let qc = &v.questions[0].quick_checks[0];
    assert_eq!((qc.chosen, qc.correct, qc.open), (None, None, true));
    assert!(!candidate_json(&s, &c).contains("SECRET-QUICK_CHECK_EXPLANATION"));

    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::QuickCheck {
            question: 0,
            check: 0,
            option: 0,
        },
        0,
    );
    let qc = view::candidate(&s, &c, 0).questions[0].quick_checks[0].clone();
    assert_eq!(
        (qc.chosen, qc.correct, qc.open),
        (Some(0), None, false),
        "answered but not explained"
    );
    let again = s.decide(
        &c,
        &candidate(),
        &ClientMessage::QuickCheck {
            question: 0,
            check: 0,
            option: 1,
        },
        0,
    );
    assert_eq!(again.expect_err("locked").code, "locked");

    act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::Reveal { question: 0, stage: 6 },
        0,
    );
    let qc = view::candidate(&s, &c, 0).questions[0].quick_checks[0].clone();
    assert_eq!(qc.correct, Some(1));
}

#[test]
fn an_explanation_revealed_first_closes_the_quick_check() {
    let c = content();
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::Reveal { question: 0, stage: 6 },
        0,
    );
    let hidden = s.decide(
        &c,
        &candidate(),
        &ClientMessage::QuickCheck {
            question: 0,
            check: 0,
            option: 1,
        },
        0,
    );
    assert_eq!(
        hidden.expect_err("not shown").code,
        "bad_check",
        "an unrevealed quick check does not exist for the candidate"
    );
    act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::Reveal { question: 0, stage: 5 },
        0,
    );
    let closed = s.decide(
        &c,
        &candidate(),
        &ClientMessage::QuickCheck {
            question: 0,
            check: 0,
            option: 1,
        },
        0,
    );
    assert_eq!(closed.expect_err("closed").code, "locked");
    let v = view::candidate(&s, &c, 0);
    assert_eq!(
        v.questions[0].quick_checks[0].correct, None,
        "not answered: no correct index"
    );
}

#[test]
fn roles_limit_what_each_participant_may_do() {
    let c = content();
    let s = RoomState::new(&c);
    let observer = Actor::Member {
        user_id: Uuid::from_u128(3),
        name: "Obi".into(),
        role: RoomRole::Observer,
    };
    let cases: Vec<(Actor, ClientMessage)> = vec![
        (candidate(), ClientMessage::RevealNext),
        (
            candidate(),
            ClientMessage::Score {
                question: 0,
                dimension: 0,
                level: 3,
            },
        ),
        (
            candidate(),
            ClientMessage::Note {
                question: 0,
                text: "x".into(),
            },
        ),
        (candidate(), ClientMessage::TimerStart),
        (candidate(), ClientMessage::GoTo { question: 0 }),
        (panelist(), ClientMessage::RevealNext),
        (panelist(), ClientMessage::TimerPause),
        (
            panelist(),
            ClientMessage::Answer {
                question: 0,
                text: "x".into(),
            },
        ),
        (
            observer.clone(),
            ClientMessage::Score {
                question: 0,
                dimension: 0,
                level: 3,
            },
        ),
        (
            observer,
            ClientMessage::Recommend {
                value: Recommendation::Yes,
            },
        ),
        (
            interviewer(),
            ClientMessage::Answer {
                question: 0,
                text: "x".into(),
            },
        ),
    ];
    for (actor, msg) in cases {
        let refusal = s.decide(&c, &actor, &msg, 0).expect_err("refused");
        assert_eq!(refusal.code, "forbidden", "{actor:?} {msg:?}");
    }
    let bad_level = s.decide(
        &c,
        &panelist(),
        &ClientMessage::Score {
            question: 0,
            dimension: 0,
            level: 5,
        },
        0,
    );
    assert_eq!(bad_level.expect_err("bad level").code, "bad_level");
}

#[test]
fn scores_stay_hidden_from_other_interviewers_until_they_submit() {
    let c = content();
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::Reveal { question: 0, stage: 0 },
        0,
    );
    act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::Score {
            question: 0,
            dimension: 0,
            level: 3,
        },
        0,
    );
    act(
        &mut s,
        &c,
        &panelist(),
        ClientMessage::Score {
            question: 0,
            dimension: 0,
            level: 2,
        },
        0,
    );
    let ivy = Uuid::from_u128(1);
    let pat = Uuid::from_u128(2);
    let v = view::interviewer(&s, &c, pat, RoomRole::Panelist, 0);
    assert_eq!(v.questions[0].my_scores[0].level, 2);
    assert!(v.questions[0].other_scores.is_empty(), "Pat has not submitted");
    act(&mut s, &c, &panelist(), ClientMessage::Submit, 0);
    let v = view::interviewer(&s, &c, pat, RoomRole::Panelist, 0);
    assert_eq!(v.questions[0].other_scores[0].level, 3);
    assert_eq!(
        v.questions[0].other_scores[0].revealed,
        vec![0],
        "the score records what was revealed"
    );
    let v = view::interviewer(&s, &c, ivy, RoomRole::Interviewer, 0);
    assert!(v.questions[0].other_scores.is_empty(), "Ivy has not submitted");
    // Nothing of it reaches the candidate.
    let json = candidate_json(&s, &c);
    assert!(!json.contains("level") && !json.contains("Diagnosis"), "{json}");
}

#[test]
fn the_timer_counts_on_the_server() {
    let c = content();
    let mut s = RoomState::new(&c);
    act(&mut s, &c, &interviewer(), ClientMessage::TimerStart, 1_000);
    assert_eq!(s.questions[0].timer, Timer::Running { deadline_ms: 601_000 });
    assert!(
        act(&mut s, &c, &interviewer(), ClientMessage::TimerStart, 2_000).is_none(),
        "a second start changes nothing"
    );
    act(&mut s, &c, &interviewer(), ClientMessage::TimerPause, 11_000);
    assert_eq!(s.questions[0].timer, Timer::Stopped { remaining_ms: 590_000 });
    act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::TimerExtend { seconds: 60 },
        20_000,
    );
    assert_eq!(s.questions[0].timer, Timer::Stopped { remaining_ms: 650_000 });
    act(&mut s, &c, &interviewer(), ClientMessage::TimerResume, 30_000);
    assert_eq!(s.questions[0].timer, Timer::Running { deadline_ms: 680_000 });
    let t = view::candidate(&s, &c, 80_000).timer;
    assert_eq!(
        (t.running, t.deadline_ms, t.remaining_ms, t.server_now_ms),
        (true, Some(680_000), 600_000, 80_000)
    );
    // Extending after the deadline passed counts from now.
    act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::TimerExtend { seconds: 30 },
        700_000,
    );
    assert_eq!(s.questions[0].timer, Timer::Running { deadline_ms: 730_000 });
}

#[test]
fn replaying_the_log_rebuilds_the_same_state() {
    let c = content();
    let mut live = RoomState::new(&c);
    let mut log = Vec::new();
    let script = vec![
        (interviewer(), ClientMessage::TimerStart),
        (interviewer(), ClientMessage::RevealNext),
        (
            candidate(),
            ClientMessage::Answer {
                question: 0,
                text: "draft".into(),
            },
        ),
        (interviewer(), ClientMessage::Reveal { question: 0, stage: 5 }),
        (
            candidate(),
            ClientMessage::QuickCheck {
                question: 0,
                check: 0,
                option: 1,
            },
        ),
        (
            panelist(),
            ClientMessage::Note {
                question: 0,
                text: "solid".into(),
            },
        ),
        (interviewer(), ClientMessage::TimerPause),
    ];
    for (i, (actor, msg)) in script.into_iter().enumerate() {
        if let Some(e) = act(&mut live, &c, &actor, msg, i as i64 * 1000) {
            log.push((actor, e));
        }
    }
    let mut replayed = RoomState::new(&c);
    for (seq, (actor, e)) in log.iter().enumerate() {
        replayed.apply(seq as i64 + 1, actor, e);
    }
    assert_eq!(view::candidate(&live, &c, 5), view::candidate(&replayed, &c, 5));
    let pat = Uuid::from_u128(2);
    assert_eq!(
        view::interviewer(&live, &c, pat, RoomRole::Panelist, 5),
        view::interviewer(&replayed, &c, pat, RoomRole::Panelist, 5)
    );
    assert_eq!(replayed.seq, log.len() as i64);
}

#[test]
fn the_interviewer_ends_the_interview_and_the_candidates_work_is_final() {
    let c = content();
    let mut s = RoomState::new(&c);
    let refused = s.decide(&c, &panelist(), &ClientMessage::Finish, 0);
    assert_eq!(refused.map_err(|r| r.code), Err("forbidden"));
    act(&mut s, &c, &interviewer(), ClientMessage::Finish, 5);
    assert!(s.finished);
    assert_eq!(act(&mut s, &c, &interviewer(), ClientMessage::Finish, 6), None);
    let late = ClientMessage::Answer {
        question: 0,
        text: "one more thing".into(),
    };
    assert_eq!(
        s.decide(&c, &candidate(), &late, 7).map_err(|r| r.code),
        Err("finished")
    );
    // Scoring goes on after the interview.
    let score = ClientMessage::Score {
        question: 0,
        dimension: 0,
        level: 2,
    };
    assert!(s.decide(&c, &panelist(), &score, 8).is_ok());
    assert!(view::candidate(&s, &c, 9).finished);
}

#[test]
fn ending_the_interview_stops_the_timer_in_every_view() {
    let c = content();
    let mut s = RoomState::new(&c);
    act(&mut s, &c, &interviewer(), ClientMessage::TimerStart, 1_000);
    act(&mut s, &c, &interviewer(), ClientMessage::Finish, 61_000);
    // Long after the end, the clock shows the time that was left when it ended.
    let later = 3_600_000;
    let candidate_timer = view::candidate(&s, &c, later).timer;
    let interviewer_timer = view::interviewer(&s, &c, Uuid::from_u128(1), RoomRole::Interviewer, later).timer;
    for timer in [candidate_timer, interviewer_timer] {
        assert!(!timer.running, "{timer:?}");
        assert_eq!(timer.deadline_ms, None);
        assert_eq!(timer.remaining_ms, 600_000 - 60_000);
    }
    // Nothing restarts it.
    for msg in [
        ClientMessage::TimerStart,
        ClientMessage::TimerResume,
        ClientMessage::TimerExtend { seconds: 60 },
    ] {
        assert_eq!(
            s.decide(&c, &interviewer(), &msg, later).map_err(|r| r.code),
            Err("finished"),
            "{msg:?}"
        );
    }
    // The candidate's actions are refused with a reason, not dropped.
    let quick = ClientMessage::QuickCheck {
        question: 0,
        check: 0,
        option: 0,
    };
    assert_eq!(
        s.decide(&c, &candidate(), &quick, later).map_err(|r| r.code),
        Err("finished")
    );
}

#[test]
fn the_welcome_screen_names_the_team_and_interviewers_and_nothing_else() {
    let c = content();
    let mut s = RoomState::new(&c);
    let v = view::candidate(&s, &c, 0);
    // Before anyone joins: the session's interviewer, the team, the planned time.
    assert_eq!(
        (v.team_name.as_str(), v.interviewers.clone()),
        ("Acme", vec!["Ivy".to_owned()])
    );
    assert_eq!(v.planned_ms, 600_000);
    let observer = Actor::Member {
        user_id: Uuid::from_u128(3),
        name: "Olly Observer".into(),
        role: RoomRole::Observer,
    };
    for who in [interviewer(), panelist(), observer] {
        let seq = s.seq + 1;
        s.apply(seq, &who, &RoomEvent::Joined { instance: None });
    }
    // A panelist who joins is named once; observers are not interviewers.
    let v = view::candidate(&s, &c, 0);
    assert_eq!(v.interviewers, vec!["Ivy".to_owned(), "Pat".to_owned()]);
    let json = candidate_json(&s, &c);
    assert!(!json.contains("SECRET") && !json.contains("QUESTION-TITLE"), "{json}");
}

#[test]
fn the_answer_language_is_the_candidates_to_pick_and_both_sides_see_it() {
    let c = content();
    let mut s = RoomState::new(&c);
    let pick = |language: &str| ClientMessage::AnswerLanguage {
        question: 0,
        language: language.into(),
    };
    // Only the candidate picks, and only a language the editors know.
    let refused = s.decide(&c, &interviewer(), &pick("rust"), 0).expect_err("refused");
    assert_eq!(refused.code, "forbidden");
    let refused = s
        .decide(&c, &candidate(), &pick("cobol<script>"), 0)
        .expect_err("refused");
    assert_eq!(refused.code, "bad_language");

    act(&mut s, &c, &candidate(), pick("rust"), 0).expect("an event");
    assert_eq!(view::candidate(&s, &c, 0).questions[0].answer_language, "rust");
    let ivy = view::interviewer(&s, &c, Uuid::from_u128(1), RoomRole::Interviewer, 0);
    assert_eq!(ivy.questions[0].answer_language, "rust");
    // Picking it again writes nothing.
    assert!(act(&mut s, &c, &candidate(), pick("rust"), 0).is_none());
}
