//! The secretariat's follow-up: agreed extensions and the reminders it sent,
//! before and after the paper. Reminders are taken from what the deadline
//! engine shows as overdue at regular check-points, so they chase what was
//! really late at the time.

use super::later::horizon;
use super::rng::{Rng, add_days};
use crate::domain::engine::{self, Settings};
use crate::domain::model::{Channel, Desk, Extension, Obligation, Reminder};
use crate::domain::periods::months_end;
use chrono::NaiveDate;
use std::collections::BTreeMap;

const SAQ_REASONS: [&str; 6] = [
    "Clearance of the responses by several ministries",
    "Change of focal point in the State party under review",
    "Translation of the responses into the second language of the review",
    "National elections and change of government",
    "Coordination among the national authorities concerned",
    "Restrictions on meetings during the COVID-19 pandemic",
];
const FEEDBACK_REASONS: [&str; 3] = [
    "The reviewing States asked for more time to coordinate their feedback",
    "Translation of the responses to the questionnaire",
    "Change of focal point in a reviewing State",
];
const OBSERVATION_REASONS: [&str; 2] = [
    "Additional information requested by the reviewing States",
    "Time needed to agree on the draft list of observations",
];
const PHASE_REASONS: [&str; 2] = [
    "Delays in the earlier stages of the review; new timeline agreed by the parties",
    "Agreed by the parties at a meeting facilitated by the secretariat",
];

/// (obligation, how many) extensions in the demo.
const EXTENSIONS: [(Obligation, usize); 4] = [
    (Obligation::Saq, 8),
    (Obligation::Feedback, 5),
    (Obligation::Observations, 3),
    (Obligation::Phase, 3),
];

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

/// Agreed extensions: asked around the original due date, after the
/// consultation, before the obligation was met.
pub fn extensions(desk: &Desk, seed: u64) -> Vec<Extension> {
    let mut rng = Rng::stream("extensions", seed);
    let mut out = Vec::new();
    let mut order: Vec<usize> = (0..desk.reviews.len()).collect();
    rng.shuffle(&mut order);
    for (obligation, count) in EXTENSIONS {
        let mut made = 0;
        for &i in &order {
            if made == count {
                break;
            }
            let r = &desk.reviews[i];
            let m = &r.milestones;
            let (Some(start), Some(consulted)) = (desk.review_start(r), m.consultation_held) else {
                continue;
            };
            let (due, met, reasons): (NaiveDate, Option<NaiveDate>, &[&str]) = match obligation {
                Obligation::Saq => (months_end(start, 6), m.saq_submitted, &SAQ_REASONS),
                Obligation::Feedback => match m.saq_submitted {
                    Some(s) => (months_end(s, 6), m.feedback_submitted, &FEEDBACK_REASONS),
                    None => continue,
                },
                Obligation::Observations => {
                    (months_end(start, 18), m.concluded(), &OBSERVATION_REASONS)
                }
                _ => (months_end(start, 24), m.concluded(), &PHASE_REASONS),
            };
            let from = add_days(due, -30).max(add_days(consulted, 14));
            let to = add_days(due, 45).min(met.map_or(horizon(), |m| add_days(m, -10)));
            if to < from || out.iter().any(|e: &Extension| e.review == r.id) {
                continue;
            }
            let agreed = rng.workday(from, to);
            let months = match obligation {
                Obligation::Saq => rng.range(3, 6),
                Obligation::Feedback => rng.range(2, 4),
                _ => rng.range(9, 15),
            } as u32;
            out.push(Extension {
                review: r.id,
                obligation,
                due: months_end(add_days(due, 1), months),
                reason: rng.pick(reasons).to_string(),
                agreed,
            });
            made += 1;
        }
    }
    out
}

fn label(o: Obligation) -> &'static str {
    match o {
        Obligation::FocalPoint => "nomination of a focal point",
        Obligation::Experts => "nomination of governmental experts",
        Obligation::Saq => "responses to the self-assessment questionnaire",
        Obligation::Feedback => "written feedback",
        Obligation::Observations => "list of observations and its summary",
        Obligation::Phase => "conclusion of the review",
    }
}

fn note(channel: Channel, o: Obligation, due: NaiveDate, late: i64) -> String {
    let due = due.format("%-d %B %Y");
    let what = label(o);
    match channel {
        Channel::Email => {
            format!("E-mail reminder of the {what}, due {due} ({late} days overdue).")
        }
        Channel::NoteVerbale => {
            format!("Note verbale to the permanent mission recalling the {what}, due {due}.")
        }
        Channel::PermanentMission => {
            format!("Met the permanent mission in Vienna about the {what}, due {due}.")
        }
        Channel::FieldOffice => {
            format!("UNODC field office followed up with the national authorities on the {what}.")
        }
        Channel::Meeting => {
            format!("Raised at a briefing for permanent missions: {what} still pending.")
        }
        Channel::Phone if o == Obligation::FocalPoint => {
            format!("Called the permanent mission about the {what}, due {due}.")
        }
        Channel::Phone => format!("Called the focal point about the {what}, due {due}."),
    }
}

/// How the secretariat chases: e-mail first, then notes verbales and the
/// permanent missions, field offices for the longest overdue.
fn channel(rng: &mut Rng, late: i64) -> Channel {
    use Channel::*;
    // Each channel's weight when under 60, under 240, and 240 or more days
    // late; one row per channel, so a new channel needs its weights here.
    let table: [(Channel, [f64; 3]); Channel::COUNT] = [
        (Email, [0.8, 0.4, 0.15]),
        (Phone, [0.2, 0.1, 0.05]),
        (NoteVerbale, [0.0, 0.3, 0.3]),
        (PermanentMission, [0.0, 0.15, 0.25]),
        (FieldOffice, [0.0, 0.0, 0.15]),
        (Meeting, [0.0, 0.05, 0.1]),
    ];
    let band = if late < 60 {
        0
    } else if late < 240 {
        1
    } else {
        2
    };
    let weights = table.map(|(_, w)| w[band]);
    table[rng.weighted(&weights)].0
}

/// Reminders at check-points every four weeks from the first due date to
/// the horizon: an overdue obligation is chased now and then, never twice
/// within three months, on a working day when it was already overdue.
pub fn reminders(desk: &Desk, seed: u64) -> Vec<Reminder> {
    let mut rng = Rng::stream("reminders", seed);
    let mut last: BTreeMap<(String, Option<i64>, Obligation), NaiveDate> = BTreeMap::new();
    let mut out = Vec::new();
    let mut cp = d("2020-12-21");
    while cp <= horizon() {
        for item in engine::overdue(desk, cp, Settings::default()) {
            let key = (item.party.clone(), item.review, item.obligation);
            let late = item.status.days_overdue().unwrap_or(0);
            if last.get(&key).is_some_and(|l| (cp - *l).num_days() < 90) || !rng.chance(0.12) {
                continue;
            }
            let date = rng.workday(add_days(cp, -4).max(add_days(item.due, 1)), cp);
            let ch = channel(&mut rng, late);
            out.push(Reminder {
                date,
                party: item.party.as_str().into(),
                review: item.review,
                obligation: item.obligation,
                channel: ch,
                note: note(ch, item.obligation, item.due, late),
            });
            last.insert(key, date);
        }
        cp = add_days(cp, 28);
    }
    out
}
