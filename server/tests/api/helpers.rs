//! Test harness: a real server on a port-0 listener over a fresh database
//! (a temporary SQLite file, or a new schema in PostgreSQL), and an HTTP
//! client that keeps its own session cookie and CSRF token.

use std::collections::BTreeSet;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use mockroom::Config;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpListener;

pub const PASSWORD: &str = "correct horse battery";

pub use crate::databases::Backend;

/// Runs each test body once per backend: `mod name { fn sqlite(); fn postgres(); }`.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($backend:ident: Backend) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($backend: Backend) $body
            #[tokio::test]
            async fn sqlite() { run(Backend::Sqlite).await }
            #[tokio::test]
            async fn postgres() {
                if let Some(backend) = Backend::postgres().await { run(backend).await }
            }
        }
    )*};
}

pub struct TestApp {
    pub base: String,
    config: Config,
    /// The server's database, for tests that also run the CLI against it.
    pub database_url: String,

    documented: Arc<Vec<(String, String)>>,
    called: Arc<Mutex<BTreeSet<(String, String)>>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

/// A fresh database URL for one test.
pub async fn fresh_database(backend: &Backend, dir: &tempfile::TempDir) -> String {
    backend.fresh_database(dir.path(), "test.db").await
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> TestApp {
    mockroom::telemetry::init_tracing("warn,mockroom=info");
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = fresh_database(&backend, &dir).await;
    let database_url_for_cli = database_url.clone();
    let mut config = Config::new(database_url.clone());
    // Most tests need no library; the content tests turn this back on.
    config.bundled_content = false;
    tweak(&mut config);
    let (base, tx, server) = launch(config.clone()).await;
    let documented = documented_endpoints(&base).await;
    TestApp {
        base,
        config,
        database_url: database_url_for_cli,

        documented: Arc::new(documented),
        called: Arc::new(Mutex::new(BTreeSet::new())),
        shutdown: Some(tx),
        server: Some(server),
        _dir: dir,
    }
}

/// Starts a server on a fresh port; returns its URL, its shutdown switch and its task.
async fn launch(config: Config) -> (String, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let addr = listener.local_addr().expect("local addr");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let shutdown = async {
            let _ = rx.await;
        };
        if let Err(err) = mockroom::launch(listener, config, shutdown).await {
            panic!("server failed: {err:#}");
        }
    });
    let base = format!("http://{addr}");
    wait_until_ready(&base).await;
    (base, tx, server)
}

impl TestApp {
    /// Stops the server and starts a new one on the same database (a new
    /// process, as far as the server can tell: nothing in memory survives).
    pub async fn restart(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        // The old server lets go of the database (and its SQLite lock) first.
        if let Some(server) = self.server.take() {
            tokio::time::timeout(std::time::Duration::from_secs(15), server)
                .await
                .expect("the old server stopped")
                .expect("the old server ended cleanly");
        }
        let (base, tx, server) = launch(self.config.clone()).await;
        self.base = base;
        self.shutdown = Some(tx);
        self.server = Some(server);
    }
}

async fn wait_until_ready(base: &str) {
    for _ in 0..200 {
        if let Ok(r) = reqwest::get(format!("{base}/readyz")).await {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("server at {base} never became ready");
}

/// (METHOD, path template) of every operation in the OpenAPI document.
async fn documented_endpoints(base: &str) -> Vec<(String, String)> {
    let doc: Value = reqwest::get(format!("{base}/api/openapi.json"))
        .await
        .expect("openapi")
        .json()
        .await
        .expect("openapi json");
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths object") {
        for method in item.as_object().expect("path item").keys() {
            out.push((method.to_uppercase(), path.clone()));
        }
    }
    out
}

fn template_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}') && !p.is_empty()) || t == p)
}

impl Drop for TestApp {
    /// Every endpoint a test reached must be in the OpenAPI document: an
    /// undocumented endpoint fails whichever test exercises it.
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if std::thread::panicking() {
            return;
        }
        let called = self.called.lock().map(|c| c.clone()).unwrap_or_default();
        let missing: Vec<_> = called
            .iter()
            .filter(|(m, p)| {
                !self
                    .documented
                    .iter()
                    .any(|(dm, dp)| dm == m && template_matches(dp, p))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "endpoints missing from /api/openapi.json: {missing:?}"
        );
    }
}

impl TestApp {
    /// Moves the server's clock forward (needs `config.dev_clock`). The dev
    /// endpoint is deliberately undocumented, so this call is not recorded.
    pub async fn advance_clock(&self, seconds: i64) {
        let status = reqwest::Client::new()
            .post(format!("{}/api/v1/dev/clock", self.base))
            .json(&json!({ "seconds": seconds }))
            .send()
            .await
            .expect("dev clock")
            .status();
        assert_eq!(status, StatusCode::NO_CONTENT, "is config.dev_clock on?");
    }

    /// A new browser-like client with no session.
    pub fn client(&self) -> TestClient {
        TestClient {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: self.base.clone(),
            session: Mutex::new(None),
            device: Mutex::new(None),
            csrf: Mutex::new(None),
            called: self.called.clone(),
        }
    }

    /// Registers the first account (owner of a new team) and returns its client and team id.
    pub async fn owner(&self, email: &str) -> (TestClient, String) {
        let client = self.client();
        let (status, me) = client
            .post(
                "/api/v1/auth/register",
                json!({"email": email, "password": PASSWORD, "display_name": "Owner", "team_name": "Acme"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{me}");
        let team = me["memberships"][0]["team"]["id"].as_str().expect("team id").to_owned();
        (client, team)
    }

    /// Invites `email` into `team` with `role` (as `by`) and registers them through the link.
    pub async fn join(&self, by: &TestClient, team: &str, email: &str, role: &str) -> (TestClient, String) {
        let (status, invite) = by
            .post(&format!("/api/v1/teams/{team}/invites"), json!({"role": role}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{invite}");
        let client = self.client();
        let (status, me) = client
            .post(
                "/api/v1/auth/register",
                json!({"email": email, "password": PASSWORD, "display_name": email, "invite_token": invite["token"]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{me}");
        let user_id = me["user"]["id"].as_str().expect("user id").to_owned();
        (client, user_id)
    }
}

pub struct TestClient {
    http: reqwest::Client,
    base: String,
    session: Mutex<Option<String>>,
    /// The trusted-device cookie a good login hands out.
    device: Mutex<Option<String>>,
    csrf: Mutex<Option<String>>,
    called: Arc<Mutex<BTreeSet<(String, String)>>>,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl TestClient {
    pub fn session_token(&self) -> Option<String> {
        self.session.lock().expect("lock").clone()
    }
    pub fn set_session_token(&self, token: Option<String>) {
        *self.session.lock().expect("lock") = token;
    }
    pub fn device_token(&self) -> Option<String> {
        self.device.lock().expect("lock").clone()
    }
    pub fn set_device_token(&self, token: Option<String>) {
        *self.device.lock().expect("lock") = token;
    }
    /// The `Cookie` header this client sends, if any.
    fn cookie_header(&self) -> Option<String> {
        let mut cookies = Vec::new();
        if let Some(token) = self.session_token() {
            cookies.push(format!("mockroom_session={token}"));
        }
        if let Some(token) = self.device_token() {
            cookies.push(format!("mockroom_device={token}"));
        }
        (!cookies.is_empty()).then(|| cookies.join("; "))
    }
    pub fn set_csrf(&self, token: Option<String>) {
        *self.csrf.lock().expect("lock") = token;
    }

    /// Sends a request with the session cookie and CSRF header this client holds.
    pub async fn send(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let method = Method::from_str(method).expect("method");
        let mut request = self.http.request(method.clone(), format!("{}{path}", self.base));
        if let Some(cookie) = self.cookie_header() {
            request = request.header("cookie", cookie);
        }
        if let Some(csrf) = self.csrf.lock().expect("lock").clone() {
            request = request.header("x-csrf-token", csrf);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = self.finish(request).await;
        self.record(&method, path, &answer);
        crate::decoders::check_answer(method.as_str(), path, answer.status.as_u16(), &answer.body);
        if answer.status == StatusCode::UNPROCESSABLE_ENTITY && method == Method::POST && path.ends_with("/packs") {
            crate::decoders::check_refused_guide(&answer.body);
        }
        answer
    }

    /// Sends raw bytes with a chosen content type (for malformed-input tests).
    pub async fn send_raw(&self, method: &str, path: &str, content_type: &str, body: Vec<u8>) -> Answer {
        let method = Method::from_str(method).expect("method");
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        if let Some(cookie) = self.cookie_header() {
            request = request.header("cookie", cookie);
        }
        if let Some(csrf) = self.csrf.lock().expect("lock").clone() {
            request = request.header("x-csrf-token", csrf);
        }
        let answer = self.finish(request).await;
        self.record(&method, path, &answer);
        answer
    }

    async fn finish(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        for cookie in headers.get_all("set-cookie") {
            let cookie = cookie.to_str().expect("ascii cookie");
            if let Some(rest) = cookie.strip_prefix("mockroom_session=") {
                let value = rest.split(';').next().unwrap_or_default();
                let cleared = value.is_empty() || cookie.contains("Max-Age=0");
                self.set_session_token((!cleared).then(|| value.to_owned()));
            }
            if let Some(rest) = cookie.strip_prefix("mockroom_device=") {
                let value = rest.split(';').next().unwrap_or_default();
                self.set_device_token((!value.is_empty()).then(|| value.to_owned()));
            }
        }
        let bytes = response.bytes().await.expect("body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        if let Some(csrf) = body.get("csrf_token").and_then(Value::as_str) {
            self.set_csrf(Some(csrf.to_owned()));
        }
        Answer { status, headers, body }
    }

    fn record(&self, method: &Method, path: &str, answer: &Answer) {
        let unrouted = (answer.status == StatusCode::NOT_FOUND
            && answer.body["error"]["message"] == "endpoint not found")
            || answer.status == StatusCode::METHOD_NOT_ALLOWED;
        if path.starts_with("/api/v1") && !unrouted {
            let path = path.split('?').next().unwrap_or(path).to_owned();
            self.called
                .lock()
                .expect("lock")
                .insert((method.as_str().to_owned(), path));
        }
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let a = self.send("GET", path, None).await;
        (a.status, a.body)
    }
    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let a = self.send("POST", path, Some(body)).await;
        (a.status, a.body)
    }
    pub async fn post_empty(&self, path: &str) -> (StatusCode, Value) {
        let a = self.send("POST", path, None).await;
        (a.status, a.body)
    }
    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let a = self.send("PATCH", path, Some(body)).await;
        (a.status, a.body)
    }
    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        let a = self.send("DELETE", path, None).await;
        (a.status, a.body)
    }

    pub async fn login(&self, email: &str, password: &str) -> (StatusCode, Value) {
        self.post("/api/v1/auth/login", json!({"email": email, "password": password}))
            .await
    }
}

/// Asserts the API's error shape and code.
pub fn assert_error(status: StatusCode, body: &Value, want_status: StatusCode, want_code: &str) {
    assert_eq!(status, want_status, "{body}");
    assert_eq!(body["error"]["code"], want_code, "{body}");
    assert!(
        body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}
