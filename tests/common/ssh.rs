//! An SSH client for the server's tests and benchmark: russh's client over
//! loopback, the screen read through vt100.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::num::NonZeroU16;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use kasseika::i18n::Localizer;
use kasseika::serve::{self, Options, Running};
use russh::client::{self, Handle, Msg};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, ChannelWriteHalf};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How long to wait for something to show before failing. Generous: this bounds
/// a wait, it does not measure speed.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub fn localizer() -> Arc<Localizer> {
    static LOC: OnceLock<Arc<Localizer>> = OnceLock::new();
    LOC.get_or_init(|| Arc::new(Localizer::embedded().expect("texts load")))
        .clone()
}

/// Test options: loopback, any free port, a fresh host key.
pub fn options() -> Options {
    let key = serve::hostkey::generate().expect("a host key");
    Options::new(SocketAddr::from(([127, 0, 0, 1], 0)), key)
}

pub async fn server(options: Options) -> Running {
    serve::start(options, localizer())
        .await
        .expect("the server starts")
}

/// Accepts any host key (the tests start their own server).
pub struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

pub struct Client {
    pub handle: Handle<Trusting>,
}

/// Connects (no authentication yet).
pub async fn connect(addr: SocketAddr) -> Client {
    connect_with(addr, client::Config::default()).await
}

pub async fn connect_with(addr: SocketAddr, config: client::Config) -> Client {
    let handle = client::connect(Arc::new(config), addr, Trusting)
        .await
        .expect("the client connects");
    Client { handle }
}

/// Connects through `stream` (a proxy, for instance).
pub async fn connect_stream(stream: TcpStream, config: client::Config) -> Client {
    let handle = client::connect_stream(Arc::new(config), stream, Trusting)
        .await
        .expect("the client connects");
    Client { handle }
}

/// A TCP connection to `server` from the loopback address `from` (127.0.0.x: each
/// is another address to the server's per-address limits).
pub async fn tcp_from(from: [u8; 4], server: SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
    socket
        .bind(SocketAddr::from((from, 0)))
        .expect("a loopback address to bind");
    socket.connect(server).await.expect("the server accepts")
}

/// [`tcp_from`] as a blocking std stream, to hold or read without a client.
pub async fn std_tcp_from(from: [u8; 4], server: SocketAddr) -> std::net::TcpStream {
    let stream = tcp_from(from, server)
        .await
        .into_std()
        .expect("a std stream");
    stream.set_nonblocking(false).expect("blocking mode");
    stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
    stream
}

/// Connects from `from` (see [`tcp_from`]) and logs in as [`login`] does.
pub async fn login_from(from: [u8; 4], addr: SocketAddr, user: &str) -> Client {
    let stream = tcp_from(from, addr).await;
    let mut client = connect_stream(stream, client::Config::default()).await;
    let key = kasseika::serve::hostkey::generate().expect("a key");
    assert!(client.auth_key(user, &key).await, "{user} may log in");
    client
}

/// Connects from `from` (see [`tcp_from`]) and logs in as `user` with `key`.
pub async fn login_from_with_key(
    from: [u8; 4],
    addr: SocketAddr,
    user: &str,
    key: &PrivateKey,
) -> Client {
    let stream = tcp_from(from, addr).await;
    let mut client = connect_stream(stream, client::Config::default()).await;
    assert!(client.auth_key(user, key).await, "{user} may log in");
    client
}

/// Connects and logs in as `user` with a key of its own, as OpenSSH does for a
/// learner who has one: the server knows the learner by it (no notice that
/// progress lasts for the session only).
pub async fn login(addr: SocketAddr, user: &str) -> Client {
    let key = kasseika::serve::hostkey::generate().expect("a key");
    login_with_key(addr, user, &key).await
}

/// Connects and logs in as `user` with `key`.
pub async fn login_with_key(addr: SocketAddr, user: &str, key: &PrivateKey) -> Client {
    let mut client = connect(addr).await;
    assert!(client.auth_key(user, key).await, "{user} may log in");
    client
}

/// Connects and logs in as `user` without a key (keyboard-interactive, no
/// question asked): an anonymous learner.
pub async fn login_anonymous(addr: SocketAddr, user: &str) -> Client {
    let mut client = connect(addr).await;
    assert!(client.auth_anyone(user).await, "{user} may log in");
    client
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

fn vt100_parser(cols: u16, rows: u16) -> vt100::Parser {
    vt100::Parser::new(nonzero(rows), nonzero(cols), 0)
}

/// What the server sent on a channel.
pub struct Received {
    pub parser: vt100::Parser,
    pub stderr: Vec<u8>,
    pub bytes: usize,
    pub status: Option<u32>,
    pub closed: bool,
    /// How many times the whole screen was cleared (`ESC [ 2 J`: a new size).
    pub clears: usize,
    /// The last bytes received, for a sequence split across two messages.
    tail: Vec<u8>,
}

const CLEAR_SCREEN: &[u8] = b"\x1b[2J";

impl Received {
    fn new(cols: u16, rows: u16) -> Received {
        Received {
            parser: vt100_parser(cols, rows),
            stderr: Vec::new(),
            bytes: 0,
            status: None,
            closed: false,
            clears: 0,
            tail: Vec::new(),
        }
    }

    fn screen_data(&mut self, data: &[u8]) {
        self.bytes += data.len();
        self.parser.process(data);
        let mut seen = std::mem::take(&mut self.tail);
        seen.extend_from_slice(data);
        self.clears += seen
            .windows(CLEAR_SCREEN.len())
            .filter(|w| *w == CLEAR_SCREEN)
            .count();
        let keep = seen.len().min(CLEAR_SCREEN.len() - 1);
        self.tail = seen.split_off(seen.len() - keep);
    }
}

impl std::fmt::Debug for Received {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Received")
            .field("screen", &self.screen())
            .field("stderr", &self.stderr())
            .field("status", &self.status)
            .field("closed", &self.closed)
            .finish()
    }
}

impl Received {
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// The client's terminal is as it was before the session: main screen,
    /// cursor shown, no bracketed paste.
    pub fn restored(&self) -> bool {
        let s = self.parser.screen();
        !s.alternate_screen() && !s.hide_cursor() && !s.bracketed_paste()
    }
}

impl Client {
    pub async fn auth_none(&mut self, user: &str) -> bool {
        self.handle
            .authenticate_none(user)
            .await
            .expect("an answer")
            .success()
    }

    /// Keyboard-interactive, answering no question: how a client without a key
    /// gets in.
    pub async fn auth_anyone(&mut self, user: &str) -> bool {
        matches!(
            self.handle
                .authenticate_keyboard_interactive_start(user, None)
                .await
                .expect("an answer"),
            russh::client::KeyboardInteractiveAuthResponse::Success
        )
    }

    pub async fn auth_key(&mut self, user: &str, key: &PrivateKey) -> bool {
        self.auth_key_with(user, key, None).await
    }

    /// Logs in with `key`, signing with `hash` (for RSA: `None` is SHA-1, `ssh-rsa`).
    pub async fn auth_key_with(
        &mut self,
        user: &str,
        key: &PrivateKey,
        hash: Option<russh::keys::HashAlg>,
    ) -> bool {
        let key = PrivateKeyWithHashAlg::new(Arc::new(key.clone()), hash);
        self.handle
            .authenticate_publickey(user, key)
            .await
            .expect("an answer")
            .success()
    }

    /// Opens a session with a pty of `cols`x`rows` (none when `term` is `None`),
    /// sends `env`, and asks for a shell.
    pub async fn shell(
        &self,
        term: Option<&str>,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Shell {
        let channel = self
            .handle
            .channel_open_session()
            .await
            .expect("a session channel");
        for (name, value) in env {
            channel.set_env(false, *name, *value).await.unwrap();
        }
        if let Some(term) = term {
            channel
                .request_pty(true, term, cols.into(), rows.into(), 0, 0, &[])
                .await
                .unwrap();
        }
        channel.request_shell(true).await.unwrap();
        let (mut rx, tx) = channel.split();
        let received = Arc::new(Mutex::new(Received::new(cols, rows)));
        let sink = received.clone();
        let changed = Arc::new(tokio::sync::Notify::new());
        let notify = changed.clone();
        tokio::spawn(async move {
            loop {
                let msg = rx.wait().await;
                let _wake = NotifyOnDrop(&notify);
                let mut r = sink.lock().unwrap();
                match msg {
                    Some(ChannelMsg::Data { data }) => r.screen_data(&data),
                    Some(ChannelMsg::ExtendedData { data, .. }) => {
                        r.stderr.extend_from_slice(&data)
                    }
                    Some(ChannelMsg::ExitStatus { exit_status }) => r.status = Some(exit_status),
                    Some(ChannelMsg::Close) | None => {
                        r.closed = true;
                        break;
                    }
                    Some(_) => {}
                }
            }
        });
        Shell {
            tx,
            received,
            changed,
        }
    }

    /// Runs `command` (which the server refuses) and returns what came back.
    pub async fn exec(&self, command: &str) -> Received {
        let channel = self.handle.channel_open_session().await.unwrap();
        channel.exec(true, command).await.unwrap();
        drain(channel).await
    }

    pub async fn subsystem(&self, name: &str) -> Received {
        let channel = self.handle.channel_open_session().await.unwrap();
        channel.request_subsystem(true, name).await.unwrap();
        drain(channel).await
    }
}

async fn drain(mut channel: russh::Channel<Msg>) -> Received {
    let mut r = Received::new(80, 24);
    let deadline = Instant::now() + PATIENCE;
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(remaining, channel.wait()).await {
            Err(_) => panic!("the channel did not close: {r:?}"),
            Ok(Some(ChannelMsg::Data { data })) => r.screen_data(&data),
            Ok(Some(ChannelMsg::ExtendedData { data, .. })) => r.stderr.extend_from_slice(&data),
            Ok(Some(ChannelMsg::ExitStatus { exit_status })) => r.status = Some(exit_status),
            Ok(Some(ChannelMsg::Close) | None) => {
                r.closed = true;
                return r;
            }
            Ok(Some(_)) => {}
        }
    }
}

/// A running shell: keys in, the screen as vt100 shows it.
pub struct Shell {
    pub tx: ChannelWriteHalf<Msg>,
    received: Arc<Mutex<Received>>,
    changed: Arc<tokio::sync::Notify>,
}

/// Wakes the waiters once the message is recorded (and the lock released).
struct NotifyOnDrop<'a>(&'a tokio::sync::Notify);

impl Drop for NotifyOnDrop<'_> {
    fn drop(&mut self) {
        self.0.notify_waiters();
    }
}

impl Shell {
    pub async fn send(&self, bytes: &[u8]) {
        self.tx
            .data_bytes(bytes.to_vec())
            .await
            .expect("the keys are sent");
    }

    pub async fn resize(&self, cols: u16, rows: u16) {
        self.received
            .lock()
            .unwrap()
            .parser
            .set_size(nonzero(rows), nonzero(cols));
        self.tx
            .window_change(cols.into(), rows.into(), 0, 0)
            .await
            .expect("the resize is sent");
    }

    /// Tells the server of a new size without resizing the local screen.
    pub async fn announce_size(&self, cols: u32, rows: u32) {
        self.tx
            .window_change(cols, rows, 0, 0)
            .await
            .expect("the resize is sent");
    }

    /// Waits until more than `bytes` bytes of screen output have arrived.
    pub async fn output_past(&self, bytes: usize) {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let r = self.received();
                if r.bytes > bytes || r.closed {
                    return;
                }
            }
            notified.await;
        }
    }

    pub fn received(&self) -> MutexGuard<'_, Received> {
        self.received.lock().unwrap()
    }

    /// Waits until `check` holds for what was received; fails with the screen.
    pub async fn wait_for(&self, what: &str, check: impl Fn(&Received) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            {
                let r = self.received();
                if check(&r) {
                    return;
                }
                if Instant::now() > deadline {
                    panic!(
                        "waited for {what}; screen:\n{}\nstderr: {:?}, status: {:?}, closed: {}",
                        r.screen(),
                        r.stderr(),
                        r.status,
                        r.closed
                    );
                }
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    pub async fn wait_for_text(&self, text: &str) {
        self.wait_for(text, |r| r.screen().contains(text)).await;
    }

    pub async fn wait_closed(&self) {
        self.wait_for("the channel to close", |r| r.closed).await;
    }
}

/// Waits until `check` holds (the server's counters settle asynchronously).
pub async fn eventually(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !check() {
        assert!(Instant::now() < deadline, "waited for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A TCP proxy whose server-to-client direction can be held, to play a client
/// on a link that delivers nothing for a while.
pub struct Proxy {
    pub addr: SocketAddr,
    pub held: Arc<AtomicBool>,
    /// Bytes passed from the server to the client.
    pub to_client: Arc<AtomicUsize>,
}

pub async fn proxy(server: SocketAddr) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let held = Arc::new(AtomicBool::new(false));
    let to_client = Arc::new(AtomicUsize::new(0));
    let (hold, count) = (held.clone(), to_client.clone());
    tokio::spawn(async move {
        let Ok((client, _)) = listener.accept().await else {
            return;
        };
        let Ok(upstream) = TcpStream::connect(server).await else {
            return;
        };
        let (mut client_rx, mut client_tx) = client.into_split();
        let (mut server_rx, mut server_tx) = upstream.into_split();
        tokio::spawn(async move {
            let _ = tokio::io::copy(&mut client_rx, &mut server_tx).await;
        });
        let mut buf = vec![0u8; 4096];
        loop {
            while hold.load(Ordering::Acquire) {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            match server_rx.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    count.fetch_add(n, Ordering::Relaxed);
                    if client_tx.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        }
    });
    Proxy {
        addr,
        held,
        to_client,
    }
}
