//! What a candidate or interviewer can rely on at a room's edges: withdrawn
//! and expired links close their connections before anything newer is sent,
//! an ended interview is ended for everyone, assigned mocks keep the answer
//! key, dead connections are noticed, links say at once what they are, and
//! old clients are told to reload. Assertions on the candidate's raw bytes
//! where the rule is about what they receive.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;
use crate::room_client::{connect_raw, RoomClient};
use crate::rooms::{marker, setup, setup_with, ws_base, Setup};

fn candidate_url(s: &Setup, token: &str) -> String {
    format!("{}/api/v1/rooms/{token}/ws", ws_base(&s.app))
}

fn member_url(s: &Setup) -> String {
    format!("{}/api/v1/teams/{}/sessions/{}/ws", ws_base(&s.app), s.team, s.session)
}

fn connected(view: &Value, role: &str) -> Option<bool> {
    view["view"]["participants"]
        .as_array()?
        .iter()
        .find(|p| p["role"] == role)
        .and_then(|p| p["connected"].as_bool())
}

/// The HTTP status a refused WebSocket handshake answered with.
async fn handshake_status(url: String) -> (u16, Duration) {
    let started = Instant::now();
    match connect_raw(url, None).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => (response.status().as_u16(), started.elapsed()),
        other => panic!("the handshake should be refused: {:?}", other.map(|_| ())),
    }
}

on_both_backends! {
    async fn revoking_the_link_evicts_the_candidate_before_the_next_reveal(backend: Backend) {
        let s = setup(backend).await;
        let mut interviewer = RoomClient::connect(member_url(&s), s.owner.session_token()).await.expect("interviewer");
        interviewer.until(|_| {}, |v| v["type"] == "state").await;
        let mut candidate = RoomClient::connect(candidate_url(&s, &s.token), None).await.expect("candidate");
        candidate.until(|_| {}, |v| v["type"] == "state").await;
        interviewer.send(json!({"type": "reveal", "question": 0, "stage": 0})).await;
        candidate
            .until(|_| {}, |v| v["view"]["questions"][0]["stages"].as_array().is_some_and(|a| a.len() == 1))
            .await;

        // Withdraw the link, then at once reveal more.
        let (status, _) = s.owner.delete(&format!("/api/v1/teams/{}/sessions/{}/candidate-link", s.team, s.session)).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        for stage in 1..s.stages.len() {
            interviewer.send(json!({"type": "reveal", "question": 0, "stage": stage})).await;
        }
        let later: Vec<String> = s.stages.iter().skip(1).map(|(_, html)| marker(html)).collect();
        let closed = candidate
            .closed(|frame| {
                for m in &later {
                    assert!(!frame.contains(m.as_str()), "a stage revealed after the revocation reached the candidate: {frame}");
                }
            })
            .await;
        let (code, reason) = closed.expect("a close frame");
        assert_eq!(code, mockroom_api::close::LINK_REVOKED);
        assert!(reason.contains("withdrawn"), "{reason}");

        // The interviewer sees the candidate gone, and the log says why.
        interviewer.until(|_| {}, |v| connected(v, "candidate") == Some(false)).await;
        let (_, timeline) = s.owner.get(&format!("/api/v1/teams/{}/sessions/{}/timeline", s.team, s.session)).await;
        assert!(timeline.as_array().expect("events").iter().any(|e| e["event"]["type"] == "links_revoked"));
        // Rejoining is refused, at once and by name.
        let (status, body) = s.app.client().get(&format!("/api/v1/rooms/{}", s.token)).await;
        assert_error(status, &body, StatusCode::GONE, "link_revoked");
    }

    async fn a_link_that_expires_closes_its_connection(backend: Backend) {
        let s = setup_with(backend, |c| {
            c.dev_clock = true;
            c.ws_ping_interval = Duration::from_millis(300);
        })
        .await;
        let mut candidate = RoomClient::connect(candidate_url(&s, &s.token), None).await.expect("candidate");
        candidate.until(|_| {}, |v| v["type"] == "state").await;
        // Links live 7 days by default.
        s.app.advance_clock(8 * 24 * 3600).await;
        let (code, _) = candidate.closed(|_| {}).await.expect("a close frame");
        assert_eq!(code, mockroom_api::close::LINK_EXPIRED);
        let (status, body) = s.app.client().get(&format!("/api/v1/rooms/{}", s.token)).await;
        assert_error(status, &body, StatusCode::GONE, "link_expired");
    }

    async fn links_say_at_once_what_they_are(backend: Backend) {
        let s = setup(backend).await;
        // Unknown.
        let (status, body) = s.app.client().get("/api/v1/rooms/no-such-link").await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "link_unknown");
        let (status, took) = handshake_status(candidate_url(&s, "no-such-link")).await;
        assert_eq!(status, 404);
        assert!(took < Duration::from_secs(2), "{took:?}");
        // Expired (aged in the database).
        let (_, second) = s.owner.post_empty(&format!("/api/v1/teams/{}/sessions/{}/candidate-link", s.team, s.session)).await;
        let second = second["token"].as_str().expect("token").to_owned();
        let past = chrono::Utc::now() - chrono::Duration::minutes(1);
        let aged = "UPDATE session_invites SET expires_at = $1 WHERE revoked_at IS NULL";
        if s.app.database_url.starts_with("sqlite:") {
            let pool = sqlx::SqlitePool::connect(&s.app.database_url).await.expect("sqlite");
            sqlx::query(aged).bind(past).execute(&pool).await.expect("age");
            pool.close().await;
        } else {
            let pool = sqlx::PgPool::connect(&s.app.database_url).await.expect("postgres");
            sqlx::query(aged).bind(past).execute(&pool).await.expect("age");
            pool.close().await;
        }
        let (status, body) = s.app.client().get(&format!("/api/v1/rooms/{second}")).await;
        assert_error(status, &body, StatusCode::GONE, "link_expired");
        assert!(body["error"]["message"].as_str().unwrap_or("").starts_with("this link expired on "), "{body}");
        assert_eq!(handshake_status(candidate_url(&s, &second)).await.0, 410);
        // Withdrawn.
        let (status, _) = s.owner.delete(&format!("/api/v1/teams/{}/sessions/{}/candidate-link", s.team, s.session)).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, body) = s.app.client().get(&format!("/api/v1/rooms/{}", s.token)).await;
        assert_error(status, &body, StatusCode::GONE, "link_revoked");
        let (status, took) = handshake_status(candidate_url(&s, &s.token)).await;
        assert_eq!(status, 410);
        assert!(took < Duration::from_secs(2), "{took:?}");
    }

    async fn an_ended_interview_is_ended_for_everyone(backend: Backend) {
        let s = setup(backend).await;
        let mut interviewer = RoomClient::connect(member_url(&s), s.owner.session_token()).await.expect("interviewer");
        let mut candidate = RoomClient::connect(candidate_url(&s, &s.token), None).await.expect("candidate");
        candidate.until(|_| {}, |v| v["type"] == "state").await;
        interviewer.send(json!({"type": "reveal_next"})).await;
        interviewer.send(json!({"type": "timer_start"})).await;
        candidate.until(|_| {}, |v| v["view"]["timer"]["running"] == true).await;
        interviewer.send(json!({"type": "finish"})).await;
        for ws in [&mut interviewer, &mut candidate] {
            let ended = ws.until(|_| {}, |v| v["view"]["finished"] == true).await;
            assert_eq!(ended["view"]["timer"]["running"], false, "{ended}");
            assert_eq!(ended["view"]["timer"]["deadline_ms"], Value::Null);
        }
        // The candidate's work is final: refused with a reason.
        candidate.send(json!({"type": "answer", "question": 0, "text": "one more thing"})).await;
        let e = candidate.until(|_| {}, |v| v["type"] == "error").await;
        assert_eq!(e["code"], "finished", "{e}");
        // And the room stays closed: no timer restarts.
        interviewer.send(json!({"type": "timer_resume"})).await;
        let e = interviewer.until(|_| {}, |v| v["type"] == "error").await;
        assert_eq!(e["code"], "finished", "{e}");
        let (_, list) = s.owner.get(&format!("/api/v1/teams/{}/sessions", s.team)).await;
        assert!(list[0]["ended_at"].is_string(), "{list}");
    }

    async fn dead_connections_are_dropped_and_leavers_shown_gone_quickly(backend: Backend) {
        let s = setup_with(backend, |c| {
            c.ws_ping_interval = Duration::from_millis(500);
            c.ws_idle_timeout = Duration::from_secs(2);
        })
        .await;
        let mut interviewer = RoomClient::connect(member_url(&s), s.owner.session_token()).await.expect("interviewer");
        interviewer.until(|_| {}, |v| v["type"] == "state").await;

        // A candidate that leaves cleanly is shown gone within 2 s.
        let mut leaving = RoomClient::connect(candidate_url(&s, &s.token), None).await.expect("candidate");
        leaving.until(|_| {}, |v| v["type"] == "state").await;
        interviewer.until(|_| {}, |v| connected(v, "candidate") == Some(true)).await;
        let left = Instant::now();
        leaving.ws.close(None).await.expect("close");
        interviewer.until(|_| {}, |v| connected(v, "candidate") == Some(false)).await;
        assert!(left.elapsed() < Duration::from_secs(2), "{:?}", left.elapsed());

        // A candidate whose client stops answering (never reads again, so
        // never pongs) is dropped after the timeout.
        let mut silent = RoomClient::connect(candidate_url(&s, &s.token), None).await.expect("candidate");
        silent.until(|_| {}, |v| v["type"] == "state").await;
        interviewer.until(|_| {}, |v| connected(v, "candidate") == Some(true)).await;
        let went_quiet = Instant::now();
        let dropped = interviewer.until(|_| {}, |v| connected(v, "candidate") == Some(false)).await;
        assert!(dropped["view"].is_object());
        let after = went_quiet.elapsed();
        assert!(after >= Duration::from_millis(1500) && after < Duration::from_secs(6), "dropped after {after:?}");
        drop(silent);
    }

    async fn protocol_1_clients_are_told_to_reload(backend: Backend) {
        let s = setup(backend).await;
        let mut ws = connect_raw(candidate_url(&s, &s.token), None).await.expect("socket");
        use futures_util::SinkExt;
        ws.send(tokio_tungstenite::tungstenite::Message::Text(json!({"type": "hello", "version": 1}).to_string().into()))
            .await
            .expect("hello");
        let mut saw_error = false;
        let mut close = None;
        while let Some(Ok(frame)) = ws.next().await {
            match frame {
                tokio_tungstenite::tungstenite::Message::Text(text) => {
                    let v: Value = serde_json::from_str(text.as_str()).expect("json");
                    assert_eq!(v["type"], "error", "nothing but the error before closing: {v}");
                    assert_eq!(v["code"], "version");
                    saw_error = true;
                }
                tokio_tungstenite::tungstenite::Message::Close(frame) => {
                    close = frame.map(|f| u16::from(f.code));
                    break;
                }
                _ => {}
            }
        }
        assert!(saw_error);
        assert_eq!(close, Some(mockroom_api::close::VERSION));
    }

    async fn assigned_mocks_keep_the_answer_key_unless_the_team_opens_it(backend: Backend) {
        let s = setup(backend).await;
        let key_kinds = ["section", "junior_answer", "senior_answer", "model_answer", "quick_check_explanation"];
        let key: Vec<String> = s
            .stages
            .iter()
            .filter(|(kind, _)| key_kinds.contains(&kind.as_str()))
            .map(|(_, html)| marker(html))
            .collect();
        assert!(!key.is_empty());
        for show_answer_key in [false, true] {
            let (status, created) = s
                .owner
                .post(
                    &format!("/api/v1/teams/{}/sessions", s.team),
                    json!({"candidate_name": "Cara", "mode": "assigned", "show_answer_key": show_answer_key,
                           "questions": [{"question_id": s.question}]}),
                )
                .await;
            assert_eq!(status, StatusCode::CREATED, "{created}");
            assert_eq!(created["session"]["show_answer_key"], show_answer_key);
            let token = created["candidate_link"]["token"].as_str().expect("token").to_owned();
            let mut ws = RoomClient::connect(candidate_url(&s, &token), None).await.expect("candidate");
            let mut bytes = String::new();
            ws.until(|f| bytes.push_str(f), |v| v["type"] == "state").await;
            ws.send(json!({"type": "start_question", "question": 0})).await;
            ws.send(json!({"type": "submit_answer", "question": 0})).await;
            ws.until(|f| bytes.push_str(f), |v| v["view"]["questions"][0]["mock"]["closed"] == true).await;
            // Reveal until the server says there is nothing more, answering the quick check on the way.
            loop {
                ws.send(json!({"type": "reveal_next"})).await;
                let next = ws.until(|f| bytes.push_str(f), |v| v["type"] == "error" || v["type"] == "state").await;
                if next["type"] == "error" {
                    if next["code"] == "nothing_to_reveal" {
                        break;
                    }
                    continue;
                }
                let open = next["view"]["questions"][0]["quick_checks"].as_array().and_then(|a| a.first()).is_some_and(|q| q["open"] == true);
                if open {
                    ws.send(json!({"type": "quick_check", "question": 0, "check": 0, "option": (s.correct + 1) % 4})).await;
                    ws.until(|f| bytes.push_str(f), |v| !v["view"]["questions"][0]["quick_checks"][0]["chosen"].is_null()).await;
                }
            }
            let rest = s.app.client().send("GET", &format!("/api/v1/rooms/{token}"), None).await;
            bytes.push_str(&rest.body.to_string());
            let check = &rest.body["questions"][0]["quick_checks"][0];
            assert_eq!(check["right"], false, "the candidate learns they were wrong");
            if show_answer_key {
                for m in &key {
                    assert!(bytes.contains(m.as_str()), "the opened key should show {m}");
                }
                assert_eq!(check["correct"], s.correct);
            } else {
                for m in &key {
                    assert!(!bytes.contains(m.as_str()), "part of the answer key reached the candidate: {m}");
                }
                assert_eq!(check["correct"], Value::Null, "not even which option was right");
            }
        }
    }
}
