//! Warm search latency per query class, and the cost of highlighting one hit.
//!
//! `cargo bench --bench search`. The whole bench corpus is indexed once into RAM; each
//! iteration runs all queries of a class (throughput in queries/s, so time/element is the
//! mean latency of one query), bare top 10 and as `rostra search` prints them.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rostra::bench::{self, BenchQuery, Mode};
use rostra::hits::{self, fragment, highlight};
use rostra::index::{self, Reader, WriterOptions};
use rostra::ingest;
use rostra::query::{self, Request};

fn reader() -> Reader {
    let transcripts = common::parse(&common::pages());
    let (idx, fields) = index::create_in_ram();
    let w = index::Writer::open(&idx, &fields, &WriterOptions::default()).expect("writer");
    ingest::transcripts(w, &transcripts).expect("ingest");
    Reader::new(idx, fields).expect("reader")
}

fn request(q: &BenchQuery) -> Request {
    Request {
        query: q.query.clone(),
        ..Request::default()
    }
}

fn search(c: &mut Criterion) {
    let reader = reader();
    let searcher = reader.searcher();
    let queries = common::bench_queries();
    let mut out = Vec::new();
    let mut g = c.benchmark_group("search");
    for class in bench::queries::classes(&queries) {
        let reqs: Vec<Request> = queries
            .iter()
            .filter(|q| q.class == class)
            .map(request)
            .collect();
        g.throughput(Throughput::Elements(reqs.len() as u64));
        for (name, mode) in [("top10", Mode::Top), ("highlighted", Mode::Highlighted)] {
            g.bench_function(BenchmarkId::new(name, class), |b| {
                b.iter(|| {
                    for r in &reqs {
                        black_box(
                            bench::run_once(&searcher, &reader, r, mode, &mut out).expect("query"),
                        );
                    }
                })
            });
        }
    }
    g.finish();

    // Highlighting alone: the top 10 hits of every query, already loaded.
    let mut loaded = Vec::new();
    for q in &queries {
        let compiled = query::compile(&request(q), &reader, &searcher).expect("compile");
        let found =
            hits::search(&searcher, &reader.fields, &compiled, bench::TOP, 0).expect("search");
        loaded.push((compiled, found.hits));
    }
    let n: usize = loaded.iter().map(|(_, h)| h.len()).sum();
    let mut g = c.benchmark_group("highlight");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(format!("spans_{n}_hits"), |b| {
        b.iter(|| {
            for (compiled, hits) in &loaded {
                for h in hits {
                    black_box(highlight::spans(compiled, h.lang.as_deref(), &h.text));
                }
            }
        })
    });
    g.bench_function(format!("spans_and_passages_{n}_hits"), |b| {
        b.iter(|| {
            for (compiled, hits) in &loaded {
                for h in hits {
                    let spans = highlight::spans(compiled, h.lang.as_deref(), &h.text);
                    black_box(fragment::fragments(&h.text, &spans, bench::WIDTH));
                }
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = search
}
criterion_main!(benches);
