//! JSX-style components found in guides (`<JuniorVsSenior …>`, `<InterviewQuiz … />`,
//! `<SmartCodeRunner …>`): their opening tags, which may span many lines, and
//! the values of their attributes (`"…"`, `'…'`, or `{…}` expressions such as
//! template literals, numbers and arrays of strings).

use crate::lines::Line;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttrValue {
    /// `name` alone, e.g. `client:load`.
    Flag,
    /// A quoted string, entities decoded.
    Text(String),
    /// The source between `{` and `}`.
    Expr(String),
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub attrs: Vec<(String, AttrValue)>,
    pub self_closing: bool,
    /// Index (into the line list) of the line holding the closing `>`.
    pub end_index: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&AttrValue> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// An attribute as text: a quoted string, or an expression that is a
    /// string literal (`{"…"}`, `` {`…`} ``) or a number.
    pub fn text(&self, name: &str) -> Option<String> {
        match self.attr(name)? {
            AttrValue::Text(s) => Some(s.clone()),
            AttrValue::Expr(e) => expr_text(e),
            AttrValue::Flag => None,
        }
    }
}

/// Longest opening tag we follow before calling it unclosed (bounds the work
/// on hostile input).
const MAX_TAG_LINES: usize = 400;

/// The component name if `line` starts (after indentation) with `<Name` where
/// `Name` is capitalised (lower-case tags are plain HTML).
pub fn opening_name(line: &Line<'_>) -> Option<String> {
    if line.code {
        return None;
    }
    let rest = line.text.trim_start().strip_prefix('<')?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let after = &rest[name.len()..];
    (after.is_empty() || after.starts_with([' ', '\t', '>', '/'])).then_some(name)
}

/// The component name if `line` is a closing tag `</Name>` (possibly followed by text).
pub fn closing_name(line: &Line<'_>) -> Option<String> {
    if line.code {
        return None;
    }
    let rest = line.text.trim_start().strip_prefix("</")?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
        .collect();
    (name.starts_with(|c: char| c.is_ascii_uppercase()) && rest[name.len()..].trim_start().starts_with('>'))
        .then_some(name)
}

#[derive(Debug)]
pub struct TagError {
    pub message: String,
}

/// Parses the opening tag that starts on `lines[start]`.
pub fn parse_tag(lines: &[Line<'_>], start: usize) -> Result<Tag, TagError> {
    let end = lines.len().min(start + MAX_TAG_LINES);
    let mut text = String::new();
    let mut line_starts = Vec::new();
    for line in &lines[start..end] {
        line_starts.push(text.len());
        text.push_str(line.text);
        text.push('\n');
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = chars
        .iter()
        .position(|(_, c)| *c == '<')
        .map(|p| p + 1)
        .unwrap_or(chars.len());
    let mut name = String::new();
    while i < chars.len() && (chars[i].1.is_ascii_alphanumeric() || chars[i].1 == '.' || chars[i].1 == '_') {
        name.push(chars[i].1);
        i += 1;
    }
    let unclosed = |what: &str| TagError {
        message: format!("unclosed <{name}> tag: {what}"),
    };
    let mut attrs = Vec::new();
    loop {
        while i < chars.len() && chars[i].1.is_whitespace() {
            i += 1;
        }
        let Some(&(pos, c)) = chars.get(i) else {
            return Err(unclosed("no `>` ends it"));
        };
        if c == '>' || (c == '/' && chars.get(i + 1).is_some_and(|(_, n)| *n == '>')) {
            let self_closing = c == '/';
            let line_offset = line_starts.iter().rposition(|s| *s <= pos).unwrap_or(0);
            return Ok(Tag {
                attrs,
                self_closing,
                end_index: start + line_offset,
            });
        }
        // Attribute name.
        let mut attr = String::new();
        while i < chars.len() && !chars[i].1.is_whitespace() && !matches!(chars[i].1, '=' | '>' | '/') {
            attr.push(chars[i].1);
            i += 1;
        }
        if attr.is_empty() {
            // A stray character (e.g. `/` not followed by `>`): skip it.
            i += 1;
            continue;
        }
        while i < chars.len() && chars[i].1 == ' ' {
            i += 1;
        }
        if chars.get(i).is_some_and(|(_, c)| *c == '=') {
            i += 1;
            while i < chars.len() && chars[i].1.is_whitespace() {
                i += 1;
            }
            match chars.get(i).map(|(_, c)| *c) {
                Some(q @ ('"' | '\'')) => {
                    let begin = i + 1;
                    let close = (begin..chars.len()).find(|&j| chars[j].1 == q);
                    let Some(close) = close else {
                        return Err(TagError {
                            message: format!("unterminated string in attribute `{attr}` of <{name}>"),
                        });
                    };
                    let value: String = chars[begin..close].iter().map(|(_, c)| *c).collect();
                    attrs.push((attr, AttrValue::Text(decode_entities(&value))));
                    i = close + 1;
                }
                Some('{') => {
                    let Some(close) = matching_brace(&chars, i) else {
                        return Err(TagError {
                            message: format!("unbalanced `{{` in attribute `{attr}` of <{name}>"),
                        });
                    };
                    let value: String = chars[i + 1..close].iter().map(|(_, c)| *c).collect();
                    attrs.push((attr, AttrValue::Expr(value)));
                    i = close + 1;
                }
                _ => {
                    let mut value = String::new();
                    while i < chars.len() && !chars[i].1.is_whitespace() && chars[i].1 != '>' {
                        value.push(chars[i].1);
                        i += 1;
                    }
                    attrs.push((attr, AttrValue::Text(value)));
                }
            }
        } else {
            attrs.push((attr, AttrValue::Flag));
        }
    }
}

/// Index of the `}` closing the `{` at `open`, skipping JS strings and template literals.
fn matching_brace(chars: &[(usize, char)], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < chars.len() {
        match chars[i].1 {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            q @ ('"' | '\'' | '`') => {
                i += 1;
                while i < chars.len() && chars[i].1 != q {
                    if chars[i].1 == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The value of a JS string literal (`"…"`, `'…'`, `` `…` ``) or a number.
pub fn expr_text(expr: &str) -> Option<String> {
    let e = expr.trim();
    if let Some((s, rest)) = string_literal(e) {
        return rest.trim().is_empty().then_some(s);
    }
    (!e.is_empty() && e.parse::<f64>().is_ok()).then(|| e.to_owned())
}

/// Reads one string literal at the start of `s`: its value and what follows.
fn string_literal(s: &str) -> Option<(String, &str)> {
    let q = s.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        if c == q {
            return Some((if q == '`' { dedent(&out) } else { out }, &s[i + c.len_utf8()..]));
        }
        if c == '\\' {
            match chars.next().map(|(_, c)| c) {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => {}
                Some(other) => out.push(other),
                None => return None,
            }
        } else {
            out.push(c);
        }
    }
    None
}

/// Template literals holding code are indented like the JSX around them:
/// drop the first empty line and the common indentation.
fn dedent(s: &str) -> String {
    let s = s.strip_prefix('\n').unwrap_or(s);
    let indent = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = s.lines().map(|l| l.get(indent..).unwrap_or(l.trim_start())).collect();
    lines.join("\n").trim_end().to_owned()
}

/// `["a", 'b', `c`]` as strings; `None` unless the whole expression is such an array.
pub fn string_array(expr: &str) -> Option<Vec<String>> {
    let mut rest = expr.trim().strip_prefix('[')?.trim_start();
    let mut out = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix(']') {
            return after.trim().is_empty().then_some(out);
        }
        let (value, after) = string_literal(rest)?;
        out.push(decode_entities(&value));
        rest = after.trim_start();
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start();
        } else if !rest.starts_with(']') {
            return None;
        }
    }
}

/// Decodes the HTML entities guides use (`&lt;`, `&amp;`, `&#39;`, `&#x2014;` …).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest[..rest.len().min(12)].find(';');
        let decoded = semi.and_then(|semi| {
            let entity = &rest[1..semi];
            let c = match entity {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "hellip" => Some('…'),
                "rarr" => Some('→'),
                "larr" => Some('←'),
                e if e.starts_with("#x") || e.starts_with("#X") => {
                    u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32)
                }
                e if e.starts_with('#') => e[1..].parse::<u32>().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    #[test]
    fn multi_line_tag_with_template_literals_and_directive() {
        let src = "<JuniorVsSenior client:load\n  juniorCode={`\n    let x = 1;\n    if (x > 0) {}\n  `}\n  seniorAnswer=\"a > b &amp; c\"\n>\nbody";
        let lines = split(src);
        let tag = parse_tag(&lines, 0).expect("tag");
        assert!(!tag.self_closing);
        assert_eq!(tag.end_index, 6);
        assert_eq!(tag.attr("client:load"), Some(&AttrValue::Flag));
        assert_eq!(tag.text("juniorCode").as_deref(), Some("let x = 1;\nif (x > 0) {}"));
        assert_eq!(tag.text("seniorAnswer").as_deref(), Some("a > b & c"));
    }

    #[test]
    fn self_closing_quiz_attributes() {
        let src = r#"<InterviewQuiz question="Q?" options={["a", 'b', "c \"d\""]} correctAnswer={1} explanation="because" />"#;
        let tag = parse_tag(&split(src), 0).expect("tag");
        assert!(tag.self_closing);
        let AttrValue::Expr(options) = tag.attr("options").expect("options") else {
            panic!("expr")
        };
        assert_eq!(
            string_array(options),
            Some(vec!["a".into(), "b".into(), "c \"d\"".into()])
        );
        assert_eq!(tag.text("correctAnswer").as_deref(), Some("1"));
    }

    #[test]
    fn unclosed_tag_is_an_error_not_a_panic() {
        let lines = split("<JuniorVsSenior juniorAnswer=\"never closed");
        assert!(parse_tag(&lines, 0).is_err());
        let lines = split("<Foo bar={unbalanced");
        assert!(parse_tag(&lines, 0).is_err());
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &amp;&amp; &#39;c&#x27; &bogus; &"),
            "a <b> && 'c' &bogus; &"
        );
    }

    #[test]
    fn component_names_are_capitalised() {
        let lines = split("<details>\n<Foo/>\n</Foo>\n<Bar.Baz x=1>");
        assert_eq!(opening_name(&lines[0]), None);
        assert_eq!(opening_name(&lines[1]).as_deref(), Some("Foo"));
        assert_eq!(closing_name(&lines[2]).as_deref(), Some("Foo"));
        assert_eq!(opening_name(&lines[3]).as_deref(), Some("Bar.Baz"));
    }
}
