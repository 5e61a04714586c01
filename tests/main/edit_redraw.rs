//! The redraw the app makes (`store::draws::redraw_review`) is the one
//! `revdesk draw --redraw` makes: same seed and store, same pairing, same
//! record of the draw.

use revdesk::domain::lots::Rules;
use revdesk::store::draws::redraw_review;
use revdesk::store::{Mode, Store, StoreError};

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_apps_redraw_equals_the_commands() {
    let by_cli = crate::fixtures::Desk::sample();
    by_cli.ok(&[
        "draw",
        "--redraw",
        "3",
        "--requested-by",
        "KEN",
        "--seed",
        "42",
        "--as-of",
        "2024-03-15",
    ]);
    let by_app = crate::fixtures::Desk::sample();
    let mut store = Store::open(&by_app.db, Mode::ReadWrite).unwrap();
    store.set_user("tester");
    let r = redraw_review(
        &mut store,
        3,
        "KEN",
        42,
        d("2024-03-15"),
        &Rules::default(),
        Some(1),
    )
    .unwrap();
    assert_eq!(r.after.redraws, 1);
    let cli_store = Store::open(&by_cli.db, Mode::ReadOnly).unwrap();
    assert_eq!(cli_store.review(3).unwrap().0, store.review(3).unwrap().0);
    let (a, b) = (
        cli_store.draws().unwrap().pop().unwrap(),
        store.draws().unwrap().pop().unwrap(),
    );
    assert_eq!(
        (
            &a.kind,
            a.seed,
            &a.rules,
            &a.requested_by,
            &a.before,
            &a.after
        ),
        (
            &b.kind,
            b.seed,
            &b.rules,
            &b.requested_by,
            &b.before,
            &b.after
        )
    );
    // The audit log has the redraw, like the command's.
    let e = store.audit_trail(Some(("review", "3")), 1).unwrap();
    assert_eq!(e[0].action, "redraw");
}

#[test]
fn a_stale_version_a_stranger_or_a_fifth_redraw_write_nothing() {
    let desk = crate::fixtures::Desk::sample();
    let mut store = Store::open(&desk.db, Mode::ReadWrite).unwrap();
    let rules = Rules::default();
    let day = d("2024-03-15");
    assert!(matches!(
        redraw_review(&mut store, 3, "KEN", 1, day, &rules, Some(7)),
        Err(StoreError::Conflict { .. })
    ));
    let e = redraw_review(&mut store, 3, "AUT", 1, day, &rules, None).unwrap_err();
    assert!(e.to_string().contains("not a party of review 3"), "{e}");
    for seed in 0..4 {
        redraw_review(&mut store, 3, "KEN", seed, day, &rules, None).unwrap();
    }
    let e = redraw_review(&mut store, 3, "KEN", 9, day, &rules, None).unwrap_err();
    assert!(e.to_string().contains("nothing was written"), "{e}");
    assert_eq!(store.review(3).unwrap().0.redraws, 4);
    assert_eq!(store.draws().unwrap().len(), 4);
}
