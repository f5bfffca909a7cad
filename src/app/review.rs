//! The review of the exercises: every exercise the learner tried or skipped, lesson
//! by lesson, with the learner's answer, whether it is right, and why. Typeset here
//! (the model measures it to scroll; the view paints the same lines with its
//! styles).
//!
//! An exercise tried and not yet solved shows the learner's answer but not its why:
//! the why gives the answer away, and the exercise is still there to be solved (its
//! why comes once it is solved, or skipped).

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding};

use super::course::{DrillStyles, status_text};
use super::text::prose;
use super::wrap::{Styled, wrap};
use crate::exercise::{self, Status};
use crate::i18n::Tr;
use crate::lesson::LessonId;
use crate::progress::Progress;

/// Inside the review's border and padding.
pub fn review_inner(area: Rect) -> Rect {
    Block::bordered()
        .padding(Padding::horizontal(1))
        .inner(area)
}

/// The key that opens a lesson's exercises, as the empty review names it (a test
/// holds it to the key table).
pub const EXERCISES_KEY: &str = "e";

/// Cells the lines of one exercise are indented by, under its lesson.
const INDENT: usize = 2;

/// The review typeset for `width` cells.
pub fn review_lines(
    tr: Tr,
    progress: &Progress,
    width: usize,
    styles: &impl DrillStyles,
) -> Vec<Line<'static>> {
    let width = width.max(1);
    let inner = width.saturating_sub(INDENT).max(1);
    let indent = |line: Line<'static>| {
        let mut spans = vec![ratatui::text::Span::raw(" ".repeat(INDENT))];
        spans.extend(line.spans);
        Line::from(spans)
    };
    let mut out = Vec::new();
    for lesson in LessonId::ALL {
        let tried: Vec<(usize, &'static exercise::Exercise, Status)> = exercise::exercises(lesson)
            .iter()
            .enumerate()
            .map(|(i, e)| (i, e, progress.status(e)))
            .filter(|(_, _, s)| *s != Status::NotTried)
            .collect();
        if tried.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        let mut heading = Styled::new();
        heading.push_kept(&format!("{}. ", lesson.index() + 1), styles.heading());
        heading.push(&tr.t(&lesson.title_id()), styles.heading());
        out.extend(wrap(&heading, width, 0));
        for (i, e, status) in tried {
            let mut title = Styled::new();
            title.push_kept(&format!("{}. ", i + 1), styles.text());
            title.push(&e.title(tr), styles.text());
            title.push("  ", styles.text());
            title.push_kept(&status_text(tr, status), styles.dim());
            out.extend(wrap(&title, inner, 0).into_iter().map(indent));
            let record = progress.record(e);
            let answer = record.answer.as_ref().map(|a| a.value.clone());
            let said = match &answer {
                Some(text) => {
                    let right = e.is_right(text);
                    let id = if right {
                        "review-answer-right"
                    } else {
                        "review-answer-wrong"
                    };
                    let shown = crate::output::visible(text).into_owned();
                    let mut line = Styled::new();
                    line.push(
                        &tr.f(id, &[("answer", shown.into())]),
                        if right { styles.good() } else { styles.bad() },
                    );
                    line
                }
                None => {
                    let mut line = Styled::new();
                    line.push(&tr.t("review-no-answer"), styles.dim());
                    line
                }
            };
            out.extend(wrap(&said, inner, 0).into_iter().map(indent));
            let why = match status {
                Status::Solved { .. } => Some(e.why(tr, answer.as_deref())),
                Status::Skipped { .. } => Some(e.reveal(tr)),
                Status::Tried { .. } | Status::NotTried => None,
            };
            match why {
                Some(why) => out.extend(
                    prose(&why, inner, styles)
                        .into_iter()
                        .map(|(l, _)| indent(l)),
                ),
                None => {
                    let mut line = Styled::new();
                    line.push(&tr.t("review-why-later"), styles.dim());
                    out.extend(wrap(&line, inner, 0).into_iter().map(indent));
                }
            }
        }
    }
    if out.is_empty() {
        let mut none = Styled::new();
        none.push(
            &tr.f("review-empty", &[("key", EXERCISES_KEY.into())]),
            styles.text(),
        );
        out.extend(wrap(&none, width, 0));
    }
    out
}
