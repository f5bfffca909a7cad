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
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    let mut langs = Vec::new();
    for lang in fs::read_dir(&root).expect("i18n/ exists") {
        let lang = lang.expect("readable i18n/ entry").path();
        if lang.is_dir() {
            langs.push(lang);
        }
    }
    langs.sort();
    let mut out = String::from(
        "/// (language, its entries as (id, source) sorted by id), the language's files\n\
         /// in the order of their names.\n\
         pub static EMBEDDED: &[(&str, &[Entry])] = &[\n",
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
        let sources: Vec<String> = files
            .iter()
            .map(|f| fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display())))
            .collect();
        let mut spans: Vec<entries::Span> =
            sources.iter().flat_map(|s| entries::split(s)).collect();
        spans.sort_by(|a, b| a.id.cmp(b.id));
        // Fluent keeps the first of two messages with one id and drops the other
        // silently: refuse to build instead.
        if let Some(twice) = spans.windows(2).find(|w| w[0].id == w[1].id) {
            panic!("i18n/{code}: the id {} is defined twice", twice[0].id);
        }
        writeln!(out, "    ({code:?}, &[").unwrap();
        for span in spans {
            writeln!(
                out,
                "        (Cow::Borrowed({:?}), Cow::Borrowed({:?})),",
                span.id, span.source
            )
            .unwrap();
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("ftl_entries.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
