//! The server under attack: the `mockroom` binary as a child process on a
//! fresh database, and helpers shared by the attacks.

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

pub const PASSWORD: &str = "correct horse battery";

pub use crate::databases::Backend;

/// Attacks run one at a time: two at once on a 2-core machine would measure
/// each other, not the server.
pub static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Runs each attack once per backend: `mod name { fn sqlite(); fn postgres(); }`.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($backend:ident: Backend) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($backend: Backend) $body
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let _one_at_a_time = $crate::server::SERIAL.lock().await;
                run(Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let _one_at_a_time = $crate::server::SERIAL.lock().await;
                if let Some(backend) = Backend::postgres().await { run(backend).await }
            }
        }
    )*};
}

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub base: String,
    _dir: tempfile::TempDir,
}

/// Starts `mockroom serve` on a free port over a fresh database, with extra
/// environment variables (`MOCKROOM_…`), and waits until it answers.
pub async fn spawn_server(backend: Backend, env: &[(&str, &str)]) -> Server {
    // Test clients hold thousands of sockets too.
    mockroom::serve::raise_fd_limit();
    let dir = tempfile::tempdir().expect("temp dir");
    let database = backend.fresh_database(dir.path(), "robust.db").await;
    let mut command = Command::new(env!("CARGO_BIN_EXE_mockroom"));
    command
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("MOCKROOM_DATABASE_URL", &database)
        .env("MOCKROOM_BUNDLED_CONTENT", "false")
        .env("MOCKROOM_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("start mockroom");
    let stdout = child.stdout.take().expect("stdout");
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await
    .expect("join")
    .expect("read the listening line");
    let base = line
        .trim()
        .strip_prefix("Mockroom is listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();
    let addr: SocketAddr = base.trim_start_matches("http://").parse().expect("address");
    let server = Server {
        child,
        addr,
        base,
        _dir: dir,
    };
    for _ in 0..400 {
        if let Ok(r) = reqwest::get(format!("{}/readyz", server.base)).await {
            if r.status().is_success() {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("server at {} never became ready", server.base);
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Resident memory of the server process.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).expect("proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    /// A client whose requests come from `127.0.0.<n>` (n ≥ 1).
    pub fn client_from(&self, n: u8) -> reqwest::Client {
        reqwest::Client::builder()
            .local_address(Some(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n))))
            .cookie_store(true)
            .timeout(Duration::from_secs(60))
            .build()
            .expect("client")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Registers the first account from `client` (which keeps its cookies);
    /// returns the CSRF token.
    pub async fn register_owner(&self, client: &reqwest::Client, email: &str) -> String {
        let response = client
            .post(self.url("/api/v1/auth/register"))
            .json(&json!({"email": email, "password": PASSWORD, "display_name": "Owner", "team_name": "Acme"}))
            .send()
            .await
            .expect("register");
        assert_eq!(response.status(), StatusCode::CREATED);
        let me: Value = response.json().await.expect("me");
        me["csrf_token"].as_str().expect("csrf").to_owned()
    }

    pub async fn login(&self, client: &reqwest::Client, email: &str, password: &str) -> StatusCode {
        client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .expect("login")
            .status()
    }
}

/// Times `GET path` `n` times in a row from `client`; sorted latencies.
pub async fn timed_gets(client: &reqwest::Client, url: &str, n: usize) -> Vec<Duration> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let response = client.get(url).send().await.expect("get");
        assert!(response.status().is_success(), "{url}: {}", response.status());
        let _ = response.bytes().await;
        out.push(start.elapsed());
    }
    out.sort();
    out
}

/// The `p`-th percentile (0–100) of sorted samples.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}
