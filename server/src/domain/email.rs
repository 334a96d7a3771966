use super::limits::{EMAIL_LOCAL_MAX, EMAIL_MAX};
use crate::error::AppError;

/// A normalised (trimmed, lower-cased) e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Lengths count characters of what was sent (surrounding spaces
    /// included), as the OpenAPI document's `maxLength` does.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let trimmed = raw.trim();
        let invalid = || {
            let shown: String = trimmed.chars().take(EMAIL_MAX).collect();
            AppError::Invalid(format!("`{shown}` is not a valid e-mail address"))
        };
        if raw.chars().count() > EMAIL_MAX || trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = trimmed.split_once('@').ok_or_else(invalid)?;
        let domain_ok = !domain.is_empty()
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty() || local.chars().count() > EMAIL_LOCAL_MAX || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    /// An optional address: absent or blank means none.
    pub fn parse_optional(raw: Option<&str>) -> Result<Option<Self>, AppError> {
        match raw {
            Some(raw) if raw.chars().count() > EMAIL_MAX => Err(AppError::Invalid(format!(
                "an e-mail address has at most {EMAIL_MAX} characters"
            ))),
            Some(raw) if !raw.trim().is_empty() => Self::parse(raw).map(Some),
            _ => Ok(None),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::EmailAddress;

    #[test]
    fn normalises_case_and_space() {
        let email = EmailAddress::parse("  Ada@Example.ORG ").expect("valid");
        assert_eq!(email.as_str(), "ada@example.org");
    }

    #[test]
    fn rejects_malformed_addresses() {
        for bad in [
            "",
            "ada",
            "@example.org",
            "ada@",
            "a b@example.org",
            "ada@@x.org",
            "ada@.org",
            "ada@x..org",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
