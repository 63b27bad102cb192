//! rostra's one integration-test binary (ripgrep's shape): every module below shares the
//! harness in `util.rs` and links tantivy once.

mod util;

mod bench_cli;
mod cli;
mod corpus;
mod crash;
mod durability;
mod facets;
mod hostile;
mod html;
mod html_cli;
mod matching;
mod printed;
mod query_props;
mod readonly;
mod research;
mod transcript_props;
