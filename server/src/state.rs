use std::sync::Arc;

use crate::auth::RateLimiter;
use crate::clock::Clock;
use crate::config::Config;
use crate::room::engine::RoomEnv;
use crate::room::limits::RoomLimits;
use crate::room::registry::Rooms;
use crate::store::Store;

/// Everything a handler needs, cloned cheaply into each request.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub login_by_account: Arc<RateLimiter>,
    pub login_by_ip: Arc<RateLimiter>,
    pub rooms: Arc<Rooms>,
    pub clock: Arc<Clock>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        let window = config.login_window;
        let clock = Arc::new(Clock::default());
        Self {
            store: store.clone(),
            login_by_account: Arc::new(RateLimiter::new(config.login_attempts_per_account, window)),
            login_by_ip: Arc::new(RateLimiter::new(config.login_attempts_per_ip, window)),
            rooms: Arc::new(Rooms::new(RoomEnv {
                store: store.clone(),
                clock: clock.clone(),
                instance: uuid::Uuid::new_v4(),
                limits: RoomLimits::from_config(&config),
            })),
            clock,
            config: Arc::new(config),
        }
    }
}
