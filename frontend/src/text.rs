//! Words for numbers: counts that agree with their noun, option letters,
//! decimals, and dates (UTC). Dates are written and read with plain `format!`
//! rather than chrono's `format`/`parse_from_str`/`to_rfc3339`, whose
//! general-purpose strftime machinery weighed about 8 KB of WASM in the pages
//! that used it. Decimals are written from integers (see [`fixed`]).

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

/// `v` with `places` decimals (at most 9), as `format!("{v:.places$}")`
/// writes it, but from an integer: the standard library's float formatting
/// (Grisu with a Dragon fallback, bignums and tables) was a module of its
/// own, about 6 KiB over the wire, in every page that wrote a fraction. The
/// two differ only where the value times 10^places lands within rounding
/// error of a half (0.15 is 0.1499999… in binary: the standard library
/// writes 0.1, this 0.2) and for a negative value that rounds to zero
/// (`-0.0` there, `0.0` here), neither of which matters for a figure on
/// screen. Values beyond ±9.2e18 / 10^places are written as that bound.
pub fn fixed(v: f64, places: u32) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    let places = places.min(9);
    let scale = 10u64.pow(places);
    // `as` saturates: no overflow for a value out of range.
    let scaled = (v * scale as f64).round_ties_even() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, fraction) = (scaled.unsigned_abs() / scale, scaled.unsigned_abs() % scale);
    match places {
        0 => format!("{sign}{whole}"),
        width => format!("{sign}{whole}.{fraction:0width$}", width = width as usize),
    }
}

/// `v` with `places` decimals and its sign, as `format!("{v:+.places$}")`
/// writes it: `+0.25`, `-1`, `+0.00`, and `-0.00` for a negative value that
/// rounds to zero (a slightly severe interviewer is not shown as lenient).
pub fn signed(v: f64, places: u32) -> String {
    let text = fixed(v, places);
    if text.starts_with('-') || v.is_nan() {
        text
    } else if v.is_sign_negative() {
        format!("-{text}")
    } else {
        format!("+{text}")
    }
}

/// `v` with at most `places` decimals, and no trailing zeros: `2.5`, `10`.
pub fn trimmed(v: f64, places: u32) -> String {
    let text = fixed(v, places);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
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

    #[test]
    fn decimals_write_as_the_standard_library_does() {
        // Figures as pages show them: percentages, agreement statistics
        // (-1 to 1), minutes, days, chart coordinates; none lands on a half.
        let mut values = vec![
            0.0,
            1.0,
            -1.0,
            0.5004,
            99.6,
            240.0,
            12345.678,
            -0.731,
            1.0 / 3.0,
            2.0 / 3.0,
        ];
        values.extend((0..2000).map(|i| (i as f64 * 0.123456789123) - 100.0));
        for v in values {
            for places in 0..=4 {
                let std = format!("{v:.*}", places as usize);
                // A negative value rounding to zero: `-0.0` there, `0.0` here.
                let std = match std.strip_prefix('-') {
                    Some(zero) if zero.bytes().all(|b| b == b'0' || b == b'.') => zero.to_owned(),
                    _ => std,
                };
                assert_eq!(fixed(v, places), std, "{v} to {places} places");
            }
        }
        assert_eq!(
            fixed(0.25, 1),
            "0.2",
            "an exact half rounds to even, as the standard library does"
        );
        // The documented difference: 0.15 is 0.1499… in binary, and times
        // ten it rounds to exactly 1.5.
        assert_eq!(format!("{:.1}", 0.15), "0.1");
        assert_eq!(fixed(0.15, 1), "0.2");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(3.5, 0), "4");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(f64::NAN, 2), "NaN");
        assert_eq!(fixed(f64::INFINITY, 2), "inf");
        assert_eq!(fixed(f64::NEG_INFINITY, 0), "-inf");
        assert_eq!(fixed(1e300, 2), "92233720368547758.07");
        for v in [0.0, 0.004, -0.004, 0.25, -0.731, 1.0, -1.0, 12.345678, f64::INFINITY] {
            for places in 0..=3 {
                assert_eq!(
                    signed(v, places),
                    format!("{v:+.*}", places as usize),
                    "{v} to {places} places"
                );
            }
        }
        assert_eq!(trimmed(2.5, 2), "2.5");
        assert_eq!(trimmed(10.0, 2), "10");
        assert_eq!(trimmed(1.0 / 3.0, 2), "0.33");
        assert_eq!(trimmed(0.2, 2), "0.2");
        assert_eq!(trimmed(-0.001, 2), "0");
    }
}
