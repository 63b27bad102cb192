//! Fuzz target `query`: any bytes → (UTF-8) query text → parse → compile → search over a
//! small in-RAM index → render. It must never panic. `cargo +nightly fuzz run query`.

#![no_main]

use libfuzzer_sys::{fuzz_target, Corpus};

// The outcome's details are read by the stable smoke test `tests/integration/query_props.rs`.
#[allow(dead_code)]
#[path = "../src/query.rs"]
mod query;

fuzz_target!(|data: &[u8]| -> Corpus {
    match query::run(data) {
        // Not a query anyone can type: keep it out of the corpus.
        query::Outcome::NotUtf8 => Corpus::Reject,
        _ => Corpus::Keep,
    }
});
