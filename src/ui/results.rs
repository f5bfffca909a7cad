//! The results area: the numbers of an evaluation, or what was wrong with the input.

use fluent_bundle::FluentValue;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::activation::{EXP_LIMIT_F32, EXP_LIMIT_F64};
use crate::app::Page;
use crate::i18n::Tr;
use crate::lesson::Evaluation;
use crate::number::{display, display_pow10};
use crate::value_input::InputError;

use super::theme::Theme;
use super::wrap::{Styled, wrap};

/// A number as a span: `inf` and `NaN` stand out by style as well as by word.
fn num(v: f64, theme: &Theme) -> Span<'static> {
    let style = if v.is_finite() {
        theme.text()
    } else {
        theme.non_finite()
    };
    Span::styled(display(v), style)
}

/// Lays rows out in columns two cells apart.
fn table(rows: Vec<Vec<Span<'static>>>) -> Vec<Line<'static>> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.content.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.into_iter()
        .map(|row| {
            let last = row.len().saturating_sub(1);
            let mut spans = Vec::new();
            for (c, span) in row.into_iter().enumerate() {
                let pad = widths[c].saturating_sub(span.content.width());
                spans.push(span);
                if c < last {
                    spans.push(Span::raw(" ".repeat(pad + 2)));
                }
            }
            Line::from(spans)
        })
        .collect()
}

fn note(text: &str, width: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    let mut s = Styled::new();
    s.push(text, style);
    wrap(&s, width, 0)
}

/// What the results area shows: the numbers (or the error) first, then notes that
/// are shown whole when there is room, in order.
#[derive(Debug, Default)]
pub struct Results {
    pub main: Vec<Line<'static>>,
    pub notes: Vec<Vec<Line<'static>>>,
}

impl Results {
    /// Rows wanted to show everything.
    pub fn height(&self) -> usize {
        self.main.len() + self.notes.iter().map(Vec::len).sum::<usize>()
    }

    /// The lines that fit in `rows`: all of `main` that fits, then whole notes.
    /// When `main` itself is cut, its last row says how many rows are hidden.
    pub fn fit(&self, rows: usize, more: impl Fn(usize) -> Line<'static>) -> Vec<Line<'static>> {
        if self.main.len() > rows {
            let mut out: Vec<_> = self.main[..rows.saturating_sub(1)].to_vec();
            if rows > 0 {
                out.push(more(self.main.len() - out.len()));
            }
            return out;
        }
        let mut out = self.main.clone();
        for note in &self.notes {
            if out.len() + note.len() <= rows {
                out.extend(note.iter().cloned());
            }
        }
        out
    }
}

/// The results of `page`, `width` cells wide.
pub fn results(tr: Tr, page: &Page, width: usize, theme: &Theme) -> Results {
    if let Some(error) = &page.error {
        return Results {
            main: error_lines(tr, error, width, theme),
            notes: vec![note(&tr.t("error-accepted"), width, theme.dim())],
        };
    }
    evaluations(tr, page.evaluations(), width, theme)
}

/// Tables of `evals` and their notes, `width` cells wide.
pub fn evaluations(tr: Tr, evals: &[Evaluation], width: usize, theme: &Theme) -> Results {
    let mut out = Results::default();
    let mut non_finite = false;
    for eval in evals {
        non_finite |= shows_non_finite(eval);
        evaluation_lines(tr, eval, width, theme, &mut out);
    }
    if non_finite {
        out.notes
            .push(note(&tr.t("legend-non-finite"), width, theme.dim()));
    }
    out
}

fn shows_non_finite(eval: &Evaluation) -> bool {
    let any = |v: &[f64]| v.iter().any(|x| !x.is_finite());
    match eval {
        Evaluation::Scalar { points, .. } => points.iter().any(|(x, y)| any(&[*x, *y])),
        Evaluation::Softmax { inputs, probs } => any(inputs) || any(probs),
        Evaluation::Exp { x, f64, f32 } => any(&[*x, *f64, *f32]),
        Evaluation::Compare {
            inputs,
            naive,
            stable,
        } => any(inputs) || any(naive) || any(stable),
    }
}

fn header(text: String, theme: &Theme) -> Span<'static> {
    Span::styled(text, theme.dim())
}

fn evaluation_lines(tr: Tr, eval: &Evaluation, width: usize, theme: &Theme, res: &mut Results) {
    let out = &mut res.main;
    let mut notes = Vec::new();
    match eval {
        Evaluation::Scalar { points, .. } => {
            let mut rows = vec![vec![
                header(tr.t("col-x"), theme),
                header(tr.t("col-fx"), theme),
            ]];
            let last = points.len().saturating_sub(1);
            for (i, (x, y)) in points.iter().enumerate() {
                let mut row = vec![num(*x, theme), num(*y, theme)];
                if i == last {
                    row.iter_mut()
                        .for_each(|s| s.style = s.style.patch(theme.probe()));
                }
                rows.push(row);
            }
            out.extend(table(rows));
        }
        Evaluation::Softmax { inputs, probs } => {
            let mut rows = vec![vec![
                header(tr.t("col-a"), theme),
                header(tr.t("col-y"), theme),
            ]];
            for (a, y) in inputs.iter().zip(probs) {
                rows.push(vec![num(*a, theme), num(*y, theme)]);
            }
            let sum: f64 = probs.iter().sum();
            rows.push(vec![header(tr.t("col-sum"), theme), num(sum, theme)]);
            out.extend(table(rows));
            if eval.has_non_finite_input() && probs.iter().any(|p| p.is_nan()) {
                notes.push(note(&tr.t("note-non-finite-input"), width, theme.error()));
            }
        }
        Evaluation::Exp { x, f64, f32 } => {
            let mut rows = vec![
                vec![
                    header(
                        tr.f("col-exp", &[("x", FluentValue::from(display(*x)))]),
                        theme,
                    ),
                    Span::raw(""),
                ],
                vec![Span::raw(tr.t("col-float64")), num(*f64, theme)],
                vec![Span::raw(tr.t("col-float32")), num(*f32, theme)],
            ];
            if x.is_finite() && (f64.is_infinite() || *f64 == 0.0) {
                rows.push(vec![
                    Span::raw(tr.t("col-true-value")),
                    Span::styled(display_pow10(x * std::f64::consts::LOG10_E), theme.good()),
                ]);
            }
            out.extend(table(rows));
            if f64.is_infinite() && x.is_finite() {
                notes.push(note(
                    &tr.f(
                        "note-overflow-f64",
                        &[("limit", display(EXP_LIMIT_F64).into())],
                    ),
                    width,
                    theme.dim(),
                ));
            } else if f32.is_infinite() && x.is_finite() {
                notes.push(note(
                    &tr.f(
                        "note-overflow-f32",
                        &[("limit", display(EXP_LIMIT_F32).into())],
                    ),
                    width,
                    theme.dim(),
                ));
            }
        }
        Evaluation::Compare {
            inputs,
            naive,
            stable,
        } => {
            let mut rows = vec![vec![
                header(tr.t("col-a"), theme),
                header(tr.t("col-naive"), theme),
                header(tr.t("col-stable"), theme),
            ]];
            for ((a, n), s) in inputs.iter().zip(naive).zip(stable) {
                rows.push(vec![num(*a, theme), num(*n, theme), num(*s, theme)]);
            }
            let sum = |v: &[f64]| v.iter().sum::<f64>();
            rows.push(vec![
                header(tr.t("col-sum"), theme),
                num(sum(naive), theme),
                num(sum(stable), theme),
            ]);
            out.extend(table(rows));
            if eval.has_non_finite_input() && stable.iter().any(|p| p.is_nan()) {
                notes.push(note(&tr.t("note-non-finite-input"), width, theme.error()));
            } else if naive.iter().any(|v| v.is_nan()) {
                let max = inputs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                notes.push(note(
                    &tr.f("note-naive-nan", &[("max", display(max).into())]),
                    width,
                    theme.dim(),
                ));
            }
        }
    }
    res.notes.extend(notes);
}

/// What was wrong with the input, in one sentence.
pub fn error_message(tr: Tr, error: &InputError) -> String {
    match error {
        InputError::Empty => tr.t("error-empty"),
        InputError::BadToken { token, position } => tr.f(
            "error-bad-token",
            &[
                ("token", token.as_str().into()),
                ("position", (*position).into()),
            ],
        ),
        InputError::Lookalike {
            token,
            position,
            character,
        } => tr.f(
            "error-lookalike",
            &[
                ("token", token.as_str().into()),
                ("position", (*position).into()),
                ("name", lookalike_name(tr, *character).into()),
                ("char", character.to_string().into()),
            ],
        ),
        InputError::TooLong { max, .. } => tr.f("error-too-long", &[("max", (*max).into())]),
        InputError::TooMany { count, max } => tr.f(
            "error-too-many",
            &[("count", (*count).into()), ("max", (*max).into())],
        ),
    }
}

/// The name of a character that stands for a digit or sign (`superscript two`).
fn lookalike_name(tr: Tr, c: char) -> String {
    use crate::value_input::{LookalikeKind, lookalike};
    let Some(found) = lookalike(c) else {
        return c.to_string();
    };
    let id = match found.kind {
        LookalikeKind::Superscript => "lookalike-superscript",
        LookalikeKind::Subscript => "lookalike-subscript",
        LookalikeKind::Circled => "lookalike-circled",
        LookalikeKind::Parenthesized => "lookalike-parenthesized",
        LookalikeKind::WithFullStop => "lookalike-full-stop",
        LookalikeKind::Fraction => "lookalike-fraction",
        LookalikeKind::Roman => "lookalike-roman",
        LookalikeKind::Other => "lookalike-other",
    };
    // A number selects its word ("two"), a sign its name; anything else is shown as it is.
    let plain = match (found.plain.parse::<u32>(), found.plain.as_str()) {
        (Ok(n), _) => FluentValue::from(n),
        (_, "-") => FluentValue::from("minus"),
        (_, "+") => FluentValue::from("plus"),
        _ => FluentValue::from(found.plain),
    };
    let code = format!("{:04X}", u32::from(c));
    tr.f(id, &[("plain", plain), ("code", code.into())])
}

/// What was wrong, labelled as an error.
pub fn error_lines(tr: Tr, error: &InputError, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let message = error_message(tr, error);
    let mut s = Styled::new();
    s.push(&tr.t("error-label"), theme.error().reversed());
    s.push(" ", theme.text());
    s.push(&message, theme.error());
    wrap(&s, width, 0)
}
