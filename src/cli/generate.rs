//! What packages install beside the binary, made from the command line's own
//! definitions: the shells' completion scripts (`kasseika completions bash`) and the
//! manual pages (`kasseika man`, `kasseika man serve`).

use clap::ValueEnum;

use super::command;
use crate::i18n::{Lang, Localizer, Tr};
use crate::output::visible;

/// The shells kasseika writes completions for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl From<Shell> for clap_complete::Shell {
    fn from(shell: Shell) -> clap_complete::Shell {
        match shell {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
        }
    }
}

/// The completion script of `shell`: commands, flags and their values, described in
/// `tr`'s language.
pub fn completions(tr: Tr, shell: Shell) -> String {
    let mut cmd = command(tr);
    let mut script = Vec::new();
    clap_complete::generate(
        clap_complete::Shell::from(shell),
        &mut cmd,
        "kasseika",
        &mut script,
    );
    String::from_utf8_lossy(&script).into_owned()
}

/// `kasseika man NAME` named no command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCommand {
    pub asked: String,
    pub commands: Vec<String>,
}

impl UnknownCommand {
    pub fn message(&self, tr: Tr) -> String {
        tr.f(
            "cli-error-unknown-command",
            &[
                ("command", visible(&self.asked).into_owned().into()),
                ("commands", self.commands.join(", ").into()),
            ],
        )
    }
}

/// The manual page (roff) of kasseika, or of its command `name`
/// (`kasseika-serve(1)`), in English, from the same words as `--help`.
pub fn man_page(loc: &Localizer, name: Option<&str>) -> Result<String, UnknownCommand> {
    let cmd = command(loc.tr(Lang::En)).mut_subcommand("help", |s| s.hide(true));
    let cmd = match name {
        None => cmd,
        Some(name) => {
            let pages: Vec<&clap::Command> =
                cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
            match pages.iter().find(|s| s.get_name() == name) {
                Some(sub) => (*sub).clone(),
                None => {
                    return Err(UnknownCommand {
                        asked: name.to_string(),
                        commands: pages.iter().map(|s| s.get_name().to_string()).collect(),
                    });
                }
            }
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd)
        .source(format!("kasseika {}", env!("CARGO_PKG_VERSION")))
        .manual("kasseika")
        .render(&mut page)
        .expect("writing to memory cannot fail");
    Ok(String::from_utf8_lossy(&page).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Localizer {
        Localizer::embedded().unwrap()
    }

    #[test]
    fn completions_know_the_commands_flags_and_values() {
        let loc = loc();
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let script = completions(loc.tr(Lang::En), shell);
            // fish names a long flag `-l name`, the others `--name`.
            let flag = if shell == Shell::Fish { "-l " } else { "--" };
            let mut words: Vec<String> =
                ["list", "show", "eval", "progress", "completions", "braille"]
                    .map(String::from)
                    .to_vec();
            words.extend([format!("{flag}lesson"), format!("{flag}no-save")]);
            #[cfg(feature = "serve")]
            words.push(format!("{flag}max-sessions"));
            for word in words {
                assert!(script.contains(&word), "{shell:?} lacks {word}:\n{script}");
            }
            assert!(!script.contains(crate::i18n::MISSING), "{shell:?}");
        }
        assert!(completions(loc.tr(Lang::En), Shell::Bash).contains("complete -F"));
        assert!(completions(loc.tr(Lang::En), Shell::Zsh).starts_with("#compdef kasseika"));
        assert!(completions(loc.tr(Lang::En), Shell::Fish).contains("complete -c kasseika"));
        // The descriptions are in the learner's language.
        let ja = completions(loc.tr(Lang::Ja), Shell::Fish);
        assert!(ja.contains(&loc.text(Lang::Ja, "cli-list-about")), "{ja}");
    }

    #[test]
    fn the_bash_script_is_valid_bash() {
        let script = completions(loc().tr(Lang::En), Shell::Bash);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kasseika.bash");
        std::fs::write(&file, script).unwrap();
        let checked = std::process::Command::new("bash")
            .arg("-n")
            .arg(&file)
            .output()
            .expect("bash runs");
        assert!(checked.status.success(), "{checked:?}");
    }

    #[test]
    fn man_pages_for_kasseika_and_each_command_in_english() {
        let loc = loc();
        let main = man_page(&loc, None).unwrap();
        assert!(main.contains(".TH kasseika 1"), "{main}");
        for word in [
            "\\-\\-lesson",
            "\\-\\-no\\-save",
            "kasseika\\-serve(1)",
            "kasseika\\-eval(1)",
        ] {
            #[cfg(not(feature = "serve"))]
            if word.contains("serve") {
                continue;
            }
            assert!(main.contains(word), "{word}:\n{main}");
        }
        assert!(!main.contains("kasseika\\-help"), "no page for help");
        assert!(!main.contains("kasseika\\-man"), "man is for packagers");
        let eval = man_page(&loc, Some("eval")).unwrap();
        assert!(eval.contains(".TH kasseika-eval 1  \"kasseika "), "{eval}");
        assert!(eval.contains("\\-\\-derivative"), "{eval}");
        for page in [&main, &eval] {
            assert!(page.is_ascii(), "English only:\n{page}");
            assert!(!page.contains(crate::i18n::MISSING));
        }
        let unknown = man_page(&loc, Some("\u{1b}x")).unwrap_err();
        let told = unknown.message(loc.tr(Lang::En));
        assert!(told.contains("\\u{1b}x") && told.contains("eval"), "{told}");
    }
}
