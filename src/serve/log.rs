//! The server's log: one line per event on stderr. Everything a client chose (user
//! name, TERM, environment values) is length-capped and quoted with its control
//! and invisible characters written out (`\n`, `\u{1b}`), so no client can forge a
//! log line or send escape sequences to the operator's terminal.

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::{Duration, SystemTime};

/// Characters of a client-supplied string kept in the log.
pub const MAX_CLIENT_CHARS: usize = 64;

/// `s` as a quoted, escaped string of at most [`MAX_CLIENT_CHARS`] characters;
/// a longer one ends in `...` after the closing quote.
pub fn client_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_CLIENT_CHARS) + 2);
    out.push('"');
    let mut chars = s.chars();
    for c in chars.by_ref().take(MAX_CLIENT_CHARS) {
        // `escape_debug` writes control characters, quotes, backslashes and the
        // characters Rust deems non-printable (bidi overrides, zero-width
        // joiners...) as escapes.
        let _ = write!(out, "{}", c.escape_debug());
    }
    out.push('"');
    if chars.next().is_some() {
        out.push_str("...");
    }
    out
}

/// A duration as the log shows it: `75s`.
pub fn secs(d: Duration) -> String {
    format!("{}s", d.as_secs())
}

/// A short duration as the log shows it: `12ms`.
pub fn millis(d: Duration) -> String {
    format!("{}ms", d.as_millis())
}

/// Writes one line, prefixed with the UTC time, to stderr. A closed or full
/// stderr loses the line, never the server.
pub fn line(text: &str) {
    let stamp = humantime::format_rfc3339_seconds(SystemTime::now());
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{stamp} {text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_strings_cannot_forge_lines_or_reach_the_terminal() {
        assert_eq!(client_str("ja"), r#""ja""#);
        assert_eq!(
            client_str("a\nb=1\r\x1b]0;pwned\x07"),
            r#""a\nb=1\r\u{1b}]0;pwned\u{7}""#
        );
        assert_eq!(client_str("say \"hi\" \\"), r#""say \"hi\" \\""#);
        assert_eq!(client_str("x\u{202e}y"), r#""x\u{202e}y""#);
        assert_eq!(
            client_str("学生"),
            "\"学生\"",
            "printable text stays readable"
        );
        let long = "x".repeat(1000);
        let shown = client_str(&long);
        assert_eq!(shown.len(), MAX_CLIENT_CHARS + 2 + 3);
        assert!(shown.ends_with("\"..."));
        for c in (0u32..0x80).filter_map(char::from_u32) {
            let shown = client_str(&c.to_string());
            assert!(
                !shown.chars().any(|c| c.is_control()),
                "{c:?} shown as {shown:?}"
            );
        }
    }
}
