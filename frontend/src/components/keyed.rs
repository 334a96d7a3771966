//! `keyed`: Leptos's `<For>`, compiled once.

use std::any::Any;
use std::sync::Arc;

use leptos::prelude::*;

/// What tells one row from another: an id (a `Uuid`'s bits, or an index)
/// and, where a row must be redrawn when something else about it changes,
/// that too as a number (a role, a status, flags).
pub type RowKey = (u128, u32);

type Item = Box<dyn Any + Send + Sync>;
type Rows = Vec<(RowKey, Item)>;

fn erased_keyed(each: Box<dyn Fn() -> Rows + Send + Sync>, row: Arc<dyn Fn(Item) -> AnyView + Send + Sync>) -> AnyView {
    view! { <For each=move || each() key=|(key, _)| *key children=move |(_, item)| row(item)/> }.into_any()
}

/// The rows of `each`, one `row` view per item, keyed by `key` as `<For>`
/// keys them: a row whose key stays is kept as it is drawn, a new key draws
/// a row, a key gone removes one. `<For>` is generic over the items, their
/// keys, the function that lists them and the row's view, and its keyed
/// diffing was compiled once per list (six of them, about 3 KB of WASM
/// each); here all of that is erased and compiled once.
pub fn keyed<T: Send + Sync + 'static>(
    each: impl Fn() -> Vec<T> + Send + Sync + 'static,
    key: fn(&T) -> RowKey,
    row: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    erased_keyed(
        Box::new(move || {
            each()
                .into_iter()
                .map(|item| (key(&item), Box::new(item) as Item))
                .collect()
        }),
        Arc::new(move |item: Item| match item.downcast::<T>() {
            Ok(item) => row(*item),
            // Unreachable: `each` above boxes only `T`s.
            Err(_) => unreachable!("a row of another type"),
        }),
    )
}
