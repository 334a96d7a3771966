//! Candidate practice: history and progress of practice mocks, and the
//! spaced-repetition review queue of quick checks.

pub mod history;
pub mod reviews;

#[cfg(test)]
mod history_tests;
