//! `mockroom demo` (and `mockroom serve --demo`): a clearly labelled demo
//! team with six weeks of realistic history, so that a fresh install shows
//! real figures on every screen: past live interviews with panels, scores,
//! notes and recommendations, calibration drills, and a candidate's
//! practice mocks and review cards. Everything is written through the
//! room's rules into the same event logs and tables real use fills
//! (`script.rs`), from a fixed seed, so every screen reads it as real data.
//!
//! Idempotent: the demo owner's account marks the demo as made, so a
//! second run (or a second instance starting with `--demo` at the same
//! time) adds nothing and says so.

mod interviews;
mod people;
mod practice;
mod questions;
mod rng;
mod script;

use anyhow::bail;
use chrono::Utc;
use mockroom_api::Role;

use crate::store::Store;
pub use people::PASSWORD;

/// The demo team's name: no one mistakes it for a real team.
pub const TEAM_NAME: &str = "Demo team (sample data)";

/// The seed of every draw: the same demo everywhere.
const SEED: u64 = 20_241_201;

/// What a run did.
pub enum Outcome {
    Created {
        interviews: usize,
        drills: usize,
        mocks: usize,
        cards: i64,
    },
    AlreadyThere,
}

/// Creates the demo in `store` unless it is there already. The bundled
/// packs must be loaded (their questions are the ones asked).
pub async fn create(store: &Store) -> anyhow::Result<Outcome> {
    let team = match people::register(store, TEAM_NAME).await? {
        people::Start::Created(team) => team,
        people::Start::OwnerExists => return existing(store).await,
    };
    let now = Utc::now();
    let mut rng = rng::Rng::new(SEED);
    let written = interviews::interviews(store, &team, now, &mut rng).await?;
    let drills = interviews::drills(store, &team, &written, &mut rng).await?;
    let practised = practice::practise(store, &team, now, &mut rng).await?;
    Ok(Outcome::Created {
        interviews: written.len(),
        drills,
        mocks: practised.mocks,
        cards: practised.cards,
    })
}

/// The owner's address is taken: fine if it owns the demo team, an error
/// if someone registered it for something else.
async fn existing(store: &Store) -> anyhow::Result<Outcome> {
    let owner = store.user_by_email(people::OWNER.email).await?;
    let owns_demo = match owner {
        Some(user) => store
            .memberships(user.id)
            .await?
            .iter()
            .any(|m| m.team.name == TEAM_NAME && m.role == Role::Owner),
        None => false,
    };
    if !owns_demo {
        bail!(
            "{} is an account outside the demo team, so the demo cannot be made in this database",
            people::OWNER.email
        );
    }
    Ok(Outcome::AlreadyThere)
}

/// `mockroom demo`: loads the bundled packs, creates the demo and prints
/// what it made and how to sign in.
pub async fn run(database_url: &str) -> anyhow::Result<()> {
    let store = Store::open(database_url).await?;
    let outcome = async {
        crate::content::bundled::load(&store).await?;
        create(&store).await
    }
    .await;
    store.close().await;
    print!("{}", report(&outcome?));
    Ok(())
}

/// What a run prints: what was made, and the accounts.
pub fn report(outcome: &Outcome) -> String {
    let mut out = match outcome {
        Outcome::Created {
            interviews,
            drills,
            mocks,
            cards,
        } => format!(
            "Created the demo team \"{TEAM_NAME}\": {interviews} past interviews with panels and scores, \
             {drills} calibration drills, {mocks} practice mocks and {cards} review cards over the last six weeks.\n"
        ),
        Outcome::AlreadyThere => format!("The demo team \"{TEAM_NAME}\" exists already: nothing was added.\n"),
    };
    out.push_str(&format!("Demo accounts (password for all: {PASSWORD}):\n"));
    for person in people::everyone() {
        let what = match person.role {
            Role::Owner => "owner: the calibration dashboard and every session",
            Role::Admin => "admin",
            Role::Interviewer => "interviewer",
            Role::Candidate => "candidate: practice history and reviews",
        };
        out.push_str(&format!("  {:<28} {:<14} {what}\n", person.email, person.name));
    }
    out.push_str("These passwords are public: keep the demo on an install only you can reach.\n");
    out
}
