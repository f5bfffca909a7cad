//! Where the server keeps its learners' progress, from the flags, in one place:
//! the files of `--progress-dir` (the default), or the PostgreSQL database of
//! `--progress-db`; and `--import-progress`, which moves a one-machine class's
//! files into that database.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::FluentValue;

use super::ServeArgs;
use crate::i18n::Tr;
use crate::progress::store::{FileStore, ProgressStore};

/// The flags of the progress database (`kasseika serve`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DbArgs {
    /// Keep the learners' progress in this PostgreSQL database (libpq's
    /// `host=... dbname=...` or a `postgresql://` URI; the password from
    /// PGPASSWORD or a password file, never here)
    #[arg(long, value_name = "CONNINFO", conflicts_with = "progress_dir")]
    pub progress_db: Option<String>,
    /// Copy the progress files of DIR (a --progress-dir) into --progress-db,
    /// say what was taken and what skipped, and stop
    #[arg(
        long,
        value_name = "DIR",
        requires = "progress_db",
        conflicts_with = "report"
    )]
    pub import_progress: Option<PathBuf>,
}

/// A message: its id and arguments.
pub(super) type Said = (&'static str, Vec<(&'static str, FluentValue<'static>)>);

/// What says a message in the operator's language.
pub(super) type Say<'a> = &'a dyn Fn(&str, &[(&str, FluentValue)]);

/// Where the progress is, for the start-up lines.
pub(super) enum Where {
    Dir(String),
    #[cfg(feature = "postgres")]
    Db {
        described: String,
        /// Why it does not answer, if it does not.
        down: Option<String>,
    },
}

fn shown(path: &Path) -> String {
    crate::output::visible(&path.display().to_string()).into_owned()
}

/// The store the flags ask for, opened (a database on the current runtime),
/// and where it is; `Err`: what to say before stopping.
pub(super) async fn progress_store(
    args: &ServeArgs,
    tr: Tr<'_>,
) -> Result<(Arc<dyn ProgressStore>, Where), Said> {
    match &args.db.progress_db {
        None => {
            let store = match &args.progress_dir {
                Some(dir) => FileStore::per_learner(dir),
                None => {
                    FileStore::server_default().map_err(|_| ("serve-no-progress-dir", vec![]))?
                }
            };
            let dir = shown(store.dir());
            Ok((Arc::new(store), Where::Dir(dir)))
        }
        #[cfg(feature = "postgres")]
        Some(conninfo) => {
            let settings = db_settings(conninfo, tr)?;
            let options = crate::progress::postgres::PgOptions {
                log: Arc::new(super::log::line),
                ..Default::default()
            };
            let store = crate::progress::postgres::PgStore::open(&settings, options)
                .await
                .map_err(|e| open_failure(&settings, e))?;
            let place = Where::Db {
                described: store.describe().to_string(),
                down: store.unreachable(),
            };
            Ok((Arc::new(store), place))
        }
        #[cfg(not(feature = "postgres"))]
        Some(_) => {
            let _ = tr;
            Err(("serve-progress-db-not-built", vec![]))
        }
    }
}

/// The start-up lines about where progress is kept.
pub(super) fn announce(place: &Where, keys_only: bool, say: Say) {
    match place {
        Where::Dir(path) => {
            // With --authorized-keys, every learner has a key: no word of keyless ones.
            let id = if keys_only {
                "serve-progress-dir-keys-only"
            } else {
                "serve-progress-dir"
            };
            say(id, &[("path", path.clone().into())]);
        }
        #[cfg(feature = "postgres")]
        Where::Db { described, down } => {
            say("serve-progress-db", &[("db", described.clone().into())]);
            if let Some(error) = down {
                say(
                    "serve-progress-db-unreachable",
                    &[
                        ("db", described.clone().into()),
                        ("error", crate::output::visible(error).into_owned().into()),
                    ],
                );
            }
        }
    }
}

#[cfg(feature = "postgres")]
fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

#[cfg(feature = "postgres")]
fn db_settings(conninfo: &str, tr: Tr) -> Result<crate::progress::postgres::DbSettings, Said> {
    let env = |k: &str| std::env::var(k).ok();
    crate::progress::postgres::DbSettings::parse(conninfo, &env, home().as_deref()).map_err(|e| {
        (
            "serve-progress-db-settings",
            vec![("error", e.message(tr).into())],
        )
    })
}

#[cfg(feature = "postgres")]
fn open_failure(
    settings: &crate::progress::postgres::DbSettings,
    e: crate::progress::postgres::OpenError,
) -> Said {
    use crate::progress::postgres::OpenError;
    let db = FluentValue::from(settings.describe());
    match e {
        OpenError::Newer { found, known } => (
            "serve-progress-db-newer",
            vec![("db", db), ("found", found.into()), ("known", known.into())],
        ),
        OpenError::Tls(e) => (
            "serve-progress-db-tls",
            vec![
                ("path", shown(&e.path).into()),
                (
                    "error",
                    crate::output::visible(&e.detail).into_owned().into(),
                ),
            ],
        ),
        e => (
            "serve-progress-db-error",
            vec![
                ("db", db),
                (
                    "error",
                    crate::output::visible(&e.to_string()).into_owned().into(),
                ),
            ],
        ),
    }
}

/// The store `--report` and `--import-progress` read, without a server (a
/// database on a runtime of the store's own), where it is (a path, or the
/// database without its password) and the report's line that says so. `Err`: the operator's message.
pub(super) fn offline_store(
    args: &ServeArgs,
    tr: Tr,
) -> Result<(Arc<dyn ProgressStore>, String, String), String> {
    match &args.db.progress_db {
        None => {
            let store = match &args.progress_dir {
                Some(dir) => FileStore::per_learner(dir),
                None => FileStore::server_default().map_err(|e| e.message(tr))?,
            };
            let path = shown(store.dir());
            let line = tr.f("serve-report-dir", &[("path", path.clone().into())]);
            Ok((Arc::new(store), path, line))
        }
        #[cfg(feature = "postgres")]
        Some(conninfo) => {
            let store = open_offline(conninfo, tr)?;
            let db = store.describe().to_string();
            let line = tr.f("serve-report-db", &[("db", db.clone().into())]);
            Ok((Arc::new(store), db, line))
        }
        #[cfg(not(feature = "postgres"))]
        Some(_) => Err(tr.t("serve-progress-db-not-built")),
    }
}

/// The database of `conninfo`, opened on a runtime of its own, answering.
#[cfg(feature = "postgres")]
fn open_offline(conninfo: &str, tr: Tr) -> Result<crate::progress::postgres::PgStore, String> {
    use crate::progress::postgres::{PgOptions, PgStore};
    let say = |(id, args): Said| tr.f(id, &args);
    let settings = db_settings(conninfo, tr).map_err(say)?;
    let store = PgStore::open_standalone(&settings, PgOptions::default())
        .map_err(|e| say(open_failure(&settings, e)))?;
    if let Some(error) = store.unreachable() {
        return Err(tr.f(
            "serve-progress-db-down",
            &[
                ("db", store.describe().to_string().into()),
                ("error", crate::output::visible(&error).into_owned().into()),
            ],
        ));
    }
    Ok(store)
}

/// Why a file of the folder was not imported.
#[cfg(feature = "postgres")]
fn skipped(tr: Tr, file: &str, why: &'static str, detail: &str) -> String {
    tr.f(
        "serve-import-skipped",
        &[
            ("file", crate::output::visible(file).into_owned().into()),
            ("why", why.into()),
            ("detail", crate::output::visible(detail).into_owned().into()),
        ],
    )
}

/// `kasseika serve --import-progress DIR --progress-db ...`: each learner's file
/// of DIR merged into the database (so that doing it again changes nothing),
/// one line per file saying what was taken and what skipped, then the counts.
/// The second part: what went wrong (files that cannot be read, failures).
#[cfg(feature = "postgres")]
pub fn import(args: &ServeArgs, tr: Tr) -> Result<(String, Vec<String>), String> {
    use crate::progress::postgres::Imported;
    use crate::progress::store::LearnerId;
    let (Some(dir), Some(conninfo)) = (&args.db.import_progress, &args.db.progress_db) else {
        return Err(tr.t("serve-import-needs-db"));
    };
    let store = open_offline(conninfo, tr)?;
    let files = FileStore::per_learner(dir);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| {
            tr.f(
                "serve-report-error",
                &[
                    ("path", shown(dir).into()),
                    (
                        "error",
                        crate::output::visible(&e.to_string()).into_owned().into(),
                    ),
                ],
            )
        })?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    let (mut taken, mut unchanged, mut skips) = (0u32, 0u32, 0u32);
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        if name.ends_with(".lock") {
            continue;
        }
        let learner = name.strip_suffix(".json").map(LearnerId::new);
        let Some(Ok(learner)) = learner else {
            skips += 1;
            let why = if name.contains(".json.tmp-") {
                "temporary"
            } else if name.contains(".json.") {
                "aside"
            } else {
                "other"
            };
            lines.push(skipped(tr, &name, why, ""));
            continue;
        };
        let progress = match files.peek(&learner) {
            Ok(Ok(progress)) => progress,
            Ok(Err(reason)) => {
                skips += 1;
                let detail = match reason {
                    crate::progress::store::AsideReason::Corrupt { detail } => detail,
                    crate::progress::store::AsideReason::Newer { version } => {
                        format!("version {version}")
                    }
                    crate::progress::store::AsideReason::TooLarge => "too large".into(),
                };
                let line = skipped(tr, &name, "unreadable", &detail);
                problems.push(line.clone());
                lines.push(line);
                continue;
            }
            Err(e) => {
                skips += 1;
                let line = skipped(tr, &name, "unreadable", &e.to_string());
                problems.push(line.clone());
                lines.push(line);
                continue;
            }
        };
        if progress.is_empty() {
            skips += 1;
            lines.push(skipped(tr, &name, "empty", ""));
            continue;
        }
        let who = match progress.name() {
            Some(n) => format!("{} ({learner})", crate::output::visible(n)),
            None => learner.to_string(),
        };
        match store.import(&learner, &progress) {
            Ok(Imported::Taken) => {
                taken += 1;
                lines.push(tr.f("serve-import-taken", &[("learner", who.into())]));
            }
            Ok(Imported::Unchanged) => {
                unchanged += 1;
                lines.push(tr.f("serve-import-unchanged", &[("learner", who.into())]));
            }
            Err(e) => {
                skips += 1;
                let line = skipped(tr, &name, "failed", &e.message(tr));
                problems.push(line.clone());
                lines.push(line);
            }
        }
    }
    lines.push(tr.f(
        "serve-import-summary",
        &[
            ("dir", shown(dir).into()),
            ("db", store.describe().to_string().into()),
            ("taken", taken.into()),
            ("unchanged", unchanged.into()),
            ("skipped", skips.into()),
        ],
    ));
    let mut text = lines.join("\n");
    text.push('\n');
    Ok((text, problems))
}

#[cfg(not(feature = "postgres"))]
pub fn import(_args: &ServeArgs, tr: Tr) -> Result<(String, Vec<String>), String> {
    Err(tr.t("serve-progress-db-not-built"))
}
