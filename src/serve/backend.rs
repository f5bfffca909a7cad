//! A ratatui backend for a terminal at the other end of an SSH channel.
//!
//! `CrosstermBackend` asks the *server's* tty for the size and the cursor position
//! (from `Terminal::new`, `autoresize` and `clear`); here both come from the
//! session: the size from the client's pty and window-change requests, the cursor
//! from where the frame last put it. The escape codes are the crossterm backend's
//! own, collected per frame by the local loop's [`FrameWriter`] (which also strips
//! colour when the look has none and writes the client's character set), so the
//! session task can send a frame as one piece through the channel.

use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use crate::charset::Charset;
use crate::output::FrameWriter;

/// Where the frames' bytes collect until the session task takes them (the
/// crossterm backend keeps its writer to itself).
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

/// The crossterm backend with the session's size and cursor.
#[derive(Debug)]
pub struct SessionBackend {
    inner: CrosstermBackend<FrameWriter<FrameSink>>,
    sink: FrameSink,
    size: Size,
    cursor: Position,
}

impl SessionBackend {
    /// A backend of `size` for a client whose terminal takes `charset`.
    pub fn new(color: bool, charset: Charset, size: Size) -> SessionBackend {
        let sink = FrameSink::default();
        SessionBackend {
            inner: CrosstermBackend::new(FrameWriter::new(sink.clone(), color, charset)),
            sink,
            size,
            cursor: Position::ORIGIN,
        }
    }

    /// The client's window changed.
    pub fn set_size(&mut self, size: Size) {
        self.size = size;
    }

    /// The bytes of the frames drawn since the last call.
    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut *self.sink.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Backend for SessionBackend {
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
    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;

    #[test]
    fn size_and_cursor_come_from_the_session_not_the_tty() {
        let backend = SessionBackend::new(true, Charset::Utf8, Size::new(33, 7));
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
        let backend = SessionBackend::new(false, Charset::Utf8, Size::new(10, 1));
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
    fn frames_are_written_in_the_clients_character_set() {
        let backend = SessionBackend::new(true, Charset::EucJp, Size::new(10, 1));
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
