//! How well an item was recalled.

use std::fmt;

/// How well the candidate recalled the item.
///
/// The server maps a wrong answer to [`Rating::Again`] and a correct one to
/// [`Rating::Good`] (or [`Rating::Easy`] for a quick correct answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Rating {
    /// Forgotten / answered wrongly.
    Again = 1,
    /// Recalled with serious difficulty.
    Hard = 2,
    /// Recalled.
    Good = 3,
    /// Recalled effortlessly.
    Easy = 4,
}

impl Rating {
    /// All ratings, in order.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The rating for `1..=4`, `None` otherwise.
    pub fn from_u8(value: u8) -> Option<Rating> {
        match value {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 => Some(Rating::Good),
            4 => Some(Rating::Easy),
            _ => None,
        }
    }

    /// The numeric grade, `1..=4`.
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    pub(crate) fn grade(self) -> f64 {
        f64::from(self.as_u8())
    }
}

/// Error for a rating outside `1..=4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidRating(pub u8);

impl fmt::Display for InvalidRating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid FSRS rating {} (expected 1..=4)", self.0)
    }
}

impl std::error::Error for InvalidRating {}

impl TryFrom<u8> for Rating {
    type Error = InvalidRating;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Rating::from_u8(value).ok_or(InvalidRating(value))
    }
}

impl From<Rating> for u8 {
    fn from(rating: Rating) -> u8 {
        rating.as_u8()
    }
}
