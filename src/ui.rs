//! Drawing only: everything here reads `&App` and writes a frame.
//!
//! ```text
//! header:  kasseika · what it is                                  3/7
//! ┌ lesson title ───────────────┐┌ chart ─────────────────────────┐
//! │ formula                     ││ braille chart, probe           │
//! │                             │└────────────────────────────────┘
//! │ explanation (scrolls)       │┌ input ─────────────────────────┐
//! │ NumPy code                  ││ > values                       │
//! │                             │└────────────────────────────────┘
//! │                             │── result ─────────────────────────
//! └──────────────────── 1-18/40 ┘ numbers, or what was wrong
//! footer: the keys that work right now
//! ```

pub mod chart;
pub mod results;
pub mod text;
pub mod theme;
pub mod wrap;

use fluent_bundle::FluentValue;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

pub use chart::Marker;
pub use text::TextLine;
pub use theme::{Look, Theme};

use crate::activation::{EXP_LIMIT_F32, EXP_LIMIT_F64};
use crate::app::{App, Focus, Shown};
use crate::i18n::Tr;
use crate::keys::{self, Mode};
use crate::lesson::{Evaluation, Kind, LessonId, Range};
use crate::number::display;

/// The smallest terminal the layout fits in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;
/// The chart never gets fewer rows than this (borders included).
const MIN_CHART_HEIGHT: u16 = 9;
const INPUT_HEIGHT: u16 = 3;
/// Rows of results shown before the rest is summed up as "N more lines" (unless
/// the lesson's own examples need more).
const MAX_RESULT_ROWS: usize = 7;

struct Regions {
    header: Rect,
    text: Rect,
    right: Rect,
    footer: Rect,
}

fn regions(area: Rect) -> Option<Regions> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, main, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    // Reading text gets a bit over half of a narrow screen and at most ~80 columns
    // on a wide one; the chart takes the rest.
    let text_w = (main.width * 13 / 25).clamp(30, 84);
    let [text, right] = main.layout(&Layout::horizontal([
        Constraint::Length(text_w),
        Constraint::Fill(1),
    ]));
    Some(Regions {
        header,
        text,
        right,
        footer,
    })
}

fn theme(app: &App) -> Theme {
    Theme::from(app.look)
}

fn tr(app: &App) -> Tr<'_> {
    app.loc.tr(app.lang)
}

fn text_block<'a>(app: &App, title: String, focused: bool) -> Block<'a> {
    let t = theme(app);
    Block::bordered()
        .border_set(t.border_set())
        .border_style(t.border(focused))
        .title(Span::styled(format!(" {title} "), t.block_title(focused)))
}

/// Width of the reading text and height of its scrolling part, for the terminal
/// size the app was last told of.
pub fn text_size(app: &App) -> (usize, u16) {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    match regions(area) {
        Some(r) => text_size_in(app, r.text),
        None => (1, 1),
    }
}

fn text_size_in(app: &App, pane: Rect) -> (usize, u16) {
    let inner = text_inner(pane);
    (usize::from(inner.width), formula_and_height(app, inner).1)
}

/// The wrapped formula at the top of the text pane, and the rows left below it
/// (after one blank row) for the scrolling text.
fn formula_and_height(app: &App, inner: Rect) -> (Vec<Line<'static>>, u16) {
    let formula = text::formula_lines(
        &app.loc,
        app.lang,
        app.lesson,
        usize::from(inner.width),
        &theme(app),
    );
    let fixed = u16::try_from(formula.len() + 1).unwrap_or(u16::MAX);
    (formula, inner.height.saturating_sub(fixed).max(1))
}

fn text_inner(area: Rect) -> Rect {
    Block::bordered()
        .padding(Padding::horizontal(1))
        .inner(area)
}

/// The reading text of the current lesson wrapped to `width`.
pub fn lesson_text(app: &App, width: usize) -> Vec<TextLine> {
    text::lesson_lines(&app.loc, app.lang, app.lesson, width, &theme(app))
}

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let cursor = render(app, area, frame.buffer_mut());
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

/// Renders into a buffer; returns where the input cursor goes, if it shows.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let area = area.intersection(buf.area);
    let Some(r) = regions(area) else {
        too_small(app, area, buf);
        return None;
    };
    header(app, r.header, buf);
    text_pane(app, r.text, buf);
    let cursor = if app.lesson.has_input() {
        lab(app, r.right, buf)
    } else {
        intro_side(app, r.right, buf);
        None
    };
    footer(app, r.footer, buf);
    if app.help {
        help(app, area, buf);
        return None;
    }
    cursor
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let have = format!("{}x{}", area.width, area.height);
    let need = format!("{MIN_WIDTH}x{MIN_HEIGHT}");
    let mut message = wrap::Styled::new();
    message.push(
        &tr.f("too-small", &[("have", have.into()), ("need", need.into())]),
        t.error(),
    );
    let mut hint = wrap::Styled::new();
    hint.push(&tr.t("too-small-hint"), t.text());
    let width = usize::from(area.width.max(1));
    let mut lines = wrap::wrap(&message, width, 0);
    lines.extend(wrap::wrap(&hint, width, 0));
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let body = Rect::new(area.x, area.y + top, area.width, area.height - top);
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .render(body, buf);
}

fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let left = Line::from(vec![
        Span::styled(" kasseika ", t.app_name()),
        Span::styled(tr.t("app-tagline"), t.dim()),
    ]);
    let position = tr.f(
        "lesson-position",
        &[
            ("current", (app.lesson.index() + 1).into()),
            ("total", LessonId::ALL.len().into()),
        ],
    );
    let right = Line::from(vec![
        Span::styled(tr.t("language-name"), t.dim()),
        Span::raw("  "),
        Span::styled(position, t.title()),
        Span::raw(" "),
    ]);
    let right_w = right.width() as u16;
    buf.set_line(
        area.x,
        area.y,
        &left,
        area.width.saturating_sub(right_w + 1),
    );
    buf.set_line(
        area.right().saturating_sub(right_w),
        area.y,
        &right,
        right_w,
    );
}

fn text_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let inner = text_inner(area);
    let width = usize::from(inner.width);
    let (formula, height) = formula_and_height(app, inner);
    let lines = lesson_text(app, width);
    let scroll = usize::from(app.page().scroll).min(lines.len().saturating_sub(1));
    let visible = usize::from(height);
    let mut block =
        text_block(app, tr.t(&app.lesson.title_id()), false).padding(Padding::horizontal(1));
    if lines.len() > visible {
        let last = (scroll + visible).min(lines.len());
        let position = tr.f(
            "scroll-position",
            &[
                ("first", (scroll + 1).into()),
                ("last", last.into()),
                ("total", lines.len().into()),
            ],
        );
        block = block.title_bottom(Line::styled(format!(" {position} "), t.dim()).right_aligned());
    }
    block.render(area, buf);
    let mut y = inner.y;
    for line in &formula {
        if y >= inner.bottom() {
            return;
        }
        buf.set_line(inner.x, y, line, inner.width);
        y += 1;
    }
    y += 1;
    for text_line in lines.iter().skip(scroll).take(visible) {
        if y >= inner.bottom() {
            break;
        }
        buf.set_line(inner.x, y, &text_line.line, inner.width);
        y += 1;
    }
}

/// The right-hand side of a lesson with input: chart, input box, results.
fn lab(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = theme(app);
    let tr = tr(app);
    let page = app.page();
    let width = usize::from(area.width.saturating_sub(1).max(1));
    let result = results::results(tr, page, width, &t);
    // The results area is at least as tall as the examples need, so that a shorter
    // answer does not move the chart (and redraw all of it).
    let baseline = results::evaluations(tr, &page.examples, width, &t).height();
    // A long answer grows the area up to a few rows past that; beyond, its last row
    // says how many rows are hidden, and the chart keeps its size.
    let room = area
        .height
        .saturating_sub(INPUT_HEIGHT + MIN_CHART_HEIGHT)
        .max(1);
    let wanted = result
        .height()
        .clamp(baseline, baseline.max(MAX_RESULT_ROWS));
    let results_h = u16::try_from(wanted + 1).unwrap_or(u16::MAX).clamp(1, room);
    let [chart_area, input_area, results_area] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(INPUT_HEIGHT),
        Constraint::Length(results_h),
    ]));

    let chart_block = text_block(app, tr.t("pane-chart"), false);
    let chart_inner = chart_block.inner(chart_area);
    chart_block.render(chart_area, buf);
    lesson_chart(app, chart_inner, buf);

    let cursor = input_box(app, input_area, buf);

    let title_id = match (&page.error, &page.shown) {
        (Some(_), _) => "pane-error",
        (None, Shown::Examples) => "pane-example",
        (None, Shown::Result(_)) => "pane-result",
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(t.border_set())
        .border_style(t.border(false))
        .title(Span::styled(
            format!(" {} ", tr.t(title_id)),
            t.block_title(false),
        ));
    let block = block.padding(Padding::left(1));
    let inner = block.inner(results_area);
    block.render(results_area, buf);
    let more =
        |count: usize| Line::styled(tr.f("results-more", &[("count", count.into())]), t.dim());
    for (i, line) in result
        .fit(usize::from(inner.height), more)
        .iter()
        .enumerate()
    {
        buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
    }
    cursor
}

fn input_box(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = theme(app);
    let tr = tr(app);
    let focused = app.focus == Focus::Input && !app.help;
    let hint = if focused {
        tr.f("input-hint-focused", &[("key", keys::EVALUATE_KEY.into())])
    } else {
        tr.f("input-hint", &[("key", keys::FOCUS_KEY.into())])
    };
    let block = text_block(app, tr.t("pane-input"), focused)
        .title(Line::styled(format!(" {hint} "), t.dim()).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 3 || inner.height == 0 {
        return None;
    }
    let prompt = Span::styled("> ", t.border(focused));
    buf.set_span(inner.x, inner.y, &prompt, 2);
    let field = Rect::new(inner.x + 2, inner.y, inner.width - 2, 1);
    let input = &app.page().input;
    if input.value().is_empty() {
        let example = app.lesson.example().last().copied().unwrap_or_default();
        let placeholder = tr.f("input-placeholder", &[("example", example.into())]);
        buf.set_stringn(
            field.x,
            field.y,
            placeholder,
            usize::from(field.width),
            t.placeholder(),
        );
    }
    // Scroll the text so the cursor stays visible; place the cursor by display width.
    let width = usize::from(field.width.saturating_sub(1)).max(1);
    let scroll = input.visual_scroll(width);
    let mut skipped = 0;
    let start = input
        .value()
        .char_indices()
        .find(|&(_, c)| {
            let before = skipped;
            skipped += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            before >= scroll
        })
        .map_or(input.value().len(), |(i, _)| i);
    buf.set_stringn(
        field.x,
        field.y,
        &input.value()[start..],
        usize::from(field.width),
        t.text(),
    );
    focused.then(|| {
        let offset = input.visual_cursor().saturating_sub(scroll);
        Position::new(field.x + (offset as u16).min(field.width - 1), field.y)
    })
}

/// Axis ticks labelled with our number format.
fn ticks(values: &[f64]) -> Vec<(f64, String)> {
    values.iter().map(|&v| (v, display(v))).collect()
}

fn lesson_chart(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let Some(spec) = app.lesson.chart() else {
        return;
    };
    let page = app.page();
    let axis = |range, ticks, name: &str| chart::Axis {
        range,
        ticks,
        name: tr.t(name),
    };
    let probe = |label: String| page.probe().map(|(x, y)| chart::Probe { x, y, label });
    match app.lesson.kind() {
        Kind::Intro => {}
        Kind::Scalar(f) => {
            let eval = |x| f.eval(x);
            let continuous = |a, b| f.continuous_between(a, b);
            let label = page
                .probe()
                .map(|(x, y)| format!("({}, {})", display(x), display(y)))
                .unwrap_or_default();
            chart::Chart {
                x: axis(spec.x, ticks(spec.x_ticks), "axis-x"),
                y: axis(spec.y, ticks(spec.y_ticks), "axis-y"),
                series: chart::Series::Function {
                    f: &eval,
                    continuous: &continuous,
                },
                guides: vec![],
                probe: probe(label),
                marker: app.look.marker,
                theme: t,
            }
            .render(area, buf);
        }
        Kind::Softmax => {
            let (inputs, probs) = match page.evaluations().last() {
                Some(Evaluation::Softmax { inputs, probs, .. }) => (inputs.clone(), probs.clone()),
                _ => (vec![], vec![]),
            };
            let n = probs.len().max(1);
            let labels: Vec<String> = inputs.iter().map(|&a| display(a)).collect();
            // Label bars with the inputs when they fit, else with their numbers
            // (every second or third one when even those are crowded).
            let plot_w = usize::from(area.width).saturating_sub(6);
            let fits = labels.iter().all(|l| (l.width() + 1) * n <= plot_w);
            let labels: Vec<String> = if fits {
                labels
            } else {
                (1..=n).map(|k| k.to_string()).collect()
            };
            let widest = labels.iter().map(|l| l.width() + 1).max().unwrap_or(1);
            let stride = (widest * n).div_ceil(plot_w.max(1)).max(1);
            let x_ticks = labels
                .into_iter()
                .enumerate()
                .filter(|(k, _)| k % stride == 0)
                .map(|(k, label)| (k as f64 + 0.5, label))
                .collect();
            chart::Chart {
                x: axis(Range::new(0.0, n as f64), x_ticks, "axis-class"),
                y: axis(spec.y, ticks(spec.y_ticks), "axis-prob"),
                series: chart::Series::Bars(probs),
                guides: vec![],
                probe: None,
                marker: app.look.marker,
                theme: t,
            }
            .render(area, buf);
        }
        Kind::Overflow => {
            let log_exp = |x: f64| {
                if x <= EXP_LIMIT_F64 {
                    x * std::f64::consts::LOG10_E
                } else {
                    f64::INFINITY
                }
            };
            let continuous = |_, _| true;
            let y_ticks = spec
                .y_ticks
                .iter()
                .map(|&v| {
                    (
                        v,
                        if v == 0.0 {
                            "1".into()
                        } else {
                            format!("1e{v}")
                        },
                    )
                })
                .collect();
            let label = page
                .probe()
                .map(|(x, _)| {
                    tr.f(
                        "probe-exp",
                        &[
                            ("x", display(x).into()),
                            ("value", display(crate::activation::exp_f64(x)).into()),
                        ],
                    )
                })
                .unwrap_or_default();
            chart::Chart {
                x: axis(spec.x, ticks(spec.x_ticks), "axis-x"),
                y: axis(spec.y, y_ticks, "axis-exp"),
                series: chart::Series::Function {
                    f: &log_exp,
                    continuous: &continuous,
                },
                guides: vec![
                    chart::Guide {
                        x: EXP_LIMIT_F32,
                        label: tr.t("guide-float32"),
                        label_on_top: true,
                    },
                    chart::Guide {
                        x: EXP_LIMIT_F64,
                        label: tr.t("guide-float64"),
                        label_on_top: false,
                    },
                ],
                probe: probe(label),
                marker: app.look.marker,
                theme: t,
            }
            .render(area, buf);
        }
    }
}

/// The intro's right side: the perceptron, and the way through the lessons.
fn intro_side(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let diagram = tr.t("intro-diagram");
    let diagram_lines: Vec<&str> = diagram.lines().collect();
    let caption = tr.t("intro-diagram-caption");
    let inner_w = usize::from(area.width.saturating_sub(4)).max(1);
    let mut caption_s = wrap::Styled::new();
    caption_s.push(&caption, t.dim());
    let caption_lines = wrap::wrap(&caption_s, inner_w, 0);
    let diagram_h =
        u16::try_from(diagram_lines.len() + caption_lines.len() + 3).unwrap_or(u16::MAX);
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Length(diagram_h.min(area.height / 2 + 2)),
        Constraint::Fill(1),
    ]));
    let block = text_block(app, tr.t("pane-diagram"), false).padding(Padding::horizontal(1));
    let inner = block.inner(top);
    block.render(top, buf);
    let mut y = inner.y;
    for line in diagram_lines {
        if y >= inner.bottom() {
            break;
        }
        buf.set_stringn(inner.x, y, line, usize::from(inner.width), t.formula());
        y += 1;
    }
    y += 1;
    for line in caption_lines {
        if y >= inner.bottom() {
            break;
        }
        buf.set_line(inner.x, y, &line, inner.width);
        y += 1;
    }

    let title = tr.f("pane-outline", &[("keys", keys::JUMP_KEYS.into())]);
    let block = text_block(app, title, false).padding(Padding::horizontal(1));
    let inner = block.inner(bottom);
    block.render(bottom, buf);
    for (i, lesson) in LessonId::ALL.into_iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let current = lesson == app.lesson;
        let marker = if current { "> " } else { "  " };
        let style = if current { t.selected() } else { t.text() };
        let line = Line::from(vec![
            Span::styled(format!("{marker}{}. ", i + 1), style),
            Span::styled(tr.t(&lesson.title_id()), style),
        ]);
        buf.set_line(inner.x, y, &line, inner.width);
    }
}

fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let mode = Mode::of(app);
    // (id, key block, action); the least needed hints go first when space is short.
    let mut hints: Vec<(&str, String, String)> =
        keys::footer_hints(mode, app.look.ascii, app.lesson.has_input())
            .into_iter()
            .map(|(keys, id)| {
                // The other language's own name is not ASCII.
                let text_id = match id {
                    "key-lang-target" if app.look.ascii => "key-lang-target-ascii",
                    id => id,
                };
                (id, format!(" {keys} "), tr.t(text_id))
            })
            .collect();
    let width = |hints: &[(&str, String, String)]| {
        hints
            .iter()
            .map(|(_, k, a)| k.width() + 1 + a.width() + 2)
            .sum::<usize>()
            + 1
    };
    for id in ["key-scroll", "key-prev", "key-help"] {
        if width(&hints) <= usize::from(area.width) {
            break;
        }
        hints.retain(|(i, _, _)| *i != id);
    }
    let mut spans = vec![Span::raw(" ")];
    for (_, key, action) in hints {
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(action, t.text()));
        spans.push(Span::raw("  "));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let rows: Vec<(String, String)> = keys::bindings()
        .into_iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label(app.look.ascii)).collect();
            (keys.join("  "), tr.t(b.help))
        })
        .collect();
    let key_w = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let width = area.width.saturating_sub(4).min(72);
    let desc_w = usize::from(width).saturating_sub(key_w + 6).max(8);
    let mut lines: Vec<Line> = Vec::new();
    for (keys, desc) in rows {
        let mut s = wrap::Styled::new();
        s.push(&desc, t.text());
        for (i, line) in wrap::wrap(&s, desc_w, 0).into_iter().enumerate() {
            let mut spans = vec![Span::styled(
                format!("{:<key_w$}  ", if i == 0 { keys.as_str() } else { "" }),
                t.selected(),
            )];
            spans.extend(line.spans);
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::raw(""));
    let mut edit = wrap::Styled::new();
    let editing: Vec<(&str, FluentValue)> = keys::editing_keys(app.look.ascii)
        .into_iter()
        .map(|(name, keys)| (name, FluentValue::from(keys)))
        .collect();
    edit.push(&tr.f("help-editing", &editing), t.dim());
    lines.extend(wrap::wrap(
        &edit,
        usize::from(width).saturating_sub(4).max(1),
        0,
    ));
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(popup, buf);
    let block = text_block(app, tr.t("help-title"), true)
        .padding(Padding::horizontal(1))
        .title_bottom(
            Line::styled(
                format!(
                    " {} ",
                    tr.f("help-close", &[("key", keys::CLOSE_HELP_KEYS.into())])
                ),
                t.dim(),
            )
            .right_aligned(),
        );
    let inner = block.inner(popup);
    block.render(popup, buf);
    for (i, line) in lines.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        buf.set_line(inner.x, y, line, inner.width);
    }
}
