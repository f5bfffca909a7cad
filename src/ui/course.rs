//! The course on screen: an exercise with its answer box, the lesson list, the
//! course summary beside the closing words, and notices. Drawing only, from `&App`.

use crate::width::StrWidth;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Widget};

use super::{Theme, edit_field, fit, outline, right_title, text_block, theme, tr, wrap};
use crate::app::course::{DrillStyles, Notice, drill_lines};
use crate::app::layout::{drill_areas, drill_inner, drill_width, review_area};
use crate::app::{App, ExerciseMsg, Focus, Message};
use crate::exercise::{Count, Kind, Unit};
use crate::i18n::Tr;
use crate::keys::{self, Mode};
use crate::lesson::LessonId;
use crate::progress::Reading;

impl DrillStyles for Theme {
    fn good(&self) -> Style {
        Theme::good(self)
    }
    fn bad(&self) -> Style {
        Theme::error(self)
    }
    fn dim(&self) -> Style {
        Theme::dim(self)
    }
    fn key(&self) -> Style {
        Theme::selected(self)
    }
}

/// The exercise on show in the reading pane's place, its answer box below; returns
/// where the cursor goes while the answer box has the keys.
pub fn exercise(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let (i, exercise) = app.current_exercise()?;
    let t = theme(app);
    let tr = tr(app);
    let total = app.lesson_exercises().len();
    let focused = app.focus == Focus::Exercise && !app.help;
    let title = tr.f(
        "exercises-title",
        &[("lesson", tr.t(&app.lesson.title_id()).into())],
    );
    let position = tr.f(
        "exercises-position",
        &[("current", (i + 1).into()), ("total", total.into())],
    );
    let width = drill_width(area)?;
    let drill = app.drill();
    let lines = drill_lines(
        tr,
        exercise,
        i + 1,
        app.course.progress.status(exercise),
        drill.feedback.get(i).and_then(Option::as_ref),
        usize::from(width),
        &t,
    );
    let areas = drill_areas(area, lines.len())?;
    let doc = areas.doc;
    let inner = drill_inner(doc);
    let rows = usize::from(inner.height.max(1));
    let max = lines.len().saturating_sub(rows);
    let scroll = usize::from(drill.scroll).min(max);
    let mut block = text_block(app, &title, focused, doc.width).padding(Padding::horizontal(1));
    block = right_title(block, &title, &position, doc.width, &t);
    if lines.len() > rows {
        let shown = tr.f(
            "scroll-position",
            &[
                ("first", (scroll + 1).into()),
                ("last", (scroll + rows).min(lines.len()).into()),
                ("total", lines.len().into()),
            ],
        );
        block = block.title_bottom(Line::styled(format!(" {shown} "), t.dim()).right_aligned());
    }
    block.render(doc, buf);
    for (k, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        buf.set_line(inner.x, inner.y + k as u16, line, inner.width);
    }
    answer_box(app, tr, exercise.kind, areas.answer, buf)
}

/// The lesson's exercises at the foot of its reading pane: the key that opens them
/// and how many are solved (`e exercises 1/4`); `None` on a screen without them.
pub fn exercises_hint(app: &App) -> Option<String> {
    if app.closing || app.exercises_open() || app.lesson_exercises().is_empty() {
        return None;
    }
    let tr = tr(app);
    let s = app.course.progress.lesson(app.lesson);
    let key = keys::key_for(
        &Message::Exercise(ExerciseMsg::Open),
        Mode::Browse,
        app.look.ascii,
    );
    Some(tr.f(
        "lesson-exercises-hint",
        &[
            ("key", key.into()),
            ("solved", s.solved.into()),
            ("total", s.total.into()),
        ],
    ))
}

/// What an empty answer box says it takes.
fn placeholder(tr: Tr, kind: Kind) -> String {
    match kind {
        Kind::Number {
            unit: Unit::Probability | Unit::Percentage,
            ..
        } => tr.t("answer-placeholder-probability"),
        Kind::Number { .. } => tr.t("answer-placeholder-number"),
        Kind::Choice { options, .. } => {
            tr.f("answer-placeholder-choice", &[("options", options.into())])
        }
        Kind::Find {
            count: Count::Exactly(1),
            ..
        } => tr.t("answer-placeholder-find-one"),
        Kind::Find { .. } => tr.t("answer-placeholder-find"),
    }
}

fn answer_box(app: &App, tr: Tr, kind: Kind, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = theme(app);
    let ascii = app.look.ascii;
    let focused = app.focus == Focus::Answer && !app.help;
    let hint = if focused {
        let key = keys::key_for(&Message::Exercise(ExerciseMsg::Check), Mode::Answer, ascii);
        tr.f("answer-hint-focused", &[("key", key.into())])
    } else if app.focus == Focus::Input {
        // In the lesson's input box: the same key comes back.
        let key = keys::key_for(&Message::LeaveInput, Mode::Input, ascii);
        let key = if key == "Esc" {
            keys::key_for(&Message::Exercise(ExerciseMsg::Lab), Mode::Answer, ascii)
        } else {
            key
        };
        tr.f("answer-hint-back", &[("key", key.into())])
    } else {
        let key = keys::key_for(
            &Message::Exercise(ExerciseMsg::FocusAnswer),
            Mode::Exercise,
            ascii,
        );
        tr.f("answer-hint", &[("key", key.into())])
    };
    let title = tr.t("pane-answer");
    let block = text_block(app, &title, focused, area.width);
    let block = right_title(block, &title, &hint, area.width, &t);
    let inner = block.inner(area);
    block.render(area, buf);
    let input = app.answer()?;
    let cursor = edit_field(app, inner, buf, input, focused, &placeholder(tr, kind));
    // A checked answer is shown selected: the next character typed replaces it.
    if app.answer_checked() && inner.width >= 4 && inner.height > 0 {
        let width = (input.value().width() as u16).min(inner.width - 2);
        buf.set_style(
            Rect::new(inner.x + 2, inner.y, width, 1),
            Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        );
    }
    cursor
}

/// A box of `width`x`height` in the middle of `area` (never larger than it).
fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The keys of `mode`'s own footer hints, as a popup's bottom line tells them.
fn own_keys(app: &App, tr: Tr, mode: Mode) -> String {
    keys::footer_hints(
        mode,
        &keys::Context {
            ascii: app.look.ascii,
            ..Default::default()
        },
    )
    .into_iter()
    .filter(|h| h.short != "key-quit")
    .map(|h| format!("{} {}", h.keys, tr.t(h.short)))
    .collect::<Vec<_>>()
    .join("  ")
}

/// How far a lesson was read, in a word for the list.
fn reading_word(tr: Tr, reading: Reading) -> String {
    tr.t(match reading {
        Reading::NotStarted => "list-not-started",
        Reading::Opened => "list-opened",
        Reading::Read => "list-read",
    })
}

/// The lesson list over the screen: the course at a glance, then every lesson with
/// how far it was read and its exercises solved; the cursor's row marked.
pub fn list(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let cursor = app.course.list.unwrap_or(0);
    let progress = &app.course.progress;
    let width = area.width.min(76);
    let inner_w = usize::from(width).saturating_sub(4).max(1);
    let readings: Vec<String> = LessonId::ALL
        .iter()
        .map(|&l| reading_word(tr, progress.lesson(l).reading))
        .collect();
    let counts: Vec<String> = LessonId::ALL
        .iter()
        .map(|&l| {
            let s = progress.lesson(l);
            if s.total == 0 {
                String::new()
            } else {
                format!("{}/{}", s.solved, s.total)
            }
        })
        .collect();
    let heads = [
        tr.t("list-head-lesson"),
        tr.t("list-head-reading"),
        tr.t("list-head-solved"),
    ];
    let col = |values: &[String], head: &str| {
        values
            .iter()
            .map(|v| v.width())
            .chain([head.width()])
            .max()
            .unwrap_or(0)
    };
    let reading_w = col(&readings, &heads[1]);
    let count_w = col(&counts, &heads[2]);
    // "> " and "9. " before the title, two spaces between the columns.
    let number_w = format!("{}. ", LessonId::ALL.len()).width();
    let title_w = inner_w.saturating_sub(2 + number_w + 2 + reading_w + 2 + count_w);
    let pad = |text: &str, w: usize| {
        let mut s = text.to_string();
        s.push_str(&" ".repeat(w.saturating_sub(text.width())));
        s
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut summary = wrap::Styled::new();
    summary.push(&course_text(app), t.text());
    lines.extend(wrap::wrap(&summary, inner_w, 0));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{}{}  {}  {}",
            " ".repeat(2 + number_w),
            pad(&fit::ellipsize(&heads[0], title_w, app.look.ascii), title_w),
            pad(&heads[1], reading_w),
            heads[2]
        ),
        t.dim(),
    ));
    for (i, lesson) in LessonId::ALL.into_iter().enumerate() {
        let chosen = i == cursor;
        let style = if chosen { t.selected() } else { t.text() };
        let marker = if chosen { "> " } else { "  " };
        let number = pad(&format!("{}. ", i + 1), number_w);
        let title = fit::ellipsize(&tr.t(&lesson.title_id()), title_w, app.look.ascii);
        let s = progress.lesson(lesson);
        let done = s.total > 0 && s.solved == s.total;
        let read_style = if s.reading == Reading::Read {
            t.good()
        } else {
            t.dim()
        };
        let count_style = if done { t.good() } else { t.dim() };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{number}"), style),
            Span::styled(pad(&title, title_w), style),
            Span::raw("  "),
            Span::styled(pad(&readings[i], reading_w), read_style),
            Span::raw("  "),
            Span::styled(counts[i].clone(), count_style),
        ]));
    }
    let height = (lines.len() as u16).saturating_add(2);
    let rect = popup(area, width, height);
    super::overlay::clear(rect, buf);
    let title = tr.t("list-title");
    let bottom = own_keys(app, tr, Mode::List);
    let mut block = text_block(app, &title, true, width).padding(Padding::horizontal(1));
    if bottom.width() + 4 <= usize::from(width) {
        block = block.title_bottom(Line::styled(format!(" {bottom} "), t.dim()).right_aligned());
    }
    let inner = block.inner(rect);
    block.render(rect, buf);
    // When the box cannot hold every line, the summary gives way to the lessons.
    let skip = lines.len().saturating_sub(usize::from(inner.height));
    for (k, line) in lines.iter().skip(skip).enumerate() {
        let y = inner.y + k as u16;
        if y >= inner.bottom() {
            break;
        }
        buf.set_line(inner.x, y, line, inner.width);
    }
}

/// The course at a glance: lessons read, exercises solved (and skipped).
pub fn course_text(app: &App) -> String {
    let tr = tr(app);
    let c = app.course.progress.course();
    tr.f(
        "progress-course",
        &[
            ("read", c.read.into()),
            ("lessons", c.lessons.into()),
            ("solved", c.solved.into()),
            ("seen", c.seen.into()),
            ("exercises", c.exercises.into()),
            ("skipped", c.skipped.into()),
        ],
    )
}

/// The first exercise not yet solved, in course order: (lesson, index, exercise).
fn next_exercise(app: &App) -> Option<(LessonId, usize, &'static crate::exercise::Exercise)> {
    let progress = &app.course.progress;
    LessonId::ALL.into_iter().find_map(|lesson| {
        let e = progress.next_exercise(lesson)?;
        let i = crate::exercise::exercises(lesson)
            .iter()
            .position(|x| std::ptr::eq(x, e))?;
        Some((lesson, i, e))
    })
}

/// What the end of the course says the learner has done: everything, or what is
/// left and the first exercise to do next.
pub fn closing_headline(app: &App) -> Vec<String> {
    let tr = tr(app);
    let c = app.course.progress.course();
    if c.read == c.lessons && c.solved == c.exercises {
        return vec![tr.t("summary-done")];
    }
    let mut out = vec![tr.f(
        "summary-left",
        &[
            ("lessons", (c.lessons - c.read).into()),
            ("exercises", (c.exercises - c.solved).into()),
        ],
    )];
    if let Some((lesson, i, e)) = next_exercise(app) {
        out.push(tr.f(
            "summary-next",
            &[
                ("number", (lesson.index() + 1).into()),
                ("exercise", (i + 1).into()),
                ("title", e.title(tr).into()),
            ],
        ));
    }
    out
}

/// The next exercise without its title, for a summary with little room.
pub fn closing_next_short(app: &App) -> Option<String> {
    let (lesson, i, _) = next_exercise(app)?;
    Some(tr(app).f(
        "summary-next-short",
        &[
            ("number", (lesson.index() + 1).into()),
            ("exercise", (i + 1).into()),
        ],
    ))
}

/// Beside the closing words: the course at a glance above the lessons, each with
/// its exercises solved. Every sentence is shown whole or not at all; the totals
/// always are, and what is least needed goes first when room is short: the hint
/// to the list, then the next exercise's title, then what is left (which the
/// totals also tell), then the next exercise.
pub fn closing_side(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(super::OUTLINE_HEIGHT.min(area.height)),
    ]));
    let block =
        text_block(app, &tr.t("summary-title"), false, top.width).padding(Padding::horizontal(1));
    let inner = block.inner(top);
    block.render(top, buf);
    let width = usize::from(inner.width).max(1);
    let wrapped = |text: &str, style: Style| {
        let mut styled = wrap::Styled::new();
        styled.push(text, style);
        wrap::wrap(&styled, width, 0)
    };
    let headline = closing_headline(app);
    let head = wrapped(&headline[0], t.heading());
    let next_full = headline.get(1).map(|s| wrapped(s, t.text()));
    let next_short = closing_next_short(app).map(|s| wrapped(&s, t.text()));
    let totals = wrapped(&course_text(app), t.text());
    let key = keys::key_for(
        &Message::List(crate::app::ListMsg::Toggle),
        Mode::Browse,
        app.look.ascii,
    );
    let hint = wrapped(&tr.f("summary-hint", &[("key", key.into())]), t.dim());

    // Lines that fit in what is left of `room` (with `extra` blank lines), or none.
    fn take(
        lines: Vec<Line<'static>>,
        extra: usize,
        room: &mut usize,
    ) -> Option<Vec<Line<'static>>> {
        (lines.len() + extra <= *room).then(|| {
            *room -= lines.len() + extra;
            lines
        })
    }
    let mut room = usize::from(inner.height).saturating_sub(totals.len());
    let short = next_short.and_then(|l| take(l, 0, &mut room));
    let head = take(head, 0, &mut room);
    let next = match (short, next_full) {
        (Some(short), Some(full)) if full.len() <= room + short.len() => {
            room = room + short.len() - full.len();
            Some(full)
        }
        (short, _) => short,
    };
    let hint = take(hint, 1, &mut room);

    let mut lines = Vec::new();
    lines.extend(head.into_iter().flatten());
    lines.extend(next.into_iter().flatten());
    lines.extend(totals);
    if let Some(hint) = hint {
        lines.push(Line::raw(""));
        lines.extend(hint);
    }
    for (k, line) in lines.iter().enumerate() {
        let y = inner.y + k as u16;
        if y >= inner.bottom() {
            break;
        }
        buf.set_line(inner.x, y, line, inner.width);
    }
    outline(app, bottom, buf);
}

/// What a notice says, in the learner's language (paths and details from outside
/// with their control characters made visible).
pub fn notice_text(tr: Tr, notice: &Notice) -> String {
    let text = match notice {
        Notice::Store(n) => n.message(tr),
        Notice::SessionOnly => tr.t("notice-session-only"),
        Notice::SaveFailed(e) => crate::exercise::join(
            tr,
            e.not_saved_message(tr, false),
            tr.t("notice-save-retry"),
        ),
    };
    crate::output::visible(&text).into_owned()
}

/// The first notice, in a box over the screen that a key closes.
pub fn notice(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(first) = app.course.notices.front() else {
        return;
    };
    let t = theme(app);
    let tr = tr(app);
    let width = area.width.min(64);
    let inner_w = usize::from(width).saturating_sub(4).max(1);
    // Commands (`ssh-keygen`) are kept whole, as in the lessons.
    let text = crate::app::text::inline(&notice_text(tr, first), &t);
    let lines = wrap::wrap(&text, inner_w, 0);
    let height = (lines.len() as u16).saturating_add(2);
    let rect = popup(area, width, height);
    super::overlay::clear(rect, buf);
    let count = app.course.notices.len();
    let title = if count > 1 {
        tr.f("notice-title-more", &[("count", count.into())])
    } else {
        tr.t("notice-title")
    };
    let bottom = own_keys(app, tr, Mode::Notice);
    let mut block = text_block(app, &title, true, width).padding(Padding::horizontal(1));
    if bottom.width() + 4 <= usize::from(width) {
        block = block.title_bottom(Line::styled(format!(" {bottom} "), t.dim()).right_aligned());
    }
    let inner = block.inner(rect);
    block.render(rect, buf);
    for (k, line) in lines.iter().enumerate() {
        let y = inner.y + k as u16;
        if y >= inner.bottom() {
            break;
        }
        buf.set_line(inner.x, y, line, inner.width);
    }
}

/// The review over the screen: every exercise tried, the learner's answer, whether
/// it is right, and why; it scrolls, its foot saying which lines are on show.
pub fn review(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(room) = review_area(area) else {
        return;
    };
    let t = theme(app);
    let tr = tr(app);
    let inner = crate::app::review::review_inner(room);
    let lines =
        crate::app::review::review_lines(tr, &app.course.progress, usize::from(inner.width), &t);
    // As tall as its lines, up to the room it has (then it scrolls).
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = popup(room, room.width, height);
    let inner = crate::app::review::review_inner(rect);
    let rows = usize::from(inner.height.max(1));
    let scroll = usize::from(app.course.review.unwrap_or(0)).min(lines.len().saturating_sub(rows));
    super::overlay::clear(rect, buf);
    let title = tr.t("review-title");
    let mut block = text_block(app, &title, true, rect.width).padding(Padding::horizontal(1));
    let c = app.course.progress.course();
    let counts = tr.f(
        "review-counts",
        &[
            ("solved", c.solved.into()),
            ("exercises", c.exercises.into()),
        ],
    );
    block = right_title(block, &title, &counts, rect.width, &t);
    if lines.len() > rows {
        let shown = tr.f(
            "scroll-position",
            &[
                ("first", (scroll + 1).into()),
                ("last", (scroll + rows).min(lines.len()).into()),
                ("total", lines.len().into()),
            ],
        );
        block = block.title_bottom(Line::styled(format!(" {shown} "), t.dim()).right_aligned());
    }
    block.render(rect, buf);
    for (k, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        buf.set_line(inner.x, inner.y + k as u16, line, inner.width);
    }
}
