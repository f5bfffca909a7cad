//! A PostgreSQL of the tests' own: a cluster made with `initdb` in a temporary
//! directory, listening on a Unix socket there (and, for TLS, on 127.0.0.1 with a
//! certificate the harness makes with the `openssl` command), stopped with
//! `pg_ctl -m fast` when the tests are done, whatever happened.
//!
//! - [`shared`]: one cluster per test binary, started by the first test that asks
//!   and stopped when the binary exits (an `atexit` hook; a watchdog process
//!   stops it too if the binary is killed). Each test takes a database of its own
//!   ([`Cluster::database`]).
//! - [`Cluster::start`]: a cluster of the test's own (to stop and start it again
//!   mid-test), stopped when dropped.
//!
//! `initdb` refuses to run as root: as root, every PostgreSQL program runs as the
//! `postgres` user (`runuser -u postgres --`), and the directory is theirs. The
//! programs are found on `PATH` or in Debian's `/usr/lib/postgresql/N/bin`. Where
//! there is no `initdb`, the tests that need it say so loudly and pass (under CI,
//! where `.ci/run` installs PostgreSQL, they fail instead).
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use kasseika::progress::postgres::tokio_postgres;

/// The role the clusters are made with (and its password over TCP).
pub const USER: &str = "kasseika";
pub const PASSWORD: &str = "test-secret-8c1f";

/// Where `initdb`, `pg_ctl` and `postgres` are, if anywhere.
pub fn bin_dir() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if dir.join("initdb").is_file() && dir.join("pg_ctl").is_file() {
                return Some(dir);
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn skip_loudly() {
    let message = "\n\
        ************************************************************************\n\
        *  SKIPPED: no PostgreSQL here (no `initdb` on PATH or in              *\n\
        *  /usr/lib/postgresql/*/bin). Install it: apt-get install -y postgresql *\n\
        ************************************************************************\n";
    if std::env::var_os("CI").is_some() {
        panic!("{message}(CI must have PostgreSQL: .ci/run installs it)");
    }
    eprintln!("{message}");
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// A PostgreSQL program, as the `postgres` user when we are root.
fn program(bin: &Path, name: &str) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(name));
        c
    } else {
        Command::new(bin.join(name))
    }
}

fn run(mut command: Command, what: &str) {
    let out = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The certificates of a cluster that listens with TLS.
#[derive(Debug, Clone)]
pub struct Certs {
    /// The authority that signed the server's certificate (for `sslrootcert`).
    pub ca: PathBuf,
    /// Another authority, which signed nothing of the server's.
    pub other_ca: PathBuf,
}

/// A running cluster: see the module documentation.
#[derive(Debug)]
pub struct Cluster {
    root: PathBuf,
    bin: PathBuf,
    pub socket_dir: PathBuf,
    pub port: u16,
    pub certs: Option<Certs>,
    stopped: AtomicBool,
}

static NEXT_DB: AtomicU32 = AtomicU32::new(1);

/// The test binary's cluster (with TLS on 127.0.0.1), started on first use;
/// `None` where PostgreSQL is not installed (after a loud message).
pub fn shared() -> Option<&'static Cluster> {
    static SHARED: OnceLock<Option<Cluster>> = OnceLock::new();
    SHARED
        .get_or_init(|| {
            let cluster = Cluster::start_with(true)?;
            extern "C" fn stop_shared() {
                if let Some(Some(c)) = SHARED.get() {
                    c.stop();
                    c.remove();
                }
            }
            // SAFETY: registers a plain function, run once at exit.
            unsafe { libc::atexit(stop_shared) };
            Some(cluster)
        })
        .as_ref()
}

impl Cluster {
    /// A cluster of the caller's own, Unix socket only; stopped when dropped.
    pub fn start() -> Option<Cluster> {
        Cluster::start_with(false)
    }

    fn start_with(tls: bool) -> Option<Cluster> {
        let Some(bin) = bin_dir() else {
            skip_loudly();
            return None;
        };
        let root = tempfile::Builder::new()
            .prefix("kasseika-pg-")
            .tempdir()
            .expect("a temporary directory")
            .keep();
        let socket_dir = root.join("sock");
        std::fs::create_dir(&socket_dir).expect("the socket directory");
        let certs = tls.then(|| make_certs(&root));
        if is_root() {
            run(
                {
                    let mut c = Command::new("chown");
                    c.args(["-R", "postgres:postgres"]).arg(&root);
                    c
                },
                "chown",
            );
        }
        let mut initdb = program(&bin, "initdb");
        initdb.args(["-D"]).arg(root.join("data")).args([
            "-A",
            "trust",
            "-U",
            USER,
            "-N",
            "-E",
            "UTF8",
            "--locale=C",
        ]);
        run(initdb, "initdb");
        // Over TCP a password (and it works with TLS or without); the socket
        // trusts.
        std::fs::write(
            root.join("data").join("pg_hba.conf"),
            "local all all trust\n\
             host all all 127.0.0.1/32 scram-sha-256\n",
        )
        .expect("pg_hba.conf");
        let cluster = Cluster {
            port: free_port(),
            bin,
            socket_dir,
            certs,
            root,
            stopped: AtomicBool::new(true),
        };
        cluster.start_again();
        cluster.watchdog();
        if tls {
            cluster.sql(
                "postgres",
                &format!("ALTER ROLE {USER} PASSWORD '{PASSWORD}'"),
            );
        }
        Some(cluster)
    }

    /// Starts the cluster (again, after [`Cluster::stop`]), waiting until it
    /// takes connections.
    pub fn start_again(&self) {
        let mut options = format!(
            "-k {} -p {} -c fsync=off -c max_connections=200",
            self.socket_dir.display(),
            self.port
        );
        if self.certs.is_some() {
            options.push_str(&format!(
                " -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                self.root.join("server.crt").display(),
                self.root.join("server.key").display()
            ));
        } else {
            options.push_str(" -c listen_addresses=''");
        }
        let mut pg_ctl = program(&self.bin, "pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(self.root.join("data"))
            .arg("-l")
            .arg(self.root.join("log"))
            .args(["-w", "-t", "60", "-o", &options, "start"])
            .stdout(Stdio::null());
        run(pg_ctl, "pg_ctl start");
        self.stopped.store(false, Ordering::SeqCst);
    }

    /// Stops it (`pg_ctl -m fast`: sessions are ended at once).
    pub fn stop(&self) {
        if self.stopped.swap(true, Ordering::SeqCst) {
            return;
        }
        let mut pg_ctl = program(&self.bin, "pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(self.root.join("data"))
            .args(["-m", "fast", "-w", "-t", "60", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let _ = pg_ctl.status();
    }

    fn remove(&self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }

    /// A process that stops the cluster if this one dies without doing it (a
    /// kill): it polls for this process once a second and ends with it.
    fn watchdog(&self) {
        let pg_ctl = self.bin.join("pg_ctl");
        let as_postgres = if is_root() {
            "runuser -u postgres -- "
        } else {
            ""
        };
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
             {as_postgres}{pg_ctl} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {root}",
            pid = std::process::id(),
            pg_ctl = pg_ctl.display(),
            data = self.root.join("data").display(),
            root = self.root.display(),
        );
        let _ = Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
    }

    /// A new, empty database for one test; its name.
    pub fn database(&self, label: &str) -> String {
        let name = format!(
            "t{}_{}",
            NEXT_DB.fetch_add(1, Ordering::Relaxed),
            label
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .take(40)
                .collect::<String>()
                .to_ascii_lowercase()
        );
        self.sql("postgres", &format!("CREATE DATABASE {name}"));
        name
    }

    /// The connection string over the Unix socket (trusted: no password).
    pub fn conninfo(&self, db: &str) -> String {
        format!(
            "host={} port={} user={USER} dbname={db} sslmode=disable",
            self.socket_dir.display(),
            self.port
        )
    }

    /// The same as a `postgresql://` URI.
    pub fn uri(&self, db: &str) -> String {
        let host: String = self.socket_dir.display().to_string().replace('/', "%2F");
        format!("postgresql://{USER}@{host}:{}/{db}", self.port)
    }

    /// The connection string over TCP on 127.0.0.1 as `localhost` (the name in
    /// the server's certificate), without `sslmode`.
    pub fn tcp_conninfo(&self, db: &str) -> String {
        format!(
            "host=localhost hostaddr=127.0.0.1 port={} user={USER} dbname={db}",
            self.port
        )
    }

    /// Runs `statements` in database `db` over the socket.
    pub fn sql(&self, db: &str, statements: &str) {
        let conninfo = self.conninfo(db);
        let statements = statements.to_string();
        on_a_thread(move || async move {
            let client = connect(&conninfo).await;
            client
                .batch_execute(&statements)
                .await
                .unwrap_or_else(|e| panic!("{statements}: {e}"));
        });
    }

    /// The first column of the rows of `query` in `db`, as text.
    pub fn query(&self, db: &str, query: &str) -> Vec<String> {
        let conninfo = self.conninfo(db);
        let query = query.to_string();
        on_a_thread(move || async move {
            let client = connect(&conninfo).await;
            client
                .simple_query(&query)
                .await
                .unwrap_or_else(|e| panic!("{query}: {e}"))
                .into_iter()
                .filter_map(|m| match m {
                    tokio_postgres::SimpleQueryMessage::Row(r) => {
                        Some(r.get(0).unwrap_or("").to_string())
                    }
                    _ => None,
                })
                .collect()
        })
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.root.join("log")).unwrap_or_default()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
        self.remove();
    }
}

async fn connect(conninfo: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(conninfo, tokio_postgres::NoTls)
        .await
        .unwrap_or_else(|e| panic!("connect {conninfo}: {e}"));
    tokio::spawn(connection);
    client
}

/// Runs `f`'s future to its end on a runtime of its own, on a thread of its own
/// (so that it works from inside a test's runtime too).
fn on_a_thread<T, F, Fut>(f: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = T>,
{
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(f())
    })
    .join()
    .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// A certificate authority, a server certificate it signs for `localhost` and
/// 127.0.0.1, and another authority, with the `openssl` command.
fn make_certs(root: &Path) -> Certs {
    let openssl = |args: &[&str]| {
        let mut c = Command::new("openssl");
        c.args(args).current_dir(root);
        run(c, &format!("openssl {}", args.join(" ")));
    };
    for ca in ["ca", "other-ca"] {
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            &format!("/CN=kasseika test {ca}"),
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout",
            &format!("{ca}.key"),
            "-out",
            &format!("{ca}.crt"),
        ]);
    }
    openssl(&[
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
    ]);
    std::fs::write(
        root.join("server.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n\
         basicConstraints=CA:FALSE\n\
         keyUsage=critical,digitalSignature,keyEncipherment\n\
         extendedKeyUsage=serverAuth\n",
    )
    .expect("server.ext");
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.crt",
    ]);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        root.join("server.key"),
        std::fs::Permissions::from_mode(0o600),
    )
    .expect("the key's mode");
    Certs {
        ca: root.join("ca.crt"),
        other_ca: root.join("other-ca.crt"),
    }
}
