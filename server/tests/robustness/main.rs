//! Attacks on a real `mockroom` process, one module per attack, each run on
//! SQLite and on PostgreSQL. The server runs as a child process (see
//! [`server::spawn_server`]) so its memory can be read from `/proc`, and
//! clients bind source addresses 127.0.0.2… (all loopback on Linux) to look
//! like many machines. Assertions are the limits of issue 11; the precise
//! latency and memory figures come from `loadgen`'s `login_storm` benchmark.
//!
//! To add an attack: a module with an `on_both_backends!` block that starts
//! its own server with `spawn_server(backend, &[…env…])`.

#[path = "../support/databases.rs"]
mod databases;
mod server;

mod idle_flood;
mod lockout;
mod login_storm;
mod request_shapes;
mod slow_headers;
