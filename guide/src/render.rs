//! Markdown to safe HTML. Guides may hold raw HTML and JSX; nothing from them
//! may run in a browser.
//!
//! pulldown-cmark renders. When the Markdown contains raw HTML (block or
//! inline), the result is sanitised by ammonia. Without raw HTML, pulldown-cmark
//! escapes every piece of text and attribute itself, so the only way to smuggle
//! script is a link or image URL: those are filtered here to http(s), mailto
//! and relative URLs. This keeps ammonia's (comparatively costly) HTML parse
//! for the stages that need it.
//!
//! Fenced code in a language the highlighter knows is written as
//! highlighted HTML here (escaped text in `<span class="hl-…">`); when
//! ammonia runs, it keeps exactly those classes on `<span>` and no others.

use std::cell::Cell;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::highlight;

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        // Keep `language-rust` etc. so code can be styled; classes cannot run code.
        builder.add_tag_attributes("code", &["class"]);
        builder.add_allowed_classes("span", &highlight::CLASSES);
        builder
            .add_tag_attributes("th", &["align"])
            .add_tag_attributes("td", &["align"]);
        builder
    })
}

/// `url` if its scheme is harmless (or it has none), else `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let scheme_end = url.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')));
    let allowed = match scheme_end {
        Some(end) if url[end..].starts_with(':') => {
            let scheme = url[..end].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        // No scheme: relative, `#anchor`, `/path`.
        _ => true,
    };
    if allowed {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

pub fn render_markdown(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let raw_html = Cell::new(false);
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => {
            raw_html.set(true);
            event
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Highlighted { events });
    if raw_html.get() {
        sanitizer().clean(&html).to_string()
    } else {
        html
    }
}

/// Replaces each fenced code block in a known language by one `Html` event
/// holding its highlighted HTML; everything else passes through.
struct Highlighted<I> {
    events: I,
}

impl<'e, I: Iterator<Item = Event<'e>>> Iterator for Highlighted<I> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        let event = self.events.next()?;
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event else {
            return Some(event);
        };
        let name = info.split(' ').next().unwrap_or("");
        let Some(lang) = highlight::language(name) else {
            return Some(event);
        };
        let mut code = String::new();
        for inner in self.events.by_ref() {
            match inner {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let mut html = String::with_capacity(code.len() * 2 + 48);
        html.push_str("<pre><code class=\"language-");
        highlight::escape_into(&mut html, name);
        html.push_str("\">");
        highlight::highlight(lang, &code, &mut html);
        html.push_str("</code></pre>\n");
        Some(Event::Html(html.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::render_markdown;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html =
            render_markdown("Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn dangerous_urls_without_raw_html_are_neutralised() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "![i](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>",
            "[x](vbscript:msgbox)",
        ] {
            let html = render_markdown(md).to_lowercase();
            // The text may still read "javascript:…"; no href or src may carry it.
            for attr in ["href=\"javascript:", "href=\"vbscript:", "src=\"data:"] {
                assert!(!html.contains(attr), "{md} -> {html}");
            }
        }
        assert!(render_markdown("[ok](https://example.org/a?b#c)").contains("href=\"https://example.org/a?b#c\""));
        assert!(render_markdown("[rel](../x.md)").contains("href=\"../x.md\""));
    }

    #[test]
    fn code_is_highlighted_and_survives_the_sanitiser() {
        let md = "```yaml\nname: web # <b>x</b>\n```";
        let plain = render_markdown(md);
        assert!(
            plain.contains("<pre><code class=\"language-yaml\"><span class=\"hl-a\">name</span>"),
            "{plain}"
        );
        assert!(
            plain.contains("<span class=\"hl-c\"># &lt;b&gt;x&lt;/b&gt;</span>"),
            "{plain}"
        );
        // Raw HTML elsewhere in the stage sends it through ammonia: the
        // highlighting stays, a guide's own classes and handlers do not.
        let mixed = format!("<span class=\"hl-k evil\" onclick=\"x()\">hi</span>\n\n{md}");
        let html = render_markdown(&mixed);
        assert!(html.contains("<span class=\"hl-a\">name</span>"), "{html}");
        assert!(html.contains("<span class=\"hl-c\">"), "{html}");
        assert!(!html.contains("evil") && !html.contains("onclick"), "{html}");
        assert!(html.contains("class=\"language-yaml\""), "{html}");
    }

    #[test]
    fn code_in_unknown_languages_stays_plain() {
        let html = render_markdown("```mermaid\ngraph <x>\n```\n\n```\nplain\n```");
        assert!(
            html.contains("<code class=\"language-mermaid\">graph &lt;x&gt;\n</code>"),
            "{html}"
        );
        assert!(html.contains("<pre><code>plain\n</code></pre>"), "{html}");
        assert!(!html.contains("hl-"), "{html}");
    }

    #[test]
    fn markdown_features_survive() {
        let html =
            render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n&lt;tag&gt; `Vec<u8>`");
        assert!(html.contains("<table>") && html.contains("<td>1</td>"), "{html}");
        assert!(html.contains("class=\"language-rust\""), "{html}");
        assert!(html.contains("&lt;tag&gt;") && html.contains("Vec&lt;u8&gt;"), "{html}");
    }
}
