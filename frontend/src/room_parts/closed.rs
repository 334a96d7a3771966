//! The page's state when a room is closed to it for good: an unknown,
//! withdrawn or expired candidate link, refused access, or an outdated page.
//! It replaces the room (nothing there can be used any more) and is
//! announced at once.

use leptos::prelude::*;

use crate::room_socket::Closed;

fn headline(why: &Closed) -> &'static str {
    match why {
        Closed::LinkUnknown => "This link does not exist",
        Closed::LinkRevoked => "This link was withdrawn",
        Closed::LinkExpired(_) => "This link has expired",
        Closed::Refused(_) => "You cannot open this room",
        Closed::Outdated => "Mockroom was updated",
    }
}

/// A short name of the state, for tests and styles (`data-state`).
fn state(why: &Closed) -> &'static str {
    match why {
        Closed::LinkUnknown => "unknown",
        Closed::LinkRevoked => "withdrawn",
        Closed::LinkExpired(_) => "expired",
        Closed::Refused(_) => "refused",
        Closed::Outdated => "outdated",
    }
}

#[component]
pub fn RoomClosed(
    why: Closed,
    /// Where someone refused can go instead (the sessions list), if anywhere.
    #[prop(optional, into)]
    back: Option<String>,
) -> impl IntoView {
    let outdated = why == Closed::Outdated;
    view! {
        <section class="card narrow room-closed" role="alert" data-testid="room-closed" data-state=state(&why)>
            <h1>{headline(&why)}</h1>
            <p>{why.explain()}</p>
            {outdated.then(|| view! {
                <button type="button" on:click=|_| { let _ = window().location().reload(); }>"Reload the page"</button>
            })}
            {back.map(|href| view! { <p><a href=href>"Back to the sessions"</a></p> })}
        </section>
    }
}
