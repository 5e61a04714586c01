//! The projection of DESIGN.md section 5 (the estimate of every spell, each
//! review's outlook and the gates) beside the figures of `stats`; the gate
//! of every group (`cluster gate`); and the selection of a bulk reminder
//! run (`remind --overdue`, the marks on Overdue): every overdue
//! obligation, triaged, grouped one reminder per party and obligation. On
//! the demo desk (scale 1) and a desk a hundred times its size. Run:
//! `cargo bench --bench pace`.

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use revdesk::demo::scale::build_scaled;
use revdesk::domain::blocking::Blocking;
use revdesk::domain::clusters::default_cluster;
use revdesk::domain::engine::{self, Settings};
use revdesk::domain::gate::{self, Threshold};
use revdesk::domain::pace::{self, Estimate};
use revdesk::domain::stats;
use revdesk::report::mail::reminder;
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
        g.bench_with_input(BenchmarkId::new("gates", n), &desk, |b, d| {
            b.iter(|| {
                gate::gates(
                    black_box(d),
                    default_cluster(d, today()),
                    Threshold::DEFAULT,
                    today(),
                )
            })
        });
        g.bench_with_input(BenchmarkId::new("bulk_selection", n), &desk, |b, d| {
            b.iter(|| {
                let items = engine::overdue(black_box(d), today(), Settings::default());
                let kept: Vec<_> = Blocking::new(d, today())
                    .triage(items)
                    .into_iter()
                    .filter(|(_, waiting)| waiting.is_none())
                    .map(|(i, _)| i)
                    .collect();
                reminder::group(kept)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, projection);
criterion_main!(benches);
