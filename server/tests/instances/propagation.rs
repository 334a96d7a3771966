//! A room whose participants are spread over three instances behaves as one.

use std::time::Instant;

use serde_json::json;

use crate::cluster::*;

#[tokio::test]
async fn a_room_spread_over_three_instances_behaves_as_one() {
    let Some(c) = cluster().await else { return };
    let (session, token) = c.session(0, json!({})).await;
    let mut interviewer = c.owner.socket(&c.nodes[0], &session, "interviewer").await;
    let mut candidate = c.candidate(1, &token).await;
    let mut panelist = c.pat.socket(&c.nodes[2], &session, "panelist").await;
    for ws in [&mut interviewer, &mut candidate, &mut panelist] {
        ws.until(|_| {}, |v| v["type"] == "state").await;
    }
    // A reveal on A reaches the candidate on B.
    let sent = Instant::now();
    interviewer.send(json!({"type": "reveal_next"})).await;
    candidate.until(|_| {}, |v| stages(v, 0) == 1).await;
    eprintln!("reveal on A -> candidate on B: {:?}", sent.elapsed());
    // The candidate's answer on B reaches both interviewers.
    candidate
        .send(json!({"type": "answer", "question": 0, "text": "check the readiness probe"}))
        .await;
    for ws in [&mut interviewer, &mut panelist] {
        ws.until(
            |_| {},
            |v| v["view"]["questions"][0]["answer"] == "check the readiness probe",
        )
        .await;
    }
    // Blind scoring across instances: Ivy sees Pat's score only once she submits.
    panelist
        .send(json!({"type": "score", "question": 0, "dimension": 0, "level": 4}))
        .await;
    panelist.send(json!({"type": "submit"})).await;
    panelist.until(|_| {}, |v| v["view"]["submitted"] == true).await;
    interviewer
        .send(json!({"type": "score", "question": 0, "dimension": 0, "level": 2}))
        .await;
    let before = interviewer
        .until(
            |_| {},
            |v| {
                v["view"]["questions"][0]["my_scores"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
            },
        )
        .await;
    assert_eq!(
        before["view"]["questions"][0]["other_scores"],
        json!([]),
        "blind until submitting"
    );
    interviewer.send(json!({"type": "submit"})).await;
    let after = interviewer.until(|_| {}, |v| v["view"]["submitted"] == true).await;
    assert_eq!(after["view"]["questions"][0]["other_scores"][0]["level"], 4);
    assert!(!candidate
        .view
        .as_ref()
        .expect("view")
        .to_string()
        .contains("other_scores"));
    // Everyone ends at the log's last event: no gaps (each patch continued
    // the previous one, which the client checks) and no divergence.
    interviewer.send(json!({"type": "ping"})).await;
    interviewer.until(|_| {}, |v| v["type"] == "pong").await;
    let last = c.log(&session).await.last().map(|e| e.0).expect("events");
    for ws in [&mut interviewer, &mut candidate, &mut panelist] {
        assert_eq!(ws.at_seq(last).await["seq"], last);
    }
    let seqs: Vec<i64> = c.log(&session).await.iter().map(|e| e.0).collect();
    assert_eq!(seqs, (1..=last).collect::<Vec<_>>(), "one log, no gaps");
}
