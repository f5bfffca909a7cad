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
use ratatui::crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEvent, KeyModifiers,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::Size;
use russh::ChannelMsg;
use russh::server::Msg;
use russh::{Channel, ChannelWriteHalf};
use tokio::sync::watch;

use super::backend::{FrameSink, SessionBackend};
use super::limits::{self, KEPT_ENV, MAX_ENV_VALUE};
use super::log::{self, client_str};
use super::{ConnState, Shared};
use crate::app::{App, Message};
use crate::i18n::{self, Lang};
use crate::keys;
use crate::lesson::LessonId;
use crate::ui::{Look, Marker};

/// Exit statuses the client's `ssh` returns.
const EXIT_OK: u32 = 0;
const EXIT_REFUSED: u32 = 1;
const EXIT_USAGE: u32 = 2;
/// An internal error (sysexits' EX_SOFTWARE).
const EXIT_PANIC: u32 = 70;

/// How long a partial escape sequence waits for the rest of it.
const ESC_TIMEOUT: Duration = Duration::from_millis(30);
/// How long the goodbye (the frame in flight, restoring the terminal, the last
/// sentence) may take before the channel is closed anyway.
const GOODBYE_TIMEOUT: Duration = Duration::from_secs(2);

/// Who is at the other end.
pub(crate) struct Peer {
    pub id: u64,
    pub addr: SocketAddr,
    pub user: String,
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
    state.started.store(true, Ordering::Release);
    let lang = session_lang(&peer.user, |k| setup.env(k), shared.default_lang);
    let line_end = if setup.pty.is_some() { "\r\n" } else { "\n" };
    let refuse = |id: &str, args: &[(&str, fluent_bundle::FluentValue)], reason: &str| {
        log::line(&format!(
            "refused id={} user={} addr={} term={} reason={reason}",
            peer.id,
            client_str(&peer.user),
            peer.addr,
            client_str(setup.term()),
        ));
        format!("kasseika: {}{line_end}", shared.loc.format(lang, id, args))
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
        Start::Shell if matches!(setup.term(), "" | "dumb") => (
            refuse(
                "serve-dumb-terminal",
                &[("term", client_str(setup.term()).into())],
                "dumb_terminal",
            ),
            EXIT_USAGE,
        ),
        Start::Shell if *shared.shutdown.borrow() => (
            refuse("serve-shutdown", &[], "server_shutdown"),
            EXIT_REFUSED,
        ),
        Start::Shell => match shared.sessions.clone().try_acquire_owned() {
            Err(_) => (
                refuse("serve-full", &[("max", shared.max_sessions.into())], "full"),
                EXIT_REFUSED,
            ),
            Ok(_permit) => {
                let look = session_look(|k| setup.env(k));
                lessons(rx, &tx, &shared, &peer, &setup, lang, look).await;
                return;
            }
        },
    };
    drop(rx);
    let goodbye = async {
        tx.extended_data_bytes(1, text.into_bytes()).await?;
        finish(&tx, status).await
    };
    let _ = tokio::time::timeout(GOODBYE_TIMEOUT, goodbye).await;
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

/// The look from the client's environment, as the local app takes it from its own.
fn session_look(env: impl Fn(&str) -> Option<String>) -> Look {
    let ascii = !crate::locale_is_utf8(&env);
    Look {
        marker: if ascii {
            Marker::Ascii
        } else {
            Marker::Braille
        },
        ascii,
        color: env("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

type Write<'a> = Pin<Box<dyn Future<Output = Result<(), russh::Error>> + Send + 'a>>;

/// The lessons, until the learner quits or something else ends the session.
async fn lessons(
    mut rx: russh::ChannelReadHalf,
    tx: &ChannelWriteHalf<Msg>,
    shared: &Shared,
    peer: &Peer,
    setup: &Setup,
    lang: Lang,
    look: Look,
) {
    let started = Instant::now();
    let Some((term, (mut cols, mut rows))) = setup.pty.clone() else {
        return;
    };
    log::line(&format!(
        "connect id={} user={} addr={} term={} size={cols}x{rows} lang={}",
        peer.id,
        client_str(&peer.user),
        peer.addr,
        client_str(&term),
        lang.code(),
    ));
    let panic_at_first_key = cfg!(debug_assertions) && setup.env(DEBUG_PANIC_ENV).is_some();
    let mut shutdown = shared.shutdown.clone();
    let sink = FrameSink::default();
    let mut screen = Screen {
        app: App::new(shared.loc.clone(), lang, LessonId::Intro, look),
        terminal: match Terminal::new(SessionBackend::new(
            sink.clone(),
            look.color,
            Size::new(cols, rows),
        )) {
            Ok(t) => t,
            Err(_) => return,
        },
        input: InputAdapter::default(),
    };
    let mut end = None;
    let mut in_flight: Option<Write<'_>> = None;
    match guarded(|| {
        screen.app.update(Message::Resize(cols, rows));
        screen.draw()
    }) {
        Some(Ok(())) => {
            let mut frame = enter_sequence();
            frame.extend(sink.take());
            in_flight = Some(Box::pin(tx.data_bytes(frame)));
        }
        Some(Err(_)) => end = Some(End::Gone),
        None => end = Some(End::Panic),
    }
    let mut dirty = false;
    let idle_timeout = shared.idle_timeout;
    let idle = tokio::time::sleep(idle_timeout.unwrap_or(Duration::MAX / 4));
    tokio::pin!(idle);
    let mut esc_deadline: Option<tokio::time::Instant> = None;
    while end.is_none() {
        tokio::select! {
            biased;
            () = stopped(&mut shutdown) => end = Some(End::Shutdown),
            result = async { in_flight.as_mut().expect("guarded by the condition").await }, if in_flight.is_some() => {
                in_flight = None;
                if result.is_err() {
                    end = Some(End::Gone);
                }
            }
            msg = rx.wait() => match msg {
                Some(ChannelMsg::Data { data }) => {
                    if let Some(d) = idle_timeout {
                        idle.as_mut().reset(tokio::time::Instant::now() + d);
                    }
                    let step = guarded(|| {
                        if panic_at_first_key {
                            panic!("panic requested by {DEBUG_PANIC_ENV}");
                        }
                        screen.feed(&data)
                    });
                    match step {
                        None => end = Some(End::Panic),
                        Some(Step { quit: true, .. }) => end = Some(End::Quit),
                        Some(Step { changed, .. }) => dirty |= changed,
                    }
                    esc_deadline = screen.input.pending().then(|| tokio::time::Instant::now() + ESC_TIMEOUT);
                }
                Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                    (cols, rows) = limits::terminal_size(col_width, row_height);
                    match guarded(|| screen.resize(cols, rows)) {
                        None => end = Some(End::Panic),
                        Some(changed) => dirty |= changed,
                    }
                }
                Some(ChannelMsg::Eof) => end = Some(End::InputClosed),
                Some(ChannelMsg::Close) | None => end = Some(End::Gone),
                Some(_) => {}
            },
            () = &mut idle, if idle_timeout.is_some() => end = Some(End::Idle),
            () = tokio::time::sleep_until(esc_deadline.unwrap_or_else(tokio::time::Instant::now)), if esc_deadline.is_some() => {
                esc_deadline = None;
                match guarded(|| screen.flush_input()) {
                    None => end = Some(End::Panic),
                    Some(Step { quit: true, .. }) => end = Some(End::Quit),
                    Some(Step { changed, .. }) => dirty |= changed,
                }
            }
        }
        if end.is_none() && dirty && in_flight.is_none() {
            dirty = false;
            match guarded(|| screen.draw()) {
                Some(Ok(())) => {
                    let frame = sink.take();
                    if !frame.is_empty() {
                        in_flight = Some(Box::pin(tx.data_bytes(frame)));
                    }
                }
                Some(Err(_)) => end = Some(End::Gone),
                None => end = Some(End::Panic),
            }
        }
    }
    let end = end.unwrap_or(End::Gone);
    drop(rx);
    if end != End::Gone {
        let goodbye = async {
            // The frame in flight first: cutting it short could leave half an
            // escape sequence before the restoring one.
            if let Some(write) = in_flight.take() {
                write.await?;
            }
            let mut bytes = restore_sequence();
            let message = match end {
                End::Idle => Some(shared.loc.format(
                    lang,
                    "serve-idle",
                    &[(
                        "minutes",
                        (idle_timeout.unwrap_or_default().as_secs().div_ceil(60)).into(),
                    )],
                )),
                End::Shutdown => Some(shared.loc.text(lang, "serve-shutdown")),
                End::Panic => Some(shared.loc.text(lang, "serve-panic")),
                _ => None,
            };
            tx.data_bytes(std::mem::take(&mut bytes)).await?;
            if let Some(message) = message {
                tx.extended_data_bytes(1, format!("kasseika: {message}\r\n").into_bytes())
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
    log::line(&format!(
        "disconnect id={} user={} addr={} term={} size={cols}x{rows} duration={} reason={}",
        peer.id,
        client_str(&peer.user),
        peer.addr,
        client_str(&term),
        log::secs(started.elapsed()),
        end.reason(),
    ));
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

/// What one event did.
#[derive(Debug, Clone, Copy, Default)]
struct Step {
    changed: bool,
    quit: bool,
}

impl Step {
    fn and(self, other: Step) -> Step {
        Step {
            changed: self.changed || other.changed,
            quit: self.quit || other.quit,
        }
    }
}

/// The app and its terminal.
struct Screen {
    app: App,
    terminal: Terminal<SessionBackend>,
    input: InputAdapter,
}

impl Screen {
    fn feed(&mut self, bytes: &[u8]) -> Step {
        let events = self.input.feed(bytes);
        self.apply_all(events)
    }

    fn flush_input(&mut self) -> Step {
        let events = self.input.flush();
        self.apply_all(events)
    }

    fn apply_all(&mut self, events: Vec<Event>) -> Step {
        let mut step = Step::default();
        for event in events {
            step = step.and(apply(&mut self.app, event));
            if step.quit {
                break;
            }
        }
        step
    }

    fn resize(&mut self, cols: u16, rows: u16) -> bool {
        self.terminal.backend_mut().set_size(Size::new(cols, rows));
        apply(&mut self.app, Event::Resize(cols, rows)).changed
    }

    fn draw(&mut self) -> std::io::Result<()> {
        self.terminal.autoresize()?;
        let app = &self.app;
        self.terminal
            .draw(|frame| crate::ui::draw(app, frame))
            .map(|_| ())
    }
}

/// TEMPORARY: the event -> message -> update step, as the local loop does it
/// (`terminal::event_loop`), until both loops share one.
fn apply(app: &mut App, event: Event) -> Step {
    let message = match event {
        Event::Key(key) => keys::message_for(key, keys::Mode::of(app)),
        Event::Paste(text) => Some(Message::Paste(text)),
        Event::Resize(w, h) => Some(Message::Resize(w, h)),
        _ => None,
    };
    let Some(message) = message else {
        return Step::default();
    };
    // Ctrl-Z has no meaning over SSH: there is no job control to hand back to.
    if message == Message::Suspend {
        return Step::default();
    }
    let resized = matches!(message, Message::Resize(..));
    let changed = app.update(message) || resized;
    Step {
        changed,
        quit: !app.running,
    }
}

/// TEMPORARY: the smallest bytes -> key events adapter the session needs until
/// the shared input parser (one path for the local terminal and SSH) exists:
/// UTF-8 text, Enter, Tab, Backspace, Esc, Ctrl- and Alt-letters, arrows, Home,
/// End, PageUp/PageDown, Delete and bracketed paste. Anything else is dropped.
#[derive(Debug, Default)]
struct InputAdapter {
    pending: Vec<u8>,
    paste: Option<Vec<u8>>,
}

/// The longest unfinished sequence kept: past it, the bytes are dropped.
const MAX_PENDING: usize = 64;
/// The longest paste kept (the input box takes far less).
const MAX_PASTE: usize = 64 * 1024;

impl InputAdapter {
    fn pending(&self) -> bool {
        !self.pending.is_empty() || self.paste.is_some()
    }

    fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut events = Vec::new();
        let mut i = 0;
        while i < self.pending.len() {
            match self.parse_one(i) {
                Parsed::Event(event, used) => {
                    events.extend(event);
                    i += used;
                }
                Parsed::Incomplete => break,
            }
        }
        self.pending.drain(..i);
        if self.pending.len() > MAX_PENDING && self.paste.is_none() {
            self.pending.clear();
        }
        events
    }

    /// The bytes left after the timeout: a lone Esc is the Esc key; the rest of
    /// an unfinished sequence is dropped.
    fn flush(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        if let Some(text) = self.paste.take() {
            events.push(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
        }
        if self.pending.first() == Some(&0x1b) {
            events.push(key(KeyCode::Esc, KeyModifiers::NONE));
        }
        self.pending.clear();
        events
    }

    fn parse_one(&mut self, i: usize) -> Parsed {
        let rest = &self.pending[i..];
        if let Some(paste) = &mut self.paste {
            const END: &[u8] = b"\x1b[201~";
            return match rest.windows(END.len()).position(|w| w == END) {
                Some(at) => {
                    if paste.len() < MAX_PASTE {
                        paste.extend_from_slice(&rest[..at]);
                    }
                    let text = self.paste.take().unwrap_or_default();
                    Parsed::Event(
                        Some(Event::Paste(String::from_utf8_lossy(&text).into_owned())),
                        at + END.len(),
                    )
                }
                None => {
                    // Keep a possible start of the end marker for the next read.
                    let keep = rest.len().min(END.len() - 1);
                    let take = rest.len() - keep;
                    if paste.len() < MAX_PASTE {
                        paste.extend_from_slice(&rest[..take]);
                    }
                    if take == 0 {
                        Parsed::Incomplete
                    } else {
                        Parsed::Event(None, take)
                    }
                }
            };
        }
        let none = KeyModifiers::NONE;
        match rest {
            [] => Parsed::Incomplete,
            [0x1b] => Parsed::Incomplete,
            [0x1b, b'[' | b'O', tail @ ..] => {
                // CSI / SS3: parameters, then one final byte in 0x40..=0x7e.
                let Some(end) = tail.iter().position(|b| (0x40..=0x7e).contains(b)) else {
                    return Parsed::Incomplete;
                };
                let params = &tail[..end];
                let code = match (tail[end], params) {
                    (b'A', _) => Some(KeyCode::Up),
                    (b'B', _) => Some(KeyCode::Down),
                    (b'C', _) => Some(KeyCode::Right),
                    (b'D', _) => Some(KeyCode::Left),
                    (b'H', _) => Some(KeyCode::Home),
                    (b'F', _) => Some(KeyCode::End),
                    (b'~', b"1" | b"7") => Some(KeyCode::Home),
                    (b'~', b"4" | b"8") => Some(KeyCode::End),
                    (b'~', b"3") => Some(KeyCode::Delete),
                    (b'~', b"5") => Some(KeyCode::PageUp),
                    (b'~', b"6") => Some(KeyCode::PageDown),
                    (b'~', b"200") => {
                        self.paste = Some(Vec::new());
                        None
                    }
                    _ => None,
                };
                Parsed::Event(code.map(|c| key(c, none)), 2 + end + 1)
            }
            [0x1b, next, ..] => match self.parse_char(&rest[1..]) {
                Parsed::Event(Some(Event::Key(k)), used) if *next != 0x1b => {
                    Parsed::Event(Some(key(k.code, k.modifiers | KeyModifiers::ALT)), 1 + used)
                }
                Parsed::Incomplete => Parsed::Incomplete,
                _ => Parsed::Event(Some(key(KeyCode::Esc, none)), 1),
            },
            _ => self.parse_char(rest),
        }
    }

    fn parse_char(&self, rest: &[u8]) -> Parsed {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        match rest[0] {
            b'\r' | b'\n' => Parsed::Event(Some(key(KeyCode::Enter, none)), 1),
            b'\t' => Parsed::Event(Some(key(KeyCode::Tab, none)), 1),
            0x7f | 0x08 => Parsed::Event(Some(key(KeyCode::Backspace, none)), 1),
            b @ 0x01..=0x1a => {
                Parsed::Event(Some(key(KeyCode::Char(char::from(b - 1 + b'a')), ctrl)), 1)
            }
            b if b < 0x20 => Parsed::Event(None, 1),
            b => {
                let len = match b {
                    0x00..=0x7f => 1,
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf7 => 4,
                    _ => return Parsed::Event(None, 1),
                };
                if rest.len() < len {
                    return Parsed::Incomplete;
                }
                match std::str::from_utf8(&rest[..len])
                    .ok()
                    .and_then(|s| s.chars().next())
                {
                    Some(c) => Parsed::Event(Some(key(KeyCode::Char(c), none)), len),
                    None => Parsed::Event(None, 1),
                }
            }
        }
    }
}

enum Parsed {
    /// An event (or nothing, for bytes that mean nothing here) and the bytes used.
    Event(Option<Event>, usize),
    Incomplete,
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            session_look(env(&[("LANG", "en_US.UTF-8")])),
            Look::default()
        );
        let c = session_look(env(&[("LANG", "C")]));
        assert!(c.ascii && c.marker == Marker::Ascii);
        assert!(!session_look(env(&[("NO_COLOR", "1")])).color);
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

    fn keys_of(events: &[Event]) -> Vec<(KeyCode, KeyModifiers)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_adapter_reads_keys_split_anywhere() {
        let input = "aé\x1b[A\x1b[6~\r\x03\x1bx日".as_bytes();
        let whole = InputAdapter::default().feed(input);
        for split in 0..input.len() {
            let mut adapter = InputAdapter::default();
            let mut events = adapter.feed(&input[..split]);
            events.extend(adapter.feed(&input[split..]));
            assert_eq!(keys_of(&events), keys_of(&whole), "split at {split}");
        }
        let none = KeyModifiers::NONE;
        assert_eq!(
            keys_of(&whole),
            vec![
                (KeyCode::Char('a'), none),
                (KeyCode::Char('é'), none),
                (KeyCode::Up, none),
                (KeyCode::PageDown, none),
                (KeyCode::Enter, none),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
                (KeyCode::Char('x'), KeyModifiers::ALT),
                (KeyCode::Char('日'), none),
            ]
        );
    }

    #[test]
    fn a_lone_escape_waits_for_the_timeout_and_pastes_arrive_whole() {
        let mut adapter = InputAdapter::default();
        assert!(adapter.feed(b"\x1b").is_empty());
        assert!(adapter.pending());
        assert_eq!(
            keys_of(&adapter.flush()),
            vec![(KeyCode::Esc, KeyModifiers::NONE)]
        );
        let events = adapter.feed(b"\x1b[200~1, 2\r\n3\x1b[20");
        assert!(events.is_empty());
        let events = adapter.feed(b"1~q");
        assert_eq!(events[0], Event::Paste("1, 2\r\n3".into()));
        assert_eq!(
            keys_of(&events[1..]),
            vec![(KeyCode::Char('q'), KeyModifiers::NONE)]
        );
    }

    #[test]
    fn the_adapter_never_panics_and_never_holds_much() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut adapter = InputAdapter::default();
        for _ in 0..2000 {
            let mut chunk = Vec::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                chunk.push(match seed % 5 {
                    0 => 0x1b,
                    1 => b'[',
                    _ => (seed >> 8) as u8,
                });
            }
            adapter.feed(&chunk);
            assert!(adapter.pending.len() <= MAX_PENDING + 8 || adapter.paste.is_some());
            if seed.is_multiple_of(7) {
                adapter.flush();
                assert!(!adapter.pending());
            }
        }
    }
}
