//! kasseika as a learner's terminal sees it, in a pseudo-terminal at 80x24:
//!
//! - start-up to the first full frame, beside `examples/floor.rs` (a minimal
//!   ratatui program that draws one braille chart: the floor to compare with);
//! - bytes written for the first frame, one typed character, one evaluation, a
//!   lesson change;
//! - peak resident memory (VmHWM) after visiting every lesson.
//!
//! Run: `cargo bench --bench terminal` (Linux: reads /proc).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const RUNS: usize = 50;
const PATIENCE: Duration = Duration::from_secs(20);

struct Session {
    parser: vt100::Parser,
    output: usize,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

fn spawn(program: &Path, args: &[&str]) -> Session {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    Session {
        parser: vt100::Parser::new(24.try_into().unwrap(), 80.try_into().unwrap(), 0),
        output: 0,
        rx,
        writer,
        child,
        _master: pair.master,
    }
}

impl Session {
    /// Reads until `done(screen)`; returns when it became true.
    fn until(&mut self, done: impl Fn(&str) -> bool) -> Instant {
        let start = Instant::now();
        loop {
            if done(&self.parser.screen().contents()) {
                return Instant::now();
            }
            let bytes = self
                .rx
                .recv_timeout(PATIENCE.saturating_sub(start.elapsed()))
                .expect("the screen did not show what was expected");
            self.output += bytes.len();
            self.parser.process(&bytes);
        }
    }

    /// Reads until nothing arrives for 200 ms; returns the bytes read.
    fn settle(&mut self) -> usize {
        let before = self.output;
        while let Ok(bytes) = self.rx.recv_timeout(Duration::from_millis(200)) {
            self.output += bytes.len();
            self.parser.process(&bytes);
        }
        self.output - before
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    fn peak_rss_kib(&self) -> u64 {
        let pid = self.child.process_id().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }

    fn finish(mut self, quit: &[u8]) {
        self.send(quit);
        let start = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(start.elapsed() < PATIENCE, "did not exit");
            let _ = self.rx.recv_timeout(Duration::from_millis(20));
        }
    }
}

fn floor_binary(kasseika: &Path) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--example", "floor"])
        .status()
        .expect("cargo builds the floor program");
    assert!(status.success());
    let dir = kasseika.parent().unwrap();
    // Benches build into target/release; so does `--release`.
    dir.join("examples").join("floor")
}

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (samples[0], samples[samples.len() / 2])
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` asks benches to name themselves.
    }
    let kasseika = PathBuf::from(env!("CARGO_BIN_EXE_kasseika"));
    let floor = floor_binary(&kasseika);

    // Start-up to the first full frame, alternating the two programs.
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let start = Instant::now();
        let mut s = spawn(&kasseika, &["--lang", "en", "--lesson", "sigmoid"]);
        let shown = s.until(|t| t.contains("Sigmoid function") && t.contains("quit"));
        ours.push(shown - start);
        s.finish(b"q");

        let start = Instant::now();
        let mut s = spawn(&floor, &[]);
        let shown =
            s.until(|t| t.contains("sigmoid") && t.lines().count() >= 24 && t.contains('┘'));
        theirs.push(shown - start);
        s.finish(b"q");
    }
    let (ours_min, ours_median) = stats(ours);
    let (floor_min, floor_median) = stats(theirs);
    println!("start-up to first full frame, 80x24, {RUNS} runs");
    println!(
        "  kasseika (sigmoid lesson)  median {}  min {}",
        ms(ours_median),
        ms(ours_min)
    );
    println!(
        "  floor (one ratatui chart)  median {}  min {}",
        ms(floor_median),
        ms(floor_min)
    );
    println!(
        "  ratio                      {:.2}x of medians, {:.2}x of minimums",
        ours_median.as_secs_f64() / floor_median.as_secs_f64(),
        ours_min.as_secs_f64() / floor_min.as_secs_f64()
    );

    // Bytes on the wire.
    let mut s = spawn(&kasseika, &["--lang", "en", "--lesson", "sigmoid"]);
    s.until(|t| t.contains("quit"));
    let first = s.settle() + s.output;
    s.send(b"\t");
    let focus = s.settle();
    s.send(b"1");
    let key = s.settle();
    s.send(b"\r");
    let eval = s.settle();
    s.send(b"\x1b");
    s.settle();
    s.send(b"n");
    let next = s.settle();
    // Visit every lesson and evaluate something in each, for the memory peak.
    for _ in 0..7 {
        s.send(b"p");
        s.settle();
    }
    for _ in 0..7 {
        s.send(b"\t1e3, -2, inf\r\x1b");
        s.settle();
        s.send(b"n");
        s.settle();
    }
    s.send(b"L");
    s.settle();
    let peak = s.peak_rss_kib();
    s.finish(b"q");
    println!("bytes written at 80x24");
    println!("  first frame           {first}");
    println!("  focus the input box   {focus}");
    println!("  type one character    {key}");
    println!("  evaluate (Enter)      {eval}");
    println!("  next lesson           {next}");

    let mut s = spawn(&floor, &[]);
    s.until(|t| t.contains("sigmoid"));
    s.settle();
    let floor_peak = s.peak_rss_kib();
    s.finish(b"q");
    println!("peak resident memory (VmHWM)");
    println!(
        "  kasseika, every lesson visited  {:.1} MiB",
        peak as f64 / 1024.0
    );
    println!(
        "  floor                           {:.1} MiB",
        floor_peak as f64 / 1024.0
    );
}
