//! JSX-style components found in guides (`<JuniorVsSenior …>`, `<InterviewQuiz … />`,
//! `<SmartCodeRunner …>`): their opening tags, which may span many lines, and
//! the values of their attributes (`"…"`, `'…'`, or `{…}` expressions such as
//! template literals, numbers and arrays of strings).

use crate::js;
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
            AttrValue::Expr(e) => js::expr_text(e),
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
    // Every byte compared below is ASCII, so every index is a char boundary.
    let b = text.as_bytes();
    let mut i = b.iter().position(|c| *c == b'<').map_or(b.len(), |p| p + 1);
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
        i += 1;
    }
    let name = &text[name_start..i];
    let unclosed = |what: &str| TagError {
        message: format!("unclosed <{name}> tag: {what}"),
    };
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let Some(&c) = b.get(i) else {
            return Err(unclosed("no `>` ends it"));
        };
        if c == b'>' || (c == b'/' && b.get(i + 1) == Some(&b'>')) {
            let line_offset = line_starts.iter().rposition(|s| *s <= i).unwrap_or(0);
            return Ok(Tag {
                attrs,
                self_closing: c == b'/',
                end_index: start + line_offset,
            });
        }
        // Attribute name.
        let attr_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        if i == attr_start {
            if c == b'<' {
                // Another tag begins: this one never ended (and reading on
                // would make every line of a run of `<A` lines rescan the next 400).
                return Err(unclosed("no `>` ends it"));
            }
            // A stray character (e.g. `/` not followed by `>`): skip it.
            i += 1;
            continue;
        }
        let attr = text[attr_start..i].to_owned();
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            attrs.push((attr, AttrValue::Flag));
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                // JSX string attributes have no escapes: the next quote ends them.
                let Some(len) = b[i + 1..].iter().position(|c| *c == q) else {
                    return Err(TagError {
                        message: format!("unterminated string in attribute `{attr}` of <{name}>"),
                    });
                };
                let value = &text[i + 1..i + 1 + len];
                attrs.push((attr, AttrValue::Text(decode_entities(value))));
                i += len + 2;
            }
            Some(b'{') => {
                let Some(close) = js::matching_brace(b, i) else {
                    return Err(TagError {
                        message: format!("unbalanced `{{` in attribute `{attr}` of <{name}>"),
                    });
                };
                attrs.push((attr, AttrValue::Expr(text[i + 1..close].to_owned())));
                i = close + 1;
            }
            _ => {
                let value_start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                attrs.push((attr, AttrValue::Text(text[value_start..i].to_owned())));
            }
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
        // Searched in bytes: the 12-byte window may end inside a multi-byte
        // character, and `;` is ASCII so the index it yields is a boundary.
        let semi = rest.as_bytes()[..rest.len().min(12)].iter().position(|&b| b == b';');
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
    fn entity_window_ending_inside_a_multibyte_character_is_kept_verbatim() {
        // Found by the never-panics fuzzer in CI: the 12-byte look-ahead for `;`
        // ended inside a three-byte character and slicing the str panicked.
        let text = "&abcdefghi\u{fffd}x;";
        assert_eq!(decode_entities(text), text);
        assert_eq!(decode_entities("a &amp;\u{fffd}"), "a &\u{fffd}");
    }

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
    fn object_valued_attributes_keep_their_source() {
        let src = "<JuniorVsSenior\n  juniorAnswer={{ title: \"T\", code: `\n  if (a) { b(\"}\") }\n\n  <Tag/>\n  ` }}\n  seniorAnswer={{ title: 'S' }}\n/>";
        let tag = parse_tag(&split(src), 0).expect("tag");
        assert!(tag.self_closing);
        let Some(AttrValue::Expr(junior)) = tag.attr("juniorAnswer") else {
            panic!("expr")
        };
        assert!(junior.starts_with("{ title") && junior.ends_with("` }"), "{junior}");
        let obj = js::object(junior).expect("object");
        assert_eq!(obj.len(), 2);
        assert_eq!(tag.end_index, 7);
    }

    #[test]
    fn a_run_of_unclosed_tags_fails_fast() {
        let src = "<A\n".repeat(10);
        let lines = split(&src);
        assert!(parse_tag(&lines, 0).is_err());
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
            js::string_array(options),
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
