use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::on_both_backends;

on_both_backends! {
    async fn invites_bring_members_in_with_their_role(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let (status, created) = owner
            .post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "interviewer", "expires_in_hours": 24}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let token = created["token"].as_str().expect("token").to_owned();
        assert!(token.len() >= 43, "at least 256 bits");
        assert!(created["url"].as_str().expect("url").ends_with(&format!("/register?invite={token}")));

        let anon = app.client();
        let (status, preview) = anon.get(&format!("/api/v1/invites/{token}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(preview["team"]["name"], "Acme");
        assert_eq!(preview["role"], "interviewer");

        let (status, me) = anon
            .post("/api/v1/auth/register", json!({"email": "ivy@example.org", "password": PASSWORD, "display_name": "Ivy", "invite_token": token}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{me}");
        assert_eq!(me["memberships"][0]["role"], "interviewer");

        // Single use.
        let (status, body) = app
            .client()
            .post("/api/v1/auth/register", json!({"email": "mal@example.org", "password": PASSWORD, "display_name": "Mal", "invite_token": token}))
            .await;
        assert_error(status, &body, StatusCode::CONFLICT, "conflict");

        let (_, members) = owner.get(&format!("/api/v1/teams/{team}/members")).await;
        let roles: Vec<_> = members.as_array().expect("list").iter().map(|m| m["role"].as_str().unwrap_or("")).collect();
        assert_eq!(roles.len(), 2);
        assert!(roles.contains(&"owner") && roles.contains(&"interviewer"));

        let (_, invites) = owner.get(&format!("/api/v1/teams/{team}/invites")).await;
        assert_eq!(invites[0]["status"], "used");
    }

    async fn revoked_and_addressed_invites_are_refused(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let (_, created) = owner.post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "candidate"})).await;
        let (token, id) = (created["token"].as_str().expect("token"), created["invite"]["id"].as_str().expect("id"));
        let (status, _) = owner.delete(&format!("/api/v1/teams/{team}/invites/{id}")).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, body) = app.client().get(&format!("/api/v1/invites/{token}")).await;
        assert_error(status, &body, StatusCode::CONFLICT, "conflict");
        assert!(body["error"]["message"].as_str().unwrap_or("").contains("revoked"));

        let (_, created) = owner
            .post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "candidate", "email": "Cara@Example.org"}))
            .await;
        let token = created["token"].as_str().expect("token");
        let (status, body) = app
            .client()
            .post("/api/v1/auth/register", json!({"email": "someone@example.org", "password": PASSWORD, "display_name": "X", "invite_token": token}))
            .await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        let (status, _) = app
            .client()
            .post("/api/v1/auth/register", json!({"email": "cara@example.org", "password": PASSWORD, "display_name": "Cara", "invite_token": token}))
            .await;
        assert_eq!(status, StatusCode::CREATED);

        let (status, body) = app.client().get("/api/v1/invites/no-such-token").await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
        let (status, body) = owner
            .post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "candidate", "expires_in_hours": 0}))
            .await;
        assert_error(status, &body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");
    }

    async fn roles_decide_who_may_manage(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let owner_id = owner.get("/api/v1/me").await.1["user"]["id"].as_str().expect("id").to_owned();
        let (admin, admin_id) = app.join(&owner, &team, "admin@example.org", "admin").await;
        let (interviewer, interviewer_id) = app.join(&owner, &team, "ivy@example.org", "interviewer").await;
        let (candidate, candidate_id) = app.join(&admin, &team, "cara@example.org", "candidate").await;

        // Interviewers see members but manage nothing; candidates do not even see the list.
        let (status, _) = interviewer.get(&format!("/api/v1/teams/{team}/members")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = interviewer.post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "candidate"})).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        let (status, body) = interviewer.patch(&format!("/api/v1/teams/{team}/members/{candidate_id}"), json!({"role": "admin"})).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        let (status, body) = candidate.get(&format!("/api/v1/teams/{team}/members")).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        let (status, _) = candidate.get(&format!("/api/v1/teams/{team}")).await;
        assert_eq!(status, StatusCode::OK, "a candidate still sees the team itself");

        // Admins manage non-owners but never the owner role.
        let (status, member) = admin.patch(&format!("/api/v1/teams/{team}/members/{interviewer_id}"), json!({"role": "admin"})).await;
        assert_eq!(status, StatusCode::OK, "{member}");
        assert_eq!(member["role"], "admin");
        let (status, body) = admin.patch(&format!("/api/v1/teams/{team}/members/{candidate_id}"), json!({"role": "owner"})).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        let (status, body) = admin.patch(&format!("/api/v1/teams/{team}/members/{owner_id}"), json!({"role": "candidate"})).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        let (status, body) = admin.post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "owner"})).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        let (status, body) = admin.patch(&format!("/api/v1/teams/{team}"), json!({"open_registration": true})).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");

        // A team keeps at least one owner.
        let (status, body) = owner.patch(&format!("/api/v1/teams/{team}/members/{owner_id}"), json!({"role": "admin"})).await;
        assert_error(status, &body, StatusCode::CONFLICT, "conflict");
        let (status, body) = owner.delete(&format!("/api/v1/teams/{team}/members/{owner_id}")).await;
        assert_error(status, &body, StatusCode::CONFLICT, "conflict");
        let (status, _) = owner.patch(&format!("/api/v1/teams/{team}/members/{admin_id}"), json!({"role": "owner"})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = owner.patch(&format!("/api/v1/teams/{team}/members/{owner_id}"), json!({"role": "interviewer"})).await;
        assert_eq!(status, StatusCode::OK, "with a second owner the first may step down");

        // Members may leave; removed members lose access at once.
        let (status, _) = candidate.delete(&format!("/api/v1/teams/{team}/members/{candidate_id}")).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = candidate.get(&format!("/api/v1/teams/{team}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = admin.delete(&format!("/api/v1/teams/{team}/members/{interviewer_id}")).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = interviewer.get(&format!("/api/v1/teams/{team}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    async fn owners_open_registration_to_candidates(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("owner@example.org").await;
        let (status, updated) = owner.patch(&format!("/api/v1/teams/{team}"), json!({"open_registration": true, "name": "Acme Hiring"})).await;
        assert_eq!(status, StatusCode::OK, "{updated}");
        assert_eq!(updated["open_registration"], true);
        let anon = app.client();
        let (_, info) = anon.get("/api/v1/auth/registration").await;
        assert_eq!(info["open_teams"][0]["name"], "Acme Hiring");
        let (status, me) = anon
            .post("/api/v1/auth/register", json!({"email": "cara@example.org", "password": PASSWORD, "display_name": "Cara", "team_id": team}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{me}");
        assert_eq!(me["memberships"][0]["role"], "candidate");

        owner.patch(&format!("/api/v1/teams/{team}"), json!({"open_registration": false})).await;
        let (status, _) = app
            .client()
            .post("/api/v1/auth/register", json!({"email": "dan@example.org", "password": PASSWORD, "display_name": "Dan", "team_id": team}))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    async fn other_teams_are_invisible(backend: Backend) {
        let app = spawn_app(backend).await;
        let (alice, team_a) = app.owner("alice@example.org").await;
        let (bob, _) = app.join(&alice, &team_a, "bob@example.org", "interviewer").await;
        let (status, team_b) = bob.post("/api/v1/teams", json!({"name": "Bob's agency"})).await;
        assert_eq!(status, StatusCode::CREATED, "{team_b}");
        let team_b = team_b["id"].as_str().expect("id").to_owned();
        let (_, created) = bob.post(&format!("/api/v1/teams/{team_b}/invites"), json!({"role": "candidate"})).await;
        let invite_b = created["invite"]["id"].as_str().expect("invite id").to_owned();
        let bob_id = bob.get("/api/v1/me").await.1["user"]["id"].as_str().expect("id").to_owned();

        // Alice owns team A but is not in team B: everything of B is 404 to her, not 403.
        let probes: Vec<(&str, String, Option<serde_json::Value>)> = vec![
            ("GET", format!("/api/v1/teams/{team_b}"), None),
            ("PATCH", format!("/api/v1/teams/{team_b}"), Some(json!({"name": "mine"}))),
            ("GET", format!("/api/v1/teams/{team_b}/members"), None),
            ("PATCH", format!("/api/v1/teams/{team_b}/members/{bob_id}"), Some(json!({"role": "candidate"}))),
            ("DELETE", format!("/api/v1/teams/{team_b}/members/{bob_id}"), None),
            ("GET", format!("/api/v1/teams/{team_b}/invites"), None),
            ("POST", format!("/api/v1/teams/{team_b}/invites"), Some(json!({"role": "owner"}))),
            ("DELETE", format!("/api/v1/teams/{team_b}/invites/{invite_b}"), None),
            ("DELETE", format!("/api/v1/teams/{team_a}/invites/{invite_b}"), None),
        ];
        for (method, path, body) in probes {
            let a = alice.send(method, &path, body).await;
            assert_error(a.status, &a.body, StatusCode::NOT_FOUND, "not_found");
        }
        let (_, invites) = bob.get(&format!("/api/v1/teams/{team_b}/invites")).await;
        assert_eq!(invites[0]["status"], "pending", "the probes changed nothing");
        let (_, me) = alice.get("/api/v1/me").await;
        assert_eq!(me["memberships"].as_array().expect("list").len(), 1);
    }

    async fn signed_in_users_accept_invites_to_other_teams(backend: Backend) {
        let app = spawn_app(backend).await;
        let (alice, team_a) = app.owner("alice@example.org").await;
        let (bob, _) = app.join(&alice, &team_a, "bob@example.org", "interviewer").await;
        let (_, team_b) = bob.post("/api/v1/teams", json!({"name": "Second"})).await;
        let team_b = team_b["id"].as_str().expect("id").to_owned();
        let (_, created) = bob.post(&format!("/api/v1/teams/{team_b}/invites"), json!({"role": "admin"})).await;
        let token = created["token"].as_str().expect("token");
        let (status, membership) = alice.post_empty(&format!("/api/v1/invites/{token}/accept")).await;
        assert_eq!(status, StatusCode::OK, "{membership}");
        assert_eq!(membership["role"], "admin");
        let (status, _) = alice.get(&format!("/api/v1/teams/{team_b}/members")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = alice.post_empty(&format!("/api/v1/invites/{token}/accept")).await;
        assert_error(status, &body, StatusCode::CONFLICT, "conflict");
    }
}
