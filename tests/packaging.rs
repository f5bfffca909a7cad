//! The packaging's files agree with the program and the README: the unit the Debian
//! package installs is the one the README shows, its command line is one kasseika
//! accepts, and its user's home is the service's state directory.

use std::fs;
use std::path::Path;

fn read(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

const UNIT: &str = "packaging/debian/kasseika-serve.service";

#[test]
fn the_readme_shows_the_packaged_unit_whole() {
    let readme = read("README.md");
    let unit = read(UNIT);
    let shown: Vec<&str> = readme
        .split("```ini\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .filter(|block| block.contains("ExecStart="))
        .collect();
    assert_eq!(shown.len(), 1, "the README shows one unit");
    assert_eq!(shown[0], unit, "the README's unit is not {UNIT}");
}

fn setting<'a>(unit: &'a str, key: &str) -> Vec<&'a str> {
    unit.lines()
        .filter_map(|line| line.strip_prefix(key)?.strip_prefix('='))
        .collect()
}

#[cfg(feature = "serve")]
#[test]
fn the_units_command_line_is_one_kasseika_serve_accepts() {
    use clap::Parser;
    let unit = read(UNIT);
    let exec = setting(&unit, "ExecStart");
    assert_eq!(exec.len(), 1, "{exec:?}");
    let words: Vec<&str> = exec[0].split_whitespace().collect();
    assert_eq!(words[0], "/usr/bin/kasseika", "where the package puts it");
    let cli = kasseika::cli::Cli::try_parse_from(words.iter().copied())
        .unwrap_or_else(|e| panic!("{}: {e}", exec[0]));
    assert!(
        matches!(cli.command, Some(kasseika::cli::Command::Serve(_))),
        "{cli:?}"
    );
}

#[test]
fn the_service_runs_as_the_packaged_system_user_in_its_state_directory() {
    let unit = read(UNIT);
    assert_eq!(setting(&unit, "User"), ["kasseika"]);
    assert_eq!(setting(&unit, "StateDirectory"), ["kasseika"]);
    assert!(
        setting(&unit, "DynamicUser").iter().all(|v| *v == "no"),
        "the package makes a system user: the unit runs as it"
    );
    // Disabled until the operator enables it: the package does not (Cargo.toml).
    assert!(read("Cargo.toml").contains(
        r#"systemd-units = { unit-name = "kasseika-serve", enable = false, start = false }"#
    ));
    let sysusers = read("packaging/debian/kasseika.sysusers");
    let user: Vec<&str> = sysusers.lines().filter(|l| l.starts_with("u ")).collect();
    assert_eq!(user.len(), 1, "{sysusers}");
    assert!(user[0].starts_with("u kasseika "), "{}", user[0]);
    assert!(
        user[0].ends_with(" /var/lib/kasseika"),
        "its home: {}",
        user[0]
    );
    for path in setting(&unit, "ExecStart")[0]
        .split_whitespace()
        .filter(|w| w.starts_with('/') && !w.starts_with("/usr/bin/"))
    {
        assert!(path.starts_with("/var/lib/kasseika/"), "{path}");
    }
}
