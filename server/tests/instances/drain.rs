//! SIGTERM drains an instance; its clients carry on through the others.

use serde_json::json;

use crate::cluster::*;

#[tokio::test]
async fn sigterm_drains_an_instance_and_its_clients_carry_on_elsewhere() {
    let Some(mut c) = cluster().await else { return };
    let (session, token) = c.session(0, json!({})).await;
    let mut interviewer = c.owner.socket(&c.nodes[0], &session, "interviewer").await;
    let mut candidate = c.candidate(1, &token).await;
    interviewer.until(|_| {}, |v| v["type"] == "state").await;
    candidate
        .until(|_| {}, |v| connected(v, "interviewer") == Some(true))
        .await;
    let status = c.nodes[0].terminate();
    assert!(status.success(), "a drained instance exits cleanly: {status}");
    let (code, _) = interviewer.closed(|_| {}).await.expect("a close frame");
    assert_eq!(code, mockroom_api::close::RESTART, "told to reconnect");
    // Its connections were recorded as left before it stopped.
    candidate
        .until(|_| {}, |v| connected(v, "interviewer") == Some(false))
        .await;
    // The interviewer reconnects (to another instance behind the balancer) and carries on.
    let mut again = c.owner.socket(&c.nodes[2], &session, "interviewer").await;
    again.until(|_| {}, |v| v["type"] == "state").await;
    again.send(json!({"type": "reveal_next"})).await;
    candidate
        .until(
            |_| {},
            |v| stages(v, 0) == 1 && connected(v, "interviewer") == Some(true),
        )
        .await;
}
