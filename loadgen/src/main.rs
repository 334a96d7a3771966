//! `cargo run --release -p loadgen -- --rooms 1000`
//!
//! Starts a `mockroom` server on a fresh SQLite database (or uses `--url`),
//! opens N live rooms with one interviewer and one candidate WebSocket each,
//! has every interviewer reveal and hide a stage at a steady overall rate,
//! and prints reveal → candidate latency percentiles, state deliveries per
//! second, and the server's resident memory (idle per connection, and under
//! load). Traffic stays on 127.0.0.1 and the run ends by itself.

use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

#[derive(Parser, Debug)]
struct Args {
    /// Live rooms to open (two sockets each).
    #[arg(long, default_value_t = 1000)]
    rooms: usize,
    /// Reveals per second across all rooms (each followed by a hide).
    #[arg(long, default_value_t = 200)]
    reveals_per_sec: u32,
    /// How long to reveal for.
    #[arg(long, default_value_t = 30)]
    seconds: u64,
    /// The server binary to start (ignored with --url).
    #[arg(long, default_value = "target/release/mockroom")]
    server: String,
    /// Use an already running server instead (memory is then not measured).
    #[arg(long)]
    url: Option<String>,
}

struct Server {
    base: String,
    pid: Option<u32>,
    _child: Option<tokio::process::Child>,
    _dir: Option<tempfile::TempDir>,
}

async fn start_server(args: &Args) -> anyhow::Result<Server> {
    if let Some(url) = &args.url {
        return Ok(Server {
            base: url.trim_end_matches('/').to_owned(),
            pid: None,
            _child: None,
            _dir: None,
        });
    }
    let dir = tempfile::tempdir()?;
    let db = format!("sqlite:{}", dir.path().join("load.db").display());
    let mut child = tokio::process::Command::new(&args.server)
        .args(["--database", &db, "serve", "--bind", "127.0.0.1:0", "--log", "warn"])
        .env("MOCKROOM_LOGIN_ATTEMPTS_PER_IP", "100000")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| {
            format!(
                "cannot start {} (build it with cargo build --release -p mockroom)",
                args.server
            )
        })?;
    let stdout = child.stdout.take().context("server stdout")?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).await?;
    let base = line.trim().rsplit(' ').next().context("server banner")?.to_owned();
    Ok(Server {
        base,
        pid: child.id(),
        _child: Some(child),
        _dir: Some(dir),
    })
}

fn rss_kib(pid: Option<u32>) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid?)).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

struct Owner {
    http: reqwest::Client,
    base: String,
    cookie: String,
    csrf: String,
    team: String,
}

async fn sign_up(base: &str) -> anyhow::Result<Owner> {
    let http = reqwest::Client::new();
    let body = json!({"email": "load@example.org", "password": "load test password", "display_name": "Load", "team_name": "Load"});
    let mut response = http
        .post(format!("{base}/api/v1/auth/register"))
        .json(&body)
        .send()
        .await?;
    if response.status() == reqwest::StatusCode::FORBIDDEN {
        let body = json!({"email": "load@example.org", "password": "load test password"});
        response = http
            .post(format!("{base}/api/v1/auth/login"))
            .json(&body)
            .send()
            .await?;
    }
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .context("no session cookie")?
        .to_owned();
    let me: Value = response.json().await?;
    Ok(Owner {
        http,
        base: base.to_owned(),
        cookie,
        csrf: me["csrf_token"].as_str().context("csrf")?.to_owned(),
        team: me["memberships"][0]["team"]["id"].as_str().context("team")?.to_owned(),
    })
}

impl Owner {
    async fn create_sessions(&self, n: usize) -> anyhow::Result<Vec<(String, String)>> {
        let list: Value = self
            .http
            .get(format!("{}/api/v1/teams/{}/questions", self.base, self.team))
            .header("cookie", &self.cookie)
            .send()
            .await?
            .json()
            .await?;
        let question = list["questions"][0]["id"]
            .as_str()
            .context("the server has no questions (bundled packs off?)")?;
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let body = json!({"candidate_name": format!("Candidate {i}"), "questions": [{"question_id": question}]});
            let created: Value = self
                .http
                .post(format!("{}/api/v1/teams/{}/sessions", self.base, self.team))
                .header("cookie", &self.cookie)
                .header("x-csrf-token", &self.csrf)
                .json(&body)
                .send()
                .await?
                .json()
                .await?;
            let id = created["session"]["id"].as_str().context("session id")?.to_owned();
            let token = created["candidate_link"]["token"].as_str().context("token")?.to_owned();
            out.push((id, token));
        }
        Ok(out)
    }
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(url: String, cookie: Option<&str>) -> anyhow::Result<Socket> {
    let mut request = url.into_client_request()?;
    if let Some(cookie) = cookie {
        request.headers_mut().insert("cookie", cookie.parse()?);
    }
    let (ws, _) = tokio_tungstenite::connect_async(request).await?;
    Ok(ws)
}

/// A participant's copy of their view, kept from `state` and `patch` frames
/// as the browser keeps it (protocol 2).
#[derive(Default)]
struct ViewCopy {
    seq: i64,
    view: Option<Value>,
}

impl ViewCopy {
    /// Takes a frame; `true` when the view changed.
    fn take(&mut self, frame: &str) -> bool {
        let Ok(message) = serde_json::from_str::<mockroom_api::ServerMessage>(frame) else {
            return false;
        };
        match message {
            mockroom_api::ServerMessage::State { seq, view } => {
                self.seq = seq;
                self.view = serde_json::to_value(view).ok();
                true
            }
            mockroom_api::ServerMessage::Patch { from, seq, ops } => {
                let fits = from == self.seq
                    && self
                        .view
                        .as_mut()
                        .is_some_and(|view| mockroom_api::patch::apply(view, &ops).is_ok());
                if fits {
                    self.seq = seq;
                } else {
                    self.view = None;
                }
                fits
            }
            _ => false,
        }
    }

    /// Number of revealed stages of the first question (candidate view).
    fn revealed_stages(&self) -> Option<usize> {
        Some(
            self.view.as_ref()?["questions"][0]["stages"]
                .as_array()
                .map_or(0, Vec::len),
        )
    }
}

fn hello() -> Message {
    let version = mockroom_api::ROOM_PROTOCOL_VERSION;
    Message::Text(json!({"type": "hello", "version": version}).to_string().into())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let server = start_server(&args).await?;
    let owner = Arc::new(sign_up(&server.base).await?);
    let started = Instant::now();
    let sessions = owner.create_sessions(args.rooms).await?;
    println!(
        "created {} sessions in {:.1} s",
        sessions.len(),
        started.elapsed().as_secs_f64()
    );
    let ws_base = server.base.replacen("http://", "ws://", 1);
    let rss_before = rss_kib(server.pid);

    // Open every room: interviewer and candidate sockets.
    let deliveries = Arc::new(AtomicU64::new(0));
    let mut rooms = Vec::with_capacity(sessions.len());
    let connect_started = Instant::now();
    for (id, token) in &sessions {
        let mut interviewer = connect(
            format!("{ws_base}/api/v1/teams/{}/sessions/{id}/ws", owner.team),
            Some(&owner.cookie),
        )
        .await?;
        let mut candidate = connect(format!("{ws_base}/api/v1/rooms/{token}/ws"), None).await?;
        interviewer.send(hello()).await?;
        candidate.send(hello()).await?;
        let (counts_tx, counts_rx) = mpsc::unbounded_channel::<(usize, Instant)>();
        let (_candidate_tx, mut candidate_rx) = candidate.split();
        let delivered = deliveries.clone();
        tokio::spawn(async move {
            let _keep_open = _candidate_tx;
            let mut copy = ViewCopy::default();
            while let Some(Ok(Message::Text(text))) = candidate_rx.next().await {
                delivered.fetch_add(1, Ordering::Relaxed);
                if copy.take(text.as_str()) {
                    if let Some(n) = copy.revealed_stages() {
                        let _ = counts_tx.send((n, Instant::now()));
                    }
                }
            }
        });
        let (interviewer_tx, mut interviewer_rx) = interviewer.split();
        let delivered = deliveries.clone();
        tokio::spawn(async move {
            while let Some(Ok(_)) = interviewer_rx.next().await {
                delivered.fetch_add(1, Ordering::Relaxed);
            }
        });
        rooms.push((interviewer_tx, counts_rx));
    }
    println!(
        "opened {} rooms ({} sockets) in {:.1} s",
        rooms.len(),
        rooms.len() * 2,
        connect_started.elapsed().as_secs_f64()
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_idle = rss_kib(server.pid);

    // Reveal and hide stage 0 in each room, spreading the rooms over the
    // reveal interval so the overall rate is steady.
    let per_room_interval = Duration::from_secs_f64(rooms.len() as f64 / f64::from(args.reveals_per_sec.max(1)));
    let until = Instant::now() + Duration::from_secs(args.seconds);
    let delivered_before = deliveries.load(Ordering::Relaxed);
    let load_started = Instant::now();
    let mut tasks = Vec::new();
    let n = rooms.len();
    for (i, (mut tx, mut counts)) in rooms.into_iter().enumerate() {
        let offset = per_room_interval.mul_f64(i as f64 / n as f64);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            tokio::time::sleep(offset).await;
            let mut next = tokio::time::Instant::now();
            while Instant::now() < until {
                tokio::time::sleep_until(next).await;
                next += per_room_interval;
                let sent = Instant::now();
                let reveal = json!({"type": "reveal", "question": 0, "stage": 0}).to_string();
                if tx.send(Message::Text(reveal.into())).await.is_err() {
                    break;
                }
                // Wait for the candidate to see it.
                loop {
                    match tokio::time::timeout(Duration::from_secs(5), counts.recv()).await {
                        Ok(Some((1, at))) => {
                            latencies.push(at.saturating_duration_since(sent));
                            break;
                        }
                        Ok(Some(_)) => continue,
                        _ => return latencies,
                    }
                }
                let hide = json!({"type": "hide", "question": 0, "stage": 0}).to_string();
                if tx.send(Message::Text(hide.into())).await.is_err() {
                    break;
                }
                loop {
                    match tokio::time::timeout(Duration::from_secs(5), counts.recv()).await {
                        Ok(Some((0, _))) => break,
                        Ok(Some(_)) => continue,
                        _ => return latencies,
                    }
                }
            }
            latencies
        }));
    }
    let rss_load = {
        tokio::time::sleep(Duration::from_secs(args.seconds / 2)).await;
        rss_kib(server.pid)
    };
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await?);
    }
    let elapsed = load_started.elapsed();
    let delivered = deliveries.load(Ordering::Relaxed) - delivered_before;
    if latencies.is_empty() {
        bail!("no reveal reached a candidate");
    }
    latencies.sort();
    let sockets = (n * 2) as f64;
    println!(
        "rooms: {n}, sockets: {}, reveals measured: {} over {:.1} s",
        n * 2,
        latencies.len(),
        elapsed.as_secs_f64()
    );
    println!(
        "reveal -> candidate latency: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.95)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap_or(&Duration::ZERO)),
    );
    println!(
        "state deliveries: {:.0}/s (reveals and hides, to interviewers and candidates)",
        delivered as f64 / elapsed.as_secs_f64()
    );
    match (rss_before, rss_idle, rss_load) {
        (Some(before), Some(idle), Some(load)) => {
            println!(
                "server RSS: {:.1} MiB before rooms, {:.1} MiB with all rooms idle, {:.1} MiB under load",
                before as f64 / 1024.0,
                idle as f64 / 1024.0,
                load as f64 / 1024.0
            );
            println!(
                "memory per idle connection: {:.1} KiB",
                (idle.saturating_sub(before)) as f64 / sockets
            );
        }
        _ => println!("server RSS: not measured (external server)"),
    }
    Ok(())
}
