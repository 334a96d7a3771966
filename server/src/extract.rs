//! Extractors whose rejections speak the API's JSON error format.

use std::fmt;
use std::marker::PhantomData;

use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use tower::layer::util::{Identity, Stack};
use tower::ServiceBuilder;

use crate::error::AppError;

/// The request-body limit of the routes under this layer: enforced while the
/// body streams in (`DefaultBodyLimit`) and, when the client announces a
/// bigger `Content-Length`, at once by [`Json`] (413 without waiting for a
/// body that may never come). An inner layer overrides an outer one.
pub fn body_limit(bytes: usize) -> ServiceBuilder<Stack<Extension<BodyLimit>, Stack<DefaultBodyLimit, Identity>>> {
    ServiceBuilder::new()
        .layer(DefaultBodyLimit::max(bytes))
        .layer(Extension(BodyLimit(bytes)))
}

/// The limit set by the innermost [`body_limit`] layer.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// `axum::Json`, but only for JSON objects (serde would take `["x"]` for a
/// struct), with an announced oversized body refused at once, and with
/// malformed JSON, unknown fields, a wrong content type or an oversized body
/// as [`AppError`]s (JSON 4xx) instead of plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(BodyLimit(limit)) = req.extensions().get::<BodyLimit>().copied() {
            let declared = req
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            if declared.is_some_and(|n| n > limit as u64) {
                return Err(AppError::PayloadTooLarge);
            }
        }
        let axum::Json(ObjectOnly(value)) = axum::Json::<ObjectOnly<T>>::from_request(req, state).await?;
        Ok(Json(value))
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Deserializes `T` from a JSON object only.
#[derive(Debug)]
struct ObjectOnly<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer.deserialize_map(ObjectVisitor(PhantomData)).map(ObjectOnly)
    }
}

/// `axum::extract::Path` with a JSON rejection.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct Path<T>(pub T);

/// `axum::extract::Query` with a JSON rejection.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct Query<T>(pub T);

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Team {
        name: String,
    }

    #[test]
    fn only_objects_deserialize() {
        let ok: ObjectOnly<Team> = serde_json::from_str(r#"{"name": "x"}"#).expect("object");
        assert_eq!(ok.0, Team { name: "x".into() });
        for bad in [r#"["x"]"#, r#""x""#, "1", "null"] {
            let err = serde_json::from_str::<ObjectOnly<Team>>(bad).expect_err(bad);
            assert!(err.to_string().contains("expected a JSON object"), "{bad}: {err}");
        }
        let err = serde_json::from_str::<ObjectOnly<Team>>(r#"{"name": "x", "admin": true}"#).expect_err("unknown");
        assert!(err.to_string().contains("unknown field"), "{err}");
    }
}
