//! Assembles the application: store, state, router and middleware, and serves it.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
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
use crate::state::AppState;
use crate::store::Store;
use crate::{assets, telemetry};

/// Only our own origin: the WASM app, its JS glue and CSS. Nothing external,
/// no inline script, and no framing (clickjacking).
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The router with every route and layer, over an opened store.
pub fn router(state: AppState) -> Router {
    let (api, _openapi) = routes::api_router().split_for_parts();
    with_layers(api, state)
}

/// The OpenAPI 3.1 document served at `/api/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes::api_router().split_for_parts().1
}

fn with_layers(api: Router<AppState>, state: AppState) -> Router {
    let openapi_json = serde_json::to_string(&openapi()).unwrap_or_else(|_| "{}".into());
    let x_request_id = HeaderName::from_static("x-request-id");
    let body_limit = state.config.body_limit_bytes;
    let timeout = state.config.request_timeout;
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
    .layer(DefaultBodyLimit::max(body_limit))
    .with_state(state)
    .layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(x_request_id.clone(), MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
            .layer(middleware::from_fn(telemetry::log_server_errors))
            .layer(PropagateRequestIdLayer::new(x_request_id))
            .layer(security_headers!())
            .layer(CompressionLayer::new())
            .layer(middleware::from_fn(telemetry::json_error_bodies))
            .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout)),
    )
}

/// Headers every response carries (CSP, no sniffing, no framing, no referrer).
macro_rules! security_headers {
    () => {
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
    };
}
use security_headers;

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
    let state = AppState::new(store.clone(), config);
    let rooms = state.rooms.clone();
    // Known to the other instances (and knowing them) before the first room opens.
    rooms.beat().await?;
    tracing::info!(backend = store.backend_name(), %addr, instance = %rooms.env().instance, "serving");
    let mut background = rooms.spawn_background();
    background.push(tokio::spawn(purge_expired_sessions(store.clone())));
    let app = router(state);
    // Stopping: room connections close first with "reconnect" (their clients
    // carry on, on another instance behind a balancer), then HTTP drains.
    let shutdown = async move {
        shutdown.await;
        rooms.drain(ROOM_DRAIN_GRACE).await;
    };
    let served = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await;
    for task in background {
        task.abort();
    }
    store.close().await;
    served.map_err(Into::into)
}

/// How long a stopping instance waits for its room connections to close.
const ROOM_DRAIN_GRACE: Duration = Duration::from_secs(5);

async fn purge_expired_sessions(store: Store) {
    let mut every = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every.tick().await;
        match store.purge_expired_sessions().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "purged expired sessions"),
            Err(err) => tracing::warn!(error = %err, "could not purge expired sessions"),
        }
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
