//! Real-browser tests: the `mockroom` binary (with its embedded frontend)
//! driven through headless Chromium by ChromeDriver.
//!
//! Needs `chromium` and `chromedriver` on PATH and a built frontend
//! (`scripts/build-frontend.sh`). Under `CI=true` anything missing fails the
//! test; elsewhere the test says loudly that it is skipped.

mod code_editor;
mod code_exercise;
mod console_layout;
#[path = "../support/databases.rs"]
mod databases;
#[path = "../support/decoders.rs"]
mod decoders;
mod demo;
mod first_load;
mod harness;
mod keyboard;
mod landing;
#[path = "../support/room_client.rs"]
mod room_client;
mod room_trust;
mod routing;
mod seed;

use harness::{Backend, Browser};

async fn shell_register_logout_login_invite(backend: Backend) {
    let Some(browser) = Browser::start(backend).await else {
        return;
    };
    let b = &browser;

    // A fresh install: the first account creates and owns the first team.
    b.goto("/register").await;
    b.fill("#team-name", "Acme Hiring").await;
    b.fill("#display-name", "Ada Lovelace").await;
    b.fill("#email", "ada@example.org").await;
    b.fill("#password", "correct horse battery").await;
    b.click("form button[type=submit]").await;
    b.wait_text("[data-testid=signed-in-as]", "Ada Lovelace").await;
    b.wait_text("[data-testid=team-list]", "Acme Hiring").await;
    b.wait_text("[data-testid=team-list]", "owner").await;
    b.screenshot("home-signed-in").await;

    // A candidate's link followed inside the application (a click the router
    // takes) is loaded from the server, which serves it the candidate's own
    // page: the application carries no copy of the candidate's room.
    b.script(
        "const a = document.createElement('a'); a.href = '/join/no-such-link'; a.id = 'in-app-link'; \
         a.textContent = 'link'; document.querySelector('main').append(a);",
    )
    .await;
    b.click("#in-app-link").await;
    b.wait_text("main", "This interview link does not exist").await;
    let entry = b
        .script("return document.querySelector('link[rel=modulepreload]').href")
        .await;
    assert!(
        entry.as_str().is_some_and(|src| src.ends_with("/room.js")),
        "the candidate's page (room.html), not the application: {entry}"
    );
    assert_eq!(
        b.count("[data-testid=signed-in-as]").await,
        0,
        "no application shell around it"
    );
    b.goto("/").await;
    b.wait_text("[data-testid=team-list]", "Acme Hiring").await;

    // Team page: members and an invite link.
    b.click_link("Team").await;
    b.wait_text("[data-testid=members]", "ada@example.org").await;
    // A new name half typed survives another change reloading the team's
    // data (creating the invite), which leaves the team itself as it was.
    b.fill("#team-name", "Acme Talent").await;
    b.click("form.inline button[type=submit]").await;
    b.wait_text("[data-testid=invite-link]", "/register?invite=").await;
    let invite = b.text("[data-testid=invite-link]").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        b.value("#team-name").await,
        "Acme Talent",
        "the name being typed was overwritten"
    );
    b.screenshot("team-page").await;
    // Renaming reloads the page's data: the heading and the invite say it.
    b.fill("#team-name", "Acme Talent").await;
    b.click_button("Rename").await;
    b.wait_text("main h1", "Acme Talent").await;

    // Log out, then a wrong password shows the server's message.
    b.click_button("Log out").await;
    b.wait_url_ends_with("/login").await;
    b.fill("#email", "ada@example.org").await;
    b.fill("#password", "not my password").await;
    b.click("form button[type=submit]").await;
    b.wait_text("[role=alert]", "wrong e-mail address or password").await;

    // Log in: the nav shell is back.
    b.fill("#password", "correct horse battery").await;
    b.click("form button[type=submit]").await;
    b.wait_text("[data-testid=signed-in-as]", "Ada Lovelace").await;
    b.wait_text("nav", "Team").await;

    // The invite link registers a second person as interviewer.
    b.click_button("Log out").await;
    b.wait_url_ends_with("/login").await;
    let path = invite
        .split_once("/register")
        .map(|(_, rest)| format!("/register{rest}"))
        .expect("invite path");
    b.goto(&path).await;
    b.wait_text("main", "You are invited to join Acme Talent as interviewer")
        .await;
    b.fill("#display-name", "Ivy Interviewer").await;
    b.fill("#email", "ivy@example.org").await;
    b.fill("#password", "another good password").await;
    b.click("form button[type=submit]").await;
    b.wait_text("[data-testid=signed-in-as]", "Ivy Interviewer").await;
    b.wait_text("[data-testid=team-list]", "interviewer").await;

    // Unknown addresses get the not-found page inside the shell.
    b.goto("/no/such/page").await;
    b.wait_text("main h1", "Page not found").await;
    b.wait_text("[data-testid=signed-in-as]", "Ivy Interviewer").await;
    b.screenshot("not-found").await;

    // Ivy leaves the team: she is taken home (not to a page saying the team
    // is not hers), where it is no longer listed.
    b.click_link("Team").await;
    b.wait_text("[data-testid=members]", "ivy@example.org").await;
    b.click_button("Leave team").await;
    b.wait_text("[data-testid=confirm-leave]", "you need a new invite")
        .await;
    b.click("[data-testid=confirm-leave] [data-testid=confirm]").await;
    b.wait_url("/").await;
    b.wait_text("[data-testid=no-team]", "not a member of any team").await;
    b.wait_count("[data-testid=team-list] li", 0).await;

    // Ivy deletes her account (a wrong password is refused first), and
    // cannot sign in any more.
    b.goto("/practice/history").await;
    b.fill("#delete-password", "not my password").await;
    b.click(".danger-zone input[type=checkbox]").await;
    b.click_button("Delete my account").await;
    b.wait_text(".danger-zone [role=alert]", "password").await;
    b.fill("#delete-password", "another good password").await;
    b.click_button("Delete my account").await;
    b.wait_url_ends_with("/login").await;
    b.fill("#email", "ivy@example.org").await;
    b.fill("#password", "another good password").await;
    b.click("form button[type=submit]").await;
    b.wait_text("[role=alert]", "wrong e-mail address or password").await;

    browser.close().await;
}

async fn library_browse_search_preview_upload(backend: Backend) {
    let Some(browser) = Browser::start(backend).await else {
        return;
    };
    let b = &browser;
    b.register("Ada Lovelace", "ada@example.org").await;

    // The bundled packs are there on a fresh install.
    b.click_link("Library").await;
    for pack in [
        "Distributed Systems",
        "Incident Response",
        "Kubernetes Operations",
        "PostgreSQL in Production",
    ] {
        b.wait_text("[data-testid=packs]", pack).await;
    }
    b.wait_text("[role=status]", "questions").await;

    // Search reaches stage text; a filter narrows it.
    b.fill("#filter-text", "fencing token").await;
    b.wait_text("[data-testid=questions]", "scheduler").await;
    b.screenshot("library-search").await;
    b.click("[data-testid=questions] tbody a").await;
    b.wait_text("[data-testid=question-preview]", "The Scenario").await;
    b.wait_text("[data-testid=question-preview]", "Junior answer").await;
    b.wait_text("[data-testid=question-preview] ol.options", "correct")
        .await;
    b.wait_text("[data-testid=question-preview]", "Rubric").await;
    b.screenshot("question-preview").await;

    // Upload: a broken guide shows its diagnostics inline, a good one imports.
    b.click_link("← Library").await;
    let dir = tempfile::tempdir().expect("dir");
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../guide/tests/fixtures/every_part.md"
    ))
    .expect("fixture");
    let broken_path = dir.path().join("broken.md");
    std::fs::write(
        &broken_path,
        good.replace("-> B. **Roll back the deploy**", "   B. Roll back the deploy"),
    )
    .expect("write");
    b.fill("#guide-file", &broken_path.display().to_string()).await;
    b.click_button("Check").await;
    b.wait_text("[data-testid=diagnostics]", "no correct option").await;
    b.wait_text("[role=alert]", "nothing was imported").await;
    // A good guide: the check shows what would be imported and what is left
    // out, and only then offers the import.
    let good_path = dir.path().join("releases.md");
    std::fs::write(&good_path, good).expect("write");
    b.fill("#guide-file", &good_path.display().to_string()).await;
    b.click_button("Check").await;
    b.wait_text("[data-testid=import-summary]", "Quick checks").await;
    b.wait_text("[data-testid=skipped-parts]", "What You'll Learn").await;
    b.click_button("Import 1 question from releases.md").await;
    b.wait_text("[role=status]", "Imported 1 question as a new version")
        .await;
    b.wait_text("[data-testid=packs]", "Example Guide").await;
    b.screenshot("library-upload").await;
    browser.close().await;
}

#[tokio::test]
async fn browser_library_on_sqlite() {
    library_browse_search_preview_upload(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_library_on_postgres() {
    library_browse_search_preview_upload(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_shell_on_sqlite() {
    shell_register_logout_login_invite(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_shell_on_postgres() {
    shell_register_logout_login_invite(Backend::Postgres).await;
}

async fn live_room_two_browsers(backend: Backend) {
    let Some(interviewer) = Browser::start(backend).await else {
        return;
    };
    let a = &interviewer;
    a.goto("/register").await;
    a.fill("#display-name", "Ivy Interviewer").await;
    a.fill("#email", "ivy@example.org").await;
    a.fill("#password", "correct horse battery").await;
    a.click("form button[type=submit]").await;
    a.wait_text("[data-testid=signed-in-as]", "Ivy Interviewer").await;

    // Set up a session on a bundled question.
    a.click_link("Sessions").await;
    a.fill("#question-search", "singleton scheduler").await;
    // Wait for the search's own answer (one question), not the list from before it.
    a.wait_count("[data-testid=question-picker] li", 1).await;
    a.wait_text("[data-testid=question-picker]", "scheduler").await;
    a.click_xpath("//ul[@data-testid='question-picker']/li[contains(., 'scheduler')]/button")
        .await;
    a.wait_text("[data-testid=chosen-questions]", "scheduler").await;
    a.fill("#candidate-name", "Cara Candidate").await;
    a.click_button("Create session").await;
    a.wait_text("[data-testid=candidate-link]", "/join/").await;
    let link = a.text("[data-testid=candidate-link]").await;
    let join_path = link
        .split_once("/join/")
        .map(|(_, t)| format!("/join/{t}"))
        .expect("join path");
    a.click_link("Open the interviewer console").await;
    a.wait_text("[data-testid=connection]", "Connected").await;
    a.wait_text("[data-testid=reveal-next]", "Reveal next: The Scenario")
        .await;

    // The candidate joins through the link, in a browser of their own.
    let candidate = a.another_session().await;
    let b = &candidate;
    b.goto(&join_path).await;
    b.wait_text("[data-testid=connection]", "Connected").await;
    b.wait_text("main", "Waiting for the interviewer to begin").await;
    assert_eq!(
        b.count("[data-testid=revealed-stages] section").await,
        0,
        "nothing is shown before a reveal"
    );
    a.wait_text("ul.participants", "Cara Candidate (candidate) online")
        .await;

    // Stage by stage: each appears in the candidate's page, and not before.
    a.click("[data-testid=reveal-next]").await;
    b.wait_text("[data-testid=revealed-stages]", "The Scenario").await;
    assert!(
        !b.page_text().await.contains("The Challenge"),
        "the challenge is not revealed yet"
    );
    a.wait_text("[data-testid=reveal-next]", "Reveal next: The Challenge")
        .await;
    a.click("[data-testid=reveal-next]").await;
    b.wait_text("[data-testid=revealed-stages]", "The Challenge").await;
    b.screenshot("candidate-two-stages").await;
    // Reveal on until the quick check reaches the candidate.
    for _ in 0..20 {
        if b.count("[data-testid=quick-check]").await > 0 {
            break;
        }
        a.click("[data-testid=reveal-next]").await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    b.wait_text("[data-testid=quick-check]", "Quick check 1").await;
    b.click("[data-testid=quick-check] input[type=radio]").await;
    b.click("[data-testid=lock-in]").await;
    a.wait_text("[data-testid=quick-check-results]", "answered").await;

    // The candidate's answer shows up live in the console.
    b.fill("#answer", "Fence the writes with a monotonically increasing token")
        .await;
    a.wait_text("[data-testid=candidate-answer]", "monotonically increasing token")
        .await;

    // The interviewer scores on the rubric, recommends and submits.
    a.click("[data-testid=rubric] button.level").await;
    a.wait_text("[data-testid=rubric]", "Submit my scores").await;
    // One dimension of two scored: submitting asks first.
    a.click_button("Submit my scores").await;
    a.wait_text("[data-testid=confirm-submit]", "You have not scored").await;
    a.click("[data-testid=confirm-submit] [data-testid=confirm]").await;
    a.wait_text("[data-testid=rubric]", "Scores submitted").await;
    a.screenshot("console").await;
    a.click_button("New candidate link").await;
    a.wait_text("[role=status]", "New candidate link (shown once):").await;
    // Ending the interview makes the candidate's work final, on both screens.
    a.click("[data-testid=end-interview]").await;
    a.click("[data-testid=confirm-end] [data-testid=confirm]").await;
    a.wait_text("[data-testid=interview-ended]", "The interview has ended")
        .await;
    b.wait_text("[data-testid=interview-ended]", "The interview has ended")
        .await;
    b.screenshot("candidate-room").await;
    assert!(
        !b.page_text().await.contains("Submit my scores"),
        "the candidate sees no scoring"
    );

    // The scorecard has it all.
    let console_url = a.current_path().await;
    let scorecard = format!("/api/v1{}/scorecard", console_url);
    a.goto(&scorecard).await;
    a.wait_text("h1", "Scorecard: Cara Candidate").await;
    a.wait_text("body", "Ivy Interviewer").await;
    a.wait_text("body", "monotonically increasing token").await;
    a.screenshot("scorecard").await;

    // Replay: step back to the first reveal.
    a.goto(&format!("{console_url}/replay")).await;
    a.wait_text("[data-testid=replay-event]", "ended the interview").await;
    a.click_xpath("//ol[@class='timeline']//button[contains(., 'revealed “The Scenario” of question 1')]")
        .await;
    a.wait_text("[data-testid=replay-event]", "revealed “The Scenario” of question 1")
        .await;
    a.wait_text("[data-testid=replay-state]", "revealed").await;
    a.screenshot("replay").await;
    candidate.close().await;
    interviewer.close().await;
}

#[tokio::test]
async fn browser_live_room_on_sqlite() {
    live_room_two_browsers(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_live_room_on_postgres() {
    live_room_two_browsers(Backend::Postgres).await;
}

/// A candidate runs a two-question timed mock: answers and submits the
/// first, lets the second time out, reveals, answers a quick check, scores
/// themself, finds the attempt in the history chart; days later (the server
/// clock moved forward) the quick check comes due for review.
async fn practice_mock_history_and_review(backend: Backend) {
    let Some(browser) = Browser::start(backend).await else {
        return;
    };
    let b = &browser;
    b.goto("/register").await;
    b.fill("#team-name", "Solo").await;
    b.fill("#display-name", "Cara Candidate").await;
    b.fill("#email", "cara@example.org").await;
    b.fill("#password", "correct horse battery").await;
    b.click("form button[type=submit]").await;
    b.wait_text("[data-testid=signed-in-as]", "Cara Candidate").await;

    // Choose: Debugging questions, two of them; the second gets 12 seconds.
    b.click_link("Practice").await;
    b.click_xpath("//label[normalize-space(.)='Debugging']/input").await;
    b.fill("#question-count", "2\u{E004}").await;
    b.click("[data-testid=draw]").await;
    b.wait_count("[data-testid=drawn-questions] li", 2).await;
    b.wait_text("[data-testid=drawn-questions]", "Debugging").await;
    b.fill("#minutes-1", "0.2\u{E004}").await;
    b.screenshot("practice-draw").await;
    b.click("[data-testid=start-mock]").await;

    // Question 1: start, answer, submit; then reveal step by step.
    b.click("[data-testid=start-question]").await;
    b.wait_count("[data-testid=revealed-stages] section", 2).await;
    b.fill("#answer", "Look at the events first, then the probe.").await;
    b.click("[data-testid=submit-answer]").await;
    b.wait_text("[data-testid=submitted-answer]", "Look at the events first")
        .await;
    for _ in 0..12 {
        if b.count("[data-testid=quick-check]").await > 0 {
            break;
        }
        let before = b.count("[data-testid=revealed-stages] section").await;
        b.click("[data-testid=reveal-next]").await;
        b.wait_count("[data-testid=revealed-stages] section", before + 1).await;
    }
    b.click("[data-testid=quick-check] input[type=radio]").await;
    b.click("[data-testid=lock-in]").await;
    b.wait_text("[data-testid=quick-check]", "correct").await;
    b.click_xpath("//section[@data-testid='self-score']//fieldset[1]//button[3]")
        .await;
    b.wait_count("[data-testid=self-score] button[aria-pressed=true]", 1)
        .await;
    b.screenshot("practice-question-1").await;

    // Question 2: started, never submitted: the time runs out.
    b.click("[data-testid=next-question]").await;
    b.wait_text("[data-testid=mock-questions]", "Question 2 · in progress")
        .await;
    b.wait_count("[data-testid=revealed-stages] section", 2).await;
    b.fill("#answer", "Not sure yet").await;
    b.wait_text("[data-testid=time-up]", "Time is up").await;
    b.click("[data-testid=reveal-next]").await;
    b.wait_count("[data-testid=revealed-stages] section", 3).await;
    b.click_xpath("//section[@data-testid='self-score']//fieldset[1]//button[2]")
        .await;
    b.wait_count("[data-testid=self-score] button[aria-pressed=true]", 1)
        .await;
    b.wait_text("[data-testid=mock-questions]", "time is up").await;
    b.screenshot("practice-timed-out").await;
    b.click("[data-testid=finish-mock]").await;
    b.click("[data-testid=confirm-finish] [data-testid=confirm]").await;
    b.wait_text("[data-testid=mock-finished]", "Mock finished").await;

    // History: the attempt, the timed-out question, points on the chart.
    b.click_link("See it in your history").await;
    b.wait_text("[data-testid=attempts]", "timed out").await;
    b.wait_text("[data-testid=attempts]", "on time").await;
    let points = b
        .count("[data-testid=self-score-chart] [data-testid=chart-point]")
        .await;
    assert!(points >= 1, "the self-score chart has a point for the attempt");
    // The chart's numbers, in its table view.
    b.click("[data-testid=self-score-chart] summary").await;
    b.wait_text("[data-testid=self-score-chart] table", "%").await;
    b.screenshot("practice-history").await;

    // Reviews: nothing due today; three days later the quick check is back.
    b.click_link("Reviews").await;
    b.wait_text("[data-testid=nothing-due]", "Next review").await;
    b.advance_clock(3 * 86_400).await;
    b.goto("/practice/reviews").await;
    b.wait_count("[data-testid=review-card]", 1).await;
    b.click("[data-testid=review-card] input[type=radio]").await;
    b.click("[data-testid=check-review]").await;
    b.wait_text("[data-testid=review-outcome]", "Next review in").await;
    b.screenshot("practice-review").await;
    browser.close().await;
}

#[tokio::test]
async fn browser_practice_on_sqlite() {
    practice_mock_history_and_review(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_practice_on_postgres() {
    practice_mock_history_and_review(Backend::Postgres).await;
}

/// An owner opens the calibration dashboard of a team with scored sessions:
/// agreement figures with intervals, the leniency chart flagging the
/// lenient interviewer, distributions, the item table, table views; then
/// starts a drill, which an interviewer scores from the sessions list.
async fn calibration_dashboard(backend: Backend) {
    let Some(browser) = Browser::start(backend).await else {
        return;
    };
    let b = &browser;
    let team = seed::scored_team(b.base()).await;
    b.goto("/login").await;
    b.fill("#email", "owner@example.org").await;
    b.fill("#password", seed::PASSWORD).await;
    b.click("form button[type=submit]").await;
    b.wait_text("[data-testid=signed-in-as]", "Olga Owner").await;
    b.click_link("Calibration").await;
    b.wait_text("[data-testid=sample]", "scores on").await;
    b.wait_text("[data-testid=sample]", "by 3 interviewers").await;
    // Agreement: alpha with its interval and sample size.
    b.wait_text("[data-testid=agreement]", "Krippendorff's alpha").await;
    b.wait_text("[data-testid=agreement]", "95% CI").await;
    b.wait_text("[data-testid=agreement]", "items,").await;
    b.wait_text("[data-testid=kappa-pairs]", "Lenny Lenient").await;
    // Leniency: one row per interviewer, the lenient one flagged.
    b.wait_count("[data-testid=leniency-row]", 3).await;
    b.wait_text("[data-testid=leniency] svg", "Lenny Lenient (outlier)")
        .await;
    b.click("[data-testid=leniency] summary").await;
    b.wait_text("[data-testid=leniency] table", "outlier").await;
    // Distributions and their table views.
    b.wait_count("[data-testid=by-interviewer] svg rect", 3 * 4 + 4).await;
    b.click("[data-testid=by-question] summary").await;
    b.wait_text("[data-testid=by-question] table", "Total").await;
    // Item analysis: too few attempts is said, not guessed.
    b.wait_text("[data-testid=item-table]", "need at least").await;
    b.screenshot("calibration-charts").await;
    // Filters: one interviewer alone has nobody to agree with.
    b.click_xpath("//select[@id='filter-interviewer']/option[normalize-space(.)='Lenny Lenient']")
        .await;
    b.wait_text("[data-testid=sample]", "by 1 interviewer in").await;
    b.wait_text("[data-testid=agreement]", "not enough data").await;
    b.screenshot("calibration-dashboard").await;
    // Dates: scores from a day to come are none; from a day long past, all.
    let from = |day: &str| {
        format!(
            "const input = document.getElementById('filter-from'); input.value = '{day}'; \
             input.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        )
    };
    b.script(&from("2099-01-01")).await;
    b.wait_text("[data-testid=sample]", "by 0 interviewers in 0 sessions")
        .await;
    b.script(&from("2000-01-01")).await;
    b.wait_text("[data-testid=sample]", "by 1 interviewer in").await;
    // A drill of one session, scored from the link.
    b.click_xpath("//select[@id='drill-session']/option[contains(., 'Candidate 1')]")
        .await;
    b.click_button("Start a drill").await;
    b.wait_text("[data-testid=drills]", "nobody yet").await;
    b.click_link("Score it").await;
    b.wait_text("[data-testid=mock-status]", "Score this recorded interview")
        .await;
    b.wait_text("[data-testid=rubric]", "Submit my scores").await;
    let dimensions = b.count("[data-testid=rubric] fieldset").await;
    for d in 1..=dimensions {
        b.click_xpath(&format!("//section[@data-testid='rubric']//fieldset[{d}]//button[2]"))
            .await;
        b.wait_count("[data-testid=rubric] button[aria-pressed=true]", d).await;
    }
    b.click_button("Submit my scores").await;
    b.wait_text("[data-testid=rubric]", "Scores submitted").await;
    b.goto(&format!("/teams/{team}/calibration")).await;
    b.wait_text("[data-testid=drills]", "Olga Owner").await;
    b.wait_text("[data-testid=sample]", "by 4 interviewers").await;
    browser.close().await;
}

#[tokio::test]
async fn browser_calibration_on_sqlite() {
    calibration_dashboard(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_calibration_on_postgres() {
    calibration_dashboard(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_room_trust_live_on_sqlite() {
    room_trust::live_room(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_room_trust_live_on_postgres() {
    room_trust::live_room(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_room_trust_assigned_mock_on_sqlite() {
    room_trust::assigned_mock(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_room_trust_assigned_mock_on_postgres() {
    room_trust::assigned_mock(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_code_editor_on_sqlite() {
    code_editor::write_code(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_code_editor_on_postgres() {
    code_editor::write_code(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_code_exercise_on_sqlite() {
    code_exercise::start_answer_from_code(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_code_exercise_on_postgres() {
    code_exercise::start_answer_from_code(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_landing_on_sqlite() {
    landing::first_visit(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_landing_on_postgres() {
    landing::first_visit(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_demo_screens_on_sqlite() {
    demo::screens(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_demo_screens_on_postgres() {
    demo::screens(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_console_layout_on_sqlite() {
    console_layout::console_and_candidate(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_console_layout_on_postgres() {
    console_layout::console_and_candidate(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_console_phone_candidate_on_sqlite() {
    console_layout::candidate_on_a_phone(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_console_phone_candidate_on_postgres() {
    console_layout::candidate_on_a_phone(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_console_session_setup_on_sqlite() {
    console_layout::session_setup(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_console_session_setup_on_postgres() {
    console_layout::session_setup(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_first_load_on_sqlite() {
    first_load::candidate_pages(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_first_load_on_postgres() {
    first_load::candidate_pages(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_keyboard_only_on_sqlite() {
    keyboard::interviewer_and_candidate(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_keyboard_only_on_postgres() {
    keyboard::interviewer_and_candidate(Backend::Postgres).await;
}

#[tokio::test]
async fn browser_route_changed_while_loading_on_sqlite() {
    routing::same_route_while_loading(Backend::Sqlite).await;
}

#[tokio::test]
async fn browser_route_changed_while_loading_on_postgres() {
    routing::same_route_while_loading(Backend::Postgres).await;
}
