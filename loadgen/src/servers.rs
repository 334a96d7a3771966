//! The servers under load: started here as child processes (one on a fresh
//! SQLite file, or several on one PostgreSQL database), or already running.

use anyhow::bail;
use loadgen::Server;

use crate::Args;

pub struct Servers {
    bases: Vec<String>,
    started: Vec<Server>,
    _dir: Option<tempfile::TempDir>,
}

impl Servers {
    pub fn bases(&self) -> Vec<String> {
        self.bases.clone()
    }

    /// Resident memory of every started instance together (KiB).
    pub fn rss_kib(&self) -> Option<u64> {
        if self.started.is_empty() {
            return None;
        }
        self.started.iter().map(Server::rss_kib).sum()
    }
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
            started: Vec::new(),
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
        started: Vec::new(),
        _dir: dir,
    };
    // One after the other: each imports the bundled packs as it starts.
    for _ in 0..args.instances.max(1) {
        let server = Server::start(&args.server, &database, &[("MOCKROOM_LOGIN_ATTEMPTS_PER_IP", "100000")]).await?;
        servers.bases.push(server.base.clone());
        servers.started.push(server);
    }
    Ok(servers)
}
