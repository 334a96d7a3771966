use chrono::{DateTime, Utc};
use mockroom_api::{Member, Membership, Role, Team, TeamSummary};
use sqlx::FromRow;
use uuid::Uuid;

use super::{on_pool, BeginWrite, Store};

#[derive(Debug, Clone, FromRow)]
struct TeamRow {
    id: Uuid,
    name: String,
    open_registration: bool,
    created_at: DateTime<Utc>,
}

impl From<TeamRow> for Team {
    fn from(row: TeamRow) -> Team {
        Team {
            id: row.id,
            name: row.name,
            open_registration: row.open_registration,
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Clone, FromRow)]
struct MembershipRow {
    team_id: Uuid,
    team_name: String,
    role: String,
}

#[derive(Debug, Clone, FromRow)]
struct MemberRow {
    user_id: Uuid,
    email: String,
    display_name: String,
    role: String,
    created_at: DateTime<Utc>,
}

pub struct NewTeam<'a> {
    pub name: &'a str,
}

/// A role string that the schema's CHECK constraint should make impossible.
fn role(raw: &str) -> Result<Role, sqlx::Error> {
    Role::parse(raw).ok_or_else(|| sqlx::Error::Decode(format!("unknown role `{raw}` in database").into()))
}

impl Store {
    pub async fn create_team(&self, team: NewTeam<'_>) -> Result<Team, sqlx::Error> {
        let row = TeamRow {
            id: Uuid::new_v4(),
            name: team.name.to_owned(),
            open_registration: false,
            created_at: Utc::now(),
        };
        on_pool!(self, pool => sqlx::query("INSERT INTO teams (id, name, open_registration, created_at) VALUES ($1, $2, $3, $4)")
            .bind(row.id)
            .bind(&row.name)
            .bind(row.open_registration)
            .bind(row.created_at)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(row.into())
    }

    /// Creates a team and makes `owner` its owner, atomically.
    pub async fn create_team_owned_by(&self, name: &str, owner: Uuid) -> Result<Team, sqlx::Error> {
        let row = TeamRow {
            id: Uuid::new_v4(),
            name: name.to_owned(),
            open_registration: false,
            created_at: Utc::now(),
        };
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query("INSERT INTO teams (id, name, open_registration, created_at) VALUES ($1, $2, $3, $4)")
                .bind(row.id)
                .bind(&row.name)
                .bind(row.open_registration)
                .bind(row.created_at)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO memberships (team_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)")
                .bind(row.id)
                .bind(owner)
                .bind(row.created_at)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(row.into())
    }

    pub async fn team(&self, id: Uuid) -> Result<Option<Team>, sqlx::Error> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, TeamRow>(
            "SELECT id, name, open_registration, created_at FROM teams WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(Team::from))
    }

    /// Teams with this exact name (the CLI names teams by name or id).
    pub async fn teams_named(&self, name: &str) -> Result<Vec<Team>, sqlx::Error> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, TeamRow>(
            "SELECT id, name, open_registration, created_at FROM teams WHERE name = $1 ORDER BY created_at",
        )
        .bind(name)
        .fetch_all(pool)
        .await)?;
        Ok(rows.into_iter().map(Team::from).collect())
    }

    pub async fn open_teams(&self) -> Result<Vec<TeamSummary>, sqlx::Error> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, TeamRow>(
            "SELECT id, name, open_registration, created_at FROM teams WHERE open_registration ORDER BY name",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|r| TeamSummary { id: r.id, name: r.name })
            .collect())
    }

    pub async fn update_team(
        &self,
        id: Uuid,
        name: Option<&str>,
        open_registration: Option<bool>,
    ) -> Result<Option<Team>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query(
            "UPDATE teams SET name = COALESCE($1, name), open_registration = COALESCE($2, open_registration) WHERE id = $3",
        )
        .bind(name)
        .bind(open_registration)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ()))?;
        self.team(id).await
    }

    /// The user's role in the team, or `None` when not a member.
    pub async fn role_in_team(&self, team_id: Uuid, user_id: Uuid) -> Result<Option<Role>, sqlx::Error> {
        let raw = on_pool!(self, pool => sqlx::query_scalar::<_, String>(
            "SELECT role FROM memberships WHERE team_id = $1 AND user_id = $2",
        )
        .bind(team_id)
        .bind(user_id)
        .fetch_optional(pool)
        .await)?;
        raw.as_deref().map(role).transpose()
    }

    pub async fn memberships(&self, user_id: Uuid) -> Result<Vec<Membership>, sqlx::Error> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, MembershipRow>(
            "SELECT m.team_id, t.name AS team_name, m.role
             FROM memberships m JOIN teams t ON t.id = m.team_id
             WHERE m.user_id = $1 ORDER BY t.name",
        )
        .bind(user_id)
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|r| {
                Ok(Membership {
                    team: TeamSummary {
                        id: r.team_id,
                        name: r.team_name,
                    },
                    role: role(&r.role)?,
                })
            })
            .collect()
    }

    pub async fn members(&self, team_id: Uuid) -> Result<Vec<Member>, sqlx::Error> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, MemberRow>(
            "SELECT u.id AS user_id, u.email, u.display_name, m.role, m.created_at
             FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.team_id = $1 ORDER BY u.display_name, u.email",
        )
        .bind(team_id)
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|r| {
                Ok(Member {
                    user_id: r.user_id,
                    email: r.email,
                    display_name: r.display_name,
                    role: role(&r.role)?,
                    joined_at: r.created_at,
                })
            })
            .collect()
    }

    pub async fn add_member(&self, team_id: Uuid, user_id: Uuid, role: Role) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO memberships (team_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(team_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(Utc::now())
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Changes a member's role unless that would leave the team without an owner.
    /// Returns `Ok(false)` when the change was refused for that reason.
    pub async fn set_role(&self, team_id: Uuid, user_id: Uuid, new_role: Role) -> Result<bool, sqlx::Error> {
        // One statement, so two concurrent demotions cannot both pass the check.
        let result = on_pool!(self, pool => sqlx::query(
            "UPDATE memberships SET role = $1
             WHERE team_id = $2 AND user_id = $3
               AND ($1 = 'owner' OR role <> 'owner'
                    OR (SELECT COUNT(*) FROM memberships WHERE team_id = $2 AND role = 'owner') > 1)",
        )
        .bind(new_role.as_str())
        .bind(team_id)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(result == 1)
    }

    /// Removes a member unless they are the team's last owner. `Ok(false)` when refused.
    pub async fn remove_member(&self, team_id: Uuid, user_id: Uuid) -> Result<bool, sqlx::Error> {
        let result = on_pool!(self, pool => sqlx::query(
            "DELETE FROM memberships
             WHERE team_id = $1 AND user_id = $2
               AND (role <> 'owner'
                    OR (SELECT COUNT(*) FROM memberships WHERE team_id = $1 AND role = 'owner') > 1)",
        )
        .bind(team_id)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(result == 1)
    }
}
