//! Pane 3: one review as a timeline, stepped through review by review.

use super::{AuditSubject, Command, PaneUnit, own, quiet, scroll, shown};
use crate::app::App;
use crate::app::action::Action;
use crate::app::cursor::LineInput;
use crate::store::StoreError;

#[derive(Debug, Clone, Default)]
pub struct TimelineView {
    /// The review shown (by id).
    pub review: Option<i64>,
    pub filter: LineInput,
    /// First line of the lower list on screen.
    pub scroll: usize,
    pub height: usize,
}

/// The Timeline pane.
pub struct TimelinePane;

const COMMANDS: &[Command] = {
    use Action::*;
    &[
        shown(Help),
        own(PrevReview),
        own(NextReview),
        own(Edit),
        own(MarkMet),
        own(RequestRedraw),
        own(Documents),
        own(Audit),
        shown(Down),
        shown(Filter),
        own(ReadNotes),
        shown(Back),
        shown(SetAsOf),
        shown(Quit),
        quiet(Delete),
    ]
};

impl App {
    /// Shows one review on the Timeline pane.
    pub fn open_review(&mut self, id: i64) {
        self.timeline.review = Some(id);
        self.timeline.scroll = 0;
        self.jump(super::Pane::Timeline);
    }

    /// Shows the next or previous review, in the order of the Reviews
    /// pane (by id when it lists none), keeping its selection in step.
    fn step_review(&mut self, forward: bool) {
        self.prepare_reviews();
        let order: Vec<i64> = if self.reviews.rows.is_empty() {
            let mut v: Vec<i64> = self.desk.reviews.iter().map(|r| r.id).collect();
            v.sort_unstable();
            v
        } else {
            self.reviews
                .rows
                .iter()
                .map(|&i| self.desk.reviews[i].id)
                .collect()
        };
        if order.is_empty() {
            return;
        }
        let pos = self
            .timeline
            .review
            .and_then(|id| order.iter().position(|x| *x == id));
        let next = match (pos, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(order.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.timeline.review = Some(order[next]);
        self.timeline.scroll = 0;
        if let Some(i) = self
            .reviews
            .rows
            .iter()
            .position(|&r| self.desk.reviews[r].id == order[next])
        {
            self.reviews.cursor.selected = i;
            self.reviews.cursor.settle(self.reviews.rows.len());
        }
    }
}

impl App {
    /// Opens every reminder of the review shown, notes whole.
    fn read_review_notes(&mut self) {
        let Some(id) = self.timeline.review else {
            return self.say("no review shown");
        };
        let Some(ri) = self.data.review_ix(&self.desk, id) else {
            return self.say("no review shown");
        };
        let paragraphs = self.reminder_paragraphs(ri, None);
        if paragraphs.is_empty() {
            return self.say(format!(
                "no reminders about review #{id} as at {}",
                self.as_of()
            ));
        }
        self.read_whole(format!("Reminders of review #{id}"), paragraphs);
    }
}

impl PaneUnit for TimelinePane {
    fn title(&self) -> &'static str {
        "Timeline"
    }
    fn table(&self) -> &'static str {
        "timeline"
    }
    fn show_action(&self) -> Action {
        Action::PaneTimeline
    }
    fn commands(&self) -> &'static [Command] {
        COMMANDS
    }
    fn prepare(&self, app: &mut App) {
        app.prepare_reviews();
        if app.timeline.review.is_none() {
            app.timeline.review = app.selected_review();
        }
    }
    /// The number key shows the review selected on Reviews (Enter on
    /// another pane shows the review of its row).
    fn shown_by_key(&self, app: &mut App) {
        if let Some(id) = app.selected_review()
            && app.timeline.review != Some(id)
        {
            app.timeline.review = Some(id);
            app.timeline.scroll = 0;
        }
    }
    fn filter<'a>(&self, app: &'a App) -> Option<&'a LineInput> {
        Some(&app.timeline.filter)
    }
    fn filter_mut<'a>(&self, app: &'a mut App) -> Option<&'a mut LineInput> {
        Some(&mut app.timeline.filter)
    }
    fn refilter(&self, app: &mut App) {
        app.timeline.scroll = 0;
    }
    fn move_selection(&self, app: &mut App, action: Action) {
        scroll(&mut app.timeline.scroll, app.timeline.height, action);
    }
    fn read_for_screen(&self, app: &mut App, _rows: usize) -> Result<(), StoreError> {
        app.read_timeline_reminders()
    }
    fn act(&self, app: &mut App, action: Action) {
        match action {
            Action::PrevReview | Action::NextReview => {
                app.step_review(action == Action::NextReview)
            }
            Action::Edit | Action::MarkMet | Action::RequestRedraw => app.review_edit(action),
            Action::Delete => app.timeline_delete(),
            Action::Documents => match app.timeline.review {
                Some(review) => app.open_documents(review),
                None => app.say("no review selected"),
            },
            Action::Audit => app.open_audit(),
            Action::ReadNotes => app.read_review_notes(),
            _ => {}
        }
    }
    fn current_review(&self, app: &App) -> Option<i64> {
        app.timeline.review
    }
    fn audit_subject(&self, app: &App) -> Result<AuditSubject, &'static str> {
        app.timeline
            .review
            .map(AuditSubject::Review)
            .ok_or("no review selected")
    }
}
