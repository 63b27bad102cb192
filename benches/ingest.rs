//! Parse and index throughput, in MB/s of page text (criterion `Throughput::Bytes`).
//!
//! `cargo bench --bench ingest`. Parsing runs over the whole corpus; indexing (into a RAM
//! index, with the thread count and memory budget `rostra ingest` uses by default) over its
//! first pages, so that one iteration stays well under a second.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rostra::index::voices::Voices;
use rostra::index::{self, writer, IngestOptions};

/// Pages indexed per iteration of the index bench.
const INDEX_PAGES: usize = 500;

fn parse(c: &mut Criterion) {
    let pages = common::pages();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(common::bytes(&pages)));
    g.bench_function(format!("{}_pages", pages.len()), |b| {
        b.iter(|| black_box(common::parse(&pages)))
    });
    g.finish();
}

fn index(c: &mut Criterion) {
    let mut pages = common::pages();
    pages.truncate(INDEX_PAGES);
    let transcripts = common::parse(&pages);
    let opts = IngestOptions::default();
    let mut g = c.benchmark_group("index");
    // An iteration takes about half a second here: room for ten of them.
    g.measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Bytes(common::bytes(&pages)));
    g.bench_function(
        format!("{}_pages_{}_threads", pages.len(), opts.threads),
        |b| {
            b.iter(|| {
                let (idx, fields) = index::create_in_ram();
                let mut w: tantivy::IndexWriter = idx
                    .writer_with_num_threads(opts.threads, opts.memory_budget)
                    .expect("writer");
                let mut voices = Voices::default();
                for t in &transcripts {
                    writer::add_transcript(&w, &fields, &mut voices, t).expect("add");
                }
                w.commit().expect("commit");
                w.wait_merging_threads().expect("merge");
                index::stems::marks::update(&idx, fields.text).expect("marks");
                idx
            })
        },
    );
    // Parsing included, as `rostra ingest` and `rostra bench` count it.
    g.bench_function(
        format!(
            "parse_and_index_{}_pages_{}_threads",
            pages.len(),
            opts.threads
        ),
        |b| {
            b.iter(|| {
                let (idx, fields) = index::create_in_ram();
                let mut w: tantivy::IndexWriter = idx
                    .writer_with_num_threads(opts.threads, opts.memory_budget)
                    .expect("writer");
                let mut voices = Voices::default();
                for p in &pages {
                    let t = rostra::transcript::parse_text(&p.source, &p.id, &p.text);
                    writer::add_transcript(&w, &fields, &mut voices, &t).expect("add");
                }
                w.commit().expect("commit");
                w.wait_merging_threads().expect("merge");
                index::stems::marks::update(&idx, fields.text).expect("marks");
                idx
            })
        },
    );
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = parse, index
}
criterion_main!(benches);
