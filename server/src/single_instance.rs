//! SQLite serves one server process: two processes writing one file would
//! each keep rooms the other never sees. The first `serve` on a database file
//! takes an exclusive lock on `<file>.lock` for as long as it runs; a second
//! one refuses to start and says why. (PostgreSQL installs may run many
//! instances: they coordinate through the database.)

use std::collections::HashMap;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};

use anyhow::Context;

/// Held while the server runs; dropping the last one releases the lock.
#[derive(Debug, Clone)]
pub struct InstanceLock {
    _file: Option<Arc<File>>,
}

/// Locks this process holds, by file: `main` claims before it prints its
/// address and `launch` claims again; one process is one server.
fn held() -> &'static Mutex<HashMap<PathBuf, Weak<File>>> {
    static HELD: std::sync::OnceLock<Mutex<HashMap<PathBuf, Weak<File>>>> = std::sync::OnceLock::new();
    HELD.get_or_init(Mutex::default)
}

/// The SQLite file behind `sqlite:PATH[?options]`, if the URL names one.
fn sqlite_file(database_url: &str) -> Option<PathBuf> {
    let rest = database_url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Claims the database for this process (a no-op for PostgreSQL).
pub fn claim(database_url: &str) -> anyhow::Result<InstanceLock> {
    let Some(db) = sqlite_file(database_url) else {
        return Ok(InstanceLock { _file: None });
    };
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create database folder {}", dir.display()))?;
    }
    let mut lock_path = db.clone().into_os_string();
    lock_path.push(".lock");
    let lock_path = PathBuf::from(lock_path);
    let mut held = held().lock().unwrap_or_else(|p| p.into_inner());
    if let Some(file) = held.get(&lock_path).and_then(Weak::upgrade) {
        return Ok(InstanceLock { _file: Some(file) });
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("cannot open {}", lock_path.display()))?;
    match file.try_lock() {
        Ok(()) => {
            let file = Arc::new(file);
            held.insert(lock_path, Arc::downgrade(&file));
            Ok(InstanceLock { _file: Some(file) })
        }
        Err(TryLockError::WouldBlock) => anyhow::bail!(
            "another Mockroom server is already using {}: SQLite serves one instance at a time. \
             Stop the other server, or use PostgreSQL (MOCKROOM_DATABASE_URL=postgres://…) to run several.",
            db.display()
        ),
        Err(TryLockError::Error(err)) => Err(err).with_context(|| format!("cannot lock {}", lock_path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_shares_the_lock_within_a_process_and_releases_it_with_the_last_holder() {
        let dir = tempfile::tempdir().expect("dir");
        let url = format!("sqlite:{}?mode=rwc", dir.path().join("db.sqlite").display());
        let first = claim(&url).expect("first claim");
        let again = claim(&url).expect("the same process claims again");
        drop(first);
        // Another process cannot take it while a holder remains.
        let lock = dir.path().join("db.sqlite.lock");
        let other = File::open(&lock).expect("open");
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(again);
        other.try_lock().expect("released with the last holder");
        assert!(claim("postgres://localhost/db").is_ok());
    }

    #[test]
    fn the_file_is_read_from_every_url_form() {
        assert_eq!(sqlite_file("sqlite:./data/m.db"), Some(PathBuf::from("./data/m.db")));
        assert_eq!(
            sqlite_file("sqlite:///tmp/m.db?mode=rwc"),
            Some(PathBuf::from("/tmp/m.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}
