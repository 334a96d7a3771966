//! The packs in `content/`, embedded in the binary and imported at start-up
//! as bundled packs (visible to every team). Unchanged packs cost one query.

use rust_embed::RustEmbed;

use super::import::import_guide;
use crate::store::Store;

#[derive(RustEmbed)]
#[folder = "../content"]
#[include = "*.md"]
#[exclude = "README.md"]
struct Packs;

/// `(file name, bytes)` of every bundled pack.
pub fn packs() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = Packs::iter()
        .filter_map(|name| Packs::get(&name).map(|f| (name.to_string(), f.data.into_owned())))
        .collect();
    out.sort();
    out
}

/// Imports every bundled pack; a pack with errors is logged and skipped.
pub async fn load(store: &Store) -> anyhow::Result<()> {
    let mut created = 0;
    for (name, bytes) in packs() {
        let report = import_guide(Some(store), None, &name, &bytes, None).await?;
        match report.imported {
            Some(imported) if imported.created => created += 1,
            Some(_) => {}
            None => {
                for d in report
                    .parsed
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == mockroom_guide::Severity::Error)
                {
                    tracing::error!("bundled pack {}", d.display(&name));
                }
            }
        }
    }
    if created > 0 {
        tracing::info!(packs = created, "loaded bundled question packs");
    }
    Ok(())
}
