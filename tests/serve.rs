//! `kasseika serve` end to end over loopback: russh's client connects, types,
//! resizes and reads the screen through vt100.
#![cfg(feature = "serve")]

#[path = "common/ssh.rs"]
mod ssh;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use ssh::{connect, eventually, login, login_from, options, server};

const EN: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

/// The header's place of lesson `n`: `English  4/9`.
fn at(lang: &str, n: usize) -> String {
    format!("{lang}  {n}/{}", kasseika::lesson::LessonId::ALL.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_and_a_resize_reach_the_lessons_and_q_restores_the_terminal() {
    let server = server(options()).await;
    let client = login(server.local_addr(), "anyone").await;
    let shell = client.shell(Some("xterm-256color"), 80, 24, EN).await;
    shell.wait_for_text("What is an activation function?").await;
    assert!(shell.received().parser.screen().alternate_screen());
    assert_eq!(server.sessions(), 1);

    shell.send(b"4").await;
    shell.wait_for_text("Sigmoid function").await;
    shell.send(b"\t1, -2\r").await;
    shell.wait_for_text("0.11920292").await;
    shell.wait_for_text("0.73105858").await;

    shell.resize(100, 30).await;
    shell
        .wait_for("the frame redrawn at 100x30", |r| {
            let rows: Vec<String> = r.parser.screen().rows(0, 100).collect();
            rows[0].contains("English  4/9")
                && rows[1].chars().count() == 100
                && rows[1].ends_with('┐')
                && rows[29].contains("Esc")
        })
        .await;

    // Arrow keys arrive as escape sequences split across packets.
    shell.send(b"\x1b").await;
    shell.send(b"[").await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    shell.send(b"C").await;
    shell.wait_for_text("1, -2").await;

    shell.send(b"\x1b").await; // leave the input box
    shell.wait_for_text("n  next").await;
    shell.send(b"q").await;
    shell.wait_closed().await;
    {
        let r = shell.received();
        assert!(r.restored(), "{:?}", r.parser.screen().contents());
        assert_eq!(r.status, Some(0));
        assert_eq!(r.stderr(), "");
    }
    eventually("the session is freed", || server.sessions() == 0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn japanese_from_lang_from_the_user_name_and_from_the_server_default() {
    let server = server(options()).await;
    let by_lang = login(server.local_addr(), "taro").await;
    let shell = by_lang
        .shell(Some("xterm"), 80, 24, &[("LANG", "ja_JP.UTF-8")])
        .await;
    shell.wait_for_text("活性化関数とは").await;
    // L still toggles.
    shell.send(b"L").await;
    shell.wait_for_text("What is an activation function?").await;

    let by_name = login(server.local_addr(), "ja").await;
    let shell = by_name
        .shell(Some("xterm"), 80, 24, &[("LANG", "en_US.UTF-8")])
        .await;
    shell.wait_for_text("活性化関数とは").await;
    shell.send(b"\x03").await;
    shell.wait_closed().await;
    assert!(shell.received().restored());

    let mut options = options();
    options.lang = Some(kasseika::i18n::Lang::Ja);
    let ja_server = ssh::server(options).await;
    let plain = login(ja_server.local_addr(), "taro").await;
    let shell = plain.shell(Some("xterm"), 80, 24, &[]).await;
    shell.wait_for_text("活性化関数とは").await;
    // The C locale is ASCII: no Japanese (it would be question marks), ASCII
    // borders, as locally.
    let plain = login(ja_server.local_addr(), "taro").await;
    let shell = plain.shell(Some("xterm"), 80, 24, &[("LANG", "C")]).await;
    shell.wait_for_text("What is an activation function?").await;
    shell
        .wait_for("ASCII borders", |r| r.screen().contains("+-"))
        .await;
    // Asked for by name where it cannot be shown: English, and one line why.
    let asked = login(ja_server.local_addr(), "ja").await;
    let shell = asked.shell(Some("xterm"), 80, 24, &[("LANG", "C")]).await;
    shell.wait_for_text("What is an activation function?").await;
    // The line goes to the terminal before the lessons take it over, in the
    // stream of the frames (the client writes stderr and stdout in no fixed
    // order: written to stderr it could land on the lessons and scroll them).
    assert_eq!(shell.received().stderr(), "");
    shell.send(b"q").await;
    shell.wait_closed().await;
    let r = shell.received();
    assert!(r.restored());
    let screen: String = r.screen().split('\n').collect();
    assert!(
        screen.starts_with(
            "kasseika: Japanese cannot be shown in your terminal's character set (ASCII)"
        ) && screen.contains("LANG=ja_JP.UTF-8"),
        "{screen}"
    );
    assert_eq!(r.stderr(), "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_authorized_keys_anyone_gets_in_with_them_only_those_keys() {
    let open = server(options()).await;
    let mut client = connect(open.local_addr()).await;
    assert!(
        !client.auth_none("any-name").await,
        "none: a client with a key must get to offer it"
    );
    assert!(client.auth_anyone("any-name").await, "then anyone gets in");

    let allowed = kasseika::serve::hostkey::generate().unwrap();
    let other = kasseika::serve::hostkey::generate().unwrap();
    let mut options = options();
    options.authorized_keys = Some(vec![allowed.public_key().clone()]);
    let closed = server(options).await;
    let mut client = connect(closed.local_addr()).await;
    assert!(!client.auth_none("student").await, "no key, no entry");
    assert!(!client.auth_anyone("student").await, "no key, no entry");
    assert!(!client.auth_key("student", &other).await, "an unlisted key");
    assert!(client.auth_key("student", &allowed).await, "the listed key");
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("What is an activation function?").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_subsystems_forwarding_and_no_pty_are_refused_with_a_reason() {
    let server = server(options()).await;
    let client = login(server.local_addr(), "x").await;

    let exec = client.exec("cat /etc/passwd").await;
    assert_eq!(exec.status, Some(2));
    assert!(
        exec.stderr().contains("runs no commands"),
        "{}",
        exec.stderr()
    );
    assert!(exec.stderr().contains("cat /etc/passwd"));
    assert_eq!(exec.bytes, 0, "nothing on stdout");

    let client = login(server.local_addr(), "x").await;
    let sftp = client.subsystem("sftp").await;
    assert_eq!(sftp.status, Some(2));
    assert!(
        sftp.stderr().contains("no file transfer"),
        "{}",
        sftp.stderr()
    );

    let client = login(server.local_addr(), "x").await;
    let forward = client
        .handle
        .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5555)
        .await;
    assert!(
        matches!(forward, Err(russh::Error::ChannelOpenFailure(_))),
        "{forward:?}"
    );
    assert!(client.handle.tcpip_forward("127.0.0.1", 0).await.is_err());

    let client = login(server.local_addr(), "x").await;
    let shell = client.shell(None, 80, 24, EN).await;
    shell.wait_closed().await;
    {
        let r = shell.received();
        assert_eq!(r.status, Some(2));
        assert!(r.stderr().contains("ssh -t"), "{}", r.stderr());
    }

    // Control characters in a command come back escaped, not raw.
    let client = login(server.local_addr(), "x").await;
    let exec = client.exec("\x1b]0;pwned\x07").await;
    assert!(!exec.stderr().contains('\x1b'), "{:?}", exec.stderr());
    assert!(exec.stderr().contains("\\u{1b}]0;pwned"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beyond_max_sessions_a_polite_one_line_refusal() {
    let mut options = options();
    options.max_sessions = 1;
    let server = server(options).await;
    let first = login(server.local_addr(), "a").await;
    let first = first.shell(Some("xterm"), 80, 24, EN).await;
    first.wait_for_text("What is an activation function?").await;

    let second = login(server.local_addr(), "b").await;
    let second = second.shell(Some("xterm"), 80, 24, EN).await;
    second.wait_closed().await;
    {
        let r = second.received();
        assert_eq!(r.status, Some(1));
        assert_eq!(
            r.stderr(),
            "kasseika: the one place is taken right now. Please try again in a few minutes.\r\n"
        );
        assert!(
            r.restored() && r.bytes == 0,
            "the screen was never taken over"
        );
    }

    first.send(b"n").await;
    first.wait_for_text("English  2/9").await;
    first.send(b"q").await;
    first.wait_closed().await;
    eventually("the place is free", || server.sessions() == 0).await;
    let third = login(server.local_addr(), "c").await;
    let third = third.shell(Some("xterm"), 80, 24, EN).await;
    third.wait_for_text("What is an activation function?").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_client_frees_its_session_and_connection() {
    let mut options = options();
    options.max_sessions = 1;
    let server = server(options).await;
    let client = login(server.local_addr(), "a").await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("What is an activation function?").await;
    assert_eq!((server.sessions(), server.connections()), (1, 1));
    // The client vanishes without a word: the TCP connection just closes.
    drop(shell);
    drop(client);
    eventually("the session and connection are freed", || {
        server.sessions() == 0 && server.connections() == 0
    })
    .await;
    let again = login(server.local_addr(), "b").await;
    let again = again.shell(Some("xterm"), 80, 24, EN).await;
    again.wait_for_text("What is an activation function?").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_gives_every_client_its_terminal_back_first() {
    let server = server(options()).await;
    let a = login(server.local_addr(), "a").await;
    let a = a.shell(Some("xterm"), 80, 24, EN).await;
    let b = login(server.local_addr(), "ja").await;
    let b = b.shell(Some("xterm"), 60, 20, EN).await;
    a.wait_for_text("What is an activation function?").await;
    b.wait_for_text("活性化関数とは").await;
    // One more that has not asked for a session yet.
    let _idle = login(server.local_addr(), "c").await;
    assert_eq!(
        server.shutdown(Duration::from_secs(10)).await,
        0,
        "all closed"
    );
    for (shell, text) in [(&a, "shutting down"), (&b, "サーバーを停止します")] {
        shell.wait_closed().await;
        let r = shell.received();
        assert!(r.restored(), "{}", r.screen());
        assert!(r.stderr().contains(text), "{}", r.stderr());
    }
}

#[cfg(debug_assertions)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_one_session_leaves_the_others_working() {
    let server = server(options()).await;
    let calm = login(server.local_addr(), "calm").await;
    let calm = calm.shell(Some("xterm"), 80, 24, EN).await;
    let doomed = login(server.local_addr(), "doomed").await;
    let doomed = doomed
        .shell(
            Some("xterm"),
            80,
            24,
            &[("LANG", "en_US.UTF-8"), ("KASSEIKA_DEBUG_PANIC", "1")],
        )
        .await;
    calm.wait_for_text("What is an activation function?").await;
    doomed
        .wait_for_text("What is an activation function?")
        .await;
    doomed.send(b"n").await;
    doomed.wait_closed().await;
    {
        let r = doomed.received();
        assert!(r.restored());
        assert_eq!(r.status, Some(70));
        assert!(r.stderr().contains("internal error"), "{}", r.stderr());
    }
    calm.send(b"n").await;
    calm.wait_for_text("English  2/9").await;
    eventually("only the calm session is left", || server.sessions() == 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_ends_with_its_terminal_restored() {
    let mut options = options();
    options.idle_timeout = Some(Duration::from_secs(1));
    let server = server(options).await;
    let client = login(server.local_addr(), "a").await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_closed().await;
    let r = shell.received();
    assert!(r.restored());
    // In the unit the timeout was given in, with the right plural.
    assert_eq!(
        r.stderr(),
        "kasseika: the session ended after one second without a key press. Connect again to go on.\r\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unauthenticated_and_sessionless_connections_are_closed_after_the_grace() {
    let mut options = options();
    options.login_grace = Duration::from_millis(300);
    let server = server(options).await;
    // Says nothing at all.
    let mut silent = std::net::TcpStream::connect(server.local_addr()).unwrap();
    silent.set_read_timeout(Some(ssh::PATIENCE)).unwrap();
    let mut buf = Vec::new();
    silent.read_to_end(&mut buf).unwrap();
    assert!(buf.starts_with(b"SSH-2.0-kasseika\r\n"), "{buf:?}");
    // Logs in, never asks for a session (`ssh -N`).
    let _lurker = login(server.local_addr(), "lurker").await;
    eventually("both are closed", || server.connections() == 0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_that_never_log_in_cannot_take_the_learners_places() {
    let mut options = options();
    options.max_sessions = 2;
    options.login_grace = Duration::from_millis(500);
    let server = server(options).await;
    let learner = login(server.local_addr(), "a").await;
    let learner = learner.shell(Some("xterm"), 80, 24, EN).await;
    learner.wait_for_text("English  1/9").await;
    // 16 connections (the most that may be logging in at once) that say nothing,
    // from two addresses (one address may not hold them all).
    let mut silent = Vec::new();
    for i in 0..16u8 {
        silent.push(ssh::std_tcp_from([127, 0, 0, 2 + i % 2], server.local_addr()).await);
    }
    eventually("16 handshakes", || server.connections() == 17).await;
    let mut one_more = std::net::TcpStream::connect(server.local_addr()).unwrap();
    one_more.set_read_timeout(Some(ssh::PATIENCE)).unwrap();
    let mut refusal = String::new();
    one_more.read_to_string(&mut refusal).unwrap();
    assert_eq!(
        refusal,
        "kasseika: the server is busy; try again in a minute\r\n"
    );
    // The learner is not affected.
    learner.send(b"n").await;
    learner.wait_for_text("English  2/9").await;
    // The silent ones are closed after the login grace; then a learner gets in.
    for mut s in silent {
        s.set_read_timeout(Some(ssh::PATIENCE)).unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
    }
    let second = login(server.local_addr(), "b").await;
    let second = second.shell(Some("xterm"), 80, 24, EN).await;
    second.wait_for_text("English  1/9").await;
    assert_eq!(server.sessions(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_opening_too_many_connections_is_told_to_wait() {
    let mut options = options();
    options.per_address = 3;
    let server = server(options).await;
    let _kept: Vec<_> = (0..3)
        .map(|_| std::net::TcpStream::connect(server.local_addr()).unwrap())
        .collect();
    let mut fourth = std::net::TcpStream::connect(server.local_addr()).unwrap();
    fourth.set_read_timeout(Some(ssh::PATIENCE)).unwrap();
    let mut refusal = String::new();
    fourth.read_to_string(&mut refusal).unwrap();
    assert_eq!(
        refusal,
        "kasseika: too many connections from your address; wait a minute\r\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zero_size_pty_is_80x24_and_a_huge_one_is_capped() {
    let server = server(options()).await;
    let client = login(server.local_addr(), "a").await;
    let zero = client.shell(Some("xterm"), 0, 0, EN).await;
    zero.resize(80, 24).await; // the client's own view of the screen
    zero.wait_for("a full 80x24 frame", |r| {
        let rows: Vec<String> = r.parser.screen().rows(0, 80).collect();
        rows[0].contains("English  1/9") && rows[23].contains("quit")
    })
    .await;

    let client = login(server.local_addr(), "b").await;
    let huge = client.shell(Some("xterm"), 600, 250, EN).await;
    huge.resize(600, 250).await;
    huge.wait_for("a frame drawn at 500x200", |r| {
        let s = r.parser.screen();
        let at = |row, col| s.cell(row, col).map(|c| c.contents().to_string());
        at(1, 499).as_deref() == Some("┐")
            && at(1, 500).as_deref() == Some("")
            && s.contents_between(199, 0, 199, 600).contains("quit")
            && s.contents_between(200, 0, 249, 600).trim().is_empty()
    })
    .await;
    huge.announce_size(100_000, u32::MAX).await;
    huge.send(b"n").await;
    huge.wait_for_text("English  2/9").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_reads_nothing_gets_backpressure_then_the_right_screen() {
    let server = server(options()).await;
    let proxy = ssh::proxy(server.local_addr()).await;
    let stream = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
    let config = russh::client::Config {
        window_size: 16 * 1024,
        ..Default::default()
    };
    let mut client = ssh::connect_stream(stream, config).await;
    let key = kasseika::serve::hostkey::generate().unwrap();
    assert!(client.auth_key("slow", &key).await);
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("What is an activation function?").await;
    // What one lesson change costs.
    let before = shell.received().bytes;
    shell.send(b"n").await;
    shell.wait_for_text("English  2/9").await;
    shell.send(b"p").await;
    shell.wait_for_text("English  1/9").await;
    let one_change = (shell.received().bytes - before) / 2;
    assert!(
        one_change > 500,
        "a lesson change redraws much: {one_change}"
    );

    // The link delivers nothing while the learner flips through lessons.
    proxy.held.store(true, std::sync::atomic::Ordering::Release);
    let received_before = shell.received().bytes;
    for _ in 0..150 {
        shell.send(b"n").await;
        shell.send(b"p").await;
    }
    shell.send(b"4").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    proxy
        .held
        .store(false, std::sync::atomic::Ordering::Release);
    // No frame was dropped: the screen ends right...
    shell.wait_for_text("English  4/9").await;
    shell.wait_for_text("Sigmoid function").await;
    // ...and the 301 changes were not all queued and sent.
    let sent = shell.received().bytes - received_before;
    eprintln!("backpressure: {sent} bytes, one change {one_change}");
    assert!(
        sent < 20 * one_change,
        "{sent} bytes for 301 changes of about {one_change}"
    );
    shell.send(b"q").await;
    shell.wait_closed().await;
    assert!(shell.received().restored());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_from_one_client_leaves_the_others_responsive_and_ctrl_c_quits_it() {
    let server = server(options()).await;
    let flood = login(server.local_addr(), "flood").await;
    let flood = flood.shell(Some("xterm"), 80, 24, EN).await;
    let calm = login(server.local_addr(), "calm").await;
    let calm = calm.shell(Some("xterm"), 80, 24, EN).await;
    flood.wait_for_text("English  1/9").await;
    calm.wait_for_text("English  1/9").await;
    // `L` is the most expensive key (every lesson is wrapped again).
    for _ in 0..4 {
        flood.send(&[b'L'; 16 * 1024]).await;
    }
    for (key, title) in [
        (b"n", "English  2/9"),
        (b"n", "English  3/9"),
        (b"p", "English  2/9"),
    ] {
        calm.send(key).await;
        calm.wait_for_text(title).await;
    }
    // Ctrl-C behind the flood quits it at once, not after the rest.
    flood.send(b"\x03").await;
    flood.wait_closed().await;
    assert!(flood.received().restored());
    assert_eq!(flood.received().status, Some(0));
}

/// A flood far past what a session keeps waiting (256 KB) is read and dropped, so a
/// Ctrl-C behind it quits at once; the channel used to stop being read at the cap,
/// and the Ctrl-C waited behind the rest of the flood, worked through at a tenth of a
/// core.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_quits_behind_a_flood_past_the_sessions_cap() {
    let server = server(options()).await;
    let flood = login(server.local_addr(), "flood").await;
    let flood = flood.shell(Some("xterm"), 80, 24, EN).await;
    flood.wait_for_text("English  1/9").await;
    for _ in 0..64 {
        flood.send(&[b'L'; 32 * 1024]).await;
    }
    flood.send(b"\x03").await;
    flood.wait_closed().await;
    assert!(flood.received().restored());
    assert_eq!(flood.received().status, Some(0));
}

/// The same with Ctrl-C in the forms of terminals that report modifiers (xterm's
/// "modifyOtherKeys", the kitty protocol), which the session's watch used not to
/// know: past the cap they were dropped with the flood and never quit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_in_its_escape_forms_quits_behind_a_flood_past_the_sessions_cap() {
    let server = server(options()).await;
    for form in [&b"\x1b[27;5;99~"[..], b"\x1b[99;5u"] {
        let flood = login(server.local_addr(), "flood").await;
        let flood = flood.shell(Some("xterm"), 80, 24, EN).await;
        flood.wait_for_text("English  1/9").await;
        for _ in 0..64 {
            flood.send(&[b'L'; 32 * 1024]).await;
        }
        flood.send(form).await;
        flood.wait_closed().await;
        assert!(flood.received().restored(), "{form:?}");
        assert_eq!(flood.received().status, Some(0), "{form:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keepalives_keep_a_quiet_client_and_drop_a_frozen_one() {
    let mut options = options();
    options.keepalive_interval = Duration::from_millis(200);
    options.keepalive_max = 2;
    let server = server(options).await;
    let proxy = ssh::proxy(server.local_addr()).await;
    let stream = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
    let mut client = ssh::connect_stream(stream, Default::default()).await;
    let key = kasseika::serve::hostkey::generate().unwrap();
    assert!(client.auth_key("quiet", &key).await);
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("English  1/9").await;
    // Quiet, but answering the keepalives: well past the inactivity limit.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(server.sessions(), 1);
    shell.send(b"n").await;
    shell.wait_for_text("English  2/9").await;
    // Frozen: nothing reaches it any more, so nothing comes back.
    proxy.held.store(true, std::sync::atomic::Ordering::Release);
    eventually("the frozen client is dropped", || {
        server.sessions() == 0 && server.connections() == 0
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_bytes_never_break_a_session() {
    let server = server(options()).await;
    let client = login(server.local_addr(), "fuzz").await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("What is an activation function?").await;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut bytes = Vec::new();
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let b = (seed >> 24) as u8;
        // Keep the keys that end the session out (q, Ctrl-Q, Ctrl-C), to see it
        // survive the rest.
        if !matches!(b, b'q' | 0x11 | 0x03) {
            bytes.push(b);
        }
    }
    for chunk in bytes.chunks(997) {
        shell.send(chunk).await;
    }
    // Whatever state that left, Esc Esc, Tab out and `1` bring the first lesson.
    shell.send(b"\x1b[201~").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    shell.send(b"\x1b").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    shell.send(b"\x1b").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    shell.send(b"?").await;
    shell
        .wait_for("the session to answer", |r| {
            !r.closed && r.screen().contains("Esc")
        })
        .await;
    shell.send(b"\x03").await;
    shell.wait_closed().await;
    assert!(shell.received().restored());
    assert_eq!(shell.received().status, Some(0));
}

/// A raw TCP client that sends the version string, then `every` one SSH_MSG_IGNORE
/// packet in the clear (or nothing if `None`), until the server closes the
/// connection; returns whether it did within the test's patience.
fn closed_by_the_server(addr: std::net::SocketAddr, every: Option<Duration>) -> bool {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(b"SSH-2.0-test\r\n").unwrap();
    // An unencrypted packet: length 20, 10 bytes of padding, the payload
    // IGNORE (2) with the string "abcd"; 24 bytes in all, a multiple of 8.
    let mut ignore = vec![0, 0, 0, 20, 10, 2, 0, 0, 0, 4];
    ignore.extend_from_slice(b"abcd");
    ignore.extend_from_slice(&[0; 10]);
    let writer = every.map(|every| {
        let mut w = stream.try_clone().unwrap();
        std::thread::spawn(move || {
            let deadline = std::time::Instant::now() + ssh::PATIENCE;
            while std::time::Instant::now() < deadline && w.write_all(&ignore).is_ok() {
                std::thread::sleep(every);
            }
        })
    });
    stream
        .set_read_timeout(Some(ssh::PATIENCE + Duration::from_secs(5)))
        .unwrap();
    let mut buf = [0u8; 4096];
    let closed = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break true,
            Err(_) => break false,
        }
    };
    drop(stream);
    if let Some(w) = writer {
        let _ = w.join();
    }
    closed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_stuck_in_the_key_exchange_is_cut_off_at_the_grace() {
    let mut options = options();
    options.login_grace = Duration::from_millis(500);
    let server = server(options).await;
    let addr = server.local_addr();
    // One keeps the link busy with messages that reset russh's inactivity timer;
    // one says its version and then nothing. Neither ever finishes the key
    // exchange, and both are closed after the grace, not minutes later.
    let busy = tokio::task::spawn_blocking(move || {
        closed_by_the_server(addr, Some(Duration::from_millis(50)))
    });
    let stalled = tokio::task::spawn_blocking(move || closed_by_the_server(addr, None));
    assert!(busy.await.unwrap(), "the IGNORE sender was not closed");
    assert!(stalled.await.unwrap(), "the stalled client was not closed");
    eventually("no connection left", || server.connections() == 0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_shut_others_out_of_the_handshakes() {
    let mut options = options();
    options.max_sessions = 2;
    // Long enough that the silent ones stay for the whole test.
    options.login_grace = Duration::from_secs(60);
    let server = server(options).await;
    // 16 connections from one address: as many as may be logging in at once.
    let mut held = Vec::new();
    let mut refused = 0;
    for _ in 0..16 {
        let mut s = ssh::std_tcp_from([127, 0, 0, 1], server.local_addr()).await;
        let mut first = [0u8; 128];
        let n = s.read(&mut first).unwrap();
        let first = String::from_utf8_lossy(&first[..n]).into_owned();
        if first.starts_with("kasseika: too many connections from your address") {
            refused += 1;
        } else {
            assert!(first.starts_with("SSH-2.0-kasseika"), "{first:?}");
            held.push(s);
        }
    }
    assert!(refused > 0, "one address took every place");
    // A learner from another address still gets in.
    let learner = login_from([127, 0, 0, 2], server.local_addr(), "b").await;
    let learner = learner.shell(Some("xterm"), 80, 24, EN).await;
    learner.wait_for_text("English  1/9").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rsa_keys_log_in_with_sha2_and_not_with_sha1() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/serve_rsa_test_key"
    ))
    .unwrap();
    let rsa = russh::keys::PrivateKey::from_openssh(&text).unwrap();
    let mut options = options();
    options.authorized_keys = Some(vec![rsa.public_key().clone()]);
    let server = server(options).await;
    let mut client = connect(server.local_addr()).await;
    assert!(
        !client.auth_key_with("student", &rsa, None).await,
        "ssh-rsa (SHA-1) is refused, as OpenSSH does"
    );
    assert!(
        client
            .auth_key_with("student", &rsa, Some(russh::keys::HashAlg::Sha512))
            .await,
        "rsa-sha2-512"
    );
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("English  1/9").await;
    let mut client = connect(server.local_addr()).await;
    assert!(
        client
            .auth_key_with("student", &rsa, Some(russh::keys::HashAlg::Sha256))
            .await,
        "rsa-sha2-256"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_behind_a_megabyte_quits_at_once() {
    let server = server(options()).await;
    let flood = login(server.local_addr(), "flood").await;
    let flood = flood.shell(Some("xterm"), 80, 24, EN).await;
    flood.wait_for_text("English  1/9").await;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let bytes: Vec<u8> = std::iter::from_fn(|| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        Some((seed >> 24) as u8)
    })
    .filter(|b| !matches!(b, b'q' | 0x11 | 0x03))
    .take(1 << 20)
    .collect();
    // The whole megabyte goes in (the session keeps reading past what it keeps),
    // and the Ctrl-C behind it ends the session without waiting for the rest.
    let quit = async {
        for chunk in bytes.chunks(16 * 1024) {
            flood.send(chunk).await;
        }
        flood.send(b"\x03").await;
        flood.wait_closed().await;
    };
    assert!(
        tokio::time::timeout(ssh::PATIENCE, quit).await.is_ok(),
        "Ctrl-C waited behind the burst"
    );
    assert!(flood.received().restored());
    assert_eq!(flood.received().status, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_window_changes_waits_for_the_budget_and_only_the_last_size_counts() {
    let mut options = options();
    // A session that is over its CPU budget as soon as it has drawn a frame.
    options.cpu_burst = Duration::from_millis(1);
    options.cpu_share = 0.05;
    let server = server(options).await;
    let client = login(server.local_addr(), "resizer").await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("English  1/9").await;
    let before = shell.received().clears;
    for i in 0..300u32 {
        shell
            .announce_size(120 - 20 * (i % 2), 40 - 10 * (i % 2))
            .await;
    }
    shell.resize(90, 28).await;
    shell
        .wait_for("the frame drawn at the last size", |r| {
            let rows: Vec<String> = r.parser.screen().rows(0, 90).collect();
            rows[0].contains("English  1/9") && rows[27].contains("quit")
        })
        .await;
    // Each size taken clears the screen: 301 window changes were a few sizes.
    let clears = shell.received().clears - before;
    assert!(clears <= 10, "{clears} sizes drawn for 301 window changes");
    shell.send(b"n").await;
    shell.wait_for_text("English  2/9").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_screens_of_all_sessions_share_a_budget_of_cells() {
    let mut options = options();
    options.max_sessions = 2;
    options.cells_per_session = 3000;
    let server = server(options).await;
    let a = login(server.local_addr(), "a").await;
    let a = a.shell(Some("xterm"), 100, 30, EN).await;
    a.wait_for("a 100x30 frame", |r| {
        let rows: Vec<String> = r.parser.screen().rows(0, 100).collect();
        rows[29].contains("quit")
    })
    .await;
    // 3000 cells left: a 200x60 window gets a 100x30 screen in its corner.
    let b = login(server.local_addr(), "b").await;
    let b = b.shell(Some("xterm"), 200, 60, EN).await;
    let drawn_at = |r: &ssh::Received, cols: u16, rows: u16| {
        let s = r.parser.screen();
        let lines: Vec<String> = s.rows(0, 200).collect();
        lines[usize::from(rows) - 1].contains("quit")
            && lines[usize::from(rows)..]
                .iter()
                .all(|l| l.trim().is_empty())
            && lines.iter().all(|l| l.chars().count() <= usize::from(cols))
    };
    b.wait_for("a 100x30 frame", |r| drawn_at(r, 100, 30)).await;
    // Once the first leaves, its cells are free: a window of all 6000 gets its
    // whole size.
    a.send(b"q").await;
    a.wait_closed().await;
    eventually("the first session is gone", || server.sessions() == 1).await;
    b.resize(100, 60).await;
    b.wait_for("a 100x60 frame", |r| drawn_at(r, 100, 60)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_screen_drawn_smaller_says_why_and_grows_when_cells_come_back() {
    let mut options = options();
    options.max_sessions = 2;
    options.cells_per_session = 3000;
    let server = server(options).await;
    let a = login(server.local_addr(), "a").await;
    let a = a.shell(Some("xterm"), 100, 30, EN).await;
    a.wait_for("a 100x30 frame", |r| {
        let rows: Vec<String> = r.parser.screen().rows(0, 100).collect();
        rows[29].contains("quit") && rows[0].contains("activation functions")
    })
    .await;
    // 3000 cells left of 6000: a 150x40 window gets a smaller screen, and its
    // header says so (the tagline gives way).
    let b = login(server.local_addr(), "b").await;
    let b = b.shell(Some("xterm"), 150, 40, EN).await;
    let bottom = |r: &ssh::Received| {
        let lines: Vec<String> = r.parser.screen().rows(0, 150).collect();
        lines.iter().rposition(|l| l.contains("quit"))
    };
    b.wait_for("a smaller frame that says why", |r| {
        let header = r.parser.screen().rows(0, 150).next().unwrap_or_default();
        bottom(r).is_some_and(|row| row < 30)
            && header.contains("The server is busy: the screen is drawn at ")
            && header.contains(" of your 150x40.")
            && !header.contains("activation functions")
    })
    .await;
    // The first one leaves: with no key and no resize, the second gets its whole
    // window at once, and the note goes.
    a.send(b"q").await;
    a.wait_closed().await;
    b.wait_for("the whole 150x40 window, the tagline back", |r| {
        let header = r.parser.screen().rows(0, 150).next().unwrap_or_default();
        bottom(r) == Some(39) && header.contains("activation functions") && !header.contains("busy")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_runs_at_most_its_share_of_sessions() {
    let mut options = options();
    options.sessions_per_address = 1;
    let server = server(options).await;
    let first = login(server.local_addr(), "a").await;
    let first = first.shell(Some("xterm"), 80, 24, EN).await;
    first.wait_for_text("English  1/9").await;
    let second = login(server.local_addr(), "b").await;
    let second = second.shell(Some("xterm"), 80, 24, EN).await;
    second.wait_closed().await;
    {
        let r = second.received();
        assert_eq!(r.status, Some(1));
        assert!(
            r.stderr()
                .starts_with("kasseika: a session is already running from your address"),
            "{}",
            r.stderr()
        );
        assert_eq!(r.bytes, 0, "the screen was never taken over");
    }
    let other = login_from([127, 0, 0, 2], server.local_addr(), "c").await;
    let other = other.shell(Some("xterm"), 80, 24, EN).await;
    other.wait_for_text("English  1/9").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_help_offers_no_ctrl_z_where_it_does_nothing() {
    let server = server(options()).await;
    let client = login(server.local_addr(), "a").await;
    let shell = client.shell(Some("xterm"), 100, 40, EN).await;
    shell.wait_for_text("English  1/9").await;
    shell.send(b"?").await;
    shell.wait_for_text("Ctrl-C").await;
    let screen = shell.received().screen();
    assert!(!screen.contains("Ctrl-Z"), "{screen}");
}

/// The binary itself: SIGTERM restores the client's terminal, then exits 0; the
/// host key is created with mode 0600 and reused; the version string names no
/// library.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_creates_its_key_once_and_stops_gracefully_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("kasseika-serve-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let key = dir.join("host_key");
    let start = || {
        let mut child = serve_binary()
            .args(["--listen", "127.0.0.1:0", "--host-key"])
            .arg(&key)
            // The learners' progress goes to the data directory: this one.
            .env("XDG_DATA_HOME", &dir)
            .env("HOME", &dir)
            .spawn()
            .unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut log = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log.extend_from_slice(&buf[..n]);
                let _ = tx.send(String::from_utf8_lossy(&log).into_owned());
            }
        });
        (child, rx)
    };
    let wait_log = |rx: &std::sync::mpsc::Receiver<String>, what: &str| -> String {
        loop {
            let log = rx.recv_timeout(ssh::PATIENCE).expect(what);
            if log.contains(what) {
                return log;
            }
        }
    };
    let (mut first, rx) = start();
    let log = wait_log(&rx, "fingerprint");
    assert!(log.contains("created a new host key"));
    let fingerprint = |log: &str| {
        log.split_whitespace()
            .find(|w| w.starts_with("SHA256:"))
            .map(str::to_string)
            .unwrap()
    };
    let addr = |log: &str| -> std::net::SocketAddr {
        log.split_whitespace()
            .find_map(|w| w.trim_end_matches(',').parse().ok())
            .unwrap()
    };
    let (print1, addr1) = (fingerprint(&log), addr(&log));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let client = login(addr1, "a").await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("What is an activation function?").await;
    let pid = first.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    shell.wait_closed().await;
    assert!(shell.received().restored());
    let status = tokio::task::spawn_blocking(move || first.wait())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let log = wait_log(&rx, "stopped");
    assert!(log.contains("reason=server_shutdown"), "{log}");
    assert!(
        log.contains("connect id=") && log.contains("user=\"a\""),
        "{log}"
    );

    // The learner logged in with a key: the teacher's report names them.
    let report = Command::new(env!("CARGO_BIN_EXE_kasseika"))
        .args(["serve", "--report"])
        .env_clear()
        .env("LANG", "C.UTF-8")
        .env("XDG_DATA_HOME", &dir)
        .env("HOME", &dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&report.stdout);
    assert_eq!(report.status.code(), Some(0), "{text}");
    assert!(
        text.starts_with("1 learner.") && text.contains("a (SHA256:"),
        "{text}"
    );
    assert!(log.contains("learner=SHA256:"), "{log}");

    let (mut second, rx) = start();
    let log = wait_log(&rx, "fingerprint");
    assert!(!log.contains("created"), "reused: {log}");
    assert_eq!(fingerprint(&log), print1, "same key, same fingerprint");
    second.kill().unwrap();
    let _ = second.wait();
    std::fs::remove_dir_all(dir).unwrap();
}

/// What the binary prints and returns when it stops before serving, within the
/// test's patience.
fn serve_refuses(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut child = serve_binary().args(args).spawn().unwrap();
    let log = |child: &mut std::process::Child| {
        let mut log = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .unwrap();
        log
    };
    let deadline = std::time::Instant::now() + ssh::PATIENCE;
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("it went on serving: {}", log(&mut child));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = log(&mut child);
    (child.wait().unwrap().code(), log)
}

/// `kasseika serve` as the tests start it: a clean environment in UTF-8, no
/// input, the log on a pipe.
fn serve_binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kasseika"));
    command
        .arg("serve")
        .env_clear()
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// A host key file that is not a usable key: the operator is told what the file
/// holds and what is accepted, in words of their own (not the library's).
#[cfg(unix)]
#[test]
fn a_host_key_file_that_is_not_a_usable_key_says_what_it_is_and_what_is_accepted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("host_key");
    let run = |text: &[u8]| {
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let (code, log) = serve_refuses(&[
            "--listen".as_ref(),
            "127.0.0.1:0".as_ref(),
            "--host-key".as_ref(),
            path.as_os_str(),
        ]);
        assert_eq!(code, Some(1), "{log}");
        assert!(
            log.contains("OpenSSH private key without a passphrase")
                && log.contains("ssh-keygen -t ed25519")
                && log.contains("or delete "),
            "what is accepted, and how to get it: {log}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), text, "the file is kept");
        log
    };
    let log = run(b"garbage\n");
    assert!(
        log.contains("it is not a key: it begins with \"garbage\""),
        "{log}"
    );
    assert!(!log.contains("NUL") && !log.contains("preamble"), "{log}");
    // What `ssh-keygen -m PEM` writes for an RSA key.
    let log = run(
        b"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAwJ3mbW3LdXGMbSoWYsYDr9gC\n-----END RSA PRIVATE KEY-----\n",
    );
    assert!(
        log.contains("a key in the older PEM format (-----BEGIN RSA PRIVATE KEY-----"),
        "{log}"
    );
    assert!(!log.contains("expecting"), "{log}");
    // Control characters from the file are shown, not sent to the terminal.
    let log = run(b"gar\x1b[2Jbage\n");
    assert!(!log.contains('\x1b'), "{log:?}");
    assert!(log.contains("begins with \"gar"), "{log}");
    let log = run(b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE me@host\n");
    assert!(log.contains("a public key"), "{log}");
}

#[test]
fn authorized_keys_with_options_or_a_bad_line_stop_the_server_naming_the_line() {
    let dir = std::env::temp_dir().join(format!("kasseika-serve-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = kasseika::serve::hostkey::generate().unwrap();
    let public = key.public_key().to_openssh().unwrap();
    let host_key = dir.join("host_key");
    let file = dir.join("authorized_keys");
    let run = |text: &str| {
        std::fs::write(&file, text).unwrap();
        serve_refuses(&[
            "--listen".as_ref(),
            "127.0.0.1:0".as_ref(),
            "--host-key".as_ref(),
            host_key.as_os_str(),
            "--authorized-keys".as_ref(),
            file.as_os_str(),
        ])
    };
    // A key limited to one address must not be let in from every address.
    let (code, log) = run(&format!(
        "# the class\n{public}\n\nfrom=\"10.0.0.1\",no-pty,command=\"/bin/false\" {public} x y\n"
    ));
    assert_eq!(code, Some(1), "{log}");
    assert!(
        log.contains("line 4 of")
            && log.contains("from=\"10.0.0.1\",no-pty,command=\"/bin/false\""),
        "{log}"
    );
    let (code, log) = run(&format!("{public}\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA\n"));
    assert_eq!(code, Some(1), "{log}");
    assert!(
        log.contains("line 2 of") && log.contains("is not a public key"),
        "{log}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// A learner known by a key picks up where they left off: after a dropped
/// connection, after a server restart (their progress in the server's files), in
/// the language they chose; an anonymous learner is told once that theirs lasts
/// for the session; the teacher's report names the known ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_with_a_key_resumes_after_a_reconnect_and_a_restart() {
    use kasseika::progress::store::FileStore;
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options();
    opts.progress = Arc::new(FileStore::per_learner(dir.path()));
    let first = server(opts.clone()).await;
    let key = kasseika::serve::hostkey::generate().unwrap();

    let client = ssh::login_with_key(first.local_addr(), "taro", &key).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("What is an activation function?").await;
    assert!(!shell.received().screen().contains("this session only"));
    shell.send(b"4").await;
    shell.wait_for_text(&at("English", 4)).await;
    shell.send(b"e").await;
    shell.wait_for_text("Exercises: Sigmoid function").await;
    shell.send(b"0.5\r").await;
    shell.wait_for_text("Right!").await;
    shell.send(b"L").await;
    shell.wait_for_text("正解です").await;
    // The connection drops (a closed laptop): no goodbye, no quit.
    drop(shell);
    drop(client);
    eventually("the session ends", || first.sessions() == 0).await;

    let client = ssh::login_with_key(first.local_addr(), "taro", &key).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    // The lesson and the language it was left in (the chosen language beats the
    // client's LANG).
    shell.wait_for_text(&at("日本語", 4)).await;
    // Back in its exercises, where they were left: the one on show was solved,
    // so on the first one not done yet; the one before is solved.
    shell.wait_for_text("2. h(2)  未回答").await;
    shell.send(b"\x1b[5~").await;
    shell.wait_for_text("1. h(0)  正解").await;
    shell.send(b"q").await;
    shell.wait_closed().await;
    first.shutdown(Duration::from_secs(5)).await;

    // A new server on the same files: still known, still there.
    let second = server(opts).await;
    let client = ssh::login_with_key(second.local_addr(), "taro", &key).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text(&at("日本語", 4)).await;
    // The user name ja or en is this connection's choice and wins.
    drop(shell);
    drop(client);
    eventually("the session ends", || second.sessions() == 0).await;
    let client = ssh::login_with_key(second.local_addr(), "en", &key).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text(&at("English", 4)).await;

    // Another key is another learner: the first lesson.
    let other = login(second.local_addr(), "hanako").await;
    let other = other.shell(Some("xterm"), 80, 24, EN).await;
    other.wait_for_text(&at("English", 1)).await;
    // Without a key: told once, then the lessons as usual.
    let anonymous = ssh::login_anonymous(second.local_addr(), "guest").await;
    let anonymous = anonymous.shell(Some("xterm"), 80, 24, EN).await;
    anonymous.wait_for_text("this session only").await;
    anonymous.send(b"\r").await;
    anonymous
        .wait_for("the notice closed", |r| {
            !r.screen().contains("this session only") && r.screen().contains(&at("English", 1))
        })
        .await;
    anonymous.send(b"n").await;
    anonymous.wait_for_text(&at("English", 2)).await;

    // The class as the teacher sees it: taro by name, with the exercise solved.
    let args = kasseika::serve::ServeArgs {
        listen: "127.0.0.1:0".into(),
        host_key: None,
        max_sessions: 1,
        max_per_address: None,
        idle_timeout: 0,
        authorized_keys: None,
        progress_dir: Some(dir.path().to_path_buf()),
        report: true,
        db: Default::default(),
    };
    let loc = ssh::localizer();
    let (text, problems) =
        kasseika::serve::report(&args, loc.tr(kasseika::i18n::Lang::En)).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(text.contains("taro (SHA256:"), "{text}");
    let solved = format!(
        "Exercises solved: 1 of {}",
        kasseika::exercise::all().count()
    );
    assert!(text.contains(&solved), "{text}");
    assert!(
        !text.contains("guest"),
        "anonymous learners leave nothing: {text}"
    );
    // Nothing on disk but the known learners' files (and their locks).
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    assert_eq!(names.len(), 2, "taro and hanako: {names:?}");
}

/// A learner whose saved progress is damaged is told so without the server's
/// paths or the parser's words (those go to the operator's log); the file is set
/// aside and the learner starts afresh.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_progress_file_is_told_without_the_servers_paths() {
    use kasseika::progress::store::FileStore;
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options();
    opts.progress = Arc::new(FileStore::per_learner(dir.path()));
    let server = server(opts).await;
    let key = kasseika::serve::hostkey::generate().unwrap();
    let client = ssh::login_with_key(server.local_addr(), "taro", &key).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("What is an activation function?").await;
    shell.send(b"n").await;
    shell.wait_for_text(&at("English", 2)).await;
    shell.send(b"q").await;
    shell.wait_closed().await;
    eventually("the session ends", || server.sessions() == 0).await;
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::write(&files[0], b"{ not json").unwrap();

    let client = ssh::login_with_key(server.local_addr(), "taro", &key).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    shell.wait_for_text("could not be read").await;
    let screen: String = shell.received().screen().split('\n').collect();
    assert!(screen.contains("kept on the server"), "{screen}");
    let dir_name = dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(!screen.contains(&dir_name), "no server path: {screen}");
    assert!(!screen.contains("line 1"), "no parser words: {screen}");
    shell.send(b"\r").await;
    shell.wait_for_text(&at("English", 1)).await;
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.contains(".json") && !name.ends_with(".json") && !name.ends_with(".lock")
        })
        .count();
    assert_eq!(aside, 1, "the damaged file is kept aside");
}

#[test]
fn with_authorized_keys_the_start_up_says_nothing_of_keyless_learners() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let key = kasseika::serve::hostkey::generate().unwrap();
    let file = dir.path().join("authorized_keys");
    std::fs::write(&file, key.public_key().to_openssh().unwrap()).unwrap();
    let mut child = serve_binary()
        .args(["--listen", "127.0.0.1:0"])
        .arg("--host-key")
        .arg(dir.path().join("host_key"))
        .arg("--progress-dir")
        .arg(dir.path().join("learners"))
        .arg("--authorized-keys")
        .arg(&file)
        .spawn()
        .unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut log = String::new();
    for line in stderr.lines() {
        let line = line.unwrap();
        log.push_str(&line);
        log.push('\n');
        if line.contains("is kept in") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(log.contains("is kept in"), "{log}");
    assert!(!log.contains("without a key"), "{log}");
}
