//! FSRS scheduler (work in progress).
