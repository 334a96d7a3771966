//! Extractors whose rejections speak the API's JSON error format.

use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
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
/// struct), with an announced oversized body refused at once, integral
/// numbers such as `30.0` read as the integers they are (JSON Schema's
/// `integer` includes them), and malformed JSON, unknown fields, a wrong
/// content type or an oversized body as [`AppError`]s (JSON 4xx).
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
        // Syntax errors (400), content type (415) and size (413) as axum tells them.
        let axum::Json(value) = axum::Json::<Value>::from_request(req, state).await?;
        parse_object(value).map(Json)
    }
}

/// The body as a `T`, if it is a JSON object that fits.
fn parse_object<T: DeserializeOwned>(value: Value) -> Result<T, AppError> {
    if !value.is_object() {
        return Err(AppError::Invalid("the request body must be a JSON object".into()));
    }
    serde_path_to_error::deserialize(integral_numbers_as_integers(value))
        .map_err(|e| AppError::Invalid(format!("Failed to deserialize the JSON body into the target type: {e}")))
}

/// `30.0` becomes `30` (anywhere in the document); `30.5` stays as it is.
fn integral_numbers_as_integers(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(integral_numbers_as_integers).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, integral_numbers_as_integers(v)))
                .collect(),
        ),
        other => other,
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
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
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Team {
        name: String,
    }

    #[test]
    fn only_objects_deserialize() {
        let ok: Team = parse_object(serde_json::json!({"name": "x"})).expect("object");
        assert_eq!(ok, Team { name: "x".into() });
        for bad in [
            serde_json::json!(["x"]),
            serde_json::json!("x"),
            serde_json::json!(1),
            Value::Null,
        ] {
            let err = parse_object::<Team>(bad.clone()).expect_err("not an object");
            assert!(err.to_string().contains("JSON object"), "{bad}: {err}");
        }
        let err = parse_object::<Team>(serde_json::json!({"name": "x", "admin": true})).expect_err("unknown");
        assert!(err.to_string().contains("unknown field"), "{err}");
    }

    #[test]
    fn integral_numbers_are_integers() {
        #[derive(Debug, Deserialize)]
        struct Hours {
            hours: u32,
            nested: Vec<i64>,
        }
        let ok: Hours = parse_object(serde_json::json!({"hours": 408.0, "nested": [-2.0, 3]})).expect("integral");
        assert_eq!((ok.hours, ok.nested), (408, vec![-2, 3]));
        assert!(parse_object::<Hours>(serde_json::json!({"hours": 1.5, "nested": []})).is_err());
    }
}
