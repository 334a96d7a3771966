//! What a candidate or interviewer can rely on, on every screen (issue 10):
//! deep links come back after sign-in, leaving the console takes the
//! interviewer out of the room, quick checks are locked in on purpose (by
//! keyboard too), typed answers survive a reload and a connection that
//! swallows them, final and destructive actions ask first, an ended
//! interview looks ended on both screens, a withdrawn link says so, and
//! downloads are downloads.

use std::time::Duration;

use crate::harness::{Backend, Browser};
use crate::seed;

const ARROW_DOWN: char = '\u{E015}';
const ARROW_UP: char = '\u{E013}';
const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';
const ESCAPE: char = '\u{E00C}';

async fn sign_in(b: &Browser, email: &str) {
    b.fill("#email", email).await;
    b.fill("#password", seed::PASSWORD).await;
    b.click("form button[type=submit]").await;
}

/// `/login?next=…` as the app writes it.
fn sign_in_url(path: &str) -> String {
    format!(
        "/login?next={}",
        path.replace('/', "%2F").replace('?', "%3F").replace('=', "%3D")
    )
}

async fn active_testid(b: &Browser) -> String {
    b.script("return document.activeElement && document.activeElement.dataset.testid || ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn active_text(b: &Browser) -> String {
    b.script("return document.activeElement ? document.activeElement.textContent : ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Waits until the answer box holds text ending with `tail`.
/// Leaves the console and comes back (a new socket: leaving closes it),
/// then waits for the notice that the room's view cannot be read.
async fn reopen_console_unreadable(b: &Browser) {
    b.click_link("Sessions").await;
    b.wait_url_ends_with("/sessions").await;
    b.script("history.back()").await;
    b.wait_text("[role=alert]", "cannot read the room the server sends")
        .await;
}

async fn wait_answer_ends_with(b: &Browser, tail: &str) {
    for _ in 0..100 {
        if b.value("#answer").await.ends_with(tail) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.screenshot("failure").await;
    panic!("the answer never ended with {tail:?}: {:?}", b.value("#answer").await);
}

pub async fn live_room(backend: Backend) {
    let Some(interviewer) = Browser::start(backend).await else {
        return;
    };
    let a = &interviewer;
    let room = seed::live_room(a.base()).await;
    let console = format!("/teams/{}/sessions/{}", room.team, room.session);

    // A deep link opened while signed out: sign in, and land on it.
    a.goto(&console).await;
    a.wait_url(&sign_in_url(&console)).await;
    a.wait_text("[data-testid=sign-in-to-continue]", "Sign in").await;
    a.screenshot("trust-deep-link-sign-in").await;
    sign_in(a, "ivy@example.org").await;
    a.wait_url(&console).await;
    a.wait_text("[data-testid=connection]", "Connected").await;

    // A panelist, through the same kind of link with its query.
    let panelist = a.another_session().await;
    let p = &panelist;
    let as_panelist = format!("{console}?role=panelist");
    p.goto(&as_panelist).await;
    p.wait_url(&sign_in_url(&as_panelist)).await;
    sign_in(p, "pat@example.org").await;
    p.wait_url(&as_panelist).await;
    // Names as people typed them.
    p.wait_text("[data-testid=participants]", "Ivy Interviewer (interviewer) online")
        .await;

    // The interviewer leaves the console for another page of the app: the
    // room sees them go.
    a.click_link("Sessions").await;
    a.wait_url(&format!("/teams/{}/sessions", room.team)).await;
    p.wait_text("[data-testid=participants]", "Ivy Interviewer (interviewer) offline")
        .await;
    p.screenshot("trust-panelist-sees-interviewer-leave").await;
    a.goto(&console).await;
    a.wait_text("[data-testid=connection]", "Connected").await;
    p.wait_text("[data-testid=participants]", "Ivy Interviewer (interviewer) online")
        .await;

    // The candidate joins; the interviewer reveals up to the quick check.
    let candidate = a.another_session().await;
    let c = &candidate;
    c.goto(&format!("/join/{}", room.token)).await;
    c.wait_text("[data-testid=connection]", "Connected").await;
    a.wait_text("[data-testid=participants]", "Cara Candidate (candidate) online")
        .await;
    for _ in 0..20 {
        if c.count("[data-testid=quick-check]").await > 0 {
            break;
        }
        a.click("[data-testid=reveal-next]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    c.wait_text("[data-testid=quick-check]", "Quick check 1").await;
    c.wait_text("[data-testid=quick-check] label", "A.").await;
    c.wait_text("[data-testid=quick-check] label", "B.").await;

    // Keyboard only: arrow keys move the choice and send nothing; Tab
    // reaches the lock-in button, Enter locks the choice in.
    c.script("document.querySelector('[data-testid=quick-check] input[type=radio]').focus()")
        .await;
    c.press(&[ARROW_DOWN, ARROW_DOWN, ARROW_UP]).await;
    c.wait_text("[data-testid=quick-check-status]", "B selected, not locked in yet")
        .await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    a.wait_text("[data-testid=quick-check-results]", "Quick check 1: not answered")
        .await;
    c.press(&[TAB]).await;
    assert_eq!(
        active_testid(c).await,
        "lock-in",
        "Tab leads from the options to the lock-in button"
    );
    c.screenshot("trust-quick-check-keyboard").await;
    c.press(&[ENTER]).await;
    a.wait_text("[data-testid=quick-check-results]", "Quick check 1: answered B (")
        .await;
    c.wait_text("[data-testid=quick-check-status]", "You locked in B").await;

    // The explanation comes after the options it talks about.
    a.click("[data-testid=reveal-next]").await;
    c.wait_count("section.stage-quick_check_explanation", 1).await;
    let after = c
        .script(
            "const f = document.querySelector('[data-testid=quick-check]'); \
             const e = document.querySelector('section.stage-quick_check_explanation'); \
             return (f.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0",
        )
        .await;
    assert_eq!(after, serde_json::json!(true), "the explanation follows the options");
    c.wait_text("[data-testid=quick-check]", "correct").await;
    c.screenshot("trust-quick-check-explained").await;

    // A reload mid-typing keeps the last characters.
    c.fill("#answer", "Fence the writes with a token, then the very last words")
        .await;
    c.reload().await;
    c.wait_text("[data-testid=connection]", "Connected").await;
    wait_answer_ends_with(c, "the very last words").await;
    a.wait_text("[data-testid=candidate-answer]", "the very last words")
        .await;

    // A connection that swallows what is sent (a dying network): the text is
    // kept on the device and sent once the page is back.
    c.script("WebSocket.prototype.send = function () {}").await;
    c.type_text("#answer", " plus an offline tail").await;
    c.wait_text("[data-testid=save-state]", "Saving").await;
    c.reload().await;
    c.wait_text("[data-testid=connection]", "Connected").await;
    wait_answer_ends_with(c, "plus an offline tail").await;
    a.wait_text("[data-testid=candidate-answer]", "plus an offline tail")
        .await;
    c.wait_text("[data-testid=save-state]", "Saved").await;

    // A browser that refuses storage: the candidate is told.
    c.script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }")
        .await;
    c.type_text("#answer", "!").await;
    c.wait_text("[data-testid=draft-not-kept]", "would not keep a copy")
        .await;
    c.screenshot("trust-draft-not-kept").await;
    c.reload().await;
    c.wait_text("[data-testid=connection]", "Connected").await;

    // Submitting with a dimension unscored asks first and names it.
    a.click("[data-testid=submit-scores]").await;
    a.wait_text("[data-testid=unscored]", "Question 1 · Root-cause analysis")
        .await;
    a.wait_text("[data-testid=unscored]", "Question 1 · Design of the fix")
        .await;
    a.screenshot("trust-confirm-unscored").await;
    a.click("[data-testid=confirm-submit] button.secondary").await;
    let dimensions = a.count("[data-testid=rubric] fieldset").await;
    for d in 1..=dimensions {
        a.click_xpath(&format!("//section[@data-testid='rubric']//fieldset[{d}]//button[3]"))
            .await;
        a.wait_count("[data-testid=rubric] button[aria-pressed=true]", d).await;
    }
    a.click("[data-testid=submit-scores]").await;
    a.wait_text("[data-testid=rubric]", "Scores submitted").await;

    // Ending the interview asks first; Escape cancels and gives the focus back.
    a.click("[data-testid=start-timer]").await;
    c.wait_count("[data-testid=timer] .muted", 0).await;
    a.click("[data-testid=end-interview]").await;
    a.wait_text("[data-testid=confirm-end]", "their timer stops").await;
    assert_eq!(
        active_text(a).await,
        "Cancel",
        "the dialog opens on its harmless choice"
    );
    a.screenshot("trust-confirm-end").await;
    a.press(&[ESCAPE]).await;
    for _ in 0..50 {
        if a.script("return document.querySelector('[data-testid=confirm-end]').open")
            .await
            == false
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        active_testid(a).await,
        "end-interview",
        "the focus is back on the button"
    );
    assert_eq!(
        c.count("[data-testid=interview-ended]").await,
        0,
        "Escape ended nothing"
    );
    a.click("[data-testid=end-interview]").await;
    a.click("[data-testid=confirm-end] [data-testid=confirm]").await;

    // Both screens ended: the timer stopped, the answer read-only.
    a.wait_text("[data-testid=interview-ended]", "The interview has ended")
        .await;
    c.wait_text("[data-testid=interview-ended]", "The interview has ended")
        .await;
    c.wait_text("[data-testid=timer]", "stopped").await;
    a.wait_text("[data-testid=timer]", "stopped").await;
    let (candidate_clock, console_clock) = (c.text("[data-testid=timer]").await, a.text("[data-testid=timer]").await);
    tokio::time::sleep(Duration::from_millis(2200)).await;
    assert_eq!(
        c.text("[data-testid=timer]").await,
        candidate_clock,
        "the candidate's timer stands still"
    );
    assert_eq!(
        a.text("[data-testid=timer]").await,
        console_clock,
        "the console's timer stands still"
    );
    assert!(c.attr("#answer", "readonly").await.is_some(), "the answer is read-only");
    c.screenshot("trust-candidate-ended").await;
    a.screenshot("trust-console-ended").await;

    // The scorecard CSV is a real download, not a page of the app.
    assert_eq!(
        a.attr("[data-testid=csv-link]", "rel").await.as_deref(),
        Some("external")
    );
    assert!(a.attr("[data-testid=csv-link]", "download").await.is_some());
    a.click("[data-testid=csv-link]").await;
    let csv = a.wait_download("scorecard-").await;
    assert!(csv.starts_with("record,question,question_title"), "{csv}");
    assert!(csv.contains("Ivy Interviewer"), "{csv}");
    assert_eq!(a.current_path().await, console, "the app did not route the download");
    assert!(!a.page_text().await.contains("Page not found"));

    // Withdrawing the link evicts the candidate, whose page says so.
    a.click("[data-testid=revoke-links]").await;
    a.wait_text(
        "[data-testid=confirm-revoke]",
        "A candidate in the room is disconnected",
    )
    .await;
    a.click("[data-testid=confirm-revoke] [data-testid=confirm]").await;
    c.wait_text("[data-testid=room-closed]", "This link was withdrawn")
        .await;
    assert_eq!(
        c.attr("[data-testid=room-closed]", "data-state").await.as_deref(),
        Some("withdrawn")
    );
    c.screenshot("trust-candidate-withdrawn").await;
    p.wait_text("[data-testid=participants]", "Cara Candidate (candidate) offline")
        .await;

    // Unknown links and refused consoles say so at once.
    c.goto("/join/no-such-link").await;
    c.wait_text("[data-testid=room-closed]", "This link does not exist")
        .await;
    c.screenshot("trust-link-unknown").await;
    // A link with more path to it is a link that does not exist, not
    // another endpoint of the API.
    c.goto("/join/no-such/link").await;
    c.wait_text("[data-testid=room-closed]", "This link does not exist")
        .await;
    p.goto(&format!("/teams/{}/sessions/{}", room.team, uuid::Uuid::new_v4()))
        .await;
    p.wait_text("[data-testid=room-closed]", "You cannot open this room")
        .await;
    assert!(!p.page_text().await.contains("Reconnecting"));
    p.screenshot("trust-console-refused").await;

    // Replay names stages and rubric dimensions by their titles.
    a.goto(&format!("{console}/replay")).await;
    a.wait_text("ol.timeline", "revealed “The Scenario” of question 1 (")
        .await;
    a.wait_text("ol.timeline", "answered quick check 1 of question 1 (")
        .await;
    a.wait_text("ol.timeline", "scored Root-cause analysis level 3 on question 1 (")
        .await;
    a.screenshot("trust-replay-names").await;

    // An id crafted into a console link goes into the API's paths as one
    // segment: no request of the console leaves the session's path, and
    // the page says the room cannot be opened (rather than reconnecting).
    let crafted = format!("/teams/{}/sessions/..%2F..%2F..%2Fme", room.team);
    p.goto(&crafted).await;
    p.wait_text("[data-testid=room-closed]", "You cannot open this room")
        .await;
    let requested = p
        .script(
            "return performance.getEntriesByType('resource').map(e => e.name)\
             .filter(n => n.includes('/api/v1/')).map(n => new URL(n).pathname)",
        )
        .await;
    let requested: Vec<String> = serde_json::from_value(requested).expect("paths");
    let session_path = format!("/api/v1/teams/{}/sessions/..%2F..%2F..%2Fme", room.team);
    assert!(requested.iter().any(|r| r.starts_with(&session_path)), "{requested:?}");
    for r in &requested {
        assert!(
            r == "/api/v1/me" || r.starts_with(&session_path),
            "{r} left the session's path"
        );
    }

    // A view the page cannot read (a page older or newer than the server)
    // is said so once, not asked for again and again: the console's socket
    // here gets every whole view garbled on its way in.
    a.goto(&console).await;
    a.wait_text("[data-testid=connection]", "Connected").await;
    a.script(
        "window.__resyncs = 0;
         window.__tamper = (view) => { view.timer = 'garbled'; };
         const send = WebSocket.prototype.send;
         WebSocket.prototype.send = function (data) {
             if (String(data).includes('\"resync\"')) window.__resyncs++;
             return send.call(this, data);
         };
         const slot = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
         Object.defineProperty(WebSocket.prototype, 'onmessage', {
             configurable: true,
             get() { return slot.get.call(this); },
             set(handler) {
                 slot.set.call(this, (event) => {
                     let data = event.data;
                     const frame = JSON.parse(data);
                     if (frame.type === 'state') { window.__tamper(frame.view); data = JSON.stringify(frame); }
                     handler(new MessageEvent('message', { data }));
                 });
             },
         });",
    )
    .await;
    reopen_console_unreadable(a).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        a.script("return window.__resyncs").await,
        0,
        "an unreadable view is not asked for again"
    );
    a.screenshot("trust-unreadable-view").await;
    // A view for another audience is refused the same way, though it would
    // read: the console's views relabelled as the candidate's.
    a.script("window.__tamper = (view) => { view.audience = 'candidate'; }; window.__resyncs = 0;")
        .await;
    reopen_console_unreadable(a).await;
    assert_eq!(
        a.count("[data-testid=stages]").await,
        0,
        "nothing of a view for another audience is shown"
    );
    assert_eq!(a.script("return window.__resyncs").await, 0);

    // Removing a member asks first, naming them; Cancel keeps them.
    a.goto(&format!("/teams/{}", room.team)).await;
    a.wait_text("[data-testid=members]", "pat@example.org").await;
    let remove_pat = "//table[@data-testid='members']//tr[contains(., 'pat@example.org')]//button";
    a.click_xpath(remove_pat).await;
    a.wait_text(
        "[data-testid=confirm-remove]",
        "Pat Panelist loses access to this team at once",
    )
    .await;
    assert_eq!(
        active_text(a).await,
        "Cancel",
        "the dialog opens on its harmless choice"
    );
    a.screenshot("trust-confirm-remove").await;
    a.click("[data-testid=confirm-remove] button.secondary").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        a.text("[data-testid=members]").await.contains("pat@example.org"),
        "Cancel removed nobody"
    );
    a.click_xpath(remove_pat).await;
    a.click("[data-testid=confirm-remove] [data-testid=confirm]").await;
    for _ in 0..50 {
        if !a.text("[data-testid=members]").await.contains("pat@example.org") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        !a.text("[data-testid=members]").await.contains("pat@example.org"),
        "Pat was removed"
    );

    candidate.close().await;
    panelist.close().await;
    interviewer.close().await;
}

/// An assigned mock: the answer-key setting at set-up and on the candidate's
/// page, typing that survives a reload, quick checks locked in on purpose
/// with only right/not right shown, finishing that asks first, and an
/// expired link that says so.
pub async fn assigned_mock(backend: Backend) {
    let Some(interviewer) = Browser::start(backend).await else {
        return;
    };
    let a = &interviewer;
    let room = seed::live_room(a.base()).await;
    a.goto("/login").await;
    sign_in(a, "ivy@example.org").await;
    a.wait_text("[data-testid=signed-in-as]", "Ivy Interviewer").await;
    a.goto(&format!("/teams/{}/sessions", room.team)).await;

    // Two assigned mocks: the answer key off (the default), then on.
    let mut links = Vec::new();
    for (name, show_key) in [("Dana Candidate", false), ("Eli Trainee", true)] {
        a.fill("#question-search", "singleton scheduler").await;
        a.wait_count("[data-testid=question-picker] li", 1).await;
        a.click_xpath("//ul[@data-testid='question-picker']/li[contains(., 'scheduler')]/button")
            .await;
        a.fill("#candidate-name", name).await;
        a.click("#mode-assigned").await;
        a.wait_text("label.check", "Let the candidate see the answer key after handing in")
            .await;
        assert_eq!(
            a.script("return document.getElementById('show-answer-key').checked")
                .await,
            serde_json::json!(false),
            "off by default"
        );
        if show_key {
            a.click("#show-answer-key").await;
            a.wait_text("#answer-key-help", "can reveal the walkthrough").await;
            a.screenshot("trust-assigned-setup").await;
        }
        a.click_button("Create session").await;
        a.wait_text("[role=status]", name).await;
        let link = a.text("[data-testid=candidate-link]").await;
        links.push(
            link.split_once("/mock/")
                .map(|(_, t)| format!("/mock/{t}"))
                .expect("mock path"),
        );
    }
    a.wait_text("[data-testid=sessions]", "timed mock, answer key shown")
        .await;

    let candidate = a.another_session().await;
    let c = &candidate;
    c.goto(&links[1]).await;
    c.wait_text(
        "[data-testid=answer-key-policy]",
        "you can reveal the rest of the question",
    )
    .await;
    c.goto(&links[0]).await;
    c.wait_text("[data-testid=answer-key-policy]", "stay with your interviewer")
        .await;

    // Typing, then a reload at once: nothing is lost.
    c.click("[data-testid=start-question]").await;
    c.wait_count("[data-testid=revealed-stages] section", 2).await;
    c.fill("#answer", "Lease with a fencing token, and the last words")
        .await;
    c.reload().await;
    c.wait_text("[data-testid=connection]", "Connected").await;
    wait_answer_ends_with(c, "and the last words").await;
    c.wait_text("[data-testid=save-state]", "Saved").await;

    // Hand in, reveal to the quick check, lock in with the mouse.
    c.click("[data-testid=submit-answer]").await;
    c.wait_text("[data-testid=submitted-answer]", "and the last words")
        .await;
    for _ in 0..12 {
        if c.count("[data-testid=quick-check]").await > 0 {
            break;
        }
        let before = c.count("[data-testid=revealed-stages] section").await;
        c.click("[data-testid=reveal-next]").await;
        c.wait_count("[data-testid=revealed-stages] section", before + 1).await;
    }
    c.click("[data-testid=quick-check] input[type=radio]").await;
    c.wait_text("[data-testid=quick-check-status]", "A selected, not locked in yet")
        .await;
    c.click("[data-testid=lock-in]").await;
    c.wait_text("[data-testid=quick-check-status]", "You locked in A:")
        .await;
    c.wait_text("[data-testid=quick-check] .verdict", "your answer").await;
    assert!(
        !c.page_text().await.contains("✓ correct"),
        "the answer key stays with the team: right or not, no correct option"
    );
    c.screenshot("trust-assigned-quick-check").await;

    // Finishing asks first.
    c.click("[data-testid=finish-mock]").await;
    c.wait_text("[data-testid=confirm-finish]", "cannot be changed afterwards")
        .await;
    c.screenshot("trust-confirm-finish").await;
    c.click("[data-testid=confirm-finish] [data-testid=confirm]").await;
    c.wait_text("[data-testid=mock-finished]", "Mock finished").await;

    // Eight days on, the other link (valid for seven) has expired, and says when.
    a.advance_clock(8 * 86_400).await;
    c.goto(&links[1]).await;
    c.wait_text("[data-testid=room-closed]", "This link has expired").await;
    assert_eq!(
        c.attr("[data-testid=room-closed]", "data-state").await.as_deref(),
        Some("expired")
    );
    c.screenshot("trust-link-expired").await;

    candidate.close().await;
    interviewer.close().await;
}
