//! The parties of the demo: 188 States and the EU assigned to the three
//! groups, Bhutan and South Sudan awaiting assignment, each with plausible
//! (illustrative) dates of ratification or accession.

use super::data::{self, StateRow};
use super::rng::Rng;
use crate::domain::model::{Instruments, Party, PartyKind, Region};
use chrono::NaiveDate;

/// States of `states.csv` that take no part: the Holy See and the UN Member
/// States not party to the Convention (2024).
pub const NOT_PARTIES: [&str; 7] = ["VAT", "COG", "IRN", "PNG", "SLB", "SOM", "TUV"];

/// Parties since 2023, after the drawing of lots: in the store, in no group.
pub const LATE_PARTIES: [(&str, &str); 2] = [("BTN", "2023-02-20"), ("SSD", "2023-10-20")];

/// Parties not bound by each Protocol (as at 2024), chosen so that the demo
/// counts 182 parties to the Trafficking in Persons Protocol, 151 to the
/// Smuggling of Migrants Protocol and 123 to the Firearms Protocol out of 191.
pub const NOT_TIP: [&str; 9] = [
    "SSD", "YEM", "NIU", "COK", "KIR", "TON", "FSM", "PLW", "PRK",
];
pub const NOT_SOM: [&str; 40] = [
    "CHN", "JPN", "ISR", "PAK", "BGD", "NPL", "VNM", "THA", "SGP", "MYS", "BRN", "PRK", "MNG",
    "MDV", "BTN", "LAO", "FJI", "WSM", "TON", "VUT", "MHL", "PLW", "FSM", "COK", "NIU", "JOR",
    "QAT", "ARE", "OMN", "YEM", "UGA", "ZWE", "BWA", "GAB", "SLE", "AND", "CZE", "UZB", "SSD",
    "KIR",
];
pub const NOT_FA: [&str; 68] = [
    "USA", "GBR", "CAN", "AUS", "NZL", "JPN", "RUS", "IND", "ISR", "IRL", "ISL", "MCO", "AND",
    "MLT", "SMR", "PAK", "BGD", "NPL", "VNM", "THA", "SGP", "MYS", "BRN", "PRK", "KOR", "MNG",
    "MDV", "BTN", "LAO", "IDN", "PHL", "FJI", "WSM", "TON", "VUT", "MHL", "PLW", "FSM", "COK",
    "NIU", "KIR", "NRU", "JOR", "QAT", "ARE", "OMN", "YEM", "SAU", "KWT", "BHR", "LBN", "IRQ",
    "UGA", "ZWE", "BWA", "GAB", "SLE", "SSD", "TZA", "ETH", "ERI", "DJI", "SDN", "UZB", "TJK",
    "TKM", "KAZ", "MMR",
];

/// Protocol dates since the launch of the review process (paper, footnotes 2
/// and 3): (party, protocol, date).
pub const RECENT_PROTOCOLS: [(&str, &str, &str); 9] = [
    ("AND", "tip", "2022-09-21"),
    ("BTN", "tip", "2023-02-20"),
    ("TCD", "som", "2022-09-23"),
    ("CHN", "fa", "2023-12-19"),
    ("COM", "som", "2020-12-15"),
    ("COM", "fa", "2021-06-04"),
    ("DEU", "fa", "2021-10-14"),
    ("LUX", "fa", "2022-05-09"),
    ("PAK", "tip", "2022-11-04"),
];

/// Parties that joined a Protocol between the first and the third draw: put
/// in group 3, so that each is reviewed on the instruments it is bound by.
pub const GROUP_3_PARTIES: [&str; 5] = ["AND", "COM", "DEU", "LUX", "TCD"];

/// Reviews per group (the paper, paragraph 7).
pub const GROUP_SIZES: [(u32, usize); 3] = [(1, 62), (2, 63), (3, 64)];

/// Parties with no UN regional group pair as members of this one.
const PAIRS_AS_DEFAULT: Region = Region::Apg;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("valid date constant")
}

/// The last date on which Protocol dates are drawn for parties outside
/// `RECENT_PROTOCOLS`: the launch of the review process.
fn launch() -> NaiveDate {
    d("2020-09-30")
}

/// Convention and Protocol dates: mostly the 2000s, Protocols on the same day
/// as the Convention or some years later, never after the launch except for
/// the recent ones of the paper.
fn instruments(code: &str, rng: &mut Rng) -> Instruments {
    if let Some((_, date)) = LATE_PARTIES.iter().find(|(c, _)| *c == code) {
        let mut ins = Instruments {
            convention: Some(d(date)),
            ..Default::default()
        };
        apply_recent(code, &mut ins);
        return ins;
    }
    let year = match rng.weighted(&[0.42, 0.43, 0.15]) {
        0 => rng.range(2001, 2004),
        1 => rng.range(2005, 2010),
        _ => rng.range(2011, 2018),
    } as i32;
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_else(launch);
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_else(launch);
    let mut convention = rng.date(start, end);
    if convention < d("2001-02-12") {
        convention = d("2001-02-12");
    }
    let protocol = |bound: bool, rng: &mut Rng| -> Option<NaiveDate> {
        if !bound {
            return None;
        }
        if rng.chance(0.55) {
            Some(convention)
        } else {
            let later = super::rng::add_days(convention, rng.range(30, 6 * 365));
            Some(later.min(launch()).max(convention))
        }
    };
    let mut ins = Instruments {
        convention: Some(convention),
        tip: protocol(!NOT_TIP.contains(&code), rng),
        som: protocol(!NOT_SOM.contains(&code), rng),
        fa: protocol(!NOT_FA.contains(&code), rng),
    };
    apply_recent(code, &mut ins);
    ins
}

fn apply_recent(code: &str, ins: &mut Instruments) {
    for (c, p, date) in RECENT_PROTOCOLS {
        if c == code {
            let slot = match p {
                "tip" => &mut ins.tip,
                "som" => &mut ins.som,
                _ => &mut ins.fa,
            };
            *slot = Some(d(date));
        }
    }
}

/// The European Union: approval of the Convention and the Protocols.
fn european_union() -> Party {
    Party {
        code: "EU".into(),
        name: "European Union".into(),
        kind: PartyKind::Organization,
        regional_group: None,
        pairs_as: Some(Region::Weog),
        group: None,
        instruments: Instruments {
            convention: Some(d("2004-05-21")),
            tip: Some(d("2006-07-27")),
            som: Some(d("2006-07-06")),
            fa: Some(d("2014-03-21")),
        },
    }
}

/// Every party (191), in code order, with its group.
pub fn parties(seed: u64) -> Vec<Party> {
    let mut rng = Rng::stream("instruments", seed);
    let mut rows: Vec<StateRow> = data::states()
        .into_iter()
        .filter(|s| !NOT_PARTIES.contains(&s.iso3.as_str()))
        .collect();
    rows.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    let mut out: Vec<Party> = rows
        .iter()
        .map(|s| Party {
            code: s.iso3.as_str().into(),
            name: s.name.as_str().into(),
            kind: PartyKind::State,
            regional_group: s.region,
            pairs_as: if s.region.is_none() {
                Some(PAIRS_AS_DEFAULT)
            } else {
                None
            },
            group: None,
            instruments: instruments(&s.iso3, &mut rng),
        })
        .collect();
    out.push(european_union());
    out.sort_by(|a, b| a.code.cmp(&b.code));
    assign_groups(&mut out, seed);
    out
}

/// Deals the parties into the three groups: regions interleaved so that each
/// group has its share of every region, `GROUP_3_PARTIES` in group 3.
fn assign_groups(parties: &mut [Party], seed: u64) {
    let mut rng = Rng::stream("groups", seed);
    let late: Vec<&str> = LATE_PARTIES.iter().map(|(c, _)| *c).collect();
    let mut left: Vec<usize> = GROUP_SIZES.iter().map(|(_, n)| *n).collect();
    for p in parties.iter_mut() {
        if GROUP_3_PARTIES.contains(&p.code.as_str()) {
            p.group = Some(3);
            left[2] -= 1;
        }
    }
    let mut order: Vec<usize> = Vec::new();
    for region in Region::ALL {
        let mut members: Vec<usize> = parties
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.pairing_region() == Some(*region)
                    && p.group.is_none()
                    && !late.contains(&p.code.as_str())
            })
            .map(|(i, _)| i)
            .collect();
        rng.shuffle(&mut members);
        order.extend(members);
    }
    let mut g = rng.below(3);
    for i in order {
        while left[g] == 0 {
            g = (g + 1) % 3;
        }
        parties[i].group = Some(GROUP_SIZES[g].0);
        left[g] -= 1;
        g = (g + 1) % 3;
    }
}
