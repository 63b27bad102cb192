//! rostra's one integration-test binary (ripgrep's shape): every module below shares the
//! harness in `util.rs` and links tantivy once.

mod util;

mod bench_cli;
mod charts;
mod cli;
mod corpus;
mod crash;
mod debates;
mod diskfull;
mod durability;
mod facets;
mod grep;
mod hostile;
mod html;
mod html_cli;
mod matching;
mod parlamint;
mod printed;
mod query_props;
mod readonly;
mod registry;
mod research;
mod streams;
mod transcript_props;
