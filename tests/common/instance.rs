//! `kasseika serve` as a process of its own (the real binary), for what a test
//! cannot do to a server inside itself: kill -9 it, send it SIGTERM, run several
//! behind HAProxy. Its log is read on a thread; it is killed when dropped, and by
//! the kernel if the test dies first.
#![allow(dead_code)]

use std::io::Read;
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running instance.
pub struct Instance {
    child: Child,
    log: Arc<Mutex<String>>,
    /// Where it takes SSH connections.
    pub ssh: SocketAddr,
    /// Where it serves `/metrics` and `/healthz`, with `--metrics`.
    pub metrics: Option<SocketAddr>,
}

/// The addresses in a log line, in order (`127.0.0.1:40000`, `[::1]:2222`).
fn addresses(line: &str) -> Vec<SocketAddr> {
    line.split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter_map(|w| w.trim_end_matches(['.', ',']).parse().ok())
        .collect()
}

impl Instance {
    /// Starts `kasseika serve ARGS` (add `--listen 127.0.0.1:0` and a host key)
    /// and waits until it listens; with `--metrics`, until that answers too.
    pub fn start(args: &[&std::ffi::OsStr]) -> Instance {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kasseika"));
        command
            .arg("serve")
            .args(args)
            .env_clear()
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        crate::haproxy::die_with_parent(&mut command);
        let mut child = command.spawn().expect("kasseika serve starts");
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().expect("its stderr");
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let wants_metrics = args.iter().any(|a| *a == "--metrics");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let text = log.lock().unwrap().clone();
            let ssh = text
                .lines()
                .find(|l| l.contains("serving the lessons on"))
                .and_then(|l| addresses(l).into_iter().next());
            let metrics = text
                .lines()
                .find(|l| l.contains("/metrics"))
                .and_then(|l| addresses(&l.replace("http://", " ")).into_iter().next());
            if let Some(ssh) = ssh
                && (metrics.is_some() || !wants_metrics)
            {
                return Instance {
                    child,
                    log,
                    ssh,
                    metrics,
                };
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("kasseika serve ended ({status}) before listening:\n{text}");
            }
            assert!(
                Instant::now() < deadline,
                "kasseika serve did not start:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Its log so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until its log holds `text`.
    pub fn wait_for_log(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.log().contains(text) {
            assert!(
                Instant::now() < deadline,
                "waited for {text:?} in the log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends it a signal (`libc::SIGTERM`, `libc::SIGKILL`...).
    pub fn signal(&self, signal: i32) {
        // SAFETY: kill has no preconditions; the pid is our own child's.
        unsafe {
            libc::kill(self.child.id() as i32, signal);
        }
    }

    /// Waits (at most `within`) for it to end.
    pub fn wait(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + within;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `GET path` on its metrics port: the status code and the body.
    pub fn get(&self, path: &str) -> Option<(u16, String)> {
        http_get(self.metrics?, path)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A plain HTTP/1.0 GET, for the tests to read the metrics as Prometheus would:
/// the status code and the body.
pub fn http_get(addr: SocketAddr, path: &str) -> Option<(u16, String)> {
    use std::io::Write;
    let mut s = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(5)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: test\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let status = out.split_whitespace().nth(1)?.parse().ok()?;
    let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_string())?;
    Some((status, body))
}
