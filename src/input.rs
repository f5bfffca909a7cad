//! Raw bytes from a terminal -> key, paste and mouse events. One parser for the local
//! terminal and for an SSH channel alike.
//!
//! [`Parser`] is pure and synchronous: feed it bytes as they come (split anywhere,
//! many keys at once), take the events out, and tell it the time. It never reads a
//! clock itself, so any loop can drive it — a blocking one, an async one, a test.
//!
//! ```
//! use std::time::Instant;
//! use kasseika::input::Parser;
//!
//! let mut parser = Parser::new();
//! let start = Instant::now();
//! parser.feed(b"q\x1b", start);
//! // `q` is complete; the Esc might start an escape sequence, so it waits.
//! assert_eq!(parser.events().count(), 1);
//! let deadline = parser.deadline().expect("the Esc waits");
//! // Nothing more came: at the deadline the Esc is a key of its own.
//! parser.timeout(deadline);
//! assert_eq!(parser.events().count(), 1);
//! assert_eq!(parser.deadline(), None);
//! ```
//!
//! How the bytes are cut into events is decided here: an escape sequence ends at its
//! final byte (`ESC [` parameters, then a byte from `@` to `~`), a character at its
//! last UTF-8 byte, a bracketed paste at `ESC [201~`. Any byte that cannot continue
//! what is pending ends it at once, so nothing is ever swallowed. What a complete
//! sequence means (arrows, modifiers, function keys, the kitty protocol, mouse reports)
//! is decoded by `terminput` and handed on as crossterm events, which is what
//! [`crate::keys`] reads.
//!
//! Three rules keep the input alive whatever arrives:
//! - Something unfinished is resolved a while after its last byte, as what was typed:
//!   a lone `ESC` after [`TIMEOUT`] (it is the Esc key), an escape sequence begun
//!   (`ESC [ 1`: Alt-[ then `1`) after [`SEQUENCE_TIMEOUT`], a bracketed paste
//!   without its end after [`PASTE_TIMEOUT`] (what was pasted so far). The longer
//!   waits are for what is surely on its way: over a slow or jittery link (SSH,
//!   tmux) a key's sequence or a paste can arrive in pieces, and cut short they
//!   would turn into stray keys — the rest of a paste into Enter presses.
//! - Ctrl-C (byte 3) is Ctrl-C wherever it comes: what was pending is resolved first.
//! - Memory is bounded: an escape sequence is at most [`MAX_SEQUENCE`] bytes, and a
//!   long paste is handed on in pieces of [`PASTE_CHUNK`] bytes.
//!
//! Strings a terminal sends are not keys: a control string — DCS `ESC P`, OSC
//! `ESC ]`, APC `ESC _`, PM `ESC ^`, SOS `ESC X` — is read up to its end (`ESC \`
//! or BEL; any other escape ends it as well and counts as what it is) and dropped
//! whole, so that the `q` of a terminal's answer never quits. Nothing of it is kept,
//! and it lasts at most [`STRING_TIMEOUT`] from its first byte: what comes later is
//! read as keys again (Alt-] typed by hand costs a second of typing, never more).
//!
//! Besides what terminput decodes, two forms are read here: xterm's
//! "modifyOtherKeys" (`ESC [ 27 ; modifiers ; code ~`, which tmux sends with
//! `extended-keys`), so that Ctrl-C and Ctrl-Z work in it too, and the old X10 mouse
//! report (`ESC [ M` and three raw bytes), whose three bytes are dropped with it
//! rather than read as keys.

use std::collections::VecDeque;
use std::collections::vec_deque::Drain;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::charset::Charset;

/// How long a lone `ESC` waits for a next byte before it is the Esc key. Terminals
/// send a key's sequence in one write, so a pause this long means that nothing more
/// is coming, and Esc still feels immediate.
pub const TIMEOUT: Duration = Duration::from_millis(50);

/// How long an escape sequence that has begun (`ESC [`, `ESC O`, with parameters)
/// waits for the rest: longer than a lone Esc, since a person rarely types Alt-[ and
/// a link that splits packets often splits a key (vim waits 100 ms, tmux 500).
pub const SEQUENCE_TIMEOUT: Duration = Duration::from_millis(200);

/// How long a bracketed paste waits for its end marker: pastes come in many pieces
/// over a slow link. (Ctrl-C never waits: it is honoured wherever it comes.)
pub const PASTE_TIMEOUT: Duration = Duration::from_secs(1);

/// How long a control string (DCS, OSC, APC, PM, SOS) may last from its first byte:
/// a terminal sends one in a write or two, so anything still unfinished by then was
/// no terminal's string (Alt-] typed by hand, say), and what follows is keys again.
pub const STRING_TIMEOUT: Duration = Duration::from_secs(1);

/// The longest any unfinished input waits.
pub const MAX_TIMEOUT: Duration = if PASTE_TIMEOUT.as_nanos() > STRING_TIMEOUT.as_nanos() {
    PASTE_TIMEOUT
} else {
    STRING_TIMEOUT
};

/// The longest escape sequence taken; a longer one is resolved as typed keys.
pub const MAX_SEQUENCE: usize = 64;

/// A bracketed paste longer than this is handed on in pieces of this many bytes.
pub const PASTE_CHUNK: usize = 64 * 1024;

const ESC: u8 = 0x1b;
const BEL: u8 = 0x07;
const CTRL_C: u8 = 0x03;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";
const X10_MOUSE: &[u8] = b"\x1b[M";

/// The Ctrl-C key, as the parser gives it for byte 3.
pub fn ctrl_c() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
}

/// Watches bytes as they arrive for a Ctrl-C in any form the [`Parser`] reads as one:
/// byte 3, and the escape sequences of terminals that report keys with their
/// modifiers — xterm's "modifyOtherKeys" (`ESC [ 27 ; 5 ; 99 ~`, tmux's
/// `extended-keys`) and the kitty keyboard protocol (`ESC [ 99 ; 5 u`), in every
/// variant the parser decodes to a key that `quits`. A front end holding a backlog
/// of bytes looks through what arrives with it before anything is parsed, so Ctrl-C
/// quits at once behind a flood of any size, in whatever form it came.
///
/// It sees what the parser would see: sequences are cut by the same rules (an escape
/// ends a control string, any byte that cannot continue a sequence ends it), a
/// sequence split across reads is put together, and whether a complete one is
/// Ctrl-C is decided by the parser's own decoding. The one difference: in a
/// bracketed paste, where the parser takes such a sequence as text, the watch still
/// takes it as Ctrl-C, as the parser does byte 3 (no terminal sends a key inside a
/// paste). Memory: one unfinished sequence, at most [`MAX_SEQUENCE`] bytes.
///
/// ```
/// use kasseika::input::CtrlCWatch;
/// use kasseika::session::quits_in_every_mode;
///
/// let mut watch = CtrlCWatch::new();
/// assert!(!watch.sees(b"nnnn\x1b[99;", quits_in_every_mode));
/// assert!(watch.sees(b"5u", quits_in_every_mode));
/// ```
#[derive(Debug, Default)]
pub struct CtrlCWatch {
    state: Watch,
    /// The escape sequence begun, `ESC [` and what followed.
    sequence: Vec<u8>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Watch {
    #[default]
    Ground,
    /// After an `ESC`.
    Escape,
    /// In `ESC [` and its parameters.
    Csi,
}

impl CtrlCWatch {
    pub fn new() -> CtrlCWatch {
        CtrlCWatch::default()
    }

    /// Whether `bytes`, coming after what the watch saw before, hold a Ctrl-C: byte 3,
    /// or an escape sequence that decodes to a key for which `quits` is true.
    pub fn sees(&mut self, bytes: &[u8], quits: impl Fn(&Event) -> bool) -> bool {
        let mut i = 0;
        while i < bytes.len() {
            match self.state {
                Watch::Ground => {
                    let Some(at) = bytes[i..].iter().position(|&b| b == ESC || b == CTRL_C) else {
                        return false;
                    };
                    i += at;
                    if bytes[i] == CTRL_C {
                        return self.found();
                    }
                    self.state = Watch::Escape;
                }
                Watch::Escape => match bytes[i] {
                    b'[' => {
                        self.sequence.clear();
                        self.sequence.extend_from_slice(b"\x1b[");
                        self.state = Watch::Csi;
                    }
                    ESC => {}
                    CTRL_C => return self.found(),
                    _ => self.state = Watch::Ground,
                },
                Watch::Csi => {
                    let b = bytes[i];
                    match b {
                        b'[' if self.sequence.len() == 2 => self.sequence.push(b),
                        0x20..=0x3f => {
                            self.sequence.push(b);
                            if self.sequence.len() > MAX_SEQUENCE {
                                self.state = Watch::Ground;
                            }
                        }
                        0x40..=0x7e => {
                            self.sequence.push(b);
                            self.state = Watch::Ground;
                            // Only these two forms carry a key with modifiers that
                            // decodes to Ctrl-C; the tests try every final byte.
                            if matches!(b, b'u' | b'~')
                                && self.sequence.contains(&b';')
                                && decode(&self.sequence).is_some_and(|e| quits(&e))
                            {
                                return self.found();
                            }
                        }
                        // Cannot continue the sequence: it ended, and this byte counts
                        // as itself (an ESC begins the next one).
                        _ => {
                            self.state = Watch::Ground;
                            continue;
                        }
                    }
                }
            }
            i += 1;
        }
        false
    }

    fn found(&mut self) -> bool {
        self.state = Watch::Ground;
        self.sequence.clear();
        true
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing pending.
    Ground,
    /// `ESC` alone.
    Escape,
    /// `ESC [` and parameters.
    Csi,
    /// `ESC O`.
    Ss3,
    /// A UTF-8 character of `len` bytes (an `ESC` in front counted: Alt).
    Utf8 { len: usize },
    /// Inside a bracketed paste.
    Paste,
    /// The `left` raw bytes of an X10 mouse report, after `ESC [ M`.
    X10 { left: u8 },
    /// Inside a control string (DCS, OSC, APC, PM, SOS): dropped up to its end.
    Str,
    /// An `ESC` inside a control string: with `\` the string's end (ST); with
    /// anything else the string has ended and a sequence of its own begins.
    StrEsc,
}

/// Turns bytes into events; see the [module docs](self).
pub struct Parser {
    state: State,
    /// The bytes of the unfinished sequence, or the paste so far.
    pending: Vec<u8>,
    /// Decodes EUC-JP or Shift_JIS to UTF-8 first; `None` for UTF-8.
    decoder: Option<encoding_rs::Decoder>,
    charset: Charset,
    /// The decoder may hold the first byte of a character.
    decoder_waits: bool,
    decoded: String,
    /// When the last bytes came.
    last_input: Option<Instant>,
    /// When the control string being dropped began.
    string_from: Option<Instant>,
    events: VecDeque<Event>,
}

impl std::fmt::Debug for Parser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parser")
            .field("state", &self.state)
            .field("pending", &self.pending.len())
            .field("charset", &self.charset)
            .field("events", &self.events.len())
            .finish()
    }
}

impl Default for Parser {
    fn default() -> Parser {
        Parser::new()
    }
}

impl Parser {
    /// A parser for a UTF-8 terminal.
    pub fn new() -> Parser {
        Parser::with_charset(Charset::Utf8)
    }

    /// A parser for a terminal that sends `charset` (EUC-JP and Shift_JIS are decoded;
    /// anything else is read as UTF-8, of which ASCII is a part).
    pub fn with_charset(charset: Charset) -> Parser {
        Parser {
            state: State::Ground,
            pending: Vec::new(),
            decoder: charset.decoder(),
            charset,
            decoder_waits: false,
            decoded: String::new(),
            last_input: None,
            string_from: None,
            events: VecDeque::new(),
        }
    }

    /// Takes in `bytes` that arrived at `now`. Complete events are ready at once.
    pub fn feed(&mut self, bytes: &[u8], now: Instant) {
        if bytes.is_empty() {
            return;
        }
        self.last_input = Some(now);
        if let Some(decoder) = self.decoder.as_mut() {
            let mut decoded = std::mem::take(&mut self.decoded);
            decoded.clear();
            decoded.reserve(
                decoder
                    .max_utf8_buffer_length(bytes.len())
                    .unwrap_or(bytes.len() * 3),
            );
            let _ = decoder.decode_to_string(bytes, &mut decoded, false);
            self.decoder_waits = bytes.last().is_some_and(|&b| b >= 0x80);
            for &b in decoded.as_bytes() {
                self.byte(b);
            }
            self.decoded = decoded;
        } else {
            for &b in bytes {
                self.byte(b);
            }
        }
    }

    /// When the bytes waiting now must be resolved, if any wait for that. Half a
    /// character does not: it is no key of its own, the next byte completes it or
    /// drops it, and over a slow link its second half can take a while.
    pub fn deadline(&self) -> Option<Instant> {
        let wait = match self.state {
            State::Ground => return None,
            State::Utf8 { .. } if self.pending.first() != Some(&ESC) => return None,
            State::Escape | State::Utf8 { .. } => TIMEOUT,
            State::Csi | State::Ss3 | State::X10 { .. } | State::StrEsc => SEQUENCE_TIMEOUT,
            State::Paste => PASTE_TIMEOUT,
            State::Str => return self.string_deadline(),
        };
        self.last_input.map(|t| t + wait)
    }

    /// When the control string being dropped has lasted as long as it may.
    fn string_deadline(&self) -> Option<Instant> {
        self.string_from.map(|t| t + STRING_TIMEOUT)
    }

    /// Tells the parser the time: at or past the [`deadline`](Parser::deadline), what
    /// waits for it is resolved into events.
    pub fn timeout(&mut self, now: Instant) {
        if self.deadline().is_some_and(|d| now >= d) {
            self.resolve();
        }
    }

    /// Resolves whatever waits, now, half characters included (for example when the
    /// input ends).
    pub fn flush(&mut self) {
        if self.decoder_waits {
            self.decoder_waits = false;
            if let Some(decoder) = self.decoder.as_mut() {
                let mut rest = String::with_capacity(8);
                let _ = decoder.decode_to_string(&[], &mut rest, true);
                for &b in rest.as_bytes() {
                    self.byte(b);
                }
            }
            self.decoder = self.charset.decoder();
        }
        self.resolve();
        // An Esc before half a character leaves the half: drop it too.
        self.resolve();
    }

    /// Whether bytes wait for a deadline.
    pub fn is_pending(&self) -> bool {
        self.deadline().is_some()
    }

    /// How many bytes wait for more, half characters included.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// The next complete event.
    pub fn next_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Every complete event, in order.
    pub fn events(&mut self) -> Drain<'_, Event> {
        self.events.drain(..)
    }

    fn emit(&mut self, event: Event) {
        self.events.push_back(event);
    }

    fn emit_char(&mut self, c: char, alt: bool) {
        if c == char::REPLACEMENT_CHARACTER {
            // What a decoder makes of bytes that are not text: nothing was typed.
            return;
        }
        let mut modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        if alt {
            modifiers |= KeyModifiers::ALT;
        }
        self.emit(Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers)));
    }

    /// One byte of UTF-8.
    fn byte(&mut self, b: u8) {
        if b == CTRL_C && self.state != State::Ground {
            self.resolve();
        }
        // A control string that outlasted its time was none: what comes now is keys.
        if matches!(self.state, State::Str | State::StrEsc)
            && let (Some(now), Some(end)) = (self.last_input, self.string_deadline())
            && now >= end
        {
            self.resolve();
        }
        match self.state {
            State::Ground => self.ground(b),
            State::Escape => self.escape(b),
            State::Csi => self.csi(b),
            State::Ss3 => {
                if (0x40..=0x7e).contains(&b) {
                    self.pending.push(b);
                    self.complete();
                } else {
                    self.resolve();
                    self.byte(b);
                }
            }
            State::Utf8 { len } => {
                if (0x80..=0xbf).contains(&b) {
                    self.pending.push(b);
                    if self.pending.len() == len {
                        self.complete_char();
                    }
                } else {
                    self.resolve();
                    self.byte(b);
                }
            }
            State::Paste => self.paste(b),
            State::X10 { left } => {
                self.state = if left > 1 {
                    State::X10 { left: left - 1 }
                } else {
                    State::Ground
                };
            }
            State::Str => match b {
                ESC => self.state = State::StrEsc,
                BEL => self.state = State::Ground,
                _ => {}
            },
            State::StrEsc => {
                self.state = State::Ground;
                if b != b'\\' {
                    self.start(State::Escape, ESC);
                    self.escape(b);
                }
            }
        }
    }

    fn ground(&mut self, b: u8) {
        match b {
            ESC => self.start(State::Escape, b),
            0x20..=0x7e => self.emit_char(char::from(b), false),
            0x00..=0x1f | 0x7f => {
                if let Some(event) = control(b) {
                    self.emit(event);
                }
            }
            // A byte that cannot start a character is not text: dropped.
            _ => {
                if let Some(len) = utf8_len(b) {
                    self.start(State::Utf8 { len }, b);
                }
            }
        }
    }

    fn start(&mut self, state: State, b: u8) {
        self.state = state;
        self.pending.clear();
        self.pending.push(b);
    }

    fn escape(&mut self, b: u8) {
        match b {
            b'[' => {
                self.pending.push(b);
                self.state = State::Csi;
            }
            b'O' => {
                self.pending.push(b);
                self.state = State::Ss3;
            }
            // DCS, OSC, APC, PM, SOS: a string the terminal sends, up to its end.
            b'P' | b']' | b'_' | b'^' | b'X' => {
                self.pending.clear();
                self.state = State::Str;
                self.string_from = self.last_input;
            }
            ESC => {
                // Esc pressed twice: the first is a key of its own.
                self.emit(key(KeyCode::Esc));
                self.start(State::Escape, b);
            }
            0x20..=0x7e => {
                self.state = State::Ground;
                self.pending.clear();
                self.emit_char(char::from(b), true);
            }
            0x00..=0x1f | 0x7f => {
                self.state = State::Ground;
                self.pending.clear();
                if let Some(Event::Key(mut key)) = control(b) {
                    key.modifiers |= KeyModifiers::ALT;
                    self.emit(Event::Key(key));
                }
            }
            _ => match utf8_len(b) {
                Some(len) => {
                    self.pending.push(b);
                    self.state = State::Utf8 { len: len + 1 };
                }
                None => {
                    self.resolve();
                    self.byte(b);
                }
            },
        }
    }

    fn csi(&mut self, b: u8) {
        match b {
            // The Linux console's F1-F5 are `ESC [ [ A`..`E`.
            b'[' if self.pending.len() == 2 => self.pending.push(b),
            0x20..=0x3f => {
                self.pending.push(b);
                if self.pending.len() > MAX_SEQUENCE {
                    self.resolve();
                }
            }
            0x40..=0x7e => {
                self.pending.push(b);
                self.complete();
            }
            _ => {
                self.resolve();
                self.byte(b);
            }
        }
    }

    /// A complete escape sequence.
    fn complete(&mut self) {
        self.state = State::Ground;
        if self.pending == PASTE_START {
            self.state = State::Paste;
            self.pending.clear();
            return;
        }
        if self.pending == X10_MOUSE {
            // Three raw bytes follow (button, column, row): part of the report.
            self.state = State::X10 { left: 3 };
            self.pending.clear();
            return;
        }
        // A paste's end marker without its start is dropped like any unknown sequence.
        if self.pending != PASTE_END
            && let Some(event) = decode(&self.pending)
        {
            self.emit(event);
        }
        self.pending.clear();
    }

    fn complete_char(&mut self) {
        self.state = State::Ground;
        let alt = self.pending.first() == Some(&ESC);
        let bytes = if alt {
            &self.pending[1..]
        } else {
            &self.pending[..]
        };
        let c = std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.chars().next());
        self.pending.clear();
        match c {
            Some(c) => self.emit_char(c, alt),
            None if alt => self.emit(key(KeyCode::Esc)),
            None => {}
        }
    }

    fn paste(&mut self, b: u8) {
        self.pending.push(b);
        if self.pending.ends_with(PASTE_END) {
            let len = self.pending.len() - PASTE_END.len();
            self.pending.truncate(len);
            self.emit_paste();
            self.state = State::Ground;
        } else if self.pending.len() >= PASTE_CHUNK {
            // Hand on what is surely text, keeping what may be the start of the end
            // marker and never cutting a character in two.
            let mut cut = self.pending.len() - (PASTE_END.len() - 1);
            while cut > 0 && (self.pending[cut] & 0xc0) == 0x80 {
                cut -= 1;
            }
            let rest = self.pending.split_off(cut);
            self.emit_paste();
            self.pending = rest;
        }
    }

    fn emit_paste(&mut self) {
        if !self.pending.is_empty() {
            let text = String::from_utf8_lossy(&self.pending).into_owned();
            self.emit(Event::Paste(text));
        }
        self.pending.clear();
    }

    /// Resolves what is pending as what was typed, without waiting any longer.
    fn resolve(&mut self) {
        let state = std::mem::replace(&mut self.state, State::Ground);
        match state {
            State::Ground => {}
            State::Escape => self.emit(key(KeyCode::Esc)),
            State::Csi | State::Ss3 => {
                // `ESC [ 1` was Alt-[ then 1: the introducer with Alt, the rest as keys
                // (only parameter bytes are ever kept, so they are plain characters).
                let pending = std::mem::take(&mut self.pending);
                self.emit_char(char::from(pending[1]), true);
                for &b in &pending[2..] {
                    self.ground(b);
                }
            }
            State::Utf8 { len } => {
                // An Esc before half a character is a key of its own; the half waits
                // for the rest. Half a character alone (when flushing) is not text.
                if self.pending.first() == Some(&ESC) {
                    self.emit(key(KeyCode::Esc));
                    self.pending.remove(0);
                    if !self.pending.is_empty() {
                        self.state = State::Utf8 { len: len - 1 };
                        return;
                    }
                }
            }
            // Part of a mouse report that never came whole: nothing was typed.
            State::X10 { .. } => {}
            // A control string cut short or out of time: nothing was typed.
            State::Str => {}
            // An `ESC` at the end of a string, and nothing after it: the Esc key (a
            // split `ESC \` would have come within the wait).
            State::StrEsc => self.emit(key(KeyCode::Esc)),
            State::Paste => {
                // A paste whose end never came: what came is what was pasted, less any
                // beginning of the end marker.
                for n in (1..PASTE_END.len()).rev() {
                    if self.pending.ends_with(&PASTE_END[..n]) {
                        self.pending.truncate(self.pending.len() - n);
                        break;
                    }
                }
                self.emit_paste();
            }
        }
        self.pending.clear();
    }
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The length of the UTF-8 character that starts with `b`, if `b` can start one.
fn utf8_len(b: u8) -> Option<usize> {
    match b {
        0xc2..=0xdf => Some(2),
        0xe0..=0xef => Some(3),
        0xf0..=0xf4 => Some(4),
        _ => None,
    }
}

/// A control byte on its own.
fn control(b: u8) -> Option<Event> {
    match b {
        // Many terminals send ^H for Backspace; nobody means Ctrl-H here.
        0x08 => Some(key(KeyCode::Backspace)),
        _ => decode(&[b]),
    }
}

/// What a complete sequence means, decoded by terminput. Mouse reports are checked
/// first: terminput subtracts 1 from their coordinates, and 0 would overflow.
fn decode(sequence: &[u8]) -> Option<Event> {
    if let Some(event) = modify_other_keys(sequence) {
        return Some(event);
    }
    if sequence.len() > 2
        && sequence.starts_with(b"\x1b[")
        && matches!(sequence.last(), Some(b'M' | b'm'))
        && !mouse_report_is_sound(&sequence[2..sequence.len() - 1])
    {
        return None;
    }
    match terminput::Event::parse_from(sequence) {
        Ok(Some(event)) => terminput_crossterm::to_crossterm(event).ok(),
        _ => None,
    }
}

/// xterm's "modifyOtherKeys" form of a key with modifiers, `ESC [ 27 ; m ; code ~`
/// (m is 1 plus Shift 1, Alt 2, Ctrl 4), which terminput does not read.
fn modify_other_keys(sequence: &[u8]) -> Option<Event> {
    let params = sequence.strip_prefix(b"\x1b[27;")?.strip_suffix(b"~")?;
    let text = std::str::from_utf8(params).ok()?;
    let (m, code) = text.split_once(';')?;
    let bits = m.parse::<u8>().ok()?.checked_sub(1)?;
    let code = char::from_u32(code.parse::<u32>().ok()?)?;
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
    ] {
        if bits & bit != 0 {
            modifiers |= modifier;
        }
    }
    let code = match code {
        '\r' => KeyCode::Enter,
        '\t' if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        '\t' => KeyCode::Tab,
        '\u{1b}' => KeyCode::Esc,
        '\u{7f}' | '\u{8}' => KeyCode::Backspace,
        c if c.is_control() => return None,
        c => KeyCode::Char(c),
    };
    Some(Event::Key(KeyEvent::new(code, modifiers)))
}

/// `<b;x;y` or `b;x;y` with x and y from 1 (SGR and rxvt reports). (The X10 form is
/// taken whole by the parser and dropped.)
fn mouse_report_is_sound(params: &[u8]) -> bool {
    let params = params.strip_prefix(b"<").unwrap_or(params);
    let Ok(text) = std::str::from_utf8(params) else {
        return false;
    };
    let fields: Vec<&str> = text.split(';').collect();
    let [b, x, y] = fields[..] else {
        return false;
    };
    let position = |v: &str| v.parse::<u16>().is_ok_and(|v| v >= 1);
    b.parse::<u8>().is_ok() && position(x) && position(y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};

    fn parse_all(chunks: &[&[u8]]) -> Vec<Event> {
        let mut p = Parser::new();
        let t = Instant::now();
        let mut out = Vec::new();
        for chunk in chunks {
            p.feed(chunk, t);
            out.extend(p.events());
        }
        p.timeout(t + MAX_TIMEOUT);
        out.extend(p.events());
        assert!(!p.is_pending());
        out
    }

    fn ch(c: char) -> Event {
        Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            },
        ))
    }

    fn with(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn several_keys_in_one_read() {
        assert_eq!(
            parse_all(&[b"ab\x1b[A\r\t\x7fL"]),
            vec![
                ch('a'),
                ch('b'),
                key(KeyCode::Up),
                key(KeyCode::Enter),
                key(KeyCode::Tab),
                key(KeyCode::Backspace),
                ch('L'),
            ]
        );
    }

    #[test]
    fn a_character_split_across_reads() {
        let bytes = "あ１".as_bytes();
        for cut in 0..=bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(parse_all(&[a, b]), vec![ch('あ'), ch('１')], "cut at {cut}");
        }
    }

    #[test]
    fn half_a_character_waits_past_the_timeout() {
        let mut p = Parser::new();
        let t = Instant::now();
        p.feed(&"あ".as_bytes()[..2], t);
        assert_eq!(p.deadline(), None);
        p.timeout(t + TIMEOUT * 100);
        assert_eq!(p.pending_len(), 2);
        p.feed(&"あ".as_bytes()[2..], t + TIMEOUT * 100);
        assert_eq!(p.events().collect::<Vec<_>>(), vec![ch('あ')]);
        // Alt with half a character: the Esc resolves, the half keeps waiting.
        p.feed(b"\x1b\xc3", t);
        p.timeout(t + TIMEOUT);
        assert_eq!(p.events().collect::<Vec<_>>(), vec![key(KeyCode::Esc)]);
        p.feed(b"\xa9", t + TIMEOUT * 2);
        assert_eq!(p.events().collect::<Vec<_>>(), vec![ch('é')]);
        p.feed(b"\xc3", t);
        p.flush();
        assert_eq!(p.pending_len(), 0, "flushing drops half a character");
    }

    #[test]
    fn a_sequence_split_across_reads() {
        let bytes = b"\x1b[1;5Cx";
        for cut in 0..=bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(
                parse_all(&[a, b]),
                vec![with(KeyCode::Right, KeyModifiers::CONTROL), ch('x')],
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn alt_keys() {
        assert_eq!(
            parse_all(&[b"\x1bb\x1bf\x1b\x7f\x1bB"]),
            vec![
                with(KeyCode::Char('b'), KeyModifiers::ALT),
                with(KeyCode::Char('f'), KeyModifiers::ALT),
                with(KeyCode::Backspace, KeyModifiers::ALT),
                with(KeyCode::Char('B'), KeyModifiers::ALT | KeyModifiers::SHIFT),
            ]
        );
        assert_eq!(
            parse_all(&["\x1bé".as_bytes()]),
            vec![with(KeyCode::Char('é'), KeyModifiers::ALT)]
        );
    }

    #[test]
    fn a_lone_esc_waits_then_is_esc() {
        let mut p = Parser::new();
        let t = Instant::now();
        p.feed(b"\x1b", t);
        assert_eq!(p.events().count(), 0);
        assert_eq!(p.deadline(), Some(t + TIMEOUT));
        p.timeout(t + TIMEOUT / 2);
        assert_eq!(p.events().count(), 0, "not before the deadline");
        p.timeout(t + TIMEOUT);
        assert_eq!(p.events().collect::<Vec<_>>(), vec![key(KeyCode::Esc)]);
        // Esc then a key in the same read is Alt-key; Esc twice is two Escs.
        assert_eq!(
            parse_all(&[b"\x1b\x1b"]),
            vec![key(KeyCode::Esc), key(KeyCode::Esc)]
        );
    }

    #[test]
    fn unfinished_sequences_become_the_keys_typed() {
        let alt = |c| with(KeyCode::Char(c), KeyModifiers::ALT);
        assert_eq!(
            parse_all(&[b"\x1b[1"]),
            vec![alt('['), ch('1')],
            "Alt-[ then 1"
        );
        assert_eq!(parse_all(&[b"\x1b[?"]), vec![alt('['), ch('?')]);
        assert_eq!(
            parse_all(&[b"\x1b[<0;1"]),
            vec![alt('['), ch('<'), ch('0'), ch(';'), ch('1')]
        );
        assert_eq!(
            parse_all(&[b"\x1bO"]),
            vec![with(
                KeyCode::Char('O'),
                KeyModifiers::ALT | KeyModifiers::SHIFT
            )]
        );
        // A byte that cannot continue the sequence ends it at once, and counts.
        assert_eq!(
            parse_all(&[b"\x1b[1\rq"]),
            vec![alt('['), ch('1'), key(KeyCode::Enter), ch('q')]
        );
    }

    #[test]
    fn ctrl_c_is_honoured_inside_anything() {
        for before in [
            &b"\x1b"[..],
            b"\x1b[1",
            b"\x1b[?",
            b"\x1b[<0;1",
            b"\x1b[200~",
            b"\x1b[200~some text",
            b"\xe3\x81",
            b"\x1bO",
        ] {
            let mut p = Parser::new();
            p.feed(before, Instant::now());
            p.feed(b"\x03", Instant::now());
            let events: Vec<Event> = p.events().collect();
            assert_eq!(
                events.last(),
                Some(&ctrl_c()),
                "after {before:?}: {events:?}"
            );
            assert!(!p.is_pending(), "after {before:?}");
        }
    }

    #[test]
    fn bracketed_paste_in_any_pieces() {
        let bytes = "\x1b[200~1, 2\r\n３\x1b[201~x".as_bytes();
        for cut in 0..=bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(
                parse_all(&[a, b]),
                vec![Event::Paste("1, 2\r\n３".into()), ch('x')],
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn a_paste_whose_end_never_comes_is_what_came() {
        assert_eq!(
            parse_all(&[b"\x1b[200~12\x1b[20"]),
            vec![Event::Paste("12".into())]
        );
        assert_eq!(parse_all(&[b"\x1b[200~"]), vec![]);
        assert_eq!(parse_all(&[b"\x1b[201~k"]), vec![ch('k')], "a stray end");
    }

    #[test]
    fn a_long_paste_comes_in_pieces_of_whole_characters() {
        let text = "あ".repeat(PASTE_CHUNK);
        let bytes = [PASTE_START, text.as_bytes(), PASTE_END].concat();
        let events = parse_all(&[&bytes]);
        assert!(events.len() > 1);
        let mut joined = String::new();
        for e in events {
            let Event::Paste(piece) = e else {
                panic!("{e:?}")
            };
            assert!(piece.len() <= PASTE_CHUNK);
            joined.push_str(&piece);
        }
        assert_eq!(joined, text);
    }

    #[test]
    fn unbracketed_paste_is_keys() {
        let events = parse_all(&[b"1, 2\r"]);
        assert_eq!(
            events,
            vec![ch('1'), ch(','), ch(' '), ch('2'), key(KeyCode::Enter)]
        );
    }

    #[test]
    fn mouse_reports_and_bad_ones() {
        assert_eq!(
            parse_all(&[b"\x1b[<0;3;4M"]),
            vec![Event::Mouse(ratatui::crossterm::event::MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: 2,
                row: 3,
                modifiers: KeyModifiers::NONE,
            })]
        );
        // Coordinates of 0 would underflow inside the decoder: dropped, and what
        // follows still counts.
        assert_eq!(parse_all(&[b"\x1b[<0;0;0Mk"]), vec![ch('k')]);
        assert_eq!(parse_all(&[b"\x1b[32;0;0Mk"]), vec![ch('k')]);
        // The X10 form: its three raw bytes (here ` n1`, a press at column 78, row
        // 17) are part of it, not keys, however they arrive.
        assert_eq!(parse_all(&[b"\x1b[M n1k"]), vec![ch('k')]);
        assert_eq!(parse_all(&[b"\x1b[M", b" n", b"1k"]), vec![ch('k')]);
        assert_eq!(
            parse_all(&[b"\x1b[M n"]),
            vec![],
            "cut short: still no keys"
        );
    }

    #[test]
    fn modify_other_keys_are_keys() {
        let ctrl = |c| with(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(
            parse_all(&[b"\x1b[27;5;99~\x1b[27;5;122~\x1b[27;3;98~\x1b[27;5;13~"]),
            vec![
                ctrl('c'),
                ctrl('z'),
                with(KeyCode::Char('b'), KeyModifiers::ALT),
                with(KeyCode::Enter, KeyModifiers::CONTROL),
            ]
        );
        // The kitty form, which terminput reads.
        assert_eq!(parse_all(&[b"\x1b[122;5u"]), vec![ctrl('z')]);
        assert_eq!(parse_all(&[b"\x1b[27;5;0~"]), vec![], "no key has code 0");
    }

    #[test]
    fn what_is_surely_on_its_way_waits_longer_than_a_lone_esc() {
        let t = Instant::now();
        for (bytes, wait) in [
            (&b"\x1b"[..], TIMEOUT),
            (b"\x1b[", SEQUENCE_TIMEOUT),
            (b"\x1b[1;", SEQUENCE_TIMEOUT),
            (b"\x1bO", SEQUENCE_TIMEOUT),
            (b"\x1b[200~1, 2", PASTE_TIMEOUT),
        ] {
            let mut p = Parser::new();
            p.feed(bytes, t);
            assert_eq!(p.deadline(), Some(t + wait), "{bytes:?}");
        }
        // An arrow key split across two packets 100 ms apart is still an arrow.
        let mut p = Parser::new();
        p.feed(b"\x1b[", t);
        p.timeout(t + Duration::from_millis(100));
        p.feed(b"A", t + Duration::from_millis(100));
        assert_eq!(p.events().collect::<Vec<_>>(), vec![key(KeyCode::Up)]);
        // A paste that pauses for 300 ms is still one paste: its second half is not
        // typed as keys (its line break would be Enter).
        let mut p = Parser::new();
        p.feed(b"\x1b[200~1, ", t);
        p.timeout(t + Duration::from_millis(300));
        p.feed(b"2\r\n3\x1b[201~", t + Duration::from_millis(300));
        assert_eq!(
            p.events().collect::<Vec<_>>(),
            vec![Event::Paste("1, 2\r\n3".into())]
        );
    }

    #[test]
    fn function_keys_and_the_linux_console() {
        assert_eq!(
            parse_all(&[b"\x1b[[A\x1bOP\x1b[5~\x1b[3~"]),
            vec![
                key(KeyCode::F(1)),
                key(KeyCode::F(1)),
                key(KeyCode::PageUp),
                key(KeyCode::Delete),
            ]
        );
        assert_eq!(parse_all(&[b"\x08"]), vec![key(KeyCode::Backspace)]);
    }

    #[test]
    fn an_overlong_sequence_is_given_back_as_keys() {
        let mut bytes = b"\x1b[".to_vec();
        bytes.extend(std::iter::repeat_n(b'1', MAX_SEQUENCE * 2));
        let events = parse_all(&[&bytes]);
        assert_eq!(events.len(), 1 + MAX_SEQUENCE * 2);
    }

    #[test]
    fn strings_the_terminal_sends_are_dropped_whole() {
        for (sent, what) in [
            // XTGETTCAP's answer (hex of "TN=xterm"): its `q` must not quit.
            (&b"\x1bP1+r544e=787465726d\x1b\\k"[..], "DCS, ST"),
            (b"\x1bP>|tmux 3.4q\x1b\\k", "DCS with a q, ST"),
            (b"\x1b]11;rgb:0000/0000/0000\x07k", "OSC, BEL"),
            (b"\x1b]10;rgb:ffff/ffff/ffff\x1b\\k", "OSC, ST"),
            (b"\x1b_Gi=1;OK\x1b\\k", "APC (kitty graphics)"),
            (b"\x1b^privacy q\x1b\\k", "PM"),
            (b"\x1bXstart of string\x1b\\k", "SOS"),
            (b"\x1b]0;\xe3\x81\x82q\x07k", "OSC with UTF-8"),
        ] {
            assert_eq!(parse_all(&[sent]), vec![ch('k')], "{what}");
            // However it is cut.
            for cut in 0..=sent.len() {
                let (a, b) = sent.split_at(cut);
                assert_eq!(parse_all(&[a, b]), vec![ch('k')], "{what}, cut at {cut}");
            }
        }
    }

    #[test]
    fn an_escape_ends_a_string_and_counts_and_ctrl_c_is_honoured_in_one() {
        // A string cut short by a key's sequence: the key counts.
        assert_eq!(parse_all(&[b"\x1bP1$r0m\x1b[A"]), vec![key(KeyCode::Up)]);
        assert_eq!(
            parse_all(&[b"\x1b]0;title\x1bq"]),
            vec![with(KeyCode::Char('q'), KeyModifiers::ALT)]
        );
        assert_eq!(parse_all(&[b"\x1b]0;title\x1b"]), vec![key(KeyCode::Esc)]);
        let events = parse_all(&[b"\x1bPqqq\x03qq"]);
        assert_eq!(events[0], ctrl_c(), "{events:?}");
    }

    #[test]
    fn a_string_lasts_at_most_its_time_then_what_comes_is_keys() {
        let t = Instant::now();
        let mut p = Parser::new();
        p.feed(b"\x1b]q", t);
        assert_eq!(p.deadline(), Some(t + STRING_TIMEOUT));
        // What comes within the time is part of it, however long it is, and nothing
        // of it is kept.
        let half = t + STRING_TIMEOUT / 2;
        p.feed(&vec![b'q'; 1 << 20], half);
        assert_eq!(p.events().count(), 0);
        assert_eq!(p.pending_len(), 0);
        assert_eq!(
            p.deadline(),
            Some(t + STRING_TIMEOUT),
            "from its first byte"
        );
        // Past it, keys again: whether the loop told the parser the time or not.
        p.feed(b"k", t + STRING_TIMEOUT);
        assert_eq!(p.events().collect::<Vec<_>>(), vec![ch('k')]);
        let mut p = Parser::new();
        p.feed(b"\x1bPq", t);
        p.timeout(t + STRING_TIMEOUT);
        assert!(!p.is_pending());
        p.feed(b"k", t + STRING_TIMEOUT);
        assert_eq!(p.events().collect::<Vec<_>>(), vec![ch('k')]);
    }

    /// Whether the parser reads a key that is Ctrl-C (as the session decides it:
    /// quits in every mode) in `bytes`.
    fn parser_reads_ctrl_c(bytes: &[u8]) -> bool {
        parse_all(&[bytes])
            .iter()
            .any(crate::session::quits_in_every_mode)
    }

    fn watch_sees(chunks: &[&[u8]]) -> bool {
        let mut watch = CtrlCWatch::new();
        chunks
            .iter()
            .any(|c| watch.sees(c, crate::session::quits_in_every_mode))
    }

    #[test]
    fn the_ctrl_c_watch_knows_every_form_the_parser_reads_as_ctrl_c() {
        let numbers = ["", "1", "3", "5", "6", "13", "27", "67", "99", "05", "+5"];
        let mut params = Vec::new();
        for a in numbers {
            params.push(a.to_string());
            for b in numbers {
                params.push(format!("{a};{b}"));
                params.push(format!("{a}:{b}"));
                for c in numbers {
                    params.push(format!("{a};{b};{c}"));
                    params.push(format!("{a}:{b};{c}"));
                    params.push(format!("{a};{b}:{c}"));
                }
            }
        }
        let mut forms = 0;
        for p in &params {
            for last in 0x40..=0x7e {
                let sequence = [b"\x1b[", p.as_bytes(), &[last]].concat();
                let parser = parser_reads_ctrl_c(&sequence);
                assert_eq!(
                    watch_sees(&[&sequence]),
                    parser,
                    "{:?}",
                    String::from_utf8_lossy(&sequence)
                );
                forms += usize::from(parser);
            }
        }
        // xterm's and kitty's, with Shift, with Super, with leading zeros...
        assert!(forms > 100, "{forms} forms");
        for bytes in [
            &b"\x03"[..],
            b"\x1b\x03",
            b"\x1b[27;5;99~",
            b"\x1b[99;5u",
            b"\x1b[67;6u",
        ] {
            assert!(
                parser_reads_ctrl_c(bytes) && watch_sees(&[bytes]),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn the_ctrl_c_watch_puts_split_sequences_together_and_cuts_them_as_the_parser() {
        for form in [&b"\x1b[27;5;99~"[..], b"\x1b[99;5u", b"\x1b[99;5:1u"] {
            let bytes = [&b"nn"[..], form].concat();
            for cut in 0..=bytes.len() {
                let (a, b) = bytes.split_at(cut);
                assert!(watch_sees(&[a, b]), "{form:?} cut at {cut}");
            }
            // Behind a flood, in one read or many.
            let flood = [vec![b'n'; 1 << 20], form.to_vec()].concat();
            assert!(watch_sees(&[&flood]));
            assert!(watch_sees(&flood.chunks(4093).collect::<Vec<_>>()));
        }
        for (bytes, what) in [
            (&b"\x1b[99;5\ru"[..], "a byte that cannot continue it"),
            (b"\x1b[99;5\x1b[Au", "another sequence"),
            (b"\x1b[99;5:3u", "a release"),
            (b"\x1b[99;7u", "with Alt"),
            (b"\x1b[99;1u", "c"),
        ] {
            assert!(!watch_sees(&[bytes]), "{what}");
            assert!(!parser_reads_ctrl_c(bytes), "{what}");
        }
        let mut long = b"\x1b[".to_vec();
        long.extend(std::iter::repeat_n(b'0', MAX_SEQUENCE));
        long.extend(b"99;5u");
        assert!(!watch_sees(&[&long]), "past the longest sequence, keys");
        // A string's end is no Ctrl-C, and the watch finds one after it.
        assert!(!watch_sees(&[b"\x1bP1+r\x1b\\"]));
        assert!(watch_sees(&[b"\x1bP1+r\x1b[99;5u"]));
    }

    #[test]
    fn japanese_terminals_are_decoded() {
        let (euc, _, _) = encoding_rs::EUC_JP.encode("１あ");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("表x");
        for (charset, bytes, want) in [
            (Charset::EucJp, euc.to_vec(), vec![ch('１'), ch('あ')]),
            (Charset::ShiftJis, sjis.to_vec(), vec![ch('表'), ch('x')]),
        ] {
            for cut in 0..=bytes.len() {
                let mut p = Parser::with_charset(charset);
                let t = Instant::now();
                let mut got = Vec::new();
                p.feed(&bytes[..cut], t);
                got.extend(p.events());
                p.feed(&bytes[cut..], t);
                got.extend(p.events());
                p.timeout(t + TIMEOUT);
                got.extend(p.events());
                assert_eq!(got, want, "{charset:?} cut at {cut}");
                assert!(!p.is_pending());
            }
        }
        // Half a character waits for its other half however long it takes, and a
        // byte that cannot complete it drops it without being lost itself.
        let mut p = Parser::with_charset(Charset::EucJp);
        let t = Instant::now();
        p.feed(&[0xa4], t);
        assert!(!p.is_pending(), "no deadline for half a character");
        p.feed(&[0xa2], t + TIMEOUT * 10);
        assert_eq!(p.events().collect::<Vec<_>>(), vec![ch('あ')]);
        p.feed(&[0xa4], t);
        p.feed(b"k", t);
        assert_eq!(p.events().collect::<Vec<_>>(), vec![ch('k')]);
    }
}
