//! Who is in the demo team: an owner and three interviewers who score with
//! different habits (so calibration has something to find), and a
//! candidate who practises. Their password is public: it is printed and
//! in the README.

use anyhow::Context;
use mockroom_api::{Role, RoomRole};
use uuid::Uuid;

use crate::auth::Hasher;
use crate::room::event::Actor;
use crate::store::{NewUser, Registration, Store};

/// Every demo account's password.
pub const PASSWORD: &str = "mockroom-demo";

pub struct Person {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    /// How far above the panel's consensus this person scores, in levels,
    /// on average: the habit calibration should bring to light.
    pub leniency: f64,
}

pub static OWNER: Person = Person {
    email: "demo-owner@example.com",
    name: "Maya Chen",
    role: Role::Owner,
    leniency: 0.0,
};

/// The panel, the owner first: each interview is led by one of them.
pub static INTERVIEWERS: [Person; 3] = [
    Person {
        email: "demo-tomas@example.com",
        name: "Tomás Rivera",
        role: Role::Interviewer,
        leniency: 0.8,
    },
    Person {
        email: "demo-priya@example.com",
        name: "Priya Nair",
        role: Role::Interviewer,
        leniency: 0.1,
    },
    Person {
        email: "demo-jonas@example.com",
        name: "Jonas Berg",
        role: Role::Admin,
        leniency: -0.4,
    },
];

pub static CANDIDATE: Person = Person {
    email: "demo-candidate@example.com",
    name: "Sam Taylor",
    role: Role::Candidate,
    leniency: 0.0,
};

/// Everyone, in the order they are printed.
pub fn everyone() -> Vec<&'static Person> {
    let mut out = vec![&OWNER];
    out.extend(INTERVIEWERS.iter());
    out.push(&CANDIDATE);
    out
}

/// A demo account as stored.
#[derive(Clone, Copy)]
pub struct Member {
    pub id: Uuid,
    pub person: &'static Person,
}

impl Member {
    /// This person in a room, in `role`.
    pub fn actor(&self, role: RoomRole) -> Actor {
        Actor::Member {
            user_id: self.id,
            name: self.person.name.to_owned(),
            role,
        }
    }
}

/// The demo team's people once registered.
pub struct Team {
    pub id: Uuid,
    /// The owner, then the interviewers.
    pub panel: Vec<Member>,
    pub candidate: Member,
}

/// Why the demo could not begin.
pub enum Start {
    Created(Team),
    /// The owner's account exists already: the demo was made before (or is
    /// being made by another process right now).
    OwnerExists,
}

/// Creates the demo team with its owner (one transaction, so two runs at
/// once make one team), then the other accounts.
pub async fn register(store: &Store, team_name: &str) -> anyhow::Result<Start> {
    // One hash at a time: a one-thread pool, gone when this returns.
    let hasher = Hasher::start(1, 1)?;
    let hash = || async { anyhow::Ok(hasher.hash(PASSWORD.to_owned())?.await?) };
    let owner = match store
        .register(
            NewUser {
                email: OWNER.email,
                display_name: OWNER.name,
                password_hash: &hash().await?,
            },
            Registration::DemoOwner { team_name },
        )
        .await
    {
        Ok((user, team_id)) => (user.id, team_id),
        Err(crate::store::users::RegisterError::EmailTaken) => return Ok(Start::OwnerExists),
        Err(e) => return Err(e.into()),
    };
    let (owner_id, team_id) = owner;
    let mut panel = vec![Member {
        id: owner_id,
        person: &OWNER,
    }];
    let mut candidate = None;
    for person in INTERVIEWERS.iter().chain([&CANDIDATE]) {
        let (user, _) = store
            .register(
                NewUser {
                    email: person.email,
                    display_name: person.name,
                    password_hash: &hash().await?,
                },
                Registration::DemoMember {
                    team_id,
                    role: person.role,
                },
            )
            .await
            .with_context(|| format!("cannot create the demo account {}", person.email))?;
        let member = Member { id: user.id, person };
        if person.role == Role::Candidate {
            candidate = Some(member);
        } else {
            panel.push(member);
        }
    }
    Ok(Start::Created(Team {
        id: team_id,
        panel,
        candidate: candidate.context("the demo has no candidate")?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DisplayName, EmailAddress, Password, TeamName};

    /// The demo registers its accounts without the API: they must pass the API's checks all the same.
    #[test]
    fn the_demo_accounts_would_pass_registration() {
        assert!(Password::parse(PASSWORD.to_owned()).is_ok());
        assert!(TeamName::parse(super::super::TEAM_NAME).is_ok());
        for person in everyone() {
            let email = EmailAddress::parse(person.email).ok().map(|e| e.as_str().to_owned());
            assert_eq!(email.as_deref(), Some(person.email), "{}", person.email);
            assert!(DisplayName::parse(person.name).is_ok(), "{}", person.name);
        }
    }
}
