//! The demo's registers (DESIGN.md section 7), made to match the paper as
//! at 29 February 2024: 69 requests for assistance from 16 States in the
//! seven categories of paragraph 42 (15, 15, 10, 9, 9, 8, 3), 3,236
//! officials trained from 153 States in the six official languages and
//! Portuguese (paragraph 43), one translation of a self-assessment
//! questionnaire from English into French (paragraph 50), no assistance
//! need identified yet (paragraph 37), a reason for each review whose
//! languages are pending (paragraph 29), and the parties with several focal
//! points scoped one per review (paragraph 13). Where the paper gives no
//! detail (which States, which days, which documents were published) the
//! demo invents it, deterministically; records after the paper follow.

use super::rng::{Rng, add_days};
use crate::domain::model::{Desk, Language, Party, PartyKind, Person, Review, Role};
use crate::domain::registers::{
    AssistanceCategory, AssistanceNeed, AssistanceRequest, AssistanceStatus, DocumentKind,
    FocalPointScope, LanguagesPending, PendingReason, Registers, ReviewDocument, Training,
    TrainingLanguage, TranslationRequest,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Requests per category received by 29 February 2024 (paragraph 42).
pub const PAPER_REQUESTS: [usize; 7] = [15, 15, 10, 9, 9, 8, 3];
/// States that made them.
pub const PAPER_REQUESTING: usize = 16;
/// Officials trained since 2020, and the States they came from (paragraph 43).
pub const PAPER_OFFICIALS: u32 = 3236;
pub const PAPER_TRAINED: usize = 153;
/// The February 2024 briefing: 193 representatives of 89 States (paragraph 42).
const BRIEFING: (u32, usize) = (193, 89);
/// Trainings before the briefing, from the launch of the review process.
const EARLIER_TRAININGS: usize = 36;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The day of the briefing and of the survey of needs (fictional day; the
/// paper says February 2024).
fn briefing_day() -> NaiveDate {
    day(2024, 2, 15)
}

/// Every register of the demo desk `desk` (already as it stands on
/// `today`); nothing in them is dated after `today`.
pub fn registers(desk: &Desk, today: NaiveDate, seed: u64) -> Registers {
    let states: Vec<&Party> = desk
        .parties
        .iter()
        .filter(|p| p.kind == PartyKind::State && p.group.is_some())
        .collect();
    let reg = Registers {
        assistance_requests: requests(&states, seed),
        assistance_needs: needs(desk, seed),
        trainings: trainings(&states, seed),
        translation_requests: translations(desk),
        documents: documents(desk, seed),
        languages_pending: pending(desk),
        focal_point_scopes: scopes(desk),
    };
    let mut reg = reg.as_at(today);
    for (i, r) in reg.assistance_requests.iter_mut().enumerate() {
        r.id = i as i64 + 1;
    }
    for (i, t) in reg.trainings.iter_mut().enumerate() {
        t.id = i as i64 + 1;
    }
    reg
}

const OTHER_NOTES: [&str; 3] = [
    "Interpretation at the preliminary consultation",
    "Translation of national legislation for the reviewers",
    "Guidance for a new focal point after a substitution",
];

/// Paragraph 42's requests, then a few after the paper.
fn requests(states: &[&Party], seed: u64) -> Vec<AssistanceRequest> {
    let mut rng = Rng::stream("registers-requests", seed);
    let mut pool: Vec<&Party> = states.to_vec();
    rng.shuffle(&mut pool);
    let mut out = Vec::new();
    if pool.len() < PAPER_REQUESTING + 8 {
        return out;
    }
    let asking = &pool[..PAPER_REQUESTING];
    // Consecutive parties for consecutive requests: a category of 15 never
    // repeats a party, and the first two categories reach all 16.
    let mut k = 0;
    for (category, n) in AssistanceCategory::ALL.iter().zip(PAPER_REQUESTS) {
        for _ in 0..n {
            let party = asking[k % PAPER_REQUESTING];
            k += 1;
            out.push(AssistanceRequest {
                id: 0,
                party: party.code.clone(),
                date: briefing_day(),
                category: *category,
                status: match category {
                    AssistanceCategory::Briefings => AssistanceStatus::InProgress,
                    _ => AssistanceStatus::Open,
                },
                note: if *category == AssistanceCategory::Other {
                    OTHER_NOTES[k % OTHER_NOTES.len()].to_string()
                } else {
                    String::new()
                },
            });
        }
    }
    // After the paper: a request now and then from other States.
    for (i, party) in pool[PAPER_REQUESTING..PAPER_REQUESTING + 8]
        .iter()
        .enumerate()
    {
        let month = add_days(day(2024, 3, 1), 45 * i as i64);
        let category = *rng.pick(&AssistanceCategory::ALL[..6]);
        out.push(AssistanceRequest {
            id: 0,
            party: party.code.clone(),
            date: rng.workday(month, add_days(month, 40)),
            category,
            status: AssistanceStatus::Open,
            note: String::new(),
        });
    }
    out
}

const NEEDS: [(AssistanceCategory, &str); 4] = [
    (
        AssistanceCategory::SaqSupport,
        "Legislative drafting on the liability of legal persons",
    ),
    (
        AssistanceCategory::GeneralTraining,
        "Training of prosecutors on the offence of participation in an organized criminal group",
    ),
    (
        AssistanceCategory::Coordination,
        "Coordination among the authorities competent for jurisdiction over offences abroad",
    ),
    (
        AssistanceCategory::Other,
        "Collection of data on smuggling of migrants",
    ),
];

/// Needs identified in lists of observations finalized after the paper
/// (none by then: paragraph 37).
fn needs(desk: &Desk, seed: u64) -> Vec<AssistanceNeed> {
    let paper = super::paper_date();
    let mut out = Vec::new();
    for r in &desk.reviews {
        let Some(on) = r.milestones.observations_finalized.filter(|d| *d > paper) else {
            continue;
        };
        let mut rng = Rng::stream(&format!("registers-needs-{}", r.id), seed);
        if rng.chance(0.5) {
            let (category, description) = *rng.pick(&NEEDS);
            out.push(AssistanceNeed {
                id: 0,
                review: r.id,
                identified: on,
                category,
                description: description.to_string(),
            });
        }
    }
    out
}

const TITLES: [&str; 5] = [
    "Training on the review process for focal points",
    "Training on the use of the RevMod platform",
    "Regional workshop on the self-assessment questionnaire",
    "Briefing for permanent missions on the review process",
    "National workshop on the review process",
];

const LANGUAGES: [TrainingLanguage; 7] = [
    TrainingLanguage::En,
    TrainingLanguage::Fr,
    TrainingLanguage::Es,
    TrainingLanguage::Ru,
    TrainingLanguage::Ar,
    TrainingLanguage::Zh,
    TrainingLanguage::Pt,
];

/// `total` shared out in proportion to `weights`, each share at least its
/// floor; the rounding goes to the largest share.
fn share(total: u32, weights: &[u32], floors: &[u32]) -> Vec<u32> {
    let sum: u64 = weights.iter().map(|w| u64::from(*w)).sum::<u64>().max(1);
    let mut out: Vec<u32> = weights
        .iter()
        .zip(floors)
        .map(|(w, f)| ((u64::from(*w) * u64::from(total) / sum) as u32).max(*f))
        .collect();
    let given: u32 = out.iter().sum();
    if let Some(big) = (0..out.len()).max_by_key(|i| out[*i]) {
        out[big] = (out[big] + total).saturating_sub(given).max(floors[big]);
    }
    out
}

/// Paragraph 43's trainings (the February 2024 briefing last), then a few
/// after the paper.
fn trainings(states: &[&Party], seed: u64) -> Vec<Training> {
    let mut rng = Rng::stream("registers-trainings", seed);
    let mut pool: Vec<&Party> = states.to_vec();
    rng.shuffle(&mut pool);
    if pool.len() < PAPER_TRAINED {
        return Vec::new();
    }
    let trained = &pool[..PAPER_TRAINED];
    let (briefed, officials_briefed) = (BRIEFING.1, BRIEFING.0);
    // Each State not at the briefing comes to one earlier training at
    // least; each training has a few more from the trained.
    let mut parties: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); EARLIER_TRAININGS];
    for (i, j) in (briefed..PAPER_TRAINED).enumerate() {
        parties[i % EARLIER_TRAININGS].insert(j);
    }
    for set in &mut parties {
        for _ in 0..rng.range(1, 5) {
            set.insert(rng.below(PAPER_TRAINED));
        }
    }
    let weights: Vec<u32> = parties
        .iter()
        .map(|s| s.len() as u32 * rng.range(4, 9) as u32)
        .collect();
    let floors: Vec<u32> = parties.iter().map(|s| s.len() as u32).collect();
    let officials = share(PAPER_OFFICIALS - officials_briefed, &weights, &floors);
    let (first, last) = (day(2020, 11, 2), day(2024, 1, 31));
    let span = (last - first).num_days() / EARLIER_TRAININGS as i64;
    let mut out = Vec::new();
    for (i, (set, n)) in parties.iter().zip(officials).enumerate() {
        let from = add_days(first, span * i as i64);
        let mut languages = vec![LANGUAGES[i % LANGUAGES.len()]];
        if languages[0] != TrainingLanguage::En && rng.chance(0.3) {
            languages.push(TrainingLanguage::En);
        }
        out.push(Training {
            id: 0,
            date: rng.workday(from, add_days(from, span - 1)),
            title: TITLES[i % TITLES.len()].to_string(),
            officials: n,
            parties: set.iter().map(|j| trained[*j].code.clone()).collect(),
            languages,
        });
    }
    out.push(Training {
        id: 0,
        date: briefing_day(),
        title: "Briefing on the functioning of the Mechanism".into(),
        officials: officials_briefed,
        parties: trained[..briefed].iter().map(|p| p.code.clone()).collect(),
        languages: vec![TrainingLanguage::En],
    });
    // After the paper: the States not trained yet, a few at a time.
    for (i, chunk) in pool[PAPER_TRAINED..].chunks(6).enumerate() {
        let from = add_days(day(2024, 4, 1), 60 * i as i64);
        out.push(Training {
            id: 0,
            date: rng.workday(from, add_days(from, 30)),
            title: TITLES[i % TITLES.len()].to_string(),
            officials: chunk.len() as u32 * rng.range(3, 8) as u32,
            parties: chunk.iter().map(|p| p.code.clone()).collect(),
            languages: vec![LANGUAGES[i % LANGUAGES.len()]],
        });
    }
    out.sort_by_key(|t| t.date);
    out
}

/// Paragraph 50's one request: a self-assessment questionnaire from English
/// into French, for a review in English and French if there is one.
fn translations(desk: &Desk) -> Vec<TranslationRequest> {
    let paper = super::paper_date();
    let submitted = |r: &&Review| r.milestones.saq_submitted.is_some_and(|d| d <= paper);
    let en_fr =
        |r: &&Review| r.languages.contains(&Language::En) && r.languages.contains(&Language::Fr);
    let review = desk
        .reviews
        .iter()
        .filter(submitted)
        .find(en_fr)
        .or_else(|| desk.reviews.iter().find(submitted));
    review
        .and_then(|r| {
            let saq = r.milestones.saq_submitted?;
            Some(TranslationRequest {
                id: 1,
                review: r.id,
                date: add_days(saq, 30).min(paper),
                document: DocumentKind::Saq,
                from: Language::En,
                to: Language::Fr,
            })
        })
        .into_iter()
        .collect()
}

/// A document for each milestone a review has met; about one party in
/// four agreed to publish (paragraph 60(d) encourages it).
fn documents(desk: &Desk, seed: u64) -> Vec<ReviewDocument> {
    let mut out = Vec::new();
    for r in &desk.reviews {
        let mut rng = Rng::stream(&format!("registers-documents-{}", r.id), seed);
        let publishes = rng.chance(0.25);
        let m = &r.milestones;
        for (kind, on) in [
            (DocumentKind::Saq, m.saq_submitted),
            (DocumentKind::Feedback, m.feedback_submitted),
            (DocumentKind::Observations, m.observations_finalized),
            (DocumentKind::Summary, m.summary_finalized),
        ] {
            let Some(available) = on else { continue };
            let lag = rng.range(14, 90);
            out.push(ReviewDocument {
                review: r.id,
                kind,
                available,
                published: publishes.then(|| add_days(available, lag)),
            });
        }
    }
    out
}

/// A reason for every review whose consultation was held without an
/// agreement on languages (paragraphs 28 and 29), in turn.
fn pending(desk: &Desk) -> Vec<LanguagesPending> {
    desk.reviews
        .iter()
        .filter(|r| r.languages.is_empty())
        .filter_map(|r| Some((r.id, r.milestones.consultation_held?)))
        .enumerate()
        .map(|(i, (review, noted))| LanguagesPending {
            review,
            reason: if i % 2 == 0 {
                PendingReason::UnderDiscussion
            } else {
                PendingReason::LackOfResources
            },
            noted,
        })
        .collect()
}

/// Scopes for the parties with several focal points at once (paragraph
/// 13): a focal point nominated while another is in force coordinates one
/// review — the party's own first, then one it reviews — and a successor
/// named the day its predecessor ended takes over the predecessor's scope.
fn scopes(desk: &Desk) -> Vec<FocalPointScope> {
    let mut reviews_of: BTreeMap<&str, Vec<&Review>> = BTreeMap::new();
    for r in &desk.reviews {
        for p in r.parties() {
            reviews_of.entry(p).or_default().push(r);
        }
    }
    let mut by_party: BTreeMap<&str, Vec<&Person>> = BTreeMap::new();
    for p in desk.people.iter().filter(|p| p.role == Role::FocalPoint) {
        by_party.entry(p.party.as_str()).or_default().push(p);
    }
    let mut out = Vec::new();
    for (party, mut fps) in by_party {
        fps.sort_by_key(|p| (p.nominated, p.id));
        let mut scope: BTreeMap<i64, Option<i64>> = BTreeMap::new();
        let mut order = reviews_of.get(party).cloned().unwrap_or_default();
        order.sort_by_key(|r| (r.under_review != party, r.id));
        for (i, p) in fps.iter().enumerate() {
            let earlier = &fps[..i];
            let in_force = |q: &&&Person| q.ended.is_none_or(|e| e > p.nominated);
            let predecessor = earlier.iter().find(|q| q.ended == Some(p.nominated));
            let mine = if let Some(q) = predecessor {
                scope.get(&q.id).copied().flatten()
            } else if earlier
                .iter()
                .filter(in_force)
                .any(|q| scope.get(&q.id).copied().flatten().is_none())
            {
                let taken: BTreeSet<i64> = earlier
                    .iter()
                    .filter(in_force)
                    .filter_map(|q| scope.get(&q.id).copied().flatten())
                    .collect();
                order.iter().map(|r| r.id).find(|id| !taken.contains(id))
            } else {
                None
            };
            scope.insert(p.id, mine);
            if let Some(review) = mine {
                out.push(FocalPointScope {
                    person: p.id,
                    review,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::registers::{check_scope, figures, focal_points_per_review};

    #[test]
    fn the_demo_registers_give_the_papers_figures() {
        let paper = super::super::paper_date();
        let demo = super::super::build(paper);
        let reg = registers(&demo.desk, paper, super::super::SEED);
        let f = figures(&reg, paper);
        assert_eq!(f.assistance.requests, 69);
        assert_eq!(f.assistance.parties, 16);
        let by: Vec<u64> = AssistanceCategory::ALL
            .iter()
            .map(|c| f.assistance.by_category[c.as_str()])
            .collect();
        assert_eq!(by, [15, 15, 10, 9, 9, 8, 3]);
        assert_eq!(f.training.officials, 3236);
        assert_eq!(f.training.parties, 153);
        assert_eq!(
            f.training.languages.len(),
            7,
            "six official languages and Portuguese"
        );
        assert_eq!(f.translation_requests, 1);
        assert_eq!(f.needs_identified, 0, "paragraph 37: none identified yet");
        assert_eq!(
            f.translation_paragraph(),
            "To date, the secretariat has responded to one request for machine translation, facilitating the translation of a self-assessment questionnaire from English into French."
        );
        for t in &reg.trainings {
            crate::domain::registers::check_training(t).unwrap();
        }
        // Two reviews with languages pending (paragraph 28), one reason each.
        assert_eq!(reg.languages_pending.len(), 2);
    }

    #[test]
    fn later_days_keep_the_papers_records_and_add_to_them() {
        let paper = super::super::paper_date();
        let later = day(2026, 6, 30);
        let demo = super::super::build(later);
        let reg = registers(&demo.desk, later, super::super::SEED);
        let then = figures(&reg, paper);
        assert_eq!(then.assistance.requests, 69);
        assert_eq!(then.training.officials, 3236);
        assert_eq!(then.training.parties, 153);
        let now = figures(&reg, later);
        assert!(now.assistance.requests > 69);
        assert!(now.training.parties > 153);
        assert!(now.needs_identified > 0);
    }

    #[test]
    fn every_review_has_one_focal_point_per_party_at_any_time() {
        for today in [super::super::paper_date(), day(2026, 6, 30)] {
            let demo = super::super::build(today);
            let reg = registers(&demo.desk, today, super::super::SEED);
            assert!(!reg.focal_point_scopes.is_empty());
            assert_eq!(
                focal_points_per_review(&demo.desk, &reg.focal_point_scopes, today),
                vec![],
                "{today}"
            );
            let people: BTreeMap<i64, &Person> =
                demo.desk.people.iter().map(|p| (p.id, p)).collect();
            for s in &reg.focal_point_scopes {
                let p = people[&s.person];
                let review = demo.desk.reviews.iter().find(|r| r.id == s.review).unwrap();
                let others: Vec<(&Person, Option<i64>)> = demo
                    .desk
                    .people
                    .iter()
                    .filter(|q| q.party == p.party)
                    .map(|q| (q, reg.scope_of(q.id)))
                    .collect();
                check_scope(p, review, &others).unwrap();
            }
        }
    }
}
