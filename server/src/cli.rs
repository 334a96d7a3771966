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
    /// Check and import question packs (Markdown interview guides).
    #[command(subcommand)]
    Content(ContentCommand),
    /// Create the demo team "Demo team (sample data)": interviewers, six weeks
    /// of scored interviews, drills and a candidate's practice, so every screen
    /// has figures. Its accounts' password is public (printed). Does nothing if
    /// the demo exists.
    Demo,
}

#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    /// Check guides (files or folders) and print `file:line:col: error|warning: message`.
    /// Exits 1 when any guide has an error.
    Check {
        /// Print one JSON object per file instead.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
    },
    /// Import guides into the database as packs (a changed file becomes a new version).
    Import {
        /// Team name or id that will own the packs.
        #[arg(long)]
        team: Option<String>,
        /// Import as bundled packs, visible to every team.
        #[arg(long)]
        bundled: bool,
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
    },
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
