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
}
