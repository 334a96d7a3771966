use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_backends;

on_both_backends! {
    async fn malformed_requests_get_json_4xx(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.body_limit_bytes = 2048).await;
        let (owner, team) = app.owner("ada@example.org").await;
        let login = "/api/v1/auth/login";

        let a = owner.send_raw("POST", login, "application/json", b"{\"email\": ".to_vec()).await;
        assert_error(a.status, &a.body, StatusCode::BAD_REQUEST, "bad_request");
        let a = owner.send_raw("POST", login, "application/json", b"[1, 2, 3]".to_vec()).await;
        assert_error(a.status, &a.body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");
        let a = owner.send_raw("POST", login, "application/json", br#"{"email":"a@b.c","password":"x","admin":true}"#.to_vec()).await;
        assert_error(a.status, &a.body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");
        assert!(a.body["error"]["message"].as_str().unwrap_or("").contains("unknown field"), "{}", a.body);
        let a = owner.send_raw("POST", login, "text/plain", br#"{"email":"a@b.c","password":"x"}"#.to_vec()).await;
        assert_error(a.status, &a.body, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
        let a = owner.send_raw("POST", login, "application/json", vec![0xff, 0xfe, 0x00]).await;
        assert_eq!(a.status.as_u16() / 100, 4, "{}", a.body);
        assert!(a.body["error"]["code"].is_string());

        let huge = format!(r#"{{"email":"a@b.c","password":"{}"}}"#, "x".repeat(10_000));
        let a = owner.send_raw("POST", login, "application/json", huge.into_bytes()).await;
        assert_error(a.status, &a.body, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");

        let (status, body) = owner.get("/api/v1/teams/not-a-uuid").await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "bad_request");
        let (status, body) = owner.get("/api/v1/no/such/endpoint").await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
        let a = owner.send("PUT", "/api/v1/me", None).await;
        assert_error(a.status, &a.body, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
        let a = owner.send_raw("PATCH", &format!("/api/v1/teams/{team}/members/{}", uuid::Uuid::nil()), "application/json", br#"{"role":"emperor"}"#.to_vec()).await;
        assert_error(a.status, &a.body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");

        // serde takes a sequence for a struct; the API wants an object.
        let a = owner.send_raw("POST", "/api/v1/teams", "application/json", br#"["x"]"#.to_vec()).await;
        assert_error(a.status, &a.body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");
        assert!(a.body["error"]["message"].as_str().unwrap_or("").contains("JSON object"), "{}", a.body);
        let (_, me) = owner.get("/api/v1/me").await;
        assert_eq!(me["memberships"].as_array().map(Vec::len), Some(1), "no team from an array");

        // Nothing above broke the account or the server.
        let (status, _) = owner.get("/api/v1/me").await;
        assert_eq!(status, StatusCode::OK);
    }

    async fn arbitrary_bytes_never_crash_the_server(backend: Backend) {
        let app = spawn_app(backend).await;
        let client = app.client();
        let paths = ["/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/teams"];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for round in 0..60 {
            let len = (round * 37) % 300;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed & 0xff) as u8
                })
                .collect();
            let a = client.send_raw("POST", paths[round % paths.len()], "application/json", bytes).await;
            assert!(a.status.is_client_error(), "round {round}: {} {}", a.status, a.body);
            assert!(a.body["error"]["code"].is_string(), "round {round}: {}", a.body);
        }
        let (status, _) = client.get("/api/v1/auth/registration").await;
        assert_eq!(status, StatusCode::OK);
    }

    async fn security_headers_and_caching(backend: Backend) {
        let app = spawn_app(backend.clone()).await;
        let (owner, _) = app.owner("ada@example.org").await;
        let a = owner.send("GET", "/api/v1/me", None).await;
        let header = |a: &Answer, name: &str| a.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        assert_eq!(header(&a, "cache-control").as_deref(), Some("no-store"), "API JSON is never cached");
        assert_eq!(header(&a, "cross-origin-opener-policy").as_deref(), Some("same-origin"));
        assert!(header(&a, "permissions-policy").is_some_and(|p| p.contains("camera=()")));
        assert_eq!(header(&a, "strict-transport-security"), None, "no HSTS over plain HTTP");
        let a = owner.send("GET", "/api/v1/auth/registration", None).await;
        assert_eq!(header(&a, "cache-control").as_deref(), Some("no-store"));

        let secure = spawn_app_with(backend, |c| c.secure_cookies = true).await;
        let a = secure.client().send("GET", "/api/v1/auth/registration", None).await;
        assert!(header(&a, "strict-transport-security").is_some_and(|v| v.starts_with("max-age=")), "{:?}", a.headers);
    }

    async fn connections_beyond_the_cap_are_closed_at_once(backend: Backend) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let app = spawn_app_with(backend, |c| c.max_connections = Some(4)).await;
        let addr = app.base.trim_start_matches("http://").to_owned();
        let mut held = Vec::new();
        for _ in 0..4 {
            held.push(tokio::net::TcpStream::connect(&addr).await.expect("connect"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        // The fifth is accepted and closed: end of file (or a reset), not a hang.
        let mut fifth = tokio::net::TcpStream::connect(&addr).await.expect("connect");
        let _ = fifth.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await;
        let mut buf = [0u8; 64];
        let read = tokio::time::timeout(std::time::Duration::from_secs(2), fifth.read(&mut buf)).await;
        assert!(matches!(read, Ok(Ok(0)) | Ok(Err(_))), "over the cap: {read:?}");
        // Room again once one goes away.
        drop(held.pop());
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let (status, _) = app.client().get("/api/v1/auth/registration").await;
        assert_eq!(status, StatusCode::OK);
    }
}
