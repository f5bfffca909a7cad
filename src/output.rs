//! Everything kasseika writes goes through here: plain text to standard output and
//! standard error ([`Stdio`]) and the frames of the interface ([`FrameWriter`]). Text is
//! written in the terminal's character set; a closed or full stream is an error value,
//! never a panic; and text that came from outside is shown with its control characters
//! made visible ([`visible`]).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use crate::charset::Charset;

/// `text` with every control character written out as `\u{1b}`, so that whatever a
/// learner, a command line or a client sent can be shown on a terminal or in a log
/// without moving the cursor, changing the title or reordering the line. Besides the
/// C0 and C1 controls this covers every character that is not drawn as itself (see
/// [`is_invisible`]): format characters (bidirectional overrides, zero-width joiners,
/// the soft hyphen, tags), line and paragraph separators, and the other default
/// ignorable characters (variation selectors, Hangul fillers). What is left is drawn
/// as wide as it is measured, so the text cannot shift what comes after it either.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Appends `c` written out as `\u{ad}`.
pub fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// The characters [`visible`] writes out: General_Category Cc (controls), Cf
/// (format), Zl and Zp (line and paragraph separators), and
/// Default_Ignorable_Code_Point, as Python's `regex` module 2026.5 has them
/// (`[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]` over every code
/// point, runs joined). A character added to these sets later is at worst drawn as
/// the terminal draws it.
const INVISIBLE: [(u32, u32); 27] = [
    (0x0000, 0x001f),
    (0x007f, 0x009f),
    (0x00ad, 0x00ad),
    (0x034f, 0x034f),
    (0x0600, 0x0605),
    (0x061c, 0x061c),
    (0x06dd, 0x06dd),
    (0x070f, 0x070f),
    (0x0890, 0x0891),
    (0x08e2, 0x08e2),
    (0x115f, 0x1160),
    (0x17b4, 0x17b5),
    (0x180b, 0x180f),
    (0x200b, 0x200f),
    (0x2028, 0x202e),
    (0x2060, 0x206f),
    (0x3164, 0x3164),
    (0xfe00, 0xfe0f),
    (0xfeff, 0xfeff),
    (0xffa0, 0xffa0),
    (0xfff0, 0xfffb),
    (0x110bd, 0x110bd),
    (0x110cd, 0x110cd),
    (0x13430, 0x1343f),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0xe0000, 0xe0fff),
];

/// Whether `c` is a control, format or otherwise invisible character (see
/// [`visible`]).
pub fn is_invisible(c: char) -> bool {
    let c = u32::from(c);
    if (0x20..0x7f).contains(&c) {
        return false;
    }
    INVISIBLE
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Why standard output could not take the text.
#[derive(Debug)]
pub enum WriteError {
    /// The reader went away (`kasseika list | head -1`): not worth a word.
    Closed,
    /// Anything else (a full disk): worth a word on standard error and status 1.
    Failed(io::Error),
}

/// Writes `bytes` to `out` and flushes: `Ok`, or why not.
pub fn write_all(out: &mut impl Write, bytes: &[u8]) -> Result<(), WriteError> {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(WriteError::Closed),
        Err(e) => Err(WriteError::Failed(e)),
    }
}

/// Standard output and standard error, in the terminal's character set.
#[derive(Debug, Clone, Copy)]
pub struct Stdio {
    pub charset: Charset,
}

impl Stdio {
    pub fn new(charset: Charset) -> Stdio {
        Stdio { charset }
    }

    /// Writes `text` to standard output.
    pub fn out(&self, text: &str) -> Result<(), WriteError> {
        write_all(&mut io::stdout().lock(), &self.charset.encode(text))
    }

    /// Writes `line` and a line break to standard error. A failure is ignored: there
    /// is nowhere left to report it.
    pub fn err_line(&self, line: &str) {
        let mut text = String::with_capacity(line.len() + 1);
        text.push_str(line);
        text.push('\n');
        let _ = write_all(&mut io::stderr().lock(), &self.charset.encode(&text));
    }
}

/// How many colours a terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colors {
    /// None (`NO_COLOR`, or fewer than 8 by terminfo): no colour codes at all.
    None,
    /// The 8 basic colours (`TERM=linux`, `screen`, `ansi`): written as SGR 30-37 and
    /// 40-47, the bright ones as their basic forms.
    Eight,
    /// 16 or more: written as the backend writes them (`38;5;N`).
    Many,
}

/// The text attributes a terminal can show, from its terminfo entry: what the frames
/// are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rendition {
    pub colors: Colors,
    /// Italics (`sitm`); without them, screen and tmux's `screen` entry show reverse
    /// video instead, so none are written.
    pub italics: bool,
}

impl Rendition {
    /// Everything: a modern terminal.
    pub const FULL: Rendition = Rendition {
        colors: Colors::Many,
        italics: true,
    };

    /// Colour on or off, italics as they are.
    pub fn with_color(color: bool) -> Rendition {
        Rendition {
            colors: if color { Colors::Many } else { Colors::None },
            italics: true,
        }
    }

    fn is_full(self) -> bool {
        self == Rendition::FULL
    }
}

/// Collects a frame and writes it in one piece on `flush` (ratatui flushes once per
/// frame), in the terminal's character set and in the attributes it can show
/// ([`Rendition`]): without colour not one colour code is written (not even the
/// "default colour" resets the backend ends every frame with), with 8 colours only the
/// basic codes, without italics no italics.
#[derive(Debug)]
pub struct FrameWriter<W: Write> {
    buf: Vec<u8>,
    inner: W,
    rendition: Rendition,
    charset: Charset,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(inner: W, rendition: Rendition, charset: Charset) -> FrameWriter<W> {
        FrameWriter {
            buf: Vec::with_capacity(1 << 14),
            inner,
            rendition,
            charset,
        }
    }

    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }
}

/// `bytes` with every SGR sequence (`ESC [ ... m`) rewritten for `rendition`. The
/// frames are the backend's own bytes (text from outside is made visible before it is
/// drawn), so an `ESC [` always starts a sequence of ours.
fn adapt_sgr(bytes: &[u8], rendition: Rendition) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let params_start = i + 2;
            let mut end = params_start;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b';') {
                end += 1;
            }
            if bytes.get(end) == Some(&b'm') {
                let params = std::str::from_utf8(&bytes[params_start..end]).unwrap_or("");
                let kept = adapt_params(params, rendition);
                // An empty list would mean "reset everything": leave the sequence out.
                if !kept.is_empty() {
                    out.extend_from_slice(b"\x1b[");
                    out.extend_from_slice(kept.join(";").as_bytes());
                    out.push(b'm');
                }
                i = end + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The parameters of one SGR sequence, for `rendition`. An empty list `""` (reset)
/// stays a reset: `["0"]`.
fn adapt_params(params: &str, rendition: Rendition) -> Vec<String> {
    if params.is_empty() {
        return vec!["0".into()];
    }
    let fields: Vec<&str> = params.split(';').collect();
    let mut kept = Vec::with_capacity(fields.len());
    let mut i = 0;
    while i < fields.len() {
        let field = fields[i];
        // `38;5;N` and `48;5;N`: an indexed colour, foreground or background.
        if matches!(field, "38" | "48") && fields.get(i + 1) == Some(&"5") {
            let index = fields.get(i + 2).and_then(|n| n.parse::<u8>().ok());
            i += 3;
            let base = if field == "38" { 30 } else { 40 };
            match (rendition.colors, index) {
                (Colors::None, _) => {}
                (Colors::Eight, Some(n @ 0..=7)) => kept.push((base + u32::from(n)).to_string()),
                // Bright black (dark grey) has no basic form that reads: the default.
                (Colors::Eight, Some(8)) => kept.push((base + 9).to_string()),
                (Colors::Eight, Some(n @ 9..=15)) => {
                    kept.push((base + u32::from(n) - 8).to_string());
                }
                (Colors::Eight, _) => kept.push((base + 9).to_string()),
                (Colors::Many, Some(n)) => kept.push(format!("{field};5;{n}")),
                (Colors::Many, None) => {}
            }
            continue;
        }
        i += 1;
        match field {
            // Default colours: nothing to reset where colour is never set.
            "39" | "49" if rendition.colors == Colors::None => {}
            // The underline colour's reset: 256-colour terminals only.
            "59" if rendition.colors != Colors::Many => {}
            "3" | "23" if !rendition.italics => {}
            _ => kept.push(field.to_string()),
        }
    }
    kept
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.rendition.is_full() {
            self.buf = adapt_sgr(&self.buf, self.rendition);
        }
        let result = if self.charset.is_utf8() {
            self.inner.write_all(&self.buf)
        } else {
            let text = String::from_utf8_lossy(&self.buf);
            self.inner.write_all(&self.charset.encode(&text))
        };
        self.buf.clear();
        result.and_then(|()| self.inner.flush())
    }
}

/// Where the frames' bytes collect until the front end takes them (the crossterm
/// backend keeps its writer to itself).
#[derive(Debug, Clone, Default)]
struct FrameSink(Arc<Mutex<Vec<u8>>>);

impl Write for FrameSink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A ratatui backend that writes nothing itself: it collects each frame's bytes (the
/// crossterm backend's escape codes, through a [`FrameWriter`]) for its front end to
/// send — the SSH session through its channel, the local terminal through its writer
/// thread — and takes its size from the front end, which caps it
/// ([`crate::session::MAX_COLS`]). So drawing never waits for a terminal, never fails
/// (not even when ratatui shows the cursor again as it drops the terminal, which would
/// otherwise print to a standard error that may be gone), and never asks a tty for
/// its size or the cursor's place.
#[derive(Debug)]
pub struct FrameBackend {
    inner: CrosstermBackend<FrameWriter<FrameSink>>,
    sink: FrameSink,
    size: Size,
    cursor: Position,
}

impl FrameBackend {
    /// A backend of `size` for a terminal that takes `charset` and shows `rendition`.
    pub fn new(rendition: Rendition, charset: Charset, size: Size) -> FrameBackend {
        let sink = FrameSink::default();
        FrameBackend {
            inner: CrosstermBackend::new(FrameWriter::new(sink.clone(), rendition, charset)),
            sink,
            size,
            cursor: Position::ORIGIN,
        }
    }

    /// The terminal's size changed (already capped by the session).
    pub fn set_size(&mut self, size: Size) {
        self.size = size;
    }

    /// The bytes of the frames drawn since the last call.
    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut *self.sink.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Backend for FrameBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // The crossterm backend leaves the cursor after the last cell it drew;
        // ratatui places it again before showing it, so the position only matters
        // to `get_cursor_position`, which ratatui does not call for a full screen.
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(visible("1, ２"), "1, ２");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("\x1b]0;pwned\x07"), "\\u{1b}]0;pwned\\u{7}");
        assert_eq!(visible("a\u{202e}b\u{9b}c\n"), "a\\u{202e}b\\u{9b}c\\u{a}");
        // The invisible format characters too: one list for the interface, the logs
        // and the reports.
        assert_eq!(
            visible("x\u{ad}\u{2028}\u{2067}\u{fff9}y"),
            "x\\u{ad}\\u{2028}\\u{2067}\\u{fff9}y"
        );
        assert_eq!(visible("花子"), "花子");
    }

    #[test]
    fn invisible_characters_are_made_visible_too() {
        // Each of these was once written raw: a soft hyphen, the Mongolian vowel
        // separator, the deprecated format characters, the interlinear annotation
        // marks, a tag, Hangul fillers, the combining grapheme joiner, line and
        // paragraph separators, a variation selector, the zero-width joiner.
        for c in [
            '\u{ad}',
            '\u{180e}',
            '\u{206a}',
            '\u{206f}',
            '\u{fff9}',
            '\u{fffb}',
            '\u{e0001}',
            '\u{e007f}',
            '\u{115f}',
            '\u{1160}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{34f}',
            '\u{2028}',
            '\u{2029}',
            '\u{fe0f}',
            '\u{200d}',
            '\u{feff}',
            '\u{1d173}',
            '\u{13430}',
        ] {
            assert!(is_invisible(c), "{c:?}");
            let text = format!("1{c}2");
            let shown = visible(&text);
            assert_eq!(shown, format!("1\\u{{{:x}}}2", u32::from(c)));
        }
        // What is drawn as itself stays: letters, kana, digits, combining accents,
        // emoji, braille, the ideographic space, the no-break space.
        for c in [
            'a', '~', ' ', 'あ', '１', '\u{301}', '😀', '⠿', '\u{3000}', '\u{a0}', '²',
        ] {
            assert!(!is_invisible(c), "{c:?}");
        }
        assert!(
            INVISIBLE.windows(2).all(|w| w[0].1 < w[1].0),
            "sorted, apart"
        );
    }

    #[test]
    fn frames_are_written_on_flush_and_colour_resets_stripped_when_asked() {
        let frame = b"\x1b[1;1Hab\x1b[39m\x1b[49m\x1b[59m\x1b[0m";
        let mut plain = FrameWriter::new(Vec::new(), Rendition::with_color(false), Charset::Utf8);
        plain.write_all(frame).unwrap();
        assert!(plain.get_ref().is_empty(), "nothing before flush");
        plain.flush().unwrap();
        assert_eq!(plain.get_ref(), b"\x1b[1;1Hab\x1b[0m");
        let mut colored = FrameWriter::new(Vec::new(), Rendition::FULL, Charset::Utf8);
        colored.write_all(frame).unwrap();
        colored.flush().unwrap();
        assert_eq!(colored.get_ref(), frame);
    }

    #[test]
    fn eight_colour_terminals_get_the_basic_codes_and_no_italics_where_they_lack_them() {
        let eight = Rendition {
            colors: Colors::Eight,
            italics: false,
        };
        let adapt = |bytes: &[u8]| String::from_utf8(adapt_sgr(bytes, eight)).unwrap();
        // Cyan and black (the backend writes every colour as an index), dark grey
        // (no basic form: the default), bright red (its basic form).
        assert_eq!(
            adapt(b"\x1b[38;5;6;48;5;0mx\x1b[38;5;8mg\x1b[38;5;9;49m!"),
            "\x1b[36;40mx\x1b[39mg\x1b[31;49m!"
        );
        // Italics on and off go; bold stays; a sequence left empty goes whole (an
        // empty one would reset everything); the underline colour's reset goes.
        assert_eq!(
            adapt(b"\x1b[3m\x1b[1mb\x1b[23m\x1b[59m\x1b[0m\x1b[m"),
            "\x1b[1mb\x1b[0m\x1b[0m"
        );
        // Not an SGR sequence, or not ours to touch.
        assert_eq!(adapt(b"\x1b[2;3H\x1b[?25l["), "\x1b[2;3H\x1b[?25l[");
        let with_italics = Rendition {
            colors: Colors::Eight,
            italics: true,
        };
        assert_eq!(adapt_sgr(b"\x1b[3m", with_italics), b"\x1b[3m");
        assert_eq!(
            adapt_sgr(b"\x1b[38;5;14m", Rendition::with_color(false)),
            b""
        );
    }

    #[test]
    fn frames_are_written_in_the_terminals_character_set() {
        let mut euc = FrameWriter::new(Vec::new(), Rendition::FULL, Charset::EucJp);
        // A character split across two writes is still one character.
        let text = "\x1b[2;3H活性化".as_bytes();
        euc.write_all(&text[..9]).unwrap();
        euc.write_all(&text[9..]).unwrap();
        euc.flush().unwrap();
        let (back, _, bad) = encoding_rs::EUC_JP.decode(euc.get_ref());
        assert!(!bad);
        assert_eq!(back, "\x1b[2;3H活性化");
    }

    #[test]
    fn write_errors_are_values() {
        struct Broken(io::ErrorKind);
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(self.0))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        assert!(matches!(
            write_all(&mut Broken(io::ErrorKind::BrokenPipe), b"x"),
            Err(WriteError::Closed)
        ));
        assert!(matches!(
            write_all(&mut Broken(io::ErrorKind::StorageFull), b"x"),
            Err(WriteError::Failed(_))
        ));
        assert!(write_all(&mut Vec::new(), b"x").is_ok());
    }

    #[test]
    fn size_and_cursor_come_from_the_front_end_not_a_tty() {
        use ratatui::Terminal;
        use ratatui::widgets::Paragraph;
        let backend = FrameBackend::new(Rendition::FULL, Charset::Utf8, Size::new(33, 7));
        let mut terminal = Terminal::new(backend).unwrap();
        assert_eq!(terminal.size().unwrap(), Size::new(33, 7));
        terminal
            .draw(|f| {
                f.render_widget(Paragraph::new("hello"), f.area());
                f.set_cursor_position((2, 3));
            })
            .unwrap();
        assert_eq!(terminal.get_cursor_position().unwrap(), Position::new(2, 3));
        let bytes = String::from_utf8(terminal.backend_mut().take_output()).unwrap();
        assert!(bytes.contains("hello"), "{bytes:?}");
        assert!(
            terminal.backend_mut().take_output().is_empty(),
            "taken once"
        );
        terminal.backend_mut().set_size(Size::new(50, 10));
        terminal.autoresize().unwrap();
        terminal.draw(|f| assert_eq!(f.area().width, 50)).unwrap();
    }

    #[test]
    fn no_colour_means_no_colour_codes() {
        use ratatui::Terminal;
        use ratatui::widgets::Paragraph;
        let backend = FrameBackend::new(
            Rendition::with_color(false),
            Charset::Utf8,
            Size::new(10, 1),
        );
        let mut terminal = Terminal::new(backend).unwrap();
        terminal
            .draw(|f| f.render_widget(Paragraph::new("x"), f.area()))
            .unwrap();
        let bytes = String::from_utf8(terminal.backend_mut().take_output()).unwrap();
        assert!(
            !bytes.contains("[39m") && !bytes.contains("[49m"),
            "{bytes:?}"
        );
    }

    #[test]
    fn frames_are_collected_in_the_terminals_character_set() {
        use ratatui::Terminal;
        use ratatui::widgets::Paragraph;
        let backend = FrameBackend::new(Rendition::FULL, Charset::EucJp, Size::new(10, 1));
        let mut terminal = Terminal::new(backend).unwrap();
        terminal
            .draw(|f| f.render_widget(Paragraph::new("活性"), f.area()))
            .unwrap();
        let bytes = terminal.backend_mut().take_output();
        for c in ["活", "性"] {
            let (euc, _, _) = encoding_rs::EUC_JP.encode(c);
            assert!(bytes.windows(euc.len()).any(|w| w == &euc[..]), "{bytes:?}");
        }
        assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
    }
}
