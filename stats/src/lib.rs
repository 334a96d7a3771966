//! Calibration statistics (work in progress).
