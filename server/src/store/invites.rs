use chrono::{DateTime, Utc};
use mockroom_api::{Invite, InviteStatus, Role};
use sqlx::FromRow;
use uuid::Uuid;

use super::{on_pool, BeginWrite, Store};

#[derive(Debug, Clone, FromRow)]
pub struct InviteRow {
    pub id: Uuid,
    pub team_id: Uuid,
    pub role: String,
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl InviteRow {
    pub fn role(&self) -> Result<Role, sqlx::Error> {
        Role::parse(&self.role)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown role `{}` in database", self.role).into()))
    }

    pub fn status(&self, now: DateTime<Utc>) -> InviteStatus {
        if self.revoked_at.is_some() {
            InviteStatus::Revoked
        } else if self.used_at.is_some() {
            InviteStatus::Used
        } else if self.expires_at <= now {
            InviteStatus::Expired
        } else {
            InviteStatus::Pending
        }
    }

    pub fn to_api(&self, now: DateTime<Utc>) -> Result<Invite, sqlx::Error> {
        Ok(Invite {
            id: self.id,
            team_id: self.team_id,
            role: self.role()?,
            email: self.email.clone(),
            created_at: self.created_at,
            expires_at: self.expires_at,
            status: self.status(now),
        })
    }
}

pub struct NewInvite<'a> {
    pub team_id: Uuid,
    pub token_hash: &'a [u8],
    pub role: Role,
    pub email: Option<&'a str>,
    pub created_by: Uuid,
    pub expires_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, team_id, role, email, created_at, expires_at, used_at, revoked_at";

impl Store {
    pub async fn create_invite(&self, invite: NewInvite<'_>) -> Result<InviteRow, sqlx::Error> {
        let row = InviteRow {
            id: Uuid::new_v4(),
            team_id: invite.team_id,
            role: invite.role.as_str().to_owned(),
            email: invite.email.map(str::to_owned),
            created_at: Utc::now(),
            expires_at: invite.expires_at,
            used_at: None,
            revoked_at: None,
        };
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO invites (id, team_id, token_hash, role, email, created_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(row.id)
        .bind(row.team_id)
        .bind(invite.token_hash)
        .bind(&row.role)
        .bind(&row.email)
        .bind(invite.created_by)
        .bind(row.created_at)
        .bind(row.expires_at)
        .execute(pool)
        .await
        .map(|_| ()))?;
        Ok(row)
    }

    pub async fn invite_by_token_hash(&self, token_hash: &[u8]) -> Result<Option<InviteRow>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM invites WHERE token_hash = $1");
        on_pool!(self, pool => sqlx::query_as::<_, InviteRow>(&sql)
            .bind(token_hash)
            .fetch_optional(pool)
            .await)
    }

    pub async fn invites(&self, team_id: Uuid) -> Result<Vec<InviteRow>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM invites WHERE team_id = $1 ORDER BY created_at DESC");
        on_pool!(self, pool => sqlx::query_as::<_, InviteRow>(&sql)
            .bind(team_id)
            .fetch_all(pool)
            .await)
    }

    /// Revokes an invite of this team; `Ok(false)` when there is no such invite.
    pub async fn revoke_invite(&self, team_id: Uuid, invite_id: Uuid) -> Result<bool, sqlx::Error> {
        let result = on_pool!(self, pool => sqlx::query(
            "UPDATE invites SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 AND team_id = $3",
        )
        .bind(Utc::now())
        .bind(invite_id)
        .bind(team_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(result == 1)
    }

    /// Claims an invite for an existing account and adds the membership, atomically.
    /// `Ok(false)` when the invite was used, revoked or expired in the meantime.
    pub async fn accept_invite(&self, invite: &InviteRow, user_id: Uuid, role: Role) -> Result<bool, sqlx::Error> {
        let now = Utc::now();
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let claimed = sqlx::query(
                "UPDATE invites SET used_at = $1, used_by = $2
                 WHERE id = $3 AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
            .bind(invite.id)
            .execute(&mut *tx)
            .await?;
            if claimed.rows_affected() != 1 || invite.expires_at <= now {
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO memberships (team_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (team_id, user_id) DO NOTHING",
            )
            .bind(invite.team_id)
            .bind(user_id)
            .bind(role.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}
