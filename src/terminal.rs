//! The local front end: owns this process's terminal. It reads the bytes of standard
//! input itself (a thread blocked in `read`, so nothing is ever left unread in the
//! tty), writes the frames from a thread of its own (one frame in flight, like the SSH
//! server's), learns of resizes, signals and job control through signal-hook, and
//! drives the shared [`Session`] step. The only module that knows the bytes come from
//! and go to a local terminal.
//!
//! The loop itself never blocks on the terminal. A terminal that stops reading (a
//! stalled SSH link, a frozen tmux pane) holds up the writer thread only: keys,
//! Ctrl-C and signals still count, the changes add up in the app, and the next frame,
//! when the terminal reads again, is one diff. Leaving gives the terminal back as far
//! as it takes it within [`GOODBYE`]: raw mode off at once (that never waits), then the
//! alternate screen left.
//!
//! Job control: Ctrl-Z (or SIGTSTP) gives the terminal back and stops; `fg` takes it
//! again and redraws, at the window's size then (a stopped process hears of no
//! resize). Continued in the background (`bg`, or `kill %1`, which sends SIGTERM and
//! SIGCONT), kasseika does not touch the terminal at all: a pending SIGTERM ends it
//! there, otherwise it stops again until `fg`, as a program that reads its terminal
//! does. Where no shell with job control started it ([`has_job_control`]), nobody
//! could bring it back: Ctrl-Z and SIGTSTP do nothing, and the help does not offer
//! them.
//!
//! Idle is a thread blocked in `read`, one blocked on the signal pipe, one waiting for
//! a frame, and the loop blocked on their channel: no timer, no CPU, nothing written.
//! The one timeout is the parser's, while an escape sequence is unfinished.
//!
//! The learner's progress is loaded and saved by a thread of its own too (a slow disk
//! or another process's lock never holds up a frame or a key): loaded first — the
//! first frame waits at most [`LOAD_WAIT`] for it, and progress that comes later is
//! taken in when it comes ([`Resume`]) — then saved after an answer, an evaluation,
//! a change of lesson, and once more at the end, however it ended. The last save is
//! waited for at most [`LAST_SAVE_WAIT`]: kasseika then says plainly on standard error
//! what was not saved, and why as far as it knows, and ends.

use std::collections::VecDeque;
use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::Size;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGWINCH};
use signal_hook::iterator::Signals;

use crate::app::{App, Message, Notice};
use crate::charset::Charset;
use crate::i18n::Lang;
use crate::output::{FrameBackend, Rendition, Stdio};
use crate::progress::Progress;
use crate::progress::store::{Keeper, Loaded, StoreError};
use crate::session::{self, Session, Step};

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The learner quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT) ended the session, or the terminal
    /// went away (taken as SIGHUP); the number is the signal.
    Signal(i32),
}

/// Whether both ends of the session are terminals.
pub fn is_interactive() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Whether raw mode and the alternate screen are ours to undo: only then does
/// [`restore`] touch the terminal (a stopped or background kasseika must not).
static HELD: AtomicBool = AtomicBool::new(false);

/// How long leaving may wait for a terminal that does not read.
pub const GOODBYE: Duration = Duration::from_millis(500);

/// The bytes that put the terminal in the app's state: the alternate screen and
/// bracketed paste.
pub fn enter_sequence() -> Vec<u8> {
    let mut out = Vec::new();
    let _ = queue!(out, EnterAlternateScreen, EnableBracketedPaste);
    out
}

/// The bytes that give the terminal back: attributes reset, bracketed paste off, the
/// alternate screen left, the cursor shown.
pub fn leave_sequence() -> Vec<u8> {
    let mut out = b"\x1b[0m".to_vec();
    let _ = queue!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    out
}

/// Gives the terminal back if kasseika holds it (raw mode off, then the alternate
/// screen left and the cursor shown, waiting at most [`GOODBYE`] for a terminal that
/// does not read). Safe to call more than once, from a panic, and when the terminal
/// is gone (errors are ignored: there is nobody left to tell).
pub fn restore() {
    if !HELD.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    // After the frame being written, not in the middle of it.
    let until = Instant::now() + GOODBYE;
    while WRITING.load(Ordering::SeqCst) > 0 && Instant::now() < until {
        thread::sleep(Duration::from_millis(5));
    }
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = write_stdout(&leave_sequence());
        let _ = done_tx.send(());
    });
    let _ = done_rx.recv_timeout(until.saturating_duration_since(Instant::now()));
}

/// Frames handed to the writer thread and not written yet.
static WRITING: AtomicUsize = AtomicUsize::new(0);

/// Raw mode; the caller writes [`enter_sequence`]. Raw mode is set afresh even if
/// crossterm believes it is on: a shell may have put its own mode back while
/// kasseika was stopped.
fn take_terminal() -> io::Result<()> {
    let _ = disable_raw_mode();
    enable_raw_mode()?;
    HELD.store(true, Ordering::SeqCst);
    Ok(())
}

/// Writes all of `bytes` to standard output (file descriptor 1, not Rust's `Stdout`,
/// whose lock a panic hook or the exit would otherwise wait for). Interrupted writes
/// go on; a descriptor someone left non-blocking is waited on with `poll`.
fn write_stdout(mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        // SAFETY: writes from a valid slice to a file descriptor; no memory is shared.
        let n = unsafe { libc::write(libc::STDOUT_FILENO, bytes.as_ptr().cast(), bytes.len()) };
        if n >= 0 {
            let n = usize::try_from(n).unwrap_or(0);
            if n == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            bytes = &bytes[n..];
            continue;
        }
        let e = io::Error::last_os_error();
        match e.kind() {
            io::ErrorKind::Interrupted => {}
            io::ErrorKind::WouldBlock => wait_for(libc::STDOUT_FILENO, libc::POLLOUT),
            _ => return Err(e),
        }
    }
    Ok(())
}

/// Waits until `fd` is ready for `events` (or something is wrong with it: the read
/// or write that follows says what).
fn wait_for(fd: libc::c_int, events: libc::c_short) {
    let mut pfd = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe {
        libc::poll(&mut pfd, 1, -1);
    }
}

/// The file status flags of standard input and output as kasseika found them. A
/// program that crashed can leave a terminal non-blocking (`O_NONBLOCK`), and then
/// every read says "try again" at once: the flag is cleared while kasseika runs and
/// put back as it was when it ends.
struct FoundFlags(Vec<(libc::c_int, libc::c_int)>);

impl FoundFlags {
    fn clear_nonblocking() -> FoundFlags {
        let mut found = Vec::new();
        for fd in [libc::STDIN_FILENO, libc::STDOUT_FILENO] {
            // SAFETY: fcntl on the standard descriptors, which outlive the process's use.
            let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
            if flags >= 0 && flags & libc::O_NONBLOCK != 0 {
                // SAFETY: as above.
                if unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } == 0 {
                    found.push((fd, flags));
                }
            }
        }
        FoundFlags(found)
    }
}

impl Drop for FoundFlags {
    fn drop(&mut self) {
        for &(fd, flags) in &self.0 {
            // SAFETY: as above.
            unsafe {
                libc::fcntl(fd, libc::F_SETFL, flags);
            }
        }
    }
}

/// Whether this process's group is the terminal's foreground group (or the terminal
/// does not say: then it is taken as ours, as it was at the start).
fn in_foreground() -> bool {
    // SAFETY: plain queries.
    let (foreground, ours) = unsafe { (libc::tcgetpgrp(libc::STDIN_FILENO), libc::getpgrp()) };
    foreground <= 0 || foreground == ours
}

/// Whether a shell with job control started kasseika, so that Ctrl-Z can stop it and
/// `fg` bring it back: such a shell puts each job in a process group of its own,
/// apart from the session's leader. Leading its own session (`setsid kasseika`,
/// `ssh -t host kasseika`, a tmux window that runs it directly) or in the group of
/// its session's leader (a shell without job control), kasseika has nobody to resume
/// it, and the kernel would not even stop it (its process group is orphaned).
pub fn has_job_control() -> bool {
    // SAFETY: plain queries of this process.
    let (group, session) = unsafe { (libc::getpgrp(), libc::getsid(0)) };
    session < 0 || group != session
}

/// The terminal's size, asked of standard output (then input), if it says.
fn window_size() -> Option<(u16, u16)> {
    for fd in [libc::STDOUT_FILENO, libc::STDIN_FILENO] {
        // SAFETY: TIOCGWINSZ fills a `winsize`, a plain struct for which zero is valid.
        let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
        if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0 {
            return Some((ws.ws_col, ws.ws_row));
        }
    }
    None
}

/// Stops this process with `sig` (SIGTSTP as Ctrl-Z in a shell would, SIGTTIN as a
/// background read would), its default action, and returns when it is continued.
/// signal-hook's handler is set aside meanwhile. In an orphaned process group the
/// kernel discards the signal: nobody could resume us, so we go on.
fn stop_self(sig: libc::c_int) {
    // SAFETY: plain libc calls with valid pointers to zero-initialised `sigaction`
    // values (a valid bit pattern); the previous action is put back as it was.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(sig, &default, &mut previous) != 0 {
            let _ = signal_hook::low_level::emulate_default_handler(sig);
            return;
        }
        libc::raise(sig);
        libc::sigaction(sig, &previous, std::ptr::null_mut());
    }
}

/// What the loop waits for.
enum Input {
    Bytes(Vec<u8>, Instant),
    /// Standard input ended or failed: the terminal is gone.
    End,
    /// A read found kasseika in the background; the reader waits to be told to go on.
    Background,
    /// The writer thread wrote a frame (or could not: the terminal is gone).
    Written(bool),
    Signal(i32),
    /// What the store made of the progress handed to the saver thread.
    Saved(Result<Loaded, StoreError>),
    /// The saved progress, loaded (first thing the store thread does).
    Loaded(Result<Loaded, StoreError>),
}

/// How long the first frame waits for the saved progress. Reading a small file takes
/// a millisecond or two; waiting this long spares the learner a first frame of the
/// wrong lesson, and no more: past it, the screen comes first and the progress when
/// it comes (a slow disk, a file to set aside while another program keeps it
/// locked).
pub const LOAD_WAIT: Duration = Duration::from_millis(50);

/// How long the last save, on leaving, is waited for. A save takes milliseconds;
/// one that takes longer waits for a lock another program holds, or for a disk that
/// does not answer, and the learner is told what was not saved rather than kept
/// waiting.
pub const LAST_SAVE_WAIT: Duration = Duration::from_millis(500);

/// How the saved progress is taken in: where it comes in time for the first frame,
/// the learner starts where they left off, as the command line asked; where it comes
/// later, it takes them there too if they have not typed anything yet, and otherwise
/// it is merged into what they are doing, which stays on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume {
    /// `--lesson` asked for a lesson: it opens, not the one the learner was in.
    pub keep_lesson: bool,
    /// `--lang` asked for a language: it wins over the one the learner chose last.
    pub lang_asked: bool,
    /// The terminal can show Japanese (else English stays, whatever was chosen).
    pub japanese: bool,
}

impl Resume {
    /// Starts `app` from `loaded`: the language the learner chose last (unless
    /// `--lang` asked for one), their lessons, places and exercises.
    pub fn apply(&self, app: &mut App, loaded: Loaded) {
        if !self.lang_asked
            && let Some(saved) = loaded.progress.language().and_then(Lang::from_code)
            && (saved == Lang::En || self.japanese)
            && saved != app.lang
        {
            app.update(Message::ToggleLang);
        }
        app.resume(loaded, self.keep_lesson);
    }

    /// Takes in progress that came after the first frame (see the type's docs);
    /// what was done meanwhile is kept either way.
    fn apply_late(&self, app: &mut App, loaded: Loaded, touched: bool) {
        if touched {
            app.course.progress.merge(&loaded.progress);
            for notice in loaded.notices {
                app.tell(Notice::Store(notice));
            }
            return;
        }
        let meanwhile = app.course.progress.clone();
        self.apply(app, loaded);
        app.course.progress.merge(&meanwhile);
    }
}

/// Messages queued between the threads and the loop: enough to keep a burst
/// flowing. The loop takes every message as it comes (bytes past the session's
/// backlog cap are dropped there), so no thread waits on it for long.
const QUEUE: usize = 16;

/// The writer thread and the frame it is writing.
struct Output {
    frames: SyncSender<Vec<u8>>,
    /// Frames handed over and not written yet.
    in_flight: usize,
}

impl Output {
    fn spawn(events: SyncSender<Input>) -> Output {
        // One frame waits at most while another is written: the loop sends only when
        // nothing is in flight, except for the goodbye.
        let (frames, rx) = mpsc::sync_channel::<Vec<u8>>(1);
        thread::spawn(move || {
            for frame in rx {
                let ok = write_stdout(&frame).is_ok();
                WRITING.fetch_sub(1, Ordering::SeqCst);
                if events.send(Input::Written(ok)).is_err() {
                    break;
                }
            }
        });
        Output {
            frames,
            in_flight: 0,
        }
    }

    fn send(&mut self, frame: Vec<u8>) -> io::Result<()> {
        if frame.is_empty() {
            return Ok(());
        }
        WRITING.fetch_add(1, Ordering::SeqCst);
        if self.frames.send(frame).is_err() {
            WRITING.fetch_sub(1, Ordering::SeqCst);
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        self.in_flight += 1;
        Ok(())
    }

    fn written(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }
}

type Local = Session<FrameBackend>;

/// Everything the loop owns besides the session.
struct Front {
    rx: Receiver<Input>,
    /// Messages taken while waiting for something else, for the loop to handle next.
    pending: VecDeque<Input>,
    out: Output,
    /// Tells the reader thread to read again after it found us in the background.
    read_again: SyncSender<()>,
    /// Set by the handler of a terminating signal itself, before any message about it.
    terminating: Arc<AtomicBool>,
    /// The store thread, and whether it is saving (one save at a time; what changes
    /// meanwhile goes with the next one).
    saver: mpsc::Sender<Progress>,
    saving: bool,
    /// The saved progress has not come yet (the store thread loads it first).
    loading: bool,
    /// Bytes came from the learner (a late load then leaves them where they are).
    touched: bool,
    /// How the saved progress is taken in.
    resume: Resume,
    /// Whether a save worked in this session, and the last failure (what the
    /// learner is told if the last save does not come in time).
    saved_once: bool,
    last_failure: Option<StoreError>,
    /// Whether Ctrl-Z and SIGTSTP stop kasseika ([`has_job_control`]).
    job_control: bool,
}

impl Front {
    fn try_next(&mut self) -> Option<Input> {
        self.pending.pop_front().or_else(|| self.rx.try_recv().ok())
    }

    /// The next message, waiting until `deadline` (`None`: for as long as it takes).
    /// `Err` when every thread that sends is gone.
    fn next_until(&mut self, deadline: Option<Instant>) -> Result<Option<Input>, ()> {
        if let Some(input) = self.pending.pop_front() {
            return Ok(Some(input));
        }
        let received = match deadline {
            Some(deadline) => self
                .rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now())),
            None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match received {
            Ok(input) => Ok(Some(input)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(()),
        }
    }
}

/// Runs the app in this terminal until the learner quits or a signal ends it: the
/// progress in `keeper` is loaded and taken in as `resume` says, then saved as the
/// learner goes and once more at the end; a last save that fails or does not come in
/// time is told on standard error, after the terminal is given back.
pub fn run(
    mut app: App,
    resume: Resume,
    charset: Charset,
    rendition: Rendition,
    keeper: &Keeper,
) -> io::Result<Ended> {
    // Signals are caught from the start (one arriving during start-up waits in
    // signal-hook's pipe); the threads that listen start after the first frame, so
    // the learner sees the lesson as soon as possible.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH])?;
    let terminating = Arc::new(AtomicBool::new(false));
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(sig, terminating.clone())?;
    }
    let _flags = FoundFlags::clear_nonblocking();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let (tx, rx) = mpsc::sync_channel::<Input>(QUEUE);
    // The store thread: the saved progress first, then every save, in turn.
    let (saver, saves) = mpsc::channel::<Progress>();
    let (store, store_tx) = (keeper.clone(), tx.clone());
    thread::spawn(move || {
        if store_tx.send(Input::Loaded(store.load())).is_err() {
            return;
        }
        for progress in saves {
            if store_tx.send(Input::Saved(store.save(&progress))).is_err() {
                break;
            }
        }
    });
    let mut loading = true;
    let mut early = Vec::new();
    let until = Instant::now() + LOAD_WAIT;
    while loading
        && let Ok(input) = rx.recv_timeout(until.saturating_duration_since(Instant::now()))
    {
        match input {
            Input::Loaded(Ok(loaded)) => {
                loading = false;
                resume.apply(&mut app, loaded);
            }
            Input::Loaded(Err(e)) => {
                loading = false;
                app.update(Message::Saved(Box::new(Err(e))));
            }
            other => early.push(other),
        }
    }
    let job_control = has_job_control();
    let app = app.with_suspend(job_control);
    let (cols, rows) = window_size().unwrap_or((80, 24));
    let (cols, rows) = session::capped_size(cols, rows);
    let terminal = Terminal::new(FrameBackend::new(rendition, charset, Size::new(cols, rows)))?;
    let mut session = Session::new(app, terminal).with_charset(charset);
    let mut out = Output::spawn(tx.clone());
    take_terminal()?;
    let first = session.start().and_then(|()| {
        let mut first = enter_sequence();
        first.extend(session.terminal.backend_mut().take_output());
        out.send(first)
    });
    if let Err(e) = first {
        restore();
        return Err(e);
    }
    // Lets the end-to-end tests check that a panic restores the terminal.
    #[cfg(debug_assertions)]
    if std::env::var_os("KASSEIKA_DEBUG_PANIC").is_some() {
        panic!("panic requested by KASSEIKA_DEBUG_PANIC");
    }
    let signal_tx = tx.clone();
    thread::spawn(move || {
        for sig in signals.forever() {
            if signal_tx.send(Input::Signal(sig)).is_err() {
                break;
            }
        }
    });
    let (read_again, read_again_rx) = mpsc::sync_channel::<()>(1);
    thread::spawn(move || read_stdin(&tx, &read_again_rx));
    let mut front = Front {
        rx,
        pending: early.into(),
        out,
        read_again,
        terminating,
        saver,
        saving: false,
        loading,
        touched: false,
        resume,
        saved_once: false,
        last_failure: None,
        job_control,
    };
    let result = event_loop(&mut session, &mut front);
    give_back(&mut front);
    // However it ended: where the learner was, and what they did since the last save.
    // A save still under way may yet fail: the last one then carries it all again
    // (saves merge, so nothing counts twice).
    let last = session.finish();
    let last = last.or_else(|| front.saving.then(|| session.app.course.progress.clone()));
    if let Some(progress) = last
        && let Err(unsaved) = save_last(&mut front, progress)
    {
        let tr = session.app.loc.tr(session.app.lang);
        let since = if front.saved_once { "save" } else { "start" };
        let text = match unsaved {
            Unsaved::Failed(StoreError::Busy { path }) | Unsaved::Late(Some(path)) => tr.f(
                "progress-not-saved-locked",
                &[
                    ("since", since.into()),
                    ("path", path.display().to_string().into()),
                ],
            ),
            Unsaved::Failed(e) => e.not_saved_message(tr, true),
            Unsaved::Late(None) => tr.f(
                "progress-not-saved-late",
                &[
                    ("since", since.into()),
                    ("seconds", LAST_SAVE_WAIT.as_secs_f64().into()),
                ],
            ),
        };
        let text = crate::output::visible(&text).into_owned();
        Stdio::new(charset).err_line(&format!("kasseika: {text}"));
    }
    result
}

/// Why the last save did not keep the progress.
enum Unsaved {
    /// The store said why.
    Failed(StoreError),
    /// It did not come within [`LAST_SAVE_WAIT`]; the lock another program held
    /// when a save last failed, if one did.
    Late(Option<std::path::PathBuf>),
}

/// Hands the last progress to the store thread and waits, at most
/// [`LAST_SAVE_WAIT`], for it to be saved (after whatever the thread is doing).
fn save_last(front: &mut Front, progress: Progress) -> Result<(), Unsaved> {
    if front.saver.send(progress).is_err() {
        return Err(Unsaved::Late(None));
    }
    // Answers to wait for: the load and a save still under way come first.
    let mut answers = 1 + usize::from(front.saving) + usize::from(front.loading);
    let mut last = None;
    let until = Instant::now() + LAST_SAVE_WAIT;
    while answers > 0 {
        let input = match front.pending.pop_front() {
            Some(input) => input,
            None => match front
                .rx
                .recv_timeout(until.saturating_duration_since(Instant::now()))
            {
                Ok(input) => input,
                Err(_) => break,
            },
        };
        match input {
            Input::Loaded(_) => answers -= 1,
            Input::Saved(result) => {
                answers -= 1;
                if let Err(e) = &result {
                    front.last_failure = Some(e.clone());
                }
                last = Some(result);
            }
            _ => {}
        }
    }
    match (answers, last) {
        (0, Some(Ok(_))) => Ok(()),
        (0, Some(Err(e))) => Err(Unsaved::Failed(e)),
        _ => Err(Unsaved::Late(match &front.last_failure {
            Some(StoreError::Busy { path }) => Some(path.clone()),
            _ => None,
        })),
    }
}

/// Sends what standard input brings, as it comes, until it ends. SIGTTIN is blocked
/// in this thread, so that a read in the background fails (`EIO`) instead of stopping
/// the whole process before the loop could act on a pending SIGTERM; the loop is told
/// and decides, and the reader waits until it says to read again.
fn read_stdin(tx: &SyncSender<Input>, resume: &Receiver<()>) {
    // SAFETY: a signal set made with sigemptyset/sigaddset, applied to this thread.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, SIGTTIN);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
    let mut buf = vec![0u8; 1 << 16];
    loop {
        // SAFETY: reads into a valid buffer of its own length.
        let n = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
        if n > 0 {
            let n = usize::try_from(n).unwrap_or(0);
            if tx
                .send(Input::Bytes(buf[..n].to_vec(), Instant::now()))
                .is_err()
            {
                return;
            }
            continue;
        }
        if n == 0 {
            break;
        }
        let e = io::Error::last_os_error();
        match e.kind() {
            io::ErrorKind::Interrupted => {}
            io::ErrorKind::WouldBlock => wait_for(libc::STDIN_FILENO, libc::POLLIN),
            _ if e.raw_os_error() == Some(libc::EIO) && !in_foreground() => {
                if tx.send(Input::Background).is_err() || resume.recv().is_err() {
                    return;
                }
            }
            _ => break,
        }
    }
    let _ = tx.send(Input::End);
}

/// Events handled between two looks at the input: a slice of a long burst.
const BUDGET: usize = 256;
/// While a long burst is worked through, a frame at least this often.
const PROGRESS: Duration = Duration::from_millis(100);

fn event_loop(session: &mut Local, front: &mut Front) -> io::Result<Ended> {
    let mut ended = false;
    let mut last_frame = Instant::now();
    loop {
        // Sleep until something comes (only an unfinished sequence sets a timer), or
        // just look when there is work to do.
        let first = if session.has_work() || ended {
            front.try_next()
        } else {
            match front.next_until(session.deadline()) {
                Ok(input) => input,
                Err(()) => return Ok(Ended::Signal(SIGHUP)),
            }
        };
        let mut suspend = false;
        let mut background = false;
        // A resize storm (a pane border dragged) is one resize: to the size at the end.
        let mut resized = false;
        let mut next = first;
        while let Some(input) = next.take() {
            match input {
                // Ctrl-C among the bytes quits whatever came before it.
                Input::Bytes(bytes, at) => {
                    front.touched = true;
                    if session.input(bytes, at) == Step::Quit {
                        return Ok(Ended::Quit);
                    }
                }
                Input::End => {
                    ended = true;
                    session.end_input();
                }
                Input::Background => background = true,
                Input::Written(true) => front.out.written(),
                Input::Written(false) => return Ok(Ended::Signal(SIGHUP)),
                Input::Signal(SIGWINCH) => resized = true,
                Input::Signal(SIGTSTP) => suspend = front.job_control,
                // Continued without having stopped ourselves (someone sent SIGSTOP,
                // then SIGCONT): the shell may have used the terminal meanwhile, so it
                // is taken again and drawn whole (or left alone in the background).
                Input::Signal(SIGCONT) => {
                    HELD.store(false, Ordering::SeqCst);
                    background = true;
                }
                Input::Signal(sig) => return Ok(Ended::Signal(sig)),
                Input::Saved(result) => {
                    front.saving = false;
                    match &result {
                        Ok(_) => front.saved_once = true,
                        Err(e) => front.last_failure = Some(e.clone()),
                    }
                    session.apply(Message::Saved(Box::new(result)));
                }
                Input::Loaded(result) => {
                    front.loading = false;
                    match result {
                        Ok(loaded) => {
                            let (resume, touched) = (front.resume, front.touched);
                            session.change(|app| resume.apply_late(app, loaded, touched));
                        }
                        Err(e) => session.apply(Message::Saved(Box::new(Err(e)))),
                    }
                }
            }
            next = front.try_next();
        }
        if resized
            && let Some((w, h)) = window_size()
            && session.resize(w, h) == Step::Quit
        {
            return Ok(Ended::Quit);
        }
        if session.timeout(Instant::now()) == Step::Quit {
            return Ok(Ended::Quit);
        }
        let step = session.work(BUDGET);
        // After an answer, an evaluation, a change of lesson.
        if !front.saving
            && let Some(progress) = session.app.take_unsaved()
        {
            front.saving = front.saver.send(progress).is_ok();
        }
        match step {
            Step::Quit => return Ok(Ended::Quit),
            Step::Suspend => suspend = front.job_control,
            Step::Continue => {}
        }
        let idle = !session.has_work();
        // One frame in flight at most: while the terminal does not read, the changes
        // add up in the app and go out as one diff when it does.
        if HELD.load(Ordering::SeqCst)
            && front.out.in_flight == 0
            && (idle || last_frame.elapsed() >= PROGRESS)
            && session.draw_if_changed()?
        {
            front
                .out
                .send(session.terminal.backend_mut().take_output())?;
            last_frame = Instant::now();
        }
        if ended && idle {
            return Ok(Ended::Signal(SIGHUP));
        }
        if suspend {
            give_back(front);
            stop_self(SIGTSTP);
            match continued(front) {
                Err(end) => return Ok(end),
                Ok(_) => background = true,
            }
        }
        if background {
            if let Some(end) = come_back(session, front)? {
                return Ok(end);
            }
            last_frame = Instant::now();
        }
    }
}

/// Gives the terminal back: raw mode off at once (that never waits), then, after the
/// frame in flight, the alternate screen left, waiting at most [`GOODBYE`] in all for
/// a terminal that does not read. Messages that come meanwhile wait for the loop.
fn give_back(front: &mut Front) {
    if !HELD.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    if front.out.send(leave_sequence()).is_err() {
        return;
    }
    let until = Instant::now() + GOODBYE;
    while front.out.in_flight > 0 {
        match front
            .rx
            .recv_timeout(until.saturating_duration_since(Instant::now()))
        {
            Ok(Input::Written(true)) => front.out.written(),
            Ok(Input::Written(false)) | Err(_) => break,
            Ok(other) => front.pending.push_back(other),
        }
    }
}

/// How long a continued process waits to hear of its SIGCONT (and of a terminating
/// signal sent with it) before it takes it that nobody stopped it.
const CONTINUE_WAIT: Duration = Duration::from_millis(200);
/// In the background, how long to listen for a terminating signal before stopping.
const SETTLE: Duration = Duration::from_millis(50);

/// After stopping ourselves: waits for the SIGCONT that continued us. `Ok(true)` once
/// it came, `Ok(false)` if none came (an orphaned process group is never stopped);
/// `Err` when a terminating signal came (`kill %1` sends SIGTERM, then SIGCONT).
fn continued(front: &mut Front) -> Result<bool, Ended> {
    let until = Instant::now() + CONTINUE_WAIT;
    let mut kept = VecDeque::new();
    let mut result = Ok(false);
    while Instant::now() < until {
        match front
            .rx
            .recv_timeout(until.saturating_duration_since(Instant::now()))
        {
            Ok(Input::Signal(SIGCONT)) => {
                result = Ok(true);
                break;
            }
            Ok(Input::Signal(sig)) if ![SIGWINCH, SIGTSTP].contains(&sig) => {
                return Err(Ended::Signal(sig));
            }
            Ok(other) => kept.push_back(other),
            Err(_) => break,
        }
    }
    front.pending.append(&mut kept);
    result
}

/// Takes a terminating signal that is on its way, if one is, within `wait`.
fn terminated(front: &mut Front, wait: Duration) -> Option<Ended> {
    let until = Instant::now() + wait;
    let mut kept = VecDeque::new();
    let mut end = None;
    loop {
        match front
            .rx
            .recv_timeout(until.saturating_duration_since(Instant::now()))
        {
            Ok(Input::Signal(sig)) if [SIGTERM, SIGHUP, SIGINT, SIGQUIT].contains(&sig) => {
                end = Some(Ended::Signal(sig));
                break;
            }
            Ok(other) => kept.push_back(other),
            Err(_) => break,
        }
    }
    front.pending.append(&mut kept);
    end.or_else(|| {
        front
            .terminating
            .load(Ordering::SeqCst)
            .then_some(Ended::Signal(SIGTERM))
    })
}

/// Back from a stop, or found in the background: in the foreground, takes the
/// terminal again and draws it all; in the background, touches nothing and waits to
/// be brought back (stopped as a background read would be), unless a terminating
/// signal ends it first. `Some` when the session ends here.
fn come_back(session: &mut Local, front: &mut Front) -> io::Result<Option<Ended>> {
    loop {
        if in_foreground() {
            if !HELD.load(Ordering::SeqCst) {
                take_terminal()?;
                // The window may have changed meanwhile, and a stopped process hears
                // nothing of it (SIGWINCH goes to the foreground group): ask.
                if let Some((w, h)) = window_size() {
                    session.resize(w, h);
                }
                session.redraw()?;
                let mut frame = enter_sequence();
                frame.extend(session.terminal.backend_mut().take_output());
                front.out.send(frame)?;
            }
            let _ = front.read_again.try_send(());
            return Ok(None);
        }
        give_back(front);
        if let Some(end) = terminated(front, SETTLE) {
            return Ok(Some(end));
        }
        stop_self(SIGTTIN);
        match continued(front) {
            Err(end) => return Ok(Some(end)),
            // Not stopped: an orphaned process group in the background, which nobody
            // can bring back. The terminal is as good as gone.
            Ok(false) if !in_foreground() => return Ok(Some(Ended::Signal(SIGHUP))),
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Localizer;
    use crate::lesson::LessonId;
    use crate::progress::Stamp;
    use crate::ui::Look;

    fn app() -> App {
        let loc = std::sync::Arc::new(Localizer::embedded().unwrap());
        App::new(loc, Lang::En, LessonId::Intro, Look::default())
    }

    /// Saved progress: the learner was in ReLU, in Japanese, and read the step
    /// function's lesson.
    fn saved() -> Loaded {
        let mut p = Progress::new();
        p.mark_read(LessonId::Step, Stamp::from_millis(1_000));
        p.set_place(LessonId::Relu, 0, "", Stamp::from_millis(2_000));
        p.set_language("ja", Stamp::from_millis(2_000));
        Loaded {
            progress: p,
            notices: vec![],
        }
    }

    const RESUME: Resume = Resume {
        keep_lesson: false,
        lang_asked: false,
        japanese: true,
    };

    fn read(app: &App, lesson: LessonId) -> bool {
        app.course
            .progress
            .lesson_record(lesson.id())
            .is_some_and(|r| r.read)
    }

    #[test]
    fn progress_that_comes_before_anything_was_typed_takes_the_learner_back() {
        let mut app = app();
        app.update(Message::Resize(80, 24));
        let _ = app.take_unsaved();
        // On the first screen meanwhile: the identity function's lesson, read.
        app.course
            .progress
            .mark_read(LessonId::Identity, Stamp::from_millis(3_000));
        RESUME.apply_late(&mut app, saved(), false);
        assert_eq!(app.lesson, LessonId::Relu);
        assert_eq!(app.lang, Lang::Ja);
        assert!(read(&app, LessonId::Step), "what was saved");
        assert!(read(&app, LessonId::Identity), "what was done meanwhile");
        // `--lang` and `--lesson` still win.
        let mut app = self::app();
        let asked = Resume {
            keep_lesson: true,
            lang_asked: true,
            japanese: true,
        };
        asked.apply_late(&mut app, saved(), false);
        assert_eq!((app.lesson, app.lang), (LessonId::Intro, Lang::En));
    }

    #[test]
    fn progress_that_comes_after_the_learner_typed_is_merged_where_they_are() {
        let mut app = app();
        app.update(Message::Resize(80, 24));
        app.update(Message::NextLesson);
        RESUME.apply_late(&mut app, saved(), true);
        assert_eq!(app.lesson, LessonId::Step, "left where they are");
        assert_eq!(app.lang, Lang::En);
        assert!(read(&app, LessonId::Step), "what was saved, merged");
    }
}
