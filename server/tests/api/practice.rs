//! Timed mocks and practice: deadlines the client cannot stretch, late
//! answers kept and flagged, nothing past the challenge before submitting
//! (checked on the candidate's bytes), history figures, FSRS reviews, and
//! one's own data. Each on SQLite and PostgreSQL.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;
use crate::rooms::{connect, marker, send, until, ws_base, Socket};

/// Seconds a question gets in these tests (the shortest allowed).
const LIMIT_SECS: i64 = 10;

/// Kind and HTML of every stage of a question, from the interviewer preview.
async fn stages_of(owner: &TestClient, team: &str, question: &str) -> Vec<(String, String)> {
    let (_, preview) = owner.get(&format!("/api/v1/teams/{team}/questions/{question}")).await;
    preview["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|s| {
            (
                s["kind"].as_str().unwrap_or("").to_owned(),
                s["html"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn is_opening(kind: &str) -> bool {
    matches!(kind, "scenario" | "challenge")
}

/// The next `state` frame, every raw frame checked first.
async fn next_state(ws: &mut Socket, check: impl FnMut(&str)) -> Value {
    until(ws, check, |v| v["type"] == "state").await
}

/// The first `state` frame whose view satisfies `want` (earlier frames, such
/// as another tab joining, are skipped), every raw frame checked first.
async fn state_where(ws: &mut Socket, check: impl FnMut(&str), want: impl Fn(&Value) -> bool) -> Value {
    until(ws, check, |v| v["type"] == "state" && want(&v["view"])).await["view"].clone()
}

/// The next frame of `type` (e.g. an `error`).
async fn next_of(ws: &mut Socket, kind: &str) -> Value {
    until(ws, |_| {}, |v| v["type"] == kind).await
}

async fn practising_app(backend: Backend) -> (TestApp, TestClient, String) {
    let app = spawn_app_with(backend, |c| {
        c.bundled_content = true;
        c.dev_clock = true;
    })
    .await;
    let (owner, team) = app.owner("owner@example.org").await;
    (app, owner, team)
}

/// Draws `n` questions and starts a practice mock with `LIMIT_SECS` each.
async fn start_mock(who: &TestClient, team: &str, n: u32) -> (String, Vec<Value>) {
    let (status, options) = who.get(&format!("/api/v1/practice/options/{team}")).await;
    assert_eq!(status, StatusCode::OK, "{options}");
    assert_eq!(
        options["packs"].as_array().map(Vec::len),
        Some(4),
        "the bundled packs: {options}"
    );
    assert!(options["kinds"]
        .as_array()
        .expect("kinds")
        .contains(&json!("Debugging")));
    let (status, drawn) = who
        .post(
            "/api/v1/practice/draw",
            json!({"team_id": team, "count": n, "kinds": ["Debugging"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{drawn}");
    let questions = drawn["questions"].as_array().expect("questions").clone();
    assert_eq!(questions.len(), n as usize, "{drawn}");
    assert!(questions.iter().all(|q| q["question"]["kind"] == "Debugging"));
    assert_eq!(questions[0]["time_limit_secs"], 20 * 60, "default for Debugging");
    let specs: Vec<Value> = questions
        .iter()
        .map(|q| json!({"question_id": q["question"]["id"], "time_limit_secs": LIMIT_SECS}))
        .collect();
    let (status, mock) = who
        .post("/api/v1/practice/mocks", json!({"team_id": team, "questions": specs}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{mock}");
    (mock["id"].as_str().expect("id").to_owned(), questions)
}

on_both_backends! {
    async fn a_practice_mock_keeps_its_deadline_keeps_late_answers_and_feeds_history_and_reviews(backend: Backend) {
        let (app, owner, team) = practising_app(backend).await;
        let (mock, questions) = start_mock(&owner, &team, 2).await;
        let question = questions[0]["question"]["id"].as_str().expect("id").to_owned();
        let stages = stages_of(&owner, &team, &question).await;
        let hidden: Vec<String> = stages.iter().filter(|(k, _)| !is_opening(k)).map(|(_, h)| marker(h)).collect();
        let no_hidden_stage = |frame: &str| {
            for m in &hidden {
                assert!(!frame.contains(m.as_str()), "a stage past the challenge leaked before submitting: {frame}");
            }
        };

        let url = format!("{}/api/v1/practice/mocks/{mock}/ws", ws_base(&app));
        let mut ws = connect(url.clone(), owner.session_token()).await.expect("join own mock");
        let v = next_state(&mut ws, no_hidden_stage).await;
        assert_eq!(v["view"]["mode"], "practice");
        assert_eq!(v["view"]["questions"][0]["stages"], json!([]), "nothing before the start");

        send(&mut ws, json!({"type": "start_question", "question": 0})).await;
        let v = state_where(&mut ws, no_hidden_stage, |v| v["questions"][0]["mock"]["started_ms"].is_i64()).await;
        let q = &v["questions"][0];
        let kinds: Vec<&str> = q["stages"].as_array().expect("stages").iter().map(|s| s["kind"].as_str().unwrap_or("")).collect();
        assert!(!kinds.is_empty() && kinds.iter().all(|k| is_opening(k)), "{kinds:?}");
        let deadline = q["mock"]["deadline_ms"].as_i64().expect("deadline");
        assert_eq!(deadline - q["mock"]["started_ms"].as_i64().expect("start"), LIMIT_SECS * 1000);

        // A second tab starting it again does not move the deadline.
        let mut second = connect(url.clone(), owner.session_token()).await.expect("second tab");
        send(&mut second, json!({"type": "start_question", "question": 0})).await;
        send(&mut second, json!({"type": "reveal_next"})).await;
        let refused = next_of(&mut second, "error").await;
        assert_eq!(refused["code"], "answer_first", "{refused}");
        let (_, view) = owner.get(&format!("/api/v1/practice/mocks/{mock}")).await;
        assert_eq!(view["questions"][0]["mock"]["deadline_ms"].as_i64(), Some(deadline));
        drop(second);

        send(&mut ws, json!({"type": "answer", "question": 0, "text": "check the probe"})).await;
        state_where(&mut ws, no_hidden_stage, |v| v["questions"][0]["answer"] == "check the probe").await;
        app.advance_clock(LIMIT_SECS + 5).await;
        send(&mut ws, json!({"type": "answer", "question": 0, "text": "check the probe, then the limits"})).await;
        let v = state_where(&mut ws, |_| {}, |v| v["questions"][0]["answer"] == "check the probe, then the limits").await;
        assert_eq!(v["questions"][0]["mock"]["late"], true);
        send(&mut ws, json!({"type": "submit_answer", "question": 0})).await;
        state_where(&mut ws, |_| {}, |v| v["questions"][0]["mock"]["submitted_ms"].is_i64()).await;
        let (_, view) = owner.get(&format!("/api/v1/practice/mocks/{mock}")).await;
        let q = &view["questions"][0];
        assert_eq!(q["answer"], "check the probe, then the limits", "the late answer is kept");
        assert_eq!(q["mock"]["late"], true);
        assert_eq!(q["mock"]["closed"], true);

        // Reveal step by step; answer the first quick check (wrongly) as soon as
        // it shows, before its explanation closes it; score oneself.
        let (_, preview) = owner.get(&format!("/api/v1/teams/{team}/questions/{question}")).await;
        let correct = preview["stages"].as_array().expect("stages").iter()
            .find_map(|s| s["quick_check"]["correct"].as_i64()).expect("correct option");
        let wrong = if correct == 0 { 1 } else { 0 };
        let total = stages.len();
        let mut shown = q["stages"].as_array().map_or(0, Vec::len);
        let mut graded = None;
        while shown < total {
            send(&mut ws, json!({"type": "reveal_next"})).await;
            shown += 1;
            let v = state_where(&mut ws, |_| {}, |v| v["questions"][0]["stages"].as_array().map(Vec::len) == Some(shown)).await;
            if graded.is_none() && v["questions"][0]["quick_checks"][0]["open"] == true {
                assert!(v["questions"][0]["quick_checks"][0]["correct"].is_null(), "no answer before answering");
                send(&mut ws, json!({"type": "quick_check", "question": 0, "check": 0, "option": wrong})).await;
                graded = Some(state_where(&mut ws, |_| {}, |v| v["questions"][0]["quick_checks"][0]["chosen"] == wrong).await);
            }
        }
        let v = graded.expect("the question has a quick check");
        assert_eq!(v["questions"][0]["quick_checks"][0]["correct"], correct, "graded once answered");
        let dims = v["questions"][0]["mock"]["rubric"]["dimensions"].as_array().expect("rubric once closed").len();
        assert!(dims > 0);
        send(&mut ws, json!({"type": "self_score", "question": 0, "dimension": 0, "level": 3})).await;
        state_where(&mut ws, |_| {}, |v| v["questions"][0]["mock"]["self_scores"] == json!([[0, 3]])).await;
        send(&mut ws, json!({"type": "finish"})).await;
        state_where(&mut ws, |_| {}, |v| v["finished"] == true).await;

        // History: one attempt, the first question late, self-score 3 of the top level.
        let (status, history) = owner.get("/api/v1/practice/history").await;
        assert_eq!(status, StatusCode::OK, "{history}");
        let attempt = &history["attempts"][0];
        assert_eq!(attempt["finished"], true);
        let q0 = &attempt["questions"][0];
        assert_eq!(q0["outcome"], "late");
        assert_eq!(q0["time_used_ms"].as_i64().map(|ms| ms >= (LIMIT_SECS + 5) * 1000), Some(true), "{q0}");
        let top = q0["self_scores"][0]["top"].as_f64().expect("top level");
        assert_eq!(q0["self_score_pct"].as_f64(), Some(100.0 * 3.0 / top));
        assert_eq!((q0["quick_checks_answered"].as_i64(), q0["quick_checks_correct"].as_i64()), (Some(1), Some(0)));
        assert_eq!(attempt["questions"][1]["outcome"], "not_started");
        let category = q0["category"].as_str().expect("category");
        let progress = history["progress"].as_array().expect("progress");
        let point = &progress.iter().find(|p| p["category"] == category).expect("category progress")["points"][0];
        assert_eq!(point["quick_check_pct"].as_f64(), Some(0.0));
        assert_eq!(point["self_score_pct"], q0["self_score_pct"]);

        // Reviews: the wrong answer made a card (FSRS: Again), due in a day.
        let (_, queue) = owner.get("/api/v1/reviews").await;
        assert_eq!(queue["total_cards"], 1, "{queue}");
        assert_eq!(queue["due"], json!([]));
        assert!(queue["next_due_at"].is_string());
        let (status, early) = owner.post("/api/v1/reviews/answer", json!({"question_id": question, "check": 0, "option": correct})).await;
        assert_error(status, &early, StatusCode::CONFLICT, "conflict");
        app.advance_clock(86_400 + 60).await;
        let (_, queue) = owner.get("/api/v1/reviews").await;
        let due = queue["due"].as_array().expect("due");
        assert_eq!(due.len(), 1, "{queue}");
        assert!(!due[0]["options"].as_array().expect("options").is_empty());
        assert!(due[0].get("correct").is_none(), "the answer is not sent with the card");
        let (status, outcome) = owner.post("/api/v1/reviews/answer", json!({"question_id": question, "check": 0, "option": correct})).await;
        assert_eq!(status, StatusCode::OK, "{outcome}");
        assert_eq!(outcome["correct"], true);
        // FSRS-6 defaults: Again (S0 = w0 = 0.212, D0 = w4 - e^0 + 1 = 6.4133),
        // then Good one day later; the expected state comes from the scheduler
        // crate, which is itself checked against fsrs-rs reference values.
        let params = mockroom_srs::Parameters::default();
        let after_again = mockroom_srs::Card { state: mockroom_srs::State::Learning, stability: 0.212, difficulty: 6.4133, due: 86_400, last_review: Some(0), reps: 1, lapses: 0 };
        let (expected, _) = params.review(&after_again, mockroom_srs::Rating::Good, 86_400 + 60);
        assert!((outcome["stability"].as_f64().expect("s") - expected.stability).abs() < 1e-6, "{outcome} vs {expected:?}");
        assert!((outcome["difficulty"].as_f64().expect("d") - expected.difficulty).abs() < 1e-6);
        let days = (expected.due - (86_400 + 60)) as f64 / 86_400.0;
        assert!((outcome["interval_days"].as_f64().expect("interval") - days).abs() < 0.01, "{outcome}");
        let (_, queue) = owner.get("/api/v1/reviews").await;
        assert_eq!(queue["due"], json!([]), "answered cards leave the queue");
    }

    async fn an_assigned_mock_shows_nothing_past_the_challenge_before_submitting(backend: Backend) {
        let (app, owner, team) = practising_app(backend).await;
        let (_, list) = owner.get(&format!("/api/v1/teams/{team}/questions?kind=Debugging")).await;
        let question = list["questions"][0]["id"].as_str().expect("question").to_owned();
        let stages = stages_of(&owner, &team, &question).await;
        let (status, created) = owner
            .post(&format!("/api/v1/teams/{team}/sessions"), json!({
                "candidate_name": "Cara", "mode": "assigned",
                "questions": [{"question_id": question, "time_limit_secs": 600}]
            }))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["session"]["mode"], "assigned");
        let token = created["candidate_link"]["token"].as_str().expect("token").to_owned();
        assert!(created["candidate_link"]["url"].as_str().expect("url").contains("/mock/"), "{created}");
        let session = created["session"]["id"].as_str().expect("id").to_owned();

        // The raw bytes of the candidate's REST view, before and after starting.
        let raw = |app: &TestApp, token: String| {
            let url = format!("{}/api/v1/rooms/{token}", app.base);
            async move { reqwest::get(url).await.expect("get").text().await.expect("body") }
        };
        let before = raw(&app, token.clone()).await;
        for (kind, html) in &stages {
            assert!(!before.contains(&marker(html)), "{kind} shown before the start: {before}");
        }
        let mut ws = connect(format!("{}/api/v1/rooms/{token}/ws", ws_base(&app)), None).await.expect("candidate");
        send(&mut ws, json!({"type": "start_question", "question": 0})).await;
        let check = |frame: &str| {
            for (kind, html) in &stages {
                assert!(is_opening(kind) || !frame.contains(&marker(html)), "{kind} leaked before submitting: {frame}");
            }
        };
        state_where(&mut ws, check, |v| v["questions"][0]["mock"]["started_ms"].is_i64()).await;
        let started = raw(&app, token.clone()).await;
        for (kind, html) in &stages {
            assert_eq!(started.contains(&marker(html)), is_opening(kind), "{kind} after the start: {started}");
        }
        send(&mut ws, json!({"type": "reveal_next"})).await;
        assert_eq!(next_of(&mut ws, "error").await["code"], "answer_first");
        send(&mut ws, json!({"type": "self_score", "question": 0, "dimension": 0, "level": 4})).await;
        assert_eq!(next_of(&mut ws, "error").await["code"], "forbidden", "the interviewer scores assigned mocks");
        assert!(!raw(&app, token.clone()).await.contains(&marker(&stages.iter().find(|(k, _)| !is_opening(k)).expect("a later stage").1)));

        send(&mut ws, json!({"type": "answer", "question": 0, "text": "my answer"})).await;
        state_where(&mut ws, check, |v| v["questions"][0]["answer"] == "my answer").await;
        send(&mut ws, json!({"type": "submit_answer", "question": 0})).await;
        state_where(&mut ws, check, |v| v["questions"][0]["mock"]["submitted_ms"].is_i64()).await;
        let opening = stages.iter().filter(|(k, _)| is_opening(k)).count();
        send(&mut ws, json!({"type": "reveal_next"})).await;
        state_where(&mut ws, |_| {}, |v| v["questions"][0]["stages"].as_array().map(Vec::len) == Some(opening + 1)).await;
        send(&mut ws, json!({"type": "finish"})).await;
        state_where(&mut ws, |_| {}, |v| v["finished"] == true).await;

        // The interviewer reviews: time used, the answer, scoring as in a live room.
        let url = format!("{}/api/v1/teams/{team}/sessions/{session}/ws", ws_base(&app));
        let mut interviewer = connect(url, owner.session_token()).await.expect("interviewer");
        let v = next_state(&mut interviewer, |_| {}).await;
        assert_eq!(v["view"]["mode"], "assigned");
        assert_eq!(v["view"]["finished"], true);
        let q = &v["view"]["questions"][0];
        assert_eq!(q["answer"], "my answer");
        assert!(q["time_used_ms"].as_i64().is_some_and(|ms| (0..600_000).contains(&ms)), "{q}");
        send(&mut interviewer, json!({"type": "reveal_next"})).await;
        assert_eq!(next_of(&mut interviewer, "error").await["code"], "forbidden");
        send(&mut interviewer, json!({"type": "score", "question": 0, "dimension": 0, "level": 3})).await;
        state_where(&mut interviewer, |_| {}, |v| v["questions"][0]["my_scores"][0]["level"] == 3).await;
        send(&mut interviewer, json!({"type": "recommend", "value": "yes"})).await;
        state_where(&mut interviewer, |_| {}, |v| v["my_recommendation"] == "yes").await;
        let card = owner.send("GET", &format!("/api/v1/teams/{team}/sessions/{session}/scorecard"), None).await;
        assert_eq!(card.status, StatusCode::OK);
        let html = card.body.as_str().unwrap_or_default().to_owned();
        assert!(!html.contains("not started") && !html.contains("in progress"), "time used is shown");
        let (_, sessions) = owner.get(&format!("/api/v1/teams/{team}/sessions")).await;
        assert!(sessions[0]["ended_at"].is_string(), "finishing ends the session: {sessions}");
    }

    async fn practice_mocks_are_private_and_inputs_are_checked(backend: Backend) {
        let (app, owner, team) = practising_app(backend).await;
        let (mock, questions) = start_mock(&owner, &team, 1).await;
        let (colleague, _) = app.join(&owner, &team, "ivy@example.org", "interviewer").await;
        let (status, body) = colleague.get(&format!("/api/v1/practice/mocks/{mock}")).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
        let (status, body) = owner.get(&format!("/api/v1/teams/{team}/sessions/{mock}")).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
        let (_, sessions) = owner.get(&format!("/api/v1/teams/{team}/sessions")).await;
        assert_eq!(sessions, json!([]), "practice is not a team session");
        let ws = connect(format!("{}/api/v1/practice/mocks/{mock}/ws", ws_base(&app)), colleague.session_token()).await;
        assert!(ws.is_err(), "someone else's mock does not open");

        let (status, body) = owner.post("/api/v1/practice/draw", json!({"team_id": team, "count": 0})).await;
        assert_error(status, &body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");
        let id = &questions[0]["question"]["id"];
        let (status, body) = owner.post("/api/v1/practice/mocks", json!({"team_id": team, "questions": [{"question_id": id, "time_limit_secs": 5}]})).await;
        assert_error(status, &body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");
        for mode in ["practice", "drill"] {
            let (status, body) = owner.post(&format!("/api/v1/teams/{team}/sessions"), json!({"candidate_name": "C", "mode": mode, "questions": [{"question_id": id}]})).await;
            assert_error(status, &body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");
        }
        let (status, body) = owner.post("/api/v1/practice/mocks", json!({"team_id": team, "questions": [{"question_id": id}, {"question_id": id}]})).await;
        assert_error(status, &body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");

        // Candidates practise on the bundled packs only: the team's own packs
        // are what its interviews ask.
        let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../content/postgresql-production.md")).expect("a bundled guide");
        let (status, body) = owner.post(&format!("/api/v1/teams/{team}/packs"), json!({"filename": "our-interview-pack.md", "markdown": guide})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (_, options) = owner.get(&format!("/api/v1/practice/options/{team}")).await;
        assert_eq!(options["packs"].as_array().map(Vec::len), Some(5), "{options}");
        let (cara, _) = app.join(&owner, &team, "cara@example.org", "candidate").await;
        let (_, options) = cara.get(&format!("/api/v1/practice/options/{team}")).await;
        assert_eq!(options["packs"].as_array().map(Vec::len), Some(4), "{options}");
        let team_pack = body["pack_id"].as_str().map(str::to_owned).or_else(|| body["pack"]["id"].as_str().map(str::to_owned)).expect("pack id");
        let (_, drawn) = cara.post("/api/v1/practice/draw", json!({"team_id": team, "count": 20, "packs": [team_pack]})).await;
        assert_eq!(drawn["matching"], 0, "{drawn}");
        let (_, team_questions) = owner.get(&format!("/api/v1/teams/{team}/questions?pack={team_pack}")).await;
        let secret = &team_questions["questions"][0]["id"];
        let (status, body) = cara.post("/api/v1/practice/mocks", json!({"team_id": team, "questions": [{"question_id": secret}]})).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
        let other = app.client();
        let (status, body) = other.post("/api/v1/practice/draw", json!({"team_id": team, "count": 1})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    }

    async fn candidates_export_and_delete_their_own_data(backend: Backend) {
        let (app, owner, team) = practising_app(backend).await;
        let (candidate, _) = app.join(&owner, &team, "cara@example.org", "candidate").await;
        let (mock, _) = start_mock(&candidate, &team, 1).await;
        let mut ws = connect(format!("{}/api/v1/practice/mocks/{mock}/ws", ws_base(&app)), candidate.session_token()).await.expect("join");
        send(&mut ws, json!({"type": "start_question", "question": 0})).await;
        send(&mut ws, json!({"type": "answer", "question": 0, "text": "an answer, with \"quotes\""})).await;
        send(&mut ws, json!({"type": "submit_answer", "question": 0})).await;
        until(&mut ws, |_| {}, |v| v["view"]["questions"][0]["mock"]["submitted_ms"].is_i64()).await;
        drop(ws);

        let json_export = candidate.send("GET", "/api/v1/me/export", None).await;
        assert_eq!(json_export.status, StatusCode::OK);
        assert!(json_export.headers["content-disposition"].to_str().unwrap_or("").contains("attachment"));
        let body = &json_export.body;
        assert_eq!(body["user"]["email"], "cara@example.org");
        assert_eq!(body["practice"]["attempts"][0]["questions"][0]["answer"], "an answer, with \"quotes\"");
        assert_eq!(body["practice"]["attempts"][0]["questions"][0]["outcome"], "on_time");
        let csv = candidate.send("GET", "/api/v1/me/export?format=csv", None).await;
        assert_eq!(csv.status, StatusCode::OK);
        let text = csv.body.as_str().expect("csv text").to_owned();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("attempt,started_at,position,pack,question"), "{text}");
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[1].contains("on_time") && lines[1].ends_with("\"an answer, with \"\"quotes\"\"\""), "{text}");
        // The format is an enum of the query string: anything else is a malformed query.
        let (status, body) = candidate.get("/api/v1/me/export?format=xml").await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "bad_request");

        let wrong = candidate.send("DELETE", "/api/v1/me", Some(json!({"password": "not it"}))).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{}", wrong.body);
        let sole_owner = owner.send("DELETE", "/api/v1/me", Some(json!({"password": PASSWORD}))).await;
        assert_error(sole_owner.status, &sole_owner.body, StatusCode::CONFLICT, "conflict");
        let gone = candidate.send("DELETE", "/api/v1/me", Some(json!({"password": PASSWORD}))).await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.body);
        let (status, _) = candidate.get("/api/v1/me").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = app.client().login("cara@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (_, members) = owner.get(&format!("/api/v1/teams/{team}/members")).await;
        assert_eq!(members.as_array().map(Vec::len), Some(1), "{members}");
    }
}
