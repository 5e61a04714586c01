//! The texts of reminders and digests in the six working languages, as
//! Project Fluent files (`assets/locales/LANG/mail.ftl`) built into the
//! binary: translators edit data, not code. Dates and numbers are written
//! the way each language writes them.

use crate::domain::model::{Channel, Language, Milestone, Obligation, Protocol, Stage};
use chrono::{Datelike, NaiveDate};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use std::fmt;

/// The Fluent source of each language, in [`Language::ALL`] order.
const SOURCES: [(Language, &str); 6] = [
    (
        Language::Ar,
        include_str!("../../../assets/locales/ar/mail.ftl"),
    ),
    (
        Language::Zh,
        include_str!("../../../assets/locales/zh/mail.ftl"),
    ),
    (
        Language::En,
        include_str!("../../../assets/locales/en/mail.ftl"),
    ),
    (
        Language::Fr,
        include_str!("../../../assets/locales/fr/mail.ftl"),
    ),
    (
        Language::Ru,
        include_str!("../../../assets/locales/ru/mail.ftl"),
    ),
    (
        Language::Es,
        include_str!("../../../assets/locales/es/mail.ftl"),
    ),
];

/// A template that did not render: a message missing from a language's
/// file, or a placeholder left unfilled. A defect of revdesk, never of
/// the data, so it stops the send rather than mailing a broken text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {lang} text {id:?} {problem}")]
pub struct TemplateError {
    pub lang: Language,
    pub id: String,
    pub problem: String,
}

/// One language's texts.
pub struct Texts {
    lang: Language,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Texts").field("lang", &self.lang).finish()
    }
}

/// Named values for a template; text values are cleaned to one line first.
#[derive(Default)]
pub struct Args<'a>(FluentArgs<'a>);

impl<'a> Args<'a> {
    pub fn new() -> Args<'a> {
        Args(FluentArgs::new())
    }
    /// A text value (names, dates already written, other templates).
    pub fn text(mut self, key: &'a str, value: impl AsRef<str>) -> Self {
        self.0.set(key, FluentValue::from(one_line(value.as_ref())));
        self
    }
    /// A piece rendered from another template, kept as it is (its
    /// values were cleaned when it was rendered).
    pub fn rendered(mut self, key: &'a str, value: String) -> Self {
        self.0.set(key, FluentValue::from(value));
        self
    }
    /// A count: `$n` selects the plural form, `$count` shows it written
    /// the language's way.
    pub fn count(mut self, t: &Texts, n: u64) -> Self {
        self.0.set("n", FluentValue::from(n));
        self.0.set("count", FluentValue::from(t.number(n)));
        self
    }
}

pub use crate::domain::text::one_line;

impl Texts {
    /// The texts of `lang`. Panics only if a built-in file does not parse,
    /// which the tests of this module rule out.
    pub fn new(lang: Language) -> Texts {
        let source = SOURCES
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(SOURCES[2].1, |(_, s)| s);
        let id: unic_langid::LanguageIdentifier =
            lang.as_str().parse().expect("a language code parses");
        let mut bundle = FluentBundle::new(vec![id]);
        // Plain text mail: no invisible isolation marks around values.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(_, e)| panic!("assets/locales/{lang}/mail.ftl: {e:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|e| panic!("assets/locales/{lang}/mail.ftl: {e:?}"));
        Texts { lang, bundle }
    }

    pub fn lang(&self) -> Language {
        self.lang
    }

    /// Message `id` filled with `args`; every placeholder must be filled.
    pub fn get(&self, id: &str, args: &Args) -> Result<String, TemplateError> {
        self.render(id, None, Some(&args.0))
    }

    /// Message `id`, which takes no values.
    pub fn plain(&self, id: &str) -> Result<String, TemplateError> {
        self.render(id, None, None)
    }

    fn render(
        &self,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> Result<String, TemplateError> {
        let fail = |problem: String| TemplateError {
            lang: self.lang,
            id: id.to_string(),
            problem,
        };
        let msg = self
            .bundle
            .get_message(id)
            .ok_or_else(|| fail("is missing".into()))?;
        let pattern = match attribute {
            Some(a) => msg.get_attribute(a).map(|a| a.value()),
            None => msg.value(),
        }
        .ok_or_else(|| fail("has no value".into()))?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if let Some(e) = errors.first() {
            return Err(fail(format!("did not render: {e}")));
        }
        Ok(text.into_owned())
    }

    /// A count written the language's way: 1,004 (en, zh, ar), 1 004 (fr,
    /// ru, with a narrow no-break space), 1.004 (es).
    pub fn number(&self, n: u64) -> String {
        let sep = match self.lang {
            Language::En | Language::Zh | Language::Ar => ",",
            Language::Fr | Language::Ru => "\u{202f}",
            Language::Es => ".",
        };
        let digits = n.to_string();
        // Spanish groups from five digits on (RAE): 1004, 10.004.
        if self.lang == Language::Es && digits.len() <= 4 {
            return digits;
        }
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }

    /// "29 February 2024", "1er mars 2024", "29 февраля 2024 года",
    /// "2024年2月29日", "29 شباط/فبراير 2024".
    pub fn date(&self, d: NaiveDate) -> Result<String, TemplateError> {
        let month = self.plain(&format!("month-{}", d.month()))?;
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(d.day()));
        args.set("month", FluentValue::from(month));
        args.set("year", FluentValue::from(d.year().to_string()));
        self.render("date", None, Some(&args))
    }

    /// "February 2024", "февраль 2024 года", "2024年2月".
    pub fn month_year(&self, d: NaiveDate) -> Result<String, TemplateError> {
        let id = format!("month-{}", d.month());
        // A month named alone may take another case than in a date.
        let month = self
            .render(&id, Some("nominative"), None)
            .or_else(|_| self.plain(&id))?;
        let mut args = FluentArgs::new();
        args.set("month", FluentValue::from(month));
        args.set("year", FluentValue::from(d.year().to_string()));
        self.render("month-year", None, Some(&args))
    }

    /// "12 days", "12 jours", "12 дней".
    pub fn days(&self, n: i64) -> Result<String, TemplateError> {
        self.get("days", &Args::new().count(self, n.unsigned_abs()))
    }

    pub fn obligation(&self, o: Obligation) -> Result<String, TemplateError> {
        self.plain(&format!("obligation-{}", o.as_str()))
    }

    pub fn milestone(&self, m: Milestone) -> Result<String, TemplateError> {
        self.plain(&format!("milestone-{}", m.as_str()))
    }

    pub fn stage(&self, s: Stage) -> Result<String, TemplateError> {
        self.plain(&format!("stage-{}", s.as_str()))
    }

    pub fn channel(&self, c: Channel) -> Result<String, TemplateError> {
        self.plain(&format!("channel-{}", c.as_str()))
    }

    /// The official title of the Convention (`None`) or a Protocol.
    pub fn instrument(&self, p: Option<Protocol>) -> Result<String, TemplateError> {
        self.plain(match p {
            None => "instrument-convention",
            Some(Protocol::Tip) => "instrument-tip",
            Some(Protocol::Som) => "instrument-som",
            Some(Protocol::Fa) => "instrument-fa",
        })
    }

    /// Names joined the language's way ("France, Kenya"; "法国、肯尼亚").
    pub fn list(&self, items: &[String]) -> Result<String, TemplateError> {
        let sep = self.plain("list-separator")?;
        Ok(items.join(&sep))
    }

    /// "Austria by France, Kenya" in the language.
    pub fn review_line(
        &self,
        under_review: &str,
        reviewers: &[String],
    ) -> Result<String, TemplateError> {
        self.get(
            "review-line",
            &Args::new()
                .text("under_review", under_review)
                .text("reviewers", self.list(reviewers)?),
        )
    }
}

/// `s` with its first letter in capitals (no change for scripts without case).
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_are_written_the_way_each_language_writes_them() {
        let expect = [
            (Language::En, "29 February 2024", "1 March 2024"),
            (Language::Fr, "29 février 2024", "1er mars 2024"),
            (Language::Es, "29 de febrero de 2024", "1 de marzo de 2024"),
            (Language::Ru, "29 февраля 2024 года", "1 марта 2024 года"),
            (Language::Zh, "2024年2月29日", "2024年3月1日"),
            (Language::Ar, "29 شباط/فبراير 2024", "1 آذار/مارس 2024"),
        ];
        for (lang, a, b) in expect {
            let t = Texts::new(lang);
            assert_eq!(t.date(d("2024-02-29")).unwrap(), a);
            assert_eq!(t.date(d("2024-03-01")).unwrap(), b);
        }
        assert_eq!(
            Texts::new(Language::Ru)
                .month_year(d("2024-02-01"))
                .unwrap(),
            "февраль 2024 года"
        );
        assert_eq!(
            Texts::new(Language::En)
                .month_year(d("2024-02-01"))
                .unwrap(),
            "February 2024"
        );
    }

    #[test]
    fn plurals_follow_each_language() {
        let ru = Texts::new(Language::Ru);
        assert_eq!(ru.days(1).unwrap(), "1 день");
        assert_eq!(ru.days(3).unwrap(), "3 дня");
        assert_eq!(ru.days(11).unwrap(), "11 дней");
        assert_eq!(ru.days(1004).unwrap(), "1\u{202f}004 дня");
        let ar = Texts::new(Language::Ar);
        assert_eq!(ar.days(2).unwrap(), "يومان");
        assert_eq!(ar.days(5).unwrap(), "5 أيام");
        let en = Texts::new(Language::En);
        assert_eq!(en.days(1).unwrap(), "1 day");
        assert_eq!(en.days(1004).unwrap(), "1,004 days");
        assert_eq!(Texts::new(Language::Es).number(1004), "1004");
        assert_eq!(Texts::new(Language::Es).number(10004), "10.004");
    }

    #[test]
    fn every_language_has_every_message_of_english() {
        let en = FluentResource::try_new(SOURCES[2].1.to_string()).unwrap();
        let ids: Vec<String> = en
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        assert!(ids.len() > 60, "{} messages", ids.len());
        for lang in Language::ALL {
            let t = Texts::new(*lang);
            for id in &ids {
                assert!(t.bundle.has_message(id), "{lang}: {id} missing");
            }
        }
    }

    #[test]
    fn official_titles_in_each_language() {
        let tip = [
            (
                Language::En,
                "Protocol to Prevent, Suppress and Punish Trafficking in Persons",
            ),
            (
                Language::Fr,
                "Protocole visant à prévenir, réprimer et punir la traite des personnes",
            ),
            (
                Language::Es,
                "Protocolo para Prevenir, Reprimir y Sancionar la Trata de Personas",
            ),
            (
                Language::Ru,
                "Протокол о предупреждении и пресечении торговли людьми",
            ),
            (
                Language::Zh,
                "关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书",
            ),
            (Language::Ar, "بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص"),
        ];
        for (lang, title) in tip {
            let t = Texts::new(lang).instrument(Some(Protocol::Tip)).unwrap();
            assert!(t.contains(title), "{lang}: {t}");
        }
    }

    #[test]
    fn an_unfilled_placeholder_is_an_error_not_a_text() {
        let t = Texts::new(Language::Fr);
        let e = t.get("reminder-greeting-person", &Args::new()).unwrap_err();
        assert_eq!(e.lang, Language::Fr);
        assert!(t.plain("no-such-message").is_err());
    }
}
