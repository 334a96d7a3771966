//! A session's timeline (the replay page), read by `#[derive(FromJson)]`,
//! checked against serde's decoder on every variant of the internally tagged
//! `RoomEvent` and `Actor` (a variant added to either fails to compile here
//! until it is listed), on a defaulted field left out and on broken entries.

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::from_json::FromJson;
use crate::room::{Recommendation, RoomRole};
use crate::room_events::{Actor, RoomEvent, TimelineEntry};

use serde_json::json;

/// One event of every variant, with values that tell its fields apart.
fn every_event() -> Vec<RoomEvent> {
    use RoomEvent::*;
    vec![
        Joined,
        Left,
        QuestionChanged { question: 1 },
        Revealed { question: 1, stage: 2 },
        Hidden { question: 2, stage: 1 },
        TimerStarted {
            question: 0,
            deadline_ms: 1_700_000_600_000,
        },
        TimerPaused {
            question: 0,
            remaining_ms: -5,
        },
        TimerResumed {
            question: 3,
            deadline_ms: 1_700_000_000_001,
        },
        TimerExtended {
            question: 0,
            deadline_ms: None,
            remaining_ms: 60_000,
        },
        TimerExtended {
            question: 1,
            deadline_ms: Some(1_700_000_000_002),
            remaining_ms: 0,
        },
        Answered {
            question: 0,
            text: "fn main() {\n\tprintln!(\"«hi»\");\n}".into(),
            late: false,
        },
        Answered {
            question: 1,
            text: String::new(),
            late: true,
        },
        AnswerLanguageChosen {
            question: 0,
            language: "rust".into(),
        },
        QuickCheckAnswered {
            question: 2,
            check: 1,
            option: 3,
        },
        Scored {
            question: 0,
            dimension: 1,
            level: 255,
            revealed: vec![0, 2],
        },
        Noted {
            question: 1,
            text: "asked about \"probes\"".into(),
        },
        Recommended {
            value: Recommendation::StrongNo,
        },
        Recommended {
            value: Recommendation::No,
        },
        Recommended {
            value: Recommendation::Yes,
        },
        Recommended {
            value: Recommendation::StrongYes,
        },
        Submitted,
        QuestionStarted {
            question: 1,
            started_ms: 1_700_000_000_000,
            deadline_ms: 1_700_000_600_000,
            revealed: vec![],
        },
        AnswerSubmitted {
            question: 1,
            at_ms: 1_700_000_500_000,
            late: true,
        },
        SelfScored {
            question: 0,
            dimension: 0,
            level: 3,
            revealed: vec![1],
        },
        Finished {
            at_ms: 1_700_000_900_000,
        },
        LinksRevoked { count: 2 },
        ConnectionsLost,
    ]
}

/// Which variant an event is. No wildcard: a variant added to
/// `RoomEvent` fails to compile here until it is numbered, and then
/// `VARIANTS` and `every_event` must take it too for the test to pass.
fn variant(event: &RoomEvent) -> usize {
    use RoomEvent::*;
    match event {
        Joined => 0,
        Left => 1,
        QuestionChanged { .. } => 2,
        Revealed { .. } => 3,
        Hidden { .. } => 4,
        TimerStarted { .. } => 5,
        TimerPaused { .. } => 6,
        TimerResumed { .. } => 7,
        TimerExtended { .. } => 8,
        Answered { .. } => 9,
        AnswerLanguageChosen { .. } => 10,
        QuickCheckAnswered { .. } => 11,
        Scored { .. } => 12,
        Noted { .. } => 13,
        Recommended { .. } => 14,
        Submitted => 15,
        QuestionStarted { .. } => 16,
        AnswerSubmitted { .. } => 17,
        SelfScored { .. } => 18,
        Finished { .. } => 19,
        LinksRevoked { .. } => 20,
        ConnectionsLost => 21,
    }
}
const VARIANTS: usize = 22;

/// As `variant`, for `Actor`.
fn actor_variant(actor: &Actor) -> usize {
    match actor {
        Actor::Member { .. } => 0,
        Actor::Candidate { .. } => 1,
        Actor::Server => 2,
    }
}
const ACTOR_VARIANTS: usize = 3;

fn every_actor() -> Vec<Actor> {
    let member = |role| Actor::Member {
        user_id: Uuid::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0),
        name: "Ivy \"the\" interviewer".into(),
        role,
    };
    vec![
        member(RoomRole::Interviewer),
        member(RoomRole::Panelist),
        member(RoomRole::Observer),
        member(RoomRole::Candidate),
        Actor::Candidate { name: "Tomás".into() },
        Actor::Server,
    ]
}

fn entries() -> Vec<TimelineEntry> {
    let at = |ms| DateTime::<Utc>::from_timestamp_millis(ms).expect("a time");
    let actors = every_actor();
    every_event()
        .into_iter()
        .enumerate()
        .map(|(i, event)| TimelineEntry {
            seq: i as i64 + 1,
            at: at(1_700_000_000_000 + 1_234 * i as i64),
            actor: actors[i % actors.len()].clone(),
            event,
        })
        .collect()
}

#[test]
fn every_variant_reads_what_serde_writes() {
    let events = every_event();
    let mut seen: Vec<usize> = events.iter().map(variant).collect();
    seen.dedup();
    assert_eq!(seen, (0..VARIANTS).collect::<Vec<_>>(), "every variant, in order");
    let actors: std::collections::BTreeSet<usize> = every_actor().iter().map(actor_variant).collect();
    assert_eq!(actors.len(), ACTOR_VARIANTS);

    let entries = entries();
    let json = serde_json::to_value(&entries).expect("serialise");
    assert_eq!(Vec::<TimelineEntry>::from_json(&json), Some(entries.clone()));
    for actor in every_actor() {
        let json = serde_json::to_value(&actor).expect("serialise");
        assert_eq!(Actor::from_json(&json), Some(actor), "{json}");
    }
}

#[test]
fn reads_times_and_defaults_as_serde_does() {
    // Another offset, and fractions of a second.
    let mut json = serde_json::to_value(&entries()[0]).expect("serialise");
    json["at"] = json!("2026-12-04T13:05:06.789+02:00");
    // `late` is left out when false; an older log may also lack it.
    json["event"] = json!({"type": "answered", "question": 0, "text": "x"});
    let by_serde: TimelineEntry = serde_json::from_value(json.clone()).expect("serde reads it");
    assert_eq!(TimelineEntry::from_json(&json), Some(by_serde));
}

#[test]
fn refuses_what_serde_refuses() {
    let json = serde_json::to_value(&entries()[3]).expect("serialise");
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut j = json.clone();
        f(&mut j);
        j
    };
    for bad in [
        broken(&|j| j["event"]["type"] = json!("exploded")),
        broken(&|j| j["event"]["type"] = json!("Revealed")),
        broken(&|j| {
            j["event"].as_object_mut().expect("event").remove("stage");
        }),
        broken(&|j| j["event"]["question"] = json!(-1)),
        broken(&|j| {
            j["event"].as_object_mut().expect("event").remove("type");
        }),
        broken(&|j| j["actor"] = json!({"kind": "robot"})),
        broken(&|j| j["actor"] = json!({"kind": "member", "user_id": "not-a-uuid", "name": "x", "role": "panelist"})),
        broken(&|j| j["actor"] = json!({"kind": "member", "user_id": Uuid::nil(), "name": "x", "role": "boss"})),
        broken(&|j| j["at"] = json!("yesterday")),
        broken(&|j| j["at"] = json!(1_700_000_000)),
        broken(&|j| j["event"] = json!({"type": "recommended", "value": "maybe"})),
        broken(&|j| {
            j["event"] = json!({"type": "scored", "question": 0, "dimension": 0, "level": 256, "revealed": []})
        }),
        json!([1, 2]),
    ] {
        assert!(serde_json::from_value::<TimelineEntry>(bad.clone()).is_err(), "{bad}");
        assert_eq!(TimelineEntry::from_json(&bad), None, "{bad}");
    }
}
