//! The real binary in a pseudo-terminal: typing into the input box, switching
//! language, quitting, and the command line's refusals.

mod common;

use std::process::Command;

use common::pty::spawn;

const BIN: &str = env!("CARGO_BIN_EXE_kasseika");

#[test]
fn type_a_value_and_read_the_answer() {
    let mut s = spawn(&["--lang", "en", "--lesson", "sigmoid"], &[], 80, 24);
    s.wait_for("the sigmoid lesson", |t| {
        t.contains("Sigmoid function") && t.contains("4/7")
    });
    s.send(b"\t0.5\r");
    s.wait_for("sigmoid(0.5)", |t| t.contains("0.62245933"));
    let screen = s.screen();
    assert!(
        screen.contains("(0.5, 0.62245933)"),
        "probe label:\n{screen}"
    );
    assert!(screen.contains("Result"), "{screen}");
    // Leave the input box, quit, and find the terminal as it was.
    s.send(b"\x1b");
    s.settle();
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored(), "terminal not restored");
}

#[test]
fn japanese_full_width_input_and_switching_language_in_place() {
    let mut s = spawn(
        &["--lesson", "overflow"],
        &[("LANG", "ja_JP.UTF-8")],
        80,
        24,
    );
    s.wait_for("the Japanese overflow lesson", |t| {
        t.contains("ソフトマックスのオーバーフロー")
    });
    s.send("i７１０".as_bytes());
    s.send(b"\r");
    s.wait_for("e^710 in float64", |t| t.contains("e^710"));
    let screen = s.screen();
    assert!(screen.contains("inf"), "{screen}");
    assert!(screen.contains("本来の値"), "{screen}");
    // The cursor sits after the full-width text: prompt, space, 3 wide characters.
    let (row, col) = s.parser.screen().cursor_position();
    let prompt = (0..80u16)
        .rev()
        .find(|&c| {
            s.parser
                .screen()
                .cell(row, c)
                .is_some_and(|cell| cell.contents() == ">")
        })
        .expect("the prompt is on the cursor's row");
    assert_eq!(
        col,
        prompt + 2 + 6,
        "cursor at the display width of the text"
    );
    // Esc, then L: English, same lesson, same input.
    s.send(b"\x1b");
    s.settle();
    s.send(b"L");
    s.wait_for("English", |t| t.contains("Softmax overflow"));
    assert!(s.screen().contains("> ７１０"), "{}", s.screen());
    assert!(s.screen().contains("7/7"));
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored());
}

#[test]
fn unknown_language_or_lesson_is_refused_with_the_choices() {
    let out = Command::new(BIN)
        .args(["--lang", "fr"])
        .env("LANG", "C")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fr") && err.contains("en, ja"), "{err}");

    let out = Command::new(BIN)
        .args(["--lang", "ja", "--lesson", "tanh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("「tanh」"), "in Japanese: {err}");
    assert!(
        err.contains("intro, step, identity, sigmoid, relu, softmax, overflow"),
        "{err}"
    );
}

#[test]
fn help_and_version() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--lang") && help.contains("--lesson"),
        "{help}"
    );
    let out = Command::new(BIN).arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_panic_restores_the_terminal() {
    // Debug builds panic after the first frame when asked to (tests run debug builds).
    let mut s = spawn(&["--lang", "en"], &[("KASSEIKA_DEBUG_PANIC", "1")], 80, 24);
    let code = s.wait_exit();
    assert_eq!(code, 101, "a panic exits with 101");
    assert!(s.restored(), "terminal not restored after a panic");
    assert!(
        s.screen().contains("KASSEIKA_DEBUG_PANIC"),
        "the panic message is shown after restoring:\n{}",
        s.screen()
    );
}
