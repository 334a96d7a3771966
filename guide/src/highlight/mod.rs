//! Syntax highlighting for the code in guides, done once at import so that it
//! costs the browser nothing: escaped text with `<span class="hl-…">` around
//! comments, strings, keywords, numbers, literals, types and tags, variables
//! and keys. `frontend/style.css` colours the classes.
//!
//! A small table-driven tokenizer, not a grammar engine: one pass over the
//! bytes, no regular expressions, no allocation but the output. It knows the
//! languages guides use (see [`languages`]); anything else stays plain. It
//! was chosen over syntect, which measured about two orders of magnitude
//! slower on the guides' code than the whole import's budget allows (see
//! README, "Measurements").

mod keywords;
mod languages;

pub use languages::language;

/// The classes this module emits; the sanitiser allows exactly these on `<span>`.
pub const CLASSES: [&str; 8] = ["hl-c", "hl-s", "hl-k", "hl-n", "hl-l", "hl-t", "hl-v", "hl-a"];

const COMMENT: &str = "hl-c";
const STRING: &str = "hl-s";
const KEYWORD: &str = "hl-k";
const NUMBER: &str = "hl-n";
const LITERAL: &str = "hl-l";
const TYPE: &str = "hl-t";
const VARIABLE: &str = "hl-v";
const KEY: &str = "hl-a";

/// How keys (YAML `key:`, JSON `"key":`, HCL/TOML `key =`) are recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    None,
    /// A word at the start of a line (after indentation and `- `) followed by `:`.
    Colon,
    /// A string followed by `:`.
    QuotedColon,
    /// A word at the start of a line followed by `=` (not `==`).
    Assign,
}

/// What the tokenizer needs to know about a language.
#[derive(Debug)]
pub struct Lang {
    pub line_comments: &'static [&'static str],
    /// Line comments start only at the beginning of a line or after
    /// whitespace (`#` in shell and YAML, where `$#` or `a#b` are not comments).
    pub comment_after_space: bool,
    pub block_comment: Option<(&'static str, &'static str)>,
    pub quotes: &'static [u8],
    /// Quotes that may span lines (JS/Go backticks, shell strings).
    pub multiline_quotes: &'static [u8],
    /// `"""` and `'''` (Python).
    pub triple_quotes: bool,
    /// Quotes open a string only where a YAML scalar can start.
    pub yaml_quotes: bool,
    /// `'a` is a lifetime unless it closes within a character (Rust).
    pub lifetimes: bool,
    /// Sorted; lower-case when `case_insensitive`.
    pub keywords: &'static [&'static str],
    /// Sorted: `true`, `null`, `None`…
    pub literals: &'static [&'static str],
    pub case_insensitive: bool,
    /// Capitalised words are types or classes.
    pub capitalized_types: bool,
    /// `$VAR`, `${VAR}`, `$1`, `$?`.
    pub shell_variables: bool,
    /// `<Tag` and `</Tag` are tags (JSX, TSX).
    pub jsx: bool,
    pub keys: Keys,
    /// The first word of a line is an instruction (Dockerfile `FROM`, `RUN`…).
    pub line_instructions: &'static [&'static str],
    /// Bytes besides letters, digits and `_` that words may contain.
    pub word_extra: &'static [u8],
}

/// Appends `code` to `out` as highlighted, escaped HTML.
pub fn highlight(lang: &Lang, code: &str, out: &mut String) {
    Tokenizer {
        lang,
        src: code,
        b: code.as_bytes(),
        out,
        plain: 0,
    }
    .run();
}

/// Appends `text` to `out`, escaped for HTML text and attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

struct Tokenizer<'l, 's, 'o> {
    lang: &'l Lang,
    src: &'s str,
    b: &'s [u8],
    out: &'o mut String,
    /// Start of the plain text not yet written.
    plain: usize,
}

fn is_word_byte(lang: &Lang, c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || lang.word_extra.contains(&c)
}

impl<'l> Tokenizer<'l, '_, '_> {
    /// Writes `src[start..end]` in a span of `class` (plain text before it first).
    /// Every boundary passed here is at an ASCII byte or the end, so a char boundary.
    fn emit(&mut self, start: usize, end: usize, class: &str) {
        escape_into(self.out, &self.src[self.plain..start]);
        self.out.push_str("<span class=\"");
        self.out.push_str(class);
        self.out.push_str("\">");
        escape_into(self.out, &self.src[start..end]);
        self.out.push_str("</span>");
        self.plain = end;
    }

    fn line_end(&self, from: usize) -> usize {
        self.b[from..]
            .iter()
            .position(|c| *c == b'\n')
            .map_or(self.b.len(), |p| from + p)
    }

    fn run(&mut self) {
        let lang = self.lang;
        let b = self.b;
        let mut i = 0;
        let mut line_start = true;
        while i < b.len() {
            let c = b[i];
            if c == b'\n' {
                line_start = true;
                i += 1;
                continue;
            }
            if line_start {
                line_start = false;
                let indent = b[i..].iter().take_while(|c| **c == b' ' || **c == b'\t').count();
                i += indent;
                if let Some(next) = self.line_head(i) {
                    i = next;
                    continue;
                }
                if i >= b.len() || b[i] == b'\n' {
                    continue;
                }
            }
            let c = b[i];
            if let Some(end) = self.comment_at(i) {
                self.emit(i, end, COMMENT);
                i = end;
            } else if lang.quotes.contains(&c) && self.opens_string(i) {
                let end = self.string_end(i);
                let class = if lang.keys == Keys::QuotedColon && self.colon_follows(end) {
                    KEY
                } else {
                    STRING
                };
                self.emit(i, end, class);
                i = end;
            } else if c.is_ascii_digit() && (i == 0 || !is_word_byte(lang, b[i - 1])) {
                let end = i + b[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_' || **c == b'.')
                    .count();
                self.emit(i, end, NUMBER);
                i = end;
            } else if c == b'$' && lang.shell_variables {
                let end = self.variable_end(i);
                if end > i + 1 {
                    self.emit(i, end, VARIABLE);
                }
                i = end;
            } else if c.is_ascii_alphabetic() || c == b'_' {
                let end = i + b[i..].iter().take_while(|c| is_word_byte(lang, **c)).count();
                if let Some(class) = self.word_class(i, end) {
                    self.emit(i, end, class);
                }
                i = end;
            } else {
                i += 1;
            }
        }
        escape_into(self.out, &self.src[self.plain..]);
    }

    /// Keys and instructions at the start of a line; the index after them.
    fn line_head(&mut self, i: usize) -> Option<usize> {
        let lang = self.lang;
        let b = self.b;
        if !lang.line_instructions.is_empty() {
            let end = i + b[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let word = &self.src[i..end];
            if end > i && lang.line_instructions.iter().any(|k| k.eq_ignore_ascii_case(word)) {
                self.emit(i, end, KEYWORD);
                return Some(end);
            }
            return None;
        }
        match lang.keys {
            Keys::Colon => {
                let mut start = i;
                while b.get(start) == Some(&b'-') && b.get(start + 1) == Some(&b' ') {
                    start += 2;
                    while b.get(start) == Some(&b' ') {
                        start += 1;
                    }
                }
                let end = start
                    + b[start..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'/'))
                        .count();
                let colon = b.get(end) == Some(&b':') && matches!(b.get(end + 1), None | Some(b' ' | b'\n' | b'\r'));
                if end > start && colon {
                    self.emit(start, end, KEY);
                    return Some(end);
                }
                None
            }
            Keys::Assign => {
                let end = i + b[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
                    .count();
                let mut after = end;
                while b.get(after) == Some(&b' ') {
                    after += 1;
                }
                let assign = b.get(after) == Some(&b'=') && b.get(after + 1) != Some(&b'=');
                if end > i && assign && !b[i].is_ascii_digit() {
                    self.emit(i, end, KEY);
                    return Some(end);
                }
                None
            }
            Keys::None | Keys::QuotedColon => None,
        }
    }

    /// The end of a comment starting at `i`, if one does.
    fn comment_at(&self, i: usize) -> Option<usize> {
        let lang = self.lang;
        let rest = &self.b[i..];
        if let Some((open, close)) = lang.block_comment {
            if rest.starts_with(open.as_bytes()) {
                let body = i + open.len();
                let end = find(&self.b[body..], close.as_bytes()).map_or(self.b.len(), |p| body + p + close.len());
                return Some(end);
            }
        }
        let after_space = i == 0 || matches!(self.b[i - 1], b' ' | b'\t' | b'\n');
        for marker in lang.line_comments {
            if rest.starts_with(marker.as_bytes()) && (after_space || !lang.comment_after_space) {
                return Some(self.line_end(i));
            }
        }
        None
    }

    fn opens_string(&self, i: usize) -> bool {
        let lang = self.lang;
        let b = self.b;
        if lang.yaml_quotes {
            // Only where a scalar starts: `key: "…"`, `- '…'`, `["…"]`, line start.
            let before = b[..i].iter().rev().find(|c| **c != b' ' && **c != b'\t');
            return matches!(
                before,
                None | Some(b':' | b'-' | b'[' | b'{' | b',' | b'\n' | b'=' | b'|' | b'>')
            );
        }
        if lang.lifetimes && b[i] == b'\'' {
            // `'a'`, `'\n'`, `'\u{1F600}'` are characters; `'a` is a lifetime.
            let rest = &b[i + 1..];
            return match rest.first() {
                Some(b'\\') => true,
                Some(_) => {
                    let len = rest
                        .iter()
                        .position(|c| *c == b'\'' || *c == b'\n')
                        .unwrap_or(rest.len());
                    rest.get(len) == Some(&b'\'')
                        && std::str::from_utf8(&rest[..len]).is_ok_and(|s| s.chars().count() == 1)
                }
                None => false,
            };
        }
        true
    }

    fn string_end(&self, i: usize) -> usize {
        let lang = self.lang;
        let b = self.b;
        let quote = b[i];
        if lang.triple_quotes && b[i..].starts_with(&[quote, quote, quote]) {
            let body = i + 3;
            return find(&b[body..], &[quote, quote, quote]).map_or(b.len(), |p| body + p + 3);
        }
        let multiline = lang.multiline_quotes.contains(&quote);
        let mut j = i + 1;
        while j < b.len() {
            match b[j] {
                b'\\' if !(quote == b'\'' && lang.shell_variables) => j += 2,
                c if c == quote => return j + 1,
                b'\n' if !multiline => return j,
                _ => j += 1,
            }
        }
        b.len()
    }

    fn colon_follows(&self, end: usize) -> bool {
        self.b[end..].iter().find(|c| **c != b' ').is_some_and(|c| *c == b':')
    }

    /// `$NAME`, `${…}`, `$1`, `$?`: the end of the variable (or `i + 1`).
    fn variable_end(&self, i: usize) -> usize {
        let b = self.b;
        match b.get(i + 1) {
            Some(b'{') => find(&b[i..], b"}").map_or(i + 1, |p| i + p + 1),
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                i + 1
                    + b[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                        .count()
            }
            Some(c) if c.is_ascii_digit() || matches!(c, b'?' | b'#' | b'@' | b'*' | b'$' | b'!') => i + 2,
            _ => i + 1,
        }
    }

    fn word_class(&self, start: usize, end: usize) -> Option<&'static str> {
        let lang = self.lang;
        let word = &self.src[start..end];
        if lang.jsx && start > 0 && (self.b[start - 1] == b'<' || (start > 1 && &self.b[start - 2..start] == b"</")) {
            return Some(TYPE);
        }
        let lower;
        let word = if lang.case_insensitive && word.bytes().any(|c| c.is_ascii_uppercase()) {
            lower = word.to_ascii_lowercase();
            lower.as_str()
        } else {
            word
        };
        let found = |list: &[&str]| contains(list, word.as_bytes());
        if found(lang.keywords) {
            Some(KEYWORD)
        } else if found(lang.literals) {
            Some(LITERAL)
        } else if lang.capitalized_types && self.b[start].is_ascii_uppercase() {
            Some(TYPE)
        } else {
            None
        }
    }
}

/// Binary search in a sorted word list, comparing bytes inline: keywords are
/// short, and a `memcmp` call per probe cost more than the comparison.
fn contains(list: &[&str], word: &[u8]) -> bool {
    if word.len() > MAX_WORD {
        return false;
    }
    let (mut lo, mut hi) = (0, list.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        match compare(list[mid].as_bytes(), word) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// No keyword or literal in the tables is longer.
const MAX_WORD: usize = 20;

#[inline]
fn compare(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests;
