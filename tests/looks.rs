//! ASCII and colourless screens: what a `C` locale, a font without braille, a
//! terminal with ambiguous-width box drawing, or `NO_COLOR` gets.

mod common;

use common::{app_with, attributes_of, evaluate, render, text_of, type_text};
use kasseika::app::Message;
use kasseika::i18n::Lang;
use kasseika::lesson::LessonId;
use kasseika::ui::{Look, Marker};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthChar;

const ASCII: Look = Look {
    marker: Marker::Ascii,
    ascii: true,
    color: true,
};
const NO_COLOR: Look = Look {
    marker: Marker::Braille,
    ascii: false,
    color: false,
};

#[test]
fn ascii_mode_is_ascii_everywhere_in_english() {
    for lesson in LessonId::ALL {
        let mut a = app_with(Lang::En, lesson, ASCII);
        for help in [false, true] {
            if help {
                a.update(Message::ToggleHelp);
            }
            let text = text_of(render(&a, 80, 24).backend().buffer());
            let odd: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
            assert!(
                odd.is_empty(),
                "{} help={help}: {odd:?}\n{text}",
                lesson.id()
            );
        }
    }
    let a = app_with(Lang::En, LessonId::Sigmoid, ASCII);
    insta::assert_snapshot!(
        "ascii_sigmoid_en",
        text_of(render(&a, 80, 24).backend().buffer())
    );
    let a = app_with(Lang::En, LessonId::Softmax, ASCII);
    insta::assert_snapshot!(
        "ascii_softmax_en",
        text_of(render(&a, 80, 24).backend().buffer())
    );
}

#[test]
fn ascii_mode_in_japanese_has_no_ambiguous_width_symbols() {
    for lesson in LessonId::ALL {
        let mut a = app_with(Lang::Ja, lesson, ASCII);
        a.update(Message::ToggleHelp);
        for _ in 0..2 {
            a.update(Message::ToggleHelp);
            let text = text_of(render(&a, 80, 24).backend().buffer());
            for c in text.chars() {
                assert_eq!(
                    c.width(),
                    c.width_cjk(),
                    "{}: {c:?} is ambiguous width",
                    lesson.id()
                );
            }
        }
    }
    let a = app_with(Lang::Ja, LessonId::Overflow, ASCII);
    insta::assert_snapshot!(
        "ascii_overflow_ja",
        text_of(render(&a, 80, 24).backend().buffer())
    );
}

#[test]
fn block_markers_draw_the_chart() {
    let look = Look {
        marker: Marker::Block,
        ..Look::default()
    };
    let a = app_with(Lang::En, LessonId::Relu, look);
    let text = text_of(render(&a, 80, 24).backend().buffer());
    assert!(text.contains(['▀', '▄', '█']), "{text}");
    assert!(
        !text.chars().any(|c| ('\u{2801}'..='\u{28FF}').contains(&c)),
        "no braille"
    );
    insta::assert_snapshot!("block_relu_en", text);
}

#[test]
fn no_colour_means_no_colour_and_nothing_relies_on_it() {
    for lang in Lang::ALL {
        for lesson in LessonId::ALL {
            let mut a = app_with(lang, lesson, NO_COLOR);
            a.update(Message::ToggleHelp);
            let t = render(&a, 80, 24);
            for cell in t.backend().buffer().content() {
                assert_eq!(
                    (cell.fg, cell.bg),
                    (Color::Reset, Color::Reset),
                    "{}",
                    lesson.id()
                );
            }
        }
    }
    // inf and NaN: bold and underlined words; the probe: a bold solid cell.
    let mut a = app_with(Lang::En, LessonId::Overflow, NO_COLOR);
    evaluate(&mut a, "1010, 1000, 990");
    let t = render(&a, 80, 24);
    let buf = t.backend().buffer();
    // The NaNs of the results table (the right-hand column, not the dim notes; the
    // lesson text on the left mentions NaN in prose).
    let nan_cells: Vec<_> = buf
        .content()
        .windows(3)
        .enumerate()
        .filter(|(i, w)| {
            i % 80 > 41
                && !w[0].modifier.contains(Modifier::DIM)
                && w.iter().map(|c| c.symbol()).collect::<String>() == "NaN"
        })
        .map(|(_, w)| w)
        .collect();
    // Three values and their sum (the steps that lead there wait below, beside a
    // chart that keeps its rows).
    assert_eq!(nan_cells.len(), 4, "three values and their sum");
    for w in nan_cells {
        let m = w[0].modifier;
        assert!(
            m.contains(Modifier::BOLD | Modifier::UNDERLINED),
            "NaN styled {m:?}"
        );
    }
    let mut a = app_with(Lang::En, LessonId::Sigmoid, NO_COLOR);
    evaluate(&mut a, "0");
    let t = render(&a, 80, 24);
    let probe: Vec<_> = t
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.symbol() == "⣿")
        .collect();
    assert_eq!(probe.len(), 1, "one probe cell");
    assert!(probe[0].modifier.contains(Modifier::BOLD));
    // The error says "Error" in words, not only in red.
    type_text(&mut a, "q");
    a.update(Message::Evaluate);
    let text = text_of(render(&a, 80, 24).backend().buffer());
    assert!(text.contains("Error"), "{text}");
}

#[test]
fn no_colour_screens_keep_their_attributes() {
    // The overflow lesson with NaN results, and the sigmoid lesson with its probe and
    // an input error: what bold, underline, reverse and dim stand for without colour.
    let mut a = app_with(Lang::En, LessonId::Overflow, NO_COLOR);
    evaluate(&mut a, "inf, 1000, 990");
    insta::assert_snapshot!(
        "no_colour_overflow_en",
        attributes_of(render(&a, 80, 24).backend().buffer())
    );
    let mut a = app_with(Lang::Ja, LessonId::Sigmoid, NO_COLOR);
    evaluate(&mut a, "0.5, x");
    insta::assert_snapshot!(
        "no_colour_sigmoid_ja",
        attributes_of(render(&a, 80, 24).backend().buffer())
    );
}

#[test]
fn ascii_flat_curves_side_by_side_are_not_drawn_as_a_wall() {
    // ReLU, GELU and SiLU left of 0, flat at about 0: stacked in one row of cells,
    // they were drawn `||||||||||`, like one steep curve.
    let a = app_with(Lang::En, LessonId::Modern, ASCII);
    let text = text_of(render(&a, 80, 24).backend().buffer());
    let zero_row = text
        .lines()
        .find(|l| l.contains(" 0+"))
        .unwrap_or_else(|| panic!("{text}"));
    let from = zero_row.find(" 0+").unwrap() + 3;
    let left: String = zero_row[from..from + 12].to_string();
    assert!(!left.contains("||"), "{left:?} in\n{text}");
    assert!(left.contains('='), "{left:?} in\n{text}");
}
