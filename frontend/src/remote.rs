//! Data the pages load ([`Load`], a Leptos `LocalResource`) and changes they
//! make ([`Mutation`], a Leptos `Action`), each behind one concrete type.
//!
//! Why not use `LocalResource<T>` and `Action<I, O>` directly: their
//! machinery is generic over the value and the future, so every page's data
//! type compiled it once more (measured on this app: about 9 KiB of WASM per
//! resource type and 4 KiB per action type, 47 KiB gzip in all). Here the
//! value is an `Arc<dyn Any>` and the future is boxed, so the machinery is
//! compiled once; the typed wrappers put the type back, and reading is as
//! reactive as before (a `Load` read under `Suspense`/`Transition` is waited for).

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

type Erased = Arc<dyn Any + Send + Sync>;
type ErasedFuture = Pin<Box<dyn Future<Output = Erased>>>;

fn erase<T: Send + Sync + 'static>(value: T) -> Erased {
    Arc::new(value)
}

/// The value behind `erased`, which its typed wrapper put there.
fn typed<T: Clone + 'static>(erased: &Erased) -> T {
    match erased.downcast_ref::<T>() {
        Some(value) => value.clone(),
        // Unreachable: only `Load<T>` / `Mutation<_, T>` store, and only a `T`.
        None => unreachable!("a remote value of another type"),
    }
}

fn erased_resource(fetch: Box<dyn Fn() -> ErasedFuture>) -> LocalResource<Erased> {
    LocalResource::new(fetch)
}

fn erased_action(run: Box<dyn Fn(&Erased) -> ErasedFuture>) -> Action<Erased, Erased> {
    Action::new_local(move |input: &Erased| run(input))
}

/// Data a page loads: fetched again whenever a signal read by `fetch` (before
/// its first `.await`) changes, the newest load superseding one in flight.
pub struct Load<T> {
    inner: LocalResource<Erased>,
    _value: PhantomData<fn() -> T>,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Load<T> {}

impl<T: Clone + Send + Sync + 'static> Load<T> {
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let inner = erased_resource(Box::new(move || {
            let loading = fetch();
            Box::pin(async move { erase(loading.await) })
        }));
        Load {
            inner,
            _value: PhantomData,
        }
    }

    /// `None` until the first load ends, then the latest outcome (tracked).
    pub fn get(&self) -> Option<T> {
        self.inner.get().map(|v| typed(&v))
    }

    /// Loads again (after a change elsewhere).
    pub fn refetch(&self) {
        self.inner.refetch();
    }
}

/// A change a page makes: `dispatch` runs it, and the latest outcome, whether
/// one is running and how many have ended are tracked reads.
pub struct Mutation<I, O> {
    inner: Action<Erased, Erased>,
    _types: PhantomData<fn(I) -> O>,
}

impl<I, O> Clone for Mutation<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Mutation<I, O> {}

impl<I, O> Mutation<I, O>
where
    I: Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    pub fn new<Fut>(run: impl Fn(I) -> Fut + 'static) -> Self
    where
        Fut: Future<Output = O> + 'static,
    {
        let inner = erased_action(Box::new(move |input: &Erased| {
            let running = run(typed(input));
            Box::pin(async move { erase(running.await) })
        }));
        Mutation {
            inner,
            _types: PhantomData,
        }
    }

    pub fn dispatch(&self, input: I) {
        self.inner.dispatch_local(erase(input));
    }

    /// The outcome of the latest run that ended, if any.
    pub fn value(&self) -> Option<O> {
        self.inner.value().get().map(|v| typed(&v))
    }

    /// Whether a run is under way.
    pub fn pending(&self) -> bool {
        self.inner.pending().get()
    }

    /// Tracks the runs that ended (a load reading it reloads after each).
    pub fn track_runs(&self) {
        self.inner.version().track();
    }
}
