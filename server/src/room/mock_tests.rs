//! The rules of timed mocks: deadlines fixed by the server, nothing past the
//! challenge before the answer is in, late answers kept and flagged.

use mockroom_api::{ClientMessage, QuestionOutcome, SessionMode};

use super::event::RoomEvent;
use super::state::RoomState;
use super::tests::{act, candidate, content_in, interviewer};
use super::view;

const LIMIT: i64 = 600_000;

fn candidate_json(state: &RoomState, content: &super::content::SessionContent, now: i64) -> String {
    serde_json::to_string(&view::candidate(state, content, now)).expect("json")
}

#[test]
fn starting_shows_scenario_and_challenge_only_and_fixes_the_deadline() {
    let c = content_in(SessionMode::Assigned);
    let mut s = RoomState::new(&c);
    assert!(!candidate_json(&s, &c, 0).contains("SECRET"));
    let started = act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        1_000,
    );
    assert_eq!(
        started,
        Some(RoomEvent::QuestionStarted {
            question: 0,
            started_ms: 1_000,
            deadline_ms: 1_000 + LIMIT,
            revealed: vec![0, 1],
        })
    );
    let json = candidate_json(&s, &c, 2_000);
    assert!(
        json.contains("SECRET-SCENARIO") && json.contains("SECRET-CHALLENGE"),
        "{json}"
    );
    for hidden in ["SECTION", "JUNIOR_ANSWER", "SENIOR_ANSWER", "QUICK_CHECK", "opt a"] {
        assert!(!json.contains(hidden), "{hidden} leaked: {json}");
    }
    // A reload or a second tab asking again changes nothing.
    assert_eq!(
        act(
            &mut s,
            &c,
            &candidate(),
            ClientMessage::StartQuestion { question: 0 },
            500_000
        ),
        None
    );
    assert_eq!(s.questions[0].deadline_ms(), Some(1_000 + LIMIT));
}

#[test]
fn nothing_more_is_revealed_before_the_answer_is_in() {
    let c = content_in(SessionMode::Assigned);
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        0,
    );
    let refused = s.decide(&c, &candidate(), &ClientMessage::RevealNext, 1_000);
    assert_eq!(refused.map_err(|r| r.code), Err("answer_first"));
    // The interviewer cannot reveal for them either.
    let refused = s.decide(&c, &interviewer(), &ClientMessage::RevealNext, 1_000);
    assert_eq!(refused.map_err(|r| r.code), Err("forbidden"));

    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::SubmitAnswer { question: 0 },
        2_000,
    );
    assert_eq!(
        act(&mut s, &c, &candidate(), ClientMessage::RevealNext, 3_000),
        Some(RoomEvent::Revealed { question: 0, stage: 2 })
    );
    assert!(candidate_json(&s, &c, 3_000).contains("SECRET-SECTION"));
    // Submitted answers are locked.
    let refused = s.decide(
        &c,
        &candidate(),
        &ClientMessage::Answer {
            question: 0,
            text: "more".into(),
        },
        4_000,
    );
    assert_eq!(refused.map_err(|r| r.code), Err("locked"));
}

#[test]
fn answers_after_the_deadline_are_kept_and_marked_late() {
    let c = content_in(SessionMode::Practice);
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        0,
    );
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::Answer {
            question: 0,
            text: "in time".into(),
        },
        LIMIT - 1,
    );
    assert!(!s.questions[0].late);
    let late = act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::Answer {
            question: 0,
            text: "in time, and a late thought".into(),
        },
        LIMIT + 5_000,
    );
    assert_eq!(
        late,
        Some(RoomEvent::Answered {
            question: 0,
            text: "in time, and a late thought".into(),
            late: true
        })
    );
    assert_eq!(s.questions[0].answer, "in time, and a late thought");
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::SubmitAnswer { question: 0 },
        LIMIT + 6_000,
    );
    assert!(s.questions[0].late);
    assert_eq!(s.questions[0].time_used_ms(LIMIT + 7_000), Some(LIMIT + 6_000));
    let history = crate::practice::history::summarize(
        &[crate::practice::history::Attempt {
            summary: mockroom_api::SessionSummary {
                id: uuid::Uuid::nil(),
                team_id: uuid::Uuid::nil(),
                created_by: None,
                candidate_name: "Cara".into(),
                candidate_email: None,
                created_at: chrono::Utc::now(),
                ended_at: None,
                question_count: 1,
                mode: SessionMode::Practice,
                show_answer_key: true,
            },
            content: c.clone(),
            state: s.clone(),
        }],
        chrono::Utc::now(),
    );
    assert_eq!(history.attempts[0].questions[0].outcome, QuestionOutcome::Late);
}

#[test]
fn time_running_out_closes_the_answer_and_opens_the_reveals() {
    let c = content_in(SessionMode::Practice);
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        0,
    );
    assert!(s
        .decide(&c, &candidate(), &ClientMessage::RevealNext, LIMIT - 1)
        .is_err());
    assert!(s.decide(&c, &candidate(), &ClientMessage::RevealNext, LIMIT).is_ok());
    assert_eq!(s.questions[0].time_used_ms(LIMIT + 60_000), Some(LIMIT));
}

#[test]
fn quick_checks_are_graded_at_once_and_self_scores_need_a_closed_answer() {
    let c = content_in(SessionMode::Practice);
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        0,
    );
    let early = s.decide(
        &c,
        &candidate(),
        &ClientMessage::SelfScore {
            question: 0,
            dimension: 0,
            level: 3,
        },
        1,
    );
    assert_eq!(early.map_err(|r| r.code), Err("answer_first"));
    act(&mut s, &c, &candidate(), ClientMessage::SubmitAnswer { question: 0 }, 1);
    for _ in 0..4 {
        act(&mut s, &c, &candidate(), ClientMessage::RevealNext, 2);
    }
    // Stage 5 is the quick check: open, no answer shown yet.
    let json = candidate_json(&s, &c, 3);
    assert!(json.contains("opt a") && json.contains(r#""correct":null"#), "{json}");
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::QuickCheck {
            question: 0,
            check: 0,
            option: 0,
        },
        3,
    );
    let json = candidate_json(&s, &c, 4);
    assert!(json.contains(r#""correct":1"#), "graded once answered: {json}");
    assert!(!json.contains("SECRET-QUICK_CHECK_EXPLANATION"));
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::SelfScore {
            question: 0,
            dimension: 0,
            level: 3,
        },
        5,
    );
    assert_eq!(s.questions[0].self_scores.get(&0).map(|(l, _)| *l), Some(3));
}

#[test]
fn assigned_mocks_are_scored_by_interviewers_not_by_the_candidate() {
    let c = content_in(SessionMode::Assigned);
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        0,
    );
    act(&mut s, &c, &candidate(), ClientMessage::SubmitAnswer { question: 0 }, 1);
    let own = s.decide(
        &c,
        &candidate(),
        &ClientMessage::SelfScore {
            question: 0,
            dimension: 0,
            level: 3,
        },
        2,
    );
    assert_eq!(own.map_err(|r| r.code), Err("forbidden"));
    let scored = act(
        &mut s,
        &c,
        &interviewer(),
        ClientMessage::Score {
            question: 0,
            dimension: 0,
            level: 2,
        },
        3,
    );
    assert!(matches!(scored, Some(RoomEvent::Scored { level: 2, .. })));
    // And a live room refuses mock messages.
    let live = content_in(SessionMode::Live);
    let refused = RoomState::new(&live).decide(&live, &candidate(), &ClientMessage::StartQuestion { question: 0 }, 0);
    assert_eq!(refused.map_err(|r| r.code), Err("not_a_mock"));
}

#[test]
fn a_later_question_waits_until_the_earlier_one_is_closed() {
    let mut c = content_in(SessionMode::Practice);
    let second = c.questions[0].clone();
    c.questions.push(second);
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        0,
    );
    let refused = s.decide(&c, &candidate(), &ClientMessage::StartQuestion { question: 1 }, 10);
    assert_eq!(refused.map_err(|r| r.code), Err("out_of_order"));
    assert!(s
        .decide(&c, &candidate(), &ClientMessage::StartQuestion { question: 1 }, LIMIT)
        .is_ok());
}

#[test]
fn the_answer_locks_once_the_model_answers_are_revealed() {
    let c = content_in(SessionMode::Practice);
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        0,
    );
    // Out of time, not submitted: still writable (marked late) until a reveal.
    let late = ClientMessage::Answer {
        question: 0,
        text: "late".into(),
    };
    assert!(s.decide(&c, &candidate(), &late, LIMIT).is_ok());
    act(&mut s, &c, &candidate(), ClientMessage::RevealNext, LIMIT);
    let refused = s.decide(&c, &candidate(), &late, LIMIT + 1);
    assert_eq!(refused.map_err(|r| r.code), Err("locked"));
}

#[test]
fn finishing_hands_in_the_running_question() {
    let c = content_in(SessionMode::Practice);
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        0,
    );
    act(&mut s, &c, &candidate(), ClientMessage::Finish, 90_000);
    assert!(s.finished);
    assert_eq!(s.questions[0].submitted_ms, Some(90_000));
    assert_eq!(s.questions[0].time_used_ms(100_000), Some(90_000));
    assert!(s.decide(&c, &candidate(), &ClientMessage::RevealNext, 100_000).is_ok());
    let refused = s.decide(&c, &candidate(), &ClientMessage::StartQuestion { question: 0 }, 100_000);
    assert_eq!(refused.map_err(|r| r.code), Err("finished"));
}

#[test]
fn a_deadline_is_due_until_a_view_after_it_went_out() {
    let c = content_in(SessionMode::Assigned);
    let mut s = RoomState::new(&c);
    assert_eq!(s.next_deadline_after(0), None, "nothing started");
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        1_000,
    );
    let deadline = 1_000 + LIMIT;
    assert_eq!(s.next_deadline_after(2_000), Some(deadline));
    // The connection's loop may wake (a ping) just after the deadline but
    // before its wake-up: the deadline is still due, since the last view
    // sent (at 2 s) does not show it. Measured from "now" it was lost, and
    // the candidate's answer stayed open on screen until the next event.
    assert_eq!(s.next_deadline_after(deadline - 1), Some(deadline));
    assert_eq!(s.next_deadline_after(deadline), None, "a view at the deadline shows it");
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::SubmitAnswer { question: 0 },
        5_000,
    );
    assert_eq!(s.next_deadline_after(2_000), None, "handed in");
}
