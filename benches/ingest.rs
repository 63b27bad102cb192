//! Parse and index throughput, in MB/s of page text (criterion `Throughput::Bytes`).
//!
//! `cargo bench --bench ingest`. Parsing runs over the whole corpus; indexing (into a RAM
//! index through `index::Writer`, with the thread count, memory budget and merge policy
//! `rostra ingest` uses by default) over its first pages, so that one iteration stays well
//! under a second.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rostra::index::{self, WriterOptions};
use rostra::ingest::{self, Origin, Sink};

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
    let opts = WriterOptions::default();
    let mut g = c.benchmark_group("index");
    // An iteration takes about half a second here: room for ten of them.
    g.measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Bytes(common::bytes(&pages)));
    g.bench_function(
        format!("{}_pages_{}_threads", pages.len(), opts.threads),
        |b| {
            b.iter(|| {
                let (idx, fields) = index::create_in_ram();
                let w = index::Writer::open(&idx, &fields, &opts).expect("writer");
                ingest::transcripts(w, &transcripts).expect("ingest");
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
                let mut w = index::Writer::open(&idx, &fields, &opts).expect("writer");
                for p in &pages {
                    for t in p.parse().transcripts {
                        let origin = Origin {
                            source: &t.source,
                            hash: "",
                            bytes: 0,
                        };
                        w.add(&t, &origin).expect("add");
                    }
                }
                w.finish().expect("commit");
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
