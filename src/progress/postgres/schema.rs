//! The tables, created and migrated by kasseika itself.
//!
//! `kasseika_schema` records each version applied (and by which kasseika);
//! [`MIGRATIONS`] are applied in order, each once, all in one transaction under an
//! advisory lock (`pg_advisory_xact_lock`), so that instances starting together
//! migrate one after the other and the later ones find the work done. A database
//! whose schema is newer than [`VERSION`] is refused: an older kasseika would
//! write rows the newer one reads wrongly.
//!
//! The rows hold progress in the file's format ([`crate::progress::VERSION`]);
//! a change of that format is a change of the schema too (a test holds them
//! together), so that an older kasseika never meets a row it cannot read: it
//! refuses the database first.

use deadpool_postgres::Object;

use super::CallError;

/// The schema this build creates and reads.
pub const VERSION: i32 = 1;

/// The progress format each schema version writes, by version (the last is
/// this build's).
pub const PROGRESS_FORMAT: &[u64] = &[1];

/// The advisory lock taken while migrating: "kasseika" in ASCII.
pub const LOCK_KEY: i64 = 0x6b61_7373_6569_6b61;

/// What each version adds.
pub const MIGRATIONS: &[&str] = &[
    // 1: one row per learner.
    "CREATE TABLE kasseika_progress (
        learner text PRIMARY KEY,
        progress jsonb NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
    )",
];

const _: () = assert!(MIGRATIONS.len() == VERSION as usize);
const _: () = assert!(PROGRESS_FORMAT.len() == VERSION as usize);

/// Brings the schema to [`VERSION`], or says it is newer.
pub(super) async fn migrate(client: &mut Object) -> Result<(), CallError> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])
        .await?;
    let exists: bool = tx
        .query_one("SELECT to_regclass('kasseika_schema') IS NOT NULL", &[])
        .await?
        .get(0);
    if !exists {
        tx.batch_execute(
            "CREATE TABLE kasseika_schema (
                version integer PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now(),
                by_kasseika text NOT NULL
            )",
        )
        .await?;
    }
    let current: i32 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM kasseika_schema", &[])
        .await?
        .get(0);
    if current > VERSION {
        return Err(CallError::Refused(current));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        let version = i as i32 + 1;
        tx.batch_execute(sql).await?;
        tx.execute(
            "INSERT INTO kasseika_schema (version, by_kasseika) VALUES ($1, $2)",
            &[&version, &env!("CARGO_PKG_VERSION")],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_names_the_progress_format_this_build_writes() {
        // A new progress format needs a new schema version (and a migration, if
        // only to record it), so that older builds refuse the database.
        assert_eq!(
            super::PROGRESS_FORMAT.last().copied(),
            Some(crate::progress::VERSION)
        );
    }
}
