//! The server's host key: an ed25519 key created on first start, kept with mode
//! 0600, and reused so that learners see the same fingerprint every time.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{HashAlg, PrivateKey};

/// Why the host key cannot be used.
#[derive(Debug)]
pub enum HostKeyError {
    /// No platform data directory (no home directory): `--host-key` is needed.
    NoDataDir,
    /// The file or its folder could not be read or written.
    Io(PathBuf, io::Error),
    /// The file is not an unencrypted OpenSSH private key: what it is instead.
    NotAKey(PathBuf, KeyFile),
    /// A key could not be written out (the library's words).
    Encode(PathBuf, String),
    /// Other users can read the file (its permission bits).
    TooOpen(PathBuf, u32),
}

impl fmt::Display for HostKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostKeyError::NoDataDir => f.write_str("no data directory (no home directory)"),
            HostKeyError::Io(path, e) => write!(f, "{}: {e}", path.display()),
            HostKeyError::NotAKey(path, what) => write!(f, "{}: {what}", path.display()),
            HostKeyError::Encode(path, e) => write!(f, "{}: {e}", path.display()),
            HostKeyError::TooOpen(path, mode) => {
                write!(
                    f,
                    "{}: mode {mode:04o} lets other users read it",
                    path.display()
                )
            }
        }
    }
}

impl std::error::Error for HostKeyError {}

/// What a host key file that cannot be used holds, as far as its text tells.
/// Strings from the file or the library may hold control characters: make them
/// visible before showing them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFile {
    /// Nothing (or only blank space).
    Empty,
    /// Bytes that are not UTF-8 text.
    NotText,
    /// A public key line (`ssh-ed25519 AAAA...`), not the private key.
    Public,
    /// A key in the older PEM or PKCS#8 format: its first line
    /// (`-----BEGIN RSA PRIVATE KEY-----`).
    Pem(String),
    /// An OpenSSH private key protected by a passphrase.
    Encrypted,
    /// Begins as an OpenSSH private key but cannot be read: the library's words.
    Damaged(String),
    /// Something else: its first line, cut short.
    Other(String),
}

impl fmt::Display for KeyFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyFile::Empty => f.write_str("the file is empty"),
            KeyFile::NotText => f.write_str("the file is not text"),
            KeyFile::Public => f.write_str("a public key, not a private key"),
            KeyFile::Pem(line) => write!(f, "a key in PEM format ({line})"),
            KeyFile::Encrypted => f.write_str("the key is encrypted with a passphrase"),
            KeyFile::Damaged(e) => write!(f, "a damaged OpenSSH private key ({e})"),
            KeyFile::Other(start) => write!(f, "not a key (it begins with {start:?})"),
        }
    }
}

const OPENSSH_BEGIN: &str = "-----BEGIN OPENSSH PRIVATE KEY-----";
/// How much of a file's first line an error shows.
const SHOWN_START: usize = 40;

/// What `bytes` (a file that did not load as a key) holds; `error` is the
/// library's reason.
fn what_it_is(bytes: &[u8], error: &str) -> KeyFile {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return KeyFile::NotText;
    };
    let text = text.trim();
    let first = text.lines().next().unwrap_or("").trim();
    if text.is_empty() {
        KeyFile::Empty
    } else if first == OPENSSH_BEGIN {
        KeyFile::Damaged(error.to_string())
    } else if first.starts_with("-----BEGIN ") && first.contains("PRIVATE KEY") {
        KeyFile::Pem(first.to_string())
    } else if first
        .split_whitespace()
        .nth(1)
        .is_some_and(|b| b.starts_with("AAAA"))
        && (first.starts_with("ssh-") || first.starts_with("ecdsa-") || first.starts_with("sk-"))
    {
        KeyFile::Public
    } else {
        let mut start: String = first.chars().take(SHOWN_START).collect();
        if start.len() < first.len() {
            start.push_str("...");
        }
        KeyFile::Other(start)
    }
}

/// A loaded host key and where it lives.
#[derive(Debug)]
pub struct HostKey {
    pub key: PrivateKey,
    pub path: PathBuf,
    /// Whether this start created the key.
    pub created: bool,
}

impl HostKey {
    /// `SHA256:...`, as `ssh` shows it when it asks whether to trust the host.
    pub fn fingerprint(&self) -> String {
        self.key
            .public_key()
            .fingerprint(HashAlg::Sha256)
            .to_string()
    }
}

/// The default place: `<platform data dir>/host_key_ed25519`
/// (`~/.local/share/kasseika/` on Linux).
pub fn default_path() -> Result<PathBuf, HostKeyError> {
    directories::ProjectDirs::from("", "", "kasseika")
        .map(|dirs| dirs.data_dir().join("host_key_ed25519"))
        .ok_or(HostKeyError::NoDataDir)
}

/// Loads the key at `path`, creating it (and its folder) when there is none.
pub fn load_or_create(path: &Path) -> Result<HostKey, HostKeyError> {
    match load(path) {
        Ok(key) => {
            return Ok(HostKey {
                key,
                path: path.to_path_buf(),
                created: false,
            });
        }
        Err(HostKeyError::Io(_, e)) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let key = generate().map_err(|e| HostKeyError::Io(path.to_path_buf(), e))?;
    match write_new(path, &key) {
        Ok(()) => Ok(HostKey {
            key,
            path: path.to_path_buf(),
            created: true,
        }),
        // Another server started at the same moment and wrote its key first.
        Err(HostKeyError::Io(_, e)) if e.kind() == io::ErrorKind::AlreadyExists => Ok(HostKey {
            key: load(path)?,
            path: path.to_path_buf(),
            created: false,
        }),
        Err(e) => Err(e),
    }
}

fn load(path: &Path) -> Result<PrivateKey, HostKeyError> {
    let io_err = |e| HostKeyError::Io(path.to_path_buf(), e);
    let meta = fs::metadata(path).map_err(io_err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            return Err(HostKeyError::TooOpen(path.to_path_buf(), mode));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let bytes = fs::read(path).map_err(io_err)?;
    let key = PrivateKey::from_openssh(&bytes).map_err(|e| {
        HostKeyError::NotAKey(path.to_path_buf(), what_it_is(&bytes, &e.to_string()))
    })?;
    if key.is_encrypted() {
        return Err(HostKeyError::NotAKey(
            path.to_path_buf(),
            KeyFile::Encrypted,
        ));
    }
    Ok(key)
}

/// A new ed25519 key from the system's random source.
pub fn generate() -> io::Result<PrivateKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(io::Error::other)?;
    let pair = Ed25519Keypair::from_seed(&seed);
    seed.fill(0);
    PrivateKey::new(KeypairData::Ed25519(pair), "kasseika host key").map_err(io::Error::other)
}

/// Writes `key` to `path` with mode 0600 without ever replacing an existing file:
/// the text goes to a temporary file first, which is then linked into place.
fn write_new(path: &Path, key: &PrivateKey) -> Result<(), HostKeyError> {
    let io_err = |e| HostKeyError::Io(path.to_path_buf(), e);
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| HostKeyError::Encode(path.to_path_buf(), e.to_string()))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(io_err)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options
        .open(&tmp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()));
    let linked = written.and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    linked.map_err(io_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("kasseika-hostkey-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn created_once_with_mode_0600_then_reused() {
        let dir = temp_dir("reuse");
        let path = dir.join("sub").join("host_key_ed25519");
        let first = load_or_create(&path).unwrap();
        assert!(first.created);
        assert!(first.fingerprint().starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let again = load_or_create(&path).unwrap();
        assert!(!again.created);
        assert_eq!(again.fingerprint(), first.fingerprint());
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_key_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("open");
        let path = dir.join("key");
        load_or_create(&path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(
            load_or_create(&path),
            Err(HostKeyError::TooOpen(_, 0o644))
        ));
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_that_is_not_a_key_is_refused_not_replaced() {
        let dir = temp_dir("garbage");
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("key");
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(&path)
            .unwrap()
            .write_all(b"not a key")
            .unwrap();
        assert!(matches!(
            load_or_create(&path),
            Err(HostKeyError::NotAKey(_, KeyFile::Other(start))) if start == "not a key"
        ));
        assert_eq!(fs::read(&path).unwrap(), b"not a key");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn what_a_file_that_is_not_a_usable_key_holds() {
        let e = "library words";
        assert_eq!(what_it_is(b"", e), KeyFile::Empty);
        assert_eq!(what_it_is(b" \n\n", e), KeyFile::Empty);
        assert_eq!(what_it_is(b"\xff\xfe\0", e), KeyFile::NotText);
        assert_eq!(
            what_it_is(b"garbage\n", e),
            KeyFile::Other("garbage".into())
        );
        let long = "x".repeat(100);
        assert_eq!(
            what_it_is(long.as_bytes(), e),
            KeyFile::Other(format!("{}...", "x".repeat(40)))
        );
        assert_eq!(
            what_it_is(
                b"-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----\n",
                e
            ),
            KeyFile::Pem("-----BEGIN RSA PRIVATE KEY-----".into())
        );
        assert_eq!(
            what_it_is(b"-----BEGIN PRIVATE KEY-----\nMC4=\n", e),
            KeyFile::Pem("-----BEGIN PRIVATE KEY-----".into())
        );
        assert_eq!(
            what_it_is(b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE me@host\n", e),
            KeyFile::Public
        );
        assert_eq!(
            what_it_is(b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n", e),
            KeyFile::Damaged(e.into())
        );
    }
}
