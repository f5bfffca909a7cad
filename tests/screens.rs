//! Every screen rendered into a `TestBackend`: snapshots of each lesson in both
//! languages at 80x24, and sizes that must not panic.

mod common;

use common::{app, evaluate, render, text_of, type_text};
use kasseika::app::Message;
use kasseika::i18n::{Lang, MISSING};
use kasseika::lesson::LessonId;
use ratatui::buffer::Buffer;

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
