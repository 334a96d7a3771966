//! The servers under load: started here as child processes (one on a fresh
//! SQLite file, or several on one PostgreSQL database), or already running.

use std::process::Stdio;

use anyhow::{bail, Context};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::Args;

pub struct Servers {
    bases: Vec<String>,
    pids: Vec<u32>,
    _children: Vec<tokio::process::Child>,
    _dir: Option<tempfile::TempDir>,
}

impl Servers {
    pub fn bases(&self) -> Vec<String> {
        self.bases.clone()
    }

    /// Resident memory of every started instance together (KiB).
    pub fn rss_kib(&self) -> Option<u64> {
        if self.pids.is_empty() {
            return None;
        }
        self.pids.iter().map(|pid| rss_kib(*pid)).sum()
    }
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

pub async fn start_servers(args: &Args) -> anyhow::Result<Servers> {
    let external: Vec<String> = args
        .url
        .iter()
        .chain(&args.urls)
        .map(|u| u.trim_end_matches('/').to_owned())
        .collect();
    if !external.is_empty() {
        return Ok(Servers {
            bases: external,
            pids: Vec::new(),
            _children: Vec::new(),
            _dir: None,
        });
    }
    let (database, dir) = match &args.database {
        Some(url) => (url.clone(), None),
        None => {
            if args.instances > 1 {
                bail!("several instances need a PostgreSQL --database (SQLite serves one)");
            }
            let dir = tempfile::tempdir()?;
            (format!("sqlite:{}", dir.path().join("load.db").display()), Some(dir))
        }
    };
    let mut servers = Servers {
        bases: Vec::new(),
        pids: Vec::new(),
        _children: Vec::new(),
        _dir: dir,
    };
    // One after the other: each imports the bundled packs as it starts.
    for _ in 0..args.instances.max(1) {
        let mut child = tokio::process::Command::new(&args.server)
            .args([
                "--database",
                &database,
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--log",
                "warn",
            ])
            .env("MOCKROOM_LOGIN_ATTEMPTS_PER_IP", "100000")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| {
                format!(
                    "cannot start {} (build it with cargo build --release -p mockroom)",
                    args.server
                )
            })?;
        let stdout = child.stdout.take().context("server stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).await?;
        let base = line.trim().rsplit(' ').next().context("server banner")?.to_owned();
        servers.bases.push(base);
        servers.pids.extend(child.id());
        servers._children.push(child);
    }
    Ok(servers)
}
