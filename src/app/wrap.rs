//! Wrapping styled text by the Unicode line-breaking algorithm (UAX #14), measured
//! in display cells. Japanese gets its line-break rules this way: `。` and `、` never
//! start a line, and mixed Japanese/English breaks where a reader expects.
//!
//! A run can be marked as an expression (a formula or a piece of code): it is never
//! broken inside, unless it is wider than a whole line; then it breaks only at its
//! spaces, never inside a token.

use crate::width::{CharWidth, StrWidth};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Text with a style per byte range, built up span by span.
#[derive(Debug, Default, Clone)]
pub struct Styled {
    text: String,
    /// (end byte, style) of each run; runs are contiguous from 0.
    runs: Vec<(usize, Style)>,
    /// Byte ranges that are expressions, kept on one line where possible.
    kept: Vec<(usize, usize)>,
}

impl Styled {
    pub fn new() -> Styled {
        Styled::default()
    }

    pub fn push(&mut self, text: &str, style: Style) -> &mut Styled {
        if !text.is_empty() {
            self.text.push_str(text);
            self.runs.push((self.text.len(), style));
        }
        self
    }

    /// Pushes an expression: a run that is never broken inside (see [`wrap`]).
    pub fn push_kept(&mut self, text: &str, style: Style) -> &mut Styled {
        let start = self.text.len();
        self.push(text, style);
        if self.text.len() > start {
            self.kept.push((start, self.text.len()));
        }
        self
    }

    /// Appends `other`, its styles and expressions kept.
    pub fn append(&mut self, other: &Styled) -> &mut Styled {
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.runs
            .extend(other.runs.iter().map(|&(end, style)| (end + offset, style)));
        self.kept
            .extend(other.kept.iter().map(|&(a, b)| (a + offset, b + offset)));
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether a break before byte `pos` is allowed by the expressions: never inside
    /// one, unless it is wider than `line` cells; then only after one of its spaces.
    fn may_break(&self, pos: usize, line: usize) -> bool {
        self.kept.iter().all(|&(a, b)| {
            if pos <= a || pos >= b {
                return true;
            }
            let too_wide = self.text[a..b].trim().width() > line;
            too_wide && self.text[a..pos].ends_with(' ')
        })
    }

    /// The spans covering `start..end`.
    fn spans(&self, start: usize, end: usize) -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        let mut run_start = 0;
        for &(run_end, style) in &self.runs {
            let a = start.max(run_start);
            let b = end.min(run_end);
            if a < b {
                spans.push(Span::styled(self.text[a..b].to_string(), style));
            }
            run_start = run_end;
        }
        spans
    }
}

/// Wraps `text` to `width` cells. Lines after the first start with `hang` spaces
/// (a hanging indent for list items). Expressions stay whole (see [`Styled::push_kept`]).
/// A piece wider than a line on its own is cut at character boundaries. Never
/// returns an empty vector.
///
/// A Japanese paragraph does not end on a line of a word or two (「値：」 alone): if the
/// last line is that short, the line before it is made a little narrower, so that
/// it gives some of its words to the last, as long as that takes no more lines.
pub fn wrap(text: &Styled, width: usize, hang: usize) -> Vec<Line<'static>> {
    let lines = wrap_greedy(text, width, hang, None);
    let short = |lines: &[Line]| {
        lines.len() > 1
            && lines.last().is_some_and(|l| {
                let last = l.to_string();
                let last = last.trim();
                last.width() <= ORPHAN_CELLS && last.chars().any(is_wide)
            })
    };
    if !short(&lines) {
        return lines;
    }
    let before_last = lines.len() - 2;
    (width.saturating_sub(width / 3).max(1)..width)
        .rev()
        .map(|narrower| wrap_greedy(text, width, hang, Some((before_last, narrower))))
        .find(|l| l.len() == lines.len() && !short(l))
        .unwrap_or(lines)
}

/// A last line this narrow (in cells) or narrower, in Japanese, is an orphan.
const ORPHAN_CELLS: usize = 4;

/// [`wrap`] without the care for a short last line: each line as full as it goes
/// (`narrow`: line number `.0` no wider than `.1` cells).
fn wrap_greedy(
    text: &Styled,
    width: usize,
    hang: usize,
    narrow: Option<(usize, usize)>,
) -> Vec<Line<'static>> {
    let width = width.max(1);
    let hang = if hang * 2 > width { 0 } else { hang };
    let s = text.text();
    let mut lines = Vec::new();
    // The current line is s[line_start..line_end]; `used` is its width.
    let mut line_start = 0;
    let mut line_end = 0;
    let mut used = 0;
    let mut seg_start = 0;
    let mut first = true;
    let avail = |lines: &Vec<Line<'static>>, first: bool| {
        let full = if first { width } else { width - hang };
        match narrow {
            Some((n, w)) if n == lines.len() => full.min(w.saturating_sub(width - full)).max(1),
            _ => full,
        }
    };

    let emit = |lines: &mut Vec<Line<'static>>, a: usize, b: usize, first: bool| {
        let content = s[a..b].trim_end();
        let mut spans = Vec::new();
        if !first && hang > 0 {
            spans.push(Span::raw(" ".repeat(hang)));
        }
        spans.extend(text.spans(a, a + content.len()));
        lines.push(Line::from(spans));
    };

    let opportunities = linebreaks(s).filter(|&(pos, opportunity)| {
        opportunity == BreakOpportunity::Mandatory || text.may_break(pos, width - hang)
    });
    for (pos, opportunity) in opportunities {
        let segment = s[seg_start..pos].trim_end_matches(['\n', '\r']);
        let seg_end = seg_start + segment.len();
        // Trailing spaces may hang past the edge; they are trimmed when emitted.
        let visible = segment.trim_end().width();
        if line_end > line_start && used + visible > avail(&lines, first) {
            emit(&mut lines, line_start, line_end, first);
            first = false;
            line_start = seg_start;
            used = 0;
        }
        if used == 0 && visible > avail(&lines, first) {
            // A segment wider than a whole line: cut it by characters.
            let mut w = 0;
            for (i, c) in segment.char_indices() {
                let cw = c.width().unwrap_or(0);
                if w + cw > avail(&lines, first) && w > 0 {
                    emit(&mut lines, line_start, seg_start + i, first);
                    first = false;
                    line_start = seg_start + i;
                    w = 0;
                }
                w += cw;
            }
            used = w;
        } else {
            used += segment.width();
        }
        line_end = seg_end;
        seg_start = pos;
        if opportunity == BreakOpportunity::Mandatory && pos < s.len() {
            emit(&mut lines, line_start, line_end, first);
            first = false;
            line_start = pos;
            line_end = pos;
            used = 0;
        }
    }
    if line_end > line_start || lines.is_empty() {
        emit(&mut lines, line_start, line_end, first);
    }
    lines
}

/// Joins the lines of one Fluent paragraph: a line break between two scripts that
/// use spaces becomes a space; between Japanese characters it disappears.
pub fn join_lines(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len());
    for (i, line) in paragraph.lines().enumerate() {
        let line = line.trim();
        if i > 0 {
            let before = out.chars().last();
            let after = line.chars().next();
            if !(before.is_some_and(is_wide) && after.is_some_and(is_wide)) {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    fn wrap_plain(s: &str, width: usize) -> Vec<String> {
        let mut t = Styled::new();
        t.push(s, Style::default());
        plain(&wrap(&t, width, 0))
    }

    #[test]
    fn a_japanese_paragraph_does_not_end_on_a_word_alone() {
        // `show vanishing --lang ja` at 60 columns left 「値：」 alone on a line.
        let text = "x = 2 をシグモイド関数の層に 10 層通したときの、1層ごとの値：";
        let mut t = Styled::new();
        t.push(text, Style::default());
        let mut orphans = 0;
        for width in 12..70 {
            let greedy = plain(&wrap_greedy(&t, width, 0, None));
            let lines = plain(&wrap(&t, width, 0));
            if greedy.len() > 1 && greedy.last().unwrap().width() <= ORPHAN_CELLS {
                orphans += 1;
                assert_eq!(lines.len(), greedy.len(), "{width}: {lines:?}");
                assert!(
                    lines.last().unwrap().width() > ORPHAN_CELLS,
                    "{width}: {lines:?}"
                );
            }
            assert!(lines.iter().all(|l| l.width() <= width), "{lines:?}");
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
        assert!(orphans > 0, "the greedy wrap leaves an orphan somewhere");
        // English is left as it is.
        assert_eq!(
            wrap_plain("the quick brown fox jumps", 10).last().unwrap(),
            "jumps"
        );
    }

    #[test]
    fn english_breaks_at_spaces() {
        assert_eq!(
            wrap_plain("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn japanese_punctuation_never_starts_a_line() {
        let text = "活性化関数は、入力の総和を出力に変換する関数です。層を重ねます。";
        for width in 4..40 {
            for line in wrap_plain(text, width) {
                assert!(!line.starts_with(['。', '、']), "width {width}: {line:?}");
                assert!(line.width() <= width, "width {width}: {line:?}");
            }
        }
    }

    #[test]
    fn long_words_are_cut_and_nothing_is_lost() {
        let text = "supercalifragilistic word";
        let lines = wrap_plain(text, 6);
        assert!(lines.iter().all(|l| l.width() <= 6));
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn styles_survive_wrapping() {
        let mut t = Styled::new();
        t.push("plain ", Style::default());
        t.push("bold words", Style::default().bold());
        let lines = wrap(&t, 8, 0);
        assert_eq!(plain(&lines), ["plain", "bold", "words"]);
        assert_eq!(lines[1].spans[0].style, Style::default().bold());
    }

    #[test]
    fn hanging_indent() {
        let mut t = Styled::new();
        t.push("- one two three four", Style::default());
        assert_eq!(plain(&wrap(&t, 9, 2)), ["- one two", "  three", "  four"]);
    }

    #[test]
    fn zero_width_and_empty_do_not_panic() {
        assert_eq!(wrap_plain("", 10), [""]);
        assert!(!wrap_plain("漢字", 0).is_empty());
        assert!(!wrap_plain("漢字", 1).is_empty());
    }

    fn wrap_kept(parts: &[(&str, bool)], width: usize) -> Vec<String> {
        let mut t = Styled::new();
        for (part, kept) in parts {
            if *kept {
                t.push_kept(part, Style::default());
            } else {
                t.push(part, Style::default());
            }
        }
        plain(&wrap(&t, width, 0))
    }

    #[test]
    fn an_expression_stays_on_one_line() {
        // Without the mark, UAX #14 breaks after the minus: `log C = -` | `max(a)`.
        let parts = [
            ("Choose ", false),
            ("log C = -max(a)", true),
            (": done", false),
        ];
        for width in 16..30 {
            let lines = wrap_kept(&parts, width);
            assert!(
                lines.iter().any(|l| l.contains("log C = -max(a)")),
                "width {width}: {lines:?}"
            );
        }
        let plain_text = wrap_plain("Choose log C = -max(a): done", 16);
        assert!(!plain_text.iter().any(|l| l.contains("log C = -max(a)")));
    }

    #[test]
    fn a_wide_expression_breaks_only_at_its_spaces() {
        let parts = [
            ("see ", false),
            ("exp(a_k - max(a)) / sum_i exp(-a_i)", true),
        ];
        let tokens: Vec<&str> = parts
            .iter()
            .flat_map(|(p, _)| p.split_whitespace())
            .collect();
        for width in 9..40 {
            for line in wrap_kept(&parts, width) {
                for token in line.split_whitespace() {
                    assert!(
                        tokens.contains(&token),
                        "width {width}: {token:?} in {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn joining_lines() {
        assert_eq!(join_lines("one\ntwo"), "one two");
        assert_eq!(join_lines("日本\n語です"), "日本語です");
        assert_eq!(join_lines("ReLU\nは"), "ReLU は");
    }
}
