//! What one participant may cost a room: a flooding candidate link cannot
//! fill the disk, typing is written at a bounded rate with the final text
//! always kept, oversized messages close with 1009, a session's log has a
//! cap, and a delivery costs what changed (protocol 2).

use std::time::{Duration, Instant};

use futures_util::SinkExt;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::*;
use crate::on_both_backends;
use crate::room_client::RoomClient;
use crate::rooms::{setup, setup_with, ws_base, Setup};

fn candidate_url(s: &Setup) -> String {
    format!("{}/api/v1/rooms/{}/ws", ws_base(&s.app), s.token)
}

fn member_url(s: &Setup) -> String {
    format!("{}/api/v1/teams/{}/sessions/{}/ws", ws_base(&s.app), s.team, s.session)
}

/// `(events, payload bytes)` the session's log holds.
async fn log_size(s: &Setup) -> (i64, i64) {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(LENGTH(payload)), 0) AS BIGINT) FROM session_events";
    if s.app.database_url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(&s.app.database_url).await.expect("sqlite");
        let row: (i64, i64) = sqlx::query_as(sql).fetch_one(&pool).await.expect("size");
        pool.close().await;
        row
    } else {
        let pool = sqlx::PgPool::connect(&s.app.database_url).await.expect("postgres");
        let row: (i64, i64) = sqlx::query_as(sql).fetch_one(&pool).await.expect("size");
        pool.close().await;
        row
    }
}

/// The `answered` texts of the session's timeline, in order.
async fn answers(s: &Setup) -> Vec<String> {
    let (status, timeline) = s
        .owner
        .get(&format!("/api/v1/teams/{}/sessions/{}/timeline", s.team, s.session))
        .await;
    assert_eq!(status, StatusCode::OK);
    timeline
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["event"]["type"] == "answered")
        .map(|e| e["event"]["text"].as_str().unwrap_or("").to_owned())
        .collect()
}

on_both_backends! {
    async fn a_flooding_link_is_cut_off_and_stores_a_few_mb_at_most(backend: Backend) {
        let s = setup(backend).await;
        let mut candidate = RoomClient::connect(candidate_url(&s), None).await.expect("candidate");
        candidate.until(|_| {}, |v| v["type"] == "state").await;
        let (_, bytes_before) = log_size(&s).await;
        // 500 answers a second of 60 KB each, for up to 5 s.
        let started = Instant::now();
        let mut sent = 0usize;
        let mut cut_off = false;
        'flood: while started.elapsed() < Duration::from_secs(5) {
            for _ in 0..50 {
                let text = format!("{sent:06}{}", "x".repeat(60_000));
                let m = json!({"type": "answer", "question": 0, "text": text});
                if candidate.ws.send(Message::Text(m.to_string().into())).await.is_err() {
                    cut_off = true;
                    break 'flood;
                }
                sent += 1;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if !cut_off {
            let closed = candidate.closed(|_| {}).await;
            assert_eq!(closed.map(|c| c.0), Some(mockroom_api::close::POLICY), "a flooding connection is closed");
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (_, bytes_after) = log_size(&s).await;
        let added = bytes_after - bytes_before;
        eprintln!("flood: {sent} answers of 60 KB sent, {added} bytes stored");
        assert!(added < 4 * 1024 * 1024, "{added} bytes stored from one flooding link");
    }

    async fn typing_is_stored_at_a_bounded_rate_and_the_final_text_is_kept(backend: Backend) {
        let s = setup(backend).await;
        let mut interviewer = RoomClient::connect(member_url(&s), s.owner.session_token()).await.expect("interviewer");
        interviewer.until(|_| {}, |v| v["type"] == "state").await;
        let mut candidate = RoomClient::connect(candidate_url(&s), None).await.expect("candidate");
        candidate.until(|_| {}, |v| v["type"] == "state").await;
        // 40 keystrokes over ~1 s (within the message budget).
        let mut text = String::new();
        let started = Instant::now();
        for i in 0..40 {
            text.push(char::from(b'a' + (i % 26) as u8));
            candidate.send(json!({"type": "answer", "question": 0, "text": text})).await;
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let typed = started.elapsed();
        let final_text = text.clone();

        interviewer.until(|_| {}, |v| v["view"]["questions"][0]["answer"] == final_text.as_str()).await;
        let stored = answers(&s).await;
        assert_eq!(stored.last(), Some(&text), "the final text is kept");
        // At most one write per 300 ms (plus the first and the final one).
        let bound = (typed.as_millis() / 300) as usize + 2;
        assert!(stored.len() <= bound, "{} answer events for {typed:?} of typing", stored.len());

        // Text still waiting its turn is written when the candidate leaves
        // (closing the page: the browser sends a close frame).
        candidate.send(json!({"type": "answer", "question": 0, "text": format!("{text} and one more")})).await;
        candidate.send(json!({"type": "answer", "question": 0, "text": format!("{text} and one more thing")})).await;
        candidate.ws.close(None).await.expect("close");
        let _ = candidate.closed(|_| {}).await;
        let want = format!("{text} and one more thing");
        interviewer.until(|_| {}, |v| v["view"]["questions"][0]["answer"] == want.as_str()).await;
        assert_eq!(answers(&s).await.last(), Some(&want));
    }

    async fn an_oversized_message_closes_with_1009(backend: Backend) {
        let s = setup(backend).await;
        let mut candidate = RoomClient::connect(candidate_url(&s), None).await.expect("candidate");
        candidate.until(|_| {}, |v| v["type"] == "state").await;
        let text = "y".repeat(600 * 1024);
        let m = json!({"type": "answer", "question": 0, "text": text});
        let _ = candidate.ws.send(Message::Text(m.to_string().into())).await;
        let (code, reason) = candidate.closed(|_| {}).await.expect("a close frame");
        assert_eq!(code, mockroom_api::close::TOO_BIG);
        assert!(reason.contains("too big"), "{reason}");
    }

    async fn a_session_stops_taking_text_at_its_cap(backend: Backend) {
        let s = setup_with(backend, |c| c.session_log_max_bytes = 64 * 1024).await;
        let mut candidate = RoomClient::connect(candidate_url(&s), None).await.expect("candidate");
        candidate.until(|_| {}, |v| v["type"] == "state").await;
        let mut refused = None;
        for i in 0..20 {
            candidate.send(json!({"type": "answer", "question": 0, "text": format!("{i} {}", "z".repeat(20_000))})).await;
            tokio::time::sleep(Duration::from_millis(350)).await;
            if let Ok(v) = tokio::time::timeout(Duration::from_millis(50), candidate.until(|_| {}, |v| v["type"] == "error")).await {
                refused = Some(v);
                break;
            }
        }
        let refused = refused.expect("refused at the cap");
        assert_eq!(refused["code"], "session_full", "{refused}");
        let (_, bytes) = log_size(&s).await;
        assert!(bytes <= 64 * 1024 + 1024, "{bytes}");
    }

    async fn an_answer_update_costs_the_changed_text_not_the_room(backend: Backend) {
        let s = setup(backend).await;
        // Three questions, every stage revealed: a big room.
        let (_, list) = s.owner.get(&format!("/api/v1/teams/{}/questions", s.team)).await;
        let questions: Vec<Value> = list["questions"].as_array().expect("questions").iter().take(3).map(|q| json!({"question_id": q["id"]})).collect();
        let (status, created) = s.owner.post(&format!("/api/v1/teams/{}/sessions", s.team), json!({"candidate_name": "Cara", "questions": questions})).await;
        assert_eq!(status, StatusCode::CREATED);
        let session = created["session"]["id"].as_str().expect("id").to_owned();
        let token = created["candidate_link"]["token"].as_str().expect("token").to_owned();
        let base = ws_base(&s.app);
        let mut interviewer = RoomClient::connect(format!("{base}/api/v1/teams/{}/sessions/{session}/ws", s.team), s.owner.session_token()).await.expect("interviewer");
        let first = interviewer.until(|_| {}, |v| v["type"] == "state").await;
        let stages: Vec<usize> = first["view"]["questions"].as_array().expect("q").iter().map(|q| q["stages"].as_array().map_or(0, Vec::len)).collect();
        for (q, n) in stages.iter().enumerate() {
            for stage in 0..*n {
                interviewer.send(json!({"type": "reveal", "question": q, "stage": stage})).await;
            }
        }
        let all: usize = stages.iter().sum();
        let mut candidate = RoomClient::connect(format!("{base}/api/v1/rooms/{token}/ws"), None).await.expect("candidate");
        let full = candidate
            .until(|_| {}, |v| v["view"]["questions"].as_array().is_some_and(|qs| qs.iter().map(|q| q["stages"].as_array().map_or(0, Vec::len)).sum::<usize>() == all))
            .await;
        interviewer.until(|_| {}, |v| v["view"]["questions"][2]["stages"].as_array().is_some_and(|a| a.iter().all(|s| s["revealed"] == true))).await;
        let room_bytes = full.to_string().len();
        // One answer update: a 300-character text that gains 10 characters.
        let before = "The pod restarts because its liveness probe fails during a slow start; ".repeat(4);
        candidate.send(json!({"type": "answer", "question": 0, "text": before})).await;
        candidate.until(|_| {}, |v| v["view"]["questions"][0]["answer"] == before.as_str()).await;
        interviewer.until(|_| {}, |v| v["view"]["questions"][0]["answer"] == before.as_str()).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        let after = format!("{before}startupProbe");
        let (c0, i0) = (candidate.received_bytes, interviewer.received_bytes);
        candidate.send(json!({"type": "answer", "question": 0, "text": after})).await;
        candidate.until(|_| {}, |v| v["view"]["questions"][0]["answer"] == after.as_str()).await;
        interviewer.until(|_| {}, |v| v["view"]["questions"][0]["answer"] == after.as_str()).await;
        let (to_candidate, to_interviewer) = (candidate.received_bytes - c0, interviewer.received_bytes - i0);
        eprintln!("room view {room_bytes} bytes; answer update: {to_candidate} bytes to the candidate, {to_interviewer} to the interviewer");
        assert!(room_bytes > 10_000, "a big room: {room_bytes}");
        assert!(to_candidate <= 1024 + 12, "{to_candidate}");
        assert!(to_interviewer <= 1024 + 12, "{to_interviewer}");
    }
}
