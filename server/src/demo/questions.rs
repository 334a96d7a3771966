//! The bundled questions the demo asks, and what its candidates answered:
//! a partial answer and a strong one for each, in our own words.

use std::collections::HashMap;

use anyhow::Context;
use mockroom_api::QuestionFilter;
use uuid::Uuid;

use crate::store::Store;

pub struct Text {
    pub pack: &'static str,
    pub number: i64,
    pub partial: &'static str,
    pub strong: &'static str,
}

pub static DISK_PRESSURE: Text = Text {
    pack: "kubernetes-operations",
    number: 1,
    partial: "DiskPressure is not only about bytes, so I would read the kubelet log for the eviction reason. \
              My guess is container logs or images filling up: clean up the evicted pods and add \
              ephemeral-storage limits. Raising evictionHard would only hide the problem.",
    strong: "df -h only counts blocks. The kubelet also evicts on nodefs.inodesFree<5%, so I would run df -i \
             and expect inodes near 100%. Then find the pod writing millions of small files (du --inodes under \
             /var/lib/kubelet/pods): it explains why the pressure follows that pod from node to node as it is \
             evicted and rescheduled. Now: cordon, stop or fix the offender, clean its emptyDir. Durably: \
             ephemeral-storage limits and emptyDir sizeLimit, a LimitRange default, an inode alert. Raising the \
             thresholds just lets the node run out of inodes for everyone.",
};

pub static IMAGE_PULL: Text = Text {
    pack: "kubernetes-operations",
    number: 9,
    partial: "The new nodes must be missing something the old ones have. I would recreate the harbor-pull \
              secret and restart the pods, and log in to Docker Hub with a paid account.",
    strong: "Old nodes have the image cached and never pull; only new nodes reach the registry. \
             insufficient_scope means the credential authenticates but cannot pull from shop/, so I would \
             decode harbor-pull, check the robot account's project permissions in Harbor and test with \
             crictl pull --creds on a new node. For the 429s, mirror the sidecar into Harbor as a proxy cache. \
             Durably: a containerd registry mirror on every node, robot accounts with expiry alerts, and a \
             pull check in the node image so autoscaling never depends on a live pull.",
};

pub static OUTBOX_BLOAT: Text = Text {
    pack: "postgresql-production",
    number: 2,
    partial: "The table is bloated by the deletes. I would run VACUUM FULL at night to get the space back \
              and make autovacuum more aggressive on this table.",
    strong: "Autovacuum runs but cannot remove the dead rows: something holds back the xmin horizon. I would \
             check pg_stat_activity for sessions idle in transaction, replication slots and prepared \
             transactions. Remove the blocker, let vacuum clean up, then reclaim the space online with \
             pg_repack, not VACUUM FULL and its exclusive lock. Tune this table's scale factor and cost limit, \
             set idle_in_transaction_session_timeout, and in time partition the outbox so old rows are \
             dropped, not deleted.",
};

pub static WRAPAROUND: Text = Text {
    pack: "postgresql-production",
    number: 3,
    partial: "We have to vacuum before wraparound. I would run VACUUM on the biggest table and add disk for \
              pg_wal; single-user mode only as a last resort.",
    strong: "Two symptoms, probably one cause. Find what pins the horizon: age(datfrozenxid), the oldest \
             relfrozenxid, long transactions, orphaned prepared transactions and stale replication slots. A \
             dead slot also explains pg_wal growing. Drop the stale slot once its consumer is confirmed gone, \
             roll back orphaned prepared transactions, then VACUUM (FREEZE) the oldest tables with no cost \
             delay, several in parallel, watching the age fall. No VACUUM FULL and no single-user mode: both \
             take far longer and stop billing. Afterwards alert on XID age and slot lag, and set \
             max_slot_wal_keep_size.",
};

pub static RETRY_STORM: Text = Text {
    pack: "incident-response",
    number: 1,
    partial: "The pods are overloaded, so scaling out should help. I would also restart pricing-svc to clear \
              bad connections and double-check that the database is healthy.",
    strong: "A metastable failure: the trigger is over but retries keep the load above capacity. Client \
             retries times the Envoy retry multiply the traffic, and every new pod opens a cold pool to \
             Postgres. Break the loop: shed load at the edge or turn the route's retry off, cap concurrency \
             per pod, and stop the HPA from adding pods. Once latency recovers, bring retries back with a \
             retry budget and jittered backoff, then test failover under load.",
};

pub static GOROUTINE_LEAK: Text = Text {
    pack: "incident-response",
    number: 7,
    partial: "Memory grows steadily, so it is a leak. I would take a heap profile and meanwhile raise the \
              memory limit so that pods restart less often.",
    strong: "Linear growth since the timeout change points at goroutines left blocked after the deadline: \
             the wrapper returns, and the lookup goroutine waits forever to send on an unbuffered channel. \
             The goroutine profile would show the count climbing. Meanwhile restart pods before they reach the \
             limit rather than raising it. Fix it with a buffered channel or by passing the context into the \
             backend call, and add a goroutine-count metric and a leak test.",
};

pub static DOUBLE_LEADER: Text = Text {
    pack: "distributed-systems-design",
    number: 2,
    partial: "The lease expired during a GC pause, so two replicas were leader at once. A shorter TTL or faster \
              renewal would avoid it, and I would check before each payment that we are still the leader.",
    strong: "A long GC pause let the lease expire while sched-0 still believed it led; a new leader started \
             and both wrote. No TTL can rule that out, because a paused process cannot know it was paused. The \
             fix is fencing: use the lease revision as a token and have the payments store refuse writes \
             carrying an older one, plus an idempotency key per merchant and period. Then reconcile the 412 \
             double payments.",
};

/// A question found in the library, with its texts.
#[derive(Clone, Copy)]
pub struct Asked {
    pub id: Uuid,
    pub time_limit_secs: i64,
    pub text: &'static Text,
}

/// Finds `texts` among the bundled packs visible to `team_id`.
pub async fn find(store: &Store, team_id: Uuid, texts: &[&'static Text]) -> anyhow::Result<Vec<Asked>> {
    let packs: HashMap<String, Uuid> = store
        .packs(team_id)
        .await?
        .into_iter()
        .filter(|p| p.bundled)
        .map(|p| (p.slug, p.id))
        .collect();
    let mut out = Vec::with_capacity(texts.len());
    for &text in texts {
        let pack = *packs
            .get(text.pack)
            .with_context(|| format!("the bundled pack `{}` is missing", text.pack))?;
        let filter = QuestionFilter {
            pack: Some(pack),
            ..QuestionFilter::default()
        };
        let question = store
            .questions(team_id, &filter)
            .await?
            .into_iter()
            .find(|q| q.number == text.number)
            .with_context(|| format!("the bundled pack `{}` has no question {}", text.pack, text.number))?;
        out.push(Asked {
            id: question.id,
            time_limit_secs: crate::routes::default_time_limit(&question.kind),
            text,
        });
    }
    Ok(out)
}

/// What the people in the room wrote in their notes, by how well it went.
pub fn note(strength: f64, pick: usize) -> &'static str {
    const STRONG: [&str; 3] = [
        "Went to the evidence first and confirmed the cause before changing anything.",
        "Reasoned out loud and named the trade-offs without being asked.",
        "Concrete about prevention: alerts, limits and follow-ups, not just the fix.",
    ];
    const MIDDLE: [&str; 3] = [
        "Found the right area but needed a hint to confirm the root cause.",
        "Good instincts; the durable fix stayed vague.",
        "Sensible mitigation, less convincing on why it works.",
    ];
    const WEAK: [&str; 3] = [
        "Reached for restarts before looking at the signals.",
        "Needed several hints and did not test the hypothesis.",
        "The proposed fix hides the symptom instead of removing the cause.",
    ];
    let notes = if strength >= 3.0 {
        &STRONG
    } else if strength >= 2.2 {
        &MIDDLE
    } else {
        &WEAK
    };
    notes[pick % notes.len()]
}
