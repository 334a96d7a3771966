//! Calibration plumbing: which scores count, how drills pool with the
//! sessions they replay, and the report on published reference data.

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use mockroom_api::{CalibrationQuery, QuestionSummary, RoomRole};

use crate::room::event::{Actor, RoomEvent};
use mockroom_stats::BootstrapConfig;
use uuid::Uuid;

use super::csv::{ratings_csv, HEADER};
use super::dataset::{fold, Dataset, QuestionInfo, RatingRow, Source};
use super::report::report;
use crate::store::calibration::CalibrationEventRow;

fn t(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().expect("date") + Duration::minutes(minute)
}

fn member(id: u128, name: &str, role: RoomRole) -> String {
    serde_json::to_string(&Actor::Member {
        user_id: Uuid::from_u128(id),
        name: name.into(),
        role,
    })
    .expect("json")
}

fn row(
    session: Uuid,
    mode: &str,
    source: Option<Uuid>,
    minute: i64,
    actor: String,
    event: RoomEvent,
) -> CalibrationEventRow {
    CalibrationEventRow {
        session_id: session,
        mode: mode.into(),
        source_session_id: source,
        candidate_name: "Cara".into(),
        seq: minute,
        at: t(minute),
        actor,
        payload: serde_json::to_string(&event).expect("json"),
        format: 1,
    }
}

fn scored(level: u8) -> RoomEvent {
    RoomEvent::Scored {
        question: 0,
        dimension: 0,
        level,
        revealed: vec![0, 1],
    }
}

#[test]
fn the_latest_score_counts_and_drills_pool_with_their_source() {
    let (live, drill, question) = (Uuid::from_u128(10), Uuid::from_u128(11), Uuid::from_u128(99));
    let rows = vec![
        row(
            live,
            "live",
            None,
            1,
            member(1, "Ivy", RoomRole::Interviewer),
            scored(2),
        ),
        row(
            live,
            "live",
            None,
            2,
            member(1, "Ivy", RoomRole::Interviewer),
            scored(3),
        ),
        row(live, "live", None, 3, member(2, "Pat", RoomRole::Panelist), scored(4)),
        row(
            live,
            "live",
            None,
            4,
            serde_json::to_string(&Actor::Candidate { name: "Cara".into() }).expect("json"),
            RoomEvent::QuickCheckAnswered {
                question: 0,
                check: 0,
                option: 1,
            },
        ),
        // The drill: a third interviewer, and Pat scoring the same performance again later.
        row(
            drill,
            "drill",
            Some(live),
            5,
            member(3, "Dee", RoomRole::Panelist),
            scored(1),
        ),
        row(
            drill,
            "drill",
            Some(live),
            6,
            member(2, "Pat", RoomRole::Panelist),
            scored(3),
        ),
        // The drill's copy of the candidate's answer is not counted twice.
        row(
            drill,
            "drill",
            Some(live),
            7,
            serde_json::to_string(&Actor::Candidate { name: "Cara".into() }).expect("json"),
            RoomEvent::QuickCheckAnswered {
                question: 0,
                check: 0,
                option: 1,
            },
        ),
    ];
    let questions_of = HashMap::from([(live, vec![question]), (drill, vec![question])]);
    let (ratings, answers) = fold(&rows, &questions_of);
    let mut got: Vec<(u128, u8, Source, u128)> = ratings
        .iter()
        .map(|r| (r.interviewer_id.as_u128(), r.level, r.source, r.performance.as_u128()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            (1, 3, Source::Live, 10),
            (2, 3, Source::Drill, 10),
            (3, 1, Source::Drill, 10)
        ],
        "Ivy's re-score replaces her first; Pat's drill score is later than her panel score"
    );
    assert_eq!(answers.len(), 1);
    assert_eq!(ratings[0].stages_revealed, 2);
}

fn question_info(id: Uuid) -> QuestionInfo {
    QuestionInfo {
        summary: QuestionSummary {
            id,
            pack_id: Uuid::from_u128(500),
            pack_title: "Pack, \"quoted\"".into(),
            version_id: Uuid::from_u128(501),
            number: 1,
            title: "Q1".into(),
            kind: "Debugging".into(),
            category: "Cat".into(),
        },
        dimensions: vec![("Diagnosis".into(), 5)],
        quick_checks: vec![],
    }
}

/// Krippendorff (2011), section C: 4 observers × 12 units with missing
/// values; ordinal α = 0.815. Each unit becomes one session's score on one
/// dimension, each observer an interviewer.
fn krippendorff_dataset() -> Dataset {
    const N: Option<u8> = None;
    let s = Some;
    let table: [[Option<u8>; 12]; 4] = [
        [s(1), s(2), s(3), s(3), s(2), s(1), s(4), s(1), s(2), N, N, N],
        [s(1), s(2), s(3), s(3), s(2), s(2), s(4), s(1), s(2), s(5), N, s(3)],
        [N, s(3), s(3), s(3), s(2), s(3), s(4), s(2), s(2), s(5), s(1), N],
        [s(1), s(2), s(3), s(3), s(2), s(4), s(4), s(1), s(2), s(5), s(1), N],
    ];
    let question = Uuid::from_u128(99);
    let mut ratings = Vec::new();
    for (observer, row) in table.iter().enumerate() {
        for (unit, score) in row.iter().enumerate() {
            let Some(level) = score else { continue };
            ratings.push(RatingRow {
                performance: Uuid::from_u128(1000 + unit as u128),
                session: Uuid::from_u128(1000 + unit as u128),
                candidate: format!("Candidate {unit}"),
                question_id: question,
                dimension: 0,
                interviewer_id: Uuid::from_u128(observer as u128 + 1),
                interviewer: format!("Observer {}", observer + 1),
                level: *level,
                stages_revealed: 3,
                at: t(unit as i64),
                source: Source::Panel,
            });
        }
    }
    Dataset {
        ratings,
        answers: vec![],
        asked: vec![],
        questions: HashMap::from([(question, question_info(question))]),
    }
}

#[test]
fn the_report_reproduces_krippendorffs_published_alpha() {
    let data = krippendorff_dataset();
    let r = report(&data, &CalibrationQuery::default(), &BootstrapConfig::default()).expect("report");
    let alpha = &r.agreement.alpha;
    assert!((alpha.value.expect("alpha") - 0.815).abs() < 0.0005, "{alpha:?}");
    assert_eq!(
        (alpha.items, alpha.ratings),
        (11, 40),
        "unit 12 has one value and is not pairable"
    );
    let (low, high) = (alpha.ci_low.expect("ci"), alpha.ci_high.expect("ci"));
    assert!(low <= 0.815 && 0.815 <= high, "{low}..{high}");
    assert_eq!(r.sample.ratings, 41);
    assert_eq!(r.sample.interviewers, 4);
    // Six pairs of observers; none shares the 10 items kappa needs on all
    // counts, or some do: each pair is listed either way, with its reason.
    assert_eq!(r.agreement.kappa_pairs.len(), 6);
    assert_eq!(r.by_interviewer.rows.len(), 4);
    assert_eq!(r.by_interviewer.scores, [1, 2, 3, 4, 5]);
    assert_eq!(r.leniency.len(), 4);
}

#[test]
fn filters_narrow_the_ratings_and_too_little_data_says_so() {
    let data = krippendorff_dataset();
    let one = CalibrationQuery {
        interviewer: Some(Uuid::from_u128(1)),
        ..CalibrationQuery::default()
    };
    let r = report(&data, &one, &BootstrapConfig::default()).expect("report");
    assert_eq!(r.sample.ratings, 9);
    assert!(r.agreement.alpha.value.is_none());
    assert!(r
        .agreement
        .alpha
        .not_enough_data
        .as_deref()
        .is_some_and(|w| w.contains("need at least")));
    let early = CalibrationQuery {
        to: Some(t(3)),
        ..CalibrationQuery::default()
    };
    let r = report(&data, &early, &BootstrapConfig::default()).expect("report");
    assert_eq!(r.sample.items, 3, "units 1 to 3 were scored before minute 3");
}

#[test]
fn the_csv_is_long_format_with_a_header_and_quoting() {
    let data = krippendorff_dataset();
    let csv = ratings_csv(&data, &CalibrationQuery::default());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], HEADER);
    assert_eq!(lines.len(), 42);
    let fields = HEADER.split(',').count();
    assert!(lines[1].contains(",\"Pack, \"\"quoted\"\"\","), "{}", lines[1]);
    assert!(lines[1].ends_with(",panel"));
    // Quoted commas aside, every row has the header's number of fields.
    let unquoted = lines[1].replace("\"Pack, \"\"quoted\"\"\"", "pack");
    assert_eq!(unquoted.split(',').count(), fields);
}
