//! SQLite serves one server process: two processes writing one file would
//! each keep rooms the other never sees. The first `serve` on a database file
//! takes an exclusive lock on `<file>.lock` for as long as it runs; a second
//! one refuses to start and says why. (PostgreSQL installs may run many
//! instances: they coordinate through the database.)

use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;

use anyhow::Context;

/// Held while the server runs; dropping it releases the lock.
#[derive(Debug)]
pub struct InstanceLock {
    _file: Option<File>,
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
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("cannot open {}", PathBuf::from(&lock_path).display()))?;
    match file.try_lock() {
        Ok(()) => Ok(InstanceLock { _file: Some(file) }),
        Err(TryLockError::WouldBlock) => anyhow::bail!(
            "another Mockroom server is already using {}: SQLite serves one instance at a time. \
             Stop the other server, or use PostgreSQL (MOCKROOM_DATABASE_URL=postgres://…) to run several.",
            db.display()
        ),
        Err(TryLockError::Error(err)) => {
            Err(err).with_context(|| format!("cannot lock {}", PathBuf::from(&lock_path).display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_on_one_file_is_refused_until_the_first_is_released() {
        let dir = tempfile::tempdir().expect("dir");
        let url = format!("sqlite:{}?mode=rwc", dir.path().join("db.sqlite").display());
        let first = claim(&url).expect("first claim");
        let second = claim(&url).expect_err("second claim refused");
        assert!(second.to_string().contains("SQLite serves one instance"), "{second}");
        drop(first);
        claim(&url).expect("free again");
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
