//! The pages, as maud templates: every value is escaped by maud, and the
//! text from the store is cleaned first (`super::clean`).

use super::view::{Counters, PartyPage, PartyRow};
use crate::report::long_date;
use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// What every page shares: `root` is the way back to the index ("" or "../").
fn layout(title: &str, root: &str, heading: &str, as_of: NaiveDate, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href={ (root) "style.css" };
            }
            body {
                header {
                    a href={ (root) "index.html" } { "Mechanism for the Review of the Implementation of UNTOC" }
                    " · country profiles"
                }
                main {
                    h1 { (heading) }
                    (body)
                }
                footer {
                    p { "Status as at " (long_date(as_of)) ". Contact details of focal points and governmental experts are available to registered users only." }
                }
            }
        }
    }
}

fn counter(key: &str, label: &str, n: u64) -> Markup {
    html! {
        li { span.count data-key=(key) { (n) } " " (label) }
    }
}

fn counters_table(groups: &[(String, Counters)]) -> Markup {
    html! {
        div.scroll {
            table #by-group {
                caption { "Country reviews by group" }
                thead { tr {
                    th scope="col" { "Group" }
                    th.num scope="col" { "Reviews" }
                    th.num scope="col" { "Advancing" }
                    th.num scope="col" { "Not commenced" }
                    th.num scope="col" { "Concluded" }
                } }
                tbody {
                    @for (g, c) in groups {
                        tr data-group=(g) {
                            th scope="row" { "Group " (g) }
                            td.num data-key="total" { (c.total) }
                            td.num data-key="advancing" { (c.advancing) }
                            td.num data-key="not_commenced" { (c.not_commenced) }
                            td.num data-key="concluded" { (c.concluded) }
                        }
                    }
                }
            }
        }
    }
}

/// A table of parties around `body` (its rows).
fn parties_table(body: Markup) -> Markup {
    html! {
        div.scroll {
            table.parties {
                thead { tr {
                    th scope="col" { "Party" }
                    th scope="col" { "Regional group" }
                    th.num scope="col" { "Group" }
                    th scope="col" { "Its review" }
                    th scope="col" { "Focal point" }
                    th.num scope="col" { "Documents published" }
                } }
                tbody { (body) }
            }
        }
    }
}

/// The rows of a table of parties.
fn party_rows(rows: &[&PartyRow]) -> Markup {
    html! {
        @for r in rows {
            tr data-code=(r.code) {
                td { a href={ "parties/" (r.code) ".html" } { (r.name) } }
                td { (r.region) }
                td.num { @if let Some(g) = r.group { (g) } @else { "–" } }
                td { (r.stage) }
                td { @if r.focal_point { "nominated" } @else { "not nominated" } }
                td.num { (r.published) }
            }
        }
    }
}

/// Rows of a table of parties given to a piece at a time.
const ROWS_A_PIECE: usize = 500;

/// `frame` made with `MARK` in a place, given to `piece` as its text before
/// the mark, then what `inner` gives, then its text after the mark.
fn around(
    frame: Markup,
    piece: &mut Piece<'_>,
    inner: &mut dyn FnMut(&mut Piece<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let frame = frame.into_string();
    let (before, after) = frame.split_once(MARK).unwrap_or((frame.as_str(), ""));
    piece(before.to_string())?;
    inner(piece)?;
    piece(after.to_string())
}

/// Takes each piece of a page made in pieces, in order.
pub type Piece<'p> = dyn FnMut(String) -> anyhow::Result<()> + 'p;

/// Stands for what is given apart in a page made in pieces.
const MARK: &str = "\u{1}piece\u{1}";

/// A section of the index with its heading and table of `rows`, in pieces.
fn section_each(
    id: &str,
    heading: &str,
    rows: &[&PartyRow],
    piece: &mut Piece<'_>,
) -> anyhow::Result<()> {
    let frame = html! {
        section id=(id) {
            h3 { (heading) }
            (parties_table(PreEscaped(MARK.to_string())))
        }
    };
    around(frame, piece, &mut |piece| {
        for chunk in rows.chunks(ROWS_A_PIECE) {
            piece(party_rows(chunk).into_string())?;
        }
        Ok(())
    })
}

/// `index.html`: the counters, and every party filterable by group. Given
/// to `piece` in pieces, in order (a group's table, all parties' table),
/// so that a large index is never held whole.
pub fn index_each(
    as_of: NaiveDate,
    scope: &str,
    all: Counters,
    groups: &[(String, Counters)],
    rows: &[PartyRow],
    piece: &mut Piece<'_>,
) -> anyhow::Result<()> {
    let numbers: Vec<u32> = {
        let mut g: Vec<u32> = rows.iter().filter_map(|r| r.group).collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    let body = html! {
        p { "Country reviews " (scope) " as at " (long_date(as_of)) "." }
        ul.counters {
            (counter("advancing", "reviews advancing", all.advancing))
            (counter("not_commenced", "reviews not commenced", all.not_commenced))
            (counter("concluded", "reviews concluded", all.concluded))
            (counter("total", "reviews in all", all.total))
        }
        (counters_table(groups))
        h2 #parties { "Parties" }
        nav.filter aria-label="Filter by group" {
            a href="#all" { "All parties" }
            @for g in &numbers { a href={ "#group-" (g) } { "Group " (g) } }
        }
        div.groups { (PreEscaped(MARK)) }
    };
    let page = layout(
        "Country reviews: status",
        "",
        "Status of the country reviews",
        as_of,
        body,
    );
    // The page around its sections, each made in pieces.
    around(page, piece, &mut |piece| {
        for g in &numbers {
            let in_group: Vec<&PartyRow> = rows.iter().filter(|r| r.group == Some(*g)).collect();
            let heading = format!("Group {g} ({} parties)", in_group.len());
            section_each(&format!("group-{g}"), &heading, &in_group, piece)?;
        }
        let everyone: Vec<&PartyRow> = rows.iter().collect();
        let heading = format!("All parties ({})", everyone.len());
        section_each("all", &heading, &everyone, piece)
    })
}

/// `parties/CODE.html`.
pub fn party(as_of: NaiveDate, p: &PartyPage) -> String {
    let r = &p.row;
    let body = html! {
        dl.facts {
            dt { "Code" } dd { (r.code) }
            dt { "Kind" } dd { (p.kind) }
            dt { "Regional group" } dd { @if r.region.is_empty() { "–" } @else { (r.region) } }
            dt { "Review group" } dd { @if let Some(g) = r.group { "Group " (g) } @else { "not assigned" } }
        }
        h2 { "Focal point" }
        @if p.focal_points.is_empty() {
            p.note { "No focal point nominated." }
        } @else {
            ul.focal-points {
                @for (ministry, scope) in &p.focal_points {
                    li { (ministry) @if let Some(review) = scope { " (for review " (review) ")" } }
                }
            }
        }
        h2 { "Reviews" }
        @if p.reviews.is_empty() {
            p.note { "No review under way." }
        } @else {
            div.scroll {
                table.reviews {
                    thead { tr {
                        th.num scope="col" { "Review" }
                        th scope="col" { "Party under review" }
                        th scope="col" { "Reviewing parties" }
                        th scope="col" { "Stage" }
                        th scope="col" { "Languages" }
                    } }
                    tbody {
                        @for rv in &p.reviews {
                            tr data-review=(rv.id) {
                                td.num { (rv.id) }
                                td { (party_link(&rv.under_review, rv.own)) }
                                td {
                                    @for (i, who) in rv.reviewers.iter().enumerate() {
                                        @if i > 0 { ", " }
                                        (party_link(who, who.0 == r.code))
                                    }
                                }
                                td { (rv.stage.label()) }
                                td { (rv.languages) }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Published documents" }
        @if p.documents.is_empty() {
            p.note { "None published." }
        } @else {
            ul.documents {
                @for d in &p.documents {
                    li { (d.label) " (review " (d.review) "), available " (long_date(d.available)) ", published " (long_date(d.published)) }
                }
            }
        }
    };
    let heading = format!("{} ({})", r.name, r.code);
    layout(&heading, "../", &heading, as_of, body).into_string()
}

/// A party by name, linked to its page unless it is the page's own.
fn party_link((code, name): &(String, String), own: bool) -> Markup {
    html! {
        @if own { strong { (name) } } @else { a href={ (code) ".html" } { (name) } }
    }
}
