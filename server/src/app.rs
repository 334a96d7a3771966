//! Assembles the application: store, state, router and middleware, and serves it.

use std::future::Future;
use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::{middleware, Router};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::routes;
use crate::serve::{self, ServeOptions};
use crate::state::AppState;
use crate::store::Store;
use crate::{assets, telemetry};

/// Only our own origin: the WASM app, its JS glue and CSS. Nothing external,
/// no inline script, and no framing (clickjacking).
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Mockroom uses none of these browser features: no page of ours may either.
const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), \
     microphone=(), payment=(), usb=()";

/// The router with every route and layer, over an opened store.
pub fn router(state: AppState) -> Router {
    let (api, _openapi) = routes::api_router().split_for_parts();
    with_layers(api, state)
}

/// The OpenAPI 3.1 document served at `/api/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = routes::api_router().split_for_parts().1;
    crate::openapi::document_failures(&mut doc);
    doc
}

fn with_layers(api: Router<AppState>, state: AppState) -> Router {
    let openapi_json = serde_json::to_string(&openapi()).unwrap_or_else(|_| "{}".into());
    let x_request_id = HeaderName::from_static("x-request-id");
    let body_limit = state.config.body_limit_bytes;
    let timeout = state.config.request_timeout;
    // Behind HTTPS (secure cookies) browsers must never fall back to plain HTTP.
    let hsts = state
        .config
        .secure_cookies
        .then(|| HeaderValue::from_static("max-age=31536000"));
    let api = if state.config.dev_clock {
        tracing::warn!("MOCKROOM_DEV_CLOCK is on: anyone can move this server's clock forward");
        api.merge(routes::dev_router())
    } else {
        api
    };
    api.route(
        "/api/openapi.json",
        axum::routing::get(move || async move { ([(header::CONTENT_TYPE, "application/json")], openapi_json) }),
    )
    .route(
        "/scorecard.css",
        axum::routing::get(|| async {
            (
                [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                include_str!("../templates/scorecard.css"),
            )
        }),
    )
    .fallback(assets::serve)
    .layer(crate::extract::body_limit(body_limit))
    .with_state(state)
    .layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(x_request_id.clone(), MakeRequestUuid))
            // 5xx are logged once by `log_server_errors` (deliberate 503s not at all):
            // tower-http's own failure log would write one line per refused login in a storm.
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(telemetry::request_span)
                    .on_failure(()),
            )
            .layer(middleware::from_fn(telemetry::log_server_errors))
            .layer(PropagateRequestIdLayer::new(x_request_id))
            .layer(security_headers!(hsts))
            .layer(CompressionLayer::new())
            .layer(middleware::from_fn(telemetry::json_error_bodies))
            .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout)),
    )
}

/// Headers every response carries: CSP, no sniffing, no framing, no referrer,
/// no powerful browser features, a browsing-context group of our own, HSTS
/// when served over HTTPS, and `no-store` for everything that does not set
/// its own caching (API JSON, scorecards, exports; hashed assets keep theirs).
macro_rules! security_headers {
    ($hsts:expr) => {
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("DENY"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static(PERMISSIONS_POLICY),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::STRICT_TRANSPORT_SECURITY,
                Hsts($hsts.clone()),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-store"),
            ))
    };
}
use security_headers;

/// `Strict-Transport-Security` when served over HTTPS, nothing otherwise.
#[derive(Clone)]
struct Hsts(Option<HeaderValue>);

impl<T> tower_http::set_header::MakeHeaderValue<T> for Hsts {
    fn make_header_value(&mut self, _message: &T) -> Option<HeaderValue> {
        self.0.clone()
    }
}

/// Opens the database (applying migrations) and serves on `listener` until
/// `shutdown` resolves, then drains in-flight requests.
pub async fn launch(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let _only_server_on_this_file = crate::single_instance::claim(&config.database_url)?;
    let store = Store::open(&config.database_url).await?;
    if config.bundled_content {
        crate::content::bundled::load(&store).await?;
    }
    let addr = listener.local_addr()?;
    let options = ServeOptions {
        max_connections: config.max_connections.unwrap_or_else(serve::default_max_connections),
        header_timeout: config.header_timeout,
        drain_timeout: config.request_timeout + Duration::from_secs(5),
    };
    let state = AppState::new(store.clone(), config)?;
    let rooms = state.rooms.clone();
    // Known to the other instances (and knowing them) before the first room opens.
    rooms.beat().await?;
    tracing::info!(
        backend = store.backend_name(),
        %addr,
        instance = %rooms.env().instance,
        max_connections = options.max_connections,
        hash_threads = state.hasher.threads(),
        "serving"
    );
    let mut background = rooms.spawn_background();
    background.push(tokio::spawn(housekeeping(store.clone())));
    // Stopping: room connections close first with "reconnect" (their clients
    // carry on, on another instance behind a balancer), then HTTP drains.
    let shutdown = async move {
        shutdown.await;
        rooms.drain(ROOM_DRAIN_GRACE).await;
    };
    let served = serve::serve(listener, router(state), options, shutdown).await;
    for task in background {
        task.abort();
    }
    store.close().await;
    served.map_err(Into::into)
}

/// How long a stopping instance waits for its room connections to close.
const ROOM_DRAIN_GRACE: Duration = Duration::from_secs(5);

/// Deletes what has expired: login throttle counters every minute (they
/// are many and short-lived), sessions and trusted devices every hour.
async fn housekeeping(store: Store) {
    let mut every = tokio::time::interval(Duration::from_secs(60));
    let mut ticks: u64 = 0;
    loop {
        every.tick().await;
        match store.purge_login_throttle(crate::auth::now_ms()).await {
            Ok(0) => {}
            Ok(n) => tracing::debug!(rows = n, "purged login throttle counters"),
            Err(err) => tracing::warn!(error = %err, "could not purge login throttle counters"),
        }
        if ticks.is_multiple_of(60) {
            match store.purge_expired_sessions().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "purged expired sessions"),
                Err(err) => tracing::warn!(error = %err, "could not purge expired sessions"),
            }
            if let Err(err) = store.purge_expired_devices().await {
                tracing::warn!(error = %err, "could not purge expired trusted devices");
            }
        }
        ticks += 1;
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
