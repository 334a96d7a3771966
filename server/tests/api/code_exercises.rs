//! A guide's code exercise in a room: a titled stage whose code reaches the
//! candidate only once revealed, and then with its language, so the answer
//! can start from it.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;
use crate::room_client::RoomClient;
use crate::rooms::ws_base;

const REACT_GUIDE: &str = include_str!("../../../guide/tests/corpus/react-rendering.md");

fn stage_of_kind<'a>(question: &'a Value, kind: &str) -> Option<&'a Value> {
    question["stages"].as_array()?.iter().find(|s| s["kind"] == kind)
}

on_both_backends! {
    async fn a_code_exercise_reaches_the_candidate_with_its_code_once_revealed(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let (status, body) = owner
            .post(&format!("/api/v1/teams/{team}/packs"), json!({"filename": "react.md", "markdown": REACT_GUIDE}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (_, list) = owner.get(&format!("/api/v1/teams/{team}/questions?q=theme")).await;
        let question = list["questions"][0]["id"].as_str().expect("id").to_owned();
        let (status, created) = owner
            .post(
                &format!("/api/v1/teams/{team}/sessions"),
                json!({"candidate_name": "Cara", "questions": [{"question_id": question}]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let session = created["session"]["id"].as_str().expect("session");
        let token = created["candidate_link"]["token"].as_str().expect("token");
        let base = ws_base(&app);

        // The interviewer sees the exercise's code before revealing it.
        let mut interviewer =
            RoomClient::connect(format!("{base}/api/v1/teams/{team}/sessions/{session}/ws"), owner.session_token())
                .await
                .expect("interviewer");
        let state = interviewer.until(|_| {}, |v| v["type"] == "state").await;
        let q = &state["view"]["questions"][0];
        let exercise = stage_of_kind(q, "code_exercise").expect("a code exercise stage").clone();
        assert_eq!(exercise["title"], "Provide the theme with context");
        assert_eq!(exercise["code"]["language"], "tsx");
        let code = exercise["code"]["code"].as_str().expect("code").to_owned();
        assert!(code.starts_with("const ThemeContext = createContext"), "{code}");
        assert!(
            q["stages"].as_array().expect("stages").iter().filter(|s| s["kind"] != "code_exercise").all(|s| s.get("code").is_none()),
            "only code exercises carry code"
        );
        let index = exercise["index"].as_u64().expect("index");

        // The candidate gets nothing of it until it is revealed.
        let first_line = serde_json::to_string(code.lines().next().expect("a line")).expect("json");
        let first_line = first_line.trim_matches('"').to_owned();
        let mut candidate = RoomClient::connect(format!("{base}/api/v1/rooms/{token}/ws"), None).await.expect("candidate");
        candidate.until(|_| {}, |v| v["type"] == "state").await;
        for stage in 0..index {
            interviewer.send(json!({"type": "reveal", "question": 0, "stage": stage})).await;
        }
        let shown = |n: u64| move |v: &Value| v["view"]["questions"][0]["stages"].as_array().is_some_and(|a| a.len() as u64 == n);
        let no_code = |frame: &str| assert!(!frame.contains(first_line.as_str()), "unrevealed code reached the candidate: {frame}");
        candidate.until(no_code, shown(index)).await;

        interviewer.send(json!({"type": "reveal", "question": 0, "stage": index})).await;
        let state = candidate.until(|_| {}, shown(index + 1)).await;
        let got = stage_of_kind(&state["view"]["questions"][0], "code_exercise").expect("revealed");
        assert_eq!(got["title"], "Provide the theme with context");
        assert_eq!(got["code"], json!({"language": "tsx", "code": code}));
        assert!(got["html"].as_str().expect("html").contains("<span class=\"hl-k\">const</span>"), "highlighted");

        // Starting the answer from it is an ordinary answer.
        candidate.send(json!({"type": "answer", "question": 0, "text": code})).await;
        interviewer.until(|_| {}, |v| v["view"]["questions"][0]["answer"] == json!(code)).await;
    }

    async fn an_assigned_mock_opens_with_its_starting_code_and_keeps_walkthrough_code(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.bundled_content = true).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let (_, list) = owner.get(&format!("/api/v1/teams/{team}/questions?q=outbox")).await;
        let question = list["questions"][0]["id"].as_str().expect("the bundled outbox question").to_owned();
        let (_, preview) = owner.get(&format!("/api/v1/teams/{team}/questions/{question}")).await;
        let kinds: Vec<&str> = preview["stages"].as_array().expect("stages").iter().map(|s| s["kind"].as_str().unwrap_or("")).collect();
        assert_eq!(kinds[..4], ["scenario", "challenge", "code_exercise", "section"], "the starting code follows the challenge");
        let walkthrough = preview["stages"][3]["html"].as_str().expect("html").to_owned();
        let walkthrough = &walkthrough[walkthrough.len() / 3..][..40];

        let (status, created) = owner
            .post(
                &format!("/api/v1/teams/{team}/sessions"),
                json!({"candidate_name": "Cara", "mode": "assigned", "questions": [{"question_id": question}]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let token = created["candidate_link"]["token"].as_str().expect("token");
        let mut ws = RoomClient::connect(format!("{}/api/v1/rooms/{token}/ws", ws_base(&app)), None).await.expect("candidate");
        ws.until(|_| {}, |v| v["type"] == "state").await;
        ws.send(json!({"type": "start_question", "question": 0})).await;
        let started = ws
            .until(|f| assert!(!f.contains(walkthrough), "walkthrough reached the candidate: {f}"), |v| {
                v["view"]["questions"][0]["stages"].as_array().is_some_and(|a| a.len() == 3)
            })
            .await;
        let exercise = stage_of_kind(&started["view"]["questions"][0], "code_exercise").expect("the starting code");
        assert_eq!(exercise["code"]["language"], "python");
        assert!(exercise["code"]["code"].as_str().expect("code").starts_with("def place_order(cart):"));
        // The answer is open: the candidate may start from the code.
        ws.send(json!({"type": "answer", "question": 0, "text": exercise["code"]["code"].clone()})).await;
        ws.until(|_| {}, |v| v["view"]["questions"][0]["answer"].as_str().is_some_and(|a| a.starts_with("def place_order"))).await;
    }
}
