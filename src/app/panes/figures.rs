//! Pane 6: the paper's statistics as at the session's date, the pace of
//! the reviews (docs/pace.md), the report files written from them,
//! and the start of the next cluster.

use super::{Command, PaneUnit, own, quiet, scroll, shown};
use crate::app::App;
use crate::app::action::Action;

#[derive(Debug, Clone, Default)]
pub struct FiguresView {
    pub scroll: usize,
    pub height: usize,
    /// Showing the pace of the reviews instead of Figures I-VI.
    pub pace: bool,
}

/// The Figures pane.
pub struct FiguresPane;

const COMMANDS: &[Command] = {
    use Action::*;
    &[
        shown(Help),
        shown(Down),
        own(WriteReport),
        own(PaceView),
        quiet(StartCluster),
        shown(SetAsOf),
        shown(ToggleTheme),
        shown(NextPane),
        shown(Quit),
    ]
};

impl PaneUnit for FiguresPane {
    fn title(&self) -> &'static str {
        "Figures"
    }
    fn table(&self) -> &'static str {
        "figures"
    }
    fn show_action(&self) -> Action {
        Action::PaneFigures
    }
    fn commands(&self) -> &'static [Command] {
        COMMANDS
    }
    fn move_selection(&self, app: &mut App, action: Action) {
        scroll(&mut app.figures.scroll, app.figures.height, action);
    }
    fn act(&self, app: &mut App, action: Action) {
        match action {
            Action::WriteReport => app.open_report_form(),
            Action::PaceView => {
                app.figures.pace = !app.figures.pace;
                app.figures.scroll = 0;
            }
            Action::StartCluster => app.open_start_cluster_form(),
            _ => {}
        }
    }
}
