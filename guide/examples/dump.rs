//! `cargo run -p mockroom-guide --example dump FILE`: what the parser reads, for eyeballing.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let parsed = mockroom_guide::parse(&bytes);
        println!("{path}: {}", parsed.guide.title);
        for q in &parsed.guide.questions {
            println!(
                "  Q{} [{} / {}] {} | sections: {:?} | js: {} | checks: {:?} | rubric: {}{}",
                q.number,
                q.kind,
                q.category,
                q.title.chars().take(50).collect::<String>(),
                q.sections
                    .iter()
                    .map(|s| s.title.chars().take(24).collect::<String>())
                    .collect::<Vec<_>>(),
                q.junior_senior.len(),
                q.quick_checks
                    .iter()
                    .map(|c| (b'A' + c.correct as u8) as char)
                    .collect::<String>(),
                q.rubric.dimensions.len(),
                if q.rubric.derived { " (derived)" } else { "" },
            );
        }
        println!("  {}", parsed.summary.one_line());
        for d in &parsed.diagnostics {
            println!("  {}", d.display(&path));
        }
    }
}
