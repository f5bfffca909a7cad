//! Everything kasseika writes goes through here: plain text to standard output and
//! standard error ([`Stdio`]) and the frames of the interface ([`FrameWriter`]). Text is
//! written in the terminal's character set; a closed or full stream is an error value,
//! never a panic; and text that came from outside is shown with its control characters
//! made visible ([`visible`]).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::charset::Charset;

/// `text` with every control character written out as `\u{1b}`, so that whatever a
/// learner, a command line or a client sent can be shown on a terminal or in a log
/// without moving the cursor, changing the title or reordering the line. Besides the
/// C0 and C1 controls this covers the invisible format characters that reorder or
/// hide text (bidirectional overrides and isolates, zero-width characters).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `c` would act on a terminal or a log instead of showing: control
/// characters (C0, C1), bidirectional overrides and isolates, and the other
/// invisible format characters that hide or reorder text.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
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

/// Collects a frame and writes it in one piece on `flush` (ratatui flushes once per
/// frame), in the terminal's character set. With colour off it also drops the
/// "default colour" resets the backend ends every frame with, so not one colour escape
/// code reaches the terminal.
#[derive(Debug)]
pub struct FrameWriter<W: Write> {
    buf: Vec<u8>,
    inner: W,
    strip_color: bool,
    charset: Charset,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(inner: W, color: bool, charset: Charset) -> FrameWriter<W> {
        FrameWriter {
            buf: Vec::with_capacity(1 << 14),
            inner,
            strip_color: !color,
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

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.strip_color {
            strip_color_resets(&mut self.buf);
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
    fn frames_are_written_on_flush_and_colour_resets_stripped_when_asked() {
        let frame = b"\x1b[1;1Hab\x1b[39m\x1b[49m\x1b[0m";
        let mut plain = FrameWriter::new(Vec::new(), false, Charset::Utf8);
        plain.write_all(frame).unwrap();
        assert!(plain.get_ref().is_empty(), "nothing before flush");
        plain.flush().unwrap();
        assert_eq!(plain.get_ref(), b"\x1b[1;1Hab\x1b[0m");
        let mut colored = FrameWriter::new(Vec::new(), true, Charset::Utf8);
        colored.write_all(frame).unwrap();
        colored.flush().unwrap();
        assert_eq!(colored.get_ref(), frame);
    }

    #[test]
    fn frames_are_written_in_the_terminals_character_set() {
        let mut euc = FrameWriter::new(Vec::new(), true, Charset::EucJp);
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
}
