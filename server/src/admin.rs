//! Administrative commands run from the CLI against the database directly.

use std::io::{BufRead, IsTerminal};

use anyhow::{bail, Context};
use mockroom_api::Role;
use uuid::Uuid;

use crate::auth::Hasher;
use crate::domain::{DisplayName, EmailAddress, Password, TeamName};
use crate::store::{NewTeam, NewUser, Registration, Store};

/// `mockroom user create --team T --role R EMAIL`: the password comes from
/// standard input (first line) or, on a terminal, from a prompt.
pub async fn create_user(
    database_url: &str,
    team: &str,
    role: &str,
    name: Option<&str>,
    email: &str,
) -> anyhow::Result<()> {
    let role =
        Role::parse(role).with_context(|| format!("unknown role `{role}`: owner, admin, interviewer or candidate"))?;
    let email = EmailAddress::parse(email)?;
    let default_name = email.as_str().split('@').next().unwrap_or("user").to_owned();
    let display_name = DisplayName::parse(name.unwrap_or(&default_name))?;
    let password = Password::parse(read_password()?)?;

    let store = Store::open(database_url).await?;
    let team_id = match resolve_team(&store, team).await? {
        Some(id) => id,
        None => {
            let created = store
                .create_team(NewTeam {
                    name: TeamName::parse(team)?.as_str(),
                })
                .await?;
            eprintln!("created team `{}` ({})", created.name, created.id);
            created.id
        }
    };
    // One hash: a one-thread pool, gone when this function returns.
    let password_hash = Hasher::start(1, 1)?.hash(password.expose().to_owned())?.await?;
    let (user, _) = store
        .register(
            NewUser {
                email: email.as_str(),
                display_name: display_name.as_str(),
                password_hash: &password_hash,
            },
            Registration::JoinTeam { team_id, role },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    store.close().await;
    println!("created {} ({}) as {role} of team {team_id}", user.email, user.id);
    Ok(())
}

/// A team named by id or by exact name: `Ok(None)` when no team has that
/// name; an error for an unknown id or a name several teams share.
pub async fn resolve_team(store: &Store, team: &str) -> anyhow::Result<Option<Uuid>> {
    if let Ok(id) = Uuid::parse_str(team) {
        let found = store.team(id).await?.with_context(|| format!("no team with id {id}"))?;
        return Ok(Some(found.id));
    }
    match store.teams_named(team).await?.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.id)),
        _ => bail!("several teams are named `{team}`: pass the team id instead"),
    }
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Repeat password: ")?;
        if first != again {
            bail!("the passwords do not match");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
