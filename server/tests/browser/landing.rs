//! A first visitor, signed out, opens `/`: the landing page says what
//! Mockroom is, for whom and how to start, has one `h1` and the page's
//! landmarks, fits a 360 px phone without sideways scrolling, and leads to
//! registration. Screenshots: `landing-desktop.png`, `landing-phone.png`.

use crate::harness::{Backend, Browser};

pub async fn first_visit(backend: Backend) {
    let Some(browser) = Browser::start(backend).await else {
        return;
    };
    let b = &browser;
    b.resize(1280, 2000).await;
    b.goto("/").await;
    b.wait_text("[data-testid=landing] h1", "Mock interviews on your own server")
        .await;
    for text in [
        "reveals each question one stage at a time",
        "What it does",
        "only ever receives what has been revealed",
        "Practice that sticks",
        "Calibration for hiring teams",
        "Who it is for",
        "Recruiters",
        "Interviewers",
        "Candidates",
        "Hiring teams",
        "How to start",
        "mockroom demo",
    ] {
        b.wait_text("[data-testid=landing]", text).await;
    }
    // One page title, headings for each part, the shell's landmarks.
    assert_eq!(b.count("h1").await, 1);
    assert_eq!(b.count("[data-testid=landing] h2").await, 3);
    assert_eq!(b.count("header nav").await, 1);
    assert_eq!(b.count("main#main").await, 1);
    assert_eq!(b.count("[data-testid=landing] section[aria-labelledby]").await, 4);
    b.screenshot("landing-desktop").await;

    // A phone: everything fits the width.
    b.resize(360, 2600).await;
    let width = b.script("return window.innerWidth").await;
    let overflow = b
        .script("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    assert_eq!(width, 360, "the viewport is a phone's");
    assert!(
        overflow.as_i64().is_some_and(|o| o <= 0),
        "no sideways scrolling at 360 px: {overflow}"
    );
    b.screenshot("landing-phone").await;

    // The call to action leads to registration.
    b.resize(1280, 900).await;
    b.click("[data-testid=landing] .actions a.button").await;
    b.wait_url_ends_with("/register").await;
    b.wait_text("main h1", "Create your account").await;
    browser.close().await;
}
