//! The lesson's reading text: formula, explanation paragraphs and NumPy code, wrapped
//! to the pane's width.

use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Localizer};
use crate::lesson::LessonId;

use super::theme::Theme;
use super::wrap::{Styled, join_lines, wrap};

/// One wrapped line and the paragraph it belongs to (used to keep the reading place
/// when the language changes).
#[derive(Debug, Clone)]
pub struct TextLine {
    pub line: Line<'static>,
    pub paragraph: usize,
}

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

/// `|words|` are emphasised; everything else is plain text. (`*` cannot start a
/// line in Fluent, so it cannot be the marker.)
pub fn emphasis(text: &str, plain: Style, emph: Style) -> Styled {
    let mut out = Styled::new();
    let parts: Vec<&str> = text.split(EMPHASIS).collect();
    // An unpaired marker is shown as it is.
    let paired = parts.len() % 2 == 1;
    for (i, part) in parts.iter().enumerate() {
        if !paired && i == parts.len() - 1 && i > 0 {
            out.push("|", plain);
            out.push(part, plain);
        } else {
            out.push(part, if i % 2 == 1 { emph } else { plain });
        }
    }
    out
}

/// Wraps prose (paragraphs of a Fluent message) to `width`.
pub fn prose(text: &str, width: usize, theme: &Theme) -> Vec<(Line<'static>, usize)> {
    let mut out = Vec::new();
    for (pi, para) in paragraphs(text).into_iter().enumerate() {
        if pi > 0 {
            out.push((Line::raw(""), pi - 1));
        }
        let lines: Vec<&str> = para.lines().collect();
        if lines.iter().all(|l| item_marker(l).is_some()) {
            for item in lines {
                let hang = item_marker(item).unwrap_or(0);
                let styled = emphasis(item.trim(), theme.text(), theme.emph());
                out.extend(wrap(&styled, width, hang).into_iter().map(|l| (l, pi)));
            }
        } else {
            let styled = emphasis(&join_lines(para), theme.text(), theme.emph());
            out.extend(wrap(&styled, width, 0).into_iter().map(|l| (l, pi)));
        }
    }
    out
}

/// The explanation and the code, as scrollable lines.
pub fn lesson_lines(
    loc: &Localizer,
    lang: Lang,
    lesson: LessonId,
    width: usize,
    theme: &Theme,
) -> Vec<TextLine> {
    let body = loc.text(lang, &lesson.body_id());
    let mut lines: Vec<TextLine> = prose(&body, width, theme)
        .into_iter()
        .map(|(line, paragraph)| TextLine { line, paragraph })
        .collect();
    let code_paragraph = paragraphs(&body).len();
    let push = |lines: &mut Vec<TextLine>, line| {
        lines.push(TextLine {
            line,
            paragraph: code_paragraph,
        })
    };
    push(&mut lines, Line::raw(""));
    let mut heading = Styled::new();
    heading.push(&loc.text(lang, "code-heading"), theme.heading());
    for line in wrap(&heading, width, 0) {
        push(&mut lines, line);
    }
    let code = loc.text(lang, &lesson.code_id());
    for source_line in code.lines() {
        if source_line.width() <= width {
            push(
                &mut lines,
                Line::styled(source_line.to_string(), theme.code()),
            );
        } else {
            // Code is cut, never re-flowed: continuation lines are indented by 4.
            let mut styled = Styled::new();
            styled.push(source_line, theme.code());
            let hang = source_line.len() - source_line.trim_start().len() + 4;
            for line in wrap(&styled, width, hang) {
                push(&mut lines, line);
            }
        }
    }
    lines
}

/// The formula, wrapped (one Fluent line may hold several formulas, one a line).
pub fn formula_lines(
    loc: &Localizer,
    lang: Lang,
    lesson: LessonId,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let formula = loc.text(lang, &lesson.formula_id());
    formula
        .lines()
        .flat_map(|l| {
            let mut s = Styled::new();
            s.push(l.trim(), theme.formula());
            wrap(&s, width, 2)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_pairs() {
        let plain = Style::new();
        let emph = Style::new().bold();
        let s = emphasis("a |b| c", plain, emph);
        assert_eq!(s.text(), "a b c");
        let s = emphasis("a | b", plain, emph);
        assert_eq!(s.text(), "a | b");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(
            paragraphs("one\ntwo\n\nthree\n\n\nfour"),
            ["one\ntwo", "three", "four"]
        );
    }
}
