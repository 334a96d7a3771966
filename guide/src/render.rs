//! Markdown to safe HTML: pulldown-cmark renders, ammonia sanitises. Guides
//! may hold raw HTML and JSX; nothing from them may run in a browser.

use std::sync::OnceLock;

use pulldown_cmark::{Options, Parser};

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

pub fn render_markdown(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options));
    sanitizer().clean(&html).to_string()
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
    fn markdown_features_survive() {
        let html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n&lt;tag&gt;");
        assert!(html.contains("<table>") && html.contains("<td>1</td>"), "{html}");
        assert!(html.contains("class=\"language-rust\""), "{html}");
        assert!(html.contains("&lt;tag&gt;"), "{html}");
    }
}
