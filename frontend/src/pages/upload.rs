//! Guide upload on the library page. Importing always checks first: the
//! summary of what the guide gives the library (and what it leaves out, line
//! by line) is on screen before the import is confirmed.

use leptos::prelude::*;
use mockroom_api::{ContentDiagnostic, ImportPackRequest, ImportPackResponse, ImportSummary, PartCounts};
use uuid::Uuid;

use crate::api;
use crate::components::{ErrorMessage, When};
use crate::reactive::{effect, State};
use crate::remote::Mutation;
use crate::text::count;

/// What the last check said about the chosen file.
#[derive(Clone)]
struct Checked {
    /// The file name, so that choosing another file asks for a new check.
    file: String,
    summary: ImportSummary,
    questions: usize,
}

#[component]
pub fn Upload(team: impl Fn() -> Option<Uuid> + Copy + Send + Sync + 'static, imported: Callback<()>) -> impl IntoView {
    let diagnostics = State::new(Vec::<ContentDiagnostic>::new());
    let outcome = State::new(None::<String>);
    let error = State::new(None::<String>);
    let checked = State::new(None::<Checked>);
    let file_input = NodeRef::<leptos::html::Input>::new();

    // `true`: the summary was shown for this file, store it now; `false`:
    // only check it. Answers the file's name, what was asked and the
    // server's report, or what went wrong with the lines it concerns.
    let upload = Mutation::new(move |confirm: bool| {
        let (team, file) = untrack(|| (team(), file_input.get().and_then(|i| i.files()).and_then(|f| f.get(0))));
        async move {
            let (Some(team), Some(file)) = (team, file) else {
                return Err(("Choose a Markdown file first.".to_owned(), Vec::new()));
            };
            let name = file.name();
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .map_err(|_| ("The file could not be read.".to_owned(), Vec::new()))?
                .as_string()
                .unwrap_or_default();
            let req = ImportPackRequest {
                filename: name.clone(),
                markdown: text,
                dry_run: !confirm,
            };
            let report = api::import_pack(team, &req)
                .await
                .map_err(|(e, lines)| (e.message, lines))?;
            Ok((name, confirm, report))
        }
    });
    effect(move || match upload.value() {
        Some(Ok((file, confirm, report))) => {
            diagnostics.set(report.diagnostics.clone());
            outcome.set(Some(message(confirm, &report)));
            checked.set((!confirm).then_some(Checked {
                file,
                summary: report.summary,
                questions: report.questions,
            }));
            if confirm {
                imported.run(());
            }
        }
        Some(Err((message, lines))) => {
            checked.set(None);
            diagnostics.set(lines);
            error.set(Some(message));
        }
        None => {}
    });
    let busy = move || upload.pending();
    let send = move |confirm: bool| {
        error.set(None);
        outcome.set(None);
        upload.dispatch(confirm);
    };

    view! {
        <section class="card">
            <h2>"Import a guide"</h2>
            <p class="muted">"A Markdown interview guide (see content/README.md). Importing the same file name again makes a new version."</p>
            <div class="inline">
                <div class="field">
                    <label for="guide-file">"Guide file"</label>
                    <input id="guide-file" type="file" accept=".md,text/markdown" node_ref=file_input
                        on:change=move |_| { checked.set(None); outcome.set(None); diagnostics.set(Vec::new()); }/>
                </div>
                <button type="button" disabled=busy on:click=move |_| send(false)>"Check"</button>
            </div>
            <ErrorMessage error=error/>
            {move || outcome.get().map(|o| view! { <p class="notice" role="status">{o}</p> })}
            {move || checked.get().map(|c| view! {
                <SummaryView summary=c.summary.clone()/>
                <p>
                    <button type="button" disabled=busy on:click=move |_| send(true)>
                        {format!("Import {} from {}", count(c.questions, "question", "questions"), c.file)}
                    </button>
                </p>
            })}
            <When when=move || diagnostics.with(|d| !d.is_empty())>
                <ul class="diagnostics" data-testid="diagnostics">
                    {move || diagnostics.get().into_iter().map(|d| view! {
                        <li class=d.severity.clone()>{format!("line {}, column {}: {}: {}", d.line, d.col, d.severity, d.message)}</li>
                    }).collect_view()}
                </ul>
            </When>
        </section>
    }
}

fn message(confirmed: bool, r: &ImportPackResponse) -> String {
    match (confirmed, r.created_version) {
        (false, _) => format!(
            "No errors: {} would be imported. Check the summary, then import.",
            count(r.questions, "question", "questions")
        ),
        (true, true) => format!(
            "Imported {} as a new version.",
            count(r.questions, "question", "questions")
        ),
        (true, false) => "Unchanged: this exact file was imported before.".into(),
    }
}

/// Imported and skipped parts by kind, then every skipped part with its line.
#[component]
fn SummaryView(summary: ImportSummary) -> impl IntoView {
    let rows = |c: &PartCounts| {
        [
            ("Questions", c.questions),
            ("Walkthrough sections", c.sections),
            ("Quick checks", c.quick_checks),
            ("Junior/senior answer pairs", c.junior_senior),
            ("Code exercises", c.code_exercises),
        ]
    };
    let imported = rows(&summary.imported);
    let skipped = rows(&summary.skipped);
    let nothing_skipped = summary.skipped_parts.is_empty();
    view! {
        <table class="import-summary" data-testid="import-summary">
            <caption>"What this guide gives the library"</caption>
            <thead>
                <tr><th scope="col">"Part"</th><th scope="col">"Imported"</th><th scope="col">"Left out"</th></tr>
            </thead>
            <tbody>
                {imported.into_iter().zip(skipped).map(|((label, kept), (_, left))| view! {
                    <tr class:left-out={left > 0}>
                        <th scope="row">{label}</th><td>{kept}</td><td>{left}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {if nothing_skipped {
            view! { <p class="muted">"Nothing in the file is left out."</p> }.into_any()
        } else {
            view! {
                <ul class="skipped-parts" data-testid="skipped-parts">
                    {summary.skipped_parts.into_iter().map(|p| view! {
                        <li>{format!("line {}: {} — {}", p.line, part_name(&p.kind), p.title)}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

fn part_name(kind: &str) -> &'static str {
    match kind {
        "section" => "section outside every question",
        "quick_check" => "quick check",
        "junior_senior" => "junior/senior pair",
        "code_exercise" => "code exercise",
        _ => "part",
    }
}
