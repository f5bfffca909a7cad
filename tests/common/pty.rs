//! Runs the built binary in a pseudo-terminal and reads its screen with vt100.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the screen to show something before failing. Generous:
/// this bounds a wait, it does not measure speed.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Session {
    pub parser: vt100::Parser,
    /// Every byte the program wrote.
    pub output: Vec<u8>,
    rx: Receiver<Vec<u8>>,
    /// Taken while a burst is written from a thread of its own.
    writer: Option<Box<dyn Write + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// The program's own home and data directory (removed with the session), so
    /// that it never reads or writes the real ones.
    pub home: tempfile::TempDir,
}

/// Starts `kasseika args...` at `cols`x`rows` with a pinned, minimal environment
/// plus `env`.
pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
    spawn_program(
        Path::new(env!("CARGO_BIN_EXE_kasseika")),
        args,
        env,
        cols,
        rows,
    )
}

/// Like [`spawn`], without the variables named in `unset` (`TERM`, say).
pub fn spawn_without(
    args: &[&str],
    env: &[(&str, &str)],
    unset: &[&str],
    cols: u16,
    rows: u16,
) -> Session {
    start(
        Path::new(env!("CARGO_BIN_EXE_kasseika")),
        args,
        env,
        unset,
        cols,
        rows,
    )
}

/// Starts any program the same way (the benchmarks start a second one).
pub fn spawn_program(
    program: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    cols: u16,
    rows: u16,
) -> Session {
    start(program, args, env, &[], cols, rows)
}

fn start(
    program: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    unset: &[&str],
    cols: u16,
    rows: u16,
) -> Session {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    let home = tempfile::tempdir().expect("a temporary home");
    cmd.env("HOME", home.path());
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    for k in unset {
        cmd.env_remove(k);
    }
    let child = pair.slave.spawn_command(cmd).expect("the binary starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    // Drain the output on a thread so the program never blocks on a full pty.
    thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let size = |n: u16| NonZeroU16::new(n).unwrap();
    Session {
        parser: vt100::Parser::new(size(rows), size(cols), 0),
        output: Vec::new(),
        rx,
        writer: Some(writer),
        child,
        _master: pair.master,
        home,
    }
}

impl Session {
    /// Takes in whatever arrives within `wait`. Returns the bytes that arrived.
    pub fn pump(&mut self, wait: Duration) -> usize {
        let mut got = 0;
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(bytes) => {
                    got += bytes.len();
                    self.parser.process(&bytes);
                    self.output.extend_from_slice(&bytes);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return got;
                }
            }
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads until the screen satisfies `ok`; returns the moment it did.
    pub fn until(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> Instant {
        let start = Instant::now();
        loop {
            if ok(&self.screen()) {
                return Instant::now();
            }
            assert!(
                start.elapsed() < PATIENCE,
                "waited for {what}; the screen is:\n{}",
                self.screen()
            );
            let left = PATIENCE.saturating_sub(start.elapsed());
            if let Ok(bytes) = self.rx.recv_timeout(left.min(Duration::from_millis(50))) {
                self.parser.process(&bytes);
                self.output.extend_from_slice(&bytes);
            }
        }
    }

    /// Waits until the screen satisfies `ok`, then until it stops changing.
    pub fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) {
        self.until(what, ok);
        self.settle();
    }

    /// Reads until nothing arrives for a moment; returns the bytes read.
    pub fn settle(&mut self) -> usize {
        let before = self.output.len();
        while self.pump(Duration::from_millis(150)) > 0 {}
        self.output.len() - before
    }

    /// Peak resident memory of the program so far, in KiB (Linux).
    pub fn peak_rss_kib(&self) -> u64 {
        let pid = self.child.process_id().unwrap_or(0);
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("no burst is being written");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
    }

    /// Writes `bytes` from a thread of its own while the screen is read, so that a
    /// program that stops reading its input fails the test instead of hanging it.
    /// Returns once every byte was taken by the terminal.
    pub fn send_burst(&mut self, bytes: Vec<u8>) {
        let mut writer = self.writer.take().expect("one burst at a time");
        let len = bytes.len();
        let (done_tx, done_rx) = mpsc::channel();
        thread::spawn(move || {
            let result = writer.write_all(&bytes).and_then(|()| writer.flush());
            let _ = done_tx.send((writer, result.is_ok()));
        });
        let start = Instant::now();
        loop {
            if let Ok((writer, ok)) = done_rx.try_recv() {
                assert!(ok, "writing the burst failed");
                self.writer = Some(writer);
                return;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the program stopped reading: a burst of {len} bytes was not taken; the screen is:\n{}",
                self.screen()
            );
            self.pump(Duration::from_millis(20));
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the screen read from it.
    /// The screen model takes the new size first: whatever the program wrote for the
    /// old size and is still on its way is wiped by the full redraw a resize brings,
    /// while a frame for the new size read at the old one would stay garbled.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = |n: u16| NonZeroU16::new(n).unwrap();
        self.pump(Duration::from_millis(10));
        self.parser.set_size(size(rows), size(cols));
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Sends `signal` (a name such as `TERM`) to the program.
    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("a running program");
        let status = std::process::Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{signal}");
    }

    /// Waits for the program to end; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().unwrap() {
                self.pump(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(start.elapsed() < PATIENCE, "the program did not exit");
        }
    }

    /// Whether the program left the terminal as it found it: alternate screen
    /// left, cursor shown, bracketed paste off, after the last frame.
    pub fn restored(&self) -> bool {
        let out = String::from_utf8_lossy(&self.output);
        let last_leave = out.rfind("\x1b[?1049l");
        let last_enter = out.rfind("\x1b[?1049h");
        let shown = out.rfind("\x1b[?25h");
        let hidden = out.rfind("\x1b[?25l");
        last_leave > last_enter && shown > hidden && !self.parser.screen().alternate_screen()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The colour codes (SGR parameters 30-49 and 90-107) in `bytes`, as written.
pub fn colour_codes(bytes: &[u8]) -> Vec<String> {
    let out = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    for sgr in out.split("\x1b[").skip(1) {
        let Some(end) = sgr.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if &sgr[end..=end] != "m" {
            continue;
        }
        let colour = sgr[..end]
            .split(';')
            .filter_map(|p| p.parse::<u32>().ok())
            .any(|n| (30..=49).contains(&n) || (90..=107).contains(&n));
        if colour {
            found.push(format!("ESC[{}m", &sgr[..end]));
        }
    }
    found
}
