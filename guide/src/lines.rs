//! Splits a guide into lines and marks which ones are code, so that `#`
//! comments and `<Tags>` inside fenced code are never read as structure.

#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    pub text: &'a str,
    /// Inside a fenced code block, or one of its fence lines.
    pub code: bool,
}

/// An open fence: its character (`` ` `` or `~`) and length.
pub fn fence_of(text: &str) -> Option<(char, usize)> {
    let trimmed = text.trim_start();
    let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = trimmed.chars().take_while(|c| *c == ch).count();
    if len < 3 {
        return None;
    }
    // A backtick fence's info string may not contain backticks.
    if ch == '`' && trimmed[len..].contains('`') {
        return None;
    }
    Some((ch, len))
}

pub fn closes(text: &str, open: (char, usize)) -> bool {
    let trimmed = text.trim();
    let len = trimmed.chars().take_while(|c| *c == open.0).count();
    len >= open.1 && trimmed.chars().all(|c| c == open.0)
}

pub fn split(source: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for (i, raw) in source.split('\n').enumerate() {
        let text = raw.strip_suffix('\r').unwrap_or(raw);
        let code = match fence {
            Some(open) => {
                if closes(text, open) {
                    fence = None;
                }
                true
            }
            None => match fence_of(text) {
                Some(open) => {
                    fence = Some(open);
                    true
                }
                None => false,
            },
        };
        out.push(Line {
            number: i + 1,
            text,
            code,
        });
    }
    out
}

/// A thematic break (`---`, `***`, `___`, spaces allowed) outside code.
pub fn is_rule(line: &Line<'_>) -> bool {
    let t = line.text.trim_start();
    let Some(first) = t.bytes().next().filter(|c| matches!(c, b'-' | b'*' | b'_')) else {
        return false;
    };
    !line.code
        && t.bytes().filter(|c| *c == first).count() >= 3
        && t.trim_end().bytes().all(|c| c == first || c == b' ')
}

/// Blank, or a thematic break: a line that carries no text.
pub fn is_blank_or_rule(line: &Line<'_>) -> bool {
    line.text.trim().is_empty() || is_rule(line)
}

/// A Markdown ATX heading outside code: `(level, text)`.
pub fn heading(line: &Line<'_>) -> Option<(usize, String)> {
    if line.code {
        return None;
    }
    let text = line.text;
    let indent = text.len() - text.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &text[indent..];
    let level = rest.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let title = after.trim().trim_end_matches('#').trim_end();
    Some((level, crate::component::decode_entities(title)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inside_fences_are_code() {
        let src = "# Title\n```bash\n# a comment\n```\n## Next\n~~~\n## not a heading\n~~~";
        let lines = split(src);
        let headings: Vec<_> = lines.iter().filter_map(heading).collect();
        assert_eq!(headings, vec![(1, "Title".to_owned()), (2, "Next".to_owned())]);
    }

    #[test]
    fn a_longer_fence_needs_a_longer_close() {
        let src = "````\n```\n# still code\n````\n# Heading";
        let headings: Vec<_> = split(src).iter().filter_map(heading).collect();
        assert_eq!(headings, vec![(1, "Heading".to_owned())]);
    }

    #[test]
    fn hashtags_without_space_are_text() {
        let lines = split("#hashtag\n####### seven");
        assert!(lines.iter().filter_map(heading).next().is_none());
    }
}
