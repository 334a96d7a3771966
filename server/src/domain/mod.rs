//! Validated input: each newtype can only be built through `parse`, so code that
//! holds one never re-checks it.

mod email;
pub mod limits;
mod names;
mod password;

pub use email::EmailAddress;
pub use names::{DisplayName, TeamName};
pub use password::Password;
