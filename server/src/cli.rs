//! Command line: `mockroom [serve]` and admin commands.

use clap::{Parser, Subcommand};

use crate::config::{ServeArgs, DEFAULT_DATABASE_URL};

#[derive(Debug, Parser)]
#[command(name = "mockroom", version, about = "Self-hostable mock-interview platform")]
pub struct Cli {
    /// Database URL: `sqlite:PATH` (embedded, the default) or `postgres://…`.
    #[arg(long = "database", global = true, env = "MOCKROOM_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (the default when no command is given).
    Serve(ServeArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account in a team (created if no team has that name or id).
    /// The password is read from standard input, or prompted for on a terminal.
    Create {
        /// Team name or id.
        #[arg(long)]
        team: String,
        /// owner, admin, interviewer or candidate.
        #[arg(long, default_value = "interviewer")]
        role: String,
        /// Display name (default: the part of the e-mail before `@`).
        #[arg(long)]
        name: Option<String>,
        email: String,
    },
}
