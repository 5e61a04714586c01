//! `revdesk report`, `calendar`, `digest` and `contacts`, run as a user
//! would, on the sample desk (and its variations made here).

use crate::fixtures::{Desk, SAMPLE};
use revdesk::domain::engine::{self, Settings};
use revdesk::domain::interchange;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const AS_OF: &str = "2024-02-29";

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The sample document, changed by `f`, imported into a new desk.
fn sample_with(f: impl FnOnce(&mut Value)) -> Desk {
    let mut doc: Value = serde_json::from_str(SAMPLE).unwrap();
    f(&mut doc);
    let d = Desk::new();
    let file = d.file("doc.json", &doc.to_string());
    d.ok(&["import", file.to_str().unwrap()]);
    d
}

fn person(doc: &mut Value, id: i64) -> &mut Value {
    doc["people"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["id"] == id)
        .unwrap()
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// Bars of an SVG figure: (category, series, value) of each `rect.bar`.
fn bars(svg: &str) -> Vec<(String, String, u64)> {
    let doc = roxmltree::Document::parse(svg).expect("the figure is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "bar"))
        })
        .map(|n| {
            (
                n.attribute("data-category").unwrap().to_string(),
                n.attribute("data-series").unwrap().to_string(),
                n.attribute("data-value").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn report_writes_every_file_owner_only() {
    let d = Desk::sample();
    let out = d.dir.path().join("new/folder/report");
    let o = d.run(&["--as-of", AS_OF, "report", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("wrote the report as at 2024-02-29"), "{err}");
    assert!(err.contains(out.to_str().unwrap()), "{err}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "figure-1.svg",
            "figure-2.svg",
            "figure-3.svg",
            "figure-4.svg",
            "figure-5.svg",
            "figure-6.svg",
            "figure-7.svg",
            "focal-points.csv",
            "overdue.csv",
            "report.md",
            "reviews.csv"
        ]
    );
    for n in &names {
        assert_eq!(mode(&out.join(n)), 0o600, "{n}");
    }
    assert_eq!(mode(&out), 0o700);
}

#[test]
fn report_on_the_sample_desk() {
    let d = Desk::sample();
    let out = d.dir.path().join("r");
    d.ok(&["--as-of", AS_OF, "report", "--out", out.to_str().unwrap()]);
    let md = read(&out.join("report.md"));
    // Worked out by hand from tests/main/sample.json as at 2024-02-29.
    for needle in [
        "A total of 5 parties are taking part in the Mechanism: 4 States and one regional economic integration organization. One further party, Bhutan, has yet to be assigned to a group.",
        "the nominations of 3 focal points from 3 States parties; 2 focal points (66.6 per cent) were women.",
        "A total of 33.3 per cent (1 out of 3) of the States parties that had already nominated a focal point have changed their focal points",
        "40.0 per cent (2 parties) had not yet nominated their focal points",
        "the commencement of 1 country review.",
        "2 out of 3 reviews were advancing: 1 review had reached the stage of preparation of answers to the self-assessment questionnaire, 1 review was at the stage of written feedback",
        "66.6 per cent of all country reviews (2 in total: 1 in the first group and 1 in the second group)",
        "In one case, parties agreed on the use of two languages: one review was to be conducted in English and French.",
        "| Group 1 | 1 | 0 | 0 | 1 | 0 | 0 | 2 |",
        "| **Total** | **1** | **0** | **1** | **1** | **0** | **0** | **3** |",
        "![Figure II: Status of country reviews, by group](figure-2.svg)",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
    // The same numbers as `revdesk stats --format json`.
    let s = d.json(&["--as-of", AS_OF, "stats", "--format", "json"]);
    assert_eq!(s["focal_points"]["nominated"], 3);
    assert_eq!(s["consultations_held"]["total"], 2);
}

#[test]
fn figures_have_one_tagged_bar_per_category_and_series() {
    let d = Desk::sample();
    let out = d.dir.path().join("r");
    d.ok(&["--as-of", AS_OF, "report", "--out", out.to_str().unwrap()]);
    let stats = d.json(&["--as-of", AS_OF, "stats", "--format", "json"]);
    let fig = |n: u8| bars(&read(&out.join(format!("figure-{n}.svg"))));

    // II: six stages in each of the two groups, values as the stats say.
    let two = fig(2);
    assert_eq!(two.len(), 2 * 6);
    let cells: BTreeSet<(String, String)> =
        two.iter().map(|(c, s, _)| (c.clone(), s.clone())).collect();
    assert_eq!(cells.len(), 12, "one bar per group and stage");
    for (g, s, v) in &two {
        assert_eq!(stats["stages_by_group"][g][s], *v, "group {g} stage {s}");
    }
    // I and III: one bar per group.
    assert_eq!(fig(1).len(), 2);
    assert_eq!(
        fig(1).iter().map(|b| b.2).sum::<u64>(),
        stats["stages"]["awaiting_nominations"].as_u64().unwrap()
    );
    assert_eq!(
        fig(3).iter().map(|b| b.2).collect::<Vec<_>>(),
        [1, 1],
        "consultations held by group"
    );
    // IV: one bar per language combination.
    let four = fig(4);
    assert_eq!(
        four.iter()
            .map(|b| (b.0.as_str(), b.2))
            .collect::<BTreeSet<_>>(),
        BTreeSet::from([("en", 1), ("en+fr", 1)])
    );
    // V: three states by group; VI: two.
    assert_eq!(fig(5).len(), 2 * 3);
    assert_eq!(fig(6).len(), 2 * 2);
    for n in 1..=6 {
        let svg = read(&out.join(format!("figure-{n}.svg")));
        assert!(svg.contains("As at 29 February 2024"), "figure {n}");
        assert!(
            svg.contains("<title id=\"figure-title\">Figure "),
            "figure {n}"
        );
        // Counts are printed on the bars.
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let values = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("value"))
            .count();
        assert_eq!(values, bars(&svg).len(), "figure {n}");
    }
}

#[test]
fn report_csv_files_hold_the_tables_and_neutralise_formulas() {
    let d = sample_with(|doc| {
        doc["parties"][0]["name"] = json!("=HYPERLINK(\"http://evil.example\",\"Austria\")");
        let p = person(doc, 3);
        p["name"] = json!("@SUM(A1:A9)");
        p["email"] = json!("-1+2@fra.example");
        p["phone"] = json!("+33 1 23 45 67 89");
    });
    let out = d.dir.path().join("r");
    d.ok(&["--as-of", AS_OF, "report", "--out", out.to_str().unwrap()]);

    let fps = csv_rows(&read(&out.join("focal-points.csv")));
    // Ended focal points stay, with their end date.
    assert_eq!(fps.len(), 4);
    let anna = fps.iter().find(|r| r[3] == "Anna Gruber").unwrap();
    assert_eq!(anna[9], "2022-03-01");
    assert_eq!(anna[10], "no");
    assert!(anna[2].starts_with("'=HYPERLINK"), "{anna:?}");
    let claire = fps.iter().find(|r| r[1] == "FRA").unwrap();
    assert_eq!(claire[3], "'@SUM(A1:A9)");
    assert_eq!(claire[4], "'-1+2@fra.example");
    assert_eq!(claire[5], "'+33 1 23 45 67 89");

    let reviews = csv_rows(&read(&out.join("reviews.csv")));
    assert_eq!(reviews.len(), 3);
    let r1 = &reviews[0];
    assert_eq!(r1[0], "1");
    assert!(r1[4].starts_with("'=HYPERLINK"));
    assert_eq!(r1[5], "FRA KEN");
    assert_eq!(r1[7], "feedback");
    assert_eq!(r1[8], "en");
    assert_eq!(r1[10], "2021-08-31");
    // Waits on the reviewers' feedback, due 2021-08-31 + 6 months.
    assert_eq!(&r1[14..17], ["2022-02-28", "feedback", "FRA"]);

    let overdue = csv_rows(&read(&out.join("overdue.csv")));
    let expected = d.json(&["--as-of", AS_OF, "overdue", "--format", "json"]);
    assert_eq!(overdue.len(), expected.as_array().unwrap().len());
    // Extended SAQ keeps its original date; the reminder is counted.
    let ken = overdue
        .iter()
        .find(|r| r[1] == "KEN" && r[3] == "saq")
        .unwrap();
    assert_eq!(&ken[4..7], ["2022-12-31", "2022-07-14", "425"]);
    let nga: Vec<&Vec<String>> = overdue
        .iter()
        .filter(|r| r[1] == "NGA" && r[3] == "focal_point")
        .collect();
    assert_eq!(nga.len(), 1);
    assert_eq!(nga[0][0], "", "nominations belong to no review");
}

fn calendar(d: &Desk, args: &[&str]) -> icalendar::Calendar {
    let file = d.dir.path().join("deadlines.ics");
    let mut all = vec!["--as-of", AS_OF, "calendar", "-o", file.to_str().unwrap()];
    all.extend_from_slice(args);
    d.ok(&all);
    assert_eq!(mode(&file), 0o600);
    let text = read(&file);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "unfolded line: {line:?}");
    }
    text.parse().expect("the calendar parses back")
}

#[test]
fn calendar_has_one_event_per_obligation_with_stable_uids() {
    use icalendar::Component;
    let d = Desk::sample();
    let desk = interchange::parse(SAMPLE).unwrap();
    let as_of = AS_OF.parse().unwrap();
    let obligations = engine::obligations(&desk, as_of, Settings::default());

    let first = calendar(&d, &[]);
    let events: Vec<&icalendar::Event> = first.events().collect();
    assert_eq!(events.len(), obligations.len());
    let uids = |c: &icalendar::Calendar| -> BTreeSet<String> {
        c.events()
            .map(|e| e.get_uid().unwrap().to_string())
            .collect()
    };
    assert_eq!(uids(&first).len(), events.len(), "UIDs are unique");
    // A second export gives the same UIDs: re-importing updates.
    assert_eq!(uids(&first), uids(&calendar(&d, &[])));

    let saq = events
        .iter()
        .find(|e| e.get_uid() == Some("saq-2-FRA@revdesk"))
        .unwrap();
    assert_eq!(
        saq.get_summary(),
        Some("FRA: SAQ due (review 2: France by European Union, Nigeria)")
    );
    let desc = saq.get_description().unwrap();
    assert!(desc.contains("Review 2 (group 1, cluster 1): France under review"));
    assert!(
        desc.contains("1,004 days overdue as at 2024-02-29"),
        "{desc}"
    );
    assert_eq!(
        saq.get_start(),
        Some(icalendar::DatePerhapsTime::Date(
            "2021-05-31".parse().unwrap()
        ))
    );
    let fp = events
        .iter()
        .find(|e| e.get_uid() == Some("focal_point-party-NGA@revdesk"))
        .unwrap();
    assert_eq!(
        fp.get_summary(),
        Some("NGA: focal point nomination due (all its reviews)")
    );
    // Met obligations say so.
    let met = events
        .iter()
        .find(|e| e.get_uid() == Some("saq-1-AUT@revdesk"))
        .unwrap();
    assert!(met.get_summary().unwrap().starts_with("AUT: SAQ met"));

    // Filters.
    let ken = calendar(&d, &["--party", "KEN"]);
    assert_eq!(
        ken.events().count(),
        obligations.iter().filter(|i| i.party == "KEN").count()
    );
    let window = calendar(&d, &["--from", "2022-01-01", "--to", "2022-12-31"]);
    assert_eq!(
        window.events().count(),
        obligations
            .iter()
            .filter(|i| i.due.to_string().starts_with("2022-"))
            .count()
    );
    let err = d.fails(&["calendar", "--party", "XXX"]);
    assert!(err.contains("unknown party"), "{err}");
}

/// Splits a message into its unfolded headers and its body.
fn parse_eml(text: &str) -> (Vec<(String, String)>, String) {
    let (head, body) = text.split_once("\r\n\r\n").expect("headers end");
    let unfolded = head.replace("\r\n ", " ");
    let headers = unfolded
        .split("\r\n")
        .map(|l| {
            assert!(!l.contains('\r') && !l.contains('\n'), "{l:?}");
            let (k, v) = l.split_once(": ").unwrap_or_else(|| panic!("{l:?}"));
            (k.to_string(), v.to_string())
        })
        .collect();
    (headers, body.to_string())
}

fn digest_desk() -> Desk {
    sample_with(|doc| {
        person(doc, 2)["email"] = json!("lukas.huber@bmeia.at.example");
        let fra = person(doc, 3);
        fra["email"] = json!("claire.martin@diplomatie.fr.example");
        fra["name"] = json!("Claire\r\nBcc: spy@evil.example\r\n\r\nMartin");
        // An address carrying a header: refused, never written.
        person(doc, 5)["email"] = json!("w.kamau@ken.example\r\nBcc: spy@evil.example");
        // A reminder and a milestone in February 2024.
        doc["reminders"].as_array_mut().unwrap().push(json!({
            "date": "2024-02-12", "party": "FRA", "review": 2, "obligation": "saq",
            "channel": "note_verbale", "note": "secret internal note"}));
        doc["reviews"][2]["saq_submitted"] = json!("2024-02-20");
    })
}

#[test]
fn digest_writes_one_message_per_focal_point() {
    let d = digest_desk();
    let out = d.dir.path().join("digest");
    let o = d.run(&[
        "--as-of",
        AS_OF,
        "digest",
        "--month",
        "2024-02",
        "--out",
        out.to_str().unwrap(),
        "--sender",
        "untoc.review@un.example",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("wrote 2 messages for February 2024"), "{err}");
    assert!(err.contains("KEN focal point 5"), "{err}");
    assert!(err.contains("not a plain e-mail address"), "{err}");

    let index = csv_rows(&read(&out.join("index.csv")));
    assert_eq!(index.len(), 2);
    assert_eq!(
        index[0][..3],
        ["AUT-2.eml", "lukas.huber@bmeia.at.example", "AUT"]
    );
    assert_eq!(
        index[1][..3],
        ["FRA-3.eml", "claire.martin@diplomatie.fr.example", "FRA"]
    );
    assert!(!out.join("KEN-5.eml").exists());
    for f in ["AUT-2.eml", "FRA-3.eml", "index.csv"] {
        assert_eq!(mode(&out.join(f)), 0o600, "{f}");
    }

    let text = read(&out.join("FRA-3.eml"));
    let (headers, body) = parse_eml(&text);
    let names: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "From",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "Content-Language",
            "MIME-Version",
            "Content-Type",
            "Content-Transfer-Encoding"
        ]
    );
    let h = |k: &str| headers.iter().find(|(n, _)| n == k).unwrap().1.as_str();
    assert_eq!(
        h("From"),
        "\"Review Mechanism secretariat\" <untoc.review@un.example>"
    );
    // The name's line breaks are gone: no Bcc header can be smuggled in.
    // (an encoded-word of "Claire Bcc: spy@evil.example Martin": lettre
    // encodes a name holding ':' or '@' rather than quoting it).
    assert_eq!(
        h("To"),
        "=?utf-8?b?Q2xhaXJlIEJjYzogc3B5QGV2aWwuZXhhbXBsZSBNYXJ0aW4=?= <claire.martin@diplomatie.fr.example>"
    );
    assert!(!text.contains("\r\nBcc:") && !text.contains("\nBcc:"));
    assert_eq!(h("Date"), "Thu, 29 Feb 2024 09:00:00 +0000");
    assert_eq!(h("Content-Type"), "text/plain; charset=utf-8");
    assert_eq!(h("Content-Transfer-Encoding"), "8bit");
    let owed = d.json(&[
        "--as-of", AS_OF, "overdue", "--format", "json", "--party", "FRA",
    ]);
    let owed = owed.as_array().unwrap();
    assert_eq!(owed.len(), 5);
    assert_eq!(
        h("Subject"),
        "Review Mechanism, February 2024: France: 5 overdue, 0 due by 29 April 2024"
    );
    // Wrapped lines are continued with four spaces.
    let body = body.replace("\r\n    ", " ");
    // What France owes, overdue first, as the engine says.
    assert!(body.contains("Overdue:"), "{body}");
    assert!(
        body.contains(
            "  - SAQ, review 2 (France by European Union, Nigeria): due 31 May 2021, 1,004 days overdue.\r\n"
        ),
        "{body}"
    );
    assert!(body.contains("Written feedback, review 1"), "{body}");
    // What happened in February, without the secretariat's note.
    assert!(
        body.contains(
            "12 February 2024: The secretariat sent a reminder to you about the SAQ (review 2), by note verbale."
        ),
        "{body}"
    );
    assert!(!text.contains("secret internal note"));
    // Counterparts' focal points.
    assert!(
        body.contains("  - Austria: Lukas Huber lukas.huber@bmeia.at.example\r\n"),
        "{body}"
    );
    assert!(
        body.contains("Nigeria: no focal point nominated yet"),
        "{body}"
    );
    // CRLF throughout, lines within RFC 5322's limit.
    assert!(!text.replace("\r\n", "").contains('\n'));
    assert!(text.split("\r\n").all(|l| l.len() <= 998));

    assert!(
        body.contains("20 February 2024: Review 3 (Kenya by Nigeria, France): SAQ submitted."),
        "{body}"
    );
    // Every overdue item of France is listed.
    for row in owed {
        let line = match row["review"].as_i64() {
            Some(r) => format!(", review {r} ("),
            None => String::new(),
        };
        assert!(body.contains(&line), "{line} in {body}");
    }
    assert_eq!(body.matches(" days overdue.").count(), owed.len());
    // Austria's reviews saw nothing in February.
    let aut = read(&out.join("AUT-2.eml"));
    assert!(
        aut.contains("Nothing was recorded in your reviews this month."),
        "{aut}"
    );
}

#[test]
fn digest_encodes_non_ascii_headers() {
    let d = sample_with(|doc| {
        doc["parties"][1]["name"] = json!("République française");
        let fra = person(doc, 3);
        fra["email"] = json!("claire@diplomatie.fr.example");
        fra["name"] = json!("Clémence Lefèvre");
    });
    let out = d.dir.path().join("digest");
    d.ok(&[
        "--as-of",
        AS_OF,
        "digest",
        "--month",
        "2024-02",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = read(&out.join("FRA-3.eml"));
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    assert!(head.is_ascii(), "{head}");
    // RFC 2047 encoded-words (lettre writes the charset in lower case).
    assert!(head.contains("To: =?utf-8?b?"), "{head}");
    let subject = head.split("\r\nSubject: ").nth(1).unwrap();
    assert!(
        subject.starts_with("Review Mechanism, February 2024: =?utf-8?b?"),
        "{head}"
    );
    assert!(head.contains("From: \"Review Mechanism secretariat\" <revdesk@secretariat.example>"));
    assert!(body.contains("Dear Clémence Lefèvre,"));
    let index = read(&out.join("index.csv"));
    assert!(index.contains("République française"), "{index}");
}

#[test]
fn a_message_that_cannot_be_written_stops_the_digest_naming_it() {
    let d = digest_desk();
    let out = d.dir.path().join("digest");
    // A folder where the second message's file would go.
    std::fs::create_dir_all(out.join("FRA-3.eml")).unwrap();
    let err = d.fails(&[
        "--as-of",
        AS_OF,
        "digest",
        "--month",
        "2024-02",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(err.contains("FRA-3.eml"), "{err}");
    assert!(!err.contains("wrote"), "{err}");
    // The message before it was written whole.
    let first = read(&out.join("AUT-2.eml"));
    assert!(first.contains("lukas.huber@bmeia.at.example"), "{first}");
}

#[test]
fn digest_refuses_a_month_not_begun_and_a_bad_sender() {
    let d = Desk::sample();
    let out = d.dir.path().join("digest");
    let out = out.to_str().unwrap();
    let err = d.fails(&[
        "--as-of", AS_OF, "digest", "--month", "2024-03", "--out", out,
    ]);
    assert!(err.contains("March 2024 has not begun"), "{err}");
    let err = d.fails(&[
        "--as-of", AS_OF, "digest", "--month", "2024-13", "--out", out,
    ]);
    assert!(err.contains("YYYY-MM"), "{err}");
    let err = d.fails(&[
        "--as-of",
        AS_OF,
        "digest",
        "--out",
        out,
        "--sender",
        "x@y.example\r\nBcc: z@evil.example",
    ]);
    assert!(err.contains("--sender"), "{err}");
}

#[test]
fn contacts_as_vcards_are_escaped_and_folded() {
    let d = sample_with(|doc| {
        doc["parties"][1]["name"] = json!("France; République, \\ française");
        let fra = person(doc, 3);
        fra["email"] = json!("claire@diplomatie.fr.example");
        fra["phone"] = json!("+33 1 23 45 67 89");
        fra["name"] = json!(format!("Claire {}\nMartin", "Élisabeth-".repeat(8)));
    });
    let file = d.dir.path().join("people.vcf");
    let o = d.run(&[
        "--as-of",
        AS_OF,
        "contacts",
        "--party",
        "FRA",
        "--vcard",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("2 people"));
    assert_eq!(mode(&file), 0o600);
    let text = read(&file);
    assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 2);
    assert_eq!(text.matches("END:VCARD\r\n").count(), 2);
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("VERSION:4.0\r\n"));
    assert!(unfolded.contains(&format!(
        "FN:Claire {}\\nMartin\r\n",
        "Élisabeth-".repeat(8)
    )));
    assert!(
        unfolded
            .contains("ORG:France\\; République\\, \\\\ française;Ministry of Foreign Affairs\r\n")
    );
    assert!(unfolded.contains("EMAIL;TYPE=work:claire@diplomatie.fr.example\r\n"));
    assert!(unfolded.contains("TEL;VALUE=text;TYPE=work,voice:+33 1 23 45 67 89\r\n"));
    assert!(unfolded.contains("TITLE:Focal point\r\n"));
    assert!(unfolded.contains("TITLE:Governmental expert\r\n"));
    assert!(unfolded.contains("NOTE:Nominated 20 January 2021. Reviews: 1 (reviewing Austria)\\, 2 (under review)\\, 3 (reviewing Kenya).\r\n"), "{unfolded}");

    // By role; and as a table on standard output.
    let only_fp = d.ok(&[
        "--as-of",
        AS_OF,
        "contacts",
        "--role",
        "focal_point",
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&only_fp);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r[3] == "focal_point"));
    let table = d.ok(&["--as-of", AS_OF, "contacts", "--party", "FRA"]);
    assert!(table.contains("Paul Bernard"), "{table}");
    assert!(table.contains("governmental expert"), "{table}");
}

// ---- The demo desk: as at 29 February 2024 it holds the paper's figures.

fn demo() -> Desk {
    let d = Desk::new();
    let o = d.run(&["demo"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    d
}

fn load(d: &Desk) -> revdesk::domain::model::Desk {
    revdesk::store::Store::open(&d.db, revdesk::store::Mode::ReadOnly)
        .unwrap()
        .load_desk()
        .unwrap()
}

#[test]
fn report_on_the_demo_desk_has_the_papers_figures() {
    let d = demo();
    let out = d.dir.path().join("report");
    d.ok(&["--as-of", AS_OF, "report", "--out", out.to_str().unwrap()]);
    let md = read(&out.join("report.md"));
    for needle in [
        // Paragraph 5.
        "A total of 189 parties are taking part in the Mechanism: 188 States and one regional economic integration organization.",
        // Paragraph 7.
        "130 parties were selected to participate in 62 reviews as part of the first group, 131 parties were selected to participate in 63 reviews as part of the second group and 134 parties were selected to participate in 64 reviews as part of the third group.",
        // Paragraph 12.
        "As at 29 February 2024, the secretariat had received the nominations of 172 focal points from 162 ",
        "53 focal points (30.8 per cent) were women.",
        "ministry of foreign affairs (48 per cent), while 36 per cent were affiliated with the ministry of justice and 16 per cent with the ministry of the interior.",
        // Paragraphs 13 to 15.
        "5 per cent (eight ",
        "A total of 41.3 per cent (67 out of 162) of the ",
        "14.2 per cent (27 States parties) had not yet nominated their focal points. The pending nominations by those 27 States parties have affected the commencement of 67 country reviews.",
        "a total of 116 country reviews had not yet commenced, including 49 country reviews that were still awaiting the holding of the preliminary consultation meeting.",
        // Paragraphs 18 and 19.
        "1,006 governmental experts (of which 391, ",
        "In addition, 15 States parties had nominated observers",
        // Paragraph 23.
        "As at 29 February 2024, only 73 out of 189 reviews were advancing: 33 reviews had reached the stage of preparation of answers to the self-assessment questionnaire, 36 reviews were at the stage of written feedback and 4 reviews had reached the stage of drafting lists of observations, as illustrated in figure II.",
        // Paragraph 26.
        "only 38.6 per cent of all country reviews (73 in total: ",
        // Paragraph 28.
        "only one language in 47 of the 73 preliminary consultation meetings that were held (47 reviews, or 64.3 per cent of the total): 42 reviews were to be conducted in English, two in French, two in Spanish and one in Arabic. In four cases, parties agreed to conduct the review in three languages",
        "In 20 cases, parties agreed on the use of two languages: seven reviews were to be conducted in Arabic and English, six in English and French, four in English and Spanish, one in Chinese and English, one in English and Russian and one in French and Spanish. In two cases, the parties were unable to reach an agreement",
        // Paragraphs 31 and 34.
        "40 parties under review had completed and submitted their self-assessment questionnaires. In addition, 33 parties were in the process of preparing",
        "out of the 73 active reviews, 36 had reached the stage of written feedback, and only 4 reviews had concluded that stage",
        // Paragraph 36.
        "no lists of observations and their summaries had been finalized",
        "4 out of 62 country reviews in the first group had reached the stage of finalizing the lists of observations.",
        // The tables behind Figures I and II.
        "| **Total** | **67** | **189** |",
        "| **Total** | **67** | **49** | **33** | **36** | **4** | **0** | **189** |",
        "| English | 42 |",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }

    // The figures: one bar per group and stage, values the paper's.
    let fig = |n: u8| bars(&read(&out.join(format!("figure-{n}.svg"))));
    let total = |bars: &[(String, String, u64)], series: &str| -> u64 {
        bars.iter().filter(|b| b.1 == series).map(|b| b.2).sum()
    };
    let two = fig(2);
    assert_eq!(two.len(), 3 * 6);
    let cells: BTreeSet<(String, String)> =
        two.iter().map(|(c, s, _)| (c.clone(), s.clone())).collect();
    assert_eq!(cells.len(), 18);
    for (series, n) in [
        ("awaiting_nominations", 67),
        ("awaiting_consultation", 49),
        ("saq", 33),
        ("feedback", 36),
        ("observations", 4),
        ("concluded", 0),
    ] {
        assert_eq!(total(&two, series), n, "{series}");
    }
    for g in ["1", "2", "3"] {
        let in_group: u64 = two.iter().filter(|b| b.0 == g).map(|b| b.2).sum();
        assert_eq!(in_group, [62, 63, 64][g.parse::<usize>().unwrap() - 1]);
    }
    let one = fig(1);
    assert_eq!(one.len(), 3);
    assert_eq!(total(&one, "awaiting_nominations"), 67);
    let three = fig(3);
    assert_eq!(three.len(), 3);
    assert_eq!(total(&three, "consultation_held"), 73);
    let four = fig(4);
    assert_eq!(total(&four, "reviews"), 73);
    let en = four.iter().find(|b| b.0 == "en").unwrap();
    assert_eq!(en.2, 42);
    assert_eq!(four.iter().find(|b| b.0 == "pending").unwrap().2, 2);
    let five = fig(5);
    assert_eq!(five.len(), 3 * 3);
    assert_eq!(total(&five, "submitted"), 40);
    assert_eq!(total(&five, "in_preparation"), 33);
    assert_eq!(total(&five, "not_started"), 116);
    let six = fig(6);
    assert_eq!(six.len(), 3 * 2);
    assert_eq!(total(&six, "submitted"), 4);
    assert_eq!(total(&six, "in_preparation"), 36);

    // The CSV tables agree with the engine.
    let desk = load(&d);
    let as_of = AS_OF.parse().unwrap();
    let reviews = csv_rows(&read(&out.join("reviews.csv")));
    assert_eq!(reviews.len(), 189);
    assert_eq!(reviews.iter().filter(|r| r[7] == "saq").count(), 33);
    let overdue = csv_rows(&read(&out.join("overdue.csv")));
    assert_eq!(
        overdue.len(),
        engine::overdue(&desk, as_of, Settings::default()).len()
    );
    let fps = csv_rows(&read(&out.join("focal-points.csv")));
    assert_eq!(fps.iter().filter(|r| r[10] == "yes").count(), 172);
}

#[test]
fn demo_calendar_and_digest() {
    use icalendar::Component;
    let d = demo();
    let desk = load(&d);
    let as_of = AS_OF.parse().unwrap();
    let cal = calendar(&d, &[]);
    assert_eq!(
        cal.events().count(),
        engine::obligations(&desk, as_of, Settings::default()).len()
    );
    let uids: BTreeSet<&str> = cal.events().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids.len(), cal.events().count());

    let out = d.dir.path().join("digest");
    d.ok(&[
        "--as-of",
        AS_OF,
        "digest",
        "--month",
        "2024-02",
        "--out",
        out.to_str().unwrap(),
    ]);
    let index = csv_rows(&read(&out.join("index.csv")));
    assert!(index.len() >= 150, "{} messages", index.len());
    // The first party with something overdue: each of its overdue items
    // is in its message.
    let overdue = engine::overdue(&desk, as_of, Settings::default());
    let row = index
        .iter()
        .find(|r| overdue.iter().any(|i| i.party == r[2]))
        .unwrap();
    let text = read(&out.join(&row[0]));
    let (_, body) = parse_eml(&text);
    let body = body.replace("\r\n    ", " ");
    let mine: Vec<_> = overdue.iter().filter(|i| i.party == row[2]).collect();
    assert_eq!(body.matches(" days overdue.").count(), mine.len(), "{body}");
    for i in &mine {
        let due = i.due.format("due %-d %B %Y").to_string();
        assert!(body.contains(&due), "{due} in {body}");
    }
}
