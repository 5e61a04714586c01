//! Period arithmetic of docs/deadlines.md#periods. The start day counts as day one.
//!
//! Deadlines are never computed in SQL: SQLite's `date(..., '+6 months')`
//! rolls a missing month end over into the next month.

use chrono::{Datelike, Days, NaiveDate};

/// Last day of a period of `n` weeks starting on `start`: start + 7n − 1 days.
pub fn weeks_end(start: NaiveDate, n: u32) -> NaiveDate {
    let days = 7 * u64::from(n);
    if days == 0 {
        return start;
    }
    start
        .checked_add_days(Days::new(days - 1))
        .unwrap_or(NaiveDate::MAX)
}

/// Last day of a period of `n` months starting on `start`: the day before the
/// same date `n` months later, or the last day of that month where the same
/// date does not exist (2021-08-31 + 6 months ends 2022-02-28).
pub fn months_end(start: NaiveDate, n: u32) -> NaiveDate {
    let total = start.year() as i64 * 12 + i64::from(start.month0()) + i64::from(n);
    let (year, month0) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32);
    match NaiveDate::from_ymd_opt(year, month0 + 1, start.day()) {
        Some(same) => same.pred_opt().unwrap_or(same),
        None => last_day_of_month(year, month0 + 1).unwrap_or(NaiveDate::MAX),
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// Signed number of days from `a` to `b`.
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn group_one_deadlines() {
        let s = d("2020-12-01");
        assert_eq!(weeks_end(s, 2), d("2020-12-14"));
        assert_eq!(weeks_end(s, 4), d("2020-12-28"));
        assert_eq!(months_end(s, 6), d("2021-05-31"));
        assert_eq!(months_end(s, 18), d("2022-05-31"));
    }

    #[test]
    fn group_two_observations() {
        assert_eq!(months_end(d("2021-11-01"), 18), d("2023-04-30"));
    }

    #[test]
    fn month_end_rule() {
        assert_eq!(months_end(d("2021-08-31"), 6), d("2022-02-28"));
        assert_eq!(months_end(d("2023-08-31"), 6), d("2024-02-29"));
        assert_eq!(months_end(d("2021-01-29"), 1), d("2021-02-28"));
        assert_eq!(months_end(d("2021-01-28"), 1), d("2021-02-27"));
    }

    #[test]
    fn year_boundaries_and_long_periods() {
        assert_eq!(months_end(d("2022-11-01"), 24), d("2024-10-31"));
        assert_eq!(months_end(d("2023-12-15"), 1), d("2024-01-14"));
        assert_eq!(months_end(d("2024-01-01"), 1), d("2024-01-31"));
        assert_eq!(months_end(d("2023-03-31"), 11), d("2024-02-29"));
        assert_eq!(months_end(d("2024-02-29"), 12), d("2025-02-28"));
    }

    #[test]
    fn start_day_is_day_one() {
        assert_eq!(weeks_end(d("2024-02-26"), 1), d("2024-03-03"));
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
    }
}
