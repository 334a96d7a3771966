//! Slowloris: connections that send half a request header, or nothing, are
//! closed by the server within 30 s (the header timeout, 10 s by default).

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::on_both_backends;
use crate::server::*;

/// Issue 11: half-sent requests are closed within 30 s.
const LIMIT: Duration = Duration::from_secs(30);

/// Waits until the server closes `stream` (end of file or reset).
async fn closed_after(mut stream: TcpStream, since: Instant) -> Duration {
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(LIMIT + Duration::from_secs(5), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return since.elapsed(),
            Ok(Ok(_)) => continue, // A 408 may come first; the close follows.
            Err(_) => return since.elapsed(),
        }
    }
}

on_both_backends! {
    async fn half_sent_and_silent_connections_are_closed(backend: Backend) {
        let server = spawn_server(backend, &[]).await;
        let start = Instant::now();
        let mut waits = Vec::new();
        for i in 0..40 {
            let mut stream = TcpStream::connect(server.addr).await.expect("connect");
            if i % 2 == 0 {
                // Half a header, then nothing more.
                stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ").await.expect("write");
            }
            waits.push(tokio::spawn(closed_after(stream, start)));
        }
        // A keep-alive connection that went idle after one request.
        let mut idle = TcpStream::connect(server.addr).await.expect("connect");
        idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.expect("write");
        waits.push(tokio::spawn(closed_after(idle, start)));

        let mut longest = Duration::ZERO;
        for wait in waits {
            longest = longest.max(wait.await.expect("wait"));
        }
        eprintln!("slow headers: 41 connections, the last closed after {longest:?}");
        assert!(longest < LIMIT, "a connection stayed open {longest:?}");
        // The server still serves.
        let health = reqwest::get(server.url("/healthz")).await.expect("healthz");
        assert!(health.status().is_success());
    }
}
