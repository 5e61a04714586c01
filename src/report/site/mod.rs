//! The public side of the desk (DESIGN.md section 7): a static site of
//! country profiles, valid HTML5 that reads without script and on a phone.
//! `index.html` has the status counters (the figures of `revdesk stats`)
//! and every party, filterable by group; `parties/CODE.html` has one
//! party's group, reviews with stage and reviewers, its focal points'
//! ministry and the documents it agreed to publish. Nobody's name, e-mail
//! or phone is on any page.

mod pages;
pub mod view;

use super::lookup::Lookup;
use super::{ensure_dir, sync_folder, write_private_unsynced};
use crate::domain::clusters;
use crate::domain::gate::Threshold;
use crate::domain::model::Desk;
use crate::domain::registers::Registers;
use crate::domain::roster::{Roster, ScreenDesk};
use crate::domain::stats;
use crate::domain::tallies::Tallies;
use crate::domain::text::sanitize;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The stylesheet every page links to.
pub const STYLESHEET: &str = include_str!("style.css");

/// One file of the site: its path under the site's folder, and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub content: String,
}

/// Text from the store made fit for a page: control characters shown in
/// caret notation, invisible and bidi characters removed (as on a
/// terminal), and Unicode noncharacters, which HTML5 parsers report as
/// errors, removed. maud escapes the rest.
pub fn clean(s: &str) -> String {
    sanitize(s)
        .chars()
        .filter(|c| {
            let n = *c as u32;
            !((0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE)
        })
        .collect()
}

/// A party code safe as a file name (the store allows A-Z and 0-9 only).
fn file_code(code: &str) -> bool {
    (2..=8).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Every page of the site as at `as_of`, in the order written.
pub fn render(
    full: &Desk,
    reg: &Registers,
    as_of: NaiveDate,
    cluster: Option<u32>,
    threshold: Threshold,
) -> Result<Vec<Page>> {
    let mut out: Vec<Page> = Vec::new();
    render_each(
        Cow::Borrowed(full),
        None,
        reg,
        as_of,
        cluster,
        threshold,
        &mut |p, more| {
            match out.last_mut().filter(|_| more) {
                Some(last) => last.content.push_str(&p.content),
                None => out.push(p),
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// [`render`] one page at a time: `each` is given every page as it is
/// made, so no more than one page's text is held; a large page (the
/// index) comes in pieces, each after the first with `more` set. Nothing
/// is given when a party's code cannot name a page. The people are the
/// desk's own unless given apart.
fn render_each(
    full: Cow<'_, Desk>,
    people: Option<&Roster>,
    reg: &Registers,
    as_of: NaiveDate,
    cluster: Option<u32>,
    threshold: Threshold,
    each: &mut dyn FnMut(Page, bool) -> Result<()>,
) -> Result<()> {
    // The cluster `stats` shows unless told: the one started last.
    let cluster = clusters::chosen(&full, cluster, as_of).map_err(anyhow::Error::msg)?;
    let stats = match people {
        Some(r) => stats::compute_in(&full, r, cluster, threshold, as_of),
        None => stats::compute_in(&full, full.people.as_slice(), cluster, threshold, as_of),
    };
    // A desk given up becomes the cluster's view itself, not a copy beside it.
    let desk = match full {
        Cow::Borrowed(full) => clusters::view(full, cluster),
        Cow::Owned(full) => Cow::Owned(clusters::into_view(full, cluster)),
    };
    let reg = reg.as_at(as_of);
    let (all, groups) = view::counters(&stats);
    if let Some(p) = desk.parties.iter().find(|p| !file_code(&clean(&p.code))) {
        bail!("party code {:?} cannot name a page", clean(&p.code));
    }
    // Two passes over the parties: their rows for the index, then each
    // page made and given as it is made.
    let look = match people {
        Some(r) => Lookup::with_people(&desk, r, as_of, Tallies::of_log(&desk.reminders, as_of)),
        None => Lookup::new(&desk, as_of),
    };
    let mut rows: Vec<view::PartyRow> = desk
        .parties
        .iter()
        .map(|p| view::party_page(&look, &reg, p).row)
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code)));
    let scope = format!("of thematic cluster {cluster}");
    let page = |path: &str, content: String| Page {
        path: path.into(),
        content,
    };
    each(page("style.css", STYLESHEET.into()), false)?;
    let mut more = false;
    pages::index_each(as_of, &scope, all, &groups, &rows, &mut |text| {
        each(page("index.html", text), std::mem::replace(&mut more, true))
    })?;
    drop(rows);
    for p in &desk.parties {
        let page = view::party_page(&look, &reg, p);
        each(
            Page {
                path: format!("parties/{}.html", page.row.code),
                content: pages::party(as_of, &page),
            },
            false,
        )?;
    }
    Ok(())
}

/// Writes the site into `dir`, each page as it is made; returns the files
/// written. A cluster that is not one is refused before anything is
/// written. The files are made durable together at the end.
pub fn write_site(
    desk: ScreenDesk,
    reg: &Registers,
    as_of: NaiveDate,
    cluster: Option<u32>,
    threshold: Threshold,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let mut made = false;
    let (desk, people) = desk.into_parts();
    let people = Some(&*people);
    render_each(
        Cow::Owned(desk),
        people,
        reg,
        as_of,
        cluster,
        threshold,
        &mut |p, more| {
            if !made {
                ensure_dir(dir)?;
                made = true;
            }
            let path = dir.join(&p.path);
            if more {
                // The next piece of the page just written.
                let mut f = std::fs::OpenOptions::new().append(true).open(&path)?;
                return std::io::Write::write_all(&mut f, p.content.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()));
            }
            write_private_unsynced(&path, p.content.as_bytes())?;
            written.push(path);
            Ok(())
        },
    )?;
    sync_folder(dir)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_what_html5_refuses() {
        assert_eq!(
            clean("A\u{1}B\u{FFFE}C\u{FDD0}\u{202E}D"),
            "A^AB CD".replace(' ', "")
        );
        assert_eq!(clean("Côte d’Ivoire"), "Côte d’Ivoire");
    }

    #[test]
    fn only_plain_codes_name_files() {
        assert!(file_code("AUT"));
        assert!(file_code("EU"));
        assert!(!file_code("../x"));
        assert!(!file_code("A"));
        assert!(!file_code("aut"));
    }
}
