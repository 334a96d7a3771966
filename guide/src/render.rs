//! Markdown to safe HTML. Guides may hold raw HTML and JSX; nothing from them
//! may run in a browser.
//!
//! pulldown-cmark renders. When the Markdown contains raw HTML (block or
//! inline), the result is sanitised by ammonia. Without raw HTML, pulldown-cmark
//! escapes every piece of text and attribute itself, so the only way to smuggle
//! script is a link or image URL: those are filtered here to http(s), mailto
//! and relative URLs. This keeps ammonia's (comparatively costly) HTML parse
//! for the stages that need it.

use std::cell::Cell;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        // Keep `language-rust` etc. so code can be styled; classes cannot run code.
        builder.add_tag_attributes("code", &["class"]);
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
    pulldown_cmark::html::push_html(&mut html, events);
    if raw_html.get() {
        sanitizer().clean(&html).to_string()
    } else {
        html
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
    fn markdown_features_survive() {
        let html =
            render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n&lt;tag&gt; `Vec<u8>`");
        assert!(html.contains("<table>") && html.contains("<td>1</td>"), "{html}");
        assert!(html.contains("class=\"language-rust\""), "{html}");
        assert!(html.contains("&lt;tag&gt;") && html.contains("Vec&lt;u8&gt;"), "{html}");
    }
}
