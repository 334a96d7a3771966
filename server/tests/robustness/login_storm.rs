//! 1,000 wrong-password logins from 200 addresses at once: the server's memory
//! stays bounded and other users' requests stay fast.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::on_both_backends;
use crate::server::*;

const ADDRESSES: u8 = 200;
const ATTEMPTS_PER_ADDRESS: usize = 5;
/// Issue 11: RSS under 300 MiB above idle.
const RSS_BUDGET_KIB: u64 = 300 * 1024;
/// Issue 11: other users' p99 within 5× of quiet. Below this floor a quiet
/// p99 is scheduler noise on a 2-core box, not a figure to multiply.
const QUIET_P99_FLOOR: Duration = Duration::from_millis(2);

on_both_backends! {
    async fn memory_and_latency_stay_bounded(backend: Backend) {
        let server = Arc::new(spawn_server(backend, &[]).await);
        let owner = server.client_from(1);
        server.register_owner(&owner, "ada@example.org").await;
        let me = server.url("/api/v1/me");
        timed_gets(&owner, &me, 30).await;
        let quiet = timed_gets(&owner, &me, 300).await;
        let idle_rss = server.rss_kib();

        let stop = Arc::new(AtomicBool::new(false));
        let peak_rss = Arc::new(AtomicU64::new(idle_rss));
        let sampler = {
            let (server, stop, peak) = (server.clone(), stop.clone(), peak_rss.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    peak.fetch_max(server.rss_kib(), Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            })
        };
        let victim = {
            let (owner, me, stop) = (owner.clone(), me.clone(), stop.clone());
            tokio::spawn(async move {
                let mut samples = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let start = Instant::now();
                    let status = owner.get(&me).send().await.expect("me").status();
                    assert_eq!(status, StatusCode::OK);
                    samples.push(start.elapsed());
                }
                samples.sort();
                samples
            })
        };

        let started = Instant::now();
        let storm: Vec<_> = (0..ADDRESSES)
            .map(|i| {
                let server = server.clone();
                tokio::spawn(async move {
                    let client = server.client_from(2 + i);
                    let mut statuses = Vec::new();
                    for j in 0..ATTEMPTS_PER_ADDRESS {
                        let email = format!("guess{i}-{j}@example.org");
                        statuses.push(server.login(&client, &email, "not the password").await);
                    }
                    statuses
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for attacker in storm {
            statuses.extend(attacker.await.expect("attacker"));
        }
        let storm_time = started.elapsed();
        // Let the queue drain while still measuring.
        tokio::time::sleep(Duration::from_millis(500)).await;
        stop.store(true, Ordering::Relaxed);
        sampler.await.expect("sampler");
        let during = victim.await.expect("victim");
        tokio::time::sleep(Duration::from_secs(1)).await;
        let after_rss = server.rss_kib();

        let count = |s: StatusCode| statuses.iter().filter(|x| **x == s).count();
        let (checked, refused, limited) = (count(StatusCode::UNAUTHORIZED), count(StatusCode::SERVICE_UNAVAILABLE), count(StatusCode::TOO_MANY_REQUESTS));
        let peak = peak_rss.load(Ordering::Relaxed);
        let (quiet_p99, storm_p99) = (percentile(&quiet, 99.0), percentile(&during, 99.0));
        eprintln!(
            "login storm: {} attempts in {storm_time:?}: {checked} checked (401), {refused} refused busy (503), {limited} rate-limited (429); \
             RSS idle {idle_rss} KiB, peak {peak} KiB, after {after_rss} KiB; /me p99 quiet {quiet_p99:?}, storm {storm_p99:?} over {} requests",
            statuses.len(),
            during.len()
        );
        assert_eq!(checked + refused + limited, statuses.len(), "only 401, 503 and 429: {statuses:?}");
        assert!(checked > 0, "some attempts were really checked");
        assert!(peak.saturating_sub(idle_rss) < RSS_BUDGET_KIB, "RSS grew by {} KiB", peak - idle_rss);
        assert!(
            storm_p99 <= 5 * quiet_p99.max(QUIET_P99_FLOOR),
            "other users' p99 went from {quiet_p99:?} to {storm_p99:?}"
        );
    }
}
