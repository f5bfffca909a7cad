//! kasseika as a learner's terminal sees it, in a pseudo-terminal at 80x24:
//!
//! - start-up to the first full frame, beside `examples/floor.rs` (a minimal
//!   ratatui program that draws one braille chart: the floor to compare with);
//! - bytes written for the first frame, one typed character, one evaluation, a
//!   lesson change;
//! - peak resident memory (VmHWM) after visiting every lesson;
//! - after a burst of keys (100 KB and 1 MB of `k`, 100 KB of `L`, as a paste without
//!   bracketed paste or a key held over a slow link brings), the time until a `?`
//!   behind it shows the help, and until a Ctrl-C behind 12 MB ends the program.
//!
//! - the CPU time of `kasseika --version` (user and system, the mean of 50 runs).
//!
//! Run: `cargo bench --bench terminal` (Linux: reads /proc); `cargo bench --bench
//! terminal -- start` stops after start-up, `--version` and memory.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "../tests/common/pty.rs"]
#[allow(dead_code)]
mod pty;

use pty::{Session, spawn_program};

const RUNS: usize = 50;

fn spawn(program: &Path, args: &[&str]) -> Session {
    spawn_program(program, args, &[], 80, 24)
}

fn finish(mut s: Session, quit: &[u8]) {
    s.send(quit);
    s.wait_exit();
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

/// CPU time (user and system) used by the children that ended so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// The mean CPU time of `program args`, run `runs` times to the end.
fn cpu_per_run(program: &Path, args: &[&str], runs: u32) -> Duration {
    let before = children_cpu();
    for _ in 0..runs {
        let out = Command::new(program)
            .args(args)
            .env_clear()
            .env("LANG", "C.UTF-8")
            .output()
            .expect("the program runs");
        assert!(out.status.success(), "{out:?}");
    }
    (children_cpu() - before) / runs
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` asks benches to name themselves.
    }
    let start_only = std::env::args().skip(1).any(|a| a == "start");
    let kasseika = PathBuf::from(env!("CARGO_BIN_EXE_kasseika"));
    let floor = floor_binary(&kasseika);

    // Start-up to the first full frame, alternating the two programs.
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let start = Instant::now();
        let mut s = spawn(&kasseika, &["--lang", "en", "--lesson", "sigmoid"]);
        let shown = s.until("the lesson", |t| {
            t.contains("Sigmoid function") && t.contains("quit")
        });
        ours.push(shown - start);
        finish(s, b"q");

        let start = Instant::now();
        let mut s = spawn(&floor, &[]);
        let shown = s.until("the chart", |t| {
            t.contains("sigmoid") && t.lines().count() >= 24 && t.contains('┘')
        });
        theirs.push(shown - start);
        finish(s, b"q");
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

    println!("CPU time, user and system, mean of 50 runs");
    println!(
        "  kasseika --version         {}",
        ms(cpu_per_run(&kasseika, &["--version"], 50))
    );
    println!(
        "  kasseika eval sigmoid 0    {}",
        ms(cpu_per_run(&kasseika, &["eval", "sigmoid", "0"], 50))
    );

    // Bytes on the wire.
    let mut s = spawn(&kasseika, &["--lang", "en", "--lesson", "sigmoid"]);
    s.until("the lesson", |t| t.contains("quit"));
    s.settle();
    let first = s.output.len();
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
    finish(s, b"q");
    println!("bytes written at 80x24");
    println!("  first frame           {first}");
    println!("  focus the input box   {focus}");
    println!("  type one character    {key}");
    println!("  evaluate (Enter)      {eval}");
    println!("  next lesson           {next}");

    let mut s = spawn(&floor, &[]);
    s.until("the chart", |t| t.contains("sigmoid"));
    s.settle();
    let floor_peak = s.peak_rss_kib();
    finish(s, b"q");
    println!("peak resident memory (VmHWM)");
    println!(
        "  kasseika, every lesson visited  {:.1} MiB",
        peak as f64 / 1024.0
    );
    println!(
        "  floor                           {:.1} MiB",
        floor_peak as f64 / 1024.0
    );
    if start_only {
        return;
    }

    println!("a key behind a burst (the burst written at once, then the key)");
    for (what, key, len) in [
        ("100 KB of k", b'k', 100_000),
        ("1 MB of k", b'k', 1_000_000),
        ("100 KB of L", b'L', 100_000),
    ] {
        let mut samples = Vec::new();
        for _ in 0..5 {
            let mut s = spawn(&kasseika, &["--lang", "en", "--lesson", "sigmoid"]);
            s.until("the lesson", |t| t.contains("quit"));
            s.settle();
            let mut burst = vec![key; len];
            burst.push(b'?');
            let start = Instant::now();
            s.send_burst(burst);
            let shown = s.until("the help", |t| t.contains("Show or hide this help"));
            samples.push(shown - start);
            finish(s, b"\x03");
        }
        let (min, median) = stats(samples);
        println!(
            "  {what:<12} then ?   help after median {}  min {}",
            ms(median),
            ms(min)
        );
    }
    let mut samples = Vec::new();
    for _ in 0..3 {
        let mut s = spawn(&kasseika, &["--lang", "en", "--lesson", "sigmoid"]);
        s.until("the lesson", |t| t.contains("quit"));
        s.settle();
        let start = Instant::now();
        s.send_burst(vec![b'k'; 12 << 20]);
        s.send(b"\x03");
        s.wait_exit();
        samples.push(start.elapsed());
    }
    let (min, median) = stats(samples);
    println!(
        "  12 MB of k then Ctrl-C: ended after median {}  min {}",
        ms(median),
        ms(min)
    );
}
