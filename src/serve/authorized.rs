//! `--authorized-keys`: the keys that may connect, read from an OpenSSH
//! `authorized_keys` file line by line, so that a line the server cannot honour
//! is refused at start with its number, never silently let in or left out.
//!
//! Options (`from="..."`, `command="..."`, `no-pty`...) are OpenSSH's to enforce:
//! a line that has one is refused (a key limited to one address would otherwise
//! be let in from anywhere), except the ones that forbid only what this server
//! never does (forwarding, `~/.ssh/rc`).

use std::path::Path;

use russh::keys::{Algorithm, PublicKey};

/// Options that forbid only what the server never does: accepted, and kept by
/// the server whatever they say (comma-separated, as in the file).
const HARMLESS_OPTIONS: &str =
    "restrict,no-port-forwarding,no-agent-forwarding,no-x11-forwarding,no-user-rc";

/// Why the keys cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysError {
    /// The file cannot be read.
    Io(String),
    /// A line (numbered from 1) is not a public key.
    Malformed { line: usize, error: String },
    /// A line has options the server does not follow.
    Options { line: usize, options: String },
    /// A line holds a key of a type that cannot log in here.
    Unsupported { line: usize, kind: String },
}

/// Reads the keys of an `authorized_keys` file.
pub fn read(path: &Path) -> Result<Vec<PublicKey>, KeysError> {
    let text = std::fs::read(path).map_err(|e| KeysError::Io(e.to_string()))?;
    parse(&String::from_utf8_lossy(&text))
}

/// The keys of an `authorized_keys` text: one a line, `#` comments and blank lines
/// skipped.
pub fn parse(text: &str) -> Result<Vec<PublicKey>, KeysError> {
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        keys.push(parse_line(line, i + 1)?);
    }
    Ok(keys)
}

fn parse_line(line: &str, number: usize) -> Result<PublicKey, KeysError> {
    let key = match PublicKey::from_openssh(line) {
        Ok(key) => key,
        Err(first) => {
            // Not a key by itself: options first, then the key (as OpenSSH reads it).
            let (options, rest) = split_options(line);
            if options.is_empty() || rest.is_empty() {
                return Err(KeysError::Malformed {
                    line: number,
                    error: first.to_string(),
                });
            }
            let key = PublicKey::from_openssh(rest).map_err(|e| KeysError::Malformed {
                line: number,
                error: e.to_string(),
            })?;
            let kept: Vec<&str> = option_list(options)
                .into_iter()
                .filter(|o| {
                    !HARMLESS_OPTIONS
                        .split(',')
                        .any(|h| h.eq_ignore_ascii_case(o.trim()))
                })
                .collect();
            if !kept.is_empty() {
                return Err(KeysError::Options {
                    line: number,
                    options: kept.join(","),
                });
            }
            key
        }
    };
    if !can_log_in(key.algorithm()) {
        return Err(KeysError::Unsupported {
            line: number,
            kind: key.algorithm().as_str().to_string(),
        });
    }
    Ok(key)
}

/// Whether a key of `algorithm` can sign a login the server verifies.
fn can_log_in(algorithm: Algorithm) -> bool {
    matches!(
        algorithm,
        Algorithm::Ed25519
            | Algorithm::Ecdsa { .. }
            | Algorithm::Rsa { .. }
            | Algorithm::SkEd25519
            | Algorithm::SkEcdsaSha2NistP256
    )
}

/// The options field (up to the first blank outside double quotes) and the rest.
fn split_options(line: &str) -> (&str, &str) {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ' ' | '\t' if !quoted => return (&line[..i], line[i..].trim_start()),
            _ => {}
        }
    }
    (line, "")
}

/// The options of an options field, split at commas outside double quotes.
fn option_list(field: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut start = 0;
    for (i, c) in field.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&field[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&field[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBG3d+bjS3vJBFVuwTIWtz9BT7SfeUF7wm11G1O0BmHO";

    const DSA: &str = "ssh-dss AAAAB3NzaC1kc3MAAACBAOD992THNpqYgD1Qixi94Rm9zPKd9BRUjd3Ru/5ADz6xsXVNwZAxWAaoM8jNEsyqKmyWSQ3RS001drdZrWRGg8kWFhF/yzvWQmx/j7nJyW2dOjHL/o9gVzHHr1SSNTX3ef6TY6vbl49i6dq+2vt7okuLrIFw8OibYRB3/KS3FtdzAAAAFQCgvqpWvDAJIwbzVNBZ25OTacC1kwAAAIEAnMknbTExrOoiu/jUPyYoO8TnuzAylexDJHrpJoSz9j9kxkYu7EM9LlLltGNrihiVX2KWRzysy42KIhahbtXYMDolIeZESTMXxvAnClezIapy46HwXMt5OexYLC7YqZoALxSgObpJWQagtjH4Jw9Kzkrd4OuEpVvne+JtzpfOZ3kAAACBAJB1uD1bgHaXDgFN+EiLsBekZd4zicntwly0ffuZl+QeT9eqvdlyX0o2x3rtu/xPW94aHWW9R+dwNVw7cxW3FYFAtXm1a338ZYOZJsQ05kq7jYilDcJdaDwy5i1Xx8Gfw9rG5LASBAqoHMH27YWuLy5oAE53EwdvRpQ0Cfr06esh";

    #[test]
    fn keys_comments_and_blank_lines() {
        let text = format!("# the class\n\n{ED} teacher@school\n  {ED}\n");
        let keys = parse(&text).unwrap();
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0].key_data(), keys[1].key_data());
    }

    #[test]
    fn options_are_refused_with_the_line_except_harmless_ones() {
        let text =
            format!("{ED}\nfrom=\"10.0.0.1\",no-pty,command=\"/bin/false x\" {ED} a comment\n");
        assert_eq!(
            parse(&text),
            Err(KeysError::Options {
                line: 2,
                options: "from=\"10.0.0.1\",no-pty,command=\"/bin/false x\"".into()
            })
        );
        let harmless = format!("restrict,no-port-forwarding,No-X11-Forwarding {ED}\n");
        assert_eq!(parse(&harmless).unwrap().len(), 1);
        let mixed = format!("restrict,pty {ED}\n");
        assert_eq!(
            parse(&mixed),
            Err(KeysError::Options {
                line: 1,
                options: "pty".into()
            })
        );
    }

    #[test]
    fn a_key_that_cannot_log_in_is_named() {
        let text = format!("{ED}\n{DSA}\n");
        assert_eq!(
            parse(&text),
            Err(KeysError::Unsupported {
                line: 2,
                kind: Algorithm::Dsa.as_str().into()
            })
        );
    }

    #[test]
    fn a_malformed_line_is_named() {
        let text = format!("{ED}\n\nssh-ed25519 AAAAtruncated\n");
        assert!(matches!(
            parse(&text),
            Err(KeysError::Malformed { line: 3, .. })
        ));
        assert!(matches!(
            parse("just some words here\n"),
            Err(KeysError::Malformed { line: 1, .. })
        ));
        assert!(matches!(
            parse("no-pty\n"),
            Err(KeysError::Malformed { line: 1, .. })
        ));
    }

    #[test]
    fn options_split_outside_quotes() {
        assert_eq!(
            split_options("a=\"x y\",b k rest"),
            ("a=\"x y\",b", "k rest")
        );
        assert_eq!(
            option_list("a,command=\"p,q \\\" r\",c"),
            vec!["a", "command=\"p,q \\\" r\"", "c"]
        );
    }
}
