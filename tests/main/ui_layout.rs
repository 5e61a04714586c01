//! Sizes, widths and colours: small terminals, resizing, names aligned by
//! display width, NO_COLOR and the two themes.

use crate::fixtures::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use revdesk::app::ThemeKind;
use revdesk::domain::model::{Languages, Person, Region, Review, Role};
use revdesk::ui::{self, Theme, theme};
use std::ffi::OsStr;
use unicode_width::UnicodeWidthStr;

fn world_desk() -> revdesk::domain::model::Desk {
    let mut desk = sample_desk();
    desk.parties
        .push(party("CIV", "Côte d'Ivoire", Region::Afg, 2));
    desk.parties.push(party("TUR", "Türkiye", Region::Weog, 2));
    desk.parties.push(party("CHN", "中国", Region::Apg, 2));
    desk.parties.push(party("DZA", "الجزائر", Region::Afg, 2));
    for (id, code, name) in [
        (50, "CHN", "王芳"),
        (51, "DZA", "فاطمة الزهراء"),
        (52, "CIV", "Aïcha Koné"),
    ] {
        desk.people.push(Person {
            email: Some(format!("fp{id}@example.org").into()),
            ..person(id, code, Role::FocalPoint, name, d("2022-01-05"))
        });
    }
    desk.reviews.push(Review {
        id: 4,
        group: 2,
        cluster: 1,
        under_review: "CIV".into(),
        reviewers: smallvec::smallvec!["DZA".into(), "CHN".into(), "TUR".into()],
        start: None,
        redraws: 2,
        languages: Languages::new(),
        milestones: Default::default(),
    });
    desk
}

/// The display column where `needle` starts on the line holding `key`.
fn column_of(text: &str, key: &str, needle: &str) -> usize {
    let line = text
        .lines()
        .find(|l| l.contains(key))
        .unwrap_or_else(|| panic!("no line with {key}:\n{text}"));
    let at = line[line.find(key).unwrap()..].find(needle).unwrap() + line.find(key).unwrap();
    line[..at].width()
}

#[test]
fn too_small_shows_a_notice_not_garbage() {
    let mut app = sample_app();
    for (w, h) in [(59, 16), (60, 15), (20, 5), (1, 1)] {
        let text = screen(&mut app, w, h);
        if h >= 4 {
            assert!(text.contains("too small"), "{w}x{h}:\n{text}");
            assert!(!text.contains("Overdue"), "{w}x{h}:\n{text}");
        }
    }
    let text = screen(&mut app, 60, 16);
    assert!(!text.contains("too small"));
    assert!(text.contains("1 Overdue"));
}

#[test]
fn names_align_by_display_width() {
    let mut app = app_on(&world_desk());
    press(&mut app, &["4"]);
    for size in [(80, 24), (120, 40)] {
        let text = screen(&mut app, size.0, size.1);
        let reference = column_of(&text, "AUT ", "WEOG");
        for (code, region) in [
            ("CIV ", "AFG"),
            ("TUR ", "WEOG"),
            ("CHN ", "APG"),
            ("DZA ", "AFG"),
        ] {
            assert_eq!(
                column_of(&text, code, region),
                reference,
                "{code} at {size:?}:\n{text}"
            );
        }
        // Every line fits the screen.
        for l in text.lines() {
            assert!(l.width() <= size.0 as usize, "{l}");
        }
    }
    press(&mut app, &["5"]);
    let text = screen(&mut app, 120, 40);
    let reference = column_of(&text, "Anna Gruber", "AUT");
    for name in ["王芳", "فاطمة الزهراء", "Aïcha Koné"] {
        let code = match name {
            "王芳" => "CHN",
            "Aïcha Koné" => "CIV",
            _ => "DZA",
        };
        assert_eq!(column_of(&text, name, code), reference, "{name}:\n{text}");
    }
    // The Overdue pane: extra Protocol reviewers are marked on Reviews.
    press(&mut app, &["2"]);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("DZA, CHN, +TUR"), "{text}");
    assert!(text.contains("Côte d'Ivoire"), "{text}");
}

#[test]
fn resizing_redraws_cleanly() {
    let mut app = sample_app();
    press(&mut app, &["2"]);
    let th = Theme::mono();
    let mut t = Terminal::new(TestBackend::new(160, 50)).unwrap();
    t.draw(|f| ui::draw(f, &mut app, &th)).unwrap();
    for (w, h) in [(80, 24), (50, 10), (120, 40), (80, 24)] {
        t.backend_mut().resize(w, h);
        t.draw(|f| ui::draw(f, &mut app, &th)).unwrap();
        let after = ui::buffer_text(t.backend().buffer());
        assert_eq!(after, screen(&mut app, w, h), "{w}x{h}");
    }
}

#[test]
fn no_color_keeps_selection_visible_and_themes_differ() {
    let mut app = sample_app();
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| ui::draw(f, &mut app, &Theme::mono())).unwrap();
    let buf = t.backend().buffer().clone();
    for c in &buf.content {
        assert_eq!(c.fg, Color::Reset, "no colour under NO_COLOR");
        assert_eq!(c.bg, Color::Reset, "no colour under NO_COLOR");
    }
    // The selected row (first data row, under the filter line and header).
    let row = 3u16;
    let reversed = (0..100u16)
        .filter(|x| buf[(*x, row)].modifier.contains(Modifier::REVERSED))
        .count();
    assert!(
        reversed > 80,
        "selection shown by reversed video: {reversed}"
    );

    let mut colours = |th: Theme| {
        let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
        t.draw(|f| ui::draw(f, &mut app, &th)).unwrap();
        t.backend()
            .buffer()
            .content
            .iter()
            .map(|c| (c.fg, c.bg))
            .collect::<Vec<_>>()
    };
    let dark = colours(Theme::new(ThemeKind::Dark, true));
    let light = colours(Theme::new(ThemeKind::Light, true));
    assert!(dark.iter().any(|c| c.0 != Color::Reset));
    assert_ne!(dark, light);

    assert!(theme::no_color(Some(OsStr::new("1"))));
    assert!(!theme::no_color(Some(OsStr::new(""))));
    assert!(!theme::no_color(None));
    assert_eq!(theme::kind(Some("light")), ThemeKind::Light);
    assert_eq!(theme::kind(Some("dark")), ThemeKind::Dark);
    assert_eq!(theme::kind(None), ThemeKind::Dark);
}

#[test]
fn timeline_marks_late_stretches_and_extensions() {
    let mut app = sample_app();
    app.open_review(3);
    let text = screen(&mut app, 120, 40);
    // Kenya's SAQ was extended: both dates, the agreed one and the original.
    assert!(
        text.contains("due 2022-12-31 (extended from 2022-07-14)"),
        "{text}"
    );
    assert!(text.contains("clearance by parliament"));
    let saq = text.lines().find(|l| l.starts_with("SAQ ")).unwrap();
    assert!(
        saq.contains('◇') && saq.contains('◆') && saq.contains('━'),
        "{saq}"
    );
    let o = saq.find('◇').unwrap();
    let n = saq.find('◆').unwrap();
    assert!(o < n, "the original date comes first: {saq}");
    // Review 3's phase ended on 2024-01-14: the as-at marker says how long ago.
    assert!(text.contains("46 d after the phase end"), "{text}");
    assert!(text.contains("as at 2024-02-29"), "{text}");
    // As at a date inside the phase the today line is drawn on the lanes.
    app.set_as_of(d("2023-01-15"));
    let text = screen(&mut app, 120, 40);
    // Not today's date: the marker says "as at", not "today".
    assert!(
        text.contains("▼ as at 2023-01-15") || text.contains("as at 2023-01-15 ▼"),
        "{text}"
    );
    assert!(!text.contains("today 2023-01-15"), "{text}");
    let phase = text.lines().find(|l| l.starts_with("phase ")).unwrap();
    assert!(phase.contains('│'), "{phase}");
}

#[test]
fn the_tab_bar_at_80_columns_keeps_the_date_and_most_names_whole() {
    let mut app = sample_app();
    for (key, title) in [
        ("1", "Overdue"),
        ("2", "Reviews"),
        ("3", "Timeline"),
        ("4", "Parties"),
        ("5", "Contacts"),
        ("6", "Figures"),
        ("7", "Assistance"),
    ] {
        press(&mut app, &[key]);
        for w in [80, 100] {
            let s = screen(&mut app, w, 24);
            let bar = s.lines().next().unwrap_or("").to_string();
            assert!(bar.contains("2024-02-29"), "{bar}");
            assert!(bar.contains(title), "the pane shown keeps its name: {bar}");
            // Only as many names shorten as the width needs: three or more
            // of the seven stay whole at 80 columns (the old bar kept one).
            let whole = [
                "Overdue",
                "Reviews",
                "Timeline",
                "Parties",
                "Contacts",
                "Figures",
                "Assistance",
            ]
            .iter()
            .filter(|t| bar.contains(&format!(" {t}")))
            .count();
            assert!(whole >= 3, "{bar}");
        }
    }
}

#[test]
fn the_selected_row_is_one_plain_block_beside_the_scrollbar() {
    let mut app = sample_app();
    let (w, h) = (100u16, 16u16);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, &mut app, &Theme::new(ThemeKind::Dark, true)))
        .unwrap();
    let buf = t.backend().buffer().clone();
    // Under the tab bar, the filter line and the header: the selected row,
    // then one that is not.
    let (selected, next) = (3u16, 4u16);
    let text = ui::buffer_text(&buf);
    assert!(text.contains('█'), "a list longer than the screen:\n{text}");
    for x in 0..w - 1 {
        let c = &buf[(x, selected)];
        assert!(c.modifier.contains(Modifier::REVERSED), "column {x}");
        assert_eq!(
            c.fg,
            Color::Reset,
            "no tone in the selected row, column {x}"
        );
    }
    assert!(
        (0..w - 1).any(|x| buf[(x, next)].fg != Color::Reset),
        "other rows keep their tones"
    );
    let bar = &buf[(w - 1, selected)];
    assert!(
        !bar.modifier.contains(Modifier::REVERSED),
        "the scrollbar's cell is not part of the row"
    );
}
