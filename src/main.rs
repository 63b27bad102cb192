//! The `rostra` binary: parse the command line, dispatch, map errors to exit codes.
//! Exit 0: results; 1: no results; 2: an error (a broken pipe is not one).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

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
        Command::Kwic(a) => cmd::kwic::run(a, &cli.index, g),
        Command::Stats(a) => cmd::stats::run(a, &cli.index, g),
        Command::Speakers(a) => cmd::speakers::run(a, &cli.index, g),
        Command::Completions(a) => {
            let mut c = Cli::command();
            clap_complete::generate(a.shell, &mut c, "rostra", &mut std::io::stdout());
            Ok(Outcome::Found)
        }
        Command::Man => man(),
        Command::Export(a) => cmd::export::run(a, &cli.index, g),
        Command::Facets(a) => cmd::facets::run(a, &cli.index, g),
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

/// The manual page, roff, from the clap definitions (with every subcommand's help).
fn man() -> anyhow::Result<Outcome> {
    use std::io::Write;
    let c = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(c.clone()).render(&mut out)?;
    for sub in c.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("rostra-{}", sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        clap_mangen::Man::new(sub.clone()).render_description_section(&mut out)?;
        clap_mangen::Man::new(sub.clone()).render_options_section(&mut out)?;
        if let Some(after) = sub.get_after_help() {
            writeln!(out, ".PP\n{}", after.to_string().replace('\n', "\n.br\n"))?;
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
