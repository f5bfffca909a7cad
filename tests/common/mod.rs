//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod pty;

use std::sync::{Arc, OnceLock};

use kasseika::app::{App, Message};
use kasseika::i18n::{Lang, Localizer};
use kasseika::lesson::LessonId;
use kasseika::ui::Look;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn localizer() -> Arc<Localizer> {
    static LOC: OnceLock<Arc<Localizer>> = OnceLock::new();
    LOC.get_or_init(|| Arc::new(Localizer::embedded().expect("texts load")))
        .clone()
}

pub fn app(lang: Lang, lesson: LessonId) -> App {
    app_with(lang, lesson, Look::default())
}

pub fn app_with(lang: Lang, lesson: LessonId, look: Look) -> App {
    let mut app = App::new(localizer(), lang, lesson, look);
    app.update(Message::Resize(80, 24));
    app
}

/// Sends `text` to the input box, one key at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Message::Edit(kasseika::app::Edit::Insert(c)));
    }
}

/// Focuses the input box, types `text` and presses Enter.
pub fn evaluate(app: &mut App, text: &str) {
    app.update(Message::FocusInput);
    type_text(app, text);
    app.update(Message::Evaluate);
}

pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| kasseika::ui::draw(app, frame))
        .unwrap();
    terminal
}

/// The buffer as plain text, one line per row (wide characters once).
pub fn text_of(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

/// Each row of the buffer followed by a row of its text attributes, one letter a
/// cell: R reversed, U underlined, B bold, D dim, I italic. Shows what stands in
/// for colour when there is none.
pub fn attributes_of(buf: &Buffer) -> String {
    use ratatui::style::Modifier;
    let text = text_of(buf);
    let mut out = String::new();
    for (y, line) in text.lines().enumerate() {
        out.push_str(line);
        out.push('\n');
        let marks: String = (0..buf.area.width)
            .map(|x| {
                let m = buf[(x, y as u16)].modifier;
                if m.contains(Modifier::REVERSED) {
                    'R'
                } else if m.contains(Modifier::UNDERLINED) {
                    'U'
                } else if m.contains(Modifier::BOLD) {
                    'B'
                } else if m.contains(Modifier::DIM) {
                    'D'
                } else if m.contains(Modifier::ITALIC) {
                    'I'
                } else {
                    ' '
                }
            })
            .collect();
        out.push_str(marks.trim_end());
        out.push('\n');
    }
    out
}
