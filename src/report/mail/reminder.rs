//! A reminder about one overdue obligation: to whom it goes, in which
//! language, and what it says.

use super::compose::{Addressee, Draft, id_domain, valid_address, wrap};
use super::locale::{Args, TemplateError, Texts, capital};
use crate::domain::directory::{Directory, mail_language};
use crate::domain::engine::Item;
use crate::domain::model::{Desk, Language, Obligation, Person, Protocol, Review, Role};
use chrono::{DateTime, NaiveDate, Utc};
use std::fmt::Write as _;

/// Who a message about a party goes to (docs/mail.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipients {
    pub to: Vec<Addressee>,
    pub cc: Vec<Addressee>,
    /// Addressed to the focal points (a greeting by name), or to the
    /// mission.
    pub to_person: bool,
    /// The working languages of the first addressee.
    pub languages: Vec<Language>,
}

/// Why a party gets no message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoAddress {
    #[error("no address: no current focal point with an e-mail address, and no mission e-mail")]
    Nobody,
}

/// The party's current focal points (with a plain address), the mission
/// in copy; the mission alone where no focal point can be written to.
pub fn recipients(
    desk: &Desk,
    dir: &Directory,
    party: &str,
    as_of: NaiveDate,
) -> Result<Recipients, NoAddress> {
    let mut fps: Vec<&Person> = desk
        .people
        .iter()
        .filter(|p| p.party == party && p.role == Role::FocalPoint && p.current(as_of))
        .filter(|p| p.email.as_deref().is_some_and(valid_address))
        .collect();
    fps.sort_by_key(|p| p.id);
    let party_name = desk.party(party).map_or(party, |p| p.name.as_str());
    let mission = dir
        .mission(party)
        .and_then(|m| m.email.as_deref())
        .filter(|e| valid_address(e))
        .and_then(|e| Addressee::new(party_name, e).ok());
    let to: Vec<Addressee> = fps
        .iter()
        .filter_map(|p| Addressee::new(&p.name, p.email.as_deref()?).ok())
        .collect();
    match (to.is_empty(), mission) {
        (false, m) => Ok(Recipients {
            languages: dir.languages(fps[0].id).to_vec(),
            to,
            cc: m.into_iter().collect(),
            to_person: true,
        }),
        (true, Some(m)) => Ok(Recipients {
            to: vec![m],
            cc: Vec::new(),
            to_person: false,
            languages: Vec::new(),
        }),
        (true, None) => Err(NoAddress::Nobody),
    }
}

/// Which reminder: one party, one obligation, in these reviews (none for
/// a nomination, owed once for all the party's reviews).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub party: String,
    pub obligation: Obligation,
    pub reviews: Vec<i64>,
}

/// A reminder ready to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub key: Key,
    pub draft: Draft,
}

/// The Message-ID of the `n`th e-mail reminder (from 1) for `key` on `date`:
/// the same reminder sent again the same day gets a new one.
pub fn message_id(key: &Key, date: NaiveDate, n: u32, from: &Addressee) -> String {
    let reviews = if key.reviews.is_empty() {
        "all".to_string()
    } else {
        key.reviews
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join("-")
    };
    format!(
        "<reminder.{}.{}.{reviews}.{}.{n}@{}>",
        key.party
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>(),
        key.obligation.as_str(),
        date.format("%Y%m%d"),
        id_domain(from)
    )
}

/// What the sending needs besides the items.
pub struct Context<'a> {
    pub desk: &'a Desk,
    pub dir: &'a Directory,
    pub as_of: NaiveDate,
    pub from: &'a Addressee,
    pub now: DateTime<Utc>,
}

/// Overdue items grouped one message each: by party and obligation, in
/// the order the first of each group came.
pub fn group(items: Vec<Item>) -> Vec<Vec<Item>> {
    let mut out: Vec<Vec<Item>> = Vec::new();
    // Each (party, obligation)'s place in `out`: one lookup per item, not
    // a scan of the groups made so far.
    let mut at: crate::domain::hash::FxMap<(String, Obligation), usize> =
        crate::domain::hash::FxMap::default();
    for i in items {
        match at.get(&(i.party.clone(), i.obligation)) {
            Some(&k) => out[k].push(i),
            None => {
                at.insert((i.party.clone(), i.obligation), out.len());
                out.push(vec![i]);
            }
        }
    }
    for g in &mut out {
        g.sort_by_key(|i| i.review);
    }
    out
}

/// The reminder about `items` (one party, one obligation), the `n`th of
/// its kind today.
pub fn reminder(cx: &Context, items: &[Item], n: u32) -> Result<Outgoing, anyhow::Error> {
    let Some(first) = items.first() else {
        anyhow::bail!("nothing to remind");
    };
    if items
        .iter()
        .any(|i| i.party != first.party || i.obligation != first.obligation)
    {
        anyhow::bail!("one reminder is about one party and one obligation");
    }
    let to = recipients(cx.desk, cx.dir, &first.party, cx.as_of)?;
    let reviews: Vec<Option<&Review>> = items
        .iter()
        .map(|i| {
            i.review
                .and_then(|id| cx.desk.reviews.iter().find(|r| r.id == id))
        })
        .collect();
    let agreed = reviews
        .iter()
        .flatten()
        .next()
        .map(|r| r.languages.as_slice());
    let lang = mail_language(agreed, &to.languages);
    let t = Texts::new(lang);
    let key = Key {
        party: first.party.clone(),
        obligation: first.obligation,
        reviews: items.iter().filter_map(|i| i.review).collect(),
    };
    let (subject, body) = text(&t, cx, items, &reviews, &to)?;
    Ok(Outgoing {
        draft: Draft {
            lang,
            from: cx.from.clone(),
            to: to.to,
            cc: to.cc,
            subject,
            body,
            message_id: message_id(&key, cx.as_of, n, cx.from),
            date: cx.now,
        },
        key,
    })
}

fn name(desk: &Desk, code: &str) -> String {
    desk.party(code)
        .map_or(code, |p| p.name.as_str())
        .to_string()
}

/// "Austria by France, Kenya" in the language.
pub fn review_line(t: &Texts, desk: &Desk, r: &Review) -> Result<String, TemplateError> {
    let reviewers: Vec<String> = r.reviewers.iter().map(|c| name(desk, c)).collect();
    t.review_line(&name(desk, &r.under_review), &reviewers)
}

/// The instruments under review: the Convention and each Protocol a
/// party under review is bound by.
fn instruments(desk: &Desk, reviews: &[&Review], as_of: NaiveDate) -> Vec<Option<Protocol>> {
    let mut out = vec![None];
    for pr in Protocol::ALL {
        let bound = reviews.iter().any(|r| {
            desk.party(&r.under_review)
                .is_some_and(|p| p.instruments.bound_by(pr, Some(as_of)))
        });
        if bound {
            out.push(Some(pr));
        }
    }
    out
}

/// Subject and body of a reminder.
fn text(
    t: &Texts,
    cx: &Context,
    items: &[Item],
    reviews: &[Option<&Review>],
    to: &Recipients,
) -> Result<(String, String), TemplateError> {
    let first = &items[0];
    let party = name(cx.desk, &first.party);
    let obligation = t.obligation(first.obligation)?;
    let most = items
        .iter()
        .filter_map(|i| i.status.days_overdue())
        .max()
        .unwrap_or(0);
    let subject = t.get(
        "reminder-subject",
        &Args::new()
            .text("obligation", capital(&obligation))
            .text("party", &party)
            .text("days", t.days(most)?),
    )?;
    let mut b = String::new();
    let greeting = if to.to_person {
        let names: Vec<String> = to.to.iter().map(|a| a.name.clone()).collect();
        t.get(
            "reminder-greeting-person",
            &Args::new().text("name", t.list(&names)?),
        )?
    } else {
        t.get(
            "reminder-greeting-mission",
            &Args::new().text("party", &party),
        )?
    };
    let _ = writeln!(b, "{greeting}\n");
    let intro = t.get(
        "reminder-intro",
        &Args::new()
            .text("party", &party)
            .text("as_at", t.date(cx.as_of)?),
    )?;
    let _ = writeln!(b, "{}\n", wrap(&intro, 76, ""));
    let what = t.get(
        "reminder-obligation",
        &Args::new().text("obligation", capital(&obligation)),
    )?;
    let _ = writeln!(b, "  {}\n", wrap(&what, 74, "    "));
    for (item, review) in items.iter().zip(reviews) {
        let mut facts = Vec::new();
        match review {
            Some(r) => facts.push(
                t.get(
                    "reminder-review",
                    &Args::new()
                        .text("id", r.id.to_string())
                        .text("line", review_line(t, cx.desk, r)?),
                )?,
            ),
            None => facts.push(t.get("reminder-all-reviews", &Args::new().text("party", &party))?),
        }
        let days = t.days(item.status.days_overdue().unwrap_or(0))?;
        facts.push(
            t.get(
                "reminder-due",
                &Args::new()
                    .text("due", t.date(item.due)?)
                    .text("days", &days),
            )?,
        );
        if let Some(o) = item.original_due {
            facts.push(t.get(
                "reminder-extended",
                &Args::new().text("original", t.date(o)?),
            )?);
        }
        for (k, f) in facts.iter().enumerate() {
            let lead = if k == 0 { "  - " } else { "    " };
            let _ = writeln!(b, "{lead}{}", wrap(f, 72, "      "));
        }
    }
    b.push('\n');
    let under: Vec<&Review> = reviews.iter().flatten().copied().collect();
    if !under.is_empty() {
        let _ = writeln!(b, "{}", t.plain("reminder-covers")?);
        for i in instruments(cx.desk, &under, cx.as_of) {
            let _ = writeln!(b, "  - {}", wrap(&t.instrument(i)?, 72, "    "));
        }
        b.push('\n');
    }
    let _ = writeln!(b, "{}\n", wrap(&t.plain("reminder-ask")?, 76, ""));
    let _ = writeln!(b, "{}", t.plain("reminder-sign")?);
    let footer = t.get(
        "reminder-footer",
        &Args::new().text("sender", &cx.from.address),
    )?;
    let _ = writeln!(b, "{}", wrap(&footer, 76, ""));
    Ok((subject, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::Mission;
    use crate::domain::engine::Status;
    use crate::domain::model::{Instruments, Milestones, Party, PartyKind, Region};

    const HOSTILE: &str = "Eve\r\nBcc: x@evil.example {$name} { $party } \u{202e}gpj.exe\u{1b}[31m";

    fn desk(langs: &[Language]) -> Desk {
        let party = |code: &str, name: &str| Party {
            code: code.into(),
            name: name.into(),
            kind: PartyKind::State,
            regional_group: Some(Region::Weog),
            pairs_as: None,
            group: Some(1),
            instruments: Instruments {
                convention: Some("2004-09-23".parse().unwrap()),
                tip: Some("2005-11-15".parse().unwrap()),
                som: None,
                fa: Some("2010-01-01".parse().unwrap()),
            },
        };
        Desk {
            parties: vec![
                party("AUT", HOSTILE),
                party("FRA", "France"),
                party("KEN", "Kenya"),
            ],
            people: vec![Person {
                id: 1,
                party: "AUT".into(),
                role: Role::FocalPoint,
                name: HOSTILE.into(),
                email: Some("fp@aut.example".into()),
                phone: None,
                gender: None,
                affiliation: None,
                nominated: "2020-12-10".parse().unwrap(),
                ended: None,
            }],
            reviews: vec![Review {
                id: 4,
                group: 1,
                cluster: 1,
                under_review: "AUT".into(),
                reviewers: ["FRA".into(), "KEN".into()].into_iter().collect(),
                start: None,
                redraws: 0,
                languages: langs.iter().copied().collect(),
                milestones: Milestones::default(),
            }],
            ..Default::default()
        }
    }

    fn item() -> Item {
        Item {
            review: Some(4),
            party: "AUT".into(),
            obligation: Obligation::Saq,
            due: "2021-05-31".parse().unwrap(),
            original_due: Some("2021-04-30".parse().unwrap()),
            met: None,
            status: Status::Overdue { days: 1004 },
        }
    }

    #[test]
    fn groups_keep_the_order_first_seen_and_sort_reviews() {
        let at = |party: &str, obligation, review| Item {
            party: party.into(),
            obligation,
            review,
            ..item()
        };
        let items = vec![
            at("KEN", Obligation::Saq, Some(9)),
            at("AUT", Obligation::Saq, Some(4)),
            at("KEN", Obligation::Saq, Some(2)),
            at("KEN", Obligation::Feedback, Some(2)),
            at("AUT", Obligation::Saq, Some(1)),
        ];
        let keys: Vec<Vec<(String, Obligation, Option<i64>)>> = group(items)
            .iter()
            .map(|g| {
                g.iter()
                    .map(|i| (i.party.clone(), i.obligation, i.review))
                    .collect()
            })
            .collect();
        let k = |p: &str, o, r| (p.to_string(), o, Some(r));
        assert_eq!(
            keys,
            [
                vec![k("KEN", Obligation::Saq, 2), k("KEN", Obligation::Saq, 9)],
                vec![k("AUT", Obligation::Saq, 1), k("AUT", Obligation::Saq, 4)],
                vec![k("KEN", Obligation::Feedback, 2)],
            ]
        );
    }

    #[test]
    fn every_language_renders_with_hostile_values_and_nothing_unfilled() {
        let from = Addressee::new("Secretariat", "untoc.review@un.example").unwrap();
        for lang in Language::ALL {
            let d = desk(&[*lang]);
            let mut dir = Directory::default();
            dir.missions.insert(
                "AUT".into(),
                Mission {
                    email: Some("mission@aut.example".into()),
                    phone: None,
                },
            );
            let cx = Context {
                desk: &d,
                dir: &dir,
                as_of: "2024-02-29".parse().unwrap(),
                from: &from,
                now: "2024-02-29T09:00:00Z".parse().unwrap(),
            };
            let out = reminder(&cx, &[item()], 1).unwrap();
            assert_eq!(out.draft.lang, *lang);
            assert_eq!(out.draft.cc[0].address, "mission@aut.example");
            let text = String::from_utf8(out.draft.formatted().unwrap()).unwrap();
            let (head, body) = text.split_once("\r\n\r\n").unwrap();
            assert!(head.is_ascii(), "{lang}: {head}");
            assert!(head.contains(&format!("Content-Language: {lang}\r\n")));
            assert!(!head.contains("\r\nBcc:"), "{head}");
            // The hostile value's braces arrive as text, never as a
            // placeholder; no control or bidi character survives.
            assert!(body.contains("{$name}"), "{lang}: {body}");
            assert!(!body.contains('\u{1b}') && !body.contains('\u{202e}'));
            assert!(!out.draft.subject.contains('\n'));
            // Every instrument the party is bound by, by its title.
            let t = Texts::new(*lang);
            for p in [None, Some(Protocol::Tip), Some(Protocol::Fa)] {
                let title = t.instrument(p).unwrap();
                let first = title.split(' ').next().unwrap();
                assert!(body.contains(first), "{lang}: {first}");
            }
            assert!(!body.contains(&t.instrument(Some(Protocol::Som)).unwrap()));
            let unwrapped = body.replace("\r\n      ", " ");
            let due = t.date("2021-05-31".parse().unwrap()).unwrap();
            assert!(unwrapped.contains(&due), "{lang}: {due} in {unwrapped}");
        }
    }

    #[test]
    fn the_mission_alone_when_no_focal_point_and_nobody_reported() {
        let mut d = desk(&[]);
        d.people[0].ended = Some("2023-01-01".parse().unwrap());
        let as_of = "2024-02-29".parse().unwrap();
        let mut dir = Directory::default();
        assert_eq!(recipients(&d, &dir, "AUT", as_of), Err(NoAddress::Nobody));
        dir.missions.insert(
            "AUT".into(),
            Mission {
                email: Some("mission@aut.example".into()),
                phone: Some("+43 1".into()),
            },
        );
        let r = recipients(&d, &dir, "AUT", as_of).unwrap();
        assert!(!r.to_person);
        assert_eq!(r.to[0].address, "mission@aut.example");
        assert!(r.cc.is_empty());
    }

    #[test]
    fn pending_languages_take_the_recipients_own() {
        let d = desk(&[]);
        let mut dir = Directory::default();
        dir.languages.insert(1, vec![Language::Ru, Language::En]);
        let r = recipients(&d, &dir, "AUT", "2024-02-29".parse().unwrap()).unwrap();
        assert_eq!(r.languages, [Language::Ru, Language::En]);
        assert_eq!(
            mail_language(Some(d.reviews[0].languages.as_slice()), &r.languages),
            Language::Ru
        );
    }

    #[test]
    fn message_ids_count_the_sends_of_the_day() {
        let from = Addressee::new("", "untoc.review@un.example").unwrap();
        let key = Key {
            party: "AUT".into(),
            obligation: Obligation::Saq,
            reviews: vec![4, 9],
        };
        let d = "2024-02-29".parse().unwrap();
        assert_eq!(
            message_id(&key, d, 2, &from),
            "<reminder.AUT.saq.4-9.20240229.2@un.example>"
        );
    }
}
