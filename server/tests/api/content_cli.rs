use std::process::Command;

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::on_both_backends;

fn mockroom(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mockroom"))
        .args(args)
        .output()
        .expect("run mockroom")
}

fn repo(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn bundled_packs_check_clean() {
    let out = mockroom(&["content", "check", &repo("content")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let files: Vec<_> = stdout.lines().filter(|l| l.contains("questions,")).collect();
    assert!(files.len() >= 4, "{stdout}");
    for line in files {
        assert!(line.ends_with("0 errors, 0 warnings"), "{line}");
        let questions: usize = line
            .split(": ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("count");
        assert!(questions >= 8, "{line}");
    }
}

#[test]
fn check_json_reports_the_kubernetes_guide() {
    let path = repo("../shared/guides/kubernetes.md");
    if !std::path::Path::new(&path).exists() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{path} missing under CI");
        eprintln!("\n!!! SKIPPED: {path} not found\n");
        return;
    }
    let out = mockroom(&["content", "check", "--json", &path]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["questions"], 10);
    assert_eq!(v["quick_checks"], 5);
    assert_eq!(v["junior_senior"], 6);
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["warnings"].as_array().map(Vec::len), Some(0));
    assert!(v["sections"].as_u64().is_some_and(|s| s >= 10));
    assert_eq!(v["imported"]["quick_checks"], 5);
    assert_eq!(v["code_exercises"], 0);
    // Nothing of a question is left out: only "What You'll Learn" and the
    // closing promotional section, which belong to no question.
    assert_eq!(v["skipped"]["quick_checks"], 0);
    assert_eq!(v["skipped"]["junior_senior"], 0);
    assert_eq!(v["skipped"]["sections"], 2);
    let titles: Vec<_> = v["skipped_parts"]
        .as_array()
        .expect("parts")
        .iter()
        .map(|p| p["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(titles, ["What You'll Learn", "Practice with Real Infrastructure"]);
}

#[test]
fn check_reports_what_each_file_imports_and_leaves_out() {
    let corpus = repo("guide/tests/corpus/misplaced-parts.md");
    let out = mockroom(&["content", "check", "--json", &corpus]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(
        v["imported"],
        json!({"questions": 1, "sections": 1, "quick_checks": 1, "junior_senior": 1, "code_exercises": 1})
    );
    assert_eq!(
        v["skipped"],
        json!({"questions": 0, "sections": 2, "quick_checks": 4, "junior_senior": 2, "code_exercises": 1})
    );
    let parts = v["skipped_parts"].as_array().expect("parts");
    assert_eq!(parts.len(), 9);
    // Each skipped quick check, pair or exercise has a warning at its line.
    let warned: Vec<u64> = v["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["line"].as_u64())
        .collect();
    for p in parts.iter().filter(|p| p["kind"] != "section") {
        assert!(
            warned.contains(&p["line"].as_u64().expect("line")),
            "{p} has no warning"
        );
    }

    // The human form: diagnostics, then one summary line per file.
    let out = mockroom(&["content", "check", &corpus]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout.lines().last().expect("summary line");
    assert!(
        summary.starts_with(&format!("{corpus}: 1 questions, 1 sections, 1 quick checks, 1 junior/senior pairs, 1 code exercises; skipped: 2 sections outside questions (lines ")),
        "{summary}"
    );
    assert!(
        summary.contains("4 quick checks (lines ") && summary.ends_with("; 0 errors, 9 warnings"),
        "{summary}"
    );
}

#[test]
fn check_reports_errors_with_file_line_col_and_exits_1() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = dir.path().join("bad.md");
    std::fs::write(
        &bad,
        "# T\n\n### Question 1: Q\n\n### Quick Check\n\n**Q?**\n\n-> A. a\n-> B. b\n",
    )
    .expect("write");
    let invalid = dir.path().join("latin1.md");
    std::fs::write(&invalid, b"# T\n\xe9t\xe9\n").expect("write");
    let out = mockroom(&["content", "check", dir.path().to_str().expect("utf8 path")]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "{}:10:1: error: quick check marks 2 options as correct",
            bad.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{}:2:1: error: file is not valid UTF-8", invalid.display())),
        "{stdout}"
    );
}

on_both_backends! {
    async fn cli_import_feeds_the_team_library(backend: Backend) {
        let app = spawn_app(backend.clone()).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let fixture = repo("guide/tests/fixtures/every_part.md");
        let database = app.database_url.clone();
        let out = mockroom(&["--database", &database, "content", "import", "--team", &team, &fixture]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        assert!(String::from_utf8_lossy(&out.stdout).contains("imported as a new version"));
        let again = mockroom(&["--database", &database, "content", "import", "--team", &team, &fixture]);
        assert!(String::from_utf8_lossy(&again.stdout).contains("unchanged"));
        let (status, packs) = owner.get(&format!("/api/v1/teams/{team}/packs")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(packs[0]["title"], "Example Guide");
        let neither = mockroom(&["--database", &database, "content", "import", &fixture]);
        assert!(!neither.status.success());
    }
}
