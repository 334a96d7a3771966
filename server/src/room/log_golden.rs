//! The stored JSON of every event kind, pinned. Logs outlive releases: a
//! change that makes any of these lines decode differently, or encode to
//! other bytes, breaks sessions already stored (and instances of another
//! release reading the same log). Additive changes keep every line here.

use chrono::{TimeZone, Utc};
use mockroom_api::{Recommendation, RoomRole};
use uuid::Uuid;

use super::event::{Actor, RoomEvent, FORMAT};
use super::log;
use crate::store::EventRow;

fn instance() -> Uuid {
    Uuid::from_u128(0x1234)
}

/// `(stored payload, event)` for every kind of event.
fn golden() -> Vec<(&'static str, RoomEvent)> {
    vec![
        (r#"{"type":"joined"}"#, RoomEvent::Joined { instance: None }),
        (
            r#"{"type":"joined","instance":"00000000-0000-0000-0000-000000001234"}"#,
            RoomEvent::Joined {
                instance: Some(instance()),
            },
        ),
        (r#"{"type":"left"}"#, RoomEvent::Left { instance: None }),
        (
            r#"{"type":"left","instance":"00000000-0000-0000-0000-000000001234"}"#,
            RoomEvent::Left {
                instance: Some(instance()),
            },
        ),
        (
            r#"{"type":"connections_lost","instance":"00000000-0000-0000-0000-000000001234"}"#,
            RoomEvent::ConnectionsLost {
                instance: Some(instance()),
            },
        ),
        (
            r#"{"type":"question_changed","question":1}"#,
            RoomEvent::QuestionChanged { question: 1 },
        ),
        (
            r#"{"type":"revealed","question":0,"stage":2}"#,
            RoomEvent::Revealed { question: 0, stage: 2 },
        ),
        (
            r#"{"type":"hidden","question":0,"stage":2}"#,
            RoomEvent::Hidden { question: 0, stage: 2 },
        ),
        (
            r#"{"type":"timer_started","question":0,"deadline_ms":1764000000000}"#,
            RoomEvent::TimerStarted {
                question: 0,
                deadline_ms: 1_764_000_000_000,
            },
        ),
        (
            r#"{"type":"timer_paused","question":0,"remaining_ms":5000}"#,
            RoomEvent::TimerPaused {
                question: 0,
                remaining_ms: 5000,
            },
        ),
        (
            r#"{"type":"timer_resumed","question":0,"deadline_ms":1764000005000}"#,
            RoomEvent::TimerResumed {
                question: 0,
                deadline_ms: 1_764_000_005_000,
            },
        ),
        (
            r#"{"type":"timer_extended","question":0,"deadline_ms":null,"remaining_ms":65000}"#,
            RoomEvent::TimerExtended {
                question: 0,
                deadline_ms: None,
                remaining_ms: 65_000,
            },
        ),
        (
            r#"{"type":"answered","question":0,"text":"kubectl describe pod"}"#,
            RoomEvent::Answered {
                question: 0,
                text: "kubectl describe pod".into(),
                late: false,
            },
        ),
        (
            r#"{"type":"answered","question":0,"text":"and more","late":true}"#,
            RoomEvent::Answered {
                question: 0,
                text: "and more".into(),
                late: true,
            },
        ),
        (
            r#"{"type":"answer_language_chosen","question":0,"language":"rust"}"#,
            RoomEvent::AnswerLanguageChosen {
                question: 0,
                language: "rust".into(),
            },
        ),
        (
            r#"{"type":"quick_check_answered","question":0,"check":1,"option":2}"#,
            RoomEvent::QuickCheckAnswered {
                question: 0,
                check: 1,
                option: 2,
            },
        ),
        (
            r#"{"type":"scored","question":0,"dimension":1,"level":3,"revealed":[0,1]}"#,
            RoomEvent::Scored {
                question: 0,
                dimension: 1,
                level: 3,
                revealed: vec![0, 1],
            },
        ),
        (
            r#"{"type":"noted","question":0,"text":"strong on probes"}"#,
            RoomEvent::Noted {
                question: 0,
                text: "strong on probes".into(),
            },
        ),
        (
            r#"{"type":"recommended","value":"strong_yes"}"#,
            RoomEvent::Recommended {
                value: Recommendation::StrongYes,
            },
        ),
        (r#"{"type":"submitted"}"#, RoomEvent::Submitted),
        (
            r#"{"type":"question_started","question":0,"started_ms":1000,"deadline_ms":601000,"revealed":[0,1]}"#,
            RoomEvent::QuestionStarted {
                question: 0,
                started_ms: 1000,
                deadline_ms: 601_000,
                revealed: vec![0, 1],
            },
        ),
        (
            r#"{"type":"answer_submitted","question":0,"at_ms":2000,"late":false}"#,
            RoomEvent::AnswerSubmitted {
                question: 0,
                at_ms: 2000,
                late: false,
            },
        ),
        (
            r#"{"type":"self_scored","question":0,"dimension":0,"level":2,"revealed":[0,1,2]}"#,
            RoomEvent::SelfScored {
                question: 0,
                dimension: 0,
                level: 2,
                revealed: vec![0, 1, 2],
            },
        ),
        (
            r#"{"type":"finished","at_ms":3000}"#,
            RoomEvent::Finished { at_ms: 3000 },
        ),
        (
            r#"{"type":"links_revoked","links":["0011223344556677"]}"#,
            RoomEvent::LinksRevoked {
                links: vec!["0011223344556677".into()],
            },
        ),
    ]
}

/// Names every kind, so a new kind fails to compile here until it has a golden line.
fn kind(e: &RoomEvent) -> &'static str {
    match e {
        RoomEvent::Joined { .. } => "joined",
        RoomEvent::Left { .. } => "left",
        RoomEvent::ConnectionsLost { .. } => "connections_lost",
        RoomEvent::QuestionChanged { .. } => "question_changed",
        RoomEvent::Revealed { .. } => "revealed",
        RoomEvent::Hidden { .. } => "hidden",
        RoomEvent::TimerStarted { .. } => "timer_started",
        RoomEvent::TimerPaused { .. } => "timer_paused",
        RoomEvent::TimerResumed { .. } => "timer_resumed",
        RoomEvent::TimerExtended { .. } => "timer_extended",
        RoomEvent::Answered { .. } => "answered",
        RoomEvent::AnswerLanguageChosen { .. } => "answer_language_chosen",
        RoomEvent::QuickCheckAnswered { .. } => "quick_check_answered",
        RoomEvent::Scored { .. } => "scored",
        RoomEvent::Noted { .. } => "noted",
        RoomEvent::Recommended { .. } => "recommended",
        RoomEvent::Submitted => "submitted",
        RoomEvent::QuestionStarted { .. } => "question_started",
        RoomEvent::AnswerSubmitted { .. } => "answer_submitted",
        RoomEvent::SelfScored { .. } => "self_scored",
        RoomEvent::Finished { .. } => "finished",
        RoomEvent::LinksRevoked { .. } => "links_revoked",
        RoomEvent::Unknown => "unknown",
    }
}

const ALL_KINDS: usize = 22;

#[test]
fn every_kind_decodes_and_encodes_to_its_pinned_json() {
    let lines = golden();
    let kinds: std::collections::BTreeSet<&str> = lines.iter().map(|(_, e)| kind(e)).collect();
    assert_eq!(kinds.len(), ALL_KINDS, "a kind without a golden line: {kinds:?}");
    for (json, event) in lines {
        let decoded: RoomEvent = serde_json::from_str(json).expect(json);
        assert_eq!(decoded, event, "{json}");
        assert_eq!(serde_json::to_string(&event).expect("encode"), json);
        // The timeline shows every stored kind.
        assert!(event.to_wire().is_some(), "{json}");
    }
}

#[test]
fn actors_keep_their_json() {
    let member = Actor::Member {
        user_id: Uuid::from_u128(7),
        name: "Ivy Ng".into(),
        role: RoomRole::Panelist,
    };
    let cases = [
        (
            r#"{"kind":"member","user_id":"00000000-0000-0000-0000-000000000007","name":"Ivy Ng","role":"panelist"}"#,
            member,
        ),
        (
            r#"{"kind":"candidate","name":"Cara"}"#,
            Actor::Candidate { name: "Cara".into() },
        ),
        (
            r#"{"kind":"server","instance":"00000000-0000-0000-0000-000000001234"}"#,
            Actor::Server { instance: instance() },
        ),
    ];
    for (json, actor) in cases {
        assert_eq!(serde_json::from_str::<Actor>(json).expect(json), actor);
        assert_eq!(serde_json::to_string(&actor).expect("encode"), json);
    }
}

fn row(seq: i64, payload: &str, format: i64) -> EventRow {
    EventRow {
        seq,
        at: Utc.timestamp_millis_opt(1_764_000_000_000).single().expect("time"),
        actor: r#"{"kind":"candidate","name":"Cara"}"#.into(),
        payload: payload.into(),
        format,
    }
}

#[test]
fn what_a_newer_release_wrote_is_skipped_not_misread() {
    // A kind this release does not know, and new fields on a known kind.
    let unknown = log::decode(&row(1, r#"{"type":"hint_given","question":0}"#, 1)).expect("decodes");
    assert_eq!(unknown.event, RoomEvent::Unknown);
    let extra = log::decode(&row(2, r#"{"type":"revealed","question":0,"stage":1,"by":"x"}"#, 1)).expect("decodes");
    assert_eq!(extra.event, RoomEvent::Revealed { question: 0, stage: 1 });
    // A format this release cannot read.
    let newer = log::decode(&row(
        3,
        r#"{"type":"revealed","question":0,"stage":1}"#,
        i64::from(FORMAT) + 1,
    ))
    .expect("decodes");
    assert_eq!(newer.event, RoomEvent::Unknown);
    // Folding past them keeps the sequence.
    let content = super::tests::content_in(mockroom_api::SessionMode::Live);
    let state = log::fold(
        &content,
        &[
            row(1, r#"{"type":"hint_given"}"#, 1),
            row(2, r#"{"type":"revealed","question":0,"stage":0}"#, 1),
        ],
    )
    .expect("fold");
    assert_eq!(state.seq, 2);
    assert!(state.questions[0].revealed.contains(&0));
}
