//! A redraw of one review's reviewers (rule e), computed and written in one
//! transaction: the pairings it must respect are read under the write
//! lock, so a colleague's draw cannot slip in between. Shared by the
//! terminal app and (once switched) `revdesk draw --redraw`.

use super::parties;
use super::row::Named;
use super::{Result, Store, StoreError};
use crate::domain::lots::{self, Candidate, Pairing, Rules};
use crate::domain::model::{DrawKind, DrawRecord, Party, Review, Text};
use chrono::NaiveDate;

/// A fresh seed for a draw; it is recorded, so the draw can be repeated.
/// The randomness of the draw itself is the seeded generator in
/// `domain::lots`.
pub fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    (nanos ^ (u64::from(std::process::id()) << 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 1
}

/// What a redraw did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redrawn {
    /// The review before and after (reviewers and redraw count changed).
    pub before: Review,
    pub after: Review,
    /// The review's row version after the redraw.
    pub version: i64,
    pub seed: u64,
    pub requested_by: String,
}

/// Pairings as the draw log records them.
pub fn pairings_json(p: &[Pairing]) -> String {
    serde_json::to_string(p).unwrap_or_else(|_| "[]".into())
}

/// Pairings of every review of `cluster`: (id, group, pairing).
fn cluster_pairings(
    tx: &rusqlite::Transaction<'_>,
    cluster: u32,
) -> Result<Vec<(i64, u32, Pairing)>> {
    let mut st = tx.prepare_cached(
        "SELECT r.id, r.grp, r.under_review, rr.party FROM reviews r
         LEFT JOIN review_reviewers rr ON rr.review = r.id
         WHERE r.cluster = ?1 ORDER BY r.id, rr.position",
    )?;
    let mut out: Vec<(i64, u32, Pairing)> = Vec::new();
    let rows = st.query_map([cluster], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    for row in rows {
        let (id, group, under, reviewer) = row?;
        if out.last().is_none_or(|l| l.0 != id) {
            out.push((
                id,
                group,
                Pairing {
                    under_review: under,
                    reviewers: Vec::new(),
                },
            ));
        }
        if let (Some(last), Some(p)) = (out.last_mut(), reviewer) {
            last.2.reviewers.push(p);
        }
    }
    Ok(out)
}

/// Redraws the reviewers of review `id` at the request of `requested_by`
/// (a party of the review), with `seed`, as `cli/draw.rs` does: parties
/// bound as at `as_of`, every other pairing of the cluster respected. The
/// review (put with `expected_version` when given, audited "redraw") and
/// the draw record are written in one transaction; an impossible draw, a
/// fifth redraw or a colleague's change writes nothing.
pub fn redraw_review(
    store: &mut Store,
    id: i64,
    requested_by: &str,
    seed: u64,
    as_of: NaiveDate,
    rules: &Rules,
    expected_version: Option<i64>,
) -> Result<Redrawn> {
    let rules_json =
        serde_json::to_string(rules).map_err(|e| StoreError::Invalid(e.to_string()))?;
    store.write(|w| {
        let (review, version) = w.review(id)?;
        if let Some(v) = expected_version
            && v != version
        {
            return Err(w.conflict("review", id));
        }
        if !review.parties().any(|p| p == requested_by) {
            return Err(StoreError::Invalid(format!(
                "requested by: {requested_by} is not a party of review {id}; nothing was written"
            )));
        }
        let parties: Vec<Party> = {
            let mut st = w.tx.prepare_cached(&format!(
                "SELECT {} FROM parties ORDER BY code",
                *parties::COLUMNS
            ))?;
            let rows = st.query_map([], |r| Ok(parties::from_row(&Named::new(r))))?;
            let mut out = Vec::new();
            for r in rows {
                out.push(r??);
            }
            out
        };
        let pool: Vec<Candidate> = parties
            .iter()
            .filter(|p| p.group.is_some())
            .filter_map(|p| Candidate::from_party(p, Some(as_of)))
            .collect();
        let party = parties
            .iter()
            .find(|p| p.code == review.under_review)
            .ok_or_else(|| {
                StoreError::Invalid("the party under review is missing; nothing was written".into())
            })?;
        let target = Candidate::from_party(party, Some(as_of)).ok_or_else(|| {
            StoreError::Invalid(format!(
                "{} has no regional group to pair as; nothing was written",
                party.code
            ))
        })?;
        let cluster = cluster_pairings(w.tx, review.cluster)?;
        let same_group: Vec<Pairing> = cluster
            .iter()
            .filter(|(rid, g, _)| *g == review.group && *rid != id)
            .map(|(_, _, p)| p.clone())
            .collect();
        let other_groups: Vec<Pairing> = cluster
            .iter()
            .filter(|(_, g, _)| *g != review.group)
            .map(|(_, _, p)| p.clone())
            .collect();
        let before = Pairing::from(&review);
        let drawn = lots::redraw(
            &target,
            &before,
            &pool,
            &same_group,
            &other_groups,
            review.redraws,
            rules,
            seed,
        )
        .map_err(|e| StoreError::Invalid(format!("{e}; nothing was written")))?;
        let mut after = review.clone();
        after.reviewers = drawn.reviewers.iter().map(Text::from).collect();
        after.redraws += 1;
        w.put_review(&after, Some(version), "redraw")?;
        w.record_draw(&DrawRecord {
            kind: DrawKind::Redraw,
            group: review.group,
            cluster: review.cluster,
            review: Some(id),
            seed,
            rules: rules_json.clone(),
            requested_by: Some(requested_by.to_string()),
            at: w.at.clone(),
            os_user: w.user.to_string(),
            before: pairings_json(&[before]),
            after: pairings_json(&[drawn]),
        })?;
        let version = w.review(id)?.1;
        Ok(Redrawn {
            before: review,
            after,
            version,
            seed,
            requested_by: requested_by.to_string(),
        })
    })
}
