//! SQLite stays single-instance, and says so.

use crate::cluster::*;

#[tokio::test]
async fn a_second_server_on_one_sqlite_file_refuses_to_start() {
    let dir = tempfile::tempdir().expect("dir");
    let database = format!("sqlite:{}", dir.path().join("one.db").display());
    let _first = Instance::start(&database);
    let err = Instance::try_start(&database)
        .err()
        .expect("the second server refuses to start");
    assert!(err.contains("SQLite serves one instance"), "{err}");
}
