//! Calibration on both databases: scores given over real WebSockets in
//! seeded sessions (and a drill) come back as the same statistics the
//! `mockroom-stats` crate computes on the known score matrix, with
//! leniency, distributions, filters, the CSV and the access rules.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;
use crate::rooms::{connect, send, until, ws_base};

/// The shared level of session `s` on dimension `d` (1..=3, so a lenient +1 stays on the scale).
fn base(s: usize, d: usize) -> u8 {
    ((s * 7 + d * 3) % 3 + 1) as u8
}

/// Scores every dimension of question 0 of `session` over the member socket.
async fn score(app: &TestApp, who: &TestClient, team: &str, session: &str, role: &str, levels: &[u8]) {
    let url = format!("{}/api/v1/teams/{team}/sessions/{session}/ws?role={role}", ws_base(app));
    let mut ws = connect(url, who.session_token()).await.expect("join");
    for (d, level) in levels.iter().enumerate() {
        send(
            &mut ws,
            json!({"type": "score", "question": 0, "dimension": d, "level": level}),
        )
        .await;
    }
    let n = levels.len();
    until(
        &mut ws,
        |_| {},
        |v| v["type"] == "state" && v["view"]["questions"][0]["my_scores"].as_array().map(Vec::len) == Some(n),
    )
    .await;
}

on_both_backends! {
    async fn the_dashboard_computes_agreement_leniency_and_drills_from_recorded_scores(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.bundled_content = true).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let (ivy, ivy_id) = app.join(&owner, &team, "ivy@example.org", "interviewer").await;
        let (pat, _) = app.join(&owner, &team, "pat@example.org", "interviewer").await;
        let (lenny, lenny_id) = app.join(&owner, &team, "lenny@example.org", "interviewer").await;
        let (dee, _) = app.join(&owner, &team, "dee@example.org", "interviewer").await;

        let (_, list) = owner.get(&format!("/api/v1/teams/{team}/questions?kind=Debugging")).await;
        let question = list["questions"][0]["id"].as_str().expect("question").to_owned();
        let (_, preview) = owner.get(&format!("/api/v1/teams/{team}/questions/{question}")).await;
        let dims = preview["rubric"]["dimensions"].as_array().expect("rubric").len();
        assert!(dims >= 1);
        let sessions_needed = 10usize.div_ceil(dims) + 1;

        let mut sessions = Vec::new();
        let mut matrix = Vec::new(); // (item, rater, score)
        for s in 0..sessions_needed {
            let (status, created) = owner
                .post(&format!("/api/v1/teams/{team}/sessions"), json!({"candidate_name": format!("Cand {s}"), "questions": [{"question_id": question}]}))
                .await;
            assert_eq!(status, StatusCode::CREATED, "{created}");
            let id = created["session"]["id"].as_str().expect("id").to_owned();
            let shared: Vec<u8> = (0..dims).map(|d| base(s, d)).collect();
            let lenient: Vec<u8> = shared.iter().map(|l| l + 1).collect();
            score(&app, &ivy, &team, &id, "interviewer", &shared).await;
            score(&app, &pat, &team, &id, "panelist", &shared).await;
            score(&app, &lenny, &team, &id, "panelist", &lenient).await;
            for (d, (same, high)) in shared.iter().zip(&lenient).enumerate() {
                let item = (s * dims + d) as u32;
                matrix.push(mockroom_stats::Rating { item, rater: 0, score: i32::from(*same) });
                matrix.push(mockroom_stats::Rating { item, rater: 1, score: i32::from(*same) });
                matrix.push(mockroom_stats::Rating { item, rater: 2, score: i32::from(*high) });
            }
            sessions.push(id);
        }

        // Only a finished session can be drilled: the interviewer ends the first one.
        let (status, body) = owner.post(&format!("/api/v1/teams/{team}/calibration/drills"), json!({"session_id": sessions[0]})).await;
        assert_error(status, &body, StatusCode::CONFLICT, "conflict");
        let url = format!("{}/api/v1/teams/{team}/sessions/{}/ws", ws_base(&app), sessions[0]);
        let mut runner = connect(url, owner.session_token()).await.expect("owner runs the room");
        send(&mut runner, json!({"type": "finish"})).await;
        until(&mut runner, |_| {}, |v| v["type"] == "state" && v["view"]["finished"] == true).await;
        drop(runner);

        // A drill of the first session: Dee and Ivy score it independently.
        let (status, drill) = owner.post(&format!("/api/v1/teams/{team}/calibration/drills"), json!({"session_id": sessions[0]})).await;
        assert_eq!(status, StatusCode::CREATED, "{drill}");
        let drill_id = drill["drill"]["id"].as_str().expect("drill id").to_owned();
        assert_eq!(drill["drill"]["mode"], "drill");
        let dee_levels: Vec<u8> = (0..dims).map(|d| base(0, d)).collect();
        let url = format!("{}/api/v1/teams/{team}/sessions/{drill_id}/ws?role=panelist", ws_base(&app));
        score(&app, &ivy, &team, &drill_id, "panelist", &dee_levels).await;
        let mut ws = connect(url, dee.session_token()).await.expect("dee joins the drill");
        for (d, level) in dee_levels.iter().enumerate() {
            send(&mut ws, json!({"type": "score", "question": 0, "dimension": d, "level": level})).await;
        }
        let v = until(&mut ws, |_| {}, |v| v["type"] == "state" && v["view"]["questions"][0]["my_scores"].as_array().map(Vec::len) == Some(dims)).await;
        assert_eq!(v["view"]["questions"][0]["other_scores"], json!([]), "hidden until Dee submits");
        assert_eq!(v["view"]["questions"][0]["answer"], "", "the recording, without the live scores");
        send(&mut ws, json!({"type": "reveal_next"})).await;
        assert_eq!(until(&mut ws, |_| {}, |v| v["type"] == "error").await["code"], "forbidden");
        // Nor through the drill's timeline or scorecard.
        let (status, timeline) = dee.get(&format!("/api/v1/teams/{team}/sessions/{drill_id}/timeline")).await;
        assert_eq!(status, StatusCode::OK, "{timeline}");
        let scored_by: Vec<&str> = timeline.as_array().expect("entries").iter()
            .filter(|e| e["event"]["type"] == "scored").filter_map(|e| e["actor"]["name"].as_str()).collect();
        assert!(scored_by.iter().all(|n| *n == "dee@example.org") && !scored_by.is_empty(), "only Dee's own scores: {scored_by:?}");
        let card = dee.send("GET", &format!("/api/v1/teams/{team}/sessions/{drill_id}/scorecard"), None).await;
        assert_eq!(card.status, StatusCode::FORBIDDEN);
        send(&mut ws, json!({"type": "submit"})).await;
        let v = until(&mut ws, |_| {}, |v| v["type"] == "state" && v["view"]["submitted"] == true).await;
        let (_, timeline) = dee.get(&format!("/api/v1/teams/{team}/sessions/{drill_id}/timeline")).await;
        assert!(timeline.as_array().expect("entries").iter().any(|e| e["event"]["type"] == "scored" && e["actor"]["name"] == "ivy@example.org"), "Ivy's drill scores once Dee submitted");
        assert_eq!(v["view"]["questions"][0]["other_scores"].as_array().map(Vec::len), Some(dims), "Ivy's drill scores, once Dee submitted");
        for (d, level) in dee_levels.iter().enumerate() {
            matrix.push(mockroom_stats::Rating { item: d as u32, rater: 3, score: i32::from(*level) });
        }
        let (_, drills) = owner.get(&format!("/api/v1/teams/{team}/calibration/drills")).await;
        assert_eq!(drills[0]["submitted"], json!(["dee@example.org"]), "{drills}");

        // The expected figures, from the statistics crate on the known matrix.
        let expected = mockroom_stats::Ratings::new(&matrix).expect("matrix");
        let config = mockroom_stats::BootstrapConfig::default();
        let alpha = mockroom_stats::ordinal_alpha(&expected, &config).expect("alpha");

        let (status, report) = owner.get(&format!("/api/v1/teams/{team}/calibration")).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert_eq!(report["sample"]["ratings"], matrix.len(), "{}", report["sample"]);
        assert_eq!(report["sample"]["interviewers"], 4);
        assert_eq!(report["sample"]["items"], sessions_needed * dims);
        assert_eq!(report["sample"]["sessions"], sessions_needed, "drill scores count for the session they replay");
        let got = report["agreement"]["alpha"]["value"].as_f64().expect("alpha value");
        assert!((got - alpha.value).abs() < 1e-9, "alpha {got} vs {}", alpha.value);
        // The bootstrap draws depend on item order, so the interval is checked for shape, not digits.
        let (low, high) = (report["agreement"]["alpha"]["ci_low"].as_f64().expect("low"), report["agreement"]["alpha"]["ci_high"].as_f64().expect("high"));
        assert!(low <= got && got <= high && high <= 1.0, "{low}..{high} around {got}");
        assert_eq!(report["agreement"]["alpha"]["items"], alpha.items);
        assert_eq!(report["agreement"]["alpha"]["ratings"], alpha.ratings);
        assert!(report["agreement"]["icc_single"]["value"].is_f64() || report["agreement"]["icc_single"]["not_enough_data"].is_string());
        let lenient = report["leniency"].as_array().expect("leniency").iter()
            .find(|l| l["interviewer_id"] == lenny_id.as_str()).expect("Lenny");
        assert!(lenient["mean_deviation"].as_f64().expect("deviation") > 0.9, "{lenient}");
        assert_eq!(lenient["outlier"], true, "{lenient}");
        let ivy_row = report["leniency"].as_array().expect("leniency").iter()
            .find(|l| l["interviewer_id"] == ivy_id.as_str()).expect("Ivy");
        assert!(ivy_row["mean_deviation"].as_f64().expect("deviation") < 0.0);
        assert_eq!(report["by_interviewer"]["rows"].as_array().map(Vec::len), Some(4));
        assert_eq!(report["by_question"]["rows"].as_array().map(Vec::len), Some(1));
        let item = &report["items"][0];
        assert!(item["not_enough_data"].as_str().is_some_and(|w| w.contains("need at least")), "{item}");
        assert!(report["minimums"].as_array().is_some_and(|m| m.len() == 5));

        // Filters.
        let (_, only_lenny) = owner.get(&format!("/api/v1/teams/{team}/calibration?interviewer={lenny_id}")).await;
        assert_eq!(only_lenny["sample"]["ratings"], sessions_needed * dims);
        assert!(only_lenny["agreement"]["alpha"]["not_enough_data"].is_string());
        let (_, future) = owner.get(&format!("/api/v1/teams/{team}/calibration?from=2999-01-01T00:00:00Z")).await;
        assert_eq!(future["sample"]["ratings"], 0);
        let (status, body) = owner.get(&format!("/api/v1/teams/{team}/calibration?from=yesterday")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

        // The long CSV: one row per score, with its source.
        let csv = owner.send("GET", &format!("/api/v1/teams/{team}/calibration/ratings.csv"), None).await;
        assert_eq!(csv.status, StatusCode::OK);
        let text = csv.body.as_str().expect("csv").to_owned();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "session,candidate,question_id,question,pack,pack_version,dimension,interviewer_id,interviewer,score,stages_revealed,timestamp,source");
        assert_eq!(lines.len(), matrix.len() + 1);
        for source in ["live", "panel", "drill"] {
            assert!(lines.iter().any(|l| l.ends_with(&format!(",{source}"))), "no {source} row in {text}");
        }

        // A deleted account's name leaves the logs; the scores stay with the team.
        let gone = lenny.send("DELETE", "/api/v1/me", Some(json!({"password": PASSWORD}))).await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.body);
        let csv = owner.send("GET", &format!("/api/v1/teams/{team}/calibration/ratings.csv"), None).await;
        let text = csv.body.as_str().expect("csv").to_owned();
        assert!(!text.contains("lenny@example.org"), "{text}");
        assert_eq!(text.matches("(deleted account)").count(), sessions_needed * dims);

        // Access: interviewers do not see the management view.
        let (status, body) = ivy.get(&format!("/api/v1/teams/{team}/calibration")).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        let (status, body) = ivy.post(&format!("/api/v1/teams/{team}/calibration/drills"), json!({"session_id": sessions[0]})).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        let (status, body) = owner.post(&format!("/api/v1/teams/{team}/calibration/drills"), json!({"session_id": drill_id})).await;
        assert_error(status, &body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");
        let (status, body) = owner.post(&format!("/api/v1/teams/{team}/calibration/drills"), json!({"session_id": uuid::Uuid::new_v4()})).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
        let _: Value = body;
    }
}
