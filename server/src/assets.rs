//! The compiled frontend, embedded in the binary.
//!
//! `frontend/dist` holds `index.html` and content-hashed files under `assets/`
//! (see `scripts/build-frontend.sh`). Hashed files are cached for a year;
//! `index.html` is revalidated every time so a new release is picked up at once.
//! Any other GET outside `/api` gets `index.html`, for client-side routing.

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::error::AppError;

#[derive(RustEmbed)]
#[folder = "../frontend/dist"]
struct Dist;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

pub async fn serve(method: Method, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path == "api" || path.starts_with("api/") {
        return AppError::NotFound("endpoint").into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    if path.starts_with("assets/") {
        return match Dist::get(path) {
            Some(file) => file_response(path, file, IMMUTABLE),
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    match Dist::get("index.html") {
        Some(file) => file_response("index.html", file, REVALIDATE),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
            "Mockroom's frontend is not built into this binary. Build it with scripts/build-frontend.sh \
             (or use scripts/start), then rebuild the server.",
        )
            .into_response(),
    }
}

fn file_response(path: &str, file: rust_embed::EmbeddedFile, cache: &'static str) -> Response {
    let mime = mime_type(path, &file);
    let mut response = Response::new(Body::from(file.data.into_owned()));
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

fn mime_type(path: &str, file: &rust_embed::EmbeddedFile) -> String {
    if path.ends_with(".wasm") {
        // Needed for WebAssembly.instantiateStreaming.
        return "application/wasm".into();
    }
    let mime = file.metadata.mimetype();
    if mime.starts_with("text/") || mime == "application/javascript" {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_owned()
    }
}
