//! What the environment says about the terminal: TERM and its terminfo entry. (Kept
//! out of the library's unit tests: terminal names look like message ids to the
//! check that every id the sources name exists.)

use kasseika::look::{NoScreen, TermFacts, screen, system_terminfo};
use kasseika::output::{Colors, Rendition};

fn env_of<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |k| {
        pairs
            .iter()
            .find(|(name, _)| *name == k)
            .map(|(_, v)| v.to_string())
    }
}

fn facts(colors: i32, italics: bool) -> Option<TermFacts> {
    Some(TermFacts {
        colors,
        cursor_addressing: true,
        italics,
    })
}

fn rendition(colors: Colors, italics: bool) -> Rendition {
    Rendition { colors, italics }
}

#[test]
fn term_decides_whether_and_how_colourful_a_screen_is() {
    let known = |name: &str| match name {
        "xterm-256color" => facts(256, true),
        "xterm-16color" => facts(16, false),
        "linux" => facts(8, false),
        "vt100" => facts(0, false),
        "lpr" => Some(TermFacts {
            colors: 0,
            cursor_addressing: false,
            italics: false,
        }),
        _ => None,
    };
    let of = |term: Option<&str>| {
        let pairs: Vec<(&str, &str)> = term.map(|t| ("TERM", t)).into_iter().collect();
        screen(env_of(&pairs), known)
    };
    assert_eq!(of(None), Err(NoScreen { term: None }));
    assert_eq!(of(Some("")), Err(NoScreen { term: None }));
    assert_eq!(
        of(Some("dumb")),
        Err(NoScreen {
            term: Some("dumb".into())
        })
    );
    assert_eq!(
        of(Some("lpr")),
        Err(NoScreen {
            term: Some("lpr".into())
        })
    );
    assert_eq!(of(Some("xterm-256color")), Ok(Rendition::FULL));
    assert_eq!(
        of(Some("xterm-16color")),
        Ok(rendition(Colors::Many, false))
    );
    assert_eq!(
        of(Some("linux")),
        Ok(rendition(Colors::Eight, false)),
        "8 colours: the basic codes, no italics"
    );
    assert_eq!(of(Some("vt100")), Ok(rendition(Colors::None, false)));
    assert_eq!(
        of(Some("brand-new-term")),
        Ok(Rendition::FULL),
        "no entry: taken at its word"
    );
}

#[test]
fn the_systems_terminfo_is_read_and_odd_names_are_not_looked_up() {
    // ncurses-base (required in Debian) ships these.
    let xterm = system_terminfo("xterm-256color").expect("xterm-256color terminfo");
    assert_eq!(xterm.colors, 256);
    assert!(xterm.cursor_addressing);
    assert!(xterm.italics, "xterm-256color has sitm");
    assert!(system_terminfo("vt100").expect("vt100 terminfo").colors < 8);
    // tmux's default TERM: 8 colours and no italics (tmux shows them reversed).
    let screen = system_terminfo("screen").expect("screen terminfo");
    assert_eq!(screen.colors, 8);
    assert!(!screen.italics);
    assert!(
        !system_terminfo("dumb")
            .expect("dumb terminfo")
            .cursor_addressing
    );
    for odd in ["", "../../etc/passwd", "/dev/zero", ".hidden", "x\u{1b}"] {
        assert_eq!(system_terminfo(odd), None, "{odd:?}");
    }
}
