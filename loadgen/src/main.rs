//! `cargo run --release -p loadgen -- --rooms 1000`
//!
//! Starts `mockroom` servers (one on a fresh SQLite database, or `--instances
//! N` on a PostgreSQL `--database`), or uses running ones (`--url`, `--urls`),
//! opens N live rooms with one interviewer and one candidate WebSocket each —
//! with several instances the candidate sits on another instance than the
//! interviewer, as behind a load balancer — and runs two workloads:
//! 1. reveals: every interviewer reveals and hides a stage at a steady overall
//!    rate; printed: reveal → candidate latency percentiles and deliveries/s;
//! 2. typing: candidates type answers (a few characters per update); printed:
//!    answer → interviewer latency and the bytes each participant receives
//!    per update.
//!
//! It also prints the servers' resident memory (idle per connection, and
//! under load). Traffic stays on 127.0.0.1 and the run ends by itself.

mod client;
mod servers;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;
use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use client::{connect, hello, sign_up, ViewCopy};
use loadgen::{ms, percentile};
use servers::{start_servers, Servers};

#[derive(Parser, Debug)]
pub struct Args {
    /// Live rooms to open (two sockets each).
    #[arg(long, default_value_t = 1000)]
    rooms: usize,
    /// Reveals per second across all rooms (each followed by a hide).
    #[arg(long, default_value_t = 200)]
    reveals_per_sec: u32,
    /// How long to reveal for.
    #[arg(long, default_value_t = 30)]
    seconds: u64,
    /// Answer updates per second across all rooms in the typing phase.
    #[arg(long, default_value_t = 200)]
    typing_per_sec: u32,
    /// How long to type for (0 skips the phase).
    #[arg(long, default_value_t = 15)]
    typing_seconds: u64,
    /// The server binary to start (ignored with --url/--urls).
    #[arg(long, default_value = "target/release/mockroom")]
    server: String,
    /// Instances to start (more than one needs a PostgreSQL --database).
    #[arg(long, default_value_t = 1)]
    instances: usize,
    /// Database for the started instances (default: a fresh SQLite file).
    #[arg(long)]
    database: Option<String>,
    /// Use an already running server instead (memory is then not measured).
    #[arg(long)]
    url: Option<String>,
    /// Use running instances (comma-separated): each room's participants are
    /// spread over them.
    #[arg(long, value_delimiter = ',')]
    urls: Vec<String>,
}

fn print_latency(what: &str, mut latencies: Vec<Duration>) {
    latencies.sort();
    println!(
        "{what}: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} measured)",
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.95)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap_or(&Duration::ZERO)),
        latencies.len()
    );
}

/// What the readers of one side (all interviewers, or all candidates) count.
#[derive(Default)]
struct Counters {
    frames: AtomicU64,
    bytes: AtomicU64,
}

impl Counters {
    fn read(&self) -> (u64, u64) {
        (self.frames.load(Ordering::Relaxed), self.bytes.load(Ordering::Relaxed))
    }
}

/// One room as the workloads drive it.
struct Room {
    interviewer: futures_util::stream::SplitSink<client::Socket, Message>,
    candidate: futures_util::stream::SplitSink<client::Socket, Message>,
    /// Revealed-stage counts seen by the candidate.
    stages: mpsc::UnboundedReceiver<(usize, Instant)>,
    /// Answer lengths seen by the interviewer.
    answers: mpsc::UnboundedReceiver<(usize, Instant)>,
}

/// Reads a socket until it closes, keeping its view copy and reporting `pick` of each new view.
fn reader(
    mut rx: futures_util::stream::SplitStream<client::Socket>,
    counters: Arc<Counters>,
    pick: fn(&ViewCopy) -> Option<usize>,
    out: mpsc::UnboundedSender<(usize, Instant)>,
) {
    tokio::spawn(async move {
        let mut copy = ViewCopy::default();
        while let Some(Ok(frame)) = rx.next().await {
            if let Message::Text(text) = frame {
                counters.frames.fetch_add(1, Ordering::Relaxed);
                counters.bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
                if copy.take(text.as_str()) {
                    if let Some(n) = pick(&copy) {
                        let _ = out.send((n, Instant::now()));
                    }
                }
            }
        }
    });
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let servers: Servers = start_servers(&args).await?;
    let bases = servers.bases();
    let owner = Arc::new(sign_up(&bases[0]).await?);
    let started = Instant::now();
    let sessions = owner.create_sessions(args.rooms).await?;
    println!(
        "created {} sessions in {:.1} s on {} instance(s)",
        sessions.len(),
        started.elapsed().as_secs_f64(),
        bases.len()
    );
    let rss_before = servers.rss_kib();

    // Open every room: with several instances the candidate is on the next
    // instance after the interviewer's, so every delivery crosses instances.
    let to_interviewers = Arc::new(Counters::default());
    let to_candidates = Arc::new(Counters::default());
    let mut rooms = Vec::with_capacity(sessions.len());
    let connect_started = Instant::now();
    for (i, (id, token)) in sessions.iter().enumerate() {
        let on = |k: usize| bases[(i + k) % bases.len()].replacen("http://", "ws://", 1);
        let mut interviewer = connect(
            format!("{}/api/v1/teams/{}/sessions/{id}/ws", on(0), owner.team),
            Some(&owner.cookie),
        )
        .await?;
        let mut candidate = connect(format!("{}/api/v1/rooms/{token}/ws", on(1)), None).await?;
        interviewer.send(hello()).await?;
        candidate.send(hello()).await?;
        let (stages_tx, stages) = mpsc::unbounded_channel();
        let (answers_tx, answers) = mpsc::unbounded_channel();
        let (candidate_tx, candidate_rx) = candidate.split();
        reader(
            candidate_rx,
            to_candidates.clone(),
            ViewCopy::revealed_stages,
            stages_tx,
        );
        let (interviewer_tx, interviewer_rx) = interviewer.split();
        reader(
            interviewer_rx,
            to_interviewers.clone(),
            ViewCopy::answer_len,
            answers_tx,
        );
        rooms.push(Room {
            interviewer: interviewer_tx,
            candidate: candidate_tx,
            stages,
            answers,
        });
    }
    println!(
        "opened {} rooms ({} sockets) in {:.1} s",
        rooms.len(),
        rooms.len() * 2,
        connect_started.elapsed().as_secs_f64()
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_idle = servers.rss_kib();
    let n = rooms.len();

    // 1. Reveals: reveal and hide stage 0 in each room, spreading the rooms
    // over the reveal interval so the overall rate is steady.
    let per_room_interval = Duration::from_secs_f64(n as f64 / f64::from(args.reveals_per_sec.max(1)));
    let until = Instant::now() + Duration::from_secs(args.seconds);
    let (frames_before, _) = (to_interviewers.read().0 + to_candidates.read().0, ());
    let load_started = Instant::now();
    let mut tasks = Vec::new();
    for (i, mut room) in rooms.into_iter().enumerate() {
        let offset = per_room_interval.mul_f64(i as f64 / n as f64);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            tokio::time::sleep(offset).await;
            let mut next = tokio::time::Instant::now();
            'reveals: while Instant::now() < until {
                tokio::time::sleep_until(next).await;
                next += per_room_interval;
                for (message, want) in [("reveal", 1usize), ("hide", 0)] {
                    let sent = Instant::now();
                    let m = json!({"type": message, "question": 0, "stage": 0}).to_string();
                    if room.interviewer.send(Message::Text(m.into())).await.is_err() {
                        break 'reveals;
                    }
                    // Wait for the candidate to see it.
                    loop {
                        match tokio::time::timeout(Duration::from_secs(5), room.stages.recv()).await {
                            Ok(Some((count, at))) if count == want => {
                                if want == 1 {
                                    latencies.push(at.saturating_duration_since(sent));
                                }
                                break;
                            }
                            Ok(Some(_)) => continue,
                            _ => break 'reveals,
                        }
                    }
                }
            }
            (latencies, room)
        }));
    }
    let rss_load = {
        tokio::time::sleep(Duration::from_secs(args.seconds / 2)).await;
        servers.rss_kib()
    };
    let mut latencies = Vec::new();
    let mut rooms = Vec::with_capacity(n);
    for t in tasks {
        let (l, room) = t.await?;
        latencies.extend(l);
        rooms.push(room);
    }
    let elapsed = load_started.elapsed();
    let delivered = to_interviewers.read().0 + to_candidates.read().0 - frames_before;
    if latencies.is_empty() {
        bail!("no reveal reached a candidate");
    }
    let placement = if bases.len() > 1 {
        "interviewer and candidate on different instances"
    } else {
        "one instance"
    };
    println!(
        "rooms: {n}, sockets: {}, {placement}; reveals over {:.1} s",
        n * 2,
        elapsed.as_secs_f64()
    );
    print_latency("reveal -> candidate latency", latencies);
    println!(
        "deliveries: {:.0}/s (reveals and hides, to interviewers and candidates)",
        delivered as f64 / elapsed.as_secs_f64()
    );

    // 2. Typing: each update adds a word to the room's answer.
    if args.typing_seconds > 0 {
        type_answers(&args, rooms, &to_interviewers, &to_candidates).await;
    }

    match (rss_before, rss_idle, rss_load) {
        (Some(before), Some(idle), Some(load)) => {
            println!(
                "server RSS (all instances): {:.1} MiB before rooms, {:.1} MiB with all rooms idle, {:.1} MiB under load",
                before as f64 / 1024.0,
                idle as f64 / 1024.0,
                load as f64 / 1024.0
            );
            println!(
                "memory per idle connection: {:.1} KiB",
                (idle.saturating_sub(before)) as f64 / (n * 2) as f64
            );
        }
        _ => println!("server RSS: not measured (external servers)"),
    }
    Ok(())
}

/// The typing workload: answer → interviewer latency and bytes per update.
async fn type_answers(args: &Args, rooms: Vec<Room>, to_interviewers: &Arc<Counters>, to_candidates: &Arc<Counters>) {
    let n = rooms.len();
    let per_room_interval = Duration::from_secs_f64(n as f64 / f64::from(args.typing_per_sec.max(1)));
    let until = Instant::now() + Duration::from_secs(args.typing_seconds);
    let (i0, c0) = (to_interviewers.read(), to_candidates.read());
    let updates = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, mut room) in rooms.into_iter().enumerate() {
        let offset = per_room_interval.mul_f64(i as f64 / n as f64);
        let updates = updates.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut text = String::from("I would start from the pod's events");
            tokio::time::sleep(offset).await;
            let mut next = tokio::time::Instant::now();
            while Instant::now() < until {
                tokio::time::sleep_until(next).await;
                next += per_room_interval;
                text.push_str(" then the logs");
                let sent = Instant::now();
                let m = json!({"type": "answer", "question": 0, "text": text}).to_string();
                if room.candidate.send(Message::Text(m.into())).await.is_err() {
                    break;
                }
                updates.fetch_add(1, Ordering::Relaxed);
                loop {
                    match tokio::time::timeout(Duration::from_secs(5), room.answers.recv()).await {
                        Ok(Some((len, at))) if len == text.len() => {
                            latencies.push(at.saturating_duration_since(sent));
                            break;
                        }
                        Ok(Some(_)) => continue,
                        _ => return latencies,
                    }
                }
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap_or_default());
    }
    let updates = updates.load(Ordering::Relaxed).max(1);
    let (i1, c1) = (to_interviewers.read(), to_candidates.read());
    println!(
        "typing: {updates} answer updates over {:.1} s",
        started.elapsed().as_secs_f64()
    );
    print_latency("answer -> interviewer latency", latencies);
    println!(
        "bytes per answer update: {:.0} to the interviewer ({:.2} frames), {:.0} to the candidate ({:.2} frames)",
        (i1.1 - i0.1) as f64 / updates as f64,
        (i1.0 - i0.0) as f64 / updates as f64,
        (c1.1 - c0.1) as f64 / updates as f64,
        (c1.0 - c0.0) as f64 / updates as f64,
    );
}
