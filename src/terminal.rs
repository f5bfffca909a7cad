//! The local loop: owns the terminal, turns key presses, pastes, resizes and signals
//! into messages, and draws only when something changed. The only module that knows
//! the bytes go to a local terminal.

use std::io::{self, IsTerminal, Stdout, Write};
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

/// Collects a frame and writes it in one piece on `flush` (ratatui flushes once per
/// frame). With colour off it also drops the "default colour" resets the backend
/// ends every frame with, so not one colour escape code reaches the terminal.
#[derive(Debug)]
pub struct Output<W: Write> {
    buf: Vec<u8>,
    inner: W,
    strip_color: bool,
}

impl<W: Write> Output<W> {
    pub fn new(inner: W, color: bool) -> Output<W> {
        Output {
            buf: Vec::with_capacity(1 << 14),
            inner,
            strip_color: !color,
        }
    }

    pub fn get_ref(&self) -> &W {
        &self.inner
    }
}

/// The colour resets (`ESC [39m`, `ESC [49m`) that the backend always sends.
const COLOR_RESETS: [&[u8]; 2] = [b"\x1b[39m", b"\x1b[49m"];

fn strip_color_resets(bytes: &mut Vec<u8>) {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    'outer: while i < bytes.len() {
        for seq in COLOR_RESETS {
            if bytes[i..].starts_with(seq) {
                i += seq.len();
                continue 'outer;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    *bytes = out;
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.strip_color {
            strip_color_resets(&mut self.buf);
        }
        let result = self
            .inner
            .write_all(&self.buf)
            .and_then(|()| self.inner.flush());
        self.buf.clear();
        result
    }
}

type Term = Terminal<CrosstermBackend<Output<Stdout>>>;

fn init(color: bool) -> io::Result<Term> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    Terminal::new(CrosstermBackend::new(Output::new(io::stdout(), color)))
}

enum Input {
    Terminal(Event),
    Signal(i32),
}

/// Runs the app in this terminal until the learner quits or a signal arrives.
pub fn run(mut app: App) -> io::Result<Ended> {
    // Signals are caught from the start (one arriving during start-up waits in
    // signal-hook's pipe); the threads that listen start after the first frame, so
    // the learner sees the lesson as soon as possible.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let mut terminal = match init(app.look.color) {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    let result = first_frame(&mut terminal, &mut app).and_then(|()| {
        let (tx, rx) = mpsc::channel::<Input>();
        let signal_tx = tx.clone();
        thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = signal_tx.send(Input::Signal(sig));
            }
        });
        // Terminal events arrive on their own thread: the loop sleeps in `recv`
        // until something happens, so an idle app uses no CPU and writes nothing.
        thread::spawn(move || {
            while let Ok(ev) = event::read() {
                if tx.send(Input::Terminal(ev)).is_err() {
                    break;
                }
            }
        });
        event_loop(&mut terminal, &mut app, &rx)
    });
    restore();
    result
}

fn first_frame(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Message::Resize(size.width, size.height));
    terminal.draw(|frame| crate::ui::draw(app, frame))?;
    // Lets the end-to-end tests check that a panic restores the terminal.
    #[cfg(debug_assertions)]
    if std::env::var_os("KASSEIKA_DEBUG_PANIC").is_some() {
        panic!("panic requested by KASSEIKA_DEBUG_PANIC");
    }
    Ok(())
}

fn event_loop(terminal: &mut Term, app: &mut App, rx: &mpsc::Receiver<Input>) -> io::Result<Ended> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_writes_on_flush_and_strips_colour_resets_when_asked() {
        let frame = b"\x1b[1;1Hab\x1b[39m\x1b[49m\x1b[0m";
        let mut plain = Output::new(Vec::new(), false);
        plain.write_all(frame).unwrap();
        assert!(plain.get_ref().is_empty(), "nothing before flush");
        plain.flush().unwrap();
        assert_eq!(plain.get_ref(), b"\x1b[1;1Hab\x1b[0m");
        let mut colored = Output::new(Vec::new(), true);
        colored.write_all(frame).unwrap();
        colored.flush().unwrap();
        assert_eq!(colored.get_ref(), frame);
    }
}
