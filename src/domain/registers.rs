//! The registers the background paper reports beside the reviews (DESIGN.md
//! section 7): technical assistance requested by parties (paragraph 42) and
//! needs identified in lists of observations (paragraph 37), training
//! delivered (paragraph 43), translation requests (paragraph 50), the
//! documents of each review and whether the party agreed to publish them
//! (paragraphs 32, 48, 60(d)), why a review's languages are pending
//! (paragraph 29), and focal points scoped to one review (paragraph 13).
//!
//! Plain data and the rules on it; the store keeps it, the reports show it.

use super::figures::language_name;
use super::model::{Desk, Language, Person, Review, Role, Text, UnknownValue, spelled_enum};
use super::roster::People;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

spelled_enum!(
/// What a party asked the secretariat for, in the paper's order (paragraph 42).
AssistanceCategory, "assistance category" {
    GeneralTraining => "general_training", PlatformTraining => "platform_training",
    Briefings => "briefings", SaqTraining => "saq_training", Coordination => "coordination",
    SaqSupport => "saq_support", Other => "other",
});

spelled_enum!(
/// Where the secretariat stands with a request.
AssistanceStatus, "assistance status" {
    Open => "open", InProgress => "in_progress", Met => "met", Declined => "declined",
});

spelled_enum!(
/// A document of a country review.
DocumentKind, "document kind" {
    Saq => "saq", Feedback => "feedback", Observations => "observations", Summary => "summary",
});

spelled_enum!(
/// Why a review whose consultation was held has no languages yet (paragraph 29).
PendingReason, "pending reason" {
    UnderDiscussion => "under_discussion", LackOfResources => "lack_of_resources",
});

spelled_enum!(
/// A language training was given in: the six official languages of the
/// United Nations, and Portuguese (paragraph 43).
TrainingLanguage, "training language" {
    Ar => "ar", Zh => "zh", En => "en", Fr => "fr", Ru => "ru", Es => "es", Pt => "pt",
});

impl AssistanceCategory {
    /// The request as the paper words it ("requests for …").
    pub fn label(self) -> &'static str {
        match self {
            AssistanceCategory::GeneralTraining => {
                "general training on the aspects and stages of the Mechanism"
            }
            AssistanceCategory::PlatformTraining => "training on the use of the RevMod platform",
            AssistanceCategory::Briefings => "regular briefings on the status of the Mechanism",
            AssistanceCategory::SaqTraining => {
                "focused training on the self-assessment questionnaires"
            }
            AssistanceCategory::Coordination => {
                "facilitation of coordination and communication with counterparts"
            }
            AssistanceCategory::SaqSupport => {
                "support in filling out the self-assessment questionnaires"
            }
            AssistanceCategory::Other => "assistance on other aspects",
        }
    }
    /// A few words, for a column.
    pub fn short_label(self) -> &'static str {
        match self {
            AssistanceCategory::GeneralTraining => "general training",
            AssistanceCategory::PlatformTraining => "RevMod training",
            AssistanceCategory::Briefings => "briefings",
            AssistanceCategory::SaqTraining => "SAQ training",
            AssistanceCategory::Coordination => "coordination",
            AssistanceCategory::SaqSupport => "SAQ support",
            AssistanceCategory::Other => "other",
        }
    }
}

impl AssistanceStatus {
    pub fn label(self) -> &'static str {
        match self {
            AssistanceStatus::Open => "open",
            AssistanceStatus::InProgress => "in progress",
            AssistanceStatus::Met => "met",
            AssistanceStatus::Declined => "declined",
        }
    }
}

impl DocumentKind {
    /// The milestone of a review the document comes out of.
    pub fn milestone(self) -> crate::domain::model::Milestone {
        use crate::domain::model::Milestone;
        match self {
            DocumentKind::Saq => Milestone::Saq,
            DocumentKind::Feedback => Milestone::Feedback,
            DocumentKind::Observations => Milestone::Observations,
            DocumentKind::Summary => Milestone::Summary,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Saq => "responses to the self-assessment questionnaire",
            DocumentKind::Feedback => "written feedback",
            DocumentKind::Observations => "list of observations",
            DocumentKind::Summary => "summary of the list of observations",
        }
    }
    /// The article and noun, as a sentence of the paper has it.
    pub fn with_article(self) -> &'static str {
        match self {
            DocumentKind::Saq => "a self-assessment questionnaire",
            DocumentKind::Feedback => "a written feedback",
            DocumentKind::Observations => "a list of observations",
            DocumentKind::Summary => "a summary of a list of observations",
        }
    }
}

impl PendingReason {
    pub fn label(self) -> &'static str {
        match self {
            PendingReason::UnderDiscussion => "still under discussion",
            PendingReason::LackOfResources => "not agreed for lack of resources",
        }
    }
}

impl TrainingLanguage {
    pub fn name(self) -> &'static str {
        match self {
            TrainingLanguage::Pt => "Portuguese",
            other => language_name(other.official().unwrap_or(Language::En)),
        }
    }
    /// The working language of the Mechanism it is, if any.
    pub fn official(self) -> Option<Language> {
        Some(match self {
            TrainingLanguage::Ar => Language::Ar,
            TrainingLanguage::Zh => Language::Zh,
            TrainingLanguage::En => Language::En,
            TrainingLanguage::Fr => Language::Fr,
            TrainingLanguage::Ru => Language::Ru,
            TrainingLanguage::Es => Language::Es,
            TrainingLanguage::Pt => return None,
        })
    }
}

/// Technical assistance a party asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistanceRequest {
    /// Given by the store; not part of the interchange format.
    #[serde(skip)]
    pub id: i64,
    pub party: Text,
    pub date: NaiveDate,
    pub category: AssistanceCategory,
    pub status: AssistanceStatus,
    #[serde(default)]
    pub note: String,
}

/// A technical assistance need identified in a review's list of
/// observations (paragraph 35): the party is the one under review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistanceNeed {
    #[serde(skip)]
    pub id: i64,
    pub review: i64,
    pub identified: NaiveDate,
    pub category: AssistanceCategory,
    pub description: String,
}

/// A training or briefing delivered: how many officials, from which States.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    #[serde(skip)]
    pub id: i64,
    pub date: NaiveDate,
    pub title: String,
    pub officials: u32,
    /// The parties the officials came from (codes), each once.
    pub parties: Vec<Text>,
    pub languages: Vec<TrainingLanguage>,
}

/// A working translation asked of the secretariat (paragraph 50).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationRequest {
    #[serde(skip)]
    pub id: i64,
    pub review: i64,
    pub date: NaiveDate,
    pub document: DocumentKind,
    pub from: Language,
    pub to: Language,
}

/// A document of a review: when it became available, and when the party
/// agreed to publish it (none: not published).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewDocument {
    pub review: i64,
    pub kind: DocumentKind,
    pub available: NaiveDate,
    #[serde(default)]
    pub published: Option<NaiveDate>,
}

impl ReviewDocument {
    /// Published on `as_of`: available and agreed for publication by then.
    pub fn published_on(&self, as_of: NaiveDate) -> bool {
        self.available <= as_of && self.published.is_some_and(|p| p <= as_of)
    }
}

/// Why a review's languages are not agreed, noted on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguagesPending {
    pub review: i64,
    pub reason: PendingReason,
    pub noted: NaiveDate,
}

/// A focal point who coordinates one review only (paragraph 13); a focal
/// point with no scope coordinates every other review of the party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocalPointScope {
    pub person: i64,
    pub review: i64,
}

/// Every register of the desk, in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registers {
    #[serde(default)]
    pub assistance_requests: Vec<AssistanceRequest>,
    #[serde(default)]
    pub assistance_needs: Vec<AssistanceNeed>,
    #[serde(default)]
    pub trainings: Vec<Training>,
    #[serde(default)]
    pub translation_requests: Vec<TranslationRequest>,
    #[serde(default)]
    pub documents: Vec<ReviewDocument>,
    #[serde(default)]
    pub languages_pending: Vec<LanguagesPending>,
    #[serde(default)]
    pub focal_point_scopes: Vec<FocalPointScope>,
}

impl Registers {
    /// How many rows the registers hold, all kinds together.
    pub fn len(&self) -> usize {
        self.assistance_requests.len()
            + self.assistance_needs.len()
            + self.trainings.len()
            + self.translation_requests.len()
            + self.documents.len()
            + self.languages_pending.len()
            + self.focal_point_scopes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.assistance_requests.is_empty()
            && self.assistance_needs.is_empty()
            && self.trainings.is_empty()
            && self.translation_requests.is_empty()
            && self.documents.is_empty()
            && self.languages_pending.is_empty()
            && self.focal_point_scopes.is_empty()
    }

    /// The registers as they stood on `as_of`: records dated later do not
    /// exist yet, and a publication agreed later is not yet agreed.
    pub fn as_at(&self, as_of: NaiveDate) -> Registers {
        Registers {
            assistance_requests: keep(&self.assistance_requests, |r| r.date <= as_of),
            assistance_needs: keep(&self.assistance_needs, |n| n.identified <= as_of),
            trainings: keep(&self.trainings, |t| t.date <= as_of),
            translation_requests: keep(&self.translation_requests, |t| t.date <= as_of),
            documents: self
                .documents
                .iter()
                .filter(|d| d.available <= as_of)
                .map(|d| ReviewDocument {
                    published: d.published.filter(|p| *p <= as_of),
                    ..d.clone()
                })
                .collect(),
            languages_pending: keep(&self.languages_pending, |p| p.noted <= as_of),
            focal_point_scopes: self.focal_point_scopes.clone(),
        }
    }

    /// The documents of one review, in the order a review produces them.
    pub fn documents_of(&self, review: i64) -> Vec<&ReviewDocument> {
        let mut out: Vec<&ReviewDocument> = self
            .documents
            .iter()
            .filter(|d| d.review == review)
            .collect();
        out.sort_by_key(|d| d.kind);
        out
    }

    /// Why the languages of `review` are pending, if that was noted.
    pub fn pending_reason(&self, review: i64) -> Option<PendingReason> {
        self.languages_pending
            .iter()
            .find(|p| p.review == review)
            .map(|p| p.reason)
    }

    /// The review a focal point is scoped to, if any.
    pub fn scope_of(&self, person: i64) -> Option<i64> {
        self.focal_point_scopes
            .iter()
            .find(|s| s.person == person)
            .map(|s| s.review)
    }
}

fn keep<T: Clone>(v: &[T], f: impl Fn(&T) -> bool) -> Vec<T> {
    v.iter().filter(|x| f(x)).cloned().collect()
}

/// A value refused, with the field it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

fn refuse<T>(field: &'static str, message: impl Into<String>) -> Result<T, FieldError> {
    Err(FieldError {
        field,
        message: message.into(),
    })
}

/// The rules of a request that need nothing but the request.
pub fn check_request(r: &AssistanceRequest) -> Result<(), FieldError> {
    if r.category == AssistanceCategory::Other && r.note.trim().is_empty() {
        return refuse("note", "say what was asked for (category other)");
    }
    Ok(())
}

pub fn check_need(n: &AssistanceNeed) -> Result<(), FieldError> {
    if n.description.trim().is_empty() {
        return refuse("description", "say what the need is");
    }
    Ok(())
}

pub fn check_training(t: &Training) -> Result<(), FieldError> {
    if t.title.trim().is_empty() {
        return refuse("title", "a title is needed");
    }
    if t.officials == 0 {
        return refuse("officials", "at least one official was trained");
    }
    if t.parties.is_empty() {
        return refuse("parties", "name the parties the officials came from");
    }
    if (t.parties.len() as u64) > u64::from(t.officials) {
        return refuse(
            "parties",
            format!(
                "{} parties for {} officials: each party sent at least one",
                t.parties.len(),
                t.officials
            ),
        );
    }
    let distinct: BTreeSet<&Text> = t.parties.iter().collect();
    if distinct.len() != t.parties.len() {
        return refuse("parties", "a party is listed twice");
    }
    if t.languages.is_empty() {
        return refuse("languages", "name the language(s) of the training");
    }
    Ok(())
}

pub fn check_translation(t: &TranslationRequest) -> Result<(), FieldError> {
    if t.from == t.to {
        return refuse("to", format!("the same language as from ({})", t.from));
    }
    Ok(())
}

pub fn check_document(d: &ReviewDocument) -> Result<(), FieldError> {
    if let Some(p) = d.published
        && p < d.available
    {
        return refuse(
            "published",
            format!(
                "{p} is before the document was available on {}",
                d.available
            ),
        );
    }
    Ok(())
}

/// A languages-pending note only fits a review with no languages agreed.
pub fn check_pending(p: &LanguagesPending, review: &Review) -> Result<(), FieldError> {
    if !review.languages.is_empty() {
        return refuse(
            "review",
            format!(
                "review {} has its languages agreed; no reason is pending",
                review.id
            ),
        );
    }
    if review.milestones.consultation_held.is_none() {
        return refuse(
            "review",
            format!(
                "review {} has had no preliminary consultation yet",
                review.id
            ),
        );
    }
    if review
        .milestones
        .consultation_held
        .is_some_and(|c| p.noted < c)
    {
        return refuse("date", "before the review's preliminary consultation");
    }
    Ok(())
}

/// Whether nominations `a` and `b` were in force on a common day.
fn overlap(a: &Person, b: &Person) -> bool {
    let ends_after = |p: &Person, day: NaiveDate| p.ended.is_none_or(|e| e > day);
    ends_after(a, b.nominated) && ends_after(b, a.nominated)
}

/// Scoping `person` to `review`: the person must be a focal point of a
/// party of the review, and no other focal point of that party may be
/// scoped to the same review while both are in force (paragraph 13: one
/// focal point per country per review at any time). `others` are the
/// party's people with their scopes.
pub fn check_scope(
    person: &Person,
    review: &Review,
    others: &[(&Person, Option<i64>)],
) -> Result<(), FieldError> {
    if person.role != Role::FocalPoint {
        return refuse(
            "person",
            format!(
                "{} is nominated as {}, not as focal point",
                person.name, person.role
            ),
        );
    }
    if !review.parties().any(|p| p == person.party) {
        return refuse(
            "review",
            format!("{} takes no part in review {}", person.party, review.id),
        );
    }
    for (other, scope) in others {
        if other.id != person.id
            && other.party == person.party
            && other.role == Role::FocalPoint
            && *scope == Some(review.id)
            && overlap(person, other)
        {
            return refuse(
                "review",
                format!(
                    "{} already has a focal point for review {} in force at the same time (person {})",
                    person.party, review.id, other.id
                ),
            );
        }
    }
    Ok(())
}

/// Parties whose reviews have more than one focal point in force on `day`:
/// for each review of the party, the focal points scoped to it, else the
/// party's focal points with no scope. Returns (party, review, count).
pub fn focal_points_per_review(
    desk: &Desk,
    scopes: &[FocalPointScope],
    day: NaiveDate,
) -> Vec<(Text, i64, usize)> {
    focal_points_per_review_of(desk, desk.people.as_slice(), scopes, day)
}

/// [`focal_points_per_review`] with the people given apart from the desk.
pub fn focal_points_per_review_of(
    desk: &Desk,
    people: &(impl People + ?Sized),
    scopes: &[FocalPointScope],
    day: NaiveDate,
) -> Vec<(Text, i64, usize)> {
    let scope: BTreeMap<i64, i64> = scopes.iter().map(|s| (s.person, s.review)).collect();
    // party -> (unscoped count, review -> scoped count)
    let mut per_party: BTreeMap<&str, (usize, BTreeMap<i64, usize>)> = BTreeMap::new();
    for (id, p) in people
        .facts_by_id()
        .filter(|(_, p)| p.role == Role::FocalPoint && p.current(day))
    {
        let e = per_party.entry(p.party).or_default();
        match scope.get(&id) {
            Some(r) => *e.1.entry(*r).or_default() += 1,
            None => e.0 += 1,
        }
    }
    let mut out = Vec::new();
    for r in &desk.reviews {
        for party in r.parties() {
            let Some((unscoped, scoped)) = per_party.get(party) else {
                continue;
            };
            let n = scoped.get(&r.id).copied().unwrap_or(*unscoped);
            if n > 1 {
                out.push((Text::from(party), r.id, n));
            }
        }
    }
    out
}

/// What the registers' checks need of the desk they come with: which
/// names it holds, and the records themselves where they can be had.
pub trait DeskLookup {
    fn has_party(&self, code: &str) -> bool;
    fn has_review(&self, id: i64) -> bool;
    fn has_person(&self, id: i64) -> bool;
    /// The review itself; `None` leaves out the checks that need it.
    fn review(&self, id: i64) -> Option<Review>;
    /// The person; `None` leaves out the checks that need them.
    fn person(&self, id: i64) -> Option<Person>;
}

/// What an imported set of registers names that the desk does not hold,
/// and the rules each record breaks, as (JSON path under `registers`,
/// message).
pub fn problems_with(reg: &Registers, desk: &dyn DeskLookup) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut say = |path: String, msg: String| out.push((path, msg));
    let no_review = |id: i64| format!("no review {id} in the document");
    for (i, r) in reg.assistance_requests.iter().enumerate() {
        if !desk.has_party(r.party.as_str()) {
            say(
                format!("assistance_requests[{i}].party"),
                format!("unknown party {:?}", r.party),
            );
        }
        if let Err(e) = check_request(r) {
            say(format!("assistance_requests[{i}].{}", e.field), e.message);
        }
    }
    for (i, n) in reg.assistance_needs.iter().enumerate() {
        if !desk.has_review(n.review) {
            say(format!("assistance_needs[{i}].review"), no_review(n.review));
        }
        if let Err(e) = check_need(n) {
            say(format!("assistance_needs[{i}].{}", e.field), e.message);
        }
    }
    for (i, t) in reg.trainings.iter().enumerate() {
        for (j, p) in t.parties.iter().enumerate() {
            if !desk.has_party(p.as_str()) {
                say(
                    format!("trainings[{i}].parties[{j}]"),
                    format!("unknown party {p:?}"),
                );
            }
        }
        if let Err(e) = check_training(t) {
            say(format!("trainings[{i}].{}", e.field), e.message);
        }
    }
    for (i, t) in reg.translation_requests.iter().enumerate() {
        if !desk.has_review(t.review) {
            say(
                format!("translation_requests[{i}].review"),
                no_review(t.review),
            );
        }
        if let Err(e) = check_translation(t) {
            say(format!("translation_requests[{i}].{}", e.field), e.message);
        }
    }
    let mut seen = BTreeSet::new();
    for (i, d) in reg.documents.iter().enumerate() {
        if !desk.has_review(d.review) {
            say(format!("documents[{i}].review"), no_review(d.review));
        }
        if !seen.insert((d.review, d.kind)) {
            say(
                format!("documents[{i}].kind"),
                format!("a second {} document of review {}", d.kind, d.review),
            );
        }
        if let Err(e) = check_document(d) {
            say(format!("documents[{i}].{}", e.field), e.message);
        }
    }
    out.extend(pending_and_scope_problems(reg, desk));
    out
}

/// The languages pending and focal point scopes of [`problems_with`].
fn pending_and_scope_problems(reg: &Registers, desk: &dyn DeskLookup) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut say = |path: String, msg: String| out.push((path, msg));
    let mut seen = BTreeSet::new();
    for (i, p) in reg.languages_pending.iter().enumerate() {
        if !desk.has_review(p.review) {
            say(
                format!("languages_pending[{i}].review"),
                format!("no review {} in the document", p.review),
            );
        } else if let Some(r) = desk.review(p.review)
            && let Err(e) = check_pending(p, &r)
        {
            say(format!("languages_pending[{i}].{}", e.field), e.message);
        }
        if !seen.insert(p.review) {
            say(
                format!("languages_pending[{i}].review"),
                format!("review {} is noted twice", p.review),
            );
        }
    }
    let scoped: Vec<Option<Person>> = reg
        .focal_point_scopes
        .iter()
        .map(|s| desk.person(s.person))
        .collect();
    let mut seen = BTreeSet::new();
    for (i, s) in reg.focal_point_scopes.iter().enumerate() {
        if !desk.has_person(s.person) {
            say(
                format!("focal_point_scopes[{i}].person"),
                format!("no person {} in the document", s.person),
            );
        } else if !desk.has_review(s.review) {
            say(
                format!("focal_point_scopes[{i}].review"),
                format!("no review {} in the document", s.review),
            );
        } else if let (Some(p), Some(r)) = (&scoped[i], desk.review(s.review)) {
            let others: Vec<(&Person, Option<i64>)> = reg.focal_point_scopes[..i]
                .iter()
                .zip(&scoped)
                .filter_map(|(o, p)| Some((p.as_ref()?, Some(o.review))))
                .collect();
            if let Err(e) = check_scope(p, &r, &others) {
                say(format!("focal_point_scopes[{i}].{}", e.field), e.message);
            }
        }
        if !seen.insert(s.person) {
            say(
                format!("focal_point_scopes[{i}].person"),
                format!("person {} is scoped twice", s.person),
            );
        }
    }
    out
}

/// `revdesk check`'s notes on focal points, on the latest nomination day of
/// the desk: a party with more than one focal point in force for a review
/// (paragraph 13: one per country per review at any time), once per party.
pub fn focal_point_notes(
    desk: &Desk,
    people: &(impl People + ?Sized),
    scopes: &[FocalPointScope],
) -> Vec<String> {
    let Some(day) = people.facts().map(|p| p.nominated).max() else {
        return Vec::new();
    };
    let mut per_party: BTreeMap<Text, (usize, Vec<i64>)> = BTreeMap::new();
    for (party, review, n) in focal_points_per_review_of(desk, people, scopes, day) {
        let e = per_party.entry(party).or_default();
        e.0 = e.0.max(n);
        e.1.push(review);
    }
    per_party
        .into_iter()
        .map(|(party, (n, reviews))| {
            let list: Vec<String> = reviews.iter().map(i64::to_string).collect();
            format!(
                "{party} has {n} focal points in force for review{} {}: one per review at any time (end a substitution, or scope each to its review)",
                if reviews.len() == 1 { "" } else { "s" },
                and_list(&list)
            )
        })
        .collect()
}

/// The figures of paragraphs 42, 43 and 50, as `stats` gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterFigures {
    pub assistance: AssistanceFigures,
    pub training: TrainingFigures,
    pub translation_requests: u64,
    /// What each translation request was for, oldest first.
    #[serde(skip)]
    pub translations: Vec<(DocumentKind, Language, Language)>,
    /// Needs identified in lists of observations (paragraph 37).
    pub needs_identified: u64,
    /// Reviews with a document the party agreed to publish.
    pub reviews_with_published_documents: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssistanceFigures {
    pub requests: u64,
    pub parties: u64,
    /// Every category, zero included.
    pub by_category: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingFigures {
    pub officials: u64,
    pub parties: u64,
    pub languages: Vec<TrainingLanguage>,
    pub since: Option<NaiveDate>,
}

/// Counts the registers as at `as_of`.
pub fn figures(reg: &Registers, as_of: NaiveDate) -> RegisterFigures {
    let reg = reg.as_at(as_of);
    let mut by_category: BTreeMap<String, u64> = AssistanceCategory::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), 0))
        .collect();
    for r in &reg.assistance_requests {
        *by_category
            .entry(r.category.as_str().to_string())
            .or_default() += 1;
    }
    let requesting: BTreeSet<&str> = reg
        .assistance_requests
        .iter()
        .map(|r| r.party.as_str())
        .collect();
    let trained: BTreeSet<&str> = reg
        .trainings
        .iter()
        .flat_map(|t| t.parties.iter().map(Text::as_str))
        .collect();
    let languages: BTreeSet<TrainingLanguage> = reg
        .trainings
        .iter()
        .flat_map(|t| t.languages.iter().copied())
        .collect();
    let published: BTreeSet<i64> = reg
        .documents
        .iter()
        .filter(|d| d.published.is_some())
        .map(|d| d.review)
        .collect();
    RegisterFigures {
        assistance: AssistanceFigures {
            requests: reg.assistance_requests.len() as u64,
            parties: requesting.len() as u64,
            by_category,
        },
        training: TrainingFigures {
            officials: reg.trainings.iter().map(|t| u64::from(t.officials)).sum(),
            parties: trained.len() as u64,
            languages: languages.into_iter().collect(),
            since: reg.trainings.iter().map(|t| t.date).min(),
        },
        translation_requests: reg.translation_requests.len() as u64,
        translations: {
            let mut t: Vec<&TranslationRequest> = reg.translation_requests.iter().collect();
            t.sort_by_key(|t| (t.date, t.id));
            t.iter().map(|t| (t.document, t.from, t.to)).collect()
        },
        needs_identified: reg.assistance_needs.len() as u64,
        reviews_with_published_documents: published.len() as u64,
    }
}

/// "Arabic, English and French".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "1 request", "69 requests".
fn count(n: u64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        super::stats::thousands(n),
        if n == 1 { one } else { many }
    )
}

impl RegisterFigures {
    /// Adds the figures to `stats --format json`: `assistance`, `training`,
    /// `translation_requests` (and `needs_identified`,
    /// `reviews_with_published_documents`) beside the other keys.
    pub fn add_to(&self, json: &mut serde_json::Value) {
        if let (serde_json::Value::Object(map), Ok(serde_json::Value::Object(mine))) =
            (json, serde_json::to_value(self))
        {
            map.extend(mine);
        }
    }

    /// The paragraphs `stats` prints after the others (37, 42, 43, 50).
    pub fn paragraphs(&self) -> Vec<String> {
        let needs = match self.needs_identified {
            0 => "No technical assistance needs had been identified in the lists of observations."
                .to_string(),
            n => format!(
                "{} technical assistance {} had been identified in the lists of observations.",
                super::stats::thousands(n),
                if n == 1 { "need" } else { "needs" }
            ),
        };
        vec![
            needs,
            self.assistance_paragraph(),
            self.training_paragraph(),
            self.translation_paragraph(),
        ]
    }

    /// Paragraph 42: the requests for assistance, by category.
    pub fn assistance_paragraph(&self) -> String {
        let a = &self.assistance;
        if a.requests == 0 {
            return "The secretariat had received no requests for technical assistance.".into();
        }
        let parts: Vec<String> = AssistanceCategory::ALL
            .iter()
            .map(|c| (c, a.by_category.get(c.as_str()).copied().unwrap_or(0)))
            .filter(|(_, n)| *n > 0)
            .map(|(c, n)| format!("{} for {}", count(n, "request", "requests"), c.label()))
            .collect();
        format!(
            "The secretariat received a total of {} by {}, as follows: {}.",
            count(a.requests, "request", "requests"),
            count(a.parties, "State", "States"),
            match parts.as_slice() {
                [init @ .., last] if !init.is_empty() => format!("{}; and {last}", init.join("; ")),
                _ => parts.join(""),
            }
        )
    }

    /// Paragraph 43: officials trained, from how many States, in which languages.
    pub fn training_paragraph(&self) -> String {
        let t = &self.training;
        if t.officials == 0 {
            return "No briefings or training had been recorded.".into();
        }
        let official = t
            .languages
            .iter()
            .filter(|l| l.official().is_some())
            .count();
        let names: Vec<String> = if official == Language::ALL.len() {
            let mut v = vec!["the six official languages of the United Nations".to_string()];
            if t.languages.contains(&TrainingLanguage::Pt) {
                v.push("in Portuguese".to_string());
            }
            v
        } else {
            t.languages.iter().map(|l| l.name().to_string()).collect()
        };
        let since = t
            .since
            .map(|d| format!("Since {}, ", d.format("%Y")))
            .unwrap_or_default();
        format!(
            "{since}UNODC has provided briefings and training to {} from {}, in {}.",
            count(t.officials, "government official", "government officials"),
            count(t.parties, "State party", "States parties"),
            and_list(&names)
        )
    }

    /// Paragraph 50: the translation requests answered.
    pub fn translation_paragraph(&self) -> String {
        let n = self.translation_requests;
        if n == 0 {
            return "The secretariat had received no requests for machine translation.".into();
        }
        let which: Vec<String> = self
            .translations
            .iter()
            .map(|(document, from, to)| {
                format!(
                    "{} from {} into {}",
                    document.with_article(),
                    language_name(*from),
                    language_name(*to)
                )
            })
            .collect();
        format!(
            "To date, the secretariat has responded to {}, facilitating the translation of {}.",
            if n == 1 {
                "one request for machine translation".to_string()
            } else {
                format!(
                    "{} requests for machine translation",
                    super::stats::thousands(n)
                )
            },
            and_list(&which)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Languages, Milestones};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn request(party: &str, date: &str, category: AssistanceCategory) -> AssistanceRequest {
        AssistanceRequest {
            id: 0,
            party: party.into(),
            date: d(date),
            category,
            status: AssistanceStatus::Open,
            note: String::new(),
        }
    }

    fn person(id: i64, party: &str, nominated: &str, ended: Option<&str>) -> Person {
        Person {
            id,
            party: party.into(),
            role: Role::FocalPoint,
            name: format!("P{id}").into(),
            email: None,
            phone: None,
            gender: None,
            affiliation: None,
            nominated: d(nominated),
            ended: ended.map(d),
        }
    }

    fn review(id: i64, under: &str, reviewers: [&str; 2]) -> Review {
        Review {
            id,
            group: 1,
            cluster: 1,
            under_review: under.into(),
            reviewers: reviewers.iter().map(|r| Text::from(*r)).collect(),
            start: None,
            redraws: 0,
            languages: Languages::new(),
            milestones: Milestones::default(),
        }
    }

    #[test]
    fn figures_count_requests_parties_and_officials_as_at_the_date() {
        use AssistanceCategory::*;
        let reg = Registers {
            assistance_requests: vec![
                request("AUT", "2024-02-01", GeneralTraining),
                request("AUT", "2024-02-01", Briefings),
                request("KEN", "2024-02-10", GeneralTraining),
                request("FRA", "2024-03-01", Other),
            ],
            trainings: vec![
                Training {
                    id: 1,
                    date: d("2021-05-01"),
                    title: "a".into(),
                    officials: 30,
                    parties: vec!["AUT".into(), "KEN".into()],
                    languages: vec![TrainingLanguage::En],
                },
                Training {
                    id: 2,
                    date: d("2023-05-01"),
                    title: "b".into(),
                    officials: 12,
                    parties: vec!["KEN".into(), "BRA".into()],
                    languages: vec![TrainingLanguage::Pt, TrainingLanguage::En],
                },
            ],
            ..Default::default()
        };
        let f = figures(&reg, d("2024-02-29"));
        // FRA's request of 1 March does not exist yet on 29 February.
        assert_eq!(f.assistance.requests, 3);
        assert_eq!(f.assistance.parties, 2);
        assert_eq!(f.assistance.by_category["general_training"], 2);
        assert_eq!(f.assistance.by_category["briefings"], 1);
        assert_eq!(f.assistance.by_category["other"], 0);
        assert_eq!(
            f.assistance.by_category.len(),
            AssistanceCategory::ALL.len()
        );
        // 30 + 12 officials; AUT, KEN, BRA (KEN counted once).
        assert_eq!(f.training.officials, 42);
        assert_eq!(f.training.parties, 3);
        assert_eq!(
            f.training_paragraph(),
            "Since 2021, UNODC has provided briefings and training to 42 government officials from 3 States parties, in English and Portuguese."
        );
        assert_eq!(
            f.assistance_paragraph(),
            "The secretariat received a total of 3 requests by 2 States, as follows: 2 requests for general training on the aspects and stages of the Mechanism; and 1 request for regular briefings on the status of the Mechanism."
        );
        let earlier = figures(&reg, d("2021-12-31"));
        assert_eq!(earlier.assistance.requests, 0);
        assert_eq!(earlier.training.officials, 30);
    }

    #[test]
    fn the_translation_paragraph_words_the_paper() {
        let reg = Registers {
            translation_requests: vec![TranslationRequest {
                id: 1,
                review: 3,
                date: d("2023-06-01"),
                document: DocumentKind::Saq,
                from: Language::En,
                to: Language::Fr,
            }],
            ..Default::default()
        };
        let f = figures(&reg, d("2024-02-29"));
        assert_eq!(f.translation_requests, 1);
        assert_eq!(
            f.translation_paragraph(),
            "To date, the secretariat has responded to one request for machine translation, facilitating the translation of a self-assessment questionnaire from English into French."
        );
        assert_eq!(figures(&reg, d("2023-05-31")).translation_requests, 0);
    }

    #[test]
    fn a_publication_agreed_later_is_not_yet_agreed() {
        let doc = ReviewDocument {
            review: 1,
            kind: DocumentKind::Saq,
            available: d("2022-01-10"),
            published: Some(d("2022-03-01")),
        };
        let reg = Registers {
            documents: vec![doc.clone()],
            ..Default::default()
        };
        assert_eq!(reg.as_at(d("2022-02-01")).documents[0].published, None);
        assert!(reg.as_at(d("2022-01-01")).documents.is_empty());
        assert!(doc.published_on(d("2022-03-01")));
        assert!(!doc.published_on(d("2022-02-28")));
        let bad = ReviewDocument {
            published: Some(d("2022-01-09")),
            ..doc
        };
        assert_eq!(check_document(&bad).unwrap_err().field, "published");
    }

    #[test]
    fn one_focal_point_per_party_per_review_at_a_time() {
        let r = review(7, "AUT", ["FRA", "KEN"]);
        let a = person(1, "AUT", "2022-01-01", Some("2023-01-01"));
        let b = person(2, "AUT", "2023-01-01", None);
        let c = person(3, "AUT", "2022-06-01", None);
        // b follows a the day a ends: no overlap.
        assert!(check_scope(&b, &r, &[(&a, Some(7))]).is_ok());
        // c overlaps a (June to December 2022).
        let e = check_scope(&c, &r, &[(&a, Some(7))]).unwrap_err();
        assert_eq!(e.field, "review");
        // A scope to another review is no obstacle.
        assert!(check_scope(&c, &r, &[(&a, Some(8))]).is_ok());
        // Only a party of the review, and only a focal point.
        let x = person(4, "BRA", "2022-01-01", None);
        assert_eq!(check_scope(&x, &r, &[]).unwrap_err().field, "review");
        let mut expert = person(5, "AUT", "2022-01-01", None);
        expert.role = Role::Expert;
        assert_eq!(check_scope(&expert, &r, &[]).unwrap_err().field, "person");
    }

    #[test]
    fn focal_points_are_counted_per_review() {
        // AUT: one focal point for its own review 1, one for review 2 where
        // it reviews, one unscoped for the rest (review 3): none doubled.
        let desk = Desk {
            reviews: vec![
                review(1, "AUT", ["FRA", "KEN"]),
                review(2, "FRA", ["AUT", "KEN"]),
                review(3, "KEN", ["AUT", "FRA"]),
            ],
            people: vec![
                person(1, "AUT", "2021-01-01", None),
                person(2, "AUT", "2021-01-01", None),
                person(3, "AUT", "2021-01-01", None),
                person(4, "FRA", "2021-01-01", None),
                person(5, "FRA", "2021-01-01", None),
            ],
            ..Default::default()
        };
        let scopes = [
            FocalPointScope {
                person: 1,
                review: 1,
            },
            FocalPointScope {
                person: 2,
                review: 2,
            },
        ];
        let day = d("2024-02-29");
        let found = focal_points_per_review(&desk, &scopes, day);
        // FRA's two unscoped focal points both cover each of its three reviews.
        assert_eq!(
            found,
            vec![
                ("FRA".into(), 1, 2),
                ("FRA".into(), 2, 2),
                ("FRA".into(), 3, 2)
            ]
        );
    }

    #[test]
    fn training_and_translation_rules_name_the_field() {
        let t = Training {
            id: 0,
            date: d("2023-01-01"),
            title: "x".into(),
            officials: 3,
            parties: vec!["AUT".into()],
            languages: vec![],
        };
        assert_eq!(check_training(&t).unwrap_err().field, "languages");
        let t = Training {
            languages: vec![TrainingLanguage::Pt],
            ..t
        };
        assert!(check_training(&t).is_ok());
        assert_eq!(TrainingLanguage::Pt.name(), "Portuguese");
        assert_eq!(TrainingLanguage::Zh.name(), "Chinese");
    }
}
