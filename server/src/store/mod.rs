//! Persistence. One [`Store`] over SQLite (the embedded default) or PostgreSQL,
//! chosen by the database URL's scheme. Each backend has its own migrations in
//! `migrations/<backend>/`, embedded in the binary and applied at start-up.
//!
//! Queries are written once: both backends accept `$N` placeholders, and the
//! [`on_pool!`] macro expands a query body for each pool type, so there is no
//! `sqlx::Any` and no runtime type juggling. Where SQL must differ, a method
//! matches on the backend explicitly.

pub(crate) mod calibration;
pub(crate) mod content;
pub(crate) mod events;
mod instances;
pub(crate) mod interviews;
mod invites;
pub(crate) mod reviews;
mod sessions;
mod teams;
mod throttle;
pub(crate) mod users;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

pub use content::{Imported, NewQuestion, NewQuickCheck, NewStage, NewVersion, QuestionDetail};
pub use events::{EventRow, NewEvent, EVENTS_CHANNEL};
pub use invites::{InviteRow, NewInvite};
pub use sessions::SessionRow;
pub use teams::NewTeam;
pub use throttle::ThrottleRule;
pub use users::{NewUser, Registration, UserRow};

#[derive(Clone, Debug)]
pub struct Store {
    backend: Backend,
}

#[derive(Clone, Debug)]
enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the concrete pool of whichever backend is in use.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.backend {
            $crate::store::Backend::Sqlite($pool) => $body,
            $crate::store::Backend::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Starts a transaction that will write. On SQLite it takes the write lock at
/// once (`BEGIN IMMEDIATE`): a deferred transaction that reads first and
/// writes later fails with "database is locked" instead of waiting whenever
/// another connection committed in between.
pub(crate) trait BeginWrite {
    type Db: sqlx::Database;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>> + Send;

    /// A statement that, run first in a write transaction, makes concurrent
    /// pack imports take turns (instances starting together all import the
    /// bundled packs). SQLite's `BEGIN IMMEDIATE` already serialises writers;
    /// PostgreSQL takes a transaction-scoped advisory lock.
    fn import_turn(&self) -> &'static str;
}

impl BeginWrite for SqlitePool {
    type Db = sqlx::Sqlite;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>> + Send {
        self.begin_with("BEGIN IMMEDIATE")
    }

    fn import_turn(&self) -> &'static str {
        "SELECT 1"
    }
}

impl BeginWrite for PgPool {
    type Db = sqlx::Postgres;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>> + Send {
        self.begin()
    }

    fn import_turn(&self) -> &'static str {
        "SELECT pg_advisory_xact_lock(7243001)"
    }
}

impl Store {
    /// Connects to `url` (`sqlite:…` or `postgres://…`), creating a SQLite file
    /// and its folder if needed, and applies pending migrations.
    pub async fn open(url: &str) -> anyhow::Result<Store> {
        let store = if url.starts_with("sqlite:") {
            Store::open_sqlite(url).await?
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Store::open_postgres(url).await?
        } else {
            anyhow::bail!("unsupported database URL `{url}`: use sqlite:PATH or postgres://…");
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn open_sqlite(url: &str) -> anyhow::Result<Store> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("invalid SQLite URL `{url}`"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        if let Some(dir) = options.get_filename().parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create database folder {}", dir.display()))?;
            }
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open SQLite database `{url}`"))?;
        Ok(Store {
            backend: Backend::Sqlite(pool),
        })
    }

    async fn open_postgres(url: &str) -> anyhow::Result<Store> {
        let options = PgConnectOptions::from_str(url).context("invalid PostgreSQL URL")?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .context("cannot connect to PostgreSQL")?;
        Ok(Store {
            backend: Backend::Postgres(pool),
        })
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        match &self.backend {
            Backend::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await,
            Backend::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await,
        }
        .context("database migration failed")
    }

    /// `sqlite` or `postgres`, for logs and `/readyz`.
    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// A round trip to the database, for readiness checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    /// The PostgreSQL pool, for `LISTEN` (instances coordinate through it).
    pub fn postgres(&self) -> Option<&PgPool> {
        match &self.backend {
            Backend::Postgres(pool) => Some(pool),
            Backend::Sqlite(_) => None,
        }
    }

    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }
}
