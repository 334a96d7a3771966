//! `mockroom demo` on both databases: the demo team's data is read by the
//! real endpoints as real data (calibration, scorecards, the candidate's
//! history and reviews), a second run adds nothing, and the install's
//! first-account path stays open for its owner. `serve --demo` makes the
//! demo before it listens.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

const DEMO_PASSWORD: &str = "mockroom-demo";

fn demo(database_url: &str) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mockroom"))
        .args(["--database", database_url, "demo"])
        .output()
        .expect("run mockroom demo");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn signed_in(app: &TestApp, email: &str) -> TestClient {
    let client = app.client();
    let (status, me) = client.login(email, DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{email}: {me}");
    client
}

fn count(value: &Value) -> usize {
    value.as_array().map_or(0, Vec::len)
}

on_both_backends! {
    async fn the_demo_fills_calibration_scorecards_and_history_once(backend: Backend) {
        let dir = tempfile::tempdir().expect("dir");
        let database_url = fresh_database(&backend, &dir).await;
        let (ok, stdout, stderr) = demo(&database_url);
        assert!(ok, "{stderr}");
        assert!(stdout.contains("Created the demo team \"Demo team (sample data)\""), "{stdout}");
        for account in ["demo-owner@example.com", "demo-candidate@example.com", DEMO_PASSWORD] {
            assert!(stdout.contains(account), "{account} in {stdout}");
        }

        let app = spawn_app_with(backend, |c| {
            c.database_url = database_url.clone();
            c.bundled_content = true;
        })
        .await;
        let owner = signed_in(&app, "demo-owner@example.com").await;
        let (_, me) = owner.get("/api/v1/me").await;
        assert_eq!(me["memberships"][0]["team"]["name"], "Demo team (sample data)", "{me}");
        assert_eq!(me["memberships"][0]["role"], "owner");
        let team = me["memberships"][0]["team"]["id"].as_str().expect("team").to_owned();
        let (_, members) = owner.get(&format!("/api/v1/teams/{team}/members")).await;
        assert_eq!(count(&members), 5, "{members}");

        // Calibration: agreement, leniency, distributions and item analysis all have figures.
        let (status, report) = owner.get(&format!("/api/v1/teams/{team}/calibration")).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        let sample = &report["sample"];
        assert!(sample["ratings"].as_u64().is_some_and(|n| n >= 100), "{sample}");
        assert_eq!(sample["interviewers"], 4, "{sample}");
        assert!(sample["sessions"].as_u64().is_some_and(|n| n >= 10), "{sample}");
        for statistic in ["alpha", "icc_single", "icc_average"] {
            let figure = &report["agreement"][statistic];
            assert!(figure["value"].is_f64(), "{statistic}: {figure}");
            let (low, high) = (figure["ci_low"].as_f64().expect("low"), figure["ci_high"].as_f64().expect("high"));
            assert!(low < high, "{statistic}: a real interval, not a point: {figure}");
        }
        let alpha = report["agreement"]["alpha"]["value"].as_f64().expect("alpha");
        assert!(alpha > 0.2 && alpha < 0.95, "agreement, with some disagreement: {alpha}");
        let pairs = report["agreement"]["kappa_pairs"].as_array().expect("kappa pairs");
        assert!(pairs.iter().any(|p| p["kappa"]["value"].is_f64()), "{pairs:?}");
        let leniency = report["leniency"].as_array().expect("leniency");
        assert_eq!(leniency.len(), 4, "{leniency:?}");
        let tomas = leniency.iter().find(|r| r["interviewer"] == "Tomás Rivera").expect("Tomás");
        assert!(tomas["mean_deviation"].as_f64().is_some_and(|d| d > 0.4), "the lenient interviewer shows: {tomas}");
        assert!(report["items"].as_array().expect("items").iter().any(|i| i["difficulty"].is_f64()), "{}", report["items"]);

        // Sessions: the past interviews, ended, and two drills.
        let (_, sessions) = owner.get(&format!("/api/v1/teams/{team}/sessions")).await;
        let sessions = sessions.as_array().expect("sessions").clone();
        let live: Vec<&Value> = sessions.iter().filter(|s| s["mode"] == "live").collect();
        assert_eq!(live.len(), 16);
        assert!(live.iter().all(|s| s["ended_at"].is_string()), "every past interview has ended");
        assert_eq!(sessions.iter().filter(|s| s["mode"] == "drill").count(), 2);
        let (_, drills) = owner.get(&format!("/api/v1/teams/{team}/calibration/drills")).await;
        assert!(drills.as_array().expect("drills").iter().all(|d| count(&d["submitted"]) >= 1), "{drills}");

        // A scorecard renders the panel's scores, notes and recommendations.
        let session = live[0]["id"].as_str().expect("id");
        let card = owner.send("GET", &format!("/api/v1/teams/{team}/sessions/{session}/scorecard"), None).await;
        assert_eq!(card.status, StatusCode::OK);
        let html = card.body.as_str().expect("html").to_owned();
        let candidate = live[0]["candidate_name"].as_str().expect("name");
        assert!(html.contains(&format!("Scorecard: {candidate}")), "{html}");
        assert!(html.contains("Rubric scores") && !html.contains("No scores."), "{html}");
        assert!(["Maya Chen", "Tomás Rivera", "Priya Nair", "Jonas Berg"].iter().filter(|n| html.contains(*n)).count() >= 2, "a panel: {html}");
        let (_, timeline) = owner.get(&format!("/api/v1/teams/{team}/sessions/{session}/timeline")).await;
        let kinds: Vec<&str> = timeline.as_array().expect("timeline").iter().filter_map(|e| e["event"]["type"].as_str()).collect();
        for kind in ["joined", "revealed", "answered", "quick_check_answered", "scored", "noted", "recommended", "submitted", "finished"] {
            assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
        }

        // The candidate's practice history, progress per category and review cards.
        let candidate = signed_in(&app, "demo-candidate@example.com").await;
        let (status, history) = candidate.get("/api/v1/practice/history").await;
        assert_eq!(status, StatusCode::OK, "{history}");
        assert_eq!(count(&history["attempts"]), 10, "{history}");
        let progress = history["progress"].as_array().expect("progress");
        assert!(progress.len() >= 3 && progress.iter().all(|c| count(&c["points"]) >= 3), "{progress:?}");
        assert!(history["attempts"].as_array().expect("attempts").iter().all(|a| a["finished"] == true && a["self_score_pct"].is_f64()));
        let (_, reviews) = candidate.get("/api/v1/reviews").await;
        assert!(reviews["total_cards"].as_i64().is_some_and(|n| n >= 4), "{reviews}");
        assert!(count(&reviews["due"]) >= 1, "some cards are due today: {reviews}");

        // Practice is private: the team's sessions list never shows it.
        assert!(sessions.iter().all(|s| s["mode"] != "practice"));

        // A second run adds nothing and says so.
        let (ok, again, stderr) = demo(&database_url);
        assert!(ok, "{stderr}");
        assert!(again.contains("exists already"), "{again}");
        assert!(again.contains("demo-owner@example.com"), "the accounts are printed again: {again}");
        let (_, after) = owner.get(&format!("/api/v1/teams/{team}/sessions")).await;
        assert_eq!(count(&after), sessions.len(), "no duplicate sessions");
        let (_, me) = owner.get("/api/v1/me").await;
        assert_eq!(count(&me["memberships"]), 1, "no second demo team");

        // The install still belongs to whoever registers first.
        let (_, info) = app.client().get("/api/v1/auth/registration").await;
        assert_eq!(info["first_user"], true, "the demo does not take the first account: {info}");
        let first = app.client();
        let (status, me) = first
            .post("/api/v1/auth/register", json!({"email": "ada@example.org", "password": PASSWORD, "display_name": "Ada", "team_name": "Acme"}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{me}");
        assert_eq!(me["memberships"][0]["team"]["name"], "Acme");
        assert_eq!(me["memberships"][0]["role"], "owner");
        let (_, info) = app.client().get("/api/v1/auth/registration").await;
        assert_eq!(info["first_user"], false);
    }

    async fn serve_with_demo_makes_it_before_listening(backend: Backend) {
        let dir = tempfile::tempdir().expect("dir");
        let database_url = fresh_database(&backend, &dir).await;
        let mut server = Command::new(env!("CARGO_BIN_EXE_mockroom"))
            .args(["--database", &database_url, "serve", "--demo", "--bind", "127.0.0.1:0", "--log", "warn"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start mockroom");
        let stdout = server.stdout.take().expect("stdout");
        let lines: Vec<String> = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .take_while(|l| !l.starts_with("Mockroom is listening on"))
            .collect();
        let _ = server.kill();
        let _ = server.wait();
        let printed = lines.join("\n");
        assert!(printed.contains("Created the demo team"), "{printed}");
        assert!(printed.contains("demo-owner@example.com"), "{printed}");
    }
}
