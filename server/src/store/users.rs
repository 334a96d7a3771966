use chrono::{DateTime, Utc};
use mockroom_api::Role;
use sqlx::FromRow;
use uuid::Uuid;

use super::{on_pool, BeginWrite, Store};

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

impl UserRow {
    pub fn to_api(&self) -> mockroom_api::User {
        mockroom_api::User {
            id: self.id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            created_at: self.created_at,
        }
    }
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
}

/// Where a new account lands.
pub enum Registration<'a> {
    /// The first account of the instance: creates the first team and owns it.
    FirstUser { team_name: &'a str },
    /// Joins an existing team with a role (open registration or the CLI).
    JoinTeam { team_id: Uuid, role: Role },
    /// Redeems an invite (single use, checked again inside the transaction).
    Invite { invite_id: Uuid, team_id: Uuid, role: Role },
    /// An account of the demo data (`mockroom demo`): creates the demo team
    /// and owns it. Like [`Registration::DemoMember`], it leaves the
    /// first-account path open, so whoever installs Mockroom with the demo
    /// still registers as the owner of a team of their own.
    DemoOwner { team_name: &'a str },
    /// An account of the demo data joining the demo team.
    DemoMember { team_id: Uuid, role: Role },
}

/// Why a registration could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("an account with this e-mail address already exists")]
    EmailTaken,
    #[error("this instance already has its first account")]
    AlreadyBootstrapped,
    #[error("this invite has already been used or revoked")]
    InviteUsed,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

impl Store {
    /// Whether the install has its first account (the guard row that every
    /// registration but the demo's writes): until then, the web's first
    /// registration creates and owns the first team.
    pub async fn bootstrapped(&self) -> Result<bool, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM instance_bootstrap")
            .fetch_one(pool)
            .await
            .map(|n| n > 0))
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_as::<_, UserRow>(
            "SELECT id, email, display_name, password_hash, created_at FROM users WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(pool)
        .await)
    }

    pub async fn user_by_id(&self, id: Uuid) -> Result<Option<UserRow>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_as::<_, UserRow>(
            "SELECT id, email, display_name, password_hash, created_at FROM users WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await)
    }

    /// Creates the account and its first membership in one transaction.
    /// Returns the new user and the team it joined.
    pub async fn register(
        &self,
        user: NewUser<'_>,
        registration: Registration<'_>,
    ) -> Result<(UserRow, Uuid), RegisterError> {
        let now = Utc::now();
        let id = Uuid::new_v4();
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let inserted = sqlx::query(
                "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(user.email)
            .bind(user.display_name)
            .bind(user.password_hash)
            .bind(now)
            .execute(&mut *tx)
            .await;
            match inserted {
                Err(err) if is_unique_violation(&err) => return Err(RegisterError::EmailTaken),
                other => other?,
            };
            // The guard row closes the web "first account" path once any account
            // exists, however it was made (web or CLI), except the demo's.
            // (ON CONFLICT rather than catching the error: a failed statement
            // aborts the whole transaction in PostgreSQL.)
            let demo = matches!(registration, Registration::DemoOwner { .. } | Registration::DemoMember { .. });
            let first = !demo
                && sqlx::query(
                    "INSERT INTO instance_bootstrap (id, bootstrapped_at) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
                )
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
            let (team_id, role) = match registration {
                Registration::FirstUser { team_name } => {
                    if !first {
                        return Err(RegisterError::AlreadyBootstrapped);
                    }
                    let team_id = Uuid::new_v4();
                    sqlx::query("INSERT INTO teams (id, name, open_registration, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(team_id)
                        .bind(team_name)
                        .bind(false)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    (team_id, Role::Owner)
                }
                Registration::DemoOwner { team_name } => {
                    let team_id = Uuid::new_v4();
                    sqlx::query("INSERT INTO teams (id, name, open_registration, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(team_id)
                        .bind(team_name)
                        .bind(false)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    (team_id, Role::Owner)
                }
                Registration::JoinTeam { team_id, role } | Registration::DemoMember { team_id, role } => (team_id, role),
                Registration::Invite { invite_id, team_id, role } => {
                    // Single use: only one transaction can flip `used_at` from NULL.
                    let claimed = sqlx::query(
                        "UPDATE invites SET used_at = $1, used_by = $2
                         WHERE id = $3 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
                    )
                    .bind(now)
                    .bind(id)
                    .bind(invite_id)
                    .execute(&mut *tx)
                    .await?;
                    if claimed.rows_affected() != 1 {
                        return Err(RegisterError::InviteUsed);
                    }
                    (team_id, role)
                }
            };
            sqlx::query("INSERT INTO memberships (team_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)")
                .bind(team_id)
                .bind(id)
                .bind(role.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok((
                UserRow {
                    id,
                    email: user.email.to_owned(),
                    display_name: user.display_name.to_owned(),
                    password_hash: user.password_hash.to_owned(),
                    created_at: now,
                },
                team_id,
            ))
        })
    }

    pub async fn set_password_hash(&self, user_id: Uuid, hash: &str) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(pool)
            .await
            .map(|_| ()))
    }
}

/// What session logs say instead of a deleted person's name.
pub const DELETED_NAME: &str = "(deleted account)";

/// Why an account could not be deleted.
#[derive(Debug, PartialEq, Eq)]
pub enum AccountDeletion {
    Deleted,
    /// The sole owner of a team that has other members: ownership must pass on first.
    SoleOwnerOf(String),
}

impl Store {
    /// Deletes an account and everything that is only theirs: their practice
    /// mocks, review cards, login sessions, and teams where nobody else is a
    /// member. Team sessions they ran stay with the team (without their name
    /// as creator). Refused for the sole owner of a team with other members.
    pub async fn delete_account(&self, user_id: Uuid) -> Result<AccountDeletion, sqlx::Error> {
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let blocking = sqlx::query_scalar::<_, String>(
                "SELECT t.name FROM teams t JOIN memberships m ON m.team_id = t.id
                 WHERE m.user_id = $1 AND m.role = 'owner'
                   AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.team_id = t.id AND o.role = 'owner' AND o.user_id <> $1)
                   AND EXISTS (SELECT 1 FROM memberships x WHERE x.team_id = t.id AND x.user_id <> $1)
                 ORDER BY t.name LIMIT 1",
            )
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(team) = blocking {
                return Ok(AccountDeletion::SoleOwnerOf(team));
            }
            sqlx::query(
                "DELETE FROM teams WHERE id IN (SELECT m.team_id FROM memberships m WHERE m.user_id = $1)
                   AND NOT EXISTS (SELECT 1 FROM memberships x WHERE x.team_id = teams.id AND x.user_id <> $1)",
            )
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            // Session logs stay with their teams, without the person's name.
            let pattern = format!("%\"user_id\":\"{user_id}\"%");
            let rows = sqlx::query_as::<_, (Uuid, i64, String)>(
                "SELECT session_id, CAST(seq AS BIGINT), actor FROM session_events WHERE actor LIKE $1",
            )
            .bind(&pattern)
            .fetch_all(&mut *tx)
            .await?;
            for (session_id, seq, actor) in rows {
                let Ok(mut actor) = serde_json::from_str::<mockroom_api::Actor>(&actor) else { continue };
                if let mockroom_api::Actor::Member { name, .. } = &mut actor {
                    *name = DELETED_NAME.to_owned();
                }
                let Ok(actor) = serde_json::to_string(&actor) else { continue };
                sqlx::query("UPDATE session_events SET actor = $1 WHERE session_id = $2 AND seq = $3")
                    .bind(actor)
                    .bind(session_id)
                    .bind(seq)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("DELETE FROM users WHERE id = $1").bind(user_id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(AccountDeletion::Deleted)
        })
    }
}
