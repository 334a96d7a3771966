use std::io::Write;
use std::process::{Command, Stdio};

use reqwest::StatusCode;

use crate::helpers::*;
use crate::on_both_backends;

fn create_user(database_url: &str, team: &str, role: &str, email: &str, password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mockroom"))
        .args([
            "--database",
            database_url,
            "user",
            "create",
            "--team",
            team,
            "--role",
            role,
            email,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run mockroom");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("write password");
    child.wait_with_output().expect("wait")
}

on_both_backends! {
    async fn admin_cli_creates_an_owner_who_can_sign_in(backend: Backend) {
        let dir = tempfile::tempdir().expect("dir");
        let database_url = fresh_database(&backend, &dir).await;
        let out = create_user(&database_url, "Acme", "owner", "Root@Example.org", PASSWORD);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("root@example.org") && stdout.contains("owner"), "{stdout}");

        let bad = create_user(&database_url, "Acme", "emperor", "x@example.org", PASSWORD);
        assert!(!bad.status.success());
        assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown role"));
        let short = create_user(&database_url, "Acme", "interviewer", "y@example.org", "short");
        assert!(!short.status.success());
        let again = create_user(&database_url, "Acme", "interviewer", "root@example.org", PASSWORD);
        assert!(!again.status.success(), "duplicate e-mail refused");

        let app = spawn_app_with(backend, |c| c.database_url = database_url.clone()).await;
        let client = app.client();
        let (status, me) = client.login("root@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "{me}");
        assert_eq!(me["memberships"][0]["team"]["name"], "Acme");
        assert_eq!(me["memberships"][0]["role"], "owner");
        let (_, info) = client.get("/api/v1/auth/registration").await;
        assert_eq!(info["first_user"], false, "a CLI-made account closes the first-user path");
    }
}
