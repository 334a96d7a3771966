//! Question content: turning parsed guides into stored pack versions, the
//! packs bundled in the binary, and the `mockroom content` commands.

pub mod bundled;
pub mod cli;
pub mod import;
