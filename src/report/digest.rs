//! `revdesk digest`: one message per current focal point, saying what its
//! party owes (overdue, and due within 60 days of the month's end), what
//! happened in its reviews that month, and who its counterparts' focal
//! points are; in the language of the party's review (DESIGN.md section
//! 6), from the templates in `assets/locales/`. Written as `.eml` files,
//! or sent (`--send`, see `cli::report`).
//!
//! Header safety: messages are built by lettre, which encodes and folds
//! every header; an address must be a plain `local@domain` (else the
//! message is refused) and names lose their control characters first.
//! Secretariat notes on reminders are never put in a message.

use super::lookup::Lookup;
use super::mail::compose::{Addressee, Draft, id_domain, valid_address, wrap};
use super::mail::locale::{Args, TemplateError, Texts, capital, one_line};
use crate::domain::clusters::Scope;
use crate::domain::directory::{Directory, mail_language};
use crate::domain::engine::{self, Item, Settings, Status};
use crate::domain::model::{Desk, Language, Milestone, Person, Reminder, Review, Role};
use crate::domain::periods::months_end;
use crate::domain::roster::Roster;
use anyhow::{Result, bail};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Days after the month's end within which an obligation counts as coming.
pub const HORIZON_DAYS: u64 = 60;

/// One message, ready to write or send.
#[derive(Debug, Clone)]
pub struct Message {
    pub file: String,
    pub to: String,
    pub party: String,
    /// The subject as text (the header carries it encoded).
    pub subject: String,
    /// Overdue and coming obligations plus the month's events.
    pub items: usize,
    pub lang: Language,
    pub draft: Draft,
    /// The whole message as written to a file (CRLF line ends).
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub as_at: NaiveDate,
    pub messages: Vec<Message>,
    /// Focal points with no message, and why.
    pub skipped: Vec<String>,
}

/// Everything a party's message says, as at `as_at`, for `month`.
struct Context<'a> {
    l: Lookup<'a>,
    dir: &'a Directory,
    /// Unmet obligations as the engine's entries, each made an item when
    /// its party's message is written.
    kept: engine::Kept<'a>,
    /// Positions in `kept.entries` of each party's unmet obligations.
    owed: HashMap<String, Vec<u32>>,
    /// The reminders and nominations dated in the month: reminders by
    /// party and by review, people by party (a message reads its parties'
    /// own, not every one of them).
    reminders_of_party: HashMap<&'a str, Vec<&'a Reminder>>,
    reminders_of_review: HashMap<i64, Vec<&'a Reminder>>,
    people_of_party: HashMap<&'a str, Vec<&'a Person>>,
    month: NaiveDate,
    as_at: NaiveDate,
    horizon: NaiveDate,
    /// The time of writing, for the Date header of this month's messages.
    now: DateTime<Utc>,
    /// The texts of each language, read once (not once per message).
    texts: [std::cell::OnceCell<Texts>; Language::COUNT],
}

/// A person's address and phone, on one line (never wrapped).
fn contact_details(p: &Person) -> String {
    let mut parts = Vec::new();
    if let Some(e) = p.email.as_deref().filter(|e| valid_address(e)) {
        parts.push(e.to_string());
    }
    if let Some(t) = p.phone.as_deref().map(one_line).filter(|t| !t.is_empty()) {
        parts.push(t);
    }
    parts.join(", ")
}

impl Context<'_> {
    fn in_month(&self, d: NaiveDate) -> bool {
        d >= self.month && d <= self.as_at
    }

    fn review_line(&self, t: &Texts, r: &Review) -> Result<String, TemplateError> {
        let reviewers: Vec<String> = r.reviewers.iter().map(|c| self.l.name(c)).collect();
        t.review_line(&self.l.name(&r.under_review), &reviewers)
    }

    fn item_line(&self, t: &Texts, i: &Item) -> Result<String, TemplateError> {
        let obligation = capital(&t.obligation(i.obligation)?);
        let what = match i.review.and_then(|id| self.l.review(id)) {
            Some(r) => t.get(
                "digest-what-review",
                &Args::new()
                    .text("obligation", &obligation)
                    .text("id", r.id.to_string())
                    .text("line", self.review_line(t, r)?),
            )?,
            None => obligation,
        };
        let status = match i.status {
            Status::Overdue { days } => t.get(
                "digest-status-overdue",
                &Args::new().text("days", t.days(days)?),
            )?,
            Status::DueToday => t.plain("digest-status-today")?,
            Status::DueSoon { days } | Status::Upcoming { days } => {
                t.get("digest-status-in", &Args::new().text("days", t.days(days)?))?
            }
            Status::MetOnTime | Status::MetLate { .. } => t.plain("digest-status-met")?,
        };
        let args = Args::new()
            .text("what", what)
            .text("due", t.date(i.due)?)
            .text("status", status);
        match i.original_due {
            Some(o) => t.get("digest-item-extended", &args.text("original", t.date(o)?)),
            None => t.get("digest-item", &args),
        }
    }

    /// (date, sentence) of what happened in the party's reviews.
    fn events(
        &self,
        t: &Texts,
        party: &str,
        reviews: &[&Review],
    ) -> Result<Vec<(NaiveDate, String)>, TemplateError> {
        let l = &self.l;
        let mut ev = Vec::new();
        for r in reviews {
            let m = r.milestones.as_at(self.as_at);
            for ms in Milestone::ALL {
                if let Some(d) = m.get(*ms).filter(|d| self.in_month(*d)) {
                    let line = self.review_line(t, r)?;
                    ev.push((
                        d,
                        t.get(
                            "digest-event-milestone",
                            &Args::new()
                                .text("id", r.id.to_string())
                                .text("line", line)
                                .text("milestone", t.milestone(*ms)?),
                        )?,
                    ));
                }
            }
        }
        // The party's own reminders, and the others' about its reviews
        // (the order does not matter: the events are sorted at the end).
        let own = self.reminders_of_party.get(party).into_iter().flatten();
        let others = reviews
            .iter()
            .flat_map(|r| self.reminders_of_review.get(&r.id).into_iter().flatten())
            .filter(|rem| rem.party != party);
        for rem in own.chain(others).copied() {
            let review = match rem.review {
                Some(id) => t.get(
                    "digest-event-review",
                    &Args::new().text("id", id.to_string()),
                )?,
                None => String::new(),
            };
            let args = Args::new()
                .text("obligation", t.obligation(rem.obligation)?)
                .rendered("review", review)
                .text("channel", t.channel(rem.channel)?);
            let text = if rem.party == party {
                t.get("digest-event-reminder-you", &args)?
            } else {
                t.get(
                    "digest-event-reminder",
                    &args.text("party", l.name(&rem.party)),
                )?
            };
            ev.push((rem.date, text));
        }
        // Nominations by the party and its counterparts.
        let mut parties: Vec<&str> = vec![party];
        for r in reviews {
            parties.extend(r.parties());
        }
        parties.sort_unstable();
        parties.dedup();
        let mut counted: BTreeMap<(NaiveDate, &str, Role), u64> = BTreeMap::new();
        let people = parties
            .iter()
            .flat_map(|c| self.people_of_party.get(c).into_iter().flatten());
        for p in people.copied() {
            let args = || {
                Args::new()
                    .text("party", l.name(&p.party))
                    .text("name", &p.name)
            };
            if self.in_month(p.nominated) {
                if p.role == Role::FocalPoint {
                    ev.push((p.nominated, t.get("digest-event-focal-point", &args())?));
                } else {
                    *counted
                        .entry((p.nominated, p.party.as_str(), p.role))
                        .or_default() += 1;
                }
            }
            if let Some(e) = p.ended.filter(|e| self.in_month(*e))
                && p.role == Role::FocalPoint
            {
                ev.push((e, t.get("digest-event-ended", &args())?));
            }
        }
        for ((d, p, role), n) in counted {
            let id = match role {
                Role::Observer => "digest-event-observers",
                _ => "digest-event-experts",
            };
            let args = Args::new().text("party", l.name(p)).count(t, n);
            ev.push((d, t.get(id, &args)?));
        }
        ev.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        Ok(ev)
    }

    /// The language of a party's digest: that of its own review (else its
    /// first), or the focal point's own where the review's are pending.
    fn language(&self, party: &str, fp: &Person, reviews: &[&Review]) -> Language {
        let review = reviews
            .iter()
            .find(|r| r.under_review == party)
            .or_else(|| reviews.first());
        mail_language(
            review.map(|r| r.languages.as_slice()),
            self.dir.languages(fp.id),
        )
    }

    /// The body of a party's message and its counts.
    fn body(
        &self,
        t: &Texts,
        fp: &Person,
        sender: &Addressee,
        month_name: &str,
        owed: [&[&Item]; 2],
        events: &[(NaiveDate, String)],
    ) -> Result<String, TemplateError> {
        let [overdue, coming] = owed;
        let l = &self.l;
        let party = fp.party.as_str();
        let name = l.name(party);
        let horizon = t.date(self.horizon)?;
        let as_at = t.date(self.as_at)?;
        let reviews = l.reviews_of(party);
        let mut b = String::new();
        let greet = t.get("digest-greeting", &Args::new().text("name", &fp.name))?;
        let _ = writeln!(b, "{greet}\n");
        let intro = t.get(
            "digest-intro",
            &Args::new()
                .text("month", month_name)
                .text("party", &name)
                .text("as_at", &as_at),
        )?;
        let _ = writeln!(b, "{}\n", wrap(&intro, 76, ""));
        let owes = t.get("digest-owes", &Args::new().text("party", &name))?;
        let _ = writeln!(b, "{}\n", owes.to_uppercase());
        if overdue.is_empty() && coming.is_empty() {
            let none = t.get(
                "digest-nothing-owed",
                &Args::new().text("horizon", &horizon),
            )?;
            let _ = writeln!(b, "{}\n", wrap(&none, 76, ""));
        }
        for (list, head) in [
            (overdue, t.plain("digest-overdue")?),
            (
                coming,
                t.get("digest-coming", &Args::new().text("horizon", &horizon))?,
            ),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(b, "{head}");
            for i in list {
                let _ = writeln!(b, "  - {}", wrap(&self.item_line(t, i)?, 72, "    "));
            }
            b.push('\n');
        }
        let happened = t.get("digest-happened", &Args::new().text("month", month_name))?;
        let _ = writeln!(b, "{}\n", happened.to_uppercase());
        if events.is_empty() {
            let _ = writeln!(b, "{}\n", t.plain("digest-nothing-happened")?);
        } else {
            for (d, e) in events {
                let line = t.get(
                    "digest-event-date",
                    &Args::new().text("date", t.date(*d)?).text("event", e),
                )?;
                let _ = writeln!(b, "  - {}", wrap(&line, 72, "    "));
            }
            b.push('\n');
        }
        let _ = writeln!(b, "{}\n", t.plain("digest-counterparts")?.to_uppercase());
        if reviews.is_empty() {
            let none = t.get(
                "digest-no-reviews",
                &Args::new().text("party", &name).text("as_at", &as_at),
            )?;
            let _ = writeln!(b, "{none}\n");
        }
        for r in reviews {
            let head = t.get(
                "digest-review",
                &Args::new()
                    .text("id", r.id.to_string())
                    .text("line", self.review_line(t, r)?)
                    .text("stage", t.stage(l.stage(r))?),
            )?;
            let _ = writeln!(b, "{}", wrap(&head, 76, "  "));
            for other in r.parties().filter(|p| *p != party) {
                let fps = l.focal_points(other);
                if fps.is_empty() {
                    let none = t.get(
                        "digest-no-focal-point",
                        &Args::new().text("party", l.name(other)),
                    )?;
                    let _ = writeln!(b, "  - {none}");
                }
                for p in fps {
                    let _ = writeln!(b, "  - {}: {}", one_line(&l.name(other)), one_line(&p.name));
                    let details = contact_details(p);
                    if !details.is_empty() {
                        let _ = writeln!(b, "    {details}");
                    }
                }
            }
            b.push('\n');
        }
        let footer = t.get(
            "digest-footer",
            &Args::new().text("sender", &sender.address),
        )?;
        let _ = writeln!(b, "{}", wrap(&footer, 76, ""));
        Ok(b)
    }

    fn message(&self, fp: &Person, sender: &Addressee) -> Result<Message> {
        let l = &self.l;
        let party = fp.party.as_str();
        let Some(addr) = fp.email.as_deref() else {
            bail!("no e-mail address");
        };
        let to = Addressee::new(&fp.name, addr)?;
        let items: Vec<Item> = self.owed.get(party).map_or_else(Vec::new, |v| {
            let kept = &self.kept;
            v.iter()
                .map(|&k| kept.item(&kept.entries[k as usize]))
                .collect()
        });
        let owed: Vec<&Item> = items.iter().collect();
        let overdue: Vec<&Item> = owed
            .iter()
            .copied()
            .filter(|i| i.status.days_overdue().is_some())
            .collect();
        let coming: Vec<&Item> = owed
            .iter()
            .copied()
            .filter(|i| i.status.days_overdue().is_none() && i.due <= self.horizon)
            .collect();
        let reviews = l.reviews_of(party);
        let lang = self.language(party, fp, reviews);
        let t = self.texts[lang.index()].get_or_init(|| Texts::new(lang));
        let events = self.events(t, party, reviews)?;
        let month_name = t.month_year(self.month)?;
        let subject = t.get(
            "digest-subject",
            &Args::new()
                .text("month", &month_name)
                .text("party", l.name(party))
                .text("overdue", t.number(overdue.len() as u64))
                .text("coming", t.number(coming.len() as u64))
                .text("horizon", t.date(self.horizon)?),
        )?;
        let body = self.body(t, fp, sender, &month_name, [&overdue, &coming], &events)?;
        let date = if self.as_at == self.now.date_naive() {
            self.now
        } else {
            Utc.from_utc_datetime(&self.as_at.and_hms_opt(9, 0, 0).unwrap_or_default())
        };
        let file = format!(
            "{}-{}.eml",
            party
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>(),
            fp.id
        );
        // A sender with no name of its own speaks as the secretariat, in
        // the message's language.
        let mut from = sender.clone();
        if from.name.is_empty() {
            from.name = t.plain("sender-name")?;
        }
        let draft = Draft {
            lang,
            message_id: format!(
                "<digest-{}-{}-{}@{}>",
                self.month.format("%Y-%m"),
                file.trim_end_matches(".eml"),
                self.as_at.format("%Y%m%d"),
                id_domain(sender)
            ),
            from,
            to: vec![to],
            cc: Vec::new(),
            subject: subject.clone(),
            body,
            date,
        };
        let text = String::from_utf8(draft.formatted()?)?;
        Ok(Message {
            file,
            to: addr.to_string(),
            party: party.to_string(),
            subject,
            items: overdue.len() + coming.len() + events.len(),
            lang,
            draft,
            text,
        })
    }
}

/// What a digest is made from: the desk, the people the rules read
/// (`rules`; `None`: the desk's own), the working languages, the cluster
/// (`scope`; `None`: all), the month (its first day), the date it is as
/// at (the month's last day, or `as_of` if earlier), the sender, and
/// `now`, which dates the messages of the current month.
#[derive(Clone, Copy)]
pub struct Request<'a> {
    pub desk: &'a Desk,
    pub rules: Option<&'a Roster>,
    pub dir: &'a Directory,
    pub scope: Option<&'a Scope>,
    pub month: NaiveDate,
    pub as_of: NaiveDate,
    pub sender: &'a Addressee,
    pub now: DateTime<Utc>,
}

/// Every message for `month` (its first day), as at the month's last day
/// or `as_of` if earlier. `now` dates the messages of the current month.
pub fn plan(
    desk: &Desk,
    dir: &Directory,
    month: NaiveDate,
    as_of: NaiveDate,
    sender: &Addressee,
    now: DateTime<Utc>,
) -> Result<Plan> {
    plan_in(Request {
        desk,
        rules: None,
        dir,
        scope: None,
        month,
        as_of,
        sender,
        now,
    })
}

/// Every message of a [`Request`], held.
pub fn plan_in(req: Request<'_>) -> Result<Plan> {
    let mut messages = Vec::new();
    let (as_at, skipped) = plan_each(req, &mut |m| {
        messages.push(m);
        Ok(())
    })?;
    Ok(Plan {
        as_at,
        messages,
        skipped,
    })
}

/// [`plan_in`] one message at a time: `each` is given every message as
/// it is made (and may stop with an error), so no more than one is held.
/// Returns the date the messages are as at, and the focal points skipped.
pub fn plan_each(
    req: Request<'_>,
    each: &mut dyn FnMut(Message) -> Result<()>,
) -> Result<(NaiveDate, Vec<String>)> {
    let Request {
        desk,
        rules,
        dir,
        scope,
        month,
        as_of,
        sender,
        now,
    } = req;
    if month > as_of {
        let t = Texts::new(Language::En);
        bail!("{} has not begun as at {as_of}", t.month_year(month)?);
    }
    let month_end = months_end(month, 1);
    let as_at = month_end.min(as_of);
    let horizon = month_end
        .checked_add_days(Days::new(HORIZON_DAYS))
        .unwrap_or(month_end);
    // Only what a message can say: the obligations not met.
    let keep = |i: &Item| !i.status.is_met() && scope.is_none_or(|s| s.keeps(i));
    // Given `rules`, the desk's people need be only those a message names:
    // every focal point, and whoever was nominated or ended in the month.
    let kept = match rules {
        Some(r) => engine::kept_with(desk, r, as_at, Settings::default(), keep),
        None => engine::kept(desk, as_at, Settings::default(), keep),
    };
    let mut owed: HashMap<String, Vec<u32>> = HashMap::new();
    for (k, e) in kept.entries.iter().enumerate() {
        let party = kept.item(e).party;
        owed.entry(party).or_default().push(k as u32);
    }
    let in_month = |d: NaiveDate| d >= month && d <= as_at;
    let reminders: Vec<&Reminder> = desk.reminders.iter().filter(|r| in_month(r.date)).collect();
    let people: Vec<&Person> = desk
        .people
        .iter()
        .filter(|p| in_month(p.nominated) || p.ended.is_some_and(in_month))
        .collect();
    let mut reminders_of_party: HashMap<&str, Vec<&Reminder>> = HashMap::new();
    let mut reminders_of_review: HashMap<i64, Vec<&Reminder>> = HashMap::new();
    for r in &reminders {
        reminders_of_party
            .entry(r.party.as_str())
            .or_default()
            .push(r);
        if let Some(id) = r.review {
            reminders_of_review.entry(id).or_default().push(r);
        }
    }
    let mut people_of_party: HashMap<&str, Vec<&Person>> = HashMap::new();
    for p in &people {
        people_of_party.entry(p.party.as_str()).or_default().push(p);
    }
    let cx = Context {
        l: Lookup::new(desk, as_at),
        dir,
        kept,
        owed,
        reminders_of_party,
        reminders_of_review,
        people_of_party,
        month,
        as_at,
        horizon,
        now,
        texts: Default::default(),
    };
    let mut fps: Vec<&Person> = desk
        .people
        .iter()
        .filter(|p| p.role == Role::FocalPoint && p.current(as_at))
        .collect();
    fps.sort_by(|a, b| a.party.cmp(&b.party).then(a.id.cmp(&b.id)));
    let mut skipped = Vec::new();
    for fp in fps {
        match cx.message(fp, sender) {
            Ok(m) => each(m)?,
            Err(e) => skipped.push(format!(
                "{} focal point {} ({}): {e}",
                one_line(&fp.party),
                fp.id,
                one_line(&fp.name)
            )),
        }
    }
    Ok((as_at, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Group, Instruments, Milestones, Party, PartyKind, Region};

    const HOSTILE: &str = "Eve\r\nBcc: x@evil.example {$name} \u{202e}gpj.exe\u{1b}[31m";

    fn desk(lang: Language) -> Desk {
        let party = |code: &str| Party {
            code: code.into(),
            name: HOSTILE.into(),
            kind: PartyKind::State,
            regional_group: Some(Region::Weog),
            pairs_as: None,
            group: Some(1),
            instruments: Instruments::default(),
        };
        let fp = |id: i64, party: &str| Person {
            id,
            party: party.into(),
            role: Role::FocalPoint,
            name: HOSTILE.into(),
            email: Some(format!("fp{id}@x.example").into()),
            phone: Some(HOSTILE.into()),
            gender: None,
            affiliation: None,
            nominated: "2024-02-10".parse().unwrap(),
            ended: None,
        };
        Desk {
            groups: vec![Group {
                number: 1,
                start: "2020-12-01".parse().unwrap(),
            }],
            parties: vec![party("AUT"), party("FRA"), party("KEN")],
            people: vec![fp(1, "AUT"), fp(2, "FRA"), fp(3, "KEN")],
            reviews: vec![Review {
                id: 1,
                group: 1,
                cluster: 1,
                under_review: "AUT".into(),
                reviewers: ["FRA".into(), "KEN".into()].into_iter().collect(),
                start: None,
                redraws: 0,
                languages: [lang].into_iter().collect(),
                milestones: Milestones {
                    consultation_held: Some("2024-02-05".parse().unwrap()),
                    ..Default::default()
                },
            }],
            reminders: vec![Reminder {
                date: "2024-02-12".parse().unwrap(),
                party: "FRA".into(),
                review: Some(1),
                obligation: crate::domain::model::Obligation::Feedback,
                channel: crate::domain::model::Channel::NoteVerbale,
                note: "internal-note-xyz".into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn every_language_renders_the_digest_with_hostile_values() {
        let sender = Addressee::new("", "untoc.review@un.example").unwrap();
        for lang in Language::ALL {
            let d = desk(*lang);
            let plan = plan(
                &d,
                &Directory::default(),
                "2024-02-01".parse().unwrap(),
                "2024-02-29".parse().unwrap(),
                &sender,
                "2024-03-05T10:00:00Z".parse().unwrap(),
            )
            .unwrap();
            assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
            assert_eq!(plan.messages.len(), 3);
            for m in &plan.messages {
                assert_eq!(m.lang, *lang);
                let (head, body) = m.text.split_once("\r\n\r\n").unwrap();
                assert!(head.is_ascii(), "{head}");
                assert!(!head.contains("\r\nBcc:"));
                assert!(head.contains(&format!("\r\nContent-Language: {lang}\r\n")));
                assert!(body.contains("{$name}"), "{lang}: the value stays text");
                assert!(!body.contains('\u{1b}') && !body.contains('\u{202e}'));
                assert!(!body.contains("internal-note-xyz"));
                let t = Texts::new(*lang);
                let when = t.date("2024-02-12".parse().unwrap()).unwrap();
                assert!(
                    body.replace("\r\n    ", " ").contains(&when),
                    "{lang}: {body}"
                );
            }
        }
    }
}
