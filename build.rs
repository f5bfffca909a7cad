//! Embeds every `i18n/<lang>/*.ftl` file in the binary, so that the one executable is
//! all a learner or a server needs, cut into its entries (see `src/i18n/entries.rs`):
//! at run time a message is parsed only when it is first shown.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

#[path = "src/i18n/entries.rs"]
#[allow(dead_code)]
mod entries;

fn main() {
    println!("cargo::rerun-if-changed=i18n");
    println!("cargo::rerun-if-changed=src/i18n/entries.rs");
    // Read when the script runs, not baked in when it is compiled: cargo may run a
    // script built for another copy of the package (`cargo package` verifies one in
    // target/package/, sharing target/), which would read that copy's texts.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("i18n");
    let mut langs = Vec::new();
    for lang in fs::read_dir(&root).expect("i18n/ exists") {
        let lang = lang.expect("readable i18n/ entry").path();
        if lang.is_dir() {
            langs.push(lang);
        }
    }
    langs.sort();
    let mut out = String::from(
        "/// (language, its files one after the other, its entries sorted by id as\n\
         /// (where the entry starts in that text, the length of its id, its length)).\n\
         /// Plain numbers: nothing in the table needs relocating when kasseika starts.\n\
         pub static EMBEDDED: &[(&str, &str, &[Place])] = &[\n",
    );
    for lang in &langs {
        let code = lang
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_else(|| panic!("non-UTF-8 path under i18n/: {}", lang.display()));
        let mut files = Vec::new();
        for file in fs::read_dir(lang).expect("readable language folder") {
            let file = file.expect("readable i18n file").path();
            if file.extension().is_some_and(|e| e == "ftl") {
                files.push(file);
            }
        }
        files.sort();
        let mut text = String::new();
        for file in &files {
            let source =
                fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            text.push_str(&source);
            if !text.ends_with('\n') {
                text.push('\n');
            }
        }
        let mut index: Vec<(&str, usize, usize)> = entries::split(&text)
            .into_iter()
            .map(|span| {
                let start = span.source.as_ptr() as usize - text.as_ptr() as usize;
                (span.id, start, span.source.len())
            })
            .collect();
        index.sort_by(|a, b| a.0.cmp(b.0));
        let ids: Vec<&str> = index.iter().map(|(id, _, _)| *id).collect();
        if let Some(id) = entries::twice(&ids) {
            panic!("i18n/{code}: the id {id} is defined twice");
        }
        writeln!(out, "    ({code:?}, {text:?}, &[").unwrap();
        for (id, start, len) in index {
            writeln!(out, "        ({start}, {}, {len}),", id.len()).unwrap();
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("ftl_entries.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
