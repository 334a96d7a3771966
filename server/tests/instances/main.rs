//! Several `mockroom` processes on one PostgreSQL behave as one: a room's
//! participants spread over three instances see every change in log order,
//! concurrent actions from two instances are ordered once, timed mocks and
//! blind scoring behave as on one instance, a drained instance's clients
//! carry on elsewhere, and `kill -9` of an instance loses no acknowledged
//! event. SQLite stays single-instance and says so.
//!
//! The real binary runs as child processes (as an operator would run it).
//! PostgreSQL: `MOCKROOM_TEST_POSTGRES_URL` (default 127.0.0.1:5432/test);
//! under `CI=true` it must be there.

mod cluster;
mod crash;
#[path = "../support/databases.rs"]
mod databases;
mod deadline;
#[path = "../support/decoders.rs"]
mod decoders;
mod drain;
mod ordering;
mod propagation;
mod rejoin;
#[path = "../support/room_client.rs"]
mod room_client;
mod sqlite;
