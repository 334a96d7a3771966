//! The scorecard of a session: built from its stored event log, rendered as
//! a printable HTML page (askama) and as CSV. Interviewers only.

use std::collections::BTreeMap;

use askama::Template;
use chrono::{DateTime, Utc};
use mockroom_api::Recommendation;

use super::content::SessionContent;
use super::event::RoomEvent;
use super::log::Logged;
use super::state::RoomState;

pub struct StageLine {
    pub title: String,
    pub revealed_at: Option<String>,
}

pub struct CheckLine {
    pub number: usize,
    /// `B. Roll back the deploy`: options carry the guide's letters, which
    /// the explanations refer to.
    pub chosen: Option<String>,
    pub correct: String,
    pub is_correct: Option<bool>,
}

pub struct ScoreLine {
    pub interviewer: String,
    pub dimension: String,
    pub level: u8,
    /// The anchor's inline Markdown as HTML, everything else escaped.
    pub anchor_html: String,
    pub stages_revealed: usize,
}

pub struct QuestionCard {
    pub number: usize,
    pub title: String,
    pub pack: String,
    pub kind: String,
    pub category: String,
    pub limit_minutes: i64,
    pub spent: String,
    pub stages: Vec<StageLine>,
    pub checks: Vec<CheckLine>,
    pub scores: Vec<ScoreLine>,
    pub notes: Vec<(String, String)>,
    pub answer: String,
}

pub struct InterviewerLine {
    pub name: String,
    pub role: String,
    pub recommendation: String,
    pub submitted: bool,
}

#[derive(Template)]
#[template(path = "scorecard.html")]
pub struct Scorecard {
    pub candidate_name: String,
    pub started: String,
    pub questions: Vec<QuestionCard>,
    pub interviewers: Vec<InterviewerLine>,
}

/// `B. Roll back the deploy` for option `index` (`B` for 1).
fn lettered(options: &[String], index: usize) -> Option<String> {
    let text = options.get(index)?;
    let letter = u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map_or('?', |i| char::from(b'A' + i));
    Some(format!("{letter}. {text}"))
}

/// `1 stage revealed`, `3 stages revealed`.
fn stages_revealed(n: usize) -> String {
    format!("{n} stage{} revealed", if n == 1 { "" } else { "s" })
}

fn clock(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

fn minutes_seconds(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

pub fn recommendation_text(r: Option<Recommendation>) -> &'static str {
    match r {
        Some(Recommendation::StrongNo) => "strong no",
        Some(Recommendation::No) => "no",
        Some(Recommendation::Yes) => "yes",
        Some(Recommendation::StrongYes) => "strong yes",
        None => "none given",
    }
}

/// Replays the log, noting when each stage was first revealed and how long
/// each question was the current one (from the first reveal or timer start
/// to the last event).
pub fn build(content: &SessionContent, events: &[Logged], now_ms: i64) -> anyhow::Result<Scorecard> {
    let mut state = RoomState::new(content);
    let mut revealed_at: BTreeMap<(usize, usize), DateTime<Utc>> = BTreeMap::new();
    let mut spent_ms = vec![0i64; content.questions.len()];
    let mut clock_from: Option<DateTime<Utc>> = None;
    let mut current = 0usize;
    for row in events {
        let (actor, event) = (&row.actor, &row.event);
        if let Some(from) = clock_from {
            if let Some(slot) = spent_ms.get_mut(current) {
                *slot += (row.at - from).num_milliseconds();
            }
            clock_from = Some(row.at);
        }
        match event {
            RoomEvent::Revealed { question, stage } => {
                revealed_at.entry((*question, *stage)).or_insert(row.at);
                clock_from.get_or_insert(row.at);
            }
            RoomEvent::TimerStarted { .. } => {
                clock_from.get_or_insert(row.at);
            }
            RoomEvent::QuestionChanged { question } => current = *question,
            _ => {}
        }
        state.apply(row.seq, actor, event);
    }
    let interviewers: Vec<InterviewerLine> = state
        .members
        .values()
        .filter_map(|m| {
            Some(InterviewerLine {
                name: m.name.clone(),
                role: format!("{:?}", m.role?).to_lowercase(),
                recommendation: recommendation_text(m.recommendation).into(),
                submitted: m.submitted,
            })
        })
        .collect();
    let questions = content
        .questions
        .iter()
        .zip(&state.questions)
        .enumerate()
        .map(|(q, (c, s))| QuestionCard {
            number: q + 1,
            title: c.summary.title.clone(),
            pack: c.summary.pack_title.clone(),
            kind: c.summary.kind.clone(),
            category: c.summary.category.clone(),
            limit_minutes: c.time_limit_ms / 60_000,
            // A timed mock's time is the candidate's own: start to submission (or deadline).
            spent: if content.mode.is_mock() || s.started_ms.is_some() {
                match s.time_used_ms(now_ms) {
                    Some(ms) if s.late => format!("{} (late)", minutes_seconds(ms)),
                    Some(ms) => minutes_seconds(ms),
                    None if s.started_ms.is_some() => "in progress".into(),
                    None => "not started".into(),
                }
            } else {
                minutes_seconds(spent_ms.get(q).copied().unwrap_or(0))
            },
            stages: c
                .stages
                .iter()
                .enumerate()
                .map(|(i, st)| StageLine {
                    title: st.title.clone(),
                    revealed_at: revealed_at.get(&(q, i)).map(|t| clock(*t)),
                })
                .collect(),
            checks: c
                .quick_checks
                .iter()
                .enumerate()
                .map(|(i, qc)| {
                    let chosen = s.quick_checks.get(&i).copied();
                    CheckLine {
                        number: i + 1,
                        chosen: chosen.and_then(|o| lettered(&qc.options, o)),
                        correct: lettered(&qc.options, qc.correct).unwrap_or_default(),
                        is_correct: chosen.map(|o| o == qc.correct),
                    }
                })
                .collect(),
            scores: state
                .members
                .values()
                .flat_map(|m| {
                    m.scores
                        .iter()
                        .filter(|((sq, _), _)| *sq == q)
                        .map(move |((_, d), (level, revealed))| {
                            let dim = c.rubric.dimensions.get(*d);
                            let anchor = dim
                                .and_then(|d| d.levels.get(usize::from(*level).saturating_sub(1)))
                                .cloned()
                                .unwrap_or_default();
                            ScoreLine {
                                interviewer: m.name.clone(),
                                dimension: dim.map(|d| d.name.clone()).unwrap_or_default(),
                                level: *level,
                                anchor_html: mockroom_api::inline_markdown::to_html(&anchor),
                                stages_revealed: revealed.len(),
                            }
                        })
                })
                .collect(),
            notes: state
                .members
                .values()
                .filter_map(|m| {
                    m.notes
                        .get(&q)
                        .filter(|n| !n.trim().is_empty())
                        .map(|n| (m.name.clone(), n.clone()))
                })
                .collect(),
            answer: s.answer.clone(),
        })
        .collect();
    Ok(Scorecard {
        candidate_name: content.candidate_name.clone(),
        started: events
            .first()
            .map(|e| clock(e.at))
            .unwrap_or_else(|| "not started".into()),
        questions,
        interviewers,
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The same data in long format: one row per stage, quick check, score,
/// note and recommendation.
pub fn csv(card: &Scorecard) -> String {
    let mut out = String::from("record,question,question_title,item,interviewer,value,detail\n");
    let mut row = |fields: [&str; 7]| {
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    };
    for q in &card.questions {
        let n = q.number.to_string();
        row([
            "time",
            &n,
            &q.title,
            "time spent",
            "",
            &q.spent,
            &format!("limit {} min", q.limit_minutes),
        ]);
        for s in &q.stages {
            row([
                "stage",
                &n,
                &q.title,
                &s.title,
                "",
                s.revealed_at.as_deref().unwrap_or("not revealed"),
                "",
            ]);
        }
        for c in &q.checks {
            let verdict = match c.is_correct {
                Some(true) => "correct",
                Some(false) => "wrong",
                None => "not answered",
            };
            row([
                "quick_check",
                &n,
                &q.title,
                &format!("quick check {}", c.number),
                "",
                verdict,
                c.chosen.as_deref().unwrap_or(""),
            ]);
        }
        for s in &q.scores {
            row([
                "score",
                &n,
                &q.title,
                &s.dimension,
                &s.interviewer,
                &s.level.to_string(),
                &stages_revealed(s.stages_revealed),
            ]);
        }
        for (who, note) in &q.notes {
            row(["note", &n, &q.title, "", who, note, ""]);
        }
    }
    for i in &card.interviewers {
        row([
            "recommendation",
            "",
            "",
            "",
            &i.name,
            &i.recommendation,
            if i.submitted { "submitted" } else { "not submitted" },
        ]);
    }
    out
}
