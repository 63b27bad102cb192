//! One module per subcommand: each turns its arguments into plain library types, calls
//! the library, and renders. `main.rs` only dispatches.

pub mod bench;
pub mod export;
pub mod ingest;
pub mod parse;
pub mod search;
pub mod show;
pub mod verify;

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::ColorChoice;
use rostra::render::Color;

/// What a command found, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Results (exit 0).
    Found,
    /// Nothing matched (exit 1).
    NotFound,
    /// It ran, but some input was bad and was skipped (exit 2).
    Partial,
}

/// Settings every command shares.
#[derive(Debug, Clone, Copy)]
pub struct Global {
    pub color: Color,
    pub quiet: bool,
}

impl Global {
    pub fn new(choice: ColorChoice, quiet: bool) -> Global {
        let color = match choice {
            ColorChoice::Always => Color::On,
            ColorChoice::Never => Color::Off,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                if std::io::stdout().is_terminal() && !no_color {
                    Color::On
                } else {
                    Color::Off
                }
            }
        };
        Global { color, quiet }
    }

    /// A progress bar on stderr, hidden when stderr is not a terminal or with --quiet.
    pub fn progress(&self, hidden: bool) -> ProgressBar {
        if self.quiet || hidden || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} ingest [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        bar
    }

    /// A note on stderr, unless --quiet.
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            eprintln!("rostra: {msg}");
        }
    }
}
