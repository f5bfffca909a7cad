//! Progress in PostgreSQL, for `kasseika serve --progress-db`: many instances of
//! the server, one class.
//!
//! The shape is atuin's server database: settings read apart ([`settings`], whose
//! `Debug` hides the password), the schema created and migrated by the program
//! itself ([`schema`]), and one implementation of the store trait beside the file
//! store ([`PgStore`]).
//!
//! **One row per learner** (`kasseika_progress`: the learner's id, the progress as
//! `jsonb` in the file's format, when it was saved). A save is a transaction
//! around load-merge-write: `SELECT ... FOR UPDATE` holds the learner's row while
//! [`Progress::merge`] combines it with the copy being saved, so two instances
//! saving the same learner at once wait for each other and neither loses what the
//! other wrote (the merge is a join: the order of the saves does not matter). A
//! learner's first save inserts the row (`ON CONFLICT DO NOTHING`, then the same
//! locked read when another instance inserted it first).
//!
//! **When the database goes away.** Every call is bounded in time
//! ([`PgOptions::timeout`]) and runs on the server's runtime, off the sessions'
//! tasks (the server calls the store on blocking threads). A save the database
//! does not take is merged into a map of saves waiting (by learner, in memory)
//! and reported as [`StoreError::Unavailable`], which the learner is told
//! plainly; one task retries them with a backoff (doubling from a quarter of a
//! second up to [`PgOptions::max_backoff`]) and writes them all when the database
//! answers again. While it is down, saves do not wait for it (they go straight to
//! the map) and a learner who connects is told that their saved progress cannot
//! be read, and continues from what this server holds of them, if anything
//! ([`Notice::Unreachable`]). A database unreachable at start is the same: the
//! server starts and the task keeps trying (and migrating the schema once it
//! answers). What waits is lost only if the server stops before the database
//! returns: the stop tries once more and logs how many learners were left.
//!
//! **Connections**: a small pool (deadpool-postgres, four connections unless
//! set): each call holds one for a few statements. deadpool's pool is a few
//! hundred lines of well-kept code with timeouts for waiting, connecting and
//! recycling, which a home-made pool would have to grow; its build cost is small
//! beside tokio-postgres's own.

pub mod schema;
pub mod settings;
pub mod tls;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio::sync::Notify;

use super::store::{LearnerId, Loaded, Notice, ProgressStore, StoreError};
use super::{FileError, Progress};
pub use settings::{DbSettings, SettingsError, TlsMode};
/// For tests and tools that speak to the same database.
pub use tokio_postgres;

/// What a [`PgStore`] is given besides the settings.
#[derive(Clone)]
pub struct PgOptions {
    /// Connections at most.
    pub pool_size: usize,
    /// The longest a call (or a connection) may take.
    pub timeout: Duration,
    /// The longest wait between two tries of saves waiting.
    pub max_backoff: Duration,
    /// Where the store says that the database went away and came back.
    pub log: Arc<dyn Fn(&str) + Send + Sync>,
}

impl fmt::Debug for PgOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgOptions")
            .field("pool_size", &self.pool_size)
            .field("timeout", &self.timeout)
            .field("max_backoff", &self.max_backoff)
            .finish()
    }
}

impl Default for PgOptions {
    fn default() -> PgOptions {
        PgOptions {
            pool_size: 4,
            timeout: Duration::from_secs(5),
            max_backoff: Duration::from_secs(10),
            log: Arc::new(|_| {}),
        }
    }
}

/// Why a store could not be opened at all (a database that does not answer is
/// not one of these: the store opens and waits for it).
#[derive(Debug)]
pub enum OpenError {
    Settings(SettingsError),
    Tls(tls::TlsError),
    /// The schema is newer than this build knows.
    Newer {
        found: i32,
        known: i32,
    },
    /// No runtime for the connections.
    Runtime(String),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Settings(e) => e.fmt(f),
            OpenError::Tls(e) => e.fmt(f),
            OpenError::Newer { found, known } => write!(
                f,
                "the database's schema (version {found}) is newer than this kasseika's ({known})"
            ),
            OpenError::Runtime(e) => write!(f, "no runtime: {e}"),
        }
    }
}

impl std::error::Error for OpenError {}

/// Where the store stands with its database.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// Answering, schema checked.
    Up,
    /// Not answering (or failing); the error, for the log.
    Down(String),
    /// The schema turned out newer than this build: nothing is written, ever.
    Refused(i32),
}

struct Inner {
    pool: Pool,
    rt: tokio::runtime::Handle,
    /// A runtime of the store's own (for `--report` and `--import-progress`).
    own_rt: Mutex<Option<tokio::runtime::Runtime>>,
    options: PgOptions,
    state: Mutex<State>,
    /// Saves the database has not taken yet, merged by learner.
    waiting: Mutex<BTreeMap<LearnerId, Progress>>,
    wake: Arc<Notify>,
    described: String,
}

/// Progress in PostgreSQL: see the module documentation.
#[derive(Clone)]
pub struct PgStore {
    inner: Arc<Inner>,
}

impl fmt::Debug for PgStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgStore")
            .field("db", &self.inner.described)
            .field("state", &self.state())
            .finish()
    }
}

/// A failure of one call: the database did not answer (or failed), or a
/// learner's row could not be read.
#[derive(Debug)]
enum CallError {
    Down(String),
    Unreadable(String),
    Refused(i32),
}

impl From<tokio_postgres::Error> for CallError {
    fn from(e: tokio_postgres::Error) -> CallError {
        CallError::Down(db_error_text(&e))
    }
}

impl From<deadpool_postgres::PoolError> for CallError {
    fn from(e: deadpool_postgres::PoolError) -> CallError {
        match e {
            deadpool_postgres::PoolError::Backend(e) => CallError::Down(db_error_text(&e)),
            e => CallError::Down(e.to_string()),
        }
    }
}

/// A database error with the server's own words when it sent some.
fn db_error_text(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.code().code(), db.message()),
        None => {
            let mut text = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                text.push_str(": ");
                text.push_str(&s.to_string());
                source = s.source();
            }
            text
        }
    }
}

impl PgStore {
    /// Opens the store on the current runtime: the pool, then the schema (created
    /// or migrated, under an advisory lock). A database that does not answer is
    /// not an error: the store opens in the state `Down` (see
    /// [`PgStore::unreachable`]) and keeps trying; a schema newer than this build
    /// is.
    pub async fn open(settings: &DbSettings, options: PgOptions) -> Result<PgStore, OpenError> {
        let rt =
            tokio::runtime::Handle::try_current().map_err(|e| OpenError::Runtime(e.to_string()))?;
        Self::open_on(settings, options, rt).await
    }

    /// [`PgStore::open`] on a runtime of the store's own, for a program that has
    /// none (`--report`, `--import-progress`). Call it outside any runtime.
    pub fn open_standalone(
        settings: &DbSettings,
        options: PgOptions,
    ) -> Result<PgStore, OpenError> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| OpenError::Runtime(e.to_string()))?;
        let handle = rt.handle().clone();
        let store = rt.block_on(Self::open_on(settings, options, handle))?;
        if let Ok(mut own) = store.inner.own_rt.lock() {
            *own = Some(rt);
        }
        Ok(store)
    }

    async fn open_on(
        settings: &DbSettings,
        options: PgOptions,
        rt: tokio::runtime::Handle,
    ) -> Result<PgStore, OpenError> {
        let mut config = settings.to_config().map_err(OpenError::Settings)?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(options.timeout);
        }
        let tls = tls::client_config(settings.tls, settings.root_certs.as_ref())
            .map_err(OpenError::Tls)?
            .unwrap_or_else(|| {
                // Never used (sslmode=disable), but the pool takes one kind.
                rustls::ClientConfig::builder_with_provider(tls::provider())
                    .with_safe_default_protocol_versions()
                    .expect("ring supports the default versions")
                    .with_root_certificates(rustls::RootCertStore::empty())
                    .with_no_client_auth()
            });
        let manager = Manager::from_config(
            config,
            tokio_postgres_rustls::MakeRustlsConnect::new(tls),
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(options.pool_size.max(1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(options.timeout))
            .create_timeout(Some(options.timeout))
            .recycle_timeout(Some(options.timeout))
            .build()
            .map_err(|e| OpenError::Runtime(e.to_string()))?;
        let store = PgStore {
            inner: Arc::new(Inner {
                pool,
                rt,
                own_rt: Mutex::new(None),
                options,
                state: Mutex::new(State::Down("not connected yet".into())),
                waiting: Mutex::new(BTreeMap::new()),
                wake: Arc::new(Notify::new()),
                described: settings.describe(),
            }),
        };
        match store.migrate().await {
            Ok(()) => store.set_state(State::Up),
            Err(CallError::Refused(found)) => {
                return Err(OpenError::Newer {
                    found,
                    known: schema::VERSION,
                });
            }
            Err(CallError::Down(e) | CallError::Unreadable(e)) => {
                store.set_state(State::Down(e));
            }
        }
        store.inner.rt.spawn(retry_task(
            Arc::downgrade(&store.inner),
            store.inner.wake.clone(),
        ));
        Ok(store)
    }

    /// The database as the log names it (no password).
    pub fn describe(&self) -> &str {
        &self.inner.described
    }

    /// Why the database does not answer, while it does not.
    pub fn unreachable(&self) -> Option<String> {
        match self.state() {
            State::Up => None,
            State::Down(e) => Some(e),
            State::Refused(found) => Some(
                OpenError::Newer {
                    found,
                    known: schema::VERSION,
                }
                .to_string(),
            ),
        }
    }

    /// Learners whose saves wait for the database.
    pub fn waiting(&self) -> usize {
        self.inner.waiting.lock().map_or(0, |w| w.len())
    }

    fn state(&self) -> State {
        self.inner
            .state
            .lock()
            .map_or_else(|e| e.into_inner().clone(), |s| s.clone())
    }

    fn set_state(&self, next: State) {
        set_state(&self.inner, next);
    }

    async fn migrate(&self) -> Result<(), CallError> {
        let timeout = self.inner.options.timeout;
        let mut client = bounded(timeout, self.inner.pool.get()).await??;
        bounded(timeout, schema::migrate(&mut client)).await?
    }

    /// Runs `call` on the store's runtime, from a thread outside it.
    fn block_on<T>(&self, call: impl Future<Output = T>) -> T {
        self.inner.rt.block_on(call)
    }

    fn up(&self) -> bool {
        self.state() == State::Up
    }

    /// Keeps `progress` to save when the database answers again.
    fn keep(&self, learner: &LearnerId, progress: &Progress) {
        keep(&self.inner, learner, progress);
    }

    fn held(&self, learner: &LearnerId) -> Option<Progress> {
        self.inner
            .waiting
            .lock()
            .ok()
            .and_then(|w| w.get(learner).cloned())
    }

    /// What a learner is given while the database does not answer: what this
    /// server holds of them, and the notice.
    fn offline_load(&self, learner: &LearnerId) -> Loaded {
        let held = self.held(learner);
        Loaded {
            notices: vec![Notice::Unreachable {
                held: held.is_some(),
            }],
            progress: held.unwrap_or_default(),
        }
    }

    fn unavailable(&self) -> StoreError {
        StoreError::Unavailable {
            detail: self
                .unreachable()
                .unwrap_or_else(|| "the database did not answer".into()),
        }
    }

    /// Merges `progress` into the stored row under its lock and returns what is
    /// stored then, and whether that changed.
    async fn update(
        &self,
        learner: &LearnerId,
        change: impl Fn(Option<Progress>) -> Progress,
    ) -> Result<(Progress, bool), CallError> {
        update(&self.inner, learner, change).await
    }

    /// Moves one learner's progress from a file into the database (the merge:
    /// doing it again changes nothing).
    pub fn import(&self, learner: &LearnerId, progress: &Progress) -> Result<Imported, StoreError> {
        if !self.up() {
            return Err(self.unavailable());
        }
        let result = self.block_on(self.update(learner, |stored| match stored {
            Some(mut stored) => {
                stored.merge(progress);
                stored
            }
            None => progress.clone(),
        }));
        match result {
            Ok((_, false)) => Ok(Imported::Unchanged),
            Ok((_, true)) => Ok(Imported::Taken),
            Err(e) => Err(self.call_failed(e)),
        }
    }

    fn call_failed(&self, e: CallError) -> StoreError {
        match e {
            CallError::Unreadable(detail) => StoreError::Database { detail },
            CallError::Down(detail) => {
                self.set_state(State::Down(detail.clone()));
                self.inner.wake.notify_one();
                StoreError::Unavailable { detail }
            }
            CallError::Refused(found) => {
                self.set_state(State::Refused(found));
                self.unavailable()
            }
        }
    }
}

/// What [`PgStore::import`] did with a learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// New to the database, or it added something.
    Taken,
    /// The database had all of it already.
    Unchanged,
}

fn set_state(inner: &Inner, next: State) {
    let Ok(mut state) = inner.state.lock() else {
        return;
    };
    if *state == next {
        return;
    }
    let log = &inner.options.log;
    let db = &inner.described;
    match (&*state, &next) {
        (State::Down(_), State::Up) => log(&format!(
            "progress_db_up db={}",
            crate::serve::log::server_str(db)
        )),
        (State::Up, State::Down(e)) => log(&format!(
            "progress_db_down db={} error={}",
            crate::serve::log::server_str(db),
            crate::serve::log::server_str(e)
        )),
        (_, State::Refused(found)) => log(&format!(
            "progress_db_refused db={} schema={found} known={}",
            crate::serve::log::server_str(db),
            schema::VERSION
        )),
        _ => {}
    }
    *state = next;
}

fn keep(inner: &Inner, learner: &LearnerId, progress: &Progress) {
    if let Ok(mut waiting) = inner.waiting.lock() {
        waiting.entry(learner.clone()).or_default().merge(progress);
    }
    inner.wake.notify_one();
}

/// A call bounded in time; running out is the database not answering.
async fn bounded<T>(limit: Duration, call: impl Future<Output = T>) -> Result<T, CallError> {
    tokio::time::timeout(limit, call)
        .await
        .map_err(|_| CallError::Down(format!("no answer within {} s", limit.as_secs_f64())))
}

fn parse_row(learner: &LearnerId, text: &str) -> Result<Progress, CallError> {
    Progress::from_json(text.as_bytes()).map_err(|e| {
        CallError::Unreadable(match e {
            FileError::Corrupt { detail } => format!("{learner}'s row is not progress: {detail}"),
            FileError::Newer { version } => {
                format!("{learner}'s row was written by a newer kasseika (version {version})")
            }
        })
    })
}

fn json_text(progress: &Progress) -> String {
    String::from_utf8_lossy(&progress.to_json()).into_owned()
}

async fn update(
    inner: &Inner,
    learner: &LearnerId,
    change: impl Fn(Option<Progress>) -> Progress,
) -> Result<(Progress, bool), CallError> {
    let timeout = inner.options.timeout;
    bounded(timeout, async {
        let mut client = inner.pool.get().await?;
        let tx = client.transaction().await?;
        let select = "SELECT progress::text FROM kasseika_progress WHERE learner = $1 FOR UPDATE";
        let mut row = tx.query_opt(select, &[&learner.as_str()]).await?;
        if row.is_none() {
            let next = change(None);
            let inserted = tx
                .execute(
                    "INSERT INTO kasseika_progress (learner, progress) VALUES ($1, $2::text::jsonb) \
                     ON CONFLICT (learner) DO NOTHING",
                    &[&learner.as_str(), &json_text(&next)],
                )
                .await?;
            if inserted == 1 {
                tx.commit().await?;
                return Ok((next, true));
            }
            // Another instance inserted it meanwhile: its row, locked.
            row = tx.query_opt(select, &[&learner.as_str()]).await?;
        }
        let stored = match row {
            Some(row) => parse_row(learner, row.get(0))?,
            None => Progress::default(),
        };
        let next = change(Some(stored.clone()));
        let changed = next != stored;
        if changed {
            tx.execute(
                "UPDATE kasseika_progress SET progress = $2::text::jsonb, saved_at = now() \
                 WHERE learner = $1",
                &[&learner.as_str(), &json_text(&next)],
            )
            .await?;
        }
        tx.commit().await?;
        Ok((next, changed))
    })
    .await?
}

async fn load(inner: &Inner, learner: &LearnerId) -> Result<Option<Progress>, CallError> {
    bounded(inner.options.timeout, async {
        let client = inner.pool.get().await?;
        let row = client
            .query_opt(
                "SELECT progress::text FROM kasseika_progress WHERE learner = $1",
                &[&learner.as_str()],
            )
            .await?;
        row.map(|row| parse_row(learner, row.get(0))).transpose()
    })
    .await?
}

/// Saves one learner's waiting progress; `Ok(false)` when there was none.
async fn save_waiting(inner: &Inner, learner: &LearnerId) -> Result<bool, CallError> {
    let Some(progress) = inner
        .waiting
        .lock()
        .ok()
        .and_then(|mut w| w.remove(learner))
    else {
        return Ok(false);
    };
    let saved = update(inner, learner, |stored| {
        let mut next = stored.unwrap_or_default();
        next.merge(&progress);
        next
    })
    .await;
    match saved {
        Ok(_) => Ok(true),
        Err(e) => {
            // Back with what came meanwhile: nothing is lost (the merge is a join).
            if let Ok(mut waiting) = inner.waiting.lock() {
                waiting.entry(learner.clone()).or_default().merge(&progress);
            }
            Err(e)
        }
    }
}

/// One try: the schema if not checked yet, then every save waiting.
async fn retry_once(inner: &Inner) -> Result<usize, CallError> {
    let state = inner
        .state
        .lock()
        .map_or_else(|e| e.into_inner().clone(), |s| s.clone());
    match state {
        State::Refused(_) => return Ok(0),
        State::Down(_) => {
            let mut client = bounded(inner.options.timeout, inner.pool.get()).await??;
            bounded(inner.options.timeout, schema::migrate(&mut client)).await??;
        }
        State::Up => {}
    }
    let learners: Vec<LearnerId> = inner
        .waiting
        .lock()
        .map(|w| w.keys().cloned().collect())
        .unwrap_or_default();
    let mut saved = 0;
    for learner in learners {
        match save_waiting(inner, &learner).await {
            Ok(true) => saved += 1,
            Ok(false) => {}
            // A row that cannot be read stays as it is; the learner's copy waits
            // no longer (their session keeps it and is told).
            Err(CallError::Unreadable(e)) => (inner.options.log)(&format!(
                "progress_db_unreadable learner={learner} error={}",
                crate::serve::log::server_str(&e)
            )),
            Err(e) => return Err(e),
        }
    }
    Ok(saved)
}

/// Writes the saves waiting when the database answers again, trying with a
/// backoff; ends when the store is gone.
async fn retry_task(store: Weak<Inner>, wake: Arc<Notify>) {
    let mut backoff = MIN_BACKOFF;
    loop {
        let Some(inner) = store.upgrade() else {
            return;
        };
        let state = inner
            .state
            .lock()
            .map_or_else(|e| e.into_inner().clone(), |s| s.clone());
        let idle = match state {
            State::Up => inner.waiting.lock().map_or(true, |w| w.is_empty()),
            State::Down(_) => false,
            State::Refused(_) => true,
        };
        if idle {
            drop(inner);
            wake.notified().await;
            continue;
        }
        let max = inner.options.max_backoff;
        match retry_once(&inner).await {
            Ok(saved) => {
                set_state(&inner, State::Up);
                if saved > 0 {
                    (inner.options.log)(&format!("progress_db_saved_waiting learners={saved}"));
                }
                backoff = MIN_BACKOFF;
            }
            Err(CallError::Refused(found)) => set_state(&inner, State::Refused(found)),
            Err(CallError::Down(e) | CallError::Unreadable(e)) => {
                set_state(&inner, State::Down(e));
                drop(inner);
                // A new save does not shorten the wait: only time does.
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(max.max(MIN_BACKOFF));
            }
        }
    }
}

/// The first wait after a failed try.
const MIN_BACKOFF: Duration = Duration::from_millis(250);

impl ProgressStore for PgStore {
    fn load(&self, learner: &LearnerId) -> Result<Loaded, StoreError> {
        if !self.up() {
            return Ok(self.offline_load(learner));
        }
        match self.block_on(load(&self.inner, learner)) {
            Ok(stored) => {
                let mut progress = stored.unwrap_or_default();
                // What this server still holds of them (saved before the
                // database came back and not written yet).
                if let Some(held) = self.held(learner) {
                    progress.merge(&held);
                }
                Ok(Loaded {
                    progress,
                    notices: vec![],
                })
            }
            Err(CallError::Down(e)) => {
                self.set_state(State::Down(e));
                self.inner.wake.notify_one();
                Ok(self.offline_load(learner))
            }
            Err(e) => Err(self.call_failed(e)),
        }
    }

    fn save(&self, learner: &LearnerId, progress: &Progress) -> Result<Loaded, StoreError> {
        if !self.up() {
            self.keep(learner, progress);
            return Err(self.unavailable());
        }
        // What waits for this learner goes with this save.
        let held = self.held(learner);
        let result = self.block_on(self.update(learner, |stored| {
            let mut next = stored.unwrap_or_default();
            next.merge(progress);
            if let Some(held) = &held {
                next.merge(held);
            }
            next
        }));
        match result {
            Ok((progress, _)) => {
                // What waited went with it, unless more came meanwhile (which
                // the retries write).
                if held.is_some()
                    && let Ok(mut waiting) = self.inner.waiting.lock()
                    && waiting.get(learner) == held.as_ref()
                {
                    waiting.remove(learner);
                }
                Ok(Loaded {
                    progress,
                    notices: vec![],
                })
            }
            Err(CallError::Down(e)) => {
                self.keep(learner, progress);
                Err(self.call_failed(CallError::Down(e)))
            }
            Err(e) => Err(self.call_failed(e)),
        }
    }

    fn reset(&self, learner: &LearnerId) -> Result<Loaded, StoreError> {
        if !self.up() {
            return Err(self.unavailable());
        }
        let held = self.held(learner);
        let result = self.block_on(self.update(learner, |stored| {
            let mut next = stored.unwrap_or_default();
            if let Some(held) = &held {
                next.merge(held);
            }
            next.reset()
        }));
        match result {
            Ok((progress, _)) => Ok(Loaded {
                progress,
                notices: vec![],
            }),
            Err(e) => Err(self.call_failed(e)),
        }
    }

    fn list(&self) -> Result<Vec<LearnerId>, StoreError> {
        if !self.up() {
            return Err(self.unavailable());
        }
        let inner = &self.inner;
        let listed = self.block_on(bounded(inner.options.timeout, async {
            let client = inner.pool.get().await?;
            let rows = client
                .query(
                    "SELECT learner FROM kasseika_progress ORDER BY learner",
                    &[],
                )
                .await?;
            Ok::<_, CallError>(
                rows.iter()
                    .filter_map(|r| LearnerId::new(r.get(0)).ok())
                    .collect::<Vec<_>>(),
            )
        }));
        match listed {
            Ok(Ok(list)) => Ok(list),
            Ok(Err(e)) | Err(e) => Err(self.call_failed(e)),
        }
    }

    fn flush(&self, within: Duration) -> usize {
        let inner = self.inner.clone();
        let _ = self.block_on(async {
            tokio::time::timeout(within, async {
                let learners: Vec<LearnerId> = inner
                    .waiting
                    .lock()
                    .map(|w| w.keys().cloned().collect())
                    .unwrap_or_default();
                if learners.is_empty() {
                    return;
                }
                let _ = retry_once(&inner).await;
            })
            .await
        });
        self.waiting()
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        // A runtime of the store's own is shut down without waiting on its
        // tasks (connections closing), which may not be dropped from inside it.
        if let Ok(mut own) = self.own_rt.lock()
            && let Some(rt) = own.take()
        {
            rt.shutdown_background();
        }
    }
}
