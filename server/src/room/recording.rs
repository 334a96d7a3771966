//! A session as its log recorded it, read straight from the database: what
//! scorecards, replay, the timeline, practice history and calibration need.
//! Reading never opens a live room (nor counts as joining one).

use mockroom_api::SessionSummary;

use super::content::{ContentCache, SessionContent};
use super::log::{self, Logged};
use super::state::RoomState;
use crate::store::Store;

pub struct Recording {
    pub summary: SessionSummary,
    pub content: SessionContent,
    pub events: Vec<Logged>,
}

impl Recording {
    pub async fn read(store: &Store, cache: &ContentCache, summary: SessionSummary) -> anyhow::Result<Recording> {
        let rows = store.events(summary.id).await?;
        let events = log::decode_all(&rows)?;
        let content = cache.load(store, summary.clone()).await?;
        Ok(Recording {
            summary,
            content,
            events,
        })
    }

    /// The state after the whole log.
    pub fn state(&self) -> RoomState {
        log::fold_until(&self.content, &self.events, i64::MAX)
    }
}
