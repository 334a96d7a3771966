//! Black-box tests of the HTTP API, each run on SQLite and on PostgreSQL.

mod helpers;

mod auth;
mod calibration;
mod cli;
mod content;
mod content_cli;
mod deploy_files;
mod health;
mod practice;
mod robustness;
mod rooms;
mod teams;
