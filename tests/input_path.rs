//! The input path of the real binary in a pseudo-terminal: bursts, unfinished escape
//! sequences, resizes, Ctrl-C, Ctrl-Z and `fg`, SIGQUIT. Each case is one that once
//! stalled the app or left the terminal broken. Nothing here times anything: each
//! test waits for what must happen, and a wait that runs out fails.

mod common;

use std::path::Path;

use common::pty::{Session, spawn, spawn_program};

fn sigmoid_lesson() -> Session {
    let mut s = spawn(&["--lang", "en", "--lesson", "sigmoid"], &[], 80, 24);
    s.wait_for("the sigmoid lesson", |t| {
        t.contains("Sigmoid function") && t.contains("4/9")
    });
    s
}

fn help_shows(screen: &str) -> bool {
    screen.contains("Keys") && screen.contains("Show or hide this help")
}

#[test]
fn a_burst_of_1025_keys_then_help() {
    let mut s = sigmoid_lesson();
    let mut burst = vec![b'k'; 1025];
    burst.push(b'?');
    s.send_burst(burst);
    s.wait_for("the help after the burst", help_shows);
    s.send(b"?");
    s.wait_for("the help closed", |t| !help_shows(t));
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored());
}

#[test]
fn ctrl_c_quits_right_after_a_burst_of_4001_keys() {
    let mut s = sigmoid_lesson();
    s.send_burst(vec![b'k'; 4001]);
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0, "Ctrl-C quits");
    assert!(s.restored(), "terminal not restored");
}

#[test]
fn an_unbracketed_20_kb_paste_with_a_resize_leaves_the_next_key_working() {
    let mut s = sigmoid_lesson();
    s.send(b"\t");
    s.wait_for("the input box", |t| t.contains("Enter to evaluate"));
    let paste: Vec<u8> = b"1, 2 ".iter().copied().cycle().take(20_000).collect();
    s.send_burst(paste);
    s.resize(90, 26);
    s.wait_for("the capped input", |t| t.contains("at most 200"));
    // Ctrl-U clears the box; then one value and Enter.
    s.send(b"\x152\r");
    s.wait_for("sigmoid(2) at the new size", |t| t.contains("0.88079708"));
    let screen = s.screen();
    assert!(
        screen
            .lines()
            .next()
            .is_some_and(|l| l.trim_end().len() > 80),
        "drawn 90 wide:\n{screen}"
    );
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored());
}

#[test]
fn an_unfinished_escape_sequence_does_not_swallow_resizes_or_ctrl_c() {
    for partial in [&b"\x1b[1"[..], b"\x1b[?", b"\x1b[<0;1", b"\x1b[200~"] {
        let mut s = sigmoid_lesson();
        s.send(partial);
        s.settle();
        s.resize(70, 22);
        s.wait_for("a frame at the new size", |t| {
            t.lines().next().is_some_and(|l| l.trim_end().len() > 60)
                && t.lines().all(|l| l.chars().count() <= 70)
                // The lessons, or the help that `?` of `ESC [ ?` opens over them
                // (a page taller than the screen covers the header too).
                && (t.contains("Sigmoid") || t.contains("4/9") || t.contains("Keys: reading"))
        });
        s.send(b"\x03");
        assert_eq!(s.wait_exit(), 0, "Ctrl-C after {partial:?}");
        assert!(s.restored(), "after {partial:?}");
    }
}

#[test]
fn every_key_of_a_100_kb_burst_counts_and_the_next_key_works() {
    let mut s = sigmoid_lesson();
    s.send(b"\t");
    s.wait_for("the input box", |t| t.contains("Enter to evaluate"));
    // Each piece types two characters and erases them: if one byte were lost or
    // left unread, the box would not be empty at the end.
    let burst: Vec<u8> = b"12\x7f\x7f"
        .iter()
        .copied()
        .cycle()
        .take(100_000)
        .collect();
    s.send_burst(burst);
    s.send(b"3\r");
    s.wait_for("sigmoid(3)", |t| t.contains("0.95257413"));
    assert!(s.screen().contains("> 3 "), "{}", s.screen());
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_split_character_and_an_alt_key_in_the_input_box() {
    let mut s = sigmoid_lesson();
    s.send(b"\t");
    s.wait_for("the input box", |t| t.contains("Enter to evaluate"));
    let one = "１".as_bytes();
    s.send(&one[..1]);
    s.settle();
    s.send(&one[1..]);
    // Alt-Backspace erases the word before the cursor; then 2.
    s.send("0 9".as_bytes());
    s.send(b"\x1b\x7f2\r");
    s.wait_for("two values", |t| t.contains("0.88079708"));
    assert!(s.screen().contains("> １0 2 "), "{}", s.screen());
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_bracketed_paste_goes_to_the_input_box() {
    let mut s = sigmoid_lesson();
    s.send(b"\x1b[200~1, q\r\n2\x1b[201~");
    s.wait_for("the pasted text", |t| t.contains("> 1, q 2"));
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn sigquit_restores_the_terminal() {
    let mut s = sigmoid_lesson();
    s.signal("QUIT");
    assert_eq!(s.wait_exit(), 128 + 3, "SIGQUIT");
    assert!(s.restored(), "terminal not restored");
}

/// The shell job-control dance: Ctrl-Z stops kasseika (its terminal restored), `fg`
/// brings it back in raw mode with the whole screen redrawn. Job control needs a
/// shell: run in an interactive bash.
#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let mut s = spawn_program(
        Path::new("/bin/bash"),
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "prompt$ ")],
        80,
        24,
    );
    s.wait_for("the prompt", |t| t.contains("prompt$"));
    let command = format!(
        "{} --lang en --lesson step\r",
        env!("CARGO_BIN_EXE_kasseika")
    );
    s.send(command.as_bytes());
    s.wait_for("the step lesson", |t| t.contains("Step function"));
    s.send(b"\x1a");
    s.wait_for("the job stopped", |t| t.contains("Stopped"));
    assert!(
        !s.parser.screen().alternate_screen(),
        "the alternate screen was left"
    );
    s.send(b"fg\r");
    s.wait_for("the lesson drawn again", |t| {
        t.contains("Step function") && !t.contains("Stopped")
    });
    assert!(s.parser.screen().alternate_screen());
    // Raw mode is back: one key, no Enter, moves to the next lesson.
    s.send(b"n");
    s.wait_for("the next lesson", |t| t.contains("Identity function"));
    s.send(b"q");
    s.wait_for("the prompt again", |t| t.contains("prompt$"));
    assert!(!s.parser.screen().alternate_screen());
    s.send(b"echo status=$?\r");
    s.wait_for("the exit status", |t| t.contains("status=0"));
    s.send(b"exit\r");
}
