//! Logging: a `tracing` subscriber, a span per request, and errors logged once.

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use mockroom_api::ErrorBody;
use tracing::Span;

use crate::error::InternalCause;

pub fn init_tracing(filter: &str) {
    let filter =
        tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Logs go to stderr; stdout carries only what commands print (the
    // listening URL, `content check` reports). `try_init`: tests may start
    // several servers in one process.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .try_init();
}

/// The request span: method, route template (not the raw path, which holds ids
/// and tokens) and request id.
pub fn request_span(request: &Request<Body>) -> Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str)
        .unwrap_or("(unmatched)");
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", method = %request.method(), route, request_id)
}

/// Logs the hidden cause of every 5xx once, inside the request span.
pub async fn log_server_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if let Some(cause) = response.extensions().get::<InternalCause>() {
        tracing::error!(status = response.status().as_u16(), cause = %cause.0, "request failed");
    } else if response.status().is_server_error() && response.status() != StatusCode::SERVICE_UNAVAILABLE {
        // 503s are deliberate refusals (busy), already answered with a reason.
        tracing::error!(status = response.status().as_u16(), "request failed");
    }
    response
}

/// Errors produced outside our handlers (unknown route, wrong method, timeout,
/// a layer's rejection) get the same JSON body as ours under `/api` and the probes.
pub async fn json_error_bodies(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let wants_json = path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz";
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !wants_json || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", "no such endpoint".to_owned()),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "method not allowed on this endpoint".to_owned()),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long".to_owned()),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "request body too large".to_owned()),
        s if s.is_server_error() => ("internal", "internal server error".to_owned()),
        s => (
            "bad_request",
            s.canonical_reason().unwrap_or("bad request").to_lowercase(),
        ),
    };
    let (mut parts, _) = response.into_parts();
    let body = serde_json::to_vec(&ErrorBody::new(code, message)).unwrap_or_default();
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
