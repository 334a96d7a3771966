//! Hiring calibration: agreement between interviewers, leniency, quick-check
//! item analysis and the long-format score export, computed from the scores
//! the rooms already record (live, panel and drill).

pub mod csv;
pub mod dataset;
pub mod items;
pub mod report;

#[cfg(test)]
mod tests;
