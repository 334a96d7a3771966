use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::on_both_backends;

on_both_backends! {
    async fn first_account_owns_the_first_team_and_closes_registration(backend: Backend) {
        let app = spawn_app(backend).await;
        let anon = app.client();
        let (_, info) = anon.get("/api/v1/auth/registration").await;
        assert_eq!(info["first_user"], true);

        let (owner, _) = app.owner("Ada@Example.org").await;
        let (status, me) = owner.get("/api/v1/me").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(me["user"]["email"], "ada@example.org", "e-mail is normalised");
        assert_eq!(me["memberships"][0]["role"], "owner");
        assert_eq!(me["memberships"][0]["team"]["name"], "Acme");

        let (_, info) = anon.get("/api/v1/auth/registration").await;
        assert_eq!(info["first_user"], false);
        let (status, body) = anon
            .post("/api/v1/auth/register", json!({"email": "eve@example.org", "password": PASSWORD, "display_name": "Eve"}))
            .await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    }

    async fn register_login_logout(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, _) = app.owner("ada@example.org").await;

        let (status, _) = owner.post_empty("/api/v1/auth/logout").await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(owner.session_token(), None, "logout clears the cookie");
        let (status, body) = owner.get("/api/v1/me").await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "unauthorized");

        let (status, body) = owner.login("ada@example.org", "wrong password!").await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
        let (status, body) = owner.login("nobody@example.org", PASSWORD).await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");

        let (status, me) = owner.login("ADA@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "{me}");
        let (status, me2) = owner.get("/api/v1/me").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(me["user"]["id"], me2["user"]["id"]);
    }

    async fn login_renews_the_session_and_logout_revokes_it(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, _) = app.owner("ada@example.org").await;
        let first = owner.session_token().expect("session after register");
        let (status, _) = owner.login("ada@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::OK);
        let second = owner.session_token().expect("session after login");
        assert_ne!(first, second, "login issues a new token");

        let old = app.client();
        old.set_session_token(Some(first));
        let (status, _) = old.get("/api/v1/me").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "the replaced session is revoked");

        let stolen = app.client();
        stolen.set_session_token(Some(second));
        let (status, _) = owner.post_empty("/api/v1/auth/logout").await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = stolen.get("/api/v1/me").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "logout revokes server-side, not just the cookie");
    }

    async fn sessions_expire(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.session_ttl = Duration::from_secs(1)).await;
        let (owner, _) = app.owner("ada@example.org").await;
        let (status, _) = owner.get("/api/v1/me").await;
        assert_eq!(status, StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let (status, body) = owner.get("/api/v1/me").await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "unauthorized");
    }

    async fn mutations_need_the_csrf_token(backend: Backend) {
        let app = spawn_app(backend).await;
        let (owner, team) = app.owner("ada@example.org").await;
        let csrf = owner.get("/api/v1/me").await.1["csrf_token"].as_str().expect("csrf").to_owned();

        owner.set_csrf(None);
        let (status, body) = owner.post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "interviewer"})).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "csrf_failed");
        owner.set_csrf(Some("not-the-token".into()));
        let (status, body) = owner.post_empty("/api/v1/auth/logout").await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "csrf_failed");
        let (status, _) = owner.get("/api/v1/me").await;
        assert_eq!(status, StatusCode::OK, "reads need no token, and the session survived");

        owner.set_csrf(Some(csrf));
        let (status, _) = owner.post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "interviewer"})).await;
        assert_eq!(status, StatusCode::CREATED);
    }

    async fn failed_logins_lock_untrusted_browsers_but_not_the_owners(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.login_attempts_per_account = 3).await;
        let (owner, _) = app.owner("ada@example.org").await;
        assert!(owner.device_token().is_some(), "registering trusts the browser");
        let attacker = app.client();
        for _ in 0..3 {
            let (status, _) = attacker.login("ada@example.org", "wrong password!").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        // The right password from a browser the account never used: refused.
        let stranger = app.client();
        let a = stranger.send("POST", "/api/v1/auth/login", Some(json!({"email": "ada@example.org", "password": PASSWORD}))).await;
        assert_error(a.status, &a.body, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
        let retry: u64 = a.headers["retry-after"].to_str().expect("ascii").parse().expect("seconds");
        assert!(retry > 0 && retry <= 15 * 60, "{retry}");
        // The owner's own browser carries the trusted-device cookie: let in.
        let (status, body) = owner.login("ada@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // Another account is not affected by this one's lock.
        let (status, _) = attacker.login("other@example.org", "whatever password").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn a_device_cookie_only_vouches_for_its_own_account(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.login_attempts_per_account = 2).await;
        let (owner, team) = app.owner("ada@example.org").await;
        app.join(&owner, &team, "bob@example.org", "interviewer").await;
        for _ in 0..2 {
            let (status, _) = app.client().login("bob@example.org", "wrong password!").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        // Ada's browser is trusted for Ada, not for Bob: Bob's lock holds there.
        let (status, body) = owner.login("bob@example.org", PASSWORD).await;
        assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
        // A forged cookie is no better.
        let forger = app.client();
        forger.set_device_token(Some("forged-token".into()));
        let (status, _) = forger.login("bob@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    }

    async fn a_trusted_device_has_its_own_limit(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.login_attempts_per_device = 2).await;
        let (owner, _) = app.owner("ada@example.org").await;
        for _ in 0..2 {
            let (status, _) = owner.login("ada@example.org", "wrong password!").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        let (status, body) = owner.login("ada@example.org", PASSWORD).await;
        assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    }

    async fn repeated_failures_from_one_address_back_off(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.login_attempts_per_account = 100).await;
        app.owner("ada@example.org").await;
        let attacker = app.client();
        // Three free attempts, a fourth that starts a one-second pause...
        for _ in 0..4 {
            let (status, _) = attacker.login("ada@example.org", "wrong password!").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        let a = attacker.send("POST", "/api/v1/auth/login", Some(json!({"email": "ada@example.org", "password": "wrong password!"}))).await;
        assert_error(a.status, &a.body, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
        assert_eq!(a.headers["retry-after"], "1");
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let (status, _) = attacker.login("ada@example.org", "wrong password!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "the pause is over");
        // ... and the next pause is twice as long.
        let a = attacker.send("POST", "/api/v1/auth/login", Some(json!({"email": "ada@example.org", "password": PASSWORD}))).await;
        assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(a.headers["retry-after"], "2");
    }

    async fn login_limits_survive_a_restart(backend: Backend) {
        let mut app = spawn_app_with(backend, |c| c.login_attempts_per_account = 2).await;
        app.owner("ada@example.org").await;
        for _ in 0..2 {
            let (status, _) = app.client().login("ada@example.org", "wrong password!").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        // The counters are rows in the database, shared by every instance.
        app.restart().await;
        let (status, _) = app.client().login("ada@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    }

    async fn saturated_hashing_refuses_at_once_and_still_counts(backend: Backend) {
        let app = spawn_app_with(backend, |c| {
            c.hash_threads = 1;
            c.hash_queue = 0;
            c.login_attempts_per_ip = 12;
        })
        .await;
        let client = std::sync::Arc::new(app.client());
        let attempts = (0..12).map(|i| {
            let client = client.clone();
            async move { client.send("POST", "/api/v1/auth/login", Some(json!({"email": format!("u{i}@example.org"), "password": "wrong password!"}))).await }
        });
        let answers = futures_util::future::join_all(attempts).await;
        let busy: Vec<_> = answers.iter().filter(|a| a.status == StatusCode::SERVICE_UNAVAILABLE).collect();
        assert!(!busy.is_empty(), "one hashing thread, no queue: some of 12 concurrent logins are refused");
        for a in &busy {
            assert_error(a.status, &a.body, StatusCode::SERVICE_UNAVAILABLE, "busy");
            assert!(a.headers.contains_key("retry-after"), "{:?}", a.headers);
        }
        assert!(answers.iter().all(|a| a.status == StatusCode::UNAUTHORIZED || a.status == StatusCode::SERVICE_UNAVAILABLE));
        // The refused attempts used up this address's budget like the others.
        let (status, body) = client.login("u99@example.org", "wrong password!").await;
        assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    }

    async fn login_is_rate_limited_per_ip(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.login_attempts_per_ip = 4).await;
        let client = app.client();
        for i in 0..4 {
            let (status, _) = client.login(&format!("user{i}@example.org"), "wrong password!").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        let (status, body) = client.login("user9@example.org", "wrong password!").await;
        assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    }

    async fn registration_validates_its_input(backend: Backend) {
        let app = spawn_app(backend).await;
        let client = app.client();
        let cases = [
            json!({"email": "not-an-email", "password": PASSWORD, "display_name": "Ada"}),
            json!({"email": "ada@example.org", "password": "short", "display_name": "Ada"}),
            json!({"email": "ada@example.org", "password": PASSWORD, "display_name": "   "}),
        ];
        for case in cases {
            let (status, body) = client.post("/api/v1/auth/register", case).await;
            assert_error(status, &body, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input");
        }
        let (_, info) = client.get("/api/v1/auth/registration").await;
        assert_eq!(info["first_user"], true, "failed registrations create nothing");
        app.owner("ada@example.org").await;
        let (status, body) = app
            .client()
            .post("/api/v1/auth/register", json!({"email": "ada@example.org", "password": PASSWORD, "display_name": "Ada"}))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    }

    async fn expired_throttle_rows_are_purged(backend: Backend) {
        let app = spawn_app_with(backend, |c| c.login_attempts_per_account = 2).await;
        app.owner("ada@example.org").await;
        for i in 0..2 {
            let (status, _) = app.client().login("ada@example.org", &format!("wrong password {i}")).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        let (status, _) = app.client().login("ada@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        // What the housekeeping task runs every minute, here a window later:
        // every row of this attempt is gone, and so is the lock.
        let store = mockroom::store::Store::open(&app.database_url).await.expect("store");
        let later = chrono::Utc::now().timestamp_millis() + 16 * 60 * 1000;
        let purged = store.purge_login_throttle(later).await.expect("purge");
        assert!(purged >= 3, "per-address, account-and-address and account rows: {purged}");
        assert_eq!(store.purge_login_throttle(later).await.expect("purge"), 0);
        store.close().await;
        let (status, body) = app.client().login("ada@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}
