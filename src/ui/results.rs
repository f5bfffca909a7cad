//! The results area: the numbers of an evaluation, or what was wrong with the input.

use fluent_bundle::FluentValue;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::activation::{EXP_LIMIT_F32, EXP_LIMIT_F64};
use crate::app::Page;
use crate::i18n::Tr;
use crate::lesson::{Evaluation, Float, Note, Rounded, Subject};
use crate::number::{SIGNIFICANT, display, display_digits, display_pow10, display_pow10_digits};
use crate::value_input::InputError;

use super::theme::Theme;
use super::wrap::{Styled, wrap};

/// A cell of a results table: text, or a number formatted only once the table
/// knows how many digits fit.
#[derive(Debug, Clone)]
enum Cell {
    Text(Span<'static>),
    /// A number; `input` numbers (what the learner typed) keep their digits longest.
    Num {
        v: f64,
        style: Style,
        input: bool,
    },
    /// `10^log10`, beyond what float64 holds.
    Pow10 {
        log10: f64,
        style: Style,
    },
    /// A word beside a value (`rounded`), and the short form used when the table
    /// would not fit otherwise.
    Tag {
        long: Span<'static>,
        short: Span<'static>,
    },
}

/// A number: `inf` and `NaN` stand out by style as well as by word.
fn num(v: f64, theme: &Theme) -> Cell {
    let style = if v.is_finite() {
        theme.text()
    } else {
        theme.non_finite()
    };
    Cell::Num {
        v,
        style,
        input: false,
    }
}

/// A number the learner typed.
fn input(v: f64, theme: &Theme) -> Cell {
    match num(v, theme) {
        Cell::Num { v, style, .. } => Cell::Num {
            v,
            style,
            input: true,
        },
        other => other,
    }
}

impl Cell {
    fn span(&self, out_digits: usize, in_digits: usize, short: bool) -> Span<'static> {
        match self {
            Cell::Text(span) => span.clone(),
            Cell::Tag { long, short: s } => if short { s } else { long }.clone(),
            Cell::Num { v, style, input } => {
                let digits = if *input { in_digits } else { out_digits };
                Span::styled(display_digits(*v, digits), *style)
            }
            Cell::Pow10 { log10, style } => Span::styled(
                if log10.abs() <= 1e6 {
                    display_pow10_digits(*log10, out_digits)
                } else {
                    format!("10^{}", display_digits(*log10, out_digits))
                },
                *style,
            ),
        }
    }
}

/// Lays rows out in columns two cells apart, within `width`: results lose digits
/// first, then the inputs, until the table fits (a number is never cut).
fn table(rows: Vec<Vec<Cell>>, width: usize) -> Vec<Line<'static>> {
    let digits = (1..=SIGNIFICANT)
        .rev()
        .map(|d| (d, SIGNIFICANT))
        .chain((1..SIGNIFICANT).rev().map(|d| (1, d)));
    // Tags (`rounded`) keep their word while only digits are lost; the short forms
    // come last.
    let attempts = digits
        .clone()
        .map(|(o, i)| (o, i, false))
        .chain(digits.map(|(o, i)| (o, i, true)));
    let mut laid = Vec::new();
    for (out_digits, in_digits, short) in attempts {
        let spans: Vec<Vec<Span<'static>>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| c.span(out_digits, in_digits, short))
                    .collect()
            })
            .collect();
        laid = lay_out(spans);
        if laid.iter().all(|l| l.width() <= width) {
            break;
        }
    }
    laid
}

fn lay_out(rows: Vec<Vec<Span<'static>>>) -> Vec<Line<'static>> {
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

fn note(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
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
    /// The line of `main` that shows each value, in the order of [`crate::app::Page::points`].
    pub value_rows: Vec<usize>,
}

impl Results {
    /// Rows wanted to show everything.
    pub fn height(&self) -> usize {
        self.main.len() + self.notes.iter().map(Vec::len).sum::<usize>()
    }

    /// The lines that fit in `rows`, keeping `main`'s line `line` (the chosen value)
    /// in view. When all of `main` fits, the notes that fit whole follow it; when it
    /// does not, `more(count, below)` makes the line that says how many lines are
    /// hidden above or below, so nothing is cut without a word. Returns the lines
    /// and where `line` is among them.
    pub fn fit(
        &self,
        rows: usize,
        line: usize,
        more: impl Fn(usize, bool) -> Line<'static>,
    ) -> (Vec<Line<'static>>, Option<usize>) {
        let len = self.main.len();
        if len <= rows {
            let mut out = self.main.clone();
            for note in &self.notes {
                if out.len() + note.len() <= rows {
                    out.extend(note.iter().cloned());
                }
            }
            return (out, (line < len).then_some(line));
        }
        if rows < 3 {
            let start = line.min(len - 1).saturating_sub(rows.saturating_sub(1));
            let out = self.main.iter().skip(start).take(rows).cloned().collect();
            return (out, line.checked_sub(start).filter(|&i| i < rows));
        }
        // A window of the lines around `line`, with a line of its own for each
        // hidden part.
        let (start, count) = if line < rows - 1 {
            (0, rows - 1)
        } else if line >= len - (rows - 1) {
            (len - (rows - 1), rows - 1)
        } else {
            let count = rows - 2;
            let start = line
                .saturating_sub((count - 1) / 2)
                .clamp(1, len - count - 1);
            (start, count)
        };
        let mut out = Vec::new();
        if start > 0 {
            out.push(more(start, false));
        }
        let at = out.len() + line - start;
        out.extend(self.main.iter().skip(start).take(count).cloned());
        if start + count < len {
            out.push(more(len - start - count, true));
        }
        (out, Some(at))
    }
}

/// The results of `page`, `width` cells wide.
pub fn results(tr: Tr, page: &Page, width: usize, theme: &Theme) -> Results {
    if let Some(error) = &page.error {
        return Results {
            main: error_lines(tr, error, width, theme),
            notes: vec![note(&tr.t("error-accepted"), width, theme.dim())],
            value_rows: Vec::new(),
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
        Evaluation::Softmax { inputs, probs, .. } => any(inputs) || any(probs),
        Evaluation::Exp { x, f64, f32, .. } => any(&[*x, *f64, *f32]),
        Evaluation::Compare {
            inputs,
            naive,
            stable,
            ..
        } => any(inputs) || any(naive) || any(stable),
    }
}

fn header(text: String, theme: &Theme) -> Cell {
    Cell::Text(Span::styled(text, theme.dim()))
}

fn text(text: String) -> Cell {
    Cell::Text(Span::raw(text))
}

fn evaluation_lines(tr: Tr, eval: &Evaluation, width: usize, theme: &Theme, res: &mut Results) {
    let out = &mut res.main;
    let mut notes = Vec::new();
    // Which line shows each value: the rows after a header, or the header of e^x.
    let base = out.len();
    res.value_rows.extend(match eval {
        Evaluation::Scalar { points, .. } => (1..=points.len()).map(|i| base + i).collect(),
        Evaluation::Softmax { inputs, .. } | Evaluation::Compare { inputs, .. } => {
            (1..=inputs.len()).map(|i| base + i).collect()
        }
        Evaluation::Exp { .. } => vec![base],
    });
    match eval {
        Evaluation::Scalar { points, .. } => {
            let mut rows = vec![vec![
                header(tr.t("col-x"), theme),
                header(tr.t("col-fx"), theme),
            ]];
            let rounded = rounded_rows(tr, eval, theme);
            for (i, (x, y)) in points.iter().enumerate() {
                let mut row = vec![input(*x, theme), num(*y, theme)];
                row.extend(rounded(i));
                rows.push(row);
            }
            out.extend(table(rows, width));
        }
        Evaluation::Softmax { inputs, probs, .. } => {
            let mut rows = vec![vec![
                header(tr.t("col-a"), theme),
                header(tr.t("col-y"), theme),
            ]];
            let rounded = rounded_rows(tr, eval, theme);
            for (i, (a, y)) in inputs.iter().zip(probs).enumerate() {
                let mut row = vec![input(*a, theme), num(*y, theme)];
                row.extend(rounded(i));
                rows.push(row);
            }
            let sum: f64 = probs.iter().sum();
            rows.push(vec![header(tr.t("col-sum"), theme), num(sum, theme)]);
            out.extend(table(rows, width));
        }
        Evaluation::Exp { x, f64, f32, .. } => {
            let mut rows = vec![
                vec![
                    header(
                        tr.f("col-exp", &[("x", FluentValue::from(display(*x)))]),
                        theme,
                    ),
                    text(String::new()),
                ],
                vec![text(tr.t("col-float64")), num(*f64, theme)],
                vec![text(tr.t("col-float32")), num(*f32, theme)],
            ];
            if x.is_finite() && (f64.is_infinite() || *f64 == 0.0) {
                rows.push(vec![
                    text(tr.t("col-true-value")),
                    Cell::Pow10 {
                        log10: x * std::f64::consts::LOG10_E,
                        style: theme.good(),
                    },
                ]);
            }
            out.extend(table(rows, width));
        }
        Evaluation::Compare {
            inputs,
            naive,
            stable,
            ..
        } => {
            let mut rows = vec![vec![
                header(tr.t("col-a"), theme),
                header(tr.t("col-naive"), theme),
                header(tr.t("col-stable"), theme),
            ]];
            let rounded = rounded_rows(tr, eval, theme);
            for (i, ((a, n), s)) in inputs.iter().zip(naive).zip(stable).enumerate() {
                let mut row = vec![input(*a, theme), num(*n, theme), num(*s, theme)];
                row.extend(rounded(i));
                rows.push(row);
            }
            let sum = |v: &[f64]| v.iter().sum::<f64>();
            rows.push(vec![
                header(tr.t("col-sum"), theme),
                num(sum(naive), theme),
                num(sum(stable), theme),
            ]);
            out.extend(table(rows, width));
        }
    }
    for n in eval.notes() {
        notes.push(note(&note_text(tr, &n), width, theme.dim()));
    }
    res.notes.extend(notes);
}

/// The label after a value shown as exactly 1 or 0 although the exact value is
/// neither (a word: symbols may be drawn one or two cells wide).
fn rounded_rows<'a>(
    tr: Tr<'a>,
    eval: &Evaluation,
    theme: &'a Theme,
) -> impl Fn(usize) -> Option<Cell> + 'a {
    let rows: Vec<usize> = eval.rounded().into_iter().map(|(i, _)| i).collect();
    move |i| {
        rows.contains(&i).then(|| Cell::Tag {
            long: Span::styled(tr.t("col-rounded"), theme.dim()),
            short: Span::styled(tr.t("col-rounded-short"), theme.dim()),
        })
    }
}

/// `10^log10` in scientific notation; beyond a million decades the mantissa has no
/// correct digit left, so only the power is written.
fn power_of_ten(log10: f64) -> String {
    if log10.abs() <= 1e6 {
        display_pow10(log10)
    } else {
        format!("10^{}", display(log10))
    }
}

/// The sentence that explains `note`.
pub fn note_text(tr: Tr, note: &Note) -> String {
    let f64_max = || display(f64::MAX).into();
    let f64_min = || display(f64::from_bits(1)).into();
    let f32_max = || display(f64::from(f32::MAX)).into();
    let f32_min = || display(f64::from(f32::from_bits(1))).into();
    let x = |x: &f64| display(*x).into();
    let subject = |s: &Subject| match s {
        Subject::H(x) => ("h", *x),
        Subject::Y(a) => ("y", *a),
    };
    match note {
        Note::InputOverflow { written, value } => tr.f(
            "note-input-overflow",
            &[
                ("written", written.as_str().into()),
                ("value", display(*value).into()),
                ("max", f64_max()),
            ],
        ),
        Note::InputUnderflow { written } => tr.f(
            "note-input-underflow",
            &[("written", written.as_str().into()), ("min", f64_min())],
        ),
        Note::InputInfinite { value } if *value > 0.0 => tr.t("note-input-inf"),
        Note::InputInfinite { .. } => tr.t("note-input-minus-inf"),
        Note::InputNaN => tr.t("note-input-nan"),
        Note::ExpOverflow { x: v, float } => match float {
            Float::F64 => tr.f(
                "note-exp-overflow-f64",
                &[
                    ("x", x(v)),
                    ("max", f64_max()),
                    ("limit", display(EXP_LIMIT_F64).into()),
                ],
            ),
            Float::F32 => tr.f(
                "note-exp-overflow-f32",
                &[
                    ("x", x(v)),
                    ("max", f32_max()),
                    ("limit", display(EXP_LIMIT_F32).into()),
                ],
            ),
        },
        Note::ExpUnderflow {
            x: v,
            float,
            every_term,
        } => match (float, every_term) {
            (Float::F64, false) => {
                tr.f("note-exp-underflow-f64", &[("x", x(v)), ("min", f64_min())])
            }
            (Float::F64, true) => tr.f(
                "note-exp-underflow-every",
                &[("x", x(v)), ("min", f64_min())],
            ),
            (Float::F32, _) => tr.f("note-exp-underflow-f32", &[("x", x(v)), ("min", f32_min())]),
        },
        Note::InfOverInf { finite_terms } => {
            tr.f("note-inf-over-inf", &[("finite", (*finite_terms).into())])
        }
        Note::SumOverflow { x: v } => tr.f(
            "note-sum-overflow",
            &[("x", x(v)), ("value", display(v.exp()).into())],
        ),
        Note::ZeroOverZero => tr.t("note-zero-over-zero"),
        Note::InfMinusInf => tr.t("note-inf-minus-inf"),
        Note::Rounded(Rounded::ToOne {
            subject: s,
            gap_log10,
        }) => {
            let (name, v) = subject(s);
            // The float64 just below 1 is 1 - 2^-53.
            let below_one = 1.0 - f64::from_bits(1f64.to_bits() - 1);
            tr.f(
                "note-rounded-one",
                &[
                    ("subject", name.into()),
                    ("x", x(&v)),
                    ("gap", power_of_ten(*gap_log10).into()),
                    ("step", display(below_one).into()),
                ],
            )
        }
        Note::Rounded(Rounded::ToZero {
            subject: s,
            exact_log10,
        }) => {
            let (name, v) = subject(s);
            tr.f(
                "note-rounded-zero",
                &[
                    ("subject", name.into()),
                    ("x", x(&v)),
                    ("exact", power_of_ten(*exact_log10).into()),
                    ("min", f64_min()),
                ],
            )
        }
        Note::FixTaughtIn(lesson) => tr.f(
            "note-see-lesson",
            &[
                ("number", (lesson.index() + 1).into()),
                ("title", tr.t(&lesson.title_id()).into()),
            ],
        ),
    }
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
    let label = tr.t("error-label");
    s.push(&label, theme.error().reversed());
    // `Error:` is followed by a space; a full-width `エラー：` needs none.
    if label
        .chars()
        .last()
        .is_some_and(|c| c.to_string().width() == 1)
    {
        s.push(" ", theme.text());
    }
    s.push(&message, theme.error());
    wrap(&s, width, 0)
}
