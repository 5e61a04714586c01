//! The registers of DESIGN.md section 7 from the command line, and the
//! public site: every page parsed by an HTML5 parser (html5ever, through
//! scraper), its counters compared with `stats`, and no e-mail address or
//! phone number of the store on any page.

use crate::fixtures::{Desk, SAMPLE};
use revdesk::store::{Mode, Store};
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn open(d: &Desk) -> Store {
    Store::open(&d.db, Mode::ReadOnly).unwrap()
}

fn audit_count(d: &Desk) -> usize {
    open(d).audit_trail(None, 100_000).unwrap().len()
}

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Parses a page as a browser would; fails on any parse error.
fn parse(path: &Path) -> Html {
    let text = std::fs::read_to_string(path).unwrap();
    let html = Html::parse_document(&text);
    assert!(
        html.errors.is_empty(),
        "{}: HTML5 parse errors: {:?}",
        path.display(),
        html.errors
    );
    html
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let s = Selector::parse(css).unwrap();
    html.select(&s).collect()
}

fn text_of(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_string()
}

fn number(html: &Html, css: &str) -> u64 {
    let found = select(html, css);
    assert_eq!(found.len(), 1, "{css}");
    text_of(&found[0]).parse().unwrap()
}

fn stage(stats: &Value, path: &[&str], stage: &str) -> u64 {
    let mut v = stats;
    for p in path {
        v = &v[p];
    }
    v[stage].as_u64().unwrap()
}

#[test]
fn each_register_from_the_command_line_is_one_audited_record() {
    let d = Desk::sample();
    let before = audit_count(&d);
    d.ok(&[
        "assistance",
        "add",
        "--party",
        "KEN",
        "--category",
        "saq_support",
        "--date",
        "2024-02-10",
    ]);
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
        "en,pt",
    ]);
    let reg = open(&d).load_registers().unwrap();
    assert_eq!(reg.assistance_requests.len(), 1);
    assert_eq!(reg.assistance_requests[0].party, "KEN");
    assert_eq!(reg.trainings.len(), 1);
    assert_eq!(reg.trainings[0].officials, 12);
    assert_eq!(reg.trainings[0].parties.len(), 2);
    assert_eq!(audit_count(&d), before + 2);
    let trail = open(&d).audit_trail(Some(("training", "1")), 10).unwrap();
    assert_eq!(trail.len(), 1);
    assert!(
        trail[0]
            .after
            .as_deref()
            .unwrap()
            .contains("\"officials\":12")
    );
}

#[test]
fn bad_input_is_refused_in_one_line_naming_the_field_and_nothing_is_written() {
    let d = Desk::sample();
    let before = audit_count(&d);
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "assistance",
                "add",
                "--party",
                "XXX",
                "--category",
                "briefings",
            ],
            "party:",
        ),
        (
            &["assistance", "add", "--party", "AUT", "--category", "other"],
            "note:",
        ),
        (
            &[
                "assistance",
                "need",
                "--review",
                "999",
                "--category",
                "other",
                "--description",
                "x",
            ],
            "review:",
        ),
        (
            &[
                "assistance",
                "need",
                "--review",
                "1",
                "--category",
                "other",
                "--description",
                " ",
            ],
            "description:",
        ),
        (
            &[
                "training",
                "add",
                "--officials",
                "0",
                "--parties",
                "AUT",
                "--languages",
                "en",
            ],
            "officials:",
        ),
        (
            &[
                "training",
                "add",
                "--officials",
                "1",
                "--parties",
                "AUT,KEN",
                "--languages",
                "en",
            ],
            "parties:",
        ),
        (
            &[
                "training",
                "add",
                "--officials",
                "5",
                "--parties",
                "AUT,AUT",
                "--languages",
                "en",
            ],
            "parties:",
        ),
        (
            &[
                "training",
                "add",
                "--officials",
                "5",
                "--parties",
                "ZZZ",
                "--languages",
                "en",
            ],
            "parties:",
        ),
        (
            &[
                "translation",
                "add",
                "--review",
                "1",
                "--document",
                "saq",
                "--from",
                "en",
                "--to",
                "en",
            ],
            "to:",
        ),
        (
            &[
                "translation",
                "add",
                "--review",
                "999",
                "--document",
                "saq",
                "--from",
                "en",
                "--to",
                "fr",
            ],
            "review:",
        ),
        (
            &[
                "document",
                "--review",
                "999",
                "--kind",
                "saq",
                "--available",
                "2022-01-01",
            ],
            "review:",
        ),
        (&["scope", "--person", "999", "--review", "1"], "person:"),
    ];
    for (args, field) in cases {
        let err = d.fails(args);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{args:?}: {err}");
        assert!(err.contains(field), "{args:?} should name {field}: {err}");
    }
    assert_eq!(audit_count(&d), before, "a refused command wrote nothing");
    assert!(open(&d).load_registers().unwrap().is_empty());
}

#[test]
fn a_document_follows_its_milestone_and_publication_follows_availability() {
    let d = Desk::sample();
    let desk = open(&d).load_desk().unwrap();
    let r = desk
        .reviews
        .iter()
        .find(|r| r.milestones.saq_submitted.is_some())
        .expect("the sample has a review with its SAQ submitted");
    let saq = r.milestones.saq_submitted.unwrap();
    let id = r.id.to_string();
    let day_before = (saq - chrono::Days::new(1)).to_string();
    let err = d.fails(&[
        "document",
        "--review",
        &id,
        "--kind",
        "saq",
        "--available",
        &day_before,
    ]);
    assert!(err.contains("available:"), "{err}");
    let err = d.fails(&[
        "document",
        "--review",
        &id,
        "--kind",
        "saq",
        "--available",
        &saq.to_string(),
        "--published",
        &day_before,
    ]);
    assert!(err.contains("published:"), "{err}");
    d.ok(&[
        "document",
        "--review",
        &id,
        "--kind",
        "saq",
        "--available",
        &saq.to_string(),
    ]);
    d.ok(&[
        "document",
        "--review",
        &id,
        "--kind",
        "saq",
        "--available",
        &saq.to_string(),
        "--published",
        &saq.to_string(),
    ]);
    let reg = open(&d).load_registers().unwrap();
    assert_eq!(reg.documents.len(), 1, "the second call corrects the first");
    assert_eq!(reg.documents[0].published, Some(saq));
    let trail = open(&d)
        .audit_trail(Some(("document", &format!("{id}:saq"))), 10)
        .unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[0].action, "edit");
}

#[test]
fn a_focal_point_is_scoped_to_one_review_at_a_time() {
    let d = Desk::sample();
    let desk = open(&d).load_desk().unwrap();
    let r = &desk.reviews[0];
    let party = r.under_review.to_string();
    let id = r.id.to_string();
    let first = d.ok(&[
        "nominate",
        "--party",
        &party,
        "--role",
        "focal_point",
        "--name",
        "First",
        "--date",
        "2023-01-01",
        "--review",
        &id,
    ]);
    assert!(first.contains(&format!("for review {id}")), "{first}");
    let err = d.fails(&[
        "nominate",
        "--party",
        &party,
        "--role",
        "focal_point",
        "--name",
        "Second",
        "--date",
        "2023-02-01",
        "--review",
        &id,
    ]);
    assert!(
        err.contains("review:") && err.contains("already has a focal point"),
        "{err}"
    );
    let people = open(&d).load_desk().unwrap().people;
    assert!(
        !people.iter().any(|p| p.name == "Second"),
        "the refused scope took its nomination back with it"
    );
    assert_eq!(
        open(&d).load_registers().unwrap().focal_point_scopes.len(),
        1
    );
}

/// A desk that exercises every part of a page: the sample with a hostile
/// party name, a published document, a pending-language note and a scope.
fn site_desk() -> Desk {
    let mut doc: Value = serde_json::from_str(SAMPLE).unwrap();
    doc["parties"][0]["name"] =
        Value::from("Austria <script>alert(1)</script> & \"co\" \u{1}\u{202e}\u{fffe}");
    let d = Desk::new();
    let f = d.file("hostile.json", &doc.to_string());
    d.ok(&["import", f.to_str().unwrap()]);
    let desk = open(&d).load_desk().unwrap();
    if let Some(r) = desk
        .reviews
        .iter()
        .find(|r| r.milestones.saq_submitted.is_some())
    {
        let saq = r.milestones.saq_submitted.unwrap().to_string();
        d.ok(&[
            "document",
            "--review",
            &r.id.to_string(),
            "--kind",
            "saq",
            "--available",
            &saq,
            "--published",
            &saq,
        ]);
    }
    d
}

fn check_site(d: &Desk, out: &Path, as_of: &str) {
    let stats = d.json(&["--as-of", as_of, "stats", "--format", "json"]);
    let store = open(d);
    let desk = store.load_desk().unwrap();
    let secrets: Vec<String> = desk
        .people
        .iter()
        .flat_map(|p| [p.email.as_deref(), p.phone.as_deref()])
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert!(!secrets.is_empty(), "the desk has contact details to leak");
    let all = files(out);
    let pages: Vec<&PathBuf> = all
        .iter()
        .filter(|p| p.extension().unwrap() == "html")
        .collect();
    assert_eq!(
        pages.len(),
        desk.parties.len() + 1,
        "index and one page per party"
    );
    for page in &pages {
        let html = parse(page);
        let text = std::fs::read_to_string(page).unwrap();
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{} shows {s}", page.display());
        }
        assert!(!text.contains("<script"), "{}", page.display());
        let refused = |c: char| {
            (c.is_control() && c != '\n')
                || (0xFDD0..=0xFDEF).contains(&(c as u32))
                || (c as u32) & 0xFFFE == 0xFFFE
        };
        assert!(
            !text.chars().any(refused),
            "{}: a control character or noncharacter",
            page.display()
        );
        assert_eq!(
            select(&html, "meta[name=viewport]").len(),
            1,
            "{} is readable on a phone",
            page.display()
        );
        for a in select(&html, "a[href]") {
            let href = a.value().attr("href").unwrap();
            if let Some(frag) = href.strip_prefix('#') {
                assert_eq!(select(&html, &format!("[id='{frag}']")).len(), 1, "{href}");
            } else {
                let target = page.parent().unwrap().join(href);
                assert!(target.exists(), "{}: broken link {href}", page.display());
            }
        }
    }
    let index = parse(&out.join("index.html"));
    let s = |k: &str| stage(&stats, &["stages"], k);
    assert_eq!(
        number(&index, "span.count[data-key=total]"),
        stats["reviews"]["total"].as_u64().unwrap()
    );
    assert_eq!(
        number(&index, "span.count[data-key=advancing]"),
        s("saq") + s("feedback") + s("observations")
    );
    assert_eq!(
        number(&index, "span.count[data-key=not_commenced]"),
        s("awaiting_nominations") + s("awaiting_consultation")
    );
    assert_eq!(
        number(&index, "span.count[data-key=concluded]"),
        s("concluded")
    );
    for (g, by_stage) in stats["stages_by_group"].as_object().unwrap() {
        let row = format!("tr[data-group='{g}']");
        let st = |k: &str| stage(&stats, &["stages_by_group", g], k);
        assert_eq!(
            number(&index, &format!("{row} td[data-key=total]")),
            stats["reviews"]["by_group"][g].as_u64().unwrap()
        );
        assert_eq!(
            number(&index, &format!("{row} td[data-key=advancing]")),
            st("saq") + st("feedback") + st("observations")
        );
        assert_eq!(
            number(&index, &format!("{row} td[data-key=concluded]")),
            st("concluded"),
            "{by_stage}"
        );
    }
    // Every party once in the list of all, and once in its group's list.
    let all_rows = select(&index, "section#all tbody tr");
    assert_eq!(all_rows.len(), desk.parties.len());
    for p in &desk.parties {
        let in_group = match p.group {
            Some(g) => select(
                &index,
                &format!("section#group-{g} tr[data-code='{}']", p.code),
            )
            .len(),
            None => 1,
        };
        assert_eq!(in_group, 1, "{}", p.code);
    }
}

#[test]
fn the_site_is_valid_html5_matches_stats_and_shows_no_contact_details() {
    let d = site_desk();
    let out = d.dir.path().join("site");
    let as_of = "2024-02-29";
    let o = d.run(&["--as-of", as_of, "site", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    check_site(&d, &out, as_of);
    // The hostile name is escaped text, not markup.
    let aut = parse(&out.join("parties/AUT.html"));
    let h1 = text_of(&select(&aut, "h1")[0]);
    assert!(
        h1.starts_with("Austria <script>alert(1)</script> & \"co\" ^A"),
        "{h1}"
    );
    assert!(!h1.contains('\u{202e}'));
    assert!(
        std::fs::read_to_string(out.join("style.css"))
            .unwrap()
            .contains("@media")
    );
}

#[test]
fn the_site_of_the_demo_desk_is_valid_and_counts_what_stats_counts() {
    let d = Desk::new();
    d.ok(&["demo"]);
    let out = d.dir.path().join("site");
    for as_of in ["2024-02-29", "2022-06-01"] {
        d.ok(&["--as-of", as_of, "site", "--out", out.to_str().unwrap()]);
        check_site(&d, &out, as_of);
    }
    // The cluster asked for is the one counted; a cluster that is not one
    // is refused before anything is written.
    let one = d.dir.path().join("site-1");
    d.ok(&[
        "--as-of",
        "2024-02-29",
        "site",
        "--out",
        one.to_str().unwrap(),
        "--cluster",
        "1",
    ]);
    check_site(&d, &one, "2024-02-29");
    let err = d.fails(&[
        "site",
        "--out",
        d.dir.path().join("x").to_str().unwrap(),
        "--cluster",
        "9",
    ]);
    assert!(err.contains("cluster"), "{err}");
    assert!(!d.dir.path().join("x").exists());
}

#[test]
fn a_published_document_shows_on_its_party_page_only_once_published() {
    let d = site_desk();
    let desk = open(&d).load_desk().unwrap();
    let reg = open(&d).load_registers().unwrap();
    let doc = reg
        .documents
        .first()
        .expect("site_desk publishes one document");
    let party = desk
        .reviews
        .iter()
        .find(|r| r.id == doc.review)
        .unwrap()
        .under_review
        .clone();
    let page = |as_of: chrono::NaiveDate| {
        let out = d.dir.path().join(format!("site-{as_of}"));
        d.ok(&[
            "--as-of",
            &as_of.to_string(),
            "site",
            "--out",
            out.to_str().unwrap(),
        ]);
        let html = parse(&out.join(format!("parties/{party}.html")));
        select(&html, "ul.documents li").len()
    };
    let published = doc.published.unwrap();
    assert_eq!(page(published), 1);
    assert_eq!(page(published - chrono::Days::new(1)), 0);
}

#[test]
fn the_parser_used_here_reports_what_a_browser_would_repair() {
    // The checks above rely on html5ever reporting errors: show it does.
    // (It does not report control characters in the input stream, which
    // HTML5 calls errors too: `check_site` looks for those itself.)
    for bad in [
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>a</div></body></html>",
        "<html><head><title>x</title></head><body></body></html>",
    ] {
        assert!(!Html::parse_document(bad).errors.is_empty(), "{bad:?}");
    }
}

#[test]
fn the_demo_desk_gives_the_papers_register_figures_and_a_record_adds_one() {
    let d = Desk::new();
    d.ok(&["demo"]);
    let at = |d: &Desk| d.json(&["--as-of", "2024-02-29", "stats", "--format", "json"]);
    let s = at(&d);
    assert_eq!(s["assistance"]["requests"], 69);
    assert_eq!(s["assistance"]["parties"], 16);
    let by = &s["assistance"]["by_category"];
    let counts: Vec<u64> = [
        "general_training",
        "platform_training",
        "briefings",
        "saq_training",
        "coordination",
        "saq_support",
        "other",
    ]
    .iter()
    .map(|k| by[k].as_u64().unwrap())
    .collect();
    assert_eq!(counts, [15, 15, 10, 9, 9, 8, 3]);
    assert_eq!(s["training"]["officials"], 3236);
    assert_eq!(s["training"]["parties"], 153);
    assert_eq!(s["translation_requests"], 1);
    let text = d.ok(&["--as-of", "2024-02-29", "stats"]);
    assert!(
        text.contains("a total of 69 requests by 16 States"),
        "{text}"
    );
    assert!(text.contains("3,236 government officials from 153 States parties"));
    assert!(text.contains("a self-assessment questionnaire from English into French"));

    // One more request by a State that had made none, one more training,
    // one more translation: each count moves by one.
    let desk = open(&d).load_desk().unwrap();
    let reg = open(&d).load_registers().unwrap();
    let asked: std::collections::BTreeSet<&str> = reg
        .assistance_requests
        .iter()
        .map(|r| r.party.as_str())
        .collect();
    let new = desk
        .parties
        .iter()
        .find(|p| p.group.is_some() && !asked.contains(p.code.as_str()))
        .unwrap();
    // Party codes in any case, as everywhere else.
    d.ok(&[
        "assistance",
        "add",
        "--party",
        &new.code.to_lowercase(),
        "--category",
        "other",
        "--note",
        "x",
        "--date",
        "2024-02-20",
    ]);
    let review = desk
        .reviews
        .iter()
        .find(|r| {
            r.milestones
                .saq_submitted
                .is_some_and(|s| s.to_string().as_str() < "2024-01-01")
        })
        .unwrap();
    d.ok(&[
        "translation",
        "add",
        "--review",
        &review.id.to_string(),
        "--document",
        "saq",
        "--from",
        "en",
        "--to",
        "es",
        "--date",
        "2024-02-01",
    ]);
    let trained = reg
        .trainings
        .iter()
        .find(|t| t.date.to_string().as_str() < "2024-01-01")
        .unwrap();
    d.ok(&[
        "training",
        "add",
        "--date",
        "2024-02-21",
        "--officials",
        "1",
        "--parties",
        &trained.parties[0].to_lowercase(),
        "--languages",
        "fr",
    ]);
    let after = at(&d);
    assert_eq!(after["assistance"]["requests"], 70);
    assert_eq!(after["assistance"]["parties"], 17);
    assert_eq!(after["assistance"]["by_category"]["other"], 4);
    assert_eq!(after["translation_requests"], 2);
    assert_eq!(after["training"]["officials"], 3237);
    assert_eq!(after["training"]["parties"], 153, "a State already trained");
    // Dated after the paper: not counted as at its date.
    d.ok(&[
        "assistance",
        "add",
        "--party",
        &new.code,
        "--category",
        "briefings",
        "--date",
        "2024-03-01",
    ]);
    assert_eq!(at(&d)["assistance"]["requests"], 70);
}

/// The registers without the ids the store gives (a copy gets new ones).
fn without_ids(
    mut r: revdesk::domain::registers::Registers,
) -> revdesk::domain::registers::Registers {
    r.assistance_requests.iter_mut().for_each(|x| x.id = 0);
    r.assistance_needs.iter_mut().for_each(|x| x.id = 0);
    r.trainings.iter_mut().for_each(|x| x.id = 0);
    r.translation_requests.iter_mut().for_each(|x| x.id = 0);
    r
}

#[test]
fn the_registers_go_through_export_and_import_and_a_bad_one_is_named_by_path() {
    let d = Desk::new();
    d.ok(&["demo"]);
    d.ok(&[
        "assistance",
        "need",
        "--review",
        "1",
        "--category",
        "saq_support",
        "--description",
        "Drafting \"legislation\" <b>",
        "--date",
        "2024-01-10",
    ]);
    let json = d.export();
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["format"], "revdesk/2");
    assert_eq!(
        doc["registers"]["assistance_requests"]
            .as_array()
            .unwrap()
            .len(),
        { open(&d).load_registers().unwrap().assistance_requests.len() }
    );
    let copy = Desk::new();
    let f = copy.file("desk.json", &json);
    copy.ok(&["import", f.to_str().unwrap()]);
    let (a, b) = (
        open(&d).load_registers().unwrap(),
        open(&copy).load_registers().unwrap(),
    );
    assert!(!a.is_empty());
    assert_eq!(without_ids(a), without_ids(b));
    assert_eq!(
        d.json(&["--as-of", "2024-02-29", "stats", "--format", "json"]),
        copy.json(&["--as-of", "2024-02-29", "stats", "--format", "json"])
    );

    // A record naming what the document lacks, or breaking a rule, is
    // named by its JSON path; nothing is imported.
    let mut bad = doc.clone();
    bad["registers"]["trainings"][0]["parties"][0] = Value::from("ZZZ");
    bad["registers"]["documents"][0]["published"] = Value::from("2000-01-01");
    let other = Desk::new();
    let f = other.file("bad.json", &bad.to_string());
    let o = other.run(&["import", f.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("$.registers.trainings[0].parties[0]"), "{err}");
    assert!(err.contains("$.registers.documents[0].published"), "{err}");
    assert!(!other.db.exists() || open(&other).load_desk().unwrap().parties.is_empty());

    // Replacing the desk with a document without registers empties them.
    let mut plain = doc.clone();
    plain.as_object_mut().unwrap().remove("registers");
    let f = copy.file("plain.json", &plain.to_string());
    copy.ok(&["import", "--replace", f.to_str().unwrap()]);
    assert!(open(&copy).load_registers().unwrap().is_empty());
}

/// The Assistance pane on the sample desk, with registers a colleague wrote.
#[test]
fn the_assistance_pane_filters_sorts_and_records_a_request() {
    use crate::fixtures::{colleague, editing_app, press, screen, type_in};
    use revdesk::app::Pane;
    use revdesk::domain::registers::{
        AssistanceCategory, AssistanceRequest, AssistanceStatus, Training, TrainingLanguage,
    };
    let (dir, mut app) = editing_app();
    let mut other = colleague(&dir, "colleague");
    let req = |party: &str, category| AssistanceRequest {
        id: 0,
        party: party.into(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 2, 15).unwrap(),
        category,
        status: AssistanceStatus::Open,
        note: String::new(),
    };
    other
        .write(|w| {
            w.add_record(&req("AUT", AssistanceCategory::Briefings))?;
            w.add_record(&req("KEN", AssistanceCategory::SaqSupport))?;
            w.add_record(&Training {
                id: 0,
                date: chrono::NaiveDate::from_ymd_opt(2023, 5, 2).unwrap(),
                title: "Workshop".into(),
                officials: 25,
                parties: vec!["AUT".into(), "FRA".into()],
                languages: vec![TrainingLanguage::Fr],
            })
        })
        .unwrap();
    app.reload_from_store().unwrap();
    press(&mut app, &["7"]);
    assert_eq!(app.pane(), Pane::Assistance);
    assert_eq!(app.assistance.rows.len(), 3);
    let s = screen(&mut app, 120, 30);
    assert!(s.contains("requests: 2 from 2 parties"), "{s}");
    assert!(s.contains("trained: 25 officials from 2 parties"), "{s}");
    assert!(s.contains("Workshop (French)"), "{s}");

    // Kind, category and text filters; sort by party, then reversed.
    press(&mut app, &["o"]);
    assert_eq!(app.assistance.rows.len(), 2, "requests only");
    press(&mut app, &["c", "c", "c"]);
    assert_eq!(app.assistance.rows.len(), 1, "briefings");
    press(&mut app, &["c", "c", "c", "c", "c", "o", "o", "o", "o"]);
    assert_eq!(
        app.assistance.rows.len(),
        3,
        "every kind and category again"
    );
    press(&mut app, &[">", ">"]);
    let parties = |app: &revdesk::app::App| -> Vec<String> {
        app.assistance
            .rows
            .iter()
            .map(|&i| app.assistance.all[i].party.clone())
            .collect()
    };
    assert_eq!(parties(&app), ["2 parties", "AUT", "KEN"]);
    press(&mut app, &["<"]);
    assert_eq!(parties(&app), ["KEN", "AUT", "2 parties"]);
    press(&mut app, &["/"]);
    type_in(&mut app, "ken");
    press(&mut app, &["enter"]);
    assert_eq!(parties(&app), ["KEN"]);
    press(&mut app, &["esc"]);

    // A new request from the form, for the party selected unless told:
    // one audited save.
    let selected = app.assistance.selected().unwrap().party.clone();
    press(&mut app, &["n"]);
    assert_eq!(
        app.form().unwrap().fields.get("party").unwrap().value(),
        selected
    );
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "NGA");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_none(), "{:?}", app.message);
    let reg = app.store().unwrap().load_registers().unwrap();
    assert_eq!(reg.assistance_requests.len(), 3);
    let new = reg
        .assistance_requests
        .iter()
        .find(|r| r.party == "NGA")
        .unwrap();
    let trail = app
        .store()
        .unwrap()
        .audit_trail(Some(("assistance_request", &new.id.to_string())), 5)
        .unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].os_user, "tester");
    // Dated the as-at date by default: shown at once.
    let as_of = app.as_of();
    assert!(
        app.assistance
            .all
            .iter()
            .any(|r| r.party == "NGA" && r.date == as_of),
        "{:?}",
        app.message
    );

    // An unknown party is refused in the form, nothing saved.
    press(&mut app, &["n", "ctrl-u"]);
    type_in(&mut app, "ZZZ");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_some());
    assert_eq!(
        app.store()
            .unwrap()
            .load_registers()
            .unwrap()
            .assistance_requests
            .len(),
        3
    );
}

/// The registers' checks that read back a review or a person already
/// written (the import writes on one thread while it reads on another)
/// still refuse a scope to a review its focal point's party takes no part
/// in, and nothing is imported.
#[test]
fn a_scope_checked_against_the_imported_records_is_refused() {
    let d = Desk::new();
    d.ok(&["demo"]);
    let mut doc: Value = serde_json::from_str(&d.export()).unwrap();
    let person = doc["registers"]["focal_point_scopes"][0]["person"].clone();
    let party = doc["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == person)
        .unwrap()["party"]
        .clone();
    let elsewhere = doc["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["under_review"] != party && !r["reviewers"].as_array().unwrap().contains(&party)
        })
        .unwrap()["id"]
        .clone();
    doc["registers"]["focal_point_scopes"][0]["review"] = elsewhere.clone();
    let copy = Desk::new();
    let f = copy.file("bad.json", &doc.to_string());
    let err = copy.fails(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains("$.registers.focal_point_scopes[0].review"),
        "{err}"
    );
    assert!(
        err.contains(&format!("takes no part in review {elsewhere}")),
        "{err}"
    );
    assert!(!copy.db.exists());
}
