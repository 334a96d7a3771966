//! Just enough JavaScript to read the values guides put in JSX attributes:
//! string and template literals (whose `${…}` holes may hold braces, quotes
//! and further template literals), balanced braces, arrays of strings and
//! object literals such as `{ title: "…", code: `…` }`.
//!
//! Everything works on bytes: every delimiter is ASCII, so every index this
//! module returns is a character boundary of the `&str` it was given.

/// Index just past the string or template literal whose opening quote is at
/// `start`; `None` when it never ends.
pub fn skip_literal(s: &[u8], start: usize) -> Option<usize> {
    let quote = *s.get(start)?;
    let mut i = start + 1;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 2,
            c if c == quote => return Some(i + 1),
            b'$' if quote == b'`' && s.get(i + 1) == Some(&b'{') => i = matching_brace(s, i + 1)? + 1,
            _ => i += 1,
        }
    }
    None
}

/// Index of the `}` closing the `{` at `open`, skipping literals and comments.
pub fn matching_brace(s: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < s.len() {
        match s[i] {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'"' | b'\'' | b'`' => {
                i = skip_literal(s, i)?;
                continue;
            }
            b'/' if s.get(i + 1) == Some(&b'/') => {
                i = s[i..].iter().position(|b| *b == b'\n').map_or(s.len(), |p| i + p);
                continue;
            }
            b'/' if s.get(i + 1) == Some(&b'*') => {
                i = s[i + 2..]
                    .windows(2)
                    .position(|w| w == b"*/")
                    .map_or(s.len(), |p| i + 2 + p + 2);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Reads one string literal (`"…"`, `'…'`, `` `…` ``) at the start of `s`:
/// its value and what follows. Escapes are decoded as JavaScript does;
/// template holes `${…}` are kept verbatim (the guide shows code, it does not
/// run it); template literals are dedented (see [`dedent`]).
pub fn read_literal(s: &str) -> Option<(String, &str)> {
    let bytes = s.as_bytes();
    let quote = *bytes.first().filter(|c| matches!(c, b'"' | b'\'' | b'`'))?;
    let end = skip_literal(bytes, 0)?;
    let inner = &s[1..end - 1];
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(pos) = rest.find(['\\', '$']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if tail.starts_with("${") && quote == b'`' {
            // Copy the hole as written.
            let close = matching_brace(tail.as_bytes(), 1)?;
            out.push_str(&tail[..=close]);
            rest = &tail[close + 1..];
            continue;
        }
        if let Some(after) = tail.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        let mut chars = tail[1..].chars();
        let escaped = chars.next()?;
        rest = chars.as_str();
        match escaped {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' | '\n' => {}
            '0' => out.push('\0'),
            'u' => {
                let (c, after) = unicode_escape(rest)?;
                out.push(c);
                rest = after;
            }
            other => out.push(other),
        }
    }
    out.push_str(rest);
    let value = if quote == b'`' { dedent(&out) } else { out };
    Some((value, &s[end..]))
}

/// `\uXXXX` or `\u{X…}` after the `u`: the character and what follows.
fn unicode_escape(s: &str) -> Option<(char, &str)> {
    let (hex, rest) = match s.strip_prefix('{') {
        Some(braced) => {
            let close = braced.find('}')?;
            (&braced[..close], &braced[close + 1..])
        }
        None => (s.get(..4)?, &s[4..]),
    };
    let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)?;
    Some((c, rest))
}

/// Template literals holding code are indented like the JSX around them:
/// drop the first empty line, the common indentation and trailing blank space.
pub fn dedent(s: &str) -> String {
    let s = s.strip_prefix("\r\n").or_else(|| s.strip_prefix('\n')).unwrap_or(s);
    let indent = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = s
        .lines()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect();
    lines.join("\n").trim_end().to_owned()
}

/// The value of a JS string literal or a number, alone.
pub fn expr_text(expr: &str) -> Option<String> {
    let e = expr.trim();
    if let Some((s, rest)) = read_literal(e) {
        return rest.trim().is_empty().then_some(s);
    }
    (!e.is_empty() && e.parse::<f64>().is_ok()).then(|| e.to_owned())
}

/// `["a", 'b', `c`]` as strings; `None` unless the whole expression is such an array.
pub fn string_array(expr: &str) -> Option<Vec<String>> {
    let mut rest = expr.trim().strip_prefix('[')?.trim_start();
    let mut out = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix(']') {
            return after.trim().is_empty().then_some(out);
        }
        let (value, after) = read_literal(rest)?;
        out.push(crate::component::decode_entities(&value));
        rest = after.trim_start();
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start();
        } else if !rest.starts_with(']') {
            return None;
        }
    }
}

/// A value in an object literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// Anything but a string literal (a number, a variable, a call…), as written.
    Other(String),
}

/// `{ key: value, … }` (identifier or quoted keys, trailing comma allowed);
/// `None` unless the whole expression is one object literal.
pub fn object(expr: &str) -> Option<Vec<(String, Value)>> {
    let mut rest = skip_space(expr).strip_prefix('{')?;
    let mut out = Vec::new();
    loop {
        rest = skip_space(rest);
        if let Some(after) = rest.strip_prefix('}') {
            return skip_space(after).is_empty().then_some(out);
        }
        let (key, after) = match read_literal(rest) {
            Some((key, after)) => (key, after),
            None => {
                let len = rest
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$'))
                    .count();
                if len == 0 {
                    return None;
                }
                (rest[..len].to_owned(), &rest[len..])
            }
        };
        rest = skip_space(after).strip_prefix(':')?;
        rest = skip_space(rest);
        let value = match read_literal(rest) {
            Some((text, after)) if matches!(skip_space(after).as_bytes().first(), Some(b',' | b'}')) => {
                rest = after;
                Value::Text(text)
            }
            _ => {
                let end = value_end(rest.as_bytes())?;
                let raw = rest[..end].trim().to_owned();
                rest = &rest[end..];
                Value::Other(raw)
            }
        };
        out.push((key, value));
        rest = skip_space(rest);
        if let Some(after) = rest.strip_prefix(',') {
            rest = after;
        } else if !rest.starts_with('}') {
            return None;
        }
    }
}

/// Where a non-literal object value ends: the `,` or `}` at depth zero.
fn value_end(s: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'{' | b'[' | b'(' => depth += 1,
            b'}' | b']' | b')' if depth > 0 => depth -= 1,
            b',' | b'}' if depth == 0 => return Some(i),
            b'"' | b'\'' | b'`' => {
                i = skip_literal(s, i)?;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Skips whitespace and `//` / `/* */` comments.
fn skip_space(mut s: &str) -> &str {
    loop {
        s = s.trim_start();
        if let Some(after) = s.strip_prefix("//") {
            s = after.find('\n').map_or("", |p| &after[p..]);
        } else if let Some(after) = s.strip_prefix("/*") {
            s = after.find("*/").map_or("", |p| &after[p + 2..]);
        } else {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_holes_may_nest_braces_quotes_and_templates() {
        let src = "`a ${`inner ${ {b: '}'} } x`} b` tail";
        let (value, rest) = read_literal(src).expect("literal");
        assert_eq!(value, "a ${`inner ${ {b: '}'} } x`} b");
        assert_eq!(rest, " tail");
    }

    #[test]
    fn escapes_are_decoded_like_javascript() {
        let (v, _) = read_literal(r#""a\"b\n\u0041\u{1F600}\$""#).expect("literal");
        assert_eq!(v, "a\"b\nA\u{1F600}$");
        let (v, _) = read_literal("`\\`code\\` ${x}`").expect("literal");
        assert_eq!(v, "`code` ${x}");
        assert!(read_literal("\"never closed").is_none());
        assert!(read_literal("\"bad \\u{zz}\"").is_none());
    }

    #[test]
    fn object_literals_with_strings_templates_and_comments() {
        let expr = "{ title: \"Memo it\", // why\n code: `\n  const App = () => {\n    return <UserProfile id={\"1\"} />;\n  };\n\n  export default App;\n`, 'explanation': 'Keeps \"props\" stable.', depth: f(1, {a: 2}), }";
        let obj = object(expr).expect("object");
        assert_eq!(obj[0], ("title".into(), Value::Text("Memo it".into())));
        assert_eq!(
            obj[1].1,
            Value::Text("const App = () => {\n  return <UserProfile id={\"1\"} />;\n};\n\nexport default App;".into())
        );
        assert_eq!(
            obj[2],
            ("explanation".into(), Value::Text("Keeps \"props\" stable.".into()))
        );
        assert_eq!(obj[3], ("depth".into(), Value::Other("f(1, {a: 2})".into())));
        assert!(object("{ a: 1").is_none());
        assert!(object("{ a: 1 } extra").is_none());
        assert!(object("\"not an object\"").is_none());
    }

    #[test]
    fn braces_inside_literals_and_comments_do_not_count() {
        let s = b"{ a: \"}\", b: `${ '}' }`, /* } */ c: 1 // }\n }";
        assert_eq!(matching_brace(s, 0), Some(s.len() - 1));
        assert_eq!(matching_brace(b"{ unbalanced", 0), None);
        assert_eq!(matching_brace(b"}", 0), None);
    }
}
