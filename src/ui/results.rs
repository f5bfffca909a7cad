//! The results area: the numbers of an evaluation, or what was wrong with the input,
//! and the remarks that explain them (notes, what inf and NaN mean, what the input
//! box did not take). Remarks go through the same inline markup and wrapping as the
//! lessons' prose. Everything is reachable: [`Results::window`] shows the part that
//! fits around what is chosen, and says how many lines are hidden above or below.

use crate::width::StrWidth;
use fluent_bundle::FluentValue;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::activation::{
    self, EXP_LIMIT_F32, EXP_LIMIT_F64, GELU_TANH_MAX_GAP, GELU_TANH_MAX_GAP_AT, Scalar,
};
use crate::app::{Page, Remark, remarks_of};
use crate::i18n::Tr;
use crate::lesson::{self, Evaluation, Float, Kind, MODERN, Note, Rounded, StepsKind, Subject};
use crate::number::{
    SIGNIFICANT, display, display_cut, display_digits, display_honest, display_marked,
    display_pow10, display_pow10_digits,
};
use crate::output::visible;
use crate::value_input::InputError;

use super::fit;
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
    /// would not fit otherwise (explained by the first note on rounding).
    Tag {
        long: Span<'static>,
        short: Span<'static>,
    },
    /// A column's name or a word in a table (`undefined`), and the short form used
    /// when the table would not fit otherwise (plain enough to need no note).
    Word {
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

/// How a table is tried: digits of results and inputs, short tags, numbers that
/// would need more digits than that cut with a mark (the last resort).
#[derive(Debug, Clone, Copy)]
struct Try {
    out_digits: usize,
    in_digits: usize,
    short: bool,
    cut: Option<&'static str>,
}

impl Cell {
    fn span(&self, t: Try) -> Span<'static> {
        match self {
            Cell::Text(span) => span.clone(),
            Cell::Tag { long, short: s } | Cell::Word { long, short: s } => {
                if t.short { s } else { long }.clone()
            }
            Cell::Num { v, style, input } => {
                let digits = if *input { t.in_digits } else { t.out_digits };
                // Never a whole number it is not (`1` for 0.9999999999999998).
                let text = match t.cut {
                    Some(mark) if !*input => display_marked(*v, digits, mark),
                    Some(mark) => display_cut(*v, digits, mark),
                    None => display_honest(*v, digits),
                };
                Span::styled(text, *style)
            }
            Cell::Pow10 { log10, style } => Span::styled(
                if log10.abs() <= 1e6 {
                    display_pow10_digits(*log10, t.out_digits)
                } else {
                    format!("10^{}", display_digits(*log10, t.out_digits))
                },
                *style,
            ),
        }
    }
}

/// The fewest significant digits a result keeps before its table is split: below
/// four, 0.25 would read 0.2 and the lessons' numbers would contradict their text.
pub const MIN_DIGITS: usize = 4;

/// Lays rows out in columns two cells apart, within `width`. In order, until the
/// table fits: all digits; the short forms of words and tags; results down to
/// [`MIN_DIGITS`] digits; each row wrapped onto more lines (the first column, then
/// the others indented under it), all digits, then fewer; and last, one line a row
/// below [`MIN_DIGITS`]. A result shown with fewer digits than [`SIGNIFICANT`]
/// always carries a mark (`0.2⋯` for 0.25, `4.539⋯e-05`: cut, never rounded), so a
/// shortened value says so. Returns the lines, whether short tags are used (they
/// are then explained), and the lines each row takes.
fn table(rows: Vec<Vec<Cell>>, width: usize, theme: &Theme) -> (Vec<Line<'static>>, bool, usize) {
    let mark = fit::ellipsis(theme.ascii);
    let attempt = |rows: &[Vec<Cell>], t: Try| -> Vec<Line<'static>> {
        let spans: Vec<Vec<Span<'static>>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.span(t)).collect())
            .collect();
        lay_out(spans)
    };
    let fits_in = |lines: &[Line]| lines.iter().all(|l| l.width() <= width);
    let has_tags = rows.iter().flatten().any(|c| matches!(c, Cell::Tag { .. }));
    let at = |digits: usize, short: bool| Try {
        out_digits: digits,
        in_digits: SIGNIFICANT,
        short,
        cut: (digits < SIGNIFICANT).then_some(mark),
    };
    // One table.
    let whole = std::iter::once(at(SIGNIFICANT, false))
        .chain((MIN_DIGITS..=SIGNIFICANT).rev().map(|d| at(d, true)));
    for t in whole {
        let lines = attempt(&rows, t);
        if fits_in(&lines) {
            return (lines, t.short && has_tags, 1);
        }
    }
    // Split: the first column, then as many of the others as fit; a column of tags
    // or without a header stays with the column before it.
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let attached = |c: usize| {
        rows.iter()
            .any(|r| matches!(r.get(c), Some(Cell::Tag { .. })))
            || matches!(rows.first().and_then(|r| r.get(c)), Some(Cell::Text(s)) if s.content.is_empty())
    };
    let mut units: Vec<Vec<usize>> = Vec::new();
    for c in 1..cols {
        match units.last_mut() {
            Some(unit) if attached(c) => unit.push(c),
            _ => units.push(vec![c]),
        }
    }
    let pick = |cs: &[usize]| -> Vec<Vec<Cell>> {
        rows.iter()
            .map(|r| {
                std::iter::once(0)
                    .chain(cs.iter().copied())
                    .filter_map(|c| r.get(c).cloned())
                    .collect()
            })
            .collect()
    };
    if units.len() > 1 {
        // The first column's width: the lines after a row's first are indented by it.
        let indent = |t: Try| {
            rows.iter()
                .filter_map(|r| r.first())
                .map(|c| c.span(t).content.width())
                .max()
                .unwrap_or(0)
                + 2
        };
        for d in (1..=SIGNIFICANT).rev() {
            let t = at(d, true);
            let room = width.saturating_sub(indent(t));
            let alone = |cs: &[usize]| -> Vec<Vec<Cell>> {
                rows.iter()
                    .map(|r| cs.iter().filter_map(|&c| r.get(c).cloned()).collect())
                    .collect()
            };
            // The first line: the first column and as many as fit; the next lines,
            // indented, as many as fit in what is left.
            let mut groups: Vec<Vec<usize>> = Vec::new();
            let mut ok = true;
            for unit in &units {
                let grown: Vec<usize> = groups
                    .last()
                    .map(|g| g.iter().chain(unit).copied().collect())
                    .unwrap_or_default();
                let fits_line = |cs: &[usize], first: bool| {
                    if first {
                        fits_in(&attempt(&pick(cs), t))
                    } else {
                        attempt(&alone(cs), t).iter().all(|l| l.width() <= room)
                    }
                };
                if !grown.is_empty() && fits_line(&grown, groups.len() == 1) {
                    if let Some(g) = groups.last_mut() {
                        *g = grown;
                    }
                } else if fits_line(unit, groups.is_empty()) {
                    groups.push(unit.clone());
                } else {
                    ok = false;
                    break;
                }
            }
            if ok {
                let laid: Vec<Vec<Line<'static>>> = groups
                    .iter()
                    .enumerate()
                    .map(|(i, g)| {
                        if i == 0 {
                            attempt(&pick(g), t)
                        } else {
                            let pad = " ".repeat(indent(t));
                            attempt(&alone(g), t)
                                .into_iter()
                                .map(|l| {
                                    let mut spans = vec![Span::raw(pad.clone())];
                                    spans.extend(l.spans);
                                    Line::from(spans)
                                })
                                .collect()
                        }
                    })
                    .collect();
                // Row by row: each row's lines together.
                let mut lines = Vec::new();
                for r in 0..rows.len() {
                    for g in &laid {
                        if let Some(l) = g.get(r) {
                            lines.push(l.clone());
                        }
                    }
                }
                return (lines, has_tags, groups.len());
            }
        }
    }
    // Last resort: one table, fewer digits still, each shortened value marked.
    let mut lines = Vec::new();
    for d in (1..MIN_DIGITS).rev() {
        let t = Try {
            in_digits: d.max(1),
            ..at(d, true)
        };
        lines = attempt(&rows, t);
        if fits_in(&lines) {
            break;
        }
    }
    (lines, has_tags, 1)
}

/// Whether `rows` fit in `width` with `digits` significant digits in the results.
fn fits(rows: &[Vec<Cell>], width: usize, digits: usize) -> bool {
    let t = Try {
        out_digits: digits,
        in_digits: SIGNIFICANT,
        short: false,
        cut: None,
    };
    let spans: Vec<Vec<Span<'static>>> = rows
        .iter()
        .map(|r| r.iter().map(|c| c.span(t)).collect())
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

/// The styles of a remark: its own text in `base` (dim, or plain when chosen),
/// expressions drawn as formulas, as in the lessons' prose.
struct RemarkStyles<'a> {
    base: Style,
    theme: &'a Theme,
}

impl TextStyles for RemarkStyles<'_> {
    fn text(&self) -> Style {
        self.base
    }
    fn emph(&self) -> Style {
        self.base.patch(self.theme.emph())
    }
    fn formula(&self) -> Style {
        self.theme.formula()
    }
    fn code(&self) -> Style {
        self.theme.code()
    }
    fn heading(&self) -> Style {
        self.theme.heading()
    }
}

/// A remark's text with its markup (`` `expressions` `` kept whole and drawn as
/// formulas, backticks not shown), wrapped to `width`.
fn note(text: &str, width: usize, base: Style, theme: &Theme) -> Vec<Line<'static>> {
    wrap(&inline(text, &RemarkStyles { base, theme }), width, 0)
}

/// What the results area shows: the numbers (or the error), then the remarks,
/// each as its own lines, in the order of [`Page::remarks`].
#[derive(Debug, Default)]
pub struct Results {
    pub main: Vec<Line<'static>>,
    /// One entry per remark.
    pub notes: Vec<Vec<Line<'static>>>,
    /// The line of `main` that shows each value, in the order of [`crate::app::Page::points`].
    pub value_rows: Vec<usize>,
    /// The lines of `main` that head a table (column names): the one above the
    /// lines on show stays pinned while the rest scrolls.
    pub headers: Vec<usize>,
    /// The lines of `main` that go on a row of a table begun on the line above (a
    /// narrow table wraps each row onto more lines): a window never starts on one,
    /// so a value is never shown without its row's x. In ascending order.
    pub continued: Vec<usize>,
    /// How many lines of `main` give the answer itself: the first table of each
    /// evaluation (the steps of a softmax and the chain of the lesson `vanishing`
    /// follow it).
    pub primary: usize,
}

/// Where a window over the results is put around what it must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// As near the top as possible: the results as they come.
    Top,
    /// What is chosen near the middle (choosing values one by one).
    Middle,
    /// What is chosen as high as possible (reading a remark from its start).
    Start,
}

/// A row of a window: a line of the results (and its index among all the lines:
/// `main`, then the remarks'), or a line that says how many are hidden.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: Line<'static>,
    pub index: Option<usize>,
}

/// How a window starting at a line is laid out.
#[derive(Debug, Clone, Copy)]
struct Frame {
    start: usize,
    /// The header pinned above the lines on show.
    pinned: Option<usize>,
    above: usize,
    body: usize,
    below: usize,
}

impl Results {
    /// Rows wanted to show everything.
    pub fn height(&self) -> usize {
        self.main.len() + self.note_lines()
    }

    /// Rows of the remarks.
    pub fn note_lines(&self) -> usize {
        self.notes.iter().map(Vec::len).sum()
    }

    /// Every line: `main`, then the remarks'.
    fn line(&self, i: usize) -> Option<&Line<'static>> {
        self.main
            .get(i)
            .or_else(|| self.notes.iter().flatten().nth(i - self.main.len()))
    }

    /// The lines (first, end) of the row of a table that begins at line `l`: more
    /// than one when a narrow table wraps its rows.
    pub fn row_lines(&self, l: usize) -> (usize, usize) {
        let mut end = l + 1;
        while self.continued.binary_search(&end).is_ok() {
            end += 1;
        }
        (l, end)
    }

    /// The lines (first, end) of remark `k`.
    pub fn remark_lines(&self, k: usize) -> Option<(usize, usize)> {
        let start = self.main.len() + self.notes.iter().take(k).map(Vec::len).sum::<usize>();
        self.notes.get(k).map(|n| (start, start + n.len()))
    }

    /// The window that starts at line `start`, in `rows` rows.
    fn frame(&self, rows: usize, start: usize) -> Frame {
        let len = self.height();
        // The header of the table the window starts in, if that header is above it.
        let pinned = self
            .headers
            .iter()
            .copied()
            .rfind(|&h| h <= start)
            .filter(|&h| h < start && start < self.main.len() && rows >= 4);
        let hidden_above = start - usize::from(pinned.is_some());
        let above = usize::from(hidden_above > 0);
        let room = rows.saturating_sub(usize::from(pinned.is_some()) + above);
        let (body, below) = if len - start <= room {
            (len - start, 0)
        } else {
            let body = room.saturating_sub(1).max(1).min(len - start);
            (body, len - start - body)
        };
        Frame {
            start,
            pinned,
            above: hidden_above,
            body,
            below,
        }
    }

    /// The rows that fit in `rows`, showing lines `target` (first, end) whole if they
    /// fit, put as `place` says. A table's header stays pinned while its rows
    /// scroll; `more(count, below)` makes the line that says how many lines are
    /// hidden above or below, so nothing is cut without a word.
    pub fn window(
        &self,
        rows: usize,
        target: (usize, usize),
        place: Place,
        more: impl Fn(usize, bool) -> Line<'static>,
    ) -> Vec<Row> {
        let len = self.height();
        if rows == 0 {
            return Vec::new();
        }
        let all = |start: usize, count: usize| {
            (start..start + count).filter_map(|i| {
                self.line(i).map(|l| Row {
                    line: l.clone(),
                    index: Some(i),
                })
            })
        };
        if len <= rows {
            return all(0, len).collect();
        }
        let a = target.0.min(len - 1);
        let b = target.1.max(a + 1).min(len);
        // A window starts where a row of a table starts (or where a wrapped row
        // has no start that shows the target whole).
        let fits = |f: &Frame| {
            a >= f.start && b <= f.start + f.body && self.continued.binary_search(&f.start).is_err()
        };
        let frames: Vec<Frame> = (0..=a).map(|s| self.frame(rows, s)).collect();
        // The first start from which the window reaches the end.
        let last = frames.iter().position(|f| f.below == 0).unwrap_or(a).min(a);
        let chosen = match place {
            Place::Top => frames.iter().find(|f| fits(f)),
            Place::Start => frames[..=last].iter().rev().find(|f| fits(f)),
            Place::Middle => {
                let ideal = a.saturating_sub(rows.saturating_sub(3) / 2);
                frames
                    .iter()
                    .filter(|f| fits(f))
                    .min_by_key(|f| (f.start.abs_diff(ideal), f.start))
            }
        };
        // Taller than any window: its start, and a word for the rest.
        let f = chosen.copied().unwrap_or(frames[a]);
        let mut out = Vec::new();
        if let Some(h) = f.pinned {
            out.extend(all(h, 1));
        }
        if f.above > 0 {
            out.push(Row {
                line: more(f.above, false),
                index: None,
            });
        }
        out.extend(all(f.start, f.body));
        if f.below > 0 {
            out.push(Row {
                line: more(f.below, true),
                index: None,
            });
        }
        if out.len() > rows {
            // Too few rows for a word about the rest (below the supported size).
            return all(a, rows).collect();
        }
        out
    }
}

/// What the tables need to know besides the evaluations: the functions the
/// lesson `modern` shows, and whether derivatives are drawn.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub derivative: bool,
    pub functions: &'a [Scalar],
}

impl View<'_> {
    /// The view of `page`.
    pub fn of(page: &Page) -> View<'_> {
        View {
            derivative: page.derivative,
            functions: page.shown_functions(),
        }
    }
}

/// The results of `page`, `width` cells wide; remark `chosen` (if any) is drawn in
/// the text's style rather than dimmed.
pub fn results(tr: Tr, page: &Page, width: usize, theme: &Theme, chosen: Option<usize>) -> Results {
    let remarks = page.remarks();
    let (mut out, short) = match &page.error {
        Some(error) => {
            let main = error_lines(tr, error, width, theme);
            (
                Results {
                    primary: main.len(),
                    main,
                    ..Results::default()
                },
                false,
            )
        }
        None => tables(tr, page.evaluations(), View::of(page), width, theme),
    };
    out.notes = remark_lines(tr, &remarks, short, width, theme, chosen);
    out
}

/// Tables of `evals` and their remarks, `width` cells wide.
pub fn evaluations(
    tr: Tr,
    evals: &[Evaluation],
    view: View,
    width: usize,
    theme: &Theme,
) -> Results {
    let (mut out, short) = tables(tr, evals, view, width, theme);
    let remarks = remarks_of(evals, view.functions, view.derivative);
    out.notes = remark_lines(tr, &remarks, short, width, theme, None);
    out
}

/// The tables of `evals`; whether any uses the short form of a tag.
fn tables(
    tr: Tr,
    evals: &[Evaluation],
    view: View,
    width: usize,
    theme: &Theme,
) -> (Results, bool) {
    let mut out = Results::default();
    let mut short = false;
    for eval in evals {
        short |= evaluation_lines(tr, eval, view, width, theme, &mut out);
    }
    (out, short)
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
    let (main, _, _) = table(rows, width, theme);
    let notes = vec![
        note(
            &tr.f("functions-shown", &[("count", shown.len().into())]),
            width,
            theme.dim(),
            theme,
        ),
        note(&tr.t("functions-last"), width, theme.dim(), theme),
    ];
    Results {
        value_rows: (0..main.len()).collect(),
        primary: main.len(),
        main,
        notes,
        headers: Vec::new(),
        continued: Vec::new(),
    }
}

/// Each remark's lines; `short`: a table tags rounded values with the short form,
/// which the first note on rounding then explains.
fn remark_lines(
    tr: Tr,
    remarks: &[Remark],
    short: bool,
    width: usize,
    theme: &Theme,
    chosen: Option<usize>,
) -> Vec<Vec<Line<'static>>> {
    let mut explained = !short;
    remarks
        .iter()
        .enumerate()
        .map(|(k, remark)| {
            let mut text = remark_text(tr, remark);
            if !explained && matches!(remark, Remark::Note(Note::Rounded(_))) {
                let legend = tr.f(
                    "legend-rounded-short",
                    &[
                        ("short", tr.t("col-rounded-short").into()),
                        ("long", tr.t("col-rounded").into()),
                    ],
                );
                text = join_sentences(&legend, &text);
                explained = true;
            }
            let base = if chosen == Some(k) {
                theme.text()
            } else {
                theme.dim()
            };
            note(&text, width, base, theme)
        })
        .collect()
}

/// Two sentences as the language joins them: a space after `.`, none after `。`.
fn join_sentences(a: &str, b: &str) -> String {
    if a.ends_with(['。', '）', '」']) {
        format!("{a}{b}")
    } else {
        format!("{a} {b}")
    }
}

/// The sentence that a remark says.
pub fn remark_text(tr: Tr, remark: &Remark) -> String {
    match remark {
        Remark::PastCap { count, max } => tr.f(
            "note-past-cap",
            &[("count", (*count).into()), ("max", (*max).into())],
        ),
        Remark::ValuesLeftOut { count, max } => tr.f(
            "note-values-left-out",
            &[("count", (*count).into()), ("max", (*max).into())],
        ),
        Remark::Controls(chars) => {
            let shown: String = chars
                .iter()
                .map(|c| visible(&c.to_string()).into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            tr.f(
                "note-controls",
                &[("count", chars.len().into()), ("chars", shown.into())],
            )
        }
        Remark::Note(n) => note_text(tr, n),
        // The words on show, and only those, explained.
        Remark::NonFinite { inf, nan } => tr.t(match (inf, nan) {
            (true, false) => "legend-inf",
            (false, true) => "legend-nan",
            _ => "legend-non-finite",
        }),
        Remark::AtLimit { at, most } => {
            let mut args = crate::app::text::key_args();
            args.extend([
                ("at", (*at).into()),
                ("most", if *most { "yes" } else { "no" }.into()),
                ("max", lesson::MAX_LAYERS.into()),
            ]);
            tr.f("note-at-limit", &args)
        }
        Remark::Accepted(lesson) => match lesson.kind() {
            Kind::Vanishing => tr.f(
                "error-accepted-vanishing",
                &[("max", lesson::MAX_LAYERS.into())],
            ),
            Kind::Overflow => tr.t("error-accepted-overflow"),
            _ => tr.t("error-accepted"),
        },
    }
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
        Cell::Word {
            long: Span::styled(tr.t("col-undefined"), theme.dim()),
            short: Span::styled(tr.t("col-undefined-short"), theme.dim()),
        }
    }
}

/// A title line above a table (wrapped, so never cut).
fn title_lines(text: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let style = theme.dim().add_modifier(ratatui::style::Modifier::BOLD);
    note(text, width, style, theme)
}

/// Lays `eval` out as tables at the end of `res` (a title line above the tables
/// that follow the first); returns whether any uses the short form of a tag.
fn evaluation_lines(
    tr: Tr,
    eval: &Evaluation,
    view: View,
    width: usize,
    theme: &Theme,
    res: &mut Results,
) -> bool {
    let base = res.main.len();
    let mut short = false;
    let mut primary = None;
    // Lays out one table, its header line noted; returns the line of each row (a
    // row may take more than one line when the table is narrow).
    let mut put = |res: &mut Results, rows: Vec<Vec<Cell>>| -> Vec<usize> {
        let first = res.main.len();
        res.headers.push(first);
        let n = rows.len();
        let (lines, s, per_row) = table(rows, width, theme);
        short |= s;
        res.main.extend(lines);
        for r in 0..n {
            res.continued
                .extend((1..per_row).map(|k| first + r * per_row + k));
        }
        (0..n).map(|r| first + r * per_row).collect()
    };
    match eval {
        Evaluation::Scalar { f, points, .. } => {
            let rounded = rounded_rows(tr, eval, theme);
            let any_rounded = (0..points.len()).any(|i| rounded(i).is_some());
            let rounded_d: Vec<usize> = eval
                .rounded_derivatives(&[])
                .into_iter()
                .map(|(i, _)| i)
                .collect();
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
                if !rounded_d.is_empty() {
                    row.push(rounded_tag(rounded_d.contains(&i), tr, theme));
                }
                rows.push(row);
            }
            let at = put(res, rows);
            let first = |i: usize| at.get(i).copied().unwrap_or_default();
            res.value_rows.extend((1..=points.len()).map(first));
        }
        Evaluation::Functions { xs, .. } => {
            // The functions side by side, as many to a table as fit with four
            // digits; the others in tables below, each with its x column.
            let fs = view.functions;
            // Values shown round though they are not (tanh(30) = 1), as (function,
            // which x): tagged "rounded" as in the lessons of one function.
            let by_place =
                |(i, _): (usize, Rounded)| (fs[i / xs.len().max(1)], i % xs.len().max(1));
            let rounded: Vec<(Scalar, usize)> = eval
                .rounded_functions(fs)
                .into_iter()
                .map(by_place)
                .collect();
            // The same for the derivatives, when they are shown.
            let rounded_d: Vec<(Scalar, usize)> = if view.derivative {
                eval.rounded_derivatives(fs)
                    .into_iter()
                    .map(by_place)
                    .collect()
            } else {
                Vec::new()
            };
            let tag = || Cell::Tag {
                long: Span::styled(tr.t("col-rounded"), theme.dim()),
                short: Span::styled(tr.t("col-rounded-short"), theme.dim()),
            };
            // Both forms of GELU on show: how far apart they are at each x, after
            // the tanh form's column.
            let gap_after = |f: Scalar| {
                f == Scalar::GeluTanh
                    && fs.contains(&Scalar::Gelu)
                    && fs.contains(&Scalar::GeluTanh)
            };
            let rows_of = |group: &[Scalar]| {
                let mut head = vec![header(tr.t("col-x"), theme)];
                for f in group {
                    let name = tr.t(&function_name_id(*f, true));
                    head.push(header(name.clone(), theme));
                    if rounded.iter().any(|(g, _)| g == f) {
                        head.push(text(String::new()));
                    }
                    if view.derivative {
                        head.push(header(format!("{name}'"), theme));
                        if rounded_d.iter().any(|(g, _)| g == f) {
                            head.push(text(String::new()));
                        }
                    }
                    if gap_after(*f) {
                        head.push(header(tr.t("col-gelu-gap"), theme));
                    }
                }
                let mut rows = vec![head];
                for (i, &x) in xs.iter().enumerate() {
                    let mut row = vec![input(x, theme)];
                    for f in group {
                        row.push(num(f.eval(x), theme));
                        if rounded.iter().any(|(g, _)| g == f) {
                            row.push(if rounded.contains(&(*f, i)) {
                                tag()
                            } else {
                                text(String::new())
                            });
                        }
                        if view.derivative {
                            row.push(derivative_cell(tr, *f, x, theme));
                            if rounded_d.iter().any(|(g, _)| g == f) {
                                row.push(rounded_tag(rounded_d.contains(&(*f, i)), tr, theme));
                            }
                        }
                        if gap_after(*f) {
                            row.push(num(Scalar::Gelu.eval(x) - Scalar::GeluTanh.eval(x), theme));
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
                while end < fs.len() && fits(&rows_of(&fs[start..=end]), width, SIGNIFICANT) {
                    end += 1;
                }
                groups.push(&fs[start..end]);
                start = end;
            }
            // Each value's line: its x's row in the table of its function. The
            // values go function by function (down one column, then the next).
            for group in &groups {
                let at = put(res, rows_of(group));
                let first = |k: usize| at.get(k + 1).copied().unwrap_or_default();
                for _ in group.iter() {
                    res.value_rows.extend((0..xs.len()).map(first));
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
                Cell::Word {
                    long: Span::styled(from_x("col-from-x"), theme.dim()),
                    short: Span::styled(from_x("col-from-x-short"), theme.dim()),
                },
            ]];
            for (f, chain) in chains {
                rows.push(vec![
                    Cell::Word {
                        long: Span::raw(tr.t(&function_name_id(*f, false))),
                        short: Span::raw(tr.t(&function_name_id(*f, true))),
                    },
                    largest(*f, *layers, theme),
                    num(chain.product(), theme),
                ]);
            }
            let at = put(res, rows);
            let first = |i: usize| at.get(i).copied().unwrap_or_default();
            res.value_rows.extend((1..=chains.len()).map(first));
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
                let head = |id: &str| Cell::Word {
                    long: Span::styled(tr.t(id), theme.dim()),
                    short: Span::styled(tr.t(&format!("{id}-short")), theme.dim()),
                };
                let mut rows = vec![vec![
                    head("col-layer"),
                    head("col-layer-input"),
                    head("col-local-gradient"),
                    head("col-product"),
                ]];
                // A local gradient that underflowed to 0 (`h'(800)`) is tagged.
                let rounded_d: Vec<usize> = eval
                    .rounded_derivatives(&[])
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect();
                if !rounded_d.is_empty() {
                    rows[0].insert(3, text(String::new()));
                }
                for (k, l) in chain.layers.iter().enumerate() {
                    let mut row = vec![
                        text((k + 1).to_string()),
                        num(l.input, theme),
                        num(l.local_gradient, theme),
                        num(l.product, theme),
                    ];
                    if !rounded_d.is_empty() {
                        row.insert(3, rounded_tag(rounded_d.contains(&k), tr, theme));
                    }
                    rows.push(row);
                }
                let at = put(res, rows);
                let first = |k: usize| at.get(k + 1).copied().unwrap_or_default();
                res.value_rows.extend((0..chain.layers.len()).map(first));
            }
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
            let at = put(res, rows);
            let first = |i: usize| at.get(i).copied().unwrap_or_default();
            res.value_rows.extend((1..=inputs.len()).map(first));
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
            // The exact value, where float64 does not hold it: inf, 0, or a
            // subnormal that has lost digits.
            let subnormal = crate::lesson::subnormal_bits_f64(*f64).is_some();
            if x.is_finite() && (f64.is_infinite() || *f64 == 0.0 || subnormal) {
                rows.push(vec![
                    text(tr.t("col-true-value")),
                    Cell::Pow10 {
                        log10: x * std::f64::consts::LOG10_E,
                        style: theme.good(),
                    },
                ]);
            }
            let at = put(res, rows);
            let first = |i: usize| at.get(i).copied().unwrap_or_default();
            res.value_rows.push(first(0));
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
            let at = put(res, rows);
            let first = |i: usize| at.get(i).copied().unwrap_or_default();
            res.value_rows.extend((1..=inputs.len()).map(first));
            primary = Some(res.main.len() - base);
            for (kind, steps) in eval.steps() {
                let c = display(steps.shift);
                let title = match kind {
                    StepsKind::Naive => tr.t("steps-naive"),
                    StepsKind::Stable => tr.f("steps-stable", &[("c", c.into())]),
                    StepsKind::Chosen => tr.f("steps-chosen", &[("c", c.into())]),
                };
                res.main.extend(title_lines(&title, width, theme));
                let head = |id: &str| Cell::Word {
                    long: Span::styled(tr.t(id), theme.dim()),
                    short: Span::styled(tr.t(&format!("{id}-short")), theme.dim()),
                };
                let mut rows = vec![vec![
                    header(tr.t("col-a"), theme),
                    head("col-shifted"),
                    head("col-shifted-exp"),
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
                // Too narrow for the four columns even at their shortest: y goes to a
                // table of its own below, beside a.
                let (laid, _, per_row) = table(rows.clone(), width, theme);
                if per_row == 1 && laid.iter().all(|l| l.width() <= width) {
                    let at = put(res, rows);
                    let first = |k: usize| at.get(k + 1).copied().unwrap_or_default();
                    res.value_rows.extend((0..steps.inputs.len()).map(first));
                } else {
                    let ys: Vec<Vec<Cell>> = rows
                        .iter()
                        .take(steps.inputs.len() + 1)
                        .map(|r| vec![r[0].clone(), r[3].clone()])
                        .collect();
                    for r in &mut rows {
                        r.truncate(3);
                    }
                    let at = put(res, rows);
                    let first = |k: usize| at.get(k + 1).copied().unwrap_or_default();
                    res.value_rows.extend((0..steps.inputs.len()).map(first));
                    put(res, ys);
                }
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
            let at = put(res, rows);
            let first = |k: usize| at.get(k + 1).copied().unwrap_or_default();
            res.value_rows.extend((0..inputs.len()).map(first));
        }
    }
    res.primary += primary.unwrap_or(res.main.len() - base);
    short
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

/// The tag after a value shown round although its exact value is not (`rounded`),
/// or an empty cell in that column.
fn rounded_tag(rounded: bool, tr: Tr, theme: &Theme) -> Cell {
    if rounded {
        Cell::Tag {
            long: Span::styled(tr.t("col-rounded"), theme.dim()),
            short: Span::styled(tr.t("col-rounded-short"), theme.dim()),
        }
    } else {
        text(String::new())
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

/// The decimal digits that `bits` significant bits hold for sure:
/// `floor(bits * log10(2))` (14 bits: 4 digits; 1 bit: none).
fn correct_digits(bits: u32) -> u32 {
    (f64::from(bits) * std::f64::consts::LOG10_2).floor() as u32
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
        Subject::F(_, x) | Subject::HPrime(x) | Subject::FPrime(_, x) => ("f", *x),
    };
    // `tanh(30)`, `h'(800)`, `GELU'(40)`: the function's short name (and a prime
    // for its derivative) and its input, for the subject `f`.
    let call = |s: &Subject| match s {
        Subject::F(f, v) | Subject::FPrime(f, v) => format!(
            "{}{}({})",
            tr.t(&crate::ui::function_name_id(*f, true)),
            if s.is_derivative() { "'" } else { "" },
            display(*v)
        ),
        Subject::HPrime(v) => format!("h'({})", display(*v)),
        _ => String::new(),
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
        Note::StepOfNaN => tr.t("note-step-nan"),
        Note::MaximumOfNaN => tr.t("note-maximum-nan"),
        Note::SigmoidCodeOverflows { x: v } => tr.f(
            "note-sigmoid-code-overflows",
            &[
                ("x", x(v)),
                ("minus_x", x(&-v)),
                ("limit", display(EXP_LIMIT_F64).into()),
            ],
        ),
        Note::Subnormal {
            x: v,
            float,
            stored,
            bits,
        } => {
            let (name, normal, full) = match float {
                Float::F64 => ("float64", f64::MIN_POSITIVE, f64::MANTISSA_DIGITS),
                Float::F32 => (
                    "float32",
                    f64::from(f32::MIN_POSITIVE),
                    f32::MANTISSA_DIGITS,
                ),
            };
            tr.f(
                "note-subnormal",
                &[
                    ("x", x(v)),
                    ("float", name.into()),
                    ("normal", display(normal).into()),
                    ("bits", (*bits).into()),
                    ("full", full.into()),
                    ("stored", display(*stored).into()),
                    ("exact", power_of_ten(v * std::f64::consts::LOG10_E).into()),
                ],
            )
        }
        Note::EveryExpOverflows { largest, smallest } => tr.f(
            "note-exp-overflow-every",
            &[
                ("x", x(largest)),
                ("smallest", x(smallest)),
                ("max", f64_max()),
            ],
        ),
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
        Note::AllMinusInf => tr.t("note-all-minus-inf"),
        Note::Rounded(Rounded::ToOne {
            subject: s,
            gap_log10,
        }) => {
            let (name, v) = subject(s);
            let call = call(s);
            // The float64 just below 1 is 1 - 2^-53.
            let below_one = 1.0 - f64::from_bits(1f64.to_bits() - 1);
            tr.f(
                "note-rounded-one",
                &[
                    ("subject", name.into()),
                    ("call", call.into()),
                    ("x", x(&v)),
                    ("gap", power_of_ten(*gap_log10).into()),
                    ("step", display(below_one).into()),
                ],
            )
        }
        Note::Rounded(Rounded::ToZero {
            subject: s,
            exact_log10,
            negative,
        }) => {
            let (name, v) = subject(s);
            let sign = if *negative { "-" } else { "" };
            tr.f(
                "note-rounded-zero",
                &[
                    ("subject", name.into()),
                    ("call", call(s).into()),
                    ("x", x(&v)),
                    (
                        "exact",
                        format!("{sign}{}", power_of_ten(*exact_log10)).into(),
                    ),
                    ("min", f64_min()),
                ],
            )
        }
        Note::Rounded(Rounded::ToNear {
            subject: s,
            shown,
            gap_log10,
            above,
        }) => {
            let shown = display(*shown);
            let sign = if *above { "+" } else { "-" };
            tr.f(
                "note-rounded-near",
                &[
                    ("call", call(s).into()),
                    ("shown", shown.clone().into()),
                    (
                        "exact",
                        format!("{shown} {sign} {}", power_of_ten(*gap_log10)).into(),
                    ),
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
        Note::ShiftOverflow {
            c,
            exponent,
            overflowed,
            finite,
        } => tr.f(
            "note-shift-overflow",
            &[
                ("c", x(c)),
                ("exponent", x(exponent)),
                ("limit", display(EXP_LIMIT_F64).into()),
                ("overflowed", (*overflowed).into()),
                ("finite", (*finite).into()),
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
        Note::ShiftSubnormal {
            c,
            terms,
            bits,
            every,
        } => tr.f(
            "note-shift-subnormal",
            &[
                ("c", x(c)),
                ("terms", (*terms).into()),
                ("normal", display(f64::MIN_POSITIVE).into()),
                ("bits", (*bits).into()),
                ("every", if *every { "yes" } else { "no" }.into()),
                ("digits", correct_digits(*bits).into()),
            ],
        ),
        Note::ShiftNotFinite {
            c,
            inputs_finite: true,
        } => tr.t(if c.is_nan() {
            "note-shift-nan"
        } else if *c > 0.0 {
            "note-shift-inf"
        } else {
            "note-shift-minus-inf"
        }),
        Note::ShiftNotFinite { c, .. } => tr.f("note-shift-not-finite", &[("c", x(c))]),
        Note::ReluStops { x: v } => tr.f(
            "note-relu-stops",
            &[
                ("x", x(v)),
                ("zero", if *v == 0.0 { "yes" } else { "no" }.into()),
            ],
        ),
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
        InputError::List { token, position } => tr.f(
            "error-list",
            &[
                ("token", token.as_str().into()),
                ("position", (*position).into()),
            ],
        ),
        InputError::Grouping {
            token,
            position,
            joined,
            split,
        } => tr.f(
            "error-grouping",
            &[
                ("token", token.as_str().into()),
                ("position", (*position).into()),
                ("joined", joined.as_str().into()),
                ("split", split.as_str().into()),
            ],
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
        InputError::BadSetting { token, example, .. } => tr.f(
            "error-bad-setting",
            &[
                ("token", token.as_str().into()),
                ("example", (*example).into()),
            ],
        ),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Localizer};
    use crate::lesson::LessonId;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn a_short_tag_is_explained_by_the_first_note_on_rounding() {
        let loc = Localizer::embedded().unwrap();
        let theme = Theme::plain();
        for lang in Lang::ALL {
            let tr = loc.tr(lang);
            let eval = LessonId::Overflow.evaluate(&[0.0, -1000.0]).unwrap();
            let short = tr.t("col-rounded-short");
            let long = tr.t("col-rounded");
            // Wide: the word itself, nothing to explain.
            let view = View {
                derivative: false,
                functions: &[],
            };
            let wide = evaluations(tr, std::slice::from_ref(&eval), view, 60, &theme);
            assert!(plain(&wide.main).iter().any(|l| l.ends_with(&long)));
            let notes = plain(&wide.notes.concat()).join(" ");
            assert!(!notes.contains(&format!("\"{short}\"")), "{notes}");
            // Narrow: the short form, and the note on rounding starts by saying
            // what it stands for.
            let width = if lang == Lang::En { 24 } else { 31 };
            let narrow = evaluations(tr, std::slice::from_ref(&eval), view, width, &theme);
            let rows = plain(&narrow.main);
            assert!(
                rows.iter()
                    .any(|l| l.ends_with(&short) && !l.ends_with(&long)),
                "{rows:?}"
            );
            assert!(rows.iter().all(|l| l.width() <= width), "{rows:?}");
            let legend = tr.f(
                "legend-rounded-short",
                &[
                    ("short", short.clone().into()),
                    ("long", long.clone().into()),
                ],
            );
            let first: String = narrow.notes[0]
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            let squash = |s: &str| s.split_whitespace().collect::<String>();
            assert!(squash(&first).starts_with(&squash(&legend)), "{first}");
        }
    }

    #[test]
    fn the_window_pins_the_header_and_says_what_is_hidden() {
        let r = Results {
            main: (0..10).map(|i| Line::raw(format!("line {i}"))).collect(),
            headers: vec![0],
            notes: vec![
                vec![Line::raw("note a1"), Line::raw("note a2")],
                vec![Line::raw("note b")],
            ],
            ..Results::default()
        };
        let more = |n: usize, below: bool| {
            Line::raw(format!("{n} {}", if below { "below" } else { "above" }))
        };
        let rows = |w: Vec<Row>| {
            w.into_iter()
                .map(|r| r.line.to_string())
                .collect::<Vec<_>>()
        };
        // From the top: the marker counts every hidden line, notes included.
        assert_eq!(
            rows(r.window(5, (9, 10), Place::Top, more)),
            ["line 0", "7 above", "line 8", "line 9", "3 below"]
        );
        assert_eq!(
            rows(r.window(5, (2, 3), Place::Top, more)),
            ["line 0", "line 1", "line 2", "line 3", "9 below"]
        );
        // In the middle, the header stays.
        assert_eq!(
            rows(r.window(6, (5, 6), Place::Middle, more)),
            ["line 0", "3 above", "line 4", "line 5", "line 6", "6 below"]
        );
        // A note from its start; the last one fills the window up to the end.
        let (a, b) = r.remark_lines(0).unwrap();
        assert_eq!((a, b), (10, 12));
        assert_eq!(
            rows(r.window(5, (a, b), Place::Start, more)),
            ["10 above", "note a1", "note a2", "note b"]
        );
        // Everything fits: all of it, no word.
        assert_eq!(r.window(13, (0, 1), Place::Top, more).len(), 13);
        assert!(r.window(0, (0, 1), Place::Top, more).is_empty());
        // A target past the end is the end.
        assert_eq!(r.window(3, (40, 2), Place::Start, more).len(), 3);
        for rows_n in 1..14 {
            for target in 0..13 {
                for place in [Place::Top, Place::Middle, Place::Start] {
                    let w = r.window(rows_n, (target, target + 1), place, more);
                    assert!(w.len() <= rows_n, "{rows_n} {target} {place:?}");
                    if rows_n >= 3 {
                        assert!(
                            w.iter().any(|row| row.index == Some(target)),
                            "{rows_n} {target} {place:?}"
                        );
                    }
                }
            }
        }
    }
}
