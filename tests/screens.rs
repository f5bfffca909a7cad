//! Every screen rendered into a `TestBackend`: snapshots of each lesson in both
//! languages at 80x24, and sizes that must not panic.

mod common;

use common::{app, evaluate, render, text_of, type_text};
use kasseika::app::Message;
use kasseika::i18n::{Lang, MISSING};
use kasseika::lesson::LessonId;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

fn check_complete(buf: &Buffer, what: &str) {
    let text = text_of(buf);
    assert!(
        !text.contains(MISSING),
        "{what}: a message is missing:\n{text}"
    );
    assert!(
        !text.contains(['\u{2068}', '\u{2069}']),
        "{what}: isolation marks"
    );
}

#[test]
fn every_lesson_in_both_languages_at_80x24() {
    for lang in Lang::ALL {
        for lesson in LessonId::ALL {
            let a = app(lang, lesson);
            let terminal = render(&a, 80, 24);
            let name = format!("{}_{}", lesson.id(), lang.code());
            check_complete(terminal.backend().buffer(), &name);
            insta::assert_snapshot!(name, text_of(terminal.backend().buffer()));
        }
    }
}

#[test]
fn help_in_both_languages() {
    for lang in Lang::ALL {
        let mut a = app(lang, LessonId::Sigmoid);
        a.update(Message::ToggleHelp);
        let terminal = render(&a, 80, 24);
        check_complete(terminal.backend().buffer(), "help");
        insta::assert_snapshot!(
            format!("help_{}", lang.code()),
            text_of(terminal.backend().buffer())
        );
    }
}

#[test]
fn the_list_and_an_exercise_in_both_languages_at_80x24() {
    use kasseika::app::{ExerciseMsg, ListMsg};
    for lang in Lang::ALL {
        // Some progress: exercises solved, one skipped.
        let mut a = app(lang, LessonId::Step);
        a.update(Message::ScrollBottom);
        a.update(Message::Exercise(ExerciseMsg::Open));
        a.update(Message::Exercise(ExerciseMsg::FocusAnswer));
        type_text(&mut a, "0");
        a.update(Message::Exercise(ExerciseMsg::Check));
        a.update(Message::Exercise(ExerciseMsg::Next));
        a.update(Message::Exercise(ExerciseMsg::Skip));
        a.update(Message::Exercise(ExerciseMsg::Close));
        a.update(Message::GoTo(LessonId::Intro));
        a.update(Message::Exercise(ExerciseMsg::Open));
        // A choice answered wrong once: the hint says where to look.
        a.update(Message::Exercise(ExerciseMsg::Pick(3)));
        let terminal = render(&a, 80, 24);
        check_complete(terminal.backend().buffer(), "exercise");
        insta::assert_snapshot!(
            format!("exercise_choice_{}", lang.code()),
            text_of(terminal.backend().buffer())
        );
        // A number, answered right: why it is right.
        a.update(Message::GoTo(LessonId::Sigmoid));
        a.update(Message::Exercise(ExerciseMsg::Open));
        a.update(Message::Exercise(ExerciseMsg::FocusAnswer));
        type_text(&mut a, "1/2");
        a.update(Message::Exercise(ExerciseMsg::Check));
        let terminal = render(&a, 80, 24);
        check_complete(terminal.backend().buffer(), "exercise");
        insta::assert_snapshot!(
            format!("exercise_right_{}", lang.code()),
            text_of(terminal.backend().buffer())
        );
        a.update(Message::List(ListMsg::Toggle));
        let terminal = render(&a, 80, 24);
        check_complete(terminal.backend().buffer(), "list");
        insta::assert_snapshot!(
            format!("list_{}", lang.code()),
            text_of(terminal.backend().buffer())
        );
    }
}

#[test]
fn exercise_screens_and_the_review_at_80x24_and_60x20_in_both_languages() {
    use kasseika::app::ExerciseMsg;
    use kasseika::progress::store::Loaded;
    let x = Message::Exercise;
    let snap = |name: String, a: &kasseika::app::App, w: u16, h: u16| {
        let t = render(a, w, h);
        check_complete(t.backend().buffer(), &name);
        insta::assert_snapshot!(name, text_of(t.backend().buffer()));
    };
    for lang in Lang::ALL {
        let code = lang.code();
        for (w, h) in [(80, 24), (60, 20)] {
            let size = format!("{w}x{h}");
            // A number question: its answer box has the keys, beside the chart.
            let mut a = app(lang, LessonId::Modern);
            a.update(Message::Resize(w, h));
            a.update(x(ExerciseMsg::Open));
            a.update(x(ExerciseMsg::Next));
            snap(format!("exercise_answer_{code}_{size}"), &a, w, h);
            // A hint asked for before any answer.
            a.update(x(ExerciseMsg::Hint));
            snap(format!("exercise_hint_{code}_{size}"), &a, w, h);
            // Nearly right: more digits wanted, not counted.
            type_text(&mut a, "-0.63");
            a.update(x(ExerciseMsg::Check));
            snap(format!("exercise_nearly_{code}_{size}"), &a, w, h);
            // Solved, then come back to in a later session: the answer and why.
            type_text(&mut a, "2");
            a.update(x(ExerciseMsg::Check));
            let mut later = app(lang, LessonId::Intro);
            later.update(Message::Resize(w, h));
            later.resume(
                Loaded {
                    progress: a.course.progress.clone(),
                    notices: vec![],
                },
                false,
            );
            assert!(later.exercises_open(), "resumed in the exercises");
            // It resumed on the first one still to do; back on the solved one.
            later.update(x(ExerciseMsg::Next));
            assert_eq!(later.current_exercise().unwrap().1.name, "elu");
            snap(format!("exercise_solved_again_{code}_{size}"), &later, w, h);
            // The review of every exercise tried.
            a.update(x(ExerciseMsg::Prev));
            a.update(x(ExerciseMsg::Pick(3)));
            a.update(x(ExerciseMsg::Next));
            a.update(x(ExerciseMsg::Next));
            a.update(x(ExerciseMsg::Skip));
            a.update(Message::ToggleReview);
            snap(format!("review_{code}_{size}"), &a, w, h);
        }
    }
}

#[test]
fn input_errors_and_results_in_both_languages() {
    for lang in Lang::ALL {
        let mut a = app(lang, LessonId::Overflow);
        evaluate(&mut a, "1, 2, ｘ");
        let terminal = render(&a, 80, 24);
        check_complete(terminal.backend().buffer(), "error");
        insta::assert_snapshot!(
            format!("error_{}", lang.code()),
            text_of(terminal.backend().buffer())
        );

        let mut a = app(lang, LessonId::Overflow);
        evaluate(&mut a, "inf, 1");
        let terminal = render(&a, 80, 24);
        check_complete(terminal.backend().buffer(), "inf input");
        insta::assert_snapshot!(
            format!("overflow_inf_{}", lang.code()),
            text_of(terminal.backend().buffer())
        );
    }
}

#[test]
fn many_values_keep_the_chart_readable() {
    let mut a = app(Lang::En, LessonId::Softmax);
    a.update(Message::FocusInput);
    type_text(
        &mut a,
        &(1..=16)
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(" "),
    );
    a.update(Message::Evaluate);
    let text = text_of(render(&a, 80, 24).backend().buffer());
    assert!(text.contains("more lines"), "{text}");
    insta::assert_snapshot!("softmax_16_values_en", text);
}

#[test]
fn the_input_field_keeps_marks_and_scrolls_to_the_cursor() {
    let mut a = app(Lang::En, LessonId::Step);
    a.update(Message::FocusInput);
    type_text(&mut a, "e\u{301}1");
    let t = render(&a, 80, 24);
    let buf = t.backend().buffer();
    assert!(
        buf.content().iter().any(|c| c.symbol() == "e\u{301}"),
        "a combining mark stays with its letter"
    );
    // Longer than the box: the end, where the cursor is, stays in view.
    type_text(&mut a, &format!("{}END", "9, ".repeat(30)));
    let text = text_of(render(&a, 80, 24).backend().buffer());
    assert!(text.contains("END"), "{text}");
}

#[test]
fn too_small_says_what_it_has_and_needs() {
    for lang in Lang::ALL {
        let a = app(lang, LessonId::Step);
        let terminal = render(&a, 50, 12);
        let text = text_of(terminal.backend().buffer());
        assert!(text.contains("50x12") && text.contains("60x20"), "{text}");
        insta::assert_snapshot!(
            format!("too_small_{}", lang.code()),
            text_of(terminal.backend().buffer())
        );
    }
}

/// A screen drawn smaller than its window (a busy server) and too small for the
/// lessons does not ask for a larger window: it says why it is small.
#[test]
fn too_small_because_drawn_smaller_says_why_not_make_the_window_larger() {
    for lang in Lang::ALL {
        let mut a = app(lang, LessonId::Step);
        a.update(Message::Resize(179, 10));
        a.update(Message::WindowLarger(Some((500, 30))));
        let text = text_of(render(&a, 179, 10).backend().buffer());
        assert!(text.contains("179x10") && text.contains("500x30"), "{text}");
        let asks = ["Make the window larger", "ウィンドウを広げて"];
        assert!(!asks.iter().any(|s| text.contains(s)), "{text}");
    }
}

#[test]
fn wide_terminals_use_the_room() {
    let mut a = app(Lang::Ja, LessonId::Sigmoid);
    a.update(Message::Resize(200, 60));
    let terminal = render(&a, 200, 60);
    check_complete(terminal.backend().buffer(), "200x60");
    insta::assert_snapshot!("sigmoid_ja_200x60", text_of(terminal.backend().buffer()));
}

#[test]
fn no_size_panics() {
    for lesson in LessonId::ALL {
        for lang in Lang::ALL {
            let mut a = app(lang, lesson);
            evaluate(&mut a, "１e3, -inf, nan");
            for (w, h) in [
                (0, 0),
                (1, 1),
                (2, 1),
                (59, 19),
                (60, 20),
                (61, 21),
                (100, 30),
                (300, 100),
            ] {
                a.update(Message::Resize(w, h));
                render(&a, w, h);
                a.update(Message::ToggleHelp);
                render(&a, w, h);
                a.update(Message::ToggleHelp);
            }
        }
    }
}

mod typed_anything {
    use super::common::{app, render};
    use kasseika::app::{Edit, Message};
    use kasseika::i18n::Lang;
    use kasseika::lesson::LessonId;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever is typed or pasted, in any lesson, evaluating and drawing it
        /// never panics, and the text stays in the box.
        #[test]
        fn nothing_typed_or_pasted_breaks_the_screen(
            text in any::<String>(),
            lesson in 1usize..7,
            paste in any::<bool>(),
            width in 20u16..130,
        ) {
            let mut a = app(Lang::Ja, LessonId::ALL[lesson]);
            a.update(Message::FocusInput);
            if paste {
                a.update(Message::Paste(text.clone()));
            } else {
                for c in text.chars() {
                    a.update(Message::Edit(Edit::Insert(c)));
                }
                a.update(Message::Edit(Edit::Left));
            }
            a.update(Message::Evaluate);
            a.update(Message::Resize(width, 24));
            render(&a, width, 24);
            a.update(Message::ToggleLang);
            render(&a, width, 24);
            let kept = a.page().input.value();
            prop_assert!(text.is_empty() || !kept.is_empty() || text.chars().all(|c| c.is_control()));
        }
    }
}

/// Nothing cut without a mark: every lesson (fresh and scrolled to its end), the
/// help's pages, results of every kind, an input error and the closing words, at the
/// smallest supported size and at 80x24, in both languages, in both looks.
mod nothing_cut {
    use super::common::{app_with, evaluate, render, text_of, type_text};
    use kasseika::app::layout::regions;
    use kasseika::app::text::{Unstyled, inline};
    use kasseika::app::{App, Chosen, ExerciseMsg, Focus, HelpPage, ListMsg, Message, Notice};
    use kasseika::i18n::Lang;
    use kasseika::keys::{self, Mode};
    use kasseika::lesson::LessonId;
    use kasseika::ui::{Look, Marker};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use unicode_width::UnicodeWidthStr;

    const MARKS: [&str; 2] = ["⋯", "..."];
    const CLIPS: [&str; 2] = ["»", ">"];

    /// The rows of `rect`, wide characters once.
    fn rows(buf: &Buffer, rect: Rect) -> Vec<String> {
        (rect.top()..rect.bottom())
            .map(|y| {
                let mut row = String::new();
                let mut skip = 0;
                for x in rect.left()..rect.right() {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let symbol = buf[(x, y)].symbol();
                    skip = symbol.width().saturating_sub(1);
                    row.push_str(symbol);
                }
                row
            })
            .collect()
    }

    /// The starts of `s`, longest first.
    fn starts(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s.char_indices().skip(1).map(|(i, _)| &s[..i]).collect();
        out.reverse();
        out
    }

    /// `s` is on one of `rows` whole, or a start of it followed by an ellipsis.
    fn whole_or_marked(rows: &[String], s: &str) -> bool {
        rows.iter().any(|row| {
            row.contains(s)
                || starts(s).iter().any(|p| {
                    MARKS
                        .iter()
                        .any(|m| row.contains(&format!("{}{m}", p.trim_end())))
                })
        })
    }

    /// Wherever the first `k` characters of `s` are on `rows`, `s` follows whole (or
    /// a start of it and one of `marks`): the start of `s` never shows cut short.
    fn never_cut(rows: &[String], s: &str, k: usize, marks: &[&str]) -> Result<(), String> {
        let head: String = s.chars().take(k).collect();
        for row in rows {
            for (i, _) in row.match_indices(&head) {
                let rest = &row[i..];
                // A start of `s`, then (after the half of a wide character, or a
                // space) a mark.
                let ok = rest.starts_with(s)
                    || starts(s).iter().any(|p| {
                        rest.strip_prefix(p.trim_end()).is_some_and(|after| {
                            let after = after.trim_start();
                            marks.iter().any(|m| after.starts_with(m))
                        })
                    });
                if !ok {
                    return Err(format!("{s:?} cut in {row:?}"));
                }
            }
        }
        Ok(())
    }

    /// Checks one screen; returns what is cut, if anything.
    fn check(a: &App, w: u16, h: u16) -> Vec<String> {
        let t = render(a, w, h);
        let buf = t.backend().buffer();
        let area = Rect::new(0, 0, w, h);
        let r = regions(area).expect("supported size");
        let all = rows(buf, area);
        let text_rows = rows(buf, r.text);
        let right = rows(buf, r.right);
        let tr = a.loc.tr(a.lang);
        let mut errors = Vec::new();
        let mut expect = |ok: bool, what: String| {
            if !ok {
                errors.push(what);
            }
        };
        // Markup is never shown: a backtick marks an expression in the texts.
        for row in &all {
            expect(!row.contains('`'), format!("a backtick on screen: {row:?}"));
        }
        // The tagline: whole or not at all.
        let tagline = tr.t("app-tagline");
        if let Err(e) = never_cut(&all[..1], &tagline, 6, &MARKS) {
            expect(false, e);
        }
        if !a.course.notices.is_empty() {
            // The notice whole: every line of it, inside its box.
            let text = kasseika::ui::course::notice_text(tr, &a.course.notices[0]);
            // Inside the box, in the middle of the screen (as wide as 64 cells).
            let width = w.min(64);
            let inside = rows(buf, Rect::new((w - width) / 2 + 2, 0, width - 4, h));
            let joined: String = inside
                .concat()
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '│' | '|'))
                .collect();
            let plain: String = inline(&text, &Unstyled).text().split_whitespace().collect();
            expect(
                joined.contains(&plain),
                format!("notice cut: {text:?}\n{}", all.join("\n")),
            );
            return errors;
        }
        if a.help {
            let page = a.help_page;
            // A page taller than the screen scrolls: what it shows at every place,
            // and the foot says where it is.
            let mut all = all.clone();
            let room = kasseika::ui::help::max_scroll(a);
            if room > 0 {
                let told = all.iter().any(|row| {
                    row.contains(&tr.f(
                        "scroll-position",
                        &[
                            ("first", 1.into()),
                            ("last", (h - 3).into()),
                            ("total", (usize::from(h - 3) + usize::from(room)).into()),
                        ],
                    ))
                });
                expect(told, format!("help {page:?} scrolls without a word"));
                let mut scrolled = a.clone();
                scrolled.update(kasseika::ui::help::room(&scrolled));
                while scrolled.update(Message::ScrollDown) {
                    let t = render(&scrolled, w, h);
                    all.extend(rows(t.backend().buffer(), area));
                }
            }
            let help = keys::help_rows(page, a.look.ascii);
            for (_, id) in &help.rows {
                // The end of each description is there (nothing below the popup's edge).
                let desc = tr.t(id);
                let end: String = if a.lang == Lang::Ja {
                    desc.chars()
                        .rev()
                        .take(2)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect()
                } else {
                    desc.split_whitespace()
                        .last()
                        .unwrap_or_default()
                        .to_string()
                };
                expect(
                    all.iter().any(|row| row.contains(&end)),
                    format!("help {page:?}: the end of {id} ({end:?}) is missing"),
                );
            }
            for label in help
                .rows
                .iter()
                .flat_map(|(k, _)| k)
                .chain(&help.as_when_reading)
            {
                expect(
                    all.iter().any(|row| row.contains(label.as_str())),
                    format!("help {page:?}: key {label} missing"),
                );
            }
            return errors;
        }
        if a.course.review.is_some() {
            // The review: its title, and every line of it, on show or reached by
            // scrolling, the foot saying which lines are on show.
            let title = tr.t("review-title");
            expect(
                all.iter()
                    .any(|row| whole_or_marked(std::slice::from_ref(row), &title)),
                format!("review title {title:?} cut"),
            );
            let (lines, rows_on_show) = a.review_layout();
            let texts: Vec<String> = lines
                .iter()
                .map(|l| l.to_string().trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            let mut seen = all.clone();
            let mut scrolled = a.clone();
            while scrolled.update(Message::ScrollDown) {
                let t = render(&scrolled, w, h);
                seen.extend(rows(t.backend().buffer(), area));
            }
            if lines.len() > usize::from(rows_on_show) {
                expect(
                    all.iter().any(|row| {
                        row.contains(&format!("of {}", lines.len()))
                            || row.contains(&format!("{} 行中", lines.len()))
                    }),
                    "the review scrolls without a word".into(),
                );
            }
            for text in texts {
                expect(
                    seen.iter().any(|row| row.contains(&text)),
                    format!("review line {text:?} never on show"),
                );
            }
            return errors;
        }
        if a.course.list.is_some() {
            // Every lesson, whole or marked, with its state and its count whole.
            let progress = &a.course.progress;
            for (i, lesson) in LessonId::ALL.into_iter().enumerate() {
                let entry = format!("{}. {}", i + 1, tr.t(&lesson.title_id()));
                let row = all
                    .iter()
                    .find(|row| whole_or_marked(&[row.to_string()], &entry));
                let Some(row) = row else {
                    expect(false, format!("list entry {entry:?} missing or cut"));
                    continue;
                };
                let s = progress.lesson(lesson);
                let word = tr.t(match s.reading {
                    kasseika::progress::Reading::NotStarted => "list-not-started",
                    kasseika::progress::Reading::Opened => "list-opened",
                    kasseika::progress::Reading::Read => "list-read",
                });
                let count = format!("{}/{}", s.solved, s.total);
                expect(
                    row.contains(&word) && row.contains(&count),
                    format!("list row {row:?}: {word:?} {count:?}"),
                );
            }
            return errors;
        }
        if a.exercises_open() {
            let (i, exercise) = a.current_exercise().expect("an exercise");
            let (lines, _) = a.drill_layout().unwrap();
            let r = kasseika::app::layout::drill_areas(Rect::new(0, 0, w, h), lines.len()).unwrap();
            let doc_rows = rows(buf, r.doc);
            let answer_rows = rows(buf, r.answer);
            let title = tr.f(
                "exercises-title",
                &[("lesson", tr.t(&a.lesson.title_id()).into())],
            );
            expect(
                whole_or_marked(&doc_rows[..1], &title),
                format!("exercise title {title:?} cut: {:?}", doc_rows[0]),
            );
            let answer_title = tr.t("pane-answer");
            expect(
                whole_or_marked(&answer_rows[..1], &answer_title),
                format!("{answer_title:?} cut"),
            );
            // The exercise's lines: all of them, or the window on show and the
            // bottom line saying which lines these are.
            let (lines, shown_rows) = a.drill_layout().unwrap();
            let texts: Vec<String> = lines
                .iter()
                .map(|l| l.to_string().trim_end().to_string())
                .collect();
            let scrolls = texts.len() > usize::from(shown_rows);
            let bottom = doc_rows.last().cloned().unwrap_or_default();
            let told = bottom.chars().any(|c| c.is_ascii_digit());
            expect(
                !scrolls || told,
                format!(
                    "exercise {} is longer than its box, without a word",
                    exercise.key()
                ),
            );
            let inner: Vec<&String> = doc_rows[1..doc_rows.len() - 1].iter().collect();
            let visible = texts
                .iter()
                .filter(|t| !t.is_empty())
                .filter(|t| inner.iter().any(|row| row.contains(t.as_str())))
                .count();
            let wanted = texts.iter().filter(|t| !t.is_empty()).count();
            expect(
                if scrolls {
                    visible >= usize::from(shown_rows).min(wanted) / 2
                } else {
                    visible == wanted
                },
                format!(
                    "exercise {} (#{i}): {visible} of {wanted} lines on show\n{}",
                    exercise.key(),
                    doc_rows.join("\n")
                ),
            );
            // The end of the feedback is on show after an answer.
            if let Some(Some(_)) = a.drill().feedback.get(i)
                && let Some(last) = texts.iter().rev().find(|t| !t.is_empty())
            {
                expect(
                    inner.iter().any(|row| row.contains(last.as_str())),
                    format!("the feedback's end {last:?} is not on show"),
                );
            }
            return errors;
        }
        // The reading pane's title.
        let title = tr.t(&a.doc().title_id());
        expect(
            whole_or_marked(&text_rows[..1], &title),
            format!("title {title:?} cut: {:?}", text_rows[0]),
        );
        // Code lines: whole, or clipped with a mark (never wrapped).
        if !a.closing {
            for line in tr.t(&a.lesson.code_id()).lines() {
                let line = line.trim();
                // Long enough a start to be this line's own (not the formula's).
                let k = line.chars().count().min(16);
                if k >= 8
                    && let Err(e) = never_cut(&text_rows, line, k, &CLIPS)
                {
                    expect(false, format!("code: {e}"));
                }
            }
        }
        // The outline: every lesson, whole or marked.
        if a.closing || !a.lesson.has_input() {
            for (i, lesson) in LessonId::ALL.into_iter().enumerate() {
                let entry = format!("{}. {}", i + 1, tr.t(&lesson.title_id()));
                expect(
                    whole_or_marked(&right, &entry),
                    format!("outline entry {entry:?} missing or cut"),
                );
            }
        }
        if !a.closing && a.lesson == LessonId::Intro {
            // The diagram is whole or absent.
            let diagram = tr.t("intro-diagram");
            let lines: Vec<&str> = diagram.lines().map(str::trim).collect();
            if right.iter().any(|row| row.contains(lines[0])) {
                for line in &lines {
                    expect(
                        right.iter().any(|row| row.contains(line)),
                        format!("diagram line {line:?} cut"),
                    );
                }
            }
        }
        if a.has_input() {
            // The chart: the rows above the input box.
            let input_title = tr.t("pane-input");
            let chart_rows = right
                .iter()
                .position(|row| row.contains(&input_title))
                .unwrap_or(right.len());
            let chart = &right[..chart_rows];
            // Guide labels: the long form, the short form, or none; never a part.
            for (long, short) in [
                ("guide-float32", "guide-float32-short"),
                ("guide-float64", "guide-float64-short"),
            ] {
                let (long, short) = (tr.t(long), tr.t(short));
                // The short form is the long one's start: a cut shows a letter more.
                let k = short.chars().count() + 2;
                if a.lesson == LessonId::Overflow
                    && let Err(e) = never_cut(chart, &long, k, &[])
                {
                    expect(false, format!("guide label: {e}"));
                }
            }
            // The probe's label is complete.
            for row in chart {
                expect(
                    row.matches('(').count() == row.matches(')').count(),
                    format!("a label is cut: {row:?}"),
                );
            }
            // Every number is whole.
            for row in &right {
                for token in row.split_whitespace() {
                    // (`0+` and `1e-6+` are ticks of an ASCII axis, maybe with the
                    // chart's dots after them, `0+--`; `77...` is marked.)
                    let tick = token.split_once('+').is_some_and(|(label, after)| {
                        label.parse::<f64>().is_ok()
                            && after.chars().all(|c| "-_'|=:oO".contains(c))
                    });
                    // (`4.539⋯e-05`: a mantissa cut, marked before its exponent.)
                    let marked = MARKS.iter().any(|m| token.contains(m));
                    let numeric = token.chars().any(|c| c.is_ascii_digit())
                        && token.chars().all(|c| "0123456789.-+e".contains(c))
                        && !tick
                        && !marked;
                    // A sentence may end right after a number (`above 709.78.`).
                    let whole = token.parse::<f64>().is_ok()
                        || token
                            .strip_suffix(['.', ','])
                            .is_some_and(|t| t.parse::<f64>().is_ok());
                    expect(
                        !numeric || whole,
                        format!("number {token:?} cut in {row:?}"),
                    );
                }
            }
            // Every function shown has its column, or the results say that more
            // lines follow.
            if a.lesson == LessonId::Modern
                && a.page().error.is_none()
                && a.focus != kasseika::app::Focus::Functions
            {
                let more = |id: &str| {
                    let text = tr.f(id, &[("count", 1.into())]);
                    text.split_whitespace()
                        .last()
                        .unwrap_or_default()
                        .to_string()
                };
                let (above, below) = (more("results-more-above"), more("results-more-below"));
                let below = right
                    .iter()
                    .any(|row| row.contains(&above) || row.contains(&below));
                for &f in a.page().shown_functions() {
                    let id = format!("fn-{}-short", f.id());
                    let name = tr.t(&id);
                    expect(
                        below || right.iter().any(|row| row.contains(&name)),
                        format!("no column for {name}"),
                    );
                }
            }
            // Block titles and the input box. The chart gives its room to a remark
            // being read that does not fit beside it.
            let reading_remark =
                a.focus == Focus::Results && matches!(a.page().chosen(), Some(Chosen::Remark(_)));
            for id in ["pane-chart", "pane-input"] {
                let title = tr.t(id);
                let hidden = id == "pane-chart"
                    && reading_remark
                    && !right.iter().any(|row| row.contains(&title));
                expect(
                    hidden || whole_or_marked(&right, &title),
                    format!("{title:?} cut"),
                );
            }
            // Every remark (a note, a legend, what the box did not take) is on show
            // whole, or a line says that lines are hidden below; the chosen one is on
            // show whole.
            let joined: String = right.concat().split_whitespace().collect();
            let stems = more_stems(a);
            let more = right
                .iter()
                .any(|row| stems.iter().any(|stem| row.contains(stem.as_str())));
            for (k, remark) in a.page().remarks().iter().enumerate() {
                let text = kasseika::ui::results::remark_text(tr, remark);
                let plain: String = inline(&text, &Unstyled).text().split_whitespace().collect();
                let shown = joined.contains(&plain);
                let chosen =
                    a.focus == Focus::Results && a.page().chosen() == Some(Chosen::Remark(k));
                expect(
                    shown || (more && !chosen),
                    format!(
                        "remark {k} {}: {text:?}\n{}",
                        if chosen {
                            "chosen but not whole on screen"
                        } else {
                            "hidden without a word"
                        },
                        right.join("\n")
                    ),
                );
            }
            if a.page().input.value().is_empty() {
                let example = a.lesson.example().last().copied().unwrap_or_default();
                let placeholder = tr.f("input-placeholder", &[("example", example.into())]);
                expect(
                    whole_or_marked(&right, &placeholder),
                    format!("placeholder {placeholder:?} cut"),
                );
            }
            let hint = tr.f(
                "input-hint",
                &[(
                    "key",
                    keys::key_for(&Message::FocusInput, Mode::Browse, a.look.ascii).into(),
                )],
            );
            if let Err(e) = never_cut(&right, &hint, 4, &MARKS) {
                expect(false, e);
            }
        }
        errors
    }

    /// The starts of the lines that say how many lines of the results are hidden
    /// above or below, in every form.
    fn more_stems(a: &App) -> Vec<String> {
        let tr = a.loc.tr(a.lang);
        let mut stems = Vec::new();
        for id in [
            "results-more-above",
            "results-more-below",
            "results-more-below-key",
            "results-more-below-typing",
            "results-more-below-short",
        ] {
            for count in [1, 7777] {
                let text = tr.f(
                    id,
                    &[
                        ("count", count.into()),
                        ("key", "K".into()),
                        ("keys", "K".into()),
                        ("leave", "K".into()),
                    ],
                );
                let n = count.to_string();
                let (before, after) = text.split_once(n.as_str()).unwrap_or((&text, ""));
                let stem = if before.trim().is_empty() {
                    after
                        .split_whitespace()
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" ")
                } else {
                    before.trim().to_string()
                };
                stems.push(stem);
            }
        }
        stems
    }

    /// The screens worth checking, as (name, app).
    fn screens(lang: Lang, look: Look) -> Vec<(String, App)> {
        let mut out = Vec::new();
        let fresh = |lesson| app_with(lang, lesson, look);
        for lesson in LessonId::ALL {
            out.push((lesson.id().to_string(), fresh(lesson)));
            let mut end = fresh(lesson);
            end.update(Message::ScrollBottom);
            out.push((format!("{} (end)", lesson.id()), end));
        }
        for page in 0..HelpPage::ALL.len() {
            let mut help = fresh(LessonId::Sigmoid);
            help.update(Message::ToggleHelp);
            for _ in 0..page {
                help.update(Message::HelpNext);
            }
            out.push((format!("help page {}", page + 1), help));
        }
        let sixteen = (1..=16)
            .map(|k| (k * 7).to_string())
            .collect::<Vec<_>>()
            .join(" ");
        // One character more than the box takes.
        let past_cap = "1".repeat(kasseika::value_input::MAX_CHARS + 1);
        for (lesson, input) in [
            (LessonId::Sigmoid, "-2, 0, 40"),
            (LessonId::Step, "１e-9, －２, 0"),
            (LessonId::Softmax, sixteen.as_str()),
            (LessonId::Overflow, "1010, 1000, 990"),
            (LessonId::Overflow, "-1000, -1010"),
            (LessonId::Overflow, "1e400"),
            (LessonId::Overflow, "88.8"),
            (LessonId::Overflow, "inf, 1"),
            (LessonId::Overflow, sixteen.as_str()),
            (LessonId::Overflow, "1, 2, ｘ"),
            // What a new learner tried: every note must be there, or be reachable.
            (LessonId::Overflow, "-1000"),
            (LessonId::Overflow, "-745"),
            (LessonId::Overflow, "-100"),
            (LessonId::Softmax, "709, 709, 709"),
            (LessonId::Softmax, "1010, 1000, 990"),
            (LessonId::Softmax, "inf, 1, nan"),
            (LessonId::Sigmoid, "40, -800"),
            (LessonId::Sigmoid, "36, 40, -720, nan"),
            (LessonId::Step, "nan, 1e400, 1e-400, -inf"),
            (LessonId::Relu, "-3, 1.5, 4.9, 40, nan"),
            (LessonId::Identity, "-800, 2, 40"),
            (LessonId::Overflow, "36.5, 0"),
            (LessonId::Identity, past_cap.as_str()),
        ] {
            let mut a = fresh(lesson);
            evaluate(&mut a, input);
            out.push((format!("{} {input}", lesson.id()), a.clone()));
            a.update(Message::LeaveInput);
            a.update(Message::FocusResults);
            out.push((format!("{} {input} (results chosen)", lesson.id()), a));
        }
        // Derivatives drawn, in every lesson of functions.
        for lesson in LessonId::ALL.into_iter().filter(|l| l.has_functions()) {
            let mut a = fresh(lesson);
            a.update(Message::ToggleDerivative);
            out.push((format!("{} with derivatives", lesson.id()), a.clone()));
            evaluate(&mut a, "-1, 0, 2");
            out.push((format!("{} with derivatives, -1, 0, 2", lesson.id()), a));
        }
        // Every modern function at once, with derivatives; the list of functions.
        let mut all = fresh(LessonId::Modern);
        all.update(Message::FocusFunctions);
        out.push(("modern, the list".into(), all.clone()));
        for k in 0..kasseika::lesson::MODERN.len() {
            all.update(Message::ToggleCurveAt(k));
        }
        all.update(Message::ToggleCurveAt(2));
        out.push(("modern, the list changed".into(), all.clone()));
        all.update(Message::LeaveInput);
        all.update(Message::ToggleDerivative);
        evaluate(&mut all, "-3, -1, 0, 0.5, 1, 2.7, 4");
        out.push(("modern, every function".into(), all.clone()));
        all.update(Message::LeaveInput);
        all.update(Message::FocusResults);
        out.push(("modern, every function (results chosen)".into(), all));
        // The layers and the shift C.
        for (lesson, input) in [
            (LessonId::Vanishing, "100, x=0.5"),
            (LessonId::Vanishing, "1"),
            (LessonId::Vanishing, "37, x=-1e400"),
            (LessonId::Overflow, "1010, 1000, 990, C=300"),
            (LessonId::Overflow, "1010, 1000, 990, C=1800"),
            (LessonId::Overflow, "1010, 1000, 990, C=1740"),
            (LessonId::Overflow, "C=-inf"),
            (LessonId::Overflow, "1, 2, C=x"),
        ] {
            let mut a = fresh(lesson);
            evaluate(&mut a, input);
            out.push((format!("{} {input}", lesson.id()), a.clone()));
            a.update(Message::LeaveInput);
            a.update(Message::More);
            a.update(Message::FocusResults);
            a.update(Message::SelectLast);
            out.push((format!("{} {input}, +, last value", lesson.id()), a));
        }
        let mut long = fresh(LessonId::Identity);
        long.update(Message::FocusInput);
        type_text(&mut long, &"－２, 40, ".repeat(12));
        long.update(Message::LeaveInput);
        out.push(("identity, long input".into(), long));
        // Every exercise: fresh, after a wrong answer, skipped (its answer and why).
        for lesson in LessonId::ALL {
            let mut a = fresh(lesson);
            a.update(Message::Exercise(ExerciseMsg::Open));
            for k in 0..a.lesson_exercises().len() {
                // (The question alone is on show in each of these too.)
                let name = format!("{} exercise {}", lesson.id(), k + 1);
                if a.focus != Focus::Answer {
                    a.update(Message::Exercise(ExerciseMsg::FocusAnswer));
                }
                type_text(&mut a, "12345");
                a.update(Message::Exercise(ExerciseMsg::Check));
                out.push((format!("{name} (answered)"), a.clone()));
                a.update(Message::Exercise(ExerciseMsg::Skip));
                out.push((format!("{name} (skipped)"), a.clone()));
                a.update(Message::Exercise(ExerciseMsg::Next));
            }
        }
        let mut listed = fresh(LessonId::Softmax);
        listed.update(Message::List(ListMsg::Toggle));
        out.push(("the list".into(), listed));
        // An exercise solved (its keys move on), the lesson's input box with an
        // exercise on show, and the review.
        let mut solved = fresh(LessonId::Sigmoid);
        solved.update(Message::Exercise(ExerciseMsg::Open));
        type_text(&mut solved, "0.5");
        solved.update(Message::Exercise(ExerciseMsg::Check));
        out.push(("an exercise solved".into(), solved.clone()));
        solved.update(Message::Exercise(ExerciseMsg::Next));
        solved.update(Message::Exercise(ExerciseMsg::Lab));
        type_text(&mut solved, "2");
        solved.update(Message::Evaluate);
        out.push(("the input box beside an exercise".into(), solved.clone()));
        solved.update(Message::LeaveInput);
        solved.update(Message::Exercise(ExerciseMsg::Hint));
        solved.update(Message::Exercise(ExerciseMsg::Hint));
        out.push(("an exercise, both hints seen".into(), solved.clone()));
        solved.update(Message::ToggleReview);
        out.push(("the review".into(), solved));
        let mut review = fresh(LessonId::Intro);
        review.update(Message::ToggleReview);
        out.push(("the review, nothing tried".into(), review));
        for notice in [
            Notice::SessionOnly,
            Notice::SaveFailed(kasseika::progress::store::StoreError::Busy {
                path: "/home/learner/.local/share/kasseika/progress.lock".into(),
            }),
        ] {
            let mut told = fresh(LessonId::Sigmoid);
            told.tell(notice);
            out.push(("a notice".into(), told));
        }
        let mut closing = fresh(LessonId::Overflow);
        closing.update(Message::NextLesson);
        out.push(("closing".into(), closing.clone()));
        closing.update(Message::ScrollBottom);
        out.push(("closing (end)".into(), closing));
        out
    }

    #[test]
    fn the_footer_at_60x20_never_drops_the_help_nor_the_key_the_screen_asks_for() {
        let mut failures = Vec::new();
        for lang in Lang::ALL {
            for (name, mut a) in screens(lang, Look::default()) {
                a.update(Message::Resize(60, 20));
                let t = render(&a, 60, 20);
                let screen = text_of(t.backend().buffer());
                let footer = screen.lines().last().unwrap_or_default().to_string();
                let mode = Mode::of(&a);
                let solved = a
                    .current_exercise()
                    .is_some_and(|(_, e)| a.course.progress.record(e).solved);
                let choice = match a.current_exercise().map(|(_, e)| e.kind) {
                    Some(kasseika::exercise::Kind::Choice { options, .. }) => options,
                    _ => 0,
                };
                let mut wanted: Vec<String> = Vec::new();
                // The way to every other key, everywhere but a notice (whose one
                // key closes it).
                match mode {
                    Mode::Notice => wanted.push(" Enter ".into()),
                    Mode::Help => wanted.push(" ?/Esc ".into()),
                    _ => wanted.push(" ? ".into()),
                }
                // The key of what the screen asks the learner to do.
                match mode {
                    Mode::Browse if a.closing => wanted.push(" l ".into()),
                    Mode::Browse => {
                        let told = kasseika::ui::course::exercises_hint(&a)
                            .is_some_and(|h| screen.contains(&h));
                        if !told {
                            wanted.push(" e ".into());
                        }
                    }
                    Mode::Input | Mode::Answer | Mode::List => wanted.push(" Enter ".into()),
                    Mode::Exercise if solved => wanted.push(" n ".into()),
                    Mode::Exercise if choice > 0 => wanted.push(format!(" 1-{choice} ")),
                    Mode::Results => wanted.push(" ↑/↓ ".into()),
                    Mode::Functions => wanted.push(" Space ".into()),
                    Mode::Review => wanted.push(" Esc ".into()),
                    _ => {}
                }
                for key in wanted {
                    if !footer.contains(&key) {
                        failures.push(format!(
                            "{} {name} ({mode:?}): {key:?} missing: {footer}",
                            lang.code()
                        ));
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} footers:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn at_120x40_no_screen_is_mostly_empty_rows() {
        let mut failures = Vec::new();
        for lang in Lang::ALL {
            for (name, mut a) in screens(lang, Look::default()) {
                a.update(Message::Resize(120, 40));
                let t = render(&a, 120, 40);
                let screen = text_of(t.backend().buffer());
                // Between the header and the footer: rows with nothing but borders
                // and spaces, across the whole width.
                let body: Vec<&str> = screen.lines().skip(1).take(38).collect();
                let empty = body
                    .iter()
                    .filter(|row| {
                        row.chars()
                            .all(|c| c.is_whitespace() || ('\u{2500}'..='\u{257f}').contains(&c))
                    })
                    .count();
                if empty * 2 >= body.len() {
                    failures.push(format!(
                        "{} {name}: {empty} of {} rows empty\n{screen}",
                        lang.code(),
                        body.len()
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn nothing_is_cut_without_a_mark() {
        let ascii = Look {
            marker: Marker::Ascii,
            ascii: true,
            color: true,
        };
        let mut failures = Vec::new();
        for lang in Lang::ALL {
            for look in [Look::default(), ascii] {
                for (w, h) in [(60, 20), (80, 24)] {
                    for (name, mut a) in screens(lang, look) {
                        a.update(Message::Resize(w, h));
                        let mut report = |a: &App, name: &str| {
                            for e in check(a, w, h) {
                                failures.push(format!(
                                    "{} {name} {w}x{h} ascii={}: {e}",
                                    lang.code(),
                                    look.ascii
                                ));
                            }
                        };
                        report(&a, &name);
                        // With the results chosen, every value and every remark in
                        // turn: each remark is then on show whole.
                        if a.has_input() && a.focus == Focus::Results {
                            let mut stop = a.clone();
                            stop.update(Message::SelectFirst);
                            let mut k = 0;
                            loop {
                                report(&stop, &format!("{name}, stop {k}"));
                                if !stop.update(Message::SelectNext) {
                                    break;
                                }
                                k += 1;
                            }
                            assert_eq!(k + 1, a.page().stops(), "{name}: every stop");
                        }
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} problems:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

/// The right-hand side of the screen (chart, input box, results), as text.
fn right_side(a: &kasseika::app::App, w: u16, h: u16) -> String {
    let t = render(a, w, h);
    let buf = t.backend().buffer();
    let r = kasseika::app::layout::regions(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
    let mut out = String::new();
    for y in r.right.top()..r.right.bottom() {
        let mut skip = 0;
        for x in r.right.left()..r.right.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_result_and_the_sum_can_be_reached_at_80x24() {
    use kasseika::lesson::Evaluation;
    for (lesson, input) in [
        (
            LessonId::Softmax,
            (1..=16).map(|k| k.to_string()).collect::<Vec<_>>(),
        ),
        (
            LessonId::Overflow,
            (0..16).map(|k| (1000 - 10 * k).to_string()).collect(),
        ),
    ] {
        let mut a = app(Lang::En, lesson);
        evaluate(&mut a, &input.join(" "));
        a.update(Message::LeaveInput);
        let first = right_side(&a, 80, 24);
        assert!(first.contains("r to choose"), "the key is told:\n{first}");
        a.update(Message::FocusResults);
        a.update(Message::SelectFirst);
        let mut seen = right_side(&a, 80, 24);
        while a.update(Message::SelectNext) {
            seen.push_str(&right_side(&a, 80, 24));
        }
        let kasseika::app::Shown::Result(eval) = &a.page().shown else {
            panic!("a result");
        };
        let values: Vec<f64> = match eval {
            Evaluation::Softmax { probs, .. } => probs.clone(),
            Evaluation::Compare { stable, .. } => stable.clone(),
            _ => unreachable!(),
        };
        for (k, v) in values.iter().enumerate() {
            let shown = kasseika::number::display(*v);
            assert!(
                seen.contains(&format!("{}  ", input[k])) && seen.contains(&shown),
                "{}: value {k} ({shown}) never shown",
                lesson.id()
            );
        }
        assert!(
            seen.contains("sum "),
            "{}: the sum never shown",
            lesson.id()
        );
    }
}

#[test]
fn the_chart_marks_every_value_typed_and_names_the_chosen_one() {
    let mut a = app(Lang::En, LessonId::Sigmoid);
    evaluate(&mut a, "-2, 0, 2");
    let right = right_side(&a, 80, 24);
    assert_eq!(right.matches('⣿').count(), 1, "one probe:\n{right}");
    assert_eq!(right.matches('⠶').count(), 2, "two more marks:\n{right}");
    assert!(right.contains("(2, 0.88079708)"), "{right}");
    a.update(Message::LeaveInput);
    a.update(Message::FocusResults);
    a.update(Message::SelectPrev);
    let right = right_side(&a, 80, 24);
    assert!(
        right.contains("(0, 0.5)"),
        "the label follows the choice:\n{right}"
    );
    assert_eq!(right.matches('⣿').count(), 1);
}

#[test]
fn an_input_error_leaves_no_old_values_on_the_chart() {
    let mut a = app(Lang::En, LessonId::Overflow);
    evaluate(&mut a, "1e400");
    assert!(right_side(&a, 80, 24).contains("e^inf = inf"));
    type_text(&mut a, "abc");
    a.update(Message::Evaluate);
    let right = right_side(&a, 80, 24);
    assert!(right.contains("Error"), "{right}");
    assert!(
        !right.contains("e^inf"),
        "the chart still names the value before the error:\n{right}"
    );
    assert!(!right.contains('⣿'), "no probe:\n{right}");
}

#[test]
fn the_input_box_away_from_focus_shows_the_start_of_its_text() {
    let mut a = app(Lang::Ja, LessonId::Identity);
    a.update(Message::FocusInput);
    type_text(&mut a, &"－２, 40, ".repeat(12));
    a.update(Message::LeaveInput);
    let right = right_side(&a, 60, 20);
    assert!(right.contains("> －２, 40, －２"), "{right}");
    assert!(right.contains('⋯'), "the cut is marked:\n{right}");
}

#[test]
fn the_overflow_example_tells_one_story() {
    // The results start with e^1000; so does the chart's label.
    let mut a = app(Lang::En, LessonId::Overflow);
    let right = right_side(&a, 80, 24);
    assert!(right.contains("e^1000 = inf"), "{right}");
    assert!(!right.contains("e^1010"), "{right}");
    // Choosing the next value, the compared vector's first input, moves both.
    a.update(Message::FocusResults);
    a.update(Message::SelectNext);
    let right = right_side(&a, 80, 24);
    assert!(right.contains("e^1010 = inf"), "{right}");
}

#[test]
fn show_prints_code_unwrapped() {
    let loc = common::localizer();
    for lang in Lang::ALL {
        let tr = loc.tr(lang);
        for lesson in LessonId::ALL {
            let text = kasseika::plain::show(tr, lesson, 24);
            for line in tr.t(&lesson.code_id()).lines() {
                assert!(
                    text.lines().any(|l| l == line.trim_end()),
                    "{} {}: {line:?} is not whole",
                    lang.code(),
                    lesson.id()
                );
            }
        }
    }
}

#[test]
fn help_pages_closing_words_and_narrow_screens() {
    let snap = |name: String, a: &kasseika::app::App, w: u16, h: u16| {
        let t = render(a, w, h);
        check_complete(t.backend().buffer(), &name);
        insta::assert_snapshot!(name, text_of(t.backend().buffer()));
    };
    for lang in Lang::ALL {
        let code = lang.code();
        let mut a = app(lang, LessonId::Sigmoid);
        a.update(Message::ToggleHelp);
        a.update(Message::HelpNext);
        snap(format!("help_typing_{code}"), &a, 80, 24);
        a.update(Message::HelpNext);
        snap(format!("help_results_{code}"), &a, 80, 24);

        let mut a = app(lang, LessonId::Overflow);
        a.update(Message::NextLesson);
        snap(format!("closing_{code}"), &a, 80, 24);

        for lesson in [LessonId::Intro, LessonId::Overflow] {
            let mut a = app(lang, lesson);
            a.update(Message::Resize(60, 20));
            snap(format!("{}_{code}_60x20", lesson.id()), &a, 60, 20);
        }
        let mut a = app(lang, LessonId::Overflow);
        a.update(Message::Resize(60, 20));
        a.update(Message::ScrollBottom);
        a.update(Message::ShiftRight);
        snap(format!("overflow_code_shifted_{code}_60x20"), &a, 60, 20);
    }
    let mut a = app(Lang::En, LessonId::Softmax);
    evaluate(
        &mut a,
        &(1..=16)
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(" "),
    );
    a.update(Message::LeaveInput);
    a.update(Message::FocusResults);
    a.update(Message::SelectFirst);
    a.update(Message::SelectNext);
    snap("softmax_16_values_chosen_en".into(), &a, 80, 24);
}

#[test]
fn numbers_in_narrow_columns_lose_digits_not_characters() {
    use kasseika::lesson::Evaluation;
    // At 60x20 in Japanese, the stable column used to end in `4.5397869e-0`: a cut
    // exponent that reads as another number (4.54 instead of 4.54e-05).
    let close = |shown: f64, exact: f64| {
        (shown.is_nan() && exact.is_nan())
            || shown == exact
            || (shown - exact).abs() <= 0.05 * exact.abs()
    };
    for lang in Lang::ALL {
        for (w, h) in [(60, 20), (80, 24)] {
            for input in ["1010, 1000, 990", "-1e-300, 7e-5, 123456.78, 3"] {
                let mut a = app(lang, LessonId::Overflow);
                a.update(Message::Resize(w, h));
                evaluate(&mut a, input);
                a.update(Message::LeaveInput);
                a.update(Message::FocusResults);
                let kasseika::app::Shown::Result(Evaluation::Compare {
                    inputs,
                    naive,
                    stable,
                    ..
                }) = a.page().shown.clone()
                else {
                    panic!("a comparison");
                };
                a.update(Message::SelectFirst);
                let mut checked = 0;
                // The comparison's rows (its steps and log-softmax follow it).
                for _ in 0..inputs.len() {
                    let right = right_side(&a, w, h);
                    let steps = kasseika::ui::text::paragraphs(
                        &common::localizer().text(lang, "steps-naive"),
                    )[0]
                    .chars()
                    .take(4)
                    .collect::<String>();
                    for row in right.lines().take_while(|r| !r.contains(&steps)) {
                        // (The chosen row is marked with `>` in the margin.)
                        let row = row.trim_start().trim_start_matches("> ");
                        let tokens: Vec<&str> = row.split_whitespace().collect();
                        let Some(first) = tokens.first().and_then(|t| t.parse::<f64>().ok()) else {
                            continue;
                        };
                        // Not a row of values ("3 more lines above").
                        if tokens.get(1).is_none_or(|t| t.parse::<f64>().is_err()) {
                            continue;
                        }
                        let same = |x: f64| first == x || (first - x).abs() <= 1e-3 * x.abs();
                        let Some(k) = inputs.iter().position(|&x| same(x)) else {
                            continue;
                        };
                        // Input, naive, stable, and perhaps the `rounded` tag; or,
                        // too narrow for both, the input and one of them (the table
                        // split in two, each with all its digits).
                        assert!(matches!(tokens.len(), 2..=4), "{row:?}");
                        let numbers: Vec<&str> = tokens[1..]
                            .iter()
                            .copied()
                            .filter(|t| t.parse::<f64>().is_ok())
                            .collect();
                        for token in numbers {
                            let shown: f64 = token.parse().unwrap_or(f64::INFINITY);
                            assert!(
                                close(shown, naive[k]) || close(shown, stable[k]),
                                "{} {w}x{h}: {token} shown for {:e} or {:e}\n{right}",
                                lang.code(),
                                naive[k],
                                stable[k]
                            );
                        }
                        checked += 1;
                    }
                    a.update(Message::SelectNext);
                }
                assert!(checked >= inputs.len(), "every row was seen");
            }
        }
    }
}

#[test]
fn derivatives_the_vanishing_gradient_modern_functions_and_the_steps() {
    let snap = |name: String, a: &kasseika::app::App, w: u16, h: u16| {
        let t = render(a, w, h);
        check_complete(t.backend().buffer(), &name);
        insta::assert_snapshot!(name, text_of(t.backend().buffer()));
    };
    for lang in Lang::ALL {
        let code = lang.code();
        let mut a = app(lang, LessonId::Relu);
        a.update(Message::ToggleDerivative);
        evaluate(&mut a, "-2, 0, 3");
        snap(format!("relu_derivative_{code}"), &a, 80, 24);

        let mut a = app(lang, LessonId::Vanishing);
        evaluate(&mut a, "20, x=0.5");
        a.update(Message::LeaveInput);
        a.update(Message::FocusResults);
        a.update(Message::SelectLast);
        snap(format!("vanishing_chain_{code}"), &a, 80, 24);

        let mut a = app(lang, LessonId::Modern);
        a.update(Message::FocusFunctions);
        a.update(Message::ToggleCurveAt(1));
        a.update(Message::ToggleCurveAt(3));
        snap(format!("modern_list_{code}"), &a, 80, 24);
        a.update(Message::LeaveInput);
        a.update(Message::ToggleDerivative);
        evaluate(&mut a, "-1, 0");
        snap(format!("modern_derivatives_{code}"), &a, 80, 24);
        a.update(Message::Resize(60, 20));
        snap(format!("modern_derivatives_{code}_60x20"), &a, 60, 20);

        let mut a = app(lang, LessonId::Overflow);
        evaluate(&mut a, "1010, 1000, 990, C=300");
        a.update(Message::LeaveInput);
        a.update(Message::FocusResults);
        for _ in 0..9 {
            a.update(Message::SelectNext);
        }
        snap(format!("overflow_own_shift_{code}"), &a, 80, 24);
    }
}

#[test]
fn the_footer_tells_the_key_of_the_results_in_both_languages_at_80x24() {
    // The English footer used to drop `r` for want of room.
    for lang in Lang::ALL {
        for lesson in LessonId::ALL.into_iter().filter(|l| l.has_input()) {
            let a = app(lang, lesson);
            let text = text_of(render(&a, 80, 24).backend().buffer());
            let footer = text.lines().nth(23).unwrap_or_default().to_string();
            let word = a.loc.tr(lang).t("key-results");
            assert!(
                footer.contains(&format!(" r  {word}")),
                "{} {}: {footer:?}",
                lang.code(),
                lesson.id()
            );
            for other in ["key-lang-target", "key-help", "key-quit"] {
                assert!(footer.contains(&a.loc.tr(lang).t(other)), "{footer:?}");
            }
        }
    }
}

#[test]
fn the_focused_input_box_marks_where_its_text_is_cut() {
    // `-800` scrolled off to `800` with no mark read as another number.
    for ascii in [false, true] {
        let look = kasseika::ui::Look {
            ascii,
            ..kasseika::ui::Look::default()
        };
        let mark = if ascii { "..." } else { "⋯" };
        let mut a = common::app_with(Lang::En, LessonId::Step, look);
        a.update(Message::FocusInput);
        type_text(&mut a, "40, -800, 1e400, 1e-400, inf, -inf, nan");
        let right = right_side(&a, 80, 24);
        assert!(right.contains(&format!("> {mark}")), "{right}");
        assert!(right.contains("-inf, nan"), "{right}");
        a.update(Message::Edit(kasseika::app::Edit::Home));
        let right = right_side(&a, 80, 24);
        let row = right
            .lines()
            .find(|l| l.contains("> 40, -800"))
            .unwrap_or_else(|| panic!("{right}"));
        assert!(
            row.trim_end_matches(['│', '|', ' ']).ends_with(mark),
            "{row:?}"
        );
    }
}

#[test]
fn the_chart_never_names_a_value_a_whole_number_it_is_not() {
    // h(36) = 0.9999999999999998: `(36, 1)` would read as exactly 1, which h(40) is
    // (rounded) and h(36) is not.
    for (w, h) in [(80, 24), (60, 20)] {
        let mut a = app(Lang::En, LessonId::Sigmoid);
        a.update(Message::Resize(w, h));
        evaluate(&mut a, "36");
        let right = right_side(&a, w, h);
        assert!(right.contains("(36, 0.9999999999999998)"), "{right}");
        assert!(!right.contains("(36, 1)"), "{right}");
    }
}

#[test]
fn narrow_results_keep_four_digits_or_split_and_mark_what_they_shorten() {
    // Values checked against NumPy: 0.25^10 = 9.5367432e-07; the tanh chain from
    // x = 2 through 10 layers 0.0036743707, from 0.5 through 20 0.10727401, from 2
    // through 100 0.00012834631; sigmoid'(1e-8) = 0.25.
    let shows = |lang: Lang, lesson: LessonId, typed: &str, (w, h): (u16, u16)| {
        let mut a = app(lang, lesson);
        a.update(Message::Resize(w, h));
        evaluate(&mut a, typed);
        a.update(Message::LeaveInput);
        a.update(Message::FocusResults);
        a.update(Message::SelectFirst);
        // Every stop, so that every table is seen.
        let mut seen = String::new();
        loop {
            seen.push_str(&right_side(&a, w, h));
            if !a.update(Message::SelectNext) {
                break;
            }
        }
        seen
    };
    let sigmoid = shows(
        Lang::En,
        LessonId::Sigmoid,
        "-800, -745, -30, 1e-8, 30, 36, 40, 800, nan, inf",
        (80, 24),
    );
    let row = sigmoid
        .lines()
        .find(|l| l.trim_start().trim_start_matches("> ").starts_with("1e-08"))
        .unwrap_or_else(|| panic!("{sigmoid}"));
    assert!(row.contains("0.25"), "{row}");
    assert!(!row.contains("0.2 ") && !row.ends_with("0.2"), "{row}");
    for lang in Lang::ALL {
        let v = shows(lang, LessonId::Vanishing, "10, x=2", (60, 20));
        assert!(v.contains("9.536"), "{v}");
        assert!(v.contains("0.003674"), "{v}");
        let v = shows(lang, LessonId::Vanishing, "n=20, x=0.5", (80, 24));
        assert!(v.contains("0.1072"), "{v}");
        let v = shows(lang, LessonId::Vanishing, "100, x=2", (60, 20));
        assert!(v.contains("0.0001283"), "{v}");
    }
    // The overflow lesson at 60x20, one `+`: the stable table and the table of s
    // give y for 1000 with the same digits, as the note says they are the same.
    let mut a = app(Lang::En, LessonId::Overflow);
    a.update(Message::Resize(60, 20));
    a.update(Message::More);
    a.update(Message::FocusResults);
    a.update(Message::SelectFirst);
    let mut tokens = Vec::new();
    loop {
        for t in right_side(&a, 60, 20).split_whitespace() {
            // y for 1000 is 4.5397869e-05 (NumPy); e^-10 = 4.539993e-05 is the
            // term e^(a - s) of the stable table, another number.
            let t = t.trim_matches('│');
            let Ok(v) = t.trim_end_matches(['⋯', '.']).parse::<f64>() else {
                continue;
            };
            let near = |w: f64| (v / w - 1.0).abs();
            if near(4.5397869e-05) < 0.12 && near((-10f64).exp()) > 1e-6 {
                tokens.push(t.to_string());
            }
        }
        if !a.update(Message::SelectNext) {
            break;
        }
    }
    assert!(tokens.len() >= 2, "{tokens:?}");
    assert!(tokens.iter().all(|t| t == "4.5397869e-05"), "{tokens:?}");
}

/// A narrow table wraps each row onto more lines: the results never start on a
/// row's second line, so a value is never shown without its x (a bare h'(36.7)
/// above the row of 40 reads as 40's), whatever the lesson.
#[test]
fn a_wrapped_row_of_the_results_is_shown_from_its_x() {
    for (lesson, values, tail) in [
        (LessonId::Sigmoid, "36.7, 40", "1.151840"),
        (LessonId::Step, "0, -0, 1e400, nan, 2", ""),
        (LessonId::Relu, "-3, -0.5, 0, 2, 1e400, 5", ""),
    ] {
        for lang in [Lang::Ja, Lang::En] {
            let mut a = app(lang, lesson);
            evaluate(&mut a, values);
            let right = right_side(&a, 60, 20);
            let lines: Vec<&str> = right.lines().collect();
            if !tail.is_empty() {
                // The continuation line is shown only below its row's x.
                if let Some(k) = lines.iter().position(|l| l.contains(tail)) {
                    assert!(
                        k > 0 && lines[k - 1].contains("36.7"),
                        "{lang:?} {}: h'(36.7) without its x:\n{right}",
                        lesson.id()
                    );
                }
            }
            // The last value typed is on show with its x.
            let last = values.rsplit(", ").next().unwrap();
            assert!(
                lines
                    .iter()
                    .any(|l| l.trim_start_matches(['│', ' ']).starts_with(last)),
                "{lang:?} {}: the row of {last}:\n{right}",
                lesson.id()
            );
        }
    }
}

/// The rows of the chart pane (borders included) in a render: from its title row
/// to its bottom border.
fn chart_rows(text: &str, title: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.contains(&format!("┌ {title} ")))
        .unwrap_or_else(|| panic!("no chart:\n{text}"));
    let at = lines[top].find(&format!("┌ {title} ")).unwrap_or(0);
    let column = lines[top][..at].width();
    let bottom = (top + 1..lines.len())
        .find(|&r| char_at_column(lines[r], column) == Some('└'))
        .unwrap_or_else(|| panic!("no bottom to the chart:\n{text}"));
    bottom - top + 1
}

/// The character of `line` that starts at display column `column`.
fn char_at_column(line: &str, column: usize) -> Option<char> {
    let mut shown = 0;
    line.chars().find(|c| {
        let here = shown;
        shown += c.to_string().width();
        here == column
    })
}

/// A long error or many values scroll in the results box; the chart keeps its
/// rows (and so the names of its curves), and every line of the results can
/// still be read with the results chosen.
#[test]
fn the_results_scroll_rather_than_take_the_charts_rows() {
    use kasseika::app::Message;
    let values: Vec<String> = (1..=16).map(|k| k.to_string()).collect();
    let values = values.join(" ");
    for (w, h, floor) in [(80, 24, 12), (60, 20, 10)] {
        for (what, input) in [
            ("an input error", "1, 2, x"),
            ("16 values", values.as_str()),
        ] {
            let mut a = app(Lang::En, LessonId::Sigmoid);
            a.update(Message::ToggleDerivative);
            evaluate(&mut a, input);
            let text = text_of(render(&a, w, h).backend().buffer());
            let case = format!("{what} at {w}x{h}");
            assert!(
                chart_rows(&text, "Chart") >= floor,
                "{case}: the chart keeps {floor} rows:\n{text}"
            );
            assert!(
                text.contains("h(x)") && text.contains("h'(x)") || text.contains(" h' "),
                "{case}: the curves keep their names:\n{text}"
            );
            // Every line, with the results chosen: step through them all.
            a.update(Message::LeaveInput);
            a.update(Message::FocusResults);
            a.update(Message::SelectFirst);
            let mut seen = text_of(render(&a, w, h).backend().buffer());
            for _ in 0..40 {
                a.update(Message::SelectNext);
                seen.push_str(&text_of(render(&a, w, h).backend().buffer()));
            }
            let wanted: Vec<String> = if input.contains('x') {
                ["is not", "Accepted:", "Full-width", "too."]
                    .map(String::from)
                    .to_vec()
            } else {
                (1..=16).map(|k| format!(" {k:<2}  0.")).collect()
            };
            for piece in wanted {
                assert!(seen.contains(&piece), "{case}: {piece:?} is never shown");
            }
        }
    }
}

/// The closing summary fits its box: each sentence whole or not at all, the course
/// totals always, at 80x24 and 60x20 in both languages.
#[test]
fn the_closing_summary_fits_whole_sentences_and_keeps_the_totals() {
    for lang in Lang::ALL {
        let code = lang.code();
        for (w, h) in [(80, 24), (60, 20)] {
            let mut a = app(lang, LessonId::Overflow);
            a.update(Message::Resize(w, h));
            a.update(Message::NextLesson);
            let t = render(&a, w, h);
            check_complete(t.backend().buffer(), &format!("closing {code} {w}x{h}"));
            let screen = text_of(t.backend().buffer());
            // The summary box's text, joined without its borders and padding.
            let joined: String = screen
                .lines()
                .filter_map(|l| {
                    let cells: Vec<char> = l.chars().collect();
                    let at = cells.iter().position(|&c| c == '│')?;
                    let rest: String = cells[at + 1..].iter().collect();
                    let open = rest.find('│')?;
                    let inner: String = rest[open..].chars().skip(2).collect();
                    Some(inner.trim_end_matches('│').trim().to_string())
                })
                .collect();
            let totals = kasseika::ui::course::course_text(&a);
            let squash = |s: &str| s.split_whitespace().collect::<String>();
            assert!(
                squash(&joined).contains(&squash(&totals)),
                "{code} {w}x{h}: totals missing\n{screen}"
            );
            let shown = squash(&joined);
            let short = kasseika::ui::course::closing_next_short(&a).map(|s| squash(&s));
            for (k, s) in kasseika::ui::course::closing_headline(&a)
                .iter()
                .enumerate()
            {
                // A sentence's first words shown means the whole sentence is (the
                // next exercise may be the shortened sentence).
                let s = squash(s);
                let head: String = s.chars().take(8).collect();
                let whole = shown.contains(&s)
                    || (k == 1 && short.as_ref().is_some_and(|t| shown.contains(t)));
                assert!(
                    !shown.contains(&head) || whole,
                    "{code} {w}x{h}: cut sentence {s}\n{screen}"
                );
            }
            insta::assert_snapshot!(format!("closing_fit_{code}_{w}x{h}"), screen);
        }
    }
}

/// A box drawn over Japanese text keeps its left border where a terminal shows
/// it: a wide character that the box's edge cuts becomes a space. The list of
/// lessons over the closing words at 100x60 (`--lesson overflow`, `n`, `l`), and
/// every box over every lesson, in both languages: no screen holds a wide
/// character that a terminal would draw over the cell after it.
#[test]
fn a_box_over_japanese_text_keeps_its_left_border() {
    use kasseika::app::ListMsg;
    use kasseika::ui::overlay::hidden_cell;
    let mut a = app(Lang::Ja, LessonId::Overflow);
    a.update(Message::NextLesson);
    a.update(Message::List(ListMsg::Toggle));
    a.update(Message::Resize(100, 60));
    // What the terminal shows: the backend gets the frame as ratatui's diff sends
    // it, which leaves out the cell after a wide character, as a terminal would.
    let terminal = render(&a, 100, 60);
    let text = text_of(terminal.backend().buffer());
    // The list's left border, on every row of the box.
    let title = "┌ レッスン一覧 ";
    let top = text
        .lines()
        .position(|l| l.contains(title))
        .expect("the list");
    let column = text
        .lines()
        .nth(top)
        .unwrap()
        .split(title)
        .next()
        .unwrap()
        .width();
    let bottom = (top + 1..60)
        .find(|&y| text.lines().nth(y).unwrap().contains('└'))
        .unwrap();
    assert!(bottom > top + 5, "the list has rows:\n{text}");
    for line in text.lines().take(bottom).skip(top + 1) {
        let mut shown = 0;
        let at = line.chars().find(|c| {
            let here = shown;
            shown += c.to_string().width();
            here >= column
        });
        assert_eq!(at, Some('│'), "the left border is lost:\n{line}");
    }
    for lang in Lang::ALL {
        for lesson in LessonId::ALL {
            for (w, h) in [(100, 60), (80, 24), (60, 20), (81, 25)] {
                let mut a = app(lang, lesson);
                a.update(Message::Resize(w, h));
                for open in [
                    Message::List(ListMsg::Toggle),
                    Message::ToggleHelp,
                    Message::ToggleReview,
                ] {
                    let mut a = a.clone();
                    a.update(open);
                    // The frame itself, before any diff.
                    let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
                    kasseika::ui::render(&a, buf.area, &mut buf);
                    assert_eq!(
                        hidden_cell(&buf),
                        None,
                        "{lang:?} {} {w}x{h}:\n{}",
                        lesson.id(),
                        text_of(&buf)
                    );
                }
            }
        }
    }
}

/// The chart pane of a rendered screen (title row to bottom border, its columns
/// only), as text.
fn chart_pane(text: &str, title: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.contains(&format!("┌ {title} ")))
        .unwrap_or_else(|| panic!("no chart:\n{text}"));
    let at = lines[top].find(&format!("┌ {title} ")).unwrap();
    let column = lines[top][..at].width();
    let mut out = String::new();
    for line in &lines[top..] {
        let mut shown = 0;
        let cut: String = line
            .chars()
            .filter(|c| {
                let here = shown;
                shown += c.to_string().width();
                here >= column
            })
            .collect();
        out.push_str(&cut);
        out.push('\n');
        if cut.starts_with('└') {
            break;
        }
    }
    out
}

fn chart_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Chart",
        Lang::Ja => "グラフ",
    }
}

/// `r` (the results chosen) and `f` (the list of functions) leave the chart its
/// rows at 80x24 and 60x20 (they made it four rows of plot at 80x24; a chosen row
/// that wraps at 60x20 takes one back, down to the chart's least); on a tall screen the
/// chart takes its share of the room, all nine modern functions and their
/// derivatives shown (their tables made it seven rows of plot at 120x40).
#[test]
fn choosing_results_or_functions_leaves_the_chart_its_rows() {
    for lang in Lang::ALL {
        let title = chart_title(lang);
        for (w, h, floor) in [(80, 24, 12), (60, 20, 10)] {
            for lesson in [
                LessonId::Sigmoid,
                LessonId::Vanishing,
                LessonId::Modern,
                LessonId::Softmax,
                LessonId::Overflow,
            ] {
                let mut opened = vec![Message::FocusResults];
                if lesson == LessonId::Modern {
                    opened.push(Message::FocusFunctions);
                }
                for open in opened {
                    let mut a = app(lang, lesson);
                    a.update(Message::Resize(w, h));
                    a.update(open.clone());
                    let text = text_of(render(&a, w, h).backend().buffer());
                    // At 60x20 a chosen row of the vanishing gradient's table wraps:
                    // the chart gives a row to show it whole, keeping its least.
                    let floor = if w == 60 && lesson == LessonId::Vanishing {
                        floor - 1
                    } else {
                        floor
                    };
                    assert!(
                        chart_rows(&text, title) >= floor,
                        "{lang:?} {} {open:?} at {w}x{h}:\n{text}",
                        lesson.id()
                    );
                }
            }
        }
        let mut a = app(lang, LessonId::Modern);
        a.update(Message::Resize(120, 40));
        for k in [0, 1, 3, 4, 6, 8] {
            a.update(Message::ToggleCurveAt(k));
        }
        a.update(Message::ToggleDerivative);
        for chosen in [false, true] {
            if chosen {
                a.update(Message::FocusResults);
            }
            let text = text_of(render(&a, 120, 40).backend().buffer());
            assert!(
                chart_rows(&text, title) >= 17,
                "{lang:?} 120x40, results chosen: {chosen}:\n{text}"
            );
        }
    }
}

/// The rows of the y axis's ticks (`┤`) in a rendered screen, top to bottom.
fn y_tick_rows(buf: &Buffer) -> Vec<u16> {
    let mut by_column: std::collections::BTreeMap<u16, Vec<u16>> = Default::default();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() == "┤" {
                by_column.entry(x).or_default().push(y);
            }
        }
    }
    by_column
        .into_values()
        .max_by_key(Vec::len)
        .unwrap_or_default()
}

/// Every chart's y ticks stand evenly on the screen (the vanishing chart had them
/// on rows 1, 3 and 6; the modern one was labelled -1, 0, 2, 4), in every lesson,
/// both languages, at 80x24, 60x20 and 120x40, with the derivatives drawn and the
/// results chosen.
#[test]
fn y_ticks_are_evenly_spaced_on_every_chart() {
    for lang in Lang::ALL {
        for lesson in LessonId::ALL {
            if lesson.chart().is_none() {
                continue;
            }
            for (w, h) in [(80, 24), (60, 20), (120, 40)] {
                for state in 0..3 {
                    let mut a = app(lang, lesson);
                    a.update(Message::Resize(w, h));
                    if state >= 1 {
                        a.update(Message::ToggleDerivative);
                    }
                    if state == 2 {
                        a.update(Message::FocusResults);
                    }
                    let terminal = render(&a, w, h);
                    let buf = terminal.backend().buffer();
                    let rows = y_tick_rows(buf);
                    let case = format!("{lang:?} {} {w}x{h} state {state}", lesson.id());
                    assert!(rows.len() >= 2, "{case}:\n{}", text_of(buf));
                    let gaps: Vec<u16> = rows.windows(2).map(|p| p[1] - p[0]).collect();
                    assert!(
                        gaps.iter().all(|&g| g == gaps[0]),
                        "{case}: ticks on rows {rows:?}:\n{}",
                        text_of(buf)
                    );
                    // The labels too: evenly spaced values.
                    let axis_x = (0..w).find(|&x| buf[(x, rows[0])].symbol() == "┤").unwrap();
                    let labels: Vec<String> = rows
                        .iter()
                        .map(|&y| {
                            let mut x = axis_x;
                            while x > 0
                                && buf[(x - 1, y)].symbol() != " "
                                && buf[(x - 1, y)].symbol() != "│"
                            {
                                x -= 1;
                            }
                            (x..axis_x)
                                .map(|x| buf[(x, y)].symbol())
                                .collect::<String>()
                        })
                        .collect();
                    let values: Vec<f64> = labels
                        .iter()
                        .map(|l| match l.strip_prefix("1e") {
                            Some(exp) => exp.parse::<f64>().unwrap(),
                            None if l == "1" && lesson == LessonId::Vanishing
                                || lesson == LessonId::Overflow =>
                            {
                                0.0
                            }
                            None => l.parse::<f64>().unwrap_or_else(|_| panic!("{case}: {l:?}")),
                        })
                        .collect();
                    let steps: Vec<f64> = values.windows(2).map(|p| p[0] - p[1]).collect();
                    assert!(
                        steps.iter().all(|s| (s - steps[0]).abs() < 1e-9),
                        "{case}: tick labels {labels:?}"
                    );
                }
            }
        }
    }
}

/// Every curve on a chart is named (beside it, or in a legend), the vanishing
/// gradient's tanh and the x axis's name (layers) among them, in both languages at
/// 80x24, 60x20 and 120x40; the ReLU line follows the table: at 1 from x = 2, off
/// the chart from x = -1 (its gradient is 0 from the first layer on).
#[test]
fn every_curve_on_a_chart_is_named() {
    let loc = common::localizer();
    for lang in Lang::ALL {
        let tr = kasseika::i18n::Tr { loc: &loc, lang };
        let title = chart_title(lang);
        let name = |f: kasseika::activation::Scalar, short: bool| {
            tr.t(&kasseika::ui::function_name_id(f, short))
        };
        let named = |pane: &str, names: &[String]| names.iter().any(|n| pane.contains(n.as_str()));
        for (w, h) in [(80, 24), (60, 20), (120, 40)] {
            // The modern functions the lesson opens with, and their derivatives.
            let mut a = app(lang, LessonId::Modern);
            a.update(Message::Resize(w, h));
            a.update(Message::ToggleDerivative);
            let pane = chart_pane(&text_of(render(&a, w, h).backend().buffer()), title);
            for &f in a.page().shown_functions() {
                let names = [name(f, false), name(f, true)];
                assert!(named(&pane, &names), "{lang:?} {w}x{h}: {names:?}:\n{pane}");
                let derivative = format!("{}'", name(f, true));
                assert!(
                    pane.contains(&derivative),
                    "{lang:?} {w}x{h}: {derivative}:\n{pane}"
                );
            }
            // All nine (without derivatives) where the chart has the room.
            if w >= 80 {
                let mut a = app(lang, LessonId::Modern);
                a.update(Message::Resize(w, h));
                for k in [0, 1, 3, 4, 6, 8] {
                    a.update(Message::ToggleCurveAt(k));
                }
                let pane = chart_pane(&text_of(render(&a, w, h).backend().buffer()), title);
                for f in kasseika::lesson::MODERN {
                    let names = [name(f, false), name(f, true)];
                    assert!(named(&pane, &names), "{lang:?} {w}x{h}: {names:?}:\n{pane}");
                }
            }
            // The scalar lessons with their derivatives.
            for lesson in [LessonId::Step, LessonId::Sigmoid, LessonId::Relu] {
                let mut a = app(lang, lesson);
                a.update(Message::Resize(w, h));
                a.update(Message::ToggleDerivative);
                let pane = chart_pane(&text_of(render(&a, w, h).backend().buffer()), title);
                for names in [["h(x)", "h "], ["h'(x)", "h'"]] {
                    assert!(
                        names.iter().any(|n| pane.contains(n)),
                        "{lang:?} {} {w}x{h}: {names:?}:\n{pane}",
                        lesson.id()
                    );
                }
            }
            // The vanishing gradient: the largest through sigmoid layers, the chain
            // from x through sigmoid, tanh and ReLU layers, and its x axis's name.
            for x in ["2", "-1"] {
                let mut a = app(lang, LessonId::Vanishing);
                a.update(Message::Resize(w, h));
                evaluate(&mut a, &format!("x={x}"));
                a.update(Message::LeaveInput);
                let pane = chart_pane(&text_of(render(&a, w, h).backend().buffer()), title);
                let largest = [
                    tr.t("curve-largest-sigmoid"),
                    tr.t("curve-largest-sigmoid-short"),
                ];
                assert!(named(&pane, &largest), "{lang:?} {w}x{h} x={x}:\n{pane}");
                for f in kasseika::lesson::VANISHING {
                    let short = name(f, true);
                    assert!(
                        pane.contains(&short),
                        "{lang:?} {w}x{h} x={x}: {short}:\n{pane}"
                    );
                }
                let layers = tr.t("axis-layers");
                assert!(
                    pane.contains(&layers),
                    "{lang:?} {w}x{h}: {layers}:\n{pane}"
                );
            }
        }
    }
}

/// The vanishing chart's ReLU line follows the table: from x = 2 the gradient is 1
/// at every layer (a line along the top tick's row), from x = -1 it is 0 from the
/// first layer on (nothing along that row right of the first layers, where only the
/// ReLU line ran at 1).
#[test]
fn the_vanishing_charts_relu_line_follows_the_table() {
    for (x, along_the_top) in [("2", true), ("-1", false)] {
        let mut a = app(Lang::En, LessonId::Vanishing);
        evaluate(&mut a, &format!("x={x}"));
        a.update(Message::LeaveInput);
        let terminal = render(&a, 80, 24);
        let buf = terminal.backend().buffer();
        let rows = y_tick_rows(buf);
        let top = rows[0];
        let axis_x = (0..80).find(|&c| buf[(c, top)].symbol() == "┤").unwrap();
        let right = (axis_x + 1..80)
            .rev()
            .find(|&c| buf[(c, top)].symbol() == "│")
            .unwrap();
        // The right half of the plot, short of the probe's column at the end.
        let dots = (axis_x + (right - axis_x) / 2..right - 2)
            .filter(|&c| {
                buf[(c, top)]
                    .symbol()
                    .chars()
                    .all(|ch| ('\u{2801}'..='\u{28ff}').contains(&ch))
            })
            .count();
        assert_eq!(
            dots > 0,
            along_the_top,
            "x = {x}: {dots} dots along the row of 1:\n{}",
            text_of(buf)
        );
    }
}

/// The softmax lesson's bars are labelled with the classes its text names (a dog,
/// a cat, a bird) and their percentages, not with the inputs, in both languages
/// at 80x24, 60x20 and 120x40; another number of values labels the bars by number.
#[test]
fn the_softmax_bars_are_labelled_with_classes_and_percentages() {
    let loc = common::localizer();
    for lang in Lang::ALL {
        let tr = kasseika::i18n::Tr { loc: &loc, lang };
        let classes: Vec<String> = kasseika::ui::lesson_chart::SOFTMAX_CLASSES
            .iter()
            .map(|id| tr.t(id))
            .collect();
        // The lesson's text names these classes.
        let shown = kasseika::plain::show(tr, LessonId::Softmax, 200);
        for class in &classes {
            assert!(
                shown.contains(class.as_str()),
                "{lang:?}: the lesson never names {class}:\n{shown}"
            );
        }
        for (w, h) in [(80, 24), (60, 20), (120, 40)] {
            let mut a = app(lang, LessonId::Softmax);
            a.update(Message::Resize(w, h));
            let pane = chart_pane(
                &text_of(render(&a, w, h).backend().buffer()),
                chart_title(lang),
            );
            let labels = pane
                .lines()
                .rev()
                .skip(1)
                .take(3)
                .collect::<Vec<_>>()
                .join("\n");
            for piece in classes
                .iter()
                .map(String::as_str)
                .chain(["1.8%", "25%", "74%"])
            {
                assert!(labels.contains(piece), "{lang:?} {w}x{h}: {piece}:\n{pane}");
            }
            assert!(
                !pane.contains("2.9"),
                "{lang:?} {w}x{h}: an input as a label:\n{pane}"
            );
            // Four values: the bars are numbered.
            evaluate(&mut a, "1, 2, 3, 4");
            let pane = chart_pane(
                &text_of(render(&a, w, h).backend().buffer()),
                chart_title(lang),
            );
            assert!(!classes.iter().any(|c| pane.contains(c.as_str())), "{pane}");
            assert!(pane.contains("64%"), "{lang:?} {w}x{h}:\n{pane}");
        }
    }
}

/// What the input box asks or refuses, and the values past the most, can be read
/// whole in both languages at 80x24 and 60x20: `1,000` asked about (one number or
/// two?), a list not written as one named with how to write one, and past 16
/// values, the results of the first 16 with the title and a note saying so.
#[test]
fn the_input_box_tells_about_lists_grouped_thousands_and_too_many_values() {
    let twenty: Vec<String> = (1..=20).map(|k| k.to_string()).collect();
    let twenty = twenty.join(" ");
    for (lang, cases) in [
        (
            Lang::En,
            [
                (
                    "1,000",
                    vec![
                        "\"1,000\" may be one number or several",
                        "write 1000 for one",
                        "1, 000 (a space",
                    ],
                ),
                (
                    "[1, 2",
                    vec![
                        "Value 1, \"[1\", is not a number",
                        "np.array([0.3, 2.9, 4.0])",
                    ],
                ),
                (
                    twenty.as_str(),
                    vec![
                        "Result: ",
                        "16 of 20",
                        "4 values past the most of 16 were left out",
                    ],
                ),
            ],
        ),
        (
            Lang::Ja,
            [
                (
                    "1,000",
                    vec!["「1,000」は1つの数とも", "1つの数なら", "1000", "1, 000"],
                ),
                (
                    "[1, 2",
                    vec![
                        "1 番目の「[1」は数値として読めません",
                        "np.array([0.3, 2.9, 4.0])",
                    ],
                ),
                (
                    twenty.as_str(),
                    vec!["結果：", "最初の 16 個", "残りの 4 個は計算していません"],
                ),
            ],
        ),
    ] {
        for (typed, says) in cases {
            for (w, h) in [(80, 24), (60, 20)] {
                let mut a = app(lang, LessonId::Softmax);
                a.update(Message::Resize(w, h));
                evaluate(&mut a, typed);
                a.update(Message::LeaveInput);
                check_complete(render(&a, w, h).backend().buffer(), typed);
                // The right-hand side, line by line, each screen's lines joined.
                let joined = |a: &kasseika::app::App| {
                    right_side(a, w, h)
                        .lines()
                        .map(|l| {
                            l.trim_start_matches(['│', ' ', '>'])
                                .trim_end_matches(['│', ' '])
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let mut seen = joined(&a);
                a.update(Message::FocusResults);
                a.update(Message::SelectFirst);
                for _ in 0..40 {
                    seen.push(' ');
                    seen.push_str(&joined(&a));
                    if !a.update(Message::SelectNext) {
                        break;
                    }
                }
                // Japanese wraps without spaces: compared without them.
                let bare = |t: &str| t.replace(' ', "");
                for piece in &says {
                    assert!(
                        seen.contains(piece) || bare(&seen).contains(&bare(piece)),
                        "{lang:?} {typed:?} at {w}x{h}: {piece:?} never shown:\n{seen}"
                    );
                }
            }
        }
    }
}
