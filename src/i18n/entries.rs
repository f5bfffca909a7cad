//! Where each entry of a Fluent file begins and ends, without parsing it, so that a
//! message is parsed only when it is first shown.
//!
//! Fluent's grammar starts an entry only at the start of a line: a message is
//! `id = ...`, a term `-id = ...`; everything that belongs to an entry (more lines of
//! its value, its attributes, the variants of a select expression) is indented, blank
//! or starts with `[`, `*`, `.` or `}`. A comment (`#` at the start of a line) ends the
//! entry before it. The build script uses this file too (`build.rs` includes it), to
//! cut the embedded texts at build time; the tests check the cut against a parse of
//! every whole file.

/// One entry of a Fluent file: its id (a term's with its `-`) and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span<'a> {
    pub id: &'a str,
    pub source: &'a str,
}

/// The id that a line beginning an entry defines: `id =` or `-id =`.
fn entry_id(line: &str) -> Option<&str> {
    let name_start = usize::from(line.starts_with('-'));
    let rest = &line[name_start..];
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_ascii_alphabetic() => {}
        _ => return None,
    }
    let end = chars
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    let after = rest[end..].trim_start_matches(' ');
    after.starts_with('=').then(|| &line[..name_start + end])
}

/// The entries of `source`, in order. Comments and anything outside an entry are
/// left out.
pub fn split(source: &str) -> Vec<Span<'_>> {
    let mut spans = Vec::new();
    // (id, byte where the entry starts)
    let mut open: Option<(&str, usize)> = None;
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let first = line.chars().next();
        let starts_entry = entry_id(line);
        let ends_entry = starts_entry.is_some()
            || first.is_some_and(|c| c == '#' || c.is_ascii_alphabetic() || c == '-');
        if ends_entry && let Some((id, start)) = open.take() {
            spans.push(Span {
                id,
                source: &source[start..at],
            });
        }
        if let Some(id) = starts_entry {
            open = Some((id, at));
        }
        at += line.len();
    }
    if let Some((id, start)) = open {
        spans.push(Span {
            id,
            source: &source[start..],
        });
    }
    spans
}

/// The first id that `ids` (sorted) holds twice: Fluent would keep one of the two
/// messages and drop the other silently, so the build refuses it.
#[allow(dead_code)] // The build script's: the program itself never needs it.
pub fn twice<'a>(ids: &[&'a str]) -> Option<&'a str> {
    ids.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
}
