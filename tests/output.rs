//! What kasseika writes, and where it cannot: full disks and closed pipes, terminals
//! that cannot draw, character sets other than UTF-8, untrusted text, the help in the
//! learner's language.

mod common;

use std::ffi::OsString;
use std::fs::File;
use std::os::unix::ffi::OsStringExt;
use std::process::{Command, Output, Stdio};

use common::pty::{spawn, spawn_without};

const BIN: &str = env!("CARGO_BIN_EXE_kasseika");

fn kasseika(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_clear().env("LANG", "C.UTF-8");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    kasseika(args, env).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn dev_full() -> File {
    File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
}

#[test]
fn a_full_stderr_is_no_panic() {
    let status = kasseika(&["eval", "nope", "1"], &[])
        .stdout(Stdio::null())
        .stderr(dev_full())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2), "a usage error, said or not");
}

#[test]
fn a_full_stdout_is_status_1_with_a_word_on_stderr() {
    let o = kasseika(&["list"], &[])
        .stdout(dev_full())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("could not write") && err.contains("kasseika: "),
        "{err:?}"
    );
    let o = kasseika(&["list", "--lang", "ja"], &[])
        .stdout(dev_full())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(stderr(&o).contains("書き込めません"), "{}", stderr(&o));
}

#[test]
fn closed_pipes_are_silence() {
    // stderr's reader is gone before kasseika says it needs a terminal.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = kasseika(&[], &[])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2), "the refusal's status, no panic");
    // stdout's reader is gone before the lesson is printed.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = kasseika(&["show", "overflow"], &[])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn control_characters_from_the_command_line_are_made_visible() {
    for args in [
        &["eval", "sigmoid", "\x1b]0;pwned\x07"][..],
        &["eval", "\x1b[2J", "1"],
        &["show", "\x1b]0;pwned\x07"],
        &["--lang", "\x1b[31m", "list"],
        // What clap refuses: an unknown command, an unknown option, a bad value.
        &["\x1b]0;pwned\x07"],
        &["--\x1b]0;pwned\x07"],
        &["--chart", "\x1b]0;pwned\x07"],
        &["list", "\x1b[2J"],
        // Invisible characters, not only controls.
        &["eval", "identity", "1\u{ad}2"],
        &["eval", "identity", "1\u{2028}\u{e0001}2"],
    ] {
        let o = run(args, &[]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            !err.chars()
                .any(|c| c != '\n' && kasseika::output::is_invisible(c)),
            "{args:?}: {err:?}"
        );
        assert!(err.contains("\\u{"), "{args:?}: {err:?}");
        assert!(err.starts_with("kasseika: "), "{args:?}: {err:?}");
        assert!(!err.contains("error:"), "clap's own words: {err:?}");
    }
}

#[test]
fn command_line_mistakes_are_told_in_the_learners_language() {
    for (args, en, ja) in [
        (
            &["lisst"][..],
            "unknown command \"lisst\"",
            "「lisst」というコマンドはありません",
        ),
        (
            &["--chart", "dots"],
            "does not take \"dots\"",
            "に「dots」は指定できません",
        ),
        (&["--chart"], "needs a value", "には値が必要です"),
        (&["--frobnicate"], "is not an option", "指定できません"),
        (
            &["eval", "sigmoid"],
            "missing: <VALUES>",
            "次の指定が必要です",
        ),
        (
            &["--lesson", "a", "--lesson", "b"],
            "only once",
            "一度しか指定できません",
        ),
    ] {
        let o = run(args, &[]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.starts_with("kasseika: ") && err.contains(en),
            "{args:?}: {err}"
        );
        let o = run(args, &[("LANG", "ja_JP.UTF-8")]);
        let err = stderr(&o);
        assert!(err.contains(ja), "{args:?}: {err}");
        assert!(
            !err.contains("Usage") && !err.contains("error"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn look_alikes_are_refused_by_name() {
    for (value, en, ja) in [
        ("10²", "superscript two", "上付き文字の2"),
        ("⁻2", "superscript minus sign", "上付き文字のマイナス記号"),
        ("㊿", "circled 50", "丸囲み文字の50"),
    ] {
        let o = run(&["eval", "identity", value], &[]);
        assert_eq!(o.status.code(), Some(2), "{value}");
        assert!(o.stdout.is_empty(), "{value} is not a number");
        let err = stderr(&o);
        assert!(err.contains(en) && err.contains(value), "{err}");
        let err = stderr(&run(&["eval", "identity", value, "--lang", "ja"], &[]));
        assert!(err.contains(ja), "{err}");
    }
    // Full-width input from an input method still folds.
    let o = run(&["eval", "identity", "１０，－２．５"], &[]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "10.0\t10.0\n-2.5\t-2.5\n"
    );
}

#[test]
fn refusals_name_the_program_once() {
    let o = run(&[], &[]);
    let err = stderr(&o);
    assert!(!err.starts_with("kasseika: kasseika"), "{err}");
    assert!(err.starts_with("kasseika needs a terminal"), "{err}");
}

#[test]
fn the_help_follows_the_language() {
    let o = run(&["--help"], &[("LANG", "ja_JP.UTF-8")]);
    assert!(o.status.success());
    let help = String::from_utf8(o.stdout).unwrap();
    assert!(
        help.contains("使い方") && help.contains("--lesson"),
        "{help}"
    );
    assert!(!help.contains("Print help"), "{help}");
    let help = String::from_utf8(run(&["eval", "--help", "--lang", "ja"], &[]).stdout).unwrap();
    assert!(help.contains("関数：step"), "{help}");
    let help =
        String::from_utf8(run(&["--help", "--lang", "en"], &[("LANG", "ja_JP.UTF-8")]).stdout)
            .unwrap();
    assert!(
        help.contains("Usage") && help.contains("Print this help"),
        "{help}"
    );
}

#[test]
fn euc_jp_and_shift_jis_locales_get_their_own_bytes() {
    for (lang, encoding) in [
        ("ja_JP.eucJP", encoding_rs::EUC_JP),
        ("ja_JP.SJIS", encoding_rs::SHIFT_JIS),
    ] {
        let o = run(&["list"], &[("LANG", lang)]);
        assert!(o.status.success());
        assert!(std::str::from_utf8(&o.stdout).is_err(), "{lang}: not UTF-8");
        let (text, _, bad) = encoding.decode(&o.stdout);
        assert!(!bad, "{lang}: clean {}", encoding.name());
        assert!(text.contains("sigmoid    シグモイド関数"), "{lang}: {text}");
        // Arguments are typed in the terminal's encoding too.
        let typed = |text: &str| OsString::from_vec(encoding.encode(text).0.into_owned());
        let o = kasseika(&[], &[("LANG", lang)])
            .args(["eval", "relu", "1"])
            .arg(typed("ｘ"))
            .output()
            .unwrap();
        let (err, _, bad) = encoding.decode(&o.stderr);
        assert!(!bad && err.contains("2 番目の「ｘ」"), "{lang}: {err}");
        let o = kasseika(&[], &[("LANG", lang)])
            .args(["eval", "identity"])
            .arg(typed("１，－２．５"))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{lang}: {}", stderr(&o));
        assert_eq!(o.stdout, b"1.0\t1.0\n-2.5\t-2.5\n", "{lang}");
    }
}

#[test]
fn an_argument_that_is_no_text_is_refused_by_name_in_the_learners_language() {
    let o = kasseika(&[], &[("LANG", "ja_JP.UTF-8")])
        .args(["eval", "identity"])
        .arg(OsString::from_vec(b"1\xff".to_vec()))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("kasseika: ") && err.contains("数値として読めません"),
        "{err}"
    );
    assert!(!err.contains("invalid UTF-8"), "{err}");
}

#[test]
fn an_ascii_locale_gets_english_and_says_why() {
    let o = run(&["list", "--lang", "ja"], &[("LANG", "C")]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(out.is_ascii() && out.contains("Sigmoid function"), "{out}");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("Japanese") && err.contains("ASCII"), "{err}");
    // A Latin-1 locale is named as such, and the message says what does work.
    let o = run(&["list", "--lang", "ja"], &[("LANG", "en_US.ISO-8859-1")]);
    let err = stderr(&o);
    assert!(
        err.contains("(ISO-8859-1)") && err.contains("EUC-JP"),
        "{err}"
    );
}

#[test]
fn a_japanese_terminal_in_euc_jp() {
    let mut s = spawn(&["--lesson", "sigmoid"], &[("LANG", "ja_JP.eucJP")], 80, 24);
    // The screen as an EUC-JP terminal shows it.
    let screen = |s: &common::pty::Session| {
        let (text, _, bad) = encoding_rs::EUC_JP.decode(&s.output);
        assert!(!bad, "clean EUC-JP");
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut terminal = vt100::Parser::new(size(24), size(80), 0);
        terminal.process(text.as_bytes());
        terminal.screen().contents()
    };
    let wait = |s: &mut common::pty::Session, what: &str| {
        let start = std::time::Instant::now();
        while !screen(s).contains(what) {
            assert!(start.elapsed() < common::pty::PATIENCE, "{}", screen(s));
            s.pump(std::time::Duration::from_millis(50));
        }
    };
    wait(&mut s, "シグモイド関数");
    // One full-width digit typed in EUC-JP, then Enter.
    s.send(b"\t\xa3\xb1\r");
    wait(&mut s, "0.73105858");
    assert!(screen(&s).contains("> １"), "{}", screen(&s));
    assert!(std::str::from_utf8(&s.output).is_err(), "not UTF-8");
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_dumb_or_unnamed_terminal_is_refused_in_one_sentence() {
    for (env, unset) in [
        (vec![("TERM", "dumb")], vec![]),
        (vec![], vec!["TERM"]),
        (vec![("TERM", "")], vec![]),
    ] {
        let mut s = spawn_without(&["--lang", "en"], &env, &unset, 80, 24);
        assert_eq!(s.wait_exit(), 2, "{env:?} {unset:?}");
        let out = String::from_utf8_lossy(&s.output).into_owned();
        assert!(!out.contains("\x1b[?1049h"), "no screen was drawn: {out:?}");
        assert!(out.contains("kasseika show ID"), "{out}");
        assert_eq!(out.trim_end().lines().count(), 1, "one line: {out}");
    }
}

#[test]
fn fewer_than_8_colours_means_no_colour() {
    let mut s = spawn(
        &["--lang", "en", "--lesson", "overflow"],
        &[("TERM", "vt100")],
        80,
        24,
    );
    s.wait_for("the overflow lesson", |t| t.contains("Softmax overflow"));
    s.send(b"\t1010 1000 990\r");
    s.wait_for("the result", |t| t.contains("0.9999546"));
    let codes = common::pty::colour_codes(&s.output);
    assert!(codes.is_empty(), "colour codes written: {codes:?}");
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

/// `TERM=linux`, `screen` (tmux's default) and `ansi` know 8 colours and no italics
/// (screen and tmux show italics as reverse video): they get the basic colour codes
/// (30-37, 40-47) and no italics, never `38;5;N`.
#[test]
fn eight_colour_terminals_get_the_basic_codes_and_no_italics() {
    for term in ["linux", "screen", "ansi"] {
        let mut s = spawn(
            &["--lang", "en", "--lesson", "sigmoid"],
            &[("TERM", term)],
            80,
            24,
        );
        s.wait_for("the sigmoid lesson", |t| t.contains("Sigmoid function"));
        s.send(b"\t0.5\r");
        s.wait_for("the result", |t| t.contains("0.62245933"));
        let codes = common::pty::colour_codes(&s.output);
        assert!(!codes.is_empty(), "{term}: colour is kept");
        for code in &codes {
            let params: Vec<&str> = code
                .trim_start_matches("ESC[")
                .trim_end_matches('m')
                .split(';')
                .collect();
            assert!(
                params
                    .iter()
                    .all(|p| p.parse::<u32>().is_ok_and(|n| n < 50 && n != 38 && n != 48)),
                "{term}: {code} is not a basic colour code"
            );
        }
        let out = String::from_utf8_lossy(&s.output);
        assert!(!out.contains("\x1b[3m"), "{term}: italics written");
        assert!(
            !out.contains("\x1b[59m"),
            "{term}: underline colour written"
        );
        s.send(b"\x03");
        assert_eq!(s.wait_exit(), 0);
    }
}
