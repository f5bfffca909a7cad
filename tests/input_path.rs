//! The input path of the real binary in a pseudo-terminal: bursts, unfinished escape
//! sequences, resizes, Ctrl-C, Ctrl-Z and `fg`, SIGQUIT. Each case is one that once
//! stalled the app or left the terminal broken. Nothing here times anything: each
//! test waits for what must happen, and a wait that runs out fails.

mod common;

use std::path::Path;

use common::pty::{Raw, RawOptions, Session, spawn, spawn_program, spawn_raw};

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

/// Keys that scroll are cheap (the reading text is not typeset again for each), so a
/// key after a long burst of them takes effect as soon as the burst is read. Typeset
/// for every key, 256 KB of `k` took minutes in a debug build.
#[test]
fn help_shows_after_a_quarter_megabyte_of_scroll_keys() {
    let mut s = sigmoid_lesson();
    let mut burst: Vec<u8> = b"jk".iter().copied().cycle().take(256 * 1024).collect();
    burst.extend(b"LL");
    burst.push(b'?');
    s.send_burst(burst);
    s.wait_for("the help after the burst", help_shows);
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

/// A flood far past what is kept (12 MB; nobody types that much) is read to its end
/// and dropped past the cap, so a Ctrl-C behind it is seen as soon as it arrives. The
/// reading used to stop at the cap, and the Ctrl-C waited in the terminal behind the
/// rest of the flood.
#[test]
fn ctrl_c_quits_behind_a_12_mb_flood() {
    let mut s = sigmoid_lesson();
    s.send_burst(vec![b'k'; 12 << 20]);
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0, "Ctrl-C quits");
    assert!(s.restored(), "terminal not restored");
}

/// The same with Ctrl-C as terminals that report modifiers send it: xterm's
/// "modifyOtherKeys" (tmux's `extended-keys`) and the kitty keyboard protocol. Only
/// byte 3 used to be watched for: behind a 10 MB flood of keys that each take some
/// work (a change of lesson), these fell past the cap with the rest of the flood and
/// never quit.
#[test]
fn ctrl_c_in_its_escape_forms_quits_behind_a_10_mb_flood() {
    for form in [&b"\x1b[27;5;99~"[..], b"\x1b[99;5u"] {
        let mut s = sigmoid_lesson();
        s.send_burst(b"np".iter().copied().cycle().take(10 << 20).collect());
        s.send(form);
        assert_eq!(s.wait_exit(), 0, "{form:?} quits");
        assert!(s.restored(), "terminal not restored after {form:?}");
    }
}

/// The `q` of a string the terminal sends (here tmux's answer to XTVERSION, a DCS,
/// and an OSC colour report) is part of the string, not a key that quits.
#[test]
fn strings_the_terminal_sends_are_not_keys() {
    let mut s = sigmoid_lesson();
    s.send(b"\x1bP>|tmux 3.4q\x1b\\\x1b]11;rgb:0000/0000/0000\x07\x1bPq");
    // The last DCS is cut short by an escape of its own: `?` after it counts.
    s.send(b"\x1b\\?");
    s.wait_for("the help", help_shows);
    assert!(s.child.try_wait().unwrap().is_none(), "still running");
    s.send(b"?");
    s.wait_for("the help closed", |t| !help_shows(t));
    s.send(b"q");
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

/// A window resized while kasseika is stopped is drawn at its new size on `fg`. The
/// stopped process never hears of the resize (SIGWINCH goes to the foreground group,
/// the shell), and the lesson used to be drawn for 80x24 in a 60x20 window, wrapped
/// into garbage until the next resize.
#[test]
fn a_resize_while_suspended_is_drawn_on_fg() {
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
    s.resize(60, 20);
    s.send(b"clear; fg\r");
    // The header's right end, the footer on the last row, the reading pane's corner:
    // where a frame of 60x20 has them.
    s.wait_for("the lesson drawn at 60x20", |t| {
        let rows: Vec<&str> = t.lines().collect();
        rows.len() == 20
            && rows[0].trim_end().ends_with("English  2/9")
            && rows[1].starts_with("┌ Step function")
            && rows[1].trim_end().ends_with('┐')
            && rows[1].chars().count() == 60
            && rows[19].contains("quit")
    });
    s.send(b"q");
    s.wait_for("the prompt again", |t| t.contains("prompt$"));
    s.send(b"exit\r");
}

/// Where no shell with job control started kasseika (here it leads its own session,
/// as under `setsid` or `ssh -t host kasseika`), nobody could bring it back: Ctrl-Z
/// does nothing and the help does not offer it. It used to leave the screen and raw
/// mode for a moment (a Ctrl-\\ typed then killed it) and come back.
#[test]
fn without_job_control_ctrl_z_is_neither_offered_nor_tried() {
    let mut s = raw_sigmoid_lesson(RawOptions::default());
    s.send(b"?");
    s.wait_for("the help", |t| t.contains("Show or hide this help"));
    assert!(!s.screen().contains("Ctrl-Z"), "{}", s.screen());
    s.send(b"?");
    s.wait_for("the help closed", |t| !t.contains("Show or hide this help"));
    let before = s.output.len();
    // Ctrl-Z, and a key whose effect shows that the Ctrl-Z was handled before it.
    s.send(b"\x1an");
    s.wait_for("the next lesson", |t| {
        t.contains("ReLU") && t.contains("5/9")
    });
    let after = String::from_utf8_lossy(&s.output[before..]).into_owned();
    assert!(
        !after.contains("\x1b[?1049l"),
        "the alternate screen was left: {after:?}"
    );
    assert!(!s.cooked(), "raw mode was left");
    s.send(b"q");
    assert_eq!(s.wait_exit(), Some(0));
}

fn raw_sigmoid_lesson(options: RawOptions) -> Raw {
    let mut s = spawn_raw(&["--lang", "en", "--lesson", "sigmoid"], &[], options);
    s.wait_for("the sigmoid lesson", |t| {
        t.contains("Sigmoid function") && t.contains("4/9")
    });
    s
}

/// A terminal that goes away (its window closed, its SSH connection dropped) ends
/// kasseika as a hangup does: status 129. ratatui, dropping its terminal, used to show
/// the cursor on the dead terminal, fail, and print that to the dead standard error,
/// which panicked (status 101).
#[test]
fn a_terminal_that_goes_away_ends_it_as_a_hangup_without_a_panic() {
    let mut s = raw_sigmoid_lesson(RawOptions::default());
    s.hang_up();
    assert_eq!(s.wait_exit(), Some(128 + libc::SIGHUP));
}

/// A window far larger than any screen (`stty rows 30000 cols 30000`, a SIGWINCH with
/// 65535x65535) is drawn at the capped size: no allocation of tens of gigabytes, no
/// abort, and back at 80x24 the lesson is there and keys work.
#[test]
fn a_huge_window_is_capped_and_the_app_goes_on() {
    let mut s = raw_sigmoid_lesson(RawOptions::default());
    for (cols, rows) in [(30_000, 30_000), (65_535, 65_535), (4_000, 4_000)] {
        s.resize(cols, rows);
        s.send(b"n");
        s.pump(std::time::Duration::from_millis(300));
        s.resize(80, 24);
        s.send(b"p");
        s.wait_for("the lesson at 80x24 again", |t| {
            t.contains("Sigmoid function") && t.contains("4/9")
        });
    }
    let peak_mib = s.peak_rss_kib() / 1024;
    assert!(peak_mib < 100, "peak memory {peak_mib} MiB");
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), Some(0));
    assert!(s.cooked());
}

/// A terminal left non-blocking (`O_NONBLOCK`, as a crashed program may leave it)
/// works as any other; the flag is put back as it was found.
#[test]
fn a_non_blocking_terminal_works_and_is_left_as_found() {
    let mut s = raw_sigmoid_lesson(RawOptions { nonblocking: true });
    s.send(b"n");
    s.wait_for("the next lesson", |t| {
        t.contains("ReLU") && t.contains("5/9")
    });
    s.send(b"q");
    assert_eq!(s.wait_exit(), Some(0));
    // SAFETY: fcntl on the test's own descriptor.
    let flags = unsafe { libc::fcntl(s.slave_fd(), libc::F_GETFL) };
    assert_ne!(flags & libc::O_NONBLOCK, 0, "left as it was found");
    assert!(s.cooked());
}

/// Makes the program write until the terminal, which reads nothing, holds it up.
fn stall_the_output(s: &mut Raw) {
    s.set_reading(false);
    let mut round = 0;
    while s.unread_output() < 1024 || round < 50 {
        s.send(b"Ln");
        s.resize(60 + round % 40, 20 + round % 10);
        round += 1;
        std::thread::sleep(std::time::Duration::from_millis(2));
        assert!(round < 5000, "the output never backed up");
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
}

/// While the terminal does not read (a stalled SSH link, a frozen pane), a
/// terminating signal or Ctrl-C still ends kasseika, with the terminal out of raw
/// mode. It used to hang in `write` until the terminal read again.
#[test]
fn signals_and_ctrl_c_end_it_while_the_terminal_does_not_read() {
    for (how, status) in [
        ("TERM", 128 + libc::SIGTERM),
        ("HUP", 128 + libc::SIGHUP),
        ("INT", 128 + libc::SIGINT),
        ("Ctrl-C", 0),
    ] {
        let mut s = raw_sigmoid_lesson(RawOptions::default());
        stall_the_output(&mut s);
        match how {
            "TERM" => s.signal(libc::SIGTERM),
            "HUP" => s.signal(libc::SIGHUP),
            "INT" => s.signal(libc::SIGINT),
            _ => s.send(b"\x03"),
        }
        assert_eq!(s.wait_exit(), Some(status), "{how}");
        assert!(s.cooked(), "{how}: raw mode left on");
    }
}

/// `kill %1` on a suspended kasseika (bash sends SIGTERM, then SIGCONT) ends it in
/// the background, without touching the terminal. It used to read the terminal as
/// soon as it was continued, and stop again ("Stopped (tty input)") until `fg`.
#[test]
fn kill_ends_a_suspended_job_and_bg_then_fg_brings_it_back() {
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
    // `set -b`: bash tells of the job's end as soon as it learns of it.
    s.send(b"set -b; clear; kill %1\r");
    s.wait_for("the job's end, status 143", |t| t.contains("Exit 143"));
    // Suspended, continued in the background, brought back.
    s.send(command.as_bytes());
    s.wait_for("the step lesson", |t| t.contains("Step function"));
    s.send(b"\x1a");
    s.wait_for("the job stopped", |t| t.contains("Stopped"));
    s.send(b"clear; bg\r");
    s.wait_for("the job in the background", |t| t.contains("&"));
    s.send(b"fg\r");
    s.wait_for("the lesson drawn again", |t| t.contains("Step function"));
    s.send(b"n");
    s.wait_for("the next lesson", |t| t.contains("Identity function"));
    s.send(b"q");
    s.wait_for("the prompt again", |t| t.contains("prompt$"));
    s.send(b"echo status=$?\r");
    s.wait_for("the exit status", |t| t.contains("status=0"));
    s.send(b"exit\r");
}
