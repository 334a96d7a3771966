use crate::error::AppError;

fn parse_name(raw: &str, what: &str, max: usize) -> Result<String, AppError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::Invalid(format!("{what} must not be empty")));
    }
    if name.chars().count() > max {
        return Err(AppError::Invalid(format!("{what} must have at most {max} characters")));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::Invalid(format!("{what} must not contain control characters")));
    }
    Ok(name.to_owned())
}

/// How a person is shown to others (trimmed, 1–80 characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        parse_name(raw, "display name", 80).map(Self)
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
        parse_name(raw, "team name", 100).map(Self)
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
    }
}
