//! A timed mock's deadline passes while its candidate is on another instance.

use std::time::Duration;

use serde_json::json;

use crate::cluster::*;

#[tokio::test]
async fn a_mock_deadline_passes_while_its_candidate_is_on_another_instance() {
    let Some(c) = cluster().await else { return };
    let (session, token) = c
        .session(
            0,
            json!({"mode": "assigned", "questions": [{"question_id": c.question, "time_limit_secs": 10}]}),
        )
        .await;
    let mut reviewer = c.owner.socket(&c.nodes[2], &session, "interviewer").await;
    reviewer.until(|_| {}, |v| v["type"] == "state").await;
    // The candidate starts on A, then carries on from B.
    let mut on_a = c.candidate(0, &token).await;
    on_a.until(|_| {}, |v| v["type"] == "state").await;
    on_a.send(json!({"type": "start_question", "question": 0})).await;
    on_a.until(|_| {}, |v| v["view"]["questions"][0]["mock"]["started_ms"].is_i64())
        .await;
    on_a.ws.close(None).await.expect("close");
    let mut on_b = c.candidate(1, &token).await;
    let started = on_b.until(|_| {}, |v| v["type"] == "state").await;
    assert_eq!(started["view"]["questions"][0]["mock"]["closed"], false);
    // Both keep reading (a client that stops reading stops answering pings
    // and is dropped): B closes the answer at the deadline, and the reviewer
    // on C sees the time used.
    // The deadline is 10 s after the start: wait past it with room to spare
    // for a loaded machine.
    let wait = Duration::from_secs(25);
    let (closed, _) = tokio::join!(
        on_b.until_within(wait, |_| {}, |v| v["view"]["questions"][0]["mock"]["closed"] == true),
        reviewer.until_within(wait, |_| {}, |v| v["view"]["questions"][0]["time_used_ms"] == 10_000)
    );
    assert!(closed["view"]["questions"][0]["mock"]["deadline_ms"].is_i64());
    on_b.send(json!({"type": "answer", "question": 0, "text": "one more idea"}))
        .await;
    let late = reviewer
        .until(|_| {}, |v| v["view"]["questions"][0]["answer"] == "one more idea")
        .await;
    assert_eq!(late["view"]["questions"][0]["late"], true);
}
