//! An instance wrongly taken for dead records its connections again.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::cluster::*;

#[tokio::test]
async fn an_instance_wrongly_taken_for_dead_records_its_connections_again() {
    let Some(c) = cluster().await else { return };
    let (session, token) = c.session(0, json!({})).await;
    let mut interviewer = c.owner.socket(&c.nodes[0], &session, "interviewer").await;
    interviewer.until(|_| {}, |v| v["type"] == "state").await;
    let mut candidate = c.candidate(1, &token).await;
    candidate
        .until(|_| {}, |v| connected(v, "interviewer") == Some(true))
        .await;
    // Write A's connections off behind its back, as another instance would
    // after missing A's heartbeats for a while.
    let log = c.log(&session).await;
    let a = log
        .iter()
        .find(|e| e.1 == "joined")
        .and_then(|e| e.2["instance"].as_str())
        .expect("A's instance")
        .to_owned();
    let next = log.last().map(|e| e.0).expect("events") + 1;
    let pool = sqlx::PgPool::connect(&c.database).await.expect("postgres");
    let session_id = uuid::Uuid::parse_str(&session).expect("uuid");
    sqlx::query(
        "INSERT INTO session_events (session_id, seq, at, actor, payload, format) VALUES ($1, $2, now(), $3, $4, 1)",
    )
    .bind(session_id)
    .bind(next)
    .bind(json!({"kind": "server", "instance": uuid::Uuid::nil()}).to_string())
    .bind(json!({"type": "connections_lost", "instance": a}).to_string())
    .execute(&pool)
    .await
    .expect("insert");
    sqlx::query("SELECT pg_notify('mockroom_events', $1)")
        .bind(format!("{session} {next} {}", uuid::Uuid::nil()))
        .execute(&pool)
        .await
        .expect("notify");
    pool.close().await;
    // A, alive, records its connection again; everyone ends up seeing the
    // interviewer online.
    let deadline = Instant::now() + Duration::from_secs(10);
    while c
        .log(&session)
        .await
        .iter()
        .filter(|e| e.0 > next && e.1 == "joined")
        .count()
        == 0
    {
        assert!(Instant::now() < deadline, "A never recorded its connection again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let last = c.log(&session).await.last().map(|e| e.0).expect("events");
    let seen = candidate.at_seq(last).await;
    assert_eq!(connected(&seen, "interviewer"), Some(true), "{seen}");
}
