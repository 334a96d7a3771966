//! The demo data through the screens: `mockroom demo` run against a
//! fresh install, then its owner's calibration dashboard and sessions and
//! its candidate's history and reviews show real figures. Screenshots:
//! `demo-calibration.png`, `demo-sessions.png`, `demo-history.png`,
//! `demo-reviews.png`.

use std::process::Command;

use crate::harness::{Backend, Browser};

const PASSWORD: &str = "mockroom-demo";

async fn sign_in(b: &Browser, email: &str, name: &str) {
    b.goto("/login").await;
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.wait_text("[data-testid=signed-in-as]", name).await;
}

pub async fn screens(backend: Backend) {
    let Some(browser) = Browser::start(backend).await else {
        return;
    };
    let b = &browser;
    let out = Command::new(env!("CARGO_BIN_EXE_mockroom"))
        .args(["--database", b.database(), "demo"])
        .output()
        .expect("run mockroom demo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    sign_in(b, "demo-owner@example.com", "Maya Chen").await;
    b.wait_text("[data-testid=team-list]", "Demo team (sample data)").await;
    b.click_link("Calibration").await;
    b.wait_text("[data-testid=sample]", "by 4 interviewers").await;
    b.wait_text("[data-testid=agreement]", "95% CI").await;
    b.wait_count("[data-testid=leniency-row]", 4).await;
    b.wait_text("[data-testid=leniency]", "Tomás Rivera").await;
    b.wait_text("[data-testid=drills]", "Priya Nair").await;
    b.screenshot("demo-calibration").await;

    b.click_link("Sessions").await;
    b.wait_text("[data-testid=sessions]", "Hayden Costa").await;
    b.wait_text("[data-testid=sessions]", "Alex Morgan").await;
    b.screenshot("demo-sessions").await;

    b.click_button("Log out").await;
    b.wait_url_ends_with("/login").await;
    sign_in(b, "demo-candidate@example.com", "Sam Taylor").await;
    b.click_link("History").await;
    b.wait_text("[data-testid=attempts]", "on time").await;
    b.wait_text("[data-testid=attempts]", "timed out").await;
    let points = b
        .count("[data-testid=self-score-chart] [data-testid=chart-point]")
        .await;
    assert!(points >= 10, "a chart of six weeks of practice: {points} points");
    b.screenshot("demo-history").await;

    b.click_link("Reviews").await;
    b.wait_text("[data-testid=due-count]", "due now").await;
    b.wait_count("[data-testid=review-card]", 1).await;
    b.screenshot("demo-reviews").await;
    browser.close().await;
}
