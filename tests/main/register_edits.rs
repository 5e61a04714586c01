//! The registers edited: a row deleted from the command line and from the
//! app, each one audited change; the app's register forms (need, training,
//! translation request, documents) add and edit; undo restores the row as
//! it was; a party's and a review's audit trail show their register
//! entries; `demo --scale` writes the registers in proportion.

use crate::fixtures::{Desk, colleague, editing_app, press, type_in};
use revdesk::app::App;
use revdesk::domain::registers::{Registers, TrainingLanguage};
use revdesk::store::{Mode, Store};

fn open(d: &Desk) -> Store {
    Store::open(&d.db, Mode::ReadOnly).unwrap()
}

fn audit_count(s: &Store) -> usize {
    s.audit_trail(None, 100_000).unwrap().len()
}

fn registers(app: &App) -> Registers {
    app.store().unwrap().load_registers().unwrap()
}

#[test]
fn a_delete_from_the_command_line_takes_one_row_and_writes_one_audit_entry() {
    let d = Desk::sample();
    d.ok(&[
        "training",
        "add",
        "--date",
        "2023-05-01",
        "--officials",
        "12",
        "--parties",
        "AUT,KEN",
        "--languages",
        "en",
    ]);
    d.ok(&[
        "assistance",
        "add",
        "--party",
        "KEN",
        "--category",
        "briefings",
        "--date",
        "2024-02-10",
    ]);
    d.ok(&[
        "assistance",
        "need",
        "--review",
        "1",
        "--category",
        "saq_support",
        "--description",
        "help with the SAQ",
        "--date",
        "2024-01-10",
    ]);
    d.ok(&[
        "document",
        "--review",
        "1",
        "--kind",
        "saq",
        "--available",
        "2021-09-01",
    ]);
    let before = audit_count(&open(&d));
    let reg = open(&d).load_registers().unwrap();
    let (t, r, n) = (
        reg.trainings[0].id,
        reg.assistance_requests[0].id,
        reg.assistance_needs[0].id,
    );

    let out = d.ok(&["training", "delete", &t.to_string()]);
    assert!(out.contains(&format!("deleted training {t}")), "{out}");
    d.ok(&["assistance", "delete", &r.to_string()]);
    d.ok(&["assistance", "delete-need", &n.to_string()]);
    d.ok(&["document", "--review", "1", "--kind", "saq", "--delete"]);
    let after = open(&d).load_registers().unwrap();
    assert_eq!(after.trainings.len(), reg.trainings.len() - 1);
    assert_eq!(
        after.assistance_requests.len(),
        reg.assistance_requests.len() - 1
    );
    assert_eq!(after.assistance_needs.len(), reg.assistance_needs.len() - 1);
    assert_eq!(after.documents.len(), reg.documents.len() - 1);
    assert_eq!(audit_count(&open(&d)), before + 4);

    // The audit log keeps the training deleted, its parties with it.
    let trail = open(&d)
        .audit_trail(Some(("training", &t.to_string())), 10)
        .unwrap();
    assert_eq!(trail[0].action, "delete");
    assert!(trail[0].after.is_none());
    assert!(trail[0].before.as_deref().unwrap().contains("\"KEN\""));

    // A row that is not there: one line naming it, nothing written.
    let err = d.fails(&["training", "delete", &t.to_string()]);
    assert!(err.contains(&format!("no training {t}")), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(audit_count(&open(&d)), before + 4);
}

#[test]
fn a_party_and_a_review_show_their_register_entries_in_their_audit_trail() {
    let d = Desk::sample();
    d.ok(&[
        "assistance",
        "add",
        "--party",
        "AUT",
        "--category",
        "briefings",
        "--date",
        "2024-02-10",
    ]);
    d.ok(&[
        "training",
        "add",
        "--date",
        "2023-05-01",
        "--officials",
        "3",
        "--parties",
        "KEN,AUT",
        "--languages",
        "en",
    ]);
    d.ok(&[
        "document",
        "--review",
        "1",
        "--kind",
        "saq",
        "--available",
        "2021-09-01",
    ]);
    let s = open(&d);
    let entities = |trail: Vec<revdesk::store::AuditEntry>| -> Vec<String> {
        trail.into_iter().map(|e| e.entity).collect()
    };
    let aut = entities(s.audit_of_party("AUT", 100).unwrap());
    for e in ["assistance_request", "training", "document"] {
        assert!(aut.contains(&e.to_string()), "AUT: {e} in {aut:?}");
    }
    // KEN's officials came to the training; the request and the document
    // are AUT's.
    let ken = entities(s.audit_of_party("KEN", 100).unwrap());
    assert!(ken.contains(&"training".to_string()), "{ken:?}");
    assert!(!ken.contains(&"assistance_request".to_string()), "{ken:?}");
    assert!(!ken.contains(&"document".to_string()), "{ken:?}");
    let review = entities(s.audit_of_review(1, 100).unwrap());
    assert!(review.contains(&"document".to_string()), "{review:?}");
    assert!(
        !entities(s.audit_of_review(3, 100).unwrap()).contains(&"document".to_string()),
        "review 3 has no document"
    );

    // The same from the command line.
    let json = d.json(&[
        "audit",
        "--record",
        "party:aut",
        "--related",
        "--format",
        "json",
    ]);
    let cli: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entity"].as_str().unwrap())
        .collect();
    for e in ["assistance_request", "training", "document"] {
        assert!(cli.contains(&e), "{e} in {cli:?}");
    }
    let plain = d.json(&["audit", "--record", "party:aut", "--format", "json"]);
    assert!(plain.as_array().unwrap().is_empty(), "{plain}");
    let err = d.fails(&["audit", "--record", "person:1", "--related"]);
    assert!(err.contains("--related"), "{err}");
}

#[test]
fn a_training_is_added_edited_deleted_and_each_undone_from_the_app() {
    let (dir, mut app) = editing_app();
    press(&mut app, &["7"]);
    let audit = |app: &App| audit_count(app.store().unwrap());
    let start = audit(&app);

    // Add: the form, one audited save.
    press(&mut app, &["b"]);
    assert_eq!(app.form().unwrap().title, "Record a training");
    press(&mut app, &["tab", "tab"]);
    type_in(&mut app, "14");
    press(&mut app, &["tab"]);
    type_in(&mut app, "aut,ken");
    press(&mut app, &["tab", "ctrl-u"]);
    type_in(&mut app, "en,pt");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_none(), "{:?}", app.message);
    let reg = registers(&app);
    assert_eq!(reg.trainings.len(), 1);
    let t = reg.trainings[0].clone();
    assert_eq!(t.officials, 14);
    assert_eq!(t.parties, ["AUT", "KEN"]);
    assert_eq!(t.languages, [TrainingLanguage::En, TrainingLanguage::Pt]);
    assert_eq!(audit(&app), start + 1);
    assert!(app.assistance.selected().is_some());

    // Edit: officials 14 -> 20.
    press(&mut app, &["e"]);
    assert_eq!(
        app.form().unwrap().fields.get("officials").unwrap().value(),
        "14"
    );
    app.form_mut().unwrap().fields.focus = 2;
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "20");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_none(), "{:?}", app.message);
    assert_eq!(registers(&app).trainings[0].officials, 20);
    assert_eq!(audit(&app), start + 2);

    // Undo the edit: 14 again, audited as an undo.
    press(&mut app, &["u", "y"]);
    assert_eq!(registers(&app).trainings[0], t, "{:?}", app.message);
    assert_eq!(audit(&app), start + 3);
    let trail = app
        .store()
        .unwrap()
        .audit_trail(Some(("training", &t.id.to_string())), 1)
        .unwrap();
    assert_eq!(trail[0].action, "undo");

    // Delete, asked first; undo puts it back whole, parties and all.
    press(&mut app, &["D"]);
    assert!(app.overlay.is_some());
    press(&mut app, &["y"]);
    assert!(registers(&app).trainings.is_empty(), "{:?}", app.message);
    assert_eq!(audit(&app), start + 4);
    press(&mut app, &["u", "y"]);
    assert_eq!(
        registers(&app).trainings,
        std::slice::from_ref(&t),
        "{:?}",
        app.message
    );
    assert_eq!(audit(&app), start + 5);

    // Undo of an add that a colleague changed since is refused.
    let (_, version) = app.store().unwrap().training(t.id).unwrap();
    let mut other = colleague(&dir, "colleague");
    other
        .write(|w| {
            let mut t2 = t.clone();
            t2.officials = 99;
            w.update_record(&t2, Some(version), "edit")
        })
        .unwrap();
    press(&mut app, &["b", "tab", "tab"]);
    type_in(&mut app, "5");
    press(&mut app, &["tab"]);
    type_in(&mut app, "FRA");
    press(&mut app, &["ctrl-s"]);
    let reg = registers(&app);
    assert_eq!(reg.trainings.len(), 2, "{:?}", app.message);
    // The pane selects the row just saved.
    let newest = reg.trainings.iter().map(|t| t.id).max().unwrap();
    assert_eq!(app.assistance.selected().unwrap().id, newest);
    assert_ne!(newest, t.id);
    press(&mut app, &["u", "y"]);
    assert_eq!(registers(&app).trainings.len(), 1, "{:?}", app.message);
    press(&mut app, &["u", "y"]);
    assert!(
        app.message.as_deref().unwrap_or("").contains("colleague"),
        "{:?}",
        app.message
    );
    assert_eq!(registers(&app).trainings[0].officials, 99);
}

#[test]
fn bad_input_in_a_register_form_names_the_field_and_writes_nothing() {
    let (_dir, mut app) = editing_app();
    press(&mut app, &["7"]);
    let start = audit_count(app.store().unwrap());
    press(&mut app, &["b", "tab", "tab"]);
    type_in(&mut app, "many");
    press(&mut app, &["tab"]);
    type_in(&mut app, "AUT");
    press(&mut app, &["ctrl-s"]);
    let form = app.form().expect("the form stays open");
    assert!(
        form.fields.get("officials").unwrap().error.is_some(),
        "{:?}",
        form.notice
    );
    press(&mut app, &["esc", "y"]);
    // A need for a review that does not exist.
    press(&mut app, &["N"]);
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "999");
    press(&mut app, &["tab", "tab", "tab"]);
    type_in(&mut app, "x");
    press(&mut app, &["ctrl-s"]);
    let form = app.form().expect("the form stays open");
    assert!(
        form.fields.get("review").unwrap().error.is_some(),
        "{:?}",
        form.notice
    );
    assert_eq!(audit_count(app.store().unwrap()), start);
    assert!(registers(&app).is_empty());
}

#[test]
fn needs_translations_and_documents_are_recorded_from_the_app() {
    let (_dir, mut app) = editing_app();
    press(&mut app, &["7", "N", "ctrl-u"]);
    type_in(&mut app, "1");
    press(&mut app, &["tab", "tab", "tab"]);
    type_in(&mut app, "training of the focal point");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_none(), "{:?}", app.message);
    // The SAQ of review 1 was submitted on 2021-08-31.
    press(&mut app, &["l", "ctrl-u"]);
    type_in(&mut app, "1");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_none(), "{:?}", app.message);
    let reg = registers(&app);
    assert_eq!(reg.assistance_needs.len(), 1);
    assert_eq!(reg.translation_requests.len(), 1);
    assert_eq!(reg.translation_requests[0].review, 1);

    // The documents form of the selected row's review: the SAQ responses,
    // available from the day they were submitted.
    press(&mut app, &["d"]);
    let form = app.form().expect("documents form");
    assert_eq!(form.fields.get("kind").unwrap().value(), "saq");
    assert_eq!(form.fields.get("available").unwrap().value(), "2021-08-31");
    app.form_mut().unwrap().fields.focus = 2;
    type_in(&mut app, "2021-10-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_none(), "{:?}", app.message);
    let docs = registers(&app).documents;
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].published.unwrap().to_string(), "2021-10-01");
    // Undo takes the new document away again.
    press(&mut app, &["u", "y"]);
    assert!(registers(&app).documents.is_empty(), "{:?}", app.message);

    // From the Parties pane: the documents of the party's own review.
    press(&mut app, &["4", "/"]);
    type_in(&mut app, "austria");
    press(&mut app, &["enter", "d"]);
    assert_eq!(
        app.form().map(|f| f.title.as_str()),
        Some("Documents of review #1"),
        "{:?}",
        app.message
    );
}

#[test]
fn demo_scale_writes_the_registers_in_proportion() {
    let one = Desk::new();
    one.ok(&["demo"]);
    let three = Desk::new();
    three.ok(&["demo", "--scale", "3"]);
    let (a, b) = (
        open(&one).load_registers().unwrap(),
        open(&three).load_registers().unwrap(),
    );
    assert!(!a.assistance_requests.is_empty());
    assert_eq!(b.assistance_requests.len(), 3 * a.assistance_requests.len());
    assert_eq!(b.trainings.len(), 3 * a.trainings.len());
    assert_eq!(b.documents.len(), 3 * a.documents.len());
    assert_eq!(
        b.translation_requests.len(),
        3 * a.translation_requests.len()
    );
}

#[test]
fn a_document_is_deleted_from_the_timeline_and_undone() {
    use revdesk::app::edit::Overlay;
    use revdesk::domain::registers::{DocumentKind, ReviewDocument};
    let (_dir, mut app) = editing_app();
    let doc = ReviewDocument {
        review: 1,
        kind: DocumentKind::Saq,
        available: crate::fixtures::d("2021-09-01"),
        published: None,
    };
    app.store_mut()
        .unwrap()
        .write(|w| w.put_record(&doc, None))
        .unwrap();
    app.reload_from_store().unwrap();
    app.open_review(1);
    press(&mut app, &["D"]);
    let Some(Overlay::Picker(p)) = &mut app.overlay else {
        panic!("a list to choose from: {:?}", app.message);
    };
    let i = p
        .items
        .iter()
        .position(|it| it.label.starts_with("document:"))
        .expect("the document is offered");
    p.cursor = i;
    press(&mut app, &["enter", "y"]);
    assert!(registers(&app).documents.is_empty(), "{:?}", app.message);
    press(&mut app, &["u", "y"]);
    assert_eq!(registers(&app).documents, [doc], "{:?}", app.message);
}
