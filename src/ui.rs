//! Drawing only: everything here reads `&App` and writes a frame. Nothing is cut
//! without a mark: a text that does not fit is shown whole elsewhere, shortened
//! with a visible ellipsis, or left out whole.
//!
//! ```text
//! header:  kasseika · what it is                                  3/7
//! ┌ lesson title ───────────────┐┌ chart ─────────────────────────┐
//! │ formula                     ││ braille chart, marks, probe    │
//! │                             │└────────────────────────────────┘
//! │ explanation (scrolls)       │┌ input ─────────────────────────┐
//! │ NumPy code (never wrapped)  ││ > values                       │
//! │                             │└────────────────────────────────┘
//! │                             │── result ───────── r to choose ──
//! └──────────────────── 1-18/40 ┘ numbers, or what was wrong
//! footer: the keys that work right now
//! ```

pub mod chart;
pub mod course;
pub mod fit;
pub mod help;
pub mod lesson_chart;
pub mod overlay;
pub mod results;
pub mod theme;

use crate::width::StrWidth;
use fluent_bundle::FluentValue;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Widget};

pub use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
pub use crate::app::look::{Look, Marker};
pub use crate::app::{text, wrap};
pub use text::TextLine;
pub use theme::Theme;

use crate::activation::Scalar;
use crate::app::layout::{self, Reading};
use crate::app::{App, Chosen, Focus, HelpPage, Message, Shown};
use crate::i18n::Tr;
use crate::keys::{self, Mode};
use crate::lesson::{Kind, LessonId, MODERN};
use results::Place;

/// The chart never gets fewer rows than this (borders included).
const MIN_CHART_HEIGHT: u16 = 9;
/// The rows the results leave the chart (borders included) where the screen has
/// them: seven rows of plot, room for the curves' names beside them; on a tall
/// screen, half the rows below the input box. Below it, the results scroll ("N more
/// lines") rather than take the chart's rows, chosen (being read with the keys) or
/// not; only a note too long to read beside the chart takes them while it is read.
const CHART_FLOOR: u16 = 12;
const INPUT_HEIGHT: u16 = 3;
/// Cells left of the results: the mark of the chosen row, and a space.
const RESULTS_MARGIN: u16 = 2;
/// Rows of results shown before the rest waits for the results to be chosen (unless
/// the first tables of the lesson's own examples need more: the steps of a softmax
/// and the chain of layers wait for the results to be chosen).
const MAX_RESULT_ROWS: usize = 7;
/// Rows of the lesson outline (its seven lessons and the borders).
const OUTLINE_HEIGHT: u16 = LessonId::ALL.len() as u16 + 2;

fn theme(app: &App) -> Theme {
    Theme::from(app.look)
}

fn tr(app: &App) -> Tr<'_> {
    app.loc.tr(app.lang)
}

/// A bordered block whose title is shown whole or ellipsized to the block's width.
fn text_block<'a>(app: &App, title: &str, focused: bool, width: u16) -> Block<'a> {
    let t = theme(app);
    let room = usize::from(width).saturating_sub(4);
    let title = fit::ellipsize(title, room, app.look.ascii);
    let block = Block::bordered()
        .border_set(t.border_set())
        .border_style(t.border(focused));
    if title.is_empty() {
        block
    } else {
        block.title(Span::styled(format!(" {title} "), t.block_title(focused)))
    }
}

/// A right-aligned title (a hint or a position) if it fits beside the left one.
fn right_title<'a>(block: Block<'a>, left: &str, right: &str, width: u16, t: &Theme) -> Block<'a> {
    let used = left.width() + 4 + right.width() + 3;
    if right.is_empty() || used > usize::from(width) {
        block
    } else {
        block.title(Line::styled(format!(" {right} "), t.dim()).right_aligned())
    }
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
    let Some(r) = layout::regions(area) else {
        too_small(app, area, buf);
        return None;
    };
    header(app, r.header, buf);
    let (cursor, (code_clipped, exercises_told)) = if app.exercises_open() {
        // The exercise in the reading pane's place, the lesson's text below it where
        // there is room; the chart and the input box where they always are.
        let answer_cursor = course::exercise(app, area, buf);
        if let Some((below, _)) = app.lesson_below() {
            let reading = Reading::new(
                &app.loc,
                app.lang,
                app.doc(),
                layout::text_inner(below),
                &theme(app),
            );
            text_pane(app, &reading, below, buf);
        }
        let lab_cursor = if app.lesson.has_input() {
            lab(app, r.right, buf)
        } else {
            intro_side(app, r.right, buf);
            None
        };
        (answer_cursor.or(lab_cursor), (false, false))
    } else {
        let reading = Reading::new(
            &app.loc,
            app.lang,
            app.doc(),
            layout::text_inner(r.text),
            &theme(app),
        );
        let pane = text_pane(app, &reading, r.text, buf);
        let cursor = if app.closing {
            course::closing_side(app, r.right, buf);
            None
        } else if app.lesson.has_input() {
            lab(app, r.right, buf)
        } else {
            intro_side(app, r.right, buf);
            None
        };
        (cursor, pane)
    };
    footer(app, code_clipped, exercises_told, r.footer, buf);
    // One box over the screen at most: a notice first, then the help or the list.
    if !app.course.notices.is_empty() {
        course::notice(app, area, buf);
        return None;
    }
    if app.help {
        help(app, area, buf);
        return None;
    }
    if app.course.review.is_some() {
        course::review(app, area, buf);
        return None;
    }
    if app.course.list.is_some() {
        course::list(app, area, buf);
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
    match app.window_larger {
        // The window is large enough: the screen is drawn smaller than it.
        Some(window) => {
            let size = |(c, r): (u16, u16)| format!("{c}x{r}");
            let args = [
                ("drawn", size((area.width, area.height)).into()),
                ("window", size(window).into()),
            ];
            hint.push(&tr.f("window-larger", &args), t.text());
        }
        None => {
            hint.push(&tr.t("too-small-hint"), t.text());
        }
    }
    let width = usize::from(area.width.max(1));
    let mut lines = wrap::wrap(&message, width, 0);
    lines.extend(wrap::wrap(&hint, width, 0));
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let body = Rect::new(area.x, area.y + top, area.width, area.height - top);
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .render(body, buf);
}

/// The name, the tagline (whole, or not at all), the language and the place.
fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let position = if app.closing {
        tr.t("closing-position")
    } else {
        tr.f(
            "lesson-position",
            &[
                ("current", (app.lesson.index() + 1).into()),
                ("total", LessonId::ALL.len().into()),
            ],
        )
    };
    let right = Line::from(vec![
        Span::styled(tr.t("language-name"), t.dim()),
        Span::raw("  "),
        Span::styled(position, t.title()),
        Span::raw(" "),
    ]);
    let right_w = right.width() as u16;
    let mut left = vec![Span::styled(" kasseika ", t.app_name())];
    let room = usize::from(area.width.saturating_sub(right_w + 1));
    if let Some(window) = app.window_larger {
        // Why the screen does not fill the window, in place of the tagline: the
        // whole sentence, or its short form.
        let size = |(c, r): (u16, u16)| format!("{c}x{r}");
        let args = [
            ("drawn", size(app.size).into()),
            ("window", size(window).into()),
        ];
        let note = [
            tr.f("window-larger", &args),
            tr.f("window-larger-short", &args),
        ]
        .into_iter()
        .find(|note| " kasseika ".width() + note.width() <= room);
        if let Some(note) = note {
            left.push(Span::styled(note, t.error()));
        }
    } else {
        let tagline = tr.t("app-tagline");
        if " kasseika ".width() + tagline.width() <= room {
            left.push(Span::styled(tagline, t.dim()));
        }
    }
    buf.set_line(area.x, area.y, &Line::from(left), area.width);
    buf.set_line(
        area.right().saturating_sub(right_w),
        area.y,
        &right,
        right_w,
    );
}

/// The reading pane; returns whether a code line on show is cut at its edge, and
/// whether its foot tells the key of the lesson's exercises.
fn text_pane(app: &App, reading: &Reading, area: Rect, buf: &mut Buffer) -> (bool, bool) {
    let t = theme(app);
    let tr = tr(app);
    let inner = layout::text_inner(area);
    let scroll = usize::from(app.scroll().min(reading.max_scroll()));
    let shift = if app.closing {
        0
    } else {
        usize::from(app.page().shift.min(reading.max_shift()))
    };
    let visible = usize::from(reading.rows);
    let lines = &reading.lines;
    let mut block = text_block(app, &tr.t(&app.doc().title_id()), false, area.width)
        .padding(Padding::horizontal(1));
    let mut position = String::new();
    if lines.len() > visible {
        let last = (scroll + visible).min(lines.len());
        position = tr.f(
            "scroll-position",
            &[
                ("first", (scroll + 1).into()),
                ("last", last.into()),
                ("total", lines.len().into()),
            ],
        );
        block = block.title_bottom(Line::styled(format!(" {position} "), t.dim()).right_aligned());
    }
    // The lesson's exercises, how many are solved, and the key that opens them,
    // where the room beside the position allows.
    let mut told = false;
    if let Some(hint) = course::exercises_hint(app) {
        let used = hint.width() + 2 + position.width() + 2 + 4;
        if used <= usize::from(area.width) {
            block = block.title_bottom(Line::styled(format!(" {hint} "), t.dim()).left_aligned());
            told = true;
        }
    }
    block.render(area, buf);
    let mut y = inner.y;
    for line in &reading.formula {
        if y >= inner.bottom() {
            return (false, told);
        }
        buf.set_line(inner.x, y, line, inner.width);
        y += 1;
    }
    if !reading.formula.is_empty() {
        y += 1;
    }
    let width = usize::from(inner.width);
    let mut clipped = false;
    for text_line in lines.iter().skip(scroll).take(visible) {
        if y >= inner.bottom() {
            break;
        }
        clipped |= text_line.code && (shift > 0 || text_line.line.width() > width);
        let line = if text_line.code {
            fit::code_line(&text_line.line, shift, width, t.clip_mark(), app.look.ascii)
        } else {
            text_line.line.clone()
        };
        buf.set_line(inner.x, y, &line, inner.width);
        y += 1;
    }
    (clipped, told)
}

/// The right-hand side of a lesson with input: chart, input box, results.
fn lab(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = theme(app);
    let tr = tr(app);
    let page = app.page();
    let listing = app.focus == Focus::Functions && !app.help;
    let focused = app.focus == Focus::Results && !app.help;
    let chosen = page.chosen().filter(|_| focused);
    let chosen_remark = match chosen {
        Some(Chosen::Remark(k)) => Some(k),
        _ => None,
    };
    // Two cells of margin: the mark of what is chosen, and a space.
    let width = usize::from(area.width.saturating_sub(RESULTS_MARGIN).max(1));
    let view = results::View::of(page);
    let result = if listing {
        results::function_list(tr, page, width, &t)
    } else {
        results::results(tr, page, width, &t, chosen_remark)
    };
    // What the window over the results must show: the remark being read, or the
    // chosen value's row (at first, the last value entered).
    let value_line = match chosen {
        Some(Chosen::Remark(_)) => None,
        _ => page
            .chosen_value()
            .and_then(|i| result.value_rows.get(i).copied()),
    };
    let (target, place) = match (chosen, value_line) {
        // The list of functions: the line the cursor is on.
        // Past the functions, the notes under the list: the whole note.
        _ if listing => {
            let l = page.function_cursor;
            match l.checked_sub(MODERN.len()) {
                Some(k) => (result.remark_lines(k).unwrap_or((l, l + 1)), Place::Start),
                None => ((l, l + 1), Place::Middle),
            }
        }
        (Some(Chosen::Remark(k)), _) => (result.remark_lines(k).unwrap_or((0, 1)), Place::Start),
        (Some(Chosen::Value(_)), Some(l)) => (result.row_lines(l), Place::Middle),
        (_, Some(l)) => (result.row_lines(l), Place::Top),
        (_, None) => ((0, 1), Place::Top),
    };
    // The results area is at least as tall as the examples need, so that a shorter
    // answer does not move the chart (and redraw all of it). A long table grows it
    // up to a few rows past that; remarks get all the room the chart can give (they
    // say why a result is inf, NaN, 0 or rounded: the point of the lesson); chosen,
    // the results take all that room too.
    // Only the first tables of the examples count (the steps of a softmax and the
    // chain of layers wait for the results to be chosen).
    let examples = results::evaluations(tr, &page.examples, view, width, &t);
    let baseline = (examples.primary + examples.note_lines()).min(examples.height());
    let wanted = if focused || listing {
        result.height()
    } else {
        let table = result
            .main
            .len()
            .clamp(baseline, baseline.max(MAX_RESULT_ROWS));
        baseline.max(table + result.note_lines())
    };
    let wanted = u16::try_from(wanted + 1).unwrap_or(u16::MAX);
    let below_input = area.height.saturating_sub(INPUT_HEIGHT);
    // The chart keeps seven tenths of the rows below the input, up to its floor (or
    // half of those rows, on a tall screen), the results chosen or not: they scroll
    // in the rows left to them.
    let chart_floor =
        (below_input * 7 / 10).clamp(MIN_CHART_HEIGHT, CHART_FLOOR.max(below_input / 2));
    let room = below_input.saturating_sub(chart_floor).max(1);
    let mut results_h = wanted.clamp(1, room);
    let more = |count: usize, below: bool| more_line(app, count, below, width, &t);
    // A remark that does not fit whole beside the chart takes the chart's room too;
    // a chosen value's row (wrapped on a narrow screen) takes rows of the chart
    // down to its least, so that the whole row shows.
    let whole = |results_h: u16| {
        let rows = usize::from(results_h.saturating_sub(1));
        let window = result.window(rows, target, place, more);
        (target.0..target.1).all(|i| window.iter().any(|r| r.index == Some(i)))
    };
    if chosen_remark.is_some() && !whole(results_h) {
        results_h = wanted.clamp(1, below_input.max(1));
    } else if matches!(chosen, Some(Chosen::Value(_))) {
        let most = below_input.saturating_sub(MIN_CHART_HEIGHT).max(results_h);
        while results_h < most && !whole(results_h) {
            results_h += 1;
        }
    }
    let mut chart_h = below_input.saturating_sub(results_h);
    if chart_h < MIN_CHART_HEIGHT {
        results_h += chart_h;
        chart_h = 0;
    }
    let [chart_area, input_area, results_area] = area.layout(&Layout::vertical([
        Constraint::Length(chart_h),
        Constraint::Length(INPUT_HEIGHT),
        Constraint::Length(results_h),
    ]));

    if chart_h > 0 {
        let chart_block = text_block(app, &tr.t("pane-chart"), false, chart_area.width);
        let chart_inner = chart_block.inner(chart_area);
        chart_block.render(chart_area, buf);
        lesson_chart::draw(app, chart_inner, buf);
    }

    let cursor = input_box(app, input_area, buf);

    let title_id = match (&page.error, &page.shown) {
        _ if listing => "pane-functions",
        (Some(_), _) => "pane-error",
        (None, Shown::Examples) => "pane-example",
        (None, Shown::Result(_)) => "pane-result",
    };
    // Values past the most one evaluation takes: the title says at once which
    // values the results are (a note under them says the rest).
    let left_out = page.told.values_left_out;
    let title = if title_id == "pane-result" && left_out > 0 {
        // Values are left out only past the most, which is what was kept.
        let kept = crate::value_input::MAX_VALUES;
        let args = [("kept", kept.into()), ("count", (kept + left_out).into())];
        [
            tr.f("pane-result-first", &args),
            tr.f("pane-result-first-short", &args),
        ]
        .into_iter()
        .find(|t| t.width() + 4 <= usize::from(area.width))
        .unwrap_or_else(|| tr.t(title_id))
    } else {
        tr.t(title_id)
    };
    let rows = usize::from(results_h.saturating_sub(1));
    let shown = result.window(rows, target, place, more);
    let hidden = shown.iter().any(|r| r.index.is_none());
    let hint = match chosen {
        _ if listing => tr.f(
            "functions-hint",
            &[(
                "key",
                keys::key_for(&Message::ToggleCurve, Mode::Functions, app.look.ascii).into(),
            )],
        ),
        Some(Chosen::Value(i)) => tr.f(
            "results-position",
            &[
                ("current", (i + 1).into()),
                ("total", page.value_count().into()),
            ],
        ),
        Some(Chosen::Remark(k)) => tr.f(
            "results-position-note",
            &[
                ("current", (k + 1).into()),
                ("total", result.notes.len().into()),
            ],
        ),
        // The key that chooses is told where it works: while reading.
        None if app.focus == Focus::Browse && (page.stops() > 1 || hidden) => tr.f(
            "results-hint",
            &[(
                "key",
                keys::key_for(&Message::FocusResults, Mode::Browse, app.look.ascii).into(),
            )],
        ),
        None => String::new(),
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(t.border_set())
        .border_style(t.border(focused || listing))
        .title(Span::styled(
            format!(" {title} "),
            t.block_title(focused || listing),
        ));
    let block =
        right_title(block, &title, &hint, area.width, &t).padding(Padding::left(RESULTS_MARGIN));
    let inner = block.inner(results_area);
    block.render(results_area, buf);
    // What is chosen: its row in the probe's style, and (chosen with the keys) a
    // mark in the margin, which shows without colour and without bold.
    let mark_at = match chosen {
        _ if listing => Some(target.0),
        Some(Chosen::Remark(_)) => Some(target.0),
        Some(Chosen::Value(_)) => value_line,
        None => None,
    };
    for (i, row) in shown.into_iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let mut line = row.line;
        let highlighted = if listing { Some(target.0) } else { value_line };
        if row.index.is_some() && row.index == highlighted {
            for span in &mut line.spans {
                if span.style != t.non_finite() {
                    span.style = span.style.patch(t.probe());
                }
            }
        }
        buf.set_line(inner.x, y, &line, inner.width);
        if row.index.is_some() && row.index == mark_at && inner.x >= results_area.x + 2 {
            buf.set_string(inner.x - 2, y, ">", t.probe());
        }
    }
    cursor
}

/// The line that says how many lines of the results are hidden, and below, how to
/// see them with the keys that work now: the longest form that fits.
fn more_line(app: &App, count: usize, below: bool, width: usize, t: &Theme) -> Line<'static> {
    let tr = tr(app);
    let ascii = app.look.ascii;
    let plain = |id: &str| tr.f(id, &[("count", count.into())]);
    if !below {
        return Line::styled(plain("results-more-above"), t.dim());
    }
    let key = keys::key_for(&Message::FocusResults, Mode::Browse, ascii);
    let mut forms = Vec::new();
    match app.focus {
        Focus::Browse => {
            forms.push(tr.f(
                "results-more-below-key",
                &[("count", count.into()), ("key", key.clone().into())],
            ));
            forms.push(tr.f(
                "results-more-below-short",
                &[("count", count.into()), ("keys", key.into())],
            ));
        }
        // While an exercise is on show, leaving the box goes back to it, not to
        // the results.
        Focus::Input if !app.exercises_open() => {
            let leave = keys::key_for(&Message::LeaveInput, Mode::Input, ascii);
            forms.push(tr.f(
                "results-more-below-typing",
                &[
                    ("count", count.into()),
                    ("leave", leave.clone().into()),
                    ("key", key.clone().into()),
                ],
            ));
            let keys = tr.f(
                "results-keys-then",
                &[("first", leave.into()), ("second", key.into())],
            );
            forms.push(tr.f(
                "results-more-below-short",
                &[("count", count.into()), ("keys", keys.into())],
            ));
        }
        Focus::Input | Focus::Results | Focus::Functions | Focus::Exercise | Focus::Answer => {}
    }
    let text = forms
        .into_iter()
        .find(|f| f.width() <= width)
        .unwrap_or_else(|| plain("results-more-below"));
    Line::styled(text, t.dim())
}

fn input_box(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = theme(app);
    let tr = tr(app);
    let ascii = app.look.ascii;
    let focused = app.focus == Focus::Input && !app.help;
    let hint = if focused {
        let key = keys::key_for(&Message::Evaluate, Mode::Input, ascii);
        tr.f("input-hint-focused", &[("key", key.into())])
    } else {
        let key = keys::key_for(&Message::FocusInput, Mode::Browse, ascii);
        tr.f("input-hint", &[("key", key.into())])
    };
    let title = tr.t("pane-input");
    let block = text_block(app, &title, focused, area.width);
    let block = right_title(block, &title, &hint, area.width, &t);
    let inner = block.inner(area);
    block.render(area, buf);
    let example = app.lesson.example().last().copied().unwrap_or_default();
    let placeholder = tr.f("input-placeholder", &[("example", example.into())]);
    edit_field(app, inner, buf, &app.page().input, focused, &placeholder)
}

/// A one-line text field after a `> ` prompt: the placeholder while it is empty,
/// else the text, cut with a mark where it does not fit (around the cursor while
/// focused). Returns where the cursor goes when focused.
fn edit_field(
    app: &App,
    inner: Rect,
    buf: &mut Buffer,
    input: &tui_input::Input,
    focused: bool,
    placeholder: &str,
) -> Option<Position> {
    let t = theme(app);
    let ascii = app.look.ascii;
    if inner.width < 4 || inner.height == 0 {
        return None;
    }
    let prompt = Span::styled("> ", t.border(focused));
    buf.set_span(inner.x, inner.y, &prompt, 2);
    let field = Rect::new(inner.x + 2, inner.y, inner.width - 2, 1);
    let field_w = usize::from(field.width);
    if input.value().is_empty() {
        let placeholder = fit::ellipsize(placeholder, field_w, ascii);
        buf.set_stringn(field.x, field.y, placeholder, field_w, t.placeholder());
        return focused.then_some(Position::new(field.x, field.y));
    }
    if !focused {
        // Away from the box, its text is shown from the start, marked where it is cut.
        let shown = fit::ellipsize(input.value(), field_w, ascii);
        buf.set_stringn(field.x, field.y, shown, field_w, t.text());
        return None;
    }
    // The part around the cursor, marked where the text is cut; the cursor placed
    // by display width (ours: tui-input's counts no cell for a voiced mark `ﾞ`).
    let text = input.value();
    let before = text
        .char_indices()
        .nth(input.cursor())
        .map_or(text, |(at, _)| &text[..at]);
    let (shown, x) = fit::input_window(text, before.width(), field_w, ascii);
    buf.set_stringn(field.x, field.y, &shown, field_w, t.text());
    Some(Position::new(
        field.x + (x as u16).min(field.width - 1),
        field.y,
    ))
}

/// The message id of a function's name on charts and in tables (`short`: for a
/// narrow place).
pub fn function_name_id(f: Scalar, short: bool) -> String {
    let suffix = if short { "-short" } else { "" };
    format!("fn-{}{suffix}", f.id())
}

/// The intro's right side: the perceptron, and the way through the lessons. The
/// outline always has room for every lesson; the diagram and its caption are shown
/// whole or left out.
fn intro_side(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(OUTLINE_HEIGHT.min(area.height)),
    ]));
    let diagram = tr.t("intro-diagram");
    let diagram_lines: Vec<&str> = diagram.lines().collect();
    let diagram_w = diagram_lines.iter().map(|l| l.width()).max().unwrap_or(0);
    // Padding is given up before the diagram is.
    let padding = if usize::from(top.width) >= diagram_w + 4 {
        1
    } else {
        0
    };
    let block = text_block(app, &tr.t("pane-diagram"), false, top.width)
        .padding(Padding::horizontal(padding));
    let inner = block.inner(top);
    block.render(top, buf);
    let mut y = inner.y;
    if diagram_w <= usize::from(inner.width) && diagram_lines.len() <= usize::from(inner.height) {
        for line in &diagram_lines {
            buf.set_stringn(inner.x, y, line, usize::from(inner.width), t.formula());
            y += 1;
        }
        y += 1;
    }
    let mut caption = wrap::Styled::new();
    caption.push(&tr.t("intro-diagram-caption"), t.dim());
    let caption_lines = wrap::wrap(&caption, usize::from(inner.width).max(1), 0);
    if y + caption_lines.len() as u16 <= inner.bottom() {
        for line in caption_lines {
            buf.set_line(inner.x, y, &line, inner.width);
            y += 1;
        }
    }
    outline(app, bottom, buf);
}

/// The lessons, one a line, the current one marked, each with its exercises solved
/// (`2/4`) at the right; titles ellipsized when narrow.
pub(crate) fn outline(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let title = tr.f("pane-outline", &[("keys", keys::jump_keys().into())]);
    let block = text_block(app, &title, false, area.width);
    let inner = block.inner(area);
    block.render(area, buf);
    for (i, lesson) in LessonId::ALL.into_iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let current = lesson == app.lesson && !app.closing;
        let marker = if current { "> " } else { "  " };
        let style = if current { t.selected() } else { t.text() };
        let number = format!("{marker}{}. ", i + 1);
        let summary = app.course.progress.lesson(lesson);
        let count = if summary.total > 0 {
            format!(" {}/{}", summary.solved, summary.total)
        } else {
            String::new()
        };
        let room = usize::from(inner.width).saturating_sub(number.width() + count.width());
        let title = fit::ellipsize(&tr.t(&lesson.title_id()), room, app.look.ascii);
        let gap = room.saturating_sub(title.width());
        let done = summary.total > 0 && summary.solved == summary.total;
        let count_style = if done { t.good() } else { t.dim() };
        let line = Line::from(vec![
            Span::styled(number, style),
            Span::styled(title, style),
            Span::raw(" ".repeat(gap)),
            Span::styled(count, count_style),
        ]);
        buf.set_line(inner.x, y, &line, inner.width);
    }
}

/// What the footer is told about the screen.
pub fn footer_context(app: &App, code_clipped: bool, exercises_told: bool) -> keys::Context {
    let exercise = app.current_exercise().filter(|_| app.exercises_open());
    keys::Context {
        ascii: app.look.ascii,
        has_input: app.has_input(),
        closing: app.closing,
        code_clipped,
        has_exercises: !app.lesson_exercises().is_empty(),
        exercises_told,
        first: !app.closing && app.lesson.prev().is_none(),
        help_scrolls: app.help && help::max_scroll(app) > 0,
        functions: app.has_functions(),
        adjust: app.has_adjust(),
        function_list: app.has_function_list(),
        choice: match exercise.map(|(_, e)| e.kind) {
            Some(crate::exercise::Kind::Choice { options, .. }) => options,
            _ => 0,
        },
        solved: exercise.is_some_and(|(_, e)| app.course.progress.record(e).solved),
        hints_used: app.hints_used_up(),
    }
}

/// One hint of the footer: its keys, its words (and their short form), when it goes
/// if room is short, and whether it never goes.
struct FooterHint {
    keys: String,
    words: String,
    short: String,
    drop: u8,
    keep: bool,
}

/// The hints of the footer that fit in `width`, with their words full or short:
/// the least needed are dropped first, never one that is kept (the help's key, the
/// key of what the screen asks for). Short words are taken where they let more hints
/// stay; full words where they keep as many.
fn fit_footer(hints: &[FooterHint], width: usize) -> Vec<(&str, &str)> {
    fn words(h: &FooterHint, short: bool) -> &str {
        if short { &h.short } else { &h.words }
    }
    let try_words = |short: bool| {
        let mut shown: Vec<&FooterHint> = hints.iter().collect();
        let wide = |shown: &[&FooterHint]| {
            shown
                .iter()
                .map(|h| h.keys.width() + 2 + 1 + words(h, short).width() + 2)
                .sum::<usize>()
                + 1
        };
        while wide(&shown) > width {
            let worst = shown
                .iter()
                .enumerate()
                .filter(|(_, h)| !h.keep)
                .max_by_key(|(i, h)| (h.drop, *i))
                .map(|(i, _)| i)
                // Past the kept ones: the last hint goes (never at these sizes).
                .or_else(|| shown.len().checked_sub(1));
            match worst {
                Some(i) => {
                    shown.remove(i);
                }
                None => break,
            }
        }
        shown
            .into_iter()
            .map(|h| (h.keys.as_str(), words(h, short)))
            .collect::<Vec<_>>()
    };
    let full = try_words(false);
    let short = try_words(true);
    if short.len() > full.len() {
        short
    } else {
        full
    }
}

/// The footer: the keys that work now, the least needed dropped first when short
/// of room (a hint is shown whole or not at all), never the help's key nor the key
/// of what the screen asks for.
fn footer(app: &App, code_clipped: bool, exercises_told: bool, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let mode = Mode::of(app);
    let context = footer_context(app, code_clipped, exercises_told);
    let hints: Vec<FooterHint> = keys::footer_hints(mode, &context)
        .into_iter()
        .map(|hint| {
            // The other language's own name is not ASCII.
            let text_id = match hint.short {
                "key-lang-target" if app.look.ascii => "key-lang-target-ascii",
                // What `+` and `-` change depends on the lesson.
                "key-adjust" if app.lesson.kind() == Kind::Vanishing => "key-adjust-layers",
                "key-adjust" if app.lesson.kind() == Kind::Overflow => "key-adjust-shift",
                // Both hints seen: the key shows the answer.
                "key-hint" if context.hints_used => "key-reveal",
                id => id,
            };
            // In the exercises, their own keys outlast the general ones (the
            // language, the list).
            let drop = match (mode, hint.short) {
                (Mode::Exercise | Mode::Answer, "key-lang-target" | "key-list") => {
                    hint.drop.saturating_add(3)
                }
                _ => hint.drop,
            };
            let short_id = format!("{text_id}-short");
            let words = tr.t(text_id);
            let short = if app.loc.has(app.lang, &short_id) {
                tr.t(&short_id)
            } else {
                words.clone()
            };
            FooterHint {
                keys: hint.keys,
                words,
                short,
                drop,
                keep: hint.keep,
            }
        })
        .collect();
    let mut spans = vec![Span::raw(" ")];
    for (key, action) in fit_footer(&hints, usize::from(area.width)) {
        spans.push(Span::styled(format!(" {key} "), t.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(action.to_string(), t.text()));
        spans.push(Span::raw("  "));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The message id of a help page's name.
fn help_page_id(page: HelpPage) -> &'static str {
    match page {
        HelpPage::Reading => "help-page-reading",
        HelpPage::Typing => "help-page-typing",
        HelpPage::Results => "help-page-results",
        HelpPage::Exercises => "help-page-exercises",
        HelpPage::Answer => "help-page-answer",
        HelpPage::Functions => "help-page-functions",
    }
}

/// The help: one page of the key table (every key that works there), two columns,
/// both wrapped (a key name is never broken).
fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let ascii = app.look.ascii;
    let page = app.help_page;
    let width = help::help_width(area.width);
    let lines = help::help_lines(tr, page, ascii, app.can_suspend, width, &t);
    let popup = help::help_box(area, lines.len());
    overlay::clear(popup, buf);
    let title = tr.f(
        "help-title",
        &[
            ("page", FluentValue::from(tr.t(help_page_id(page)))),
            ("current", (page.index() + 1).into()),
            ("total", HelpPage::ALL.len().into()),
        ],
    );
    let hints: Vec<String> = keys::footer_hints(
        Mode::Help,
        &keys::Context {
            ascii,
            // The position at the foot tells that the page scrolls.
            ..Default::default()
        },
    )
    .into_iter()
    .filter(|h| h.short != "key-quit")
    .map(|h| format!("{} {}", h.keys, tr.t(h.short)))
    .collect();
    let bottom = hints.join("  ");
    let mut block = text_block(app, &title, true, width).padding(Padding::horizontal(1));
    let rows = usize::from(popup.height.saturating_sub(2));
    let scroll = usize::from(app.help_scroll).min(lines.len().saturating_sub(rows));
    // A page taller than the screen scrolls; its foot says which lines are on show.
    let position = if lines.len() > rows {
        tr.f(
            "scroll-position",
            &[
                ("first", (scroll + 1).into()),
                ("last", (scroll + rows).min(lines.len()).into()),
                ("total", lines.len().into()),
            ],
        )
    } else {
        String::new()
    };
    let room = usize::from(width).saturating_sub(4);
    if !position.is_empty() {
        block = block.title_bottom(Line::styled(format!(" {position} "), t.dim()).left_aligned());
    }
    let used = if position.is_empty() {
        0
    } else {
        position.width() + 3
    };
    if bottom.width() + 2 + used <= room {
        block = block.title_bottom(Line::styled(format!(" {bottom} "), t.dim()).right_aligned());
    }
    let inner = block.inner(popup);
    block.render(popup, buf);
    for (i, line) in lines.iter().skip(scroll).enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        buf.set_line(inner.x, y, line, inner.width);
    }
}
