//! Mockroom's browser app: Leptos, client-side rendered, compiled to WASM and
//! served by the `mockroom` binary.
//!
//! The pages, widgets and clients live here; the entry points are binaries:
//! `src/main.rs`, the whole application (router, navigation, every page,
//! split per area at the lazy routes), and the candidates' pages alone,
//! `src/bin/room.rs` (a live room) and `src/bin/mock.rs` (an assigned mock).
//! A candidate opening their link is served one of those (see
//! `server/src/assets.rs` and [`candidate_entry`]): none of the
//! application's router, navigation or other pages is downloaded before
//! their page appears.

pub mod answer_drafts;
pub mod api;
pub mod candidate_entry;
pub mod components;
pub mod pages;
pub mod reactive;
pub mod remote;
pub mod room_parts;
pub mod room_socket;
pub mod session;
pub mod team_route;
pub mod text;
