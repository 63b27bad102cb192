//! The `rostra` binary: parse the command line, dispatch, map errors to exit codes.
//! Exit 0: results; 1: no results; 2: an error (a broken pipe is not one).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use cmd::{Global, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let g = Global::new(cli.color, cli.quiet);
    let result = match &cli.cmd {
        Command::Parse(a) => cmd::parse::run(a, g),
        Command::Ingest(a) => cmd::ingest::run(a, &cli.index, g),
        Command::Search(a) => cmd::search::run(a, &cli.index, g),
        Command::Show(a) => cmd::show::run(a, &cli.index, g),
        Command::Export(a) => cmd::export::run(a, &cli.index, g),
        Command::Verify(a) => cmd::verify::run(a, &cli.index, g),
        Command::Bench(a) => cmd::bench::run(a, g),
    };
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NotFound) => ExitCode::from(1),
        Ok(Outcome::Partial) => ExitCode::from(2),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rostra: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
