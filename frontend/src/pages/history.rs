//! A candidate's practice history: every attempt with time used,
//! self-scores and quick-check accuracy; progress per category as charts;
//! export of one's data and deletion of the account.

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{AttemptSummary, DeleteAccountRequest, PracticeHistory, QuestionOutcome};

use crate::api;
use crate::components::{navigator, DownloadLink, ErrorMessage, Loaded, PercentChart, Series};
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
    v.map_or("—".into(), |v| format!("{v:.0}%"))
}

/// x labels (attempt dates, oldest first) and one series per category.
fn chart_data(
    h: &PracticeHistory,
    pick: impl Fn(&mockroom_api::ProgressPoint) -> Option<f64>,
) -> (Vec<String>, Vec<Series>) {
    let mut attempts: Vec<&AttemptSummary> = h.attempts.iter().collect();
    attempts.sort_by_key(|a| a.started_at);
    let labels = attempts
        .iter()
        .enumerate()
        .map(|(i, a)| format!("#{} {}", i + 1, crate::text::month_day(&a.started_at)))
        .collect();
    let series = h
        .progress
        .iter()
        .map(|c| Series {
            name: c.category.clone(),
            values: attempts
                .iter()
                .map(|a| c.points.iter().find(|p| p.attempt_id == a.id).and_then(&pick))
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
    Effect::new(move |_| {
        if let Some(Ok(())) = delete_account.value() {
            session.set(None);
            navigate("/login");
        }
    });
    let error = Signal::derive(move || delete_account.value().and_then(Result::err).map(|e| e.message));
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
