//! What the screen needs from the store, read before a frame is drawn:
//! reminder tallies, e-mails and phones, a review's reminders. Drawing
//! then reads these caches only; a read that fails is said in the status
//! line (and its rows show "?"), not drawn as "no reminders".

use super::App;
use super::cursor::ListCursor;
use crate::store::StoreError;
use std::ops::Range;

/// Below this size the screen shows a notice instead of the panes, and no
/// key acts but quit: nothing may change that is not on screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Whether a terminal of `width` x `height` shows the panes.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// Whether a row's text may read the store for what the screen caches
/// lack: drawing never does (its reads happened before the frame); other
/// callers (tests, tools) may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// Only what was read for the screen.
    Cache,
    /// The store when the caches lack it.
    Store,
}

/// The rows a list may show in `rows` lines of screen: wherever the
/// cursor settles, the rows drawn are among these.
pub fn window(cursor: ListCursor, len: usize, rows: usize) -> Range<usize> {
    let lo = cursor
        .offset
        .min((cursor.selected + 1).saturating_sub(rows));
    let hi = (cursor.offset + rows).max(cursor.selected + 1).min(len);
    lo.min(hi)..hi
}

impl App {
    /// Tells the app the terminal's size (the loop does on start and on
    /// every resize; drawing does too): while it is too small, keys other
    /// than quit do nothing, and a form open keeps what it holds.
    pub fn set_screen_size(&mut self, width: u16, height: u16) {
        self.too_small = !fits(width, height);
    }

    /// Whether the terminal is too small to show the panes.
    pub fn too_small(&self) -> bool {
        self.too_small
    }

    /// Reads from the store what the pane shown needs to draw `rows`
    /// lines; called before each frame. A failure goes to the status line.
    pub fn read_for_screen(&mut self, rows: usize) {
        if self.store.is_none() {
            return;
        }
        if let Err(e) = self.pane().unit().read_for_screen(self, rows) {
            self.say(format!("cannot read the store: {e}"));
        }
    }

    /// Reads the reminder tallies of Overdue's rows `range` (by position).
    pub(in crate::app) fn read_tallies(&mut self, range: Range<usize>) -> Result<(), StoreError> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        let d = &self.data;
        for pos in range {
            let Some(&r) = self.overdue.rows.get(pos) else {
                break;
            };
            let Some(row) = d.overdue_row(&self.desk, r as usize) else {
                continue;
            };
            let it = d.item(&self.desk, row.item);
            let key = (row.party, row.review, it.obligation);
            if self.tallies.contains_key(&key) {
                continue;
            }
            if self.tallies.len() >= super::CACHE_ROWS {
                // Rows seen long ago: read again if they come back.
                self.tallies.clear();
            }
            match store.reminder_tally(&it.party, it.review, it.obligation, d.as_of) {
                Ok(t) => self.tallies.insert(key, Some(t)),
                Err(e) => {
                    self.tallies.insert(key, None);
                    return Err(e);
                }
            };
        }
        Ok(())
    }

    /// Reads the e-mail and phone of people (by roster index) the desk in
    /// memory does not hold.
    pub(in crate::app) fn read_details(
        &mut self,
        people: impl IntoIterator<Item = usize>,
    ) -> Result<(), StoreError> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        for i in people {
            if self.desk.people.reach(i).is_some() {
                continue;
            }
            let id = self.desk.people.id(i);
            if self.details.contains_key(&id) {
                continue;
            }
            if self.details.len() >= super::CACHE_ROWS {
                self.details.clear();
            }
            let found = store.contact_details(id)?;
            self.details.insert(id, found);
        }
        Ok(())
    }

    /// Reads the reminders of the review on Timeline as at the date.
    pub(in crate::app) fn read_timeline_reminders(&mut self) -> Result<(), StoreError> {
        let (Some(store), Some(id)) = (&self.store, self.timeline.review) else {
            return Ok(());
        };
        let as_of = self.as_of();
        if matches!(&self.timeline_reminders, Some((i, a, _)) if *i == id && *a == as_of) {
            return Ok(());
        }
        let read = store.reminders_of_review(id, as_of);
        // Read once a frame at most, even when it fails.
        let (v, result) = match read {
            Ok(v) => (v, Ok(())),
            Err(e) => (Vec::new(), Err(e)),
        };
        self.timeline_reminders = Some((id, as_of, v));
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(selected: usize, offset: usize) -> ListCursor {
        ListCursor {
            selected,
            offset,
            height: 0,
        }
    }

    /// A session on the demo desk through a real store.
    fn demo_app() -> (tempfile::TempDir, App) {
        use crate::store::{Mode, Store};
        let today: chrono::NaiveDate = "2026-11-29".parse().unwrap();
        let desk = crate::demo::build(today).desk;
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Mode::ReadWrite).unwrap();
        store.write(|w| w.import(&desk, false)).unwrap();
        let loaded = store.load_for_screens().unwrap();
        let session = crate::app::Session {
            db_path: "t.db".into(),
            user: "tester".into(),
            read_only: false,
        };
        let mut app = App::new(loaded, today, None, crate::app::Keymap::defaults(), session);
        app.attach_store(store, None);
        (dir, app)
    }

    #[test]
    fn rows_drawn_read_what_was_read_before_and_a_failed_read_is_said() {
        let (_dir, mut app) = demo_app();
        assert!(!app.overdue.rows.is_empty());
        // Nothing read yet: the row as drawn does not know its reminders.
        assert!(!app.overdue_line_shown(0).unwrap().reminders_read);
        app.read_for_screen(40);
        let shown = app.overdue_line_shown(0).unwrap();
        assert!(shown.reminders_read);
        assert_eq!(shown, app.overdue_line(0).unwrap());
        assert!(app.message.is_none());
        // The log cannot be read: said in the status line, and the rows
        // not yet read show that they are unknown (not "no reminders").
        app.forget_reminders_read();
        let store = app.store_mut().unwrap();
        store
            .conn()
            .execute_batch("ALTER TABLE reminders RENAME TO gone")
            .unwrap();
        app.read_for_screen(40);
        let msg = app.message.clone().unwrap_or_default();
        assert!(msg.starts_with("cannot read the store"), "{msg}");
        assert!(!app.overdue_line_shown(0).unwrap().reminders_read);
    }

    #[test]
    fn the_window_holds_every_place_the_cursor_may_settle() {
        // Selection on screen: the screenful from the offset.
        assert_eq!(window(c(12, 10), 100, 5), 8..15);
        // Selection below the screen: up to it.
        assert_eq!(window(c(30, 10), 100, 5), 10..31);
        // Near the end of a short list.
        assert_eq!(window(c(2, 0), 3, 40), 0..3);
        assert_eq!(window(c(0, 0), 0, 40), 0..0);
        for sel in 0..50 {
            for off in 0..50 {
                for h in 1..12 {
                    let mut cur = c(sel, off);
                    let shown = cur.visible(50, h);
                    let w = window(c(sel, off), 50, h);
                    assert!(
                        w.start <= shown.start && shown.end <= w.end,
                        "{sel} {off} {h}: {shown:?} not in {w:?}"
                    );
                }
            }
        }
    }
}
