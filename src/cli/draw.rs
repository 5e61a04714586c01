//! The drawing of lots from the command line: whole groups, redraws, and
//! the history that shows each draw was fair (rule f).

use super::output::table;
use crate::domain::lots::{self, Candidate, Pairing, Rules};
use crate::domain::model::{Desk, DrawKind, DrawRecord, Languages, Milestones, Review, Text};
use crate::store::{Store, now_utc};
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

/// What a draw is asked to do.
pub struct DrawRequest {
    pub group: Option<u32>,
    /// `None`: the latest cluster started as at the date.
    pub cluster: Option<u32>,
    pub redraw: Option<i64>,
    pub requested_by: Option<String>,
    pub seed: Option<u64>,
    pub dry_run: bool,
    pub rules: Rules,
}

/// Every party that may review: all parties assigned to a group.
pub fn pool(desk: &Desk, as_of: NaiveDate) -> Vec<Candidate> {
    desk.parties
        .iter()
        .filter(|p| p.group.is_some())
        .filter_map(|p| Candidate::from_party(p, Some(as_of)))
        .collect()
}

pub fn draw(store: &mut Store, req: &DrawRequest, as_of: NaiveDate) -> Result<i32> {
    let desk = store.load_desk()?;
    let seed = req.seed.unwrap_or_else(crate::store::draws::fresh_seed);
    let rules_json = serde_json::to_string(&req.rules)?;
    let cluster = req
        .cluster
        .unwrap_or_else(|| crate::domain::clusters::default_cluster(&desk, as_of));
    let in_cluster = |r: &&Review| r.cluster == cluster;

    match (req.group, req.redraw) {
        (Some(group), None) => {
            if desk.group_start(group).is_none() {
                bail!("--group: no group {group}");
            }
            if desk
                .reviews
                .iter()
                .filter(in_cluster)
                .any(|r| r.group == group)
            {
                bail!(
                    "group {group} already has pairings in cluster {}; use --redraw REVIEW for one review",
                    cluster
                );
            }
            // Rule (c) as at the group's start: the instruments then in
            // force are under review (and `check` reads them so).
            let day = desk.group_start(group).unwrap_or(as_of);
            let pool = pool(&desk, day);
            let under: Vec<Candidate> = desk
                .parties
                .iter()
                .filter(|p| p.group == Some(group))
                .map(|p| {
                    Candidate::from_party(p, Some(day))
                        .with_context(|| format!("{} has no regional group to pair as", p.code))
                })
                .collect::<Result<_>>()?;
            if under.is_empty() {
                bail!("group {group} has no parties to review");
            }
            let others: Vec<Pairing> = desk
                .reviews
                .iter()
                .filter(in_cluster)
                .map(Pairing::from)
                .collect();
            let drawn = lots::draw_group(&under, &pool, &others, &req.rules, seed)
                .map_err(|e| anyhow::anyhow!("{e}; nothing was written"))?;
            print_pairings(&desk, &drawn);
            if req.dry_run {
                println!(
                    "dry run: group {group}, cluster {}, seed {seed}; nothing was written",
                    cluster
                );
                return Ok(0);
            }
            let record = DrawRecord {
                kind: DrawKind::Group,
                group,
                cluster,
                review: None,
                seed,
                rules: rules_json,
                requested_by: req.requested_by.clone(),
                at: now_utc(),
                os_user: store.user().to_string(),
                before: "[]".into(),
                after: crate::store::draws::pairings_json(&drawn),
            };
            store.write(|w| {
                for p in &drawn {
                    w.add_review(&Review {
                        id: 0,
                        group,
                        cluster,
                        under_review: Text::from(p.under_review.as_str()),
                        reviewers: p.reviewers.iter().map(Text::from).collect(),
                        start: None,
                        redraws: 0,
                        languages: Languages::new(),
                        milestones: Milestones::default(),
                    })?;
                }
                w.record_draw(&record)
            })?;
            println!(
                "drew group {group}, cluster {}: {} reviews, seed {seed}",
                cluster,
                drawn.len()
            );
            Ok(0)
        }
        (None, Some(id)) => {
            if req.dry_run {
                bail!("--dry-run shows a whole group's draw; a redraw is made or refused at once");
            }
            let Some(requester) = req.requested_by.as_deref() else {
                bail!("--requested-by CODE: say which party asked for the redraw");
            };
            if !desk.reviews.iter().any(|r| r.id == id) {
                bail!("--redraw: no review {id}");
            }
            let done = crate::store::draws::redraw_review(
                store, id, requester, seed, as_of, &req.rules, None,
            )?;
            let after = Pairing::from(&done.after);
            print_pairings(&desk, std::slice::from_ref(&after));
            println!(
                "redrew review {id} at the request of {requester}: redraw {} of {}, seed {seed}",
                done.after.redraws,
                lots::MAX_REDRAWS
            );
            Ok(0)
        }
        _ => bail!(
            "say what to draw: --group N for a whole group, or --redraw REVIEW --requested-by CODE"
        ),
    }
}

fn print_pairings(desk: &Desk, pairings: &[Pairing]) {
    let name = |c: &str| {
        desk.party(c)
            .map(|p| p.name.to_string())
            .unwrap_or_else(|| c.to_string())
    };
    let rows: Vec<Vec<String>> = pairings
        .iter()
        .map(|p| {
            vec![
                p.under_review.clone(),
                name(&p.under_review),
                p.reviewers.first().cloned().unwrap_or_default(),
                p.reviewers.get(1).cloned().unwrap_or_default(),
                p.reviewers
                    .get(2..)
                    .map(|x| x.join(" "))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "PARTY",
                "NAME",
                "SAME REGION",
                "OTHER REGION",
                "EXTRA (PROTOCOLS)"
            ],
            &rows,
            &[0, 28, 0, 0, 0]
        )
    );
}

pub fn history(store: &Store, json: bool) -> Result<i32> {
    let draws = store.draws()?;
    if json {
        let v: Vec<serde_json::Value> = draws
            .iter()
            .map(|d| {
                serde_json::json!({"kind": d.kind.as_str(), "group": d.group, "cluster": d.cluster,
                    "review": d.review, "seed": d.seed.to_string(), "rules": serde_json::from_str::<serde_json::Value>(&d.rules).unwrap_or_default(),
                    "requested_by": d.requested_by, "at": d.at, "os_user": d.os_user,
                    "before": serde_json::from_str::<serde_json::Value>(&d.before).unwrap_or_default(),
                    "after": serde_json::from_str::<serde_json::Value>(&d.after).unwrap_or_default()})
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = draws
        .iter()
        .map(|d| {
            let after: Vec<Pairing> = serde_json::from_str(&d.after).unwrap_or_default();
            let what = match d.review {
                Some(r) => format!(
                    "review {r}: {}",
                    after
                        .first()
                        .map(|p| p.reviewers.join(", "))
                        .unwrap_or_default()
                ),
                None => format!("{} reviews", after.len()),
            };
            vec![
                d.at.clone(),
                d.kind.as_str().into(),
                d.group.to_string(),
                d.cluster.to_string(),
                d.seed.to_string(),
                d.requested_by.clone().unwrap_or_else(|| "-".into()),
                d.os_user.clone(),
                what,
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "WHEN", "KIND", "GROUP", "CLUSTER", "SEED", "ASKED BY", "WHO", "OUTCOME"
            ],
            &rows,
            &[0, 0, 0, 0, 0, 0, 12, 40]
        )
    );
    Ok(0)
}
