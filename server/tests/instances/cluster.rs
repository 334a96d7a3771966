//! The cluster the scenarios run on: real `mockroom` processes on one fresh
//! PostgreSQL schema, and people who sign in and join rooms through them.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::databases;
use crate::room_client::RoomClient;

pub const PASSWORD: &str = "correct horse battery";

/// A fresh schema in the test PostgreSQL, or `None` (loudly) outside CI.
pub async fn fresh_postgres() -> Option<String> {
    let url = databases::reachable_postgres().await?;
    Some(databases::fresh_schema(&url).await.unwrap_or_else(|e| panic!("{e}")))
}

/// One server process.
pub struct Instance {
    pub child: Child,
    pub base: String,
}

impl Instance {
    /// Starts the binary on `database` and waits for its banner.
    pub fn start(database: &str) -> Instance {
        Self::try_start(database).unwrap_or_else(|err| panic!("instance did not start: {err}"))
    }

    pub fn try_start(database: &str) -> Result<Instance, String> {
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

    pub fn ws(&self) -> String {
        self.base.replacen("http://", "ws://", 1)
    }

    /// SIGTERM, then the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().expect("kill -TERM");
        self.child.wait().expect("exit")
    }

    pub fn kill9(&mut self) {
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
pub struct User {
    pub http: reqwest::Client,
    pub cookie: String,
    pub token: String,
    pub csrf: String,
    pub team: String,
}

impl User {
    pub async fn register(base: &str, body: Value) -> User {
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

    pub async fn get(&self, base: &str, path: &str) -> Value {
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

    pub async fn post(&self, base: &str, path: &str, body: Value) -> Value {
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

    pub async fn socket(&self, instance: &Instance, session: &str, role: &str) -> RoomClient {
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
pub struct Cluster {
    pub database: String,
    pub nodes: Vec<Instance>,
    pub owner: User,
    pub pat: User,
    pub question: String,
}

pub async fn cluster() -> Option<Cluster> {
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
    pub async fn session(&self, on: usize, extra: Value) -> (String, String) {
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

    pub async fn candidate(&self, on: usize, token: &str) -> RoomClient {
        RoomClient::connect(format!("{}/api/v1/rooms/{token}/ws", self.nodes[on].ws()), None)
            .await
            .expect("candidate socket")
    }

    /// `(seq, event type, payload)` of the session's log, read from the database.
    pub async fn log(&self, session: &str) -> Vec<(i64, String, Value)> {
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

pub fn stages(v: &Value, q: usize) -> usize {
    v["view"]["questions"][q]["stages"].as_array().map_or(0, Vec::len)
}

pub fn connected(v: &Value, role: &str) -> Option<bool> {
    v["view"]["participants"]
        .as_array()?
        .iter()
        .find(|p| p["role"] == role)?["connected"]
        .as_bool()
}
