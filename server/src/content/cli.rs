//! `mockroom content check PATH…` and `mockroom content import PATH…`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use mockroom_guide::{Parsed, Severity, MAX_GUIDE_BYTES};
use serde_json::json;

use super::import::{import_guide, summary_to_api};
use crate::store::Store;

/// Files named on the command line, with folders expanded to the `.md` files
/// below them (a folder's `README.md` documents the folder and is skipped).
pub fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect(path, &mut out).with_context(|| format!("cannot list {}", path.display()))?;
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md")
            && !path.file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads a guide, refusing oversized files before reading them.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_GUIDE_BYTES as u64 {
        return Err(format!(
            "file is {} bytes; guides may be at most {MAX_GUIDE_BYTES} bytes (5 MB)",
            meta.len()
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

fn summary_json(path: &str, parsed: Option<&Parsed>, read_error: Option<&str>) -> serde_json::Value {
    let diags = |sev: Severity| -> Vec<serde_json::Value> {
        parsed
            .map(|p| {
                p.diagnostics
                    .iter()
                    .filter(|d| d.severity == sev)
                    .map(|d| json!({"line": d.line, "col": d.col, "message": d.message}))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut errors = diags(Severity::Error);
    if let Some(e) = read_error {
        errors.push(json!({"line": 1, "col": 1, "message": e}));
    }
    let summary = parsed.map(|p| summary_to_api(&p.summary)).unwrap_or_default();
    let i = summary.imported;
    json!({
        "path": path,
        "title": parsed.map(|p| p.guide.title.clone()).unwrap_or_default(),
        // The imported counts, also at the top level as before.
        "questions": i.questions,
        "quick_checks": i.quick_checks,
        "junior_senior": i.junior_senior,
        "sections": i.sections,
        "code_exercises": i.code_exercises,
        "imported": summary.imported,
        "skipped": summary.skipped,
        "skipped_parts": summary.skipped_parts,
        "warnings": diags(Severity::Warning),
        "errors": errors,
    })
}

/// Checks guides; exit 1 when any has an error.
pub fn check(paths: &[PathBuf], as_json: bool) -> anyhow::Result<ExitCode> {
    let files = expand(paths)?;
    if files.is_empty() {
        anyhow::bail!(
            "no .md files found in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let mut failed = false;
    for file in files {
        let name = file.display().to_string();
        let (parsed, read_error) = match read(&file) {
            Ok(bytes) => (Some(mockroom_guide::parse(&bytes)), None),
            Err(e) => (None, Some(e)),
        };
        failed |= read_error.is_some() || parsed.as_ref().is_some_and(Parsed::has_errors);
        let summary = summary_json(&name, parsed.as_ref(), read_error.as_deref());
        if as_json {
            println!("{summary}");
            continue;
        }
        if let Some(e) = &read_error {
            println!("{name}:1:1: error: {e}");
        }
        if let Some(p) = &parsed {
            for d in &p.diagnostics {
                println!("{}", d.display(&name));
            }
        }
        let count = |key: &str| summary[key].as_array().map_or(0, Vec::len);
        let parts = parsed
            .as_ref()
            .map(|p| p.summary.one_line())
            .unwrap_or_else(|| "not read".into());
        println!(
            "{name}: {parts}; {} errors, {} warnings",
            count("errors"),
            count("warnings")
        );
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Imports guides into a team (by name or id) or as bundled packs.
pub async fn import(
    database_url: &str,
    paths: &[PathBuf],
    team: Option<&str>,
    bundled: bool,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(database_url).await?;
    let team_id = match (team, bundled) {
        (Some(_), true) | (None, false) => anyhow::bail!("name a team with --team, or use --bundled"),
        (None, true) => None,
        (Some(team), false) => Some(
            crate::admin::resolve_team(&store, team)
                .await?
                .with_context(|| format!("no team is named `{team}`"))?,
        ),
    };
    let mut failed = false;
    for file in expand(paths)? {
        let name = file.display().to_string();
        let bytes = match read(&file) {
            Ok(bytes) => bytes,
            Err(e) => {
                println!("{name}:1:1: error: {e}");
                failed = true;
                continue;
            }
        };
        let report = import_guide(Some(&store), team_id, &name, &bytes, None).await?;
        for d in &report.parsed.diagnostics {
            println!("{}", d.display(&name));
        }
        match report.imported {
            Some(i) => println!(
                "{name}: {} ({}), {}",
                report.parsed.guide.title,
                report.parsed.summary.one_line(),
                if i.created {
                    "imported as a new version"
                } else {
                    "unchanged"
                }
            ),
            None => {
                failed = true;
                println!("{name}: not imported (errors above)");
            }
        }
    }
    store.close().await;
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
