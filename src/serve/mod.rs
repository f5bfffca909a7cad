//! `kasseika serve`: the lessons over SSH, one `App` per learner, nothing to
//! install on their side (`ssh -p 2222 host`).
//!
//! The accept loop refuses what is over the limits (connections per address, in
//! all) before any cryptography; each connection has a task that gives it a
//! bounded time to start a session; each session has a task that owns its
//! channel and drives the same `App`, `keys` and `ui` as the local terminal.
//! Nothing here is known to `app`, `keys` or `ui`.

// A panic must end one session, not the server with every learner on it.
#[cfg(panic = "abort")]
compile_error!("kasseika serve needs panic = \"unwind\" (each session catches its own panics)");

pub mod authorized;
mod handler;
pub mod hostkey;
pub mod limits;
pub mod log;
mod memory;
pub mod progress_db;
pub use progress_db::import;
mod session;

use std::borrow::Cow;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use russh::keys::{Algorithm, EcdsaCurve, HashAlg, PrivateKey, PublicKey};
use russh::server::Config;
use russh::{MethodKind, MethodSet, Preferred, SshId};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinHandle;

use crate::i18n::{Lang, Localizer};
use crate::progress::report as progress_report;
use crate::progress::store::{MemoryStore, ProgressStore};
use limits::{AddressSlot, CellBudget, PerAddress, RateLimiter};
use log::client_str;

/// What the protocol itself says: refusals before the version string,
/// disconnect descriptions. OpenSSH shows every byte outside ASCII in these as
/// an octal escape (`\343\201...`), so they are in English, the one language it
/// can show there; everything a learner reads in the session is in theirs.
const TOO_MANY_FROM_YOU: &str = "too many connections from your address; wait a minute";
const BUSY: &str = "the server is busy; try again in a minute";
const TOO_MANY_LOGGING_IN: &str =
    "too many connections from your address are logging in at once; try again in a moment";
const TOO_SLOW: &str = "took too long to start a session";
const SHUTTING_DOWN: &str = "the server is shutting down";

/// `kasseika serve` flags (`--lang` is the global one).
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on; 0.0.0.0:2222 lets other machines connect
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: String,
    /// The server's private key (created with mode 0600 if missing) [default: in
    /// the data directory, e.g. ~/.local/share/kasseika/host_key_ed25519]
    #[arg(long, value_name = "PATH")]
    pub host_key: Option<PathBuf>,
    /// Learners at once; more are told to come back later
    #[arg(long, value_name = "N", default_value_t = 100,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_sessions: u32,
    /// Learners at once from one address (an IPv6 /64 counts as one) [default:
    /// as many as --max-sessions, so that a class behind one NAT fits]
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_per_address: Option<u32>,
    /// End a session after this many seconds without a key press (0: never)
    #[arg(long, value_name = "SECS", default_value_t = 1800)]
    pub idle_timeout: u64,
    /// Only the public keys in this file (OpenSSH authorized_keys format) may
    /// connect; without it, anyone can, with any user name and no password
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// Where each learner's progress is kept, a file per SSH key [default: in
    /// the data directory, e.g. ~/.local/share/kasseika/learners]
    #[arg(long, value_name = "DIR")]
    pub progress_dir: Option<PathBuf>,
    /// Print each known learner's lessons and exercises (the most stuck first)
    /// instead of serving
    #[arg(long)]
    pub report: bool,
    #[command(flatten)]
    pub db: progress_db::DbArgs,
}

/// Everything a running server needs, for the command line, the tests and the
/// benchmark alike.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    pub host_key: PrivateKey,
    pub max_sessions: usize,
    /// A session with no key press for this long ends; `None`: never.
    pub idle_timeout: Option<Duration>,
    /// The language of sessions whose user name and locale name none (`--lang`).
    pub lang: Option<Lang>,
    /// Only these keys may connect; `None`: anyone.
    pub authorized_keys: Option<Vec<PublicKey>>,
    /// Time from connecting to a running session (key exchange, authentication,
    /// shell request) before the connection is closed.
    pub login_grace: Duration,
    /// Connections one address may open at once (and then per minute).
    pub per_address: u32,
    /// Keepalive probes: a client that answers none of `keepalive_max` in a row
    /// is dropped.
    pub keepalive_interval: Duration,
    pub keepalive_max: usize,
    /// Sessions one address may run at once (`--max-per-address`).
    pub sessions_per_address: usize,
    /// Connections one address may have logging in at once: fewer than all the
    /// handshakes, so that one address can delay the others, never shut them out.
    pub handshakes_per_address: usize,
    /// The cells (character positions) all sessions may draw, per session
    /// allowed: the bound on the memory of the screens.
    pub cells_per_session: usize,
    /// CPU time a session may use: a burst, then a share of one core.
    pub cpu_burst: Duration,
    pub cpu_share: f64,
    /// Where the progress of learners known by their key is kept (anonymous
    /// learners' lasts for their session). In memory unless set.
    pub progress: Arc<dyn ProgressStore>,
}

impl Options {
    /// The defaults of `kasseika serve`, listening on `listen` with `host_key`.
    pub fn new(listen: SocketAddr, host_key: PrivateKey) -> Options {
        Options {
            listen,
            host_key,
            max_sessions: 100,
            idle_timeout: Some(Duration::from_secs(1800)),
            lang: None,
            authorized_keys: None,
            login_grace: Duration::from_secs(30),
            per_address: 60,
            keepalive_interval: Duration::from_secs(30),
            keepalive_max: 3,
            sessions_per_address: 100,
            handshakes_per_address: 12,
            cells_per_session: CELLS_PER_SESSION,
            cpu_burst: Duration::from_millis(250),
            cpu_share: 0.1,
            progress: Arc::new(MemoryStore::new()),
        }
        .for_sessions(100)
    }

    /// `kasseika serve`'s defaults for `max_sessions` learners at once: one
    /// address may run as many (a class behind one NAT) and have half of the
    /// handshakes.
    pub fn for_sessions(mut self, max_sessions: usize) -> Options {
        self.max_sessions = max_sessions;
        self.sessions_per_address = max_sessions;
        self.handshakes_per_address = (self.max_handshakes() / 2).max(1);
        self
    }

    /// Connections that have not started a session yet (key exchange, login),
    /// allowed at once. Kept apart from the sessions: connections that never log
    /// in can delay new learners, never take the places of those learning.
    pub fn max_handshakes(&self) -> usize {
        (self.max_sessions / 4).max(16)
    }

    /// Connections allowed at once: the sessions, the handshakes, and room for
    /// telling the ones over the limit to come back later.
    fn max_connections(&self) -> usize {
        self.max_sessions + 2 * self.max_handshakes()
    }
}

/// The cells of screen each session may draw on average (a 200x80 window; one
/// larger gets its size while others leave room): about 1.6 MB of screen buffers.
pub const CELLS_PER_SESSION: usize = 16_000;

/// What all connections share.
pub(crate) struct Shared {
    pub loc: Arc<Localizer>,
    pub default_lang: Option<Lang>,
    pub idle_timeout: Option<Duration>,
    pub max_sessions: usize,
    /// One permit per running session.
    pub sessions: Arc<Semaphore>,
    pub authorized_keys: Option<Vec<PublicKey>>,
    pub shutdown: watch::Receiver<bool>,
    pub login_grace: Duration,
    /// The cells all sessions draw.
    pub cells: Arc<CellBudget>,
    /// Sessions per address.
    pub sessions_by_address: Arc<PerAddress>,
    pub cpu_burst: Duration,
    pub cpu_share: f64,
    /// Known learners' progress.
    pub progress: Arc<dyn ProgressStore>,
    next_id: AtomicU64,
}

/// What a connection's task and its handler and session share.
#[derive(Debug)]
pub(crate) struct ConnState {
    pub authenticated: AtomicBool,
    /// The client asked for a shell, a command or a subsystem: the session task
    /// answers (and logs) it from here on.
    pub started: AtomicBool,
    /// The session task has ended.
    pub done: AtomicBool,
    pub done_notify: Notify,
    /// The connection's place among the handshakes (and its address's), given
    /// back when its session starts.
    pub handshake: std::sync::Mutex<Option<(OwnedSemaphorePermit, AddressSlot)>>,
    /// The last refused login: its user name, how many keys were refused, and the
    /// fingerprint of the last of them (for the teacher to add to the file).
    pub refused: std::sync::Mutex<Option<(String, u32, Option<String>)>>,
}

impl ConnState {
    fn new(handshake: (OwnedSemaphorePermit, AddressSlot)) -> ConnState {
        ConnState {
            authenticated: AtomicBool::new(false),
            started: AtomicBool::new(false),
            done: AtomicBool::new(false),
            done_notify: Notify::new(),
            handshake: std::sync::Mutex::new(Some(handshake)),
            refused: std::sync::Mutex::new(None),
        }
    }

    /// A login as `user` was refused (with a key, or without one where keys
    /// are needed), for the log line of a connection that never logs in.
    pub fn login_refused(&self, user: &str, key: Option<String>) {
        if let Ok(mut refused) = self.refused.lock() {
            let (keys, last) = match refused.take() {
                Some((_, n, last)) => (n, last),
                None => (0, None),
            };
            let keys = keys + u32::from(key.is_some());
            let user = user.chars().take(log::MAX_CLIENT_CHARS + 1).collect();
            *refused = Some((user, keys, key.or(last)));
        }
    }

    /// The client asked for its session: it no longer counts as a handshake.
    pub fn start(&self) {
        self.started.store(true, Ordering::Release);
        if let Ok(mut permit) = self.handshake.lock() {
            permit.take();
        }
    }
}

/// A server accepting connections.
pub struct Running {
    local_addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    accept: JoinHandle<()>,
    connections: Arc<Semaphore>,
    max_connections: usize,
    shared: Arc<Shared>,
}

impl Running {
    /// Where it listens (with the real port when asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Sessions running now.
    pub fn sessions(&self) -> usize {
        self.shared.max_sessions - self.shared.sessions.available_permits()
    }

    /// Connections open now (sessions included).
    pub fn connections(&self) -> usize {
        self.max_connections - self.connections.available_permits()
    }

    /// Stops accepting, gives every session's terminal back to its client and
    /// closes every connection, waiting at most `grace` for them. Returns how
    /// many connections were still open then.
    pub async fn shutdown(self, grace: Duration) -> usize {
        let _ = self.shutdown.send(true);
        let _ = self.accept.await;
        let all = u32::try_from(self.max_connections).unwrap_or(u32::MAX);
        match tokio::time::timeout(grace, self.connections.acquire_many(all)).await {
            Ok(_) => 0,
            Err(_) => self.max_connections - self.connections.available_permits(),
        }
    }
}

/// Starts a server on the current tokio runtime.
pub async fn start(options: Options, loc: Arc<Localizer>) -> std::io::Result<Running> {
    let listener = TcpListener::bind(options.listen).await?;
    let local_addr = listener.local_addr()?;
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let shared = Arc::new(Shared {
        loc,
        default_lang: options.lang,
        idle_timeout: options.idle_timeout,
        max_sessions: options.max_sessions,
        sessions: Arc::new(Semaphore::new(options.max_sessions)),
        authorized_keys: options.authorized_keys.clone(),
        shutdown: shutdown_rx,
        login_grace: options.login_grace,
        cells: CellBudget::new(
            options
                .max_sessions
                .saturating_mul(options.cells_per_session),
        ),
        sessions_by_address: PerAddress::new(options.sessions_per_address),
        cpu_burst: options.cpu_burst,
        cpu_share: options.cpu_share,
        progress: options.progress.clone(),
        next_id: AtomicU64::new(1),
    });
    tokio::spawn(memory::keeper(shared.shutdown.clone()));
    let max_connections = options.max_connections();
    let connections = Arc::new(Semaphore::new(max_connections));
    let config = Arc::new(ssh_config(&options));
    let accept = tokio::spawn(accept_loop(
        listener,
        config,
        shared.clone(),
        Admission {
            connections: connections.clone(),
            handshakes: Arc::new(Semaphore::new(options.max_handshakes())),
            handshakes_by_address: PerAddress::new(options.handshakes_per_address),
            limiter: RateLimiter::new(options.per_address),
        },
    ));
    Ok(Running {
        local_addr,
        shutdown: shutdown_tx,
        accept,
        connections,
        max_connections,
        shared,
    })
}

fn ssh_config(options: &Options) -> Config {
    let methods = if options.authorized_keys.is_some() {
        MethodSet::from(&[MethodKind::PublicKey][..])
    } else {
        handler::key_then_anyone()
    };
    Config {
        // The name only: no library or version for scanners to match.
        server_id: SshId::Standard(Cow::Borrowed("SSH-2.0-kasseika")),
        methods,
        auth_rejection_time: Duration::from_secs(1),
        // OpenSSH first asks with "none" to learn the methods: no delay for that.
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        keys: vec![options.host_key.clone()],
        // A connection with no traffic at all (keepalive answers count) for this
        // long is dropped; it also bounds how long a write to a client that
        // stopped reading can wait.
        inactivity_timeout: Some(options.keepalive_interval * 4),
        keepalive_interval: Some(options.keepalive_interval),
        // russh drops a client when a probe is due and `keepalive_max` before it
        // went unanswered, one interval after the last: one fewer makes the
        // time interval x max (at least two intervals: 0 would mean never).
        keepalive_max: options.keepalive_max.saturating_sub(1).max(1),
        preferred: Preferred {
            key: Cow::Borrowed(KEY_ALGORITHMS),
            ..Preferred::default()
        },
        nodelay: true,
        // What a client may send before we read it: keys are small, and a paste
        // waits for the next window.
        window_size: 64 * 1024,
        maximum_packet_size: 32 * 1024,
        channel_buffer_size: 32,
        ..Config::default()
    }
}

/// The signatures a learner's key may make (and the host key's): those of
/// OpenSSH's defaults. RSA with SHA-1 (`ssh-rsa`) is not among them, as in OpenSSH
/// since 8.8; its clients sign with SHA-2.
const KEY_ALGORITHMS: &[Algorithm] = &[
    Algorithm::Ed25519,
    Algorithm::Ecdsa {
        curve: EcdsaCurve::NistP256,
    },
    Algorithm::Ecdsa {
        curve: EcdsaCurve::NistP384,
    },
    Algorithm::Ecdsa {
        curve: EcdsaCurve::NistP521,
    },
    Algorithm::Rsa {
        hash: Some(HashAlg::Sha512),
    },
    Algorithm::Rsa {
        hash: Some(HashAlg::Sha256),
    },
];

/// What a new connection must get past.
struct Admission {
    connections: Arc<Semaphore>,
    handshakes: Arc<Semaphore>,
    handshakes_by_address: Arc<PerAddress>,
    limiter: RateLimiter,
}

async fn accept_loop(
    listener: TcpListener,
    config: Arc<Config>,
    shared: Arc<Shared>,
    mut admission: Admission,
) {
    let mut shutdown = shared.shutdown.clone();
    let mut refusals = RefusalLog::default();
    loop {
        let (stream, addr) = tokio::select! {
            () = session::stopped(&mut shutdown) => return,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of descriptors or the like: say so, let some close.
                    log::line(&format!("accept_error error={}", client_str(&e.to_string())));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        if !admission.limiter.allow(addr.ip(), Instant::now()) {
            refuse(&stream, TOO_MANY_FROM_YOU);
            refusals.note(addr, "rate_limit");
            continue;
        }
        let Some(of_address) = admission.handshakes_by_address.take(addr.ip()) else {
            refuse(&stream, TOO_MANY_LOGGING_IN);
            refusals.note(addr, "too_many_logging_in");
            continue;
        };
        let permits = admission
            .connections
            .clone()
            .try_acquire_owned()
            .and_then(|c| Ok((c, admission.handshakes.clone().try_acquire_owned()?)));
        let Ok((permit, handshake)) = permits else {
            refuse(&stream, BUSY);
            refusals.note(addr, "too_many_connections");
            continue;
        };
        let handshake = (handshake, of_address);
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        let (config, shared) = (config.clone(), shared.clone());
        tokio::spawn(async move {
            connection(stream, addr, id, config, shared, handshake).await;
            drop(permit);
        });
    }
}

/// A line before the SSH version string (which the protocol allows): `ssh -v`
/// shows it; the connection is then closed. Nothing is awaited.
fn refuse(stream: &TcpStream, why: &str) {
    let _ = stream.try_write(format!("kasseika: {why}\r\n").as_bytes());
}

/// Logs refused connections, at most one line a second (a flood would
/// otherwise fill the log).
#[derive(Debug, Default)]
struct RefusalLog {
    last: Option<Instant>,
    suppressed: u64,
}

impl RefusalLog {
    fn note(&mut self, addr: SocketAddr, reason: &str) {
        let now = Instant::now();
        if self
            .last
            .is_some_and(|t| now.duration_since(t) < Duration::from_secs(1))
        {
            self.suppressed += 1;
            return;
        }
        self.last = Some(now);
        let more = std::mem::take(&mut self.suppressed);
        log::line(&refusal_line(addr, reason, more));
    }
}

/// Why a connection that never logged in ended, when a login was refused: who
/// tried, with how many keys, and the last key's fingerprint (which the teacher
/// adds to the authorized keys if the learner belongs to the class).
fn login_refused_reason((user, keys, last): &(String, u32, Option<String>)) -> String {
    let last = last
        .as_deref()
        .map(|k| format!(" last_key={}", client_str(k)))
        .unwrap_or_default();
    format!(
        "login_refused user={} keys_refused={keys}{last}",
        client_str(user)
    )
}

/// The log line of a refused connection, with how many more were refused (and
/// not logged) in the second before, if any.
fn refusal_line(addr: SocketAddr, reason: &str, more: u64) -> String {
    if more == 0 {
        format!("refused addr={addr} reason={reason}")
    } else {
        format!(
            "refused addr={addr} reason={reason} (and {more} more refused in the second before)"
        )
    }
}

/// One connection: the handshake, then the session, all within the limits.
async fn connection(
    stream: TcpStream,
    addr: SocketAddr,
    id: u64,
    config: Arc<Config>,
    shared: Arc<Shared>,
    handshake: (OwnedSemaphorePermit, AddressSlot),
) {
    let started = Instant::now();
    let state = Arc::new(ConnState::new(handshake));
    let closed = |reason: &str| {
        log::line(&format!(
            "closed id={id} addr={addr} duration={} reason={reason}",
            log::secs(started.elapsed())
        ));
    };
    let (stream, cutoff) = match Cutoff::split(stream) {
        Ok(pair) => pair,
        Err(e) => {
            return closed(&format!(
                "socket_error error={}",
                client_str(&e.to_string())
            ));
        }
    };
    let handler = handler::Conn {
        shared: shared.clone(),
        state: state.clone(),
        id,
        addr,
        user: String::new(),
        learner: None,
        has_session: false,
        refusals_logged: 0,
    };
    let grace = tokio::time::sleep(shared.login_grace);
    tokio::pin!(grace);
    let mut shutdown = shared.shutdown.clone();
    let session = tokio::select! {
        session = russh::server::run_stream(config, stream, handler) => session,
        () = &mut grace => return closed("login_timeout"),
        () = session::stopped(&mut shutdown) => return closed("server_shutdown"),
    };
    let Ok(session) = session else {
        return closed("handshake_failed");
    };
    let handle = session.handle();
    tokio::pin!(session);
    let mut reason: Option<String> = None;
    // After the session task ends, the client has a moment to close the
    // connection itself (OpenSSH does at once) before it is closed for it.
    let mut linger: Option<tokio::time::Instant> = None;
    let mut lingered = false;
    // Once the connection is told to close, the time it has to do so before
    // its socket is shut whatever the protocol is doing (a key exchange that
    // never ends, a client that ignores the disconnect).
    let mut cut_at: Option<tokio::time::Instant> = None;
    // Until the client starts a session, the connection task enforces the
    // login grace and the shutdown; from then on the session task does.
    let mut logging_in = true;
    loop {
        let open = reason.is_none() && !lingered;
        tokio::select! {
            result = &mut session => {
                if reason.is_none() && !state.started.load(Ordering::Acquire) {
                    // Refused logins say who tried and with how many keys.
                    let refused = state.refused.lock().ok().and_then(|r| r.clone());
                    let authenticated = state.authenticated.load(Ordering::Acquire);
                    reason = Some(match (result, refused) {
                        (_, Some(refused)) if !authenticated => login_refused_reason(&refused),
                        (Ok(()), _) => "client_closed".into(),
                        (Err(e), _) => {
                            format!("connection_error error={}", client_str(&e.to_string()))
                        }
                    });
                }
                break;
            }
            () = &mut grace, if logging_in && open => {
                logging_in = false;
                if !state.started.load(Ordering::Acquire) {
                    reason = Some(if state.authenticated.load(Ordering::Acquire) {
                        "no_session"
                    } else {
                        "login_timeout"
                    }.into());
                    disconnect(&handle, TOO_SLOW).await;
                    cut_at = Some(tokio::time::Instant::now() + CUT_AFTER);
                }
            }
            () = session::stopped(&mut shutdown), if logging_in && open => {
                logging_in = false;
                if !state.started.load(Ordering::Acquire) {
                    reason = Some("server_shutdown".into());
                    disconnect(&handle, SHUTTING_DOWN).await;
                    cut_at = Some(tokio::time::Instant::now() + CUT_AFTER);
                }
            }
            () = state.done_notify.notified(), if linger.is_none() && open => {
                if state.done.load(Ordering::Acquire) {
                    // Shorter when the whole server is stopping.
                    let wait = if *shared.shutdown.borrow() {
                        Duration::from_millis(500)
                    } else {
                        Duration::from_secs(2)
                    };
                    linger = Some(tokio::time::Instant::now() + wait);
                }
            }
            () = sleep_until(linger), if linger.is_some() => {
                linger = None;
                lingered = true;
                disconnect(&handle, "").await;
                cut_at = Some(tokio::time::Instant::now() + CUT_AFTER);
            }
            () = sleep_until(cut_at), if cut_at.is_some() => {
                cut_at = None;
                cutoff.cut();
            }
        }
    }
    if let Some(reason) = reason {
        closed(&reason);
    }
}

/// How long a connection told to close has to do so before its socket is shut.
const CUT_AFTER: Duration = Duration::from_secs(1);

/// A second handle on a connection's socket, kept by the connection's task while
/// russh's task owns the first: shutting it down ends the connection whatever
/// russh is doing (a key exchange it waits on, a client that keeps it busy with
/// messages that reset its inactivity timer).
struct Cutoff(std::net::TcpStream);

impl Cutoff {
    fn split(stream: TcpStream) -> std::io::Result<(TcpStream, Cutoff)> {
        let std = stream.into_std()?;
        let twin = std.try_clone()?;
        Ok((TcpStream::from_std(std)?, Cutoff(twin)))
    }

    /// Closes the connection both ways: russh's reads end, its writes fail.
    fn cut(&self) {
        let _ = self.0.shutdown(std::net::Shutdown::Both);
    }
}

/// Closes the connection; `why` is shown by the client.
async fn disconnect(handle: &russh::server::Handle, why: &str) {
    let _ = tokio::time::timeout(
        Duration::from_secs(1),
        handle.disconnect(russh::Disconnect::ByApplication, why.into(), "en".into()),
    )
    .await;
}

/// A path as the operator's messages show it (control characters made visible).
fn shown_path(path: &std::path::Path) -> String {
    crate::output::visible(&path.display().to_string()).into_owned()
}

/// `kasseika serve`: runs until SIGTERM, SIGINT or SIGHUP, then gives every
/// learner their terminal back and exits 0. `lang` is for the operator's
/// messages; `session_lang` is `--lang`, the sessions' default.
pub fn run(
    args: &ServeArgs,
    loc: Arc<Localizer>,
    lang: Lang,
    session_lang: Option<Lang>,
) -> ExitCode {
    let say = |id: &str, args: &[(&str, fluent_bundle::FluentValue)]| {
        log::line(&format!("kasseika: {}", loc.format(lang, id, args)));
    };
    let fail = |id: &str, args: &[(&str, fluent_bundle::FluentValue)]| {
        say(id, args);
        ExitCode::FAILURE
    };
    let Some(listen) = args
        .listen
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
    else {
        say(
            "serve-bad-listen",
            &[(
                "value",
                crate::output::visible(&args.listen).into_owned().into(),
            )],
        );
        return ExitCode::from(2);
    };
    let path = match args.host_key.clone().map_or_else(hostkey::default_path, Ok) {
        Ok(path) => path,
        Err(_) => return fail("serve-no-data-dir", &[]),
    };
    let key = match hostkey::load_or_create(&path) {
        Ok(key) => key,
        Err(hostkey::HostKeyError::TooOpen(path, _)) => {
            let path = shown_path(&path);
            return fail("serve-host-key-too-open", &[("path", path.into())]);
        }
        Err(hostkey::HostKeyError::NotAKey(path, what)) => {
            let visible = |s: &str| crate::output::visible(s).into_owned();
            let what = match what {
                hostkey::KeyFile::Empty => loc.text(lang, "serve-key-file-empty"),
                hostkey::KeyFile::NotText => loc.text(lang, "serve-key-file-not-text"),
                hostkey::KeyFile::Public => loc.text(lang, "serve-key-file-public"),
                hostkey::KeyFile::Encrypted => loc.text(lang, "serve-key-file-encrypted"),
                hostkey::KeyFile::Pem(line) => loc.format(
                    lang,
                    "serve-key-file-pem",
                    &[("line", visible(&line).into())],
                ),
                hostkey::KeyFile::Damaged(e) => loc.format(
                    lang,
                    "serve-key-file-damaged",
                    &[("error", visible(&e).into())],
                ),
                hostkey::KeyFile::Other(start) => loc.format(
                    lang,
                    "serve-key-file-other",
                    &[("start", visible(&start).into())],
                ),
            };
            return fail(
                "serve-host-key-not-a-key",
                &[("path", shown_path(&path).into()), ("what", what.into())],
            );
        }
        Err(e) => {
            let error = crate::output::visible(&e.to_string()).into_owned();
            return fail("serve-host-key-error", &[("error", error.into())]);
        }
    };
    let authorized_keys = match &args.authorized_keys {
        None => None,
        Some(file) => {
            let shown = shown_path(file);
            let visible = |s: &str| crate::output::visible(s).into_owned();
            match authorized::read(file) {
                Ok(keys) if keys.is_empty() => {
                    return fail("serve-authorized-keys-empty", &[("path", shown.into())]);
                }
                Ok(keys) => Some(keys),
                Err(authorized::KeysError::Io(e)) => {
                    return fail(
                        "serve-authorized-keys-error",
                        &[("path", shown.into()), ("error", visible(&e).into())],
                    );
                }
                Err(authorized::KeysError::Malformed { line, error }) => {
                    return fail(
                        "serve-authorized-keys-bad-line",
                        &[
                            ("path", shown.into()),
                            ("line", line.into()),
                            ("error", visible(&error).into()),
                        ],
                    );
                }
                Err(authorized::KeysError::Options { line, options }) => {
                    return fail(
                        "serve-authorized-keys-options",
                        &[
                            ("path", shown.into()),
                            ("line", line.into()),
                            ("options", visible(&options).into()),
                        ],
                    );
                }
                Err(authorized::KeysError::Unsupported { line, kind }) => {
                    return fail(
                        "serve-authorized-keys-type",
                        &[
                            ("path", shown.into()),
                            ("line", line.into()),
                            ("type", visible(&kind).into()),
                        ],
                    );
                }
            }
        }
    };
    let mut options =
        Options::new(listen, key.key.clone()).for_sessions(args.max_sessions as usize);
    if let Some(n) = args.max_per_address {
        options.sessions_per_address = n as usize;
    }
    options.idle_timeout = (args.idle_timeout > 0).then(|| Duration::from_secs(args.idle_timeout));
    options.lang = session_lang;
    options.per_address = options.per_address.max(args.max_sessions);
    options.authorized_keys = authorized_keys;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail("serve-runtime-error", &[("error", e.to_string().into())]),
    };
    // No process-wide hook restores a terminal here (the server's terminal is
    // not the learners'): a panic ends its own session, and the log says where.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        log::line(&format!(
            "panic at={place} message={}",
            client_str(&message)
        ));
    }));
    runtime.block_on(async {
        // Caught from before the first connection: a signal during start-up
        // also stops the server gracefully.
        let signals = match wait_for_signal() {
            Ok(signals) => signals,
            Err(e) => return fail("serve-runtime-error", &[("error", e.to_string().into())]),
        };
        let progress_at = match progress_db::progress_store(args, loc.tr(lang)).await {
            Ok((store, at)) => {
                options.progress = store;
                at
            }
            Err((id, args)) => return fail(id, &args),
        };
        let running = match start(options.clone(), loc.clone()).await {
            Ok(r) => r,
            Err(e) => {
                return fail(
                    "serve-cannot-listen",
                    &[
                        ("addr", listen.to_string().into()),
                        ("error", e.to_string().into()),
                    ],
                );
            }
        };
        let addr = running.local_addr();
        say(
            "serve-listening",
            &[
                ("addr", addr.to_string().into()),
                ("max", options.max_sessions.into()),
            ],
        );
        if key.created {
            say(
                "serve-host-key-created",
                &[("path", shown_path(&key.path).into())],
            );
        }
        say(
            "serve-host-key",
            &[("fingerprint", key.fingerprint().into())],
        );
        if let (Some(keys), Some(file)) = (&options.authorized_keys, &args.authorized_keys) {
            say(
                "serve-authorized-only",
                &[
                    ("count", keys.len().into()),
                    ("path", shown_path(file).into()),
                ],
            );
        }
        let host = if addr.ip().is_unspecified() {
            "HOST".to_string()
        } else if addr.ip().is_loopback() {
            "localhost".to_string()
        } else if addr.is_ipv6() {
            format!("[{}]", addr.ip())
        } else {
            addr.ip().to_string()
        };
        let command = if addr.port() == 22 {
            format!("ssh {host}")
        } else {
            format!("ssh -p {} {host}", addr.port())
        };
        say("serve-connect-with", &[("command", command.into())]);
        progress_db::announce(&progress_at, options.authorized_keys.is_some(), &say);
        if addr.ip().is_loopback() {
            say("serve-local-only", &[("port", addr.port().into())]);
        }
        signals.await;
        say("serve-stopping", &[("count", running.sessions().into())]);
        running.shutdown(Duration::from_secs(5)).await;
        // Progress the store still holds (a database that did not answer): one
        // more try, bounded.
        let store = options.progress.clone();
        let left = tokio::task::spawn_blocking(move || store.flush(Duration::from_secs(5)))
            .await
            .unwrap_or(0);
        if left > 0 {
            say("serve-progress-unsaved", &[("count", left.into())]);
        }
        say("serve-stopped", &[]);
        ExitCode::SUCCESS
    })
}

/// `kasseika serve --report`: every known learner's lessons and exercises, the
/// most stuck first (the server need not be running), and what could not be read
/// (a learner's file set aside, a file that failed). `Err` when the folder itself
/// cannot be read.
pub fn report(args: &ServeArgs, tr: crate::i18n::Tr) -> Result<(String, Vec<String>), String> {
    let (store, place, place_line) = progress_db::offline_store(args, tr)?;
    let learners = store.list().map_err(|e| {
        tr.f(
            "serve-report-error",
            &[
                ("path", place.clone().into()),
                ("error", e.message(tr).into()),
            ],
        )
    })?;
    let mut known = Vec::new();
    let mut problems = Vec::new();
    for learner in learners {
        match store.load(&learner) {
            Ok(loaded) => {
                problems.extend(loaded.notices.iter().map(|n| n.message(tr)));
                if !loaded.progress.is_empty() {
                    known.push((learner, loaded.progress));
                }
            }
            Err(e) => problems.push(e.message(tr)),
        }
    }
    let mut text = progress_report::class(tr, &known, crate::progress::Stamp::now());
    text.push('\n');
    text.push_str(&place_line);
    text.push('\n');
    Ok((text, problems))
}

/// A future that finishes at the first SIGTERM, SIGINT or SIGHUP.
fn wait_for_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let mut hup = signal(SignalKind::hangup())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
            _ = hup.recv() => {}
        }
    })
}

async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(d).await,
        None => std::future::pending().await,
    }
}

/// Words the help of `kasseika serve` in the language of the rest of the help.
pub fn localize_help(cmd: clap::Command, tr: crate::i18n::Tr, template: String) -> clap::Command {
    // clap words the defaults itself, in English: the texts say them instead.
    let with_default = |a: clap::Arg, id: &str| {
        let default = a
            .get_default_values()
            .first()
            .map(|v| v.to_string_lossy().into_owned())
            .unwrap_or_default();
        a.help(tr.f(id, &[("default", default.into())]))
            .hide_default_value(true)
    };
    cmd.mut_subcommand("serve", |s| {
        s.about(tr.t("serve-help-about"))
            .help_template(template)
            .mut_arg("listen", |a| with_default(a, "serve-help-listen"))
            .mut_arg("host_key", |a| a.help(tr.t("serve-help-host-key")))
            .mut_arg("max_sessions", |a| {
                with_default(a, "serve-help-max-sessions")
            })
            .mut_arg("max_per_address", |a| {
                a.help(tr.t("serve-help-max-per-address"))
            })
            .mut_arg("idle_timeout", |a| {
                with_default(a, "serve-help-idle-timeout")
            })
            .mut_arg("authorized_keys", |a| {
                a.help(tr.t("serve-help-authorized-keys"))
            })
            .mut_arg("progress_dir", |a| a.help(tr.t("serve-help-progress-dir")))
            .mut_arg("report", |a| a.help(tr.t("serve-help-report")))
            .mut_arg("progress_db", |a| a.help(tr.t("serve-help-progress-db")))
            .mut_arg("import_progress", |a| {
                a.help(tr.t("serve-help-import-progress"))
            })
    })
}

/// What `localize_help` cannot word before clap has built the command: the global
/// `--lang`, which `serve` reads differently (the sessions' default, not the
/// environment's language).
pub fn localize_built_help(cmd: clap::Command, tr: crate::i18n::Tr) -> clap::Command {
    cmd.mut_subcommand("serve", |s| {
        s.mut_arg("lang", |a| a.help(tr.t("serve-help-lang")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_login_names_the_user_the_keys_and_the_last_keys_fingerprint() {
        let fp = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
        assert_eq!(
            login_refused_reason(&("taro".into(), 2, Some(fp.into()))),
            format!("login_refused user=\"taro\" keys_refused=2 last_key=\"{fp}\"")
        );
        assert_eq!(
            login_refused_reason(&("a\x1b".into(), 0, None)),
            "login_refused user=\"a\\u{1b}\" keys_refused=0"
        );
        // The handler's record: keys counted, the last key kept, a later try
        // without a key (keyboard-interactive) keeps the fingerprint.
        let permit = Arc::new(Semaphore::new(1)).try_acquire_owned().unwrap();
        let slot = PerAddress::new(1)
            .take(std::net::IpAddr::from([127, 0, 0, 1]))
            .unwrap();
        let state = ConnState::new((permit, slot));
        state.login_refused("taro", Some("SHA256:a".into()));
        state.login_refused("taro", Some(fp.into()));
        state.login_refused("taro", None);
        let refused = state.refused.lock().unwrap().clone().unwrap();
        assert_eq!(refused, ("taro".to_string(), 2, Some(fp.to_string())));
    }

    #[test]
    fn a_refusal_line_counts_the_ones_before_only_when_there_were_some() {
        let addr = SocketAddr::from(([192, 0, 2, 1], 4000));
        assert_eq!(
            refusal_line(addr, "full", 0),
            "refused addr=192.0.2.1:4000 reason=full"
        );
        assert_eq!(
            refusal_line(addr, "full", 3),
            "refused addr=192.0.2.1:4000 reason=full (and 3 more refused in the second before)"
        );
    }

    #[test]
    fn keepalives_drop_a_silent_client_after_interval_times_max_and_sha1_is_not_offered() {
        let key = hostkey::generate().unwrap();
        let options = Options::new(SocketAddr::from(([127, 0, 0, 1], 0)), key);
        let config = ssh_config(&options);
        // russh drops at (its max + 1) intervals: 30 s x 3 = 90 s.
        assert_eq!(config.keepalive_max + 1, options.keepalive_max);
        assert!(
            !config
                .preferred
                .key
                .contains(&Algorithm::Rsa { hash: None })
        );
        assert!(config.preferred.key.contains(&Algorithm::Rsa {
            hash: Some(HashAlg::Sha256)
        }));
    }

    #[test]
    fn one_address_may_hold_half_of_the_handshakes_and_every_session() {
        let key = hostkey::generate().unwrap();
        let options = Options::new(SocketAddr::from(([127, 0, 0, 1], 0)), key).for_sessions(200);
        assert_eq!(options.max_handshakes(), 50);
        assert_eq!(options.handshakes_per_address, 25);
        assert_eq!(options.sessions_per_address, 200, "a class behind one NAT");
    }

    #[test]
    fn protocol_messages_are_ascii() {
        // OpenSSH shows anything else in them as octal escapes.
        for text in [
            handler::NO_FORWARDING,
            TOO_MANY_FROM_YOU,
            TOO_MANY_LOGGING_IN,
            BUSY,
            TOO_SLOW,
            SHUTTING_DOWN,
        ] {
            assert!(
                text.is_ascii() && !text.chars().any(|c| c.is_control()),
                "{text}"
            );
        }
    }

    #[test]
    fn the_help_of_serve_is_worded_in_both_languages() {
        let loc = Localizer::embedded().unwrap();
        for lang in Lang::ALL {
            let mut cmd = crate::cli::command(loc.tr(lang));
            let help = cmd
                .find_subcommand_mut("serve")
                .expect("serve is a command")
                .render_help()
                .to_string();
            assert!(!help.contains('\u{FFFD}'), "a message is missing:\n{help}");
            for flag in [
                "--listen",
                "--host-key",
                "--max-sessions",
                "--max-per-address",
                "--idle-timeout",
                "--authorized-keys",
                "--progress-dir",
                "--report",
                "--progress-db",
                "--import-progress",
            ] {
                assert!(help.contains(flag), "{flag} in\n{help}");
            }
            assert!(
                help.contains("127.0.0.1:2222") && help.contains("1800"),
                "{help}"
            );
            assert!(!help.contains("[default:") || lang == Lang::En, "{help}");
            // --lang is the sessions' default here, not the environment's language.
            assert!(help.contains("ja@HOST"), "{help}");
        }
    }
}
