use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;
use crate::on_both_backends;

on_both_backends! {
    async fn probes_answer_json(backend: Backend) {
        let app = spawn_app(backend).await;
        let client = app.client();
        for path in ["/healthz", "/readyz"] {
            let a = client.send("GET", path, None).await;
            assert_eq!(a.status, StatusCode::OK);
            assert_eq!(a.body["status"], "ok");
        }
    }

    async fn openapi_document_is_3_1_and_lists_the_api(backend: Backend) {
        let app = spawn_app(backend).await;
        let a = app.client().send("GET", "/api/openapi.json", None).await;
        assert_eq!(a.status, StatusCode::OK);
        assert!(a.body["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")), "{}", a.body["openapi"]);
        let paths = a.body["paths"].as_object().expect("paths");
        for path in ["/api/v1/auth/login", "/api/v1/me", "/api/v1/teams/{team_id}/members", "/healthz"] {
            assert!(paths.contains_key(path), "{path} missing");
        }
        assert!(a.body["components"]["schemas"]["ErrorBody"].is_object());
    }

    async fn every_response_carries_security_headers(backend: Backend) {
        let app = spawn_app(backend).await;
        let a = app.client().send("GET", "/api/v1/auth/registration", None).await;
        let csp = a.headers["content-security-policy"].to_str().expect("csp");
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("http"), "no external origin allowed: {csp}");
        assert_eq!(a.headers["x-content-type-options"], "nosniff");
        assert!(a.headers.contains_key("x-request-id"));
        let page = app.client().send("GET", "/some/client/route", None).await;
        // The SPA fallback (or the "not built" notice) is never cached long-term.
        let cache = page.headers.get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or("");
        assert!(cache == "no-cache" || cache == "no-store", "{cache}");
        if page.status == StatusCode::OK {
            let html = page.body.as_str().expect("html");
            let asset = html.split("href=\"/assets/").nth(1).and_then(|s| s.split('"').next()).expect("hashed asset");
            let a = app.client().send("GET", &format!("/assets/{asset}"), None).await;
            assert_eq!(a.status, StatusCode::OK);
            assert_eq!(a.headers["cache-control"], "public, max-age=31536000, immutable");
        }
        let _ = Value::Null;
    }

    async fn candidates_links_get_their_page_alone(backend: Backend) {
        let app = spawn_app(backend).await;
        let client = app.client();
        let app_page = client.send("GET", "/teams/x/sessions", None).await;
        if app_page.status != StatusCode::OK {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "CI builds the frontend first");
            eprintln!("\n!!! SKIPPED: the frontend is not built into this binary\n");
            return;
        }
        let module = |page: &Value| {
            let html = page.as_str().expect("html").to_owned();
            html.split("/assets/").filter_map(|s| s.split('"').next()).find(|s| s.ends_with(".wasm")).expect("a wasm module").to_owned()
        };
        let app_module = module(&app_page.body);
        for (link, own) in [("/join/abc", "room_bg.wasm"), ("/join/abc/", "room_bg.wasm"), ("/mock/abc", "mock_bg.wasm")] {
            let page = client.send("GET", link, None).await;
            assert_eq!(page.status, StatusCode::OK);
            assert_eq!(page.headers["cache-control"], "no-cache");
            let own_module = module(&page.body);
            assert_ne!(own_module, app_module, "{link} is served a module of its own");
            assert!(own_module.ends_with(own), "{link}: {own_module}");
            let wasm = client.send("GET", &format!("/assets/{own_module}"), None).await;
            assert_eq!(wasm.status, StatusCode::OK);
        }
        // Only candidates' links: the application keeps every other path.
        for path in ["/join", "/join/", "/join//", "/joined/abc", "/mock", "/mock/", "/practice/abc", "/"] {
            assert_eq!(module(&client.send("GET", path, None).await.body), app_module, "{path}");
        }
    }

    async fn assets_are_served_precompressed_to_browsers_that_accept_it(backend: Backend) {
        let app = spawn_app(backend).await;
        let page = app.client().send("GET", "/", None).await;
        if page.status != StatusCode::OK {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "CI builds the frontend first");
            eprintln!("\n!!! SKIPPED: the frontend is not built into this binary\n");
            return;
        }
        let html = page.body.as_str().expect("html");
        let wasm = html.split("/assets/").filter_map(|s| s.split(['"', '\'']).next()).find(|s| s.ends_with(".wasm")).expect("the wasm module");
        // reqwest is built without decompression here: bytes arrive as sent.
        let http = reqwest::Client::new();
        let get = |encoding: &'static str| {
            let http = http.clone();
            let url = format!("{}/assets/{wasm}", app.base);
            async move {
                let r = http.get(url).header("accept-encoding", encoding).send().await.expect("asset");
                let headers = r.headers().clone();
                (headers, r.bytes().await.expect("body"))
            }
        };
        let (plain_headers, plain) = get("identity").await;
        assert!(plain_headers.get("content-encoding").is_none());
        assert_eq!(&plain[..4], b"\0asm");
        for (asked, served) in [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip")] {
            let (headers, body) = get(asked).await;
            assert_eq!(headers["content-encoding"], served, "{asked}");
            assert_eq!(headers["content-type"], "application/wasm");
            assert_eq!(headers["vary"], "accept-encoding");
            assert_eq!(headers["cache-control"], "public, max-age=31536000, immutable");
            assert!(body.len() * 2 < plain.len(), "{served}: {} of {} bytes", body.len(), plain.len());
        }
        // The pages too, the application's and a candidate's: part of every first load.
        for page in ["/", "/teams/x/library", "/join/abc"] {
            let plain = http.get(format!("{}{page}", app.base)).header("accept-encoding", "identity").send().await.expect("page");
            assert!(plain.headers().get("content-encoding").is_none(), "{page}");
            let plain = plain.bytes().await.expect("body");
            let packed = http.get(format!("{}{page}", app.base)).header("accept-encoding", "gzip").send().await.expect("page");
            let headers = packed.headers().clone();
            assert_eq!(headers["content-encoding"], "gzip", "{page}");
            assert_eq!(headers["content-type"], "text/html; charset=utf-8", "{page}");
            assert_eq!(headers["vary"], "accept-encoding", "{page}");
            assert_eq!(headers["cache-control"], "no-cache", "{page}");
            let body = packed.bytes().await.expect("body");
            let mut unpacked = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut unpacked).expect("a gzip stream");
            assert_eq!(unpacked, plain, "{page}: the copy is of the page served");
            assert!(body.len() < plain.len(), "{page}: {} of {} bytes", body.len(), plain.len());
            let brotli = http.get(format!("{}{page}", app.base)).header("accept-encoding", "br").send().await.expect("page");
            assert_eq!(brotli.headers()["content-encoding"], "br", "{page}");
        }
    }
}
