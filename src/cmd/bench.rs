//! `rostra bench`: ingest and query figures on a corpus, into a fresh index.

use anyhow::{bail, Result};

use super::{Global, Outcome};
use crate::cli::BenchArgs;

pub fn run(_args: &BenchArgs, _g: Global) -> Result<Outcome> {
    bail!("rostra bench is not built yet")
}
