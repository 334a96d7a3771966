//! The languages guides use, as tables for the tokenizer, and the names
//! (fence info strings) that select them.

use super::keywords::*;
use super::{Keys, Lang};

/// The language a fence's info string names (`yaml`, `tsx`, `shell`…), if known.
pub fn language(name: &str) -> Option<&'static Lang> {
    let name = name.trim().to_ascii_lowercase();
    Some(match name.as_str() {
        "yaml" | "yml" => &YAML,
        "bash" | "sh" | "shell" | "zsh" | "console" | "shell-session" | "shellscript" => &SHELL,
        "dockerfile" | "docker" | "containerfile" => &DOCKERFILE,
        "go" | "golang" => &GO,
        "python" | "py" | "python3" => &PYTHON,
        "javascript" | "js" | "jsx" | "mjs" | "cjs" | "node" | "typescript" | "ts" | "tsx" | "mts" => &JAVASCRIPT,
        "json" | "jsonc" | "json5" => &JSON,
        "sql" | "postgresql" | "postgres" | "psql" | "pgsql" | "plpgsql" | "mysql" | "sqlite" => &SQL,
        "rust" | "rs" => &RUST,
        "hcl" | "terraform" | "tf" => &HCL,
        "java" | "kotlin" | "kt" | "c" | "cpp" | "c++" | "h" | "hpp" | "csharp" | "cs" | "c#" | "scala" => &C_FAMILY,
        "toml" | "ini" | "conf" | "properties" | "env" | "dotenv" => &TOML,
        _ => return None,
    })
}

const NONE: &[&str] = &[];

const BASE: Lang = Lang {
    line_comments: NONE,
    comment_after_space: false,
    block_comment: None,
    quotes: b"\"'",
    multiline_quotes: b"",
    triple_quotes: false,
    yaml_quotes: false,
    lifetimes: false,
    keywords: NONE,
    literals: NONE,
    case_insensitive: false,
    capitalized_types: false,
    shell_variables: false,
    jsx: false,
    keys: Keys::None,
    line_instructions: NONE,
    word_extra: b"",
};

const YAML: Lang = Lang {
    line_comments: &["#"],
    comment_after_space: true,
    yaml_quotes: true,
    literals: YAML_LITERALS,
    keys: Keys::Colon,
    ..BASE
};

const SHELL: Lang = Lang {
    line_comments: &["#"],
    comment_after_space: true,
    multiline_quotes: b"\"'",
    keywords: BASH_KEYWORDS,
    shell_variables: true,
    ..BASE
};

const DOCKERFILE: Lang = Lang {
    line_instructions: DOCKER_INSTRUCTIONS,
    ..SHELL
};

const GO: Lang = Lang {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: b"\"'`",
    multiline_quotes: b"`",
    keywords: GO_KEYWORDS,
    literals: GO_LITERALS,
    ..BASE
};

const PYTHON: Lang = Lang {
    line_comments: &["#"],
    triple_quotes: true,
    keywords: PY_KEYWORDS,
    literals: PY_LITERALS,
    capitalized_types: true,
    ..BASE
};

const JAVASCRIPT: Lang = Lang {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: b"\"'`",
    multiline_quotes: b"`",
    keywords: JS_KEYWORDS,
    literals: JS_LITERALS,
    capitalized_types: true,
    jsx: true,
    word_extra: b"$",
    ..BASE
};

const JSON: Lang = Lang {
    line_comments: &["//"],
    quotes: b"\"",
    literals: JSON_LITERALS,
    keys: Keys::QuotedColon,
    ..BASE
};

const SQL: Lang = Lang {
    line_comments: &["--"],
    block_comment: Some(("/*", "*/")),
    keywords: SQL_KEYWORDS,
    literals: SQL_LITERALS,
    case_insensitive: true,
    ..BASE
};

const RUST: Lang = Lang {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    lifetimes: true,
    multiline_quotes: b"\"",
    keywords: RUST_KEYWORDS,
    literals: RUST_LITERALS,
    capitalized_types: true,
    ..BASE
};

const HCL: Lang = Lang {
    line_comments: &["#", "//"],
    block_comment: Some(("/*", "*/")),
    quotes: b"\"",
    keywords: HCL_KEYWORDS,
    literals: HCL_LITERALS,
    keys: Keys::Assign,
    ..BASE
};

const C_FAMILY: Lang = Lang {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    keywords: JAVA_KEYWORDS,
    literals: JAVA_LITERALS,
    capitalized_types: true,
    ..BASE
};

const TOML: Lang = Lang {
    line_comments: &["#", ";"],
    comment_after_space: true,
    triple_quotes: true,
    literals: TOML_LITERALS,
    keys: Keys::Assign,
    ..BASE
};
