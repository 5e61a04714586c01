//! Pane 4: every party, and beside it the selected party's details;
//! people are nominated, edited and replaced from here.

use super::{
    AuditSubject, Command, PaneUnit, cycle, exact, next_column, own, quiet, reselect, shown,
    sorted_message,
};
use crate::app::App;
use crate::app::action::Action;
use crate::app::cursor::{LineInput, ListCursor};
use crate::app::data::Derived;
use crate::app::edit::Purpose;
use crate::app::search::{fold, words};
use crate::domain::model::Region;
use crate::domain::roster::ScreenDesk;
use crate::store::StoreError;

/// The sortable columns of the Parties list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PartiesColumn {
    Code,
    #[default]
    Name,
    Region,
    Group,
    FocalPoint,
}

impl PartiesColumn {
    pub const ALL: [PartiesColumn; 5] = [
        PartiesColumn::Code,
        PartiesColumn::Name,
        PartiesColumn::Region,
        PartiesColumn::Group,
        PartiesColumn::FocalPoint,
    ];
    pub fn label(self) -> &'static str {
        match self {
            PartiesColumn::Code => "code",
            PartiesColumn::Name => "party",
            PartiesColumn::Region => "region",
            PartiesColumn::Group => "group",
            PartiesColumn::FocalPoint => "focal point",
        }
    }
    /// Its column on screen.
    pub fn column(self) -> usize {
        match self {
            PartiesColumn::Code => 0,
            PartiesColumn::Name => 1,
            PartiesColumn::Region => 2,
            PartiesColumn::Group => 3,
            PartiesColumn::FocalPoint => 5,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PartiesView {
    pub filter: LineInput,
    /// `Some(None)`: parties that belong to no group yet.
    pub group: Option<Option<u32>>,
    pub region: Option<Region>,
    pub sort: PartiesColumn,
    pub descending: bool,
    /// Party indexes, in the order chosen (ties in name order).
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
    pub detail_scroll: usize,
}

/// Party indexes ordered by UN name.
pub fn party_order(d: &Derived) -> Vec<usize> {
    let mut v: Vec<(String, usize)> = d
        .party_name
        .iter()
        .enumerate()
        .map(|(i, n)| (fold(n), i))
        .collect();
    v.sort_unstable();
    v.into_iter().map(|(_, i)| i).collect()
}

impl PartiesView {
    pub fn refilter(&mut self, desk: &ScreenDesk, d: &Derived, order: &[usize]) {
        let words = words(&self.filter.text);
        let text = d.party_text(desk);
        let mut rows: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| {
                let p = &desk.parties[i];
                self.group.is_none_or(|g| p.group == g)
                    && self.region.is_none_or(|r| p.regional_group == Some(r))
                    && words.iter().all(|w| text.row(i).contains(w.as_str()))
            })
            .collect();
        // Stable: ties stay in name order. Parties without a region,
        // group or focal point go last.
        let key = |&i: &usize| -> (u64, String) {
            let p = &desk.parties[i];
            match self.sort {
                PartiesColumn::Name => (0, String::new()),
                PartiesColumn::Code => (0, p.code.to_string()),
                PartiesColumn::Region => (
                    0,
                    p.regional_group.map_or("~".into(), |r| r.as_str().into()),
                ),
                PartiesColumn::Group => (p.group.map_or(u64::MAX, u64::from), String::new()),
                PartiesColumn::FocalPoint => {
                    use crate::app::data::FpStatus;
                    let rank = match d.fp_status.get(i) {
                        Some(FpStatus::None) | None => 0,
                        Some(FpStatus::Ended) => 1,
                        Some(FpStatus::Changed(_)) => 2,
                        Some(FpStatus::Current(_)) => 3,
                    };
                    (rank, String::new())
                }
            }
        };
        if self.sort != PartiesColumn::Name {
            rows.sort_by_cached_key(key);
        }
        if self.descending {
            rows.reverse();
        }
        let before = self.rows.get(self.cursor.selected).copied();
        reselect(&mut self.cursor, &self.rows, &rows);
        if self.rows.get(self.cursor.selected).copied() != before {
            self.detail_scroll = 0;
        }
        self.rows = exact(rows);
    }
}

/// The Parties pane.
pub struct PartiesPane;

const COMMANDS: &[Command] = {
    use Action::*;
    &[
        shown(Help),
        shown(Filter),
        shown(Open),
        own(Nominate),
        own(Edit),
        own(Substitute),
        own(EndNomination),
        own(FilterGroup),
        own(FilterRegion),
        own(DetailDown),
        own(Audit),
        own(SortNext),
        own(SortReverse),
        shown(SetAsOf),
        shown(Quit),
        quiet(Delete),
        quiet(DetailUp),
        quiet(AddParty),
        quiet(RecordProtocol),
        quiet(AssignGroup),
        quiet(EditMission),
        quiet(Documents),
    ]
};

impl App {
    fn refilter_parties(&mut self) {
        if let Some(order) = &self.party_order {
            self.parties.refilter(&self.desk, &self.data, order);
        }
    }

    /// Shows one party on the Parties pane (clearing filters that hide it).
    pub fn open_party(&mut self, p: usize) {
        self.jump(super::Pane::Parties);
        if !self.parties.rows.contains(&p) {
            self.parties.filter.clear();
            self.parties.group = None;
            self.parties.region = None;
            self.refilter_parties();
        }
        if let Some(i) = self.parties.rows.iter().position(|r| *r == p) {
            self.parties.cursor.selected = i;
            self.parties.cursor.settle(self.parties.rows.len());
            self.parties.detail_scroll = 0;
        }
    }

    /// The code of the party selected on Parties.
    fn selected_party_code(&self) -> Option<String> {
        self.parties
            .rows
            .get(self.parties.cursor.selected)
            .map(|&p| self.desk.parties[p].code.to_string())
    }
}

/// What a person command is for.
pub(in crate::app) fn purpose(action: Action) -> Purpose {
    match action {
        Action::Edit => Purpose::Edit,
        Action::EndNomination => Purpose::End,
        Action::Substitute => Purpose::Substitute,
        _ => Purpose::Delete,
    }
}

impl PaneUnit for PartiesPane {
    fn title(&self) -> &'static str {
        "Parties"
    }
    fn table(&self) -> &'static str {
        "parties"
    }
    fn show_action(&self) -> Action {
        Action::PaneParties
    }
    fn commands(&self) -> &'static [Command] {
        COMMANDS
    }
    fn prepare(&self, app: &mut App) {
        if app.party_order.is_none() {
            app.party_order = Some(party_order(&app.data));
            app.refilter_parties();
        }
    }
    fn reset(&self, app: &mut App) {
        app.party_order = None;
    }
    fn filter<'a>(&self, app: &'a App) -> Option<&'a LineInput> {
        Some(&app.parties.filter)
    }
    fn filter_mut<'a>(&self, app: &'a mut App) -> Option<&'a mut LineInput> {
        Some(&mut app.parties.filter)
    }
    fn refilter(&self, app: &mut App) {
        app.refilter_parties();
    }
    fn list<'a>(&self, app: &'a mut App) -> Option<(&'a mut ListCursor, usize)> {
        Some((&mut app.parties.cursor, app.parties.rows.len()))
    }
    fn cursor(&self, app: &App) -> Option<ListCursor> {
        Some(app.parties.cursor)
    }
    fn counts(&self, app: &App) -> Option<(usize, usize)> {
        Some((app.parties.rows.len(), app.desk.parties.len()))
    }
    fn move_selection(&self, app: &mut App, action: Action) {
        let before = app.parties.cursor.selected;
        app.parties.cursor.apply(action, app.parties.rows.len());
        if before != app.parties.cursor.selected {
            app.parties.detail_scroll = 0;
        }
    }
    fn select_first(&self, app: &mut App) {
        let c = &mut app.parties.cursor;
        c.selected = 0;
        c.offset = 0;
        c.settle(app.parties.rows.len());
        app.parties.detail_scroll = 0;
    }
    fn read_for_screen(&self, app: &mut App, _rows: usize) -> Result<(), StoreError> {
        let Some(&pi) = app.parties.rows.get(app.parties.cursor.selected) else {
            return Ok(());
        };
        // The details list the party's current people.
        let as_of = app.as_of();
        let people: Vec<usize> = app
            .data
            .people_by_party(&app.desk)
            .get(pi)
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| app.desk.people.members()[i].current(as_of))
            .collect();
        app.read_details(people)
    }
    fn open(&self, app: &mut App) {
        let Some(&p) = app.parties.rows.get(app.parties.cursor.selected) else {
            return;
        };
        match app.data.reviewed_in.get(p).first() {
            Some(&ri) => app.open_review(app.desk.reviews[ri as usize].id),
            None => app.say(format!("{} is under no review", app.data.name(p))),
        }
    }
    fn act(&self, app: &mut App, action: Action) {
        let v = &mut app.parties;
        let msg = match action {
            Action::Nominate => {
                return match app.selected_party_code() {
                    Some(code) => app.open_nominate(&code, None),
                    None => app.say("no party selected"),
                };
            }
            Action::Edit | Action::EndNomination | Action::Substitute | Action::Delete => {
                return app.pick_person(purpose(action));
            }
            Action::Audit => return app.open_audit(),
            Action::Documents => return app.open_party_documents(),
            Action::AddParty => return app.open_add_party_form(),
            Action::EditMission => {
                return match app.selected_party_code() {
                    Some(code) => app.open_mission_form(&code),
                    None => app.say("no party selected"),
                };
            }
            Action::RecordProtocol | Action::AssignGroup => {
                return match app.selected_party_code() {
                    Some(code) if action == Action::AssignGroup => app.open_assign_form(&code),
                    Some(code) => app.open_treaty_form(&code),
                    None => app.say("no party selected"),
                };
            }
            Action::DetailUp => {
                v.detail_scroll = v.detail_scroll.saturating_sub(3);
                return;
            }
            Action::DetailDown => {
                v.detail_scroll += 3;
                return;
            }
            Action::FilterGroup => {
                let mut opts: Vec<Option<u32>> = app.data.groups.iter().map(|g| Some(*g)).collect();
                opts.push(None);
                v.group = cycle(v.group, &opts);
                match v.group {
                    None => "group: all".to_string(),
                    Some(None) => "group: none yet".to_string(),
                    Some(Some(g)) => format!("group: {g}"),
                }
            }
            Action::FilterRegion => {
                v.region = cycle(v.region, Region::ALL);
                format!("regional group: {}", v.region.map_or("all", |r| r.as_str()))
            }
            Action::SortNext => {
                v.sort = next_column(&PartiesColumn::ALL, v.sort);
                sorted_message(v.sort.label(), v.descending)
            }
            Action::SortReverse => {
                v.descending = !v.descending;
                sorted_message(v.sort.label(), v.descending)
            }
            _ => return,
        };
        app.refilter_parties();
        app.say(msg);
    }
    fn current_party_code(&self, app: &App) -> Option<String> {
        app.selected_party_code()
    }
    fn audit_subject(&self, app: &App) -> Result<AuditSubject, &'static str> {
        app.selected_party_code()
            .map(AuditSubject::Party)
            .ok_or("no party selected")
    }
}
