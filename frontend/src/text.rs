//! Words for numbers: counts that agree with their noun, option letters, and
//! dates (UTC). Dates are written and read with plain `format!` rather than
//! chrono's `format`/`parse_from_str`/`to_rfc3339`, whose general-purpose
//! strftime machinery weighed about 8 KB of WASM in the pages that used it.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

/// `1 question`, `2 questions`, `0 questions`.
pub fn count<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

/// `A`, `B`, … `Z`, then `AA`, `AB`, … : the letter of option `index`
/// (guides name quick-check options by letter, and explanations refer to them).
pub fn letter(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `2026-11-25`
pub fn date(at: &DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02}", at.year(), at.month(), at.day())
}

/// `11-25`
pub fn month_day(at: &DateTime<Utc>) -> String {
    format!("{:02}-{:02}", at.month(), at.day())
}

/// `2026-11-25 10:31`
pub fn date_minutes(at: &DateTime<Utc>) -> String {
    format!("{} {:02}:{:02}", date(at), at.hour(), at.minute())
}

/// `2026-11-25 10:31:12`
pub fn date_seconds(at: &DateTime<Utc>) -> String {
    format!("{}:{:02}", date_minutes(at), at.second())
}

/// `2026-11-25T10:31:12Z`: RFC 3339 to the second (for query parameters,
/// which the pages set to whole days).
pub fn rfc3339_seconds(at: &DateTime<Utc>) -> String {
    format!("{}T{:02}:{:02}:{:02}Z", date(at), at.hour(), at.minute(), at.second())
}

/// A date input's value (`2026-11-25`), or `None`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let mut parts = value.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "question", "questions"), "1 question");
        assert_eq!(count(2, "question", "questions"), "2 questions");
        assert_eq!(count(0, "stage", "stages"), "0 stages");
        assert_eq!(count(1usize, "quick check", "quick checks"), "1 quick check");
    }

    #[test]
    fn letters_name_options() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(3), "D");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn dates_read_and_write_as_chrono_does() {
        let at: DateTime<Utc> = "2026-03-05T07:08:09.123Z".parse().expect("time");
        assert_eq!(date(&at), at.format("%Y-%m-%d").to_string());
        assert_eq!(month_day(&at), at.format("%m-%d").to_string());
        assert_eq!(date_minutes(&at), at.format("%Y-%m-%d %H:%M").to_string());
        assert_eq!(date_seconds(&at), at.format("%Y-%m-%d %H:%M:%S").to_string());
        assert_eq!(rfc3339_seconds(&at), "2026-03-05T07:08:09Z");
        assert_eq!(parse_date("2026-03-05"), NaiveDate::from_ymd_opt(2026, 3, 5));
        for bad in [
            "",
            "2026-3-05",
            "2026-02-30",
            "2026-03-05-01",
            "2026/03/05",
            "+026-03-05",
            "2026-03-0x",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
