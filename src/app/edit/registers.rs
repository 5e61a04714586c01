//! The forms of the registers (DESIGN.md section 7): a request for
//! assistance, a need, a training, a translation request (new or read
//! fresh from the store to edit), a review's documents; and the question
//! before a register row is deleted.

use super::*;
use crate::domain::figures::language_name;
use crate::domain::registers::{
    AssistanceCategory, AssistanceNeed, AssistanceRequest, AssistanceStatus, DocumentKind,
    Training, TranslationRequest,
};
use crate::store::register_rows::{RegisterRef, RegisterSnapshot};

fn categories() -> Vec<Choice> {
    AssistanceCategory::ALL
        .iter()
        .map(|c| Choice::new(c.as_str(), c.short_label()))
        .collect()
}

fn documents() -> Vec<Choice> {
    DocumentKind::ALL
        .iter()
        .map(|d| Choice::new(d.as_str(), d.label()))
        .collect()
}

fn languages() -> Vec<Choice> {
    Language::ALL
        .iter()
        .map(|l| Choice::new(l.as_str(), language_name(*l)))
        .collect()
}

/// The register row of a pane row.
pub fn register_ref(kind: RowKind, id: i64) -> RegisterRef {
    match kind {
        RowKind::Request => RegisterRef::Request(id),
        RowKind::Need => RegisterRef::Need(id),
        RowKind::Training => RegisterRef::Training(id),
        RowKind::Translation => RegisterRef::Translation(id),
    }
}

impl App {
    /// After a save of a register row: the Assistance pane selects it.
    pub(in crate::app) fn follow_register(&mut self, change: &SavedChange) {
        let followed = change.steps.iter().find_map(|s| match s.record() {
            RecordRef::Register(RegisterRef::Request(id)) => Some((RowKind::Request, id)),
            RecordRef::Register(RegisterRef::Need(id)) => Some((RowKind::Need, id)),
            RecordRef::Register(RegisterRef::Training(id)) => Some((RowKind::Training, id)),
            RecordRef::Register(RegisterRef::Translation(id)) => Some((RowKind::Translation, id)),
            _ => None,
        });
        if let Some((kind, id)) = followed {
            self.assistance.follow(kind, id);
            self.prepare(self.pane);
        }
    }

    /// A register row with its version, read fresh from the store.
    fn register_read(&mut self, r: RegisterRef) -> Option<(RegisterSnapshot, i64)> {
        let store = self.store.as_ref()?;
        match store.register(r) {
            Ok(x) => Some(x),
            Err(e) => {
                self.say(format!("cannot read {} {}: {e}", r.entity(), r.key_text()));
                None
            }
        }
    }

    /// The form of a register row of kind `kind`: new (`id` none), or row
    /// `id` read fresh from the store.
    pub(in crate::app) fn open_register(&mut self, kind: RowKind, id: Option<i64>) {
        let stored = match id {
            Some(id) => match self.register_read(register_ref(kind, id)) {
                Some(x) => Some(x),
                None => return,
            },
            None => None,
        };
        let (row, version) = match stored {
            Some((row, v)) => (Some(row), Some(v)),
            None => (None, None),
        };
        let (fields, what, fact) = self.register_fields(kind, row.as_ref());
        let title = match id {
            Some(id) => format!("{what} {id}"),
            None => format!("Record a {}", what.to_lowercase()),
        };
        let kind = FormKind::Register { kind, id, version };
        self.open_new_form(kind, title, vec![fact.into()], fields);
    }

    /// The fields of a register form, what it records, and the paper's word.
    fn register_fields(
        &self,
        kind: RowKind,
        row: Option<&RegisterSnapshot>,
    ) -> (Vec<Field>, &'static str, &'static str) {
        let day = self.form_date();
        let review = self
            .current_review()
            .map(|r| r.to_string())
            .unwrap_or_default();
        match (kind, row) {
            (RowKind::Request, Some(RegisterSnapshot::Request(r))) => {
                self.request_fields(Some(r), day)
            }
            (RowKind::Request, _) => self.request_fields(None, day),
            (RowKind::Need, Some(RegisterSnapshot::Need(n))) => need_fields(Some(n), review, day),
            (RowKind::Need, _) => need_fields(None, review, day),
            (RowKind::Training, Some(RegisterSnapshot::Training(t))) => {
                training_fields(Some(t), day)
            }
            (RowKind::Training, _) => training_fields(None, day),
            (RowKind::Translation, Some(RegisterSnapshot::Translation(t))) => {
                translation_fields(Some(t), review, day)
            }
            (RowKind::Translation, _) => translation_fields(None, review, day),
        }
    }

    fn request_fields(&self, r: Option<&AssistanceRequest>, day: NaiveDate) -> FormFields {
        let party = r
            .map(|r| r.party.to_string())
            .or_else(|| self.current_party_code())
            .unwrap_or_default();
        let statuses = AssistanceStatus::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), s.label()))
            .collect();
        let fields = vec![
            Field::text("party", "Party (code)", &party, 8).required(),
            category_field(r.map(|r| r.category)),
            Field::choice(
                "status",
                "Status",
                statuses,
                r.map_or("open", |r| r.status.as_str()),
            ),
            Field::date(
                "date",
                "Received on",
                Some(r.map_or(day, |r| r.date)),
                false,
            ),
            Field::text("note", "Note", r.map_or("", |r| r.note.as_str()), 500),
        ];
        let fact = "paragraph 42: what a party asked the secretariat for";
        (fields, "Request for assistance", fact)
    }

    /// The documents form of `review`: the first kind whose milestone is
    /// reached and no document recorded yet, else the last recorded.
    pub(in crate::app) fn open_documents(&mut self, review: i64) {
        let Some(r) = self.desk.reviews.iter().find(|r| r.id == review).cloned() else {
            return self.say(format!("no review {review}"));
        };
        let recorded: Vec<&crate::domain::registers::ReviewDocument> = self
            .registers
            .documents
            .iter()
            .filter(|d| d.review == review)
            .collect();
        let due = DocumentKind::ALL.iter().copied().find(|k| {
            r.milestones.get(k.milestone()).is_some() && recorded.iter().all(|d| d.kind != *k)
        });
        let last = recorded.last().map(|d| (*d).clone());
        let (kind, doc) = match (due, last) {
            (Some(k), _) => (k, None),
            (None, Some(d)) => (d.kind, Some(d)),
            (None, None) => {
                return self.say(format!(
                    "review #{review} has no document yet: its SAQ responses come first"
                ));
            }
        };
        let available = doc
            .as_ref()
            .map(|d| d.available)
            .or_else(|| r.milestones.get(kind.milestone()));
        let mut facts = vec![self.review_label(&r)];
        for d in &recorded {
            facts.push(format!(
                "{}: available {}{}",
                d.kind.label(),
                d.available,
                d.published
                    .map_or(", not published".to_string(), |p| format!(
                        ", published {p}"
                    ))
            ));
        }
        let fields = vec![
            Field::choice("kind", "Document", documents(), kind.as_str()),
            Field::date("available", "Available on", available, false),
            Field::date(
                "published",
                "Publication agreed on",
                doc.and_then(|d| d.published),
                true,
            ),
        ];
        let title = format!("Documents of review #{review}");
        self.open_new_form(FormKind::Document { review }, title, facts, fields);
    }

    /// Opens a form that edits no record in place (no base to merge).
    fn open_new_form(
        &mut self,
        kind: FormKind,
        title: String,
        facts: Vec<String>,
        fields: Vec<Field>,
    ) {
        self.open_form(Form {
            kind,
            title,
            facts,
            fields: Fields::new(fields, self.today),
            base: None,
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    /// The documents form of the selected party's own review: in the
    /// cluster shown, else its latest.
    pub(in crate::app) fn open_party_documents(&mut self) {
        let Some(code) = self.current_party_code() else {
            return self.say("no party selected");
        };
        let cluster = self.data.cluster;
        let own = self
            .desk
            .reviews
            .iter()
            .filter(|r| r.under_review == code.as_str())
            .max_by_key(|r| (r.cluster == cluster, r.cluster, r.id))
            .map(|r| r.id);
        match own {
            Some(review) => self.open_documents(review),
            None => self.say(format!("{} has no review of its own", sanitize(&code))),
        }
    }

    /// Asks before deleting register row `r` (entered by mistake).
    pub(in crate::app) fn ask_delete_register(&mut self, r: RegisterRef) {
        let Some((row, version)) = self.register_read(r) else {
            return;
        };
        let what = format!(
            "{} {}: {}",
            r.entity().replace('_', " "),
            r.key_text(),
            sanitize(&row.summary())
        );
        self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
            title: format!("Delete this {}?", r.entity().replace('_', " ")),
            lines: vec![
                what.clone(),
                "Only for a record entered by mistake: it leaves the register, and the".into(),
                "audit log keeps it (before = the record, after = nothing).".into(),
            ],
            verb: "delete",
            pending: Pending::Delete {
                record: RecordRef::Register(r),
                version,
                what,
            },
            choice: None,
        })));
    }
}

/// A register form's fields, what it records, and the paper's word.
type FormFields = (Vec<Field>, &'static str, &'static str);

/// The review a row is about, prefilled with the one selected.
fn review_field(stored: Option<i64>, selected: String) -> Field {
    let v = stored.map_or(selected, |r| r.to_string());
    Field::text("review", "Review (number)", &v, 8).required()
}

fn category_field(c: Option<AssistanceCategory>) -> Field {
    let c = c.unwrap_or(AssistanceCategory::GeneralTraining);
    Field::choice("category", "Category", categories(), c.as_str())
}

fn need_fields(n: Option<&AssistanceNeed>, review: String, day: NaiveDate) -> FormFields {
    let fields = vec![
        review_field(n.map(|n| n.review), review),
        category_field(n.map(|n| n.category)),
        Field::date(
            "identified",
            "Identified on",
            Some(n.map_or(day, |n| n.identified)),
            false,
        ),
        Field::text(
            "description",
            "What is needed",
            n.map_or("", |n| n.description.as_str()),
            500,
        )
        .required(),
    ];
    let fact = "paragraph 37: a need a list of observations identified";
    (fields, "Assistance need", fact)
}

fn training_fields(t: Option<&Training>, day: NaiveDate) -> FormFields {
    let parties = t.map_or(String::new(), |t| t.parties.join(","));
    let langs = t.map_or("en".to_string(), |t| {
        let l: Vec<&str> = t.languages.iter().map(|l| l.as_str()).collect();
        l.join(",")
    });
    let officials = t.map_or(String::new(), |t| t.officials.to_string());
    let title = t.map_or("Training on the review process", |t| t.title.as_str());
    let fields = vec![
        Field::date("date", "Held on", Some(t.map_or(day, |t| t.date)), false),
        Field::text("title", "Title", title, 200).required(),
        Field::text("officials", "Officials trained", &officials, 7).required(),
        Field::text("parties", "Parties (codes, a,b)", &parties, 2000).required(),
        Field::text("languages", "Languages (en,fr,…)", &langs, 40)
            .required()
            .hint("ar zh en fr ru es pt"),
    ];
    let fact = "paragraph 43: officials trained, the States they came from";
    (fields, "Training", fact)
}

fn translation_fields(
    t: Option<&TranslationRequest>,
    review: String,
    day: NaiveDate,
) -> FormFields {
    let fields = vec![
        review_field(t.map(|t| t.review), review),
        Field::choice(
            "document",
            "Document",
            documents(),
            t.map_or("saq", |t| t.document.as_str()),
        ),
        Field::choice(
            "from",
            "From",
            languages(),
            t.map_or("en", |t| t.from.as_str()),
        ),
        Field::choice("to", "Into", languages(), t.map_or("fr", |t| t.to.as_str())),
        Field::date("date", "Asked on", Some(t.map_or(day, |t| t.date)), false),
    ];
    let fact = "paragraph 50: a working translation asked of the secretariat";
    (fields, "Translation request", fact)
}
