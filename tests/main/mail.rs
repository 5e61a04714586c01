//! Mail that reaches people, run as a user would: the real binary, a
//! `config.toml` beside the store, and a real SMTP server (mailin) that
//! the test starts on 127.0.0.1. What the server received is checked byte
//! for byte: envelope recipients, headers, the body in each language, and
//! exactly one message per reminder across a retry.

use crate::fixtures::{self, Desk, SAMPLE};
use mailin_embedded::response::{NO_MAILBOX, OK};
use mailin_embedded::{Handler, Response, Server};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

const AS_OF: &str = "2024-02-29";

/// One message as the server received it.
#[derive(Debug, Clone, Default)]
struct Received {
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Received {
    fn text(&self) -> String {
        String::from_utf8(self.data.clone()).expect("UTF-8 message")
    }
    fn split(&self) -> (Vec<(String, String)>, String) {
        let text = self.text();
        let (head, body) = text.split_once("\r\n\r\n").expect("a blank line");
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        let headers = unfolded
            .split("\r\n")
            .map(|l| {
                let (k, v) = l.split_once(": ").unwrap_or_else(|| panic!("{l:?}"));
                (k.to_string(), v.to_string())
            })
            .collect();
        (headers, body.to_string())
    }
    fn header(&self, name: &str) -> Option<String> {
        self.split()
            .0
            .into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

#[derive(Clone)]
struct Catcher {
    got: Arc<Mutex<Vec<Received>>>,
    current: Received,
    /// Recipients the server refuses (550).
    refuse: Arc<Vec<String>>,
}

impl Handler for Catcher {
    fn rcpt(&mut self, to: &str) -> Response {
        if self.refuse.iter().any(|r| r == to) {
            NO_MAILBOX
        } else {
            OK
        }
    }
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Received {
            from: from.to_string(),
            to: to.to_vec(),
            data: Vec::new(),
        };
        OK
    }
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.data.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> Response {
        self.got
            .lock()
            .unwrap()
            .push(std::mem::take(&mut self.current));
        OK
    }
}

/// A real SMTP server on a free port of 127.0.0.1, serving until the test
/// process ends.
struct Smtp {
    port: u16,
    got: Arc<Mutex<Vec<Received>>>,
}

impl Smtp {
    fn start(refuse: &[&str]) -> Smtp {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let got = Arc::new(Mutex::new(Vec::new()));
        let handler = Catcher {
            got: got.clone(),
            current: Received::default(),
            refuse: Arc::new(refuse.iter().map(|s| s.to_string()).collect()),
        };
        let mut server = Server::new(handler);
        server
            .with_name("smtp.test.example")
            .with_num_threads(2)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Smtp { port, got }
    }
    fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

/// A port nothing listens on.
fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn configure(d: &Desk, port: u16) {
    d.file(
        "config.toml",
        &format!(
            "[mail]\nfrom = \"UNTOC review secretariat <untoc.review@un.example>\"\nsmtp = \"smtp://127.0.0.1:{port}\"\ntimeout = 5\n"
        ),
    );
}

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

/// Every e-mail reminder the store logged on the as-at day.
fn email_reminders(d: &Desk) -> Vec<Value> {
    let doc: Value = serde_json::from_str(&d.export()).unwrap();
    doc["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["channel"] == "email" && r["date"] == AS_OF)
        .cloned()
        .collect()
}

/// What each language must say about France's SAQ of review 2, due
/// 31 May 2021, and in which script.
/// Language, obligation, due date, and a test of the script.
type Expected = (&'static str, &'static str, &'static str, fn(char) -> bool);

const LANGUAGES: [Expected; 6] = [
    ("en", "SAQ", "31 May 2021", |c| c.is_ascii_alphabetic()),
    (
        "fr",
        "au questionnaire d’auto-évaluation",
        "31 mai 2021",
        |c| "éèàçêâô".contains(c),
    ),
    (
        "es",
        "al cuestionario de autoevaluación",
        "31 de mayo de 2021",
        |c| "áéíóúñ".contains(c),
    ),
    (
        "ru",
        "на вопросник для самооценки",
        "31 мая 2021 года",
        |c| ('\u{0400}'..='\u{04ff}').contains(&c),
    ),
    ("zh", "自评清单答复", "2021年5月31日", |c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
    }),
    (
        "ar",
        "الردود على قائمة التقييم الذاتي",
        "31 أيار/مايو 2021",
        |c| ('\u{0600}'..='\u{06ff}').contains(&c),
    ),
];

#[test]
fn a_reminder_in_each_of_the_six_languages() {
    let smtp = Smtp::start(&[]);
    for (lang, obligation, due, script) in LANGUAGES {
        let d = sample_with(|doc| {
            doc["reviews"][1]["languages"] = json!([lang]);
            person(doc, 3)["email"] = json!("claire.martin@diplomatie.fr.example");
            person(doc, 3)["name"] = json!("Claire\r\nBcc: spy@evil.example");
        });
        configure(&d, smtp.port);
        let before = smtp.received().len();
        let args = [
            "--as-of",
            AS_OF,
            "remind",
            "--party",
            "FRA",
            "--obligation",
            "saq",
            "--review",
            "2",
            "--send",
        ];
        let preview = d.ok(&[&args[..], &["--preview"]].concat());
        assert_eq!(smtp.received().len(), before, "a preview sends nothing");
        assert!(email_reminders(&d).is_empty(), "a preview logs nothing");
        let out = d.ok(&args);
        let got = smtp.received();
        assert_eq!(got.len(), before + 1, "{lang}: one message");
        let m = &got[before];
        assert_eq!(m.from, "untoc.review@un.example");
        assert_eq!(m.to, ["claire.martin@diplomatie.fr.example"]);
        let id = "<reminder.FRA.saq.2.20240229.1@un.example>".to_string();
        assert_eq!(m.header("Message-ID").as_deref(), Some(id.as_str()));
        assert_eq!(m.header("Content-Language").as_deref(), Some(lang));
        assert_eq!(
            m.header("Content-Type").as_deref(),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(
            m.header("Content-Transfer-Encoding").as_deref(),
            Some("8bit")
        );
        assert!(m.header("Bcc").is_none());
        let (headers, body) = m.split();
        assert!(headers.iter().all(|(k, v)| k.is_ascii() && v.is_ascii()));
        // What the server received is what the preview showed, to the
        // byte, but for the time of sending.
        let strip_date = |t: &str| {
            t.split("\r\n")
                .filter(|l| !l.starts_with("Date: "))
                .collect::<Vec<_>>()
                .join("\r\n")
        };
        // The data ends with the CRLF of the end-of-data mark.
        assert_eq!(
            strip_date(&m.text()),
            strip_date(&format!("{preview}\r\n")),
            "{lang}"
        );
        let flat = body.replace("\r\n      ", " ").replace("\r\n    ", " ");
        assert!(flat.contains(obligation), "{lang}: {obligation} in {flat}");
        assert!(flat.contains(due), "{lang}: {due} in {flat}");
        assert!(body.chars().filter(|c| script(*c)).count() > 10, "{lang}");
        assert!(!body.contains('{') || body.contains("{$"), "{lang}: {body}");
        assert!(out.contains(&id), "{out}");
        // Logged once accepted, with its channel and date.
        let logged = email_reminders(&d);
        assert_eq!(logged.len(), 1, "{lang}");
        assert_eq!(logged[0]["party"], "FRA");
        assert_eq!(logged[0]["review"], 2);
        assert_eq!(logged[0]["date"], AS_OF);
    }
}

#[test]
fn a_second_send_the_same_day_needs_again() {
    let smtp = Smtp::start(&[]);
    let d = sample_with(|doc| {
        person(doc, 5)["email"] = json!("w.kamau@ken.example");
    });
    configure(&d, smtp.port);
    let args = [
        "--as-of",
        AS_OF,
        "remind",
        "--party",
        "KEN",
        "--obligation",
        "saq",
        "--review",
        "3",
        "--send",
    ];
    d.ok(&args);
    let o = d.run(&args);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--again"));
    assert_eq!(smtp.received().len(), 1);
    d.ok(&[&args[..], &["--again"]].concat());
    let got = smtp.received();
    assert_eq!(got.len(), 2);
    // Review 3 agreed French first: the mail is in French.
    assert_eq!(got[1].header("Content-Language").as_deref(), Some("fr"));
    assert_eq!(
        got[1].header("Message-ID").as_deref(),
        Some("<reminder.KEN.saq.3.20240229.2@un.example>")
    );
    assert_eq!(email_reminders(&d).len(), 2);
}

#[test]
fn a_stopped_server_or_a_refusal_logs_nothing_and_says_why() {
    let d = sample_with(|doc| {
        person(doc, 3)["email"] = json!("claire.martin@diplomatie.fr.example");
    });
    let before = d.export();
    configure(&d, dead_port());
    let args = [
        "--as-of",
        AS_OF,
        "remind",
        "--party",
        "FRA",
        "--obligation",
        "saq",
        "--review",
        "2",
        "--send",
    ];
    let err = d.fails(&args);
    assert!(err.contains("not sent, nothing logged"), "{err}");
    assert!(err.to_lowercase().contains("connect"), "{err}");
    assert_eq!(d.export(), before, "the store is unchanged");

    let smtp = Smtp::start(&["claire.martin@diplomatie.fr.example"]);
    configure(&d, smtp.port);
    let err = d.fails(&args);
    assert!(err.contains("550"), "the server's reply: {err}");
    assert_eq!(d.export(), before, "the store is unchanged");
    assert!(smtp.received().is_empty());
}

#[test]
fn a_bulk_run_sends_one_per_party_and_obligation_and_a_rerun_sends_nothing() {
    let smtp = Smtp::start(&[]);
    let d = sample_with(|doc| {
        person(doc, 2)["email"] = json!("lukas.huber@bmeia.at.example");
        person(doc, 3)["email"] = json!("claire.martin@diplomatie.fr.example");
        person(doc, 5)["email"] = json!("w.kamau@ken.example");
    });
    configure(&d, smtp.port);
    let overdue = d.json(&["--as-of", AS_OF, "overdue", "--format", "json"]);
    let rows = overdue.as_array().unwrap();
    let can_act: Vec<&Value> = rows.iter().filter(|r| r["waiting_on"].is_null()).collect();
    let mut pairs: Vec<(String, String)> = can_act
        .iter()
        .map(|r| {
            (
                r["party"].as_str().unwrap().to_string(),
                r["obligation"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    // Only AUT, FRA and KEN have a focal point with an address.
    let addressed: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(p, _)| ["AUT", "FRA", "KEN"].contains(&p.as_str()))
        .collect();
    let bulk = ["--as-of", AS_OF, "remind", "--overdue", "--send"];
    // From a script, nothing goes without --yes.
    let err = d.fails(&bulk);
    assert!(err.contains("--yes"), "{err}");
    assert!(
        err.contains(&format!(
            "{} messages about {} overdue obligations",
            pairs.len(),
            can_act.len()
        )),
        "{err}"
    );
    assert!(smtp.received().is_empty());

    let o = d.run(&[&bulk[..], &["--yes"]].concat());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no address"), "reported, not skipped: {err}");
    let got = smtp.received();
    assert_eq!(got.len(), addressed.len(), "{err}");
    // Exactly one message per party and obligation.
    let mut ids: Vec<String> = got
        .iter()
        .map(|m| m.header("Message-ID").unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), got.len());
    let logged = email_reminders(&d);
    let logged_rows = can_act
        .iter()
        .filter(|r| ["AUT", "FRA", "KEN"].contains(&r["party"].as_str().unwrap()))
        .count();
    assert_eq!(logged.len(), logged_rows);

    // A second run sends nothing, logs nothing.
    let o = d.run(&[&bulk[..], &["--yes"]].concat());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("already reminded"), "{err}");
    assert_eq!(smtp.received().len(), got.len());
    assert_eq!(email_reminders(&d).len(), logged_rows);
}

#[test]
fn an_interrupted_bulk_run_is_resumed_by_running_it_again() {
    let d = sample_with(|doc| {
        person(doc, 2)["email"] = json!("lukas.huber@bmeia.at.example");
        person(doc, 3)["email"] = json!("claire.martin@diplomatie.fr.example");
        person(doc, 5)["email"] = json!("w.kamau@ken.example");
    });
    // The server refuses France's focal point: the others go, France does
    // not, and only what went is logged.
    let first = Smtp::start(&["claire.martin@diplomatie.fr.example"]);
    configure(&d, first.port);
    let bulk = ["--as-of", AS_OF, "remind", "--overdue", "--send", "--yes"];
    let o = d.run(&bulk);
    assert!(!o.status.success());
    let sent_first = first.received();
    assert!(!sent_first.is_empty());
    assert!(sent_first.iter().all(|m| {
        !m.to
            .contains(&"claire.martin@diplomatie.fr.example".to_string())
    }));
    let logged_first = email_reminders(&d);
    assert!(logged_first.iter().all(|r| r["party"] != "FRA"));

    // Run again against a server that accepts: only France's go out.
    let second = Smtp::start(&[]);
    configure(&d, second.port);
    d.ok(&bulk);
    let got = second.received();
    assert!(!got.is_empty());
    assert!(
        got.iter()
            .all(|m| m.to == ["claire.martin@diplomatie.fr.example"])
    );
    let all = email_reminders(&d);
    assert!(all.len() > logged_first.len());
    // Every reminder is logged once.
    let mut keys: Vec<String> = all
        .iter()
        .map(|r| format!("{}{}{}", r["party"], r["obligation"], r["review"]))
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

#[test]
fn observations_waiting_on_another_party_are_left_out_unless_asked() {
    let d = Desk::sample();
    let rows = d.json(&["--as-of", AS_OF, "overdue", "--format", "json"]);
    let rows = rows.as_array().unwrap();
    for r in rows {
        let waits = !r["waiting_on"].is_null();
        assert_eq!(waits, r["obligation"] == "observations", "{r}");
    }
    // Review 2 (France by EU, Nigeria) has no SAQ: its reviewers' lists of
    // observations wait on France.
    assert!(rows.contains(
        &json!({"review": 2, "party": "NGA", "obligation": "observations",
        "due": "2022-05-31", "days_overdue": 639, "waiting_on": "FRA"})
    ));
    // Those that can act come first.
    let first_waiting = rows
        .iter()
        .position(|r| !r["waiting_on"].is_null())
        .unwrap();
    assert!(
        rows[first_waiting..]
            .iter()
            .all(|r| !r["waiting_on"].is_null())
    );
}

#[test]
fn a_password_file_others_can_read_is_refused() {
    let d = sample_with(|doc| {
        person(doc, 3)["email"] = json!("claire.martin@diplomatie.fr.example");
    });
    let secret = d.file("smtp-password", "correct horse battery staple\n");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    d.file(
        "config.toml",
        "[mail]\nfrom = \"S <s@un.example>\"\nsmtp = \"smtp://127.0.0.1:1\"\nuser = \"desk\"\npassword_file = \"smtp-password\"\n",
    );
    let err = d.fails(&[
        "--as-of",
        AS_OF,
        "remind",
        "--party",
        "FRA",
        "--obligation",
        "saq",
        "--review",
        "2",
        "--send",
    ]);
    assert!(
        err.contains("smtp-password") && err.contains("0644"),
        "{err}"
    );
    assert!(!err.contains("battery"), "{err}");
}

#[test]
fn the_digest_is_sent_one_message_per_focal_point() {
    let smtp = Smtp::start(&[]);
    let d = sample_with(|doc| {
        person(doc, 2)["email"] = json!("lukas.huber@bmeia.at.example");
        person(doc, 3)["email"] = json!("claire.martin@diplomatie.fr.example");
        person(doc, 5)["email"] = json!("w.kamau@ken.example");
    });
    configure(&d, smtp.port);
    let out = d.ok(&["--as-of", AS_OF, "digest", "--month", "2024-02", "--send"]);
    let got = smtp.received();
    let mut to: Vec<String> = got.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "claire.martin@diplomatie.fr.example",
            "lukas.huber@bmeia.at.example",
            "w.kamau@ken.example"
        ]
    );
    for m in &got {
        assert_eq!(m.from, "untoc.review@un.example");
        let id = m.header("Message-ID").unwrap();
        assert!(out.contains(&id), "{out}");
        assert_eq!(
            m.header("From").as_deref(),
            Some("\"UNTOC review secretariat\" <untoc.review@un.example>")
        );
    }
    // Kenya's review agreed French first: its focal point reads French.
    let ken = got
        .iter()
        .find(|m| m.to == ["w.kamau@ken.example"])
        .unwrap();
    assert_eq!(ken.header("Content-Language").as_deref(), Some("fr"));
    assert!(
        ken.split().1.contains("OBLIGATIONS DE KENYA"),
        "{}",
        ken.text()
    );
    // Austria's review is in English.
    let aut = got
        .iter()
        .find(|m| m.to == ["lukas.huber@bmeia.at.example"])
        .unwrap();
    assert_eq!(aut.header("Content-Language").as_deref(), Some("en"));
}

#[test]
fn the_mission_is_written_to_or_copied_and_working_languages_choose_when_pending() {
    let smtp = Smtp::start(&[]);
    let d = sample_with(|doc| {
        person(doc, 3)["email"] = json!("claire.martin@diplomatie.fr.example");
    });
    configure(&d, smtp.port);
    let err = d.fails(&[
        "mission",
        "--party",
        "NGA",
        "--email",
        "a@b.example\r\nBcc: x@evil.example",
    ]);
    assert!(err.contains("mission_email"), "{err}");
    d.ok(&[
        "mission",
        "--party",
        "NGA",
        "--email",
        "mission@nga.example",
        "--phone",
        "+234 9 000",
    ]);
    d.ok(&[
        "mission",
        "--party",
        "FRA",
        "--email",
        "mission@fra.example",
    ]);
    // Nigeria has no focal point: the mission is written to.
    d.ok(&[
        "--as-of",
        AS_OF,
        "remind",
        "--party",
        "NGA",
        "--obligation",
        "focal_point",
        "--send",
    ]);
    // France's review languages are pending: its focal point's own.
    d.ok(&["languages", "--person", "3", "ru,fr"]);
    d.ok(&[
        "--as-of",
        AS_OF,
        "remind",
        "--party",
        "FRA",
        "--obligation",
        "saq",
        "--review",
        "2",
        "--send",
    ]);
    let got = smtp.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].to, ["mission@nga.example"]);
    assert_eq!(got[0].header("Content-Language").as_deref(), Some("en"));
    assert!(
        got[0]
            .split()
            .1
            .starts_with("To the Permanent Mission of Nigeria,")
    );
    let mut to = got[1].to.clone();
    to.sort();
    assert_eq!(
        to,
        ["claire.martin@diplomatie.fr.example", "mission@fra.example"]
    );
    assert_eq!(
        got[1].header("Cc").as_deref(),
        Some("France <mission@fra.example>")
    );
    assert_eq!(got[1].header("Content-Language").as_deref(), Some("ru"));
    // A party with neither is reported, and nothing is logged for it.
    let err = d.fails(&[
        "--as-of",
        AS_OF,
        "remind",
        "--party",
        "EU",
        "--obligation",
        "focal_point",
        "--send",
    ]);
    assert!(err.contains("no address"), "{err}");
    assert_eq!(email_reminders(&d).len(), 2);
}

#[test]
fn the_app_marks_rows_previews_the_first_message_and_sends_one_each() {
    let smtp = Smtp::start(&[]);
    let mut doc: Value = serde_json::from_str(SAMPLE).unwrap();
    person(&mut doc, 3)["email"] = json!("claire.martin@diplomatie.fr.example");
    person(&mut doc, 5)["email"] = json!("w.kamau@ken.example");
    let desk = revdesk::domain::interchange::parse(&doc.to_string()).unwrap();
    let (dir, mut app) = fixtures::editing_app_on(&desk);
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "[mail]\nfrom = \"UNTOC review secretariat <untoc.review@un.example>\"\nsmtp = \"smtp://127.0.0.1:{}\"\n",
            smtp.port
        ),
    )
    .unwrap();
    // Rows waiting on another party come last, and say whom they wait on.
    let n = app.overdue.rows.len();
    let lines: Vec<_> = (0..n).map(|i| app.overdue_line(i).unwrap()).collect();
    let first_waiting = lines.iter().position(|l| l.waiting_on.is_some()).unwrap();
    assert!(
        lines[first_waiting..]
            .iter()
            .all(|l| l.waiting_on.is_some())
    );
    assert!(lines.iter().any(|l| l.waiting_on.as_deref() == Some("FRA")));
    // Mark France's and Kenya's SAQ rows.
    let pos = |code: &str| {
        lines
            .iter()
            .position(|l| l.code == code && l.obligation == "SAQ")
            .unwrap()
    };
    for code in ["FRA", "KEN"] {
        app.overdue.cursor.selected = pos(code);
        fixtures::press(&mut app, &["space"]);
    }
    assert_eq!(app.overdue.marked.len(), 2);
    let shown = fixtures::screen(&mut app, 120, 40);
    assert!(shown.contains("marked: 2"), "{shown}");
    fixtures::press(&mut app, &["S"]);
    let preview = fixtures::screen(&mut app, 120, 40);
    assert!(preview.contains("2 reminders"), "{preview}");
    assert!(
        preview.contains("To: claire.martin@diplomatie.fr.example"),
        "{preview}"
    );
    assert!(preview.contains("send by e-mail"), "{preview}");
    assert!(smtp.received().is_empty(), "nothing sent before yes");
    fixtures::press(&mut app, &["y"]);
    let got = smtp.received();
    assert_eq!(got.len(), 2, "{}", fixtures::screen(&mut app, 120, 40));
    assert_eq!(got[0].to, ["claire.martin@diplomatie.fr.example"]);
    assert_eq!(got[1].to, ["w.kamau@ken.example"]);
    assert_eq!(got[1].header("Content-Language").as_deref(), Some("fr"));
    assert!(app.overdue.marked.is_empty());
    let store = fixtures::colleague(&dir, "tester");
    let date = AS_OF.parse().unwrap();
    use revdesk::domain::model::Obligation;
    assert_eq!(
        store
            .reminders_on("FRA", Obligation::Saq, Some(2), date)
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .reminders_on("KEN", Obligation::Saq, Some(3), date)
            .unwrap(),
        1
    );
    // Again: already reminded that day, nothing goes.
    app.overdue.cursor.selected = pos("FRA");
    fixtures::press(&mut app, &["S", "y"]);
    assert_eq!(smtp.received().len(), 2);
}

#[test]
fn the_app_edits_a_mission_and_a_persons_working_languages() {
    let (dir, mut app) = fixtures::editing_app();
    fixtures::press(&mut app, &["4", "/"]);
    fixtures::type_in(&mut app, "Nigeria");
    fixtures::press(&mut app, &["enter", "i"]);
    let form = fixtures::screen(&mut app, 120, 40);
    assert!(form.contains("Permanent mission"), "{form}");
    fixtures::type_in(&mut app, "bad address");
    fixtures::press(&mut app, &["ctrl-s"]);
    let refused = fixtures::screen(&mut app, 120, 40);
    assert!(refused.contains("not a plain e-mail address"), "{refused}");
    for _ in 0.."bad address".len() {
        fixtures::press(&mut app, &["backspace"]);
    }
    fixtures::type_in(&mut app, "mission@nga.example");
    fixtures::press(&mut app, &["ctrl-s"]);
    let store = fixtures::colleague(&dir, "tester");
    let d = store.directory().unwrap();
    assert_eq!(
        d.mission("NGA").and_then(|m| m.email.as_deref()),
        Some("mission@nga.example")
    );
    let audit = store.audit_trail(Some(("party", "NGA")), 5).unwrap();
    assert_eq!(audit[0].action, "mission");
}
