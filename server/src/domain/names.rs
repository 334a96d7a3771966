use crate::error::AppError;

use super::limits::{DISPLAY_NAME_MAX, TEAM_NAME_MAX};

/// Checked as sent (length, control characters), then trimmed: what the
/// OpenAPI document states (`maxLength`, `pattern`) is exactly what passes.
fn parse_name(raw: &str, what: &str, max: usize) -> Result<String, AppError> {
    if raw.chars().count() > max {
        return Err(AppError::Invalid(format!("{what} must have at most {max} characters")));
    }
    if raw.chars().any(char::is_control) {
        return Err(AppError::Invalid(format!("{what} must not contain control characters")));
    }
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::Invalid(format!("{what} must not be empty")));
    }
    Ok(name.to_owned())
}

/// How a person is shown to others (trimmed, 1–80 characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        parse_name(raw, "display name", DISPLAY_NAME_MAX).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A team's name (trimmed, 1–100 characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamName(String);

impl TeamName {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        parse_name(raw, "team name", TEAM_NAME_MAX).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Ada ").expect("valid").as_str(), "Ada");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(81)).is_err());
        assert!(TeamName::parse("a\u{7}b").is_err());
        // Limits apply to what was sent, before trimming.
        assert!(DisplayName::parse(&format!("a{}", " ".repeat(80))).is_err());
        assert!(DisplayName::parse("\ta").is_err());
    }
}
