//! What an operator sees besides the log (`--metrics ADDR`): Prometheus metrics
//! and a health check for the load balancer, on a port of their own.
//!
//! The counters, gauges and histograms live in one [`Metrics`] (prometheus-client
//! keeps them as atomics: the sessions update them without a lock); what is a
//! state rather than an event (sessions now, cells used, the database) is read
//! from the server at each scrape ([`Now`]). HTTP is hyper's, on the server's
//! runtime: `GET /metrics` (OpenMetrics text), `GET /healthz` (200 while serving,
//! 503 once draining or stopping), anything else 404.
//!
//! **Nothing here names a learner**: every label value is a `&'static str` of the
//! server's own (a reason, an outcome), never an address, a user name or a key.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, header};
use hyper_util::rt::{TokioIo, TokioTimer};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

/// Why connections and sessions were refused (`kasseika_refusals_total`), listed
/// so that each shows from the first scrape, at 0.
pub const REFUSALS: &[&str] = &[
    "rate_limit",
    "too_many_logging_in",
    "too_many_connections",
    "penalized",
    "full",
    "address_full",
    "login_timeout",
    "proxy_header",
    "draining",
    "server_shutdown",
];

/// How sessions ended (`kasseika_sessions_ended_total`).
pub const ENDS: &[&str] = &[
    "quit",
    "client_gone",
    "input_closed",
    "idle_timeout",
    "server_shutdown",
    "panic",
];

/// What became of a save (`kasseika_progress_saves_total`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// The store took it.
    Saved,
    /// The database did not answer: the server keeps it and writes it later.
    Waiting,
    /// The store refused it (a disk full, a folder it cannot write).
    Failed,
}

impl SaveOutcome {
    fn label(self) -> &'static str {
        match self {
            SaveOutcome::Saved => "saved",
            SaveOutcome::Waiting => "waiting",
            SaveOutcome::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Reason {
    reason: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Outcome {
    outcome: &'static str,
}

/// The server's state at a scrape.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Now {
    pub sessions: usize,
    pub max_sessions: usize,
    /// TCP connections open (sessions included).
    pub connections: usize,
    /// Connections that have not started a session yet (waiting for a place,
    /// exchanging keys, logging in).
    pub logins_waiting: usize,
    pub cells_used: usize,
    pub cells_budget: usize,
    /// Stopping or draining: the balancer should send no one here.
    pub draining: bool,
    /// Whether the progress store answers (files: always).
    pub store_up: bool,
    /// Learners whose saves wait in memory for the database.
    pub saves_waiting: usize,
}

/// Every metric of one server.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    refusals: Family<Reason, Counter>,
    sessions_started: Counter,
    sessions_ended: Family<Reason, Counter>,
    keystroke_to_frame: Histogram,
    saves: Family<Outcome, Counter>,
    save_time: Histogram,
    received: Counter,
    sent: Counter,
    sessions: Gauge,
    max_sessions: Gauge,
    connections: Gauge,
    logins_waiting: Gauge,
    cells_used: Gauge,
    cells_budget: Gauge,
    draining: Gauge,
    store_up: Gauge,
    saves_waiting: Gauge,
    resident: Gauge,
}

fn gauge(registry: &mut Registry, name: &str, help: &str) -> Gauge {
    let g = Gauge::default();
    registry.register(name, help, g.clone());
    g
}

impl Metrics {
    pub fn new() -> Arc<Metrics> {
        let mut registry = Registry::with_prefix("kasseika");
        let refusals = Family::<Reason, Counter>::default();
        registry.register(
            "refusals",
            "Connections and sessions refused, by reason",
            refusals.clone(),
        );
        for reason in REFUSALS {
            let _ = refusals.get_or_create(&Reason { reason });
        }
        let sessions_started = Counter::default();
        registry.register(
            "sessions_started",
            "Sessions started (a learner in the lessons)",
            sessions_started.clone(),
        );
        let sessions_ended = Family::<Reason, Counter>::default();
        registry.register(
            "sessions_ended",
            "Sessions ended, by how",
            sessions_ended.clone(),
        );
        for reason in ENDS {
            let _ = sessions_ended.get_or_create(&Reason { reason });
        }
        // 0.25 ms to about 4 s.
        let keystroke_to_frame = Histogram::new(exponential_buckets(0.000_25, 2.0, 15));
        registry.register_with_unit(
            "keystroke_to_frame",
            "From a learner's key reaching the session to the frame it caused handed to the connection",
            Unit::Seconds,
            keystroke_to_frame.clone(),
        );
        let saves = Family::<Outcome, Counter>::default();
        registry.register(
            "progress_saves",
            "Saves of a learner's progress, by outcome",
            saves.clone(),
        );
        for outcome in [
            SaveOutcome::Saved,
            SaveOutcome::Waiting,
            SaveOutcome::Failed,
        ] {
            let _ = saves.get_or_create(&Outcome {
                outcome: outcome.label(),
            });
        }
        // 0.25 ms to about 8 s (a save is bounded by the store's timeout).
        let save_time = Histogram::new(exponential_buckets(0.000_25, 2.0, 16));
        registry.register_with_unit(
            "progress_save",
            "Time a save of a learner's progress took",
            Unit::Seconds,
            save_time.clone(),
        );
        let received = Counter::default();
        registry.register_with_unit(
            "received",
            "Bytes received from SSH clients",
            Unit::Bytes,
            received.clone(),
        );
        let sent = Counter::default();
        registry.register_with_unit(
            "sent",
            "Bytes sent to SSH clients",
            Unit::Bytes,
            sent.clone(),
        );
        let r = &mut registry;
        let sessions = gauge(r, "sessions", "Sessions now");
        let max_sessions = gauge(
            r,
            "max_sessions",
            "Sessions allowed at once (--max-sessions)",
        );
        let connections = gauge(r, "connections", "TCP connections open, sessions included");
        let logins_waiting = gauge(
            r,
            "logins_waiting",
            "Connections that have not started a session yet (waiting for a place, exchanging keys, logging in)",
        );
        let cells_used = gauge(r, "cells_used", "Screen cells all sessions draw now");
        let cells_budget = gauge(r, "cells_budget", "Screen cells all sessions may draw");
        let draining = gauge(
            r,
            "draining",
            "1 once the server stops taking learners (draining or stopping)",
        );
        let store_up = gauge(
            r,
            "progress_store_up",
            "1 while the progress store answers (files: always), 0 while the database does not",
        );
        let saves_waiting = gauge(
            r,
            "progress_saves_waiting",
            "Learners whose progress waits in memory for the database",
        );
        let resident = Gauge::default();
        r.register_with_unit(
            "resident_memory",
            "The server's resident memory",
            Unit::Bytes,
            resident.clone(),
        );
        Arc::new(Metrics {
            registry,
            refusals,
            sessions_started,
            sessions_ended,
            keystroke_to_frame,
            saves,
            save_time,
            received,
            sent,
            sessions,
            max_sessions,
            connections,
            logins_waiting,
            cells_used,
            cells_budget,
            draining,
            store_up,
            saves_waiting,
            resident,
        })
    }

    /// A connection or a session refused for `reason` (one of [`REFUSALS`]).
    pub fn refused(&self, reason: &'static str) {
        self.refusals.get_or_create(&Reason { reason }).inc();
    }

    pub fn session_started(&self) {
        self.sessions_started.inc();
    }

    /// A session ended, `how` being one of [`ENDS`].
    pub fn session_ended(&self, how: &'static str) {
        self.sessions_ended
            .get_or_create(&Reason { reason: how })
            .inc();
    }

    pub fn keystroke_to_frame(&self, took: Duration) {
        self.keystroke_to_frame.observe(took.as_secs_f64());
    }

    pub fn saved(&self, outcome: SaveOutcome, took: Duration) {
        self.saves
            .get_or_create(&Outcome {
                outcome: outcome.label(),
            })
            .inc();
        self.save_time.observe(took.as_secs_f64());
    }

    pub fn received(&self, bytes: usize) {
        self.received.inc_by(bytes as u64);
    }

    pub fn sent(&self, bytes: usize) {
        self.sent.inc_by(bytes as u64);
    }

    /// The text a scrape gets: every metric, with the state of `now`.
    pub fn encode(&self, now: &Now) -> String {
        let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
        self.sessions.set(n(now.sessions));
        self.max_sessions.set(n(now.max_sessions));
        self.connections.set(n(now.connections));
        self.logins_waiting.set(n(now.logins_waiting));
        self.cells_used.set(n(now.cells_used));
        self.cells_budget.set(n(now.cells_budget));
        self.draining.set(i64::from(now.draining));
        self.store_up.set(i64::from(now.store_up));
        self.saves_waiting.set(n(now.saves_waiting));
        self.resident.set(n(resident_bytes()));
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// This process's resident memory (Linux; 0 elsewhere).
fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    pages.saturating_mul(usize::try_from(page).unwrap_or(4096))
}

/// A connection's stream that counts the bytes through it (the SSH protocol's,
/// handshake included) in the server's metrics.
pub(crate) struct Counted<S> {
    inner: S,
    metrics: Arc<Metrics>,
}

impl<S> Counted<S> {
    pub fn new(inner: S, metrics: Arc<Metrics>) -> Counted<S> {
        Counted { inner, metrics }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Counted<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = polled {
            this.metrics.received(buf.filled().len() - before);
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Counted<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write(cx, data);
        if let Poll::Ready(Ok(n)) = polled {
            this.metrics.sent(n);
        }
        polled
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// What the endpoint reads the server's state from.
pub type Snapshot = Arc<dyn Fn() -> Now + Send + Sync>;

/// Connections the endpoint serves at once (Prometheus and the balancer's checks
/// need a few); more are closed at once.
const MAX_CONNECTIONS: usize = 32;
/// The longest one connection is served (a client that holds it open gives it up).
const CONNECTION_TIME: Duration = Duration::from_secs(30);
/// The longest a client may take to send a request's head.
const HEAD_TIME: Duration = Duration::from_secs(5);

/// Serves `listener` until `stop` says so.
pub(crate) async fn serve(
    listener: TcpListener,
    metrics: Arc<Metrics>,
    now: Snapshot,
    mut stop: watch::Receiver<bool>,
) {
    let places = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIME)
        .max_buf_size(16 * 1024);
    loop {
        let stream = tokio::select! {
            () = super::session::stopped(&mut stop) => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let Ok(place) = places.clone().try_acquire_owned() else {
            continue;
        };
        let (metrics, now, builder) = (metrics.clone(), now.clone(), builder.clone());
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let response = respond(&request, &metrics, &now);
                async move { Ok::<_, Infallible>(response) }
            });
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_TIME, connection).await;
            drop(place);
        });
    }
}

fn respond(request: &Request<Incoming>, metrics: &Metrics, now: &Snapshot) -> Response<String> {
    let text = |status: StatusCode, body: &str| {
        let mut response = Response::new(body.to_string());
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    };
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET\n");
        response
            .headers_mut()
            .insert(header::ALLOW, header::HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    match request.uri().path() {
        "/metrics" => {
            let mut response = Response::new(metrics.encode(&now()));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static(
                    "application/openmetrics-text; version=1.0.0; charset=utf-8",
                ),
            );
            response
        }
        "/healthz" => {
            if now().draining {
                text(StatusCode::SERVICE_UNAVAILABLE, "draining\n")
            } else {
                text(StatusCode::OK, "serving\n")
            }
        }
        _ => text(
            StatusCode::NOT_FOUND,
            "kasseika: /metrics (Prometheus) and /healthz (200 serving, 503 draining)\n",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// The value of the sample line that starts with `name` (labels included).
    fn sample(text: &str, name: &str) -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or_else(|| panic!("{name} in\n{text}"))
            .parse()
            .unwrap()
    }

    #[test]
    fn events_and_states_are_counted_under_their_names() {
        let m = Metrics::new();
        let text = m.encode(&Now::default());
        for reason in REFUSALS {
            assert_eq!(
                sample(
                    &text,
                    &format!("kasseika_refusals_total{{reason=\"{reason}\"}}")
                ),
                0.0
            );
        }
        m.refused("full");
        m.refused("full");
        m.refused("proxy_header");
        m.session_started();
        m.session_ended("quit");
        m.keystroke_to_frame(Duration::from_millis(3));
        m.saved(SaveOutcome::Saved, Duration::from_millis(2));
        m.saved(SaveOutcome::Waiting, Duration::from_millis(1));
        m.received(100);
        m.sent(2500);
        let now = Now {
            sessions: 7,
            max_sessions: 200,
            connections: 9,
            logins_waiting: 2,
            cells_used: 13_440,
            cells_budget: 3_200_000,
            draining: true,
            store_up: false,
            saves_waiting: 3,
        };
        let text = m.encode(&now);
        assert_eq!(
            sample(&text, "kasseika_refusals_total{reason=\"full\"}"),
            2.0
        );
        assert_eq!(
            sample(&text, "kasseika_refusals_total{reason=\"proxy_header\"}"),
            1.0
        );
        assert_eq!(sample(&text, "kasseika_sessions_started_total"), 1.0);
        assert_eq!(
            sample(&text, "kasseika_sessions_ended_total{reason=\"quit\"}"),
            1.0
        );
        assert_eq!(
            sample(&text, "kasseika_keystroke_to_frame_seconds_count"),
            1.0
        );
        assert_eq!(
            sample(
                &text,
                "kasseika_keystroke_to_frame_seconds_bucket{le=\"0.004\"}"
            ),
            1.0
        );
        assert_eq!(
            sample(
                &text,
                "kasseika_keystroke_to_frame_seconds_bucket{le=\"0.002\"}"
            ),
            0.0
        );
        assert_eq!(
            sample(&text, "kasseika_progress_saves_total{outcome=\"saved\"}"),
            1.0
        );
        assert_eq!(
            sample(&text, "kasseika_progress_saves_total{outcome=\"waiting\"}"),
            1.0
        );
        assert_eq!(
            sample(&text, "kasseika_progress_saves_total{outcome=\"failed\"}"),
            0.0
        );
        assert_eq!(sample(&text, "kasseika_progress_save_seconds_count"), 2.0);
        assert_eq!(sample(&text, "kasseika_received_bytes_total"), 100.0);
        assert_eq!(sample(&text, "kasseika_sent_bytes_total"), 2500.0);
        assert_eq!(sample(&text, "kasseika_sessions"), 7.0);
        assert_eq!(sample(&text, "kasseika_max_sessions"), 200.0);
        assert_eq!(sample(&text, "kasseika_connections"), 9.0);
        assert_eq!(sample(&text, "kasseika_logins_waiting"), 2.0);
        assert_eq!(sample(&text, "kasseika_cells_used"), 13_440.0);
        assert_eq!(sample(&text, "kasseika_cells_budget"), 3_200_000.0);
        assert_eq!(sample(&text, "kasseika_draining"), 1.0);
        assert_eq!(sample(&text, "kasseika_progress_store_up"), 0.0);
        assert_eq!(sample(&text, "kasseika_progress_saves_waiting"), 3.0);
        if cfg!(target_os = "linux") {
            assert!(sample(&text, "kasseika_resident_memory_bytes") > 1e6);
        }
        assert!(text.ends_with("# EOF\n"), "{text}");
    }

    #[tokio::test]
    async fn a_counted_stream_counts_both_ways() {
        let m = Metrics::new();
        let (a, mut b) = tokio::io::duplex(64);
        let mut counted = Counted::new(a, m.clone());
        counted.write_all(b"SSH-2.0-kasseika\r\n").await.unwrap();
        b.write_all(b"hello").await.unwrap();
        let mut got = [0u8; 5];
        counted.read_exact(&mut got).await.unwrap();
        let text = m.encode(&Now::default());
        assert_eq!(sample(&text, "kasseika_sent_bytes_total"), 18.0);
        assert_eq!(sample(&text, "kasseika_received_bytes_total"), 5.0);
    }

    async fn get(addr: std::net::SocketAddr, request: &str) -> String {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut out = String::new();
        tokio::time::timeout(Duration::from_secs(20), stream.read_to_string(&mut out))
            .await
            .expect("an answer")
            .unwrap();
        out
    }

    #[tokio::test]
    async fn the_endpoint_serves_metrics_and_health_until_stopped() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let metrics = Metrics::new();
        metrics.refused("rate_limit");
        let state = Arc::new(Mutex::new(Now {
            sessions: 4,
            ..Now::default()
        }));
        let snapshot: Snapshot = {
            let state = state.clone();
            Arc::new(move || *state.lock().unwrap())
        };
        let (stop_tx, stop_rx) = watch::channel(false);
        let server = tokio::spawn(serve(listener, metrics, snapshot, stop_rx));
        let req =
            |path: &str| format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let scraped = get(addr, &req("/metrics")).await;
        assert!(scraped.starts_with("HTTP/1.1 200"), "{scraped}");
        assert!(
            scraped.contains("application/openmetrics-text"),
            "{scraped}"
        );
        assert!(scraped.contains("\nkasseika_sessions 4\n"), "{scraped}");
        assert!(
            scraped.contains("kasseika_refusals_total{reason=\"rate_limit\"} 1\n"),
            "{scraped}"
        );
        let health = get(addr, &req("/healthz")).await;
        assert!(
            health.starts_with("HTTP/1.1 200") && health.ends_with("serving\n"),
            "{health}"
        );
        state.lock().unwrap().draining = true;
        let health = get(addr, &req("/healthz")).await;
        assert!(
            health.starts_with("HTTP/1.1 503") && health.ends_with("draining\n"),
            "{health}"
        );
        let other = get(addr, &req("/")).await;
        assert!(other.starts_with("HTTP/1.1 404"), "{other}");
        let post = get(
            addr,
            "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
        // Not HTTP at all: hyper answers 400 and closes, the endpoint goes on.
        let garbage = get(addr, "\x16\x03\x01\x00\x05hello\r\n\r\n").await;
        assert!(
            garbage.is_empty() || garbage.starts_with("HTTP/1.1 400"),
            "{garbage:?}"
        );
        assert!(
            get(addr, &req("/healthz"))
                .await
                .starts_with("HTTP/1.1 503")
        );
        stop_tx.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(20), server)
            .await
            .expect("the endpoint stops")
            .unwrap();
    }
}
