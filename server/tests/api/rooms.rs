//! Live rooms over real WebSockets: reveal propagation, what the candidate's
//! bytes may contain, reconnection after a restart, and who may do what.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

pub(crate) use crate::room_client::RoomClient as Socket;

/// Joins a room as the browser does (saying hello in protocol 2).
pub(crate) async fn connect(url: String, session: Option<String>) -> Result<Socket, crate::room_client::WsError> {
    Socket::connect(url, session).await
}

pub(crate) async fn send(ws: &mut Socket, message: Value) {
    ws.send(message).await;
}

/// Reads frames until one satisfies `done`; `check` sees every raw frame first.
/// Views arrive as `state` frames (patches applied by the client).
pub(crate) async fn until(ws: &mut Socket, check: impl FnMut(&str), done: impl Fn(&Value) -> bool) -> Value {
    ws.until(check, done).await
}

/// A one-question session on a bundled question, with every stage's HTML
/// (from the interviewer preview) to look for in the candidate's bytes.
pub(crate) struct Setup {
    pub app: TestApp,
    pub owner: TestClient,
    pub team: String,
    pub session: String,
    pub token: String,
    pub question: String,
    /// `(kind, html)` of every stage, in reveal order.
    pub stages: Vec<(String, String)>,
    pub correct: i64,
}

pub(crate) async fn setup(backend: Backend) -> Setup {
    setup_with(backend, |_| {}).await
}

pub(crate) async fn setup_with(backend: Backend, tweak: impl FnOnce(&mut mockroom::Config)) -> Setup {
    let app = spawn_app_with(backend, |c| {
        c.bundled_content = true;
        tweak(c);
    })
    .await;
    let (owner, team) = app.owner("owner@example.org").await;
    let (_, list) = owner
        .get(&format!("/api/v1/teams/{team}/questions?kind=Debugging"))
        .await;
    let question = list["questions"][0]["id"].as_str().expect("question").to_owned();
    let (_, preview) = owner.get(&format!("/api/v1/teams/{team}/questions/{question}")).await;
    let stages: Vec<(String, String)> = preview["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|s| {
            (
                s["kind"].as_str().unwrap_or("").to_owned(),
                s["html"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let correct = preview["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .find_map(|s| s["quick_check"]["correct"].as_i64())
        .expect("a quick check");
    let (status, created) = owner
        .post(
            &format!("/api/v1/teams/{team}/sessions"),
            json!({"candidate_name": "Cara", "questions": [{"question_id": question}]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    Setup {
        session: created["session"]["id"].as_str().expect("id").to_owned(),
        token: created["candidate_link"]["token"].as_str().expect("token").to_owned(),
        question,
        app,
        owner,
        team,
        stages,
        correct,
    }
}

/// A distinctive slice of a stage's HTML, as JSON would encode it.
pub(crate) fn marker(html: &str) -> String {
    let encoded = serde_json::to_string(html).expect("json");
    let inner = &encoded[1..encoded.len() - 1];
    let chars: Vec<char> = inner.chars().collect();
    let start = chars.len() / 3;
    chars[start..(start + 60).min(chars.len())].iter().collect()
}

pub(crate) fn ws_base(app: &TestApp) -> String {
    app.base.replacen("http://", "ws://", 1)
}

on_both_backends! {
    async fn reveals_reach_the_candidate_and_nothing_else_does(backend: Backend) {
        let s = setup(backend).await;
        let markers: Vec<String> = s.stages.iter().map(|(_, html)| marker(html)).collect();
        let mut candidate = connect(format!("{}/api/v1/rooms/{}/ws", ws_base(&s.app), s.token), None).await.expect("candidate joins");
        let mut revealed = 0usize;
        // No frame may carry a stage that is not revealed yet.
        let leak_check = |revealed: usize| {
            let markers = markers.clone();
            move |frame: &str| {
                for (i, m) in markers.iter().enumerate().skip(revealed) {
                    assert!(!frame.contains(m.as_str()), "unrevealed stage {i} (revealed: {revealed}) in {frame}");
                }
            }
        };
        let mut last = until(&mut candidate, leak_check(0), |v| v["type"] == "state").await;

        let session_url = format!("{}/api/v1/teams/{}/sessions/{}/ws", ws_base(&s.app), s.team, s.session);
        let mut interviewer = connect(session_url, s.owner.session_token()).await.expect("interviewer joins");
        let v = until(&mut interviewer, |_| {}, |v| v["type"] == "state").await;
        assert_eq!(v["view"]["role"], "interviewer");
        assert_eq!(v["view"]["questions"][0]["next_stage"], 0, "the console previews the next stage");

        for (i, (kind, _)) in s.stages.iter().enumerate() {
            if kind == "quick_check_explanation" {
                // The candidate answers before the explanation comes out.
                let check = &last["view"]["questions"][0]["quick_checks"][0];
                assert_eq!(check["correct"], Value::Null, "no answer before answering");
                let wrong = (s.correct + 1) % 4;
                send(&mut candidate, json!({"type": "quick_check", "question": 0, "check": 0, "option": wrong})).await;
                let answered = until(&mut candidate, leak_check(revealed), |v| v["view"]["questions"][0]["quick_checks"][0]["chosen"] == wrong).await;
                assert_eq!(answered["view"]["questions"][0]["quick_checks"][0]["correct"], Value::Null, "answered, not yet explained");
            }
            send(&mut interviewer, json!({"type": "reveal_next"})).await;
            revealed = i + 1;
            let state = until(&mut candidate, leak_check(revealed), |v| {
                v["view"]["questions"][0]["stages"].as_array().is_some_and(|a| a.len() == revealed)
            })
            .await;
            let text = state.to_string();
            for (j, m) in markers.iter().enumerate().take(revealed) {
                assert!(text.contains(m.as_str()), "revealed stage {j} missing");
            }
            if kind == "quick_check_explanation" {
                assert_eq!(state["view"]["questions"][0]["quick_checks"][0]["correct"], s.correct);
            }
            last = state;
            // The same over plain HTTP.
            let rest = s.app.client().send("GET", &format!("/api/v1/rooms/{}", s.token), None).await;
            leak_check(revealed)(&rest.body.to_string());
        }

        // The candidate's answer reaches the interviewer live; scores and notes never reach the candidate.
        send(&mut candidate, json!({"type": "answer", "question": 0, "text": "I would check the logs first"})).await;
        until(&mut interviewer, |_| {}, |v| v["view"]["questions"][0]["answer"] == "I would check the logs first").await;
        send(&mut interviewer, json!({"type": "score", "question": 0, "dimension": 0, "level": 3})).await;
        send(&mut interviewer, json!({"type": "note", "question": 0, "text": "PRIVATE-NOTE-42"})).await;
        let scored = until(&mut interviewer, |_| {}, |v| v["view"]["questions"][0]["my_note"] == "PRIVATE-NOTE-42").await;
        assert_eq!(scored["view"]["questions"][0]["my_scores"][0]["level"], 3);
        let all = s.stages.len();
        send(&mut candidate, json!({"type": "ping"})).await;
        until(&mut candidate, |f| assert!(!f.contains("PRIVATE-NOTE") && !f.contains("my_scores"), "{f}"), |v| v["type"] == "pong").await;
        let rest = s.app.client().send("GET", &format!("/api/v1/rooms/{}", s.token), None).await;
        assert!(!rest.body.to_string().contains("PRIVATE-NOTE"));
        assert_eq!(rest.body["questions"][0]["stages"].as_array().map(Vec::len), Some(all));
    }

    async fn the_room_survives_a_server_restart(backend: Backend) {
        let mut s = setup(backend).await;
        let session_url = format!("{}/api/v1/teams/{}/sessions/{}/ws", ws_base(&s.app), s.team, s.session);
        let mut interviewer = connect(session_url, s.owner.session_token()).await.expect("interviewer joins");
        until(&mut interviewer, |_| {}, |v| v["type"] == "state").await;
        for m in [json!({"type": "reveal_next"}), json!({"type": "reveal_next"}), json!({"type": "timer_start"})] {
            send(&mut interviewer, m).await;
        }
        let before = until(&mut interviewer, |_| {}, |v| v["view"]["timer"]["running"] == true).await;
        let deadline = before["view"]["timer"]["deadline_ms"].as_i64().expect("deadline");
        drop(interviewer);

        s.app.restart().await;
        let mut candidate = connect(format!("{}/api/v1/rooms/{}/ws", ws_base(&s.app), s.token), None).await.expect("rejoin");
        let after = until(&mut candidate, |_| {}, |v| v["type"] == "state").await;
        assert_eq!(after["view"]["questions"][0]["stages"].as_array().map(Vec::len), Some(2));
        assert_eq!(after["view"]["timer"]["running"], true);
        assert_eq!(after["view"]["timer"]["deadline_ms"], deadline, "the deadline survives the restart");
        assert!(after["seq"].as_i64().expect("seq") > before["seq"].as_i64().expect("seq"));
    }

    async fn who_may_do_what_in_a_room(backend: Backend) {
        let s = setup(backend).await;
        let mut candidate = connect(format!("{}/api/v1/rooms/{}/ws", ws_base(&s.app), s.token), None).await.expect("candidate joins");
        until(&mut candidate, |_| {}, |v| v["type"] == "state").await;
        for m in [
            json!({"type": "reveal_next"}),
            json!({"type": "score", "question": 0, "dimension": 0, "level": 2}),
            json!({"type": "note", "question": 0, "text": "x"}),
            json!({"type": "timer_start"}),
            json!({"type": "submit"}),
        ] {
            send(&mut candidate, m.clone()).await;
            let e = until(&mut candidate, |_| {}, |v| v["type"] == "error").await;
            assert_eq!(e["code"], "forbidden", "{m}");
        }
        send(&mut candidate, json!({"type": "reveal", "question": 0, "stage": 0, "extra": 1})).await;
        let e = until(&mut candidate, |_| {}, |v| v["type"] == "error").await;
        assert_eq!(e["code"], "bad_message");

        // The candidate's token opens this room only: not the team's API.
        let stranger = s.app.client();
        stranger.set_session_token(Some(s.token.clone()));
        let (status, _) = stranger.get(&format!("/api/v1/teams/{}/sessions/{}", s.team, s.session)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        // Another team's interviewer sees nothing of this session.
        let (bob, _) = s.app.join(&s.owner, &s.team, "bob@example.org", "interviewer").await;
        let (_, other) = bob.post("/api/v1/teams", json!({"name": "Elsewhere"})).await;
        let other_team = other["id"].as_str().expect("id");
        let (status, _) = bob.get(&format!("/api/v1/teams/{other_team}/sessions/{}", s.session)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let refused = connect(format!("{}/api/v1/teams/{other_team}/sessions/{}/ws", ws_base(&s.app), s.session), bob.session_token()).await;
        assert!(refused.is_err(), "no room through another team");
        // A candidate of the team may not join as a member.
        let (cara, _) = s.app.join(&s.owner, &s.team, "cara@example.org", "candidate").await;
        let refused = connect(format!("{}/api/v1/teams/{}/sessions/{}/ws", ws_base(&s.app), s.team, s.session), cara.session_token()).await;
        assert!(refused.is_err());
        let (status, _) = cara.get(&format!("/api/v1/teams/{}/sessions/{}", s.team, s.session)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // A revoked link stops working, over HTTP and WebSocket.
        let (status, _) = s.owner.delete(&format!("/api/v1/teams/{}/sessions/{}/candidate-link", s.team, s.session)).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, body) = s.app.client().get(&format!("/api/v1/rooms/{}", s.token)).await;
        assert_error(status, &body, StatusCode::GONE, "link_revoked");
        assert!(connect(format!("{}/api/v1/rooms/{}/ws", ws_base(&s.app), s.token), None).await.is_err());
        let (status, body) = s.app.client().get("/api/v1/rooms/not-a-token").await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "link_unknown");
        let (status, link) = s.owner.post_empty(&format!("/api/v1/teams/{}/sessions/{}/candidate-link", s.team, s.session)).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, _) = s.app.client().get(&format!("/api/v1/rooms/{}", link["token"].as_str().expect("token"))).await;
        assert_eq!(status, StatusCode::OK, "a new link works");
        let (status, list) = s.owner.get(&format!("/api/v1/teams/{}/sessions", s.team)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list[0]["candidate_name"], "Cara");
    }
}

on_both_backends! {
    async fn the_scorecard_and_timeline_show_what_happened(backend: Backend) {
        let s = setup(backend).await;
        let session_url = format!("{}/api/v1/teams/{}/sessions/{}/ws", ws_base(&s.app), s.team, s.session);
        let mut interviewer = connect(session_url, s.owner.session_token()).await.expect("interviewer joins");
        let mut candidate = connect(format!("{}/api/v1/rooms/{}/ws", ws_base(&s.app), s.token), None).await.expect("candidate joins");
        until(&mut candidate, |_| {}, |v| v["type"] == "state").await;
        let check_stage = s.stages.iter().position(|(k, _)| k == "quick_check").expect("quick check stage");
        send(&mut interviewer, json!({"type": "reveal", "question": 0, "stage": 0})).await;
        send(&mut interviewer, json!({"type": "reveal", "question": 0, "stage": check_stage})).await;
        until(&mut candidate, |_| {}, |v| v["view"]["questions"][0]["quick_checks"].as_array().is_some_and(|a| !a.is_empty())).await;
        send(&mut candidate, json!({"type": "quick_check", "question": 0, "check": 0, "option": s.correct})).await;
        send(&mut candidate, json!({"type": "answer", "question": 0, "text": "Roll back, then read the logs"})).await;
        for m in [
            json!({"type": "score", "question": 0, "dimension": 0, "level": 4}),
            json!({"type": "note", "question": 0, "text": "Calm and methodical"}),
            json!({"type": "recommend", "value": "strong_yes"}),
            json!({"type": "submit"}),
        ] {
            send(&mut interviewer, m).await;
        }
        until(&mut interviewer, |_| {}, |v| v["view"]["submitted"] == true).await;

        let base = format!("/api/v1/teams/{}/sessions/{}", s.team, s.session);
        let page = s.owner.send("GET", &format!("{base}/scorecard"), None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.headers["content-type"].to_str().expect("ct").starts_with("text/html"));
        assert_eq!(page.headers["cache-control"], "no-store", "scorecards stay out of caches");
        let html = page.body.as_str().expect("html").to_owned();
        for want in ["Scorecard: Cara", "strong yes", "Calm and methodical", "Roll back, then read the logs", "correct", "UTC", "/scorecard.css"] {
            assert!(html.contains(want), "{want} missing from the scorecard");
        }
        let csv = s.owner.send("GET", &format!("{base}/scorecard.csv"), None).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.headers["cache-control"], "no-store");
        let text = csv.body.as_str().expect("csv").to_owned();
        assert!(text.starts_with("record,question,question_title,item,interviewer,value,detail\n"), "{text}");
        assert!(text.lines().any(|l| l.starts_with("score,1,") && l.contains(",Owner,4,") && l.ends_with("stages revealed")), "{text}");
        assert!(text.lines().any(|l| l.starts_with("quick_check,1,") && l.contains(",correct,")), "{text}");
        assert!(text.lines().any(|l| l.starts_with("recommendation,") && l.contains("strong yes")), "{text}");

        let (status, timeline) = s.owner.get(&format!("{base}/timeline")).await;
        assert_eq!(status, StatusCode::OK);
        let kinds: Vec<&str> = timeline.as_array().expect("events").iter().map(|e| e["event"]["type"].as_str().unwrap_or("")).collect();
        for want in ["joined", "revealed", "quick_check_answered", "answered", "scored", "noted", "recommended", "submitted"] {
            assert!(kinds.contains(&want), "{want} missing from {kinds:?}");
        }
        let seqs: Vec<i64> = timeline.as_array().expect("events").iter().map(|e| e["seq"].as_i64().unwrap_or(0)).collect();
        assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1) && seqs[0] == 1, "{seqs:?}");

        // Replay: before the first reveal nothing is revealed; at the end everything that was.
        let first_reveal = timeline.as_array().expect("events").iter().find(|e| e["event"]["type"] == "revealed").expect("a reveal")["seq"].as_i64().expect("seq");
        let (status, early) = s.owner.get(&format!("{base}/replay?seq={}", first_reveal - 1)).await;
        assert_eq!(status, StatusCode::OK, "{early}");
        assert!(early["questions"][0]["stages"].as_array().expect("stages").iter().all(|st| st["revealed"] == false));
        let (_, at_reveal) = s.owner.get(&format!("{base}/replay?seq={first_reveal}")).await;
        assert_eq!(at_reveal["questions"][0]["stages"][0]["revealed"], true);
        let last = *seqs.last().expect("events");
        let (_, end) = s.owner.get(&format!("{base}/replay?seq={last}")).await;
        assert_eq!(end["questions"][0]["answer"], "Roll back, then read the logs");
        let (status, _) = s.owner.get(&format!("{base}/replay?seq={}", last + 100)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Candidates never get the scorecard or the timeline.
        let (cara, _) = s.app.join(&s.owner, &s.team, "cara@example.org", "candidate").await;
        for path in [format!("{base}/scorecard"), format!("{base}/scorecard.csv"), format!("{base}/timeline"), format!("{base}/replay?seq=1")] {
            let (status, _) = cara.get(&path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
            let (status, _) = s.app.client().get(&path).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        }
    }
}

/// The real binary, killed with SIGKILL mid-session and started again on the
/// same database: the candidate reconnects to exactly the state they had.
async fn start_binary(database_url: &str) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mockroom"))
        .args([
            "--database",
            database_url,
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--log",
            "warn",
            "--bundled-content",
            "true",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start mockroom");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufReader::new(stdout).read_line(&mut line).expect("banner");
    let base = line.trim().rsplit(' ').next().expect("url").to_owned();
    (child, base)
}

on_both_backends! {
    async fn the_room_survives_kill_9(backend: Backend) {
        let dir = tempfile::tempdir().expect("dir");
        let database_url = fresh_database(&backend, &dir).await;
        let (mut server, base) = start_binary(&database_url).await;
        let http = reqwest::Client::new();
        let register = http
            .post(format!("{base}/api/v1/auth/register"))
            .json(&json!({"email": "ivy@example.org", "password": PASSWORD, "display_name": "Ivy"}))
            .send()
            .await
            .expect("register");
        let cookie = register.headers()["set-cookie"].to_str().expect("cookie").split(';').next().expect("pair").to_owned();
        let me: Value = register.json().await.expect("me");
        let (team, csrf) = (me["memberships"][0]["team"]["id"].as_str().expect("team").to_owned(), me["csrf_token"].as_str().expect("csrf").to_owned());
        let list: Value = http.get(format!("{base}/api/v1/teams/{team}/questions")).header("cookie", &cookie).send().await.expect("list").json().await.expect("json");
        let question = list["questions"][0]["id"].as_str().expect("question");
        let created: Value = http
            .post(format!("{base}/api/v1/teams/{team}/sessions"))
            .header("cookie", &cookie)
            .header("x-csrf-token", &csrf)
            .json(&json!({"candidate_name": "Cara", "questions": [{"question_id": question}]}))
            .send()
            .await
            .expect("create")
            .json()
            .await
            .expect("json");
        let (session, token) = (created["session"]["id"].as_str().expect("id").to_owned(), created["candidate_link"]["token"].as_str().expect("token").to_owned());
        let ws = base.replacen("http://", "ws://", 1);
        let mut interviewer = connect(format!("{ws}/api/v1/teams/{team}/sessions/{session}/ws"), Some(cookie.trim_start_matches("mockroom_session=").to_owned())).await.expect("join");
        let mut candidate = connect(format!("{ws}/api/v1/rooms/{token}/ws"), None).await.expect("join");
        send(&mut interviewer, json!({"type": "reveal_next"})).await;
        send(&mut interviewer, json!({"type": "timer_start"})).await;
        send(&mut candidate, json!({"type": "answer", "question": 0, "text": "first thoughts"})).await;
        let before = until(&mut interviewer, |_| {}, |v| v["view"]["questions"][0]["answer"] == "first thoughts" && v["view"]["timer"]["running"] == true).await;

        // No graceful shutdown: SIGKILL.
        server.kill().expect("kill -9");
        server.wait().expect("reaped");
        let (mut server, base) = start_binary(&database_url).await;
        let ws = base.replacen("http://", "ws://", 1);
        let mut candidate = connect(format!("{ws}/api/v1/rooms/{token}/ws"), None).await.expect("rejoin");
        let after = until(&mut candidate, |_| {}, |v| v["type"] == "state").await;
        assert_eq!(after["view"]["questions"][0]["stages"].as_array().map(Vec::len), Some(1));
        assert_eq!(after["view"]["questions"][0]["answer"], "first thoughts");
        assert_eq!(after["view"]["timer"]["deadline_ms"], before["view"]["timer"]["deadline_ms"]);
        assert_eq!(after["view"]["timer"]["running"], true);
        server.kill().expect("stop");
        let _ = server.wait();
    }

    async fn expired_links_are_refused(backend: Backend) {
        let s = setup(backend).await;
        // Age the link in the database (a real expiry takes at least an hour).
        let past = chrono::Utc::now() - chrono::Duration::minutes(1);
        if s.app.database_url.starts_with("sqlite:") {
            let pool = sqlx::SqlitePool::connect(&s.app.database_url).await.expect("sqlite");
            sqlx::query("UPDATE session_invites SET expires_at = $1").bind(past).execute(&pool).await.expect("age");
            pool.close().await;
        } else {
            let pool = sqlx::PgPool::connect(&s.app.database_url).await.expect("postgres");
            sqlx::query("UPDATE session_invites SET expires_at = $1").bind(past).execute(&pool).await.expect("age");
            pool.close().await;
        }
        let (status, body) = s.app.client().get(&format!("/api/v1/rooms/{}", s.token)).await;
        assert_error(status, &body, StatusCode::GONE, "link_expired");
        assert!(body["error"]["message"].as_str().unwrap_or("").contains("expired on"), "{body}");
        assert!(connect(format!("{}/api/v1/rooms/{}/ws", ws_base(&s.app), s.token), None).await.is_err());
    }
}
