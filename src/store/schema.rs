//! Schema migrations: forward-only, numbered by `PRAGMA user_version`.
//!
//! A small migrator of our own rather than `rusqlite_migration`: that crate
//! reads the schema version outside its transaction, so two sessions opening
//! an old store at once could both migrate. Here the version is re-read
//! inside `BEGIN EXCLUSIVE`, and the whole step commits or not at all.

use crate::domain::model::{
    Affiliation, Channel, DrawKind, Gender, Obligation, PartyKind, Region, Role,
};
use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id` of a revdesk store ("RVDK").
pub const APPLICATION_ID: i64 = 0x5256_444B;

/// Each entry takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2_CLUSTER_STARTS, IDS, MAIL, REGISTERS];

pub const CURRENT: i64 = MIGRATIONS.len() as i64;

const DATE: &str = "date(VALUE) IS VALUE";

const V1_TEMPLATE: &str = r#"
CREATE TABLE groups (
    number  INTEGER PRIMARY KEY CHECK (number >= 1),
    start   TEXT NOT NULL CHECK ({start}),
    version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE parties (
    code           TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 8 AND code NOT GLOB '*[^A-Z0-9]*'),
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind           TEXT NOT NULL CHECK (kind IN ({party_kinds})),
    regional_group TEXT CHECK (regional_group IN ({regions})),
    pairs_as       TEXT CHECK (pairs_as IN ({regions})),
    grp            INTEGER REFERENCES groups(number),
    convention     TEXT CHECK (convention IS NULL OR {convention}),
    tip            TEXT CHECK (tip IS NULL OR {tip}),
    som            TEXT CHECK (som IS NULL OR {som}),
    fa             TEXT CHECK (fa IS NULL OR {fa}),
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE people (
    id          INTEGER PRIMARY KEY CHECK (id >= 1),
    party       TEXT NOT NULL REFERENCES parties(code),
    role        TEXT NOT NULL CHECK (role IN ({roles})),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email       TEXT,
    phone       TEXT,
    gender      TEXT CHECK (gender IN ({genders})),
    affiliation TEXT CHECK (affiliation IN ({affiliations})),
    nominated   TEXT NOT NULL CHECK ({nominated}),
    ended       TEXT CHECK (ended IS NULL OR ({ended} AND ended >= nominated)),
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX people_party ON people(party, role);
CREATE TABLE reviews (
    id                     INTEGER PRIMARY KEY CHECK (id >= 1),
    grp                    INTEGER NOT NULL REFERENCES groups(number),
    cluster                INTEGER NOT NULL CHECK (cluster BETWEEN 1 AND 4),
    under_review           TEXT NOT NULL REFERENCES parties(code),
    start                  TEXT CHECK (start IS NULL OR {rstart}),
    redraws                INTEGER NOT NULL DEFAULT 0 CHECK (redraws BETWEEN 0 AND 4),
    languages              TEXT NOT NULL DEFAULT '' CHECK (languages NOT GLOB '*[^a-z,]*'),
    consultation_held      TEXT CHECK (consultation_held IS NULL OR {consultation_held}),
    saq_submitted          TEXT CHECK (saq_submitted IS NULL OR ({saq_submitted}
                               AND consultation_held IS NOT NULL AND saq_submitted >= consultation_held)),
    feedback_submitted     TEXT CHECK (feedback_submitted IS NULL OR ({feedback_submitted}
                               AND saq_submitted IS NOT NULL AND feedback_submitted >= saq_submitted)),
    observations_finalized TEXT CHECK (observations_finalized IS NULL OR ({observations_finalized}
                               AND feedback_submitted IS NOT NULL AND observations_finalized >= feedback_submitted)),
    summary_finalized      TEXT CHECK (summary_finalized IS NULL OR ({summary_finalized}
                               AND feedback_submitted IS NOT NULL AND summary_finalized >= feedback_submitted)),
    version                INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX reviews_under_review ON reviews(under_review);
CREATE TABLE review_reviewers (
    review   INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    party    TEXT NOT NULL REFERENCES parties(code),
    PRIMARY KEY (review, position),
    UNIQUE (review, party)
);
CREATE INDEX review_reviewers_party ON review_reviewers(party);
CREATE TABLE extensions (
    id          INTEGER PRIMARY KEY,
    review      INTEGER NOT NULL REFERENCES reviews(id),
    obligation  TEXT NOT NULL CHECK (obligation IN ({extendable})),
    due         TEXT NOT NULL CHECK ({due}),
    reason      TEXT NOT NULL,
    agreed      TEXT NOT NULL CHECK ({agreed}),
    recorded_by TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX extensions_review ON extensions(review);
CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL CHECK ({date}),
    party       TEXT NOT NULL REFERENCES parties(code),
    review      INTEGER REFERENCES reviews(id),
    obligation  TEXT NOT NULL CHECK (obligation IN ({obligations})),
    channel     TEXT NOT NULL CHECK (channel IN ({channels})),
    note        TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX reminders_party ON reminders(party, obligation);
CREATE TABLE draws (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ({draw_kinds})),
    grp          INTEGER NOT NULL,
    cluster      INTEGER NOT NULL,
    review       INTEGER,
    seed         TEXT NOT NULL,
    rules        TEXT NOT NULL,
    requested_by TEXT,
    at           TEXT NOT NULL,
    os_user      TEXT NOT NULL,
    before       TEXT NOT NULL,
    after        TEXT NOT NULL
);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    os_user TEXT NOT NULL,
    action  TEXT NOT NULL,
    entity  TEXT NOT NULL,
    key     TEXT NOT NULL,
    before  TEXT,
    after   TEXT
);
CREATE INDEX audit_entity ON audit(entity, key);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#;

const V1: &str = "v1";
/// `AUTOINCREMENT` on the tables whose ids the audit trail names
/// (`store/ids.rs`): a step in Rust, not SQL.
const IDS: &str = "ids";

/// The start of each group in each cluster after the first (DESIGN.md
/// section 4): the record of `revdesk cluster start`.
const V2_CLUSTER_STARTS: &str = "v2_cluster_starts";

const V2_CLUSTER_STARTS_SQL: &str = r#"
CREATE TABLE cluster_starts (
    cluster INTEGER NOT NULL CHECK (cluster BETWEEN 2 AND 4),
    grp     INTEGER NOT NULL REFERENCES groups(number),
    start   TEXT NOT NULL CHECK (date(start) IS start),
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (cluster, grp)
);
"#;

/// Mail that reaches people (docs/mail.md): the Message-ID of a
/// reminder sent by e-mail (one message may remind a party of the same
/// obligation in several reviews: one row each, one Message-ID), each
/// party's permanent mission, each person's working languages.
const MAIL: &str = "mail";

const MAIL_SQL: &str = r#"
ALTER TABLE reminders ADD COLUMN message_id TEXT CHECK (message_id IS NULL OR (channel = 'email' AND message_id GLOB '<*@*>'));
CREATE INDEX reminders_message_id ON reminders(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX reminders_day ON reminders(party, obligation, date);
CREATE TABLE missions (
    party   TEXT PRIMARY KEY REFERENCES parties(code) ON DELETE CASCADE,
    email   TEXT,
    phone   TEXT,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE person_languages (
    person   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    language TEXT NOT NULL CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
    PRIMARY KEY (person, position),
    UNIQUE (person, language)
);
"#;

/// The registers of DESIGN.md section 7: assistance requested and needed,
/// training delivered, translation requests, documents of a review, why
/// languages are pending, and focal points scoped to one review. Rows hang
/// on their party, review or person and go with it.
const REGISTERS: &str = "registers";

const REGISTERS_SQL: &str = r#"
CREATE TABLE assistance_requests (
    id       INTEGER PRIMARY KEY,
    party    TEXT NOT NULL REFERENCES parties(code) ON DELETE CASCADE,
    date     TEXT NOT NULL CHECK (date(date) IS date),
    category TEXT NOT NULL CHECK (category IN ('general_training', 'platform_training', 'briefings',
                 'saq_training', 'coordination', 'saq_support', 'other')),
    status   TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'met', 'declined')),
    note     TEXT NOT NULL DEFAULT '',
    version  INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX assistance_requests_party ON assistance_requests(party);
CREATE TABLE assistance_needs (
    id          INTEGER PRIMARY KEY,
    review      INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    identified  TEXT NOT NULL CHECK (date(identified) IS identified),
    category    TEXT NOT NULL CHECK (category IN ('general_training', 'platform_training', 'briefings',
                    'saq_training', 'coordination', 'saq_support', 'other')),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX assistance_needs_review ON assistance_needs(review);
CREATE TABLE trainings (
    id        INTEGER PRIMARY KEY,
    date      TEXT NOT NULL CHECK (date(date) IS date),
    title     TEXT NOT NULL CHECK (length(trim(title)) > 0),
    officials INTEGER NOT NULL CHECK (officials >= 1),
    languages TEXT NOT NULL CHECK (length(languages) > 0 AND languages NOT GLOB '*[^a-z,]*'),
    version   INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE training_parties (
    training INTEGER NOT NULL REFERENCES trainings(id) ON DELETE CASCADE,
    party    TEXT NOT NULL REFERENCES parties(code) ON DELETE CASCADE,
    PRIMARY KEY (training, party)
);
CREATE INDEX training_parties_party ON training_parties(party);
CREATE TABLE translation_requests (
    id        INTEGER PRIMARY KEY,
    review    INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    date      TEXT NOT NULL CHECK (date(date) IS date),
    document  TEXT NOT NULL CHECK (document IN ('saq', 'feedback', 'observations', 'summary')),
    source    TEXT NOT NULL CHECK (source IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
    target    TEXT NOT NULL CHECK (target IN ('ar', 'zh', 'en', 'fr', 'ru', 'es') AND target <> source),
    version   INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE documents (
    review    INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('saq', 'feedback', 'observations', 'summary')),
    available TEXT NOT NULL CHECK (date(available) IS available),
    published TEXT CHECK (published IS NULL OR (date(published) IS published AND published >= available)),
    version   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (review, kind)
);
CREATE TABLE languages_pending (
    review  INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
    reason  TEXT NOT NULL CHECK (reason IN ('under_discussion', 'lack_of_resources')),
    noted   TEXT NOT NULL CHECK (date(noted) IS noted),
    version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE focal_point_scopes (
    person  INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    review  INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX focal_point_scopes_review ON focal_point_scopes(review);
"#;

/// The SQL of migration `name`, with date checks filled in.
pub(crate) fn sql(name: &str) -> String {
    match name {
        "v1" => {
            let mut s = V1_TEMPLATE.to_string();
            for col in [
                "start",
                "convention",
                "tip",
                "som",
                "fa",
                "nominated",
                "ended",
                "consultation_held",
                "saq_submitted",
                "feedback_submitted",
                "observations_finalized",
                "summary_finalized",
                "due",
                "agreed",
                "date",
            ] {
                s = s.replace(&format!("{{{col}}}"), &DATE.replace("VALUE", col));
            }
            for (name, list) in enum_lists() {
                s = s.replace(&format!("{{{name}}}"), &list);
            }
            s.replace("{rstart}", &DATE.replace("VALUE", "start"))
        }
        "v2_cluster_starts" => V2_CLUSTER_STARTS_SQL.to_string(),
        "mail" => MAIL_SQL.to_string(),
        "registers" => REGISTERS_SQL.to_string(),
        other => unreachable!("unknown migration {other}"),
    }
}

/// The V1 template's CHECK lists, each spelled from its enumeration.
/// A new value needs a new migration: V1 must stay what existing stores
/// hold, which the tests below pin.
fn enum_lists() -> [(&'static str, String); 9] {
    fn list<T: Copy>(all: &[T], spell: impl Fn(T) -> &'static str) -> String {
        let quoted: Vec<String> = all.iter().map(|&v| format!("'{}'", spell(v))).collect();
        quoted.join(", ")
    }
    let extendable: Vec<Obligation> = Obligation::ALL
        .iter()
        .copied()
        .filter(|o| o.extendable())
        .collect();
    [
        ("party_kinds", list(PartyKind::ALL, PartyKind::as_str)),
        ("regions", list(Region::ALL, Region::as_str)),
        ("roles", list(Role::ALL, Role::as_str)),
        ("genders", list(Gender::ALL, Gender::as_str)),
        ("affiliations", list(Affiliation::ALL, Affiliation::as_str)),
        ("extendable", list(&extendable, Obligation::as_str)),
        ("obligations", list(Obligation::ALL, Obligation::as_str)),
        ("channels", list(Channel::ALL, Channel::as_str)),
        ("draw_kinds", list(DrawKind::ALL, DrawKind::as_str)),
    ]
}

/// What the migrator found when it looked at a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A revdesk store at this schema version.
    Revdesk(i64),
    /// An empty database: safe to create the schema in.
    Empty,
    /// A SQLite database of some other application.
    Foreign,
}

pub fn inspect(conn: &Connection) -> rusqlite::Result<Found> {
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok(if app == APPLICATION_ID {
        Found::Revdesk(version)
    } else if app == 0 && version == 0 && tables == 0 {
        Found::Empty
    } else {
        Found::Foreign
    })
}

/// Brings the schema to [`CURRENT`], re-reading the version under an
/// exclusive lock. Returns what was found before migrating. Foreign keys
/// are off while it runs (they cannot change inside a transaction), so a
/// table rebuilt does not cascade; they are checked before the commit.
pub fn migrate(conn: &mut Connection) -> Result<Found, MigrateError> {
    let keys: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let out = migrate_steps(conn);
    conn.pragma_update(None, "foreign_keys", keys)?;
    out
}

fn migrate_steps(conn: &mut Connection) -> Result<Found, MigrateError> {
    let found = inspect(conn)?;
    match found {
        Found::Foreign => return Err(MigrateError::Foreign),
        Found::Revdesk(v) if v > CURRENT => return Err(MigrateError::Newer(v)),
        Found::Revdesk(v) if v == CURRENT => return Ok(found),
        _ => {}
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let from = match inspect(&tx)? {
        Found::Foreign => return Err(MigrateError::Foreign),
        Found::Empty => 0,
        Found::Revdesk(v) if v > CURRENT => return Err(MigrateError::Newer(v)),
        Found::Revdesk(v) => v,
    };
    for (i, name) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        match *name {
            IDS => super::ids::autoincrement(&tx)?,
            _ => tx.execute_batch(&sql(name))?,
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(found)
}

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("not a revdesk store (a SQLite database of another application)")]
    Foreign,
    #[error(
        "written by a newer revdesk (schema version {0}; this revdesk knows up to {CURRENT}); upgrade revdesk, the file was not touched"
    )]
    Newer(i64),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CHECK clauses of V1 as existing stores hold them: generating
    /// them from the enumerations must not change a byte.
    #[test]
    fn v1_lists_are_what_existing_stores_hold() {
        let v1 = sql("v1");
        for clause in [
            "kind IN ('state', 'organization')",
            "regional_group IN ('AFG', 'APG', 'EEG', 'GRULAC', 'WEOG')",
            "pairs_as IN ('AFG', 'APG', 'EEG', 'GRULAC', 'WEOG')",
            "role IN ('focal_point', 'expert', 'observer')",
            "gender IN ('female', 'male', 'other')",
            "affiliation IN ('foreign_affairs', 'justice', 'interior', 'other')",
            "obligation IN ('saq', 'feedback', 'observations', 'phase')",
            "obligation IN ('focal_point', 'experts', 'saq', 'feedback', 'observations', 'phase')",
            "channel IN ('email', 'note_verbale', 'permanent_mission', 'field_office', 'meeting', 'phone')",
            "kind IN ('group', 'redraw')",
        ] {
            assert!(v1.contains(clause), "V1 lost {clause}");
        }
        assert!(!v1.contains('{'), "a placeholder left in V1");
    }

    /// Each generated list names exactly its enumeration's values.
    #[test]
    fn lists_equal_the_enumerations() {
        let lists: std::collections::HashMap<_, _> = enum_lists().into_iter().collect();
        let spelled = |name: &str| -> Vec<String> {
            lists[name]
                .split(", ")
                .map(|v| v.trim_matches('\'').to_string())
                .collect()
        };
        let all = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            spelled("roles"),
            all(Role::ALL.iter().map(|r| r.as_str()).collect())
        );
        assert_eq!(
            spelled("obligations"),
            all(Obligation::ALL.iter().map(|o| o.as_str()).collect())
        );
        assert_eq!(
            spelled("extendable"),
            all(Obligation::ALL
                .iter()
                .filter(|o| o.extendable())
                .map(|o| o.as_str())
                .collect())
        );
        assert_eq!(
            spelled("channels"),
            all(Channel::ALL.iter().map(|c| c.as_str()).collect())
        );
        assert_eq!(
            spelled("genders"),
            all(Gender::ALL.iter().map(|g| g.as_str()).collect())
        );
        assert_eq!(
            spelled("affiliations"),
            all(Affiliation::ALL.iter().map(|a| a.as_str()).collect())
        );
        assert_eq!(
            spelled("regions"),
            all(Region::ALL.iter().map(|r| r.as_str()).collect())
        );
        assert_eq!(
            spelled("party_kinds"),
            all(PartyKind::ALL.iter().map(|k| k.as_str()).collect())
        );
        assert_eq!(
            spelled("draw_kinds"),
            all(DrawKind::ALL.iter().map(|k| k.as_str()).collect())
        );
    }
}
