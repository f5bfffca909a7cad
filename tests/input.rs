//! The input parser: never panics, reads back what it is given, folds full width.

use kasseika::value_input::{InputError, MAX_CHARS, MAX_VALUES, parse_values, tokens};
use proptest::prelude::*;

/// The full-width form a Japanese input method would type.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap(),
            ' ' => '\u{3000}',
            c => c,
        })
        .collect()
}

proptest! {
    #[test]
    fn nothing_typed_or_pasted_panics(s in any::<String>()) {
        let _ = parse_values(&s);
    }

    #[test]
    fn nothing_built_from_number_parts_panics(s in "[-+0-9.eE,、，　 infatyINFNA１２．－]{0,40}") {
        let _ = parse_values(&s);
    }

    #[test]
    fn values_read_back(values in prop::collection::vec(any::<f64>().prop_filter("finite", |v| v.is_finite()), 1..=MAX_VALUES),
                        sep in prop::sample::select(vec![",", " ", "、", "，", ", ", "\t"])) {
        let text = values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(sep);
        prop_assume!(text.chars().count() <= MAX_CHARS);
        prop_assert_eq!(parse_values(&text).unwrap(), values);
    }

    #[test]
    fn full_width_means_the_same(values in prop::collection::vec(-1e6f64..1e6, 1..6)) {
        let text = values.iter().map(|v| format!("{v}")).collect::<Vec<_>>().join(", ");
        prop_assert_eq!(parse_values(&full_width(&text)).unwrap(), parse_values(&text).unwrap());
    }

    #[test]
    fn a_bad_token_is_named_as_typed(good in prop::collection::vec(-100i32..100, 0..5), bad in "[a-zぁ-ん]{1,5}") {
        let mut tokens: Vec<String> = good.iter().map(|v| v.to_string()).collect();
        let position = tokens.len() + 1;
        tokens.push(bad.clone());
        let text = tokens.join(" ");
        prop_assume!(!["inf", "nan", "infinity"].contains(&bad.as_str()));
        prop_assert_eq!(parse_values(&text), Err(InputError::BadToken { token: bad, position }));
    }
}

#[test]
fn tokens_split_on_every_separator() {
    let got: Vec<&str> = tokens("1,2、3，4 5\u{3000}6\t7\n8").collect();
    assert_eq!(got, ["1", "2", "3", "4", "5", "6", "7", "8"]);
}

/// How the lessons' code writes a list of these values, and other ways of writing
/// one that Python reads as the same list.
fn as_lists(values: &[f64]) -> Vec<String> {
    let inner = values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        format!("[{inner}]"),
        format!("np.array([{inner}])"),
        format!("numpy.array([{inner}])"),
        format!("({inner},)"),
        format!("[{}]", inner.replace(", ", ",")),
    ]
}

proptest! {
    #[test]
    fn nothing_built_from_list_and_dash_parts_panics(s in "[-0-9.e,，、 \\[\\]()［］（）ーｰ‐–−npary]{0,40}") {
        let _ = parse_values(&s);
    }

    #[test]
    fn a_list_reads_as_its_values(values in prop::collection::vec(any::<f64>().prop_filter("finite", |v| v.is_finite()), 1..=MAX_VALUES)) {
        for text in as_lists(&values) {
            prop_assume!(text.chars().count() <= MAX_CHARS);
            prop_assert_eq!(parse_values(&text).unwrap(), values.clone(), "{}", text);
        }
    }

    #[test]
    fn any_dash_typed_for_a_minus_reads_as_one(values in prop::collection::vec(-1e6f64..1e6, 1..6),
                                               dash in prop::sample::select(vec!['ー', 'ｰ', '‐', '‑', '‒', '–', '—', '―', '−', '﹣', '﹘', '－'])) {
        let text = values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(" ");
        let dashed = text.replace('-', &dash.to_string());
        prop_assert_eq!(parse_values(&dashed).unwrap(), parse_values(&text).unwrap());
    }

    #[test]
    fn a_comma_is_never_silently_a_thousands_separator(whole in 1u32..1000, group in 0u32..1000, more in prop::collection::vec(0u32..1000, 0..3)) {
        // `12,345` may be 12345 or two values: it is always asked about.
        let mut text = format!("{whole},{group:03}");
        for g in &more {
            text.push_str(&format!(",{g:03}"));
        }
        let asked = matches!(parse_values(&text), Err(InputError::Grouping { .. }));
        prop_assert!(asked, "{}", text);
    }
}
