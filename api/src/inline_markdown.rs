//! Short Markdown lines (rubric level anchors, quick-check options) read the
//! same way by the browser and by the server's scorecard: `**bold**`,
//! `*emphasis*`, `` `code` `` and `[link text](url)` (shown as its text).
//! Everything else is text, so nothing in an anchor can become markup: the
//! browser builds elements from the spans, and [`to_html`] escapes them.
//!
//! Delimiters follow CommonMark's flanking rule, simplified: an opening `*`
//! or `**` must be followed by a non-space and have a closer later on the
//! line, a closer must follow a non-space. `2 * 3 * 4` stays text.

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub emphasis: bool,
    pub code: bool,
}

struct Reader<'a> {
    src: &'a str,
    out: Vec<Span>,
    buf: String,
    strong: bool,
    emphasis: bool,
}

impl Reader<'_> {
    fn flush(&mut self) {
        if !self.buf.is_empty() {
            self.out.push(Span {
                text: std::mem::take(&mut self.buf),
                strong: self.strong,
                emphasis: self.emphasis,
                code: false,
            });
        }
    }

    /// Whether `delim` at byte `at` can open a run (a closer follows later).
    fn opens(&self, at: usize, delim: &str) -> bool {
        let after = &self.src[at + delim.len()..];
        let next_is_text = after.chars().next().is_some_and(|c| !c.is_whitespace());
        if !next_is_text {
            return false;
        }
        // A closer: the delimiter again, right after a non-space character.
        let mut prev = None;
        for (i, c) in after.char_indices() {
            if after[i..].starts_with(delim) && prev.is_some_and(|p: char| !p.is_whitespace()) {
                // `**` is not a closer of `*`.
                let single_star = delim == "*" && after[i..].starts_with("**");
                if !single_star {
                    return true;
                }
            }
            prev = Some(c);
        }
        false
    }

    /// Whether a delimiter here can close a run: it follows a non-space.
    fn closes(&self) -> bool {
        let last = match self.buf.chars().last() {
            Some(c) => Some(c),
            None => self.out.last().and_then(|s| s.text.chars().last()),
        };
        last.is_some_and(|c| !c.is_whitespace())
    }
}

/// Splits a line into styled spans (adjacent spans may share a style).
pub fn spans(src: &str) -> Vec<Span> {
    let mut r = Reader {
        src,
        out: Vec::new(),
        buf: String::new(),
        strong: false,
        emphasis: false,
    };
    let mut i = 0;
    while i < src.len() {
        let rest = &src[i..];
        let c = rest.chars().next().expect("in bounds");
        if c == '\\' {
            if let Some(next) = rest[1..].chars().next().filter(char::is_ascii_punctuation) {
                r.buf.push(next);
                i += 1 + next.len_utf8();
                continue;
            }
        }
        if c == '`' {
            if let Some(end) = rest[1..].find('`').filter(|&end| end > 0) {
                r.flush();
                r.out.push(Span {
                    text: rest[1..1 + end].to_owned(),
                    strong: r.strong,
                    emphasis: r.emphasis,
                    code: true,
                });
                i += end + 2;
                continue;
            }
        }
        if rest.starts_with("**") {
            if r.strong && r.closes() {
                r.flush();
                r.strong = false;
                i += 2;
                continue;
            }
            if !r.strong && r.opens(i, "**") {
                r.flush();
                r.strong = true;
                i += 2;
                continue;
            }
        } else if c == '*' {
            if r.emphasis && r.closes() {
                r.flush();
                r.emphasis = false;
                i += 1;
                continue;
            }
            if !r.emphasis && r.opens(i, "*") {
                r.flush();
                r.emphasis = true;
                i += 1;
                continue;
            }
        }
        if c == '[' {
            // `[text](url)`: keep the text, drop the address.
            if let Some(mid) = rest.find("](") {
                if let Some(close) = rest[mid..].find(')') {
                    let label = &rest[1..mid];
                    if !label.contains(['[', ']']) {
                        r.buf.push_str(label);
                        i += mid + close + 1;
                        continue;
                    }
                }
            }
        }
        r.buf.push(c);
        i += c.len_utf8();
    }
    r.flush();
    r.out
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The line as HTML: `<strong>`, `<em>` and `<code>` around escaped text.
pub fn to_html(src: &str) -> String {
    let mut out = String::new();
    for s in spans(src) {
        let tags: Vec<&str> = [(s.strong, "strong"), (s.emphasis, "em"), (s.code, "code")]
            .into_iter()
            .filter_map(|(on, tag)| on.then_some(tag))
            .collect();
        for tag in &tags {
            out.push_str(&format!("<{tag}>"));
        }
        escape(&s.text, &mut out);
        for tag in tags.iter().rev() {
            out.push_str(&format!("</{tag}>"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_emphasis_and_code() {
        assert_eq!(
            to_html("Runs **`EXPLAIN`** and reads *every* node"),
            "Runs <strong><code>EXPLAIN</code></strong> and reads <em>every</em> node"
        );
        assert_eq!(to_html("**Restarts** first"), "<strong>Restarts</strong> first");
    }

    #[test]
    fn everything_else_is_escaped_text() {
        assert_eq!(
            to_html("<script>alert('x')</script> & <b>\"bold\"</b>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;&quot;bold&quot;&lt;/b&gt;"
        );
        assert_eq!(
            to_html("`<img src=x onerror=y>`"),
            "<code>&lt;img src=x onerror=y&gt;</code>"
        );
    }

    #[test]
    fn unmatched_or_spaced_delimiters_stay_text() {
        assert_eq!(to_html("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(to_html("a ** b"), "a ** b");
        assert_eq!(to_html("**never closed"), "**never closed");
        assert_eq!(to_html("one ` tick"), "one ` tick");
        assert_eq!(to_html(r"\*literal\*"), "*literal*");
    }

    #[test]
    fn links_keep_their_text() {
        assert_eq!(
            to_html("see [the runbook](https://example.org/x) first"),
            "see the runbook first"
        );
        assert_eq!(to_html("[click](javascript:void)"), "click");
    }

    #[test]
    fn spans_carry_styles() {
        let s = spans("plain **bold *both*** `code`");
        assert_eq!(s[0].text, "plain ");
        assert!(s[1].strong && !s[1].emphasis && s[1].text == "bold ");
        assert!(s[2].strong && s[2].emphasis && s[2].text == "both");
        assert!(s.last().is_some_and(|l| l.code && l.text == "code"));
    }
}
