//! `revdesk calendar`: every obligation as an all-day iCalendar (RFC 5545)
//! event on its due date. Each obligation keeps one UID across exports
//! (`{obligation}-{review|party}-{party}@revdesk`), so importing a newer
//! file updates the events instead of duplicating them.

use super::lookup::Lookup;
use crate::domain::clusters::Scope;
use crate::domain::engine::{Item, Status};
use crate::domain::model::{Desk, Obligation};
use crate::domain::stats::thousands;
use chrono::{DateTime, Days, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use std::io::{self, Write};

/// Keeps letters, digits, `-` and `_`: a UID never carries data verbatim.
fn token(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The stable UID of an obligation.
pub fn uid(item: &Item) -> String {
    format!(
        "{}-{}-{}@revdesk",
        item.obligation.as_str(),
        item.review
            .map(|r| r.to_string())
            .unwrap_or_else(|| "party".into()),
        token(&item.party)
    )
}

/// What the obligation is, as a calendar title names it.
pub fn obligation_title(o: Obligation) -> &'static str {
    match o {
        Obligation::FocalPoint => "focal point nomination",
        Obligation::Experts => "nomination of governmental experts",
        Obligation::Saq => "SAQ",
        Obligation::Feedback => "written feedback",
        Obligation::Observations => "list of observations",
        Obligation::Phase => "end of review phase",
    }
}

/// Text for one line: control characters and runs of white space become
/// one space.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "AUT: SAQ due (review 12: Austria by France, Kenya)"; "met" once met.
pub fn summary(l: &Lookup, item: &Item) -> String {
    let verb = if item.status.is_met() { "met" } else { "due" };
    let what = match item.review.and_then(|id| l.review(id)) {
        Some(r) => format!("review {}: {}", r.id, l.review_line(r)),
        None => "all its reviews".into(),
    };
    format!(
        "{}: {} {verb} ({what})",
        one_line(&item.party),
        obligation_title(item.obligation)
    )
}

fn status_text(s: Status, as_of: NaiveDate) -> String {
    let days = |n: i64| {
        format!(
            "{} day{}",
            thousands(n as u64),
            if n == 1 { "" } else { "s" }
        )
    };
    match s {
        Status::MetOnTime => "met on time".into(),
        Status::MetLate { days: n } => format!("met {} late", days(n)),
        Status::Upcoming { days: n } | Status::DueSoon { days: n } => {
            format!("due in {} (as at {as_of})", days(n))
        }
        Status::DueToday => format!("due today ({as_of})"),
        Status::Overdue { days: n } => format!("{} overdue as at {as_of}", days(n)),
    }
}

/// The event's description: the review, its parties, the status.
pub fn description(l: &Lookup, item: &Item) -> String {
    let as_of = l.as_of;
    let mut lines = Vec::new();
    let owed = l.name(&item.party);
    match item.review.and_then(|id| l.review(id)) {
        Some(r) => {
            lines.push(format!(
                "Review {} (group {}, cluster {}): {} under review; reviewing parties {}.",
                r.id,
                r.group,
                r.cluster,
                l.name(&r.under_review),
                r.reviewers
                    .iter()
                    .map(|c| l.name(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            lines.push(format!("Stage as at {as_of}: {}.", l.stage(r).label()));
        }
        None => lines.push(format!(
            "Owed once for all the reviews {owed} takes part in, from its first review start."
        )),
    }
    lines.push(format!(
        "Owed by {owed} ({}): {}.",
        one_line(&item.party),
        obligation_title(item.obligation)
    ));
    let mut due = format!("Due {}", item.due);
    if let Some(o) = item.original_due {
        due.push_str(&format!(" (extended from {o})"));
    }
    lines.push(format!("{due}; {}.", status_text(item.status, as_of)));
    if let Some(m) = item.met {
        lines.push(format!("Met on {m}."));
    }
    let sent = l.reminders_about(item);
    if let Some((date, channel)) = sent.last {
        lines.push(format!(
            "Reminders sent: {}, the last on {date} ({}).",
            sent.count,
            channel.as_str().replace('_', " ")
        ));
    }
    lines.join("\n")
}

/// Writes RFC 5545 text with every content line folded at 75 octets on a
/// character boundary (the library's own folding can run over).
fn write_folded<W: Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    let text = text.replace("\r\n ", "").replace("\r\n\t", "");
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        out.write_all(super::vcard::fold(line).as_bytes())?;
    }
    Ok(())
}

/// The calendar's own properties, without any event.
fn header(l: &Lookup, as_of: NaiveDate, party: Option<&str>) -> Calendar {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property((
        "PRODID",
        "-//revdesk//obligations of the review mechanism//EN",
    ));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    cal.name(&match party {
        Some(p) => format!("revdesk: obligations of {}", l.name(p)),
        None => "revdesk: obligations of the review mechanism".to_string(),
    });
    cal.description(&format!("Every obligation as at {as_of}, on its due date."));
    cal.done()
}

/// One obligation as an all-day event.
fn event(l: &Lookup, item: &Item, stamp: DateTime<Utc>) -> Event {
    let mut categories = vec![
        "revdesk".to_string(),
        item.obligation.as_str().to_string(),
        item.status.key().to_string(),
    ];
    categories.dedup();
    Event::with_uid(&uid(item))
        .timestamp(stamp)
        .summary(&summary(l, item))
        .description(&description(l, item))
        .starts(item.due)
        .ends(item.due.checked_add_days(Days::new(1)).unwrap_or(item.due))
        .categories(categories)
        .add_property("TRANSP", "TRANSPARENT")
        .done()
}

/// Writes the obligations as at `as_of`, filtered, as a calendar; returns the
/// number of events. Each event is written as it is made, so the whole
/// calendar is never held.
pub fn write<W: Write + ?Sized>(
    out: &mut W,
    desk: &Desk,
    as_of: NaiveDate,
    party: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> io::Result<usize> {
    write_in(out, desk, None, as_of, party, from, to)
}

/// [`write`] with the obligations of one cluster only, when a scope is given.
pub fn write_in<W: Write + ?Sized>(
    out: &mut W,
    desk: &Desk,
    scope: Option<&Scope>,
    as_of: NaiveDate,
    party: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> io::Result<usize> {
    write_with(out, &Lookup::new(desk, as_of), scope, party, from, to)
}

/// [`write_in`] with the desk's indexes given: a desk read without its
/// reminder log comes with the log's tallies ([`Lookup::with_tallies`]).
/// The obligations kept are held as compact entries, each made into an
/// event as it is written.
pub fn write_with<W: Write + ?Sized>(
    out: &mut W,
    l: &Lookup<'_>,
    scope: Option<&Scope>,
    party: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> io::Result<usize> {
    let as_of = l.as_of;
    let mut kept = l.kept(|i| {
        scope.is_none_or(|s| s.keeps(i))
            && party.is_none_or(|p| i.party == p)
            && from.is_none_or(|f| i.due >= f)
            && to.is_none_or(|t| i.due <= t)
    });
    kept.sort_for_triage();
    let head = header(l, as_of, party).to_string();
    let head = head
        .strip_suffix(END)
        .ok_or_else(|| io::Error::other("the calendar does not end as RFC 5545 says"))?;
    write_folded(out, head)?;
    let stamp = Utc::now();
    for e in &kept.entries {
        write_folded(out, &event(l, &kept.item(e), stamp).to_string())?;
    }
    out.write_all(END.as_bytes())?;
    Ok(kept.entries.len())
}

/// The last line of every calendar.
const END: &str = "END:VCALENDAR\r\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn party(code: &str, name: &str) -> Party {
        Party {
            code: code.into(),
            name: name.into(),
            kind: PartyKind::State,
            regional_group: Some(Region::Weog),
            pairs_as: None,
            group: Some(1),
            instruments: Instruments::default(),
        }
    }

    fn desk() -> Desk {
        Desk {
            groups: vec![Group {
                number: 1,
                start: d("2020-12-01"),
            }],
            parties: vec![
                party("AUT", "Austria; the \\Republic\\, of\r\nBcc"),
                party("FRA", "France"),
                party("KEN", "Kényà Ωμέγα 中国 — a long name to fold"),
            ],
            reviews: vec![Review {
                id: 12,
                group: 1,
                cluster: 1,
                under_review: "AUT".into(),
                reviewers: smallvec::smallvec!["FRA".into(), "KEN".into()],
                start: None,
                redraws: 0,
                languages: Languages::new(),
                milestones: Milestones::default(),
            }],
            ..Default::default()
        }
    }

    /// The calendar as text, and its number of events.
    fn build(
        desk: &Desk,
        as_of: NaiveDate,
        party: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> (String, usize) {
        let mut out = Vec::new();
        let n = write(&mut out, desk, as_of, party, from, to).unwrap();
        (String::from_utf8(out).unwrap(), n)
    }

    #[test]
    fn events_round_trip_through_the_parser() {
        let desk = desk();
        let (text, events) = build(&desk, d("2024-02-29"), None, None, None);
        // 3 parties × 2 nominations, 1 SAQ, 2 observations, 1 phase.
        assert_eq!(events, 10);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
        let parsed: Calendar = text.parse().unwrap();
        let events: Vec<&Event> = parsed.events().collect();
        assert_eq!(events.len(), 10);
        let saq = events
            .iter()
            .find(|e| e.get_uid() == Some("saq-12-AUT@revdesk"))
            .unwrap();
        assert_eq!(
            saq.get_summary().unwrap(),
            "AUT: SAQ due (review 12: Austria; the \\Republic\\, of Bcc by France, Kényà Ωμέγα 中国 — a long name to fold)"
        );
        assert!(
            saq.get_description()
                .unwrap()
                .contains("1,004 days overdue as at 2024-02-29")
        );
        assert_eq!(
            saq.get_start(),
            Some(icalendar::DatePerhapsTime::Date(d("2021-05-31")))
        );
        assert_eq!(
            saq.get_end(),
            Some(icalendar::DatePerhapsTime::Date(d("2021-06-01")))
        );
    }

    #[test]
    fn filters_by_party_and_dates() {
        let desk = desk();
        let b = build(&desk, d("2024-02-29"), Some("FRA"), None, None);
        assert_eq!(b.1, 3);
        let b = build(
            &desk,
            d("2024-02-29"),
            None,
            Some(d("2021-01-01")),
            Some(d("2021-12-31")),
        );
        assert_eq!(b.1, 1);
    }
}
