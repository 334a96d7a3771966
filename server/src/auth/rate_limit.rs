//! Sliding-window limiter for login attempts, kept in memory: Mockroom is one
//! process, and a restart forgetting counters is an acceptable loss.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimiter {
    max: u32,
    window: Duration,
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt under `key`, or says how long to wait when the key
    /// already used its `max` attempts within the window.
    pub fn hit(&self, key: &str) -> Result<(), Duration> {
        self.hit_at(key, Instant::now())
    }

    fn hit_at(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let mut hits = self.hits.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if hits.len() > 10_000 {
            // Bound memory under a spray of distinct keys: forget idle ones.
            let window = self.window;
            hits.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        let queue = hits.entry(key.to_owned()).or_default();
        while queue.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            queue.pop_front();
        }
        if queue.len() >= self.max as usize {
            let oldest = queue.front().copied().unwrap_or(now);
            return Err(self.window.saturating_sub(now.duration_since(oldest)));
        }
        queue.push_back(now);
        Ok(())
    }

    /// Forgets a key (a successful login clears the account's failures).
    pub fn reset(&self, key: &str) {
        let mut hits = self.hits.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        hits.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_max_and_recovers_after_window() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert!(limiter.hit_at("k", t0).is_ok());
        assert!(limiter.hit_at("k", t0 + Duration::from_secs(1)).is_ok());
        let wait = limiter
            .hit_at("k", t0 + Duration::from_secs(2))
            .expect_err("third is refused");
        assert_eq!(wait, Duration::from_secs(58));
        assert!(limiter.hit_at("other", t0).is_ok(), "keys are independent");
        assert!(limiter.hit_at("k", t0 + Duration::from_secs(61)).is_ok());
        limiter.reset("k");
        assert!(limiter.hit_at("k", t0 + Duration::from_secs(62)).is_ok());
    }
}
