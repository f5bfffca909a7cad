//! `kasseika serve` under a classroom's load, on loopback: the real binary as the
//! server, russh clients in this process.
//!
//! - resident memory per idle 80x24 session (the server's VmRSS with N sessions
//!   open, minus before any);
//! - keystroke-to-frame time (p50, p99, max) while some of them type, each key
//!   timed from sending it to the first byte of the frame it caused;
//! - the server's CPU time while they type, and how long a graceful stop takes.
//!
//! Run: `cargo bench --bench serve` (Linux: reads /proc). `SESSIONS` (200) and
//! `TYPISTS` (50) change the load.

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[path = "../tests/common/ssh.rs"]
mod ssh;

/// How long each typist types.
const TYPING: Duration = Duration::from_secs(10);
/// A typist's pause between a frame and the next key (a quick learner).
const THINK: Duration = Duration::from_millis(100);

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// (resident KiB, CPU ticks) of a process.
fn usage(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime is the 14th
    // field, stime the 15th.
    let after = stat.rsplit_once(") ").map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (rss, ticks(11) + ticks(12))
}

/// Kills the server when the bench ends before stopping it.
struct Reaper {
    pid: u32,
    armed: bool,
}

impl Drop for Reaper {
    fn drop(&mut self) {
        if self.armed {
            let _ = Command::new("kill")
                .args(["-KILL", &self.pid.to_string()])
                .status();
        }
    }
}

/// Descriptors a process has open.
fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let sessions = env_number("SESSIONS", 200);
    let typists = env_number("TYPISTS", 50).min(sessions);
    let kasseika = PathBuf::from(env!("CARGO_BIN_EXE_kasseika"));
    let key = std::env::temp_dir().join(format!("kasseika-bench-key-{}", std::process::id()));
    let progress =
        std::env::temp_dir().join(format!("kasseika-bench-progress-{}", std::process::id()));
    // Room for the churn as well: the per-address limit (max(60, --max-sessions)
    // connections a minute from one address) counts all of this bench's.
    let mut server = Command::new(&kasseika)
        .args(["serve", "--listen", "127.0.0.1:0", "--idle-timeout", "0"])
        .args([
            "--max-sessions",
            &(sessions + 200).to_string(),
            "--host-key",
        ])
        .arg(&key)
        .env_clear()
        .env("LANG", "C.UTF-8")
        // The learners' progress (they log in with keys) in a folder of its own.
        .arg("--progress-dir")
        .arg(&progress)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let pid = server.id();
    // A bench that fails half-way must not leave the server running.
    let mut reaper = Reaper { pid, armed: true };
    // The log, drained on a thread so the server never blocks on it.
    let mut stderr = server.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        let mut log = String::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            log.push_str(&String::from_utf8_lossy(&buf[..n]));
            let _ = tx.send(log.clone());
        }
    });
    let addr: SocketAddr = loop {
        let log = rx
            .recv_timeout(ssh::PATIENCE)
            .expect("the server says where it listens");
        if let Some(addr) = log
            .split_whitespace()
            .find_map(|w| w.trim_end_matches(',').parse().ok())
        {
            break addr;
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        std::thread::sleep(Duration::from_millis(200));
        // Churn first: sessions that end every way a client ends them must leave
        // nothing behind (descriptors, memory).
        let fds_before = open_fds(pid);
        let (rss_fresh, _) = usage(pid);
        let mut rss_half = 0;
        for round in 0..10 {
            if round == 5 {
                tokio::time::sleep(Duration::from_millis(500)).await;
                rss_half = usage(pid).0;
            }
            let opened = (0..20).map(|i| async move {
                let client = ssh::login(addr, &format!("churn{round}-{i}")).await;
                let shell = client
                    .shell(Some("xterm-256color"), 80, 24, &[("LANG", "en_US.UTF-8")])
                    .await;
                shell.wait_for_text("quit").await;
                match i % 3 {
                    0 => {
                        shell.send(b"q").await;
                        shell.wait_closed().await;
                    }
                    1 => {
                        shell.send(b"\x03").await;
                        shell.wait_closed().await;
                    }
                    _ => {} // just vanishes
                }
            });
            futures_join_all(opened).await;
        }
        let mut fds_after = open_fds(pid);
        for _ in 0..100 {
            if fds_after <= fds_before {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            fds_after = open_fds(pid);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (rss_churned, _) = usage(pid);
        let (rss_before, _) = usage(pid);

        // N sessions, each until its first full frame.
        let started = Instant::now();
        let mut shells = Vec::new();
        for chunk in (0..sessions).collect::<Vec<_>>().chunks(20) {
            let opened = chunk.iter().map(|i| async move {
                let client = ssh::login(addr, &format!("learner{i}")).await;
                let shell = client
                    .shell(Some("xterm-256color"), 80, 24, &[("LANG", "en_US.UTF-8")])
                    .await;
                shell.wait_for_text("quit").await;
                (client, shell)
            });
            shells.extend(futures_join_all(opened).await);
        }
        let open_time = started.elapsed();
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (rss_open, _) = usage(pid);
        let per_session = (rss_open.saturating_sub(rss_before)) as f64 / sessions as f64;

        // Some of them type: Tab into the input on the sigmoid lesson, then
        // digits and Backspace, each key waiting for its frame.
        for (_, shell) in shells.iter().take(typists) {
            shell.send(b"4\t").await;
        }
        for (_, shell) in shells.iter().take(typists) {
            shell.wait_for_text("to evaluate").await;
        }
        let (_, cpu_before) = usage(pid);
        let typing_started = Instant::now();
        let typed = shells.iter().take(typists).map(|(_, shell)| async move {
            let mut samples = Vec::new();
            let mut i = 0u32;
            while typing_started.elapsed() < TYPING {
                let key: &[u8] = if i % 8 == 7 { b"\x7f\x7f\x7f\x7f\x7f\x7f\x7f" } else { b"5" };
                i += 1;
                let bytes = shell.received().bytes;
                let sent = Instant::now();
                shell.send(key).await;
                shell.output_past(bytes).await;
                samples.push(sent.elapsed());
                tokio::time::sleep(THINK).await;
            }
            samples
        });
        let mut samples: Vec<Duration> = futures_join_all(typed).await.into_iter().flatten().collect();
        let typing_time = typing_started.elapsed();
        let (rss_typing, cpu_after) = usage(pid);
        samples.sort();
        let ticks_per_sec = 100.0; // USER_HZ on Linux
        let cpu = (cpu_after - cpu_before) as f64 / ticks_per_sec / typing_time.as_secs_f64();

        println!("kasseika serve, {sessions} sessions at 80x24 on loopback, {typists} typing");
        println!(
            "  after 200 sessions came and went (q, Ctrl-C, vanished): {fds_before} -> {fds_after} open descriptors; resident {rss_fresh} KiB fresh, {rss_half} KiB after 100, {rss_churned} KiB after 200"
        );
        println!("  open all sessions (to first frame): {:.2} s", open_time.as_secs_f64());
        println!(
            "  server resident memory: {} KiB before, {} KiB with {sessions} idle sessions, {} KiB while typing",
            rss_before, rss_open, rss_typing
        );
        println!("  memory per idle session: {:.0} KiB ({:.2} MB)", per_session, per_session / 1024.0);
        println!(
            "  keystroke to frame ({} keys): p50 {}, p99 {}, max {}",
            samples.len(),
            ms(percentile(&samples, 0.5)),
            ms(percentile(&samples, 0.99)),
            ms(samples.last().copied().unwrap_or_default())
        );
        println!(
            "  server CPU while typing: {:.0}% of one core ({:.0} keys/s)",
            cpu * 100.0,
            samples.len() as f64 / typing_time.as_secs_f64()
        );

        // Graceful stop with everyone connected.
        let stop = Instant::now();
        let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
        for (_, shell) in &shells {
            shell.wait_closed().await;
        }
        let restored = shells.iter().filter(|(_, s)| s.received().restored()).count();
        let status = tokio::task::spawn_blocking(move || server.wait()).await.unwrap();
        println!(
            "  graceful stop: {restored}/{sessions} terminals restored, exit {:?}, {}",
            status.ok().and_then(|s| s.code()),
            ms(stop.elapsed())
        );
    });
    // Reached only when the server was waited for.
    reaper.armed = false;
    let _ = std::fs::remove_file(key);
    let _ = std::fs::remove_dir_all(progress);
}

/// Runs the futures concurrently on this task, in order of their results.
async fn futures_join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let mut pending: Vec<_> = futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    let mut out: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut left = 0;
        for (slot, result) in pending.iter_mut().zip(out.iter_mut()) {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        *result = Some(v);
                        *slot = None;
                    }
                    std::task::Poll::Pending => left += 1,
                }
            }
        }
        if left == 0 {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out.into_iter().flatten().collect()
}
