//! Login-storm benchmark: other users' `GET /me` latency quiet and during a
//! storm of wrong-password logins from many addresses, and the server's
//! memory before, during and after.
//!
//! ```sh
//! cargo build --release -p mockroom
//! cargo run --release -p loadgen --bin login_storm
//! ```
//!
//! The server runs as a child process on a fresh SQLite file (or use `--postgres URL`
//! with a fresh database). Attackers bind source addresses 127.0.0.2… (loopback on Linux).

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use loadgen::{mib, ms, percentile, Server};
use serde_json::{json, Value};

#[derive(Parser)]
struct Args {
    /// Attacking source addresses (127.0.0.2 onwards).
    #[arg(long, default_value_t = 200)]
    addresses: u8,
    /// Wrong-password logins per address per wave.
    #[arg(long, default_value_t = 5)]
    attempts: usize,
    /// Storm waves, back to back (1,000 logins each by default).
    #[arg(long, default_value_t = 3)]
    waves: usize,
    /// Quiet `GET /me` requests measured before the storm.
    #[arg(long, default_value_t = 2000)]
    quiet_requests: usize,
    /// The server binary to start.
    #[arg(long, default_value = "target/release/mockroom")]
    server: String,
    /// Database URL (default: a temporary SQLite file).
    #[arg(long)]
    database: Option<String>,
}

fn client_from(n: u8) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .local_address(Some(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n))))
        .timeout(Duration::from_secs(60))
        .build()?)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let database = args
        .database
        .clone()
        .unwrap_or_else(|| format!("sqlite:{}", dir.path().join("storm.db").display()));
    let server = Server::start(&args.server, &database, &[("MOCKROOM_BUNDLED_CONTENT", "false")]).await?;
    let base = server.base.clone();
    // A copyable reader of the server's memory, for the sampling task too.
    let pid = server.pid;
    let rss_kib = move || loadgen::rss_kib(pid).unwrap_or(0);

    let owner = reqwest::Client::builder().cookie_store(true).build()?;
    let registered = owner
        .post(format!("{base}/api/v1/auth/register"))
        .json(&json!({"email": "owner@example.org", "password": "owner's long password", "display_name": "Owner", "team_name": "Storm"}))
        .send()
        .await?;
    anyhow::ensure!(registered.status().is_success(), "register: {}", registered.status());
    let me_url = format!("{base}/api/v1/me");
    let get_me = |owner: reqwest::Client, url: String| async move {
        let start = Instant::now();
        let response = owner.get(&url).send().await?;
        anyhow::ensure!(response.status().is_success(), "/me: {}", response.status());
        response.bytes().await?;
        Ok::<_, anyhow::Error>(start.elapsed())
    };
    for _ in 0..100 {
        get_me(owner.clone(), me_url.clone()).await?;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_before = rss_kib();
    let mut quiet = Vec::with_capacity(args.quiet_requests);
    for _ in 0..args.quiet_requests {
        quiet.push(get_me(owner.clone(), me_url.clone()).await?);
    }
    quiet.sort();

    let stop = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(rss_before));
    let sampler = {
        let (stop, peak) = (stop.clone(), peak.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    };
    let victim = {
        let (stop, owner, url) = (stop.clone(), owner.clone(), me_url.clone());
        tokio::spawn(async move {
            let mut samples = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                samples.push(get_me(owner.clone(), url.clone()).await?);
            }
            samples.sort();
            Ok::<_, anyhow::Error>(samples)
        })
    };
    let started = Instant::now();
    let mut statuses: Vec<u16> = Vec::new();
    for wave in 0..args.waves {
        let attackers: Vec<_> = (0..args.addresses)
            .map(|i| {
                let login = format!("{base}/api/v1/auth/login");
                let attempts = args.attempts;
                tokio::spawn(async move {
                    let client = client_from(2 + i)?;
                    let mut out = Vec::with_capacity(attempts);
                    for j in 0..attempts {
                        let body = json!({"email": format!("guess-{wave}-{i}-{j}@example.org"), "password": "not the password"});
                        out.push(client.post(&login).json(&body).send().await?.status().as_u16());
                    }
                    Ok::<_, anyhow::Error>(out)
                })
            })
            .collect();
        for attacker in attackers {
            statuses.extend(attacker.await??);
        }
    }
    let storm_time = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    sampler.await?;
    let during = victim.await??;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_after = rss_kib();
    let rss_peak = peak.load(Ordering::Relaxed);

    let count = |s: u16| statuses.iter().filter(|x| **x == s).count();
    let me_ok: Value = owner.get(&me_url).send().await?.json().await?;
    anyhow::ensure!(me_ok["user"]["email"] == "owner@example.org", "owner still signed in");
    println!(
        "login storm: {} wrong-password logins from {} addresses in {} waves, {:.1} s",
        statuses.len(),
        args.addresses,
        args.waves,
        storm_time.as_secs_f64()
    );
    println!(
        "  outcomes: {} checked (401), {} refused busy (503), {} rate-limited (429), {} other",
        count(401),
        count(503),
        count(429),
        statuses.len() - count(401) - count(503) - count(429)
    );
    println!("other user's GET /me      p50        p99    requests");
    println!(
        "  quiet              {:>7.2} ms {:>7.2} ms {:>8}",
        ms(percentile(&quiet, 0.50)),
        ms(percentile(&quiet, 0.99)),
        quiet.len()
    );
    println!(
        "  during the storm   {:>7.2} ms {:>7.2} ms {:>8}   (p99 ratio {:.2}x)",
        ms(percentile(&during, 0.50)),
        ms(percentile(&during, 0.99)),
        during.len(),
        ms(percentile(&during, 0.99)) / ms(percentile(&quiet, 0.99)).max(1e-6)
    );
    println!(
        "server RSS: before {:.1} MiB, peak during {:.1} MiB (+{:.1}), after {:.1} MiB",
        mib(rss_before),
        mib(rss_peak),
        mib(rss_peak.saturating_sub(rss_before)),
        mib(rss_after)
    );
    Ok(())
}
