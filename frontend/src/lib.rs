//! Mockroom's browser app: Leptos, client-side rendered, compiled to WASM and
//! served by the `mockroom` binary.
//!
//! The pages, widgets and clients live here; the entry points are binaries:
//! `src/main.rs`, the whole application (router, navigation, every page,
//! split per area at the lazy routes), and `src/bin/room.rs`, the
//! candidate's live room alone. A candidate opening their link is served the
//! second (see `server/src/assets.rs`): it holds nothing but the room, so
//! none of the application's router, navigation or other pages is
//! downloaded before the room appears.

pub mod answer_drafts;
pub mod api;
pub mod components;
pub mod pages;
pub mod remote;
pub mod room_parts;
pub mod room_socket;
pub mod session;
pub mod team_route;
pub mod text;
