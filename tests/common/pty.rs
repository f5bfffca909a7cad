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

/// A program in a pseudo-terminal opened here with libc, for what portable-pty does not
/// let a test do: start the program with a non-blocking terminal, stop reading its
/// output (a terminal that stalls), resize it to any size without a screen model of
/// that size, and hang the terminal up (close both ends).
pub struct Raw {
    master: Option<std::os::fd::OwnedFd>,
    slave: Option<std::os::fd::OwnedFd>,
    pub child: std::process::Child,
    rx: Receiver<Vec<u8>>,
    reading: std::sync::Arc<std::sync::atomic::AtomicBool>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
    pub parser: vt100::Parser,
    pub output: Vec<u8>,
}

/// How [`spawn_raw`] sets up the terminal.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawOptions {
    /// The terminal is left non-blocking (`O_NONBLOCK`), as a crashed program may
    /// leave it.
    pub nonblocking: bool,
}

/// Starts `kasseika args...` at 80x24 in a pseudo-terminal of its own, as its
/// controlling terminal, with the same pinned environment as [`spawn`].
pub fn spawn_raw(args: &[&str], env: &[(&str, &str)], options: RawOptions) -> Raw {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty fills two descriptors; the other pointers may be null.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors were just opened and are owned here alone. The
    // program must not inherit them (only its standard streams): a master it held
    // itself would keep the terminal from ever going away.
    let (master, slave) = unsafe {
        libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
        libc::fcntl(slave, libc::F_SETFD, libc::FD_CLOEXEC);
        (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave))
    };
    set_winsize(master.as_raw_fd(), 80, 24);
    if options.nonblocking {
        // SAFETY: fcntl on a descriptor owned here.
        unsafe {
            let flags = libc::fcntl(slave.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(slave.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
    }
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kasseika"));
    cmd.args(args).env_clear();
    cmd.env("TERM", "xterm-256color").env("LANG", "C.UTF-8");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let io = |fd: &OwnedFd| std::process::Stdio::from(fd.try_clone().unwrap());
    cmd.stdin(io(&slave)).stdout(io(&slave)).stderr(io(&slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().expect("the binary starts");
    let (tx, rx) = mpsc::channel();
    let reading = Arc::new(AtomicBool::new(true));
    let stop = Arc::new(AtomicBool::new(false));
    let fd = master.as_raw_fd();
    let (reading_, stop_) = (reading.clone(), stop.clone());
    let reader = thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while !stop_.load(Ordering::SeqCst) {
            if !reading_.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(10));
                continue;
            }
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd; the descriptor outlives this thread (it is
            // closed only after the thread is joined).
            if unsafe { libc::poll(&mut pfd, 1, 20) } <= 0 {
                continue;
            }
            // SAFETY: reads into a valid buffer of its own length.
            let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                break;
            }
            if tx.send(buf[..n as usize].to_vec()).is_err() {
                break;
            }
        }
    });
    Raw {
        master: Some(master),
        slave: Some(slave),
        child,
        rx,
        reading,
        stop,
        reader: Some(reader),
        parser: vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        ),
        output: Vec::new(),
    }
}

fn set_winsize(fd: std::os::fd::RawFd, cols: u16, rows: u16) {
    let ws = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one winsize.
    let rc = unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, &ws) };
    assert_eq!(rc, 0, "TIOCSWINSZ");
}

impl Raw {
    fn master_fd(&self) -> std::os::fd::RawFd {
        use std::os::fd::AsRawFd;
        self.master.as_ref().expect("not hung up").as_raw_fd()
    }

    /// The slave end, as the program has it.
    pub fn slave_fd(&self) -> std::os::fd::RawFd {
        use std::os::fd::AsRawFd;
        self.slave.as_ref().expect("not hung up").as_raw_fd()
    }

    /// Takes in whatever arrived within `wait`.
    pub fn pump(&mut self, wait: Duration) {
        let deadline = Instant::now() + wait;
        while let Ok(bytes) = self
            .rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.parser.process(&bytes);
            self.output.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads until the screen satisfies `ok` (the program must not end meanwhile).
    pub fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !ok(&self.screen()) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the program ended ({status}) while waiting for {what}");
            }
            assert!(
                start.elapsed() < PATIENCE,
                "waited for {what}; the screen is:\n{}",
                self.screen()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            // SAFETY: writes from a valid slice.
            let n = unsafe { libc::write(self.master_fd(), rest.as_ptr().cast(), rest.len()) };
            assert!(n > 0, "writing to the terminal failed");
            rest = &rest[n as usize..];
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH); the screen model keeps its
    /// size, so any size can be tried.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        set_winsize(self.master_fd(), cols, rows);
    }

    /// The terminal stops reading what the program writes (a stalled link), or reads
    /// again.
    pub fn set_reading(&self, reading: bool) {
        self.reading
            .store(reading, std::sync::atomic::Ordering::SeqCst);
    }

    /// Bytes the program wrote that the terminal has not read.
    pub fn unread_output(&self) -> usize {
        let mut n: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int.
        unsafe { libc::ioctl(self.master_fd(), libc::FIONREAD, &mut n) };
        usize::try_from(n).unwrap_or(0)
    }

    /// Whether the terminal is back in its usual (cooked, echoing) mode.
    pub fn cooked(&self) -> bool {
        // SAFETY: tcgetattr fills a termios, for which zero is a valid pattern.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(self.slave_fd(), &mut t) }, 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// Closes both ends of the terminal: it is gone, as when a terminal window or an
    /// SSH connection closes.
    pub fn hang_up(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.master = None;
        self.slave = None;
    }

    /// Sends `signal` to the program.
    pub fn signal(&self, signal: libc::c_int) {
        // SAFETY: kill with a child's pid.
        unsafe { libc::kill(self.child.id() as libc::pid_t, signal) };
    }

    /// Waits for the program to end; its exit code (`None`: killed by a signal).
    pub fn wait_exit(&mut self) -> Option<i32> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                if self.master.is_some() {
                    self.pump(Duration::from_millis(100));
                }
                return status.code();
            }
            assert!(start.elapsed() < PATIENCE, "the program did not exit");
            if self.master.is_some() {
                self.pump(Duration::from_millis(20));
            } else {
                thread::sleep(Duration::from_millis(20));
            }
        }
    }

    /// Peak resident memory of the program so far, in KiB (Linux).
    pub fn peak_rss_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}
