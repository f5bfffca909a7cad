//! `--progress-db CONNINFO`: the connection settings, read as psql reads them.
//!
//! Both forms libpq takes: `host=/run/pg port=5432 user=kasseika dbname=kasseika`
//! (values may be quoted: `'a b'`, with `\'` and `\\`) and
//! `postgresql://user@host:port,host2:port2/dbname?sslmode=verify-full` (percent
//! escapes, a Unix socket as `%2Frun%2Fpg` or `?host=/run/pg`). What is not given
//! comes from the environment as libpq takes it (`PGHOST`, `PGPORT`, `PGUSER`,
//! `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`, `PGCONNECT_TIMEOUT`,
//! `PGAPPNAME`).
//!
//! **Secrets stay off the command line.** A password in the connection string is
//! refused (anyone on the machine sees a command line in `ps`); it comes from
//! `PGPASSWORD` or a password file (`passfile=`, `PGPASSFILE`, else `~/.pgpass`),
//! in the format libpq reads, which must be readable by its owner only. The
//! settings' `Debug` and [`DbSettings::describe`] never show it.
//!
//! tokio-postgres knows `sslmode` `disable`, `prefer` and `require` and refuses the
//! keys it does not handle: the keys that are TLS's (`sslmode`, `sslrootcert`) and
//! the password file's are taken here, the rest passed to it.

use std::fmt;
use std::path::{Path, PathBuf};

/// How the connection is protected (libpq's `sslmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    Disable,
    /// TLS if the server offers it (libpq's `allow` is taken as this).
    Prefer,
    /// TLS, the certificate not checked (checked against the root certificates
    /// when `sslrootcert` is given, as libpq does).
    Require,
    /// TLS, the certificate signed by a root certificate given.
    VerifyCa,
    /// [`TlsMode::VerifyCa`], and the certificate names the host connected to.
    VerifyFull,
}

impl TlsMode {
    fn parse(value: &str) -> Option<TlsMode> {
        Some(match value {
            "disable" => TlsMode::Disable,
            "allow" | "prefer" => TlsMode::Prefer,
            "require" => TlsMode::Require,
            "verify-ca" => TlsMode::VerifyCa,
            "verify-full" => TlsMode::VerifyFull,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            TlsMode::Disable => "disable",
            TlsMode::Prefer => "prefer",
            TlsMode::Require => "require",
            TlsMode::VerifyCa => "verify-ca",
            TlsMode::VerifyFull => "verify-full",
        }
    }

    /// Whether the server's certificate is checked against root certificates.
    pub fn verifies(self) -> bool {
        matches!(self, TlsMode::VerifyCa | TlsMode::VerifyFull)
    }
}

/// Where the root certificates come from (`sslrootcert`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootCerts {
    /// A PEM file of one or more certificates.
    File(PathBuf),
    /// `sslrootcert=system`: the operating system's bundle.
    System,
}

/// Why a connection string cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    /// Not in either form; `detail` says where.
    Syntax { detail: String },
    /// A password in the connection string.
    PasswordInline,
    /// A key this build does not take.
    Unsupported { key: String },
    /// A value a key does not take.
    BadValue { key: String, value: String },
    /// The password file may be read by others.
    PassfileOpen { path: PathBuf },
    /// `verify-ca`/`verify-full` without a root certificate to verify with.
    NoRootCert { path: PathBuf },
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingsError::Syntax { detail } => write!(f, "not a connection string: {detail}"),
            SettingsError::PasswordInline => f.write_str("a password in the connection string"),
            SettingsError::Unsupported { key } => write!(f, "unsupported key {key:?}"),
            SettingsError::BadValue { key, value } => write!(f, "{key}={value:?} is not accepted"),
            SettingsError::PassfileOpen { path } => {
                write!(f, "{} may be read by others", path.display())
            }
            SettingsError::NoRootCert { path } => {
                write!(f, "no root certificate ({} is missing)", path.display())
            }
        }
    }
}

impl std::error::Error for SettingsError {}

impl SettingsError {
    /// The operator's message, in their language (values made visible).
    pub fn message(&self, tr: crate::i18n::Tr) -> String {
        let shown = |s: &str| crate::output::visible(s).into_owned();
        match self {
            SettingsError::Syntax { detail } => {
                tr.f("db-settings-syntax", &[("detail", shown(detail).into())])
            }
            SettingsError::PasswordInline => tr.t("db-settings-password"),
            SettingsError::Unsupported { key } => {
                tr.f("db-settings-unsupported", &[("key", shown(key).into())])
            }
            SettingsError::BadValue { key, value } => tr.f(
                "db-settings-bad-value",
                &[("key", shown(key).into()), ("value", shown(value).into())],
            ),
            SettingsError::PassfileOpen { path } => tr.f(
                "db-settings-passfile-open",
                &[("path", shown(&path.display().to_string()).into())],
            ),
            SettingsError::NoRootCert { path } => tr.f(
                "db-settings-no-root-cert",
                &[("path", shown(&path.display().to_string()).into())],
            ),
        }
    }
}

/// Keys tokio-postgres takes as they are.
const PASSED: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "user",
    "dbname",
    "options",
    "application_name",
    "connect_timeout",
    "tcp_user_timeout",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_retries",
    "target_session_attrs",
    "channel_binding",
    "load_balance_hosts",
    "sslnegotiation",
];
/// Keys taken here.
const OWN: &[&str] = &["sslmode", "sslrootcert", "passfile"];
/// Environment variables, as libpq reads them, for keys not given.
const ENV: &[(&str, &str)] = &[
    ("PGHOST", "host"),
    ("PGHOSTADDR", "hostaddr"),
    ("PGPORT", "port"),
    ("PGUSER", "user"),
    ("PGDATABASE", "dbname"),
    ("PGOPTIONS", "options"),
    ("PGAPPNAME", "application_name"),
    ("PGCONNECT_TIMEOUT", "connect_timeout"),
    ("PGSSLMODE", "sslmode"),
    ("PGSSLROOTCERT", "sslrootcert"),
    ("PGPASSFILE", "passfile"),
    ("PGTARGETSESSIONATTRS", "target_session_attrs"),
];

/// The connection settings: see the module documentation.
#[derive(Clone, PartialEq, Eq)]
pub struct DbSettings {
    /// What tokio-postgres is given (no password among them).
    pairs: Vec<(String, String)>,
    password: Option<String>,
    pub tls: TlsMode,
    pub root_certs: Option<RootCerts>,
}

impl fmt::Debug for DbSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DbSettings")
            .field("pairs", &self.pairs)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("tls", &self.tls)
            .field("root_certs", &self.root_certs)
            .finish()
    }
}

impl DbSettings {
    /// Reads `conninfo` (either form), with the environment `env` for what it
    /// does not say and `home` for `~/.pgpass` and `~/.postgresql/root.crt`.
    pub fn parse(
        conninfo: &str,
        env: &dyn Fn(&str) -> Option<String>,
        home: Option<&Path>,
    ) -> Result<DbSettings, SettingsError> {
        let trimmed = conninfo.trim();
        let given = if trimmed.starts_with("postgresql://") || trimmed.starts_with("postgres://") {
            parse_uri(trimmed)?
        } else {
            parse_keywords(trimmed)?
        };
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (key, value) in given {
            if key == "password" {
                return Err(SettingsError::PasswordInline);
            }
            if !PASSED.contains(&key.as_str()) && !OWN.contains(&key.as_str()) {
                return Err(SettingsError::Unsupported { key });
            }
            // A later value of a key wins, as in libpq.
            pairs.retain(|(k, _)| *k != key);
            pairs.push((key, value));
        }
        for (var, key) in ENV {
            if !pairs.iter().any(|(k, _)| k == key)
                && let Some(value) = env(var).filter(|v| !v.is_empty())
            {
                pairs.push((key.to_string(), value));
            }
        }
        let mut take = |key: &str| {
            let i = pairs.iter().position(|(k, _)| k == key)?;
            Some(pairs.remove(i).1)
        };
        let tls = match take("sslmode") {
            None => TlsMode::Prefer,
            Some(v) => TlsMode::parse(&v).ok_or(SettingsError::BadValue {
                key: "sslmode".into(),
                value: v,
            })?,
        };
        let root_default = home.map(|h| h.join(".postgresql").join("root.crt"));
        let root_certs = match take("sslrootcert") {
            Some(v) if v == "system" => Some(RootCerts::System),
            Some(v) => Some(RootCerts::File(PathBuf::from(v))),
            None => root_default
                .as_ref()
                .filter(|p| p.is_file())
                .map(|p| RootCerts::File(p.clone())),
        };
        if tls.verifies() && root_certs.is_none() {
            return Err(SettingsError::NoRootCert {
                path: root_default.unwrap_or_else(|| PathBuf::from("~/.postgresql/root.crt")),
            });
        }
        let passfile = take("passfile")
            .map(PathBuf::from)
            .or_else(|| home.map(|h| h.join(".pgpass")));
        let mut settings = DbSettings {
            pairs,
            password: None,
            tls,
            root_certs,
        };
        settings.password = match env("PGPASSWORD").filter(|p| !p.is_empty()) {
            Some(p) => Some(p),
            None => match passfile {
                Some(path) => settings.password_from_file(&path)?,
                None => None,
            },
        };
        Ok(settings)
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The password from a libpq password file: the first line whose
    /// `host:port:database:user` fields match (`*` matches anything; a Unix
    /// socket's host is its directory, or `localhost`). A missing file gives none;
    /// one that others may read is refused, as its secret is not one.
    fn password_from_file(&self, path: &Path) -> Result<Option<String>, SettingsError> {
        let Ok(meta) = std::fs::metadata(path) else {
            return Ok(None);
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if meta.permissions().mode() & 0o077 != 0 {
                return Err(SettingsError::PassfileOpen {
                    path: path.to_path_buf(),
                });
            }
        }
        let _ = meta;
        let Ok(text) = std::fs::read_to_string(path) else {
            return Ok(None);
        };
        let host = self
            .get("host")
            .and_then(|h| h.split(',').next())
            .unwrap_or("localhost");
        let port = self
            .get("port")
            .and_then(|p| p.split(',').next())
            .filter(|p| !p.is_empty())
            .unwrap_or("5432");
        let user = self.get("user").map(str::to_string).or_else(os_user);
        let user = user.as_deref().unwrap_or("");
        let dbname = self.get("dbname").unwrap_or(user);
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let fields = pgpass_fields(line);
            let [h, p, d, u, password] = fields.as_slice() else {
                continue;
            };
            let host_matches = h == "*" || h == host || (h == "localhost" && host.starts_with('/'));
            if host_matches
                && (p == "*" || p == port)
                && (d == "*" || d == dbname)
                && (u == "*" || u == user)
            {
                return Ok(Some(password.clone()));
            }
        }
        Ok(None)
    }

    /// Whether a password was found (in `PGPASSWORD` or a password file).
    pub fn has_password(&self) -> bool {
        self.password.is_some()
    }

    /// The settings as tokio-postgres takes them (the password included).
    pub fn to_config(&self) -> Result<tokio_postgres::Config, SettingsError> {
        let text: Vec<String> = self
            .pairs
            .iter()
            .map(|(k, v)| format!("{k}='{}'", quote(v)))
            .collect();
        let mut config: tokio_postgres::Config =
            text.join(" ")
                .parse()
                .map_err(|e: tokio_postgres::Error| SettingsError::Syntax {
                    detail: e.to_string(),
                })?;
        config.ssl_mode(match self.tls {
            TlsMode::Disable => tokio_postgres::config::SslMode::Disable,
            TlsMode::Prefer => tokio_postgres::config::SslMode::Prefer,
            _ => tokio_postgres::config::SslMode::Require,
        });
        if let Some(p) = &self.password {
            config.password(p.as_str());
        }
        if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
            // libpq's default: the Unix socket in its usual directory.
            config.host_path("/var/run/postgresql");
        }
        if config.get_user().is_none()
            && let Some(user) = os_user()
        {
            config.user(user);
        }
        if config.get_application_name().is_none() {
            config.application_name("kasseika");
        }
        Ok(config)
    }

    /// Where the database is, for the log and the operator: host, port,
    /// database, user and TLS, never the password.
    pub fn describe(&self) -> String {
        let mut out: Vec<String> = ["host", "hostaddr", "port", "dbname", "user"]
            .iter()
            .filter_map(|k| self.get(k).map(|v| format!("{k}={v}")))
            .collect();
        out.push(format!("sslmode={}", self.tls.name()));
        crate::output::visible(&out.join(" ")).into_owned()
    }
}

/// The user the process runs as (libpq's default user name).
fn os_user() -> Option<String> {
    // SAFETY: geteuid has no preconditions; getpwuid_r writes into our buffer.
    unsafe {
        let uid = libc::geteuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr(pwd.pw_name)
            .to_str()
            .ok()
            .map(str::to_string)
    }
}

/// `\` and `'` escaped for a quoted value.
fn quote(value: &str) -> String {
    value.replace('\\', "\\\\").replace('\'', "\\'")
}

/// The fields of a password file line: `:` separates, `\` escapes.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next()
                    && let Some(last) = fields.last_mut()
                {
                    last.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    fields
}

/// `key = value` pairs separated by spaces; values quoted with `'` or not, `\`
/// escaping the next character in both.
fn parse_keywords(text: &str) -> Result<Vec<(String, String)>, SettingsError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let syntax = |detail: &str| SettingsError::Syntax {
        detail: detail.to_string(),
    };
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(syntax(&format!("\"=\" missing after {key:?}")));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    None => return Err(syntax(&format!("unterminated quoted value of {key}"))),
                    Some('\'') => break,
                    Some('\\') => value.extend(chars.next()),
                    Some(c) => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    value.extend(chars.next());
                } else {
                    value.push(c);
                }
            }
        }
        out.push((key, value));
    }
}

/// `%XX` escapes decoded (as UTF-8).
fn percent_decode(text: &str) -> Result<String, SettingsError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| SettingsError::Syntax {
                    detail: format!("bad percent escape in {text:?}"),
                })?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| SettingsError::Syntax {
        detail: format!("not UTF-8 once decoded: {text:?}"),
    })
}

/// `postgresql://[user[:password]@][host][:port][,...][/dbname][?key=value&...]`
fn parse_uri(text: &str) -> Result<Vec<(String, String)>, SettingsError> {
    let rest = text
        .strip_prefix("postgresql://")
        .or_else(|| text.strip_prefix("postgres://"))
        .unwrap_or(text);
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (authority, dbname) = match rest.split_once('/') {
        Some((a, d)) => (a, Some(d)),
        None => (rest, None),
    };
    let mut out = Vec::new();
    let hosts = match authority.rsplit_once('@') {
        Some((userinfo, hosts)) => {
            let (user, password) = match userinfo.split_once(':') {
                Some((u, p)) => (u, Some(p)),
                None => (userinfo, None),
            };
            if password.is_some() {
                return Err(SettingsError::PasswordInline);
            }
            if !user.is_empty() {
                out.push(("user".to_string(), percent_decode(user)?));
            }
            hosts
        }
        None => authority,
    };
    if !hosts.is_empty() {
        let mut names = Vec::new();
        let mut ports = Vec::new();
        for spec in hosts.split(',') {
            let (host, port) = if let Some(v6) = spec.strip_prefix('[') {
                let (h, after) = v6.split_once(']').ok_or_else(|| SettingsError::Syntax {
                    detail: format!("unclosed [ in {spec:?}"),
                })?;
                (h, after.strip_prefix(':').unwrap_or(""))
            } else {
                spec.split_once(':').unwrap_or((spec, ""))
            };
            names.push(percent_decode(host)?);
            ports.push(port.to_string());
        }
        if names.iter().any(|n| !n.is_empty()) {
            out.push(("host".to_string(), names.join(",")));
        }
        if ports.iter().any(|p| !p.is_empty()) {
            out.push(("port".to_string(), ports.join(",")));
        }
    }
    if let Some(d) = dbname.filter(|d| !d.is_empty()) {
        out.push(("dbname".to_string(), percent_decode(d)?));
    }
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').ok_or_else(|| SettingsError::Syntax {
            detail: format!("{pair:?} has no \"=\""),
        })?;
        out.push((percent_decode(k)?, percent_decode(v)?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn parse(text: &str) -> Result<DbSettings, SettingsError> {
        DbSettings::parse(text, &no_env, None)
    }

    #[test]
    fn both_forms_give_the_same_settings() {
        let a = parse("host=/tmp/pg port=5433 user=kasseika dbname=class sslmode=disable").unwrap();
        let b = parse("postgresql://kasseika@%2Ftmp%2Fpg:5433/class?sslmode=disable").unwrap();
        let c = parse("postgres:///class?host=/tmp/pg&port=5433&user=kasseika&sslmode=disable")
            .unwrap();
        for s in [&a, &b, &c] {
            assert_eq!(s.get("host"), Some("/tmp/pg"), "{s:?}");
            assert_eq!(s.get("port"), Some("5433"));
            assert_eq!(s.get("user"), Some("kasseika"));
            assert_eq!(s.get("dbname"), Some("class"));
            assert_eq!(s.tls, TlsMode::Disable);
            let config = s.to_config().unwrap();
            assert_eq!(config.get_dbname(), Some("class"));
            assert_eq!(config.get_ports(), &[5433]);
        }
    }

    #[test]
    fn quoted_values_escapes_hosts_and_ipv6() {
        let s = parse(r"application_name='a b\'c' options = '-c search_path=x'").unwrap();
        assert_eq!(s.get("application_name"), Some("a b'c"));
        assert_eq!(s.get("options"), Some("-c search_path=x"));
        assert_eq!(s.to_config().unwrap().get_application_name(), Some("a b'c"));
        let s = parse("postgresql://[::1]:5432,db2.example.org:5433/x").unwrap();
        assert_eq!(s.get("host"), Some("::1,db2.example.org"));
        assert_eq!(s.get("port"), Some("5432,5433"));
        for bad in [
            "host",
            "host='x",
            "postgresql://x/%zz",
            "postgresql://[::1/x",
        ] {
            assert!(
                matches!(parse(bad), Err(SettingsError::Syntax { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_password_on_the_command_line_is_refused_and_never_shown() {
        for text in [
            "host=x password=secret",
            "postgresql://u:secret@x/db",
            "postgresql://x/db?password=secret",
        ] {
            assert_eq!(parse(text), Err(SettingsError::PasswordInline), "{text}");
        }
        let env = |k: &str| (k == "PGPASSWORD").then(|| "hunter2".to_string());
        let s = DbSettings::parse("host=x dbname=y", &env, None).unwrap();
        assert!(s.has_password());
        let shown = format!("{s:?} {}", s.describe());
        assert!(
            !shown.contains("hunter2") && shown.contains("<redacted>"),
            "{shown}"
        );
    }

    #[test]
    fn the_environment_fills_what_is_not_given_and_bad_values_are_named() {
        let env = |k: &str| match k {
            "PGHOST" => Some("/run/pg".to_string()),
            "PGDATABASE" => Some("fromenv".to_string()),
            "PGSSLMODE" => Some("require".to_string()),
            _ => None,
        };
        let s = DbSettings::parse("dbname=given", &env, None).unwrap();
        assert_eq!(s.get("host"), Some("/run/pg"));
        assert_eq!(s.get("dbname"), Some("given"));
        assert_eq!(s.tls, TlsMode::Require);
        assert_eq!(
            parse("sslmode=sometimes"),
            Err(SettingsError::BadValue {
                key: "sslmode".into(),
                value: "sometimes".into()
            })
        );
        assert_eq!(
            parse("sslcert=/x.pem"),
            Err(SettingsError::Unsupported {
                key: "sslcert".into()
            })
        );
        assert!(matches!(
            parse("sslmode=verify-full"),
            Err(SettingsError::NoRootCert { .. })
        ));
        let s = parse("sslmode=verify-full sslrootcert=system").unwrap();
        assert_eq!(s.root_certs, Some(RootCerts::System));
    }

    #[test]
    fn a_password_file_is_read_as_libpq_reads_it_and_refused_when_open() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# comment\nother:*:*:*:wrong\n/tmp/pg:5433:class:kasseika:pa\\:ss\n*:*:*:*:any\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let conninfo = format!(
            "host=/tmp/pg port=5433 user=kasseika dbname=class passfile={}",
            file.display()
        );
        let s = parse(&conninfo).unwrap();
        assert_eq!(s.password.as_deref(), Some("pa:ss"));
        let s = parse(&format!("host=elsewhere passfile={}", file.display())).unwrap();
        assert_eq!(s.password.as_deref(), Some("any"));
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(
            parse(&conninfo),
            Err(SettingsError::PassfileOpen { .. })
        ));
    }
}
