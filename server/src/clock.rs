//! The server's notion of "now". Normally the system clock; with
//! `MOCKROOM_DEV_CLOCK=true` (tests and demos only) it can be moved forward
//! through `POST /api/v1/dev/clock`, so a browser test can watch a review
//! come due days later without waiting days.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    pub fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }

    /// Moves the clock forward (never back: deadlines and due dates already
    /// handed out must stay in order).
    pub fn advance(&self, by: Duration) {
        let ms = by.num_milliseconds().max(0);
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_now_forward_and_never_back() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::days(3));
        assert!(clock.now() - before >= Duration::days(3));
        clock.advance(Duration::days(-10));
        assert!(clock.now() - before >= Duration::days(3));
    }
}
