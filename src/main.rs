//! The `rostra` binary: parse the command line, dispatch, map errors to exit codes.
//! Exit 0: results; 1: no results; 2: an error (a broken pipe is not one).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command};
use cmd::{Global, Outcome};

fn main() -> ExitCode {
    tune_malloc();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A value its option refuses (`--limit 0`): one line, as rostra's own errors are.
        Err(e) if e.kind() == clap::error::ErrorKind::ValueValidation => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            eprintln!("rostra: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
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
        // Nobody of that name: nothing found, as grep says it.
        Err(e) if is_no_speaker(&e) => {
            eprintln!("rostra: {e:#}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("rostra: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Large allocations always from `mmap`, so that they go back to the system when freed.
/// glibc raises its mmap threshold (from 128 KB up to 32 MB) each time a mapped block is
/// freed; after that, an ingest's large per-batch buffers come from the heap, whose freed
/// pages it keeps, and a JSON Lines ingest's peak memory grew with its input (343 MB at
/// 1 GB, 379–459 MB at 2 GB; fixed at 128 KB: 223 MB and 257 MB, the difference being the
/// run's map of page ids, at the same speed; issue 13 §6). A `MALLOC_MMAP_THRESHOLD_` in the
/// environment is glibc's own setting, and wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_malloc() {
    if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
        // SAFETY: mallopt only sets a parameter of the allocator; called before any other
        // thread is started. A refusal (it returns 0) leaves glibc's default.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 128 << 10);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_malloc() {}

/// The manual page, roff, from the clap definitions: rostra's own sections, then one section
/// per command (its description, options and examples) — one page, so it names no
/// `rostra-search(1)` pages, which are not installed — then the environment and exit status.
fn man() -> anyhow::Result<Outcome> {
    use std::io::Write;
    let c = Cli::command();
    let page = clap_mangen::Man::new(c.clone());
    let mut out = std::io::stdout().lock();
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    page.render_options_section(&mut out)?;
    let subs: Vec<&clap::Command> = c.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    writeln!(out, ".SH COMMANDS")?;
    for sub in &subs {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(
            out,
            ".TP\n\\fBrostra {}\\fR\n{}",
            sub.get_name(),
            roff_text(&about)
        )?;
    }
    writeln!(out, ".PP\nEach command is described in its section below.")?;
    for sub in &subs {
        writeln!(out, ".SH \"ROSTRA {}\"", sub.get_name().to_uppercase())?;
        clap_mangen::Man::new((*sub).clone()).render_description_section(&mut out)?;
        clap_mangen::Man::new((*sub).clone()).render_options_section(&mut out)?;
        if let Some(after) = sub.get_after_help() {
            writeln!(
                out,
                ".PP\n{}",
                roff_text(&after.to_string()).replace('\n', "\n.br\n")
            )?;
        }
    }
    page.render_extra_section(&mut out)?;
    writeln!(out, ".SH ENVIRONMENT")?;
    for arg in c.get_arguments() {
        if let (Some(env), Some(long)) = (arg.get_env(), arg.get_long()) {
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            writeln!(
                out,
                ".TP\n\\fB{}\\fR\n{} (the same as \\fB\\-\\-{long}\\fR, which takes precedence).",
                env.to_string_lossy(),
                roff_text(help.trim_end_matches('.')),
            )?;
        }
    }
    writeln!(
        out,
        ".TP\n\\fBNO_COLOR\\fR\nWhen set and not empty, \\fB\\-\\-color auto\\fR does not colour."
    )?;
    writeln!(
        out,
        ".SH \"EXIT STATUS\"\n0 if something was found, 1 if nothing was, 2 on an error."
    )?;
    page.render_version_section(&mut out)?;
    out.flush()?;
    Ok(Outcome::Found)
}

/// Text for a roff line: backslashes and hyphens escaped, no line starting with a control
/// character.
fn roff_text(s: &str) -> String {
    s.replace('\\', "\\e")
        .replace('-', "\\-")
        .lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_no_speaker(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<rostra::Error>(),
            Some(rostra::Error::NoSpeaker { .. })
        )
    })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
