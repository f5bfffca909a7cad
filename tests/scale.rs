//! Serving past one machine, on loopback: a real HAProxy in front (PROXY
//! protocol v1 and v2), the learner's address from the header for the limits,
//! the penalties and the log; headers from elsewhere, missing or slow; metrics
//! and the health check; draining for a restart; a kill -9 of one of two
//! instances behind HAProxy with progress in PostgreSQL; `scripts/cluster.sh`.
//!
//! Each test is bounded (seconds); where HAProxy or PostgreSQL is missing the
//! tests that need them say so loudly and pass, or fail under CI.
#![cfg(feature = "serve")]

#[path = "common/haproxy.rs"]
mod haproxy;
#[path = "common/instance.rs"]
mod instance;
#[path = "common/learner.rs"]
mod learner;
#[cfg(feature = "postgres")]
#[path = "common/pg.rs"]
mod pg;
#[path = "common/ssh.rs"]
mod ssh;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use haproxy::{Backend, Haproxy, Header};
use instance::Instance;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const EN: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

/// `kasseika serve` behind a balancer on 127.0.0.1, with its metrics on a free
/// port, and `extra` flags.
fn instance_behind_a_balancer(dir: &std::path::Path, extra: &[&str]) -> Instance {
    let key = dir.join("host_key");
    let learners = dir.join("learners");
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "--listen".as_ref(),
        "127.0.0.1:0".as_ref(),
        "--metrics".as_ref(),
        "127.0.0.1:0".as_ref(),
        "--host-key".as_ref(),
        key.as_os_str(),
        "--progress-dir".as_ref(),
        learners.as_os_str(),
        "--proxy-protocol-from".as_ref(),
        "127.0.0.1/32".as_ref(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    Instance::start(&args)
}

/// Logs in from `from` through `proxy` and opens a shell.
async fn learner_via(proxy: SocketAddr, from: [u8; 4], user: &str) -> (ssh::Client, ssh::Shell) {
    let client = ssh::login_from(from, proxy, user).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    (client, shell)
}

/// The `connect` lines of a log.
fn connects(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(" connect id=")).collect()
}

/// Behind HAProxy with either header version, the server sees each learner's
/// own address: the log names it, and the per-address limit counts it (two
/// learners from other addresses both get in through the one balancer; a second
/// from the same address is told the limit).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn haproxy_v1_and_v2_carry_the_learners_address_to_the_limits_and_the_log() {
    if haproxy::program().is_none() {
        let _ = Haproxy::start(&[], Header::V2);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = instance_behind_a_balancer(dir.path(), &["--max-per-address", "1"]);
    let backend = Backend {
        ssh: server.ssh,
        metrics: server.metrics,
    };
    let mut seen = 0;
    for (header, (a, b)) in [(Header::V1, (7, 8)), (Header::V2, (9, 10))] {
        let Some(proxy) = Haproxy::start(&[backend], header) else {
            return;
        };
        proxy.wait_for_states(&["UP"]);
        let (_ca, first) = learner_via(proxy.addr, [127, 0, 0, a], "first").await;
        first.wait_for_text("quit").await;
        let (_cb, other) = learner_via(proxy.addr, [127, 0, 0, b], "other").await;
        other.wait_for_text("quit").await;
        let (_cc, again) = learner_via(proxy.addr, [127, 0, 0, a], "again").await;
        again
            .wait_for("the per-address refusal", |r| {
                r.stderr().contains("already running from your address")
            })
            .await;
        server.wait_for_log(&format!("user=\"other\" addr=127.0.0.{b}:"));
        let text = server.log()[seen..].to_string();
        let lines = connects(&text);
        assert!(
            lines
                .iter()
                .any(|l| l.contains("user=\"first\"") && l.contains(&format!("addr=127.0.0.{a}:"))),
            "{header:?}: {text}"
        );
        assert!(
            !lines.iter().any(|l| l.contains("addr=127.0.0.1:")),
            "the balancer's address is nobody's: {text}"
        );
        assert!(
            text.lines().any(|l| l.contains("refused")
                && l.contains("user=\"again\"")
                && l.contains(&format!("addr=127.0.0.{a}:"))
                && l.contains("reason=address_full")),
            "{text}"
        );
        for shell in [&first, &other] {
            shell.send(b"q").await;
            shell.wait_closed().await;
        }
        again.wait_closed().await;
        seen = server.log().len();
    }
}

/// What a client's raw bytes get: everything the server sends until it closes
/// (bounded).
async fn raw_exchange(from: [u8; 4], server: SocketAddr, send: &[u8]) -> Vec<u8> {
    let mut stream = ssh::tcp_from(from, server).await;
    let _ = stream.write_all(send).await;
    let mut got = Vec::new();
    let _ = tokio::time::timeout(ssh::PATIENCE, stream.read_to_end(&mut got)).await;
    got
}

/// A header from an address not listed is not honoured (the connection fails
/// its handshake there), and one missing, malformed or too slow from a listed
/// address closes the connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headers_from_elsewhere_missing_malformed_or_slow_close_the_connection() {
    let dir = tempfile::tempdir().unwrap();
    let server = instance_behind_a_balancer(dir.path(), &[]);
    let addr = server.ssh;

    // From elsewhere, pretending to be the balancer: no session, no trace of
    // the address it claims.
    let spoofed = b"PROXY TCP4 203.0.113.9 127.0.0.1 4000 2222\r\n";
    let mut header_first = ssh::tcp_from([127, 0, 0, 5], addr).await;
    header_first.write_all(spoofed).await.unwrap();
    let connecting = russh::client::connect_stream(
        std::sync::Arc::new(russh::client::Config::default()),
        header_first,
        ssh::Trusting,
    );
    let result = tokio::time::timeout(ssh::PATIENCE, connecting).await;
    assert!(
        !matches!(result, Ok(Ok(_))),
        "an SSH client behind a spoofed header does not get a handshake"
    );

    // From the balancer's address: no header (an SSH client straight in), a
    // malformed one, one too slow.
    let plain = ssh::tcp_from([127, 0, 0, 1], addr).await;
    let connecting = russh::client::connect_stream(
        std::sync::Arc::new(russh::client::Config::default()),
        plain,
        ssh::Trusting,
    );
    let result = tokio::time::timeout(ssh::PATIENCE, connecting).await;
    assert!(!matches!(result, Ok(Ok(_))), "no header: no handshake");
    raw_exchange(
        [127, 0, 0, 1],
        addr,
        b"PROXY TCP4 999.1.1.1 127.0.0.1 1 2\r\n",
    )
    .await;
    let mut slow = ssh::tcp_from([127, 0, 0, 1], addr).await;
    slow.write_all(b"PROXY TCP4 198.51").await.unwrap();
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(ssh::PATIENCE, slow.read_to_end(&mut rest)).await;
    server.wait_for_log("reason=proxy_header_timeout");
    let text = server.log();
    assert!(!text.contains("203.0.113.9"), "{text}");
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("addr=127.0.0.1:") && l.contains("reason=proxy_header_malformed"))
            .count(),
        2,
        "{text}"
    );
    let scraped = server.get("/metrics").unwrap().1;
    assert_eq!(
        sample(&scraped, "kasseika_refusals_total{reason=\"proxy_header\"}"),
        3.0,
        "{scraped}"
    );
    assert_eq!(sample(&scraped, "kasseika_sessions_started_total"), 0.0);
}

/// The text of the notice box on the screen (its rows read between its borders,
/// white space left out), if one shows.
fn notice(r: &ssh::Received) -> Option<String> {
    let screen = r.parser.screen();
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let at = |row: u16, col: u16| screen.cell(row, col).map(|c| c.contents().to_string());
    for top in 0..rows {
        for left in 0..cols {
            if at(top, left).as_deref() != Some("┌") {
                continue;
            }
            let title: String = (left..cols).filter_map(|c| at(top, c)).collect();
            if !(title.contains("Please note") || title.contains("お知らせ")) {
                continue;
            }
            let right = (left + 1..cols).find(|&c| at(top, c).as_deref() == Some("┐"))?;
            let mut text = String::new();
            for row in top + 1..rows {
                if at(row, left).as_deref() == Some("└") {
                    break;
                }
                text.extend((left + 1..right).filter_map(|c| at(row, c)));
            }
            return Some(text.chars().filter(|c| !c.is_whitespace()).collect());
        }
    }
    None
}

/// Whether a notice on the screen says `text` (however it is wrapped).
fn says(r: &ssh::Received, text: &str) -> bool {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    notice(r).is_some_and(|n| n.contains(&text))
}

/// The value of a sample in a scrape.
fn sample(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("{name} in\n{text}"))
        .parse()
        .unwrap()
}

/// `/metrics` counts what happened and what is, and names no learner;
/// `/healthz` says 200 while serving and 503 once draining, at once; a drain
/// closes the door (connections refused), tells each learner once, in their
/// language and by how their progress is kept, lets them go on (an answer
/// during the drain is saved), and ends as soon as the last one leaves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_health_and_a_drain_that_tells_each_learner_once() {
    let mut options = ssh::options().for_sessions(2);
    options.metrics = Some(SocketAddr::from(([127, 0, 0, 1], 0)));
    let store = std::sync::Arc::new(kasseika::progress::store::MemoryStore::new());
    options.progress = store.clone();
    let server = std::sync::Arc::new(ssh::server(options).await);
    let metrics = server.metrics_addr().expect("a metrics address");
    let scrape = || instance::http_get(metrics, "/metrics").expect("metrics").1;
    assert_eq!(
        instance::http_get(metrics, "/healthz").map(|(s, _)| s),
        Some(200)
    );

    let key = kasseika::serve::hostkey::generate().unwrap();
    let client = ssh::login_with_key(server.local_addr(), "hanako-secret", &key).await;
    let known = client.shell(Some("xterm"), 80, 24, EN).await;
    known.wait_for_text("quit").await;
    let answers = learner::answerable();
    learner::answer(&known, &answers[0]).await;
    let anon_client = ssh::login_anonymous(server.local_addr(), "ja").await;
    let anon = anon_client.shell(Some("xterm"), 80, 24, &[]).await;
    anon.wait_for_text("鍵").await;
    anon.send(b"\r").await;
    // A third: over --max-sessions.
    let third_client = ssh::login(server.local_addr(), "third").await;
    let third = third_client.shell(Some("xterm"), 80, 24, EN).await;
    third.wait_closed().await;

    let text = scrape();
    assert_eq!(sample(&text, "kasseika_sessions"), 2.0, "{text}");
    assert_eq!(sample(&text, "kasseika_max_sessions"), 2.0);
    assert_eq!(
        sample(&text, "kasseika_refusals_total{reason=\"full\"}"),
        1.0
    );
    assert!(sample(&text, "kasseika_sessions_started_total") >= 2.0);
    assert!(sample(&text, "kasseika_progress_saves_total{outcome=\"saved\"}") >= 1.0);
    assert!(sample(&text, "kasseika_progress_save_seconds_count") >= 1.0);
    assert!(sample(&text, "kasseika_keystroke_to_frame_seconds_count") >= 3.0);
    assert!(sample(&text, "kasseika_received_bytes_total") > 1000.0);
    assert!(sample(&text, "kasseika_sent_bytes_total") > 10_000.0);
    assert!(sample(&text, "kasseika_cells_used") >= 2.0 * 80.0 * 24.0);
    assert_eq!(sample(&text, "kasseika_progress_store_up"), 1.0);
    assert_eq!(sample(&text, "kasseika_draining"), 0.0);
    for private in ["hanako", "127.0.0.1", "SHA256", "sha256", "xterm"] {
        assert!(!text.contains(private), "{private} in\n{text}");
    }

    // The drain.
    let draining = tokio::spawn({
        let server = server.clone();
        async move {
            let started = Instant::now();
            server.drain(Duration::from_secs(60)).await;
            started.elapsed()
        }
    });
    ssh::eventually("the health check failing", || {
        instance::http_get(metrics, "/healthz").map(|(s, _)| s) == Some(503)
    })
    .await;
    ssh::eventually("the door closed", || {
        std::net::TcpStream::connect(server.local_addr()).is_err()
    })
    .await;
    assert_eq!(sample(&scrape(), "kasseika_draining"), 1.0);
    known.wait_for_text("restarting").await;
    known
        .wait_for("the restart notice", |r| {
            says(r, "What you have done is saved")
        })
        .await;
    anon.wait_for("the restart notice", |r| says(r, "学習の記録は残りません"))
        .await;
    // Closed with a key; told once: another answer, and no notice again.
    known.send(b"\r").await;
    known
        .wait_for("the notice closed", |r| !r.screen().contains("restarting"))
        .await;
    learner::answer(&known, &answers[1]).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!known.received().screen().contains("restarting"));
    known.send(b"q").await;
    known.wait_closed().await;
    assert!(!draining.is_finished(), "one learner is still there");
    anon.send(b"\r").await;
    anon.wait_for("the notice closed", |r| notice(r).is_none())
        .await;
    anon.send(b"q").await;
    anon.wait_closed().await;
    let took = tokio::time::timeout(ssh::PATIENCE, draining)
        .await
        .expect("the drain ends when the last learner leaves")
        .unwrap();
    assert!(took < Duration::from_secs(60));
    // Both answers were saved, the second during the drain.
    let learner = kasseika::progress::store::LearnerId::from_key_fingerprint(
        &key.public_key()
            .fingerprint(russh::keys::HashAlg::Sha256)
            .to_string(),
    )
    .unwrap();
    use kasseika::progress::store::ProgressStore;
    let saved = store.load(&learner).unwrap().progress;
    let solved = kasseika::exercise::all()
        .filter(|e| saved.record(e).solved)
        .count();
    assert_eq!(solved, 2);
    let server = std::sync::Arc::into_inner(server).expect("the last handle");
    server.shutdown(Duration::from_secs(5)).await;
}

/// The command line: SIGTERM with --drain tells the operator, fails the health
/// check and keeps the learner's session; a second SIGTERM stops at once, the
/// learner's terminal restored, exit 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_drains_and_a_second_one_stops_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key");
    let mut server = Instance::start(&[
        "--listen".as_ref(),
        "127.0.0.1:0".as_ref(),
        "--metrics".as_ref(),
        "127.0.0.1:0".as_ref(),
        "--host-key".as_ref(),
        key.as_os_str(),
        "--progress-dir".as_ref(),
        dir.path().join("learners").as_os_str(),
        "--drain".as_ref(),
        "600".as_ref(),
    ]);
    assert_eq!(server.get("/healthz").map(|(s, _)| s), Some(200));
    let client = ssh::login(server.ssh, "taro").await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("quit").await;
    server.signal(libc::SIGTERM);
    server.wait_for_log("draining: no new learners; the one connected");
    assert_eq!(server.get("/healthz").map(|(s, _)| s), Some(503));
    shell.wait_for_text("restarting").await;
    shell.send(b"\r").await;
    shell.send(b"n").await;
    shell.wait_for_text("2/").await;
    assert!(!shell.received().closed);
    server.signal(libc::SIGTERM);
    shell.wait_closed().await;
    assert!(shell.received().restored());
    let status = server.wait(ssh::PATIENCE).expect("it stops");
    assert!(status.success(), "{status}\n{}", server.log());
    assert!(server.log().contains("stopped."), "{}", server.log());
}

/// Two instances behind HAProxy, progress in PostgreSQL, one host key: a
/// learner answers on one, it is killed (kill -9), and through HAProxy they
/// reach the other and find every answer (each was saved when given); both
/// show the same host key.
#[cfg(feature = "postgres")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_whose_instance_is_killed_finds_every_answer_on_the_other() {
    let Some(pg) = pg::shared() else { return };
    if haproxy::program().is_none() {
        // Loud, or a failure under CI.
        let _ = Haproxy::start(&[], Header::V2);
        return;
    }
    let db = pg.database("killed");
    let dir = tempfile::tempdir().unwrap();
    let host_key = dir.path().join("host_key");
    let conninfo = pg.conninfo(&db);
    let start = || {
        Instance::start(&[
            "--listen".as_ref(),
            "127.0.0.1:0".as_ref(),
            "--metrics".as_ref(),
            "127.0.0.1:0".as_ref(),
            "--host-key".as_ref(),
            host_key.as_os_str(),
            "--progress-db".as_ref(),
            conninfo.as_ref(),
            "--proxy-protocol-from".as_ref(),
            "127.0.0.1/32".as_ref(),
        ])
    };
    let mut instances = [start(), start()];
    let fingerprint = |i: &Instance| {
        i.log()
            .lines()
            .find_map(|l| {
                l.split_whitespace()
                    .find(|w| w.starts_with("SHA256:"))
                    .map(String::from)
            })
            .expect("a fingerprint in the log")
    };
    assert_eq!(fingerprint(&instances[0]), fingerprint(&instances[1]));
    let backends: Vec<Backend> = instances
        .iter()
        .map(|i| Backend {
            ssh: i.ssh,
            metrics: i.metrics,
        })
        .collect();
    let Some(proxy) = Haproxy::start(&backends, Header::V2) else {
        return;
    };
    proxy.wait_for_states(&["UP", "UP"]);

    let key = kasseika::serve::hostkey::generate().unwrap();
    let client = ssh::login_from_with_key([127, 0, 0, 7], proxy.addr, "taro", &key).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("quit").await;
    let answers = learner::answerable();
    assert!(answers.len() >= 3, "{answers:?}");
    for a in &answers[..3] {
        learner::answer(&shell, a).await;
    }
    // The instance the learner is on.
    let on = instances
        .iter()
        .position(|i| {
            let text = i.get("/metrics").map(|(_, b)| b).unwrap_or_default();
            sample(&text, "kasseika_sessions") == 1.0
        })
        .expect("one instance holds the session");
    instances[on].signal(libc::SIGKILL);
    instances[on].wait(ssh::PATIENCE).expect("killed");
    shell.wait_closed().await;

    let client = ssh::login_from_with_key([127, 0, 0, 7], proxy.addr, "taro", &key).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("quit").await;
    for a in &answers[..3] {
        learner::find_solved(&shell, a).await;
    }
    let other = &instances[1 - on];
    let text = other.get("/metrics").expect("the other answers").1;
    assert_eq!(sample(&text, "kasseika_sessions"), 1.0);
    assert!(
        other.log().contains("addr=127.0.0.7:"),
        "the learner's address, not the balancer's:\n{}",
        other.log()
    );
    shell.send(b"q").await;
    shell.wait_closed().await;
}

/// `scripts/cluster.sh`: PostgreSQL, two instances and HAProxy on loopback; a
/// learner gets in through the balancer, an instance restarts with a drain,
/// and `stop` leaves no process and no directory behind.
#[cfg(feature = "postgres")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cluster_script_starts_serves_restarts_and_stops_everything() {
    if pg::bin_dir().is_none() || haproxy::program().is_none() {
        let _ = pg::Cluster::start();
        let _ = Haproxy::start(&[], Header::V2);
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("cluster");
    let port = haproxy::free_port();
    let ports = |n: usize| {
        (0..n)
            .map(|_| haproxy::free_port().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let script = |args: &[&str]| {
        let out =
            std::process::Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/cluster.sh"))
                .args(args)
                .env("CLUSTER_DIR", &dir)
                .env("KASSEIKA", env!("CARGO_BIN_EXE_kasseika"))
                .env("INSTANCES", "2")
                .env("PORT", port.to_string())
                .env("SSH_PORTS", ports(2))
                .env("METRICS_PORTS", ports(2))
                .env("DRAIN", "2")
                .stdin(std::process::Stdio::null())
                .output()
                .expect("the script runs");
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    let (ok, said) = script(&["start"]);
    let pids: Vec<u32> = ["instance-1.pid", "instance-2.pid", "haproxy.pid"]
        .iter()
        .filter_map(|f| {
            std::fs::read_to_string(dir.join(f))
                .ok()?
                .trim()
                .parse()
                .ok()
        })
        .collect();
    // Whatever happens next, nothing is left running.
    struct Stop<F: Fn()>(F);
    impl<F: Fn()> Drop for Stop<F> {
        fn drop(&mut self) {
            (self.0)();
        }
    }
    let _stop = Stop(|| {
        let _ = script(&["stop"]);
    });
    assert!(ok, "{said}");
    assert!(said.contains(&format!("ssh -p {port} localhost")), "{said}");
    assert_eq!(pids.len(), 3, "{said}");

    let proxy = SocketAddr::from(([127, 0, 0, 1], port));
    let (_client, shell) = learner_via(proxy, [127, 0, 0, 7], "taro").await;
    shell.wait_for_text("quit").await;
    let (ok, said) = script(&["restart", "1"]);
    assert!(ok, "{said}");
    let (ok, said) = script(&["status"]);
    assert!(ok && said.matches("health 200").count() == 2, "{said}");
    let (ok, said) = script(&["stop"]);
    assert!(ok, "{said}");
    for pid in pids {
        // SAFETY: signal 0 only asks whether the process exists.
        let alive = unsafe { libc::kill(pid as i32, 0) } == 0;
        assert!(!alive, "process {pid} still runs");
    }
    assert!(!dir.exists());
    shell.wait_closed().await;
}
