//! The databases test servers run on: SQLite in a test's temporary
//! directory, or a fresh schema of the PostgreSQL at
//! `MOCKROOM_TEST_POSTGRES_URL` (by default the CI machine's). Outside CI an
//! unreachable PostgreSQL skips the test, loudly; under `CI=true` it fails it.
//! Shared by the test binaries (each includes this file by `#[path]`).

#![allow(dead_code)]

use std::path::Path;

/// Where a test's server keeps its data.
#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    Postgres { url: String },
}

impl Backend {
    /// The PostgreSQL backend, or `None` (said loudly) when it is unreachable
    /// outside CI; under `CI=true` that fails the test.
    pub async fn postgres() -> Option<Backend> {
        reachable_postgres().await.map(|url| Backend::Postgres { url })
    }

    /// A database URL for one test: `file` in `dir` on SQLite, a new schema on PostgreSQL.
    pub async fn fresh_database(&self, dir: &Path, file: &str) -> String {
        match self {
            Backend::Sqlite => format!("sqlite:{}", dir.join(file).display()),
            Backend::Postgres { url } => fresh_schema(url).await.unwrap_or_else(|e| panic!("{e}")),
        }
    }
}

pub fn postgres_url() -> String {
    std::env::var("MOCKROOM_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// The PostgreSQL URL if a server answers there (see the module's note).
pub async fn reachable_postgres() -> Option<String> {
    let url = postgres_url();
    match sqlx::PgPool::connect(&url).await {
        Ok(pool) => {
            pool.close().await;
            Some(url)
        }
        Err(err) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true but PostgreSQL at {url} is unreachable: {err}")
        }
        Err(err) => {
            eprintln!(
                "\n!!! SKIPPED: PostgreSQL test — {url} unreachable ({err}). Start PostgreSQL or set MOCKROOM_TEST_POSTGRES_URL.\n"
            );
            None
        }
    }
}

/// A new, empty schema in the database at `url`, and the URL that uses it:
/// tests share one database but never each other's tables.
pub async fn fresh_schema(url: &str) -> Result<String, String> {
    let pool = sqlx::PgPool::connect(url)
        .await
        .map_err(|e| format!("PostgreSQL at {url}: {e}"))?;
    let schema = format!("test_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&pool)
        .await
        .map_err(|e| format!("create schema {schema}: {e}"))?;
    pool.close().await;
    let sep = if url.contains('?') { '&' } else { '?' };
    Ok(format!("{url}{sep}options=-c%20search_path%3D{schema}"))
}
