//! The signed-out home page: what Mockroom is, for whom, and how to start.
//! Static on purpose: a first visit costs no API call beyond the session check.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Landing() -> impl IntoView {
    view! {
        <div class="landing" data-testid="landing">
            <section class="hero" aria-labelledby="landing-title">
                <div>
                    <p class="eyebrow">"Open source · self-hosted"</p>
                    <h1 id="landing-title">"Mock interviews on your own server"</h1>
                    <p class="lead">
                        "Mockroom is a room for technical interviews and interview practice. "
                        "The interviewer reveals each question one stage at a time, candidates "
                        "practise alone against the clock, and hiring teams see whether their "
                        "interviewers score alike."
                    </p>
                    <div class="actions">
                        <A href="/register" attr:class="button">"Create an account"</A>
                        <A href="/login" attr:class="button secondary">"Sign in"</A>
                    </div>
                    <p class="small muted">
                        "Candidates need no account: the link from their interviewer is enough."
                    </p>
                </div>
                <RoomSketch/>
            </section>

            <section aria-labelledby="what-title">
                <h2 id="what-title">"What it does"</h2>
                <div class="features">
                    <article class="feature">
                        <h3>"Live rooms, one stage at a time"</h3>
                        <p>
                            "Open the scenario, then the challenge, then hints and model answers "
                            "when the moment is right. The candidate's browser only ever receives "
                            "what has been revealed, so nothing can be read ahead. Panelists score "
                            "on a shared rubric; every interview leaves a scorecard and a replay."
                        </p>
                    </article>
                    <article class="feature">
                        <h3>"Practice that sticks"</h3>
                        <p>
                            "Timed mocks drawn from the question library, with the server keeping "
                            "the clock. Candidates score themselves against the rubric, follow "
                            "their progress per topic, and get quick checks back on a "
                            "spaced-repetition schedule until they stick."
                        </p>
                    </article>
                    <article class="feature">
                        <h3>"Calibration for hiring teams"</h3>
                        <p>
                            "Agreement between interviewers (Krippendorff's alpha, ICC, weighted "
                            "kappa) with confidence intervals, leniency per interviewer, and drills "
                            "in which the panel scores a recorded interview again."
                        </p>
                    </article>
                </div>
            </section>

            <section aria-labelledby="who-title">
                <h2 id="who-title">"Who it is for"</h2>
                <ul class="audiences">
                    <li>
                        <h3>"Recruiters"</h3>
                        <p>"Set up a session in a minute, send the candidate a link, and collect one scorecard with every interviewer's scores, notes and recommendation."</p>
                    </li>
                    <li>
                        <h3>"Interviewers"</h3>
                        <p>"Reveal the question at your pace, watch the answer as it is typed, and score on levels that describe what you should see."</p>
                    </li>
                    <li>
                        <h3>"Candidates"</h3>
                        <p>"Join an interview through its link, or practise on your own with timed mocks and reviews that come back when you are about to forget."</p>
                    </li>
                    <li>
                        <h3>"Hiring teams"</h3>
                        <p>"Learn whether your panel agrees, who scores high or low, and which quick checks tell strong answers from weak ones."</p>
                    </li>
                </ul>
            </section>

            <section aria-labelledby="start-title">
                <h2 id="start-title">"How to start"</h2>
                <ol class="steps">
                    <li>
                        <span>
                            <A href="/register">"Create an account"</A>
                            ". The first account of a new install owns its first team; everyone "
                            "after that joins through an invite link. Already in? "
                            <A href="/login">"Sign in"</A>"."
                        </span>
                    </li>
                    <li>
                        <span>
                            "Pick questions from the bundled packs (Kubernetes, PostgreSQL, "
                            "distributed systems, incident response) or upload your own guide "
                            "written in Markdown."
                        </span>
                    </li>
                    <li>
                        <span>
                            "Create a session and send the candidate its link. Scorecards, "
                            "replays and calibration fill in as you interview."
                        </span>
                    </li>
                </ol>
                <aside class="self-host" aria-labelledby="demo-title">
                    <h3 id="demo-title">"Running your own install?"</h3>
                    <p>
                        "Run " <code>"mockroom demo"</code> " (or start with "
                        <code>"scripts/start --demo"</code> ") to add a labelled demo team with "
                        "six weeks of interviews, scores and practice, so every screen has "
                        "something to show. It prints the demo accounts; their password is "
                        "public, so keep the demo on a machine only you can reach."
                    </p>
                </aside>
            </section>
        </div>
    }
}

/// A small picture of a live room: the interviewer's stages and what the
/// candidate sees of them. Real text, so screen readers get the idea too.
#[component]
fn RoomSketch() -> impl IntoView {
    view! {
        <figure class="room-sketch" aria-labelledby="sketch-caption">
            <div class="sketch-pane">
                <h3>"Interviewer"</h3>
                <ol class="sketch-stages">
                    <li>"The Scenario" <span class="pill shown">"revealed"</span></li>
                    <li>"The Challenge" <span class="pill shown">"revealed"</span></li>
                    <li>"Step 1" <span class="pill next">"next"</span></li>
                    <li>"Model answer" <span class="pill hidden">"hidden"</span></li>
                </ol>
            </div>
            <div class="sketch-pane">
                <h3>"Candidate"</h3>
                <div class="sketch-block">
                    <strong>"The Scenario"</strong>
                    <span class="sketch-line" aria-hidden="true"></span>
                    <span class="sketch-line short" aria-hidden="true"></span>
                </div>
                <div class="sketch-block">
                    <strong>"The Challenge"</strong>
                    <span class="sketch-line" aria-hidden="true"></span>
                </div>
                <p class="sketch-wait">"Waiting for the next stage…"</p>
            </div>
            <figcaption id="sketch-caption">
                "The candidate sees only what the interviewer has revealed."
            </figcaption>
        </figure>
    }
}
