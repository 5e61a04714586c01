//! The app's state driven by keys and actions, without a terminal.

use crate::fixtures::*;
use revdesk::app::figures::figures;
use revdesk::app::{Action, App, Mode, Pane};
use revdesk::domain::model::{Channel, Obligation, Reminder, Stage};

fn overdue_parties(app: &App) -> Vec<String> {
    (0..app.overdue.rows.len())
        .map(|i| app.overdue_line(i).unwrap().code)
        .collect()
}

#[test]
fn overdue_opens_first_and_number_keys_switch_panes() {
    let mut app = sample_app();
    assert_eq!(app.pane(), Pane::Overdue);
    for (k, pane) in [
        ("2", Pane::Reviews),
        ("3", Pane::Timeline),
        ("4", Pane::Parties),
        ("5", Pane::Contacts),
        ("6", Pane::Figures),
        ("7", Pane::Assistance),
        ("1", Pane::Overdue),
    ] {
        press(&mut app, &[k]);
        assert_eq!(app.pane(), pane, "key {k}");
    }
    press(&mut app, &["tab"]);
    assert_eq!(app.pane(), Pane::Reviews);
    press(&mut app, &["shift-tab", "shift-tab"]);
    assert_eq!(app.pane(), Pane::Assistance, "shift-tab wraps around");
    press(&mut app, &["tab"]);
    assert_eq!(app.pane(), Pane::Overdue, "tab wraps around");
}

#[test]
fn movement_stays_in_bounds() {
    let mut app = sample_app();
    let n = app.overdue.rows.len();
    assert_eq!(
        n, 19,
        "the sample desk has 19 obligations overdue at the paper's date"
    );
    press(&mut app, &["k", "up"]);
    assert_eq!(app.overdue.cursor.selected, 0);
    press(&mut app, &["j", "down"]);
    assert_eq!(app.overdue.cursor.selected, 2);
    press(&mut app, &["G"]);
    assert_eq!(app.overdue.cursor.selected, n - 1);
    press(&mut app, &["j", "pagedown", "ctrl-d", "end"]);
    assert_eq!(app.overdue.cursor.selected, n - 1);
    press(&mut app, &["g"]);
    assert_eq!(app.overdue.cursor.selected, 0);
    // Paging moves by what the screen showed (the renderer records it).
    screen(&mut app, 80, 24);
    let page = app.overdue.cursor.height;
    assert!(page > 5 && page < 24, "{page}");
    press(&mut app, &["pagedown"]);
    assert_eq!(app.overdue.cursor.selected, page.min(n - 1));
    press(&mut app, &["home", "ctrl-d"]);
    assert_eq!(app.overdue.cursor.selected, page.div_ceil(2));
    press(&mut app, &["ctrl-u", "ctrl-u"]);
    assert_eq!(app.overdue.cursor.selected, 0);
}

#[test]
fn typing_a_filter_narrows_enter_keeps_esc_clears() {
    let mut app = sample_app();
    let all = app.overdue.rows.len();
    press(&mut app, &["/"]);
    assert_eq!(app.mode, Mode::Filter);
    app.type_text("ken");
    let rows = overdue_parties(&app);
    assert!(!rows.is_empty() && rows.len() < all, "{rows:?}");
    // Kenya's own rows, and rows of reviews Kenya takes part in.
    assert!(rows.iter().any(|c| c == "KEN"));
    for i in 0..app.overdue.rows.len() {
        let l = app.overdue_line(i).unwrap();
        assert!(l.code == "KEN" || l.review.contains("KEN"), "{l:?}");
    }
    let narrowed = app.overdue.rows.len();
    press(&mut app, &["enter"]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.overdue.rows.len(), narrowed, "Enter keeps the filter");
    // j moves in normal mode, it is not typed.
    press(&mut app, &["j"]);
    assert_eq!(app.overdue.filter.text, "ken");
    press(&mut app, &["/", "backspace", "backspace", "backspace"]);
    assert_eq!(app.overdue.rows.len(), all);
    app.type_text("eu");
    assert!(
        overdue_parties(&app)
            .iter()
            .all(|c| c == "EU" || c == "NGA" || c == "FRA")
    );
    press(&mut app, &["esc"]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.overdue.filter.text.is_empty(), "Esc clears");
    assert_eq!(app.overdue.rows.len(), all);
    // Typing an obligation name matches it.
    press(&mut app, &["/"]);
    app.type_text("saq");
    assert!((0..app.overdue.rows.len()).all(|i| app.overdue_line(i).unwrap().obligation == "SAQ"));
}

#[test]
fn bare_esc_destroys_nothing() {
    let mut app = sample_app();
    press(&mut app, &["/"]);
    app.type_text("fra");
    press(&mut app, &["enter", "o"]);
    let filtered = app.overdue.rows.clone();
    // Esc takes away the kept text filter (as the status line says), and
    // nothing else: the obligation filter stays; a second Esc does nothing.
    press(&mut app, &["esc"]);
    assert!(app.overdue.filter.text.is_empty());
    assert_eq!(app.overdue.obligation, Some(Obligation::FocalPoint));
    let rows = app.overdue.rows.clone();
    assert!(rows.len() > filtered.len(), "{rows:?}");
    press(&mut app, &["esc"]);
    assert_eq!(
        app.overdue.rows, rows,
        "a second Esc keeps the other filters"
    );
    assert_eq!(app.overdue.obligation, Some(Obligation::FocalPoint));
    assert!(!app.quit);
}

#[test]
fn filters_by_obligation_group_region_and_due_soon() {
    let mut app = sample_app();
    press(&mut app, &["o"]);
    assert_eq!(app.overdue.obligation, Some(Obligation::FocalPoint));
    assert_eq!(overdue_parties(&app), vec!["EU", "NGA"]);
    press(&mut app, &["o", "o"]);
    assert_eq!(app.overdue.obligation, Some(Obligation::Saq));
    assert_eq!(overdue_parties(&app), vec!["FRA", "KEN"]);
    for _ in 0..4 {
        press(&mut app, &["o"]);
    }
    assert_eq!(app.overdue.obligation, None, "cycles back to all");
    press(&mut app, &["c", "c"]);
    assert_eq!(app.overdue.group, Some(2));
    assert!(
        overdue_parties(&app)
            .iter()
            .all(|c| c == "KEN" || c == "NGA" || c == "FRA")
    );
    press(&mut app, &["c"]);
    assert_eq!(app.overdue.group, None);
    press(&mut app, &["w"]);
    assert_eq!(app.overdue.region.map(|r| r.as_str()), Some("AFG"));
    assert!(
        overdue_parties(&app)
            .iter()
            .all(|c| c == "KEN" || c == "NGA")
    );

    // Due soon: as at 2021-05-20 the SAQs of group 1 (due 2021-05-31) are close.
    let mut app = sample_app();
    app.set_as_of(d("2021-05-20"));
    let soon: Vec<_> = (0..app.overdue.rows.len())
        .map(|i| app.overdue_line(i).unwrap())
        .filter(|l| l.days.starts_with("in "))
        .collect();
    assert_eq!(soon.len(), 2, "{soon:?}");
    assert!(
        soon.iter()
            .all(|l| l.days == "in 11 days" && l.obligation == "SAQ")
    );
    let with = app.overdue.rows.len();
    press(&mut app, &["d"]);
    assert!(!app.overdue.due_soon);
    assert_eq!(app.overdue.rows.len(), with - 2);
    press(&mut app, &["d"]);
    assert_eq!(app.overdue.rows.len(), with);
}

#[test]
fn as_at_prompt_recomputes_everything() {
    let mut app = sample_app();
    let before = app.overdue.rows.len();
    press(&mut app, &["4", "t"]);
    assert!(matches!(app.mode, Mode::AsOf { .. }));
    app.type_text("2021-06-01");
    press(&mut app, &["enter"]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.as_of(), d("2021-06-01"));
    assert_eq!(app.stats().as_of, d("2021-06-01"));
    assert_ne!(app.overdue.rows.len(), before);
    // Review 3 (group 2, from 2022-01-15) had not started: it owes nothing.
    assert!(!app.data.entries.is_empty());
    assert!((0..app.data.entries.len()).all(|i| app.data.item(&app.desk, i).review != Some(3)));
    assert_eq!(app.message.as_deref(), Some("as at 2021-06-01"));

    // A bad date keeps the prompt open with the error; Esc cancels.
    press(&mut app, &["t"]);
    app.type_text("2023-02-30");
    press(&mut app, &["enter"]);
    match &app.mode {
        Mode::AsOf { error: Some(e), .. } => assert!(e.contains("not a day"), "{e}"),
        m => panic!("{m:?}"),
    }
    press(&mut app, &["esc"]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.as_of(), d("2021-06-01"));

    // "today" and "t" mean the session's today.
    press(&mut app, &["t"]);
    app.type_text("t");
    press(&mut app, &["enter"]);
    assert_eq!(app.as_of(), today());
    press(&mut app, &["t"]);
    app.type_text("2024-02-29");
    press(&mut app, &["enter"]);
    assert_eq!(app.overdue.rows.len(), before);
}

#[test]
fn enter_opens_the_review_or_the_party_and_esc_goes_back() {
    let mut app = sample_app();
    // The first row is a nomination (EU's focal point): opens the party.
    press(&mut app, &["enter"]);
    assert_eq!(app.pane(), Pane::Parties);
    let sel = app.parties.rows[app.parties.cursor.selected];
    assert_eq!(app.desk.parties[sel].code, "EU");
    press(&mut app, &["esc"]);
    assert_eq!(app.pane(), Pane::Overdue);
    // France's SAQ row belongs to review 2.
    let i = (0..app.overdue.rows.len())
        .find(|&i| app.overdue_line(i).unwrap().review.starts_with("#2"))
        .unwrap();
    app.overdue.cursor.selected = i;
    press(&mut app, &["enter"]);
    assert_eq!(app.pane(), Pane::Timeline);
    assert_eq!(app.timeline.review, Some(2));
    let m = app.timeline_model().unwrap();
    assert_eq!(m.start, d("2020-12-01"));
    assert_eq!(m.end, d("2022-11-30"));
    press(&mut app, &["]"]);
    assert_eq!(app.timeline.review, Some(3));
    press(&mut app, &["]"]);
    assert_eq!(app.timeline.review, Some(3), "stays on the last review");
    press(&mut app, &["[", "[", "["]);
    assert_eq!(app.timeline.review, Some(1));
}

#[test]
fn reviews_filter_by_group_and_stage_and_sort_by_any_column() {
    let mut app = sample_app();
    press(&mut app, &["2"]);
    let ids = |app: &App| -> Vec<i64> {
        app.reviews
            .rows
            .iter()
            .map(|&i| app.desk.reviews[i].id)
            .collect()
    };
    assert_eq!(ids(&app), vec![1, 2, 3]);
    press(&mut app, &["c"]);
    assert_eq!(ids(&app), vec![1, 2]);
    press(&mut app, &["c", "c"]);
    assert_eq!(ids(&app), vec![1, 2, 3]);
    press(&mut app, &["p"]);
    assert_eq!(app.reviews.stage, Some(Stage::AwaitingNominations));
    assert_eq!(ids(&app), vec![2]);
    press(&mut app, &["p", "p"]);
    assert_eq!(app.reviews.stage, Some(Stage::Saq));
    assert_eq!(ids(&app), vec![3]);
    for _ in 0..4 {
        press(&mut app, &["p"]);
    }
    assert_eq!(app.reviews.stage, None);
    // Sort: group, then under review by name, then reversed.
    press(&mut app, &[">", ">"]);
    assert_eq!(app.reviews.sort.label(), "under review");
    assert_eq!(ids(&app), vec![1, 2, 3], "Austria, France, Kenya");
    press(&mut app, &["<"]);
    assert_eq!(ids(&app), vec![3, 2, 1]);
    // Every column sorts without losing rows.
    for _ in 0..8 {
        press(&mut app, &[">"]);
        let mut v = ids(&app);
        v.sort_unstable();
        assert_eq!(v, vec![1, 2, 3]);
    }
    // Next deadline: review 2's SAQ (2021-05-31) is the earliest.
    while app.reviews.sort.label() != "next deadline" {
        press(&mut app, &[">"]);
    }
    press(&mut app, &["<"]);
    assert!(!app.reviews.descending);
    assert_eq!(ids(&app)[0], 2);
    let line = app.review_line(0).unwrap();
    assert_eq!(line.next, "SAQ 2021-05-31");
    assert_eq!(line.reviewers, "EU, NGA");
    assert_eq!(line.redraws, "1/4");
    assert_eq!(line.languages, "—", "no consultation yet: no languages");
    let held = app.review_line(1).unwrap();
    assert_eq!(held.languages, "en");
}

#[test]
fn contacts_narrow_at_once_substring_then_fuzzy_and_copy() {
    let mut app = sample_app();
    press(&mut app, &["5", "/"]);
    app.type_text("gruber");
    assert_eq!(app.contacts.rows.len(), 1);
    assert_eq!(app.contact_line(0).unwrap().name, "Anna Gruber");
    press(&mut app, &["esc", "/"]);
    // Substring by party name, accents and case ignored.
    app.type_text("KENYA");
    assert_eq!(app.contact_line(0).unwrap().name, "Wanjiru Kamau");
    press(&mut app, &["ctrl-u"]);
    // Not a substring: fuzzy, after the substring matches.
    app.type_text("wnjr");
    assert!(app.contacts.exact == 0 && !app.contacts.rows.is_empty());
    assert_eq!(app.contact_line(0).unwrap().name, "Wanjiru Kamau");
    press(&mut app, &["ctrl-u"]);
    app.type_text("bmeia");
    assert_eq!(app.contacts.rows.len(), 1, "e-mail is searched");
    press(&mut app, &["enter", "y"]);
    assert_eq!(
        app.take_clipboard().as_deref(),
        Some("anna.gruber@bmeia.at.example")
    );
    // What was done, not a success the app cannot see.
    assert_eq!(
        app.message.as_deref(),
        Some("sent anna.gruber@bmeia.at.example to the terminal's clipboard")
    );
    press(&mut app, &["Y"]);
    let card = app.take_clipboard().unwrap();
    assert!(card.starts_with("Anna Gruber\n"), "{card}");
    assert!(card.contains("Email: anna.gruber@bmeia.at.example"));
    assert!(card.contains("Phone: +43 1 0000 01"));
    // Someone without an e-mail: nothing copied, a message says why.
    press(&mut app, &["/", "ctrl-u"]);
    app.type_text("paul");
    press(&mut app, &["enter", "y"]);
    assert_eq!(app.take_clipboard(), None);
    assert!(app.message.as_deref().unwrap().contains("no e-mail"));
}

#[test]
fn help_overlay_lists_the_live_keymap() {
    let mut app = sample_app();
    press(&mut app, &["?"]);
    assert_eq!(app.mode, Mode::Help { scroll: 0 });
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Overdue pane"), "{text}");
    assert!(text.contains("cycle the obligation filter"));
    for (key, action) in [("o", Action::FilterObligation), ("q", Action::Quit)] {
        let line = text
            .lines()
            .find(|l| l.contains(action.description()))
            .unwrap_or_else(|| panic!("{action:?} missing:\n{text}"));
        assert!(line.contains(key), "{line}");
    }
    // Keys of other panes are not listed.
    assert!(!text.contains("copy the e-mail address"));
    press(&mut app, &["?"]);
    assert_eq!(app.mode, Mode::Normal);

    // With a user's keymap the overlay changes with it.
    let km = revdesk::app::Keymap::with_user_text(
        "[overdue]\n\"O\" = \"filter_obligation\"\n\"o\" = \"none\"\n",
        "test",
    )
    .unwrap();
    app.keymap = km;
    press(&mut app, &["?"]);
    let text = screen(&mut app, 120, 40);
    let line = text
        .lines()
        .find(|l| l.contains("cycle the obligation filter"))
        .unwrap();
    assert!(line.contains(" O ") && !line.contains(" o "), "{line}");
    press(&mut app, &["esc"]);
    press(&mut app, &["o"]);
    assert_eq!(app.overdue.obligation, None, "o is unbound now");
    press(&mut app, &["O"]);
    assert_eq!(app.overdue.obligation, Some(Obligation::FocalPoint));
}

#[test]
fn hint_bar_comes_from_the_keymap() {
    let mut app = sample_app();
    let text = screen(&mut app, 120, 40);
    let hint = text.lines().last().unwrap().to_string();
    assert!(
        hint.contains("? help") && hint.contains("o obligation"),
        "{hint}"
    );
    app.keymap = revdesk::app::Keymap::with_user_text(
        "[global]\n\"F\" = \"filter\"\n\"/\" = \"none\"\n",
        "test",
    )
    .unwrap();
    let text = screen(&mut app, 120, 40);
    let hint = text.lines().last().unwrap().to_string();
    assert!(
        hint.contains("F filter") && !hint.contains("/ filter"),
        "{hint}"
    );
}

#[test]
fn another_sessions_change_reloads_keeping_the_view() {
    let mut app = sample_app();
    press(&mut app, &["/"]);
    app.type_text("nigeria");
    press(&mut app, &["enter", "j"]);
    let selected = app.overdue.rows[app.overdue.cursor.selected];
    let mut desk = app.desk.to_desk();
    desk.reminders.push(Reminder {
        date: d("2024-01-10"),
        party: "NGA".into(),
        review: None,
        obligation: Obligation::FocalPoint,
        channel: Channel::PermanentMission,
        note: "called".into(),
    });
    app.replace_desk(desk);
    assert_eq!(app.overdue.filter.text, "nigeria");
    assert_eq!(app.overdue.rows[app.overdue.cursor.selected], selected);
    let l = (0..app.overdue.rows.len())
        .map(|i| app.overdue_line(i).unwrap())
        .find(|l| l.code == "NGA" && l.obligation == "focal point")
        .unwrap();
    assert_eq!(l.reminders, 1);
    assert_eq!(l.last_reminder, "2024-01-10 perm. mission");
}

#[test]
fn figures_are_the_stats_not_a_recount() {
    let app = sample_app();
    let s = app.stats().clone();
    let s = &s;
    let figs = figures(s);
    assert_eq!(figs.len(), 6);
    let numbers: Vec<&str> = figs.iter().map(|f| f.number).collect();
    assert_eq!(numbers, ["I", "II", "III", "IV", "V", "VI"]);
    for (label, v) in &figs[0].rows {
        let g = label.trim_start_matches("Group ");
        assert_eq!(v[0], s.stages_by_group[g]["awaiting_nominations"]);
    }
    assert_eq!(figs[1].total(), s.reviews.total);
    let held: u64 = figs[2].rows.iter().map(|r| r.1[0]).sum();
    assert_eq!(held, s.consultations_held.total);
    let langs: u64 = figs[3].rows.iter().map(|r| r.1[0]).sum();
    assert_eq!(langs, s.languages.values().sum::<u64>());
    // SAQ submitted = reviews past the SAQ stage.
    let submitted: u64 = figs[4].rows.iter().map(|r| r.1[0]).sum();
    assert_eq!(
        submitted,
        s.stage(Stage::Feedback) + s.stage(Stage::Observations) + s.stage(Stage::Concluded)
    );
    // The pane shows them.
    let mut app = app;
    press(&mut app, &["6"]);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Figure I "), "{text}");
    assert!(text.contains("Figure III"));
}

#[test]
fn editing_keys_without_a_store_say_so() {
    let mut app = sample_app();
    press(&mut app, &["r"]);
    assert!(app.message.as_deref().unwrap().contains("no store"));
    assert!(app.overlay.is_none());
    press(&mut app, &["Z"]);
    assert!(app.message.as_deref().unwrap().contains("does nothing"));
}

#[test]
fn quit_and_theme() {
    let mut app = sample_app();
    let before = app.theme;
    press(&mut app, &["T"]);
    assert_ne!(app.theme, before);
    press(&mut app, &["q"]);
    assert!(app.quit);
}

#[test]
fn contacts_narrowing_while_typing_equals_a_fresh_search() {
    use revdesk::app::cursor::LineInput;
    use revdesk::app::panes::{ContactsView, contacts};
    let mut app = app_on(&revdesk::demo::build(today()).desk);
    let all = contacts(&app.desk, &app.data, None);
    press(&mut app, &["5", "/"]);
    let mut checked = 0;
    for query in [
        "anna", "mar ", "mar fr", "moj.k", "lucía", "xzq", "al-h", "wnjr",
    ] {
        press(&mut app, &["ctrl-u"]);
        for c in query.chars() {
            app.type_text(&c.to_string());
            let mut fresh = ContactsView::default();
            fresh.filter = LineInput::new(&app.contacts.filter.text);
            fresh.refilter(&all);
            assert_eq!(
                app.contacts.rows, fresh.rows,
                "{:?}",
                app.contacts.filter.text
            );
            assert_eq!(app.contacts.exact, fresh.exact);
            checked += 1;
        }
    }
    assert!(checked > 30);
}

#[test]
fn name_matches_come_before_matches_elsewhere_and_timeline_filters() {
    let mut app = app_on(&revdesk::demo::build(today()).desk);
    press(&mut app, &["5", "/"]);
    app.type_text("lucia");
    let first = app.contact_line(0).unwrap();
    assert!(first.name.starts_with("Lucía"), "{first:?}");
    let later: Vec<_> = (0..app.contacts.exact)
        .map(|i| app.contact_line(i).unwrap())
        .collect();
    assert!(
        later.iter().any(|l| l.party.contains("Saint Lucia")),
        "party matches follow"
    );

    let mut app = sample_app();
    app.open_review(1);
    let all = app.timeline_model().unwrap().obligations.len();
    press(&mut app, &["/"]);
    app.type_text("feedback");
    let m = app.timeline_model().unwrap();
    assert!(!m.obligations.is_empty() && m.obligations.len() < all);
    assert!(m.obligations.iter().all(|o| o.obligation == "feedback"));
}

#[test]
fn contacts_match_party_code_and_role_without_repeating_them_per_person() {
    let mut app = app_on(&revdesk::demo::build(today()).desk);
    press(&mut app, &["5", "/"]);
    app.type_text("aut");
    let n = app.contacts.exact;
    assert!(n > 0);
    // "aut" is Austria's code (and maybe in some names or e-mails).
    let austria = (0..n)
        .filter_map(|i| app.contact_line(i))
        .filter(|l| l.party_code == "AUT")
        .count();
    assert!(austria > 0, "the party code is searched");
    press(&mut app, &["ctrl-u"]);
    app.type_text("focal point aut");
    let lines: Vec<_> = (0..app.contacts.exact)
        .filter_map(|i| app.contact_line(i))
        .collect();
    assert!(!lines.is_empty());
    assert!(
        lines
            .iter()
            .all(|l| l.role.starts_with("focal point") && l.party_code == "AUT"),
        "{lines:?}"
    );
}

/// The Contacts search keeps e-mail domains once and does not write a
/// local part that is the dotted name again: it must find exactly what a
/// search of the whole text (name, e-mail, phone, party, role) finds,
/// for words inside the local part, the domain, and across the "@".
#[test]
fn contacts_find_what_the_whole_text_holds() {
    use revdesk::app::data::role_label;
    use revdesk::app::panes::{ContactsView, contacts};
    use revdesk::app::search::fold;
    // Twice the real desk: addresses made unique with a number after the
    // dotted name ("ana.silva.12@...").
    let mut desk = revdesk::demo::scale::build_scaled(2, today());
    // Some with the number straight after the name ("ana.silva12@..."),
    // some with a letter: what follows the dotted name starts otherwise.
    for (k, p) in desk
        .people
        .iter_mut()
        .enumerate()
        .filter(|(k, _)| k % 7 == 0)
    {
        if let Some(e) = p.email.as_deref() {
            let (local, domain) = e.split_at(e.find('@').unwrap_or(e.len()));
            let mut local = local.to_string();
            if let Some(dot) = local
                .rfind('.')
                .filter(|&d| local[d + 1..].bytes().all(|b| b.is_ascii_digit()))
            {
                local.remove(dot);
            }
            if k % 2 == 0 {
                local.push('x');
            }
            p.email = Some(format!("{local}{domain}").into());
        }
    }
    let app = app_on(&desk);
    let all = contacts(&app.desk, &app.data, None);
    let people = &app.desk.people;
    let hay: Vec<String> = all
        .rows
        .iter()
        .map(|c| {
            let i = c.person as usize;
            let (email, phone) = people.reach(i).unwrap_or((None, None));
            let party = people.party(i).map_or(String::new(), |p| {
                format!("{} {}", app.data.name(p), app.data.code(p))
            });
            fold(&format!(
                "{}\n{}\n{}\n{}\n{}",
                people.name(i),
                email.unwrap_or(""),
                phone.unwrap_or(""),
                party,
                role_label(c.role())
            ))
        })
        .collect();
    // Words cut from the e-mails themselves, every way round the "@".
    let mut queries: Vec<String> = ["mfa", "@mfa", "a@", ".ke.", "moj.k", "@", ".", "xq@z"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for c in all.rows.iter().step_by(61) {
        let Some((Some(e), _)) = people.reach(c.person as usize) else {
            continue;
        };
        let e = fold(e);
        let at = e.find('@').unwrap_or(0);
        let dot = e[..at].rfind('.').unwrap_or(0);
        for (a, b) in [
            (0, at),
            (at.saturating_sub(3), at + 4),
            (at, e.len()),
            (1, e.len() - 1),
            (dot.saturating_sub(2), dot + 2),
            (dot.saturating_sub(2), at + 2),
            (dot, at + 1),
            (dot + 1, at),
            (at.saturating_sub(4), at.saturating_sub(1)),
            (at.saturating_sub(6), at),
        ] {
            if let Some(w) = e.get(a.min(b)..b.min(e.len())).filter(|w| !w.is_empty()) {
                queries.push(w.to_string());
            }
        }
    }
    queries.push("anna mfa".into());
    assert!(queries.len() > 40);
    for q in &queries {
        let mut v = ContactsView::default();
        v.filter = revdesk::app::cursor::LineInput::new(q);
        v.refilter(&all);
        let mut found: Vec<u32> = v.rows[..v.exact].to_vec();
        found.sort_unstable();
        let words: Vec<String> = q.split_whitespace().map(fold).collect();
        let want: Vec<u32> = (0..hay.len() as u32)
            .filter(|&r| words.iter().all(|w| hay[r as usize].contains(w.as_str())))
            .collect();
        assert_eq!(found, want, "{q:?}");
    }
}

#[test]
fn every_list_pane_sorts_with_the_same_keys_and_marks_the_column() {
    let mut app = sample_app();
    // The header line of the table: the line after the facts.
    let header = |app: &mut App| -> String {
        let s = screen(app, 120, 40);
        s.lines()
            .find(|l| (l.contains('▲') || l.contains('▼')) && !l.contains("sort:"))
            .unwrap_or("")
            .to_string()
    };
    // Overdue: triage, then by party name.
    press(&mut app, &["1"]);
    assert!(screen(&mut app, 120, 40).contains("sort: triage ▲"));
    let names = |app: &App| -> Vec<String> {
        app.overdue
            .rows
            .iter()
            .filter_map(|&k| app.data.overdue_row(&app.desk, k as usize))
            .map(|r| app.data.name(r.party).to_lowercase())
            .collect()
    };
    let triage = names(&app);
    assert!(triage.len() > 2, "{triage:?}");
    press(&mut app, &[">"]);
    assert_eq!(app.overdue.sort.label(), "party");
    let mut want = triage.clone();
    want.sort();
    assert_eq!(names(&app), want);
    assert!(header(&mut app).contains("party▲"), "{}", header(&mut app));
    press(&mut app, &["<"]);
    want.reverse();
    assert_eq!(names(&app), want);
    assert!(header(&mut app).contains("party▼"), "{}", header(&mut app));
    // Round every column and back to triage, no row lost.
    for _ in 0..4 {
        press(&mut app, &[">"]);
        assert_eq!(app.overdue.rows.len(), triage.len());
    }
    press(&mut app, &["<"]);
    assert_eq!(app.overdue.sort.label(), "triage");
    assert_eq!(names(&app), triage);

    // Parties: name, then region; reversed.
    press(&mut app, &["4", ">"]);
    assert_eq!(app.parties.sort.label(), "region");
    let regions = |app: &App| -> Vec<String> {
        app.parties
            .rows
            .iter()
            .map(|&p| {
                app.desk.parties[p]
                    .regional_group
                    .map_or("~".to_string(), |r| r.as_str().to_string())
            })
            .collect()
    };
    let mut want = regions(&app);
    want.sort();
    assert_eq!(regions(&app), want);
    assert!(header(&mut app).contains("region▲") || header(&mut app).contains("rgn▲"));
    press(&mut app, &["<"]);
    want.reverse();
    assert_eq!(regions(&app), want);

    // Contacts: name, then role; reversed; `s` still substitutes there.
    press(&mut app, &["5", ">"]);
    assert_eq!(app.contacts.sort.label(), "role");
    let roles = |app: &App| -> Vec<u8> {
        let all = app.contact_rows();
        app.contacts
            .rows
            .iter()
            .map(|&r| all[r as usize].role() as u8)
            .collect()
    };
    let mut want = roles(&app);
    want.sort();
    assert_eq!(roles(&app), want);
    assert!(header(&mut app).contains("role▲"), "{}", header(&mut app));
    press(&mut app, &["<"]);
    want.reverse();
    assert_eq!(roles(&app), want);
    assert!(header(&mut app).contains("role▼"));
}

#[test]
fn a_reminder_note_cut_on_the_timeline_opens_whole() {
    let mut desk = sample_desk();
    let words: Vec<String> = (1..=60).map(|i| format!("word{i}")).collect();
    desk.reminders.push(Reminder {
        date: d("2021-07-01"),
        party: "AUT".into(),
        review: Some(1),
        obligation: Obligation::Saq,
        channel: Channel::Email,
        note: format!("{} \u{1b}[31mred", words.join(" ")),
    });
    let mut app = app_on(&desk);
    press(&mut app, &["2", "3"]);
    assert_eq!(app.timeline.review, Some(1));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("word1 word2"), "{s}");
    assert!(
        !s.contains("word60"),
        "the note is cut on the Timeline: {s}"
    );
    press(&mut app, &["N"]);
    assert!(matches!(app.mode, Mode::Reading { .. }));
    // Scrolled to its end, every word has been shown, wrapped whole.
    let mut seen = String::new();
    for _ in 0..10 {
        seen.push_str(&screen(&mut app, 80, 24));
        press(&mut app, &["j", "j", "j", "j", "j", "j", "j", "j"]);
    }
    for w in &words {
        assert!(
            seen.contains(&format!("{w} "))
                || seen.contains(&format!("{w}\n"))
                || seen.contains(&format!("{w} │")),
            "{w} missing: {seen}"
        );
    }
    assert!(seen.contains("Reminders of review #1"), "{seen}");
    // The wheel scrolls it too.
    press(&mut app, &["g"]);
    app.wheel(true);
    assert!(matches!(app.mode, Mode::Reading { scroll: 3, .. }));
    app.wheel(false);
    assert!(matches!(app.mode, Mode::Reading { scroll: 0, .. }));
    assert!(!seen.contains('\u{1b}'), "sanitised");
    press(&mut app, &["esc"]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.pane(), Pane::Timeline, "Esc closes the overlay only");
}
