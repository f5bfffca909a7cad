//! Where progress is kept: one small interface, [`ProgressStore`], and three
//! implementations.
//!
//! - [`FileStore::local`]: the local learner's `progress.json` in the platform data
//!   directory ([`FileStore::local_default`]: `$XDG_DATA_HOME/kasseika` or
//!   `~/.local/share/kasseika` on Linux).
//! - [`FileStore::per_learner`]: a directory with one file per learner, for
//!   `kasseika serve` (learners known by their public key's fingerprint).
//! - [`MemoryStore`]: nothing on disk (anonymous SSH learners, `--no-save`, tests).
//!
//! **Files rather than SQLite** for the server: a class is tens of learners, each
//! saving a few kilobytes a few times a minute, which files handle without effort.
//! Files need no dependency (SQLite is a C library: a minute of build on two cores
//! and a megabyte of binary), lock per learner, can be read, copied and backed up
//! with ordinary tools, and a damaged file costs one learner's progress, not the
//! class's. A fleet of servers sharing a database later is another implementation of
//! [`ProgressStore`].
//!
//! **Crash safety.** Every save runs under the learner's lock (an OS file lock on a
//! `.lock` file beside the data, so it is released when a process dies): read what
//! is stored, merge, write. The write goes to a temporary file in the same
//! directory, which is flushed to disk (`fsync`) and then renamed over the old file;
//! the directory is flushed last. A kill at any instant leaves the old file or the
//! new one, never a mixture; a temporary file left by a kill is removed by the next
//! save. A file that cannot be read as progress (corrupt, or from a newer version) is
//! renamed aside with the time in its name and reported as a [`Notice`]: it is never
//! overwritten.
//!
//! The calls block (file system and lock); an async server runs them on a blocking
//! thread.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{FileError, Progress, Stamp};
use crate::i18n::Tr;

/// Files larger than this are not progress files (a real one is a few kilobytes).
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// Who the progress belongs to: `local`, or a public key (`sha256-` and the
/// fingerprint in lowercase hex, so that file names are the same on file systems
/// that ignore case).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LearnerId(String);

/// A learner id that cannot be one (see [`LearnerId::new`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidLearner(pub String);

impl fmt::Display for InvalidLearner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a learner id: {:?}", self.0)
    }
}

impl std::error::Error for InvalidLearner {}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const MAX_ID: usize = 100;

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in text.bytes() {
        let v = BASE64.iter().position(|&c| c == b)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (acc == 0).then_some(out)
}

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

impl LearnerId {
    /// The one learner of a local installation.
    pub fn local() -> LearnerId {
        LearnerId("local".into())
    }

    /// An id as stored: lowercase ASCII letters, digits and `-`, starting with a
    /// letter or digit, at most 100 characters.
    pub fn new(id: &str) -> Result<LearnerId, InvalidLearner> {
        let ok = !id.is_empty()
            && id.len() <= MAX_ID
            && id
                .bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
            && !id.starts_with('-');
        if ok {
            Ok(LearnerId(id.to_string()))
        } else {
            Err(InvalidLearner(id.chars().take(MAX_ID).collect()))
        }
    }

    /// The learner who offered the public key with this fingerprint, as OpenSSH and
    /// russh write it: `SHA256:` and unpadded base64.
    pub fn from_key_fingerprint(fingerprint: &str) -> Result<LearnerId, InvalidLearner> {
        let invalid = || InvalidLearner(fingerprint.chars().take(MAX_ID).collect());
        let (alg, b64) = fingerprint.split_once(':').ok_or_else(invalid)?;
        let alg = alg.to_ascii_lowercase();
        if alg.is_empty() || !alg.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(invalid());
        }
        let digest = base64_decode(b64)
            .filter(|d| !d.is_empty())
            .ok_or_else(invalid)?;
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        LearnerId::new(&format!("{alg}-{hex}")).map_err(|_| invalid())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key fingerprint as `ssh-keygen -l` shows it (`SHA256:...`), for a key
    /// learner.
    pub fn fingerprint(&self) -> Option<String> {
        let (alg, hex) = self.0.split_once('-')?;
        if hex.is_empty() || hex.len() % 2 != 0 {
            return None;
        }
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
        Some(format!(
            "{}:{}",
            alg.to_ascii_uppercase(),
            base64_encode(&bytes?)
        ))
    }
}

impl fmt::Display for LearnerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fingerprint() {
            Some(fp) => f.write_str(&fp),
            None => f.write_str(&self.0),
        }
    }
}

/// Why a file was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AsideReason {
    /// Not a progress file this version can read; `detail` quotes the parser.
    Corrupt { detail: String },
    /// Written by a newer kasseika.
    Newer { version: u64 },
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
}

/// Something the learner should be told once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// `file` could not be read and was renamed to `to`; progress starts afresh.
    SetAside {
        file: PathBuf,
        to: PathBuf,
        why: AsideReason,
    },
    /// [`Notice::SetAside`] as told to a learner who does not see the store's
    /// files (over SSH: the server's log names them and the parser's words).
    SetAsideUnseen { newer: bool },
    /// The store's database does not answer: saved progress cannot be read; the
    /// server keeps what the learner does and saves it when it is back. `held`:
    /// the learner goes on from what this server held of them, not saved yet.
    Unreachable { held: bool },
}

impl Notice {
    /// What a learner on another machine is told: no paths, no details.
    pub fn unseen(&self) -> Notice {
        match self {
            Notice::SetAside { why, .. } => Notice::SetAsideUnseen {
                newer: matches!(why, AsideReason::Newer { .. }),
            },
            n @ (Notice::SetAsideUnseen { .. } | Notice::Unreachable { .. }) => n.clone(),
        }
    }

    /// One line for an operator's log (English, paths and details whole).
    pub fn log_line(&self) -> String {
        match self {
            Notice::SetAside { file, to, why } => {
                let why = match why {
                    AsideReason::Corrupt { detail } => format!("unreadable: {detail}"),
                    AsideReason::Newer { version } => format!("file version {version}"),
                    AsideReason::TooLarge => "too large".to_string(),
                };
                format!("{} set aside as {} ({why})", file.display(), to.display())
            }
            Notice::SetAsideUnseen { newer } => format!("set aside (newer: {newer})"),
            Notice::Unreachable { held } => {
                format!("database unreachable (held in memory: {held})")
            }
        }
    }

    pub fn message(&self, tr: Tr) -> String {
        match self {
            Notice::SetAsideUnseen { newer: false } => tr.t("progress-notice-unseen-corrupt"),
            Notice::SetAsideUnseen { newer: true } => tr.t("progress-notice-unseen-newer"),
            Notice::Unreachable { held: false } => tr.t("progress-notice-db-down"),
            Notice::Unreachable { held: true } => tr.t("progress-notice-db-down-held"),
            Notice::SetAside { file, to, why } => {
                let args = |extra: Option<(&'static str, fluent_bundle::FluentValue<'static>)>| {
                    let mut a: Vec<(&str, fluent_bundle::FluentValue)> = vec![
                        ("file", file.display().to_string().into()),
                        ("to", to.display().to_string().into()),
                    ];
                    a.extend(extra);
                    a
                };
                match why {
                    AsideReason::Corrupt { detail } => tr.f(
                        "progress-notice-corrupt",
                        &args(Some((
                            "detail",
                            crate::output::visible(detail).into_owned().into(),
                        ))),
                    ),
                    AsideReason::Newer { version } => tr.f(
                        "progress-notice-newer",
                        &args(Some(("version", (*version).into()))),
                    ),
                    AsideReason::TooLarge => tr.f("progress-notice-too-large", &args(None)),
                }
            }
        }
    }
}

/// Progress as loaded or saved, with anything to tell the learner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub progress: Progress,
    pub notices: Vec<Notice>,
}

/// What a store was doing when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    CreateDir,
    Lock,
    Read,
    Write,
    Rename,
    List,
}

impl Op {
    /// The selector of the texts that name it.
    fn id(self) -> &'static str {
        match self {
            Op::CreateDir => "mkdir",
            Op::Lock => "lock",
            Op::Read => "read",
            Op::Write => "write",
            Op::Rename => "rename",
            Op::List => "list",
        }
    }
}

/// Why a store failed. The progress in memory is not lost: the next save tries again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    Io {
        op: Op,
        path: PathBuf,
        kind: io::ErrorKind,
        detail: String,
    },
    /// Another process held the learner's lock for too long.
    Busy { path: PathBuf },
    /// No home directory to find the data directory in.
    NoDataDir,
    /// This store keeps one learner only (the local file).
    NotHere { learner: LearnerId },
    /// Any of the above, as told to a learner who does not see the store (over
    /// SSH: the server's log has the cause).
    Unseen,
    /// The store's database does not answer (or fails): what was being saved is
    /// kept by the server and saved when it answers. `detail` is for the
    /// operator (empty as told to a learner).
    Unavailable { detail: String },
    /// The database answered but a learner's stored progress cannot be read.
    Database { detail: String },
}

impl StoreError {
    fn io(op: Op, path: &Path, e: &io::Error) -> StoreError {
        StoreError::Io {
            op,
            path: path.to_path_buf(),
            kind: e.kind(),
            detail: e.to_string(),
        }
    }

    pub fn message(&self, tr: Tr) -> String {
        match self {
            StoreError::Io {
                op, path, detail, ..
            } => tr.f(
                "progress-error-io",
                &[
                    ("op", op.id().into()),
                    ("path", path.display().to_string().into()),
                    ("detail", crate::output::visible(detail).into_owned().into()),
                ],
            ),
            StoreError::Busy { path } => tr.f(
                "progress-error-busy",
                &[("path", path.display().to_string().into())],
            ),
            StoreError::NoDataDir => tr.t("progress-error-no-data-dir"),
            StoreError::NotHere { learner } => tr.f(
                "progress-error-not-here",
                &[("learner", learner.to_string().into())],
            ),
            StoreError::Unseen => tr.t("progress-error-unseen"),
            StoreError::Unavailable { detail } => tr.f(
                "progress-error-db-unavailable",
                &[("detail", crate::output::visible(detail).into_owned().into())],
            ),
            StoreError::Database { detail } => tr.f(
                "progress-error-db",
                &[("detail", crate::output::visible(detail).into_owned().into())],
            ),
        }
    }

    /// What the learner is told when a save fails, while learning (`at_end`
    /// false: "is NOT being saved") or at the end ("was NOT saved"): plainly that
    /// progress is not kept, the system's words (control characters made visible),
    /// and what to do: the folder to check, or `--no-save`. Failures that are not
    /// the file system's keep their own message.
    pub fn not_saved_message(&self, tr: Tr, at_end: bool) -> String {
        let StoreError::Io {
            op, path, detail, ..
        } = self
        else {
            if let StoreError::Unavailable { .. } = self {
                return tr.t("progress-db-not-saving");
            }
            return self.message(tr);
        };
        // The folder to check: the one being made or listed, else the file's own.
        let dir = match op {
            Op::CreateDir | Op::List => path.as_path(),
            _ => path.parent().unwrap_or(path),
        };
        let shown = |p: &Path| crate::output::visible(&p.display().to_string()).into_owned();
        tr.f(
            if at_end {
                "progress-not-saved"
            } else {
                "progress-not-saving"
            },
            &[
                ("op", op.id().into()),
                ("path", shown(path).into()),
                ("dir", shown(dir).into()),
                ("detail", crate::output::visible(detail).into_owned().into()),
            ],
        )
    }

    /// What a learner on another machine is told: no paths, no system's words.
    pub fn unseen(&self) -> StoreError {
        match self {
            StoreError::Unavailable { .. } => StoreError::Unavailable {
                detail: String::new(),
            },
            _ => StoreError::Unseen,
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io {
                op, path, detail, ..
            } => write!(f, "{op:?} {}: {detail}", path.display()),
            StoreError::Busy { path } => {
                write!(f, "{} is locked by another process", path.display())
            }
            StoreError::NoDataDir => f.write_str("no data directory (no home directory)"),
            StoreError::NotHere { learner } => write!(f, "this store does not keep {learner}"),
            StoreError::Unseen => f.write_str("progress could not be kept (see the server's log)"),
            StoreError::Unavailable { detail } => {
                write!(f, "the progress database does not answer: {detail}")
            }
            StoreError::Database { detail } => write!(f, "progress database: {detail}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// Where progress is kept. Implementations merge on save (see
/// [`Progress::merge`]), so two processes of one learner never lose each other's work.
pub trait ProgressStore: Send + Sync + fmt::Debug {
    /// The learner's progress; empty if there is none yet.
    fn load(&self, learner: &LearnerId) -> Result<Loaded, StoreError>;
    /// Merges `progress` into what is stored and keeps the result, which is returned
    /// (with what other processes of the learner saved meanwhile).
    fn save(&self, learner: &LearnerId, progress: &Progress) -> Result<Loaded, StoreError>;
    /// Starts the learner afresh (a reset wins over older copies still in use).
    fn reset(&self, learner: &LearnerId) -> Result<Loaded, StoreError>;
    /// Every learner with stored progress.
    fn list(&self) -> Result<Vec<LearnerId>, StoreError>;
    /// Writes what the store holds back (a database that did not answer), trying
    /// for at most `within`; returns how many learners' progress is still not
    /// written. Stores that write at once have nothing to do.
    fn flush(&self, within: Duration) -> usize {
        let _ = within;
        0
    }
}

/// One learner's progress in a store: what a front end loads and saves through.
#[derive(Clone)]
pub struct Keeper {
    store: Arc<dyn ProgressStore>,
    learner: LearnerId,
}

impl fmt::Debug for Keeper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keeper")
            .field("learner", &self.learner)
            .finish()
    }
}

impl Keeper {
    pub fn new(store: Arc<dyn ProgressStore>, learner: LearnerId) -> Keeper {
        Keeper { store, learner }
    }

    /// The local learner, in memory only (`--no-save`): nothing touches the disk.
    pub fn in_memory() -> Keeper {
        Keeper::new(Arc::new(MemoryStore::new()), LearnerId::local())
    }

    pub fn learner(&self) -> &LearnerId {
        &self.learner
    }

    pub fn load(&self) -> Result<Loaded, StoreError> {
        self.store.load(&self.learner)
    }

    pub fn save(&self, progress: &Progress) -> Result<Loaded, StoreError> {
        self.store.save(&self.learner, progress)
    }

    pub fn reset(&self) -> Result<Loaded, StoreError> {
        self.store.reset(&self.learner)
    }
}

/// Keeps progress in memory only.
#[derive(Debug, Default)]
pub struct MemoryStore {
    learners: Mutex<BTreeMap<LearnerId, Progress>>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn with<T>(&self, f: impl FnOnce(&mut BTreeMap<LearnerId, Progress>) -> T) -> T {
        // A panic elsewhere while holding the lock leaves consistent data: every
        // change below is a single assignment.
        let mut map = self.learners.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut map)
    }
}

impl ProgressStore for MemoryStore {
    fn load(&self, learner: &LearnerId) -> Result<Loaded, StoreError> {
        let progress = self.with(|m| m.get(learner).cloned().unwrap_or_default());
        Ok(Loaded {
            progress,
            notices: vec![],
        })
    }

    fn save(&self, learner: &LearnerId, progress: &Progress) -> Result<Loaded, StoreError> {
        let progress = self.with(|m| {
            let stored = m.entry(learner.clone()).or_default();
            stored.merge(progress);
            stored.clone()
        });
        Ok(Loaded {
            progress,
            notices: vec![],
        })
    }

    fn reset(&self, learner: &LearnerId) -> Result<Loaded, StoreError> {
        let progress = self.with(|m| {
            let stored = m.entry(learner.clone()).or_default();
            *stored = stored.reset();
            stored.clone()
        });
        Ok(Loaded {
            progress,
            notices: vec![],
        })
    }

    fn list(&self) -> Result<Vec<LearnerId>, StoreError> {
        Ok(self.with(|m| m.keys().cloned().collect()))
    }
}

/// A file being written.
pub trait FsFile {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Flushes the file's data to the disk (`fsync`).
    fn sync_all(&mut self) -> io::Result<()>;
}

impl FsFile for File {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        Write::write_all(self, bytes)
    }
    fn sync_all(&mut self) -> io::Result<()> {
        File::sync_all(self)
    }
}

/// The file-system operations a [`FileStore`] uses, one by one, so that tests can
/// make any one of them fail (or stop everything after it, as a kill would).
pub trait Fs: Send + Sync {
    fn create_dir_all(&self, dir: &Path) -> io::Result<()>;
    /// Opens (creating) the lock file; the store locks it.
    fn open_lock(&self, path: &Path) -> io::Result<File>;
    /// The file's bytes, at most `limit + 1` of them; `None` if it does not exist.
    fn read(&self, path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>>;
    /// Creates a new file (failing if it exists), readable by its owner only.
    fn create_new(&self, path: &Path) -> io::Result<Box<dyn FsFile>>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Flushes a directory's entries to the disk (after a rename).
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// The names in a directory; `None` if it does not exist.
    fn read_dir(&self, dir: &Path) -> io::Result<Option<Vec<OsString>>>;
    fn exists(&self, path: &Path) -> io::Result<bool>;
}

/// The real file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsFs;

fn not_found_is_none<T>(r: io::Result<T>) -> io::Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

impl Fs for OsFs {
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir)
    }

    fn open_lock(&self, path: &Path) -> io::Result<File> {
        let mut o = OpenOptions::new();
        o.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        o.open(path)
    }

    fn read(&self, path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
        let Some(file) = not_found_is_none(File::open(path))? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
        Ok(Some(bytes))
    }

    fn create_new(&self, path: &Path) -> io::Result<Box<dyn FsFile>> {
        let mut o = OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        Ok(Box::new(o.open(path)?))
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(())
        }
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }

    fn read_dir(&self, dir: &Path) -> io::Result<Option<Vec<OsString>>> {
        let Some(entries) = not_found_is_none(fs::read_dir(dir))? else {
            return Ok(None);
        };
        entries
            .map(|e| e.map(|e| e.file_name()))
            .collect::<io::Result<Vec<_>>>()
            .map(Some)
    }

    fn exists(&self, path: &Path) -> io::Result<bool> {
        path.try_exists()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `progress.json`, for [`LearnerId::local`] only.
    Local,
    /// `<learner id>.json` for every learner.
    PerLearner,
}

const LOCAL_FILE: &str = "progress";
const EXT: &str = ".json";
const LOCK_EXT: &str = ".lock";
const TEMP_MARK: &str = ".tmp-";

/// Progress in files: see the module documentation.
#[derive(Clone)]
pub struct FileStore {
    dir: PathBuf,
    layout: Layout,
    fs: Arc<dyn Fs>,
    lock_wait: Duration,
}

impl fmt::Debug for FileStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileStore")
            .field("dir", &self.dir)
            .field("layout", &self.layout)
            .finish()
    }
}

/// Numbers the temporary files of one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The platform's data directory for kasseika (`~/.local/share/kasseika` on Linux).
pub fn data_dir() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "kasseika")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}

impl FileStore {
    fn new(dir: PathBuf, layout: Layout) -> FileStore {
        FileStore {
            dir,
            layout,
            fs: Arc::new(OsFs),
            lock_wait: Duration::from_secs(5),
        }
    }

    /// The local learner's `progress.json` in `dir`.
    pub fn local(dir: impl Into<PathBuf>) -> FileStore {
        FileStore::new(dir.into(), Layout::Local)
    }

    /// One file per learner in `dir` (`<learner id>.json`).
    pub fn per_learner(dir: impl Into<PathBuf>) -> FileStore {
        FileStore::new(dir.into(), Layout::PerLearner)
    }

    /// [`FileStore::local`] in the platform data directory.
    pub fn local_default() -> Result<FileStore, StoreError> {
        Ok(FileStore::local(data_dir()?))
    }

    /// [`FileStore::per_learner`] in `learners/` of the platform data directory.
    pub fn server_default() -> Result<FileStore, StoreError> {
        Ok(FileStore::per_learner(data_dir()?.join("learners")))
    }

    /// The same store doing its file operations through `fs` (tests inject failures).
    pub fn with_fs(mut self, fs: Arc<dyn Fs>) -> FileStore {
        self.fs = fs;
        self
    }

    /// How long to wait for another process's lock before giving up with
    /// [`StoreError::Busy`] (5 s unless set).
    pub fn with_lock_wait(mut self, wait: Duration) -> FileStore {
        self.lock_wait = wait;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn stem(&self, learner: &LearnerId) -> Result<String, StoreError> {
        match self.layout {
            Layout::Local if *learner == LearnerId::local() => Ok(LOCAL_FILE.into()),
            Layout::Local => Err(StoreError::NotHere {
                learner: learner.clone(),
            }),
            Layout::PerLearner => Ok(learner.as_str().to_string()),
        }
    }

    /// The file that holds `learner`'s progress.
    pub fn path(&self, learner: &LearnerId) -> Result<PathBuf, StoreError> {
        Ok(self.dir.join(format!("{}{EXT}", self.stem(learner)?)))
    }

    /// Takes the learner's lock, waiting up to `lock_wait`.
    fn lock(&self, stem: &str) -> Result<File, StoreError> {
        let path = self.dir.join(format!("{stem}{LOCK_EXT}"));
        self.fs
            .create_dir_all(&self.dir)
            .map_err(|e| StoreError::io(Op::CreateDir, &self.dir, &e))?;
        let file = self
            .fs
            .open_lock(&path)
            .map_err(|e| StoreError::io(Op::Lock, &path, &e))?;
        let deadline = Instant::now() + self.lock_wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(TryLockError::WouldBlock) => return Err(StoreError::Busy { path }),
                Err(TryLockError::Error(e)) => return Err(StoreError::io(Op::Lock, &path, &e)),
            }
        }
    }

    /// Removes temporary files that a killed save left behind (under the lock, every
    /// temporary file of this learner is such a one).
    fn remove_stale_temps(&self, stem: &str) {
        let prefix = format!(".{stem}{EXT}{TEMP_MARK}");
        if let Ok(Some(names)) = self.fs.read_dir(&self.dir) {
            for name in names {
                if name.to_str().is_some_and(|n| n.starts_with(&prefix)) {
                    let _ = self.fs.remove_file(&self.dir.join(name));
                }
            }
        }
    }

    /// What is stored now (under the lock); a file that is not readable progress is
    /// set aside.
    fn read_current(&self, path: &Path) -> Result<Loaded, StoreError> {
        let bytes = self
            .fs
            .read(path, MAX_FILE_BYTES)
            .map_err(|e| StoreError::io(Op::Read, path, &e))?;
        let Some(bytes) = bytes else {
            return Ok(Loaded::default());
        };
        let why = if bytes.len() as u64 > MAX_FILE_BYTES {
            AsideReason::TooLarge
        } else {
            match Progress::from_json(&bytes) {
                Ok(progress) => {
                    return Ok(Loaded {
                        progress,
                        notices: vec![],
                    });
                }
                Err(FileError::Corrupt { detail }) => AsideReason::Corrupt { detail },
                Err(FileError::Newer { version }) => AsideReason::Newer { version },
            }
        };
        let to = self.set_aside(path, &why)?;
        Ok(Loaded {
            progress: Progress::default(),
            notices: vec![Notice::SetAside {
                file: path.to_path_buf(),
                to,
                why,
            }],
        })
    }

    /// What is stored, read only: no lock, no directory made, and a file that cannot
    /// be read as progress is reported (`Ok(Err(why))`), never set aside: only what
    /// is about to write, the app, sets it aside. (A save replaces the file by a
    /// rename, so a read without the lock sees the old file or the new one.)
    pub fn peek(&self, learner: &LearnerId) -> Result<Result<Progress, AsideReason>, StoreError> {
        let path = self.path(learner)?;
        let bytes = self
            .fs
            .read(&path, MAX_FILE_BYTES)
            .map_err(|e| StoreError::io(Op::Read, &path, &e))?;
        let Some(bytes) = bytes else {
            return Ok(Ok(Progress::default()));
        };
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Ok(Err(AsideReason::TooLarge));
        }
        Ok(Progress::from_json(&bytes).map_err(|e| match e {
            FileError::Corrupt { detail } => AsideReason::Corrupt { detail },
            FileError::Newer { version } => AsideReason::Newer { version },
        }))
    }

    /// Renames `path` to `path.corrupt-20260516T103007Z` (or `.newer-`, `.oversize-`),
    /// never over an existing file.
    fn set_aside(&self, path: &Path, why: &AsideReason) -> Result<PathBuf, StoreError> {
        let label = match why {
            AsideReason::Corrupt { .. } => "corrupt",
            AsideReason::Newer { .. } => "newer",
            AsideReason::TooLarge => "oversize",
        };
        let stamp: String = Stamp::now()
            .rfc3339()
            .chars()
            .take(19)
            .filter(|c| !matches!(c, '-' | ':'))
            .collect();
        let base = format!("{}.{label}-{stamp}Z", path.display());
        let mut to = PathBuf::from(&base);
        let mut n = 1;
        while self
            .fs
            .exists(&to)
            .map_err(|e| StoreError::io(Op::Rename, &to, &e))?
        {
            n += 1;
            to = PathBuf::from(format!("{base}-{n}"));
        }
        self.fs
            .rename(path, &to)
            .map_err(|e| StoreError::io(Op::Rename, path, &e))?;
        self.fs
            .sync_dir(&self.dir)
            .map_err(|e| StoreError::io(Op::Rename, &self.dir, &e))?;
        Ok(to)
    }

    /// Writes `bytes` to `path` so that a kill at any instant leaves the old file or
    /// the new one: temporary file, fsync, rename, fsync of the directory.
    fn write_atomic(&self, stem: &str, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let temp = self.dir.join(format!(
            ".{stem}{EXT}{TEMP_MARK}{}-{}",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let written = (|| {
            let mut file = self
                .fs
                .create_new(&temp)
                .map_err(|e| StoreError::io(Op::Write, &temp, &e))?;
            file.write_all(bytes)
                .map_err(|e| StoreError::io(Op::Write, &temp, &e))?;
            file.sync_all()
                .map_err(|e| StoreError::io(Op::Write, &temp, &e))?;
            drop(file);
            self.fs
                .rename(&temp, path)
                .map_err(|e| StoreError::io(Op::Rename, path, &e))
        })();
        if let Err(e) = written {
            let _ = self.fs.remove_file(&temp);
            return Err(e);
        }
        self.fs
            .sync_dir(&self.dir)
            .map_err(|e| StoreError::io(Op::Rename, &self.dir, &e))
    }

    /// Under the learner's lock: reads what is stored, lets `change` make the next
    /// progress from it, writes that.
    fn update(
        &self,
        learner: &LearnerId,
        change: impl FnOnce(Progress) -> Progress,
    ) -> Result<Loaded, StoreError> {
        let stem = self.stem(learner)?;
        let path = self.path(learner)?;
        let _lock = self.lock(&stem)?;
        self.remove_stale_temps(&stem);
        let current = self.read_current(&path)?;
        let next = change(current.progress);
        self.write_atomic(&stem, &path, &next.to_json())?;
        Ok(Loaded {
            progress: next,
            notices: current.notices,
        })
    }
}

impl ProgressStore for FileStore {
    /// Sound progress (or none) is read without the lock: a save replaces the file
    /// whole by a rename, so the read sees the old file or the new one, and another
    /// process holding the lock, for a save or for any reason, never holds up a
    /// learner's start. Only a file that is not sound progress is read again under
    /// the lock, to be set aside.
    fn load(&self, learner: &LearnerId) -> Result<Loaded, StoreError> {
        let stem = self.stem(learner)?;
        let path = self.path(learner)?;
        if let Ok(progress) = self.peek(learner)? {
            return Ok(Loaded {
                progress,
                notices: vec![],
            });
        }
        let _lock = self.lock(&stem)?;
        self.read_current(&path)
    }

    fn save(&self, learner: &LearnerId, progress: &Progress) -> Result<Loaded, StoreError> {
        self.update(learner, |mut stored| {
            stored.merge(progress);
            stored
        })
    }

    fn reset(&self, learner: &LearnerId) -> Result<Loaded, StoreError> {
        self.update(learner, |stored| stored.reset())
    }

    fn list(&self) -> Result<Vec<LearnerId>, StoreError> {
        let names = self
            .fs
            .read_dir(&self.dir)
            .map_err(|e| StoreError::io(Op::List, &self.dir, &e))?
            .unwrap_or_default();
        let mut out: Vec<LearnerId> = names
            .iter()
            .filter_map(|n| n.to_str()?.strip_suffix(EXT))
            .filter_map(|stem| match self.layout {
                Layout::Local => (stem == LOCAL_FILE).then(LearnerId::local),
                Layout::PerLearner => LearnerId::new(stem).ok(),
            })
            .collect();
        out.sort();
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_learner_elsewhere_is_told_names_no_path_and_the_log_names_it_whole() {
        let notice = Notice::SetAside {
            file: PathBuf::from("/srv/kasseika/progress/abc.json"),
            to: PathBuf::from("/srv/kasseika/progress/abc.json.corrupt-1"),
            why: AsideReason::Corrupt {
                detail: "expected value at line 1 column 3".into(),
            },
        };
        assert_eq!(notice.unseen(), Notice::SetAsideUnseen { newer: false });
        let line = notice.log_line();
        assert!(
            line.contains("/srv/kasseika/progress/abc.json.corrupt-1")
                && line.contains("line 1 column 3"),
            "{line}"
        );
        let newer = Notice::SetAside {
            file: PathBuf::from("a.json"),
            to: PathBuf::from("b"),
            why: AsideReason::Newer { version: 9 },
        };
        assert_eq!(newer.unseen(), Notice::SetAsideUnseen { newer: true });
        let e = StoreError::Busy {
            path: PathBuf::from("/srv/x.lock"),
        };
        assert_eq!(e.unseen(), StoreError::Unseen);
    }

    #[test]
    fn fingerprints_become_case_safe_file_names_and_back() {
        let fp = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
        let id = LearnerId::from_key_fingerprint(fp).unwrap();
        assert_eq!(
            id.as_str().split_once('-'),
            Some((
                "sha256",
                "b8d895ced92c0ac0e171cd2ef5ef01ba3417554a4a6480d331ccc2be3ded0f6b"
            ))
        );
        assert_eq!(id.fingerprint().as_deref(), Some(fp));
        assert_eq!(id.to_string(), fp);
        for bad in [
            "",
            "SHA256:",
            "nocolon",
            "SHA256:a/b*c",
            "../x:AAAA",
            "SHA 256:AAAA",
        ] {
            assert!(LearnerId::from_key_fingerprint(bad).is_err(), "{bad:?}");
        }
        assert_eq!(LearnerId::local().fingerprint(), None);
        for bad in ["", "-x", "A", "a/b", "a.json", "..", &"a".repeat(101)] {
            assert!(LearnerId::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn base64_round_trips() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(base64_decode(&base64_encode(&bytes)).unwrap(), bytes);
        }
        assert_eq!(base64_encode(b"Man"), "TWFu");
        assert_eq!(base64_encode(b"Ma"), "TWE");
    }
}
