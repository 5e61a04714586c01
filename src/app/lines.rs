//! What one row or one panel shows, as sanitised text: the screens format
//! these and never read the desk's strings themselves.

use super::App;
use super::data::{self, FpStatus, NONE, channel_label, channel_short, role_label, status_text};
use super::screen::Reads;
use crate::domain::engine::{Item, Status};
use crate::domain::model::{Obligation, Protocol, Role, Stage};
use crate::domain::pace::Outlook;
use crate::domain::periods::months_end;
use crate::domain::text::sanitize;
use crate::store::load::ReminderTally;
use chrono::{Days, NaiveDate};

/// How a piece of text should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Heading,
    /// Late, missing: the warning colour.
    Warn,
    /// Due soon.
    Soon,
    Good,
    Dim,
}

pub fn status_tone(s: Status) -> Tone {
    match s {
        Status::Overdue { .. } | Status::MetLate { .. } => Tone::Warn,
        Status::DueToday | Status::DueSoon { .. } => Tone::Soon,
        Status::MetOnTime => Tone::Good,
        Status::Upcoming { .. } => Tone::Normal,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueLine {
    pub party: String,
    pub code: String,
    pub obligation: &'static str,
    pub obligation_short: &'static str,
    /// "#3 KEN: NGA, AUT", or "—" for a nomination.
    pub review: String,
    pub review_short: String,
    pub due: String,
    /// The date an extension replaced.
    pub original_due: Option<String>,
    pub days: String,
    pub tone: Tone,
    /// "2021-06-03 email", or empty.
    pub last_reminder: String,
    pub last_reminder_short: String,
    pub reminders: u32,
    /// Whether the reminder log could be read for this row.
    pub reminders_read: bool,
    pub focal_point: String,
    pub no_focal_point: bool,
    /// The party the debtor waits on before it can act (its code).
    pub waiting_on: Option<String>,
    /// Marked for a bulk reminder.
    pub marked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewLine {
    pub id: String,
    pub group: String,
    pub under_review: String,
    pub under_code: String,
    pub reviewers: String,
    pub redraws: String,
    pub languages: String,
    pub stage: String,
    pub stage_tone: Tone,
    pub next: String,
    /// `next` with the obligation's short label.
    pub next_short: String,
    pub next_status: String,
    /// The lateness of the next deadline in words ("643 d late", "due
    /// today"), empty when it is not late: written, not only coloured.
    pub next_late: String,
    pub next_tone: Tone,
    /// The conclusion, or the projected one; "—" when it cannot be projected.
    pub projected: String,
    pub projected_tone: Tone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyLine {
    pub code: String,
    pub name: String,
    pub region: String,
    pub group: String,
    /// "C T S F" with "·" for an instrument not ratified.
    pub instruments: String,
    pub focal_point: &'static str,
    pub fp_tone: Tone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactLine {
    pub name: String,
    pub role: String,
    pub party_code: String,
    pub party: String,
    pub email: String,
    pub phone: String,
    pub affiliation: String,
    pub current: bool,
}

/// One mark on a lane of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub due: NaiveDate,
    pub original_due: Option<NaiveDate>,
    pub met: Option<NaiveDate>,
    /// First and last late day (after the due date, until met or today).
    pub late: Option<(NaiveDate, NaiveDate)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub label: &'static str,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObligationLine {
    pub party: String,
    pub obligation: &'static str,
    pub due: String,
    pub original_due: Option<String>,
    pub met: String,
    pub status: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderLine {
    pub date: String,
    pub channel: &'static str,
    pub party: String,
    pub obligation: &'static str,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineModel {
    pub id: i64,
    pub title: String,
    pub facts: String,
    pub start: NaiveDate,
    /// Last day of the review phase (start + 24 months).
    pub end: NaiveDate,
    pub as_of: NaiveDate,
    pub lanes: Vec<Lane>,
    pub obligations: Vec<ObligationLine>,
    pub reminders: Vec<ReminderLine>,
    pub extensions: Vec<String>,
    /// The review's documents available on the date.
    pub documents: Vec<String>,
    /// Concluded, projected to conclude at the current pace, or not
    /// projectable (`None`: not started).
    pub outlook: Option<Outlook>,
}

fn mark(it: &Item, as_of: NaiveDate) -> Mark {
    let until = it.met.unwrap_or(as_of);
    let late = (until > it.due).then(|| (it.due + Days::new(1), until));
    Mark {
        due: it.due,
        original_due: it.original_due,
        met: it.met,
        late,
    }
}

fn instruments_flags(p: &crate::domain::model::Party, as_of: NaiveDate) -> String {
    let c = if p.instruments.convention.is_some_and(|d| d <= as_of) {
        "C"
    } else {
        "·"
    };
    let mut s = c.to_string();
    for (pr, letter) in [
        (Protocol::Tip, "T"),
        (Protocol::Som, "S"),
        (Protocol::Fa, "F"),
    ] {
        s.push(' ');
        s.push_str(if p.instruments.bound_by(pr, Some(as_of)) {
            letter
        } else {
            "·"
        });
    }
    s
}

impl App {
    /// The `pos`-th row shown on the Overdue pane (its reminders read
    /// from the store if the screen has not read them).
    pub fn overdue_line(&self, pos: usize) -> Option<OverdueLine> {
        self.overdue_line_from(pos, Reads::Store)
    }

    /// The `pos`-th row of Overdue as drawn: from what was read for the
    /// screen only.
    pub fn overdue_line_shown(&self, pos: usize) -> Option<OverdueLine> {
        self.overdue_line_from(pos, Reads::Cache)
    }

    fn overdue_line_from(&self, pos: usize, read: Reads) -> Option<OverdueLine> {
        let d = &self.data;
        let k = *self.overdue.rows.get(pos)? as usize;
        let row = &d.overdue_row(&self.desk, k)?;
        let it = &d.item(&self.desk, row.item);
        let (review, review_short) = match row.review {
            Some(ri) => {
                let r = &self.desk.reviews[ri];
                let revs: Vec<String> = r.reviewers.iter().map(|c| d.code_of(c)).collect();
                let under = d.code_of(&r.under_review);
                (
                    format!("#{} {}: {}", r.id, under, revs.join(", ")),
                    format!("#{} {}", r.id, under),
                )
            }
            None => ("—".to_string(), "—".to_string()),
        };
        let tally = match &self.store {
            Some(store) => {
                let key = (row.party, row.review, it.obligation);
                match (self.tallies.get(&key), read) {
                    (Some(t), _) => *t,
                    (None, Reads::Store) => store
                        .reminder_tally(&it.party, it.review, it.obligation, d.as_of)
                        .ok(),
                    (None, Reads::Cache) => None,
                }
            }
            None => {
                let (n, last) = d.reminders_of(row);
                Some(ReminderTally {
                    count: n as u32,
                    last: last
                        .map(|i| (self.desk.reminders[i].date, self.desk.reminders[i].channel)),
                })
            }
        };
        let reminders_read = tally.is_some();
        let ReminderTally { count, last } = tally.unwrap_or_default();
        let reminders = count as usize;
        let (last_reminder, last_reminder_short) = match last {
            Some((date, channel)) => (
                format!("{} {}", date, channel_label(channel)),
                // One date format in every column: ISO, short channel only.
                format!("{} {}", date, channel_short(channel)),
            ),
            None => (String::new(), String::new()),
        };
        let fps = if row.party == NONE {
            &[][..]
        } else {
            d.current_fp.get(row.party)
        };
        let focal_point = match fps {
            [] => "none".to_string(),
            [one] => sanitize(self.desk.people.name(*one as usize)),
            [one, rest @ ..] => {
                format!(
                    "{} +{}",
                    sanitize(self.desk.people.name(*one as usize)),
                    rest.len()
                )
            }
        };
        Some(OverdueLine {
            party: d.name(row.party).to_string(),
            code: d.code(row.party).to_string(),
            obligation: it.obligation.label(),
            obligation_short: it.obligation.short_label(),
            review,
            review_short,
            due: it.due.to_string(),
            original_due: it.original_due.map(|d| d.to_string()),
            days: status_text(it.status),
            tone: status_tone(it.status),
            last_reminder,
            last_reminder_short,
            reminders: reminders as u32,
            reminders_read,
            focal_point,
            no_focal_point: fps.is_empty(),
            waiting_on: d
                .overdue_waiting_on(&self.desk, k)
                .map(|c| sanitize(c).to_string()),
            marked: self.overdue.marked.contains(&(k as u32)),
        })
    }

    pub fn review_line(&self, pos: usize) -> Option<ReviewLine> {
        let d = &self.data;
        let ri = *self.reviews.rows.get(pos)?;
        let row = self.review_rows().get(ri)?;
        let r = &self.desk.reviews[ri];
        let (stage, stage_tone) = match self.stages()[ri] {
            Some(s) => (
                s.label().to_string(),
                match s {
                    Stage::AwaitingNominations => Tone::Warn,
                    Stage::Concluded => Tone::Good,
                    _ => Tone::Normal,
                },
            ),
            None => (
                match d.start[ri] {
                    Some(s) => format!("starts {s}"),
                    None => "no start date".into(),
                },
                Tone::Dim,
            ),
        };
        let (next, next_short, next_status, next_tone) = match row.next {
            Some(i) => {
                let it = &d.item(&self.desk, i as usize);
                (
                    format!("{} {}", it.obligation.label(), it.due),
                    format!("{} {}", it.obligation.short_label(), it.due),
                    status_text(it.status),
                    status_tone(it.status),
                )
            }
            None => (String::new(), String::new(), String::new(), Tone::Normal),
        };
        let (projected, projected_tone) = match self.projection().outlooks[ri] {
            Some(Outlook::Concluded(c)) => (format!("concluded {c}"), Tone::Good),
            Some(Outlook::Projected(p)) => (p.to_string(), Tone::Normal),
            Some(Outlook::Unknown(_)) | None => ("—".to_string(), Tone::Dim),
        };
        let next_late = match row.next.map(|i| d.item(&self.desk, i as usize).status) {
            Some(st @ (Status::Overdue { .. } | Status::DueToday)) => status_text(st),
            _ => String::new(),
        };
        Some(ReviewLine {
            id: format!("#{}", r.id),
            group: r.group.to_string(),
            under_review: d.name(d.party(&r.under_review)).to_string(),
            under_code: d.code_of(&r.under_review),
            reviewers: super::panes::reviewers_text(r, d),
            redraws: format!("{}/4", r.redraws),
            languages: self.languages_shown(r, true),
            stage,
            stage_tone,
            next,
            next_short,
            next_status,
            next_late,
            next_tone,
            projected,
            projected_tone,
        })
    }

    pub fn party_line(&self, pos: usize) -> Option<PartyLine> {
        let d = &self.data;
        let pi = *self.parties.rows.get(pos)?;
        let p = &self.desk.parties[pi];
        let fp = d.fp_status[pi];
        Some(PartyLine {
            code: d.code(pi).to_string(),
            name: d.name(pi).to_string(),
            region: match (p.regional_group, p.pairs_as) {
                (Some(r), _) => r.as_str().to_string(),
                (None, Some(r)) => format!("({})", r.as_str()),
                (None, None) => "—".into(),
            },
            group: p.group.map_or("—".to_string(), |g| g.to_string()),
            instruments: instruments_flags(p, d.as_of),
            focal_point: fp.label(),
            fp_tone: match fp {
                FpStatus::None | FpStatus::Ended => Tone::Warn,
                _ => Tone::Normal,
            },
        })
    }

    /// The selected party's details, as lines.
    pub fn party_detail(&self) -> Vec<(Tone, String)> {
        let d = &self.data;
        let Some(&pi) = self.parties.rows.get(self.parties.cursor.selected) else {
            return vec![(Tone::Dim, "no party selected".into())];
        };
        let p = &self.desk.parties[pi];
        let as_of = d.as_of;
        let mut out: Vec<(Tone, String)> = Vec::new();
        let h = |out: &mut Vec<(Tone, String)>, s: &str| out.push((Tone::Heading, s.to_string()));
        out.push((Tone::Heading, format!("{} ({})", d.name(pi), d.code(pi))));
        out.push((
            Tone::Normal,
            format!(
                "{} · {} · {}",
                p.kind.as_str(),
                match (p.regional_group, p.pairs_as) {
                    (Some(r), _) => r.as_str().to_string(),
                    (None, Some(r)) => format!("no UN group, pairs as {}", r.as_str()),
                    (None, None) => "no regional group".into(),
                },
                p.group
                    .map_or("no review group yet".to_string(), |g| format!("group {g}"))
            ),
        ));
        h(&mut out, "Instruments");
        let date = |x: Option<NaiveDate>| match x {
            Some(x) if x <= as_of => x.to_string(),
            Some(x) => format!("— (from {x})"),
            None => "—".into(),
        };
        out.push((
            Tone::Normal,
            format!("  Convention  {}", date(p.instruments.convention)),
        ));
        for pr in Protocol::ALL {
            out.push((
                Tone::Normal,
                format!("  {:<10}  {}", pr.as_str(), date(p.instruments.date(pr))),
            ));
        }
        let people: Vec<usize> = d
            .people_by_party(&self.desk)
            .get(pi)
            .iter()
            .map(|&i| i as usize)
            .collect();
        for (role, title) in [
            (Role::FocalPoint, "Focal points"),
            (Role::Expert, "Experts"),
            (Role::Observer, "Observers"),
        ] {
            let current: Vec<usize> = people
                .iter()
                .copied()
                .filter(|&i| {
                    let x = &self.desk.people.members()[i];
                    x.role == role && x.current(as_of)
                })
                .collect();
            h(&mut out, &format!("{title} ({} current)", current.len()));
            if current.is_empty() && role == Role::FocalPoint {
                out.push((Tone::Warn, "  none nominated".into()));
            }
            for i in current {
                let x = &self.desk.people.members()[i];
                let name = sanitize(self.desk.people.name(i));
                let mut s = format!("  {name} · since {}", x.nominated);
                if role == Role::FocalPoint
                    && let Some(review) = self.registers.scope_of(self.desk.people.id(i))
                {
                    s.push_str(&format!(" · for review #{review} only"));
                }
                // The store's e-mail and phone: the desk in memory has none.
                let (email, phone) = self.details_of(i, Reads::Cache);
                if let Some(email) = email {
                    s.push_str(&format!(" · {}", sanitize(&email)));
                }
                if let Some(phone) = phone {
                    // No-break spaces: a wrapped line never splits a number.
                    s.push_str(&format!(" · {}", sanitize(&phone).replace(' ', "\u{a0}")));
                }
                out.push((Tone::Normal, s));
            }
        }
        let mut ended: Vec<usize> = people
            .iter()
            .copied()
            .filter(|&i| {
                let x = &self.desk.people.members()[i];
                x.nominated <= as_of && x.ended.is_some_and(|e| e <= as_of)
            })
            .collect();
        ended.sort_by_key(|&i| (self.desk.people.members()[i].ended, i));
        h(&mut out, "Substitutions");
        if ended.is_empty() {
            out.push((Tone::Dim, "  none".into()));
        }
        for i in ended {
            let x = &self.desk.people.members()[i];
            out.push((
                Tone::Normal,
                format!(
                    "  {} {}: {} (since {})",
                    x.ended.map(|e| e.to_string()).unwrap_or_default(),
                    role_label(x.role),
                    sanitize(self.desk.people.name(i)),
                    x.nominated
                ),
            ));
        }
        self.party_reviews(pi, &mut out);
        self.party_documents(pi, &mut out);
        self.party_owed(pi, &mut out);
        out
    }

    /// The documents of the reviews a party is under, as at the date: when
    /// each became available, and whether the party agreed to publish it.
    fn party_documents(&self, pi: usize, out: &mut Vec<(Tone, String)>) {
        let d = &self.data;
        out.push((Tone::Heading, "Documents".to_string()));
        let lines: Vec<String> = d
            .reviewed_in
            .get(pi)
            .iter()
            .flat_map(|&ri| self.document_lines(self.desk.reviews[ri as usize].id))
            .map(|l| format!("  {l}"))
            .collect();
        if lines.is_empty() {
            out.push((Tone::Dim, "  none available".into()));
        }
        out.extend(lines.into_iter().map(|l| (Tone::Normal, l)));
    }

    /// One line per document of review `id` available on the as-at date.
    pub fn document_lines(&self, id: i64) -> Vec<String> {
        let as_of = self.data.as_of;
        self.registers
            .documents_of(id)
            .into_iter()
            .filter(|doc| doc.available <= as_of)
            .map(|doc| {
                format!(
                    "#{id} {} · available {} · {}",
                    doc.kind.label(),
                    doc.available,
                    match doc.published.filter(|p| *p <= as_of) {
                        Some(p) => format!("published {p}"),
                        None => "not published".to_string(),
                    }
                )
            })
            .collect()
    }

    /// The languages of a review as the screens show them: with the reason
    /// noted when they are pending.
    pub fn languages_shown(&self, r: &crate::domain::model::Review, short: bool) -> String {
        let as_of = self.data.as_of;
        let text = super::panes::languages_as_at(r, as_of);
        let reason = self
            .registers
            .languages_pending
            .iter()
            .find(|p| p.review == r.id && p.noted <= as_of)
            .map(|p| p.reason);
        match reason {
            Some(reason) if text == "pending" => {
                use crate::domain::registers::PendingReason;
                match (short, reason) {
                    (true, PendingReason::UnderDiscussion) => "pending: discussion".into(),
                    (true, PendingReason::LackOfResources) => "pending: resources".into(),
                    (false, reason) => format!("pending ({})", reason.label()),
                }
            }
            _ => text,
        }
    }

    /// The reviews a party is under or a reviewer in, for its details.
    fn party_reviews(&self, pi: usize, out: &mut Vec<(Tone, String)>) {
        let d = &self.data;
        let h = |out: &mut Vec<(Tone, String)>, s: &str| out.push((Tone::Heading, s.to_string()));
        h(out, "Reviews");
        let stages = self.stages();
        let review_text = |ri: usize| {
            let r = &self.desk.reviews[ri];
            format!(
                "#{} group {} · {} by {} · {}",
                r.id,
                r.group,
                d.code_of(&r.under_review),
                r.reviewers
                    .iter()
                    .map(|c| d.code_of(c))
                    .collect::<Vec<_>>()
                    .join(", "),
                stages[ri].map_or("not started", |s| s.label())
            )
        };
        if d.reviewed_in.get(pi).is_empty() && d.reviewer_in.get(pi).is_empty() {
            out.push((Tone::Dim, "  none".into()));
        }
        for &ri in d.reviewed_in.get(pi) {
            out.push((
                Tone::Normal,
                format!("  under review: {}", review_text(ri as usize)),
            ));
        }
        for &ri in d.reviewer_in.get(pi) {
            out.push((
                Tone::Normal,
                format!("  reviewer in:  {}", review_text(ri as usize)),
            ));
        }
    }

    /// What a party owes now (overdue, due today or soon), for its details.
    fn party_owed(&self, pi: usize, out: &mut Vec<(Tone, String)>) {
        let d = &self.data;
        let h = |out: &mut Vec<(Tone, String)>, s: &str| out.push((Tone::Heading, s.to_string()));
        h(out, "Owes now");
        let mut owed: Vec<usize> = d
            .items_by_party()
            .get(pi)
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| {
                matches!(
                    d.entries[i].status(),
                    Status::Overdue { .. } | Status::DueToday | Status::DueSoon { .. }
                )
            })
            .collect();
        owed.sort_by_key(|&i| (d.entries[i].due(), i));
        if owed.is_empty() {
            out.push((Tone::Good, "  nothing overdue or due soon".into()));
        }
        for i in owed {
            let it = &d.item(&self.desk, i);
            out.push((
                status_tone(it.status),
                format!(
                    "  {}{} · due {} · {}",
                    it.obligation.label(),
                    it.review.map(|r| format!(" #{r}")).unwrap_or_default(),
                    it.due,
                    status_text(it.status)
                ),
            ));
        }
    }

    /// The `pos`-th row shown on Contacts (e-mail and phone read from
    /// the store if the screen has not read them).
    pub fn contact_line(&self, pos: usize) -> Option<ContactLine> {
        self.contact_line_from(pos, Reads::Store)
    }

    /// The `pos`-th row of Contacts as drawn: from what was read for the
    /// screen only.
    pub fn contact_line_shown(&self, pos: usize) -> Option<ContactLine> {
        self.contact_line_from(pos, Reads::Cache)
    }

    fn contact_line_from(&self, pos: usize, read: Reads) -> Option<ContactLine> {
        let c = self
            .contact_rows()
            .get(*self.contacts.rows.get(pos)? as usize)?;
        let people = &*self.desk.people;
        let i = c.person as usize;
        let p = &people.members()[i];
        let details = self.details_of(i, read);
        let pi = people.party(i).unwrap_or(NONE);
        let mut role = role_label(p.role).to_string();
        if !c.current() {
            role.push_str(" (ended)");
        }
        Some(ContactLine {
            name: sanitize(people.name(i)),
            role,
            party_code: self.data.code_of(people.code(i)),
            party: self.data.name(pi).to_string(),
            email: sanitize(details.0.as_deref().unwrap_or("")),
            phone: sanitize(details.1.as_deref().unwrap_or("")),
            affiliation: p
                .affiliation
                .map_or("", data::affiliation_label)
                .to_string(),
            current: c.current(),
        })
    }

    /// The review on the Timeline pane, drawn from its start to the end of
    /// its phase, with its obligations, reminders and extensions.
    pub fn timeline_model(&self) -> Option<TimelineModel> {
        self.timeline_model_from(Reads::Store)
    }

    /// The Timeline as drawn: from what was read for the screen only.
    pub fn timeline_model_shown(&self) -> Option<TimelineModel> {
        self.timeline_model_from(Reads::Cache)
    }

    fn timeline_model_from(&self, read: Reads) -> Option<TimelineModel> {
        let d = &self.data;
        let id = self.timeline.review?;
        let ri = d.review_ix(&self.desk, id)?;
        let r = &self.desk.reviews[ri];
        let start = d.start[ri]?;
        let end = months_end(start, 24);
        let as_of = d.as_of;
        let parties: Vec<usize> = r.parties().map(|c| d.party(c)).collect();
        let names = |v: &[crate::domain::model::Text]| {
            v.iter()
                .map(|c| {
                    let i = d.party(c);
                    format!("{} ({})", d.name(i), d.code_of(c))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let title = format!(
            "Review #{} · {} ({}) reviewed by {}",
            r.id,
            d.name(parties[0]),
            d.code_of(&r.under_review),
            names(&r.reviewers)
        );
        let facts = format!(
            "group {} · cluster {} · start {} · phase ends {} · stage: {} · languages: {} · redraws {}/4",
            r.group,
            r.cluster,
            start,
            end,
            self.stages()[ri].map_or("not started", |s| s.label()),
            self.languages_shown(r, false),
            r.redraws
        );

        let items = self.timeline_items(ri, &parties);

        let lanes = self.timeline_lanes(&items);

        let q = self.timeline.filter.text.trim().to_lowercase();
        let keep = |s: &str| q.is_empty() || s.to_lowercase().contains(&q);
        let obligations: Vec<ObligationLine> = items
            .iter()
            .map(|&i| {
                let it = &d.item(&self.desk, i);
                ObligationLine {
                    party: d.code_of(&it.party),
                    obligation: it.obligation.label(),
                    due: it.due.to_string(),
                    original_due: it.original_due.map(|x| x.to_string()),
                    met: it.met.map(|x| x.to_string()).unwrap_or_default(),
                    status: status_text(it.status),
                    tone: status_tone(it.status),
                }
            })
            .filter(|l| keep(&format!("{} {} {}", l.party, l.obligation, l.status)))
            .collect();

        let loaded = self.reminders_of_review(ri, read);
        let reminders = loaded
            .iter()
            .map(|m| ReminderLine {
                date: m.date.to_string(),
                channel: channel_label(m.channel),
                party: d.code_of(&m.party),
                obligation: m.obligation.label(),
                note: sanitize(&m.note),
            })
            .filter(|l| {
                keep(&format!(
                    "{} {} {} {}",
                    l.party, l.obligation, l.channel, l.note
                ))
            })
            .collect();
        let extensions = self
            .desk
            .extensions
            .iter()
            .filter(|e| e.review == id && e.agreed <= as_of)
            .map(|e| {
                format!(
                    "{}: due {} (agreed {}): {}",
                    e.obligation.label(),
                    e.due,
                    e.agreed,
                    sanitize(&e.reason)
                )
            })
            .filter(|s| keep(s))
            .collect();
        Some(TimelineModel {
            id,
            title,
            facts,
            start,
            end,
            as_of,
            lanes,
            obligations,
            reminders,
            extensions,
            documents: self
                .document_lines(id)
                .into_iter()
                .filter(|s| keep(s))
                .collect(),
            outlook: self.projection().outlooks.get(ri).copied().flatten(),
        })
    }

    /// The items of review `ri`, and the nominations of its parties, by
    /// obligation, due date and party.
    fn timeline_items(&self, ri: usize, parties: &[usize]) -> Vec<usize> {
        let d = &self.data;
        // Items of this review, and the nominations of its parties.
        let mut items: Vec<usize> = d
            .items_by_review
            .get(ri)
            .iter()
            .map(|&i| i as usize)
            .collect();
        for &p in parties {
            if p == NONE {
                continue;
            }
            items.extend(
                d.items_by_party()
                    .get(p)
                    .iter()
                    .map(|&i| i as usize)
                    .filter(|&i| d.entries[i].review().is_none()),
            );
        }
        items.sort_by_key(|&i| {
            let it = d.item(&self.desk, i);
            (it.obligation, it.due, it.party)
        });
        items.dedup();
        items
    }

    /// The Timeline's lanes: each obligation's marks, once each.
    fn timeline_lanes(&self, items: &[usize]) -> Vec<Lane> {
        let (d, as_of) = (&self.data, self.data.as_of);
        let lane_of = |o: Obligation| match o {
            Obligation::FocalPoint | Obligation::Experts => 0,
            Obligation::Saq => 1,
            Obligation::Feedback => 2,
            Obligation::Observations => 3,
            Obligation::Phase => 4,
        };
        let mut lanes = vec![
            Lane {
                label: "nominations",
                marks: vec![],
            },
            Lane {
                label: "SAQ",
                marks: vec![],
            },
            Lane {
                label: "feedback",
                marks: vec![],
            },
            Lane {
                label: "observations",
                marks: vec![],
            },
            Lane {
                label: "phase",
                marks: vec![],
            },
        ];
        for &i in items {
            let it = &d.item(&self.desk, i);
            let m = mark(it, as_of);
            let lane = &mut lanes[lane_of(it.obligation)];
            if !lane.marks.contains(&m) {
                lane.marks.push(m);
            }
        }
        lanes
    }

    /// The reminders about review `ri` as at the date (only those of
    /// `only`'s party and obligation, if given), oldest first, one
    /// paragraph each with its whole note, sanitised.
    pub(in crate::app) fn reminder_paragraphs(
        &self,
        ri: usize,
        only: Option<(&str, crate::domain::model::Obligation)>,
    ) -> Vec<String> {
        self.reminders_of_review(ri, Reads::Store)
            .iter()
            .filter(|m| only.is_none_or(|(p, o)| m.party.as_str() == p && m.obligation == o))
            .map(|m| {
                let note = sanitize(&m.note);
                let note = if note.trim().is_empty() {
                    "(no note)".to_string()
                } else {
                    note
                };
                format!(
                    "{} · {} · {} · {}: {note}",
                    m.date,
                    channel_label(m.channel),
                    self.data.code_of(&m.party),
                    m.obligation.label()
                )
            })
            .collect()
    }

    /// The reminders about review `ri` (and its parties' nominations) as
    /// at the date, oldest first: as read for the screen, else (`read`)
    /// from the store, or from the desk when the session has no store.
    fn reminders_of_review(&self, ri: usize, read: Reads) -> Vec<crate::domain::model::Reminder> {
        let as_of = self.data.as_of;
        let r = &self.desk.reviews[ri];
        let id = r.id;
        match &self.store {
            Some(store) => match (&self.timeline_reminders, read) {
                (Some((cid, cas, v)), _) if *cid == id && *cas == as_of => v.clone(),
                (_, Reads::Store) => store.reminders_of_review(id, as_of).unwrap_or_default(),
                (_, Reads::Cache) => Vec::new(),
            },
            None => {
                let mut reminders: Vec<usize> = self
                    .desk
                    .reminders
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| {
                        m.date <= as_of
                            && (m.review == Some(id)
                                || (m.review.is_none()
                                    && m.obligation.per_party()
                                    && r.parties().any(|p| p == m.party)))
                    })
                    .map(|(i, _)| i)
                    .collect();
                reminders.sort_by_key(|&i| (self.desk.reminders[i].date, i));
                reminders
                    .into_iter()
                    .map(|i| self.desk.reminders[i].clone())
                    .collect()
            }
        }
    }
}
