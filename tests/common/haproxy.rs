//! A real HAProxy of the tests' own, in front of `kasseika serve` instances on
//! loopback: `mode tcp`, `balance leastconn`, a PROXY protocol header (v1 or v2)
//! on each connection to an instance, and each instance's health checked on its
//! metrics port (`GET /healthz`), as the README's recipe has it.
//!
//! HAProxy runs in the foreground (`haproxy -db`) as a child of the test, killed
//! when the harness is dropped (and by the kernel if the test dies first: the
//! child asks for SIGKILL when its parent thread ends). Its runtime API (a Unix
//! socket in the harness's directory) tells the tests which instances it sees
//! up. Where there is no `haproxy`, [`Haproxy::start`] says so loudly and returns
//! `None` (under CI, where `.ci/run` installs it, it fails instead).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The PROXY protocol header HAProxy sends the instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    V1,
    V2,
    /// None at all (to show what an instance that expects one does).
    None,
}

/// One instance behind the balancer: its SSH port and, if it has one, its
/// metrics port (where HAProxy checks `/healthz`).
#[derive(Debug, Clone, Copy)]
pub struct Backend {
    pub ssh: SocketAddr,
    pub metrics: Option<SocketAddr>,
}

/// Where `haproxy` is, if anywhere.
pub fn program() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/local/sbin".into()])
        .map(|dir| dir.join("haproxy"))
        .find(|p| p.is_file())
}

fn skip_loudly() {
    let message = "\n\
        ************************************************************************\n\
        *  SKIPPED: no HAProxy here (no `haproxy` on PATH or in /usr/sbin).     *\n\
        *  Install it: apt-get install -y haproxy                              *\n\
        ************************************************************************\n";
    if std::env::var_os("CI").is_some() {
        panic!("{message}(CI must have HAProxy: .ci/run installs it)");
    }
    eprintln!("{message}");
}

/// A free port on 127.0.0.1 (free when asked: HAProxy binds it just after).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A running HAProxy.
pub struct Haproxy {
    child: Child,
    dir: tempfile::TempDir,
    /// Where learners connect.
    pub addr: SocketAddr,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

/// The configuration for `backends` behind 127.0.0.1:`port`.
pub fn config(port: u16, backends: &[Backend], header: Header, socket: &Path) -> String {
    // Two descriptors a connection, within this process's limit (which HAProxy
    // inherits).
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct it is given.
    let fds = if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
        limit.rlim_cur
    } else {
        1024
    };
    let maxconn = (fds.saturating_sub(100) / 2).clamp(100, 4000);
    let mut cfg = format!(
        "global\n\
         \x20   maxconn {maxconn}\n\
         \x20   stats socket {socket} mode 600 level admin\n\
         defaults\n\
         \x20   mode tcp\n\
         \x20   timeout connect 2s\n\
         \x20   timeout client 1h\n\
         \x20   timeout server 1h\n\
         \x20   retries 3\n\
         \x20   option redispatch 1\n\
         frontend ssh\n\
         \x20   bind 127.0.0.1:{port}\n\
         \x20   default_backend kasseika\n\
         backend kasseika\n\
         \x20   balance leastconn\n\
         \x20   option httpchk GET /healthz\n\
         \x20   http-check expect status 200\n",
        socket = socket.display()
    );
    let send = match header {
        Header::V1 => " send-proxy",
        Header::V2 => " send-proxy-v2",
        Header::None => "",
    };
    for (i, b) in backends.iter().enumerate() {
        let check = match b.metrics {
            Some(m) => format!(" check port {} inter 200ms fall 1 rise 1", m.port()),
            None => String::new(),
        };
        cfg.push_str(&format!("    server k{i} {}{send}{check}\n", b.ssh));
    }
    cfg
}

impl Haproxy {
    /// HAProxy in front of `backends`, sending them `header`; `None` (after a
    /// loud message) where HAProxy is not installed.
    pub fn start(backends: &[Backend], header: Header) -> Option<Haproxy> {
        let Some(haproxy) = program() else {
            skip_loudly();
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("kasseika-haproxy-")
            .tempdir()
            .expect("a directory");
        let port = free_port();
        let socket = dir.path().join("admin.sock");
        let cfg = dir.path().join("haproxy.cfg");
        std::fs::write(&cfg, config(port, backends, header, &socket)).expect("the configuration");
        let mut command = Command::new(haproxy);
        command
            .arg("-db")
            .arg("-f")
            .arg(&cfg)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        die_with_parent(&mut command);
        let mut child = command.spawn().expect("haproxy starts");
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut stderr = child.stderr.take().expect("its stderr");
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let proxy = Haproxy {
            child,
            dir,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            log,
        };
        proxy.wait_until("HAProxy listens", || {
            std::net::TcpStream::connect(proxy.addr).is_ok() && proxy.admin("show info").is_some()
        });
        Some(proxy)
    }

    /// HAProxy's own log so far (warnings, servers going up and down).
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// A command to HAProxy's runtime API and its answer.
    pub fn admin(&self, command: &str) -> Option<String> {
        let mut s = UnixStream::connect(self.dir.path().join("admin.sock")).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        s.write_all(format!("{command}\n").as_bytes()).ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        Some(out)
    }

    /// Each instance's state as HAProxy sees it (`UP`, `DOWN`, ...), in order.
    pub fn states(&self) -> Vec<String> {
        let Some(csv) = self.admin("show stat") else {
            return Vec::new();
        };
        // pxname,svname,...; the status is the 18th column.
        csv.lines()
            .filter(|l| l.starts_with("kasseika,k"))
            .map(|l| l.split(',').nth(17).unwrap_or("").to_string())
            .collect()
    }

    /// Waits until HAProxy sees the instances as `want` (`"UP"`/`"DOWN"` each).
    pub fn wait_for_states(&self, want: &[&str]) {
        self.wait_until(&format!("HAProxy to see {want:?}"), || {
            let states = self.states();
            states.len() == want.len()
                && states
                    .iter()
                    .zip(want)
                    .all(|(have, want)| have.starts_with(want))
        });
    }

    fn wait_until(&self, what: &str, check: impl Fn() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !check() {
            assert!(
                Instant::now() < deadline,
                "waited for {what}; haproxy's log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Haproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The child is killed when the thread that started it ends (a test that dies
/// leaves nothing running).
pub fn die_with_parent(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}
