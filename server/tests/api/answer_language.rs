//! The answer's language, as a hostile candidate would send it over a raw
//! WebSocket: only the listed ids are taken, only from the candidate, only
//! while the answer is open; a refusal stores nothing and sends nothing to
//! the interviewer. On SQLite and PostgreSQL.

use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;
use crate::room_client::RoomClient;
use crate::rooms::{setup, ws_base};

/// Events in the session's log, as the timeline lists them.
async fn logged(owner: &TestClient, team: &str, session: &str) -> usize {
    let (_, timeline) = owner
        .get(&format!("/api/v1/teams/{team}/sessions/{session}/timeline"))
        .await;
    timeline.as_array().map_or(0, Vec::len)
}

/// Sends `message` and returns the error frame it is refused with.
async fn refused(ws: &mut RoomClient, message: Value) -> Value {
    ws.send(message).await;
    ws.until(|_| {}, |v| v["type"] == "error").await
}

on_both_backends! {
    async fn a_live_answer_language_is_checked_stored_once_and_final_after_the_end(backend: Backend) {
        let s = setup(backend).await;
        let base = ws_base(&s.app);
        let member_url = format!("{base}/api/v1/teams/{}/sessions/{}/ws", s.team, s.session);
        let mut interviewer = RoomClient::connect(member_url, s.owner.session_token()).await.expect("interviewer");
        let mut candidate = RoomClient::connect(format!("{base}/api/v1/rooms/{}/ws", s.token), None).await.expect("candidate");
        candidate.until(|_| {}, |v| v["type"] == "state").await;
        interviewer.send(json!({"type": "reveal_next"})).await;
        candidate.until(|_| {}, |v| v["view"]["questions"][0]["stages"].as_array().is_some_and(|s| !s.is_empty())).await;

        // A listed language reaches the interviewer's view.
        candidate.send(json!({"type": "answer_language", "question": 0, "language": "rust"})).await;
        interviewer.until(|_| {}, |v| v["view"]["questions"][0]["answer_language"] == "rust").await;
        let before = logged(&s.owner, &s.team, &s.session).await;
        // The same language again is no new event.
        candidate.send(json!({"type": "answer_language", "question": 0, "language": "rust"})).await;

        // What a hostile client might send instead, each refused with its reason.
        let huge = "r".repeat(60_000);
        let attempts = [
            (json!({"type": "answer_language", "question": 0, "language": huge}), "bad_language"),
            (json!({"type": "answer_language", "question": 0, "language": "<script>"}), "bad_language"),
            (json!({"type": "answer_language", "question": 0, "language": ""}), "bad_language"),
            (json!({"type": "answer_language", "question": 7, "language": "go"}), "bad_question"),
        ];
        for (message, code) in attempts {
            let e = refused(&mut candidate, message).await;
            assert_eq!(e["code"], code, "{e}");
        }
        // Only the candidate chooses the answer's language.
        let e = refused(&mut interviewer, json!({"type": "answer_language", "question": 0, "language": "go"})).await;
        assert_eq!(e["code"], "forbidden", "{e}");
        // A malformed message is refused as such, not half-applied.
        let e = refused(&mut candidate, json!({"type": "answer_language", "question": 0, "language": 42})).await;
        assert_eq!(e["code"], "bad_message", "{e}");

        // Once the interview has ended the answer, and so its language, is final.
        interviewer.send(json!({"type": "finish"})).await;
        candidate.until(|_| {}, |v| v["view"]["finished"] == true).await;
        let e = refused(&mut candidate, json!({"type": "answer_language", "question": 0, "language": "python"})).await;
        assert_eq!(e["code"], "finished", "{e}");

        // Nothing refused reached the log or the interviewer: the log grew by
        // the end of the interview alone, and the language is still Rust.
        let after = logged(&s.owner, &s.team, &s.session).await;
        assert_eq!(after, before + 1, "only the finish was stored");
        let (_, replayed) = s.owner.get(&format!("/api/v1/teams/{}/sessions/{}/replay?seq={after}", s.team, s.session)).await;
        assert_eq!(replayed["questions"][0]["answer_language"], "rust", "{replayed}");
        let view = interviewer.view.clone().expect("the interviewer's view");
        assert_eq!(view["questions"][0]["answer_language"], "rust", "{view}");
        assert!(interviewer.received_bytes < 60_000, "the oversized language never reached the interviewer ({} bytes)", interviewer.received_bytes);
    }

    async fn a_mock_answer_language_is_taken_only_while_the_answer_is_open(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.bundled_content = true).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let (_, drawn) = owner.post("/api/v1/practice/draw", json!({"team_id": team, "count": 1, "kinds": ["Debugging"]})).await;
        let question = drawn["questions"][0]["question"]["id"].clone();
        let (status, mock) = owner.post("/api/v1/practice/mocks", json!({"team_id": team, "questions": [{"question_id": question}]})).await;
        assert_eq!(status, reqwest::StatusCode::CREATED, "{mock}");
        let url = format!("{}/api/v1/practice/mocks/{}/ws", ws_base(&app), mock["id"].as_str().expect("id"));
        let mut ws = RoomClient::connect(url, owner.session_token()).await.expect("candidate");
        ws.until(|_| {}, |v| v["type"] == "state").await;

        let e = refused(&mut ws, json!({"type": "answer_language", "question": 0, "language": "go"})).await;
        assert_eq!(e["code"], "not_started", "{e}");
        ws.send(json!({"type": "start_question", "question": 0})).await;
        ws.until(|_| {}, |v| v["view"]["questions"][0]["mock"]["started_ms"].is_number()).await;
        let e = refused(&mut ws, json!({"type": "answer_language", "question": 0, "language": "r".repeat(60_000)})).await;
        assert_eq!(e["code"], "bad_language", "{e}");
        ws.send(json!({"type": "answer_language", "question": 0, "language": "go"})).await;
        ws.until(|_| {}, |v| v["view"]["questions"][0]["answer_language"] == "go").await;
        ws.send(json!({"type": "submit_answer", "question": 0})).await;
        ws.until(|_| {}, |v| v["view"]["questions"][0]["mock"]["submitted_ms"].is_number()).await;
        let e = refused(&mut ws, json!({"type": "answer_language", "question": 0, "language": "python"})).await;
        assert_eq!(e["code"], "locked", "{e}");
        assert_eq!(ws.view.as_ref().expect("view")["questions"][0]["answer_language"], "go");
    }
}
