//! The compiled frontend, embedded in the binary.
//!
//! `frontend/dist` holds `index.html` and content-hashed files under `assets/`
//! (see `scripts/build-frontend.sh`). Hashed files are cached for a year;
//! `index.html` is revalidated every time so a new release is picked up at once.
//! Any other GET outside `/api` gets `index.html`, for client-side routing,
//! except candidates' links, which get their page as an application of its
//! own, a fraction of the whole application's download: `/join/…` gets
//! `room.html` (`frontend/src/bin/room.rs`), `/mock/…` gets `mock.html`
//! (`frontend/src/bin/mock.rs`).
//! Every file comes precompressed too (`.br`, `.gz`, written by the build at
//! the highest levels): a browser that accepts one gets it with no work at
//! request time, which matters most for the WASM modules.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::error::AppError;

#[derive(RustEmbed)]
#[folder = "../frontend/dist"]
struct Dist;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

pub async fn serve(method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path == "api" || path.starts_with("api/") {
        return AppError::NotFound("endpoint").into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    if path.starts_with("assets/") {
        let Some(file) = Dist::get(path) else {
            return StatusCode::NOT_FOUND.into_response();
        };
        return negotiated(path, file, IMMUTABLE, &headers);
    }
    // A link with a token: `/join/` alone is no candidate's link.
    let link = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|t| !t.trim_matches('/').is_empty())
    };
    let page = if link("join/") {
        "room.html"
    } else if link("mock/") {
        "mock.html"
    } else {
        "index.html"
    };
    // A build without the candidates' pages serves the application, which
    // says so on such a link.
    let found = Dist::get(page)
        .map(|f| (page, f))
        .or_else(|| Dist::get("index.html").map(|f| ("index.html", f)));
    match found {
        Some((name, file)) => negotiated(name, file, REVALIDATE, &headers),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
            "Mockroom's frontend is not built into this binary. Build it with scripts/build-frontend.sh \
             (or use scripts/start), then rebuild the server.",
        )
            .into_response(),
    }
}

/// `file` (at `path`), or the copy of it the build compressed (`.br`,
/// `.gz` beside it) in an encoding the browser accepts: no work at request
/// time, which matters most for the WASM modules. The pages are compressed
/// too: they are small, but part of every first load.
fn negotiated(path: &str, file: rust_embed::EmbeddedFile, cache: &'static str, headers: &HeaderMap) -> Response {
    let accepted = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let packed = [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .filter(|(encoding, _)| accepts(accepted, encoding))
        .find_map(|(encoding, suffix)| Some((encoding, Dist::get(&format!("{path}{suffix}"))?)));
    let mut response = match packed {
        Some((encoding, packed)) => {
            let mime = mime_type(path, &file);
            let mut response = file_response(path, packed, cache);
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&mime) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            response
        }
        None => file_response(path, file, cache),
    };
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
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

/// Whether an `Accept-Encoding` value accepts `encoding` (named, or `*`,
/// and not refused with `q=0`).
fn accepts(accept_encoding: &str, encoding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        (name.eq_ignore_ascii_case(encoding) || name == "*") && !refused
    })
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

#[cfg(test)]
mod tests {
    use super::accepts;

    #[test]
    fn accept_encoding_is_read_as_browsers_send_it() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip, deflate, br, zstd", "gzip"));
        assert!(accepts("GZIP", "gzip"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("br;q=0, gzip", "br"));
        assert!(accepts("br;q=0.5", "br"));
        assert!(accepts("*", "br"));
        assert!(!accepts("", "gzip"));
        assert!(!accepts("identity", "gzip"));
    }
}
