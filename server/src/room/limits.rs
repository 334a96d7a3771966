//! What one participant may cost a room and the server: messages and bytes
//! per second, the size of one message, how often a typed answer is written
//! to the log, how much one session may store, how many connections one
//! candidate link may hold, and how dead connections are noticed.

use std::time::Duration;

use crate::config::Config;

#[derive(Debug, Clone)]
pub struct RoomLimits {
    /// Server pings every connection this often…
    pub ping_interval: Duration,
    /// …and drops one it has heard nothing from (not even a pong) for this long.
    pub idle_timeout: Duration,
    /// A client's first message must be `hello` within this time.
    pub hello_timeout: Duration,
    /// Sustained messages per second per connection (bursts of 3 s allowed).
    pub messages_per_sec: u32,
    /// Sustained bytes per second per connection (bursts of 8 s allowed).
    pub bytes_per_sec: u32,
    /// Largest message; above it the connection closes with 1009.
    pub max_message_bytes: usize,
    /// A candidate's answer is written to the log at most this often per
    /// question; the latest text in between waits its turn (and is written
    /// at once when the connection closes, the answer is handed in, or the
    /// interview ends).
    pub answer_interval: Duration,
    /// Payload bytes one session may store; past it, text updates are refused.
    pub session_log_max_bytes: i64,
    /// Open connections the candidate of a session may hold, everywhere.
    pub link_connections: usize,
    /// An instance silent this long is dead (it beats every quarter of it).
    pub instance_dead_after: Duration,
}

impl Default for RoomLimits {
    fn default() -> Self {
        RoomLimits {
            ping_interval: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(25),
            hello_timeout: Duration::from_secs(10),
            messages_per_sec: 20,
            bytes_per_sec: 128 * 1024,
            // An answer is at most 64 KiB of text; JSON escaping can make its
            // message several times longer.
            max_message_bytes: 512 * 1024,
            answer_interval: Duration::from_millis(300),
            session_log_max_bytes: 16 * 1024 * 1024,
            link_connections: 4,
            instance_dead_after: Duration::from_secs(20),
        }
    }
}

impl RoomLimits {
    pub fn from_config(config: &Config) -> Self {
        RoomLimits {
            ping_interval: config.ws_ping_interval,
            idle_timeout: config.ws_idle_timeout,
            messages_per_sec: config.room_messages_per_sec,
            bytes_per_sec: config.room_bytes_per_sec,
            session_log_max_bytes: config.session_log_max_bytes,
            link_connections: config.link_connections,
            instance_dead_after: config.instance_dead_after,
            ..RoomLimits::default()
        }
    }
}

/// A token bucket: `rate` per second, holding at most `burst`.
#[derive(Debug, Clone)]
pub struct Bucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    at: tokio::time::Instant,
}

impl Bucket {
    pub fn new(rate: f64, burst: f64) -> Self {
        Bucket {
            rate,
            burst,
            tokens: burst,
            at: tokio::time::Instant::now(),
        }
    }

    /// Takes `cost` tokens if there are enough.
    pub fn take(&mut self, cost: f64) -> bool {
        let now = tokio::time::Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * self.rate).min(self.burst);
        self.at = now;
        if self.tokens >= cost {
            self.tokens -= cost;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_bucket_allows_its_burst_then_its_rate() {
        let mut b = Bucket::new(10.0, 30.0);
        assert_eq!((0..100).filter(|_| b.take(1.0)).count(), 30);
        tokio::time::advance(Duration::from_secs(1)).await;
        assert_eq!((0..100).filter(|_| b.take(1.0)).count(), 10);
        tokio::time::advance(Duration::from_secs(60)).await;
        assert_eq!(
            (0..100).filter(|_| b.take(1.0)).count(),
            30,
            "never more than the burst"
        );
    }
}
