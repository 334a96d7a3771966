use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::auth::{Hasher, LoginThrottle};
use crate::clock::Clock;
use crate::config::Config;
use crate::room::engine::RoomEnv;
use crate::room::limits::RoomLimits;
use crate::room::registry::Rooms;
use crate::store::Store;

/// Logins doing database work at once (throttle counters, account lookup).
/// Others wait their turn, so a login storm leaves the connection pool to
/// everyone else; the wait ends when the attempt is queued for hashing.
const LOGIN_DB_CONCURRENCY: usize = 1;

/// Everything a handler needs, cloned cheaply into each request.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub login_throttle: Arc<LoginThrottle>,
    pub login_gate: Arc<Semaphore>,
    pub hasher: Arc<Hasher>,
    pub rooms: Arc<Rooms>,
    pub clock: Arc<Clock>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> anyhow::Result<Self> {
        let clock = Arc::new(Clock::default());
        Ok(Self {
            store: store.clone(),
            login_throttle: Arc::new(LoginThrottle {
                per_ip: config.login_attempts_per_ip,
                per_account: config.login_attempts_per_account,
                per_device: config.login_attempts_per_device,
                window: config.login_window,
            }),
            login_gate: Arc::new(Semaphore::new(LOGIN_DB_CONCURRENCY)),
            hasher: Arc::new(Hasher::start(config.hash_threads, config.hash_queue)?),
            rooms: Arc::new(Rooms::new(RoomEnv {
                store,
                clock: clock.clone(),
                instance: uuid::Uuid::new_v4(),
                limits: RoomLimits::from_config(&config),
            })),
            clock,
            config: Arc::new(config),
        })
    }
}
