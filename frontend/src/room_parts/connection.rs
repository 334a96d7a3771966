//! The connection's state as the room screens show it.

use leptos::prelude::*;

use crate::reactive::State;
use crate::room_socket::Connection;

/// "Connected" / "Reconnecting…", announced when it changes.
#[component]
pub fn ConnectionBadge(connection: State<Connection>) -> impl IntoView {
    view! {
        <p class="connection" class:ok=move || connection.get() == Connection::Open role="status" data-testid="connection">
            {move || match connection.get() {
                Connection::Connecting => "Connecting…",
                Connection::Open => "Connected",
                Connection::Reconnecting => "Reconnecting…",
                Connection::Closed(_) => "Not connected",
            }}
        </p>
    }
}
