//! Argon2id password hashing as a bounded resource.
//!
//! Each hash needs 19 MiB of working memory and tens of milliseconds of CPU.
//! Run on tokio's blocking pool with no bound, a storm of bad logins made the
//! process allocate one such block per concurrent attempt (GiBs), and glibc
//! kept the freed arenas. Here a fixed number of dedicated threads each own one
//! preallocated block that every hash reuses, so hashing memory is
//! `threads × 19 MiB`, allocated once. Jobs wait in a short queue; when it is
//! full the caller is refused at once ([`HashError::Busy`]) instead of piling
//! up. The threads run at the lowest CPU priority (nice 19) so interactive
//! requests win the cores while a storm lasts.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use subtle::ConstantTimeEq;
use tokio::sync::oneshot;

/// OWASP's minimum for Argon2id: 19 MiB of memory, 2 passes, 1 lane.
pub const MEMORY_KIB: u32 = 19_456;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;
const OUTPUT_LEN: usize = 32;
/// Stored hashes with bigger memory parameters than this are refused rather
/// than letting a tampered row make a worker allocate without bound.
const MAX_FOREIGN_MEMORY_KIB: u32 = 4 * MEMORY_KIB;
/// Niceness of the hashing threads (0 is normal, 19 the lowest priority).
const HASHING_NICE: i32 = 19;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every worker is busy and the queue is full: try again shortly.
    #[error("password hashing is saturated")]
    Busy { retry_after: Duration },
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

enum Job {
    Hash {
        password: String,
        reply: oneshot::Sender<anyhow::Result<String>>,
    },
    Verify {
        candidate: String,
        /// `None`: no such account; the same work is done against nothing.
        stored: Option<String>,
        reply: oneshot::Sender<anyhow::Result<bool>>,
    },
}

/// The hashing pool: `threads` workers fed by a queue of `queue` jobs.
#[derive(Debug)]
pub struct Hasher {
    jobs: SyncSender<Job>,
    threads: usize,
    queue: usize,
    /// Jobs queued or running, to tell saturation before doing work for nothing.
    pending: Arc<AtomicUsize>,
}

/// Default number of hashing threads: half the cores (at least one, at most
/// eight), so a login storm never takes every core from other requests.
pub fn default_hash_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores / 2).clamp(1, 8)
}

impl Hasher {
    /// Starts `threads` workers (at least one) with room for `queue` waiting jobs.
    pub fn start(threads: usize, queue: usize) -> anyhow::Result<Hasher> {
        let threads = threads.max(1);
        let (jobs, inbox) = sync_channel::<Job>(queue);
        let inbox = Arc::new(Mutex::new(inbox));
        let pending = Arc::new(AtomicUsize::new(0));
        for i in 0..threads {
            let (inbox, pending) = (inbox.clone(), pending.clone());
            std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || worker(&inbox, &pending))
                .map_err(|e| anyhow::anyhow!("cannot start a password hashing thread: {e}"))?;
        }
        Ok(Hasher {
            jobs,
            threads,
            queue,
            pending,
        })
    }

    /// Every thread busy and the queue full: a job submitted now would be
    /// refused (a hint; [`Hasher::verify`] decides).
    pub fn saturated(&self) -> bool {
        self.pending.load(Ordering::Relaxed) >= self.threads + self.queue
    }

    pub fn threads(&self) -> usize {
        self.threads
    }

    fn submit(&self, job: Job) -> Result<(), HashError> {
        self.pending.fetch_add(1, Ordering::Relaxed);
        let sent = self.jobs.try_send(job);
        if sent.is_err() {
            self.pending.fetch_sub(1, Ordering::Relaxed);
        }
        match sent {
            Ok(()) => Ok(()),
            // A second is a few dozen hashes: enough for the queue to drain.
            Err(TrySendError::Full(_)) => Err(HashError::Busy {
                retry_after: Duration::from_secs(1),
            }),
            Err(TrySendError::Disconnected(_)) => Err(anyhow::anyhow!("password hashing threads are gone").into()),
        }
    }

    /// Queues the hash of a new password (PHC string with salt and parameters).
    /// Returns once queued: the outer future waits for the worker.
    pub fn hash(
        &self,
        password: String,
    ) -> Result<impl std::future::Future<Output = Result<String, HashError>>, HashError> {
        let (reply, answer) = oneshot::channel();
        self.submit(Job::Hash { password, reply })?;
        Ok(async move {
            answer
                .await
                .map_err(|_| anyhow::anyhow!("hashing worker dropped the job"))?
                .map_err(Into::into)
        })
    }

    /// Queues a check of `candidate` against the stored hash, or against
    /// nothing (`None`, no such account) at the same cost.
    pub fn verify(
        &self,
        candidate: String,
        stored: Option<String>,
    ) -> Result<impl std::future::Future<Output = Result<bool, HashError>>, HashError> {
        let (reply, answer) = oneshot::channel();
        self.submit(Job::Verify {
            candidate,
            stored,
            reply,
        })?;
        Ok(async move {
            answer
                .await
                .map_err(|_| anyhow::anyhow!("hashing worker dropped the job"))?
                .map_err(Into::into)
        })
    }
}

fn params() -> Params {
    // These constants are valid Argon2 parameters; `new` only fails on out-of-range values.
    Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, Some(OUTPUT_LEN)).unwrap_or_default()
}

fn worker(inbox: &Mutex<Receiver<Job>>, pending: &AtomicUsize) {
    lower_priority();
    // The one working memory of this thread, reused by every hash.
    let mut memory = vec![Block::default(); params().block_count()];
    loop {
        // Only one idle worker waits on the channel; the others wait for the lock.
        let job = match inbox.lock() {
            Ok(inbox) => inbox.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(job) = job else {
            return; // The server is gone.
        };
        match job {
            Job::Hash { password, reply } => {
                if !reply.is_closed() {
                    let _ = reply.send(hash_with(&mut memory, password.as_bytes()));
                }
            }
            Job::Verify {
                candidate,
                stored,
                reply,
            } => {
                // A caller that gave up (timeout, disconnect) costs no hash.
                if !reply.is_closed() {
                    let _ = reply.send(verify_with(&mut memory, candidate.as_bytes(), stored.as_deref()));
                }
            }
        }
        pending.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(target_os = "linux")]
fn lower_priority() {
    // On Linux `PRIO_PROCESS` with id 0 applies to the calling thread only.
    // SAFETY: setpriority has no memory-safety preconditions.
    let rc = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, HASHING_NICE) };
    if rc != 0 {
        tracing::debug!("could not lower the priority of a hashing thread");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

fn hash_with(memory: &mut [Block], password: &[u8]) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt
        .decode_b64(&mut salt_bytes)
        .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
    let output = Output::init_with(OUTPUT_LEN, |out| {
        argon2
            .hash_password_into_with_memory(password, salt_bytes, out, &mut *memory)
            .map_err(|_| argon2::password_hash::Error::Crypto)
    })
    .map_err(|e| anyhow::anyhow!("hashing password: {e}"))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: (&params()).try_into().map_err(|e| anyhow::anyhow!("parameters: {e}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(hash.to_string())
}

/// Re-derives the hash with the stored salt and parameters and compares in
/// constant time. With no stored hash, derives against a random salt and
/// answers `false`: the same work, so timing does not reveal accounts.
fn verify_with(memory: &mut [Block], candidate: &[u8], stored: Option<&str>) -> anyhow::Result<bool> {
    let Some(stored) = stored else {
        let _ = hash_with(memory, candidate)?;
        return Ok(false);
    };
    let parsed = PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("stored hash is malformed: {e}"))?;
    let algorithm = Algorithm::try_from(parsed.algorithm).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?,
        None => Version::default(),
    };
    let params = Params::try_from(&parsed).map_err(|e| anyhow::anyhow!("stored hash parameters: {e}"))?;
    let expected = parsed
        .hash
        .ok_or_else(|| anyhow::anyhow!("stored hash has no output"))?;
    let salt = parsed.salt.ok_or_else(|| anyhow::anyhow!("stored hash has no salt"))?;
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt
        .decode_b64(&mut salt_bytes)
        .map_err(|e| anyhow::anyhow!("stored salt: {e}"))?;
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut derived = vec![0u8; expected.len()];
    let result = if params.block_count() <= memory.len() {
        argon2.hash_password_into_with_memory(candidate, salt_bytes, &mut derived, &mut memory[..params.block_count()])
    } else if params.m_cost() <= MAX_FOREIGN_MEMORY_KIB {
        // A hash made with other parameters (an older install): a one-off block.
        let mut bigger = vec![Block::default(); params.block_count()];
        argon2.hash_password_into_with_memory(candidate, salt_bytes, &mut derived, &mut bigger)
    } else {
        anyhow::bail!("stored hash asks for {} KiB of memory", params.m_cost());
    };
    result.map_err(|e| anyhow::anyhow!("verifying password: {e}"))?;
    Ok(bool::from(derived.as_slice().ct_eq(expected.as_bytes())))
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    use super::*;

    fn stock() -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
    }

    #[tokio::test]
    async fn hashes_with_argon2id_and_the_stated_parameters() {
        let pool = Hasher::start(1, 4).expect("pool");
        let hash = pool
            .hash("correct horse battery".into())
            .expect("queued")
            .await
            .expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        let verify = |c: &str, s: Option<String>| pool.verify(c.into(), s).expect("queued");
        assert!(verify("correct horse battery", Some(hash.clone()))
            .await
            .expect("verify"));
        assert!(!verify("wrong", Some(hash.clone())).await.expect("verify"));
        assert!(!verify("anything", None).await.expect("verify"));

        // Interoperable with the reference implementation, both ways.
        let parsed = PasswordHash::new(&hash).expect("phc");
        assert!(stock().verify_password(b"correct horse battery", &parsed).is_ok());
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let theirs = stock()
            .hash_password(b"tr0ub4dor&3 horse", &salt)
            .expect("stock hash")
            .to_string();
        assert!(verify("tr0ub4dor&3 horse", Some(theirs.clone())).await.expect("verify"));
        assert!(!verify("tr0ub4dor&3 horsE", Some(theirs)).await.expect("verify"));
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once() {
        let pool = Hasher::start(1, 1).expect("pool");
        let mut queued = Vec::new();
        let mut refused = 0;
        for _ in 0..6 {
            match pool.verify("x".into(), None) {
                Ok(answer) => queued.push(answer),
                Err(HashError::Busy { retry_after }) => {
                    assert!(retry_after >= Duration::from_secs(1));
                    refused += 1;
                }
                Err(other) => panic!("{other}"),
            }
        }
        assert!(refused >= 4, "one running and one queued at most, {refused} refused");
        for answer in queued {
            assert!(!answer.await.expect("verify"));
        }
    }

    #[tokio::test]
    async fn malformed_stored_hashes_are_errors_not_panics() {
        let pool = Hasher::start(1, 4).expect("pool");
        for bad in ["", "plain", "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$aGFzaA"] {
            let answer = pool.verify("x".into(), Some(bad.into())).expect("queued").await;
            assert!(answer.is_err(), "{bad:?}");
        }
    }
}
