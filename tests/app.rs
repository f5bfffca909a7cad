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

#[test]
fn g_and_capital_g_jump_to_the_top_and_the_bottom() {
    let mut a = app(Lang::En, LessonId::Overflow);
    assert!(a.update(Message::ScrollBottom));
    let bottom = a.page().scroll;
    assert_eq!(bottom, a.reading().max_scroll());
    assert!(bottom > 0);
    assert!(!a.update(Message::ScrollBottom), "already there");
    assert!(!a.update(Message::ScrollDown), "nothing below the bottom");
    // No key is lost past the end: one step up moves at once.
    assert!(a.update(Message::ScrollUp));
    assert_eq!(a.page().scroll, bottom - 1);
    assert!(a.update(Message::ScrollTop));
    assert_eq!(a.page().scroll, 0);
    // In the input box, Home and End are the cursor's (see keys.rs); the scroll stays.
    a.update(Message::FocusInput);
    type_text(&mut a, "12");
    a.update(Message::Edit(Edit::Home));
    assert_eq!(a.page().input.cursor(), 0);
    assert_eq!(a.page().scroll, 0);
}

#[test]
fn the_closing_words_come_after_the_last_lesson_and_p_goes_back() {
    let mut a = app(Lang::Ja, LessonId::Overflow);
    a.update(Message::FocusInput);
    assert!(a.update(Message::NextLesson));
    assert!(a.closing);
    assert_eq!(a.focus, Focus::Browse, "no input box on the closing screen");
    assert!(!a.has_input());
    assert!(!a.update(Message::FocusInput));
    assert!(!a.update(Message::FocusResults));
    // Its words scroll like a lesson's, and keep their place across languages.
    assert!(a.update(Message::ScrollBottom));
    assert!(a.closing_scroll > 0);
    assert_eq!(a.page().scroll, 0, "the lesson's own scroll is untouched");
    a.update(Message::ToggleLang);
    assert!(a.closing_scroll > 0);
    assert!(a.update(Message::PrevLesson));
    assert!(!a.closing);
    assert_eq!(a.lesson, LessonId::Overflow);
    // A number jumps from the closing screen to a lesson.
    a.update(Message::NextLesson);
    assert!(a.update(Message::GoTo(LessonId::Overflow)));
    assert!(!a.closing);
}

#[test]
fn every_value_of_the_results_can_be_chosen() {
    let mut a = app(Lang::En, LessonId::Softmax);
    let values: Vec<String> = (1..=16).map(|k| k.to_string()).collect();
    evaluate(&mut a, &values.join(" "));
    a.update(Message::LeaveInput);
    assert!(a.update(Message::FocusResults));
    assert_eq!(a.focus, Focus::Results);
    // The last value entered is chosen first.
    assert_eq!(a.page().selected, 15);
    assert!(!a.update(Message::SelectNext), "no value after the last");
    assert!(a.update(Message::SelectFirst));
    assert_eq!(a.page().selected, 0);
    assert!(!a.update(Message::SelectPrev));
    for k in 1..16 {
        assert!(a.update(Message::SelectNext));
        assert_eq!(a.page().selected, k);
        let (x, y) = a.page().probe().unwrap();
        assert_eq!(x, k as f64 + 0.5, "the chart's probe follows the choice");
        let Shown::Result(Evaluation::Softmax { probs, .. }) = &a.page().shown else {
            panic!("softmax result");
        };
        assert_eq!(y, probs[k]);
    }
    assert!(a.update(Message::LeaveInput));
    assert_eq!(a.focus, Focus::Browse);
    // A new evaluation chooses its own last value.
    a.update(Message::FocusInput);
    a.update(Message::Edit(Edit::End));
    a.update(Message::Edit(Edit::DeleteToStart));
    evaluate(&mut a, "1 2 3");
    assert_eq!(a.page().selected, 2);
    // The intro has no results to choose.
    let mut intro = app(Lang::En, LessonId::Intro);
    assert!(!intro.update(Message::FocusResults));
}

#[test]
fn every_value_typed_is_a_point_on_the_chart() {
    let mut a = app(Lang::En, LessonId::Sigmoid);
    evaluate(&mut a, "-2, 0, 40");
    let points = a.page().points();
    assert_eq!(points.len(), 3);
    assert_eq!(points[1], (0.0, 0.5));
    assert_eq!(
        a.page().probe(),
        Some(points[2]),
        "the last one is the probe"
    );
}

#[test]
fn the_overflow_examples_start_on_the_value_the_results_show_first() {
    // The results begin with e^1000; the chart's probe is the same value (it used
    // to be the largest input of the second example, 1010).
    let a = app(Lang::En, LessonId::Overflow);
    assert_eq!(a.page().selection(), Some((0, 0)));
    let (x, _) = a.page().probe().unwrap();
    assert_eq!(x, 1000.0);
    assert_eq!(
        a.page().points().len(),
        13,
        "1000, then 1010, 1000, 990, their steps for C = 0 and C = max(a), and \
         their log-softmax"
    );
}

#[test]
fn an_input_error_takes_the_values_off_the_chart() {
    let mut a = app(Lang::En, LessonId::Overflow);
    evaluate(&mut a, "1e400");
    assert!(a.page().chart_shows_values());
    type_text(&mut a, "abc");
    a.update(Message::Evaluate);
    assert!(a.page().error.is_some());
    assert!(
        !a.page().chart_shows_values(),
        "the chart would show 1e400 next to the error about abc"
    );
    // The last result is kept, and comes back with the next good input.
    for _ in 0..3 {
        a.update(Message::Edit(Edit::Backspace));
    }
    a.update(Message::Evaluate);
    assert!(a.page().chart_shows_values());
}

#[test]
fn code_shifts_sideways_as_far_as_its_widest_line() {
    let mut a = app(Lang::En, LessonId::Overflow);
    a.update(Message::Resize(60, 20));
    let max = a.reading().max_shift();
    assert!(max > 0, "the overflow code is wider than the pane at 60x20");
    assert!(!a.update(Message::ShiftLeft));
    let mut presses = 0;
    while a.update(Message::ShiftRight) {
        presses += 1;
        assert!(presses < 100);
    }
    assert_eq!(a.page().shift, max);
    a.update(Message::ShiftLeft);
    assert!(a.page().shift < max);
    // Wide enough for every line: nothing to shift, and the shift comes back to 0.
    a.update(Message::Resize(200, 60));
    assert_eq!(a.reading().max_shift(), 0);
    assert_eq!(a.page().shift, 0);
    assert!(!a.update(Message::ShiftRight));
}

#[test]
fn the_help_opens_on_the_page_of_the_keys_in_use() {
    use kasseika::app::HelpPage;
    let mut a = app(Lang::En, LessonId::Sigmoid);
    a.update(Message::ToggleHelp);
    assert_eq!(a.help_page, HelpPage::Reading);
    assert!(a.update(Message::HelpNext));
    assert_eq!(a.help_page, HelpPage::Typing);
    a.update(Message::HelpPrev);
    a.update(Message::HelpPrev);
    assert_eq!(
        a.help_page,
        HelpPage::ALL[HelpPage::ALL.len() - 1],
        "the pages go round"
    );
    a.update(Message::ToggleHelp);
    a.update(Message::FocusResults);
    a.update(Message::ToggleHelp);
    assert_eq!(a.help_page, HelpPage::Results);
}

/// The source of a module, `src/` relative.
fn source(path: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    std::fs::read_to_string(root.join(path)).unwrap()
}

#[test]
fn the_model_does_not_import_the_view() {
    let mut model = vec![source("app.rs")];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    for entry in std::fs::read_dir(dir).unwrap() {
        model.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    for text in &model {
        assert!(
            !text.contains("crate::ui") && !text.contains("crate::keys"),
            "the model names the view or the keys"
        );
    }
    // The chart and the theme do not import each other.
    assert!(!source("ui/theme.rs").contains("chart"));
}

/// The right-hand side of the screen as text (chart, input box, results).
fn right_side(a: &kasseika::app::App) -> String {
    let t = common::render(a, 80, 24);
    let buf = t.backend().buffer();
    let r = kasseika::app::layout::regions(ratatui::layout::Rect::new(0, 0, 80, 24)).unwrap();
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

/// The notes under the results, as one text.
fn notes_of(a: &kasseika::app::App) -> String {
    use kasseika::ui::{results, theme::Theme};
    let loc = common::localizer();
    let tr = loc.tr(a.lang);
    results::results(tr, a.page(), 200, &Theme::plain(), None)
        .notes
        .iter()
        .flatten()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Braille cells with dots on the chart (the rows above the input box).
fn dotted_cells(right: &str) -> usize {
    right
        .lines()
        .take_while(|l| !l.contains("Try it"))
        .flat_map(str::chars)
        .filter(|c| ('\u{2801}'..='\u{28ff}').contains(c))
        .count()
}

#[test]
fn d_draws_the_derivative_over_every_function_and_nowhere_else() {
    for lesson in LessonId::ALL {
        let mut a = app(Lang::En, lesson);
        let before = right_side(&a);
        let changed = a.update(Message::ToggleDerivative);
        assert_eq!(changed, lesson.has_functions(), "{}", lesson.id());
        assert_eq!(a.derivative(), lesson.has_functions(), "{}", lesson.id());
        if !lesson.has_functions() {
            continue;
        }
        let after = right_side(&a);
        // Another curve, named beside it.
        assert!(
            dotted_cells(&after) > 0 && after != before,
            "{}:\n{before}\n{after}",
            lesson.id()
        );
        let named = if lesson == LessonId::Modern {
            "'"
        } else {
            "h'"
        };
        let chart: String = after
            .lines()
            .take_while(|l| !l.contains("Try it"))
            .collect();
        assert!(
            chart.contains(named),
            "{}: the derivative is named\n{after}",
            lesson.id()
        );
        // Again: gone, in this lesson and the others (the choice is the learner's).
        assert!(a.update(Message::ToggleDerivative));
        assert!(!a.derivative());
        assert_eq!(right_side(&a), before, "{}", lesson.id());
    }
    // The choice follows the learner from lesson to lesson.
    let mut a = app(Lang::En, LessonId::Step);
    a.update(Message::ToggleDerivative);
    a.update(Message::GoTo(LessonId::Relu));
    assert!(a.derivative());
    // Inside the input box, d is typed.
    a.update(Message::FocusInput);
    assert!(a.update(Message::Edit(Edit::Insert('d'))));
    assert_eq!(a.page().input.value(), "d");
}

#[test]
fn the_results_give_h_prime_beside_h_for_every_value_typed() {
    use kasseika::lesson::Kind;
    for lesson in LessonId::ALL {
        let Kind::Scalar(f) = lesson.kind() else {
            continue;
        };
        let mut a = app(Lang::En, lesson);
        evaluate(&mut a, "-2, 0, 0.5, 3");
        let right = right_side(&a);
        assert!(right.contains("h'(x)"), "{}:\n{right}", lesson.id());
        for x in [-2.0, 0.0, 0.5, 3.0] {
            let row = right
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>())
                .find(|t| t.first().and_then(|v| v.parse::<f64>().ok()) == Some(x))
                .unwrap_or_else(|| panic!("{} {x}:\n{right}", lesson.id()));
            let shown = row.last().copied().unwrap_or_default();
            if f.derivative_defined_at(x) {
                let want = kasseika::number::display(f.derivative(x));
                assert_eq!(shown, want, "{} h'({x})", lesson.id());
            } else {
                // Step and ReLU at 0: undefined, said in words, and what libraries use.
                assert_eq!(shown, "undefined", "{} h'({x})", lesson.id());
                let notes = notes_of(&a);
                assert!(
                    notes.contains("use 0 there") || notes.contains("no gradient through a step"),
                    "{}: what libraries use\n{notes}",
                    lesson.id()
                );
            }
        }
    }
}

#[test]
fn the_functions_of_the_modern_lesson_are_chosen_with_their_keys() {
    use kasseika::activation::Scalar;
    use kasseika::lesson::{MODERN, MODERN_SHOWN};
    let mut a = app(Lang::En, LessonId::Modern);
    assert_eq!(a.page().shown_functions(), MODERN_SHOWN);
    // Other lessons have no list.
    let mut other = app(Lang::En, LessonId::Sigmoid);
    assert!(!other.update(Message::FocusFunctions));
    assert!(!other.update(Message::ToggleCurveAt(1)));
    assert!(a.update(Message::FocusFunctions));
    assert_eq!(a.focus, Focus::Functions);
    // Each digit shows, then hides, its function; the order stays the list's.
    for (k, f) in MODERN.iter().enumerate() {
        let was = a.page().shown_functions().contains(f);
        assert!(a.update(Message::ToggleCurveAt(k)));
        assert_eq!(a.page().shown_functions().contains(f), !was, "{f:?}");
        let order: Vec<usize> = a
            .page()
            .shown_functions()
            .iter()
            .map(|g| MODERN.iter().position(|m| m == g).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert!(a.update(Message::ToggleCurveAt(k)));
        assert_eq!(a.page().shown_functions().contains(f), was, "{f:?}");
    }
    // The cursor and Space.
    a.update(Message::SelectFirst);
    assert_eq!(a.page().function_cursor, 0);
    a.update(Message::SelectNext);
    assert!(a.update(Message::ToggleCurve));
    assert!(a.page().shown_functions().contains(&Scalar::Tanh));
    assert!(!a.update(Message::SelectPrev) || a.page().function_cursor == 0);
    // The last function shown stays.
    for f in MODERN {
        if a.page().shown_functions().contains(&f) && a.page().shown_functions().len() > 1 {
            let k = MODERN.iter().position(|m| *m == f).unwrap();
            a.update(Message::ToggleCurveAt(k));
        }
    }
    let last = a.page().shown_functions().to_vec();
    assert_eq!(last.len(), 1);
    let k = MODERN.iter().position(|m| *m == last[0]).unwrap();
    a.update(Message::ToggleCurveAt(k));
    assert_eq!(a.page().shown_functions(), last);
    // Values go through every function shown, side by side.
    a.update(Message::LeaveInput);
    assert_eq!(a.focus, Focus::Browse);
    for k in [1, 5, 6] {
        a.update(Message::FocusFunctions);
        a.update(Message::ToggleCurveAt(k));
        a.update(Message::LeaveInput);
    }
    evaluate(&mut a, "-1, 2");
    let shown = a.page().shown_functions().to_vec();
    assert_eq!(a.page().points().len(), 2 * shown.len());
    // Every table of the results (as wide as at 80x24; some lie below the window).
    let right = {
        use kasseika::ui::{results, theme::Theme};
        let loc = common::localizer();
        results::results(loc.tr(a.lang), a.page(), 38, &Theme::plain(), None)
            .main
            .iter()
            .map(|l| l.to_string() + "\n")
            .collect::<String>()
    };
    for f in &shown {
        let y = kasseika::number::display_digits(f.eval(2.0), 4);
        assert!(right.contains(&y[..y.len().min(4)]), "{f:?}({y}):\n{right}");
    }
    // Both forms of GELU: how far apart they are.
    let notes = notes_of(&a);
    assert!(notes.contains("0.00047323552"), "{notes}");
    // d adds the derivatives' columns.
    a.update(Message::LeaveInput);
    a.update(Message::ToggleDerivative);
    assert!(right_side(&a).contains("GELU'"));
}

#[test]
fn plus_and_minus_change_the_layers_and_the_shift() {
    use kasseika::lesson::MAX_LAYERS;
    let mut a = app(Lang::En, LessonId::Vanishing);
    let layers = |a: &kasseika::app::App| match a.page().evaluations() {
        [Evaluation::Vanishing { layers, .. }] => *layers,
        other => panic!("{other:?}"),
    };
    assert_eq!(layers(&a), 10);
    assert!(a.update(Message::More));
    assert_eq!(layers(&a), 11);
    assert_eq!(
        a.page().input.value(),
        "11",
        "the box shows what is evaluated"
    );
    for _ in 0..20 {
        a.update(Message::Less);
    }
    assert_eq!(layers(&a), 1);
    // Past the end the key is not silent: the results say why nothing changed.
    assert!(
        notes_of(&a).contains("1 layer is the fewest"),
        "{}",
        notes_of(&a)
    );
    assert!(!a.update(Message::Less), "at least one layer");
    a.update(Message::FocusInput);
    a.update(Message::Edit(Edit::DeleteToStart));
    evaluate(&mut a, "100, x=0.5");
    assert_eq!(layers(&a), MAX_LAYERS);
    a.update(Message::LeaveInput);
    assert!(!notes_of(&a).contains("the most this lesson takes"));
    assert!(a.update(Message::More), "said at the end");
    assert_eq!(layers(&a), MAX_LAYERS);
    assert!(
        notes_of(&a).contains("100 layers is the most this lesson takes"),
        "{}",
        notes_of(&a)
    );
    assert!(!a.update(Message::More), "at most {MAX_LAYERS}");
    a.update(Message::Less);
    assert!(!notes_of(&a).contains("the most this lesson takes"));
    assert_eq!(a.page().input.value(), "99, x=0.5");
    // x= alone keeps the layers.
    a.update(Message::FocusInput);
    a.update(Message::Edit(Edit::DeleteToStart));
    type_text(&mut a, "x=3");
    a.update(Message::Evaluate);
    assert!(matches!(
        a.page().evaluations(),
        [Evaluation::Vanishing { layers: 99, x, .. }] if *x == 3.0
    ));
    // Elsewhere + and - do nothing but in the overflow lesson, where they move s.
    let mut s = app(Lang::En, LessonId::Sigmoid);
    assert!(!s.update(Message::More));
    let mut o = app(Lang::En, LessonId::Overflow);
    let shift = |a: &kasseika::app::App| {
        a.page().evaluations().iter().rev().find_map(|e| match e {
            Evaluation::Compare { shift, .. } => Some(*shift),
            _ => None,
        })
    };
    assert_eq!(shift(&o), Some(None));
    assert!(o.update(Message::Less));
    assert_eq!(shift(&o), Some(Some(910.0)), "from max(a), down by 100");
    assert_eq!(o.page().input.value(), "1010, 1000, 990, s=910");
    // The results go to what changed: the table of the learner's own s, on the row
    // of the largest input (the box alone changed before, the table 20 lines down).
    let right = right_side(&o);
    assert!(right.contains("your s = 910"), "{right}");
    o.update(Message::More);
    o.update(Message::More);
    assert_eq!(shift(&o), Some(Some(1110.0)));
    // s= alone shifts the vector on show.
    evaluate(&mut o, "");
    o.update(Message::Edit(Edit::DeleteToStart));
    type_text(&mut o, "s = 500");
    o.update(Message::Evaluate);
    assert_eq!(o.page().error, None);
    assert_eq!(shift(&o), Some(Some(500.0)));
    assert!(matches!(
        o.page().evaluations(),
        [Evaluation::Compare { inputs, .. }] if inputs == &[1010.0, 1000.0, 990.0]
    ));
}

#[test]
fn settings_that_do_not_fit_are_named() {
    let error = |lesson, text: &str| {
        let mut a = app(Lang::En, lesson);
        evaluate(&mut a, text);
        a.page().error.clone()
    };
    assert_eq!(
        error(LessonId::Sigmoid, "1, C=5"),
        Some(InputError::UnknownSetting {
            token: "C=5".into(),
            position: 2,
            names: vec![]
        })
    );
    assert_eq!(
        error(LessonId::Overflow, "1 n=3"),
        Some(InputError::UnknownSetting {
            token: "n=3".into(),
            position: 2,
            names: vec!["s"]
        })
    );
    assert_eq!(
        error(LessonId::Overflow, "1, s=abc"),
        Some(InputError::BadSetting {
            token: "s=abc".into(),
            position: 2,
            example: "s=500",
        })
    );
    // The example fits the lesson: n=20 for the layers, not the overflow's shift.
    assert_eq!(
        error(LessonId::Vanishing, "n=abc"),
        Some(InputError::BadSetting {
            token: "n=abc".into(),
            position: 1,
            example: "n=20",
        })
    );
    // `C=` still sets the shift s: given with s= it is the same setting twice.
    assert_eq!(
        error(LessonId::Overflow, "1, s=1, C=2"),
        Some(InputError::SettingTwice {
            name: "s",
            position: 3
        })
    );
    assert_eq!(
        error(LessonId::Vanishing, "2.5"),
        Some(InputError::Layers {
            token: "2.5".into(),
            position: 1,
            max: 100
        })
    );
    assert_eq!(
        error(LessonId::Vanishing, "n=101"),
        Some(InputError::Layers {
            token: "n=101".into(),
            position: 1,
            max: 100
        })
    );
    assert_eq!(
        error(LessonId::Vanishing, "10, 20"),
        Some(InputError::OneLayerCount {
            token: "20".into(),
            position: 2
        })
    );
    assert_eq!(
        error(LessonId::Overflow, "1, x, C=2"),
        Some(InputError::BadToken {
            token: "x".into(),
            position: 2
        })
    );
    // Full-width, spaces around =, either case: all one setting.
    for text in [
        "1010 1000 990 Ｃ＝５００",
        "1010 1000 990 c = 500",
        "C=500, 1010 1000 990",
    ] {
        assert_eq!(error(LessonId::Overflow, text), None, "{text}");
    }
    // Every message reads in both languages.
    for lang in Lang::ALL {
        for (lesson, text) in [
            (LessonId::Sigmoid, "C=5"),
            (LessonId::Overflow, "n=3"),
            (LessonId::Overflow, "C="),
            (LessonId::Overflow, "C=1 C=1"),
            (LessonId::Vanishing, "0"),
            (LessonId::Vanishing, "3 4"),
        ] {
            let mut a = app(lang, lesson);
            evaluate(&mut a, text);
            let right = right_side(&a);
            assert!(!right.contains(kasseika::i18n::MISSING), "{text}:\n{right}");
            assert!(a.page().error.is_some(), "{text}");
        }
    }
}

#[test]
fn what_the_box_did_not_take_is_told_and_stays_with_the_result() {
    use kasseika::app::Remark;
    // 201 characters sent at once (a paste without bracketed paste is a burst of
    // keys) and Enter: the result is for 200, and says that one was not taken.
    let mut a = app(Lang::En, LessonId::Identity);
    a.update(Message::FocusInput);
    type_text(&mut a, &"1".repeat(MAX_CHARS + 1));
    a.update(Message::Evaluate);
    assert_eq!(a.page().error, None);
    assert!(matches!(a.page().shown, Shown::Result(_)));
    let past = Remark::PastCap {
        count: 1,
        max: MAX_CHARS,
    };
    assert_eq!(a.page().remarks().first(), Some(&past));
    let text = kasseika::ui::results::remark_text(a.loc.tr(Lang::En), &past);
    assert!(
        text.contains("1 character past the limit of 200 was not taken"),
        "{text}"
    );
    // It stays until the next Enter, which has nothing more to tell.
    a.update(Message::Edit(Edit::Backspace));
    assert_eq!(a.page().remarks().first(), Some(&past));
    a.update(Message::Evaluate);
    assert!(!a.page().remarks().contains(&past));

    // A bracketed paste past the cap: the error at once, and the count after Enter.
    let mut a = app(Lang::Ja, LessonId::Softmax);
    a.update(Message::Paste("12 ".repeat(100)));
    assert!(matches!(a.page().error, Some(InputError::TooLong { .. })));
    a.update(Message::Evaluate);
    assert!(a.page().remarks().contains(&Remark::PastCap {
        count: 100,
        max: MAX_CHARS
    }));

    // Control characters in a paste are left out, and named at once.
    let mut a = app(Lang::En, LessonId::Softmax);
    a.update(Message::Paste("1 2\u{7}3\u{1b}[2J".into()));
    assert_eq!(a.page().input.value(), "1 23[2J");
    let controls = Remark::Controls(vec!['\u{7}', '\u{1b}']);
    assert!(a.page().remarks().contains(&controls));
    let text = kasseika::ui::results::remark_text(a.loc.tr(Lang::En), &controls);
    assert!(
        text.contains("\\u{7}") && text.contains("\\u{1b}"),
        "{text}"
    );
    assert!(!text.chars().any(char::is_control), "{text:?}");
}

#[test]
fn the_results_keys_go_on_from_the_values_to_the_notes() {
    use kasseika::app::{Chosen, Remark};
    use kasseika::lesson::Note;
    let mut a = app(Lang::En, LessonId::Overflow);
    evaluate(&mut a, "-1000, -1010");
    a.update(Message::LeaveInput);
    a.update(Message::FocusResults);
    let remarks = a.page().remarks();
    assert_eq!(
        remarks.last(),
        Some(&Remark::NonFinite {
            inf: false,
            nan: true
        })
    );
    assert!(remarks.contains(&Remark::Note(Note::ZeroOverZero)));
    assert_eq!(a.page().chosen(), Some(Chosen::Value(1)));
    // The comparison's values, then those of its steps and of log-softmax, then
    // the notes.
    let values = a.page().value_count();
    assert_eq!(values, 2 + 2 * 2 + 2);
    for _ in 1..values {
        assert!(a.update(Message::SelectNext));
    }
    assert_eq!(a.page().chosen(), Some(Chosen::Remark(0)));
    // The chart still names the last value chosen (log-softmax's -1010).
    assert_eq!(a.page().probe().map(|p| p.0), Some(-1010.0));
    assert!(a.update(Message::SelectLast));
    assert_eq!(a.page().chosen(), Some(Chosen::Remark(remarks.len() - 1)));
    assert!(!a.update(Message::SelectNext));
    assert!(a.update(Message::SelectFirst));
    assert_eq!(a.page().chosen(), Some(Chosen::Value(0)));
}

#[test]
fn the_modern_results_move_down_a_table_before_going_to_the_next() {
    // Before, ↓ went ReLU -> GELU -> SiLU across the split tables before the next
    // row; now it goes down one function's rows, then on to the next function.
    let mut a = app(Lang::En, LessonId::Modern);
    a.update(Message::Resize(60, 20));
    evaluate(&mut a, "-1, 0.5, 2");
    a.update(Message::LeaveInput);
    a.update(Message::FocusResults);
    a.update(Message::SelectFirst);
    let shown = a.page().shown_functions().to_vec();
    let first = shown[0];
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(a.page().probe().unwrap());
        a.update(Message::SelectNext);
    }
    assert_eq!(
        seen,
        [-1.0, 0.5, 2.0].map(|x| (x, first.eval(x))),
        "down the first function's column"
    );
    // Then the second function, from its first row; the chart names it.
    assert_eq!(a.page().probe(), Some((-1.0, shown[1].eval(-1.0))));
    let right = common::render(&a, 80, 24);
    let text = format!("{:?}", right.backend().buffer());
    let loc = common::localizer();
    let name = loc
        .tr(Lang::En)
        .t(&kasseika::ui::function_name_id(shown[1], true));
    assert!(text.contains(&format!("{name} (-1, ")), "{text}");
}

#[test]
fn the_japanese_curves_of_the_vanishing_chart_name_gradients() {
    // 「シグモイド関数の最大値」 read "the largest value of the sigmoid" (1), and
    // 「x = 2 からのシグモイド関数」 named the function, not its gradient.
    let a = app(Lang::Ja, LessonId::Vanishing);
    let text = common::text_of(common::render(&a, 120, 40).backend().buffer());
    let text: String = text.chars().filter(|c| *c != ' ').collect();
    assert!(text.contains("x=2からの勾配"), "{text}");
    assert!(!text.contains("シグモイド関数の最大値"), "{text}");
    assert!(!text.contains("からのシグモイド関数"), "{text}");
}

/// Every curve name on the chart of `a` (drawn at `w`x`h`, in colour): its cells,
/// and whether a dot of its own curve is beside it (the row above or below, or
/// either end) and no dot of another curve or of the axis is.
fn names_beside_their_curves(a: &kasseika::app::App, w: u16, h: u16) -> Vec<(String, bool)> {
    use ratatui::style::{Color, Modifier};
    let t = common::render(a, w, h);
    let buf = t.backend().buffer();
    let r = kasseika::app::layout::regions(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
    let chart_bottom = (r.right.top()..r.right.bottom())
        .find(|&y| (r.right.left()..r.right.right()).any(|x| buf[(x, y)].symbol() == "└"))
        .unwrap_or(r.right.bottom());
    let is_dot = |x: u16, y: u16| {
        let s = buf[(x, y)].symbol();
        s.chars()
            .next()
            .is_some_and(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
    };
    let mut out = Vec::new();
    for y in r.right.top()..chart_bottom {
        let mut x = r.right.left();
        while x < r.right.right() {
            let cell = &buf[(x, y)];
            if !cell.modifier.contains(Modifier::ITALIC) || cell.fg == Color::Reset {
                x += 1;
                continue;
            }
            let fg = cell.fg;
            let start = x;
            let mut name = String::new();
            while x < r.right.right()
                && buf[(x, y)].modifier.contains(Modifier::ITALIC)
                && buf[(x, y)].fg == fg
            {
                name.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            let around: Vec<(u16, u16)> = (y.saturating_sub(1)..=y + 1)
                // (A name in the legend follows a piece of its curve's pattern
                // and a space.)
                .flat_map(|yy| (start.saturating_sub(2)..=x).map(move |xx| (xx, yy)))
                .filter(|&(xx, yy)| yy < h && xx < w && is_dot(xx, yy))
                .collect();
            let own = around.iter().any(|&(xx, yy)| buf[(xx, yy)].fg == fg);
            let around: Vec<(u16, u16)> = around
                .into_iter()
                .filter(|&(xx, _)| xx + 1 >= start)
                .collect();
            let other = around
                .iter()
                .any(|&(xx, yy)| buf[(xx, yy)].fg != fg && buf[(xx, yy)].fg != Color::Yellow);
            let others: Vec<String> = around
                .iter()
                .filter(|&&(xx, yy)| buf[(xx, yy)].fg != fg && buf[(xx, yy)].fg != Color::Yellow)
                .map(|&(xx, yy)| {
                    format!(
                        "{}@{xx},{yy}:{:?}",
                        buf[(xx, yy)].symbol(),
                        buf[(xx, yy)].fg
                    )
                })
                .collect();
            let name = if others.is_empty() {
                name.trim().to_string()
            } else {
                format!("{} beside {others:?}", name.trim())
            };
            out.push((name, own && !other));
        }
    }
    out
}

#[test]
fn a_curve_name_stands_beside_its_curve_not_beside_the_axis() {
    // Identity with d: `h'(x)` stood on the zero axis, not on the derivative (1);
    // ReLU at 120x40: `h(x)` on the flat axis right of the origin.
    for lang in Lang::ALL {
        for lesson in [LessonId::Identity, LessonId::Relu, LessonId::Step] {
            let mut a = app(lang, lesson);
            a.update(Message::ToggleDerivative);
            for (w, h) in [(80, 24), (120, 40)] {
                a.update(Message::Resize(w, h));
                let names = names_beside_their_curves(&a, w, h);
                // Its full name, or its short one where the full one has no room
                // beside it.
                assert!(
                    names.iter().any(|(n, _)| n.starts_with("h'")),
                    "{lang:?} {lesson:?} {w}x{h}: {names:?}"
                );
                for (name, beside) in &names {
                    assert!(beside, "{lang:?} {lesson:?} {w}x{h}: {name:?} in {names:?}");
                }
            }
        }
    }
}

#[test]
fn the_notes_under_the_list_of_functions_can_be_reached_and_say_why_one_stays() {
    // At 80x24 "2 more lines below" ("The last function shown stays…") could not
    // be reached: the cursor stopped at item 9, and refusing to hide the last
    // function said nothing on screen.
    let mut a = app(Lang::En, LessonId::Modern);
    a.update(Message::FocusFunctions);
    let shown: Vec<usize> = a
        .page()
        .shown_functions()
        .iter()
        .map(|f| {
            kasseika::lesson::MODERN
                .iter()
                .position(|m| m == f)
                .unwrap()
        })
        .collect();
    for &k in &shown {
        a.update(Message::ToggleCurveAt(k));
    }
    assert_eq!(a.page().shown_functions().len(), 1);
    let screen = common::text_of(common::render(&a, 80, 24).backend().buffer());
    assert!(
        screen.contains("> The last function shown stays"),
        "{screen}"
    );
    // The cursor goes down past item 9 to the notes, and back up.
    let mut b = app(Lang::En, LessonId::Modern);
    b.update(Message::FocusFunctions);
    for _ in 0..20 {
        b.update(Message::SelectNext);
    }
    let screen = common::text_of(common::render(&b, 80, 24).backend().buffer());
    assert!(
        screen.contains("> The last function shown stays"),
        "{screen}"
    );
    assert!(!b.update(Message::SelectNext));
    b.update(Message::SelectFirst);
    let screen = common::text_of(common::render(&b, 80, 24).backend().buffer());
    assert!(screen.contains("> [ ] 1"), "{screen}");
}

#[test]
fn both_gelu_forms_shown_get_a_column_of_their_difference() {
    // mpmath: GELU(1) - GELU_tanh(1) = 0.00015275546.
    for lang in Lang::ALL {
        let mut a = app(lang, LessonId::Modern);
        a.update(Message::FocusFunctions);
        a.update(Message::ToggleCurveAt(6));
        a.update(Message::LeaveInput);
        evaluate(&mut a, "1");
        let right = right_side(&a);
        assert!(right.contains("0.00015275546"), "{lang:?}:\n{right}");
        let header = common::localizer().tr(lang).t("col-gelu-gap");
        assert!(right.contains(&header), "{lang:?}:\n{right}");
    }
    // One form alone: no such column.
    let mut a = app(Lang::En, LessonId::Modern);
    evaluate(&mut a, "1");
    assert!(!right_side(&a).contains("approx."));
}

/// The input box reads a Python list as the lessons' code writes it, a dash typed
/// for a minus as a minus, and asks about `1,000` (a setting's value too) instead
/// of reading two values.
#[test]
fn lists_dashes_and_grouped_thousands_in_the_input_box() {
    let read = |lesson: LessonId, text: &str| {
        let mut a = app(Lang::En, lesson);
        evaluate(&mut a, text);
        (a.page().error.clone(), a.page().shown.clone())
    };
    for text in [
        "[0.3, 2.9, 4.0]",
        "np.array([0.3, 2.9, 4.0])",
        "［０．３，　２．９，　４．０］",
    ] {
        let (error, shown) = read(LessonId::Softmax, text);
        assert_eq!(error, None, "{text}");
        let Shown::Result(Evaluation::Softmax { inputs, .. }) = shown else {
            panic!("{text}: a softmax");
        };
        assert_eq!(inputs, vec![0.3, 2.9, 4.0], "{text}");
    }
    // With a setting beside the list, and in the lesson of one number of layers.
    let (error, shown) = read(LessonId::Overflow, "[1010, 1000, 990] s=500");
    assert_eq!(error, None);
    assert!(matches!(
        shown,
        Shown::Result(Evaluation::Compare { shift: Some(s), .. }) if s == 500.0
    ));
    let (error, shown) = read(LessonId::Vanishing, "[20]");
    assert_eq!(error, None);
    assert!(matches!(
        shown,
        Shown::Result(Evaluation::Vanishing { layers: 20, .. })
    ));
    let (error, shown) = read(LessonId::Sigmoid, "ー１, －２, −3");
    assert_eq!(error, None);
    let Shown::Result(Evaluation::Scalar { points, .. }) = shown else {
        panic!("a scalar result");
    };
    let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
    assert_eq!(xs, vec![-1.0, -2.0, -3.0]);
    for (lesson, text, token, position) in [
        (LessonId::Overflow, "1,000", "1,000", 1),
        (LessonId::Overflow, "1010, 1000, 990, s=1,000", "s=1,000", 4),
        (LessonId::Vanishing, "x=1,000", "x=1,000", 1),
        (LessonId::Softmax, "2 １，０００", "１，０００", 2),
    ] {
        let (error, _) = read(lesson, text);
        assert!(
            matches!(&error, Some(InputError::Grouping { token: t, position: p, .. }) if t == token && *p == position),
            "{text}: {error:?}"
        );
    }
    let (error, _) = read(LessonId::Softmax, "[1, 2");
    assert_eq!(
        error,
        Some(InputError::List {
            token: "[1".into(),
            position: 1
        })
    );
}
