//! Who may try a password, and how often. The design (README, "Security and
//! limits") slows an attacker without locking out the owner who knows the
//! password:
//!
//! - per client address (IPv4 address, IPv6 /64): `per_ip` attempts per
//!   window, for everyone — what one address may spend;
//! - per account from one address: a few free attempts, then exponential
//!   backoff (1 s, 2 s, 4 s, … up to the window);
//! - per account from anywhere: `per_account` attempts per window for
//!   *untrusted* clients only;
//! - a trusted-device cookie, issued by a good login to that account, skips
//!   both per-account rules; its own `per_device` limit applies instead.
//!
//! Every attempt is counted before the password is checked, so an attempt the
//! hashing pool refuses costs the same as one it checks. A good login clears
//! the account's counters (not the address's). The counters live in the
//! database, so several instances share them.

use std::net::IpAddr;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult};
use crate::store::{Store, ThrottleRule};

/// Attempts from one address on one account before backoff starts.
const BACKOFF_FREE: i64 = 3;
/// The first backoff pause; each further attempt doubles it.
const BACKOFF_BASE_MS: i64 = 1_000;

#[derive(Debug, Clone)]
pub struct LoginThrottle {
    pub per_ip: u32,
    pub per_account: u32,
    pub per_device: u32,
    pub window: Duration,
}

/// The attempt's counters to clear once the password proved right.
#[derive(Debug)]
pub struct Admitted {
    clear_on_success: Vec<Vec<u8>>,
}

fn key(parts: &[&[u8]]) -> Vec<u8> {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part);
    }
    hash.finalize().to_vec()
}

/// The part of an address one client controls: an IPv6 host usually gets a
/// whole /64, so limiting single IPv6 addresses would limit nothing.
pub fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn refused(wait_ms: i64) -> AppError {
    let ms = u64::try_from(wait_ms.max(1)).unwrap_or(1);
    // Rounded up: a client that waits the advertised seconds is let in.
    AppError::RateLimited {
        retry_after: Duration::from_secs(ms.div_ceil(1000)),
    }
}

impl LoginThrottle {
    fn window_ms(&self) -> i64 {
        i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX / 4).max(1000)
    }

    /// Counts one login attempt for `account` (the normalised e-mail, known
    /// account or not) from `ip`. `device`: the hash of a valid trusted-device
    /// cookie of this very account, if the browser sent one.
    pub async fn admit(&self, store: &Store, ip: IpAddr, account: &str, device: Option<&[u8]>) -> AppResult<Admitted> {
        let window_ms = self.window_ms();
        let address = address_key(ip);
        let mut rules = vec![ThrottleRule::Limit {
            key: key(&[b"ip", address.as_bytes()]),
            window_ms,
            max: i64::from(self.per_ip),
        }];
        let clear_on_success = match device {
            Some(device) => {
                let device_key = key(&[b"device", device]);
                rules.push(ThrottleRule::Limit {
                    key: device_key.clone(),
                    window_ms,
                    max: i64::from(self.per_device),
                });
                vec![device_key]
            }
            None => {
                let pair = key(&[b"account-ip", account.as_bytes(), address.as_bytes()]);
                let account_key = key(&[b"account", account.as_bytes()]);
                rules.push(ThrottleRule::Backoff {
                    key: pair.clone(),
                    free: BACKOFF_FREE,
                    base_ms: BACKOFF_BASE_MS,
                    cap_ms: window_ms,
                    memory_ms: window_ms,
                });
                rules.push(ThrottleRule::Limit {
                    key: account_key.clone(),
                    window_ms,
                    max: i64::from(self.per_account),
                });
                vec![pair, account_key]
            }
        };
        store.throttle_take(&rules, now_ms()).await?.map_err(refused)?;
        Ok(Admitted { clear_on_success })
    }

    /// The password was right: the account's failures are forgotten.
    pub async fn succeeded(&self, store: &Store, admitted: Admitted) -> AppResult<()> {
        for key in &admitted.clear_on_success {
            store.throttle_clear(key).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().expect("ip");
        let c: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(address_key(a), address_key(b));
        assert_ne!(address_key(a), address_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().expect("ip");
        assert_eq!(address_key(mapped), "192.0.2.7");
    }

    #[test]
    fn keys_do_not_collide_across_kinds_or_boundaries() {
        assert_ne!(key(&[b"account", b"a"]), key(&[b"ip", b"a"]));
        assert_ne!(key(&[b"account-ip", b"ab", b"c"]), key(&[b"account-ip", b"a", b"bc"]));
    }
}
