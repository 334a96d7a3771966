use anyhow::Context;
use clap::Parser;
use std::process::ExitCode;

use mockroom::cli::{Cli, Command, ContentCommand, UserCommand};
use mockroom::config::{Config, ServeArgs};

#[derive(Parser)]
struct Defaults {
    #[command(flatten)]
    args: ServeArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Content(ContentCommand::Check { json, paths })) => mockroom::content::cli::check(&paths, json),
        Some(Command::Content(ContentCommand::Import { team, bundled, paths })) => {
            mockroom::telemetry::init_tracing("warn");
            mockroom::content::cli::import(&cli.database_url, &paths, team.as_deref(), bundled).await
        }
        None => {
            // `mockroom` alone is `mockroom serve` with its defaults (and env vars).
            let Defaults { args } = Defaults::parse_from(["mockroom"]);
            serve(cli.database_url, args).await.map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Serve(args)) => serve(cli.database_url, args).await.map(|()| ExitCode::SUCCESS),
        Some(Command::Demo) => {
            mockroom::telemetry::init_tracing("warn");
            mockroom::demo::run(&cli.database_url).await.map(|()| ExitCode::SUCCESS)
        }
        Some(Command::User(UserCommand::Create {
            team,
            role,
            name,
            email,
        })) => {
            mockroom::telemetry::init_tracing("warn");
            mockroom::admin::create_user(&cli.database_url, &team, &role, name.as_deref(), &email)
                .await
                .map(|()| ExitCode::SUCCESS)
        }
    }
}

async fn serve(database_url: String, args: ServeArgs) -> anyhow::Result<()> {
    mockroom::telemetry::init_tracing(&args.log);
    // Before the listener: every connection is a file descriptor.
    if let Some(limit) = mockroom::serve::raise_fd_limit() {
        tracing::debug!(limit, "open-file limit");
    }
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let addr = listener.local_addr()?;
    // A second server on the same SQLite file stops here, before saying it listens.
    let _only_server = mockroom::single_instance::claim(&database_url)?;
    if args.demo {
        // Before the banner, so that the accounts are printed above the URL.
        mockroom::demo::run(&database_url).await?;
    }
    let config = Config::from_args(database_url, &args);
    // Printed, not logged: scripts and people look for this line.
    println!("Mockroom is listening on http://{addr}");
    mockroom::launch(listener, config, mockroom::shutdown_signal()).await
}
