//! The deadline engine, the figures, the overdue query and the drawing of
//! lots, on the demo desk (scale 1) and a desk a hundred times its size.
//! Run: `cargo bench --bench engine`.

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use revdesk::demo::scale::build_scaled;
use revdesk::domain::engine::{self, Settings};
use revdesk::domain::lots::{self, Candidate, Rules};
use revdesk::domain::model::Desk;
use revdesk::domain::stats;
use revdesk::store::{Mode, Store};
use std::hint::black_box;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn desks() -> Vec<(usize, Desk)> {
    [1, 100]
        .into_iter()
        .map(|n| (n, build_scaled(n, today())))
        .collect()
}

fn domain(c: &mut Criterion) {
    let mut g = c.benchmark_group("domain");
    g.sample_size(10);
    for (n, desk) in desks() {
        g.bench_with_input(BenchmarkId::new("obligations", n), &desk, |b, d| {
            b.iter(|| engine::obligations(black_box(d), today(), Settings::default()))
        });
        g.bench_with_input(BenchmarkId::new("overdue", n), &desk, |b, d| {
            b.iter(|| engine::overdue(black_box(d), today(), Settings::default()))
        });
        g.bench_with_input(BenchmarkId::new("stats", n), &desk, |b, d| {
            b.iter(|| stats::compute(black_box(d), today()))
        });
        // A whole group drawn afresh: group 1's parties, every party as pool.
        let pool: Vec<Candidate> = desk
            .parties
            .iter()
            .filter(|p| p.group.is_some())
            .filter_map(|p| Candidate::from_party(p, None))
            .collect();
        let under: Vec<Candidate> = desk
            .parties
            .iter()
            .filter(|p| p.group == Some(1))
            .filter_map(|p| Candidate::from_party(p, None))
            .collect();
        g.bench_with_input(
            BenchmarkId::new("draw_group", n),
            &(under, pool),
            |b, (u, p)| {
                b.iter(|| {
                    lots::draw_group(black_box(u), p, &[], &Rules::default(), 7).map(|v| v.len())
                })
            },
        );
    }
    g.finish();
}

fn store(c: &mut Criterion) {
    let mut g = c.benchmark_group("store");
    g.sample_size(10);
    for (n, desk) in desks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bench.db");
        let mut s = Store::open(&path, Mode::ReadWrite).unwrap();
        s.write(|w| w.import(&desk, false)).unwrap();
        g.bench_function(BenchmarkId::new("load_desk", n), |b| {
            b.iter(|| s.load_desk().unwrap())
        });
        g.bench_function(BenchmarkId::new("load_for_deadlines", n), |b| {
            b.iter(|| s.load_for_deadlines().unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, domain, store);
criterion_main!(benches);
