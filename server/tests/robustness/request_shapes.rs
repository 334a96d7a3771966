//! Request bodies are JSON objects only, and a body announced larger than
//! the limit is refused at once (not after the 30 s request timeout).

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::on_both_backends;
use crate::server::*;

/// Sends a request head announcing `length` body bytes and none of them;
/// returns the status line and how long the answer took.
async fn announce_body(server: &Server, path: &str, length: u64, extra: &str) -> (String, Duration) {
    let mut stream = TcpStream::connect(server.addr).await.expect("connect");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n{extra}\r\n"
    );
    let start = Instant::now();
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer))
        .await
        .expect("an answer within 10 s")
        .expect("read");
    let text = String::from_utf8_lossy(&answer[..n]).into_owned();
    (text.lines().next().unwrap_or_default().to_owned(), start.elapsed())
}

on_both_backends! {
    async fn arrays_are_refused_and_oversized_bodies_fail_fast(backend: Backend) {
        let server = spawn_server(backend, &[]).await;
        let owner = server.client_from(1);
        let csrf = server.register_owner(&owner, "ada@example.org").await;

        // serde accepts a sequence for a struct; the API does not.
        let response = owner
            .post(server.url("/api/v1/teams"))
            .header("x-csrf-token", &csrf)
            .header("content-type", "application/json")
            .body(r#"["Team from an array"]"#)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["error"]["code"], "invalid_input", "{body}");
        let me: Value = owner.get(server.url("/api/v1/me")).send().await.expect("me").json().await.expect("json");
        assert_eq!(me["memberships"].as_array().map(Vec::len), Some(1), "no team was created: {me}");

        // 100 MB announced, nothing sent: 413 at once.
        let (status, took) = announce_body(&server, "/api/v1/auth/login", 100_000_000, "").await;
        assert!(status.contains(" 413 "), "{status}");
        assert!(took < Duration::from_secs(2), "took {took:?}");

        // Guide uploads keep their larger limit (8 MiB): 9 MiB is refused at once too.
        let (cookie, csrf) = sign_in(&owner, &server).await;
        let cookies = format!("Cookie: {cookie}\r\nx-csrf-token: {csrf}\r\n");
        let team = me["memberships"][0]["team"]["id"].as_str().expect("team");
        let (status, took) = announce_body(&server, &format!("/api/v1/teams/{team}/packs"), 9 * 1024 * 1024, &cookies).await;
        assert!(status.contains(" 413 "), "{status}");
        assert!(took < Duration::from_secs(2), "took {took:?}");
        // A 2 MiB guide is over the default limit but within the upload one.
        let markdown = "x".repeat(2 * 1024 * 1024);
        let response = owner
            .post(server.url(&format!("/api/v1/teams/{team}/packs")))
            .header("x-csrf-token", &csrf)
            .json(&serde_json::json!({"filename": "big.md", "markdown": markdown, "dry_run": true}))
            .send()
            .await
            .expect("upload");
        assert_ne!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }
}

/// Signs in again (reqwest keeps its cookies private): the session cookie
/// as a header value and the new CSRF token.
async fn sign_in(client: &reqwest::Client, server: &Server) -> (String, String) {
    let response = client
        .post(server.url("/api/v1/auth/login"))
        .json(&serde_json::json!({"email": "ada@example.org", "password": PASSWORD}))
        .send()
        .await
        .expect("login");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mockroom_session="))
        .and_then(|v| v.split(';').next())
        .expect("session cookie")
        .to_owned();
    let me: Value = response.json().await.expect("me");
    (cookie, me["csrf_token"].as_str().expect("csrf").to_owned())
}
