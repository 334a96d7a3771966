//! A candidate's practice history: every attempt with time used,
//! self-scores and quick-check accuracy; progress per category as charts;
//! export of one's data and deletion of the account.

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{AttemptSummary, DeleteAccountRequest, PracticeHistory, ProgressPoint, QuestionOutcome};

use crate::api;
use crate::components::{navigator, DownloadLink, ErrorMessage, Loaded, PercentChart, Series};
use crate::reactive::{effect, Derived};
use crate::remote::{Load, Mutation};
use crate::session::use_session;

fn outcome_text(o: QuestionOutcome) -> &'static str {
    match o {
        QuestionOutcome::NotStarted => "not started",
        QuestionOutcome::InProgress => "in progress",
        QuestionOutcome::OnTime => "on time",
        QuestionOutcome::Late => "late",
        QuestionOutcome::TimedOut => "timed out",
    }
}

fn duration(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

fn pct(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{}%", crate::text::fixed(v, 0)))
}

/// x labels (attempt dates, oldest first) and one series per category.
/// The server sends the attempts newest first, so they are read backwards
/// rather than sorted (a sort by date was two copies of the standard
/// library's stable sort in the practice pages, one per `pick`, which is a
/// plain function for the same reason).
fn chart_data(h: &PracticeHistory, pick: fn(&ProgressPoint) -> Option<f64>) -> (Vec<String>, Vec<Series>) {
    let oldest_first: Vec<&AttemptSummary> = h.attempts.iter().rev().collect();
    let labels = oldest_first
        .iter()
        .enumerate()
        .map(|(i, a)| format!("#{} {}", i + 1, crate::text::month_day(&a.started_at)))
        .collect();
    let series = h
        .progress
        .iter()
        .map(|c| Series {
            name: c.category.clone(),
            values: oldest_first
                .iter()
                .map(|a| c.points.iter().find(|p| p.attempt_id == a.id).and_then(pick))
                .collect(),
        })
        .filter(|s| s.values.iter().any(Option::is_some))
        .collect();
    (labels, series)
}

#[component]
pub fn History() -> impl IntoView {
    let history = Load::new(api::practice_history);
    view! {
        <section class="card">
            <h1>"Your practice history"</h1>
            <p class="muted"><A href="/practice">"New mock"</A>" · "<A href="/practice/reviews">"Reviews due"</A></p>
            <Loaded>
            {move || history.get().map(|h| h.map(|h| if h.attempts.is_empty() {
                view! { <p>"No attempts yet. "<A href="/practice">"Start a practice mock"</A>"."</p> }.into_any()
            } else {
                let (labels, self_series) = chart_data(&h, |p| p.self_score_pct);
                let (_, check_series) = chart_data(&h, |p| p.quick_check_pct);
                view! {
                    <h2>"Progress by category"</h2>
                    <PercentChart id="self-score-chart" title="Self-score by category (mean of level ÷ top level)".into() labels=labels.clone() series=self_series/>
                    <PercentChart id="quick-check-chart" title="Quick checks answered correctly, by category".into() labels=labels series=check_series/>
                    <h2>"Attempts"</h2>
                    <table data-testid="attempts">
                        <thead><tr>
                            <th scope="col">"Started"</th><th scope="col">"Questions"</th><th scope="col">"Time used"</th>
                            <th scope="col">"Self-score"</th><th scope="col">"Quick checks"</th><th scope="col"><span class="visually-hidden">"Open"</span></th>
                        </tr></thead>
                        <tbody>
                            {h.attempts.iter().map(|a| view! {
                                <tr>
                                    <td>{crate::text::date_minutes(&a.started_at)}{(!a.finished).then_some(" (not finished)")}</td>
                                    <td>
                                        <ul class="plain">
                                            {a.questions.iter().map(|q| view! {
                                                <li>{format!("{} · {} · {}{}", q.title, q.category, outcome_text(q.outcome),
                                                    q.time_used_ms.map(|ms| format!(" · {} of {}", duration(ms), duration(q.time_limit_secs * 1000))).unwrap_or_default())}</li>
                                            }).collect_view()}
                                        </ul>
                                    </td>
                                    <td>{duration(a.time_used_ms)}</td>
                                    <td>{pct(a.self_score_pct)}</td>
                                    <td>{format!("{} of {}", a.quick_checks_correct, a.quick_checks_answered)}</td>
                                    <td><A href=format!("/practice/{}", a.id)>"Open"</A></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }))}
            </Loaded>
        </section>
        <YourData/>
    }
}

/// Export and account deletion.
#[component]
fn YourData() -> impl IntoView {
    let session = use_session();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(false);
    let navigate = navigator();
    let delete_account = Mutation::new(|req: DeleteAccountRequest| async move { api::delete_account(&req).await });
    effect(move || {
        if let Some(Ok(())) = delete_account.value() {
            session.set(None);
            navigate("/login");
        }
    });
    let error = Derived::new(move || delete_account.value().and_then(Result::err).map(|e| e.message));
    let delete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        delete_account.dispatch(DeleteAccountRequest {
            password: password.get_untracked(),
        });
    };
    view! {
        <section class="card">
            <h2>"Your data"</h2>
            <p>"Download everything Mockroom keeps about you: "
                <DownloadLink href=api::export_url("json") filename="mockroom-export.json" testid="export-json">"JSON"</DownloadLink>" · "
                <DownloadLink href=api::export_url("csv") filename="mockroom-practice.csv" testid="export-csv">"CSV (one row per question of each attempt)"</DownloadLink></p>
            <form on:submit=delete class="danger-zone">
                <h3>"Delete my account"</h3>
                <p>"This deletes your account, your practice attempts, your review schedule, and any team where you are the only member. It cannot be undone."</p>
                <ErrorMessage error=error/>
                <div class="field">
                    <label for="delete-password">"Your password"</label>
                    <input id="delete-password" type="password" autocomplete="current-password" required
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                </div>
                <label class="check"><input type="checkbox" on:change=move |ev| confirm.set(event_target_checked(&ev))/>" I understand this is permanent"</label>
                <button type="submit" class="danger" disabled=move || !confirm.get() || delete_account.pending()>"Delete my account"</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use mockroom_api::CategoryProgress;
    use uuid::Uuid;

    fn attempt(id: Uuid, day: u32) -> AttemptSummary {
        AttemptSummary {
            id,
            started_at: Utc.with_ymd_and_hms(2026, 12, day, 9, 0, 0).unwrap(),
            finished: true,
            questions: vec![],
            time_used_ms: 0,
            self_score_pct: None,
            quick_checks_answered: 0,
            quick_checks_correct: 0,
        }
    }

    fn point(attempt_id: Uuid, self_score_pct: Option<f64>) -> ProgressPoint {
        ProgressPoint {
            attempt_id,
            at: Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(),
            self_score_pct,
            quick_check_pct: None,
        }
    }

    #[test]
    fn charts_read_the_newest_first_attempts_oldest_first() {
        let (first, second, third) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let history = PracticeHistory {
            // As the server sends them: newest first.
            attempts: vec![attempt(third, 3), attempt(second, 2), attempt(first, 1)],
            progress: vec![
                CategoryProgress {
                    category: "kubernetes".into(),
                    points: vec![point(first, Some(40.0)), point(third, Some(90.0))],
                },
                CategoryProgress {
                    category: "no self-scores".into(),
                    points: vec![point(second, None)],
                },
            ],
        };
        let (labels, series) = chart_data(&history, |p| p.self_score_pct);
        assert_eq!(labels, ["#1 12-01", "#2 12-02", "#3 12-03"]);
        assert_eq!(series.len(), 1, "a category without a figure is left out");
        assert_eq!(series[0].name, "kubernetes");
        assert_eq!(series[0].values, [Some(40.0), None, Some(90.0)]);
    }
}
