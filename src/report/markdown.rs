//! `report.md`: the numbers of sections II and III of the background paper
//! as paragraphs a secretariat officer can paste into a paper, and the
//! tables behind Figures I-VI. Every number comes from `stats::compute`
//! (through `domain::figures`), the same code as `revdesk stats`; the
//! deadline engine adds what is overdue.

use super::{capital, long_date};
use crate::domain::engine::{self, Settings};
use crate::domain::figures::{self, Figure, Orientation, language_names};
use crate::domain::model::{Desk, Obligation, PartyKind, Role, Stage};
use crate::domain::periods::months_end;
use crate::domain::stages::parties_with_focal_point;
use crate::domain::stats::{Stats, percent, percent_whole, thousands};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A count as UN documents write it inside a sentence: one to nine in
/// words, larger numbers in figures with thousands separators.
pub fn count(n: u64) -> String {
    match n {
        0..=9 => words(n),
        _ => thousands(n),
    }
}

/// A number in words (below 100; larger numbers in figures).
pub fn words(n: u64) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match n {
        0..=19 => ONES[n as usize].to_string(),
        20..=99 if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        20..=99 => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
        _ => thousands(n),
    }
}

/// "first", "second", … for group numbers.
fn ordinal(n: &str) -> String {
    match n {
        "1" => "first".into(),
        "2" => "second".into(),
        "3" => "third".into(),
        "4" => "fourth".into(),
        "5" => "fifth".into(),
        other => format!("number {other}"),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 { one.into() } else { many.into() }
}

/// "no questionnaire was", "one questionnaire was", "149 questionnaires were".
fn how_many(n: u64, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {one}"),
        _ => format!("{} {}", count(n), plural(n, one, many)),
    }
}

/// As [`num`], with "no review" for zero.
fn num0(n: u64, one: &str, many: &str) -> String {
    if n == 0 {
        format!("no {one}")
    } else {
        num(n, one, many)
    }
}

/// "1 review", "1,006 reviews".
fn num(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), plural(n, one, many))
}

/// "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "States parties" when every party counted is a State, else "parties"
/// (singular for one).
fn noun<'a>(desk: &Desk, codes: impl IntoIterator<Item = &'a str>) -> (&'static str, &'static str) {
    let all_states = codes
        .into_iter()
        .all(|c| desk.party(c).is_none_or(|p| p.kind == PartyKind::State));
    if all_states {
        ("State party", "States parties")
    } else {
        ("party", "parties")
    }
}

/// Escapes a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// The tables behind a figure, as a Markdown table with totals.
pub fn figure_table(fig: &Figure) -> String {
    let mut out = String::new();
    let group_context = fig.categories.iter().any(|c| c.reviews.is_some());
    let mut header = vec![cell(&fig.category_axis)];
    header.extend(fig.series.iter().map(|s| cell(&s.label)));
    if group_context {
        header.push("Reviews in the group".into());
    }
    if fig.orientation == Orientation::Horizontal {
        header.push("Per cent".into());
    }
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let aligns: Vec<&str> = header
        .iter()
        .enumerate()
        .map(|(i, _)| if i == 0 { ":---" } else { "---:" })
        .collect();
    let _ = writeln!(out, "| {} |", aligns.join(" | "));
    let total = fig.total();
    for (c, cat) in fig.categories.iter().enumerate() {
        let mut row = vec![cell(&cat.label)];
        row.extend((0..fig.series.len()).map(|s| thousands(fig.value(c, s))));
        if group_context {
            row.push(cat.reviews.map(thousands).unwrap_or_default());
        }
        if fig.orientation == Orientation::Horizontal {
            row.push(percent(fig.category_total(c), total));
        }
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let mut row = vec!["**Total**".to_string()];
    row.extend((0..fig.series.len()).map(|s| format!("**{}**", thousands(fig.series_total(s)))));
    if group_context {
        let reviews: u64 = fig.categories.iter().filter_map(|c| c.reviews).sum();
        row.push(format!("**{}**", thousands(reviews)));
    }
    if fig.orientation == Orientation::Horizontal {
        row.push(format!("**{}**", percent(total, total)));
    }
    let _ = writeln!(out, "| {} |", row.join(" | "));
    out
}

/// Paragraph numbering as in the paper.
struct Paras {
    out: String,
    n: usize,
}

impl Paras {
    fn heading(&mut self, h: &str) {
        let _ = write!(self.out, "{h}\n\n");
    }
    fn para(&mut self, text: String) {
        self.n += 1;
        let _ = write!(self.out, "{}. {text}\n\n", self.n);
    }
}

/// The whole of `report.md`.
pub fn report(desk: &Desk, stats: &Stats, as_of: NaiveDate, files: &[(String, String)]) -> String {
    let date = long_date(as_of);
    let figs = figures::figures(stats);
    let fp = &stats.focal_points;
    let total = stats.reviews.total;
    let stage = |s: Stage| stats.stage(s);
    let not_commenced = stage(Stage::AwaitingNominations) + stage(Stage::AwaitingConsultation);
    let advancing = total - not_commenced;
    let with_fp = parties_with_focal_point(desk, as_of);
    let fp_noun = noun(desk, with_fp.iter().copied());
    let without: Vec<&str> = desk
        .parties
        .iter()
        .filter(|p| p.group.is_some() && !with_fp.contains(p.code.as_str()))
        .map(|p| p.code.as_str())
        .collect();
    let without_noun = noun(desk, without.iter().copied());
    let observer_parties: BTreeSet<&str> = desk
        .people
        .iter()
        .filter(|p| p.role == Role::Observer && p.current(as_of))
        .map(|p| p.party.as_str())
        .collect();
    let items = engine::obligations(desk, as_of, Settings::default());
    let overdue = |o: Obligation| {
        items
            .iter()
            .filter(|i| i.obligation == o && i.status.days_overdue().is_some())
            .count() as u64
    };
    let groups: Vec<&crate::domain::model::Group> = {
        let mut g: Vec<_> = desk.groups.iter().filter(|g| g.start <= as_of).collect();
        g.sort_by_key(|g| g.number);
        g
    };

    let mut p = Paras {
        out: String::new(),
        n: 0,
    };
    let _ = write!(
        p.out,
        "# Status of the functioning of the Mechanism: figures as at {date}\n\n\
         *Computed by revdesk from the desk as it stood on {date}: nominations, \
         milestones and reminders dated later are not counted. The same figures \
         are given by `revdesk stats --as-of {as_of}`. Paragraphs follow sections II \
         and III of the secretariat's background paper.*\n\n"
    );

    // ---- Section II.
    p.heading("## II. Preparatory work and pairing of participating parties");
    let mut s = format!(
        "A total of {} parties are taking part in the Mechanism: {} {} and {} regional {}.",
        thousands(stats.parties),
        thousands(stats.states),
        plural(stats.states, "State", "States"),
        count(stats.organizations),
        plural(
            stats.organizations,
            "economic integration organization",
            "economic integration organizations"
        )
    );
    let waiting: Vec<String> = desk
        .parties
        .iter()
        .filter(|p| p.group.is_none())
        .filter(|p| p.instruments.convention.is_none_or(|d| d <= as_of))
        .map(|p| p.name.to_string())
        .collect();
    match waiting.as_slice() {
        [] => {}
        [one] => {
            let _ = write!(
                s,
                " One further party, {one}, has yet to be assigned to a group."
            );
        }
        many => {
            let _ = write!(
                s,
                " {} further parties ({}) have yet to be assigned to a group.",
                capital(&count(many.len() as u64)),
                and_list(many)
            );
        }
    }
    p.para(s);

    p.heading("### A. Drawing of lots");
    let drawn: Vec<String> = stats
        .reviews
        .by_group
        .iter()
        .map(|(g, n)| {
            let involved = stats.parties_involved_by_group.get(g).copied().unwrap_or(0);
            format!(
                "{} selected to participate in {} as part of the {} group",
                num(involved, "party was", "parties were"),
                num(*n, "review", "reviews"),
                ordinal(g)
            )
        })
        .collect();
    if drawn.is_empty() {
        p.para(format!("As at {date}, no group had started its reviews."));
    } else {
        p.para(format!(
            "As a result of the drawing of lots, {}.",
            and_list(&drawn)
        ));
    }

    p.heading("### B. Status of nominations");
    let aff = |k: &str| fp.by_affiliation.get(k).copied().unwrap_or(0);
    let mut affs: Vec<(&str, u64)> = [
        ("ministry of foreign affairs", aff("foreign_affairs")),
        ("ministry of justice", aff("justice")),
        ("ministry of the interior", aff("interior")),
        ("other institutions", aff("other")),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .collect();
    affs.sort_by_key(|a| std::cmp::Reverse(a.1));
    let mut s = format!(
        "As at {date}, the secretariat had received the nominations of {} from {}; {} ({} per cent) {}.",
        num(fp.nominated, "focal point", "focal points"),
        num(fp.parties_with, fp_noun.0, fp_noun.1),
        num(fp.women, "focal point", "focal points"),
        percent(fp.women, fp.nominated),
        plural(fp.women, "was a woman", "were women")
    );
    if let Some(((first, n), rest)) = affs.split_first() {
        let place = |what: &str| {
            if what.starts_with("ministry") {
                format!("the {what}")
            } else {
                what.to_string()
            }
        };
        let _ = write!(
            s,
            " Most of the focal points were affiliated with {} ({} per cent)",
            if first.starts_with("ministry") {
                format!("the respective country's {first}")
            } else {
                (*first).to_string()
            },
            percent_whole(*n, fp.nominated)
        );
        if !rest.is_empty() {
            let others: Vec<String> = rest
                .iter()
                .enumerate()
                .map(|(i, (w, n))| {
                    if i == 0 {
                        format!(
                            "{} per cent were affiliated with {}",
                            percent_whole(*n, fp.nominated),
                            place(w)
                        )
                    } else {
                        format!(
                            "{} per cent with {}",
                            percent_whole(*n, fp.nominated),
                            place(w)
                        )
                    }
                })
                .collect();
            let _ = write!(s, ", while {}", and_list(&others));
        }
        s.push('.');
    }
    let unspecified = aff("unspecified");
    if unspecified > 0 {
        let _ = write!(
            s,
            " The affiliation of {} focal {} is not recorded.",
            count(unspecified),
            plural(unspecified, "point", "points")
        );
    }
    p.para(s);
    if fp.parties_with > 0 {
        p.para(if fp.parties_with_several == 0 {
            "Each of the parties that nominated focal points nominated only one focal point to coordinate its participation in all country reviews.".to_string()
        } else {
            format!(
                "Among the parties that nominated focal points, most nominated only one focal point to coordinate their participation in all country reviews, while {} per cent ({} {}) nominated more than one focal point, generally one for their own country review and another for their role as a reviewer in other reviews.",
                percent_whole(fp.parties_with_several, fp.parties_with),
                count(fp.parties_with_several),
                plural(fp.parties_with_several, fp_noun.0, fp_noun.1)
            )
        });
        p.para(if fp.parties_changed == 0 {
            format!(
                "None of the {} that had already nominated a focal point had changed its focal point.",
                num(fp.parties_with, fp_noun.0, fp_noun.1)
            )
        } else {
            format!(
                "A total of {} per cent ({} out of {}) of the {} that had already nominated a focal point have changed their focal points at least once since their engagement in the review process.",
                percent(fp.parties_changed, fp.parties_with),
                thousands(fp.parties_changed),
                thousands(fp.parties_with),
                fp_noun.1
            )
        });
    }
    let mut s = format!(
        "As at {date}, of the {} parties participating in the Mechanism, {} per cent ({}) had not yet nominated their focal points.",
        thousands(stats.parties),
        percent(fp.parties_without, stats.parties),
        num(fp.parties_without, without_noun.0, without_noun.1),
    );
    if fp.parties_without > 0 {
        let _ = write!(
            s,
            " The pending nominations by {} have affected the commencement of {}.",
            if fp.parties_without == 1 {
                format!("that {}", without_noun.0)
            } else {
                format!(
                    "those {}",
                    num(fp.parties_without, without_noun.0, without_noun.1)
                )
            },
            num(
                stage(Stage::AwaitingNominations),
                "country review",
                "country reviews"
            )
        );
    }
    let _ = write!(
        s,
        " At the time of reporting, a total of {} not yet commenced",
        num(not_commenced, "country review had", "country reviews had")
    );
    if stage(Stage::AwaitingConsultation) > 0 {
        let _ = write!(
            s,
            ", including {} still awaiting the holding of the preliminary consultation meeting",
            num(
                stage(Stage::AwaitingConsultation),
                "country review that was",
                "country reviews that were"
            )
        );
    }
    s.push_str(". Figure I shows the number of reviews within each group that are affected by pending nominations.");
    p.para(s);
    let reminders = |o: Obligation| {
        desk.reminders
            .iter()
            .filter(|r| r.obligation == o && r.date <= as_of)
            .count() as u64
    };
    let (r_fp, r_ex) = (
        reminders(Obligation::FocalPoint),
        reminders(Obligation::Experts),
    );
    if r_fp + r_ex > 0 {
        p.para(format!(
            "The secretariat has followed up on pending nominations: as at {date}, it had sent {} about focal points and {} about governmental experts.",
            if r_fp == 0 { "no reminders".to_string() } else { format!("{} {}", count(r_fp), plural(r_fp, "reminder", "reminders")) },
            if r_ex == 0 { "none".to_string() } else { count(r_ex) }
        ));
    }
    p.para(format!(
        "As at {date}, {} (of which {}, or {} per cent, were women) had been nominated by States parties to take part in the review process; {} nominations of experts {} overdue.",
        num(stats.experts.nominated, "governmental expert", "governmental experts"),
        thousands(stats.experts.women),
        percent(stats.experts.women, stats.experts.nominated),
        match overdue(Obligation::Experts) {
            0 => "no party's".to_string(),
            n => format!("{} {}'", count(n), plural(n, "party", "parties")).replace("party'", "party's"),
        },
        "were"
    ));
    p.para(if stats.observers.parties == 0 {
        format!("As at {date}, no party had nominated observers.")
    } else {
        format!(
            "In addition, {} had nominated observers ({} in all) as at {date}.",
            {
                let n = noun(desk, observer_parties.iter().copied());
                num(stats.observers.parties, n.0, n.1)
            },
            thousands(stats.observers.nominated)
        )
    });

    // ---- Section III.
    p.heading("## III. Progress of the review of the first thematic cluster");
    if !groups.is_empty() {
        let starts: Vec<String> = groups
            .iter()
            .map(|g| {
                format!(
                    "the {} group started on {}",
                    ordinal(&g.number.to_string()),
                    long_date(g.start)
                )
            })
            .collect();
        let last = groups.iter().map(|g| g.start).max().unwrap_or(as_of);
        p.para(match groups.len() {
            1 => format!(
                "The first group of participating parties started its country reviews of the implementation of the articles included in the first thematic cluster on {}.",
                long_date(last)
            ),
            n => format!(
                "{} groups of participating parties had started, by {}, their country reviews of the implementation of the articles included in the first thematic cluster: {}.",
                if n == 2 {
                    "Both".to_string()
                } else {
                    format!("All {}", words(n as u64))
                },
                last.format("%B %Y"),
                and_list(&starts)
            ),
        });
    }
    let mut s = if advancing == 0 {
        format!(
            "As at {date}, none of the {} had commenced",
            num(total, "review", "reviews")
        )
    } else {
        format!(
            "As at {date}, {}{} out of {} reviews {}: {} {} had reached the stage of preparation of answers to the self-assessment questionnaire, {} {} at the stage of written feedback and {} {} had reached the stage of drafting lists of observations",
            if advancing * 2 < total { "only " } else { "" },
            thousands(advancing),
            thousands(total),
            if stage(Stage::Concluded) == 0 {
                "were advancing"
            } else {
                "had commenced"
            },
            thousands(stage(Stage::Saq)),
            plural(stage(Stage::Saq), "review", "reviews"),
            thousands(stage(Stage::Feedback)),
            plural(stage(Stage::Feedback), "review was", "reviews were"),
            thousands(stage(Stage::Observations)),
            plural(stage(Stage::Observations), "review", "reviews"),
        )
    };
    if stage(Stage::Concluded) > 0 {
        let _ = write!(
            s,
            ", while {} had been concluded",
            thousands(stage(Stage::Concluded))
        );
    }
    s.push_str(", as illustrated in figure II.");
    p.para(s);
    if let Some(g1) = groups.first() {
        let key = g1.number.to_string();
        let g1_total = stats.reviews.by_group.get(&key).copied().unwrap_or(0);
        let g1_done = stats
            .stages_by_group
            .get(&key)
            .and_then(|m| m.get(Stage::Concluded.as_str()))
            .copied()
            .unwrap_or(0);
        let phase_end = months_end(g1.start, 24);
        let done = if g1_done == 0 {
            "none of the parties of that group had concluded their country reviews".to_string()
        } else {
            format!(
                "{} of its {} country reviews had been concluded",
                thousands(g1_done),
                thousands(g1_total)
            )
        };
        if phase_end < as_of {
            p.para(format!(
                "According to the timeline for each review phase, the {} group of parties under review was due to have concluded its first review phase within two years, namely by {}. However, at the time of reporting, {done}; {} past the end of the review phase.",
                ordinal(&key),
                long_date(phase_end),
                num(overdue(Obligation::Phase), "review was", "reviews were")
            ));
        }
    }

    p.heading("### A. Initial and preparatory steps of a country review");
    let held = stats.consultations_held.total;
    let held_by: Vec<String> = stats
        .consultations_held
        .by_group
        .iter()
        .map(|(g, n)| format!("{} in the {} group", thousands(*n), ordinal(g)))
        .collect();
    p.para(if held == 0 {
        format!(
            "As at {date}, no country review had yet been initiated through a preliminary consultation among the parties involved, as shown in figure III."
        )
    } else {
        format!(
            "As at {date}, {}{} per cent of all country reviews ({} in total: {}) had been initiated through a preliminary consultation among the parties involved, as shown in figure III.",
            if held * 2 < total { "only " } else { "" },
            percent(held, total),
            thousands(held),
            and_list(&held_by)
        )
    });
    p.para(languages_paragraph(stats, &date));

    p.heading("### B. Self-assessment questionnaires");
    let saq_submitted =
        stage(Stage::Feedback) + stage(Stage::Observations) + stage(Stage::Concluded);
    p.para(format!(
        "As at {date}, {} completed and submitted their self-assessment questionnaires. In addition, {} in the process of preparing their responses to the self-assessment questionnaires; {} overdue. Figure V reflects the progress of country reviews in each group with regard to the self-assessment questionnaires.",
        num0(saq_submitted, "party under review had", "parties under review had"),
        num0(stage(Stage::Saq), "party was", "parties were"),
        how_many(
            overdue(Obligation::Saq),
            "questionnaire was",
            "questionnaires were"
        ),
    ));

    p.heading("### C. Written feedback");
    let fb_done = stage(Stage::Observations) + stage(Stage::Concluded);
    let fb_overdue = match overdue(Obligation::Feedback) {
        0 => "No reviewing party's written feedback was overdue.".to_string(),
        n => format!(
            "The written feedback of {} reviewing {} was overdue.",
            count(n),
            plural(n, "party", "parties")
        ),
    };
    p.para(if advancing == 0 {
        format!(
            "As at {date}, no review had reached the stage of written feedback, as shown in figure VI."
        )
    } else {
        format!(
            "As at {date}, out of the {} {} reviews, {} had reached the stage of written feedback, and {} concluded that stage, as shown in figure VI. {fb_overdue}",
            thousands(advancing),
            if stage(Stage::Concluded) == 0 {
                "active"
            } else {
                "commenced"
            },
            thousands(stage(Stage::Feedback)),
            match fb_done {
                0 => "none had".to_string(),
                n if n * 2 < stage(Stage::Feedback) => {
                    format!("only {}", num(n, "review had", "reviews had"))
                }
                n => num(n, "review had", "reviews had"),
            },
        )
    });

    p.heading("### D. Lists of observations and summaries of lists of observations");
    let concluded = stage(Stage::Concluded);
    let due: Vec<String> = groups
        .iter()
        .filter(|g| months_end(g.start, 18) < as_of)
        .map(|g| {
            format!(
                "the {} group by the end of {}",
                ordinal(&g.number.to_string()),
                months_end(g.start, 18).format("%B %Y")
            )
        })
        .collect();
    let mut s = if concluded == 0 {
        format!("As at {date}, no lists of observations and their summaries had been finalized")
    } else {
        format!(
            "As at {date}, the lists of observations and their summaries of {} country {} had been finalized",
            thousands(concluded),
            plural(concluded, "review", "reviews")
        )
    };
    if !due.is_empty() {
        let _ = write!(
            s,
            ", while under the indicative timeline {} would have concluded the lists of observations and their summaries",
            and_list(&due)
        );
    }
    s.push('.');
    let reached: Vec<String> = stats
        .stages_by_group
        .iter()
        .filter_map(|(g, m)| {
            let n = m.get(Stage::Observations.as_str()).copied().unwrap_or(0);
            (n > 0).then(|| {
                format!(
                    "{} out of {} country reviews in the {} group",
                    thousands(n),
                    thousands(stats.reviews.by_group.get(g).copied().unwrap_or(0)),
                    ordinal(g)
                )
            })
        })
        .collect();
    if !reached.is_empty() {
        let _ = write!(
            s,
            " At the time of reporting, {} had reached the stage of finalizing the lists of observations.",
            and_list(&reached)
        );
    }
    p.para(s);

    // ---- Figures.
    p.heading("## Figures");
    for f in &figs {
        let _ = write!(
            p.out,
            "### Figure {}. {}\n\n![Figure {}: {}](figure-{}.svg)\n\n{}\n",
            f.roman(),
            f.title,
            f.roman(),
            f.title,
            f.number,
            figure_table(f)
        );
    }

    if !files.is_empty() {
        p.heading("## Files");
        for (name, what) in files {
            let _ = writeln!(p.out, "- [`{name}`]({name}): {what}");
        }
        p.out.push('\n');
    }
    p.out
}

/// The languages paragraph (paper, paragraph 28).
fn languages_paragraph(stats: &Stats, date: &str) -> String {
    let held = stats.consultations_held.total;
    let mut single: Vec<(&str, u64)> = Vec::new();
    let mut double: Vec<(String, u64)> = Vec::new();
    let mut triple: u64 = 0;
    let mut triple_langs: BTreeSet<&str> = BTreeSet::new();
    let mut pending = 0;
    for (k, n) in &stats.languages {
        if k == "pending" {
            pending += n;
            continue;
        }
        let names = language_names(k);
        match names.len() {
            0 => {}
            1 => single.push((names[0], *n)),
            2 => double.push((format!("{} and {}", names[0], names[1]), *n)),
            _ => {
                triple += n;
                triple_langs.extend(names);
            }
        }
    }
    single.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    double.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let single_total: u64 = single.iter().map(|(_, n)| n).sum();
    let double_total: u64 = double.iter().map(|(_, n)| n).sum();
    if held == 0 {
        return format!(
            "As at {date}, no preliminary consultation had been held, so no languages of review had been agreed."
        );
    }
    let list = |items: Vec<String>| and_list(&items);
    let mut s = format!(
        "As at {date}, parties had agreed on the use of only one language in {} of the {} preliminary consultation meetings that were held ({}, or {} per cent of the total)",
        thousands(single_total),
        thousands(held),
        num(single_total, "review", "reviews"),
        percent(single_total, held)
    );
    if !single.is_empty() {
        let items = single
            .iter()
            .enumerate()
            .map(|(i, (l, n))| {
                if i == 0 {
                    format!(
                        "{} {} to be conducted in {l}",
                        count(*n),
                        plural(*n, "review was", "reviews were")
                    )
                } else {
                    format!("{} in {l}", count(*n))
                }
            })
            .collect();
        let _ = write!(s, ": {}", list(items));
    }
    s.push('.');
    if triple > 0 {
        let _ = write!(
            s,
            " In {} {}, parties agreed to conduct the review in three languages (from among {}).",
            count(triple),
            plural(triple, "case", "cases"),
            and_list(
                &triple_langs
                    .iter()
                    .map(|l| l.to_string())
                    .collect::<Vec<_>>()
            )
        );
    }
    if double_total > 0 {
        let items = double
            .iter()
            .enumerate()
            .map(|(i, (l, n))| {
                if i == 0 {
                    format!(
                        "{} {} to be conducted in {l}",
                        count(*n),
                        plural(*n, "review was", "reviews were")
                    )
                } else {
                    format!("{} in {l}", count(*n))
                }
            })
            .collect();
        let _ = write!(
            s,
            " In {} {}, parties agreed on the use of two languages: {}.",
            count(double_total),
            plural(double_total, "case", "cases"),
            list(items)
        );
    }
    if pending > 0 {
        let _ = write!(
            s,
            " In {} {}, the parties were unable to reach an agreement on the languages to be used in the review and a decision in this regard is still pending.",
            count(pending),
            plural(pending, "case", "cases")
        );
    }
    s.push_str(" Figure IV illustrates the languages selected for the reviews.");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_words_and_figures() {
        assert_eq!(count(0), "zero");
        assert_eq!(count(8), "eight");
        assert_eq!(count(10), "10");
        assert_eq!(count(1006), "1,006");
        assert_eq!(words(33), "thirty-three");
        assert_eq!(words(40), "forty");
        assert_eq!(words(1234), "1,234");
    }

    #[test]
    fn lists_read_naturally() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&v(&["a"])), "a");
        assert_eq!(and_list(&v(&["a", "b"])), "a and b");
        assert_eq!(and_list(&v(&["a", "b", "c"])), "a, b and c");
    }

    #[test]
    fn table_cells_are_escaped() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
