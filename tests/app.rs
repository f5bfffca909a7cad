//! `App::update`: messages in, state out.

mod common;

use common::{app, evaluate, type_text};
use kasseika::app::{Edit, Focus, Message, Shown};
use kasseika::i18n::Lang;
use kasseika::lesson::{Evaluation, LessonId};
use kasseika::value_input::{InputError, MAX_CHARS};

#[test]
fn lessons_go_forward_and_back_and_stop_at_the_ends() {
    let mut a = app(Lang::En, LessonId::Intro);
    assert!(!a.update(Message::PrevLesson));
    assert_eq!(a.lesson, LessonId::Intro);
    for expected in &LessonId::ALL[1..] {
        assert!(a.update(Message::NextLesson));
        assert_eq!(a.lesson, *expected);
    }
    // After the last lesson, the closing words; then nothing further.
    assert!(a.update(Message::NextLesson));
    assert!(a.closing);
    assert!(!a.update(Message::NextLesson));
    assert_eq!(a.lesson, LessonId::Overflow);
    assert!(a.update(Message::PrevLesson));
    assert!(!a.closing);
    assert_eq!(a.lesson, LessonId::Overflow);
    a.update(Message::PrevLesson);
    assert_eq!(a.lesson, LessonId::Softmax);
}

#[test]
fn jumping_to_a_lesson_keeps_each_lessons_state() {
    let mut a = app(Lang::En, LessonId::Intro);
    assert!(a.update(Message::GoTo(LessonId::Softmax)));
    assert_eq!(a.lesson, LessonId::Softmax);
    assert!(!a.update(Message::GoTo(LessonId::Softmax)), "already there");
    a.update(Message::FocusInput);
    type_text(&mut a, "1 2");
    a.update(Message::GoTo(LessonId::Intro));
    assert_eq!(a.focus, Focus::Browse, "the intro has no input box");
    a.update(Message::GoTo(LessonId::Softmax));
    assert_eq!(a.page().input.value(), "1 2");
}

#[test]
fn the_intro_has_no_input_box() {
    let mut a = app(Lang::En, LessonId::Intro);
    assert!(!a.update(Message::FocusInput));
    assert_eq!(a.focus, Focus::Browse);
    assert!(!a.update(Message::Paste("1".into())));
}

#[test]
fn typing_and_evaluating_a_scalar_lesson() {
    let mut a = app(Lang::En, LessonId::Sigmoid);
    // Typing outside the input box does nothing.
    assert!(!a.update(Message::Edit(Edit::Insert('1'))));
    evaluate(&mut a, "0, 2");
    let page = a.page();
    assert_eq!(
        page.input.value(),
        "0, 2",
        "the input is kept after evaluating"
    );
    let Shown::Result(Evaluation::Scalar { points, .. }) = &page.shown else {
        panic!("expected a scalar result, got {:?}", page.shown);
    };
    assert_eq!(points[0], (0.0, 0.5));
    assert_eq!(
        page.probe(),
        Some((2.0, kasseika::activation::sigmoid(2.0)))
    );
}

#[test]
fn a_bad_value_keeps_the_input_and_the_last_result() {
    let mut a = app(Lang::Ja, LessonId::Relu);
    evaluate(&mut a, "3");
    let before = a.page().shown.clone();
    type_text(&mut a, " x");
    a.update(Message::Evaluate);
    assert_eq!(
        a.page().error,
        Some(InputError::BadToken {
            token: "x".into(),
            position: 2
        })
    );
    assert_eq!(a.page().input.value(), "3 x");
    assert_eq!(a.page().shown, before);
    // Fixing it clears the error.
    a.update(Message::Edit(Edit::Backspace));
    a.update(Message::Evaluate);
    assert_eq!(a.page().error, None);
}

#[test]
fn empty_input_says_so() {
    let mut a = app(Lang::En, LessonId::Step);
    a.update(Message::FocusInput);
    a.update(Message::Evaluate);
    assert_eq!(a.page().error, Some(InputError::Empty));
}

#[test]
fn the_input_is_capped_with_a_message() {
    let mut a = app(Lang::En, LessonId::Identity);
    a.update(Message::FocusInput);
    type_text(&mut a, &"1".repeat(MAX_CHARS + 10));
    assert_eq!(a.page().input.value().chars().count(), MAX_CHARS);
    assert!(matches!(a.page().error, Some(InputError::TooLong { .. })));
}

#[test]
fn pasting_flattens_lines_and_focuses_the_input() {
    let mut a = app(Lang::En, LessonId::Softmax);
    assert!(a.update(Message::Paste("1\n2\r\n3\t\u{7}4".into())));
    assert_eq!(a.focus, Focus::Input);
    assert_eq!(a.page().input.value(), "1 2 3 4");
    a.update(Message::Evaluate);
    let Shown::Result(Evaluation::Softmax { probs, .. }) = &a.page().shown else {
        panic!("softmax result");
    };
    assert_eq!(probs.len(), 4);
}

#[test]
fn a_paste_past_the_cap_keeps_what_fits_and_says_so() {
    let mut a = app(Lang::En, LessonId::Softmax);
    a.update(Message::Paste("12 ".repeat(100)));
    assert_eq!(a.page().input.value().chars().count(), MAX_CHARS);
    assert_eq!(
        a.page().error,
        Some(InputError::TooLong {
            chars: 300,
            max: MAX_CHARS
        })
    );
}

#[test]
fn editing_on_character_boundaries() {
    let mut a = app(Lang::Ja, LessonId::Step);
    a.update(Message::FocusInput);
    type_text(&mut a, "１２あ");
    a.update(Message::Edit(Edit::Left));
    a.update(Message::Edit(Edit::Backspace));
    assert_eq!(a.page().input.value(), "１あ");
    a.update(Message::Edit(Edit::Home));
    a.update(Message::Edit(Edit::Delete));
    assert_eq!(a.page().input.value(), "あ");
    a.update(Message::Edit(Edit::DeleteToEnd));
    assert_eq!(a.page().input.value(), "");
}

#[test]
fn each_lesson_keeps_its_own_input() {
    let mut a = app(Lang::En, LessonId::Step);
    a.update(Message::FocusInput);
    type_text(&mut a, "5");
    a.update(Message::NextLesson);
    assert_eq!(a.page().input.value(), "");
    a.update(Message::PrevLesson);
    assert_eq!(a.page().input.value(), "5");
}

#[test]
fn switching_language_keeps_lesson_input_focus_and_place() {
    let mut a = app(Lang::En, LessonId::Sigmoid);
    for _ in 0..12 {
        a.update(Message::ScrollDown);
    }
    let scrolled = a.page().scroll;
    assert!(scrolled > 0);
    let paragraph = a.reading().lines[usize::from(scrolled)].paragraph;
    a.update(Message::FocusInput);
    type_text(&mut a, "1, 2");
    a.update(Message::LeaveInput);
    a.update(Message::ToggleLang);
    assert_eq!(a.lang, Lang::Ja);
    assert_eq!(a.lesson, LessonId::Sigmoid);
    assert_eq!(a.page().input.value(), "1, 2");
    let top = a.reading().lines[usize::from(a.page().scroll)].paragraph;
    assert_eq!(
        top, paragraph,
        "the same paragraph is on top after the switch"
    );
    a.update(Message::ToggleLang);
    assert_eq!(a.lang, Lang::En);
}

#[test]
fn scrolling_stays_inside_the_text() {
    let mut a = app(Lang::En, LessonId::Overflow);
    assert!(!a.update(Message::ScrollUp));
    for _ in 0..500 {
        a.update(Message::ScrollDown);
    }
    let bottom = a.page().scroll;
    assert!(bottom > 0);
    assert!(!a.update(Message::ScrollDown));
    a.update(Message::ScrollPageUp);
    assert!(a.page().scroll < bottom);
    // A taller terminal shows more, so the scroll comes back within range.
    a.update(Message::Resize(80, 200));
    assert!(a.page().scroll < bottom);
}

#[test]
fn help_opens_and_closes_and_quit_stops() {
    let mut a = app(Lang::En, LessonId::Intro);
    a.update(Message::ToggleHelp);
    assert!(a.help);
    a.update(Message::ToggleHelp);
    assert!(!a.help);
    a.update(Message::Quit);
    assert!(!a.running);
}

#[test]
fn overflow_opens_with_its_two_examples() {
    let a = app(Lang::En, LessonId::Overflow);
    assert_eq!(a.page().shown, Shown::Examples, "examples first");
    let list = &a.page().examples;
    assert!(matches!(list[0], Evaluation::Exp { x, .. } if x == 1000.0));
    assert!(
        matches!(&list[1], Evaluation::Compare { inputs, .. } if inputs == &[1010.0, 1000.0, 990.0])
    );
}
