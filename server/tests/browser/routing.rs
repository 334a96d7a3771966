//! The router at its edge: a route's parameters change while the route's
//! page is still downloading. Pages live in modules fetched the first time
//! their area is opened; here every module takes 1.5 s to arrive, and the
//! user opens another team's page and then, before its code is there, their
//! own (the same route, other parameters). The page that appears must be
//! their team's, not the home page left on screen (what leptos_router's flat
//! router did before the fix in vendor/leptos_router, see MOCKROOM.md there).

use std::time::Duration;

use crate::harness::{Backend, Browser};

/// Clicks a link to `href` the way a user would (the router intercepts it).
fn follow(href: &str) -> String {
    format!(
        "const a = document.createElement('a'); a.href = '{href}'; a.textContent = 'go'; \
         document.body.appendChild(a); a.click(); a.remove(); return true"
    )
}

pub async fn same_route_while_loading(backend: Backend) {
    let Some(browser) = Browser::start(backend).await else {
        return;
    };
    let b = &browser;
    b.register("Ada Lovelace", "ada@example.org").await;
    // Ada's team, from the navigation bar.
    let team = b
        .script("return document.querySelector('header nav a[href^=\"/teams/\"]').getAttribute('href')")
        .await;
    let team = team.as_str().expect("a link to Ada's team").to_owned();
    // From now on every page module takes 1.5 s to arrive.
    b.script(
        "const fetchNow = window.fetch; \
         window.fetch = (input, init) => String(input && input.url || input).endsWith('.wasm') \
           ? new Promise(wait => setTimeout(wait, 1500)).then(() => fetchNow(input, init)) \
           : fetchNow(input, init); \
         return true",
    )
    .await;
    b.script(&follow("/teams/00000000-0000-4000-8000-000000000000")).await;
    // The router has matched the team route and is waiting for its code.
    tokio::time::sleep(Duration::from_millis(400)).await;
    b.script(&follow(&team)).await;
    b.wait_url_ends_with(&team).await;
    // Once the code is there: Ada's team page, with her as a member.
    b.wait_text("[data-testid=members]", "ada@example.org").await;
    b.screenshot("route-changed-while-loading").await;
    browser.close().await;
}
