//! Assigned mocks keep the team's answer key unless the session opens it:
//! after handing in, the candidate may reveal the quick checks' questions and
//! learn whether they were right, and nothing else reaches their view.

use mockroom_api::{ClientMessage, SessionMode};

use super::content::SessionContent;
use super::state::RoomState;
use super::tests::{act, candidate, content_in};
use super::view;

/// Every stage the answer key is made of (the fixture's HTML is `SECRET-<KIND>`).
const KEY: [&str; 4] = ["SECTION", "JUNIOR_ANSWER", "SENIOR_ANSWER", "QUICK_CHECK_EXPLANATION"];

fn assigned(show_answer_key: bool) -> SessionContent {
    SessionContent {
        show_answer_key,
        ..content_in(SessionMode::Assigned)
    }
}

/// Starts and hands in question 0, then reveals until the server refuses,
/// answering the quick check (wrongly) when it appears. Returns the
/// candidate's view as JSON after every step.
fn play(c: &SessionContent) -> (RoomState, Vec<String>) {
    let mut s = RoomState::new(c);
    let mut seen = Vec::new();
    let json = |s: &RoomState| serde_json::to_string(&view::candidate(s, c, 5_000)).expect("json");
    act(
        &mut s,
        c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        1_000,
    );
    act(
        &mut s,
        c,
        &candidate(),
        ClientMessage::SubmitAnswer { question: 0 },
        2_000,
    );
    seen.push(json(&s));
    while let Ok(Some(event)) = s.decide(c, &candidate(), &ClientMessage::RevealNext, 3_000) {
        let seq = s.seq + 1;
        s.apply(seq, &candidate(), &event);
        seen.push(json(&s));
        let open = view::candidate(&s, c, 3_000).questions[0]
            .quick_checks
            .iter()
            .any(|q| q.open);
        if open {
            act(
                &mut s,
                c,
                &candidate(),
                ClientMessage::QuickCheck {
                    question: 0,
                    check: 0,
                    option: 0,
                },
                3_500,
            );
            seen.push(json(&s));
        }
    }
    (s, seen)
}

#[test]
fn by_default_no_part_of_the_answer_key_reaches_the_candidate() {
    let c = assigned(false);
    let (s, seen) = play(&c);
    for json in &seen {
        for secret in KEY {
            assert!(!json.contains(&format!("SECRET-{secret}<")), "{secret} leaked: {json}");
        }
    }
    let last = view::candidate(&s, &c, 5_000);
    let check = &last.questions[0].quick_checks[0];
    assert_eq!(check.chosen, Some(0));
    assert_eq!(check.right, Some(false), "the candidate learns whether they were right");
    assert_eq!(check.correct, None, "but not which option was");
    assert_eq!(last.questions[0].mock.as_ref().map(|m| m.hidden_stages), Some(0));
    assert!(!last.show_answer_key);
    // The quick check's own question was revealed; nothing past it can be.
    assert!(seen.iter().any(|j| j.contains("SECRET-QUICK_CHECK<")));
    let refused = s.decide(&c, &candidate(), &ClientMessage::RevealNext, 6_000);
    assert_eq!(refused.map_err(|r| r.code), Err("nothing_to_reveal"));
}

#[test]
fn revealed_key_stages_stay_out_of_the_view_even_if_the_log_has_them() {
    // A session whose log holds reveals made before the setting existed (or by
    // any other path) still shows the candidate none of the key.
    let c = assigned(false);
    let mut s = RoomState::new(&c);
    act(
        &mut s,
        &c,
        &candidate(),
        ClientMessage::StartQuestion { question: 0 },
        1_000,
    );
    for stage in 0..c.questions[0].stages.len() {
        s.questions[0].revealed.insert(stage);
    }
    let json = serde_json::to_string(&view::candidate(&s, &c, 2_000)).expect("json");
    for secret in KEY {
        assert!(!json.contains(&format!("SECRET-{secret}<")), "{secret} leaked: {json}");
    }
}

#[test]
fn a_session_that_shows_the_key_reveals_everything_after_handing_in() {
    let c = assigned(true);
    let (s, seen) = play(&c);
    let all = seen.join("\n");
    for secret in KEY {
        assert!(all.contains(&format!("SECRET-{secret}<")), "{secret} missing");
    }
    let check = &view::candidate(&s, &c, 5_000).questions[0].quick_checks[0];
    assert_eq!((check.right, check.correct), (Some(false), Some(1)));
}

#[test]
fn practice_always_shows_the_key() {
    let c = SessionContent {
        show_answer_key: false,
        ..content_in(SessionMode::Practice)
    };
    let (_, seen) = play(&c);
    let all = seen.join("\n");
    for secret in KEY {
        assert!(all.contains(&format!("SECRET-{secret}<")), "{secret} missing");
    }
}
