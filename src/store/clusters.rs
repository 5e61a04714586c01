//! Clusters in the store: the gate threshold (a setting), the start of
//! each group in each later cluster (`cluster_starts`), and the start of a
//! group's next cluster written in one audited transaction with its draw.

use super::{Result, Store, StoreError, Writer};
use crate::domain::gate::Threshold;
use crate::domain::model::{DrawKind, DrawRecord};
use crate::domain::next_cluster::{ClusterStart, StartPlan, StartRequest};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde_json::json;

/// The settings key of the gate threshold.
const THRESHOLD_KEY: &str = "gate_threshold";

const CLUSTER_START_COLUMNS: &str = "cluster, grp, start";

fn cluster_start_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<ClusterStart>> {
    let start: String = r.get("start")?;
    Ok(match start.parse::<NaiveDate>() {
        Ok(start) => Ok(ClusterStart {
            cluster: r.get("cluster")?,
            group: r.get("grp")?,
            start,
        }),
        Err(e) => Err(StoreError::Damaged(format!(
            "cluster_starts.start {start:?}: {e}"
        ))),
    })
}

fn read_threshold(conn: &rusqlite::Connection) -> Result<Threshold> {
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [THRESHOLD_KEY],
            |r| r.get(0),
        )
        .optional()?;
    match v {
        None => Ok(Threshold::DEFAULT),
        Some(v) => v
            .parse()
            .map_err(|e| StoreError::Damaged(format!("setting {THRESHOLD_KEY}: {e}"))),
    }
}

impl Store {
    /// The share of a group's reviews that opens the gate (default 0.70).
    pub fn gate_threshold(&self) -> Result<Threshold> {
        read_threshold(self.conn())
    }

    /// Every cluster start, by cluster and group.
    pub fn cluster_starts(&self) -> Result<Vec<ClusterStart>> {
        read_cluster_starts(self.conn())
    }
}

fn read_cluster_starts(conn: &rusqlite::Connection) -> Result<Vec<ClusterStart>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {CLUSTER_START_COLUMNS} FROM cluster_starts ORDER BY cluster, grp"
    ))?;
    let rows = st.query_map([], cluster_start_from_row)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r??);
    }
    Ok(out)
}

impl Writer<'_> {
    /// Sets the gate threshold (audited).
    pub fn set_gate_threshold(&self, t: Threshold) -> Result<()> {
        let before = read_threshold(self.tx)?;
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![THRESHOLD_KEY, t.to_string()],
        )?;
        self.audit(
            "set",
            "setting",
            THRESHOLD_KEY,
            Some(&json!(before.to_string())),
            Some(&json!(t.to_string())),
        )?;
        Ok(())
    }

    /// Writes a planned cluster start: the new reviews, the cluster start
    /// (audited with the gate and any decision) and the draw record. The
    /// plan was made on a desk read before the transaction: it is refused
    /// if a colleague started the same group's cluster meanwhile.
    pub fn start_cluster(
        &self,
        plan: &StartPlan,
        req: &StartRequest,
        before: &[crate::domain::lots::Pairing],
    ) -> Result<Vec<i64>> {
        let taken: i64 = self.tx.query_row(
            "SELECT count(*) FROM reviews WHERE grp = ?1 AND cluster = ?2",
            params![req.group, req.cluster],
            |r| r.get(0),
        )?;
        if taken > 0 {
            return Err(StoreError::Invalid(format!(
                "--cluster: group {} already has reviews in cluster {}; nothing was written",
                req.group, req.cluster
            )));
        }
        let mut ids = Vec::with_capacity(plan.reviews.len());
        for r in &plan.reviews {
            ids.push(self.add_review(r)?);
        }
        self.insert_cluster_start(&plan.start)?;
        let key = format!("{}:{}", plan.start.cluster, plan.start.group);
        self.audit(
            "start",
            "cluster",
            &key,
            None,
            Some(
                &json!({"cluster": plan.start.cluster, "group": plan.start.group,
                "start": plan.start.start.to_string(), "carried_from_cluster": plan.from,
                "reviews": ids.len(), "gate": plan.gate, "decision": req.decision,
                "extras": plan.extras}),
            ),
        )?;
        let after: Vec<crate::domain::lots::Pairing> =
            plan.reviews.iter().map(Into::into).collect();
        self.record_draw(&DrawRecord {
            kind: DrawKind::Group,
            group: req.group,
            cluster: req.cluster,
            review: None,
            seed: req.seed,
            rules: plan.rules_json(req).to_string(),
            requested_by: None,
            at: self.at.clone(),
            os_user: self.user.to_string(),
            before: super::draws::pairings_json(before),
            after: super::draws::pairings_json(&after),
        })?;
        Ok(ids)
    }

    pub(super) fn insert_cluster_start(&self, s: &ClusterStart) -> Result<()> {
        self.tx.execute(
            &format!("INSERT INTO cluster_starts ({CLUSTER_START_COLUMNS}) VALUES (?1, ?2, ?3)"),
            params![s.cluster, s.group, s.start.to_string()],
        )?;
        Ok(())
    }

    /// Empties the cluster starts and the draw log: before an import
    /// replaces the desk (cluster starts name its groups).
    pub fn clear_history(&self) -> Result<()> {
        self.tx
            .execute_batch("DELETE FROM cluster_starts; DELETE FROM draws;")?;
        Ok(())
    }

    /// Writes the cluster starts and draws of an imported document (after
    /// the desk itself, in the same transaction).
    pub fn import_history(&self, starts: &[ClusterStart], draws: &[DrawRecord]) -> Result<()> {
        for s in starts {
            self.insert_cluster_start(s)?;
        }
        for d in draws {
            self.record_draw(d)?;
        }
        Ok(())
    }
}
