//! Import throughput against a bare pulldown-cmark pass, measured in one run.
//!
//! The corpus is the bundled packs (plus the shared Kubernetes guide when it is
//! present), repeated until it passes 8 MiB. "Full import" is everything the
//! server does before it writes to the database: parse the guide, build the
//! reveal stages, render every stage and quick check with pulldown-cmark and
//! sanitise the HTML with ammonia. "Bare pass" renders each file's Markdown to
//! HTML with pulldown-cmark once, with no guide structure and no sanitising.

use std::hint::black_box;
use std::time::{Duration, Instant};

use pulldown_cmark::{Options, Parser};

fn corpus() -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in [root.join("content"), root.join("../shared/guides")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md") {
                files.push(std::fs::read(&p).expect("read guide"));
            }
        }
    }
    assert!(!files.is_empty(), "no guides found");
    let mut out = Vec::new();
    let mut total = 0;
    while total < 8 * 1024 * 1024 {
        for f in &files {
            total += f.len();
            out.push(f.clone());
        }
    }
    out
}

fn bare_pass(doc: &[u8]) -> usize {
    let text = std::str::from_utf8(doc).expect("utf8");
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(text, options));
    html.len()
}

fn full_import(doc: &[u8]) -> usize {
    let parsed = mockroom_guide::parse(doc);
    let mut bytes = 0;
    for q in &parsed.guide.questions {
        for stage in q.stages() {
            bytes += mockroom_guide::render_markdown(&stage.markdown).len();
        }
        for c in &q.quick_checks {
            bytes += mockroom_guide::render_markdown(&c.question).len();
            bytes += mockroom_guide::render_markdown(&c.explanation).len();
        }
    }
    bytes
}

/// Best of `rounds` timings of `f` over the whole corpus.
fn time(corpus: &[Vec<u8>], rounds: usize, f: fn(&[u8]) -> usize) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for doc in corpus {
                black_box(f(black_box(doc)));
            }
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    let mib = bytes as f64 / (1024.0 * 1024.0);
    // Warm up both paths (allocator, sanitiser set-up).
    time(&corpus[..4.min(corpus.len())], 1, bare_pass);
    time(&corpus[..4.min(corpus.len())], 1, full_import);
    let bare = time(&corpus, 5, bare_pass);
    let full = time(&corpus, 5, full_import);
    let parse_only = time(&corpus, 5, |d| mockroom_guide::parse(d).guide.questions.len());
    println!("corpus: {} files, {mib:.1} MiB", corpus.len());
    println!(
        "bare pulldown-cmark pass: {:>8.1} ms  {:>7.1} MiB/s",
        ms(bare),
        mib / bare.as_secs_f64()
    );
    println!(
        "guide parse only:         {:>8.1} ms  {:>7.1} MiB/s",
        ms(parse_only),
        mib / parse_only.as_secs_f64()
    );
    println!(
        "full import (no DB):      {:>8.1} ms  {:>7.1} MiB/s",
        ms(full),
        mib / full.as_secs_f64()
    );
    println!(
        "ratio full / bare: {:.2}x (goal: at most 3x)",
        full.as_secs_f64() / bare.as_secs_f64()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
