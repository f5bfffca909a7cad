//! Embeds every `i18n/<lang>/*.ftl` file in the binary, in sorted order, so that the
//! one executable is all a learner or a server needs.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo::rerun-if-changed=i18n");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    let mut files = Vec::new();
    for lang in fs::read_dir(&root).expect("i18n/ exists") {
        let lang = lang.expect("readable i18n/ entry").path();
        if !lang.is_dir() {
            continue;
        }
        for file in fs::read_dir(&lang).expect("readable language folder") {
            let file = file.expect("readable i18n file").path();
            if file.extension().is_some_and(|e| e == "ftl") {
                files.push(file);
            }
        }
    }
    files.sort();
    let mut out = String::from("/// (language, file name, Fluent source), sorted by path.\n");
    out.push_str("pub static FTL_FILES: &[(&str, &str, &str)] = &[\n");
    for file in &files {
        let lang = file
            .parent()
            .and_then(Path::file_name)
            .and_then(|s| s.to_str());
        let name = file.file_name().and_then(|s| s.to_str());
        let (Some(lang), Some(name)) = (lang, name) else {
            panic!("non-UTF-8 path under i18n/: {}", file.display());
        };
        writeln!(
            out,
            "    ({lang:?}, {name:?}, include_str!({:?})),",
            file.display()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("ftl_files.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
