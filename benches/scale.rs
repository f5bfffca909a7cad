//! A public server on loopback (`scripts/cluster.sh`: PostgreSQL, three
//! `kasseika serve` instances, HAProxy in front with PROXY protocol v2), and a
//! crowd of russh clients in this process, each with a key of its own.
//!
//! 1. **Arrivals**: `LEARNERS` (600) learners arrive over `ARRIVAL_SECS` (30 s),
//!    from 100 loopback addresses; `TYPISTS` (150) of them answer the first
//!    exercise of each lesson that asks for a number (each answer a save to
//!    PostgreSQL), then type in the sigmoid lesson's input box, a key, its
//!    frame, a pause, until `TYPING_SECS` after the last arrival. Measured:
//!    learners in, keystroke to frame through the balancer (p50, p99), resident
//!    memory per instance and per learner, save time (p50, p99, from the
//!    instances' histograms) and saves per second.
//! 2. **kill -9** of the instance with the most learners: they reconnect through
//!    HAProxy (to the others) and look for every answer they had given.
//!    Counted: reconnections refused, answers lost (must be 0).
//! 3. **A rolling restart** (`scripts/cluster.sh rolling-restart`, each instance
//!    drained for `DRAIN` seconds, 5): learners whose session ends reconnect,
//!    the typists answer the rest of their exercises meanwhile, and new learners
//!    keep arriving (5 a second). Counted: learners refused, answers lost. Then
//!    every typist reconnects once more and looks for all their answers.
//!
//! Run: `cargo bench --bench scale` (Linux, as root or a user that can run
//! PostgreSQL; needs `initdb` and `haproxy`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use russh::keys::PrivateKey;
use tokio::sync::watch;

#[path = "../tests/common/ssh.rs"]
mod ssh;

#[path = "../tests/common/learner.rs"]
mod learner;

use learner::Answerable;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The cluster of `scripts/cluster.sh`, stopped when dropped.
struct Cluster {
    dir: PathBuf,
    env: Vec<(String, String)>,
    haproxy: SocketAddr,
    metrics: Vec<SocketAddr>,
}

impl Cluster {
    fn script(&self, args: &[&str]) -> bool {
        let mut c = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/cluster.sh"));
        c.args(args)
            .env("CLUSTER_DIR", &self.dir)
            .stdin(Stdio::null());
        for (k, v) in &self.env {
            c.env(k, v);
        }
        match c.status() {
            Ok(s) => s.success(),
            Err(e) => {
                eprintln!("scripts/cluster.sh {args:?}: {e}");
                false
            }
        }
    }

    fn start(instances: usize, drain: usize) -> Cluster {
        let dir = std::env::temp_dir().join(format!("kasseika-scale-{}", std::process::id()));
        let port = free_port();
        let ssh: Vec<u16> = (0..instances).map(|_| free_port()).collect();
        let metrics: Vec<u16> = (0..instances).map(|_| free_port()).collect();
        let words = |ports: &[u16]| {
            ports
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let env = vec![
            ("KASSEIKA".into(), env!("CARGO_BIN_EXE_kasseika").into()),
            ("INSTANCES".into(), instances.to_string()),
            ("PORT".into(), port.to_string()),
            ("SSH_PORTS".into(), words(&ssh)),
            ("METRICS_PORTS".into(), words(&metrics)),
            ("DRAIN".into(), drain.to_string()),
            (
                "SERVE_ARGS".into(),
                "--max-sessions 500 --idle-timeout 0".into(),
            ),
        ];
        let cluster = Cluster {
            dir,
            env,
            haproxy: SocketAddr::from(([127, 0, 0, 1], port)),
            metrics: metrics
                .iter()
                .map(|&p| SocketAddr::from(([127, 0, 0, 1], p)))
                .collect(),
        };
        assert!(cluster.script(&["start"]), "the cluster starts");
        cluster
    }

    /// Instance `i`'s process id (counted from 1), while it runs.
    fn pid(&self, i: usize) -> Option<u32> {
        std::fs::read_to_string(self.dir.join(format!("instance-{i}.pid")))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Instance `i`'s metrics (counted from 1).
    fn scrape(&self, i: usize) -> String {
        use std::io::{Read, Write};
        let Ok(mut s) =
            std::net::TcpStream::connect_timeout(&self.metrics[i - 1], Duration::from_secs(2))
        else {
            return String::new();
        };
        let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
        let _ = s.write_all(b"GET /metrics HTTP/1.0\r\n\r\n");
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // The instances' logs, kept where SCALE_LOGS says (for a look after).
        if let Some(keep) = std::env::var_os("SCALE_LOGS") {
            let keep = PathBuf::from(keep);
            let _ = std::fs::create_dir_all(&keep);
            for entry in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
                let name = entry.file_name();
                if name.to_string_lossy().ends_with(".log") {
                    let _ = std::fs::copy(entry.path(), keep.join(name));
                }
            }
        }
        self.script(&["stop"]);
    }
}

/// The value of a sample line (`name{labels} value`) in a scrape.
fn sample(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// A histogram's buckets (upper bound, cumulative count) from a scrape.
fn buckets(text: &str, name: &str) -> Vec<(f64, f64)> {
    let prefix = format!("{name}_bucket{{le=\"");
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix(&prefix)?;
            let (le, count) = rest.split_once("\"} ")?;
            let le = if le == "+Inf" {
                f64::INFINITY
            } else {
                le.parse().ok()?
            };
            Some((le, count.parse().ok()?))
        })
        .collect()
}

/// A quantile of summed histograms, interpolated within its bucket.
fn quantile(buckets: &[(f64, f64)], q: f64) -> f64 {
    let Some(&(_, total)) = buckets.last() else {
        return 0.0;
    };
    let rank = q * total;
    let mut below = (0.0, 0.0);
    for &(le, count) in buckets {
        if count >= rank && count > 0.0 {
            if le.is_infinite() {
                return below.0;
            }
            let within = (rank - below.1) / (count - below.1).max(1e-9);
            return below.0 + (le - below.0) * within;
        }
        below = (le, count);
    }
    below.0
}

/// Buckets of several scrapes added up (same bounds).
fn add_buckets(all: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    let mut sum: Vec<(f64, f64)> = Vec::new();
    for b in all {
        if sum.is_empty() {
            sum = b.clone();
        } else {
            for (s, (_, c)) in sum.iter_mut().zip(b) {
                s.1 += c;
            }
        }
    }
    sum
}

fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Arriving,
    Killed,
    Restarting,
    Final,
    Done,
}

/// What the crowd counts.
#[derive(Default)]
struct Tally {
    in_first: AtomicUsize,
    refused_first: AtomicUsize,
    reconnected_after_kill: AtomicUsize,
    refused_after_kill: AtomicUsize,
    lost_after_kill: AtomicUsize,
    reconnected_in_restart: AtomicUsize,
    refused_in_restart: AtomicUsize,
    lost_in_restart: AtomicUsize,
    arrived_in_restart: AtomicUsize,
    refused_arrivals_in_restart: AtomicUsize,
    answers_given: AtomicUsize,
    answers_checked_final: AtomicUsize,
    lost_final: AtomicUsize,
    samples: std::sync::Mutex<Vec<Duration>>,
}

const EN: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

/// Logs in through the balancer from `from` with `key` and waits for the first
/// frame; `None` if that fails (refused, closed, too slow).
async fn arrive(
    haproxy: SocketAddr,
    from: [u8; 4],
    user: String,
    key: PrivateKey,
) -> Option<(ssh::Client, ssh::Shell)> {
    let attempt = tokio::spawn(async move {
        let client = ssh::login_from_with_key(from, haproxy, &user, &key).await;
        let shell = client.shell(Some("xterm-256color"), 80, 24, EN).await;
        shell.wait_for_text("quit").await;
        (client, shell)
    });
    match tokio::time::timeout(ssh::PATIENCE, attempt).await {
        Ok(Ok(pair)) => Some(pair),
        _ => None,
    }
}

/// Types keys into the sigmoid lesson's input until `until`, timing each frame.
async fn type_keys(shell: &ssh::Shell, until: Instant, samples: &mut Vec<Duration>) {
    shell.send(b"4\t").await;
    shell.wait_for_text("to evaluate").await;
    let mut i = 0u32;
    while Instant::now() < until && !shell.received().closed {
        let key: &[u8] = if i % 8 == 7 {
            b"\x7f\x7f\x7f\x7f\x7f\x7f\x7f"
        } else {
            b"5"
        };
        i += 1;
        let bytes = shell.received().bytes;
        let sent = Instant::now();
        if shell.tx.data_bytes(key.to_vec()).await.is_err() {
            break;
        }
        if tokio::time::timeout(Duration::from_secs(10), shell.output_past(bytes))
            .await
            .is_err()
        {
            break;
        }
        samples.push(sent.elapsed());
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    // Back to browsing: Esc leaves the box.
    let _ = shell.tx.data_bytes(b"\x1b".to_vec()).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
}

/// Counts the answers of `given` not found solved on `shell`.
async fn lost(shell: &ssh::Shell, given: &[Answerable]) -> usize {
    let mut lost = 0;
    for a in given {
        if !learner::is_solved(shell, a, Duration::from_secs(15)).await {
            lost += 1;
        }
    }
    lost
}

struct Crowd {
    haproxy: SocketAddr,
    phase: watch::Receiver<Phase>,
    tally: Arc<Tally>,
    answerable: Vec<Answerable>,
    typing_until: Instant,
    /// How long an instance drains.
    drain: Duration,
}

/// One learner, from arrival to the end of the bench.
async fn learner(crowd: Arc<Crowd>, n: usize, typist: bool, arrive_at: Instant) {
    tokio::time::sleep_until(arrive_at.into()).await;
    let key = kasseika::serve::hostkey::generate().expect("a key");
    let from = [127, 0, 1, 10 + (n % 100) as u8];
    let user = format!("learner{n}");
    let tally = &crowd.tally;
    let Some((mut client, mut shell)) =
        arrive(crowd.haproxy, from, user.clone(), key.clone()).await
    else {
        tally.refused_first.fetch_add(1, Ordering::Relaxed);
        return;
    };
    tally.in_first.fetch_add(1, Ordering::Relaxed);
    let mut given: Vec<Answerable> = Vec::new();
    // Half the answers now, the rest during the rolling restart.
    let (now, later) = crowd
        .answerable
        .split_at(crowd.answerable.len().div_ceil(2));
    if typist {
        for a in now {
            learner::answer(&shell, a).await;
            given.push(a.clone());
            tally.answers_given.fetch_add(1, Ordering::Relaxed);
        }
        let mut samples = Vec::new();
        type_keys(&shell, crowd.typing_until, &mut samples).await;
        tally.samples.lock().unwrap().extend(samples);
    }
    let mut phase = crowd.phase.clone();
    let mut later = later.iter();
    loop {
        let current = *phase.borrow_and_update();
        if current >= Phase::Final {
            break;
        }
        if shell.received().closed {
            // Thrown out (killed or drained): ssh again, look for the answers.
            drop((shell, client));
            match arrive(crowd.haproxy, from, user.clone(), key.clone()).await {
                None => {
                    let refused = if current == Phase::Killed {
                        &tally.refused_after_kill
                    } else {
                        &tally.refused_in_restart
                    };
                    refused.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                Some((c, s)) => {
                    (client, shell) = (c, s);
                    let missing = lost(&shell, &given).await;
                    let (reconnected, lost) = if current == Phase::Killed {
                        (&tally.reconnected_after_kill, &tally.lost_after_kill)
                    } else {
                        (&tally.reconnected_in_restart, &tally.lost_in_restart)
                    };
                    reconnected.fetch_add(1, Ordering::Relaxed);
                    lost.fetch_add(missing, Ordering::Relaxed);
                }
            }
            continue;
        }
        // Told that the server restarts: as the notice asks, the learner goes
        // and comes back with the same ssh command, at a moment of their own
        // within the drain (or is thrown out at its end).
        if shell.received().screen().contains("restarting") {
            let at = tokio::time::Instant::now()
                + Duration::from_millis(
                    (n as u64 * 7919) % (crowd.drain.as_millis() as u64).max(1),
                );
            let mut closed = false;
            while tokio::time::Instant::now() < at && !closed {
                tokio::time::sleep(Duration::from_millis(100)).await;
                closed = shell.received().closed;
            }
            if !closed {
                let _ = shell.tx.data_bytes(b"\r".to_vec()).await;
                tokio::time::sleep(Duration::from_millis(100)).await;
                let _ = shell.tx.data_bytes(b"q".to_vec()).await;
                let _ = tokio::time::timeout(Duration::from_secs(10), shell.wait_closed()).await;
            }
            continue;
        }
        if typist
            && current == Phase::Restarting
            && let Some(a) = later.next()
        {
            // Answers given while instances drain and restart.
            if tokio::time::timeout(Duration::from_secs(20), learner::answer(&shell, a))
                .await
                .is_ok()
            {
                given.push(a.clone());
                tally.answers_given.fetch_add(1, Ordering::Relaxed);
            }
            continue;
        }
        tokio::select! {
            _ = phase.changed() => {}
            () = tokio::time::sleep(Duration::from_millis(200)) => {}
        }
    }
    drop((shell, client));
    if typist {
        // Last: a new connection, every answer looked for.
        match arrive(crowd.haproxy, from, user, key).await {
            Some((_c, s)) => {
                tally
                    .answers_checked_final
                    .fetch_add(given.len(), Ordering::Relaxed);
                tally
                    .lost_final
                    .fetch_add(lost(&s, &given).await, Ordering::Relaxed);
            }
            None => {
                tally.lost_final.fetch_add(given.len(), Ordering::Relaxed);
            }
        }
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let learners = env_number("LEARNERS", 600);
    let typists = env_number("TYPISTS", 150).min(learners);
    let arrival = Duration::from_secs(env_number("ARRIVAL_SECS", 30) as u64);
    let typing = Duration::from_secs(env_number("TYPING_SECS", 20) as u64);
    let drain = env_number("DRAIN", 5);
    let instances = 3;
    let cluster = Cluster::start(instances, drain);
    let baseline: Vec<u64> = (1..=instances)
        .map(|i| cluster.pid(i).map_or(0, resident_kib))
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (phase_tx, phase_rx) = watch::channel(Phase::Arriving);
        let answerable = learner::answerable();
        let start = Instant::now() + Duration::from_millis(200);
        let crowd = Arc::new(Crowd {
            haproxy: cluster.haproxy,
            phase: phase_rx,
            tally: Arc::new(Tally::default()),
            answerable: answerable.clone(),
            typing_until: start + arrival + typing,
            drain: Duration::from_secs(drain as u64),
        });
        let tally = crowd.tally.clone();
        // Every fourth learner types (150 of 600), spread over the arrivals.
        let every = (learners / typists.max(1)).max(1);
        let mut tasks = Vec::new();
        for n in 0..learners {
            let at = start + arrival.mul_f64(n as f64 / learners as f64);
            let typist = n % every == 0 && n / every < typists;
            tasks.push(tokio::spawn(learner(crowd.clone(), n, typist, at)));
        }
        // Phase 1: arrivals and typing.
        let saved_before: Vec<f64> = (1..=instances)
            .map(|i| sample(&cluster.scrape(i), "kasseika_progress_saves_total{outcome=\"saved\"}"))
            .collect();
        tokio::time::sleep_until((start + arrival + typing + Duration::from_secs(2)).into()).await;
        let phase1 = (start + arrival + typing).saturating_duration_since(start);
        let scrapes: Vec<String> = (1..=instances).map(|i| cluster.scrape(i)).collect();
        let sessions: Vec<f64> = scrapes.iter().map(|s| sample(s, "kasseika_sessions")).collect();
        let resident: Vec<u64> = (1..=instances)
            .map(|i| cluster.pid(i).map_or(0, resident_kib))
            .collect();
        let save_buckets = add_buckets(
            &scrapes
                .iter()
                .map(|s| buckets(s, "kasseika_progress_save_seconds"))
                .collect::<Vec<_>>(),
        );
        let saved: f64 = scrapes
            .iter()
            .map(|s| sample(s, "kasseika_progress_saves_total{outcome=\"saved\"}"))
            .sum::<f64>()
            - saved_before.iter().sum::<f64>();
        let server_latency = add_buckets(
            &scrapes
                .iter()
                .map(|s| buckets(s, "kasseika_keystroke_to_frame_seconds"))
                .collect::<Vec<_>>(),
        );
        let mut samples = std::mem::take(&mut *tally.samples.lock().unwrap());
        samples.sort();
        println!(
            "kasseika serve x{instances} behind HAProxy (PROXY v2), progress in PostgreSQL, on loopback"
        );
        println!(
            "  {learners} learners arriving over {} s, {typists} typing: {} in, {} refused",
            arrival.as_secs(),
            tally.in_first.load(Ordering::Relaxed),
            tally.refused_first.load(Ordering::Relaxed)
        );
        println!(
            "  sessions per instance: {}",
            sessions.iter().map(|s| format!("{s:.0}")).collect::<Vec<_>>().join(", ")
        );
        println!(
            "  keystroke to frame through the balancer ({} keys): p50 {}, p99 {}, max {}",
            samples.len(),
            ms(percentile(&samples, 0.5)),
            ms(percentile(&samples, 0.99)),
            ms(samples.last().copied().unwrap_or_default())
        );
        println!(
            "  keystroke to frame inside the instances: p50 {:.2} ms, p99 {:.2} ms",
            quantile(&server_latency, 0.5) * 1000.0,
            quantile(&server_latency, 0.99) * 1000.0
        );
        for (i, (rss, base)) in resident.iter().zip(&baseline).enumerate() {
            let n = sessions[i].max(1.0);
            println!(
                "  instance {}: resident {} KiB ({} KiB before), {:.0} KiB per learner",
                i + 1,
                rss,
                base,
                rss.saturating_sub(*base) as f64 / n
            );
        }
        println!(
            "  saves to PostgreSQL: {:.0} in {:.0} s ({:.1}/s); save time p50 {:.2} ms, p99 {:.2} ms; {} answers given",
            saved,
            phase1.as_secs_f64(),
            saved / phase1.as_secs_f64(),
            quantile(&save_buckets, 0.5) * 1000.0,
            quantile(&save_buckets, 0.99) * 1000.0,
            tally.answers_given.load(Ordering::Relaxed)
        );

        // Phase 2: kill -9 the busiest instance.
        let busiest = sessions
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map_or(1, |(i, _)| i + 1);
        phase_tx.send_replace(Phase::Killed);
        let killed_at = Instant::now();
        assert!(
            cluster.script(&["kill", &busiest.to_string()]),
            "instance {busiest} killed"
        );
        let thrown_out = sessions[busiest - 1] as usize;
        let deadline = Instant::now() + Duration::from_secs(120);
        while tally.reconnected_after_kill.load(Ordering::Relaxed)
            + tally.refused_after_kill.load(Ordering::Relaxed)
            < thrown_out
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        println!(
            "  kill -9 of instance {busiest} ({thrown_out} learners): {} reconnected through HAProxy in {:.1} s, {} refused, {} answers lost",
            tally.reconnected_after_kill.load(Ordering::Relaxed),
            killed_at.elapsed().as_secs_f64(),
            tally.refused_after_kill.load(Ordering::Relaxed),
            tally.lost_after_kill.load(Ordering::Relaxed)
        );
        assert!(
            cluster.script(&["start-instance", &busiest.to_string()]),
            "instance {busiest} starts again"
        );

        // Phase 3: a rolling restart, learners arriving meanwhile.
        phase_tx.send_replace(Phase::Restarting);
        let restart_started = Instant::now();
        let restart = tokio::task::spawn_blocking({
            let dir = cluster.dir.clone();
            let env = cluster.env.clone();
            move || {
                let mut c = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/cluster.sh"));
                c.arg("rolling-restart")
                    .env("CLUSTER_DIR", dir)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null());
                for (k, v) in env {
                    c.env(k, v);
                }
                c.status().is_ok_and(|s| s.success())
            }
        });
        let mut arrivals = Vec::new();
        let mut n = learners;
        while !restart.is_finished() {
            let crowd = crowd.clone();
            let id = n;
            arrivals.push(tokio::spawn(async move {
                let key = kasseika::serve::hostkey::generate().expect("a key");
                let from = [127, 0, 2, 10 + (id % 100) as u8];
                match arrive(crowd.haproxy, from, format!("new{id}"), key).await {
                    Some(_) => crowd.tally.arrived_in_restart.fetch_add(1, Ordering::Relaxed),
                    None => crowd
                        .tally
                        .refused_arrivals_in_restart
                        .fetch_add(1, Ordering::Relaxed),
                };
            }));
            n += 1;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let restarted = restart.await.unwrap_or(false);
        for a in arrivals {
            let _ = a.await;
        }
        println!(
            "  rolling restart (drain {drain} s each, {}): {:.0} s; {} learners thrown out reconnected, {} refused, {} answers lost; {} new learners in meanwhile, {} refused",
            if restarted { "done" } else { "FAILED" },
            restart_started.elapsed().as_secs_f64(),
            tally.reconnected_in_restart.load(Ordering::Relaxed),
            tally.refused_in_restart.load(Ordering::Relaxed),
            tally.lost_in_restart.load(Ordering::Relaxed),
            tally.arrived_in_restart.load(Ordering::Relaxed),
            tally.refused_arrivals_in_restart.load(Ordering::Relaxed)
        );
        // Let the drained sessions' learners come back, then the last look.
        tokio::time::sleep(Duration::from_secs(3)).await;
        phase_tx.send_replace(Phase::Final);
        for t in tasks {
            let _ = tokio::time::timeout(Duration::from_secs(180), t).await;
        }
        phase_tx.send_replace(Phase::Done);
        println!(
            "  at the end, every typist again: {} answers given, {} looked for, {} lost",
            tally.answers_given.load(Ordering::Relaxed),
            tally.answers_checked_final.load(Ordering::Relaxed),
            tally.lost_final.load(Ordering::Relaxed)
        );
    });
    drop(runtime);
    drop(cluster);
}
