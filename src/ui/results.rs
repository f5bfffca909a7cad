//! The results area: the numbers of an evaluation, or what was wrong with the input.

use fluent_bundle::FluentValue;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::activation::{
    self, EXP_LIMIT_F32, EXP_LIMIT_F64, GELU_TANH_MAX_GAP, GELU_TANH_MAX_GAP_AT, Scalar,
};
use crate::app::Page;
use crate::i18n::Tr;
use crate::lesson::{
    self, Evaluation, Float, Kind, LessonId, MODERN, Note, Rounded, StepsKind, Subject,
};
use crate::number::{SIGNIFICANT, display, display_digits, display_pow10, display_pow10_digits};
use crate::value_input::InputError;

use super::function_name_id;
use super::text::{TextStyles, inline};
use super::theme::Theme;
use super::wrap::{Styled, wrap};

/// Below this, `e^x` underflows to 0 in float64 (half the smallest subnormal,
/// 2^-1075, rounds to 0): ln(2^-1075).
pub const EXP_ZERO_BELOW: f64 = -745.133_219_101_941_1;

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

/// Whether `rows` fit in `width` with `digits` significant digits in the results.
fn fits(rows: &[Vec<Cell>], width: usize, digits: usize) -> bool {
    let spans: Vec<Vec<Span<'static>>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.span(digits, SIGNIFICANT, false))
                .collect()
        })
        .collect();
    lay_out(spans).iter().all(|l| l.width() <= width)
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

/// The styles of a note: all in one style; `|emphasis|` bold; `` `expressions` ``
/// kept on one line, their backticks not shown (as in the lesson texts).
struct NoteStyles(Style);

impl TextStyles for NoteStyles {
    fn text(&self) -> Style {
        self.0
    }
    fn emph(&self) -> Style {
        self.0.add_modifier(ratatui::style::Modifier::BOLD)
    }
    fn formula(&self) -> Style {
        self.0
    }
    fn code(&self) -> Style {
        self.0
    }
    fn heading(&self) -> Style {
        self.0
    }
}

fn note(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(&inline(text, &NoteStyles(style)), width, 0)
}

/// What the results area shows: the numbers (or the error) first, then notes that
/// are shown whole when there is room, in order.
#[derive(Debug, Default)]
pub struct Results {
    pub main: Vec<Line<'static>>,
    pub notes: Vec<Vec<Line<'static>>>,
    /// The line of `main` that shows each value, in the order of [`crate::app::Page::points`].
    pub value_rows: Vec<usize>,
    /// How many lines of `main` give the answer itself: the first table of each
    /// evaluation (the steps of a softmax and the chain of the lesson `vanishing`
    /// follow it).
    pub primary: usize,
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

/// What the results need to know besides the evaluations: the lesson (what its
/// input box accepts), whether derivatives are drawn, and the functions the lesson
/// `modern` shows.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub lesson: LessonId,
    pub derivative: bool,
    pub functions: &'a [Scalar],
}

impl View<'_> {
    /// The view of `page` of `lesson`.
    pub fn of(lesson: LessonId, page: &Page, derivative: bool) -> View<'_> {
        View {
            lesson,
            derivative,
            functions: page.shown_functions(),
        }
    }
}

/// The results of `page`, `width` cells wide.
pub fn results(tr: Tr, page: &Page, view: View, width: usize, theme: &Theme) -> Results {
    if let Some(error) = &page.error {
        let accepted = match view.lesson.kind() {
            Kind::Vanishing => tr.f(
                "error-accepted-vanishing",
                &[("max", lesson::MAX_LAYERS.into())],
            ),
            Kind::Overflow => tr.t("error-accepted-overflow"),
            _ => tr.t("error-accepted"),
        };
        let main = error_lines(tr, error, width, theme);
        return Results {
            primary: main.len(),
            main,
            notes: vec![note(&accepted, width, theme.dim())],
            value_rows: Vec::new(),
        };
    }
    evaluations(tr, page.evaluations(), view, width, theme)
}

/// Tables of `evals` and their notes, `width` cells wide.
pub fn evaluations(
    tr: Tr,
    evals: &[Evaluation],
    view: View,
    width: usize,
    theme: &Theme,
) -> Results {
    let mut out = Results::default();
    let (mut inf, mut nan) = (false, false);
    for eval in evals {
        let (i, n) = shows_non_finite(eval, view);
        inf |= i;
        nan |= n;
        evaluation_lines(tr, eval, view, width, theme, &mut out);
    }
    // The words on show, and only those, explained.
    let legend = match (inf, nan) {
        (true, true) => Some("legend-non-finite"),
        (true, false) => Some("legend-inf"),
        (false, true) => Some("legend-nan"),
        (false, false) => None,
    };
    if let Some(id) = legend {
        out.notes.push(note(&tr.t(id), width, theme.dim()));
    }
    out
}

/// The list of functions the lesson `modern` can draw, each with its digit and
/// whether it is shown: one line each, in the order of [`MODERN`].
pub fn function_list(tr: Tr, page: &Page, width: usize, theme: &Theme) -> Results {
    let shown = page.shown_functions();
    let rows: Vec<Vec<Cell>> = MODERN
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let on = shown.contains(f);
            let mark = if on { "[x]" } else { "[ ]" };
            let style = if on { theme.text() } else { theme.dim() };
            vec![
                Cell::Text(Span::styled(format!("{mark} {}", i + 1), style)),
                Cell::Text(Span::styled(tr.t(&function_name_id(*f, false)), style)),
            ]
        })
        .collect();
    let main = table(rows, width);
    let mut notes = vec![note(
        &tr.f("functions-shown", &[("count", shown.len().into())]),
        width,
        theme.dim(),
    )];
    notes.push(note(&tr.t("functions-last"), width, theme.dim()));
    Results {
        value_rows: (0..main.len()).collect(),
        primary: main.len(),
        main,
        notes,
    }
}

/// Whether the tables of `eval` show an infinity, and whether they show NaN.
fn shows_non_finite(eval: &Evaluation, view: View) -> (bool, bool) {
    let mut values: Vec<f64> = Vec::new();
    match eval {
        Evaluation::Scalar { f, points, .. } => {
            for &(x, y) in points {
                values.extend([x, y]);
                if f.derivative_defined_at(x) {
                    values.push(f.derivative(x));
                }
            }
        }
        Evaluation::Softmax { inputs, probs, .. } => {
            values.extend(inputs);
            values.extend(probs);
            values.push(probs.iter().sum());
        }
        Evaluation::Exp { x, f64, f32, .. } => values.extend([*x, *f64, *f32]),
        Evaluation::Compare {
            inputs,
            naive,
            stable,
            ..
        } => {
            values.extend(inputs);
            values.extend(naive);
            values.extend(stable);
            values.extend([naive.iter().sum::<f64>(), stable.iter().sum()]);
            for (_, s) in eval.steps() {
                values.extend(&s.shifted);
                values.extend(&s.exps);
                values.extend(&s.result);
                values.push(s.sum);
            }
            values.extend(activation::log_softmax(inputs));
        }
        Evaluation::Functions { xs, .. } => {
            for &x in xs {
                values.push(x);
                for f in view.functions {
                    values.push(f.eval(x));
                    if view.derivative && f.derivative_defined_at(x) {
                        values.push(f.derivative(x));
                    }
                }
            }
        }
        Evaluation::Vanishing { x, chains, .. } => {
            values.push(*x);
            for (_, c) in chains {
                for l in &c.layers {
                    values.extend([l.input, l.local_gradient, l.product]);
                }
            }
        }
    }
    (
        values.iter().any(|v| v.is_infinite()),
        values.iter().any(|v| v.is_nan()),
    )
}

fn header(text: String, theme: &Theme) -> Cell {
    Cell::Text(Span::styled(text, theme.dim()))
}

fn text(text: String) -> Cell {
    Cell::Text(Span::raw(text))
}

/// `f'(x)`, or the word for "undefined" where the derivative does not exist.
fn derivative_cell(tr: Tr, f: Scalar, x: f64, theme: &Theme) -> Cell {
    if f.derivative_defined_at(x) {
        num(f.derivative(x), theme)
    } else {
        Cell::Tag {
            long: Span::styled(tr.t("col-undefined"), theme.dim()),
            short: Span::styled(tr.t("col-undefined-short"), theme.dim()),
        }
    }
}

/// A title line above a table (wrapped, so never cut).
fn title_lines(text: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    note(
        text,
        width,
        theme.dim().add_modifier(ratatui::style::Modifier::BOLD),
    )
}

fn evaluation_lines(
    tr: Tr,
    eval: &Evaluation,
    view: View,
    width: usize,
    theme: &Theme,
    res: &mut Results,
) {
    let mut notes = Vec::new();
    let base = res.main.len();
    let mut primary = None;
    match eval {
        Evaluation::Scalar { f, points, .. } => {
            let rounded = rounded_rows(tr, eval, theme);
            let any_rounded = (0..points.len()).any(|i| rounded(i).is_some());
            let mut head = vec![header(tr.t("col-x"), theme), header(tr.t("col-fx"), theme)];
            if any_rounded {
                head.push(text(String::new()));
            }
            head.push(header(tr.t("col-dfx"), theme));
            let mut rows = vec![head];
            for (i, (x, y)) in points.iter().enumerate() {
                let mut row = vec![input(*x, theme), num(*y, theme)];
                if any_rounded {
                    row.push(rounded(i).unwrap_or_else(|| text(String::new())));
                }
                row.push(derivative_cell(tr, *f, *x, theme));
                rows.push(row);
            }
            res.value_rows.extend((1..=points.len()).map(|i| base + i));
            res.main.extend(table(rows, width));
        }
        Evaluation::Functions { xs, .. } => {
            // The functions side by side, as many to a table as fit with four
            // digits; the others in tables below, each with its x column.
            let fs = view.functions;
            let rows_of = |group: &[Scalar]| {
                let mut head = vec![header(tr.t("col-x"), theme)];
                for f in group {
                    let name = tr.t(&function_name_id(*f, true));
                    head.push(header(name.clone(), theme));
                    if view.derivative {
                        head.push(header(format!("{name}'"), theme));
                    }
                }
                let mut rows = vec![head];
                for &x in xs {
                    let mut row = vec![input(x, theme)];
                    for f in group {
                        row.push(num(f.eval(x), theme));
                        if view.derivative {
                            row.push(derivative_cell(tr, *f, x, theme));
                        }
                    }
                    rows.push(row);
                }
                rows
            };
            let mut groups: Vec<&[Scalar]> = Vec::new();
            let mut start = 0;
            while start < fs.len() {
                let mut end = start + 1;
                while end < fs.len() && fits(&rows_of(&fs[start..=end]), width, 4) {
                    end += 1;
                }
                groups.push(&fs[start..end]);
                start = end;
            }
            // Each value's line: its x's row in the table of its function.
            let mut first_line = Vec::new();
            for group in &groups {
                first_line.push(res.main.len() + 1);
                res.main.extend(table(rows_of(group), width));
            }
            for i in 0..xs.len() {
                for (g, group) in groups.iter().enumerate() {
                    res.value_rows
                        .extend(std::iter::repeat_n(first_line[g] + i, group.len()));
                }
            }
        }
        Evaluation::Vanishing {
            layers, x, chains, ..
        } => {
            let from_x = |id: &str| tr.f(id, &[("x", display(*x).into())]);
            let mut rows = vec![vec![
                header(tr.f("col-layers", &[("n", (*layers).into())]), theme),
                header(tr.t("col-largest"), theme),
                Cell::Tag {
                    long: Span::styled(from_x("col-from-x"), theme.dim()),
                    short: Span::styled(from_x("col-from-x-short"), theme.dim()),
                },
            ]];
            for (f, chain) in chains {
                rows.push(vec![
                    Cell::Tag {
                        long: Span::raw(tr.t(&function_name_id(*f, false))),
                        short: Span::raw(tr.t(&function_name_id(*f, true))),
                    },
                    largest(*f, *layers, theme),
                    num(chain.product(), theme),
                ]);
            }
            res.value_rows.extend((1..=chains.len()).map(|i| base + i));
            res.main.extend(table(rows, width));
            primary = Some(res.main.len() - base);
            if let Some((f, chain)) = chains.first() {
                res.main.extend(title_lines(
                    &tr.f(
                        "chain-title",
                        &[
                            ("function", tr.t(&function_name_id(*f, false)).into()),
                            ("x", display(*x).into()),
                            ("n", (*layers).into()),
                        ],
                    ),
                    width,
                    theme,
                ));
                let head = |id: &str| Cell::Tag {
                    long: Span::styled(tr.t(id), theme.dim()),
                    short: Span::styled(tr.t(&format!("{id}-short")), theme.dim()),
                };
                let mut rows = vec![vec![
                    head("col-layer"),
                    head("col-layer-input"),
                    head("col-local-gradient"),
                    head("col-product"),
                ]];
                for (k, l) in chain.layers.iter().enumerate() {
                    rows.push(vec![
                        text((k + 1).to_string()),
                        num(l.input, theme),
                        num(l.local_gradient, theme),
                        num(l.product, theme),
                    ]);
                }
                let first = res.main.len() + 1;
                res.value_rows
                    .extend((0..chain.layers.len()).map(|k| first + k));
                res.main.extend(table(rows, width));
            }
            notes.push(note(&tr.t("note-largest"), width, theme.dim()));
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
            res.value_rows.extend((1..=inputs.len()).map(|i| base + i));
            res.main.extend(table(rows, width));
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
            res.value_rows.push(base);
            res.main.extend(table(rows, width));
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
            res.value_rows.extend((1..=inputs.len()).map(|i| base + i));
            res.main.extend(table(rows, width));
            primary = Some(res.main.len() - base);
            for (kind, steps) in eval.steps() {
                let c = display(steps.shift);
                let title = match kind {
                    StepsKind::Naive => tr.t("steps-naive"),
                    StepsKind::Stable => tr.f("steps-stable", &[("c", c.into())]),
                    StepsKind::Chosen => tr.f("steps-chosen", &[("c", c.into())]),
                };
                res.main.extend(title_lines(&title, width, theme));
                let mut rows = vec![vec![
                    header(tr.t("col-a"), theme),
                    header(tr.t("col-shifted"), theme),
                    header(tr.t("col-shifted-exp"), theme),
                    header(tr.t("col-y"), theme),
                ]];
                for (i, &a) in steps.inputs.iter().enumerate() {
                    rows.push(vec![
                        input(a, theme),
                        num(steps.shifted[i], theme),
                        num(steps.exps[i], theme),
                        num(steps.result[i], theme),
                    ]);
                }
                rows.push(vec![
                    header(tr.t("col-sum"), theme),
                    text(String::new()),
                    num(steps.sum, theme),
                ]);
                let first = res.main.len() + 1;
                res.value_rows
                    .extend((0..steps.inputs.len()).map(|k| first + k));
                res.main.extend(table(rows, width));
            }
            // Log-softmax, the form the loss is computed from.
            let lse = activation::log_sum_exp(inputs);
            res.main.extend(title_lines(
                &tr.f(
                    "log-softmax-title",
                    &[("lse", display_digits(lse, 12).into())],
                ),
                width,
                theme,
            ));
            let mut rows = vec![vec![
                header(tr.t("col-a"), theme),
                header(tr.t("col-log-y"), theme),
            ]];
            for (a, l) in inputs.iter().zip(activation::log_softmax(inputs)) {
                rows.push(vec![input(*a, theme), num(l, theme)]);
            }
            let first = res.main.len() + 1;
            res.value_rows.extend((0..inputs.len()).map(|k| first + k));
            res.main.extend(table(rows, width));
        }
    }
    for n in
        eval.notes()
            .into_iter()
            .chain(
                eval.derivative_notes(view.functions)
                    .into_iter()
                    .filter(|n| {
                        // The lesson `modern` tells about derivatives when it shows them.
                        !matches!(n, Note::NoDerivative { .. })
                            || view.derivative
                            || matches!(eval, Evaluation::Scalar { .. })
                    }),
            )
    {
        notes.push(note(&note_text(tr, &n), width, theme.dim()));
    }
    res.primary += primary.unwrap_or(res.main.len() - base);
    res.notes.extend(notes);
}

/// The largest gradient through `layers` layers of `f`, as a number while float64
/// holds it, as a power of ten beyond.
fn largest(f: Scalar, layers: u32, theme: &Theme) -> Cell {
    let v = activation::largest_gradient(f, layers);
    if v == 0.0 && f.max_slope() > 0.0 {
        Cell::Pow10 {
            log10: activation::log10_largest_gradient(f, layers),
            style: theme.text(),
        }
    } else {
        num(v, theme)
    }
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
        Note::ShiftSame { c } => tr.f("note-shift-same", &[("c", x(c))]),
        Note::ShiftOverflow { c, exponent } => tr.f(
            "note-shift-overflow",
            &[
                ("c", x(c)),
                ("exponent", x(exponent)),
                ("limit", display(EXP_LIMIT_F64).into()),
            ],
        ),
        Note::ShiftSumOverflow { c } => tr.f("note-shift-sum-overflow", &[("c", x(c))]),
        Note::ShiftUnderflow { c, exponent } => tr.f(
            "note-shift-underflow",
            &[
                ("c", x(c)),
                ("exponent", x(exponent)),
                ("limit", display(EXP_ZERO_BELOW).into()),
            ],
        ),
        Note::ShiftLost { c, lost } => {
            tr.f("note-shift-lost", &[("c", x(c)), ("lost", (*lost).into())])
        }
        Note::ShiftNotFinite { c } => tr.f("note-shift-not-finite", &[("c", x(c))]),
        Note::NoDerivative { f } => {
            let id = match f {
                Scalar::Step => "note-no-derivative-step",
                Scalar::LeakyRelu => "note-no-derivative-leaky-relu",
                _ => "note-no-derivative-relu",
            };
            tr.t(id)
        }
        Note::GeluForms => tr.f(
            "note-gelu-forms",
            &[
                ("gap", display(GELU_TANH_MAX_GAP).into()),
                ("at", display_digits(GELU_TANH_MAX_GAP_AT, 5).into()),
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
        InputError::UnknownSetting { token, names, .. } if names.is_empty() => {
            tr.f("error-no-settings", &[("token", token.as_str().into())])
        }
        InputError::UnknownSetting { token, names, .. } => tr.f(
            "error-unknown-setting",
            &[
                ("token", token.as_str().into()),
                ("names", names.join(", ").into()),
            ],
        ),
        InputError::BadSetting { token, .. } => {
            tr.f("error-bad-setting", &[("token", token.as_str().into())])
        }
        InputError::SettingTwice { name, .. } => {
            tr.f("error-setting-twice", &[("name", (*name).into())])
        }
        InputError::Layers { token, max, .. } => tr.f(
            "error-layers",
            &[("token", token.as_str().into()), ("max", (*max).into())],
        ),
        InputError::OneLayerCount { token, position } => tr.f(
            "error-one-layer-count",
            &[
                ("token", token.as_str().into()),
                ("position", (*position).into()),
            ],
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
