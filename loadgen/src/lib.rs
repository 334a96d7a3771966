//! What the load binaries share: a `mockroom` server started as a child
//! process, its memory, and the figures they print.

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tokio::io::{AsyncBufReadExt, BufReader};

/// A `mockroom serve` child process on a free port, killed when dropped.
pub struct Server {
    /// `http://127.0.0.1:PORT`, as the server printed it.
    pub base: String,
    pub pid: u32,
    _child: tokio::process::Child,
}

impl Server {
    /// Starts `binary --database DATABASE serve` on 127.0.0.1:0 with `env`
    /// set, and waits for the line that says where it listens.
    pub async fn start(binary: &str, database: &str, env: &[(&str, &str)]) -> anyhow::Result<Server> {
        let mut child = tokio::process::Command::new(binary)
            .args([
                "--database",
                database,
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--log",
                "warn",
            ])
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start {binary} (build it with cargo build --release -p mockroom)"))?;
        let pid = child.id().context("server pid")?;
        let stdout = child.stdout.take().context("server stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).await?;
        let base = line.trim().rsplit(' ').next().context("server banner")?.to_owned();
        Ok(Server {
            base,
            pid,
            _child: child,
        })
    }

    /// Resident memory (KiB), if the process is still there.
    pub fn rss_kib(&self) -> Option<u64> {
        rss_kib(self.pid)
    }
}

/// Resident memory of process `pid` (KiB), from /proc.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The `p` quantile (0.0–1.0) of sorted durations; zero if there are none.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_the_nearest_rank() {
        let sorted: Vec<Duration> = (1..=101).map(Duration::from_millis).collect();
        assert_eq!(percentile(&sorted, 0.5), Duration::from_millis(51));
        assert_eq!(percentile(&sorted, 0.99), Duration::from_millis(100));
        assert_eq!(percentile(&sorted, 1.0), Duration::from_millis(101));
        assert_eq!(percentile(&[], 0.5), Duration::ZERO);
    }
}
