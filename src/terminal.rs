//! The local loop: owns the terminal, turns key presses, pastes, resizes and signals
//! into messages, and draws only when something changed. The only module that knows
//! the bytes go to a local terminal.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::sync::mpsc;
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{App, Message};
use crate::keys;

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The learner quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT) ended the session; the number is the signal.
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

fn init() -> io::Result<Terminal<CrosstermBackend<BufWriter<Stdout>>>> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        1 << 14,
        io::stdout(),
    )))
}

enum Input {
    Terminal(Event),
    Signal(i32),
}

/// Runs the app in this terminal until the learner quits or a signal arrives.
pub fn run(mut app: App) -> io::Result<Ended> {
    let (tx, rx) = mpsc::channel::<Input>();
    // Signals first, so that one arriving during start-up is not lost.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let signal_tx = tx.clone();
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = signal_tx.send(Input::Signal(sig));
        }
    });
    let mut terminal = match init() {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    // Terminal events arrive on their own thread: the loop sleeps in `recv` until
    // something happens, so an idle app uses no CPU and writes nothing.
    thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Input::Terminal(ev)).is_err() {
                break;
            }
        }
    });
    let result = event_loop(&mut terminal, &mut app, &rx);
    restore();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<BufWriter<Stdout>>>,
    app: &mut App,
    rx: &mpsc::Receiver<Input>,
) -> io::Result<Ended> {
    let size = terminal.size()?;
    app.update(Message::Resize(size.width, size.height));
    terminal.draw(|frame| crate::ui::draw(app, frame))?;
    loop {
        let Ok(input) = rx.recv() else {
            return Ok(Ended::Quit);
        };
        let message = match input {
            Input::Signal(sig) => return Ok(Ended::Signal(sig)),
            Input::Terminal(Event::Key(key)) => keys::message_for(key, keys::Mode::of(app)),
            Input::Terminal(Event::Paste(text)) => Some(Message::Paste(text)),
            Input::Terminal(Event::Resize(w, h)) => Some(Message::Resize(w, h)),
            Input::Terminal(_) => None,
        };
        let Some(message) = message else { continue };
        let resized = matches!(message, Message::Resize(..));
        let changed = app.update(message);
        if !app.running {
            return Ok(Ended::Quit);
        }
        if changed || resized {
            if resized {
                terminal.autoresize()?;
            }
            terminal.draw(|frame| crate::ui::draw(app, frame))?;
        }
    }
}
