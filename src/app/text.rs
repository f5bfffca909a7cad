//! The reading text typeset: formula, explanation paragraphs and NumPy code, as lines
//! for a given width. Pure: the model measures it to keep the reading place, the
//! view paints the same lines, `show` prints them.
//!
//! Markup in the Fluent texts: `|words|` are emphasised; `` `an expression` `` is a
//! formula or a piece of code, drawn in the formula style and never broken inside
//! (backticks not shown). An unpaired marker is shown as it is.

use crate::width::StrWidth;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::i18n::{Lang, Localizer};
use crate::lesson::LessonId;

use super::wrap::{Styled, join_lines, wrap};

/// The styles the typesetter uses; the view's theme provides them.
pub trait TextStyles {
    fn text(&self) -> Style;
    fn emph(&self) -> Style;
    fn formula(&self) -> Style;
    fn code(&self) -> Style;
    fn heading(&self) -> Style;
}

/// No styles at all: for measuring.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unstyled;

impl TextStyles for Unstyled {
    fn text(&self) -> Style {
        Style::new()
    }
    fn emph(&self) -> Style {
        Style::new()
    }
    fn formula(&self) -> Style {
        Style::new()
    }
    fn code(&self) -> Style {
        Style::new()
    }
    fn heading(&self) -> Style {
        Style::new()
    }
}

/// One typeset line and the paragraph it belongs to (used to keep the reading place
/// when the language changes).
#[derive(Debug, Clone)]
pub struct TextLine {
    pub line: Line<'static>,
    pub paragraph: usize,
    /// A line of code: never wrapped; the view clips it and scrolls it sideways.
    pub code: bool,
}

/// What the reading pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Lesson(LessonId),
    /// The closing words after the last lesson.
    Closing,
}

impl Doc {
    /// Message id of the pane's title.
    pub fn title_id(self) -> String {
        match self {
            Doc::Lesson(lesson) => lesson.title_id(),
            Doc::Closing => "closing-title".into(),
        }
    }
}

/// The keys the lesson texts name, passed to them as arguments (key names are never
/// translated): the argument, the key as shown, and what it does. The key table in
/// `keys` decides what a key does; a test there holds these to it.
pub const TEXT_KEYS: [(&str, &str, crate::app::Message); 5] = {
    use crate::app::Message;
    [
        ("derivative", "d", Message::ToggleDerivative),
        ("functions", "f", Message::FocusFunctions),
        ("more", "+", Message::More),
        ("less", "-", Message::Less),
        ("results", "r", Message::FocusResults),
    ]
};

/// [`TEXT_KEYS`] as Fluent arguments: `$derivative`, `$functions`, `$more`, `$less`,
/// `$results`.
pub fn key_args() -> Vec<(&'static str, fluent_bundle::FluentValue<'static>)> {
    TEXT_KEYS
        .iter()
        .map(|(name, key, _)| (*name, (*key).into()))
        .collect()
}

/// The command the closing words suggest, to print a lesson with its code.
pub const CLOSING_COMMAND: &str = "kasseika show sigmoid";

/// Paragraphs of a Fluent text: separated by blank lines.
pub fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim_end)
        .map(|p| p.trim_start_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// Marks emphasis in lesson texts.
pub const EMPHASIS: char = '|';
/// Marks an expression (formula or code) in lesson texts.
pub const EXPRESSION: char = '`';

/// A list item starts with `- ` or `・`: its continuation lines hang under the text.
fn item_marker(line: &str) -> Option<usize> {
    let line = line.trim_start();
    if line.starts_with("- ") {
        Some(2)
    } else if line.starts_with('・') {
        Some("・".width())
    } else {
        None
    }
}

/// Byte positions of the markers `m` that pair up (first with second, third with
/// fourth...), skipping the ranges in `skip`; an odd one out is left as text.
fn paired(text: &str, m: char, skip: &[(usize, usize)]) -> Vec<usize> {
    let mut at: Vec<usize> = text
        .match_indices(m)
        .map(|(i, _)| i)
        .filter(|i| !skip.iter().any(|&(a, b)| a <= *i && *i <= b))
        .collect();
    if at.len() % 2 == 1 {
        at.pop();
    }
    at
}

/// Inline markup: `|emphasis|` and `` `expressions` ``; everything else is text.
/// (`*` cannot start a line in Fluent, so it cannot be the emphasis marker.)
pub fn inline(text: &str, styles: &impl TextStyles) -> Styled {
    let ticks = paired(text, EXPRESSION, &[]);
    let expressions: Vec<(usize, usize)> = ticks.chunks(2).map(|p| (p[0], p[1])).collect();
    let bars = paired(text, EMPHASIS, &expressions);
    let mut out = Styled::new();
    let mut emph = false;
    let mut start = 0;
    let mut i = 0;
    let style = |emph: bool| if emph { styles.emph() } else { styles.text() };
    while i < text.len() {
        if let Some(&(a, b)) = expressions.iter().find(|(a, _)| *a == i) {
            out.push(&text[start..a], style(emph));
            out.push_kept(&text[a + 1..b], styles.formula());
            i = b + 1;
            start = i;
        } else if bars.contains(&i) {
            out.push(&text[start..i], style(emph));
            emph = !emph;
            i += 1;
            start = i;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push(&text[start..], style(emph));
    out
}

/// Wraps prose (paragraphs of a Fluent message) to `width`: (line, paragraph).
pub fn prose(text: &str, width: usize, styles: &impl TextStyles) -> Vec<(Line<'static>, usize)> {
    let mut out = Vec::new();
    for (pi, para) in paragraphs(text).into_iter().enumerate() {
        if pi > 0 {
            out.push((Line::raw(""), pi - 1));
        }
        let lines: Vec<&str> = para.lines().collect();
        if lines.iter().all(|l| item_marker(l).is_some()) {
            for item in lines {
                let hang = item_marker(item).unwrap_or(0);
                let styled = inline(item.trim(), styles);
                out.extend(wrap(&styled, width, hang).into_iter().map(|l| (l, pi)));
            }
        } else {
            let styled = inline(&join_lines(para), styles);
            out.extend(wrap(&styled, width, 0).into_iter().map(|l| (l, pi)));
        }
    }
    out
}

fn prose_lines(text: &str, width: usize, styles: &impl TextStyles) -> Vec<TextLine> {
    prose(text, width, styles)
        .into_iter()
        .map(|(line, paragraph)| TextLine {
            line,
            paragraph,
            code: false,
        })
        .collect()
}

/// The explanation and the code of a lesson, as scrollable lines. Code lines are
/// whole, however wide: wrapping code would make it invalid.
pub fn lesson_lines(
    loc: &Localizer,
    lang: Lang,
    lesson: LessonId,
    width: usize,
    styles: &impl TextStyles,
) -> Vec<TextLine> {
    let body = loc.format(lang, &lesson.body_id(), &key_args());
    let mut lines = prose_lines(&body, width, styles);
    let code_paragraph = paragraphs(&body).len();
    let push = |lines: &mut Vec<TextLine>, line, code| {
        lines.push(TextLine {
            line,
            paragraph: code_paragraph,
            code,
        })
    };
    push(&mut lines, Line::raw(""), false);
    let mut heading = Styled::new();
    heading.push(&loc.text(lang, "code-heading"), styles.heading());
    for line in wrap(&heading, width, 0) {
        push(&mut lines, line, false);
    }
    let code = loc.text(lang, &lesson.code_id());
    for source_line in code.lines() {
        push(
            &mut lines,
            Line::styled(source_line.to_string(), styles.code()),
            true,
        );
    }
    lines
}

/// The lines of `doc` (a lesson's explanation and code, or the closing words).
pub fn doc_lines(
    loc: &Localizer,
    lang: Lang,
    doc: Doc,
    width: usize,
    styles: &impl TextStyles,
) -> Vec<TextLine> {
    match doc {
        Doc::Lesson(lesson) => lesson_lines(loc, lang, lesson, width, styles),
        Doc::Closing => {
            let body = loc.format(lang, "closing-body", &[("command", CLOSING_COMMAND.into())]);
            prose_lines(&body, width, styles)
        }
    }
}

/// The formula, wrapped (one Fluent line may hold several formulas, one a line).
/// A formula is one expression: it breaks only at its spaces, and only when it is
/// wider than the line.
pub fn formula_lines(
    loc: &Localizer,
    lang: Lang,
    lesson: LessonId,
    width: usize,
    styles: &impl TextStyles,
) -> Vec<Line<'static>> {
    let formula = loc.text(lang, &lesson.formula_id());
    formula
        .lines()
        .flat_map(|l| wrap(&formula_line(l.trim(), styles.formula()), width, 2))
        .collect()
}

/// One line of a formula: kept whole, or, when it marks its parts with backticks
/// (`` `y = a` `/ b` ``), broken only between those parts.
fn formula_line(line: &str, style: Style) -> Styled {
    let ticks = paired(line, EXPRESSION, &[]);
    let mut s = Styled::new();
    if ticks.is_empty() {
        s.push_kept(line, style);
        return s;
    }
    let mut start = 0;
    for pair in ticks.chunks(2) {
        s.push(&line[start..pair[0]], style);
        s.push_kept(&line[pair[0] + 1..pair[1]], style);
        start = pair[1] + 1;
    }
    s.push(&line[start..], style);
    s
}

/// The formula of `doc`, if it has one.
pub fn doc_formula(
    loc: &Localizer,
    lang: Lang,
    doc: Doc,
    width: usize,
    styles: &impl TextStyles,
) -> Vec<Line<'static>> {
    match doc {
        Doc::Lesson(lesson) => formula_lines(loc, lang, lesson, width, styles),
        Doc::Closing => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_breaks_only_between_its_marked_parts() {
        let plain = |lines: Vec<Line>| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        let marked = formula_line("`y = e^(a - m) /` `sum e^(a - m)`", Style::new());
        assert_eq!(
            plain(wrap(&marked, 20, 2)),
            ["y = e^(a - m) /", "  sum e^(a - m)"]
        );
        assert_eq!(
            plain(wrap(&marked, 40, 2)),
            ["y = e^(a - m) / sum e^(a - m)"]
        );
        // Unmarked, a formula is one expression: broken at its spaces only when
        // it is wider than the line, never inside a token.
        let whole = formula_line("h(x) = 1 / (1 + e^(-x))", Style::new());
        assert_eq!(plain(wrap(&whole, 30, 2)), ["h(x) = 1 / (1 + e^(-x))"]);
        for line in plain(wrap(&whole, 12, 2)) {
            assert!(!line.trim().is_empty() && line.len() <= 12, "{line:?}");
        }
    }

    struct Marked;
    impl TextStyles for Marked {
        fn text(&self) -> Style {
            Style::new()
        }
        fn emph(&self) -> Style {
            Style::new().bold()
        }
        fn formula(&self) -> Style {
            Style::new().italic()
        }
        fn code(&self) -> Style {
            Style::new().dim()
        }
        fn heading(&self) -> Style {
            Style::new().underlined()
        }
    }

    fn spans(s: &Styled) -> Vec<(String, Style)> {
        wrap(s, 200, 0)[0]
            .spans
            .iter()
            .map(|sp| (sp.content.to_string(), sp.style))
            .collect()
    }

    #[test]
    fn emphasis_pairs() {
        let s = inline("a |b| c", &Marked);
        assert_eq!(s.text(), "a b c");
        assert_eq!(spans(&s)[1], ("b".into(), Style::new().bold()));
        let s = inline("a | b", &Marked);
        assert_eq!(s.text(), "a | b");
    }

    #[test]
    fn backticks_mark_expressions_and_are_not_shown() {
        let s = inline("choose `log C = -max(a)`, then |sum|", &Marked);
        assert_eq!(s.text(), "choose log C = -max(a), then sum");
        let sp = spans(&s);
        assert_eq!(sp[1], ("log C = -max(a)".into(), Style::new().italic()));
        assert_eq!(sp.last().unwrap().1, Style::new().bold());
        // A bar inside an expression is not emphasis; an unpaired backtick is text.
        assert_eq!(inline("`a|b` and |c|", &Marked).text(), "a|b and c");
        assert_eq!(inline("it's a ` tick", &Marked).text(), "it's a ` tick");
        assert_eq!(inline("`x` and `y", &Marked).text(), "x and `y");
        assert_eq!(inline("plain text", &Marked).text(), "plain text");
        assert_eq!(
            inline("日本語の `exp(0) = 1` です", &Marked).text(),
            "日本語の exp(0) = 1 です"
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(
            paragraphs("one\ntwo\n\nthree\n\n\nfour"),
            ["one\ntwo", "three", "four"]
        );
    }
}
