//! The one error type of the HTTP layer.
//!
//! Every failure becomes `{"error": {"code", "message"}}` with a fitting status.
//! Internal errors never leak their details to the client: the response says
//! "internal server error" and the cause travels in a response extension to
//! [`crate::telemetry::log_server_errors`], which logs it once inside the request span.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use mockroom_api::ErrorBody;

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Invalid(String),
    #[error("sign in first")]
    Unauthorized,
    #[error("{0}")]
    InvalidCredentials(&'static str),
    #[error("{0}")]
    Forbidden(String),
    #[error("missing or wrong CSRF token: reload the page and try again")]
    Csrf,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("this link does not exist")]
    LinkUnknown,
    #[error("this link was withdrawn by the interviewer")]
    LinkRevoked,
    #[error("this link expired on {}", .0.format("%-d %B %Y at %H:%M UTC"))]
    LinkExpired(chrono::DateTime<chrono::Utc>),
    #[error("the guide has {} errors: nothing was imported", .0.iter().filter(|d| d.severity == "error").count())]
    ContentInvalid(Vec<mockroom_api::ContentDiagnostic>),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("too many attempts: try again in {} seconds", .retry_after.as_secs().max(1))]
    RateLimited { retry_after: Duration },
    /// A bounded resource (password hashing) is saturated: refused at once.
    #[error("the server is busy: try again in {} seconds", .retry_after.as_secs().max(1))]
    Busy { retry_after: Duration },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Cause of a 5xx, handed to the logging middleware (never to the client).
#[derive(Clone, Debug)]
pub struct InternalCause(pub Arc<String>);

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) | AppError::ContentInvalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthorized | AppError::InvalidCredentials(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::LinkUnknown => StatusCode::NOT_FOUND,
            AppError::LinkRevoked | AppError::LinkExpired(_) => StatusCode::GONE,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "bad_request",
            AppError::Invalid(_) => "invalid_input",
            AppError::ContentInvalid(_) => "invalid_content",
            AppError::Unauthorized => "unauthorized",
            AppError::InvalidCredentials(_) => "invalid_credentials",
            AppError::Forbidden(_) => "forbidden",
            AppError::Csrf => "csrf_failed",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::LinkUnknown => "link_unknown",
            AppError::LinkRevoked => "link_revoked",
            AppError::LinkExpired(_) => "link_expired",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Busy { .. } => "busy",
            AppError::Database(_) | AppError::Internal(_) => "internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        // 503 Busy is a refusal the client should see and retry, not a fault.
        let hidden = status.is_server_error() && !matches!(self, AppError::Busy { .. });
        let message = if hidden {
            "internal server error".to_owned()
        } else {
            self.to_string()
        };
        let mut response = match &self {
            AppError::ContentInvalid(diagnostics) => {
                let body = mockroom_api::ContentErrorBody {
                    error: ErrorBody::new(self.code(), message).error,
                    diagnostics: diagnostics.clone(),
                };
                (status, axum::Json(body)).into_response()
            }
            _ => (status, axum::Json(ErrorBody::new(self.code(), message))).into_response(),
        };
        if let AppError::RateLimited { retry_after } | AppError::Busy { retry_after } = &self {
            let secs = retry_after.as_secs().max(1).to_string();
            if let Ok(value) = HeaderValue::from_str(&secs) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        if hidden {
            response
                .extensions_mut()
                .insert(InternalCause(Arc::new(format!("{self:#}"))));
        }
        response
    }
}

impl From<crate::auth::HashError> for AppError {
    fn from(err: crate::auth::HashError) -> Self {
        match err {
            crate::auth::HashError::Busy { retry_after } => AppError::Busy { retry_after },
            crate::auth::HashError::Failed(err) => AppError::Internal(err),
        }
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                AppError::UnsupportedMediaType("expected a JSON body with `Content-Type: application/json`".into())
            }
            StatusCode::UNPROCESSABLE_ENTITY => AppError::Invalid(rejection.body_text()),
            _ => AppError::BadRequest(rejection.body_text()),
        }
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::BadRequest(rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::BadRequest(rejection.body_text())
    }
}
