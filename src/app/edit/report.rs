//! The report from the Figures pane: a one-field form asking for the
//! folder, then `report::write_report` as at the pane's date. Nothing is
//! written to the store, so a read-only session may do it too.

use super::*;
use std::path::{Path, PathBuf};

/// Most characters of the folder field.
const MAX_FOLDER: usize = 1000;

/// `~` or `~/…` with the home folder in front; anything else as typed
/// (`~user` is not looked up).
pub fn expand_home(s: &str, home: Option<&Path>) -> PathBuf {
    match (s.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(s),
    }
}

/// The user's home folder, when `$HOME` names one.
fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// An error as one line fit for the status bar.
fn one_line(s: &str) -> String {
    sanitize(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl App {
    /// Opens the form asking where to write the report as at the
    /// session's date (the Figures pane's command).
    pub(in crate::app) fn open_report_form(&mut self) {
        let as_of = self.as_of();
        let fields = vec![
            Field::text(
                "folder",
                "Folder",
                &format!("./revdesk-report-{as_of}"),
                MAX_FOLDER,
            )
            .required()
            .hint("~ = your home folder; created if needed"),
        ];
        self.open_form(Form {
            kind: FormKind::Report { as_of },
            title: format!("Write the report as at {as_of}"),
            facts: vec![
                "report.md, Figures I-VI (SVG), reviews.csv, overdue.csv, focal-points.csv".into(),
                "Files of the same name there are replaced; new files are owner-only.".into(),
            ],
            fields: Fields::new(fields, self.today),
            base: None,
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    /// Writes the report of a checked form. Returns the form when it stays
    /// open (the folder cannot be written); `None` when written.
    pub(in crate::app) fn save_report(
        &mut self,
        mut form: Box<Form>,
        as_of: NaiveDate,
    ) -> Option<Box<Form>> {
        let typed = form
            .fields
            .get("folder")
            .and_then(|f| f.text_value())
            .unwrap_or_default();
        let dir = expand_home(&typed, home().as_deref());
        let shown = sanitize(&dir.display().to_string());
        // The screens keep people as a roster, without e-mail or phone:
        // the report reads the whole desk from the store.
        let whole = match &self.store {
            Some(store) => match store.load_desk() {
                Ok(d) => d,
                Err(e) => {
                    let text = format!("report not written: {}", one_line(&format!("{e:#}")));
                    self.form_notice(&mut form, &text);
                    return Some(form);
                }
            },
            None => self.desk.to_desk(),
        };
        match crate::report::write_report(&whole, &self.registers, as_of, &dir) {
            Ok(files) => {
                self.say(format!(
                    "wrote report as at {as_of} to {shown} ({} file{})",
                    files.len(),
                    if files.len() == 1 { "" } else { "s" }
                ));
                None
            }
            Err(e) => {
                let text = format!("report not written: {}", one_line(&format!("{e:#}")));
                self.form_notice(&mut form, &text);
                Some(form)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_folder_is_expanded_only_in_front() {
        let h = Path::new("/home/ana");
        assert_eq!(expand_home("~", Some(h)), PathBuf::from("/home/ana"));
        assert_eq!(
            expand_home("~/reports/feb", Some(h)),
            PathBuf::from("/home/ana/reports/feb")
        );
        assert_eq!(expand_home("~bob/x", Some(h)), PathBuf::from("~bob/x"));
        assert_eq!(expand_home("./a~/b", Some(h)), PathBuf::from("./a~/b"));
        assert_eq!(expand_home("~/x", None), PathBuf::from("~/x"));
    }

    #[test]
    fn errors_are_one_line() {
        assert_eq!(one_line("a\n  b\tc\x1b"), "a b c^[");
    }
}
