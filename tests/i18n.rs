//! The two languages: every message in both, with the same variables; texts load
//! strictly; Japanese stays clear of ambiguous-width symbols.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use kasseika::i18n::{Lang, Localizer};
use kasseika::lesson::LessonId;
use unicode_width::UnicodeWidthChar;

/// message id -> (variables, text of the value)
type Messages = BTreeMap<String, (BTreeSet<String>, String)>;

fn walk_inline(e: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => walk_expr(expression, vars),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, vars);
            }
        }
        _ => {}
    }
}

fn walk_expr(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => walk_inline(i, vars),
        Expression::Select { selector, variants } => {
            walk_inline(selector, vars);
            for v in variants {
                walk_pattern(&v.value, vars, &mut String::new());
            }
        }
    }
}

fn walk_pattern(p: &Pattern<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    for el in &p.elements {
        match el {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable { expression } => walk_expr(expression, vars),
        }
    }
}

fn messages(lang: &str) -> Messages {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("i18n")
        .join(lang);
    let mut out = Messages::new();
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let source = fs::read_to_string(&file).unwrap();
        assert!(
            !source.starts_with('\u{FEFF}'),
            "{file:?} starts with a BOM"
        );
        assert!(!source.contains('\t'), "{file:?} has a tab");
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{file:?}: {errors:?}"));
        for entry in resource.body {
            if let Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                let mut text = String::new();
                if let Some(value) = &m.value {
                    walk_pattern(value, &mut vars, &mut text);
                }
                let previous = out.insert(m.id.name.to_string(), (vars, text));
                assert!(previous.is_none(), "{lang}: duplicate id {}", m.id.name);
            }
        }
    }
    out
}

#[test]
fn every_message_exists_in_both_languages_with_the_same_variables() {
    let en = messages("en");
    let ja = messages("ja");
    let en_ids: BTreeSet<_> = en.keys().collect();
    let ja_ids: BTreeSet<_> = ja.keys().collect();
    assert_eq!(
        en_ids.symmetric_difference(&ja_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "ids in one language only"
    );
    for (id, (vars, _)) in &en {
        assert_eq!(
            vars, &ja[id].0,
            "variables of {id} differ between en and ja"
        );
    }
    assert!(en.len() > 50, "the files were read ({} messages)", en.len());
}

#[test]
fn all_texts_load_strictly_without_isolation_marks() {
    let loc = Localizer::embedded().expect("embedded texts load");
    for lang in Lang::ALL {
        let text = loc.format(
            lang,
            "error-bad-token",
            &[("token", "abc".into()), ("position", 2.into())],
        );
        assert!(text.contains("abc") && text.contains('2'), "{text}");
        assert!(
            !text.contains(['\u{2068}', '\u{2069}']),
            "isolation marks in {text:?}"
        );
        assert!(!text.starts_with(kasseika::i18n::MISSING));
    }
}

#[test]
fn every_lesson_has_all_its_texts() {
    let loc = Localizer::embedded().unwrap();
    for lang in Lang::ALL {
        for lesson in LessonId::ALL {
            for id in lesson.message_ids() {
                assert!(loc.has(lang, &id), "{lang:?} lacks {id}");
            }
        }
    }
}

#[test]
fn lesson_bodies_have_the_same_paragraphs_in_both_languages() {
    // The reading place is kept by paragraph when the language changes.
    let loc = Localizer::embedded().unwrap();
    for lesson in LessonId::ALL {
        let body = |lang| loc.format(lang, &lesson.body_id(), &kasseika::ui::text::key_args());
        let count = |lang| kasseika::ui::text::paragraphs(&body(lang)).len();
        assert_eq!(count(Lang::En), count(Lang::Ja), "{}", lesson.id());
    }
}

#[test]
fn japanese_texts_have_no_ambiguous_width_characters() {
    // They are one cell in some terminals and two in others; Japanese fonts often
    // draw them wide, which breaks the layout.
    for (id, (_, text)) in messages("ja") {
        for c in text.chars() {
            assert_eq!(
                c.width(),
                c.width_cjk(),
                "{id}: {c:?} (U+{:04X}) is ambiguous width",
                c as u32
            );
        }
    }
}

/// Every string literal in the sources that looks like a message id.
fn ids_named_in_sources() -> BTreeSet<String> {
    fn visit(dir: &Path, out: &mut BTreeSet<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = fs::read_to_string(&path).unwrap();
                for literal in source.split('"').skip(1).step_by(2) {
                    let looks_like_id = literal.contains('-')
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                        && literal.starts_with(|c: char| c.is_ascii_lowercase())
                        && !literal.ends_with('-');
                    if looks_like_id {
                        out.insert(literal.to_string());
                    }
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    visit(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

#[test]
fn every_id_the_code_names_exists() {
    // Literals that look like ids but are not messages (command names and the like).
    const NOT_IDS: &[&str] = &[
        "softmax-naive",
        "rerun-if-changed",
        "leaky-relu",
        "gelu-tanh",
        "log-softmax",
        "cross-entropy",
        // libpq's sslmode values (--progress-db).
        "verify-ca",
        "verify-full",
    ];
    let loc = Localizer::embedded().unwrap();
    let named = ids_named_in_sources();
    assert!(
        named.len() > 30,
        "ids were found in the sources ({})",
        named.len()
    );
    for id in named.iter().filter(|id| !NOT_IDS.contains(&id.as_str())) {
        for lang in Lang::ALL {
            assert!(
                loc.has(lang, id),
                "the code names {id:?}, missing in {lang:?}"
            );
        }
    }
}

#[test]
fn each_message_shown_alone_reads_as_in_its_whole_file() {
    // kasseika parses a message when it is first asked for, cut from its file at
    // build time: every message must come out as a bundle of the whole files gives it.
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    let loc = Localizer::embedded().unwrap();
    for lang in Lang::ALL {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("i18n")
            .join(lang.code());
        let mut whole = FluentBundle::new(vec![lang.code().parse().unwrap()]);
        whole.set_use_isolating(false);
        for file in fs::read_dir(&dir).unwrap() {
            let source = fs::read_to_string(file.unwrap().path()).unwrap();
            whole
                .add_resource(FluentResource::try_new(source).unwrap())
                .unwrap();
        }
        let all = messages(lang.code());
        // Every variable any message uses (a message may refer to another one, which
        // takes variables of its own).
        let vars: BTreeSet<&String> = all.values().flat_map(|(vars, _)| vars).collect();
        let mut args = FluentArgs::new();
        let mut ours = Vec::new();
        for (i, var) in vars.iter().enumerate() {
            args.set(var.as_str(), i + 2);
            ours.push((var.as_str(), (i + 2).into()));
        }
        for id in all.keys() {
            let mut errors = Vec::new();
            let pattern = whole.get_message(id).unwrap().value().unwrap();
            let expected = whole.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{lang:?} {id}: {errors:?}");
            assert_eq!(loc.format(lang, id, &ours), expected, "{lang:?} {id}");
        }
    }
}
