use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

const EVERY_PART: &str = include_str!("../../../guide/tests/fixtures/every_part.md");
const REACT_GUIDE: &str = include_str!("../../../guide/tests/corpus/react-rendering.md");

fn titles(list: &Value) -> Vec<String> {
    list["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["title"].as_str().unwrap_or("").to_owned())
        .collect()
}

on_both_backends! {
    async fn bundled_packs_fill_the_library(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.bundled_content = true).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let (status, packs) = owner.get(&format!("/api/v1/teams/{team}/packs")).await;
        assert_eq!(status, StatusCode::OK, "{packs}");
        let packs = packs.as_array().expect("packs");
        assert!(packs.len() >= 4, "{packs:?}");
        assert!(packs.iter().all(|p| p["bundled"] == true && p["question_count"].as_i64().unwrap_or(0) >= 8));
        assert!(packs.iter().all(|p| p["content_hash"].as_str().is_some_and(|h| h.len() == 64)));

        let (_, all) = owner.get(&format!("/api/v1/teams/{team}/questions")).await;
        let total = all["questions"].as_array().expect("list").len();
        assert!(total >= 32, "{total}");
        assert!(all["kinds"].as_array().expect("kinds").iter().any(|k| k == "Debugging"));

        let (_, debugging) = owner.get(&format!("/api/v1/teams/{team}/questions?kind=Debugging")).await;
        let list = debugging["questions"].as_array().expect("list");
        assert!(!list.is_empty() && list.len() < total);
        assert!(list.iter().all(|q| q["kind"] == "Debugging"));

        let category = all["categories"][0].as_str().expect("a category").to_owned();
        let (_, by_category) = owner.get(&format!("/api/v1/teams/{team}/questions?category={}", urlencode(&category))).await;
        assert!(by_category["questions"].as_array().expect("list").iter().all(|q| q["category"] == category.as_str()));

        let pack = packs.iter().find(|p| p["slug"] == "distributed-systems-design").expect("distributed systems pack");
        let (_, by_pack) = owner.get(&format!("/api/v1/teams/{team}/questions?pack={}", pack["id"].as_str().expect("id"))).await;
        assert_eq!(by_pack["questions"].as_array().expect("list").len() as i64, pack["question_count"].as_i64().expect("count"));

        // Text search reaches into stage bodies, case-insensitively; LIKE wildcards are literal.
        let (_, found) = owner.get(&format!("/api/v1/teams/{team}/questions?q=FENCING%20token")).await;
        assert!(titles(&found).iter().any(|t| t.contains("scheduler")), "{:?}", titles(&found));
        let (_, none) = owner.get(&format!("/api/v1/teams/{team}/questions?q=%25%25%25_")).await;
        assert!(none["questions"].as_array().expect("list").is_empty());

        let id = found["questions"][0]["id"].as_str().expect("id").to_owned();
        let (status, preview) = owner.get(&format!("/api/v1/teams/{team}/questions/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{preview}");
        let kinds: Vec<&str> = preview["stages"].as_array().expect("stages").iter().map(|s| s["kind"].as_str().unwrap_or("")).collect();
        assert_eq!(&kinds[..2], &["scenario", "challenge"]);
        let js = kinds.iter().position(|k| *k == "junior_answer").expect("junior");
        assert_eq!(&kinds[js..js + 3], &["junior_answer", "senior_answer", "model_answer"]);
        assert!(kinds[2..js].iter().all(|k| *k == "section"));
        let qc = kinds.iter().position(|k| *k == "quick_check").expect("quick check");
        assert_eq!(kinds[qc + 1], "quick_check_explanation");
        let check = &preview["stages"][qc]["quick_check"];
        assert_eq!(check["options"].as_array().expect("options").len(), 4);
        assert!(check["correct"].as_i64().is_some_and(|c| (0..4).contains(&c)));
        assert!(!preview["rubric"]["derived"].as_bool().expect("derived"));
        assert!(preview["rubric"]["dimensions"][0]["levels"].as_array().expect("levels").len() == 4);
        assert!(preview["stages"][0]["html"].as_str().expect("html").contains("<p>"));
    }

    async fn uploads_are_versioned_by_content(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let url = format!("/api/v1/teams/{team}/packs");
        let (status, first) = owner.post(&url, json!({"filename": "releases.md", "markdown": EVERY_PART})).await;
        assert_eq!(status, StatusCode::CREATED, "{first}");
        assert_eq!(first["created_version"], true);
        assert_eq!(first["questions"], 1);
        assert_eq!(first["pack"]["slug"], "releases");
        assert_eq!(first["pack"]["bundled"], false);

        let (status, again) = owner.post(&url, json!({"filename": "releases.md", "markdown": EVERY_PART})).await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!(again["created_version"], false, "same bytes, same version");
        assert_eq!(again["pack"]["version_id"], first["pack"]["version_id"]);

        let (_, old_list) = owner.get(&format!("/api/v1/teams/{team}/questions")).await;
        let old_id = old_list["questions"][0]["id"].as_str().expect("id").to_owned();

        let edited = EVERY_PART.replace("30% of requests", "45% of requests");
        let (status, second) = owner.post(&url, json!({"filename": "releases.md", "markdown": edited})).await;
        assert_eq!(status, StatusCode::CREATED, "{second}");
        assert_eq!(second["pack"]["id"], first["pack"]["id"], "same pack");
        assert_ne!(second["pack"]["version_id"], first["pack"]["version_id"], "new version");
        let (_, packs) = owner.get(&url).await;
        assert_eq!(packs.as_array().expect("packs").len(), 1);

        // The library shows the new text; the old version stays readable by id.
        let (_, list) = owner.get(&format!("/api/v1/teams/{team}/questions")).await;
        let new_id = list["questions"][0]["id"].as_str().expect("id").to_owned();
        assert_ne!(new_id, old_id);
        let (_, old) = owner.get(&format!("/api/v1/teams/{team}/questions/{old_id}")).await;
        assert!(old["stages"][0]["html"].as_str().expect("html").contains("30% of requests"));
        let (_, new) = owner.get(&format!("/api/v1/teams/{team}/questions/{new_id}")).await;
        assert!(new["stages"][0]["html"].as_str().expect("html").contains("45% of requests"));
    }

    async fn broken_guides_are_refused_with_diagnostics(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let url = format!("/api/v1/teams/{team}/packs");
        let broken = EVERY_PART.replace("-> B. **Roll back the deploy**", "   B. Roll back the deploy");
        let (status, body) = owner.post(&url, json!({"filename": "broken.md", "markdown": broken})).await;
        assert_error(status, &body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_content");
        let d = &body["diagnostics"][0];
        assert_eq!(d["severity"], "error");
        assert!(d["message"].as_str().expect("message").contains("no correct option"), "{body}");
        assert!(d["line"].as_u64().expect("line") > 1);

        let (status, dry) = owner.post(&url, json!({"filename": "ok.md", "markdown": EVERY_PART, "dry_run": true})).await;
        assert_eq!(status, StatusCode::OK, "{dry}");
        assert_eq!(dry["pack"], Value::Null);
        assert_eq!(dry["questions"], 1);
        let (_, packs) = owner.get(&url).await;
        assert!(packs.as_array().expect("packs").is_empty(), "neither the broken guide nor the dry run stored anything");

        let huge = format!("# Big\n\n{}", "x".repeat(5 * 1024 * 1024 + 10));
        let (status, body) = owner.post(&url, json!({"filename": "big.md", "markdown": huge})).await;
        assert_error(status, &body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_content");
        assert!(body["diagnostics"][0]["message"].as_str().expect("message").contains("5 MB"));
    }

    async fn uploads_report_their_summary_and_keep_code_exercises(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let url = format!("/api/v1/teams/{team}/packs");

        // The dry run says what the import would keep and leave out.
        let (status, dry) = owner.post(&url, json!({"filename": "react.md", "markdown": REACT_GUIDE, "dry_run": true})).await;
        assert_eq!(status, StatusCode::OK, "{dry}");
        let summary = &dry["summary"];
        assert_eq!(summary["imported"], json!({"questions": 2, "sections": 5, "quick_checks": 3, "junior_senior": 1, "code_exercises": 1}));
        assert_eq!(summary["skipped"]["sections"], 2);
        assert_eq!(summary["skipped"]["quick_checks"], 0);
        let skipped: Vec<_> = summary["skipped_parts"].as_array().expect("parts").iter().map(|p| (p["kind"].as_str().unwrap_or(""), p["title"].as_str().unwrap_or(""))).collect();
        assert_eq!(skipped, [("section", "What You'll Learn"), ("section", "Practice with Real Projects")]);

        let (status, done) = owner.post(&url, json!({"filename": "react.md", "markdown": REACT_GUIDE})).await;
        assert_eq!(status, StatusCode::CREATED, "{done}");
        assert_eq!(done["summary"], dry["summary"]);

        let (_, list) = owner.get(&format!("/api/v1/teams/{team}/questions?q=theme")).await;
        let id = list["questions"][0]["id"].as_str().expect("id").to_owned();
        let (status, preview) = owner.get(&format!("/api/v1/teams/{team}/questions/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{preview}");
        let stages = preview["stages"].as_array().expect("stages");
        let exercise = stages.iter().find(|s| s["kind"] == "code_exercise").expect("a code exercise stage");
        assert_eq!(exercise["title"], "Provide the theme with context");
        assert_eq!(exercise["code"]["language"], "tsx");
        let code = exercise["code"]["code"].as_str().expect("code");
        assert!(code.starts_with("const ThemeContext = createContext") && code.contains("<UserProfile />"), "{code}");
        // Highlighted once, at import: spans with classes, the JSX escaped.
        let html = exercise["html"].as_str().expect("html");
        assert!(html.contains("<code class=\"language-tsx\">"), "{html}");
        assert!(html.contains("<span class=\"hl-k\">const</span>"), "{html}");
        assert!(html.contains("&lt;<span class=\"hl-t\">UserProfile</span> /&gt;"), "{html}");
        assert!(stages.iter().filter(|s| s["kind"] != "code_exercise").all(|s| s["code"].is_null()));

        // Object-valued answer props: each side's title, explanation and code.
        let (_, list) = owner.get(&format!("/api/v1/teams/{team}/questions?q=keystroke")).await;
        let id = list["questions"][0]["id"].as_str().expect("id").to_owned();
        let (_, preview) = owner.get(&format!("/api/v1/teams/{team}/questions/{id}")).await;
        let senior = preview["stages"].as_array().expect("stages").iter().find(|s| s["kind"] == "senior_answer").expect("senior");
        assert_eq!(senior["title"], "Senior answer: Find the unstable prop, then fix that");
        let html = senior["html"].as_str().expect("html");
        assert!(html.contains("useCallback") && html.contains("keeps the callback identity stable"), "{html}");
        let checks = preview["stages"].as_array().expect("stages").iter().filter(|s| s["kind"] == "quick_check").count();
        assert_eq!(checks, 2, "the quiz between the steps and the check after the ## section");
    }

    async fn imported_html_cannot_run_scripts(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let hostile = EVERY_PART.replace(
            "Restore service, then find the cause.",
            "Restore service.<script>alert('x')</script> <img src=x onerror=\"alert(1)\"> [link](javascript:alert(1)) <iframe src=\"https://evil.example\"></iframe>",
        );
        let (status, _) = owner.post(&format!("/api/v1/teams/{team}/packs"), json!({"filename": "x.md", "markdown": hostile})).await;
        assert_eq!(status, StatusCode::CREATED);
        let (_, list) = owner.get(&format!("/api/v1/teams/{team}/questions")).await;
        let id = list["questions"][0]["id"].as_str().expect("id");
        let (_, preview) = owner.get(&format!("/api/v1/teams/{team}/questions/{id}")).await;
        let html = preview["stages"][1]["html"].as_str().expect("challenge html");
        assert!(html.contains("Restore service."), "{html}");
        for bad in ["<script", "onerror", "javascript:", "<iframe"] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
    }

    async fn the_library_is_for_the_team_s_interviewers(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        owner.post(&format!("/api/v1/teams/{team}/packs"), json!({"filename": "mine.md", "markdown": EVERY_PART})).await;
        let (_, list) = owner.get(&format!("/api/v1/teams/{team}/questions")).await;
        let question = list["questions"][0]["id"].as_str().expect("id").to_owned();

        let (candidate, _) = app.join(&owner, &team, "cara@example.org", "candidate").await;
        for path in [format!("/api/v1/teams/{team}/packs"), format!("/api/v1/teams/{team}/questions"), format!("/api/v1/teams/{team}/questions/{question}")] {
            let (status, body) = candidate.get(&path).await;
            assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
            assert!(!body.to_string().contains("Roll back"), "no content leaks in the error");
        }
        let (interviewer, _) = app.join(&owner, &team, "ivy@example.org", "interviewer").await;
        let (status, _) = interviewer.get(&format!("/api/v1/teams/{team}/questions/{question}")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = interviewer.post(&format!("/api/v1/teams/{team}/packs"), json!({"filename": "x.md", "markdown": EVERY_PART})).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");

        // Another team sees neither the pack nor the question.
        let (other, other_team) = {
            let (status, t) = interviewer.post("/api/v1/teams", json!({"name": "Other"})).await;
            assert_eq!(status, StatusCode::CREATED);
            (interviewer, t["id"].as_str().expect("id").to_owned())
        };
        let (_, packs) = other.get(&format!("/api/v1/teams/{other_team}/packs")).await;
        assert!(packs.as_array().expect("packs").is_empty());
        let (status, body) = other.get(&format!("/api/v1/teams/{other_team}/questions/{question}")).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
