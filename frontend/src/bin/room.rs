//! The candidate's live room on its own: what a candidate's link
//! (`/join/<token>`) is served (see `mockroom_frontend::candidate_entry`).

use leptos::prelude::*;
use mockroom_frontend::candidate_entry;
use mockroom_frontend::pages::CandidateRoom;

fn main() {
    candidate_entry::mount("/join/", |token| view! { <CandidateRoom token=token/> });
}
