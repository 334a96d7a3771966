use super::keywords::ALL_TABLES;
use super::*;

fn hl(lang: &str, code: &str) -> String {
    let mut out = String::new();
    highlight(language(lang).expect("known language"), code, &mut out);
    out
}

/// The text of the HTML with tags removed and entities decoded: must equal the input.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn keyword_tables_are_sorted_for_binary_search() {
    for table in ALL_TABLES {
        assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
        assert!(table.iter().all(|w| w.len() <= super::MAX_WORD), "{table:?}");
    }
}

#[test]
fn yaml_keys_comments_strings_and_literals() {
    let html = hl(
        "yaml",
        "apiVersion: apps/v1 # pinned\nspec:\n  - name: \"web\"\n    enabled: true\n    note: it's fine#not a comment\n",
    );
    assert!(html.contains("<span class=\"hl-a\">apiVersion</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-c\"># pinned</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-a\">name</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-s\">&quot;web&quot;</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-l\">true</span>"), "{html}");
    assert!(
        !html.contains("hl-s\">'s"),
        "an apostrophe inside a scalar is no string: {html}"
    );
    assert!(!html.contains("#not a comment</span>"), "{html}");
}

#[test]
fn shell_comments_variables_and_keywords() {
    let html = hl(
        "bash",
        "# restart\nif [ \"$#\" -gt 0 ]; then echo ${HOME} $1; fi # done\n",
    );
    assert!(html.starts_with("<span class=\"hl-c\"># restart</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-k\">if</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-v\">${HOME}</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-v\">$1</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-c\"># done</span>"), "{html}");
}

#[test]
fn tsx_tags_templates_and_types() {
    let code = "const App = () => <ThemeContext.Provider value={t}><UserProfile /></ThemeContext.Provider>;\nconst s = `a\n${b}`; // hi";
    let html = hl("tsx", code);
    assert!(html.contains("<span class=\"hl-k\">const</span>"), "{html}");
    assert!(html.contains("&lt;<span class=\"hl-t\">ThemeContext</span>"), "{html}");
    assert!(
        html.contains("&lt;<span class=\"hl-t\">UserProfile</span> /&gt;"),
        "{html}"
    );
    assert!(html.contains("&lt;/<span class=\"hl-t\">ThemeContext</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-s\">`a\n${b}`</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-c\">// hi</span>"), "{html}");
}

#[test]
fn sql_is_case_insensitive_and_python_has_triple_quotes() {
    let html = hl("sql", "SELECT id FROM t WHERE name = 'x' -- why\n");
    assert!(html.contains("<span class=\"hl-k\">SELECT</span>") && html.contains("<span class=\"hl-k\">FROM</span>"));
    assert!(html.contains("<span class=\"hl-s\">'x'</span>") && html.contains("<span class=\"hl-c\">-- why</span>"));
    let html = hl(
        "python",
        "def f():\n    \"\"\"Doc \"quoted\"\n    \"\"\"\n    return None # x\n",
    );
    assert!(html.contains("<span class=\"hl-s\">&quot;&quot;&quot;Doc"), "{html}");
    assert!(html.contains("<span class=\"hl-l\">None</span>"), "{html}");
}

#[test]
fn rust_lifetimes_are_not_strings_and_json_keys_differ_from_values() {
    let html = hl("rust", "fn f<'a>(s: &'a str) -> char { 'x' }");
    assert!(!html.contains("hl-s\">'a"), "{html}");
    assert!(html.contains("<span class=\"hl-s\">'x'</span>"), "{html}");
    let html = hl("json", "{\"replicas\": 3, \"name\": \"web\"}");
    assert!(
        html.contains("<span class=\"hl-a\">&quot;replicas&quot;</span>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"hl-s\">&quot;web&quot;</span>"), "{html}");
    assert!(html.contains("<span class=\"hl-n\">3</span>"), "{html}");
}

#[test]
fn dockerfile_instructions_and_hcl_attributes() {
    let html = hl("dockerfile", "FROM rust:1 AS build\nRUN cargo build # release\n");
    assert!(html.contains("<span class=\"hl-k\">FROM</span>") && html.contains("<span class=\"hl-k\">RUN</span>"));
    let html = hl("hcl", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\" # c\n}\n");
    assert!(
        html.contains("<span class=\"hl-k\">resource</span>") && html.contains("<span class=\"hl-a\">bucket</span>")
    );
}

#[test]
fn output_is_escaped_and_keeps_every_character() {
    let hostile = "</code><script>alert(\"x\")</script> & <img src=x onerror=alert(1)> é中 'unterminated\n\"also";
    for lang in [
        "yaml",
        "bash",
        "tsx",
        "sql",
        "python",
        "rust",
        "json",
        "go",
        "hcl",
        "java",
        "toml",
        "dockerfile",
    ] {
        let html = hl(lang, hostile);
        assert!(
            !html.contains("<script") && !html.contains("</code>") && !html.contains("<img"),
            "{lang}: {html}"
        );
        assert_eq!(text_of(&html), hostile, "{lang}");
    }
}

#[test]
fn unknown_languages_are_not_highlighted() {
    assert!(language("text").is_none());
    assert!(language("mermaid").is_none());
    assert!(language("TSX").is_some());
}
