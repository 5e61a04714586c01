//! The deadline engine (as `Item`s and as compact `Entry`s), the figures,
//! the overdue query and the drawing of lots, on the demo desk (scale 1)
//! and a desk a hundred times its size; and the store's reads, whole and
//! on demand. Run: `cargo bench --bench engine` (`-- domain/` or
//! `-- store/` for one group).

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
        g.bench_with_input(BenchmarkId::new("entries", n), &desk, |b, d| {
            b.iter(|| engine::entries(black_box(d), today(), Settings::default()))
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
        g.bench_function(BenchmarkId::new("load_for_screens", n), |b| {
            b.iter(|| s.load_for_screens().unwrap())
        });
        // What a screen reads on demand: the reminder tallies of a page of
        // Overdue rows (35), one review's reminders, one party's people.
        let page: Vec<_> = desk
            .reminders
            .iter()
            .step_by((desk.reminders.len() / 35).max(1))
            .take(35)
            .map(|m| (m.party.clone(), m.review, m.obligation))
            .collect();
        g.bench_function(BenchmarkId::new("reminder_tally_x35", n), |b| {
            b.iter(|| {
                for (p, r, o) in &page {
                    black_box(s.reminder_tally(p, *r, *o, today()).unwrap());
                }
            })
        });
        let review = desk.reviews[desk.reviews.len() / 2].id;
        g.bench_function(BenchmarkId::new("reminders_of_review", n), |b| {
            b.iter(|| s.reminders_of_review(review, today()).unwrap())
        });
        let party = desk.parties[desk.parties.len() / 2].code.clone();
        g.bench_function(BenchmarkId::new("people_of_party", n), |b| {
            b.iter(|| s.people_of_party(&party).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, domain, store);
criterion_main!(benches);
