//! `revdesk digest`: one RFC 5322 message per current focal point, saying
//! what its party owes (overdue, and due within 60 days of the month's
//! end), what happened in its reviews that month, and who its
//! counterparts' focal points are. revdesk writes the `.eml` files; it
//! never sends mail.
//!
//! Header safety: nothing from the store reaches a header verbatim. An
//! address must be a plain `local@domain` (else the message is refused);
//! names and subjects lose their control characters and are quoted or
//! RFC 2047-encoded; a last check refuses any header that would still carry
//! a line break of its own. Secretariat notes on reminders are never put
//! in a message.

use super::calendar::{obligation_title, one_line};
use super::lookup::Lookup;
use super::{capital, long_date};
use crate::domain::clusters::Scope;
use crate::domain::engine::{self, Item, Settings, Status};
use crate::domain::model::{Desk, Milestone, Person, Reminder, Review, Role};
use crate::domain::periods::months_end;
use crate::domain::stats::thousands;
use anyhow::{Result, bail};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Days after the month's end within which an obligation counts as coming.
pub const HORIZON_DAYS: u64 = 60;

/// One message, ready to write.
#[derive(Debug, Clone)]
pub struct Message {
    pub file: String,
    pub to: String,
    pub party: String,
    /// The subject as text (the header carries it encoded).
    pub subject: String,
    /// Overdue and coming obligations plus the month's events.
    pub items: usize,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub as_at: NaiveDate,
    pub messages: Vec<Message>,
    /// Focal points with no message, and why.
    pub skipped: Vec<String>,
}

// ---- Headers.

/// A plain address `local@domain`: printable ASCII, no spaces, quotes,
/// brackets or control characters, one `@`, a dotted domain.
pub fn valid_address(s: &str) -> bool {
    if s.len() > 254 {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

pub use crate::domain::text::base64;

/// Encoded-words (RFC 2047, UTF-8, B) of at most 60 characters each,
/// separated by folding white space.
pub fn encoded_words(s: &str) -> String {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in s.chars() {
        if chunk.len() + c.len_utf8() > 36 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

fn plain_ascii(s: &str) -> bool {
    s.chars().all(|c| (' '..='~').contains(&c)) && !s.contains("=?")
}

/// An unstructured header value (Subject): one line of text, encoded if
/// not plain ASCII, folded at spaces near 78 columns.
pub fn unstructured(name: &str, s: &str) -> String {
    let s = one_line(s);
    if !plain_ascii(&s) {
        return encoded_words(&s);
    }
    let mut out = String::new();
    let mut col = name.len() + 2;
    for (i, w) in s.split(' ').enumerate() {
        if i > 0 {
            if col + 1 + w.len() > 78 {
                out.push_str("\r\n ");
                col = 1;
            } else {
                out.push(' ');
                col += 1;
            }
        }
        out.push_str(w);
        col += w.len();
    }
    out
}

/// A mailbox `"Name" <addr>`: the address must be plain (else refused),
/// the name loses control characters and is quoted or encoded.
pub fn mailbox(display: &str, addr: &str) -> Result<String> {
    if !valid_address(addr) {
        bail!("{:?} is not a plain e-mail address", one_line(addr));
    }
    let display = one_line(display);
    if display.is_empty() {
        return Ok(addr.to_string());
    }
    let phrase = if plain_ascii(&display) {
        format!("\"{}\"", display.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        encoded_words(&display)
    };
    Ok(format!("{phrase} <{addr}>"))
}

/// Joins headers, refusing any whose unfolded value still holds a control
/// character: the last guard against header injection.
pub fn header_block(headers: &[(&str, String)]) -> Result<String> {
    let mut out = String::new();
    for (name, value) in headers {
        let unfolded = value.replace("\r\n ", " ");
        if unfolded.chars().any(|c| c.is_control())
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            bail!("refused to write a {name} header with a line break or control character");
        }
        let _ = write!(out, "{name}: {value}\r\n");
    }
    Ok(out)
}

// ---- Body.

/// Wraps text at `width` columns, keeping `indent` on continuation lines.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    for w in text.split(' ').filter(|w| !w.is_empty()) {
        let len = w.chars().count();
        if col > 0 && col + 1 + len > width {
            out.push('\n');
            out.push_str(indent);
            col = indent.chars().count();
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += len;
    }
    out
}

fn days(n: i64) -> String {
    format!(
        "{} day{}",
        thousands(n.unsigned_abs()),
        if n == 1 { "" } else { "s" }
    )
}

fn item_line(l: &Lookup, i: &Item) -> String {
    let what = match i.review.and_then(|id| l.review(id)) {
        Some(r) => format!(
            "{}, review {} ({})",
            capital(obligation_title(i.obligation)),
            r.id,
            l.review_line(r)
        ),
        None => capital(obligation_title(i.obligation)),
    };
    let status = match i.status {
        Status::Overdue { days: n } => format!("{} overdue", days(n)),
        Status::DueToday => "due today".into(),
        Status::DueSoon { days: n } | Status::Upcoming { days: n } => format!("in {}", days(n)),
        Status::MetOnTime | Status::MetLate { .. } => "met".into(),
    };
    let mut s = format!("{what}: due {}, {status}", long_date(i.due));
    if let Some(o) = i.original_due {
        let _ = write!(s, " (extended from {})", long_date(o));
    }
    s.push('.');
    s
}

fn role_plural(r: Role, n: usize) -> &'static str {
    match (r, n) {
        (Role::FocalPoint, 1) => "focal point",
        (Role::FocalPoint, _) => "focal points",
        (Role::Expert, 1) => "governmental expert",
        (Role::Expert, _) => "governmental experts",
        (Role::Observer, 1) => "observer",
        (Role::Observer, _) => "observers",
    }
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

/// Everything a party's message says, as at `as_at`, for `month`.
struct Context<'a> {
    l: Lookup<'a>,
    /// Unmet obligations, by the party that owes them.
    owed: HashMap<&'a str, Vec<&'a Item>>,
    /// Reminders and nominations dated in the month.
    reminders: Vec<&'a Reminder>,
    people: Vec<&'a Person>,
    month: NaiveDate,
    as_at: NaiveDate,
    horizon: NaiveDate,
    /// The time of writing, for the Date header of this month's messages.
    now: DateTime<Utc>,
}

impl Context<'_> {
    fn in_month(&self, d: NaiveDate) -> bool {
        d >= self.month && d <= self.as_at
    }

    /// (date, sentence) of what happened in the party's reviews.
    fn events(&self, party: &str, reviews: &[&Review]) -> Vec<(NaiveDate, String)> {
        let l = &self.l;
        let mut ev = Vec::new();
        for r in reviews {
            let m = r.milestones.as_at(self.as_at);
            for ms in Milestone::ALL {
                if let Some(d) = m.get(*ms).filter(|d| self.in_month(*d)) {
                    ev.push((
                        d,
                        format!("Review {} ({}): {}.", r.id, l.review_line(r), ms.label()),
                    ));
                }
            }
        }
        let ids: Vec<i64> = reviews.iter().map(|r| r.id).collect();
        for rem in &self.reminders {
            let about_review = rem.review.is_some_and(|id| ids.contains(&id));
            if rem.party != party && !about_review {
                continue;
            }
            let to = if rem.party == party {
                "you".to_string()
            } else {
                l.name(&rem.party)
            };
            let review = rem
                .review
                .map(|id| format!(" (review {id})"))
                .unwrap_or_default();
            ev.push((
                rem.date,
                format!(
                    "The secretariat sent a reminder to {to} about the {}{review}, by {}.",
                    obligation_title(rem.obligation),
                    rem.channel.as_str().replace('_', " ")
                ),
            ));
        }
        // Nominations by the party and its counterparts.
        let mut parties: Vec<&str> = vec![party];
        for r in reviews {
            parties.extend(r.parties());
        }
        parties.sort_unstable();
        parties.dedup();
        let mut counted: BTreeMap<(NaiveDate, &str, Role), usize> = BTreeMap::new();
        for p in &self.people {
            if !parties.contains(&p.party.as_str()) {
                continue;
            }
            if self.in_month(p.nominated) {
                if p.role == Role::FocalPoint {
                    ev.push((
                        p.nominated,
                        format!(
                            "{} nominated a focal point, {}.",
                            l.name(&p.party),
                            one_line(&p.name)
                        ),
                    ));
                } else {
                    *counted
                        .entry((p.nominated, p.party.as_str(), p.role))
                        .or_default() += 1;
                }
            }
            if let Some(e) = p.ended.filter(|e| self.in_month(*e))
                && p.role == Role::FocalPoint
            {
                ev.push((
                    e,
                    format!(
                        "{} of {} ceased to be a focal point.",
                        one_line(&p.name),
                        l.name(&p.party)
                    ),
                ));
            }
        }
        for ((d, p, role), n) in counted {
            ev.push((
                d,
                format!(
                    "{} nominated {} {}.",
                    l.name(p),
                    thousands(n as u64),
                    role_plural(role, n)
                ),
            ));
        }
        ev.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        ev
    }

    fn message(&self, fp: &Person, sender: &str) -> Result<Message> {
        let l = &self.l;
        let party = fp.party.as_str();
        let name = l.name(party);
        let Some(addr) = fp.email.as_deref() else {
            bail!("no e-mail address");
        };
        let to = mailbox(&fp.name, addr)?;
        let owed: &[&Item] = self.owed.get(party).map_or(&[], |v| v.as_slice());
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
        let events = self.events(party, reviews);
        let month_name = self.month.format("%B %Y").to_string();

        let subject = format!(
            "Review Mechanism, {month_name}: {name}: {} overdue, {} due by {}",
            overdue.len(),
            coming.len(),
            long_date(self.horizon)
        );

        let mut b = String::new();
        let _ = writeln!(b, "Dear {},\n", one_line(&fp.name));
        let _ = writeln!(
            b,
            "{}\n",
            wrap(
                &format!(
                    "This is the secretariat's summary for {month_name} of the country reviews in which {name} takes part under the Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto, as at {}.",
                    long_date(self.as_at)
                ),
                76,
                ""
            )
        );
        let _ = writeln!(b, "WHAT {} OWES\n", name.to_uppercase());
        if overdue.is_empty() && coming.is_empty() {
            let _ = writeln!(
                b,
                "{}\n",
                wrap(
                    &format!(
                        "Nothing is overdue, and nothing falls due by {}.",
                        long_date(self.horizon)
                    ),
                    76,
                    ""
                )
            );
        }
        if !overdue.is_empty() {
            let _ = writeln!(b, "Overdue:");
            for i in &overdue {
                let _ = writeln!(b, "  - {}", wrap(&item_line(l, i), 72, "    "));
            }
            b.push('\n');
        }
        if !coming.is_empty() {
            let _ = writeln!(b, "Due by {}:", long_date(self.horizon));
            for i in &coming {
                let _ = writeln!(b, "  - {}", wrap(&item_line(l, i), 72, "    "));
            }
            b.push('\n');
        }
        let _ = writeln!(b, "WHAT HAPPENED IN {}\n", month_name.to_uppercase());
        if events.is_empty() {
            let _ = writeln!(b, "Nothing was recorded in your reviews this month.\n");
        } else {
            for (d, e) in &events {
                let _ = writeln!(
                    b,
                    "  - {}",
                    wrap(&format!("{}: {e}", long_date(*d)), 72, "    ")
                );
            }
            b.push('\n');
        }
        let _ = writeln!(b, "YOUR COUNTERPARTS' FOCAL POINTS\n");
        if reviews.is_empty() {
            let _ = writeln!(
                b,
                "{name} takes part in no country review as at {}.\n",
                long_date(self.as_at)
            );
        }
        for r in reviews {
            let _ = writeln!(
                b,
                "{}",
                wrap(
                    &format!(
                        "Review {}: {} (stage: {})",
                        r.id,
                        l.review_line(r),
                        l.stage(r).label()
                    ),
                    76,
                    "  "
                )
            );
            for other in r.parties().filter(|p| *p != party) {
                let fps = l.focal_points(other);
                if fps.is_empty() {
                    let _ = writeln!(b, "  - {}: no focal point nominated yet", l.name(other));
                }
                for p in fps {
                    let _ = writeln!(b, "  - {}: {}", l.name(other), one_line(&p.name));
                    let details = contact_details(p);
                    if !details.is_empty() {
                        let _ = writeln!(b, "    {details}");
                    }
                }
            }
            b.push('\n');
        }
        let _ = writeln!(
            b,
            "{}",
            wrap(
                &format!(
                    "Please write to {sender} with any correction. This message was prepared with revdesk from the secretariat's records."
                ),
                76,
                ""
            )
        );
        // RFC 5322: CRLF line endings, no bare CR from anywhere.
        let body = b.replace('\r', "").replace('\n', "\r\n");

        let domain = sender.split_once('@').map_or("revdesk", |(_, d)| d);
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
        let headers = header_block(&[
            ("From", mailbox("Review Mechanism secretariat", sender)?),
            ("To", to),
            ("Subject", unstructured("Subject", &subject)),
            ("Date", date.to_rfc2822()),
            (
                "Message-ID",
                format!(
                    "<digest-{}-{}-{}@{domain}>",
                    self.month.format("%Y-%m"),
                    file.trim_end_matches(".eml"),
                    self.as_at.format("%Y%m%d")
                ),
            ),
            ("MIME-Version", "1.0".into()),
            ("Content-Type", "text/plain; charset=utf-8".into()),
            ("Content-Transfer-Encoding", "8bit".into()),
        ])?;
        Ok(Message {
            file,
            to: addr.to_string(),
            party: party.to_string(),
            subject,
            items: overdue.len() + coming.len() + events.len(),
            text: format!("{headers}\r\n{body}"),
        })
    }
}

/// Every message for `month` (its first day), as at the month's last day
/// or `as_of` if earlier. `now` dates the messages of the current month.
pub fn plan(
    desk: &Desk,
    month: NaiveDate,
    as_of: NaiveDate,
    sender: &str,
    now: DateTime<Utc>,
) -> Result<Plan> {
    plan_in(desk, None, month, as_of, sender, now)
}

/// [`plan`] with the obligations of one cluster only, when a scope is given.
pub fn plan_in(
    desk: &Desk,
    scope: Option<&Scope>,
    month: NaiveDate,
    as_of: NaiveDate,
    sender: &str,
    now: DateTime<Utc>,
) -> Result<Plan> {
    if !valid_address(sender) {
        bail!(
            "--sender: {:?} is not a plain e-mail address",
            one_line(sender)
        );
    }
    if month > as_of {
        bail!("{} has not begun as at {as_of}", month.format("%B %Y"));
    }
    let month_end = months_end(month, 1);
    let as_at = month_end.min(as_of);
    let horizon = month_end
        .checked_add_days(Days::new(HORIZON_DAYS))
        .unwrap_or(month_end);
    let mut items = engine::obligations(desk, as_at, Settings::default());
    items.retain(|i| scope.is_none_or(|s| s.keeps(i)));
    let mut owed: HashMap<&str, Vec<&Item>> = HashMap::new();
    for i in items.iter().filter(|i| !i.status.is_met()) {
        owed.entry(i.party.as_str()).or_default().push(i);
    }
    let in_month = |d: NaiveDate| d >= month && d <= as_at;
    let cx = Context {
        l: Lookup::new(desk, as_at),
        owed,
        reminders: desk.reminders.iter().filter(|r| in_month(r.date)).collect(),
        people: desk
            .people
            .iter()
            .filter(|p| in_month(p.nominated) || p.ended.is_some_and(in_month))
            .collect(),
        month,
        as_at,
        horizon,
        now,
    };
    let mut fps: Vec<&Person> = desk
        .people
        .iter()
        .filter(|p| p.role == Role::FocalPoint && p.current(as_at))
        .collect();
    fps.sort_by(|a, b| a.party.cmp(&b.party).then(a.id.cmp(&b.id)));
    let mut plan = Plan {
        as_at,
        messages: Vec::new(),
        skipped: Vec::new(),
    };
    for fp in fps {
        match cx.message(fp, sender) {
            Ok(m) => plan.messages.push(m),
            Err(e) => plan.skipped.push(format!(
                "{} focal point {} ({}): {e}",
                one_line(&fp.party),
                fp.id,
                one_line(&fp.name)
            )),
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn non_ascii_is_encoded_in_short_words() {
        let s = "Côte d'Ivoire: Nguyễn Thị Minh, 中国 and الجزائر, a long subject line";
        let e = encoded_words(s);
        assert!(e.is_ascii());
        for w in e.split("\r\n ") {
            assert!(w.starts_with("=?UTF-8?B?") && w.ends_with("?="));
            assert!(w.len() <= 75);
        }
        assert_eq!(unstructured("Subject", "Plain subject"), "Plain subject");
    }

    #[test]
    fn addresses_are_plain_or_refused() {
        assert!(valid_address("fp.aut@bmeia.gv.at"));
        for bad in [
            "a@b.c\r\nBcc: x@evil.example",
            "a@b",
            "a b@c.d",
            "<a@b.c>",
            "a@@b.c",
            "\"a\"@b.c",
            "a@b.c\n",
            "",
        ] {
            assert!(!valid_address(bad), "{bad:?}");
            assert!(mailbox("X", bad).is_err());
        }
    }

    #[test]
    fn names_cannot_break_headers() {
        let m = mailbox("Eve\r\nBcc: attacker@evil.example", "eve@aut.example").unwrap();
        assert!(!m.contains('\r') && !m.contains('\n'));
        assert_eq!(m, "\"Eve Bcc: attacker@evil.example\" <eve@aut.example>");
        let q = mailbox("O\"Brien \\ Co", "o@b.example").unwrap();
        assert_eq!(q, "\"O\\\"Brien \\\\ Co\" <o@b.example>");
        let s = unstructured("Subject", "x\r\nBcc: y@evil.example");
        assert!(!s.contains('\n'));
        assert!(header_block(&[("Subject", "a\r\nBcc: b".into())]).is_err());
        assert!(header_block(&[("Subject", "a\r\n b".into())]).is_ok());
        assert!(header_block(&[("X\r\nBcc", "b".into())]).is_err());
    }

    #[test]
    fn ascii_subjects_fold_at_spaces() {
        let long = "word ".repeat(40);
        let s = unstructured("Subject", long.trim());
        for (i, line) in s.split("\r\n").enumerate() {
            let room = if i == 0 { 78 - 9 } else { 78 };
            assert!(line.len() <= room, "{line:?}");
        }
        assert_eq!(s.replace("\r\n ", " "), long.trim());
    }
}
