//! Keys to messages: the only place keys are named. The help overlay and the footer
//! are drawn from the same table that [`message_for`] follows.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{App, Edit, Focus, Message};
use crate::lesson::LessonId;

/// What the keys currently do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Input,
    Help,
}

impl Mode {
    pub fn of(app: &App) -> Mode {
        if app.help {
            Mode::Help
        } else if app.focus == Focus::Input {
            Mode::Input
        } else {
            Mode::Browse
        }
    }
}

/// The message a key press means in `mode`, if any.
pub fn message_for(key: KeyEvent, mode: Mode) -> Option<Message> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Message::Quit);
    }
    if ctrl && matches!(key.code, KeyCode::Char('z' | 'Z')) {
        return Some(Message::Suspend);
    }
    // Keys that work everywhere but in the help overlay.
    if mode != Mode::Help {
        match key.code {
            KeyCode::PageDown => return Some(Message::NextLesson),
            KeyCode::PageUp => return Some(Message::PrevLesson),
            KeyCode::Up => return Some(Message::ScrollUp),
            KeyCode::Down => return Some(Message::ScrollDown),
            _ => {}
        }
    }
    match mode {
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('?' | 'q') => Some(Message::ToggleHelp),
            _ => None,
        },
        Mode::Browse => match key.code {
            KeyCode::Char('n') | KeyCode::Right => Some(Message::NextLesson),
            KeyCode::Char('p') | KeyCode::Left => Some(Message::PrevLesson),
            KeyCode::Tab | KeyCode::Char('i') | KeyCode::Enter => Some(Message::FocusInput),
            KeyCode::Char('j') => Some(Message::ScrollDown),
            KeyCode::Char('k') => Some(Message::ScrollUp),
            KeyCode::Char(' ') => Some(Message::ScrollPageDown),
            KeyCode::Char('b') => Some(Message::ScrollPageUp),
            KeyCode::Char('L') => Some(Message::ToggleLang),
            KeyCode::Char('?') => Some(Message::ToggleHelp),
            KeyCode::Char('q') => Some(Message::Quit),
            KeyCode::Char(c @ '1'..='7') => {
                let index = c.to_digit(10).map_or(0, |d| d as usize - 1);
                LessonId::ALL.get(index).copied().map(Message::GoTo)
            }
            _ => None,
        },
        Mode::Input => match key.code {
            KeyCode::Enter => Some(Message::Evaluate),
            KeyCode::Esc | KeyCode::Tab => Some(Message::LeaveInput),
            KeyCode::Backspace if ctrl || alt => Some(Message::Edit(Edit::DeleteWord)),
            KeyCode::Backspace => Some(Message::Edit(Edit::Backspace)),
            KeyCode::Delete => Some(Message::Edit(Edit::Delete)),
            KeyCode::Left if ctrl || alt => Some(Message::Edit(Edit::WordLeft)),
            KeyCode::Right if ctrl || alt => Some(Message::Edit(Edit::WordRight)),
            KeyCode::Left => Some(Message::Edit(Edit::Left)),
            KeyCode::Right => Some(Message::Edit(Edit::Right)),
            KeyCode::Home => Some(Message::Edit(Edit::Home)),
            KeyCode::End => Some(Message::Edit(Edit::End)),
            KeyCode::Char('a') if ctrl => Some(Message::Edit(Edit::Home)),
            KeyCode::Char('e') if ctrl => Some(Message::Edit(Edit::End)),
            KeyCode::Char('u') if ctrl => Some(Message::Edit(Edit::DeleteToStart)),
            KeyCode::Char('k') if ctrl => Some(Message::Edit(Edit::DeleteToEnd)),
            KeyCode::Char('w') if ctrl => Some(Message::Edit(Edit::DeleteWord)),
            KeyCode::Char('b') if alt => Some(Message::Edit(Edit::WordLeft)),
            KeyCode::Char('f') if alt => Some(Message::Edit(Edit::WordRight)),
            KeyCode::Char(c) if !ctrl && !alt => Some(Message::Edit(Edit::Insert(c))),
            _ => None,
        },
    }
}

/// The keys that jump straight to a lesson, as shown on screen.
pub const JUMP_KEYS: &str = "1-7";
/// The key that focuses the input box, and the one that evaluates it.
pub const FOCUS_KEY: &str = "Tab";
pub const EVALUATE_KEY: &str = "Enter";
/// The keys that close the help.
pub const CLOSE_HELP_KEYS: &str = "?/Esc";

/// A named key, as shown on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Named(&'static str),
    Right,
    Left,
    Up,
    Down,
}

impl Key {
    /// The key's label; arrows are words in ASCII mode (their glyphs are ambiguous width).
    pub fn label(self, ascii: bool) -> String {
        match (self, ascii) {
            (Key::Char(c), _) => c.to_string(),
            (Key::Named(n), _) => n.to_string(),
            (Key::Right, false) => "→".into(),
            (Key::Left, false) => "←".into(),
            (Key::Up, false) => "↑".into(),
            (Key::Down, false) => "↓".into(),
            (Key::Right, true) => "Right".into(),
            (Key::Left, true) => "Left".into(),
            (Key::Up, true) => "Up".into(),
            (Key::Down, true) => "Down".into(),
        }
    }

    /// The event this key sends, to check the table against [`message_for`].
    pub fn event(self) -> KeyEvent {
        let code = match self {
            Key::Char(c) => KeyCode::Char(c),
            Key::Right => KeyCode::Right,
            Key::Left => KeyCode::Left,
            Key::Up => KeyCode::Up,
            Key::Down => KeyCode::Down,
            Key::Named("PageDown") => KeyCode::PageDown,
            Key::Named("PageUp") => KeyCode::PageUp,
            Key::Named("Tab") => KeyCode::Tab,
            Key::Named("Enter") => KeyCode::Enter,
            Key::Named("Esc") => KeyCode::Esc,
            Key::Named(JUMP_KEYS) => KeyCode::Char('1'),
            Key::Named("Ctrl-C") => {
                return KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
            }
            Key::Named(_) => KeyCode::Null,
        };
        KeyEvent::new(code, KeyModifiers::NONE)
    }
}

/// One line of the help: keys, what they do (a message id), and in which modes.
pub struct Binding {
    pub keys: &'static [Key],
    pub message: Message,
    /// Message id of the long description (help overlay).
    pub help: &'static str,
    /// Message id of the short description (footer).
    pub short: &'static str,
    pub modes: &'static [Mode],
}

const B: &[Mode] = &[Mode::Browse];
const I: &[Mode] = &[Mode::Input];
const BI: &[Mode] = &[Mode::Browse, Mode::Input];

/// Every binding worth telling the learner about, in the order they are told.
pub fn bindings() -> Vec<Binding> {
    use Key::*;
    vec![
        Binding {
            keys: &[Char('n'), Right, Named("PageDown")],
            message: Message::NextLesson,
            help: "help-next",
            short: "key-next",
            modes: B,
        },
        Binding {
            keys: &[Char('p'), Left, Named("PageUp")],
            message: Message::PrevLesson,
            help: "help-prev",
            short: "key-prev",
            modes: B,
        },
        Binding {
            keys: &[Named(JUMP_KEYS)],
            message: Message::GoTo(LessonId::Intro),
            help: "help-goto",
            short: "key-goto",
            modes: B,
        },
        Binding {
            keys: &[Named("Tab"), Char('i')],
            message: Message::FocusInput,
            help: "help-input",
            short: "key-input",
            modes: B,
        },
        Binding {
            keys: &[Named("Enter")],
            message: Message::Evaluate,
            help: "help-evaluate",
            short: "key-evaluate",
            modes: I,
        },
        Binding {
            keys: &[Named("Esc")],
            message: Message::LeaveInput,
            help: "help-leave",
            short: "key-leave",
            modes: I,
        },
        Binding {
            keys: &[Up, Down, Char('j'), Char('k')],
            message: Message::ScrollDown,
            help: "help-scroll",
            short: "key-scroll",
            modes: BI,
        },
        Binding {
            keys: &[Char('L')],
            message: Message::ToggleLang,
            help: "help-lang",
            short: "key-lang-target",
            modes: B,
        },
        Binding {
            keys: &[Char('?')],
            message: Message::ToggleHelp,
            help: "help-help",
            short: "key-help",
            modes: B,
        },
        Binding {
            keys: &[Char('q'), Named("Ctrl-C")],
            message: Message::Quit,
            help: "help-quit",
            short: "key-quit",
            modes: B,
        },
    ]
}

/// The editing keys named in the help: (Fluent variable, keys as shown).
pub fn editing_keys(ascii: bool) -> [(&'static str, String); 4] {
    [
        (
            "move",
            format!("{}/{}", Key::Left.label(ascii), Key::Right.label(ascii)),
        ),
        ("jump", "Home/End".into()),
        ("erase", "Backspace/Delete".into()),
        ("clear", "Ctrl-U".into()),
    ]
}

/// The footer's hints for `mode`: (keys as shown, short description id).
pub fn footer_hints(mode: Mode, ascii: bool, has_input: bool) -> Vec<(String, &'static str)> {
    if mode == Mode::Help {
        return vec![(CLOSE_HELP_KEYS.into(), "key-close")];
    }
    let mut hints = Vec::new();
    for b in bindings() {
        let in_footer = match b.message {
            Message::FocusInput => has_input,
            // Jumping by number is told in the help only: the footer is for the basics.
            Message::GoTo(_) => false,
            _ => true,
        };
        if !b.modes.contains(&mode) || !in_footer {
            continue;
        }
        let keys: Vec<String> = match b.message {
            // The footer is short: one key for most actions, both letters for scrolling.
            Message::ScrollDown if ascii || mode == Mode::Input => {
                vec![Key::Up.label(ascii), Key::Down.label(ascii)]
            }
            Message::ScrollDown => vec!["j/k".into()],
            _ => vec![b.keys[0].label(ascii)],
        };
        hints.push((keys.join("/"), b.short));
    }
    if mode == Mode::Input {
        hints.push(("Ctrl-C".into(), "key-quit"));
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_key_does_what_the_help_says() {
        for b in bindings() {
            for key in b.keys {
                for mode in b.modes {
                    // In the input box, characters are text.
                    if *mode == Mode::Input && matches!(key, Key::Char(_)) {
                        continue;
                    }
                    let got = message_for(key.event(), *mode);
                    let ok = match b.message {
                        Message::ScrollDown => {
                            matches!(got, Some(Message::ScrollDown | Message::ScrollUp))
                        }
                        ref m => got.as_ref() == Some(m),
                    };
                    assert!(
                        ok,
                        "{key:?} in {mode:?} gave {got:?}, help says {:?}",
                        b.message
                    );
                }
            }
        }
    }

    #[test]
    fn typing_goes_to_the_input_box() {
        for c in ['q', 'n', 'L', '?', 'j', '１', 'あ'] {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(
                message_for(key, Mode::Input),
                Some(Message::Edit(Edit::Insert(c)))
            );
        }
        let shifted = KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT);
        assert_eq!(
            message_for(shifted, Mode::Browse),
            Some(Message::ToggleLang)
        );
    }

    #[test]
    fn ctrl_c_always_quits_and_releases_are_ignored() {
        let key = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Browse, Mode::Input, Mode::Help] {
            assert_eq!(message_for(key, mode), Some(Message::Quit));
        }
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(message_for(release, Mode::Browse), None);
    }
}
