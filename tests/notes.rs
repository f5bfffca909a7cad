//! Every note about a result names its real cause, in both languages: overflow and
//! underflow of `e^x` (in float64 or only in float32), `inf / inf`, `0 / 0`, a sum
//! that overflows, `inf - inf`, an input that was already inf or NaN or that
//! overflowed when it was read (`1e400`), and results rounded to exactly 1 or 0.
//! The softmax lesson computes what its code computes (the naive form).

mod common;

use kasseika::i18n::{Lang, Tr};
use kasseika::lesson::{Evaluation, Float, LessonId, Note, Rounded, Subject};
use kasseika::ui::results;
use kasseika::ui::theme::Theme;
use kasseika::value_input::parse_values;

/// What the results area holds after typing `typed` into `lesson` and pressing
/// Enter: the table and the notes, each as one string. The markup of expressions
/// is never shown.
fn shown(lang: Lang, lesson: LessonId, typed: &str) -> (String, String) {
    let mut app = common::app(lang, lesson);
    common::evaluate(&mut app, typed);
    let loc = common::localizer();
    let tr = Tr { loc: &loc, lang };
    let r = results::results(tr, app.page(), 1000, &Theme::plain(), None);
    let text = |lines: &mut dyn Iterator<Item = &ratatui::text::Line>| {
        let text = lines
            .map(|l| l.to_string().trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !text.contains('`'),
            "{typed:?}: a backtick is shown:\n{text}"
        );
        text
    };
    (
        text(&mut r.main.iter()),
        text(&mut r.notes.iter().flatten()),
    )
}

fn notes(lesson: LessonId, typed: &str) -> Vec<Note> {
    let values = parse_values(typed).unwrap();
    lesson.evaluate(&values).unwrap().notes()
}

/// `typed` in `lesson`: the notes say every phrase of `says` and none of `never`.
#[track_caller]
fn check(lesson: LessonId, typed: &str, says: [&[&str]; 2], never: [&[&str]; 2]) {
    for (i, lang) in [Lang::En, Lang::Ja].into_iter().enumerate() {
        let (_, notes) = shown(lang, lesson, typed);
        for phrase in says[i] {
            assert!(
                notes.contains(phrase),
                "{lang:?} {typed:?}: {phrase:?} missing in\n{notes}"
            );
        }
        for phrase in never[i] {
            assert!(
                !notes.contains(phrase),
                "{lang:?} {typed:?}: {phrase:?} is wrong here:\n{notes}"
            );
        }
    }
}

#[test]
fn every_term_underflowing_is_zero_over_zero_not_overflow() {
    assert_eq!(
        notes(LessonId::Overflow, "-1000, -1010"),
        [
            Note::ExpUnderflow {
                x: -1000.0,
                float: Float::F64,
                every_term: true
            },
            Note::ZeroOverZero
        ]
    );
    check(
        LessonId::Overflow,
        "-1000, -1010",
        [
            &[
                "e^-1000",
                "underflows to 0",
                "every other term",
                "0 / 0 is NaN",
            ],
            &[
                "e^-1000",
                "0にアンダーフロー",
                "ほかの項もすべて0",
                "0 / 0 は NaN",
            ],
        ],
        [&["overflow", "inf / inf"], &["オーバーフロー", "inf / inf"]],
    );
}

#[test]
fn a_single_very_negative_number_underflows_in_both_formats() {
    check(
        LessonId::Overflow,
        "-1000",
        [
            &["e^-1000", "underflows to 0, in float64 and in float32"],
            &["e^-1000", "0にアンダーフロー", "float32 でも同じ"],
        ],
        [&["overflow"], &["オーバーフロー"]],
    );
    // Between about -745 and -104, only float32 underflows.
    assert_eq!(
        notes(LessonId::Overflow, "-200"),
        [Note::ExpUnderflow {
            x: -200.0,
            float: Float::F32,
            every_term: false
        }]
    );
    check(
        LessonId::Overflow,
        "-200",
        [
            &["fits in float64 but underflows to 0 in float32"],
            &["float64 には収まりますが", "float32 では0にアンダーフロー"],
        ],
        [&[], &[]],
    );
}

#[test]
fn overflow_is_inf_over_inf() {
    check(
        LessonId::Overflow,
        "1010, 1000, 990",
        [
            &["e^1010", "overflows to inf", "inf / inf is NaN"],
            &["e^1010", "inf にオーバーフロー", "inf / inf は NaN"],
        ],
        [&["underflow", "0 / 0"], &["アンダーフロー", "0 / 0"]],
    );
    // A finite term over an infinite sum is 0, and the note says so.
    check(
        LessonId::Overflow,
        "1000, 0",
        [
            &["a finite term divided by inf gives 0"],
            &["有限の項を inf で割ると0"],
        ],
        [&[], &[]],
    );
    check(
        LessonId::Overflow,
        "100",
        [
            &["e^100 fits in float64 but not in float32", "3.4028235e+38"],
            &["e^100 は float64 には収まりますが", "3.4028235e+38"],
        ],
        [&["underflow"], &["アンダーフロー"]],
    );
}

#[test]
fn a_sum_can_overflow_when_no_term_does() {
    assert_eq!(
        notes(LessonId::Overflow, "709, 709, 709"),
        [Note::SumOverflow { x: 709.0 }]
    );
    check(
        LessonId::Overflow,
        "709, 709, 709",
        [
            &["Each term fits in float64", "sum overflows to inf"],
            &[
                "項の一つひとつは float64 に収まります",
                "合計が inf にオーバーフロー",
            ],
        ],
        [&["NaN"], &["NaN"]],
    );
}

#[test]
fn an_input_too_large_to_read_overflowed_itself() {
    assert_eq!(
        notes(LessonId::Overflow, "1e400"),
        [Note::InputOverflow {
            written: "1e400".into(),
            value: f64::INFINITY
        }]
    );
    check(
        LessonId::Overflow,
        "1e400",
        [
            &[
                "1e400 is larger than the largest float64",
                "read as inf",
                "the input itself overflowed",
            ],
            &[
                "1e400 は float64 で表せる最大の数",
                "inf として読み込まれました",
                "入力そのものがオーバーフロー",
            ],
        ],
        [&["nothing overflowed"], &["オーバーフローではありません"]],
    );
    // Full-width digits from an input method, and the negative side.
    assert_eq!(
        notes(LessonId::Sigmoid, "－１ｅ４００"),
        [Note::InputOverflow {
            written: "－１ｅ４００".into(),
            value: f64::NEG_INFINITY
        }]
    );
    // In a softmax the overflowed input also makes the stable form fail.
    check(
        LessonId::Overflow,
        "1e400, 1",
        [
            &[
                "the input itself overflowed",
                "inf / inf is NaN",
                "inf - inf is NaN",
            ],
            &[
                "入力そのものがオーバーフロー",
                "inf / inf は NaN",
                "inf - inf が NaN",
            ],
        ],
        [&[], &[]],
    );
}

#[test]
fn typed_infinities_and_nan_are_not_overflow() {
    check(
        LessonId::Overflow,
        "inf",
        [
            &["An input is itself inf", "nothing overflowed"],
            &["入力そのものが inf です", "オーバーフローではありません"],
        ],
        [&["itself overflowed"], &["入力そのものがオーバーフロー"]],
    );
    check(
        LessonId::Overflow,
        "-inf, -inf",
        [
            &["e^-inf = 0 exactly", "0 / 0 is NaN", "-inf - (-inf) is NaN"],
            &[
                "e^-inf = 0 は正確な値",
                "0 / 0 は NaN",
                "-inf - (-inf) が NaN",
            ],
        ],
        [
            &["inf - inf is NaN", "itself infinite"],
            &["inf - inf が NaN", "入力そのものが無限大"],
        ],
    );
    check(
        LessonId::Overflow,
        "nan, 1",
        [
            &["An input is NaN", "any arithmetic with NaN gives NaN"],
            &["入力に NaN が含まれています"],
        ],
        [&["overflow", "inf - inf"], &["オーバーフロー", "inf - inf"]],
    );
    check(
        LessonId::Sigmoid,
        "nan",
        [&["An input is NaN"], &["入力に NaN が含まれています"]],
        [&[], &[]],
    );
}

#[test]
fn an_input_too_small_to_read_underflowed_itself() {
    assert_eq!(
        notes(LessonId::Identity, "1e-400, 0, 0e5, 2e-300"),
        [Note::InputUnderflow {
            written: "1e-400".into()
        }]
    );
    check(
        LessonId::Identity,
        "1e-400",
        [
            &[
                "1e-400 is smaller than the smallest positive float64",
                "read as 0",
            ],
            &[
                "1e-400 は float64 で表せる最小の正の数",
                "0 として読み込まれました",
            ],
        ],
        [&[], &[]],
    );
}

#[test]
fn sigmoid_of_40_is_marked_rounded() {
    let Some(eval) = LessonId::Sigmoid.evaluate(&[40.0, 2.0, -800.0]) else {
        panic!("sigmoid evaluates");
    };
    let rounded = eval.rounded();
    assert_eq!(rounded.iter().map(|r| r.0).collect::<Vec<_>>(), [0, 2]);
    // 1 - h(40) = 4.2483542552915889e-18 (mpmath), h(-800) = 3.6678745e-348.
    let Rounded::ToOne {
        subject: Subject::H(x),
        gap_log10,
    } = rounded[0].1
    else {
        panic!("{rounded:?}");
    };
    assert_eq!(x, 40.0);
    assert!((10f64.powf(gap_log10) / 4.248_354_255_291_589e-18 - 1.0).abs() < 1e-12);
    for (lang, word, note) in [
        (
            Lang::En,
            "rounded",
            "h(40) is shown as 1, but its exact value is 1 - 4.2483543e-18",
        ),
        (
            Lang::Ja,
            "丸め",
            "h(40) は1と表示されていますが、正確な値は 1 - 4.2483543e-18",
        ),
    ] {
        let (table, notes) = shown(lang, LessonId::Sigmoid, "40, 2");
        let row = |x: &str| {
            table
                .lines()
                .find(|l| l.split_whitespace().next() == Some(x))
                .unwrap_or_default()
                .to_string()
        };
        // The tag follows h(40), before the derivative's column.
        let tokens: Vec<String> = row("40").split_whitespace().map(String::from).collect();
        assert_eq!(tokens.get(2).map(String::as_str), Some(word), "{table}");
        assert!(!row("2").contains(word), "{table}");
        assert!(notes.contains(note), "{notes}");
    }
    check(
        LessonId::Sigmoid,
        "-800",
        [
            &["h(-800) is shown as 0", "3.6678746e-348", "underflows to 0"],
            &[
                "h(-800) は0と表示されていますが",
                "3.6678746e-348",
                "0にアンダーフロー",
            ],
        ],
        [&[], &[]],
    );
    // Nothing rounded, nothing marked.
    let (table, notes) = shown(Lang::En, LessonId::Sigmoid, "-2, 0, 2");
    assert!(
        !table.contains("rounded") && notes.is_empty(),
        "{table}\n{notes}"
    );
}

#[test]
fn softmax_results_rounded_to_one_or_zero_are_marked() {
    // softmax([0, -1000]) = [1 - 5.08e-435, 5.08e-435]: both shown rounded.
    let (table, notes) = shown(Lang::En, LessonId::Overflow, "0, -1000");
    assert_eq!(table.matches("rounded").count(), 2, "{table}");
    assert!(notes.contains("1 - 5.0759589e-435"), "{notes}");
    assert!(notes.contains("exact value is 5.0759589e-435"), "{notes}");
    // The naive zeros of an overflowing sum are not rounding: their exact value is 1/3.
    let (table, _) = shown(Lang::En, LessonId::Softmax, "709, 709, 709");
    assert!(!table.contains("rounded"), "{table}");
    let (table, notes) = shown(Lang::Ja, LessonId::Softmax, "40, 0");
    assert_eq!(table.matches("丸め").count(), 1, "{table}");
    assert!(
        notes.contains("a = 40 の y は1と表示されています"),
        "{notes}"
    );
}

#[test]
fn the_softmax_lesson_computes_what_its_code_computes() {
    // The code on its screen is `exp_a = np.exp(a)`: NumPy answers [nan nan nan].
    let values = parse_values("1010, 1000, 990").unwrap();
    let Some(Evaluation::Softmax { probs, .. }) = LessonId::Softmax.evaluate(&values) else {
        panic!("softmax");
    };
    assert!(probs.iter().all(|p| p.is_nan()), "{probs:?}");
    // And it agrees with the code's printed answer for the example.
    let Some(Evaluation::Softmax { probs, .. }) = LessonId::Softmax.evaluate(&[0.3, 2.9, 4.0])
    else {
        panic!("softmax");
    };
    let printed = [0.01821127, 0.24519181, 0.73659691];
    for (p, q) in probs.iter().zip(printed) {
        assert!((p - q).abs() < 5e-9, "{probs:?}");
    }
    // The NaN is explained, and the learner is sent to the lesson with the fix.
    check(
        LessonId::Softmax,
        "1010, 1000, 990",
        [
            &[
                "e^1010",
                "overflows to inf",
                "inf / inf is NaN",
                "Lesson 9, Softmax overflow",
                "press 9",
            ],
            &[
                "e^1010",
                "inf にオーバーフロー",
                "レッスン 9「ソフトマックスのオーバーフロー」",
                "9 キー",
            ],
        ],
        [&[], &[]],
    );
    let (table, _) = shown(Lang::En, LessonId::Softmax, "1010, 1000, 990");
    assert!(
        !table.contains("0.9999546"),
        "no silent stable answer: {table}"
    );
    // No pointer when the fix would not help (an input that is itself inf).
    assert!(!notes(LessonId::Softmax, "inf, 1").contains(&Note::FixTaughtIn(LessonId::Overflow)));
    // Nor when nothing failed.
    assert!(notes(LessonId::Softmax, "0.3, 2.9, 4.0").is_empty());
}

#[test]
fn errors_are_labelled_in_good_english() {
    for (lang, label, message) in [
        (Lang::En, "Error:", "\"1,000\" may be one number or several"),
        (Lang::Ja, "エラー：", "「1,000」は1つの数とも"),
    ] {
        let (table, _) = shown(lang, LessonId::Sigmoid, "1,000");
        assert!(table.starts_with(label), "{table}");
        // A full-width colon is not followed by a space; an ASCII one is.
        let gap = if lang == Lang::En { " " } else { "" };
        assert!(
            table.starts_with(&format!("{label}{gap}{message}")),
            "{table}"
        );
    }
}

/// Too many values: the first ones are evaluated, and a note says how many were
/// left out of how many allowed, counted in good English.
#[test]
fn values_past_the_most_are_counted_and_the_rest_evaluated() {
    use kasseika::value_input::MAX_VALUES;
    for (extra, says) in [
        (
            1,
            [
                "1 value past the most of 16 was left out",
                "16 個までなので、残りの 1 個",
            ],
        ),
        (
            4,
            [
                "4 values past the most of 16 were left out",
                "16 個までなので、残りの 4 個",
            ],
        ),
    ] {
        let typed: Vec<String> = (1..=MAX_VALUES + extra).map(|k| format!("{k}")).collect();
        for (lang, says) in [Lang::En, Lang::Ja].into_iter().zip(says) {
            let (table, notes) = shown(lang, LessonId::Sigmoid, &typed.join(", "));
            assert!(
                !table.contains("Error") && !table.contains("エラー"),
                "{table}"
            );
            assert!(table.lines().any(|l| l.starts_with("16 ")), "{table}");
            assert!(!table.lines().any(|l| l.starts_with("17 ")), "{table}");
            assert!(notes.contains(says), "{lang:?}: {notes}");
        }
    }
}

fn request_notes(lesson: LessonId, typed: &str) -> Vec<Note> {
    let request = lesson.read(typed).unwrap();
    lesson.evaluate_request(&request).unwrap().notes()
}

#[test]
fn a_shift_of_ones_own_says_what_it_did() {
    let shift = |typed: &str| {
        request_notes(LessonId::Overflow, typed)
            .into_iter()
            .filter(|n| {
                matches!(
                    n,
                    Note::ShiftSame { .. }
                        | Note::ShiftOverflow { .. }
                        | Note::ShiftSumOverflow { .. }
                        | Note::ShiftUnderflow { .. }
                        | Note::ShiftLost { .. }
                        | Note::ShiftSubnormal { .. }
                        | Note::ShiftNotFinite { .. }
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        shift("1010, 1000, 990, s=500"),
        [Note::ShiftSame { c: 500.0 }]
    );
    // `C=` (the name the shift had) is still read, as s.
    assert_eq!(
        shift("1010, 1000, 990, C=500"),
        [Note::ShiftSame { c: 500.0 }]
    );
    // e^(1010 - 300) = e^710 overflows; e^700 and e^690 do not (NumPy: y = nan, 0, 0).
    assert_eq!(
        shift("1010, 1000, 990, s=300"),
        [Note::ShiftOverflow {
            c: 300.0,
            exponent: 710.0,
            overflowed: 1,
            finite: 2,
        }]
    );
    // e^(1010 - 1800) = e^-790: every term underflows.
    assert_eq!(
        shift("1010, 1000, 990, s=1800"),
        [Note::ShiftUnderflow {
            c: 1800.0,
            exponent: -790.0
        }]
    );
    // e^-730 and e^-740 are subnormal but not 0; e^-750 is 0.
    assert!(activation_exp(-740.0) > 0.0 && activation_exp(-750.0) == 0.0);
    assert_eq!(
        shift("1010, 1000, 990, s=1740"),
        [
            Note::ShiftLost { c: 1740.0, lost: 1 },
            Note::ShiftSubnormal {
                c: 1740.0,
                terms: 2,
                bits: 7,
                every: true,
            }
        ]
    );
    // e^-745 is the smallest subnormal, 1 bit: NumPy gives y2 = 7.9466e-05 where the
    // stable form gives 4.5398e-05.
    assert_eq!(
        shift("1010, 1000, 990, s=1745"),
        [
            Note::ShiftLost { c: 1745.0, lost: 1 },
            Note::ShiftSubnormal {
                c: 1745.0,
                terms: 2,
                bits: 1,
                every: true,
            }
        ]
    );
    // Each term fits, the sum does not.
    assert_eq!(
        shift("709, 709, 709, s=0"),
        [Note::ShiftSumOverflow { c: 0.0 }]
    );
    assert_eq!(
        shift("1, 2, s=-inf"),
        [Note::ShiftNotFinite {
            c: f64::NEG_INFINITY,
            inputs_finite: true,
        }]
    );
    assert_eq!(
        shift("1010, 1000, 990, s=1e400"),
        [Note::ShiftNotFinite {
            c: f64::INFINITY,
            inputs_finite: true,
        }]
    );
    // No s, no word about one.
    assert_eq!(shift("1010, 1000, 990"), []);
    check(
        LessonId::Overflow,
        "1010, 1000, 990, s=300",
        [
            &[
                "s = 300",
                "710",
                "one term",
                "NaN",
                "finite / inf",
                "too small",
            ],
            &[
                "s = 300",
                "710",
                "1 個",
                "NaN",
                "有限 / inf",
                "小さすぎます",
            ],
        ],
        [&["This s is too large", "C = "], &["大きすぎます", "C = "]],
    );
    check(
        LessonId::Overflow,
        "1010, 1000, 990, s=1800",
        [
            &["-790", "0 / 0 is NaN", "too large"],
            &["-790", "0 / 0", "大きすぎます"],
        ],
        [&["This s is too small"], &["小さすぎます"]],
    );
    check(
        LessonId::Overflow,
        "1010, 1000, 990, s=500",
        [&["the same"], &["同じ"]],
        [&["This s is"], &["この s は"]],
    );
}

#[test]
fn a_subnormal_term_is_said_to_cost_digits() {
    // Defect: `s=1745` said only that one term underflowed, while the y kept is 75%
    // off (7.9466e-05 for 4.5398e-05): e^-745 is a subnormal with 1 bit.
    check(
        LessonId::Overflow,
        "1010, 1000, 990, s=1745",
        [
            &["subnormal", "1 significant bit", "no correct digit"],
            &["非正規化数", "1 ビット", "1桁も残っていません"],
        ],
        [&["the same as the stable"], &["同じです"]],
    );
}

#[test]
fn an_infinite_shift_is_said_to_give_minus_inf_and_zero_terms() {
    // Defect: `s=1e400` said "every a - C is inf or NaN"; it is -inf, every term is
    // 0 and `0 / 0` is NaN — and 1e400 was read as inf.
    check(
        LessonId::Overflow,
        "1010, 1000, 990, s=1e400",
        [
            &["-inf", "e^-inf = 0", "0 / 0", "1e400"],
            &["-inf", "e^-inf = 0", "0 / 0", "1e400"],
        ],
        [&["inf or NaN"], &["inf か NaN"]],
    );
}

fn activation_exp(x: f64) -> f64 {
    kasseika::activation::exp_f64(x)
}

#[test]
fn where_a_derivative_does_not_exist_the_notes_say_what_libraries_use() {
    use kasseika::activation::Scalar;
    let notes = |lesson: LessonId, typed: &str| {
        let values = parse_values(typed).unwrap();
        lesson.evaluate(&values).unwrap().derivative_notes(&[])
    };
    assert_eq!(
        notes(LessonId::Step, "-1, 0"),
        [Note::NoDerivative { f: Scalar::Step }]
    );
    assert_eq!(
        notes(LessonId::Relu, "0"),
        [Note::NoDerivative { f: Scalar::Relu }]
    );
    assert_eq!(notes(LessonId::Relu, "1e-300, -1e-300"), []);
    assert_eq!(notes(LessonId::Sigmoid, "0"), []);
    assert_eq!(notes(LessonId::Identity, "0"), []);
    // In the lesson modern, for the functions shown.
    let values = parse_values("0, 1").unwrap();
    let eval = LessonId::Modern.evaluate(&values).unwrap();
    assert_eq!(
        eval.derivative_notes(&[Scalar::LeakyRelu, Scalar::Gelu, Scalar::GeluTanh]),
        [
            Note::NoDerivative {
                f: Scalar::LeakyRelu
            },
            Note::GeluForms
        ]
    );
    // Leaky ReLU: not "libraries use 0" — PyTorch and TensorFlow 0.01, JAX 1.
    let loc = common::localizer();
    for (lang, says) in [
        (Lang::En, ["0.01 there", "JAX uses 1"]),
        (Lang::Ja, ["0.01", "JAX は1"]),
    ] {
        let tr = Tr { loc: &loc, lang };
        let text = results::note_text(
            tr,
            &Note::NoDerivative {
                f: Scalar::LeakyRelu,
            },
        );
        for s in says {
            assert!(text.contains(s), "{text}");
        }
        let relu = results::note_text(tr, &Note::NoDerivative { f: Scalar::Relu });
        assert!(relu.contains("PyTorch") && relu.contains("JAX"), "{relu}");
    }
}

#[test]
fn every_term_overflowing_is_told_from_the_largest_to_the_smallest() {
    assert_eq!(
        notes(LessonId::Overflow, "1010, 1000, 990")[0],
        Note::EveryExpOverflows {
            largest: 1010.0,
            smallest: 990.0
        }
    );
    check(
        LessonId::Softmax,
        "1010, 1000, 990",
        [
            &["e^1010", "every term down to e^990", "overflows to inf"],
            &[
                "e^1010",
                "いちばん小さい項 e^990 まで",
                "inf にオーバーフロー",
            ],
        ],
        [&[], &[]],
    );
    // Only some terms: the largest is named, and no "every".
    check(
        LessonId::Overflow,
        "1000, 0",
        [&["e^1000 is larger"], &["e^1000 は float64"]],
        [&["every term"], &["どの項も"]],
    );
}

#[test]
fn the_step_of_nan_is_0_as_its_code_gives() {
    // `(np.array([np.nan]) > 0).astype(int)` is [0]: a comparison, not arithmetic.
    let Some(Evaluation::Scalar { points, .. }) = LessonId::Step.evaluate(&[f64::NAN, 1.0]) else {
        panic!("step");
    };
    assert_eq!(points[0].1, 0.0);
    assert_eq!(notes(LessonId::Step, "nan"), [Note::StepOfNaN]);
    check(
        LessonId::Step,
        "nan, 1",
        [
            &[
                "every comparison with NaN is false",
                "x > 0 is False",
                "(x > 0).astype(int)",
            ],
            &[
                "NaN との比較は常に偽",
                "x > 0 が False",
                "(x > 0).astype(int)",
            ],
        ],
        [&["NaN spreads"], &["すべて NaN"]],
    );
    // `kasseika eval` agrees with the lesson.
    assert_eq!(
        kasseika::plain::eval("step", &["nan".into()], false),
        Ok("NaN\t0.0\n".into())
    );
}

#[test]
fn relu_of_nan_names_what_np_maximum_does() {
    assert_eq!(notes(LessonId::Relu, "nan"), [Note::MaximumOfNaN]);
    check(
        LessonId::Relu,
        "nan",
        [
            &["np.maximum passes NaN on", "max(0, x) would give 0"],
            &["np.maximum", "max(0, x) なら0"],
        ],
        [&[], &[]],
    );
    // Other lessons keep the general note.
    assert_eq!(notes(LessonId::Identity, "nan"), [Note::InputNaN]);
}

#[test]
fn sigmoid_tells_what_the_code_on_its_screen_does_below_minus_709() {
    // The screen's `1 / (1 + np.exp(-x))` computes np.exp(800) = inf (NumPy warns
    // "overflow encountered in exp") and returns 0.
    check(
        LessonId::Sigmoid,
        "-800",
        [
            &[
                "np.exp(800)",
                "overflow encountered in exp",
                "1 / (1 + inf) = 0",
                "h(-800) is shown as 0",
            ],
            &[
                "np.exp(800)",
                "overflow encountered in exp",
                "1 / (1 + inf) = 0",
            ],
        ],
        [&[], &[]],
    );
    // At -720 the value shown is not 0 (e^-720 = 2.0322308e-313, a subnormal), yet
    // the code on screen gives 0: the note says so.
    assert!(notes(LessonId::Sigmoid, "-720").contains(&Note::SigmoidCodeOverflows { x: -720.0 }));
    // Above -709.78, np.exp(-x) fits: nothing to say.
    assert!(
        notes(LessonId::Sigmoid, "-700, 40")
            .iter()
            .all(|n| !matches!(n, Note::SigmoidCodeOverflows { .. }))
    );
}

#[test]
fn subnormal_results_are_told_and_shown_with_their_exact_value() {
    // e^-745 = 2.8223507e-324 (mpmath); float64 keeps 1 bit: 4.9406565e-324.
    assert_eq!(
        notes(LessonId::Overflow, "-745"),
        [
            Note::ExpUnderflow {
                x: -745.0,
                float: Float::F32,
                every_term: false
            },
            Note::Subnormal {
                x: -745.0,
                float: Float::F64,
                stored: 5e-324,
                bits: 1
            }
        ]
    );
    let (table, _) = shown(Lang::En, LessonId::Overflow, "-745");
    assert!(
        table.contains("exact") && table.contains("2.8223507e-324"),
        "{table}"
    );
    check(
        LessonId::Overflow,
        "-745",
        [
            &[
                "smallest normal float64 (2.2250739e-308)",
                "only 1 significant bit instead of 53",
                "shows 4.9406565e-324 for the exact 2.8223507e-324",
            ],
            &[
                "正規化数の最小値（2.2250739e-308）",
                "53 ビットではなく 1 ビット",
                "2.8223507e-324 が 4.9406565e-324",
            ],
        ],
        [&[], &[]],
    );
    // e^-100 = 3.7200760e-44; float32 keeps 5 bits (27 of its smallest step): 3.7835059e-44.
    check(
        LessonId::Overflow,
        "-100",
        [
            &[
                "smallest normal float32",
                "only 5 significant bits instead of 24",
                "3.7835059e-44",
            ],
            &["float32 の正規化数", "24 ビットではなく 5 ビット"],
        ],
        [&[], &[]],
    );
}

#[test]
fn a_value_that_only_looks_like_1_is_shown_with_its_digits() {
    // h(36) = 0.9999999999999998 in float64: not 1, so not written 1 (and not tagged).
    let (table, notes) = shown(Lang::En, LessonId::Sigmoid, "36, 40");
    let row = |x: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(x))
            .unwrap_or_default()
            .to_string()
    };
    // x, h(x) and h'(x): no tag between them.
    assert_eq!(
        row("36").split_whitespace().take(2).collect::<Vec<_>>(),
        ["36", "0.9999999999999998"],
        "{table}"
    );
    assert_eq!(row("36").split_whitespace().count(), 3, "{table}");
    assert_eq!(
        row("40").split_whitespace().nth(2),
        Some("rounded"),
        "{table}"
    );
    assert!(!notes.contains("h(36)"), "{notes}");
}

#[test]
fn notes_keep_expressions_whole_and_drawn_as_formulas() {
    let loc = common::localizer();
    for lang in Lang::ALL {
        let tr = Tr { loc: &loc, lang };
        let mut app = common::app(lang, LessonId::Sigmoid);
        common::evaluate(&mut app, "40");
        let theme = Theme::plain();
        for width in 20..60 {
            let r = results::results(tr, app.page(), width, &theme, None);
            let lines: Vec<String> = r.notes.iter().flatten().map(|l| l.to_string()).collect();
            assert!(
                lines.iter().any(|l| l.contains("1 - 4.2483543e-18")),
                "{lang:?} {width}: an expression broken:\n{}",
                lines.join("\n")
            );
            // Drawn in the formula style, as in the lessons.
            let formula = r
                .notes
                .iter()
                .flatten()
                .flat_map(|l| &l.spans)
                .find(|s| s.content == "1 - 4.2483543e-18")
                .expect("a span of its own");
            assert_eq!(formula.style, theme.formula());
        }
    }
}

#[test]
fn show_prints_notes_with_their_markup_hidden() {
    let loc = common::localizer();
    for lang in Lang::ALL {
        let tr = Tr { loc: &loc, lang };
        for lesson in LessonId::ALL {
            let text = kasseika::plain::show(tr, lesson, 60);
            assert!(!text.contains('`'), "{lang:?} {lesson:?}:\n{text}");
        }
        let text = kasseika::plain::show(tr, LessonId::Overflow, 60);
        assert!(text.contains("e^1000"), "{text}");
    }
}

#[test]
fn a_relu_chain_from_a_negative_x_is_zero_and_said_to_be_a_dying_relu() {
    // Defect: ReLU'(-1) = 0 sent 0 to the next layer, where ReLU'(0) was NaN: the
    // chain "from x" showed NaN for every x <= 0.
    for typed in ["5, x=-1", "x=-800", "100, x=-3", "x=0"] {
        let (table, _) = shown(Lang::En, LessonId::Vanishing, typed);
        assert!(!table.contains("NaN"), "{typed}:\n{table}");
    }
    check(
        LessonId::Vanishing,
        "5, x=-1",
        [
            &["ReLU from x = -1", "slope 0", "dying"],
            &["x = -1 からの ReLU", "傾きが0", "死んだ ReLU"],
        ],
        [&["NaN"], &["NaN"]],
    );
    check(
        LessonId::Vanishing,
        "x=0",
        [&["exactly 0", "frameworks use 0"], &["ちょうど0"]],
        [&["NaN"], &["NaN"]],
    );
    // From a positive x ReLU passes the gradient: no such note.
    check(
        LessonId::Vanishing,
        "5, x=2",
        [&[], &[]],
        [&["dying"], &["死んだ"]],
    );
}

#[test]
fn expressions_in_notes_stay_on_one_line() {
    // "(at x\n= 2.6989" and 「（x =\n2.6989」: the point of the largest gap was
    // not marked as an expression.
    for lang in [Lang::En, Lang::Ja] {
        let mut app = common::app(lang, LessonId::Modern);
        app.update(kasseika::app::Message::FocusFunctions);
        app.update(kasseika::app::Message::ToggleCurveAt(6));
        app.update(kasseika::app::Message::LeaveInput);
        common::evaluate(&mut app, "0, 1");
        let loc = common::localizer();
        let tr = Tr { loc: &loc, lang };
        let mut seen = false;
        for width in 20..60 {
            let r = results::results(tr, app.page(), width, &Theme::plain(), None);
            for line in r.notes.iter().flatten().map(|l| l.to_string()) {
                if line.contains("2.6") {
                    seen = true;
                    assert!(
                        line.contains("x = 2.6") || line.contains("x = -2.6"),
                        "{lang:?} {width}: {line:?}"
                    );
                }
            }
        }
        assert!(seen, "{lang:?}: the note on both GELU forms");
    }
}

#[test]
fn the_modern_lesson_marks_values_rounded_by_float64() {
    // tanh(30) and GELU(30) were shown as 1 and 30 with no mark, while the sigmoid
    // lesson marks h(40) = 1 as rounded. mpmath: 1 - tanh(30) = 1.7513022e-26,
    // 30 - GELU(30) = 1.4720142e-196, 40 - SiLU(40) = 1.6993417e-16 (below half
    // of float64's spacing at 40, 3.6e-15), softplus(40) - 40 = 4.2483543e-18,
    // ELU(-40) + 1 = 4.2483543e-18; 30 - SiLU(30) = 2.8e-12 is kept.
    use kasseika::activation::Scalar;
    use kasseika::lesson::{MODERN, Rounded, Subject};
    let all: Vec<Scalar> = MODERN.to_vec();
    let values = parse_values("30, 40, -40, 0.5").unwrap();
    let eval = LessonId::Modern.evaluate(&values).unwrap();
    let rounded: Vec<(Scalar, f64)> = eval
        .rounded_functions(&all)
        .into_iter()
        .map(|(_, r)| match r {
            Rounded::ToOne {
                subject: Subject::F(f, x),
                ..
            }
            | Rounded::ToNear {
                subject: Subject::F(f, x),
                ..
            }
            | Rounded::ToZero {
                subject: Subject::F(f, x),
                ..
            } => (f, x),
            other => panic!("{other:?}"),
        })
        .collect();
    for want in [
        (Scalar::Sigmoid, 40.0),
        (Scalar::Tanh, 30.0),
        (Scalar::Tanh, -40.0),
        (Scalar::Elu, -40.0),
        (Scalar::Gelu, 30.0),
        (Scalar::Gelu, -40.0),
        (Scalar::GeluTanh, 30.0),
        (Scalar::Silu, 40.0),
        (Scalar::Softplus, 40.0),
    ] {
        assert!(rounded.contains(&want), "{want:?} in {rounded:?}");
    }
    for exact in [
        (Scalar::Silu, 30.0),
        (Scalar::Relu, 30.0),
        (Scalar::LeakyRelu, -40.0),
        (Scalar::Sigmoid, 0.5),
        (Scalar::Tanh, 0.5),
    ] {
        assert!(!rounded.contains(&exact), "{exact:?} in {rounded:?}");
    }
    let gap = |f: Scalar, x: f64| {
        eval.rounded_functions(&all)
            .into_iter()
            .find_map(|(_, r)| match r {
                Rounded::ToOne {
                    subject: Subject::F(g, y),
                    gap_log10,
                }
                | Rounded::ToNear {
                    subject: Subject::F(g, y),
                    gap_log10,
                    ..
                } if g == f && y == x => Some(10f64.powf(gap_log10)),
                _ => None,
            })
            .unwrap()
    };
    for (f, x, want) in [
        (Scalar::Tanh, 30.0, 1.7513022e-26),
        (Scalar::Gelu, 30.0, 1.4720142e-196),
        (Scalar::Silu, 40.0, 1.6993417e-16),
        (Scalar::Softplus, 40.0, 4.2483543e-18),
        (Scalar::Elu, -40.0, 4.2483543e-18),
    ] {
        let got = gap(f, x);
        assert!(
            (got / want - 1.0).abs() < 1e-6,
            "{f:?}({x}): {got} for {want}"
        );
    }
    // On screen: the tag beside the value, a note naming the call, in both languages.
    for (lang, says) in [
        (
            Lang::En,
            [
                "tanh(30) is shown as 1",
                "1 - 1.75",
                "GELU(30) is shown as 30",
                "30 - 1.47",
            ],
        ),
        (
            Lang::Ja,
            [
                "tanh(30) は1と表示",
                "1 - 1.75",
                "GELU(30) は 30 と表示",
                "30 - 1.47",
            ],
        ),
    ] {
        let mut app = common::app(lang, LessonId::Modern);
        app.update(kasseika::app::Message::FocusFunctions);
        app.update(kasseika::app::Message::ToggleCurveAt(1));
        app.update(kasseika::app::Message::LeaveInput);
        common::evaluate(&mut app, "30");
        let loc = common::localizer();
        let tr = Tr { loc: &loc, lang };
        let r = results::results(tr, app.page(), 1000, &Theme::plain(), None);
        let notes: String = r
            .notes
            .iter()
            .flatten()
            .map(|l| l.to_string() + "\n")
            .collect();
        for s in says {
            assert!(notes.contains(s), "{lang:?}: {s:?} in\n{notes}");
        }
        let table: String = r.main.iter().map(|l| l.to_string() + "\n").collect();
        let word = loc.tr(lang).t("col-rounded");
        assert_eq!(
            table.matches(word.as_str()).count(),
            2,
            "{lang:?}:\n{table}"
        );
    }
}

#[test]
fn minus_inf_is_told_apart_from_plus_inf() {
    // The stable form gives [0, 0.26894142, 0.73105858] for [-inf, 1, 2] (NumPy):
    // -inf is how attention masks work. Only +inf, NaN, or nothing but -inf fail.
    let (table, notes_shown) = shown(Lang::En, LessonId::Overflow, "-inf, 1, 2");
    assert!(
        table.contains("0.26894142") && table.contains("0.73105858"),
        "{table}"
    );
    for wrong in ["no shift", "NaN"] {
        assert!(!notes_shown.contains(wrong), "{wrong:?} in {notes_shown}");
    }
    assert_eq!(
        notes(LessonId::Overflow, "-inf, -inf").last(),
        Some(&Note::AllMinusInf)
    );
    assert!(notes(LessonId::Overflow, "inf, 1").contains(&Note::InfMinusInf));
    check(
        LessonId::Overflow,
        "inf, 1",
        [
            &["An input is +inf", "inf - inf", "e^(inf - s) is inf"],
            &["入力に +inf がある", "inf - inf", "e^(inf - s) は inf"],
        ],
        [&["itself infinite"], &["入力そのものが無限大"]],
    );
    check(
        LessonId::Overflow,
        "-inf, -inf",
        [
            &["Every input is -inf", "One finite input is enough"],
            &["入力がすべて -inf", "有限の入力が1つでもあれば"],
        ],
        [&[], &[]],
    );
}

#[test]
fn the_note_on_the_sigmoids_code_names_the_value_it_speaks_of() {
    // With 800 and -800 typed, "The value above is computed ... as
    // np.exp(x) / (1 + np.exp(x))" held for -800 only (NumPy gives NaN at 800).
    check(
        LessonId::Sigmoid,
        "800, -800",
        [
            &[
                "so h(-800) comes out as 1 / (1 + inf) = 0",
                "np.exp(-800) / (1 + np.exp(-800))",
            ],
            &[
                "h(-800) は 1 / (1 + inf) = 0 になります",
                "np.exp(-800) / (1 + np.exp(-800))",
            ],
        ],
        [
            &["The value above", "np.exp(x) /"],
            &["上の値は", "np.exp(x) /"],
        ],
    );
}

/// The words of the row of `x` in a table.
fn row_of(table: &str, x: &str) -> Vec<String> {
    table
        .lines()
        .find(|l| l.split_whitespace().next() == Some(x))
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect()
}

#[test]
fn derivatives_that_underflow_or_round_are_tagged_rounded() {
    // h'(800) = h'(-800) = e^-800 / (1 + e^-800)^2 = 3.6678746e-348 (mpmath) is 0 in
    // float64: tagged like h(-800), which is the same number.
    for (lang, word) in [(Lang::En, "rounded"), (Lang::Ja, "丸め")] {
        let (table, notes) = shown(lang, LessonId::Sigmoid, "800, -800, 2");
        for x in ["800", "-800"] {
            let row = row_of(&table, x);
            assert_eq!(row.last().map(String::as_str), Some(word), "{table}");
        }
        assert!(!row_of(&table, "2").contains(&word.to_string()), "{table}");
        let says = match lang {
            Lang::En => "h'(800) is shown as 0, but its exact value is 3.6678746e-348",
            Lang::Ja => "h'(800) は0と表示されていますが、正確な値は 3.6678746e-348",
        };
        assert!(notes.contains(says), "{notes}");
    }
    // Every function of the lesson `modern`, against mpmath: the size of the
    // derivative's distance from the value shown.
    use kasseika::activation::Scalar;
    use kasseika::lesson::rounded_derivative;
    // (function, x, the distance as mantissa and power of ten, below the value shown)
    let cases: [(Scalar, f64, f64, i32, bool); 10] = [
        (Scalar::Sigmoid, -800.0, 3.667874584, -348, false),
        (Scalar::Tanh, 400.0, 1.467149834, -347, false),
        (Scalar::Elu, -800.0, 3.667874584, -348, false),
        (Scalar::Gelu, -40.0, 5.84942511, -347, true),
        (Scalar::Gelu, 10.0, 7.618400096, -22, false),
        (Scalar::GeluTanh, 10.0, 2.757638064, -36, false),
        (Scalar::Silu, -800.0, 2.930631793, -345, true),
        (Scalar::Silu, 45.0, 1.259508175, -18, false),
        (Scalar::Softplus, 40.0, 4.248354255, -18, true),
        (Scalar::Softplus, -800.0, 3.667874584, -348, false),
    ];
    for (f, x, mantissa, power, below) in cases {
        let d = f.derivative(x);
        let r = rounded_derivative(f, x, d).unwrap_or_else(|| panic!("{f:?}'({x}) = {d}"));
        let (log10, negative) = match r {
            Rounded::ToZero {
                exact_log10,
                negative,
                ..
            } => (exact_log10, negative),
            Rounded::ToOne { gap_log10, .. } => (gap_log10, true),
            Rounded::ToNear {
                gap_log10, above, ..
            } => (gap_log10, !above),
        };
        let want = mantissa.log10() + f64::from(power);
        assert!(
            (log10 - want).abs() < 1e-7,
            "{f:?}'({x}): 10^{log10} for {mantissa}e{power}"
        );
        assert_eq!(negative, below, "{f:?}'({x})");
    }
    // Exact slopes are never tagged: Leaky ReLU's 0.01 and 1, ReLU's, the step's,
    // the identity's; and values away from the tails.
    for (f, x) in [
        (Scalar::LeakyRelu, -800.0),
        (Scalar::LeakyRelu, 800.0),
        (Scalar::Relu, -800.0),
        (Scalar::Step, 800.0),
        (Scalar::Identity, 800.0),
        (Scalar::Silu, 40.0),
        (Scalar::Gelu, 2.0),
        (Scalar::Tanh, 0.0),
        (Scalar::Sigmoid, 40.0),
    ] {
        assert_eq!(
            rounded_derivative(f, x, f.derivative(x)),
            None,
            "{f:?}'({x})"
        );
    }
    // On screen in the lesson `modern`: tagged beside the derivative, and told in a
    // note, only while the derivatives are shown.
    for (lang, word, says) in [
        (
            Lang::En,
            "rounded",
            "GELU'(-40) is shown as 0, but its exact value is -5.8494251e-347",
        ),
        (
            Lang::Ja,
            "丸め",
            "GELU'(-40) は0と表示されていますが、正確な値は -5.8494251e-347",
        ),
    ] {
        let loc = common::localizer();
        let tr = Tr { loc: &loc, lang };
        let eval = LessonId::Modern
            .evaluate(&parse_values("-40").unwrap())
            .unwrap();
        for derivative in [true, false] {
            let view = results::View {
                derivative,
                functions: &[Scalar::Gelu],
            };
            let r =
                results::evaluations(tr, std::slice::from_ref(&eval), view, 1000, &Theme::plain());
            let table: String = r.main.iter().map(|l| l.to_string() + "\n").collect();
            let notes: String = r
                .notes
                .iter()
                .flatten()
                .map(|l| l.to_string() + " ")
                .collect();
            let notes = notes.split_whitespace().collect::<Vec<_>>().join(" ");
            // GELU(-40) = -1.4623574e-348 is rounded too: one tag for it, one for
            // its derivative.
            let tags = if derivative { 2 } else { 1 };
            assert_eq!(
                table.matches(word).count(),
                tags,
                "{lang:?} {derivative}:\n{table}"
            );
            assert_eq!(
                notes.contains(says),
                derivative,
                "{lang:?} {derivative}: {notes}"
            );
        }
    }
}

#[test]
fn a_negative_value_that_underflows_keeps_its_sign_in_the_note() {
    // GELU(-40) = -40 Phi(-40) = -1.4623574e-348 (mpmath): the note said 1.46e-348.
    let loc = common::localizer();
    for (lang, says) in [
        (Lang::En, "its exact value is -1.4623574e-348"),
        (Lang::Ja, "正確な値は -1.4623574e-348"),
    ] {
        let tr = Tr { loc: &loc, lang };
        let eval = LessonId::Modern
            .evaluate(&parse_values("-40").unwrap())
            .unwrap();
        let view = results::View {
            derivative: false,
            functions: &[kasseika::activation::Scalar::Gelu],
        };
        let r = results::evaluations(tr, std::slice::from_ref(&eval), view, 1000, &Theme::plain());
        let notes: String = r
            .notes
            .iter()
            .flatten()
            .map(|l| l.to_string() + " ")
            .collect();
        let notes = notes.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(notes.contains(says), "{lang:?}: {notes}");
    }
}

#[test]
fn a_local_gradient_that_underflows_in_the_chain_is_tagged_too() {
    // From x = 800, the first layer's slope sigmoid'(800) = 3.6678746e-348 is 0 in
    // float64: the chain's table tags it, and a note says so, in both languages.
    for (lang, word, says) in [
        (
            Lang::En,
            "rounded",
            "h'(800) is shown as 0, but its exact value is 3.6678746e-348",
        ),
        (
            Lang::Ja,
            "丸め",
            "h'(800) は0と表示されていますが、正確な値は 3.6678746e-348",
        ),
    ] {
        let (table, notes) = shown(lang, LessonId::Vanishing, "3, x=800");
        let first = table
            .lines()
            .find(|l| l.trim_start().starts_with("1 "))
            .unwrap_or_default();
        assert!(first.contains(word), "{lang:?}:\n{table}");
        assert_eq!(table.matches(word).count(), 1, "{lang:?}:\n{table}");
        assert!(notes.contains(says), "{lang:?}: {notes}");
    }
    // From x = 2 nothing is rounded.
    let (table, _) = shown(Lang::En, LessonId::Vanishing, "3, x=2");
    assert!(!table.contains("rounded"), "{table}");
}
