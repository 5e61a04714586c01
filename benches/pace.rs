//! The projection of DESIGN.md section 5 (the estimate of every spell, each
//! review's outlook and the gates) beside the figures of `stats`, on the
//! demo desk (scale 1) and a desk a hundred times its size. Run: `cargo
//! bench --bench pace`.

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use revdesk::demo::scale::build_scaled;
use revdesk::domain::clusters::default_cluster;
use revdesk::domain::gate::Threshold;
use revdesk::domain::pace::{self, Estimate};
use revdesk::domain::stats;
use std::hint::black_box;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn projection(c: &mut Criterion) {
    let mut g = c.benchmark_group("pace");
    g.sample_size(10);
    for n in [1, 100] {
        let desk = build_scaled(n, today());
        g.bench_with_input(BenchmarkId::new("estimate", n), &desk, |b, d| {
            b.iter(|| Estimate::new(black_box(d), today()))
        });
        g.bench_with_input(BenchmarkId::new("projection", n), &desk, |b, d| {
            b.iter(|| {
                pace::pace(
                    black_box(d),
                    d.people.as_slice(),
                    today(),
                    default_cluster(d, today()),
                    Threshold::DEFAULT,
                )
            })
        });
        g.bench_with_input(BenchmarkId::new("stats", n), &desk, |b, d| {
            b.iter(|| stats::compute(black_box(d), today()))
        });
    }
    g.finish();
}

criterion_group!(benches, projection);
criterion_main!(benches);
