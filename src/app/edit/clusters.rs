//! The Mechanism over time from the app: starting the first group's next
//! cluster from Figures (the form states the gate first), and on Parties
//! adding a party that joined after the draw, recording a ratification of
//! or accession to a Protocol, and assigning a party to a group. Each save
//! is one audited transaction in the store, checked by the same domain
//! rules as `revdesk cluster start` and `revdesk party`; none is undone
//! with `u` (a start carries a draw record, a party its history).

use super::*;
use crate::domain::accession::{self, FieldError, PartyChange};
use crate::domain::clusters::following;
use crate::domain::gate;
use crate::domain::next_cluster::{self, StartError, StartRequest};

/// Most characters of a party's name.
const MAX_NAME: usize = 200;

fn region_choices(none: &str) -> Vec<Choice> {
    std::iter::once(Choice::new("", none))
        .chain(
            Region::ALL
                .iter()
                .map(|r| Choice::new(r.as_str(), r.as_str())),
        )
        .collect()
}

/// The form field named by a command-line option (`--pairs-as` -> `pairs_as`).
fn field_of(option: &str) -> String {
    option.trim_start_matches('-').replace('-', "_")
}

impl App {
    /// Opens the form that starts the first group's next cluster, stating
    /// the gate as at the session's date (the Figures pane's command).
    pub(in crate::app) fn open_start_cluster_form(&mut self) {
        let from = self.cluster();
        let Some(next) = following(from) else {
            return self.say(format!("cluster {from} is the last of the workplan"));
        };
        let whole = self.whole_desk().desk();
        let group = gate::first_group(whole, from);
        let g = gate::gate(whole, from, group, self.data.threshold, self.as_of());
        let carried = whole
            .reviews
            .iter()
            .filter(|r| r.group == group && r.cluster == from)
            .count();
        let state = if g.open {
            let day = g.opened.map_or("now".into(), |d| d.to_string());
            format!("open since {day}")
        } else {
            "closed: give the Conference's decision".to_string()
        };
        let fields = vec![
            Field::date("date", "Start", Some(self.today), false),
            Field::text("decision", "Decision", "", MAX_NAME)
                .hint("the Conference's decision, when the gate is closed"),
        ];
        self.open_form(Form {
            kind: FormKind::StartCluster {
                cluster: next,
                group,
            },
            title: format!("Start cluster {next} for group {group}"),
            facts: vec![
                format!(
                    "Gate as at {}: {} of {} concluded (group {group}, cluster {from})",
                    self.as_of(),
                    g.concluded,
                    g.reviews
                ),
                format!("{} needed ({}): {state}", g.needed, g.threshold.per_cent()),
                format!("{carried} reviews carried, same reviewers, from the start day"),
                "Rule (c) is checked again on that day.".into(),
            ],
            fields: Fields::new(fields, self.today),
            base: None,
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    /// Opens the form that adds a party (Parties).
    pub(in crate::app) fn open_add_party_form(&mut self) {
        let kinds = PartyKind::ALL
            .iter()
            .map(|k| Choice::new(k.as_str(), k.as_str()))
            .collect();
        let fields = vec![
            Field::text("code", "Code", "", 8)
                .required()
                .hint("2 to 8 capitals or digits (ISO alpha-3)"),
            Field::text("name", "Name", "", MAX_NAME).required(),
            Field::choice("kind", "Kind", kinds, "state"),
            Field::choice(
                "region",
                "Region",
                region_choices("none (an organization)"),
                "",
            ),
            Field::choice("pairs_as", "Pairs as", region_choices("its own region"), ""),
            Field::date("convention", "Convention", None, false),
            Field::date("tip", "TIP Protocol", None, true),
            Field::date("som", "SOM Protocol", None, true),
            Field::date("fa", "FA Protocol", None, true),
        ];
        self.open_form(Form {
            kind: FormKind::AddParty,
            title: "Add a party that joined after the draw".into(),
            facts: vec!["It awaits a group: assign it with the group key once added.".into()],
            fields: Fields::new(fields, self.today),
            base: None,
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    /// Opens the form recording a ratification of or accession to a
    /// Protocol by the selected party.
    pub(in crate::app) fn open_treaty_form(&mut self, code: &str) {
        let Some(p) = self.whole_desk().party(code).cloned() else {
            return;
        };
        let i = &p.instruments;
        let fields = vec![
            Field::date("tip", "TIP Protocol", i.tip, true),
            Field::date("som", "SOM Protocol", i.som, true),
            Field::date("fa", "FA Protocol", i.fa, true),
        ];
        self.open_form(Form {
            kind: FormKind::Treaty {
                party: code.to_string(),
            },
            title: format!("Protocols of {}", safe(&p.name)),
            facts: vec![format!(
                "Bound by the Convention from {}; a Protocol's date is not before it.",
                i.convention.map_or("-".into(), |d| d.to_string())
            )],
            fields: Fields::new(fields, self.today),
            base: None,
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    /// Opens the form assigning the selected party to a group.
    pub(in crate::app) fn open_assign_form(&mut self, code: &str) {
        let Some(p) = self.whole_desk().party(code).cloned() else {
            return;
        };
        let next = self
            .whole_desk()
            .groups
            .iter()
            .map(|g| g.number)
            .max()
            .unwrap_or(0)
            + 1;
        let fields = vec![
            Field::text("group", "Group", &next.to_string(), 4).required(),
            Field::date("start", "Start", None, true).hint("a new group's start (YYYY-MM-DD)"),
        ];
        let now = p
            .group
            .map_or("no group yet".into(), |g| format!("group {g}"));
        self.open_form(Form {
            kind: FormKind::AssignGroup {
                party: code.to_string(),
            },
            title: format!("Assign {} to a group", safe(&p.name)),
            facts: vec![format!(
                "{code} is in {now}; then draw its review (revdesk draw --group G)."
            )],
            fields: Fields::new(fields, self.today),
            base: None,
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    /// Saves one of the forms above. Returns the form when it stays open.
    pub(in crate::app) fn save_over_time(&mut self, mut form: Box<Form>) -> Option<Box<Form>> {
        let result = match form.kind.clone() {
            FormKind::StartCluster { cluster, group } => self.write_start(&form, cluster, group),
            FormKind::AddParty => self.write_new_party(&form),
            FormKind::Treaty { party } => self.write_treaty(&form, &party),
            FormKind::AssignGroup { party } => self.write_assignment(&form, &party),
            _ => return Some(form),
        };
        match result {
            Ok(msg) => {
                if let Err(e) = self.reload_from_store() {
                    self.say(format!("{msg}; the desk could not be read again: {e}"));
                } else {
                    self.say(msg);
                }
                None
            }
            Err(Refusal::Field(key, msg)) => {
                if !form.fields.fail(&key, &msg) {
                    form.notice = Some(format!("{key}: {msg}"));
                }
                form.fields.focus_first_error();
                self.form_notice(&mut form, "refused; nothing was saved");
                Some(form)
            }
            Err(Refusal::Store(e)) => {
                self.form_error(&mut form, e);
                Some(form)
            }
        }
    }

    fn whole_from_store(&self) -> Result<Desk, Refusal> {
        match &self.store {
            Some(s) => s.load_desk().map_err(Refusal::Store),
            None => Err(Refusal::Store(StoreError::Invalid("no store".into()))),
        }
    }

    fn store_writes<T>(
        &mut self,
        f: impl FnOnce(&crate::store::Writer<'_>) -> Result<T, StoreError>,
    ) -> Result<T, Refusal> {
        match self.store.as_mut() {
            Some(s) => s.write(f).map_err(Refusal::Store),
            None => Err(Refusal::Store(StoreError::Invalid("no store".into()))),
        }
    }

    fn write_start(&mut self, form: &Form, cluster: u32, group: u32) -> Result<String, Refusal> {
        let fs = &form.fields;
        let date = fs
            .get("date")
            .and_then(|f| f.date_value(self.today))
            .ok_or_else(|| Refusal::Field("date".into(), "a date is needed".into()))?;
        let decision = fs
            .get("decision")
            .and_then(|f| f.text_value())
            .filter(|d| !d.trim().is_empty());
        let desk = self.whole_from_store()?;
        let req = StartRequest {
            cluster,
            group,
            date,
            decision,
            threshold: self.data.threshold,
            rules: Rules::default(),
            seed: draws::fresh_seed(),
        };
        let plan = next_cluster::plan(&desk, &req).map_err(|e| match e {
            StartError::GateClosed { .. } => Refusal::Field("decision".into(), e.to_string()),
            StartError::Field { field, message } => Refusal::Field(field_of(field), message),
            other => Refusal::Field("date".into(), other.to_string()),
        })?;
        let (before, _) = plan.pairings(&desk);
        let ids = self.store_writes(|w| w.start_cluster(&plan, &req, &before))?;
        self.cluster_choice = Some(cluster);
        Ok(format!(
            "started cluster {cluster} for group {group} on {date}: {} reviews, {} additional reviewer{} (rule c)",
            ids.len(),
            plan.extras.len(),
            if plan.extras.len() == 1 { "" } else { "s" }
        ))
    }

    fn write_new_party(&mut self, form: &Form) -> Result<String, Refusal> {
        let fs = &form.fields;
        let text = |k: &str| fs.get(k).and_then(|f| f.text_value()).unwrap_or_default();
        let choice = |k: &str| fs.get(k).map(|f| f.value()).unwrap_or_default();
        let date = |k: &str| fs.get(k).and_then(|f| f.date_value(self.today));
        let region = |k: &'static str| -> Result<Option<Region>, Refusal> {
            let v = choice(k);
            if v.is_empty() {
                return Ok(None);
            }
            accession::region(k, &v).map(Some).map_err(refusal)
        };
        let party = Party {
            code: Text::from(text("code").trim()),
            name: Text::from(text("name").trim()),
            kind: choice("kind").parse().unwrap_or(PartyKind::State),
            regional_group: region("region")?,
            pairs_as: region("pairs_as")?,
            group: None,
            instruments: Instruments {
                convention: date("convention"),
                tip: date("tip"),
                som: date("som"),
                fa: date("fa"),
            },
        };
        let desk = self.whole_from_store()?;
        accession::check_new(&desk, &party).map_err(refusal)?;
        self.store_writes(|w| w.add_party(&party))?;
        Ok(format!(
            "added {} ({}); it awaits a group",
            safe(&party.name),
            party.code
        ))
    }

    fn write_treaty(&mut self, form: &Form, code: &str) -> Result<String, Refusal> {
        let date = |k: &str| form.fields.get(k).and_then(|f| f.date_value(self.today));
        let desk = self.whole_from_store()?;
        let old = desk
            .party(code)
            .map(|p| p.instruments.clone())
            .unwrap_or_default();
        let changed =
            |new: Option<NaiveDate>, old: Option<NaiveDate>| new.filter(|d| Some(*d) != old);
        let change = PartyChange {
            name: None,
            tip: changed(date("tip"), old.tip),
            som: changed(date("som"), old.som),
            fa: changed(date("fa"), old.fa),
        };
        if change.is_empty() {
            return Err(Refusal::Field(
                "tip".into(),
                "no Protocol date changed".into(),
            ));
        }
        let party = accession::changed(&desk, code, &change).map_err(refusal)?;
        self.store_writes(|w| w.put_party(&party))?;
        Ok(format!("recorded the Protocols of {code}"))
    }

    fn write_assignment(&mut self, form: &Form, code: &str) -> Result<String, Refusal> {
        let fs = &form.fields;
        let group: u32 = fs
            .get("group")
            .and_then(|f| f.text_value())
            .and_then(|t| t.trim().parse().ok())
            .ok_or_else(|| Refusal::Field("group".into(), "a group number from 1".into()))?;
        let start = fs.get("start").and_then(|f| f.date_value(self.today));
        let desk = self.whole_from_store()?;
        let starts: Vec<(u32, u32, NaiveDate)> = match &self.store {
            Some(s) => s
                .cluster_starts()
                .map_err(Refusal::Store)?
                .iter()
                .map(|c| (c.cluster, c.group, c.start))
                .collect(),
            None => Vec::new(),
        };
        let a = accession::assign(&desk, code, group, start, &starts).map_err(refusal)?;
        self.store_writes(|w| w.assign_party(code, group, a.new_group))?;
        Ok(match a.new_group {
            Some(s) => format!("assigned {code} to the new group {group}, starting {s}"),
            None => format!("assigned {code} to group {group}"),
        })
    }
}

/// Why a save of these forms did not happen.
enum Refusal {
    /// A field to put right (its key) and why.
    Field(String, String),
    Store(StoreError),
}

fn refusal(e: FieldError) -> Refusal {
    Refusal::Field(field_of(e.field), e.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_name_their_fields() {
        assert_eq!(field_of("--pairs-as"), "pairs_as");
        assert_eq!(field_of("--tip"), "tip");
    }
}
