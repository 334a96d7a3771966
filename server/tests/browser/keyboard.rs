//! Keyboard-only journeys (issue 12): an interviewer signs in, starts the
//! timer, reveals, scores and recommends without a pointer; a candidate
//! finds the answer box, writes, switches the answer to code and back with
//! the keyboard. Each step moves the focus with Tab (never by clicking) and
//! acts with the keys a keyboard user has: Enter, Space, arrows, shortcuts.

use crate::harness::{Backend, Browser};
use crate::seed;

const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';
const SPACE: char = ' ';
const DOWN: char = '\u{E015}';

/// Presses Tab until the focused element matches `css` (at most `limit` times).
async fn tab_to(b: &Browser, css: &str, limit: usize) {
    let check = format!("return !!document.activeElement && document.activeElement.matches('{css}');");
    for _ in 0..limit {
        if b.script(&check).await.as_bool() == Some(true) {
            return;
        }
        b.press(&[TAB]).await;
    }
    let at = b
        .script("const e = document.activeElement; return e ? e.outerHTML.slice(0, 120) : null;")
        .await;
    panic!("{limit} presses of Tab never reached {css} (the focus is on {at})");
}

async fn type_keys(b: &Browser, text: &str) {
    b.press(&text.chars().collect::<Vec<_>>()).await;
}

pub async fn interviewer_and_candidate(backend: Backend) {
    let Some(interviewer) = Browser::start(backend).await else {
        return;
    };
    let a = &interviewer;
    let room = seed::live_room(a.base()).await;
    let console = format!("/teams/{}/sessions/{}", room.team, room.session);

    // Signed out, the console sends to sign-in; the form is keyboard-only too.
    a.goto(&console).await;
    a.wait_url(&format!("/login?next={}", console.replace('/', "%2F")))
        .await;
    tab_to(a, "#email", 20).await;
    type_keys(a, "ivy@example.org").await;
    a.press(&[TAB]).await;
    type_keys(a, seed::PASSWORD).await;
    a.press(&[ENTER]).await;
    a.wait_url(&console).await;
    a.wait_text("[data-testid=connection]", "Connected").await;

    let candidate = a.another_session().await;
    let c = &candidate;
    c.goto(&format!("/join/{}", room.token)).await;
    c.wait_text("[data-testid=connection]", "Connected").await;

    // The console's keys: t starts the timer, n reveals the next stage.
    a.script("document.activeElement && document.activeElement.blur();")
        .await;
    a.press(&['t']).await;
    a.wait_count("[data-testid=timer] .muted", 0).await;
    a.press(&['n']).await;
    c.wait_text("[data-testid=revealed-stages]", "The Scenario").await;
    // Reveal the next one with its button: Tab to it, Enter.
    tab_to(a, "[data-testid=reveal-next]", 60).await;
    a.press(&[ENTER]).await;
    c.wait_text("[data-testid=revealed-stages]", "The Challenge").await;

    // The candidate: Tab to the answer and write.
    tab_to(c, "#answer", 60).await;
    type_keys(c, "Fence the lease with a token").await;
    a.wait_text("[data-testid=candidate-answer]", "Fence the lease with a token")
        .await;
    c.wait_text("[data-testid=save-state]", "Saved").await;
    // The language picker comes just before the box: Shift+Tab, then an arrow
    // picks the next language (JavaScript) and the code editor takes over.
    c.chord(&['\u{E008}', TAB]).await;
    let on_picker = c
        .script("return document.activeElement.matches('[data-testid=answer-language]');")
        .await;
    assert_eq!(
        on_picker.as_bool(),
        Some(true),
        "Shift+Tab from the answer reaches its language"
    );
    c.press(&[DOWN]).await;
    c.wait_count("[data-testid=answer-editor] .code-editor", 1).await;
    a.wait_text("[data-testid=candidate-answer-language]", "Written in JavaScript")
        .await;
    // And back to plain text, the same way: the text is still there.
    c.press(&['\u{E013}']).await; // ArrowUp
    c.wait_count("#answer", 1).await;
    assert_eq!(c.value("#answer").await, "Fence the lease with a token");
    c.screenshot("keyboard-candidate").await;

    // Scoring: Tab to the rubric's first level, Space presses it.
    tab_to(a, "[data-testid=rubric] button.level", 80).await;
    a.press(&[SPACE]).await;
    a.wait_count("[data-testid=rubric] button.level[aria-pressed=true]", 1)
        .await;
    // The recommendation: Tab to the select, an arrow picks "Strong no".
    tab_to(a, "#recommendation", 40).await;
    a.press(&[DOWN]).await;
    assert_eq!(a.value("#recommendation").await, "strong_no");
    a.screenshot("keyboard-console").await;

    candidate.close().await;
    interviewer.close().await;
}
