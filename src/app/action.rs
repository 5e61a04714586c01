//! Every thing a key can do: one enum, named in the keymap by snake_case
//! strings. The help overlay and the hint bar take their text from here.

use std::fmt;

macro_rules! actions {
    ($($variant:ident => $name:literal, $desc:literal;)+) => {
        /// One user action. Keys map to actions through the keymap; the app
        /// state changes only through actions (and typed text).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];
            /// The keymap spelling.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }
            /// What it does, for the help overlay.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $desc),+ }
            }
            pub fn from_name(s: &str) -> Option<Action> {
                match s { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    Quit => "quit", "quit revdesk";
    Suspend => "suspend", "suspend revdesk to the shell (fg brings it back)";
    Palette => "palette", "list every action of this pane, to find one by typing";
    Messages => "messages", "read the last 50 status messages whole";
    Help => "help", "show or hide the keys of this pane";
    NextPane => "next_pane", "next pane";
    PrevPane => "prev_pane", "previous pane";
    PaneOverdue => "pane_overdue", "Overdue pane";
    PaneReviews => "pane_reviews", "Reviews pane";
    PaneTimeline => "pane_timeline", "Timeline pane";
    PaneParties => "pane_parties", "Parties pane";
    PaneContacts => "pane_contacts", "Contacts pane";
    PaneFigures => "pane_figures", "Figures pane";
    PaneAssistance => "pane_assistance", "Assistance pane";
    Filter => "filter", "filter this pane (type; Enter keeps, Esc clears)";
    SetAsOf => "set_as_of", "set the as-at date (YYYY-MM-DD or today)";
    ToggleTheme => "toggle_theme", "switch between dark and light theme";
    Redraw => "redraw", "reload the desk and redraw the screen";
    NextCluster => "next_cluster", "show the next thematic cluster with reviews (the header names it)";
    Back => "back", "close the overlay, or go back to the previous pane";
    Up => "up", "move up";
    Down => "down", "move down";
    Top => "top", "go to the first row";
    Bottom => "bottom", "go to the last row";
    PageUp => "page_up", "page up";
    PageDown => "page_down", "page down";
    HalfPageUp => "half_page_up", "half a page up";
    HalfPageDown => "half_page_down", "half a page down";
    Open => "open", "open the selected row";
    FilterObligation => "filter_obligation", "cycle the obligation filter";
    MarkRow => "mark_row", "mark or unmark the row for a bulk reminder";
    SendMarked => "send_marked", "send or log one reminder for each marked row (or the selected one)";
    FilterGroup => "filter_group", "cycle the review group filter";
    FilterRegion => "filter_region", "cycle the regional group filter";
    FilterStage => "filter_stage", "cycle the stage filter";
    FilterKind => "filter_kind", "cycle the kind of record shown";
    FilterCategory => "filter_category", "cycle the assistance category filter";
    ToggleDueSoon => "toggle_due_soon", "show or hide rows due soon";
    SortNext => "sort_next", "sort by the next column";
    SortReverse => "sort_reverse", "reverse the sort order";
    ReadNotes => "read_notes", "read the reminders and their notes whole";
    PrevReview => "prev_review", "previous review";
    NextReview => "next_review", "next review";
    DetailUp => "detail_up", "scroll the details up";
    DetailDown => "detail_down", "scroll the details down";
    CopyEmail => "copy_email", "copy the e-mail address to the clipboard";
    CopyCard => "copy_card", "copy the whole contact card to the clipboard";
    WriteReport => "write_report", "write the report files as at this date to a folder";
    PaceView => "pace_view", "switch between the figures and the pace of the reviews";
    StartCluster => "start_cluster", "start the first group's next cluster (states the gate first)";
    Confirm => "confirm", "keep what was typed";
    Cancel => "cancel", "clear what was typed and stop typing";
    DeleteBack => "delete_back", "delete the character before the cursor";
    ClearInput => "clear_input", "clear the line";
    CursorLeft => "cursor_left", "move the cursor left";
    CursorRight => "cursor_right", "move the cursor right";
    // Editing: each opens a form or a dialog; every save is one audited
    // transaction.
    Remind => "remind", "log a reminder for the selected obligation";
    Extend => "extend", "record an agreed extension of the selected obligation";
    MarkMet => "mark_met", "mark met: record the milestone, or nominate";
    Nominate => "nominate", "nominate a focal point, expert or observer";
    NewRecord => "new_record", "record a party's request for assistance";
    NewNeed => "new_need", "record a need identified in a list of observations";
    NewTraining => "new_training", "record a training or briefing delivered";
    NewTranslation => "new_translation", "record a request for a working translation";
    Documents => "documents", "record or correct a document of the review (available, published)";
    Edit => "edit", "edit milestones and languages, or contact details";
    EndNomination => "end_nomination", "end a nomination (the record is kept)";
    Substitute => "substitute", "replace a person: nominee and end of the old, one save";
    Delete => "delete", "delete a record entered by mistake (asks first)";
    RequestRedraw => "request_redraw", "redraw the reviewers at a party's request (rule e)";
    AddParty => "add_party", "add a party that joined after the draw";
    RecordProtocol => "record_protocol", "record a ratification of or accession to a Protocol";
    EditMission => "edit_mission", "the party's permanent mission (e-mail, phone): written to without a focal point";
    AssignGroup => "assign_group", "assign the party to a review group, new or existing";
    Undo => "undo", "undo your last save here (refused if changed since)";
    Audit => "audit", "show the audit trail of the selected record";
    // In a form.
    NextField => "next_field", "next field (checks the one left)";
    PrevField => "prev_field", "previous field";
    Submit => "submit", "next field; on the last field, save";
    Save => "save", "save the form (only when every field is right)";
    CloseForm => "close_form", "close the form (asks before discarding typed input)";
    ChoicePrev => "choice_prev", "previous choice (in a text field: cursor left)";
    ChoiceNext => "choice_next", "next choice (in a text field: cursor right)";
    ChoiceToggle => "choice_toggle", "pick or drop a language; next choice (in text: a space)";
    TakeTheirs => "take_theirs", "after a conflict: take their value for this field";
    SaveOver => "save_over", "after a conflict: keep your value for this field";
    // In a dialog.
    Yes => "yes", "yes: do what the dialog asks";
    No => "no", "no: close the dialog, doing nothing";
    Choose => "choose", "choose the selected row";
    Unbound => "none", "nothing (unbinds a key)";
}

impl Action {
    /// Actions that change the store: refused in a read-only session.
    pub fn is_editing(self) -> bool {
        matches!(
            self,
            Action::Remind
                | Action::NewRecord
                | Action::NewNeed
                | Action::NewTraining
                | Action::NewTranslation
                | Action::Documents
                | Action::Extend
                | Action::MarkMet
                | Action::Nominate
                | Action::Edit
                | Action::EndNomination
                | Action::Substitute
                | Action::Delete
                | Action::RequestRedraw
                | Action::StartCluster
                | Action::AddParty
                | Action::RecordProtocol
                | Action::AssignGroup
                | Action::EditMission
                | Action::Undo
        )
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for a in Action::ALL {
            assert!(seen.insert(a.name()), "{a:?}");
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
    }
}
