//! Failing logins on someone's e-mail address from many addresses does not
//! keep its owner out of the browser they signed in with.

use reqwest::StatusCode;

use crate::on_both_backends;
use crate::server::*;

on_both_backends! {
    async fn the_owner_signs_in_during_an_attack_on_their_account(backend: Backend) {
        let server = spawn_server(backend, &[]).await;
        let owner = server.client_from(1);
        server.register_owner(&owner, "ada@example.org").await;

        // 50 addresses, three wrong guesses each: far past the account's limit.
        let attackers: Vec<_> = (0..50u8)
            .map(|i| {
                let client = server.client_from(2 + i);
                let url = server.url("/api/v1/auth/login");
                tokio::spawn(async move {
                    let mut statuses = Vec::new();
                    for _ in 0..3 {
                        let response = client
                            .post(&url)
                            .json(&serde_json::json!({"email": "ada@example.org", "password": "a wrong guess"}))
                            .send()
                            .await
                            .expect("login");
                        statuses.push(response.status());
                    }
                    statuses
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for attacker in attackers {
            statuses.extend(attacker.await.expect("attacker"));
        }
        assert!(statuses.iter().all(|s| *s != StatusCode::OK));
        assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "the account's limit engaged");

        // A browser the owner never used is refused even with the password ...
        let stranger = server.client_from(120);
        assert_eq!(server.login(&stranger, "ada@example.org", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
        // ... but the owner's own browser is let in, and stays signed in.
        assert_eq!(server.login(&owner, "ada@example.org", PASSWORD).await, StatusCode::OK);
        let me = owner.get(server.url("/api/v1/me")).send().await.expect("me");
        assert_eq!(me.status(), StatusCode::OK);
    }
}
