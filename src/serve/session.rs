//! One learner's session: the channel's requests until a shell starts, then one
//! `App` driven by the channel's bytes, frames written back through the channel.
//!
//! The task owns both halves of the channel. It always drains the read half
//! (russh stalls the whole connection when a channel's queue is full), and it
//! writes at most one frame at a time through the write half, which waits for the
//! client's window: a client that reads slowly gets fewer frames, each a diff
//! against the one before it, so memory stays bounded and no frame is dropped.

use std::future::Future;
use std::net::SocketAddr;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::Size;
use russh::ChannelMsg;
use russh::server::Msg;
use russh::{Channel, ChannelWriteHalf};
use tokio::sync::watch;

use super::limits::{self, KEPT_ENV, MAX_ENV_VALUE};
use super::log::{self, client_str};
use super::metrics::{Metrics, SaveOutcome};
use super::{ConnState, Shared};
use crate::app::{App, Kept, Message, Notice};
use crate::charset::Charset;
use crate::i18n::{self, Lang};
use crate::lesson::LessonId;
use crate::look::{self, Drawing};
use crate::output::FrameBackend;
use crate::progress::Progress;
use crate::progress::store::{Keeper, LearnerId, Loaded, StoreError};
use crate::session::{Session, Step};

/// Exit statuses the client's `ssh` returns.
const EXIT_OK: u32 = 0;
const EXIT_REFUSED: u32 = 1;
const EXIT_USAGE: u32 = 2;
/// An internal error (sysexits' EX_SOFTWARE).
const EXIT_PANIC: u32 = 70;

/// Bytes read ahead of the parser at most, per session; past this a flood is dropped
/// (a Ctrl-C in it still quits).
const MAX_BACKLOG: usize = 256 * 1024;
/// Events handled in one slice, between two looks at the channel.
const BUDGET: usize = 64;
/// While a long burst is worked through, a frame at least this often.
const PROGRESS: Duration = Duration::from_millis(100);

/// How long the goodbye (the frame in flight, restoring the terminal, the last
/// sentence) may take before the channel is closed anyway.
const GOODBYE_TIMEOUT: Duration = Duration::from_secs(2);

/// Who is at the other end.
pub(crate) struct Peer {
    pub id: u64,
    pub addr: SocketAddr,
    pub user: String,
    /// Known by the key they logged in with; `None`: anonymous.
    pub learner: Option<LearnerId>,
}

/// What the client asked for before its session started.
#[derive(Debug, Default)]
struct Setup {
    /// TERM and size from the pty request; `None` without a pty (`ssh -T`).
    pty: Option<(String, (u16, u16))>,
    env: Vec<(String, String)>,
}

impl Setup {
    fn set_env(&mut self, name: &str, value: &str) {
        let kept = KEPT_ENV.contains(&name) || (cfg!(debug_assertions) && name == DEBUG_PANIC_ENV);
        if !kept {
            return;
        }
        let value: String = value.chars().take(MAX_ENV_VALUE).collect();
        match self.env.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => *v = value,
            None => self.env.push((name.to_string(), value)),
        }
    }

    fn env(&self, name: &str) -> Option<String> {
        self.env
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    fn term(&self) -> &str {
        self.pty.as_ref().map_or("", |(term, _)| term.as_str())
    }
}

/// How the client wants the channel used.
enum Start {
    Shell,
    Exec(Vec<u8>),
    Subsystem(String),
}

/// Why a running session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Quit,
    /// The client closed the channel or the connection went away.
    Gone,
    /// The client closed its input (EOF) but the channel is still open.
    InputClosed,
    Idle,
    Shutdown,
    Panic,
}

impl End {
    fn reason(self) -> &'static str {
        match self {
            End::Quit => "quit",
            End::Gone => "client_gone",
            End::InputClosed => "input_closed",
            End::Idle => "idle_timeout",
            End::Shutdown => "server_shutdown",
            End::Panic => "panic",
        }
    }
}

/// A debug-build trigger for the tests: a session whose client sends this
/// variable panics at its first key, to show the others carry on.
const DEBUG_PANIC_ENV: &str = "KASSEIKA_DEBUG_PANIC";

/// Runs one session channel to its end.
pub(crate) async fn run(
    channel: Channel<Msg>,
    shared: Arc<Shared>,
    state: Arc<ConnState>,
    peer: Peer,
) {
    let _done = DoneGuard(state.clone());
    let (mut rx, tx) = channel.split();
    let mut shutdown = shared.shutdown.clone();
    let mut setup = Setup::default();
    let start = loop {
        let msg = tokio::select! {
            () = stopped(&mut shutdown) => {
                let _ = tx.close().await;
                return;
            }
            msg = rx.wait() => msg,
        };
        match msg {
            None | Some(ChannelMsg::Close) => return,
            Some(ChannelMsg::RequestPty {
                term,
                col_width,
                row_height,
                ..
            }) => {
                let term: String = term.chars().take(MAX_ENV_VALUE).collect();
                setup.pty = Some((term, limits::terminal_size(col_width, row_height)));
            }
            Some(ChannelMsg::WindowChange {
                col_width,
                row_height,
                ..
            }) => {
                if let Some((_, size)) = &mut setup.pty {
                    *size = limits::terminal_size(col_width, row_height);
                }
            }
            Some(ChannelMsg::SetEnv {
                variable_name,
                variable_value,
                ..
            }) => setup.set_env(&variable_name, &variable_value),
            Some(ChannelMsg::RequestShell { .. }) => break Start::Shell,
            Some(ChannelMsg::Exec { command, .. }) => break Start::Exec(command),
            Some(ChannelMsg::RequestSubsystem { name, .. }) => break Start::Subsystem(name),
            // Keys typed before the shell starts, EOF, signals: nothing to do yet.
            Some(_) => {}
        }
    };
    state.start();
    // The client's own terminal: its TERM from the pty request, the rest from
    // the variables it sent.
    let env = |k: &str| match (k, &setup.pty) {
        ("TERM", Some((term, _))) => Some(term.clone()),
        _ => setup.env(k),
    };
    let charset = Charset::from_env(env);
    let mut lang = session_lang(&peer.user, env, shared.default_lang);
    // Japanese in a character set without it would be question marks: English,
    // and a line that says why.
    let japanese_unshown = lang == Lang::Ja && !charset.shows_japanese();
    if japanese_unshown {
        lang = Lang::En;
    }
    let line_end = if setup.pty.is_some() { "\r\n" } else { "\n" };
    let refuse = |id: &str, args: &[(&str, fluent_bundle::FluentValue)], reason: &'static str| {
        if matches!(reason, "full" | "address_full" | "server_shutdown") {
            shared.metrics.refused(reason);
        }
        log::line(&format!(
            "refused id={} user={} addr={} term={} reason={reason}",
            peer.id,
            client_str(&peer.user),
            peer.addr,
            client_str(setup.term()),
        ));
        let text = format!("kasseika: {}{line_end}", shared.loc.format(lang, id, args));
        charset.encode(&text).into_owned()
    };
    let (text, status) = match start {
        Start::Exec(command) => {
            let command = String::from_utf8_lossy(&command);
            let shown = client_str(&command);
            (
                refuse("serve-no-commands", &[("command", shown.into())], "exec"),
                EXIT_USAGE,
            )
        }
        Start::Subsystem(name) => (
            refuse(
                "serve-no-subsystems",
                &[("subsystem", client_str(&name).into())],
                "subsystem",
            ),
            EXIT_USAGE,
        ),
        Start::Shell if setup.pty.is_none() => {
            (refuse("serve-needs-pty", &[], "no_pty"), EXIT_USAGE)
        }
        Start::Shell if *shared.shutdown.borrow() => (
            refuse("serve-shutdown", &[], "server_shutdown"),
            EXIT_REFUSED,
        ),
        Start::Shell => match session_drawing(env) {
            Err(term) => (
                refuse(
                    "serve-dumb-terminal",
                    &[("term", client_str(&term).into())],
                    "dumb_terminal",
                ),
                EXIT_USAGE,
            ),
            Ok(drawing) => match shared.sessions.clone().try_acquire_owned() {
                Err(_) => (
                    refuse("serve-full", &[("max", shared.max_sessions.into())], "full"),
                    EXIT_REFUSED,
                ),
                Ok(_permit) => match shared.sessions_by_address.take(peer.addr.ip()) {
                    None => (
                        refuse(
                            "serve-address-full",
                            &[("max", shared.sessions_by_address.max().into())],
                            "address_full",
                        ),
                        EXIT_REFUSED,
                    ),
                    Some(_slot) => {
                        let client = Client {
                            setup: &setup,
                            lang,
                            drawing,
                            japanese_unshown,
                        };
                        lessons(rx, &tx, &shared, &peer, client).await;
                        return;
                    }
                },
            },
        },
    };
    drop(rx);
    let goodbye = async {
        tx.extended_data_bytes(1, text).await?;
        finish(&tx, status).await
    };
    let _ = tokio::time::timeout(GOODBYE_TIMEOUT, goodbye).await;
}

/// Returns, with when the sessions end, once the server drains.
async fn draining(
    drain: &mut watch::Receiver<Option<tokio::time::Instant>>,
) -> tokio::time::Instant {
    let deadline = match drain.wait_for(Option::is_some).await {
        Ok(deadline) => *deadline,
        // The server is gone without draining: nothing to tell.
        Err(_) => None,
    };
    match deadline {
        Some(deadline) => deadline,
        None => std::future::pending().await,
    }
}

/// Tells the connection that its session is over, however the task ends (a
/// panic that escaped included).
struct DoneGuard(Arc<ConnState>);

impl Drop for DoneGuard {
    fn drop(&mut self) {
        self.0.done.store(true, Ordering::Release);
        self.0.done_notify.notify_one();
    }
}

/// Returns once the server is shutting down.
pub(crate) async fn stopped(shutdown: &mut watch::Receiver<bool>) {
    loop {
        if *shutdown.borrow_and_update() {
            return;
        }
        if shutdown.changed().await.is_err() {
            // The server is gone without saying so: nothing will ever stop us,
            // and the connection ends with the process.
            std::future::pending::<()>().await;
        }
    }
}

async fn finish(tx: &ChannelWriteHalf<Msg>, status: u32) -> Result<(), russh::Error> {
    tx.exit_status(status).await?;
    tx.eof().await?;
    tx.close().await
}

/// The session's language: the user name `ja` or `en` (`ssh ja@host`, a choice
/// made for this connection), else the client's locale (`SendEnv LANG`), else
/// the server's `--lang`, else English.
fn session_lang(user: &str, env: impl Fn(&str) -> Option<String>, default: Option<Lang>) -> Lang {
    if let Some(lang) = Lang::from_code(user) {
        return lang;
    }
    let names_a_language = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&env)
        .any(|v| v.split(':').any(|v| !v.is_empty() && !i18n::is_c_locale(v)));
    if names_a_language {
        return i18n::negotiate(None, &env).unwrap_or(Lang::En);
    }
    default.unwrap_or(Lang::En)
}

/// How to draw for the client, by the local app's rule ([`look::drawing`]: `TERM`
/// and its terminfo entry, `NO_COLOR`, the character set); `Err` with the `TERM`
/// when it cannot draw a screen.
fn session_drawing(env: impl Fn(&str) -> Option<String>) -> Result<Drawing, String> {
    look::drawing(env, look::system_terminfo, false, None).map_err(|e| e.term.unwrap_or_default())
}

/// What the session knows of its client's terminal.
struct Client<'a> {
    setup: &'a Setup,
    lang: Lang,
    drawing: Drawing,
    /// The learner asked for Japanese, which their character set cannot show.
    japanese_unshown: bool,
}

type Write<'a> = Pin<Box<dyn Future<Output = Result<(), russh::Error>> + Send + 'a>>;

/// The lessons, until the learner quits or something else ends the session.
async fn lessons(
    mut rx: russh::ChannelReadHalf,
    tx: &ChannelWriteHalf<Msg>,
    shared: &Shared,
    peer: &Peer,
    client: Client<'_>,
) {
    let started = Instant::now();
    let Client {
        setup,
        lang,
        drawing,
        japanese_unshown,
    } = client;
    let Drawing {
        look,
        charset,
        rendition,
    } = drawing;
    let Some((term, mut window)) = setup.pty.clone() else {
        return;
    };
    // The size drawn: the window's while the cells of all sessions allow it.
    let mut cells = shared.cells.grant();
    let (mut cols, mut rows) = cells.fit(window);
    // A learner known by a key resumes where they left off; an anonymous one
    // starts afresh, their progress kept for this session only. The store works
    // off the runtime's threads (files and a lock).
    let keeper = match &peer.learner {
        Some(id) => Keeper::new(shared.progress.clone(), id.clone()),
        None => Keeper::in_memory(),
    };
    let loaded = {
        let keeper = keeper.clone();
        tokio::task::spawn_blocking(move || keeper.load()).await
    };
    let (loaded, load_error) = match loaded {
        Ok(Ok(loaded)) => (loaded, None),
        Ok(Err(e)) => (Loaded::default(), Some(e)),
        Err(_) => (Loaded::default(), None),
    };
    // The user name `ja` or `en` is this connection's choice; else the language
    // the learner last chose with the key beats their locale and the server's.
    let mut lang = lang;
    if Lang::from_code(&peer.user).is_none()
        && let Some(saved) = loaded.progress.language().and_then(Lang::from_code)
        && (saved == Lang::En || charset.shows_japanese())
    {
        lang = saved;
    }
    let learner = peer
        .learner
        .as_ref()
        .map_or_else(|| "none".to_string(), |l| l.to_string());
    log::line(&format!(
        "connect id={} user={} addr={} term={} size={}x{}{} lang={} learner={learner}",
        peer.id,
        client_str(&peer.user),
        peer.addr,
        client_str(&term),
        window.0,
        window.1,
        drawn_at(window, (cols, rows)),
        lang.code(),
    ));
    let panic_at_first_key = cfg!(debug_assertions) && setup.env(DEBUG_PANIC_ENV).is_some();
    let mut shutdown = shared.shutdown.clone();
    let Ok(terminal) = Terminal::new(FrameBackend::new(rendition, charset, Size::new(cols, rows)))
    else {
        return;
    };
    // No job control over SSH: Ctrl-Z does nothing, and the help does not offer it.
    let mut app = App::new(shared.loc.clone(), lang, LessonId::Intro, look).with_suspend(false);
    app.resume(unseen(loaded, peer.id, &learner), false);
    if peer.learner.is_none() {
        app.tell(Notice::SessionOnly);
    } else if !peer.user.is_empty() && Lang::from_code(&peer.user).is_none() {
        // For the teacher's report (a user name that picks the language is not a
        // name).
        app.set_learner_name(&peer.user);
    }
    if let Some(e) = load_error {
        // The operator's to mend; the learner is told without the server's paths.
        log::line(&format!(
            "load_failed id={} learner={learner} error={}",
            peer.id,
            log::server_str(&e.to_string())
        ));
        app.tell(Notice::SaveFailed(e.unseen()));
    }
    app.update(Message::WindowLarger(larger(window, (cols, rows))));
    let mut session = Session::new(app, terminal)
        .with_charset(charset)
        .with_backlog(MAX_BACKLOG);
    // One save at a time, off the runtime's threads; changes made meanwhile go
    // with the next one.
    let mut saving: Option<tokio::task::JoinHandle<Result<Loaded, StoreError>>> = None;
    let mut end = None;
    let mut in_flight: Option<Write<'_>> = None;
    match guarded(|| session.start()) {
        Some(Ok(())) => {
            // Why the lessons are in English, on the screen the learner goes back
            // to, before the lessons take it over: in the same stream as the
            // frames, as the client writes its stderr and stdout to the terminal
            // in no fixed order (a sentence written after the first frame scrolls
            // the screen every later frame is drawn over).
            let mut frame = if japanese_unshown {
                let text = shared.loc.format(
                    lang,
                    "serve-japanese-needs-utf8",
                    &[("charset", charset.name().into())],
                );
                charset
                    .encode(&format!("kasseika: {text}\r\n"))
                    .into_owned()
            } else {
                Vec::new()
            };
            frame.extend(enter_sequence());
            frame.extend(session.terminal.backend_mut().take_output());
            in_flight = Some(Box::pin(async move { tx.data_bytes(frame).await }));
        }
        Some(Err(_)) => end = Some(End::Gone),
        None => end = Some(End::Panic),
    }
    let idle_timeout = shared.idle_timeout;
    let idle = tokio::time::sleep(idle_timeout.unwrap_or(Duration::MAX / 4));
    tokio::pin!(idle);
    // The channel is always read (the session keeps what waits, up to MAX_BACKLOG,
    // and drops the rest of a flood), so that a Ctrl-C behind a burst is seen at
    // once and russh never stalls the connection on a full channel.
    // The window's latest size, until the session takes it: window changes cost
    // CPU (the lessons are laid out again), so they wait for the session's budget
    // like keys, and only the last one counts.
    let mut resize: Option<(u16, u16)> = None;
    // A session drawn smaller asks the cells again when some come back and at
    // each key (also within its CPU budget).
    let mut regrow = false;
    let mut input_closed = false;
    let mut budget = CpuBudget::new(Instant::now(), shared.cpu_burst, shared.cpu_share);
    let mut last_frame = Instant::now();
    shared.metrics.session_started();
    // The first key not answered by a frame yet (for the metrics).
    let mut key_waiting: Option<Instant> = None;
    // Once the server drains, each learner is told once.
    let mut drain = shared.drain.clone();
    let mut told_of_restart = false;
    while end.is_none() {
        let busy = session.has_work() || resize.is_some() || regrow;
        let now = Instant::now();
        let can_work = busy && budget.available(now);
        let deadline = session.deadline().map(tokio::time::Instant::from_std);
        let budget_back = tokio::time::Instant::from_std(budget.ready_at(now));
        tokio::select! {
            biased;
            () = stopped(&mut shutdown) => end = Some(End::Shutdown),
            deadline = draining(&mut drain), if !told_of_restart => {
                told_of_restart = true;
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                let notice = restart_notice(peer.learner.is_some(), shared.progress.health().up, left);
                end = step(guarded(|| {
                    session.apply(Message::Tell(notice));
                    Step::Continue
                }));
            }
            result = async { in_flight.as_mut().expect("guarded by the condition").await }, if in_flight.is_some() => {
                in_flight = None;
                if result.is_err() {
                    end = Some(End::Gone);
                }
            }
            msg = rx.wait(), if !input_closed => match msg {
                Some(ChannelMsg::Data { data }) => {
                    key_waiting.get_or_insert_with(Instant::now);
                    if let Some(d) = idle_timeout {
                        idle.as_mut().reset(tokio::time::Instant::now() + d);
                    }
                    regrow |= cells.short();
                    if panic_at_first_key {
                        end = step(guarded(|| panic!("panic requested by {DEBUG_PANIC_ENV}")));
                    } else if session.input(data.to_vec(), Instant::now()) == Step::Quit {
                        // Ctrl-C quits whatever came before it.
                        end = Some(End::Quit);
                    }
                }
                Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                    resize = Some(limits::terminal_size(col_width, row_height));
                }
                Some(ChannelMsg::Eof) => {
                    input_closed = true;
                    session.end_input();
                }
                Some(ChannelMsg::Close) | None => end = Some(End::Gone),
                Some(_) => {}
            },
            () = &mut idle, if idle_timeout.is_some() => end = Some(End::Idle),
            () = cells.freed(), if cells.short() && !regrow => regrow = true,
            saved = async { saving.as_mut().expect("guarded by the condition").await }, if saving.is_some() => {
                saving = None;
                if let Ok(Err(e)) = &saved {
                    // The operator's to mend (a full disk, a folder it cannot write).
                    log::line(&format!(
                        "save_failed id={} learner={learner} error={}",
                        peer.id,
                        log::server_str(&e.to_string())
                    ));
                }
                if let Ok(result) = saved {
                    let result = result
                        .map(|loaded| unseen(loaded, peer.id, &learner))
                        .map_err(|e| e.unseen());
                    end = step(guarded(|| {
                        session.apply(Message::Saved(Box::new(result)));
                        Step::Continue
                    }));
                }
            }
            () = tokio::time::sleep_until(deadline.unwrap_or(budget_back)), if deadline.is_some() => {
                end = step(guarded(|| session.timeout(Instant::now())));
            }
            // Work to do: let the other sessions have a turn, then do a slice.
            () = tokio::task::yield_now(), if can_work => {}
            // Over its CPU budget: the session waits (its input waits in the
            // backlog, its window's size in `resize`) while the others go on.
            () = tokio::time::sleep_until(budget_back), if busy && !can_work => {}
        }
        if end.is_some() {
            break;
        }
        let now = Instant::now();
        if (session.has_work() || resize.is_some() || regrow) && budget.available(now) {
            let before = (window, cols, rows);
            if let Some(asked) = resize.take() {
                window = asked;
                (cols, rows) = cells.fit(window);
                end = step(guarded(|| session.resize(cols, rows)));
            } else if regrow {
                let fitted = cells.fit(window);
                if fitted != (cols, rows) {
                    (cols, rows) = fitted;
                    end = step(guarded(|| session.resize(cols, rows)));
                }
            }
            regrow = false;
            if end.is_none() && before != (window, cols, rows) {
                session.apply(Message::WindowLarger(larger(window, (cols, rows))));
            }
            if end.is_none() {
                end = step(guarded(|| session.work(BUDGET)));
            }
            budget.charge(now, now.elapsed());
        }
        if saving.is_none()
            && let Some(progress) = session.app.take_unsaved()
        {
            saving = Some(save(&keeper, progress, &shared.metrics));
        }
        let busy = session.has_work() || resize.is_some() || regrow;
        if end.is_none() && input_closed && !busy {
            end = Some(End::InputClosed);
        }
        // One frame in flight at most: while the client's window is full, the
        // changes add up in the app and go out as one diff when it opens. A
        // long burst shows progress now and then.
        if end.is_none() && in_flight.is_none() && (!busy || last_frame.elapsed() >= PROGRESS) {
            let now = Instant::now();
            match guarded(|| session.draw_if_changed()) {
                Some(Ok(true)) => {
                    last_frame = Instant::now();
                    release_spare_cells(&mut session.terminal);
                    let frame = session.terminal.backend_mut().take_output();
                    if !frame.is_empty() {
                        if let Some(key) = key_waiting.take() {
                            shared.metrics.keystroke_to_frame(key.elapsed());
                        }
                        in_flight = Some(Box::pin(tx.data_bytes(frame)));
                    }
                }
                // Keys that changed nothing on the screen: no frame answers them.
                Some(Ok(false)) => {
                    if !busy {
                        key_waiting = None;
                    }
                }
                Some(Err(_)) => end = Some(End::Gone),
                None => end = Some(End::Panic),
            }
            budget.charge(now, now.elapsed());
        }
    }
    let end = end.unwrap_or(End::Gone);
    shared.metrics.session_ended(end.reason());
    drop(rx);
    if end != End::Gone {
        let goodbye = async {
            // The frame in flight first: cutting it short could leave half an
            // escape sequence before the restoring one.
            if let Some(write) = in_flight.take() {
                write.await?;
            }
            tx.data_bytes(restore_sequence()).await?;
            let message = match end {
                End::Idle => Some(idle_message(
                    &shared.loc,
                    lang,
                    idle_timeout.unwrap_or_default(),
                )),
                End::Shutdown => Some(shared.loc.text(lang, "serve-shutdown")),
                End::Panic => Some(shared.loc.text(lang, "serve-panic")),
                _ => None,
            };
            if let Some(message) = message {
                let line = format!("kasseika: {message}\r\n");
                tx.extended_data_bytes(1, charset.encode(&line).into_owned())
                    .await?;
            }
            let status = match end {
                End::Panic => EXIT_PANIC,
                End::Shutdown => EXIT_REFUSED,
                _ => EXIT_OK,
            };
            finish(tx, status).await
        };
        let _ = tokio::time::timeout(GOODBYE_TIMEOUT, goodbye).await;
    }
    drop(in_flight);
    // However the session ended (a dropped connection too): where the learner was,
    // and what they did since the last save.
    if let Some(Some(progress)) = guarded(|| session.finish())
        && let Ok(Err(e)) = save(&keeper, progress, &shared.metrics).await
    {
        log::line(&format!(
            "save_failed id={} learner={learner} error={}",
            peer.id,
            log::server_str(&e.to_string())
        ));
    }
    let dropped = match session.dropped_bytes() {
        0 => String::new(),
        n => format!(" dropped_bytes={n}"),
    };
    log::line(&format!(
        "disconnect id={} user={} addr={} term={} size={}x{}{} duration={} cpu={} reason={}{dropped}",
        peer.id,
        client_str(&peer.user),
        peer.addr,
        client_str(&term),
        window.0,
        window.1,
        drawn_at(window, (cols, rows)),
        log::secs(started.elapsed()),
        log::millis(budget.used()),
        end.reason(),
    ));
    drop(session);
    drop(cells);
    super::memory::give_back();
}

/// The window's size when the screen is drawn smaller than it (the cells of all
/// sessions did not allow more), for the lessons to say so.
fn larger(window: (u16, u16), drawn: (u16, u16)) -> Option<(u16, u16)> {
    (window != drawn).then_some(window)
}

/// ` drawn=COLSxROWS` when the screen drawn is smaller than the window (the cells
/// of all sessions did not allow it), else nothing.
fn drawn_at(window: (u16, u16), drawn: (u16, u16)) -> String {
    if window == drawn {
        String::new()
    } else {
        format!(" drawn={}x{}", drawn.0, drawn.1)
    }
}

/// The sentence for a session the idle timeout ended: whole minutes in minutes,
/// anything else in seconds (a part of a second counts as one).
fn idle_message(loc: &crate::i18n::Localizer, lang: Lang, timeout: Duration) -> String {
    let secs = u64::try_from(timeout.as_millis().div_ceil(1000))
        .unwrap_or(u64::MAX)
        .max(1);
    if secs % 60 == 0 {
        loc.format(
            lang,
            "serve-idle-minutes",
            &[("minutes", (secs / 60).into())],
        )
    } else {
        loc.format(lang, "serve-idle-seconds", &[("seconds", secs.into())])
    }
}

/// Gives back what a frame's buffers hold beyond their size: ratatui keeps the
/// capacity of a larger size after a resize to a smaller one. Called after each
/// frame; the two buffers take turns, so both are trimmed two frames after the
/// size went down.
fn release_spare_cells<B: ratatui::backend::Backend>(terminal: &mut Terminal<B>) {
    let content = &mut terminal.current_buffer_mut().content;
    if content.capacity() > 2 * content.len() + limits::MIN_CELLS {
        content.shrink_to_fit();
        super::memory::give_back();
    }
}

/// Saves `progress` on a blocking thread (file system, lock).
/// What the store tells, logged for the operator (with the server's paths) and
/// passed on to the learner without them.
fn unseen(mut loaded: Loaded, id: u64, learner: &str) -> Loaded {
    for notice in &mut loaded.notices {
        log::line(&format!(
            "progress_set_aside id={id} learner={learner} what={}",
            log::server_str(&notice.log_line())
        ));
        *notice = notice.unseen();
    }
    loaded
}

fn save(
    keeper: &Keeper,
    progress: Progress,
    metrics: &Arc<Metrics>,
) -> tokio::task::JoinHandle<Result<Loaded, StoreError>> {
    let (keeper, metrics) = (keeper.clone(), metrics.clone());
    tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let saved = keeper.save(&progress);
        let outcome = match &saved {
            Ok(_) => SaveOutcome::Saved,
            Err(StoreError::Unavailable { .. }) => SaveOutcome::Waiting,
            Err(_) => SaveOutcome::Failed,
        };
        metrics.saved(outcome, started.elapsed());
        saved
    })
}

/// The restart notice for a learner (`known`: by a key), `left` before their
/// session ends.
fn restart_notice(known: bool, store_up: bool, left: Duration) -> Notice {
    let kept = match (known, store_up) {
        (false, _) => Kept::SessionOnly,
        (true, true) => Kept::Saved,
        (true, false) => Kept::Unsaved,
    };
    Notice::Restarting {
        seconds: left.as_secs_f64().ceil() as u64,
        kept,
    }
}

/// CPU time a session may use: a token bucket of a burst (a quarter of a second
/// by default) that refills at a share of a core (a tenth). A learner uses a few
/// milliseconds a second; a client that floods expensive keys (each `L` rewraps
/// every lesson) or window changes waits for its turn instead of taking the
/// server's cores from the others.
#[derive(Debug)]
struct CpuBudget {
    /// Seconds of CPU left; below zero after an expensive slice.
    tokens: f64,
    last: Instant,
    burst: f64,
    share: f64,
    /// Seconds charged in all.
    used: f64,
}

impl CpuBudget {
    fn new(now: Instant, burst: Duration, share: f64) -> CpuBudget {
        CpuBudget {
            tokens: burst.as_secs_f64(),
            last: now,
            burst: burst.as_secs_f64(),
            share: share.max(1e-6),
            used: 0.0,
        }
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.share).min(self.burst);
        self.last = now;
    }

    fn available(&mut self, now: Instant) -> bool {
        self.refill(now);
        self.tokens > 0.0
    }

    fn charge(&mut self, now: Instant, used: Duration) {
        self.refill(now);
        self.tokens -= used.as_secs_f64();
        self.used += used.as_secs_f64();
    }

    /// When there will be CPU time again.
    fn ready_at(&self, now: Instant) -> Instant {
        if self.tokens > 0.0 {
            return now;
        }
        now + Duration::from_secs_f64((-self.tokens / self.share).min(3600.0))
    }

    /// CPU time charged in all.
    fn used(&self) -> Duration {
        Duration::from_secs_f64(self.used)
    }
}

/// What a step means for the session: a panic ends it, so does quitting; Ctrl-Z
/// has no job control to go back to over SSH and is ignored.
fn step(result: Option<Step>) -> Option<End> {
    match result {
        None => Some(End::Panic),
        Some(Step::Quit) => Some(End::Quit),
        Some(Step::Continue | Step::Suspend) => None,
    }
}

/// Runs `f`, turning a panic into `None`: a panic in one session ends that
/// session, never the server or the other sessions.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

/// The bytes that put the client's terminal in the app's state: the local loop's
/// (alternate screen, bracketed paste).
fn enter_sequence() -> Vec<u8> {
    let mut out = Vec::new();
    let _ = queue!(out, EnterAlternateScreen, EnableBracketedPaste);
    out
}

/// The bytes that give the client its terminal back.
fn restore_sequence() -> Vec<u8> {
    let mut out = b"\x1b[0m".to_vec();
    let _ = queue!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::{Look, Marker};

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn language_from_user_name_then_locale_then_server_default() {
        let ja = Some(Lang::Ja);
        assert_eq!(
            session_lang("ja", env(&[("LANG", "en_US.UTF-8")]), None),
            Lang::Ja
        );
        assert_eq!(session_lang("en", env(&[]), ja), Lang::En);
        assert_eq!(
            session_lang("taro", env(&[("LANG", "ja_JP.UTF-8")]), None),
            Lang::Ja
        );
        assert_eq!(
            session_lang("taro", env(&[("LC_ALL", "ja_JP.eucJP")]), None),
            Lang::Ja
        );
        assert_eq!(
            session_lang("taro", env(&[("LANG", "en_GB.UTF-8")]), ja),
            Lang::En
        );
        assert_eq!(
            session_lang("taro", env(&[("LANG", "de_DE.UTF-8")]), ja),
            Lang::En,
            "a locale we do not have is English, as locally"
        );
        assert_eq!(
            session_lang("taro", env(&[("LANG", "C.UTF-8")]), ja),
            Lang::Ja
        );
        assert_eq!(session_lang("taro", env(&[]), ja), Lang::Ja);
        assert_eq!(session_lang("taro", env(&[]), None), Lang::En);
    }

    #[test]
    fn look_from_the_client_environment() {
        let xterm = [("TERM", "xterm"), ("LANG", "en_US.UTF-8")];
        let session_look = |env| session_drawing(env).map(|d| d.look);
        assert_eq!(session_look(env(&xterm)), Ok(Look::default()));
        let c = session_look(env(&[("TERM", "xterm"), ("LANG", "C")])).unwrap();
        assert!(c.ascii && c.marker == Marker::Ascii);
        let no_color = [("TERM", "xterm"), ("NO_COLOR", "1")];
        assert!(!session_look(env(&no_color)).unwrap().color);
        assert_eq!(session_look(env(&[("TERM", "dumb")])), Err("dumb".into()));
        assert_eq!(session_look(env(&[])), Err(String::new()));
    }

    #[test]
    fn the_idle_sentence_says_the_time_in_the_unit_it_was_given_in() {
        let loc = crate::i18n::Localizer::embedded().unwrap();
        let en = |secs: u64| idle_message(&loc, Lang::En, Duration::from_secs(secs));
        let after = |s: &str| format!("the session ended after {s} without a key press.");
        assert!(en(10).starts_with(&after("10 seconds")), "{}", en(10));
        assert!(en(1).starts_with(&after("one second")), "{}", en(1));
        assert!(en(90).starts_with(&after("90 seconds")), "{}", en(90));
        assert!(en(60).starts_with(&after("one minute")), "{}", en(60));
        assert!(en(1800).starts_with(&after("30 minutes")), "{}", en(1800));
        let part = idle_message(&loc, Lang::En, Duration::from_millis(300));
        assert!(part.starts_with(&after("one second")), "{part}");
        let ja = |secs: u64| idle_message(&loc, Lang::Ja, Duration::from_secs(secs));
        assert!(ja(10).starts_with("10 秒間"), "{}", ja(10));
        assert!(ja(1800).starts_with("30 分間"), "{}", ja(1800));
    }

    #[test]
    fn a_smaller_size_gives_the_buffers_memory_back_within_two_frames() {
        use ratatui::backend::TestBackend;
        use ratatui::layout::Rect;
        use ratatui::widgets::Paragraph;
        let mut terminal = Terminal::new(TestBackend::new(500, 200)).unwrap();
        let frame = |t: &mut Terminal<TestBackend>| {
            t.draw(|f| f.render_widget(Paragraph::new("x"), f.area()))
                .unwrap();
            release_spare_cells(t);
        };
        frame(&mut terminal);
        terminal.backend_mut().resize(80, 24);
        terminal.resize(Rect::new(0, 0, 80, 24)).unwrap();
        frame(&mut terminal);
        frame(&mut terminal);
        for _ in 0..2 {
            let capacity = terminal.current_buffer_mut().content.capacity();
            assert!(capacity < 2 * 80 * 24 + limits::MIN_CELLS, "{capacity}");
            frame(&mut terminal);
        }
    }

    #[test]
    fn the_cpu_budget_lets_a_burst_through_then_a_share_of_a_core() {
        let t0 = Instant::now();
        let mut budget = CpuBudget::new(t0, Duration::from_millis(250), 0.1);
        assert!(budget.available(t0));
        assert_eq!(budget.ready_at(t0), t0);
        budget.charge(t0, Duration::from_millis(350));
        assert!(!budget.available(t0), "the burst is spent");
        let back = budget.ready_at(t0);
        assert_eq!(
            back - t0,
            Duration::from_secs(1),
            "0.1 s owed at 10% a second"
        );
        assert!(!budget.available(back - Duration::from_millis(10)));
        assert!(budget.available(back + Duration::from_millis(10)));
        let later = t0 + Duration::from_secs(3600);
        budget.refill(later);
        assert!(
            (budget.tokens - 0.25).abs() < 1e-9,
            "never more than the burst"
        );
    }

    #[test]
    fn only_known_variables_are_kept_and_values_are_capped() {
        let mut setup = Setup::default();
        setup.set_env("LD_PRELOAD", "x");
        setup.set_env("LANG", &"j".repeat(10_000));
        setup.set_env("LANG", "ja_JP.UTF-8");
        for i in 0..1000 {
            setup.set_env(&format!("V{i}"), "x");
        }
        assert_eq!(
            setup.env,
            vec![("LANG".to_string(), "ja_JP.UTF-8".to_string())]
        );
    }
}
