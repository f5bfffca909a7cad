//! Exercises: every fact against the real functions, every text in both languages,
//! the state machine (right, wrong, wrong twice, skipped), and answers read as
//! values in every way a learner writes them.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use kasseika::activation::{self, EXP_LIMIT_F32};
use kasseika::exercise::{
    self, AnswerError, Check, Count, Exercise, ExerciseState, Hint, Kind, Near, Outcome, Status,
    Unit,
};
use kasseika::i18n::{Lang, Localizer, MISSING};
use kasseika::lesson::LessonId;
use kasseika::number;
use proptest::prelude::*;

fn loc() -> &'static Localizer {
    static LOC: OnceLock<Localizer> = OnceLock::new();
    LOC.get_or_init(|| Localizer::embedded().expect("texts load"))
}

fn ex(lesson: &str, name: &str) -> &'static Exercise {
    exercise::find_exercise(lesson, name).unwrap_or_else(|| panic!("no {lesson}/{name}"))
}

fn number_answer(e: &Exercise) -> (f64, f64) {
    match e.kind {
        Kind::Number {
            answer, tolerance, ..
        } => (answer, tolerance),
        _ => panic!("{} is not a number question", e.key()),
    }
}

fn choice_answer(e: &Exercise) -> u8 {
    match e.kind {
        Kind::Choice { answer, .. } => answer,
        _ => panic!("{} is not a choice", e.key()),
    }
}

fn is_right(e: &'static Exercise, text: &str) -> bool {
    matches!(ExerciseState::new(e).answer(text), Outcome::Right { .. })
}

/// A right answer as a learner could type it.
fn right_text(e: &Exercise) -> String {
    match e.kind {
        Kind::Number { answer, .. } => number::display(answer),
        Kind::Choice { answer, .. } => answer.to_string(),
        Kind::Find { example, .. } => example.to_string(),
    }
}

/// A wrong answer, and for find exercises the reason it is wrong.
fn wrong_text(e: &Exercise) -> (String, Option<&'static str>) {
    match e.kind {
        Kind::Number { answer, .. } => (number::display(answer - 0.37), None),
        Kind::Choice { options, answer } => ((answer % options + 1).to_string(), None),
        Kind::Find { .. } => {
            let (text, reason) = match e.key().as_str() {
                "step/tiny" => ("0", "zero"),
                "identity/unbounded" => ("3", "inside"),
                "sigmoid/rounded" => ("5", "below"),
                "relu/same" => ("1, 2", "differ"),
                "vanishing/start" => ("2", "above"),
                "modern/dying" => ("1", "positive"),
                "softmax/confident" => ("1, 2", "below"),
                "softmax/two" => ("1, 0", "differ"),
                "overflow/naive" => ("1, 2, 3", "naivefine"),
                "overflow/always" => ("1010, 1000", "finite"),
                other => panic!("no wrong answer for {other}"),
            };
            (text.to_string(), Some(reason))
        }
    }
}

#[test]
fn every_lesson_has_two_to_five_exercises_with_unique_names() {
    for lesson in LessonId::ALL {
        let list = exercise::exercises(lesson);
        assert!((2..=5).contains(&list.len()), "{}", lesson.id());
        let names: BTreeSet<_> = list.iter().map(|e| e.name).collect();
        assert_eq!(names.len(), list.len(), "{}", lesson.id());
        for e in list {
            assert_eq!(e.lesson, lesson);
            assert!(
                e.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "{}: one lowercase word (a key in files and message ids)",
                e.key()
            );
        }
        if lesson != LessonId::Intro {
            assert!(
                list.iter().any(|e| matches!(e.kind, Kind::Find { .. })),
                "{}: one exercise needs the input box or the chart",
                lesson.id()
            );
        }
    }
    assert_eq!(
        exercise::all().count(),
        LessonId::ALL
            .iter()
            .map(|&l| exercise::exercises(l).len())
            .sum::<usize>()
    );
}

#[test]
fn every_exercise_has_its_texts_in_both_languages_and_no_text_is_orphaned() {
    let mut needed = BTreeSet::new();
    for e in exercise::all() {
        for id in e.message_ids() {
            for lang in Lang::ALL {
                assert!(loc().has(lang, &id), "{lang:?} lacks {id}");
            }
            needed.insert(id);
        }
    }
    // Every ex-... message in the files belongs to an exercise (catches typos).
    let source = include_str!("../i18n/en/exercises.ftl");
    for line in source.lines() {
        if let Some((id, _)) = line.split_once(" =")
            && id.starts_with("ex-")
        {
            assert!(needed.contains(id), "{id} belongs to no exercise");
        }
    }
}

#[test]
fn every_right_answer_is_right_and_every_wrong_one_wrong() {
    for e in exercise::all() {
        let right = right_text(e);
        assert_eq!(e.check(&right), Ok(Check::Right), "{}: {right}", e.key());
        let (wrong, reason) = wrong_text(e);
        let expected = match reason {
            Some(r) => Check::Miss(r),
            None => Check::Wrong,
        };
        assert_eq!(e.check(&wrong), Ok(expected), "{}: {wrong}", e.key());
    }
}

// Facts: each expected answer against the real functions.

#[test]
fn intro_facts() {
    let (answer, tol) = number_answer(ex("intro", "neuron"));
    let a = 0.5 * 1.0 + 0.5 * 0.5 - 1.0;
    assert_eq!(a, -0.25);
    assert!((activation::step(a) - answer).abs() <= tol);
    // The identity function is unbounded; the others stay within [0, 1].
    assert_eq!(choice_answer(ex("intro", "regression")), 2);
    assert_eq!(activation::identity(1e6), 1e6);
    for x in [-1e6, -3.0, 0.0, 3.0, 1e6] {
        for y in [activation::step(x), activation::sigmoid(x)] {
            assert!((0.0..=1.0).contains(&y));
        }
    }
    // Two linear layers are one: W2 (W1 x) = (W2 W1) x.
    assert_eq!(choice_answer(ex("intro", "linear")), 2);
    let (w1, w2) = ([[1.0, 2.0], [3.0, -1.0]], [[0.5, -2.0], [4.0, 1.0]]);
    let apply = |w: [[f64; 2]; 2], x: [f64; 2]| {
        [
            w[0][0] * x[0] + w[0][1] * x[1],
            w[1][0] * x[0] + w[1][1] * x[1],
        ]
    };
    let mut w21 = [[0.0; 2]; 2];
    for (i, row) in w21.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = w2[i][0] * w1[0][j] + w2[i][1] * w1[1][j];
        }
    }
    let x = [2.0, -3.0];
    assert_eq!(apply(w2, apply(w1, x)), apply(w21, x));
}

#[test]
fn step_facts() {
    let (answer, tol) = number_answer(ex("step", "zero"));
    assert!((activation::step(0.0) - answer).abs() <= tol);
    // Flat everywhere but at the jump.
    assert_eq!(choice_answer(ex("step", "slope")), 2);
    for x in [-3.0, -0.5, 0.5, 3.0] {
        assert_eq!(activation::step(x + 1e-6) - activation::step(x), 0.0);
    }
    assert_eq!(activation::step(1e-9), 1.0);
    assert_eq!(1e-6, 0.000001);
}

#[test]
fn identity_facts() {
    let (answer, tol) = number_answer(ex("identity", "output"));
    assert!((activation::identity(-2.7) - answer).abs() <= tol);
    let (answer, tol) = number_answer(ex("identity", "slope"));
    assert!((activation::identity(4.0) - activation::identity(3.0) - answer).abs() <= tol);
    let chart = LessonId::Identity.chart().unwrap();
    assert_eq!(
        (chart.y.min, chart.y.max),
        (-5.0, 5.0),
        "the question names the chart's range"
    );
}

fn sigmoid_slope(x: f64) -> f64 {
    let s = activation::sigmoid(x);
    s * (1.0 - s)
}

#[test]
fn sigmoid_facts() {
    let (answer, tol) = number_answer(ex("sigmoid", "half"));
    assert!((activation::sigmoid(0.0) - answer).abs() <= tol);
    // h(2) = 0.88079707797788244 (mpmath); asked to two places.
    let (answer, tol) = number_answer(ex("sigmoid", "two"));
    assert!((activation::sigmoid(2.0) - answer).abs() < 1e-8);
    assert!(tol >= 0.005 && (0.88f64 - activation::sigmoid(2.0)).abs() <= tol);
    assert_eq!(number::display(activation::sigmoid(2.0)), "0.88079708");
    assert_eq!(number::display(activation::sigmoid(-2.0)), "0.11920292");
    // The largest slope, at 0.
    let (answer, tol) = number_answer(ex("sigmoid", "slope"));
    assert_eq!(sigmoid_slope(0.0), 0.25);
    let largest = (-10_000..=10_000)
        .map(|i| sigmoid_slope(f64::from(i) * 1e-3))
        .fold(0.0, f64::max);
    assert!((largest - answer).abs() <= tol);
    assert_eq!(number::display(0.25f64.powi(10)), "9.5367432e-07");
    // The float64 just below 1 is 1 - 1.1e-16; h(x) rounds to 1 once 1 - h(x) is
    // below half that gap: from x = ln(2^54 - 1) = 37.429947 (mpmath) on.
    assert_eq!(number::display(1.0 - 1.0f64.next_down()), "1.110223e-16");
    let half_gap = (1.0 - 1.0f64.next_down()) / 2.0;
    let exact_gap = |x: f64| 1.0 / (1.0 + x.exp()); // 1 - h(x), without cancellation
    assert!(exact_gap(37.42) > half_gap && exact_gap(37.43) < half_gap);
    // The lesson's code, 1 / (1 + np.exp(-x)), rounds 1 + e^(-x) first: from 36.74.
    let naive = |x: f64| 1.0 / (1.0 + (-x).exp());
    assert!(naive(36.73) < 1.0 && naive(36.74) == 1.0);
    // kasseika's own sigmoid is 1 beyond both, and below 1 before both.
    assert_eq!(activation::sigmoid(37.5), 1.0);
    assert!(activation::sigmoid(36.7) < 1.0);
    assert_eq!(activation::sigmoid(40.0), 1.0, "the lesson's 40");
    assert!(
        activation::sigmoid(30.0) < 1.0,
        "the hint's range starts below"
    );
}

#[test]
fn relu_facts() {
    let (answer, tol) = number_answer(ex("relu", "negative"));
    assert!((activation::relu(-3.0) - answer).abs() <= tol);
    // Slope 1 for positive inputs, against the sigmoid's 0.25 at most.
    assert_eq!(choice_answer(ex("relu", "hidden")), 2);
    for x in [0.5, 3.0, 100.0] {
        assert_eq!(activation::relu(x + 1.0) - activation::relu(x), 1.0);
    }
    assert_eq!(activation::relu(-1.0), activation::relu(-2.0));
}

#[test]
fn softmax_facts() {
    assert_eq!(choice_answer(ex("softmax", "classes")), 4);
    let y = activation::softmax(&[1.0, -2.0, 0.5, 3.0, 0.0, 2.0, -1.0, 1.5, 0.2, 0.9]);
    assert!(y.iter().all(|&p| p > 0.0 && p < 1.0));
    let (answer, tol) = number_answer(ex("softmax", "sum"));
    for a in [&[0.3, 2.9, 4.0][..], &[-50.0, 20.0], &[7.0; 16]] {
        assert!((activation::softmax_naive(a).iter().sum::<f64>() - answer).abs() <= tol);
    }
    // softmax([0.3, 2.9, 4.0]) = [0.01821127, 0.24519181, 0.73659691] (mpmath).
    let (answer, tol) = number_answer(ex("softmax", "bird"));
    let bird = activation::softmax_naive(&[0.3, 2.9, 4.0])[2];
    assert!((bird - answer).abs() < 1e-8);
    assert!((0.74 - bird).abs() <= tol && (0.73 - bird).abs() > tol);
    // A lead of ln 99 = 4.595 gives 0.99 with two classes; e^4.6 is about 99 times e^0.
    assert!((99f64.ln() - 4.595).abs() < 1e-3);
    assert!(activation::softmax_naive(&[4.6, 0.0])[0] > 0.99);
    assert!(activation::softmax_naive(&[4.59, 0.0])[0] < 0.99);
    assert_eq!(4.6f64.exp().round(), 99.0);
    assert!(
        activation::softmax_naive(&[5.0, 0.0])[0] > 0.99,
        "the example 5, 0"
    );
    assert!(
        activation::softmax_naive(&[700.0, 0.0])[0] > 0.99,
        "below 700 is safe"
    );
}

#[test]
fn overflow_facts() {
    // ln(largest float32) = 88.722839052068353 (mpmath).
    let (answer, tol) = number_answer(ex("overflow", "float32"));
    assert!((EXP_LIMIT_F32 - answer).abs() < 1e-6);
    assert_eq!(f64::from(f32::MAX).ln(), EXP_LIMIT_F32);
    assert!(activation::exp_f32(88.72).is_finite() && activation::exp_f32(88.73).is_infinite());
    assert!((88.72 - EXP_LIMIT_F32).abs() <= tol && (88.73 - EXP_LIMIT_F32).abs() > tol);
    assert_eq!(number::display(f64::from(f32::MAX)), "3.4028235e+38");
    assert_eq!(number::display(activation::EXP_LIMIT_F64), "709.78271");
    // The hint's bound: above 709.78 e^x overflows; all below -746 underflow.
    let naive = ex("overflow", "naive");
    assert!(is_right(naive, "711, 0"));
    assert!(is_right(naive, "-746, -747"));
    assert!(activation::exp_f64(-746.0) == 0.0 && activation::exp_f64(-745.0) > 0.0);
    // Shifting by min(a) can still overflow; by max(a) it cannot.
    assert_eq!(choice_answer(ex("overflow", "shift")), 1);
    let a = [1010.0, 0.0];
    assert!((a[0] - 0.0f64).exp().is_infinite());
    assert!(activation::softmax(&a).iter().all(|p| p.is_finite()));
}

#[test]
fn vanishing_facts() {
    use activation::Scalar;
    // 0.25^10, exactly (a power of two), and what two significant digits allow.
    let (answer, tol) = number_answer(ex("vanishing", "ten"));
    assert_eq!(activation::largest_gradient(Scalar::Sigmoid, 10), answer);
    assert_eq!(answer, 0.25f64.powi(10));
    assert!((9.5e-7 - answer).abs() <= tol && (9.6e-7 - answer).abs() > tol);
    assert!((1e-6 - answer).abs() > tol);
    // The first number of layers below one millionth.
    let (answer, _) = number_answer(ex("vanishing", "million"));
    let first = (1..100)
        .find(|&n| activation::largest_gradient(Scalar::Sigmoid, n) < 1e-6)
        .unwrap();
    assert_eq!(f64::from(first), answer);
    assert_eq!(number::display(0.25f64.powi(9)), "3.8146973e-06");
    // tanh: slope 1 only at 0; from x = 2 the chain shrinks (the why's numbers).
    assert_eq!(choice_answer(ex("vanishing", "tanh")), 2);
    assert_eq!(Scalar::Tanh.derivative(0.0), 1.0);
    assert!(Scalar::Tanh.derivative(0.5) < 1.0 && Scalar::Tanh.derivative(-0.5) < 1.0);
    assert_eq!(
        number::display_digits(Scalar::Tanh.derivative(2.0), 1),
        "0.07"
    );
    let tanh10 = activation::gradient_chain(Scalar::Tanh, 2.0, 10).product();
    assert_eq!(number::display_digits(tanh10, 2), "0.0037");
    // The start: x = 2 gives 1.4e-07 (the question), x = 3 gives 5.7e-08, and -3
    // works too.
    let chain = |x: f64| activation::gradient_chain(Scalar::Sigmoid, x, 10).product();
    assert_eq!(number::display_digits(chain(2.0), 2), "1.4e-07");
    assert_eq!(number::display_digits(chain(3.0), 2), "5.7e-08");
    assert_eq!(
        number::display_digits(Scalar::Sigmoid.derivative(3.0), 2),
        "0.045"
    );
    let start = ex("vanishing", "start");
    assert!(is_right(start, "3") && is_right(start, "-3"));
    assert!(!is_right(start, "0") && !is_right(start, "inf"));
}

#[test]
fn modern_facts() {
    use activation::Scalar;
    assert_eq!(choice_answer(ex("modern", "gelu")), 2);
    assert_eq!(
        number::display_digits(activation::GELU_TANH_MAX_GAP, 2),
        "0.00047"
    );
    // ELU(-1) = e^-1 - 1, asked to three places.
    let (answer, tol) = number_answer(ex("modern", "elu"));
    assert!((activation::elu(-1.0) - answer).abs() < 1e-15);
    assert!((-0.632 - answer).abs() <= tol && (-0.631 - answer).abs() > tol);
    assert!((-0.633 - answer).abs() > tol);
    // Dying: any negative x, and 0 by the frameworks' convention (ReLU'(0) = 0 in
    // PyTorch, TensorFlow and JAX; Leaky ReLU'(0) = 0.01, JAX 1), which the lesson
    // names; not a positive one.
    let dying = ex("modern", "dying");
    for x in ["-1", "-0.001", "-50"] {
        assert_eq!(dying.check(x), Ok(Check::Right), "{x}");
    }
    assert_eq!(dying.check("0"), Ok(Check::RightBecause("convention")));
    assert_eq!(Scalar::Relu.derivative_by_convention(0.0), 0.0);
    assert!(Scalar::LeakyRelu.derivative_by_convention(0.0) > 0.0);
    for lang in Lang::ALL {
        let why = right_message(dying, "0", lang);
        assert!(why.contains("0.01") && why.contains("JAX"), "{why}");
    }
    assert_eq!(dying.check("2"), Ok(Check::Miss("positive")));
    // Softplus' = sigmoid, everywhere.
    assert_eq!(choice_answer(ex("modern", "softplus")), 2);
    for k in -400..=400 {
        let x = f64::from(k) / 10.0;
        let (d, s) = (Scalar::Softplus.derivative(x), activation::sigmoid(x));
        assert!((d - s).abs() <= 1e-15 * s.max(1e-300), "{x}");
    }
}

// The state machine.

#[test]
fn right_answer_says_why_and_solves() {
    for e in exercise::all() {
        let mut s = ExerciseState::new(e);
        assert_eq!(s.status(), Status::NotTried);
        let outcome = s.answer(&right_text(e));
        assert!(
            matches!(&outcome, Outcome::Right { why, .. } if *why == e.why_id()),
            "{}: {outcome:?}",
            e.key()
        );
        assert_eq!(
            s.status(),
            Status::Solved {
                wrong: 0,
                seen_answer: false
            }
        );
        assert!(s.record().solved);
    }
}

#[test]
fn wrong_then_wrong_again_gets_a_stronger_hint_then_right() {
    for e in exercise::all() {
        let mut s = ExerciseState::new(e);
        let (wrong, reason) = wrong_text(e);
        let miss = reason.map(|r| format!("ex-{}-{}-miss-{r}", e.lesson.id(), e.name));
        assert_eq!(
            s.answer(&wrong),
            Outcome::Wrong {
                level: Hint::Look,
                wrong: 1,
                hint: e.hint_id(Hint::Look),
                miss: miss.clone(),
                solved: false,
            },
            "{}",
            e.key()
        );
        assert_eq!(s.status(), Status::Tried { wrong: 1 });
        assert_eq!(
            s.answer(&wrong),
            Outcome::Wrong {
                level: Hint::Stronger,
                wrong: 2,
                hint: e.hint_id(Hint::Stronger),
                miss: miss.clone(),
                solved: false,
            }
        );
        let third = s.answer(&wrong);
        assert!(matches!(
            third,
            Outcome::Wrong {
                level: Hint::Stronger,
                wrong: 3,
                ..
            }
        ));
        assert!(matches!(s.answer(&right_text(e)), Outcome::Right { .. }));
        assert_eq!(
            s.status(),
            Status::Solved {
                wrong: 3,
                seen_answer: false
            }
        );
        // Solved for good: a later wrong answer is shown wrong but neither counts nor undoes.
        let again = s.answer(&wrong);
        assert!(matches!(again, Outcome::Wrong { solved: true, .. }));
        assert_eq!(
            s.status(),
            Status::Solved {
                wrong: 3,
                seen_answer: false
            }
        );
        // ... and it says so, with no hint that contradicts the status.
        for lang in Lang::ALL {
            let tr = loc().tr(lang);
            let text = again.message(tr);
            assert!(text.contains(&tr.t("exercise-stays-solved")), "{text}");
            assert!(!text.contains(&tr.t(&e.hint_id(Hint::Look))), "{text}");
        }
    }
}

#[test]
fn skipping_keeps_the_exercise_open() {
    let e = ex("overflow", "naive");
    let mut s = ExerciseState::new(e);
    let _ = s.answer("1, 2");
    s.skip();
    assert_eq!(s.status(), Status::Skipped { wrong: 1 });
    assert!(matches!(s.answer("1010, 1000, 990"), Outcome::Right { .. }));
    assert_eq!(
        s.status(),
        Status::Solved {
            wrong: 1,
            seen_answer: true
        }
    );
    for lang in Lang::ALL {
        let reveal = e.reveal(loc().tr(lang));
        assert!(reveal.contains("1010, 1000, 990"), "{reveal}");
    }
}

#[test]
fn a_saved_record_picks_the_hints_up_where_they_were() {
    let e = ex("sigmoid", "half");
    let mut s = ExerciseState::new(e);
    let _ = s.answer("0.4");
    let mut resumed = ExerciseState::with_record(e, s.record().clone());
    assert!(matches!(
        resumed.answer("0.4"),
        Outcome::Wrong {
            level: Hint::Stronger,
            ..
        }
    ));
}

#[test]
fn unreadable_answers_are_messages_and_do_not_count() {
    let cases: &[(&str, &str, AnswerError)] = &[
        ("sigmoid/half", "", AnswerError::Empty),
        ("sigmoid/half", "   ", AnswerError::Empty),
        (
            "sigmoid/half",
            "half",
            AnswerError::NotANumber {
                token: "half".into(),
            },
        ),
        ("sigmoid/half", "0,5", AnswerError::OneNumber { count: 2 }),
        (
            "sigmoid/half",
            "1/2/4",
            AnswerError::NotANumber {
                token: "1/2/4".into(),
            },
        ),
        ("sigmoid/half", "10²", AnswerError::Character { c: '²' }),
        ("sigmoid/half", "ー0.5", AnswerError::NotAMinus { c: 'ー' }),
        (
            "sigmoid/half",
            "\u{2013}0.5",
            AnswerError::NotAMinus { c: '\u{2013}' },
        ),
        (
            "sigmoid/half",
            "\u{1b}[31m",
            AnswerError::Character { c: '\u{1b}' },
        ),
        (
            "sigmoid/half",
            "1/0",
            AnswerError::ZeroDenominator {
                token: "1/0".into(),
            },
        ),
        ("sigmoid/slope", "25%", AnswerError::Percent),
        ("softmax/classes", "d", AnswerError::Choice { options: 4 }),
        ("softmax/classes", "5", AnswerError::Choice { options: 4 }),
        ("softmax/classes", "0", AnswerError::Choice { options: 4 }),
        (
            "relu/same",
            "-1",
            AnswerError::Count {
                expected: Count::Exactly(2),
                count: 1,
            },
        ),
        (
            "softmax/confident",
            "5",
            AnswerError::Count {
                expected: Count::AtLeast(2),
                count: 1,
            },
        ),
        (
            "overflow/naive",
            &"1 ".repeat(17),
            AnswerError::TooMany { count: 17, max: 16 },
        ),
        (
            "sigmoid/half",
            &"5".repeat(201),
            AnswerError::TooLong {
                chars: 201,
                max: 200,
            },
        ),
    ];
    for (key, text, error) in cases {
        let (lesson, name) = key.split_once('/').unwrap();
        let mut s = ExerciseState::new(ex(lesson, name));
        assert_eq!(
            s.answer(text),
            Outcome::Invalid(error.clone()),
            "{key}: {text:?}"
        );
        assert_eq!(
            s.status(),
            Status::NotTried,
            "an unreadable answer does not count"
        );
        for lang in Lang::ALL {
            let message = error.message(loc().tr(lang));
            assert!(!message.contains(MISSING), "{lang:?}: {message}");
            assert!(
                !message.contains('\u{1b}'),
                "never echoes an escape: {message:?}"
            );
        }
    }
}

#[test]
fn choices_accept_the_number_in_the_forms_people_type() {
    let e = ex("softmax", "classes");
    for text in ["4", " 4 ", "４", "4)", "4.", "04"] {
        assert!(is_right(e, text), "{text:?}");
    }
    assert!(!is_right(e, "3"));
}

#[test]
fn find_answers_take_the_input_box_forms() {
    let naive = ex("overflow", "naive");
    for text in [
        "1010, 1000, 990",
        "[1010, 1000, 990]",
        "１０１０、１０００、９９０",
        "1010 1000 990",
        "1e3, 990",
        "1000",
    ] {
        assert!(is_right(naive, text), "{text:?}");
    }
    // The stable form fails too when an input is itself infinite.
    assert_eq!(naive.check("inf, 1"), Ok(Check::Miss("stablenan")));
    // Typed as 1e400, the inf is the learner's number overflowing: told, not counted.
    assert_eq!(naive.check("1e400, 1"), Ok(Check::Nearly(Near::Overflow)));
    let always = ex("overflow", "always");
    for text in ["inf, 1", "nan, 2", "1e400", "-inf, -inf"] {
        assert!(is_right(always, text), "{text:?}");
    }
    let same = ex("relu", "same");
    assert_eq!(same.check("0, -0"), Ok(Check::Miss("equal")));
    // NaN is named as NaN, not taken for a number that differs (or is too large).
    for (e, text) in [
        (same, "nan, -1"),
        (same, "nan, nan"),
        (ex("modern", "dying"), "nan"),
        (ex("softmax", "confident"), "nan, 0"),
        (ex("sigmoid", "rounded"), "nan"),
        (ex("vanishing", "start"), "nan"),
    ] {
        assert_eq!(e.check(text), Ok(Check::NotANumber), "{}: {text}", e.key());
    }
    assert!(is_right(same, "0, -5"));
    let tiny = ex("step", "tiny");
    assert_eq!(tiny.check("1e-6"), Ok(Check::Miss("large")));
    assert_eq!(tiny.check("-1e-9"), Ok(Check::Miss("zero")));
    assert!(is_right(tiny, "5e-324"));
    // 1e-400 is read as 0 in float64: it underflows, said so, not counted.
    assert_eq!(tiny.check("1e-400"), Ok(Check::Nearly(Near::Underflow)));
    let rounded = ex("sigmoid", "rounded");
    assert_eq!(rounded.check("inf"), Ok(Check::Miss("infinite")));
    assert!(is_right(rounded, "1e300"));
    let unbounded = ex("identity", "unbounded");
    assert_eq!(unbounded.check("-inf"), Ok(Check::Miss("infinite")));
    assert_eq!(unbounded.check("5"), Ok(Check::Miss("inside")));
    assert!(is_right(unbounded, "-5.01"));
    let confident = ex("softmax", "confident");
    assert_eq!(confident.check("1010, 0"), Ok(Check::Miss("nan")));
    assert!(is_right(confident, "0, 0, 10"));
}

#[test]
fn every_outcome_and_reveal_reads_in_both_languages() {
    for lang in Lang::ALL {
        let tr = loc().tr(lang);
        for e in exercise::all() {
            let mut s = ExerciseState::new(e);
            let mut texts = vec![e.title(tr), e.question(tr), e.reveal(tr)];
            texts.extend(e.options(tr));
            let wrong = wrong_text(e).0;
            texts.push(s.answer(&wrong).message(tr));
            texts.push(s.answer(&wrong).message(tr));
            texts.push(s.answer("？").message(tr));
            texts.push(s.answer(&right_text(e)).message(tr));
            for t in texts {
                assert!(
                    !t.contains(MISSING) && !t.is_empty(),
                    "{lang:?} {}: {t}",
                    e.key()
                );
                if lang == Lang::Ja {
                    assert!(!t.contains("。 ") && !t.contains("！ "), "{}: {t}", e.key());
                }
            }
            if let Kind::Choice { options, .. } = e.kind {
                assert_eq!(e.options(tr).len(), usize::from(options));
            }
        }
    }
}

#[test]
fn the_hint_of_a_second_wrong_answer_differs_from_the_first() {
    for lang in Lang::ALL {
        let tr = loc().tr(lang);
        for e in exercise::all() {
            assert_ne!(
                tr.t(&e.hint_id(Hint::Look)),
                tr.t(&e.hint_id(Hint::Stronger)),
                "{}",
                e.key()
            );
        }
    }
}

// Answers are values: every way of writing the same number is the same answer.

/// `text` with its ASCII letters, digits and signs in full width, as a Japanese
/// input method types them.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(u32::from(c) + 0xFEE0).unwrap(),
            ' ' => '\u{3000}',
            c => c,
        })
        .collect()
}

/// Ways of writing `value` (an exact binary fraction such as 0.5 or 0.25).
fn spellings(value: f64, zeros: usize, k: u32, percent: bool) -> Vec<String> {
    let plain = format!("{value}");
    let padded = if plain.contains('.') {
        format!("{plain}{}", "0".repeat(zeros))
    } else {
        format!("{plain}.{}", "0".repeat(zeros))
    };
    let mut out = vec![plain.clone(), padded.clone()];
    if let Some(rest) = plain.strip_prefix("0.") {
        out.push(format!(".{rest}"));
        out.push(format!(".{rest}{}", "0".repeat(zeros)));
    }
    // As a fraction n/d with d = k * (1/value) for values 1/2^m.
    let denominator = (1.0 / value).round() as u64 * u64::from(k);
    out.push(format!("{}/{denominator}", k));
    out.push(format!("{} / {denominator}", k));
    out.push(format!("{value:e}"));
    if percent {
        let pct = value * 100.0;
        out.push(format!("{pct}%"));
        out.push(format!(
            "{pct}{}%",
            if pct.fract() == 0.0 { ".0" } else { "" }
        ));
        out.push(format!("{pct} %"));
    }
    out
}

proptest! {
    #[test]
    fn equivalent_answers_are_accepted(
        zeros in 0usize..6,
        k in 1u32..500,
        wide in any::<bool>(),
        pad in "[ \u{3000}]{0,3}",
    ) {
        let cases = [
            (ex("sigmoid", "half"), 0.5, true),
            (ex("sigmoid", "slope"), 0.25, false),
            (ex("softmax", "sum"), 1.0, true),
        ];
        for (e, value, percent) in cases {
            for text in spellings(value, zeros, k, percent) {
                let text = if wide { full_width(&text) } else { text };
                let text = format!("{pad}{text}{pad}");
                prop_assert!(is_right(e, &text), "{}: {:?}", e.key(), text);
            }
        }
    }

    #[test]
    fn every_reason_a_check_gives_is_declared_and_has_its_text(
        values in prop::collection::vec(
            prop_oneof![
                Just(0.0), Just(-0.0), Just(1e-9), Just(1e-6), Just(5.0), Just(-5.0),
                Just(40.0), Just(710.0), Just(1010.0), Just(-1000.0), Just(-746.0),
                Just(f64::INFINITY), Just(f64::NEG_INFINITY), Just(f64::NAN),
                -1e3..1e3f64,
            ],
            1..5,
        )
    ) {
        for e in exercise::all() {
            let Kind::Find { check, misses, .. } = e.kind else { continue };
            if let Check::Miss(reason) = check(&values) {
                prop_assert!(misses.contains(&reason), "{}: {} for {:?}", e.key(), reason, values);
            }
        }
    }

    #[test]
    fn percentages_are_refused_where_the_answer_is_no_probability(n in 0u32..1000) {
        let text = format!("{n}%");
        prop_assert_eq!(
            exercise::parse_number(&text, Unit::Plain),
            Err(AnswerError::Percent)
        );
        prop_assert_eq!(
            exercise::parse_number(&text, Unit::Probability),
            Ok(f64::from(n) / 100.0)
        );
    }

    #[test]
    fn no_answer_panics_and_unreadable_ones_never_count(text in "\\PC{0,40}|[0-9./%,、 -]{0,12}") {
        for e in exercise::all() {
            let mut s = ExerciseState::new(e);
            let outcome = s.answer(&text);
            if let Outcome::Invalid(error) = &outcome {
                prop_assert_eq!(s.status(), Status::NotTried);
                for lang in Lang::ALL {
                    let message = error.message(loc().tr(lang));
                    prop_assert!(!message.chars().any(|c| c.is_control()), "{:?}", message);
                }
            }
        }
    }
}

#[test]
fn close_answers_count_within_the_tolerance_only() {
    let two = ex("sigmoid", "two");
    for text in ["0.88", "88%", "0.881", "８８％", ".88"] {
        assert!(is_right(two, text), "{text}");
    }
    for text in ["0.87", "0.9", "87%", "1"] {
        assert!(!is_right(two, text), "{text}");
    }
    let limit = ex("overflow", "float32");
    for text in ["88.72", "88.7228", "８８．７２"] {
        assert!(is_right(limit, text), "{text}");
    }
    for text in ["88.73", "88.71", "709.78", "89"] {
        assert!(!is_right(limit, text), "{text}");
    }
}

// What the tester of issue 10 found: texts that give answers away, right answers
// refused, and feedback that does not fit the answer.

/// The numbers a text shows (`0.3`, `3/4`, `30%`, `1e-3`, `-2`).
fn numbers_in(text: &str) -> Vec<String> {
    // A code point (U+0078) is not a number shown.
    let text: String = text
        .split("U+")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.trim_start_matches(|c: char| c.is_ascii_hexdigit())
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '%' | '-')))
        .map(|t| t.trim_end_matches('.'))
        .filter(|t| t.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

#[test]
fn no_placeholder_or_refusal_gives_an_answer_away() {
    let errors = [
        AnswerError::Percent,
        AnswerError::NotANumber { token: "x".into() },
        AnswerError::Character { c: 'x' },
    ];
    for lang in Lang::ALL {
        let tr = loc().tr(lang);
        let mut texts: Vec<String> = [
            "answer-placeholder-number",
            "answer-placeholder-probability",
        ]
        .iter()
        .map(|id| tr.t(id))
        .collect();
        texts.extend(errors.iter().map(|e| e.message(tr)));
        for text in &texts {
            let shown = numbers_in(text);
            for e in exercise::all() {
                for n in &shown {
                    assert!(
                        !matches!(e.check(n), Ok(Check::Right | Check::RightBecause(_))),
                        "{lang:?}: {text:?} shows {n}, the answer to {}",
                        e.key()
                    );
                }
            }
        }
    }
    // Nor does a number question's own text (the sigmoid's h(0) once said "0.5 and
    // 50% are both fine").
    for lang in Lang::ALL {
        let tr = loc().tr(lang);
        for e in exercise::all() {
            if !matches!(e.kind, exercise::Kind::Number { .. }) {
                continue;
            }
            // Numbers inside an expression (`x = 0`) set the question; the rest
            // (examples of the accepted forms) must not answer it.
            let text = e.question(tr);
            let prose: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            for n in numbers_in(&prose) {
                assert!(
                    !matches!(e.check(&n), Ok(Check::Right | Check::RightBecause(_))),
                    "{lang:?}: the question of {} shows its answer {n}: {text}",
                    e.key()
                );
            }
        }
    }
    // The tester's case: 25% to "the largest slope" (0.25) is refused without naming 0.25.
    let slope = ex("sigmoid", "slope");
    let Err(e) = slope.check("25%") else {
        panic!("25% read")
    };
    for lang in Lang::ALL {
        assert!(!e.message(loc().tr(lang)).contains("0.25"));
    }
}

#[test]
fn the_lessons_numpy_code_counts_for_rounded_to_1() {
    // 1 / (1 + np.exp(-x)) in NumPy 2: 0.9999999999999998 at 36.736, 1.0 from 36.737
    // (and at 36.8 and 37, which the tester was refused).
    let rounded = ex("sigmoid", "rounded");
    for x in ["36.737", "36.8", "37", "37.43", "40", "700"] {
        assert!(is_right(rounded, x), "{x}");
    }
    for x in ["36.736", "36", "5"] {
        assert_eq!(rounded.check(x), Ok(Check::Miss("below")), "{x}");
    }
}

#[test]
fn the_start_value_may_be_written_as_the_question_writes_it() {
    let start = ex("vanishing", "start");
    for text in ["x=3", "x = 3", "X=-3", "ｘ＝３"] {
        assert!(is_right(start, text), "{text}");
    }
    assert_eq!(start.check("x=2"), Ok(Check::Miss("above")));
}

#[test]
fn one_rule_for_percentages_in_every_question() {
    // What is unambiguous is read, in every probability question alike.
    for (lesson, name, value) in [("softmax", "bird", 74.0), ("sigmoid", "half", 50.0)] {
        let e = ex(lesson, name);
        let decimal = number::display(value / 100.0);
        for text in [
            format!("{value}%"),
            format!("{value} %"),
            full_width(&format!("{value}%")),
            decimal.clone(),
        ] {
            assert!(is_right(e, &text), "{}: {text}", e.key());
        }
        // A bare number above 1 is no probability as written: told how to write it,
        // never counted, in each question the same.
        let bare = format!("{value}");
        let mut s = ExerciseState::new(e);
        let outcome = s.answer(&bare);
        assert_eq!(
            outcome,
            Outcome::Invalid(AnswerError::OverOne {
                token: bare.clone()
            }),
            "{}",
            e.key()
        );
        assert_eq!(s.status(), Status::NotTried);
        for lang in Lang::ALL {
            let text = outcome.message(loc().tr(lang));
            assert!(
                text.contains(&format!("{bare}%")) && text.contains(&decimal),
                "{text}"
            );
        }
    }
    assert_eq!(ex("softmax", "bird").check("73%"), Ok(Check::Wrong));
    // A plain number is still a plain number, and % is told where no probability
    // is asked for.
    assert_eq!(ex("vanishing", "million").check("10"), Ok(Check::Right));
    assert_eq!(
        ex("vanishing", "million").check("10%"),
        Err(AnswerError::Percent)
    );
    assert_eq!(
        ex("softmax", "confident").check("50%, 0"),
        Err(AnswerError::Percent)
    );
}

fn right_message(e: &'static Exercise, text: &str, lang: Lang) -> String {
    let outcome = ExerciseState::new(e).answer(text);
    assert!(
        matches!(outcome, Outcome::Right { .. }),
        "{}: {text}",
        e.key()
    );
    outcome.message(loc().tr(lang))
}

#[test]
fn the_why_follows_the_case_the_answer_fell_into() {
    let naive = ex("overflow", "naive");
    assert_eq!(
        naive.check("-800, -900"),
        Ok(Check::RightBecause("underflow"))
    );
    assert_eq!(naive.check("1010, 1000, 990"), Ok(Check::Right));
    for lang in Lang::ALL {
        let under = right_message(naive, "-800, -900", lang);
        assert!(!under.contains("e^1010"), "{under}");
        assert!(under.contains("0"), "{under}");
        let over = right_message(naive, "1010, 1000, 990", lang);
        assert!(over.contains("e^1010"), "{over}");
    }
    // The vanishing start: the why quotes the learner's own x and its product.
    let start = ex("vanishing", "start");
    for lang in Lang::ALL {
        for (x, product) in [("2.5", "9e-08"), ("-3", "7.8e-08"), ("3", "5.7e-08")] {
            let text = right_message(start, x, lang);
            assert!(
                text.contains(&format!("x = {x}")) && text.contains(product),
                "{text}"
            );
        }
    }
}

#[test]
fn common_wrong_answers_get_their_own_hint() {
    for (lesson, name, text, reason) in [
        ("modern", "elu", "0.632", "sign"),
        ("overflow", "float32", "709.78", "float64"),
        ("vanishing", "million", "9", "nine"),
        ("vanishing", "ten", "1e-6", "rounded"),
        ("sigmoid", "slope", "0.5", "value"),
        ("relu", "negative", "-3", "passed"),
        ("intro", "neuron", "-0.25", "sum"),
    ] {
        assert_eq!(
            ex(lesson, name).check(text),
            Ok(Check::Miss(reason)),
            "{lesson}/{name}: {text}"
        );
    }
}

#[test]
fn the_right_option_is_never_the_longest_one() {
    use unicode_width::UnicodeWidthStr;
    for e in exercise::all() {
        let Kind::Choice { answer, .. } = e.kind else {
            continue;
        };
        for lang in Lang::ALL {
            let options = e.options(loc().tr(lang));
            let right = options[usize::from(answer - 1)].width();
            let others = options
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != usize::from(answer - 1))
                .map(|(_, o)| o.width())
                .max()
                .unwrap_or(0);
            // Names of functions differ by a letter or two; a sentence that is
            // longer than every other option is a giveaway.
            assert!(
                right <= others + 2 || right <= 24,
                "{lang:?} {}: the right option is the longest",
                e.key()
            );
        }
    }
}

#[test]
fn nearly_right_is_told_as_nearly_right_and_does_not_count() {
    let elu = ex("modern", "elu");
    let float32 = ex("overflow", "float32");
    let tiny = ex("step", "tiny");
    for (e, text, near) in [
        // More digits wanted: the answer rounded (or cut) too early.
        (elu, "-0.63", Near::MoreDigits),
        (elu, "-0.6", Near::MoreDigits),
        (float32, "88.7", Near::MoreDigits),
        (float32, "89", Near::MoreDigits),
        (float32, "88", Near::MoreDigits),
        (ex("sigmoid", "two"), "0.9", Near::MoreDigits),
        (ex("softmax", "bird"), "0.7", Near::MoreDigits),
        // A number beyond float64, as typed: what was checked is not what was meant.
        (tiny, "1e-400", Near::Underflow),
        (ex("sigmoid", "rounded"), "1e400", Near::Overflow),
        (ex("overflow", "naive"), "1e999, 2", Near::Overflow),
    ] {
        assert_eq!(
            e.check(text),
            Ok(Check::Nearly(near)),
            "{}: {text}",
            e.key()
        );
        let mut s = ExerciseState::new(e);
        let outcome = s.answer(text);
        assert!(!outcome.counts(), "{}: {text}", e.key());
        assert_eq!(s.status(), Status::NotTried, "{}: {text}", e.key());
        assert_eq!(s.given(), None, "a try that does not count is not kept");
        for lang in Lang::ALL {
            let message = outcome.message(loc().tr(lang));
            assert!(
                message.contains(text.split(',').next().unwrap()),
                "{lang:?} {message}"
            );
            assert!(!message.contains(MISSING), "{message}");
        }
    }
    // 1e-400 is said to be read as 0, and that it underflows.
    let said = ExerciseState::new(tiny)
        .answer("1e-400")
        .message(loc().tr(Lang::En));
    assert!(
        said.contains("read as 0")
            && said.contains("underflows")
            && said.contains("does not count"),
        "{said}"
    );
    // Not nearly: a lone whole digit (ELU never reaches -1), a wrong last digit, a
    // number past the digits asked for, the wrong sign.
    for (e, text) in [
        (elu, "-1"),
        (elu, "-0.633"),
        (float32, "88.73"),
        (float32, "87"),
        (ex("softmax", "bird"), "73%"),
    ] {
        assert_eq!(e.check(text), Ok(Check::Wrong), "{}: {text}", e.key());
    }
    // The common wrong answers are recognised with as few digits.
    assert_eq!(elu.check("0.63"), Ok(Check::Miss("sign")));
    assert_eq!(float32.check("709.8"), Ok(Check::Miss("float64")));
}

#[test]
fn every_number_question_takes_its_answer_with_a_digit_too_few_as_nearly_right() {
    // The mechanism, not a list of cases: each answer that is not exact, rounded one
    // place coarser than the question asks, is nearly right (or one of the
    // question's common wrong answers, which has a hint of its own); never wrong.
    let mut checked = 0;
    for e in exercise::all() {
        let Kind::Number {
            answer, tolerance, ..
        } = e.kind
        else {
            continue;
        };
        let exponent = (2.0 * tolerance).log10().floor() as i32 + 1;
        let unit = 10f64.powi(exponent);
        let rounded = (answer / unit).round() * unit;
        if (rounded - answer).abs() <= tolerance {
            continue;
        }
        let places = usize::try_from(-exponent).unwrap_or(0);
        let text = format!("{rounded:.places$}");
        let check = e.check(&text);
        assert!(
            matches!(check, Ok(Check::Nearly(Near::MoreDigits) | Check::Miss(_))),
            "{}: {text} gives {check:?}",
            e.key()
        );
        checked += 1;
    }
    assert!(checked >= 4, "{checked} questions with digits to give");
}

#[test]
fn a_hint_comes_on_request_before_any_wrong_answer_then_a_stronger_one() {
    let e = ex("sigmoid", "slope");
    let mut s = ExerciseState::new(e);
    assert_eq!(s.hint(), Some(Hint::Look));
    assert_eq!(s.status(), Status::NotTried, "a hint is not a wrong answer");
    assert_eq!(s.hint(), Some(Hint::Stronger));
    assert!(s.hints_used_up());
    assert_eq!(
        s.hint(),
        None,
        "after both hints, the answer is what is left"
    );
    // A wrong answer after the first hint gets the stronger one.
    let mut t = ExerciseState::new(e);
    t.hint();
    assert!(matches!(
        t.answer("0.1"),
        Outcome::Wrong {
            level: Hint::Stronger,
            wrong: 1,
            ..
        }
    ));
    // The hints asked for are kept with the record (and merged as the larger).
    assert_eq!(t.record().hints, 1);
}

#[test]
fn the_answer_kept_is_the_last_that_counts_and_once_solved_the_right_one() {
    let e = ex("sigmoid", "half");
    let mut s = ExerciseState::new(e);
    s.answer("0.4");
    assert_eq!(s.given(), Some("0.4"));
    s.answer("half");
    assert_eq!(s.given(), None, "unreadable: not kept");
    s.answer("50%");
    assert_eq!(s.given(), Some("50%"));
    s.answer("0.3");
    assert_eq!(
        s.given(),
        None,
        "a wrong answer after solving does not replace it"
    );
    for lang in Lang::ALL {
        let text = e.solved_text(loc().tr(lang), Some("50%"));
        assert!(text.contains("50%") && !text.contains(MISSING), "{text}");
    }
}

// What a second teacher found (issue 14): hints and questions that gave a right
// answer away, stems that did not say what they assume, whys that spoke of an
// input the learner never typed, and feedback that said one sentence twice.

/// The runs of numbers a text shows, as a learner could type them: numbers (with
/// `inf` and `nan` among them, as the answer box reads them) that follow one
/// another with only separators between them (`5, 0`, `1010, 1000, 990`), each run
/// joined by commas. A number glued to a letter, a digit, `^` or `_` is part of a
/// name or an exponent (`float64`, `e^1010`, `y_3`), not a number on its own.
fn number_runs(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut runs: Vec<Vec<String>> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let glued = i > 0
            && (chars[i - 1].is_ascii_alphanumeric() || matches!(chars[i - 1], '^' | '_' | '.'));
        // A number: a sign, digits and a dot, an exponent; or inf / nan.
        let start = i;
        let mut j = i;
        if matches!(chars[j], '-' | '+') {
            j += 1;
        }
        let word: String = chars[j..]
            .iter()
            .take(3)
            .collect::<String>()
            .to_ascii_lowercase();
        let mut number = None;
        if (word == "inf" || word == "nan")
            && !chars.get(j + 3).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            number = Some(j + 3);
        } else {
            let digits_from = j;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            let body: String = chars[digits_from..j].iter().collect();
            if body.chars().any(|c| c.is_ascii_digit()) {
                if j < chars.len() && chars[j] == 'e' {
                    let mut k = j + 1;
                    if k < chars.len() && matches!(chars[k], '-' | '+') {
                        k += 1;
                    }
                    if k < chars.len() && chars[k].is_ascii_digit() {
                        while k < chars.len() && chars[k].is_ascii_digit() {
                            k += 1;
                        }
                        j = k;
                    }
                }
                if j < chars.len() && chars[j] == '%' {
                    j += 1;
                }
                number = Some(j);
            }
        }
        match number {
            // Part of a name or an exponent: skipped whole.
            Some(end)
                if glued
                    || chars
                        .get(end)
                        .is_some_and(|c| c.is_ascii_alphabetic() || *c == '^' || *c == '_') =>
            {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
                i = end.max(start + 1);
            }
            Some(end) => {
                let token: String = chars[start..end].iter().collect();
                run.push(token.trim_end_matches('.').to_string());
                i = end;
                // Only separators up to the next number keep the run going.
                let mut k = i;
                while k < chars.len() && matches!(chars[k], ',' | ' ' | '、' | '，' | '[' | ']') {
                    k += 1;
                }
                let next_is_number = k > i
                    && k < chars.len()
                    && (chars[k].is_ascii_digit()
                        || matches!(chars[k], '-' | '+' | '.' | 'i' | 'n' | 'I' | 'N'));
                if next_is_number {
                    i = k;
                } else {
                    runs.push(std::mem::take(&mut run));
                }
            }
            _ => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
                i = start + 1;
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

#[test]
fn number_runs_read_what_a_learner_would_type() {
    assert_eq!(number_runs("try 5, 0 and then"), [vec!["5", "0"]]);
    assert_eq!(
        number_runs("`10, x=3` for `x = 3`"),
        [vec!["10"], vec!["3"], vec!["3"]]
    );
    assert_eq!(
        number_runs("e^1010 in float64, y_3 = 0.74; 1e-7 or nan, -inf, e^-inf"),
        [vec!["0.74"], vec!["1e-7"], vec!["nan", "-inf"]]
    );
    assert_eq!(
        number_runs("0より大きい 1e-9 のような"),
        [vec!["0"], vec!["1e-9"]]
    );
    assert_eq!(number_runs("information, infinite, 1.0."), [vec!["1.0"]]);
}

/// Numbers a question or a hint must show although they answer it: each is part of
/// the question's setting, not a suggestion to type.
const SETTINGS: &[(&str, &str, &str)] = &[
    // The number of layers the question is about; as a start value it would answer.
    ("vanishing/start", "10", "the number of layers"),
    // What the stable softmax is asked to give; NaN spreads, so it answers too.
    ("overflow/always", "NaN", "the result the question asks for"),
    // Said of the learner's own -inf, to explain why it did not fail.
    (
        "overflow/always",
        "-inf",
        "the miss that explains the learner's -inf",
    ),
];

/// What a learner reads before a right answer: the question, the hints, the
/// options and what a wrong try is told.
fn before_right(e: &Exercise, lang: Lang) -> Vec<(String, String)> {
    let tr = loc().tr(lang);
    let mut ids: Vec<String> = e
        .message_ids()
        .into_iter()
        .filter(|id| !id.ends_with("-title") && !id.contains("-why"))
        .collect();
    ids.sort();
    ids.into_iter().map(|id| (tr.t(&id), id)).collect()
}

#[test]
fn no_question_hint_or_miss_shows_a_right_answer() {
    let mut found = Vec::new();
    for lang in Lang::ALL {
        for e in exercise::all() {
            for (text, id) in before_right(e, lang) {
                if let Kind::Choice { answer, .. } = e.kind {
                    // A choice is given away by the right option's words, not by
                    // the numbers in a sentence.
                    let right = e.options(loc().tr(lang))[usize::from(answer - 1)].to_lowercase();
                    if !id.contains("-option") && text.to_lowercase().contains(&right) {
                        found.push(format!(
                            "{lang:?} {id} names the right option {right:?}: {text}"
                        ));
                    }
                    continue;
                }
                // In a number question, what is marked as an expression (`x = 0`,
                // `a = -2.7`) sets the question; a find question is answered by
                // what the learner types, so every number counts.
                let shown: String = match e.kind {
                    Kind::Number { .. } => text.split('`').step_by(2).collect::<Vec<_>>().join(" "),
                    _ => text.clone(),
                };
                for run in number_runs(&shown) {
                    for len in 1..=run.len() {
                        for window in run.windows(len) {
                            let typed = window.join(", ");
                            let allowed = SETTINGS.iter().any(|(key, n, _)| {
                                *key == e.key() && n.eq_ignore_ascii_case(&typed)
                            });
                            let right = matches!(
                                e.check(&typed),
                                Ok(Check::Right | Check::RightBecause(_))
                            );
                            if right && !allowed {
                                found.push(format!(
                                    "{lang:?} {id} shows {typed:?}, a right answer: {text}"
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn stems_say_what_they_assume() {
    // "The largest gradient through 10 sigmoid layers" holds with weights of 1 only.
    for (lang, weights) in [(Lang::En, "weight"), (Lang::Ja, "重み")] {
        let tr = loc().tr(lang);
        for name in ["ten", "million", "start"] {
            let q = ex("vanishing", name).question(tr);
            assert!(q.contains(weights), "{lang:?} vanishing/{name}: {q}");
        }
    }
    // Softmax is for one class per input; several labels at once take a sigmoid
    // each, and the why says so.
    let classes = ex("softmax", "classes");
    for (lang, one, several) in [
        (
            Lang::En,
            "exactly one of 10 classes",
            "several labels at once",
        ),
        (
            Lang::Ja,
            "ちょうど1つに属します",
            "複数のラベルが同時につく",
        ),
    ] {
        let tr = loc().tr(lang);
        assert!(classes.question(tr).contains(one), "{lang:?}");
        assert!(tr.t("ex-softmax-classes-why").contains(several), "{lang:?}");
    }
}

/// The sentences of a text, without the marks of expressions.
fn sentences(text: &str) -> Vec<String> {
    text.replace('`', "")
        .split_inclusive(['。', '？', '！'])
        .flat_map(|s| s.split(". ").collect::<Vec<_>>())
        .flat_map(|s| s.split("? ").collect::<Vec<_>>())
        .map(|s| s.trim().trim_end_matches(['.', '。']).to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// How alike two sentences are: the share of their words (English) or of their
/// pairs of characters (Japanese) they have in common.
fn likeness(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> BTreeSet<String> {
        if s.is_ascii() {
            s.to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect()
        } else {
            let c: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
            c.windows(2).map(|w| w.iter().collect()).collect()
        }
    };
    let (a, b) = (grams(a), grams(b));
    let common = a.intersection(&b).count() as f64;
    let all = a.union(&b).count().max(1) as f64;
    common / all
}

#[test]
fn feedback_never_says_one_thing_twice() {
    // Identity 2 told a learner who answered 3 "The slope is how much h(x) grows
    // when x grows by 1" and then, as its hint, "The slope says how much h(x)
    // changes when x grows by 1".
    let mut found = Vec::new();
    for lang in Lang::ALL {
        let tr = loc().tr(lang);
        for e in exercise::all() {
            let misses: Vec<String> = e
                .message_ids()
                .into_iter()
                .filter(|id| id.contains("-miss-"))
                .collect();
            let mut texts = vec![e.reveal(tr)];
            for level in [Hint::Look, Hint::Stronger] {
                for miss in misses.iter().map(Some).chain([None]) {
                    let outcome = Outcome::Wrong {
                        level,
                        wrong: 1,
                        hint: e.hint_id(level),
                        miss: miss.cloned(),
                        solved: false,
                    };
                    texts.push(outcome.message(tr));
                }
            }
            for text in texts {
                let s = sentences(&text);
                for i in 0..s.len() {
                    for j in i + 1..s.len() {
                        if likeness(&s[i], &s[j]) > 0.6 {
                            found.push(format!("{lang:?} {}: {:?} and {:?}", e.key(), s[i], s[j]));
                        }
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_why_speaks_of_the_learners_own_input() {
    // "e^1010 is inf" was the why of `800` and of `1000 0`.
    let naive = ex("overflow", "naive");
    let start = ex("vanishing", "start");
    let two = ex("softmax", "two");
    let always = ex("overflow", "always");
    for lang in Lang::ALL {
        for (typed, says) in [
            ("800", "e^800"),
            ("1000 0", "e^1000"),
            ("1010, 1000, 990", "e^1010"),
            ("-800, -900", "e^-800"),
        ] {
            let why = right_message(naive, typed, lang);
            assert!(why.contains(says), "{lang:?} {typed}: {why}");
            if typed != "1010, 1000, 990" {
                assert!(!why.contains("1010"), "{lang:?} {typed}: {why}");
            }
        }
        // The first slope is the learner's start's, not always sigmoid'(3).
        let why = right_message(start, "-4", lang);
        assert!(why.contains("sigmoid'(-4) = 0.018"), "{why}");
        assert!(!why.contains("(3)"), "{why}");
        // Two classes: the learner's difference.
        let why = right_message(two, "3, 1", lang);
        assert!(why.contains("sigmoid(2) = 0.88079708"), "{why}");
        // Beyond saving: the why of the case the learner typed.
        for (typed, says, never) in [
            ("inf, 1", "+inf", "-inf - (-inf)"),
            ("nan, 1", "NaN", "+inf"),
            ("-inf, -inf", "-inf - (-inf)", "+inf"),
        ] {
            let why = right_message(always, typed, lang);
            assert!(
                why.contains(says) && !why.contains(never),
                "{lang:?} {typed}: {why}"
            );
        }
    }
}

#[test]
fn minus_inf_is_no_trouble_for_the_stable_softmax() {
    // NumPy: the stable softmax of [-inf, 1, 2] is [0, 0.26894142, 0.73105858];
    // [inf, 1] and [nan, 1] give NaN, and so does [-inf, -inf].
    let y = activation::softmax(&[f64::NEG_INFINITY, 1.0, 2.0]);
    assert_eq!(y[0], 0.0);
    assert!((y[1] - 0.268_941_42).abs() < 1e-8 && (y[2] - 0.731_058_58).abs() < 1e-8);
    for nan in [
        &[f64::INFINITY, 1.0][..],
        &[f64::NAN, 1.0],
        &[f64::NEG_INFINITY, f64::NEG_INFINITY],
    ] {
        assert!(
            activation::softmax(nan).iter().any(|p| p.is_nan()),
            "{nan:?}"
        );
    }
    // The exercise: -inf among finite inputs is a miss of its own, told without
    // asking "what if an input is not a finite number?".
    let always = ex("overflow", "always");
    assert_eq!(always.check("-inf, 1"), Ok(Check::Miss("masked")));
    assert_eq!(always.check("1010, 1000"), Ok(Check::Miss("finite")));
    assert_eq!(always.check("-inf"), Ok(Check::RightBecause("allminus")));
    for lang in Lang::ALL {
        let tr = loc().tr(lang);
        let told = ExerciseState::new(always).answer("-inf, 1").message(tr);
        for wrong in [
            "not a finite number",
            "有限の数でなかったら",
            "handles these inputs",
            "扱えます",
        ] {
            assert!(!told.contains(wrong), "{lang:?}: {told}");
        }
        assert!(told.contains("e^-inf = 0"), "{lang:?}: {told}");
    }
}

#[test]
fn two_classes_of_softmax_are_the_sigmoid() {
    // softmax([a, 0])[0] = e^a / (e^a + 1) = 1 / (1 + e^-a) = sigmoid(a), and
    // softmax([a, b])[0] = sigmoid(a - b).
    for k in -300..=300 {
        let a = f64::from(k) / 10.0;
        let s = activation::sigmoid(a);
        let p = activation::softmax(&[a, 0.0])[0];
        assert!((p - s).abs() <= 4e-16_f64.max(s * 4e-15), "{a}: {p} {s}");
        let q = activation::softmax(&[a + 7.5, 7.5])[0];
        assert!((q - s).abs() <= 1e-14_f64.max(s * 1e-13), "{a}: {q} {s}");
    }
    let two = ex("softmax", "two");
    for right in ["2, 0", "3, 1", "-1, -3", "102, 100", "2.5, 0.5"] {
        assert_eq!(two.check(right), Ok(Check::Right), "{right}");
    }
    assert_eq!(two.check("0, 2"), Ok(Check::Miss("order")));
    assert_eq!(two.check("1, 0"), Ok(Check::Miss("differ")));
    assert_eq!(two.check("1002, 1000"), Ok(Check::Miss("nan")));
    assert_eq!(number::display(activation::sigmoid(2.0)), "0.88079708");
}
