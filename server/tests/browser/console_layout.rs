//! The screens of issue 12 that people judge Mockroom by: the interviewer's
//! split console (the right pane stays in view while the question scrolls,
//! the navigator's progress, the shortcuts dialog, copy buttons, the
//! time-up cue), the candidate's welcome screen and phone layout (the timer
//! stays in view while typing, nothing overflows at 360 px), and the session
//! set-up (reordering questions, the created link on top, a clean form).

use std::time::Duration;

use serde_json::json;

use crate::harness::{Backend, Browser};
use crate::seed;

const ENTER: char = '\u{E007}';
const ESCAPE: char = '\u{E00C}';

/// Replaces the Clipboard API's `writeText` with one that records the text,
/// so a test can see what a copy button copied (headless Chromium has no
/// clipboard to read back from).
async fn record_clipboard(b: &Browser) {
    b.script(
        "window.__copied = null; \
         if (navigator.clipboard) { navigator.clipboard.writeText = (t) => { window.__copied = t; return Promise.resolve(); }; }",
    )
    .await;
}

async fn horizontal_overflow(b: &Browser, width: u32) -> bool {
    let js = format!("return document.documentElement.scrollWidth > {width}");
    b.script(&js).await == json!(true)
}

/// Reveals the next stage until the candidate's page shows `n` stages.
async fn reveal_until(a: &Browser, c: &Browser, n: usize) {
    for _ in 0..n {
        let before = c.count("[data-testid=revealed-stages] section").await;
        if before >= n {
            return;
        }
        a.click("[data-testid=reveal-next]").await;
        c.wait_count("[data-testid=revealed-stages] section", before + 1).await;
    }
}

pub async fn console_and_candidate(backend: Backend) {
    let Some(interviewer) = Browser::start(backend).await else {
        return;
    };
    let a = &interviewer;
    a.set_viewport(1440, 900).await;
    let room = seed::live_room(a.base()).await;
    seed::open_console(a, &room).await;
    let console = room.console();
    a.wait_text("[data-testid=progress]", "Question 1 of 1 · 0/").await;
    assert_eq!(
        a.script("return [window.innerWidth, window.innerHeight]").await,
        json!([1440, 900])
    );

    // The candidate's welcome screen, before anything is revealed: the team,
    // who interviews, how much there is, what to expect, the connection.
    let candidate = a.another_session().await;
    let c = &candidate;
    c.set_viewport(1280, 800).await;
    c.goto(&format!("/join/{}", room.token)).await;
    c.wait_text("[data-testid=welcome]", "Welcome, Cara Candidate").await;
    c.wait_text("[data-testid=welcome]", "Acme invited you").await;
    c.wait_text("[data-testid=interviewers]", "Ivy Interviewer").await;
    c.wait_text("[data-testid=welcome]", "1 question").await;
    c.wait_text("[data-testid=welcome]", "about 20 minutes").await;
    c.wait_text("[data-testid=welcome]", "saved as you type").await;
    c.wait_text("[data-testid=connection-check]", "Your connection works")
        .await;
    c.wait_text("[data-testid=interviewer-check]", "Ivy Interviewer is here")
        .await;
    c.wait_text("[data-testid=waiting]", "Waiting for the interviewer to begin")
        .await;
    assert_eq!(c.count("#answer").await, 0, "no answer box before the interview starts");
    c.screenshot("layout-candidate-welcome").await;

    // The first reveal replaces the welcome screen with the question.
    reveal_until(a, c, 3).await;
    assert_eq!(c.count("[data-testid=welcome]").await, 0);
    a.wait_text("[data-testid=progress]", "3/").await;
    c.fill(
        "#answer",
        "Use a lease with a fencing token checked by the payout store.",
    )
    .await;
    a.wait_text("[data-testid=candidate-answer]", "fencing token").await;

    // Split: with the page scrolled to the end of the question, the timer,
    // the live answer and the rubric are still on screen.
    assert!(
        a.script("return document.documentElement.scrollHeight > window.innerHeight + 200")
            .await
            == json!(true),
        "the question is longer than the screen"
    );
    a.script("window.scrollTo(0, document.documentElement.scrollHeight)")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        a.script("return window.scrollY").await.as_f64().unwrap_or(0.0) > 200.0,
        "the page scrolled"
    );
    assert!(a.in_viewport("[data-testid=timer]", false).await, "timer in view");
    assert!(
        a.in_viewport("[data-testid=candidate-answer]", false).await,
        "live answer in view"
    );
    assert!(a.in_viewport("[data-testid=rubric]", true).await, "rubric in view");
    assert!(
        !a.in_viewport("#question-title", true).await,
        "the left pane did scroll"
    );
    a.screenshot("layout-console-scrolled").await;
    a.script("window.scrollTo(0, 0)").await;
    a.screenshot("layout-console").await;

    // `?` lists the keys; Escape closes the list.
    a.press(&['?']).await;
    a.wait_text("dialog[open][data-testid=shortcuts]", "Reveal the next stage")
        .await;
    a.screenshot("layout-shortcuts").await;
    a.press(&[ESCAPE]).await;
    a.wait_count("dialog[open]", 0).await;

    // Copy buttons copy the right link and say so.
    record_clipboard(a).await;
    a.click("[data-testid=copy-panelist-link]").await;
    a.wait_text("[data-testid=copy-panelist-link]", "Copied").await;
    let copied = a.script("return window.__copied").await;
    assert_eq!(
        copied,
        json!(format!("{}{console}?role=panelist", a.base())),
        "the panelist link was copied"
    );
    a.screenshot("layout-copied").await;
    // A new candidate link comes with its own copy button.
    a.click_button("New candidate link").await;
    a.wait_text("[data-testid=link-notice]", "New candidate link (shown once):")
        .await;
    a.click("[data-testid=copy-new-candidate-link]").await;
    a.wait_text("[data-testid=copy-new-candidate-link]", "Copied").await;
    let link = a.text("[data-testid=new-candidate-link]").await;
    assert_eq!(a.script("return window.__copied").await, json!(link));

    // Time up: the timer runs out (the server's clock moves past the
    // question's 20 minutes) and the console says so.
    a.click("[data-testid=start-timer]").await;
    c.wait_count("[data-testid=timer] .muted", 0).await;
    a.advance_clock(21 * 60).await;
    // The next frame from the room carries the server's new time.
    c.type_text("#answer", " Then alert on overlap.").await;
    a.wait_text("[data-testid=time-up]", "Time is up").await;
    a.wait_text("[data-testid=timer]", "00:00").await;
    assert!(
        a.script("return document.querySelector('.timer-card').classList.contains('time-up')")
            .await
            == json!(true)
    );
    a.screenshot("layout-console-time-up").await;

    // A 1280 × 720 laptop: still split, the right pane still in view.
    a.set_viewport(1280, 720).await;
    a.script("window.scrollTo(0, document.documentElement.scrollHeight)")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        a.in_viewport("[data-testid=timer]", false).await,
        "timer in view at 1280 × 720"
    );
    assert!(a.in_viewport("[data-testid=candidate-answer]", true).await);
    a.screenshot("layout-console-laptop-scrolled").await;
    a.script("window.scrollTo(0, 0)").await;
    a.screenshot("layout-console-laptop").await;

    // Narrower: one column, the right pane's parts under the question.
    a.set_viewport(900, 800).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!horizontal_overflow(a, 900).await, "nothing overflows at 900 px");
    assert_eq!(
        a.script(
            "const m = document.querySelector('.console-main').getBoundingClientRect(); \
             const s = document.querySelector('.console-side').getBoundingClientRect(); \
             return s.top >= m.bottom - 1"
        )
        .await,
        json!(true),
        "one column"
    );
    a.screenshot("layout-console-narrow").await;

    candidate.close().await;
    interviewer.close().await;
}

pub async fn candidate_on_a_phone(backend: Backend) {
    let Some(interviewer) = Browser::start(backend).await else {
        return;
    };
    let a = &interviewer;
    let room = seed::live_room_on(a.base(), "outbox").await;
    seed::open_console(a, &room).await;

    let phone = a.phone_session(360, 740).await;
    let c = &phone;
    c.goto(&format!("/join/{}", room.token)).await;
    c.wait_text("[data-testid=welcome]", "Welcome, Cara Candidate").await;
    assert_eq!(c.script("return window.innerWidth").await, json!(360));
    assert!(!horizontal_overflow(c, 360).await, "the welcome screen fits 360 px");
    c.screenshot("layout-phone-welcome").await;

    // Scenario, challenge and the code exercise (with its code block).
    reveal_until(a, c, 3).await;
    a.click("[data-testid=start-timer]").await;
    c.wait_count("[data-testid=timer] .muted", 0).await;
    assert!(!horizontal_overflow(c, 360).await, "the stages fit 360 px");

    // Typing far down the page: the timer stays in view.
    c.click("#answer").await;
    for line in 0..12 {
        c.type_text(
            "#answer",
            &format!("Step {line}: write the order and its outbox row in one transaction.\n"),
        )
        .await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        c.script("return window.scrollY").await.as_f64().unwrap_or(0.0) > 300.0,
        "the answer box is far down the page"
    );
    assert!(c.in_viewport("#answer", true).await, "the answer box is on screen");
    assert!(
        c.in_viewport("[data-testid=timer]", false).await,
        "the timer stays in view"
    );
    assert!(!horizontal_overflow(c, 360).await, "nothing overflows while typing");
    a.wait_text("[data-testid=candidate-answer]", "Step 11").await;
    c.wait_text("[data-testid=save-state]", "Saved").await;
    c.screenshot("layout-phone-typing").await;

    phone.close().await;
    interviewer.close().await;
}

pub async fn session_setup(backend: Backend) {
    let Some(browser) = Browser::start(backend).await else {
        return;
    };
    let a = &browser;
    a.set_viewport(1280, 900).await;
    let room = seed::live_room(a.base()).await;
    a.goto("/login").await;
    seed::sign_in(a, "ivy@example.org").await;
    a.wait_text("[data-testid=signed-in-as]", "Ivy Interviewer").await;
    a.goto(&format!("/teams/{}/sessions", room.team)).await;

    // Two questions, each with its type, minutes and pack. The search matches
    // anywhere in a question (four mention the outbox), so each query is a
    // phrase only its question has. The list answers every keystroke: first
    // the word shows (the previous query's list is gone), then the list
    // narrows to the one question (a shorter query matches a superset).
    for (query, word) in [
        ("singleton scheduler", "scheduler"),
        ("never reach the fulfilment", "outbox"),
    ] {
        a.fill("#question-search", query).await;
        a.wait_text("[data-testid=question-picker]", word).await;
        a.wait_count("[data-testid=question-picker] li", 1).await;
        a.click_xpath(&format!(
            "//ul[@data-testid='question-picker']/li[contains(., '{word}')]/button"
        ))
        .await;
    }
    a.wait_count("[data-testid=chosen-questions] li", 2).await;
    a.wait_text("[data-testid=chosen-questions] li:nth-child(1)", "Debugging")
        .await;
    a.wait_text("[data-testid=chosen-questions] li:nth-child(2)", "Practical")
        .await;
    a.wait_text("[data-testid=chosen-questions]", "Distributed Systems")
        .await;
    assert_eq!(a.value("#minutes-0").await, "20");
    assert_eq!(a.value("#minutes-1").await, "25");
    a.wait_text("[data-testid=total-minutes]", "45 minutes in all").await;

    // Reorder by mouse, then back by keyboard: the focus follows the question.
    a.click("[data-testid=chosen-questions] li:nth-child(2) button.up")
        .await;
    a.wait_text("[data-testid=chosen-questions] li:nth-child(1)", "outbox")
        .await;
    assert_eq!(a.value("#minutes-0").await, "25", "minutes move with their question");
    a.script("document.querySelector('[data-testid=chosen-questions] li:nth-child(1) button.down').focus()")
        .await;
    a.press(&[ENTER]).await;
    a.wait_text("[data-testid=chosen-questions] li:nth-child(1)", "scheduler")
        .await;
    let focused = a
        .script("return document.activeElement.getAttribute('aria-label')")
        .await;
    assert!(
        focused
            .as_str()
            .is_some_and(|l| l.starts_with("Move up: Orders sometimes")),
        "the focus followed the moved question: {focused}"
    );
    a.press(&[ENTER]).await;
    a.wait_text("[data-testid=chosen-questions] li:nth-child(1)", "outbox")
        .await;
    a.fill("#candidate-name", "Dana Candidate").await;
    a.screenshot("layout-session-setup").await;
    a.click_button("Create session").await;

    // The link on top, with a copy button; the form is clean again.
    a.wait_text("[data-testid=created-session]", "Session with Dana Candidate created")
        .await;
    a.wait_text("[data-testid=candidate-link]", "/join/").await;
    assert!(
        a.in_viewport("[data-testid=created-session]", false).await,
        "the created link is on screen"
    );
    record_clipboard(a).await;
    a.click("[data-testid=copy-candidate-link]").await;
    a.wait_text("[data-testid=copy-candidate-link]", "Copied").await;
    let link = a.text("[data-testid=candidate-link]").await;
    assert_eq!(a.script("return window.__copied").await, json!(link));
    assert_eq!(a.value("#candidate-name").await, "");
    assert_eq!(a.value("#question-search").await, "");
    a.wait_count("[data-testid=chosen-questions] li", 0).await;
    assert_eq!(
        a.script("return document.querySelector('input[name=mode]').checked")
            .await,
        json!(true),
        "back to a live session"
    );
    a.screenshot("layout-session-created").await;

    // The console asks the questions in the chosen order.
    a.click_link("Open the interviewer console").await;
    a.wait_text("ol.question-tabs li:nth-child(1)", "Orders sometimes never reach")
        .await;
    a.wait_text("ol.question-tabs li:nth-child(2)", "singleton scheduler")
        .await;
    a.wait_text("[data-testid=progress]", "Question 1 of 2").await;
    browser.close().await;
}
