//! 2,000 idle connections do not make `/healthz` or signed-in users wait.

use std::time::{Duration, Instant};

use tokio::net::TcpStream;

use crate::on_both_backends;
use crate::server::*;

const IDLE: usize = 2_000;
const QUIET_P99_FLOOR: Duration = Duration::from_millis(2);

/// Times `n` requests, each on a new connection (as a fresh prober would).
async fn fresh_connection_gets(url: &str, n: usize) -> Vec<Duration> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .expect("client");
        let start = Instant::now();
        let response = client.get(url).send().await.expect("get");
        assert!(response.status().is_success());
        out.push(start.elapsed());
    }
    out.sort();
    out
}

on_both_backends! {
    async fn idle_connections_do_not_starve_others(backend: Backend) {
        let server = spawn_server(backend, &[]).await;
        let owner = server.client_from(1);
        server.register_owner(&owner, "ada@example.org").await;
        let (health, me) = (server.url("/healthz"), server.url("/api/v1/me"));
        fresh_connection_gets(&health, 20).await;
        let quiet_health = fresh_connection_gets(&health, 100).await;
        let quiet_me = timed_gets(&owner, &me, 100).await;

        // Batches, so the listen backlog never overflows.
        let mut idle = Vec::with_capacity(IDLE);
        for batch in 0..IDLE / 200 {
            let connects = (0..200).map(|i| {
                let source = 2 + ((batch * 200 + i) % 50) as u8;
                let addr = server.addr;
                async move {
                    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
                    socket.bind(format!("127.0.0.{source}:0").parse().expect("addr")).expect("bind");
                    socket.connect(addr).await
                }
            });
            for stream in futures_util::future::join_all(connects).await {
                idle.push(stream.expect("connect"));
            }
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let flood_health = fresh_connection_gets(&health, 100).await;
        let flood_me = timed_gets(&owner, &me, 100).await;
        let still_open = idle.len();
        drop::<Vec<TcpStream>>(idle);

        let p = |v: &Vec<Duration>| percentile(v, 99.0);
        eprintln!(
            "idle flood: {still_open} idle connections; /healthz p99 {:?} -> {:?}; /me p99 {:?} -> {:?}",
            p(&quiet_health), p(&flood_health), p(&quiet_me), p(&flood_me)
        );
        assert!(p(&flood_health) <= 5 * p(&quiet_health).max(QUIET_P99_FLOOR), "/healthz waited");
        assert!(p(&flood_me) <= 5 * p(&quiet_me).max(QUIET_P99_FLOOR), "signed-in users waited");
    }
}
