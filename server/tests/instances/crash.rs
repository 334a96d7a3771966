//! `kill -9` of an instance loses no acknowledged event.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::cluster::*;

#[tokio::test]
async fn kill_9_of_an_instance_loses_no_acknowledged_event() {
    let Some(mut c) = cluster().await else { return };
    let (session, token) = c.session(0, json!({})).await;
    let mut interviewer = c.owner.socket(&c.nodes[1], &session, "interviewer").await;
    interviewer.until(|_| {}, |v| v["type"] == "state").await;
    let mut candidate = c.candidate(0, &token).await;
    candidate.until(|_| {}, |v| v["type"] == "state").await;
    // A stream of answers on A, each acknowledged when the candidate's own
    // view shows it (the server stores before it shows).
    let mut acknowledged = 0;
    let killed_at = Instant::now() + Duration::from_millis(1500);
    let mut killed = false;
    for n in 1..10_000 {
        candidate
            .send(json!({"type": "answer", "question": 0, "text": format!("n={n}")}))
            .await;
        if Instant::now() >= killed_at && !killed {
            c.nodes[0].kill9();
            killed = true;
        }
        let want = format!("n={n}");
        match candidate
            .try_until(|_| {}, |v| v["view"]["questions"][0]["answer"] == want.as_str())
            .await
        {
            Ok(_) => acknowledged = n,
            Err(_) => break,
        }
        if killed {
            break;
        }
    }
    assert!(acknowledged > 3, "the stream ran before the kill");
    let log = c.log(&session).await;
    let stored = log
        .iter()
        .filter(|e| e.1 == "answered")
        .filter_map(|e| e.2["text"].as_str()?.strip_prefix("n=")?.parse::<u32>().ok())
        .max()
        .expect("answers stored");
    assert!(
        stored >= acknowledged,
        "acknowledged n={acknowledged} but the log ends at n={stored}"
    );
    // The dead instance's connection is written off by the others.
    interviewer
        .until(|_| {}, |v| connected(v, "candidate") == Some(false))
        .await;
    assert!(log.iter().map(|e| e.0).eq(1..=log.len() as i64), "no gaps");
    // The candidate reconnects elsewhere to exactly what was stored.
    let mut back = c.candidate(2, &token).await;
    let view = back.until(|_| {}, |v| v["type"] == "state").await;
    assert_eq!(view["view"]["questions"][0]["answer"], format!("n={stored}"));
}
