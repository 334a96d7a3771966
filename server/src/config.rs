//! Runtime configuration: CLI flags, each with an environment variable
//! (documented in README.md), and defaults that make `mockroom serve` work as is.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

pub const DEFAULT_DATABASE_URL: &str = "sqlite:./data/mockroom.db";

/// Flags of `mockroom serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "MOCKROOM_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,
    /// Public base URL, used in invite links (default: http://<bind>).
    #[arg(long, env = "MOCKROOM_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Log filter in `tracing` syntax, e.g. `info,mockroom=debug`.
    #[arg(long, env = "MOCKROOM_LOG", default_value = "info,tower_http=info,sqlx=warn")]
    pub log: String,
    /// Mark the session cookie `Secure` (set it when serving over HTTPS).
    #[arg(long, env = "MOCKROOM_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,
    /// Lifetime of a login session.
    #[arg(long, env = "MOCKROOM_SESSION_TTL_SECS", default_value_t = 14 * 24 * 3600)]
    pub session_ttl_secs: u64,
    /// Login attempts allowed per account within the window.
    #[arg(long, env = "MOCKROOM_LOGIN_ATTEMPTS_PER_ACCOUNT", default_value_t = 10)]
    pub login_attempts_per_account: u32,
    /// Login attempts allowed per client IP within the window.
    #[arg(long, env = "MOCKROOM_LOGIN_ATTEMPTS_PER_IP", default_value_t = 50)]
    pub login_attempts_per_ip: u32,
    /// Login attempts allowed per trusted device (a browser that signed in before) within the window.
    #[arg(long, env = "MOCKROOM_LOGIN_ATTEMPTS_PER_DEVICE", default_value_t = 10)]
    pub login_attempts_per_device: u32,
    /// Length of the login rate-limit window.
    #[arg(long, env = "MOCKROOM_LOGIN_WINDOW_SECS", default_value_t = 15 * 60)]
    pub login_window_secs: u64,
    /// Requests taking longer are answered 408.
    #[arg(long, env = "MOCKROOM_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,
    /// Largest accepted request body (guide uploads allow 8 MiB).
    #[arg(long, env = "MOCKROOM_BODY_LIMIT_BYTES", default_value_t = 1024 * 1024)]
    pub body_limit_bytes: usize,
    /// Password hashes computed at once (default: half the cores, 1 to 8).
    #[arg(long, env = "MOCKROOM_HASH_THREADS")]
    pub hash_threads: Option<usize>,
    /// Password hashes that may wait for a hashing thread; beyond, 503 at once.
    #[arg(long, env = "MOCKROOM_HASH_QUEUE", default_value_t = 16)]
    pub hash_queue: usize,
    /// Open connections served at once; more are closed at once (default: 10000, or fewer if the file-descriptor limit is lower).
    #[arg(long, env = "MOCKROOM_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,
    /// A client must send a whole request header within this time, and an idle keep-alive connection is closed after it.
    #[arg(long, env = "MOCKROOM_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,
    /// Import the question packs bundled in the binary at start-up.
    #[arg(long, env = "MOCKROOM_BUNDLED_CONTENT", default_value_t = true, action = clap::ArgAction::Set)]
    pub bundled_content: bool,
    /// Create the demo team (sample data; its accounts' password is public)
    /// before serving, unless it exists: see `mockroom demo`.
    #[arg(long, env = "MOCKROOM_DEMO", default_value_t = false)]
    pub demo: bool,
    /// Tests and demos only: `POST /api/v1/dev/clock` moves the server's clock forward.
    #[arg(long, env = "MOCKROOM_DEV_CLOCK", default_value_t = false)]
    pub dev_clock: bool,
    /// The server pings every room connection this often (seconds)…
    #[arg(long, env = "MOCKROOM_WS_PING_SECS", default_value_t = 10)]
    pub ws_ping_secs: u64,
    /// …and drops one it has heard nothing from for this long (seconds).
    #[arg(long, env = "MOCKROOM_WS_TIMEOUT_SECS", default_value_t = 25)]
    pub ws_timeout_secs: u64,
    /// Messages per second one room connection may send (bursts of 3 s).
    #[arg(long, env = "MOCKROOM_ROOM_MESSAGES_PER_SEC", default_value_t = 20)]
    pub room_messages_per_sec: u32,
    /// Bytes per second one room connection may send (bursts of 8 s).
    #[arg(long, env = "MOCKROOM_ROOM_BYTES_PER_SEC", default_value_t = 128 * 1024)]
    pub room_bytes_per_sec: u32,
    /// Event-log bytes one session may store; past it, text updates are refused.
    #[arg(long, env = "MOCKROOM_SESSION_LOG_MAX_BYTES", default_value_t = 16 * 1024 * 1024)]
    pub session_log_max_bytes: i64,
    /// Open connections the candidate of a session may hold (all instances together).
    #[arg(long, env = "MOCKROOM_LINK_CONNECTIONS", default_value_t = 4)]
    pub link_connections: usize,
    /// An instance silent this long is taken for dead and its room
    /// connections written off (it says it is alive every quarter of this).
    #[arg(long, env = "MOCKROOM_INSTANCE_DEAD_SECS", default_value_t = 20)]
    pub instance_dead_secs: u64,
}

/// Everything the running server needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub public_url: Option<String>,
    pub log: String,
    pub secure_cookies: bool,
    pub session_ttl: Duration,
    pub login_attempts_per_account: u32,
    pub login_attempts_per_ip: u32,
    pub login_attempts_per_device: u32,
    pub login_window: Duration,
    pub request_timeout: Duration,
    pub body_limit_bytes: usize,
    pub hash_threads: usize,
    pub hash_queue: usize,
    /// `None`: derived from the file-descriptor limit at start-up.
    pub max_connections: Option<usize>,
    pub header_timeout: Duration,
    pub bundled_content: bool,
    pub dev_clock: bool,
    pub ws_ping_interval: Duration,
    pub ws_idle_timeout: Duration,
    pub room_messages_per_sec: u32,
    pub room_bytes_per_sec: u32,
    pub session_log_max_bytes: i64,
    pub link_connections: usize,
    pub instance_dead_after: Duration,
}

impl Config {
    /// Defaults for every setting but the database (tests tweak fields from here).
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            public_url: None,
            log: "info".into(),
            secure_cookies: false,
            session_ttl: Duration::from_secs(14 * 24 * 3600),
            login_attempts_per_account: 10,
            login_attempts_per_ip: 50,
            login_attempts_per_device: 10,
            login_window: Duration::from_secs(15 * 60),
            request_timeout: Duration::from_secs(30),
            body_limit_bytes: 1024 * 1024,
            hash_threads: crate::auth::default_hash_threads(),
            hash_queue: 16,
            max_connections: None,
            header_timeout: Duration::from_secs(10),
            bundled_content: true,
            dev_clock: false,
            ws_ping_interval: Duration::from_secs(10),
            ws_idle_timeout: Duration::from_secs(25),
            room_messages_per_sec: 20,
            room_bytes_per_sec: 128 * 1024,
            session_log_max_bytes: 16 * 1024 * 1024,
            link_connections: 4,
            instance_dead_after: Duration::from_secs(20),
        }
    }

    pub fn from_args(database_url: String, args: &ServeArgs) -> Self {
        Self {
            database_url,
            public_url: args.public_url.as_ref().map(|u| u.trim_end_matches('/').to_owned()),
            log: args.log.clone(),
            secure_cookies: args.secure_cookies,
            session_ttl: Duration::from_secs(args.session_ttl_secs),
            login_attempts_per_account: args.login_attempts_per_account,
            login_attempts_per_ip: args.login_attempts_per_ip,
            login_attempts_per_device: args.login_attempts_per_device,
            login_window: Duration::from_secs(args.login_window_secs),
            request_timeout: Duration::from_secs(args.request_timeout_secs),
            body_limit_bytes: args.body_limit_bytes,
            hash_threads: args.hash_threads.unwrap_or_else(crate::auth::default_hash_threads),
            hash_queue: args.hash_queue,
            max_connections: args.max_connections,
            header_timeout: Duration::from_secs(args.header_timeout_secs.max(1)),
            bundled_content: args.bundled_content,
            dev_clock: args.dev_clock,
            ws_ping_interval: Duration::from_secs(args.ws_ping_secs.max(1)),
            ws_idle_timeout: Duration::from_secs(args.ws_timeout_secs.max(2)),
            room_messages_per_sec: args.room_messages_per_sec.max(1),
            room_bytes_per_sec: args.room_bytes_per_sec.max(1024),
            session_log_max_bytes: args.session_log_max_bytes,
            link_connections: args.link_connections.max(1),
            instance_dead_after: Duration::from_secs(args.instance_dead_secs.max(2)),
        }
    }
}
