//! Every score in long format (one row per score), readable as is by R's
//! `read.csv` and pandas' `read_csv`: a header row, RFC 4180 quoting, ISO
//! 8601 timestamps, empty fields for missing values.

use mockroom_api::CalibrationQuery;

use super::dataset::Dataset;
use super::report::filtered;

pub const HEADER: &str = "session,candidate,question_id,question,pack,pack_version,dimension,interviewer_id,interviewer,score,stages_revealed,timestamp,source";

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `session` is the performance scored: a drill's scores carry the session it replays.
pub fn ratings_csv(data: &Dataset, query: &CalibrationQuery) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for r in filtered(data, query) {
        let q = data.questions.get(&r.question_id);
        let dimension = q
            .and_then(|q| q.dimensions.get(r.dimension))
            .map(|(name, _)| name.as_str())
            .unwrap_or_default();
        let row = [
            r.performance.to_string(),
            field(&r.candidate),
            r.question_id.to_string(),
            field(q.map(|q| q.summary.title.as_str()).unwrap_or_default()),
            field(q.map(|q| q.summary.pack_title.as_str()).unwrap_or_default()),
            q.map(|q| q.summary.version_id.to_string()).unwrap_or_default(),
            field(dimension),
            r.interviewer_id.to_string(),
            field(&r.interviewer),
            r.level.to_string(),
            r.stages_revealed.to_string(),
            r.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            r.source.as_str().to_owned(),
        ];
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}
