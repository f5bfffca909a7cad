//! The local front end: owns this process's terminal. It reads the bytes of standard
//! input itself (a thread blocked in `read`, so nothing is ever left unread in the
//! tty), learns of resizes, signals and job control through signal-hook, and drives
//! the shared [`Session`] step with the shared [`Parser`]. The only module that knows
//! the bytes come from and go to a local terminal.
//!
//! Idle is a thread blocked in `read`, one blocked on the signal pipe, and the loop
//! blocked on their channel: no timer, no CPU, nothing written. The one timeout is the
//! parser's, while an escape sequence is unfinished.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Read, Stdout, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use crate::app::App;
use crate::app::Message;
use crate::charset::Charset;
use crate::input::{self, Parser};
use crate::output::{FrameWriter, Stdio};
use crate::progress::Progress;
use crate::progress::store::{Keeper, Loaded, StoreError};
use crate::session::{Session, Step};

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

/// Leaves the alternate screen, shows the cursor and turns raw mode off. Safe to call
/// more than once and when the terminal is gone (errors are ignored: there is
/// nobody left to tell).
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Raw mode, the alternate screen, bracketed paste.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

/// Stops this process as Ctrl-Z in a shell would (SIGTSTP with its default action),
/// and returns when it is continued. signal-hook's handler is set aside meanwhile.
/// In an orphaned process group the kernel discards the signal: nobody could resume
/// us, so we go on.
fn stop_self() {
    // SAFETY: plain libc calls with valid pointers to zero-initialised `sigaction`
    // values (a valid bit pattern); the previous action is put back as it was.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGTSTP, &default, &mut previous) != 0 {
            let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
            return;
        }
        libc::raise(libc::SIGTSTP);
        libc::sigaction(libc::SIGTSTP, &previous, std::ptr::null_mut());
    }
}

type Backend = CrosstermBackend<FrameWriter<Stdout>>;

/// What the loop waits for.
enum Input {
    Bytes(Vec<u8>, Instant),
    /// Standard input ended or failed: the terminal is gone.
    End,
    Signal(i32),
    /// What the store made of the progress sent to the saver.
    Saved(Result<Loaded, StoreError>),
}

/// Messages queued between the reader threads and the loop: enough to keep a burst
/// flowing, few enough that a flood is held back in the tty rather than in memory.
const QUEUE: usize = 16;

/// Runs the app in this terminal until the learner quits or a signal ends it. The
/// progress is saved through `keeper` as the learner goes (after an answer, an
/// evaluation, a change of lesson), on a thread of its own so that a slow disk or
/// another process's lock never holds up a key, and once more at the end,
/// whatever ended it; a last save that fails is told on standard error, after the
/// terminal is restored.
pub fn run(app: App, charset: Charset, keeper: &Keeper) -> io::Result<Ended> {
    let loc = app.loc.clone();
    let mut last_save = None;
    // Signals are caught from the start (one arriving during start-up waits in
    // signal-hook's pipe); the threads that listen start after the first frame, so
    // the learner sees the lesson as soon as possible.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH])?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let result = enter()
        .and_then(|()| {
            let writer = FrameWriter::new(io::stdout(), app.look.color, charset);
            Terminal::new(CrosstermBackend::new(writer))
        })
        .and_then(|terminal| {
            let mut session = Session::new(app, terminal).with_japanese(charset.shows_japanese());
            session.start()?;
            // Lets the end-to-end tests check that a panic restores the terminal.
            #[cfg(debug_assertions)]
            if std::env::var_os("KASSEIKA_DEBUG_PANIC").is_some() {
                panic!("panic requested by KASSEIKA_DEBUG_PANIC");
            }
            let (tx, rx) = mpsc::sync_channel::<Input>(QUEUE);
            let signal_tx = tx.clone();
            thread::spawn(move || {
                for sig in signals.forever() {
                    if signal_tx.send(Input::Signal(sig)).is_err() {
                        break;
                    }
                }
            });
            let (save_tx, save_rx) = mpsc::channel::<Progress>();
            let saver = keeper.clone();
            let saved_tx = tx.clone();
            thread::spawn(move || {
                for progress in save_rx {
                    if saved_tx.send(Input::Saved(saver.save(&progress))).is_err() {
                        break;
                    }
                }
            });
            thread::spawn(move || read_stdin(&tx));
            let ended = event_loop(&mut session, &rx, charset, &save_tx);
            let lang = session.app.lang;
            if let Some(progress) = session.finish() {
                last_save = Some((keeper.save(&progress), lang));
            }
            ended
        });
    restore();
    if let Some((Err(e), lang)) = last_save {
        Stdio::new(charset).err_line(&format!("kasseika: {}", e.message(loc.tr(lang))));
    }
    result
}

/// Sends what standard input brings, as it comes, until it ends.
fn read_stdin(tx: &SyncSender<Input>) {
    let mut buf = vec![0u8; 1 << 16];
    let mut stdin = io::stdin().lock();
    loop {
        match stdin.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                if tx
                    .send(Input::Bytes(buf[..n].to_vec(), Instant::now()))
                    .is_err()
                {
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    let _ = tx.send(Input::End);
}

/// The terminal's size now, as an event.
fn resize_event() -> Option<Event> {
    let (w, h) = ratatui::crossterm::terminal::size().ok()?;
    Some(Event::Resize(w, h))
}

/// Events handled between two looks at the input: a slice of a long burst.
const BUDGET: usize = 256;
/// The parser is fed while fewer events than this wait in the session.
const FEED_BELOW: usize = 4096;
/// Bytes read ahead of the parser at most; past this the tty holds the rest.
const MAX_BACKLOG: usize = 4 << 20;
/// While a long burst is worked through, a frame at least this often.
const PROGRESS: Duration = Duration::from_millis(100);

fn event_loop(
    session: &mut Session<Backend>,
    rx: &Receiver<Input>,
    charset: Charset,
    saver: &mpsc::Sender<Progress>,
) -> io::Result<Ended> {
    // One save at a time; what changes meanwhile goes with the next one.
    let mut saving = false;
    let mut parser = Parser::with_charset(charset);
    // Bytes read but not parsed yet, with the moment each piece came. Reading runs
    // ahead of the work so that a Ctrl-C behind a burst is seen at once.
    let mut backlog: VecDeque<(Vec<u8>, Instant)> = VecDeque::new();
    let mut backlog_bytes = 0;
    // Set while we stopped ourselves: the SIGCONT that resumes us needs no second redraw.
    let mut stopped_ourselves = false;
    let mut ended = false;
    let mut last_frame = Instant::now();
    loop {
        let busy = session.has_work() || !backlog.is_empty();
        // Sleep until something comes (only an unfinished sequence sets a timer), or
        // just look when there is work to do.
        let first = if busy || ended {
            rx.try_recv().ok()
        } else {
            match parser.deadline() {
                Some(deadline) => {
                    match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                        Ok(input) => Some(input),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => {
                            return Ok(Ended::Signal(SIGHUP));
                        }
                    }
                }
                None => match rx.recv() {
                    Ok(input) => Some(input),
                    Err(_) => return Ok(Ended::Signal(SIGHUP)),
                },
            }
        };
        let mut suspend = false;
        let mut resumed = false;
        let mut next = first;
        while let Some(input) = next.take() {
            match input {
                Input::Bytes(bytes, at) => {
                    // Ctrl-C quits whatever came before it: no need to get to it.
                    if input::holds_ctrl_c(&bytes) && session.push([input::ctrl_c()]) == Step::Quit
                    {
                        return Ok(Ended::Quit);
                    }
                    backlog_bytes += bytes.len();
                    backlog.push_back((bytes, at));
                }
                Input::End => ended = true,
                Input::Signal(SIGWINCH) => {
                    session.push(resize_event());
                }
                Input::Signal(SIGTSTP) => suspend = true,
                Input::Signal(SIGCONT) => {
                    resumed = !std::mem::take(&mut stopped_ourselves);
                }
                Input::Signal(sig) => return Ok(Ended::Signal(sig)),
                Input::Saved(result) => {
                    saving = false;
                    session.apply(Message::Saved(Box::new(result)));
                }
            }
            if backlog_bytes < MAX_BACKLOG {
                next = rx.try_recv().ok();
            }
        }
        while session.queued() < FEED_BELOW
            && let Some((bytes, at)) = backlog.pop_front()
        {
            backlog_bytes -= bytes.len();
            parser.feed(&bytes, at);
            if session.push(parser.events()) == Step::Quit {
                return Ok(Ended::Quit);
            }
        }
        // What waits in the parser is resolved only once every byte read is in it.
        if backlog.is_empty() {
            if ended {
                parser.flush();
            } else {
                parser.timeout(Instant::now());
            }
            if session.push(parser.events()) == Step::Quit {
                return Ok(Ended::Quit);
            }
        }
        if resumed {
            enter()?;
            session.redraw()?;
            last_frame = Instant::now();
        }
        let step = session.work(BUDGET);
        // After an answer, an evaluation, a change of lesson.
        if !saving && let Some(progress) = session.app.take_unsaved() {
            saving = saver.send(progress).is_ok();
        }
        match step {
            Step::Quit => return Ok(Ended::Quit),
            Step::Suspend => suspend = true,
            Step::Continue => {}
        }
        let idle = !session.has_work() && backlog.is_empty();
        if (idle || last_frame.elapsed() >= PROGRESS) && session.draw_if_changed()? {
            last_frame = Instant::now();
        }
        if ended && idle {
            return Ok(Ended::Signal(SIGHUP));
        }
        if suspend {
            restore();
            stop_self();
            stopped_ourselves = true;
            // Back (or never stopped): take the terminal again and draw it all.
            enter()?;
            session.redraw()?;
            last_frame = Instant::now();
        }
    }
}
