//! The plain-text commands and the refusal without a terminal, run as a script
//! would run them: no terminal, output captured.

use std::process::{Command, Output};

use unicode_width::UnicodeWidthStr;

fn kasseika(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kasseika"));
    cmd.args(args).env_clear().env("LANG", "C.UTF-8");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

#[test]
fn without_a_terminal_it_refuses_in_one_sentence_and_writes_no_escape_codes() {
    for (env, needle) in [
        (vec![], "ssh -t"),
        (vec![("LANG", "ja_JP.UTF-8")], "ssh -t"),
    ] {
        let o = kasseika(&[], &env);
        assert_eq!(o.status.code(), Some(2));
        assert!(o.stdout.is_empty(), "nothing on stdout");
        let err = stderr(&o);
        assert!(
            err.contains(needle) && err.contains("kasseika show"),
            "{err}"
        );
        assert!(!err.contains('\x1b'), "no escape codes: {err:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    let err = stderr(&kasseika(&[], &[("LANG", "ja_JP.UTF-8")]));
    assert!(err.contains("端末"), "localized: {err}");
}

#[test]
fn list_prints_ids_and_titles() {
    let o = kasseika(&["list"], &[]);
    assert!(o.status.success());
    let out = stdout(&o);
    let ids: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "intro",
            "step",
            "identity",
            "sigmoid",
            "relu",
            "vanishing",
            "modern",
            "softmax",
            "overflow"
        ]
    );
    assert!(out.contains("Sigmoid function"));
    let ja = stdout(&kasseika(&["list", "--lang", "ja"], &[]));
    assert!(ja.contains("sigmoid    シグモイド関数"), "{ja}");
}

#[test]
fn show_prints_a_lesson_for_reading() {
    let o = kasseika(&["show", "sigmoid"], &[("COLUMNS", "50")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains('\x1b'), "no escape codes");
    assert!(out.starts_with("4/9 Sigmoid function\n"), "{out}");
    assert!(out.contains("h(x) = 1 / (1 + e^(-x))"));
    assert!(
        out.replace('\n', " ")
            .contains("vanishing gradient problem"),
        "emphasis marks removed: {out}"
    );
    assert!(!out.contains('|'));
    assert!(out.contains("return 1 / (1 + np.exp(-x))"));
    for line in out.lines() {
        assert!(line.width() <= 50, "wrapped to 50: {line:?}");
    }
    // The table describes the chart: x from -5 to 5, h(x) and h'(x).
    for row in [
        ["-5", "0.0066928509", "0.0066480567"],
        ["0", "0.5", "0.25"],
        ["5", "0.99330715", "0.0066480567"],
    ] {
        assert!(
            out.lines()
                .any(|l| l.split_whitespace().collect::<Vec<_>>() == row),
            "row {row:?} in:\n{out}"
        );
    }
    let ja = stdout(&kasseika(
        &["show", "overflow", "--lang", "ja"],
        &[("COLUMNS", "40")],
    ));
    assert!(ja.contains("ソフトマックスのオーバーフロー"));
    assert!(
        ja.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["1010", "NaN", "0.9999546"]),
        "{ja}"
    );
    // Code is printed whole, however wide (wrapped, it would not run); the rest
    // is wrapped to the width.
    let loc = kasseika::i18n::Localizer::embedded().unwrap();
    let code = loc.tr(kasseika::i18n::Lang::Ja).t("overflow-code");
    for line in ja.lines() {
        let is_code = code.lines().any(|c| c.trim_end() == line);
        assert!(is_code || line.width() <= 40, "wrapped to 40: {line:?}");
        assert!(!line.starts_with(['。', '、']), "{line:?}");
    }
    let unknown = kasseika(&["show", "tanh"], &[]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("intro, step"));
}

#[test]
fn eval_prints_tab_separated_round_trip_values() {
    let o = kasseika(&["eval", "sigmoid", "0", "-2", "１，inf", "nan"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<(String, String)> = stdout(&o)
        .lines()
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("a tab");
            (a.to_string(), b.to_string())
        })
        .collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0], ("0.0".into(), "0.5".into()));
    assert_eq!(
        rows[1].1.parse::<f64>().unwrap(),
        kasseika::activation::sigmoid(-2.0)
    );
    assert_eq!(rows[2].0, "1.0");
    assert_eq!(rows[3], ("inf".into(), "1.0".into()));
    assert_eq!(rows[4], ("NaN".into(), "NaN".into()));

    let softmax = stdout(&kasseika(&["eval", "softmax", "1010", "1000", "990"], &[]));
    let ys: Vec<f64> = softmax
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(ys, kasseika::activation::softmax(&[1010.0, 1000.0, 990.0]));
    let naive = stdout(&kasseika(
        &["eval", "softmax-naive", "1010", "1000", "990"],
        &[],
    ));
    assert_eq!(naive, "1010.0\tNaN\n1000.0\tNaN\n990.0\tNaN\n");
    let exp = stdout(&kasseika(
        &["eval", "exp", "1000", "-inf", "--lang", "ja"],
        &[],
    ));
    assert_eq!(exp, "1000.0\tinf\n-inf\t0.0\n");
}

#[test]
fn eval_errors_name_the_problem_in_the_language() {
    let o = kasseika(&["eval", "mish", "1"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("mish") && err.contains("softmax-naive") && err.contains("gelu-tanh"),
        "{err}"
    );
    // A name is never echoed raw: an escape sequence in it is shown, not obeyed.
    let err = stderr(&kasseika(&["eval", "\u{1b}[2J", "1"], &[]));
    assert!(
        !err.contains('\x1b') && err.contains("\\u{1b}[2J"),
        "{err:?}"
    );

    let o = kasseika(&["eval", "relu", "1", "ｘ"], &[("LANG", "ja_JP.UTF-8")]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("2 番目の「ｘ」"), "{err}");
}

#[test]
fn list_into_a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kasseika"))
        .args(["show", "overflow"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code().is_some());
}

/// The rows of `eval` output as (input, result) numbers.
fn rows(out: &str) -> Vec<(f64, f64)> {
    out.lines()
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("a tab");
            (a.parse().unwrap(), b.parse().unwrap())
        })
        .collect()
}

#[test]
fn eval_knows_the_functions_used_today_and_their_derivatives() {
    use kasseika::activation::Scalar;
    let xs = ["-3", "-0.5", "0", "1e-8", "2", "800"];
    for f in Scalar::ALL {
        for derivative in [false, true] {
            let mut args = vec!["eval", f.id()];
            args.extend(xs);
            if derivative {
                args.push("--derivative");
            }
            let o = kasseika(&args, &[]);
            assert!(o.status.success(), "{}: {}", f.id(), stderr(&o));
            let got = rows(&stdout(&o));
            assert_eq!(got.len(), xs.len(), "{}", f.id());
            for (x, y) in got {
                let want = if derivative {
                    f.derivative(x)
                } else {
                    f.eval(x)
                };
                assert!(
                    y.to_bits() == want.to_bits() || (y.is_nan() && want.is_nan()),
                    "{}{} ({x}) = {y}, not {want}",
                    f.id(),
                    if derivative { "'" } else { "" }
                );
            }
        }
    }
    // The flag before the function and after the values alike; undefined is NaN.
    let before = stdout(&kasseika(
        &["eval", "--derivative", "relu", "-1", "0", "2"],
        &[],
    ));
    assert_eq!(before, "-1.0\t0.0\n0.0\tNaN\n2.0\t1.0\n");
    let after = stdout(&kasseika(
        &["eval", "relu", "-1", "0", "2", "--derivative"],
        &[],
    ));
    assert_eq!(after, before);
    assert_eq!(
        stdout(&kasseika(
            &["eval", "sigmoid", "0", "--derivative", "--lang", "ja"],
            &[]
        )),
        "0.0\t0.25\n"
    );
    // Where naive formulas fail: softplus(800) overflows as ln(1 + e^800).
    assert_eq!(
        stdout(&kasseika(&["eval", "softplus", "800"], &[])),
        "800.0\t800.0\n"
    );
    assert_eq!(
        stdout(&kasseika(&["eval", "log-softmax", "1000", "0"], &[])),
        "1000.0\t-0.0\n0.0\t-1000.0\n"
    );
}

#[test]
fn eval_refuses_the_derivative_of_a_list_function_in_the_language() {
    for f in ["softmax", "softmax-naive", "log-softmax"] {
        let o = kasseika(&["eval", f, "--derivative", "1", "2"], &[]);
        assert_eq!(o.status.code(), Some(2), "{f}");
        assert!(o.stdout.is_empty());
        let err = stderr(&o);
        assert!(
            err.contains(f) && err.contains("--derivative") && err.contains("gelu-tanh"),
            "{err}"
        );
        assert!(
            !err.contains("softmax-naive, "),
            "only scalar functions listed: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    let ja = stderr(&kasseika(
        &["eval", "softmax", "--derivative", "1"],
        &[("LANG", "ja_JP.UTF-8")],
    ));
    assert!(ja.contains("導関数"), "{ja}");
}

#[test]
fn help_names_every_lesson_and_show_overflow_names_the_shift_s() {
    // `--help` listed only the first six lessons' subjects.
    for (lang, says) in [
        ("en", ["vanishing gradient", "GELU", "derivatives"]),
        ("ja", ["勾配消失問題", "GELU", "導関数"]),
    ] {
        let o = kasseika(&["--help", "--lang", lang], &[]);
        let out = stdout(&o);
        for s in says {
            assert!(out.contains(s), "{lang}: {s:?} in\n{out}");
        }
    }
    // The shift subtracted is s; C is the factor of the explanation only, never
    // the thing subtracted.
    for lang in ["en", "ja"] {
        let out = stdout(&kasseika(&["show", "overflow", "--lang", lang], &[]));
        for s in ["`s = max(a)`", "`a - s`", "`s=500`", "`log C = -max(a)`"] {
            let s = s.trim_matches('`');
            assert!(out.contains(s), "{lang}: {s:?} in\n{out}");
        }
        for wrong in ["a - C", "C=500", "C = max(a)", "C = 0"] {
            assert!(!out.contains(wrong), "{lang}: {wrong:?} in\n{out}");
        }
    }
}

/// Small things a script writer trips over: a lesson by the number the app shows,
/// a function by the name the lessons' Python gives it, one colon after "Usage".
#[test]
fn lessons_by_number_functions_by_their_python_names_and_one_colon() {
    let by_id = stdout(&kasseika(&["show", "identity"], &[]));
    let by_number = kasseika(&["show", "3"], &[]);
    assert_eq!(by_number.status.code(), Some(0), "{}", stderr(&by_number));
    assert_eq!(stdout(&by_number), by_id);
    assert_eq!(kasseika(&["show", "10"], &[]).status.code(), Some(2));
    assert_eq!(kasseika(&["show", "0"], &[]).status.code(), Some(2));

    let dash = stdout(&kasseika(&["eval", "leaky-relu", "-2"], &[]));
    let under = kasseika(&["eval", "leaky_relu", "-2"], &[]);
    assert_eq!(under.status.code(), Some(0), "{}", stderr(&under));
    assert_eq!(stdout(&under), dash);

    let o = kasseika(&["eval", "tanh"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("Usage: kasseika eval"), "{err}");
    assert!(!err.contains("::"), "{err}");
    let err = stderr(&kasseika(&["eval", "tanh"], &[("LANG", "ja_JP.UTF-8")]));
    assert!(err.contains("使い方：kasseika eval"), "{err}");
}

/// `eval cross-entropy --target K -- LOGITS...`: the loss alone, from log-softmax
/// (finite where softmax underflows); `--derivative` gives `y - t` for each logit;
/// a bad `--target` is refused in the learner's language, escapes made visible.
#[test]
fn eval_cross_entropy_prints_the_loss_and_refuses_a_bad_target() {
    let loss = |args: &[&str]| -> f64 {
        let o = kasseika(args, &[]);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o).trim().parse().unwrap()
    };
    // mpmath: 0.3057144648124521017...
    let want = 0.305_714_464_812_452_1_f64;
    for args in [
        &[
            "eval",
            "cross-entropy",
            "--target",
            "2",
            "--",
            "0.3",
            "2.9",
            "4.0",
        ][..],
        &[
            "eval",
            "cross-entropy",
            "0.3",
            "2.9",
            "4.0",
            "--target",
            "2",
        ],
        &["eval", "cross-entropy", "--target=2", "0.3, 2.9, 4.0"],
        &[
            "eval",
            "cross_entropy",
            "--target",
            "２",
            "--",
            "０．３",
            "2.9",
            "4",
        ],
    ] {
        let got = loss(args);
        assert!(
            got.to_bits().abs_diff(want.to_bits()) <= 2,
            "{args:?}: {got}"
        );
    }
    // y = softmax([0, 1000]) = [0, 1]: -ln y_0 would be inf; the loss is 1000.
    assert_eq!(
        loss(&["eval", "cross-entropy", "--target", "0", "--", "0", "1000"]),
        1000.0
    );
    let gradient = stdout(&kasseika(
        &[
            "eval",
            "cross-entropy",
            "--derivative",
            "--target",
            "0",
            "--",
            "0",
            "1000",
        ],
        &[],
    ));
    assert_eq!(gradient, "0.0\t-1.0\n1000.0\t1.0\n");

    for (target, en, ja) in [
        (
            "3",
            "--target 3 is not one of the classes",
            "--target 3 に当たるクラスはありません",
        ),
        (
            "-1",
            "--target -1 is not one of the classes",
            "--target -1 に当たるクラスはありません",
        ),
        ("x", "\"x\" is not one", "「x」は整数ではありません"),
        ("1.5", "\"1.5\" is not one", "「1.5」は整数ではありません"),
        (
            "\u{1b}[2J",
            "\"\\u{1b}[2J\" is not one",
            "「\\u{1b}[2J」は整数ではありません",
        ),
    ] {
        for (lang, needle) in [("en", en), ("ja", ja)] {
            let o = kasseika(
                &[
                    "eval",
                    "cross-entropy",
                    "--lang",
                    lang,
                    "--target",
                    target,
                    "--",
                    "1",
                    "2",
                    "3",
                ],
                &[],
            );
            assert_eq!(o.status.code(), Some(2), "{target} {lang}");
            assert!(o.stdout.is_empty());
            let err = stderr(&o);
            assert!(err.contains(needle), "{target} {lang}: {err}");
            assert!(err.contains('2') && !err.contains('\x1b'), "{err:?}");
            assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        }
    }
    let err = stderr(&kasseika(&["eval", "cross-entropy", "--", "1", "2"], &[]));
    assert!(
        err.contains("--target K") && err.contains("0 to 1"),
        "{err}"
    );
    let err = stderr(&kasseika(
        &["eval", "softmax", "--target", "1", "--", "1", "2"],
        &[],
    ));
    assert!(err.contains("cross-entropy only"), "{err}");
    let help = stdout(&kasseika(&["eval", "--help", "--lang", "ja"], &[]));
    assert!(
        help.contains("--target <K>") && help.contains("正解のクラス"),
        "{help}"
    );
}
