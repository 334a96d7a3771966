//! Concurrent actions arriving through two instances are ordered once.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::cluster::*;

#[tokio::test]
async fn concurrent_actions_from_two_instances_are_ordered_once() {
    let Some(c) = cluster().await else { return };
    let (session, _) = c.session(0, json!({})).await;
    // The same interviewer in two tabs, on two instances, plus an observer on the third.
    let mut a = c.owner.socket(&c.nodes[0], &session, "interviewer").await;
    let mut b = c.owner.socket(&c.nodes[1], &session, "interviewer").await;
    let mut watcher = c.pat.socket(&c.nodes[2], &session, "observer").await;
    for ws in [&mut a, &mut b, &mut watcher] {
        ws.until(|_| {}, |v| v["type"] == "state").await;
    }
    let (ra, rb) = (&mut a, &mut b);
    let send_a = async {
        for i in 0..25 {
            ra.send(json!({"type": "note", "question": 0, "text": format!("a{i}")}))
                .await;
            ra.send(json!({"type": "reveal", "question": 0, "stage": i % 3})).await;
        }
    };
    let send_b = async {
        for i in 0..25 {
            rb.send(json!({"type": "note", "question": 0, "text": format!("b{i}")}))
                .await;
            rb.send(json!({"type": "hide", "question": 0, "stage": i % 3})).await;
        }
    };
    tokio::join!(send_a, send_b);
    // Every note was stored exactly once, in one order.
    let deadline = Instant::now() + Duration::from_secs(15);
    let log = loop {
        let log = c.log(&session).await;
        if log.iter().filter(|e| e.1 == "noted").count() >= 50 || Instant::now() > deadline {
            break log;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let notes: Vec<String> = log
        .iter()
        .filter(|e| e.1 == "noted")
        .map(|e| e.2["text"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(notes.len(), 50, "{notes:?}");
    for side in ["a", "b"] {
        let mine: Vec<usize> = notes
            .iter()
            .filter(|n| n.starts_with(side))
            .map(|n| n[1..].parse().expect("n"))
            .collect();
        assert_eq!(
            mine,
            (0..25).collect::<Vec<_>>(),
            "each instance's actions in the order they were sent"
        );
    }
    let last = log.last().map(|e| e.0).expect("events");
    assert_eq!(
        log.iter().map(|e| e.0).collect::<Vec<_>>(),
        (1..=last).collect::<Vec<_>>()
    );
    // All three copies converge on the same view of the last event.
    let mut views = Vec::new();
    for ws in [&mut a, &mut b, &mut watcher] {
        let v = ws.at_seq(last).await;
        assert_eq!(v["seq"], last);
        views.push(v["view"]["questions"][0]["stages"].clone());
    }
    assert!(views.windows(2).all(|w| w[0] == w[1]), "{views:?}");
    assert!(
        a.errors.is_empty() && b.errors.is_empty(),
        "{:?} {:?}",
        a.errors,
        b.errors
    );
}
