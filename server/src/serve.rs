//! The accept loop, with the connection hygiene `axum::serve` lacks:
//!
//! - a client must send a whole request header within `header_timeout`, and
//!   an idle keep-alive connection is closed after the same time (hyper's
//!   HTTP/1 header-read timer also runs while waiting for the next request),
//!   so half-sent requests and idle floods cannot hold sockets;
//! - at most `max_connections` are served at once; beyond that a new
//!   connection is closed at once (the client sees a reset, not a hang);
//! - accept errors (out of file descriptors, say) back off up to a second
//!   instead of spinning;
//! - on shutdown the listener closes, in-flight requests finish (up to
//!   `drain_timeout`), idle connections are closed.
//!
//! Only HTTP/1.1 is spoken: behind a TLS-terminating proxy HTTP/2 buys
//! nothing, and hyper's protocol sniffing for HTTP/2 runs without any timer.
//! WebSocket upgrades leave the count once upgraded (the room code bounds them).

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub drain_timeout: Duration,
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    options: ServeOptions,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let max = options.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let slots = Arc::new(Semaphore::new(max));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(options.header_timeout)
        .keep_alive(true);
    let http = Arc::new(http);
    let mut shutdown = std::pin::pin!(shutdown);
    let mut backoff = Duration::ZERO;
    let mut last_full_warning: Option<Instant> = None;
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => {
                backoff = Duration::ZERO;
                pair
            }
            Err(err) if is_connection_error(&err) => continue,
            Err(err) => {
                // EMFILE and friends: wait for connections to close.
                backoff = (backoff * 2).clamp(Duration::from_millis(5), Duration::from_secs(1));
                tracing::warn!(error = %err, pause_ms = backoff.as_millis() as u64, "accept failed");
                tokio::time::sleep(backoff).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            if last_full_warning.is_none_or(|t| t.elapsed() > Duration::from_secs(10)) {
                tracing::warn!(max, "connection limit reached: closing new connections");
                last_full_warning = Some(Instant::now());
            }
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request)
        });
        let http = http.clone();
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let conn = http.serve_connection(TokioIo::new(stream), service).with_upgrades();
            let mut conn = std::pin::pin!(conn);
            let result = tokio::select! {
                result = conn.as_mut() => result,
                () = async { let _ = stop.wait_for(|stop| *stop).await; } => {
                    conn.as_mut().graceful_shutdown();
                    conn.await
                }
            };
            if let Err(err) = result {
                tracing::debug!(error = %err, %peer, "connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    if tokio::time::timeout(options.drain_timeout, slots.acquire_many(all))
        .await
        .is_err()
    {
        tracing::warn!(
            open = max - slots.available_permits(),
            "connections still open after the drain timeout"
        );
    }
    Ok(())
}

/// Errors about one connection (it went away before we took it): not ours to wait on.
fn is_connection_error(err: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(err.kind(), ConnectionRefused | ConnectionAborted | ConnectionReset)
}

/// Raises the soft limit on open files to the hard limit, so the connection
/// cap rather than the file-descriptor limit decides how many clients fit.
/// Returns the soft limit now in force.
#[cfg(unix)]
pub fn raise_fd_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write the struct we pass.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    #[allow(clippy::unnecessary_cast)] // rlim_t is not u64 on every Unix.
    Some(limit.rlim_cur as u64)
}

#[cfg(not(unix))]
pub fn raise_fd_limit() -> Option<u64> {
    None
}

/// The connection cap when none is configured: 10,000, or fewer when the
/// file-descriptor limit leaves less room (some descriptors are kept for the
/// database, logs and the listener).
pub fn default_max_connections() -> usize {
    const RESERVED_FDS: u64 = 128;
    let soft = fd_limit().unwrap_or(1024);
    usize::try_from(soft.saturating_sub(RESERVED_FDS).clamp(64, 10_000)).unwrap_or(10_000)
}

#[cfg(unix)]
fn fd_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct we pass.
    #[allow(clippy::unnecessary_cast)] // rlim_t is not u64 on every Unix.
    (unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0).then_some(limit.rlim_cur as u64)
}

#[cfg(not(unix))]
fn fd_limit() -> Option<u64> {
    None
}
