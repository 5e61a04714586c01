//! The registers from the command line (DESIGN.md section 7): assistance
//! requests and needs, training delivered, translation requests, documents
//! of a review, why languages are pending, focal points scoped to a review.
//! Each command is one audited write; a bad value names its field.

use super::party_arg::resolve;
use super::{date_arg, enum_arg};
use crate::domain::model::{Language, Text};
use crate::domain::registers::{
    AssistanceCategory, AssistanceNeed, AssistanceRequest, AssistanceStatus, DocumentKind,
    LanguagesPending, PendingReason, ReviewDocument, Training, TrainingLanguage,
    TranslationRequest,
};
use crate::domain::text::sanitize;
use crate::store::Store;
use crate::store::register_rows::RegisterRef;
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AssistanceAction {
    /// Record a party's request for technical assistance (paragraph 42).
    Add {
        /// The party asking (code or name, e.g. KEN).
        #[arg(long, value_name = "CODE")]
        party: String,
        /// general_training, platform_training, briefings, saq_training,
        /// coordination, saq_support or other.
        #[arg(long, value_parser = enum_arg::<AssistanceCategory>)]
        category: AssistanceCategory,
        /// open, in_progress, met or declined.
        #[arg(long, default_value = "open", value_parser = enum_arg::<AssistanceStatus>)]
        status: AssistanceStatus,
        /// Date of the request; default today.
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
        /// What was asked for (needed for category other).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record a need identified in a review's list of observations (paragraph 37).
    Need {
        /// The review whose list of observations identified the need.
        #[arg(long, value_name = "ID")]
        review: i64,
        /// The kind of assistance needed (the categories of `assistance add`).
        #[arg(long, value_parser = enum_arg::<AssistanceCategory>)]
        category: AssistanceCategory,
        /// What is needed, in the list's words.
        #[arg(long)]
        description: String,
        /// Date the need was identified; default today.
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// Delete a request recorded by mistake (the audit log keeps it).
    Delete {
        /// The request's id, as `assistance add` printed it.
        id: i64,
    },
    /// Delete a need recorded by mistake (the audit log keeps it).
    DeleteNeed {
        /// The need's id, as `assistance need` printed it.
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrainingAction {
    /// Record a training or briefing delivered (paragraph 43).
    Add {
        /// Date it was held; default today.
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
        /// What it was called.
        #[arg(long, default_value = "Training on the review process")]
        title: String,
        /// How many government officials took part.
        #[arg(long)]
        officials: u32,
        /// The parties they came from, e.g. AUT,KEN.
        #[arg(long, value_name = "CODES", value_delimiter = ',', required = true)]
        parties: Vec<String>,
        /// Languages it was given in (ar zh en fr ru es pt), e.g. en,pt.
        #[arg(long, value_delimiter = ',', required = true, value_parser = enum_arg::<TrainingLanguage>)]
        languages: Vec<TrainingLanguage>,
    },
    /// Delete a training recorded by mistake (the audit log keeps it).
    Delete {
        /// The training's id, as `training add` printed it.
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum TranslationAction {
    /// Record a request for a working translation of a review's document (paragraph 50).
    Add {
        /// The review the document belongs to.
        #[arg(long, value_name = "ID")]
        review: i64,
        /// saq, feedback, observations or summary.
        #[arg(long, value_parser = enum_arg::<DocumentKind>)]
        document: DocumentKind,
        /// The language it is written in (ar zh en fr ru es).
        #[arg(long, value_parser = enum_arg::<Language>)]
        from: Language,
        /// The language wanted (ar zh en fr ru es).
        #[arg(long, value_parser = enum_arg::<Language>)]
        to: Language,
        /// Date of the request; default today.
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// Delete a translation request recorded by mistake (the audit log keeps it).
    Delete {
        /// The request's id, as `translation add` printed it.
        id: i64,
    },
}

/// `revdesk document`: a document of a review became available, and the
/// party may have agreed to publish it.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The review the document belongs to.
    #[arg(long, value_name = "ID")]
    pub review: i64,
    /// saq, feedback, observations or summary.
    #[arg(long, value_parser = enum_arg::<DocumentKind>)]
    pub kind: DocumentKind,
    /// The day it became available to the parties.
    #[arg(long, value_parser = date_arg, required_unless_present = "delete")]
    pub available: Option<NaiveDate>,
    /// The day the party agreed to publish it on the Mechanism's website.
    #[arg(long, value_parser = date_arg, conflicts_with = "delete")]
    pub published: Option<NaiveDate>,
    /// Delete the record of this document instead (the audit log keeps it).
    #[arg(long, conflicts_with = "available")]
    pub delete: bool,
}

/// `revdesk languages-pending`: why a review has no languages yet.
#[derive(Debug, Args)]
pub struct PendingArgs {
    /// The review whose languages are pending.
    #[arg(long, value_name = "ID")]
    pub review: i64,
    /// under_discussion or lack_of_resources.
    #[arg(long, value_parser = enum_arg::<PendingReason>, required_unless_present = "clear")]
    pub reason: Option<PendingReason>,
    /// Date noted; default today.
    #[arg(long, value_parser = date_arg)]
    pub date: Option<NaiveDate>,
    /// Remove the note instead.
    #[arg(long, conflicts_with = "reason")]
    pub clear: bool,
}

/// `revdesk scope`: a focal point for one review only (paragraph 13).
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// The focal point (a person id, as `contacts` lists them).
    #[arg(long, value_name = "ID")]
    pub person: i64,
    /// The review the focal point coordinates.
    #[arg(long, value_name = "ID", required_unless_present = "all")]
    pub review: Option<i64>,
    /// Back to every review of the party that has no focal point of its own.
    #[arg(long, conflicts_with = "review")]
    pub all: bool,
}

pub fn assistance(store: &mut Store, action: &AssistanceAction, today: NaiveDate) -> Result<i32> {
    match action {
        AssistanceAction::Add {
            party,
            category,
            status,
            date,
            note,
        } => {
            let party = resolve(&store.parties()?, "--party", party)?;
            let (r, _) = store.write(|w| {
                w.add_record(&AssistanceRequest {
                    id: 0,
                    party: Text::from(party.as_str()),
                    date: date.unwrap_or(today),
                    category: *category,
                    status: *status,
                    note: note.clone(),
                })
            })?;
            println!(
                "assistance request {}: {} asked for {} on {} ({})",
                r.id,
                r.party,
                r.category.short_label(),
                r.date,
                r.status.label()
            );
        }
        AssistanceAction::Need {
            review,
            category,
            description,
            date,
        } => {
            let (n, _) = store.write(|w| {
                w.add_record(&AssistanceNeed {
                    id: 0,
                    review: *review,
                    identified: date.unwrap_or(today),
                    category: *category,
                    description: description.clone(),
                })
            })?;
            println!(
                "assistance need {}: review {} needs {} (identified {})",
                n.id,
                n.review,
                n.category.short_label(),
                n.identified
            );
        }
        AssistanceAction::Delete { id } => return delete(store, RegisterRef::Request(*id)),
        AssistanceAction::DeleteNeed { id } => return delete(store, RegisterRef::Need(*id)),
    }
    Ok(0)
}

/// Deletes one register row, audited, and says what it held.
fn delete(store: &mut Store, r: RegisterRef) -> Result<i32> {
    let before = store.write(|w| w.delete_register(r, None, "delete"))?;
    println!(
        "deleted {} {}: {} (the audit log keeps it)",
        r.entity().replace('_', " "),
        r.key_text(),
        sanitize(&before.summary())
    );
    Ok(0)
}

pub fn training(store: &mut Store, action: &TrainingAction, today: NaiveDate) -> Result<i32> {
    let (date, title, officials, parties, languages) = match action {
        TrainingAction::Add {
            date,
            title,
            officials,
            parties,
            languages,
        } => (date, title, officials, parties, languages),
        TrainingAction::Delete { id } => return delete(store, RegisterRef::Training(*id)),
    };
    let known = store.parties()?;
    let parties = parties
        .iter()
        .map(|p| resolve(&known, "--parties", p).map(Text::from))
        .collect::<Result<Vec<Text>>>()?;
    let (t, _) = store.write(|w| {
        w.add_record(&Training {
            id: 0,
            date: date.unwrap_or(today),
            title: title.clone(),
            officials: *officials,
            parties: parties.clone(),
            languages: languages.clone(),
        })
    })?;
    println!(
        "training {}: {} officials from {} parties on {}",
        t.id,
        t.officials,
        t.parties.len(),
        t.date
    );
    Ok(0)
}

pub fn translation(store: &mut Store, action: &TranslationAction, today: NaiveDate) -> Result<i32> {
    let (review, document, from, to, date) = match action {
        TranslationAction::Add {
            review,
            document,
            from,
            to,
            date,
        } => (review, document, from, to, date),
        TranslationAction::Delete { id } => return delete(store, RegisterRef::Translation(*id)),
    };
    let (t, _) = store.write(|w| {
        w.add_record(&TranslationRequest {
            id: 0,
            review: *review,
            date: date.unwrap_or(today),
            document: *document,
            from: *from,
            to: *to,
        })
    })?;
    println!(
        "translation request {}: review {} {} from {} into {} on {}",
        t.id, t.review, t.document, t.from, t.to, t.date
    );
    Ok(0)
}

pub fn document(store: &mut Store, a: &DocumentArgs) -> Result<i32> {
    let available = match a.available {
        Some(d) if !a.delete => d,
        _ => return delete(store, RegisterRef::Document(a.review, a.kind)),
    };
    let d = ReviewDocument {
        review: a.review,
        kind: a.kind,
        available,
        published: a.published,
    };
    let (before, _, _) = store.write(|w| w.put_record(&d, None))?;
    let published = match d.published {
        Some(p) => format!(", published {p}"),
        None => ", not published".to_string(),
    };
    println!(
        "review {}: {} available {}{published}{}",
        d.review,
        d.kind.label(),
        d.available,
        if before.is_some() { " (corrected)" } else { "" }
    );
    Ok(0)
}

pub fn languages_pending(store: &mut Store, a: &PendingArgs, today: NaiveDate) -> Result<i32> {
    match a.reason {
        Some(reason) => {
            let p = LanguagesPending {
                review: a.review,
                reason,
                noted: a.date.unwrap_or(today),
            };
            store.write(|w| w.put_languages_pending(&p))?;
            println!("review {}: languages {}", p.review, reason.label());
        }
        None => {
            store.write(|w| w.clear_languages_pending(a.review))?;
            println!("review {}: no pending-language note", a.review);
        }
    }
    Ok(0)
}

pub fn scope(store: &mut Store, a: &ScopeArgs) -> Result<i32> {
    let review = if a.all { None } else { a.review };
    store.write(|w| w.scope_focal_point(a.person, review))?;
    match review {
        Some(r) => println!("person {}: focal point for review {r} only", a.person),
        None => println!("person {}: focal point for the party's reviews", a.person),
    }
    Ok(0)
}
