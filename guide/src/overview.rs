//! The `## Questions Overview` table: `| # | Question | Type | Category |`.

use crate::component::decode_entities;
use crate::lines::Line;
use crate::OverviewRow;

pub fn parse(body: &[Line<'_>]) -> Vec<OverviewRow> {
    body.iter()
        .filter(|l| !l.code && l.text.trim_start().starts_with('|'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.text.trim().trim_matches('|').split('|').map(str::trim).collect();
            let number = cells.first()?.parse().ok()?;
            Some(OverviewRow {
                number,
                question: decode_entities(cells.get(1).copied().unwrap_or("")),
                kind: decode_entities(cells.get(2).copied().unwrap_or("")),
                category: decode_entities(cells.get(3).copied().unwrap_or("")),
            })
        })
        .collect()
}
