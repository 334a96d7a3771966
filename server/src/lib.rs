//! Mockroom's server: an axum JSON API over SQLite or PostgreSQL that also
//! serves the embedded Leptos frontend.

pub mod admin;
pub mod app;
mod assets;
pub mod auth;
pub mod calibration;
pub mod cli;
pub mod clock;
pub mod config;
pub mod content;
pub mod demo;
pub mod domain;
pub mod error;
pub mod extract;
mod openapi;
pub mod practice;
pub mod room;
mod routes;
pub mod serve;
pub mod single_instance;
pub mod state;
pub mod store;
mod store_errors;
pub mod telemetry;

pub use app::{launch, openapi, router, shutdown_signal};
pub use config::Config;
