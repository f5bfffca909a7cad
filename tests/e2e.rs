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
        t.contains("Sigmoid function") && t.contains("4/9")
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
    assert!(screen.contains("正確な値"), "{screen}");
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
    assert!(s.screen().contains("9/9"));
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
        err.contains("intro, step, identity, sigmoid, relu, vanishing, modern, softmax, overflow"),
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

fn kill(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn signals_restore_the_terminal_and_exit() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let mut s = spawn(&["--lang", "en", "--lesson", "step"], &[], 80, 24);
        s.wait_for("the step lesson", |t| t.contains("Step function"));
        s.send(b"\t1");
        s.settle();
        kill(s.child.process_id().unwrap(), signal);
        assert_eq!(s.wait_exit(), 128 + number, "SIG{signal}");
        assert!(s.restored(), "SIG{signal}: terminal not restored");
    }
}

/// CPU time (user + system, in clock ticks) the process has used so far.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn idle_means_no_bytes_and_no_cpu() {
    let mut s = spawn(&["--lang", "en", "--lesson", "sigmoid"], &[], 80, 24);
    s.wait_for("the sigmoid lesson", |t| t.contains("Sigmoid function"));
    let pid = s.child.process_id().unwrap();
    let before = cpu_ticks(pid);
    let written = s.pump(std::time::Duration::from_millis(1500));
    assert_eq!(written, 0, "bytes written while idle");
    assert_eq!(cpu_ticks(pid), before, "CPU used while idle");
}

#[test]
fn a_keystroke_writes_a_few_dozen_bytes_and_an_evaluation_under_1500() {
    let mut s = spawn(&["--lang", "en", "--lesson", "sigmoid"], &[], 80, 24);
    s.wait_for("the sigmoid lesson", |t| t.contains("Sigmoid function"));
    s.send(b"\t");
    s.settle();
    let start = s.output.len();
    s.send(b"1");
    s.wait_for("the typed 1", |t| t.contains("> 1 "));
    let typed = s.output.len() - start;
    assert!(typed < 100, "{typed} bytes for one character");
    let start = s.output.len();
    s.send(b"\r");
    s.wait_for("sigmoid(1)", |t| t.contains("0.73105858"));
    let evaluated = s.output.len() - start;
    assert!(evaluated < 1500, "{evaluated} bytes for one evaluation");
    eprintln!("one character: {typed} bytes; one evaluation: {evaluated} bytes");
}

#[test]
fn no_color_writes_no_colour_codes() {
    let mut s = spawn(
        &["--lang", "en", "--lesson", "overflow"],
        &[("NO_COLOR", "1")],
        80,
        24,
    );
    s.wait_for("the overflow lesson", |t| t.contains("Softmax overflow"));
    s.send(b"\t1010 1000 990\r");
    s.wait_for("the result", |t| t.contains("0.9999546"));
    let codes = common::pty::colour_codes(&s.output);
    assert!(codes.is_empty(), "colour codes written: {codes:?}");
}

#[test]
fn a_c_locale_gets_a_plain_ascii_screen() {
    let mut s = spawn(&["--lesson", "relu"], &[("LANG", "C")], 80, 24);
    s.wait_for("the relu lesson", |t| {
        t.contains("ReLU") && t.contains("quit")
    });
    let screen = s.screen();
    assert!(screen.is_ascii(), "{screen}");
    assert!(screen.contains("+ ReLU ---"), "ASCII borders:\n{screen}");
}

#[test]
fn an_answer_box_takes_nan_and_inf_as_typed() {
    for (lang, cols, rows, right, wrong) in [
        ("en", 80, 24, "Right!", "Not quite"),
        ("ja", 60, 20, "正解です", "違います"),
    ] {
        let mut s = spawn(&["--lang", lang, "--lesson", "overflow"], &[], cols, rows);
        s.wait_for("the overflow lesson", |t| t.contains("9/9"));
        s.send(b"e");
        s.wait_for("its exercises", |t| t.contains("│ 1. "));
        // The third one: find inputs where even the stable softmax gives NaN.
        s.send(b"\x1b[6~\x1b[6~");
        s.wait_for("the third exercise", |t| t.contains("│ 3. "));
        // `n` types: nan is answered, the lesson does not change.
        s.send(b"nan\r");
        s.wait_for("nan answered", |t| t.contains(right));
        let screen = s.screen();
        assert!(screen.contains("9/9"), "{lang}: still lesson 9\n{screen}");
        // A number question reads `inf` as inf (a wrong answer, not "nf").
        s.send(b"\x1b[5~\x1b[5~");
        s.wait_for("the first exercise", |t| t.contains("│ 1. "));
        s.send(b"inf\r");
        s.wait_for("inf answered", |t| t.contains(wrong));
        let screen = s.screen();
        assert!(!screen.contains("\"nf\""), "{lang}: {screen}");
        s.send(b"\x03");
        assert_eq!(s.wait_exit(), 0);
    }
}
