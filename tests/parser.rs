//! The input parser under random bytes: whatever arrives, split wherever, it never
//! panics, never holds bytes past the timeout (half a character at most, which the
//! next byte settles), and how the bytes were split never changes what they mean.

use std::time::{Duration, Instant};

use kasseika::charset::Charset;
use kasseika::input::{MAX_TIMEOUT, PASTE_CHUNK, Parser};
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode};

/// Bytes that terminals send, and the pieces of escape sequences, weighted so that
/// random streams are full of sequences, complete and not.
fn terminal_byte() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(b"ab1;?<~[OMmu0 9Z\x1b\x03\r\t\x7f\x08".to_vec()).prop_map(|b| vec![b]),
        1 => any::<u8>().prop_map(|b| vec![b]),
        1 => prop::sample::select(vec![
            &b"\x1b["[..],
            b"\x1b[200~",
            b"\x1b[201~",
            b"\x1b[<0;12;5M",
            b"\x1b[<0;0;0m",
            b"\x1b[1;5C",
            b"\x1bOP",
            b"\x1b[[A",
            b"\x1b[99;5u",
            b"\x1b[57399u",
            b"\x1b[32;0;0M",
            b"\x1b[M",
            b"\x1b[27;5;99~",
            b"\xe3\x81\x82",
            b"\xef\xbc\x91",
            b"\xf0\x9f\x98\x80",
        ]).prop_map(<[u8]>::to_vec),
    ]
}

fn stream() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(terminal_byte(), 0..80).prop_map(|v| v.concat())
}

/// `bytes` cut at the given points (taken modulo the length).
fn pieces(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut at: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    at.push(0);
    at.push(bytes.len());
    at.sort_unstable();
    at.windows(2).map(|w| bytes[w[0]..w[1]].to_vec()).collect()
}

/// Feeds the pieces at one instant, then lets the timeout pass; returns the events.
fn run(parser: &mut Parser, chunks: &[Vec<u8>], t: Instant) -> Vec<Event> {
    let mut events = Vec::new();
    for chunk in chunks {
        parser.feed(chunk, t);
        events.extend(parser.events());
    }
    if let Some(deadline) = parser.deadline() {
        assert!(
            deadline <= t + MAX_TIMEOUT,
            "waits at most the longest timeout"
        );
    }
    parser.timeout(t + MAX_TIMEOUT);
    events.extend(parser.events());
    events
}

/// What may still wait after the timeout: at most half a UTF-8 character.
fn holds_nothing_past_the_timeout(parser: &Parser) -> bool {
    !parser.is_pending() && parser.pending_len() <= 3
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn terminal_like_streams_split_anywhere(bytes in stream(), cuts in prop::collection::vec(any::<usize>(), 0..8)) {
        let t = Instant::now();
        let whole = run(&mut Parser::new(), std::slice::from_ref(&bytes), t);
        let mut parser = Parser::new();
        let split = run(&mut parser, &pieces(&bytes, &cuts), t);
        prop_assert_eq!(&whole, &split, "the split changed the meaning");
        prop_assert!(holds_nothing_past_the_timeout(&parser));
        // Nothing swallows what follows: the next key is that key.
        parser.feed(b"q", t + MAX_TIMEOUT * 2);
        let next: Vec<Event> = parser.events().collect();
        prop_assert_eq!(next.last(), Some(&Event::Key(KeyCode::Char('q').into())));
    }

    #[test]
    fn any_bytes_at_any_pace(chunks in prop::collection::vec((prop::collection::vec(any::<u8>(), 0..40), 0u64..120), 0..12)) {
        let start = Instant::now();
        let mut parser = Parser::new();
        let mut now = start;
        for (bytes, gap) in &chunks {
            now += Duration::from_millis(*gap);
            parser.timeout(now);
            parser.feed(bytes, now);
            let _ = parser.events().count();
        }
        parser.timeout(now + MAX_TIMEOUT);
        let _ = parser.events().count();
        prop_assert!(holds_nothing_past_the_timeout(&parser));
        parser.flush();
        prop_assert_eq!(parser.pending_len(), 0);
    }

    #[test]
    fn japanese_terminals_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200), cuts in prop::collection::vec(any::<usize>(), 0..6)) {
        for charset in [Charset::EucJp, Charset::ShiftJis, Charset::Ascii] {
            let t = Instant::now();
            let whole = run(&mut Parser::with_charset(charset), std::slice::from_ref(&bytes), t);
            let mut parser = Parser::with_charset(charset);
            let split = run(&mut parser, &pieces(&bytes, &cuts), t);
            prop_assert_eq!(&whole, &split, "{:?}", charset);
            prop_assert!(holds_nothing_past_the_timeout(&parser));
        }
    }

    #[test]
    fn typed_text_comes_out_as_typed(text in "[ -~あ-んァ-ヶ０-９ｱ-ﾝ一-龠é😀]{0,40}", cuts in prop::collection::vec(any::<usize>(), 0..6)) {
        let expected: Vec<char> = text.chars().collect();
        for charset in [Charset::Utf8, Charset::EucJp, Charset::ShiftJis] {
            let bytes = charset.encode(&text).into_owned();
            // What the terminal would show: the text through its character set (a
            // character it lacks is `?`).
            let encodable: Vec<char> = match charset {
                Charset::EucJp => encoding_rs::EUC_JP.decode(&bytes).0.chars().collect(),
                Charset::ShiftJis => encoding_rs::SHIFT_JIS.decode(&bytes).0.chars().collect(),
                _ => expected.clone(),
            };
            let t = Instant::now();
            let events = run(&mut Parser::with_charset(charset), &pieces(&bytes, &cuts), t);
            let typed: Vec<char> = events.iter().map(|e| match e {
                Event::Key(k) => match k.code {
                    KeyCode::Char(c) => c,
                    other => panic!("{other:?}"),
                },
                other => panic!("{other:?}"),
            }).collect();
            prop_assert_eq!(typed, encodable, "{:?}", charset);
        }
    }

    #[test]
    fn a_bracketed_paste_comes_out_whole(text in "[^\x1b\x03]{0,300}", cuts in prop::collection::vec(any::<usize>(), 0..6)) {
        let bytes = [&b"\x1b[200~"[..], text.as_bytes(), b"\x1b[201~"].concat();
        let events = run(&mut Parser::new(), &pieces(&bytes, &cuts), Instant::now());
        let mut pasted = String::new();
        for e in events {
            match e {
                Event::Paste(piece) => pasted.push_str(&piece),
                other => panic!("{other:?}"),
            }
        }
        prop_assert_eq!(pasted, text);
    }
}

#[test]
fn a_huge_paste_never_holds_more_than_a_chunk() {
    let mut parser = Parser::new();
    let t = Instant::now();
    parser.feed(b"\x1b[200~", t);
    let piece = vec![b'1'; 4096];
    let mut total = 0;
    for _ in 0..(PASTE_CHUNK * 3 / piece.len()) {
        parser.feed(&piece, t);
        assert!(parser.pending_len() < PASTE_CHUNK);
        total += parser
            .events()
            .map(|e| match e {
                Event::Paste(p) => p.len(),
                _ => 0,
            })
            .sum::<usize>();
    }
    parser.feed(b"\x1b[201~", t);
    total += parser
        .events()
        .map(|e| match e {
            Event::Paste(p) => p.len(),
            _ => 0,
        })
        .sum::<usize>();
    assert_eq!(total, PASTE_CHUNK * 3);
}
