//! Several `mockroom` processes on one PostgreSQL behave as one: a room's
//! participants spread over three instances see every change in log order,
//! concurrent actions from two instances are ordered once, timed mocks and
//! blind scoring behave as on one instance, a drained instance's clients
//! carry on elsewhere, and `kill -9` of an instance loses no acknowledged
//! event. SQLite stays single-instance and says so.
//!
//! The real binary runs as child processes (as an operator would run it).
//! PostgreSQL: `MOCKROOM_TEST_POSTGRES_URL` (default 127.0.0.1:5432/test);
//! under `CI=true` it must be there.

#[path = "../support/room_client.rs"]
mod room_client;

use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use room_client::RoomClient;
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";

/// A fresh schema in the test PostgreSQL, or `None` (loudly) outside CI.
async fn fresh_postgres() -> Option<String> {
    let url = std::env::var("MOCKROOM_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let pool = match sqlx::PgPool::connect(&url).await {
        Ok(pool) => pool,
        Err(err) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true but PostgreSQL at {url} is unreachable: {err}")
        }
        Err(err) => {
            eprintln!("\n!!! SKIPPED: multi-instance test — PostgreSQL at {url} unreachable ({err}).\n");
            return None;
        }
    };
    let schema = format!("test_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&pool)
        .await
        .expect("create schema");
    pool.close().await;
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{sep}options=-c%20search_path%3D{schema}"))
}

/// One server process.
struct Instance {
    child: Child,
    base: String,
}

impl Instance {
    /// Starts the binary on `database` and waits for its banner.
    fn start(database: &str) -> Instance {
        Self::try_start(database).unwrap_or_else(|err| panic!("instance did not start: {err}"))
    }

    fn try_start(database: &str) -> Result<Instance, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mockroom"))
            .args([
                "--database",
                database,
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--log",
                "warn",
            ])
            .env("MOCKROOM_WS_PING_SECS", "1")
            .env("MOCKROOM_WS_TIMEOUT_SECS", "3")
            .env("MOCKROOM_INSTANCE_DEAD_SECS", "4")
            .env("MOCKROOM_LOGIN_ATTEMPTS_PER_IP", "10000")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start mockroom");
        // Drain stderr on a thread (a full pipe would stall the server), keeping it for errors.
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("[server] {line}");
                let _ = tx.send(line);
            }
        });
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout).read_line(&mut line).expect("banner");
        if line.is_empty() {
            let status = child.wait().expect("exit");
            let err: Vec<String> = rx.try_iter().collect();
            return Err(format!("{status}: {}", err.join("\n")));
        }
        let base = line.trim().rsplit(' ').next().expect("url").to_owned();
        Ok(Instance { child, base })
    }

    fn ws(&self) -> String {
        self.base.replacen("http://", "ws://", 1)
    }

    /// SIGTERM, then the exit status.
    fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().expect("kill -TERM");
        self.child.wait().expect("exit")
    }

    fn kill9(&mut self) {
        self.child.kill().expect("kill -9");
        let _ = self.child.wait();
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A signed-in user of one instance (sessions work on any instance).
struct User {
    http: reqwest::Client,
    cookie: String,
    token: String,
    csrf: String,
    team: String,
}

impl User {
    async fn register(base: &str, body: Value) -> User {
        let http = reqwest::Client::new();
        let response = http
            .post(format!("{base}/api/v1/auth/register"))
            .json(&body)
            .send()
            .await
            .expect("register");
        assert_eq!(response.status(), StatusCode::CREATED);
        let cookie = response.headers()["set-cookie"]
            .to_str()
            .expect("cookie")
            .split(';')
            .next()
            .expect("pair")
            .to_owned();
        let me: Value = response.json().await.expect("me");
        User {
            http,
            token: cookie.trim_start_matches("mockroom_session=").to_owned(),
            cookie,
            csrf: me["csrf_token"].as_str().expect("csrf").to_owned(),
            team: me["memberships"][0]["team"]["id"].as_str().expect("team").to_owned(),
        }
    }

    async fn get(&self, base: &str, path: &str) -> Value {
        self.http
            .get(format!("{base}{path}"))
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json")
    }

    async fn post(&self, base: &str, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{base}{path}"))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .expect("post");
        assert!(response.status().is_success(), "{path}: {}", response.status());
        response.json().await.expect("json")
    }

    async fn socket(&self, instance: &Instance, session: &str, role: &str) -> RoomClient {
        let url = format!(
            "{}/api/v1/teams/{}/sessions/{session}/ws?role={role}",
            instance.ws(),
            self.team
        );
        RoomClient::connect(url, Some(self.token.clone()))
            .await
            .expect("member socket")
    }
}

/// Three instances on a fresh schema (started one after the other: each
/// imports the bundled packs), an owner and a second interviewer.
struct Cluster {
    database: String,
    nodes: Vec<Instance>,
    owner: User,
    pat: User,
    question: String,
}

async fn cluster() -> Option<Cluster> {
    let database = fresh_postgres().await?;
    let nodes: Vec<Instance> = (0..3).map(|_| Instance::start(&database)).collect();
    let owner = User::register(
        &nodes[0].base,
        json!({"email": "ivy@example.org", "password": PASSWORD, "display_name": "Ivy", "team_name": "Acme"}),
    )
    .await;
    let invite = owner
        .post(
            &nodes[1].base,
            &format!("/api/v1/teams/{}/invites", owner.team),
            json!({"role": "interviewer"}),
        )
        .await;
    let pat = User::register(
        &nodes[2].base,
        json!({"email": "pat@example.org", "password": PASSWORD, "display_name": "Pat", "invite_token": invite["token"]}),
    )
    .await;
    let list = owner
        .get(
            &nodes[1].base,
            &format!("/api/v1/teams/{}/questions?kind=Debugging", owner.team),
        )
        .await;
    let question = list["questions"][0]["id"].as_str().expect("question").to_owned();
    Some(Cluster {
        database,
        nodes,
        owner,
        pat,
        question,
    })
}

impl Cluster {
    /// A session created on instance `on`: `(id, candidate token)`.
    async fn session(&self, on: usize, extra: Value) -> (String, String) {
        let mut body = json!({"candidate_name": "Cara", "questions": [{"question_id": self.question}]});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        let created = self
            .owner
            .post(
                &self.nodes[on].base,
                &format!("/api/v1/teams/{}/sessions", self.owner.team),
                body,
            )
            .await;
        (
            created["session"]["id"].as_str().expect("id").to_owned(),
            created["candidate_link"]["token"].as_str().expect("token").to_owned(),
        )
    }

    async fn candidate(&self, on: usize, token: &str) -> RoomClient {
        RoomClient::connect(format!("{}/api/v1/rooms/{token}/ws", self.nodes[on].ws()), None)
            .await
            .expect("candidate socket")
    }

    /// `(seq, event type, payload)` of the session's log, read from the database.
    async fn log(&self, session: &str) -> Vec<(i64, String, Value)> {
        let pool = sqlx::PgPool::connect(&self.database).await.expect("postgres");
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT seq, payload FROM session_events WHERE session_id = $1 ORDER BY seq")
                .bind(uuid::Uuid::parse_str(session).expect("uuid"))
                .fetch_all(&pool)
                .await
                .expect("log");
        pool.close().await;
        rows.into_iter()
            .map(|(seq, payload)| {
                let v: Value = serde_json::from_str(&payload).expect("payload");
                (seq, v["type"].as_str().unwrap_or("").to_owned(), v)
            })
            .collect()
    }
}

fn stages(v: &Value, q: usize) -> usize {
    v["view"]["questions"][q]["stages"].as_array().map_or(0, Vec::len)
}

fn connected(v: &Value, role: &str) -> Option<bool> {
    v["view"]["participants"]
        .as_array()?
        .iter()
        .find(|p| p["role"] == role)?["connected"]
        .as_bool()
}

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

#[tokio::test]
async fn sigterm_drains_an_instance_and_its_clients_carry_on_elsewhere() {
    let Some(mut c) = cluster().await else { return };
    let (session, token) = c.session(0, json!({})).await;
    let mut interviewer = c.owner.socket(&c.nodes[0], &session, "interviewer").await;
    let mut candidate = c.candidate(1, &token).await;
    interviewer.until(|_| {}, |v| v["type"] == "state").await;
    candidate
        .until(|_| {}, |v| connected(v, "interviewer") == Some(true))
        .await;
    let status = c.nodes[0].terminate();
    assert!(status.success(), "a drained instance exits cleanly: {status}");
    let (code, _) = interviewer.closed(|_| {}).await.expect("a close frame");
    assert_eq!(code, mockroom_api::close::RESTART, "told to reconnect");
    // Its connections were recorded as left before it stopped.
    candidate
        .until(|_| {}, |v| connected(v, "interviewer") == Some(false))
        .await;
    // The interviewer reconnects (to another instance behind the balancer) and carries on.
    let mut again = c.owner.socket(&c.nodes[2], &session, "interviewer").await;
    again.until(|_| {}, |v| v["type"] == "state").await;
    again.send(json!({"type": "reveal_next"})).await;
    candidate
        .until(
            |_| {},
            |v| stages(v, 0) == 1 && connected(v, "interviewer") == Some(true),
        )
        .await;
}

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

#[tokio::test]
async fn a_second_server_on_one_sqlite_file_refuses_to_start() {
    let dir = tempfile::tempdir().expect("dir");
    let database = format!("sqlite:{}", dir.path().join("one.db").display());
    let _first = Instance::start(&database);
    let err = Instance::try_start(&database)
        .err()
        .expect("the second server refuses to start");
    assert!(err.contains("SQLite serves one instance"), "{err}");
}

#[tokio::test]
async fn an_instance_wrongly_taken_for_dead_records_its_connections_again() {
    let Some(c) = cluster().await else { return };
    let (session, token) = c.session(0, json!({})).await;
    let mut interviewer = c.owner.socket(&c.nodes[0], &session, "interviewer").await;
    interviewer.until(|_| {}, |v| v["type"] == "state").await;
    let mut candidate = c.candidate(1, &token).await;
    candidate
        .until(|_| {}, |v| connected(v, "interviewer") == Some(true))
        .await;
    // Write A's connections off behind its back, as another instance would
    // after missing A's heartbeats for a while.
    let log = c.log(&session).await;
    let a = log
        .iter()
        .find(|e| e.1 == "joined")
        .and_then(|e| e.2["instance"].as_str())
        .expect("A's instance")
        .to_owned();
    let next = log.last().map(|e| e.0).expect("events") + 1;
    let pool = sqlx::PgPool::connect(&c.database).await.expect("postgres");
    let session_id = uuid::Uuid::parse_str(&session).expect("uuid");
    sqlx::query(
        "INSERT INTO session_events (session_id, seq, at, actor, payload, format) VALUES ($1, $2, now(), $3, $4, 1)",
    )
    .bind(session_id)
    .bind(next)
    .bind(json!({"kind": "server", "instance": uuid::Uuid::nil()}).to_string())
    .bind(json!({"type": "connections_lost", "instance": a}).to_string())
    .execute(&pool)
    .await
    .expect("insert");
    sqlx::query("SELECT pg_notify('mockroom_events', $1)")
        .bind(format!("{session} {next} {}", uuid::Uuid::nil()))
        .execute(&pool)
        .await
        .expect("notify");
    pool.close().await;
    // A, alive, records its connection again; everyone ends up seeing the
    // interviewer online.
    let deadline = Instant::now() + Duration::from_secs(10);
    while c
        .log(&session)
        .await
        .iter()
        .filter(|e| e.0 > next && e.1 == "joined")
        .count()
        == 0
    {
        assert!(Instant::now() < deadline, "A never recorded its connection again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let last = c.log(&session).await.last().map(|e| e.0).expect("events");
    let seen = candidate.at_seq(last).await;
    assert_eq!(connected(&seen, "interviewer"), Some(true), "{seen}");
}
