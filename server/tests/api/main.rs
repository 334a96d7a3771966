//! Black-box tests of the HTTP API, each run on SQLite and on PostgreSQL.

#[path = "../support/databases.rs"]
mod databases;
#[path = "../support/decoders.rs"]
mod decoders;
mod helpers;
#[path = "../support/room_client.rs"]
mod room_client;

mod answer_language;
mod auth;
mod calibration;
mod cli;
mod code_exercises;
mod content;
mod content_cli;
mod demo;
mod deploy_files;
mod health;
mod practice;
mod robustness;
mod room_budgets;
mod room_trust;
mod rooms;
mod teams;
