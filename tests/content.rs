//! What the lessons say, checked without Python: the code of each lesson is the
//! same in both languages apart from comments, uses today's NumPy and matplotlib,
//! plots what the chart shows; the numbers in the texts are the numbers the code
//! computes; the seed's content is all there; one word for one idea.
//! (`tests/data/check_code.py` runs the code itself with NumPy and matplotlib.)

mod common;

use kasseika::activation::{self, EXP_LIMIT_F32, EXP_LIMIT_F64};
use kasseika::i18n::Lang;
use kasseika::lesson::{Kind, LessonId};
use kasseika::number::display;

/// A message; lesson bodies get the key names they name.
fn text(lang: Lang, id: &str) -> String {
    common::localizer().format(lang, id, &kasseika::ui::text::key_args())
}

/// A text with its line breaks and formula marks gone, for looking up phrases.
fn flat(lang: Lang, id: &str) -> String {
    text(lang, id)
        .replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Code without comments (`#` to the end of the line; the lesson code has no `#`
/// in strings) and without lines that were only a comment.
fn without_comments(code: &str) -> Vec<String> {
    code.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| l.split('#').next().unwrap_or("").trim_end().to_string())
        .collect()
}

#[test]
fn the_code_is_the_same_in_both_languages_apart_from_comments() {
    for lesson in LessonId::ALL {
        let id = lesson.code_id();
        let (en, ja) = (text(Lang::En, &id), text(Lang::Ja, &id));
        assert!(en.lines().count() > 2, "{id} has code");
        assert_eq!(without_comments(&en), without_comments(&ja), "{id}");
        assert_eq!(
            en.lines().count(),
            ja.lines().count(),
            "{id}: comment lines"
        );
    }
}

#[test]
fn the_code_uses_todays_numpy_and_matplotlib() {
    for lang in Lang::ALL {
        for lesson in LessonId::ALL {
            let code = text(lang, &lesson.code_id());
            for gone in ["pylab", "np.float(", "np.bool("] {
                assert!(!code.contains(gone), "{}: {gone}", lesson.id());
            }
            // `np.int` was removed in NumPy 1.24 (`np.int64` is fine).
            for (i, _) in code.match_indices("np.int") {
                let next = code[i + "np.int".len()..].chars().next();
                assert!(
                    next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_'),
                    "{}: np.int",
                    lesson.id()
                );
            }
            if code.contains("plt.") {
                assert!(code.contains("import matplotlib.pyplot as plt"));
            }
            assert!(code.starts_with("import numpy as np"), "{}", lesson.id());
        }
    }
}

/// The two numbers of `name(a, b)` in `code`.
fn call_args(code: &str, name: &str) -> Option<(f64, f64)> {
    let start = code.find(&format!("{name}("))? + name.len() + 1;
    let inside = &code[start..start + code[start..].find(')')?];
    let mut numbers = inside.split(',').map(|n| n.trim().parse::<f64>());
    match (numbers.next(), numbers.next()) {
        (Some(Ok(a)), Some(Ok(b))) => Some((a, b)),
        _ => None,
    }
}

#[test]
fn each_function_lesson_plots_what_its_chart_shows() {
    for lang in Lang::ALL {
        for lesson in LessonId::ALL {
            let code = text(lang, &lesson.code_id());
            let Some(chart) = lesson.chart() else {
                continue;
            };
            let id = lesson.id();
            match lesson.kind() {
                Kind::Scalar(_) => {
                    assert!(code.contains("plt.plot(x, y)"), "{id}");
                    assert!(code.contains("plt.show()"), "{id}");
                    assert_eq!(
                        call_args(&code, "plt.ylim"),
                        Some((chart.y.min, chart.y.max)),
                        "{id}: plt.ylim"
                    );
                    let arange = code.find("np.arange(").map(|i| &code[i..]);
                    let (from, to) = arange
                        .and_then(|c| call_args(&c.replacen(", 0.1", "", 1), "np.arange"))
                        .unwrap_or((f64::NAN, f64::NAN));
                    assert_eq!((from, to), (chart.x.min, chart.x.max), "{id}: np.arange");
                }
                Kind::Softmax => {
                    assert!(code.contains("plt.bar("), "{id}");
                    assert_eq!(
                        call_args(&code, "plt.ylim"),
                        Some((chart.y.min, chart.y.max)),
                        "{id}: plt.ylim"
                    );
                }
                Kind::Modern => {
                    assert!(code.contains("plt.plot(x, f(x)"), "{id}");
                    assert!(code.contains("plt.show()"), "{id}");
                    assert_eq!(
                        call_args(&code, "plt.ylim"),
                        Some((chart.y.min, chart.y.max)),
                        "{id}: plt.ylim"
                    );
                    let arange = code.find("np.arange(").map(|i| &code[i..]);
                    let (from, to) = arange
                        .and_then(|c| call_args(&c.replacen(", 0.1", "", 1), "np.arange"))
                        .unwrap_or((f64::NAN, f64::NAN));
                    assert_eq!((from, to), (chart.x.min, chart.x.max), "{id}: np.arange");
                }
                Kind::Intro | Kind::Overflow | Kind::Vanishing => {}
            }
        }
    }
}

#[test]
fn the_intro_code_defines_h_and_its_comment_is_true() {
    for lang in Lang::ALL {
        let code = text(lang, "intro-code");
        assert!(code.contains("def h(a):"), "h is defined");
        let array = |name: &str| -> Vec<f64> {
            let line = code
                .lines()
                .find(|l| l.starts_with(&format!("{name} = np.array([")))
                .unwrap_or_default();
            let inside = line.split(['[', ']']).nth(1).unwrap_or_default();
            inside
                .split(',')
                .map(|v| v.trim().parse().unwrap())
                .collect()
        };
        let (x, w) = (array("x"), array("w"));
        let b: f64 = code
            .lines()
            .find_map(|l| l.strip_prefix("b = "))
            .and_then(|l| l.split('#').next())
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let a = x.iter().zip(&w).map(|(x, w)| x * w).sum::<f64>() + b;
        let y = i32::from(a > 0.0);
        // Python prints the shortest repr of a float64, as Rust's `{:?}` does.
        assert!(
            code.contains(&format!("print(a, y)  # {a:?} {y}")),
            "{lang:?}: a = {a:?}, y = {y}:\n{code}"
        );
        assert!(flat(lang, "intro-body").contains(&format!("a = {a:?}")));
    }
}

#[test]
fn numbers_in_the_texts_are_the_computed_ones() {
    let list = |v: Vec<f64>| v.into_iter().map(display).collect::<Vec<_>>().join(", ");
    for lang in Lang::ALL {
        let softmax = flat(lang, "softmax-body");
        let example = list(activation::softmax_naive(&[0.3, 2.9, 4.0]));
        assert!(
            softmax.contains(&format!("[{example}]")),
            "{lang:?}: {example}"
        );
        let overflow = flat(lang, "overflow-body");
        for inputs in [[1010.0, 1000.0, 990.0].as_slice(), &[-1000.0, -1010.0]] {
            let stable = list(activation::softmax(inputs));
            assert!(
                overflow.contains(&format!("[{stable}]")),
                "{lang:?}: {stable}"
            );
            assert!(activation::softmax_naive(inputs).iter().all(|v| v.is_nan()));
        }
        assert!(overflow.contains(&format!("{:.2}", EXP_LIMIT_F64)));
        assert!(overflow.contains(&format!("{:.2}", EXP_LIMIT_F32)));
        // 0.25 to the tenth power is about 9.5e-07, below one millionth.
        let tenth = 0.25f64.powi(10);
        assert!(tenth < 1e-6);
        assert!(
            flat(lang, "sigmoid-body").contains(&format!("{tenth:.1e}").replace("e-7", "e-07"))
        );
    }
    // The outputs printed in code comments.
    let code = text(Lang::En, "softmax-code");
    let printed: Vec<String> = activation::softmax_naive(&[0.3, 2.9, 4.0])
        .iter()
        .map(|v| format!("{v:.8}"))
        .collect();
    assert!(
        code.contains(&format!("# [{}]", printed.join(" "))),
        "{code}"
    );
    assert!(text(Lang::En, "sigmoid-code").contains("print(sigmoid(40.0))  # 1.0"));
    assert_eq!(activation::sigmoid(40.0), 1.0);
}

#[test]
fn the_seeds_content_is_all_there() {
    use Lang::{En, Ja};
    let has = |lang, id: &str, phrases: &[&str]| {
        let t = flat(lang, id);
        for p in phrases {
            assert!(t.contains(p), "{lang:?} {id}: {p:?} missing in\n{t}");
        }
    };
    has(
        En,
        "relu-body",
        &[
            "ramp function",
            "np.maximum(0, x)",
            "larger of its two arguments",
            "element by element",
        ],
    );
    has(
        Ja,
        "relu-body",
        &[
            "「レル」と読みます",
            "ランプ関数",
            "np.maximum(0, x)",
            "大きいほうを要素ごとに返します",
        ],
    );
    has(En, "sigmoid-body", &["e^(-x) is written np.exp(-x)"]);
    has(
        Ja,
        "sigmoid-body",
        &["e^(-x) は、NumPy では np.exp(-x) と書きます"],
    );
    has(
        En,
        "softmax-body",
        &["(3 classes), the output layer has 3 neurons"],
    );
    has(
        Ja,
        "softmax-body",
        &["（3クラス）、出力層のニューロンは3つです"],
    );
    for lang in Lang::ALL {
        has(
            lang,
            "step-body",
            &[
                "np.array(x > 0, dtype=np.int)",
                "astype(np.int)",
                "dtype=int",
                "astype(int)",
                "NumPy 1.24",
            ],
        );
    }
}

#[test]
fn one_word_for_one_idea() {
    use Lang::{En, Ja};
    // Classification is named the same way in the intro and in its lessons.
    for (lang, binary, multi) in [
        (En, "binary classification", "multi-class classification"),
        (Ja, "2値分類", "多値分類"),
    ] {
        let intro = flat(lang, "intro-body").replace('|', "");
        assert!(intro.contains(binary) && intro.contains(multi), "{lang:?}");
        assert!(flat(lang, "sigmoid-body").replace('|', "").contains(binary));
        assert!(flat(lang, "softmax-body").replace('|', "").contains(multi));
    }
    assert!(!flat(Ja, "intro-body").contains("（2クラス）"));
    // The intro names the lessons by their titles.
    for lang in Lang::ALL {
        let intro = flat(lang, "intro-body").to_lowercase();
        for lesson in &LessonId::ALL[1..] {
            let title = text(lang, &lesson.title_id()).to_lowercase();
            let title = title.split('（').next().unwrap_or_default();
            assert!(intro.contains(title), "{lang:?}: the intro names {title:?}");
        }
    }
    // Math is written e^x, in prose, formulas and tables alike; `np.exp` is code.
    for lang in Lang::ALL {
        for lesson in LessonId::ALL {
            for id in [lesson.body_id(), lesson.formula_id()] {
                let t = text(lang, &id);
                for (i, _) in t.match_indices("exp(") {
                    let code = ["np.", "np.logadd"].iter().any(|c| t[..i].ends_with(c));
                    assert!(code, "{lang:?} {id}: exp( at {i}");
                }
            }
        }
    }
    // "activation function" in full.
    for lang in Lang::ALL {
        let (word, full) = match lang {
            En => ("activation", "activation function"),
            Ja => ("活性化", "活性化関数"),
        };
        for lesson in LessonId::ALL {
            let t = flat(lang, &lesson.body_id()).to_lowercase();
            assert_eq!(
                t.matches(word).count(),
                t.matches(full).count(),
                "{lang:?} {}",
                lesson.id()
            );
        }
    }
}

#[test]
fn japanese_reads_as_a_teacher_writes() {
    let ja = |id: &str| flat(Lang::Ja, id);
    assert!(ja("sigmoid-body").contains("確率として解釈できます"));
    assert!(ja("sigmoid-body").contains("0.25 を10乗すると"));
    assert!(ja("softmax-body").contains("確率として解釈できます"));
    assert!(ja("relu-body").contains("現在、中間層の活性化関数としては ReLU が定番です"));
    assert!(ja("overflow-body").contains("定義式どおりに計算すると"));
    assert!(text(Lang::Ja, "overflow-code").contains("# オーバーフロー対策"));
    // The table's name for the naive form is the prose's.
    assert!(ja("overflow-body").contains(&text(Lang::Ja, "col-naive")));
}

#[test]
fn formula_marks_are_paired_in_every_paragraph() {
    for lang in Lang::ALL {
        for lesson in LessonId::ALL {
            let body = text(lang, &lesson.body_id());
            for paragraph in kasseika::ui::text::paragraphs(&body) {
                assert_eq!(
                    paragraph.matches('`').count() % 2,
                    0,
                    "{lang:?} {}: {paragraph}",
                    lesson.id()
                );
            }
        }
    }
}

/// The closing words, with their command filled in.
fn closing(lang: Lang) -> String {
    common::localizer()
        .format(
            lang,
            "closing-body",
            &[("command", "kasseika show sigmoid".into())],
        )
        .replace(['`', '|'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_function_is_never_called_a_layer() {
    // "The identity function passes the sum through unchanged: the output layer of
    // regression" said that a function is a layer.
    for id in [
        "closing-body",
        "intro-body",
        "identity-body",
        "sigmoid-body",
        "softmax-body",
    ] {
        let t = if id == "closing-body" {
            closing(Lang::En)
        } else {
            flat(Lang::En, id).replace('|', "")
        };
        for wrong in [
            ": the output layer",
            "is the output layer",
            ", the output layer of",
        ] {
            assert!(!t.contains(wrong), "{id}: {wrong:?} in {t}");
        }
    }
    let closing = closing(Lang::En);
    for right in [
        "the usual activation function of the output layer for regression",
        "the usual activation function of the output layer for multi-class classification",
    ] {
        assert!(closing.contains(right), "{right:?} in {closing}");
    }
}

#[test]
fn the_wording_a_tester_asked_for() {
    let en = |id: &str| flat(Lang::En, id).replace('|', "");
    let ja = |id: &str| flat(Lang::Ja, id).replace('|', "");
    assert!(en("intro-body").contains("The simplest model of a neuron, the perceptron"));
    // ReLU does not shrink the gradient itself; it does not promise that nothing does.
    assert!(en("relu-body").contains("ReLU itself does not shrink the gradient"));
    assert!(!en("relu-body").contains("without shrinking"));
    assert!(ja("relu-body").contains("ReLU そのものが勾配を小さくすることはありません"));
    assert!(ja("step-body").contains("弱点は、学習に向かないことです"));
    assert!(ja("overflow-body").contains("反対にアンダーフローで失敗します"));
    for sentence in ja("step-body").split('。') {
        assert!(sentence.matches("手がかり").count() <= 1, "{sentence}");
    }
}

#[test]
fn japanese_labels_take_one_kind_of_colon() {
    // The interface's Japanese labels use the full-width colon, as 「エラー：」 does.
    let loc = common::localizer();
    for id in [
        "error-label",
        "input-placeholder",
        "error-accepted",
        "help-title",
        "help-also",
        "cli-unknown-lang",
        "cli-unknown-lesson",
        "cli-unknown-function",
        "cli-terminal-error",
        "closing-body",
        "exercises-title",
        "exercise-hint",
        "progress-file",
        "progress-file-none",
        "serve-report-dir",
        "report-stuck",
        "report-stuck-item",
        "report-activity",
    ] {
        let args = [
            "lang",
            "available",
            "lesson",
            "function",
            "error",
            "example",
            "page",
            "keys",
            "command",
            "current",
            "total",
            "path",
            "hint",
            "exercise",
            "state",
            "when",
            "ago",
            "number",
            "title",
        ]
        .map(|name| (name, "x".into()));
        let t = loc.format(Lang::Ja, id, &args);
        assert!(!t.contains(kasseika::i18n::MISSING), "{id}: {t}");
        let ascii_after_japanese = t
            .char_indices()
            .any(|(i, c)| c == ':' && t[..i].chars().last().is_some_and(|p| !p.is_ascii()));
        assert!(!ascii_after_japanese, "{id}: {t}");
    }
}

#[test]
fn no_lesson_promises_a_gap_the_chart_does_not_show() {
    // "a flat line at 0, with a gap at x = 0" (ja 「x = 0 だけが途切れます」): h(0) = 0
    // covers that point, so no gap was ever visible. The texts now say what is drawn.
    for (lang, words) in [(Lang::En, "gap"), (Lang::Ja, "途切れ")] {
        for lesson in [LessonId::Step, LessonId::Relu] {
            let body = flat(lang, &format!("{}-body", lesson.id()));
            assert!(!body.contains(words), "{lang:?} {lesson:?}: {body}");
        }
    }
}

/// The exercises' texts mark every spaced expression (`x = 3`, `h(x) = x`) with
/// backticks, and no marked expression is split across lines in an exercise at 60
/// columns (56 cells inside its box), in either language.
#[test]
fn exercise_expressions_are_marked_and_never_split_at_60_columns() {
    use kasseika::app::text::{Unstyled, prose};
    use unicode_width::UnicodeWidthStr;
    const WIDTH: usize = 56;
    const OPERATORS: [&str; 10] = ["=", "<", ">", "<=", ">=", "+", "-", "*", "/", "≈"];
    let loc = kasseika::i18n::Localizer::embedded().unwrap();
    let mut checked = 0;
    for lang in Lang::ALL {
        let path = format!(
            "{}/i18n/{}/exercises.ftl",
            env!("CARGO_MANIFEST_DIR"),
            lang.code()
        );
        let source = std::fs::read_to_string(path).unwrap();
        let ids = source
            .lines()
            .filter(|l| l.starts_with("ex-"))
            .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()));
        for id in ids {
            let args = [
                "count", "product", "value", "x", "example", "number", "option", "token",
            ]
            .map(|name| (name, 2.5.into()));
            let text = loc.format(lang, &id, &args);
            assert!(text.matches('`').count().is_multiple_of(2), "{id}: {text}");
            let pieces: Vec<&str> = text.split('`').collect();
            // Outside the marks (even pieces), no operator between two terms.
            for outside in pieces.iter().step_by(2) {
                let words: Vec<&str> = outside.split(' ').collect();
                for w in words.windows(3) {
                    let term = |s: &str| !s.is_empty() && s.is_ascii();
                    assert!(
                        !(OPERATORS.contains(&w[1]) && term(w[0]) && term(w[2])),
                        "{id}: {:?} is not marked: {text}",
                        w.join(" ")
                    );
                }
            }
            let lines: Vec<String> = prose(&text, WIDTH, &Unstyled)
                .into_iter()
                .map(|(l, _)| l.to_string())
                .collect();
            for marked in pieces.iter().skip(1).step_by(2) {
                if marked.width() <= WIDTH {
                    assert!(
                        lines.iter().any(|l| l.contains(marked)),
                        "{id}: `{marked}` is split: {lines:#?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} expressions checked");
}

// What a second teacher found (issue 14): sentences that were false, read in every
// Fluent file of both languages.

/// Every message of every Fluent file of `lang`, as (file, id, text): the text on
/// one line, without the marks of emphasis and expressions.
fn every_message(lang: Lang) -> Vec<(String, String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("i18n")
        .join(match lang {
            Lang::En => "en",
            Lang::Ja => "ja",
        });
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    let mut out: Vec<(String, String, String)> = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let clean = |s: &str| s.replace(['`', '|'], "");
            match line.split_once(" =") {
                Some((id, value))
                    if !line.starts_with(' ')
                        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
                {
                    out.push((file.clone(), id.to_string(), clean(value.trim())));
                }
                _ => {
                    if let Some(last) = out.last_mut() {
                        last.2.push(' ');
                        last.2.push_str(&clean(line.trim()));
                    }
                }
            }
        }
    }
    assert!(out.len() > 100, "{lang:?}: {} messages", out.len());
    out
}

/// The sentences of a text (English at `. `, `; `, `? `, Japanese at `。`).
fn sentences_of(text: &str) -> Vec<String> {
    text.split_inclusive('。')
        .flat_map(|s| s.split(". ").collect::<Vec<_>>())
        .flat_map(|s| s.split("; ").collect::<Vec<_>>())
        .flat_map(|s| s.split("? ").collect::<Vec<_>>())
        .map(str::to_string)
        .collect()
}

/// Whether `name` is in `text` as a word of its own (`ELU` is not in `GELU`).
fn names(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().last();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphabetic())
            && !after.is_some_and(|c| c.is_ascii_alphabetic())
    })
}

/// Whether `value` is written right after `at` in `s` (spaces allowed between).
fn value_after(s: &str, at: usize, value: &str) -> bool {
    let rest = s[at..].trim_start();
    rest.starts_with(value)
        && !rest[value.len()..].starts_with(|c: char| c.is_ascii_digit() || c == '.')
}

/// Whether `value` is written right before `at` in `s` (spaces allowed between).
fn value_before(s: &str, at: usize, value: &str) -> bool {
    let head = s[..at].trim_end();
    head.ends_with(value)
        && !head[..head.len() - value.len()]
            .ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-')
}

#[test]
fn no_text_says_a_function_reaches_a_value_it_only_approaches() {
    // "ELU ... its negative outputs reach down to -1" (「-1 まで届き」): ELU approaches
    // -1 and never reaches it, as the sigmoid lesson takes care to say of 0 and 1.
    // Each function with the values it only approaches, and its names.
    let asymptotes: [(&[&str], &[&str]); 5] = [
        (&["sigmoid", "シグモイド", "h(x)"], &["0", "1"]),
        (&["tanh"], &["-1", "1"]),
        (&["ELU"], &["-1"]),
        (&["softplus", "Softplus", "ソフトプラス"], &["0"]),
        (&["softmax", "ソフトマックス"], &["0", "1"]),
    ];
    let negations = ["never", "not ", "without", "ません", "ない", "決して"];
    let mut found = Vec::new();
    for lang in Lang::ALL {
        for (file, id, text) in every_message(lang) {
            for (fnames, values) in &asymptotes {
                if !fnames.iter().any(|n| names(&text, n)) {
                    continue;
                }
                for s in sentences_of(&text) {
                    if negations.iter().any(|n| s.contains(n)) {
                        continue;
                    }
                    for v in *values {
                        // "reach(es) (down/up) to -1", "down to -1", "from -1 to 1";
                        // 「-1 まで」, 「-1 に届く」, 「-1 に達する」.
                        let mut claims = false;
                        for word in [
                            "reaches",
                            "reach",
                            "down to",
                            "up to",
                            "as low as",
                            "as high as",
                        ] {
                            for (i, _) in s.match_indices(word) {
                                // A sum "adds up to 1": no function's value.
                                if s[..i].ends_with("add ") || s[..i].ends_with("adds ") {
                                    continue;
                                }
                                let mut at = i + word.len();
                                for more in [" down to", " up to", " to"] {
                                    if s[at..].starts_with(more) {
                                        at += more.len();
                                    }
                                }
                                claims |= value_after(&s, at, v);
                            }
                        }
                        // "runs from -1 to 1" (a range with its ends).
                        for verb in ["runs from ", "run from ", "ranges from ", "range from "] {
                            for (i, _) in s.match_indices(verb) {
                                let at = i + verb.len();
                                let low = values.iter().find(|w| value_after(&s, at, w));
                                if let Some(low) = low {
                                    let after =
                                        at + s[at..].len() - s[at..].trim_start().len() + low.len();
                                    claims |= s[after..].starts_with(" to ")
                                        && value_after(&s, after + 4, v);
                                }
                            }
                        }
                        for word in ["まで", "に届", "へ届", "に達"] {
                            for (i, _) in s.match_indices(word) {
                                claims |= value_before(&s, i, v);
                            }
                        }
                        if claims {
                            found.push(format!("{lang:?} {file} {id}: {v}: {s}"));
                        }
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn regression_targets_are_not_called_unbounded() {
    // "a continuous number with no bounds, such as a price or a temperature"
    // (「気温には上限も下限もありません」): prices are never below 0, and temperature
    // has an absolute zero. What matters is that the identity function does not
    // squeeze its output into a range.
    let mut found = Vec::new();
    for lang in Lang::ALL {
        for (file, id, text) in every_message(lang) {
            for s in sentences_of(&text) {
                let about = ["price", "temperature", "価格", "気温"]
                    .iter()
                    .any(|w| s.contains(w));
                let unbounded = [
                    "no bound",
                    "no upper",
                    "unbounded",
                    "without bound",
                    "any number",
                    "上限も下限も",
                    "上限や下限",
                    "どんな数",
                ]
                .iter()
                .any(|w| s.contains(w));
                if about && unbounded {
                    found.push(format!("{lang:?} {file} {id}: {s}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(flat(Lang::En, "identity-body").contains("does not squeeze its output into a range"));
    assert!(flat(Lang::Ja, "identity-body").contains("出力を特定の範囲に押し込めません"));
}

#[test]
fn non_finite_inputs_to_the_stable_softmax_are_told_as_they_are() {
    // The lesson said no shift can save an input that is not finite; -inf is saved
    // (a probability of exactly 0: attention masks), and fails only when every input
    // is -inf. Only +inf and NaN give NaN whatever the shift.
    let mut found = Vec::new();
    for lang in Lang::ALL {
        for (file, id, text) in every_message(lang) {
            for s in sentences_of(&text) {
                let saving = ["no shift", "no trick", "can save", "cannot save", "救え"]
                    .iter()
                    .any(|w| s.contains(w));
                let vague = [
                    "itself inf ",
                    "itself infinite",
                    "not finite",
                    "that is not finite",
                    "無限大だと",
                    "inf や NaN",
                    "有限でない数は",
                ]
                .iter()
                .any(|w| s.contains(w));
                // A sentence that says which non-finite inputs cannot be saved
                // names them: +inf, not "an infinite input" (-inf is saved).
                let non_finite = ["inf", "NaN", "finite", "無限", "有限"]
                    .iter()
                    .any(|w| s.contains(w));
                if saving && non_finite && (vague || !s.contains("+inf")) {
                    found.push(format!("{lang:?} {file} {id}: {s}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    for (lang, says) in [
        (
            Lang::En,
            [
                "An input of -inf is no trouble",
                "its probability is exactly 0",
                "Only when every input is -inf",
                "An input of +inf or NaN, though, gives NaN whatever the shift",
            ],
        ),
        (
            Lang::Ja,
            [
                "-inf の入力は問題になりません",
                "その確率はちょうど0になります",
                "入力がすべて -inf のときだけです",
                "入力に +inf か NaN があると、ずらす量をどう選んでも結果には NaN が出ます",
            ],
        ),
    ] {
        let body = flat(lang, "overflow-body").replace('|', "");
        for s in says {
            assert!(body.contains(s), "{lang:?}: {s:?}");
        }
    }
}

#[test]
fn the_softmax_lesson_shows_that_two_classes_are_the_sigmoid() {
    for (lang, says) in [
        (
            Lang::En,
            "With two classes, softmax is the sigmoid function",
        ),
        (
            Lang::Ja,
            "クラスが2つなら、ソフトマックス関数はシグモイド関数と同じです",
        ),
    ] {
        let body = flat(lang, "softmax-body");
        for s in [
            says,
            "softmax([a, 0])",
            "[sigmoid(a), 1 - sigmoid(a)]",
            "softmax([a, b])",
            "sigmoid(a - b)",
        ] {
            assert!(body.contains(s), "{lang:?}: {s:?} in {body}");
        }
    }
    // What the sentence says, in float64.
    for a in [-30.0, -2.5, 0.0, 0.7, 2.0, 36.0] {
        let y = activation::softmax(&[a, 0.0]);
        let s = activation::sigmoid(a);
        assert!(
            (y[0] - s).abs() <= 1e-15 && (y[1] - (1.0 - s)).abs() <= 1e-15,
            "{a}"
        );
    }
}

#[test]
fn japanese_reads_as_a_teacher_writes_it_and_names_each_function_one_way() {
    // What read as translated, and what replaced it.
    let ja = every_message(Lang::Ja);
    for (phrase, replaced_by) in [
        ("への答えです", "への対策です"),
        (
            "問題のどれかに答えるもの",
            "いま ReLU と並んで使われている関数",
        ),
        ("描ける傾きがありません", "傾きが決まらない"),
        ("真に大きい", "0ちょうどは含まれません"),
        ("『ずらす量』s と呼ぶと", "s は、入力をずらす量です"),
        ("「ずらす量」s と呼ぶと", "s は、入力をずらす量です"),
        ("-3 の ReLU", "ReLU(-3)"),
    ] {
        for (file, id, text) in &ja {
            assert!(!text.contains(phrase), "{file} {id}: {phrase}");
        }
        assert!(
            ja.iter().any(|(_, _, t)| t.contains(replaced_by)),
            "{replaced_by}"
        );
    }
    // One name for each function, in the texts and the tables alike: シグモイド関数
    // (never a bare シグモイド), softplus (ソフトプラス関数 only where the lesson
    // introduces it), GELU（tanh） for the tanh form (never GELUt or 「tanh 近似」
    // as a name).
    for (file, id, text) in &ja {
        for (i, _) in text.match_indices("シグモイド") {
            assert!(
                text[i..].starts_with("シグモイド関数"),
                "{file} {id}: a bare シグモイド in {text}"
            );
        }
        if id != "modern-body" {
            assert!(!text.contains("ソフトプラス"), "{file} {id}: {text}");
        }
        assert!(
            !text.contains("GELUt") && !text.contains("tanh 近似）"),
            "{file} {id}: {text}"
        );
    }
    assert!(
        flat(Lang::Ja, "modern-body")
            .replace('|', "")
            .contains("softplus（ソフトプラス関数）")
    );
    for (file, id, text) in &every_message(Lang::En) {
        assert!(
            !text.contains("GELUt") && !text.contains("approx."),
            "{file} {id}: {text}"
        );
    }
    let loc = common::localizer();
    for lang in Lang::ALL {
        assert_eq!(
            loc.format(lang, "fn-gelu-tanh", &[]),
            loc.format(lang, "fn-gelu-tanh-short", &[])
        );
        assert_eq!(
            loc.format(lang, "fn-softplus", &[]),
            loc.format(lang, "fn-softplus-short", &[])
        );
    }
    assert_eq!(
        loc.format(Lang::Ja, "fn-sigmoid-short", &[]),
        "シグモイド関数"
    );
}
