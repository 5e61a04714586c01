//! What the public pages show, computed from the desk as at a date: the
//! status counters (the same figures as `revdesk stats`), a row per party,
//! and a page per party. No person's name, e-mail or phone is read here:
//! focal points appear by ministry only.

use super::clean;
use crate::domain::figures::language_label;
use crate::domain::model::{Affiliation, Party, Review, Stage};
use crate::domain::registers::{PendingReason, Registers, ReviewDocument};
use crate::domain::stats::{Stats, language_key};
use crate::report::lookup::Lookup;
use chrono::NaiveDate;

/// Reviews by how far they got: advancing (SAQ, written feedback, lists
/// of observations), not commenced, concluded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    pub total: u64,
    pub advancing: u64,
    pub not_commenced: u64,
    pub concluded: u64,
}

impl Counters {
    fn from_stages(stage: impl Fn(Stage) -> u64, total: u64) -> Counters {
        Counters {
            total,
            advancing: stage(Stage::Saq) + stage(Stage::Feedback) + stage(Stage::Observations),
            not_commenced: stage(Stage::AwaitingNominations) + stage(Stage::AwaitingConsultation),
            concluded: stage(Stage::Concluded),
        }
    }
}

/// The counters of the whole desk and of each group, from `stats`.
pub fn counters(s: &Stats) -> (Counters, Vec<(String, Counters)>) {
    let all = Counters::from_stages(|st| s.stage(st), s.reviews.total);
    let groups = s
        .stages_by_group
        .iter()
        .map(|(g, m)| {
            let total = s.reviews.by_group.get(g).copied().unwrap_or(0);
            let c = Counters::from_stages(|st| m.get(st.as_str()).copied().unwrap_or(0), total);
            (g.clone(), c)
        })
        .collect();
    (all, groups)
}

/// A party in the table of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyRow {
    pub code: String,
    pub name: String,
    pub region: String,
    pub group: Option<u32>,
    /// The stage of its own review(s), as labels.
    pub stage: String,
    pub focal_point: bool,
    pub published: usize,
}

/// One review a party takes part in, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub id: i64,
    pub cluster: u32,
    pub under_review: (String, String),
    pub reviewers: Vec<(String, String)>,
    pub own: bool,
    pub stage: Stage,
    pub languages: String,
}

/// A document the party agreed to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub review: i64,
    pub label: &'static str,
    pub available: NaiveDate,
    pub published: NaiveDate,
}

/// Everything on one party's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyPage {
    pub row: PartyRow,
    pub kind: &'static str,
    /// Ministry of each current focal point, and the review it is for.
    pub focal_points: Vec<(String, Option<i64>)>,
    pub reviews: Vec<ReviewRow>,
    pub documents: Vec<Published>,
}

pub fn ministry(a: Option<Affiliation>) -> &'static str {
    match a {
        Some(Affiliation::ForeignAffairs) => "Ministry of foreign affairs",
        Some(Affiliation::Justice) => "Ministry of justice",
        Some(Affiliation::Interior) => "Ministry of the interior",
        Some(Affiliation::Other) => "Another ministry or institution",
        None => "Affiliation not stated",
    }
}

fn languages(r: &Review, pending: Option<PendingReason>, stage: Stage) -> String {
    if !r.languages.is_empty() {
        return language_label(&language_key(&r.languages));
    }
    match (stage, pending) {
        (Stage::AwaitingNominations | Stage::AwaitingConsultation, _) => "to be agreed".into(),
        (_, Some(reason)) => format!("pending: {}", reason.label()),
        (_, None) => "pending".into(),
    }
}

/// One party's page as at the date of `look` (its desk already narrowed
/// to a cluster, `reg` already as at the date): for a site written a page
/// at a time.
pub fn party_page(look: &Lookup<'_>, reg: &Registers, p: &Party) -> PartyPage {
    let as_of = look.as_of;
    let name_of = |code: &str| (clean(code), clean(&look.name(code)));
    let reviews: Vec<ReviewRow> = look
        .reviews_of(&p.code)
        .iter()
        .map(|r| {
            let stage = look.stage(r);
            ReviewRow {
                id: r.id,
                cluster: r.cluster,
                under_review: name_of(&r.under_review),
                reviewers: r.reviewers.iter().map(|c| name_of(c)).collect(),
                own: r.under_review == p.code,
                stage,
                languages: languages(r, reg.pending_reason(r.id), stage),
            }
        })
        .collect();
    let documents: Vec<Published> = reviews
        .iter()
        .filter(|r| r.own)
        .flat_map(|r| reg.documents_of(r.id))
        .filter_map(|d: &ReviewDocument| {
            Some(Published {
                review: d.review,
                label: d.kind.label(),
                available: d.available,
                published: d.published.filter(|_| d.published_on(as_of))?,
            })
        })
        .collect();
    let mut focal_points: Vec<(String, Option<i64>)> = look
        .focal_point_facts(&p.code)
        .into_iter()
        .map(|(id, affiliation)| (ministry(affiliation).to_string(), reg.scope_of(id)))
        .collect();
    focal_points.sort();
    PartyPage {
        row: row(p, &reviews, !focal_points.is_empty(), documents.len()),
        kind: match p.kind {
            crate::domain::model::PartyKind::State => "State party",
            crate::domain::model::PartyKind::Organization => {
                "Regional economic integration organization"
            }
        },
        focal_points,
        reviews,
        documents,
    }
}

fn row(p: &Party, reviews: &[ReviewRow], focal_point: bool, published: usize) -> PartyRow {
    let mut stages: Vec<&str> = reviews
        .iter()
        .filter(|r| r.own)
        .map(|r| r.stage.label())
        .collect();
    stages.dedup();
    PartyRow {
        code: clean(&p.code),
        name: clean(&p.name),
        region: p
            .regional_group
            .map_or(String::new(), |r| r.as_str().to_string()),
        group: p.group,
        stage: if stages.is_empty() {
            "not under review yet".into()
        } else {
            stages.join(", ")
        },
        focal_point,
        published,
    }
}
