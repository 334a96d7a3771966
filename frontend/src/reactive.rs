//! The pages' reactive pieces behind one concrete type each, as
//! [`crate::remote`] does for loads and changes: values derived from other
//! signals ([`Derived`], a Leptos `Memo`), state the pages write ([`State`],
//! a Leptos `RwSignal`) and side effects ([`effect`]).
//!
//! Why not `Memo<T>` directly: its machinery (the node that recomputes when
//! read, compares and notifies) is generic over the value and the function,
//! so every memo compiled it once more: 45 value types and some 90 call
//! sites, 66 KB of WASM before compression (measured on this app). Here the
//! value is boxed beside the function that compares it with the one before,
//! and the deriving function is boxed, so the machinery is compiled once; the
//! typed wrapper puts the type back. A `Derived::new` notifies its readers
//! only when its value changes (`PartialEq`), as a memo does. The same goes
//! for `RwSignal` ([`State`]) and `Effect` ([`effect`]).

use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

use leptos::prelude::*;

/// A derived value, erased, with the test that tells whether a new value
/// differs from the one before (equality for `Derived::new`, none for
/// `Derived::uncompared`), as a function pointer: one concrete type for
/// every memo.
struct Entry {
    value: Box<dyn Any + Send + Sync>,
    same: fn(&Entry, &Entry) -> bool,
}

type Erased = Arc<Entry>;

fn equal<T: PartialEq + 'static>(old: &Entry, new: &Entry) -> bool {
    matches!((old.value.downcast_ref::<T>(), new.value.downcast_ref::<T>()), (Some(old), Some(new)) if old == new)
}

fn never_equal(_: &Entry, _: &Entry) -> bool {
    false
}

fn erased_effect(run: Box<dyn Fn()>) {
    Effect::new(move |_| run());
}

/// Runs `run` on the next tick and again whenever a signal it read changes,
/// while the component that called it lives (a Leptos `Effect`, whose task
/// and loop were otherwise compiled once per effect: 26 of them, 0.5 KB each).
pub fn effect(run: impl Fn() + 'static) {
    erased_effect(Box::new(run));
}

/// The memo's test: readers are notified unless the new value equals the old.
fn changed(old: Option<&Erased>, new: Option<&Erased>) -> bool {
    match (old, new) {
        (Some(old), Some(new)) => !(new.same)(old, new),
        _ => true,
    }
}

fn erased_memo(derive: Box<dyn Fn() -> Erased + Send + Sync>) -> Memo<Erased> {
    Memo::new_with_compare(move |_| derive(), changed)
}

/// The `T` behind `erased`, which `Derived<T>` put there.
fn typed<T: 'static>(erased: &Erased) -> &T {
    match erased.value.downcast_ref::<T>() {
        Some(value) => value,
        // Unreachable: only `Derived<T>::new` stores, and only a `T`.
        None => unreachable!("a derived value of another type"),
    }
}

/// A value computed from signals, recomputed when they change and read like
/// a memo (`get`, `with`, tracked or not).
pub struct Derived<T> {
    inner: Memo<Erased>,
    _value: PhantomData<fn() -> T>,
}

impl<T> Clone for Derived<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Derived<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Derived<T> {
    /// Readers are notified when the value changes (`PartialEq`).
    pub fn new(derive: impl Fn() -> T + Send + Sync + 'static) -> Self {
        Derived::erased(derive, equal::<T>)
    }
}

impl<T: Clone + Send + Sync + 'static> Derived<T> {
    /// Readers are notified whenever a signal `derive` reads changes, without
    /// comparing values: for data a page loads (lists of members, a question,
    /// a timeline), which changes only when it is loaded again and whose
    /// comparison would be compiled for nothing.
    pub fn uncompared(derive: impl Fn() -> T + Send + Sync + 'static) -> Self {
        Derived::erased(derive, never_equal)
    }

    fn erased(derive: impl Fn() -> T + Send + Sync + 'static, same: fn(&Entry, &Entry) -> bool) -> Self {
        Derived {
            inner: erased_memo(Box::new(move || {
                Arc::new(Entry {
                    value: Box::new(derive()),
                    same,
                })
            })),
            _value: PhantomData,
        }
    }

    /// The value (tracked).
    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    /// The value, without tracking it.
    pub fn get_untracked(&self) -> T {
        self.with_untracked(T::clone)
    }

    /// Reads the value in place (tracked).
    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.inner.with(|value| read(typed(value)))
    }

    /// Reads the value in place, without tracking it.
    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.inner.with_untracked(|value| read(typed(value)))
    }
}

type Boxed = Box<dyn Any + Send + Sync>;

fn erased_signal(value: Boxed) -> RwSignal<Boxed> {
    RwSignal::new(value)
}

fn boxed_ref<T: 'static>(boxed: &Boxed) -> &T {
    match boxed.downcast_ref::<T>() {
        Some(value) => value,
        // Unreachable: only `State<T>` stores, and only a `T`.
        None => unreachable!("a state of another type"),
    }
}

fn boxed_mut<T: 'static>(boxed: &mut Boxed) -> &mut T {
    match boxed.downcast_mut::<T>() {
        Some(value) => value,
        None => unreachable!("a state of another type"),
    }
}

/// A value a page holds and changes, read like a signal (`get`, `with`,
/// tracked or not) and written with `set` or `update`, which notify its
/// readers. A Leptos `RwSignal` is generic over its value, and its
/// machinery (reads, writes, notifying, the arena slot) was compiled once
/// per value type the pages keep: here it is compiled once, for a boxed
/// value (strings and flags, bound to form fields with `bind:`, stay
/// `RwSignal`s: those two types are compiled anyway).
pub struct State<T> {
    inner: RwSignal<Boxed>,
    _value: PhantomData<fn() -> T>,
}

impl<T> Clone for State<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for State<T> {}

impl<T: Clone + Send + Sync + 'static> State<T> {
    pub fn new(value: T) -> Self {
        State {
            inner: erased_signal(Box::new(value)),
            _value: PhantomData,
        }
    }

    /// The value (tracked).
    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    /// The value, without tracking it.
    pub fn get_untracked(&self) -> T {
        self.with_untracked(T::clone)
    }

    /// Reads the value in place (tracked).
    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.inner.with(|value| read(boxed_ref(value)))
    }

    /// Reads the value in place, without tracking it.
    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.inner.with_untracked(|value| read(boxed_ref(value)))
    }

    /// Replaces the value and notifies its readers.
    pub fn set(&self, value: T) {
        self.inner.set(Box::new(value));
    }

    /// Changes the value in place and notifies its readers.
    pub fn update(&self, change: impl FnOnce(&mut T)) {
        self.inner.update(|value| change(boxed_mut(value)));
    }

    /// Sets the value if the signal still exists (its owner may have been
    /// dropped, as when a timer fires after its page is gone); `false` if not.
    pub fn try_set(&self, value: T) -> bool {
        self.inner.try_set(Box::new(value)).is_none()
    }

    /// Subscribes the running effect to changes without reading the value.
    pub fn track(&self) {
        self.inner.track();
    }
}

/// For components that take any signal (`#[prop(into)] x: Signal<T>`).
impl<T: Clone + Send + Sync + 'static> From<State<T>> for Signal<T> {
    fn from(state: State<T>) -> Self {
        Signal::derive(move || state.get())
    }
}

/// For components that take any signal (`#[prop(into)] x: Signal<T>`).
impl<T: Clone + Send + Sync + 'static> From<Derived<T>> for Signal<T> {
    fn from(derived: Derived<T>) -> Self {
        Signal::derive(move || derived.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_compare_by_type_and_equality() {
        let entry = |value: Box<dyn Any + Send + Sync>, same| Arc::new(Entry { value, same });
        let one = entry(Box::new(1_u32), equal::<u32>);
        let also_one = entry(Box::new(1_u32), equal::<u32>);
        let two = entry(Box::new(2_u32), equal::<u32>);
        let text = entry(Box::new(String::from("1")), equal::<String>);
        assert!(!changed(Some(&one), Some(&also_one)));
        assert!(changed(Some(&one), Some(&two)));
        assert!(changed(Some(&one), Some(&text)));
        assert!(changed(None, Some(&one)));
        assert_eq!(*typed::<u32>(&two), 2);
        // Uncompared: every new value notifies, even an equal one.
        let one_again = entry(Box::new(1_u32), never_equal);
        assert!(changed(Some(&one), Some(&one_again)));
    }
}
