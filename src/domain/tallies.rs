//! What the reminder log says of each obligation, without the log: how
//! many reminders were sent about it and the latest. Files that list
//! obligations (the calendar, the report's `overdue.csv`) need only this,
//! and a command can fold the log into it row by row as the store reads it.

use super::hash::FxMap;
use super::model::{Channel, Obligation, Reminder, Text};
use chrono::NaiveDate;

/// The reminders about one obligation: how many, and the latest (by date,
/// then by the order logged) with its channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub count: u32,
    pub last: Option<(NaiveDate, Channel)>,
}

impl Tally {
    fn add(&mut self, date: NaiveDate, channel: Channel) {
        self.count += 1;
        if self.last.is_none_or(|(d, _)| date >= d) {
            self.last = Some((date, channel));
        }
    }
}

/// Tallies of a reminder log, by party, obligation and review; and by
/// party and obligation over every review, for nominations (owed once for
/// all of a party's reviews, so every reminder about them counts).
#[derive(Debug, Clone, Default)]
pub struct Tallies {
    exact: FxMap<(Text, Obligation, Option<i64>), Tally>,
    any_review: FxMap<(Text, Obligation), Tally>,
}

impl Tallies {
    pub fn new() -> Tallies {
        Tallies::default()
    }

    /// The tallies of the reminders dated on or before `as_of`, in the
    /// order logged.
    pub fn of_log(reminders: &[Reminder], as_of: NaiveDate) -> Tallies {
        let mut t = Tallies::new();
        for r in reminders.iter().filter(|r| r.date <= as_of) {
            t.add(&r.party, r.review, r.obligation, r.date, r.channel);
        }
        t
    }

    /// One more reminder; reminders must come in the order logged. Only
    /// what can be asked is kept: a reminder in a review is tallied for
    /// that review, and one about a nomination (the one obligation owed
    /// without a review) for the nomination.
    pub fn add(
        &mut self,
        party: &str,
        review: Option<i64>,
        obligation: Obligation,
        date: NaiveDate,
        channel: Channel,
    ) {
        if review.is_some() {
            self.exact
                .entry((Text::from(party), obligation, review))
                .or_default()
                .add(date, channel);
        }
        self.add_nomination(party, obligation, date, channel);
    }

    /// One more reminder, tallied for a nomination only (when it is about
    /// one): for a reminder in a review nobody will ask about.
    pub fn add_nomination(
        &mut self,
        party: &str,
        obligation: Obligation,
        date: NaiveDate,
        channel: Channel,
    ) {
        if matches!(obligation, Obligation::FocalPoint | Obligation::Experts) {
            self.any_review
                .entry((Text::from(party), obligation))
                .or_default()
                .add(date, channel);
        }
    }

    /// How many reminders about `obligation` were tallied, over every
    /// party and review.
    pub fn sent_about(&self, obligation: Obligation) -> u64 {
        self.any_review
            .iter()
            .filter(|((_, o), _)| *o == obligation)
            .map(|(_, t)| u64::from(t.count))
            .sum()
    }

    /// The reminders about an obligation of `party`: in `review`, or in
    /// any review when `review` is `None` (a nomination, focal point or
    /// experts; nothing else is owed without a review).
    pub fn about(&self, party: &str, review: Option<i64>, obligation: Obligation) -> Tally {
        let key = Text::from(party);
        match review {
            Some(_) => self.exact.get(&(key, obligation, review)),
            None => self.any_review.get(&(key, obligation)),
        }
        .copied()
        .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_latest_is_by_date_then_the_order_logged() {
        let mut t = Tallies::new();
        t.add(
            "AUT",
            Some(1),
            Obligation::Saq,
            d("2024-03-01"),
            Channel::Email,
        );
        t.add(
            "AUT",
            Some(1),
            Obligation::Saq,
            d("2024-02-01"),
            Channel::Phone,
        );
        t.add(
            "AUT",
            Some(1),
            Obligation::Saq,
            d("2024-03-01"),
            Channel::NoteVerbale,
        );
        t.add(
            "AUT",
            Some(2),
            Obligation::Saq,
            d("2024-04-01"),
            Channel::Email,
        );
        let one = t.about("AUT", Some(1), Obligation::Saq);
        assert_eq!(one.count, 3);
        assert_eq!(one.last, Some((d("2024-03-01"), Channel::NoteVerbale)));
        assert_eq!(t.about("AUT", Some(3), Obligation::Saq), Tally::default());
        // A nomination counts the reminders of every review.
        t.add(
            "AUT",
            None,
            Obligation::FocalPoint,
            d("2024-01-01"),
            Channel::Email,
        );
        t.add(
            "AUT",
            Some(2),
            Obligation::FocalPoint,
            d("2024-01-05"),
            Channel::Phone,
        );
        let fp = t.about("AUT", None, Obligation::FocalPoint);
        assert_eq!(fp.count, 2);
        assert_eq!(fp.last, Some((d("2024-01-05"), Channel::Phone)));
    }
}
