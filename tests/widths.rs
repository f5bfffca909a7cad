//! Text is drawn where terminals put it: the frames kasseika writes, played on a
//! model of a terminal that gives each character the cells terminals give it (the
//! half-width voiced marks `ﾞ` `ﾟ` a cell of their own, as xterm, tmux, VTE and
//! Windows Terminal do), show no stale character and no phantom space.
//!
//! The model is not vt100: built with unicode-width 0.2.2, vt100 draws `ﾞ` over the
//! character before it, as no terminal here does.

use std::sync::Arc;
use std::time::Instant;

use kasseika::app::App;
use kasseika::charset::Charset;
use kasseika::i18n::{Lang, Localizer};
use kasseika::lesson::LessonId;
use kasseika::output::{FrameBackend, Rendition};
use kasseika::session::Session;
use kasseika::ui::Look;
use ratatui::Terminal;
use ratatui::layout::Size;
use unicode_width::UnicodeWidthChar;

/// The cells a terminal gives `c` (wcwidth, with the voiced marks a cell each).
fn cells(c: char) -> usize {
    if matches!(c, '\u{FF9E}' | '\u{FF9F}') {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// A terminal that takes what kasseika writes: cursor moves (`ESC [ row ; col H`),
/// characters at the cursor, every other sequence ignored.
struct Screen {
    cols: usize,
    /// Each cell's text; `None` for the second cell of a wide character.
    rows: Vec<Vec<Option<String>>>,
    x: usize,
    y: usize,
    /// Whether the cursor is shown.
    shown: bool,
    /// Where the cursor was at the end of the last frame that showed it.
    cursor: (usize, usize),
}

impl Screen {
    fn new(cols: usize, rows: usize) -> Screen {
        Screen {
            cols,
            rows: vec![vec![Some(" ".to_string()); cols]; rows],
            x: 0,
            y: 0,
            shown: false,
            cursor: (0, 0),
        }
    }

    fn play(&mut self, bytes: &[u8]) {
        let text = String::from_utf8(bytes.to_vec()).expect("frames are UTF-8");
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                if chars.peek() != Some(&'[') {
                    chars.next();
                    continue;
                }
                chars.next();
                let mut params = String::new();
                let last = loop {
                    match chars.next() {
                        Some(p) if ('\u{20}'..='\u{3f}').contains(&p) => params.push(p),
                        Some(last) => break last,
                        None => break '\0',
                    }
                };
                match (last, params.as_str()) {
                    ('H', _) => {
                        let mut numbers =
                            params.split(';').map(|n| n.parse::<usize>().unwrap_or(1));
                        self.y = numbers.next().unwrap_or(1).max(1) - 1;
                        self.x = numbers.next().unwrap_or(1).max(1) - 1;
                    }
                    ('h', "?25") => self.shown = true,
                    ('l', "?25") => self.shown = false,
                    _ => {}
                }
                continue;
            }
            let width = cells(c);
            let row = &mut self.rows[self.y];
            if width == 0 {
                // A combining mark joins the character before it.
                if let Some(Some(cell)) = self.x.checked_sub(1).and_then(|x| row.get_mut(x)) {
                    cell.push(c);
                }
                continue;
            }
            if self.x + width > self.cols {
                continue;
            }
            // As terminals do: writing over half of a wide character blanks the
            // other half.
            if row[self.x].is_none() && self.x > 0 {
                row[self.x - 1] = Some(" ".to_string());
            }
            let end = self.x + width;
            if row.get(end).is_some_and(Option::is_none) {
                row[end] = Some(" ".to_string());
            }
            row[self.x] = Some(c.to_string());
            if width == 2 {
                row[self.x + 1] = None;
            }
            self.x += width;
        }
        if self.shown {
            self.cursor = (self.x, self.y);
        }
    }

    fn lines(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|row| row.iter().flatten().map(String::as_str).collect())
            .collect()
    }

    fn text(&self) -> String {
        self.lines().join("\n")
    }
}

struct Run {
    session: Session<FrameBackend>,
    screen: Screen,
}

impl Run {
    fn new(lang: Lang, lesson: LessonId) -> Run {
        let loc = Arc::new(Localizer::embedded().unwrap());
        let app = App::new(loc, lang, lesson, Look::default());
        let backend = FrameBackend::new(Rendition::FULL, Charset::Utf8, Size::new(80, 24));
        let mut session = Session::new(app, Terminal::new(backend).unwrap());
        session.start().unwrap();
        let mut run = Run {
            session,
            screen: Screen::new(80, 24),
        };
        run.take_frame();
        run
    }

    fn take_frame(&mut self) {
        let bytes = self.session.terminal.backend_mut().take_output();
        self.screen.play(&bytes);
    }

    fn keys(&mut self, bytes: &[u8]) {
        self.session.input(bytes.to_vec(), Instant::now());
        while self.session.has_work() {
            self.session.work(256);
        }
        self.session.draw_if_changed().unwrap();
        self.take_frame();
    }

    /// The input box's line, from its prompt.
    fn input_line(&self) -> String {
        let lines = self.screen.lines();
        let line = lines
            .iter()
            .find(|l| l.contains("│> "))
            .unwrap_or_else(|| panic!("no input box:\n{}", self.screen.text()));
        line[line.find("│> ").unwrap()..].to_string()
    }
}

/// `ｶﾞ` typed into the box took three cells in ratatui's buffer where terminals draw
/// two: the box showed a stale character of its placeholder after each, the cursor
/// was off, and the error quoted the token with a phantom cell (`「1ｶﾞ─ﾊﾟ─2」`).
#[test]
fn half_width_katakana_with_voiced_marks_in_the_box_and_the_error() {
    let mut run = Run::new(Lang::Ja, LessonId::Sigmoid);
    run.keys(b"\t");
    run.keys("1ｶﾞﾊﾟ2".as_bytes());
    let line = run.input_line();
    assert!(line.starts_with("│> 1ｶﾞﾊﾟ2 "), "{line:?}");
    let after = line.trim_start_matches("│> 1ｶﾞﾊﾟ2");
    assert!(
        after.trim_end_matches('│').trim().is_empty(),
        "something stale after the text: {line:?}"
    );
    // The cursor right after the `2`: the text's cells after the prompt's.
    let lines = run.screen.lines();
    let y = lines.iter().position(|l| l.contains("│> 1")).unwrap();
    let row: String = lines[y].clone();
    let prompt_x = row
        .chars()
        .take_while(|&c| c != '>')
        .map(cells)
        .sum::<usize>();
    assert_eq!(
        run.screen.cursor,
        (prompt_x + 2 + 6, y),
        "\n{}",
        run.screen.text()
    );

    run.keys(b"\r");
    let text = run.screen.text();
    assert!(text.contains("「1ｶﾞﾊﾟ2」"), "{text}");

    // Erased a piece at a time: the box shows what it holds and nothing of what it
    // held (a `ﾞ` left on the screen when `ｶﾞ` went).
    for _ in 0..3 {
        run.keys(b"\x7f");
        let value = run.session.app.page().input.value().to_string();
        let line = run.input_line();
        let shown = format!("│> {value}");
        assert!(line.starts_with(&shown), "{value:?}: {line:?}");
        assert!(
            line[shown.len()..].trim_end_matches('│').trim().is_empty(),
            "{value:?}: something stale in {line:?}"
        );
    }
    assert_eq!(run.session.app.page().input.value(), "1");
    // Each line of the screen is as wide as the screen: nothing pushed a border.
    for line in run.screen.lines() {
        assert_eq!(line.chars().map(cells).sum::<usize>(), 80, "{line:?}");
    }
}
