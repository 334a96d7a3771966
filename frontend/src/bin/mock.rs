//! A mock an interviewer assigned, on its own: what its link
//! (`/mock/<token>`) is served (see `mockroom_frontend::candidate_entry`).

use leptos::prelude::*;
use mockroom_frontend::candidate_entry;
use mockroom_frontend::pages::AssignedMock;

fn main() {
    candidate_entry::mount("/mock/", |token| view! { <AssignedMock token=token/> });
}
