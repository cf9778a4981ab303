//! `validate` never panics, whatever the bytes, and always answers usefully: either a valid feed,
//! or at least one problem, each with a message, each one printable line.
//!
//! Random bytes are almost never JSON, so most of the cases start from the valid fixture and
//! break it a little: flipped bytes, truncation, and random JSON values spliced into random places
//! (which reach the type and rule checks, where the interesting bugs would be).

use outcomes_core::{validate, Problem};
use proptest::prelude::*;
use serde_json::Value;

const MINIMAL: &[u8] = include_bytes!("../../../tests/feeds/valid/minimal.json");

/// The contract every answer must keep.
fn check_answer(bytes: &[u8]) -> Result<(), TestCaseError> {
    match validate(bytes) {
        Ok(feed) => {
            // A valid feed survives a round trip through its own serialisation.
            let again = serde_json::to_vec(feed.document()).expect("a valid feed serialises");
            prop_assert!(validate(&again).is_ok(), "a valid feed did not validate after a round trip");
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty(), "an invalid feed came with no problems");
            for problem in &problems {
                check_problem(problem)?;
            }
        }
    }
    Ok(())
}

fn check_problem(problem: &Problem) -> Result<(), TestCaseError> {
    prop_assert!(!problem.message.trim().is_empty(), "a problem without a message at {:?}", problem.path);
    let shown = problem.to_string();
    prop_assert!(!shown.chars().any(|ch| ch.is_control()), "a problem is not one printable line: {shown:?}");
    // Paths and messages are cut to 300 and 600 characters; escaping a control character can
    // make one character into eight.
    prop_assert!(shown.chars().count() < 8_000, "a problem is too long to read: {} characters", shown.chars().count());
    Ok(())
}

/// JSON values of every kind, including the awkward ones: huge and negative numbers, markup,
/// control characters, the suppression symbol, and nesting.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |x| x.is_finite()).prop_map(Value::from),
        (0u32..200).prop_map(|x| Value::from(x * 5)),
        Just(Value::from("[c]")),
        Just(Value::from("2025-Q3")),
        Just(Value::from("2026-02-29")),
        Just(Value::from("E05900001")),
        Just(Value::from("all")),
        Just(Value::from("<script>alert(1)</script>")),
        ".{0,40}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// The child of a list or object picked by `step` (modulo the number of children), if any.
fn child(value: &mut Value, step: usize) -> Option<&mut Value> {
    match value {
        Value::Array(items) if !items.is_empty() => {
            let index = step % items.len();
            items.get_mut(index)
        }
        Value::Object(map) if !map.is_empty() => {
            let index = step % map.len();
            map.values_mut().nth(index)
        }
        _ => None,
    }
}

/// Replaces the value found by walking `steps` into `target` (stopping early at a leaf) with
/// `replacement`.
fn splice(target: &mut Value, steps: &[usize], replacement: Value) {
    match steps.split_first() {
        Some((&step, rest)) if child(target, step).is_some() => {
            if let Some(next) = child(target, step) {
                splice(next, rest, replacement);
            }
        }
        _ => *target = replacement,
    }
}

/// Removes the value found by walking `steps`, if it is inside an object or a list.
fn remove(target: &mut Value, steps: &[usize]) {
    match steps {
        [] => {}
        [last] => match target {
            Value::Array(items) if !items.is_empty() => {
                let index = last % items.len();
                items.remove(index);
            }
            Value::Object(map) if !map.is_empty() => {
                let key = map.keys().nth(last % map.len()).cloned().unwrap_or_default();
                map.remove(&key);
            }
            _ => {}
        },
        [step, rest @ ..] => {
            if let Some(next) = child(target, *step) {
                remove(next, rest);
            }
        }
    }
}

fn minimal_value() -> Value {
    serde_json::from_slice(MINIMAL).expect("the fixture is JSON")
}

#[test]
fn the_fixture_itself_is_valid() {
    if let Err(problems) = validate(MINIMAL) {
        panic!("minimal.json does not validate: {problems:#?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2_048)) {
        check_answer(&bytes)?;
    }

    #[test]
    fn arbitrary_text(text in ".{0,512}") {
        check_answer(text.as_bytes())?;
    }

    #[test]
    fn flipped_bytes(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = MINIMAL.to_vec();
        for (index, byte) in flips {
            let at = index.index(bytes.len());
            bytes[at] = byte;
        }
        check_answer(&bytes)?;
    }

    #[test]
    fn truncations(keep in any::<prop::sample::Index>()) {
        let length = keep.index(MINIMAL.len());
        check_answer(&MINIMAL[..length])?;
    }

    #[test]
    fn random_text_inserted_anywhere(at in any::<prop::sample::Index>(), inserted in prop_oneof![
        Just("\"[c]\"".to_owned()), Just(",".to_owned()), Just("{".to_owned()), Just("]".to_owned()),
        Just("1e400".to_owned()), Just("-0".to_owned()), Just("\\u0000".to_owned()), Just("\u{202E}".to_owned()),
        ".{0,16}",
    ]) {
        let at = at.index(MINIMAL.len());
        let mut bytes = MINIMAL[..at].to_vec();
        bytes.extend_from_slice(inserted.as_bytes());
        bytes.extend_from_slice(&MINIMAL[at..]);
        check_answer(&bytes)?;
    }

    #[test]
    fn random_json_spliced_into_random_places(
        splices in prop::collection::vec((prop::collection::vec(any::<usize>(), 0..7), any_json()), 1..4),
    ) {
        let mut document = minimal_value();
        for (steps, replacement) in splices {
            splice(&mut document, &steps, replacement);
        }
        check_answer(&serde_json::to_vec(&document).expect("a Value serialises"))?;
    }

    #[test]
    fn random_values_removed(removals in prop::collection::vec(prop::collection::vec(any::<usize>(), 1..7), 1..4)) {
        let mut document = minimal_value();
        for steps in removals {
            remove(&mut document, &steps);
        }
        check_answer(&serde_json::to_vec(&document).expect("a Value serialises"))?;
    }

    #[test]
    fn counts_replaced_by_any_number(
        table in 0usize..4, row in any::<prop::sample::Index>(), column in any::<prop::sample::Index>(),
        count in prop_oneof![any::<u32>().prop_map(Value::from), any::<i64>().prop_map(Value::from), Just(Value::from("[c]"))],
    ) {
        // Aimed at the count tables, where the disclosure and funnel rules apply.
        let mut document = minimal_value();
        let table = ["funnel", "entries", "handovers", "outcomes"][table];
        let rows = document["journey"][table].as_array_mut().expect("a count table");
        let row = row.index(rows.len());
        let counts = rows[row]["counts"].as_array_mut().expect("counts");
        let column = column.index(counts.len());
        counts[column] = count;
        check_answer(&serde_json::to_vec(&document).expect("a Value serialises"))?;
    }
}

#[test]
fn deep_nesting_at_and_past_the_limit_does_not_overflow_the_stack() {
    for depth in [127, 128, 129, 10_000, 1_000_000] {
        let bytes = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let problems = validate(bytes.as_bytes()).expect_err("a list is not a feed");
        assert!(!problems.is_empty());
        let bytes =
            format!("{{\"schema_version\": \"1.0\", \"journey\": {}1{}}}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert!(validate(bytes.as_bytes()).is_err());
    }
}

#[test]
fn many_problems_are_capped_with_a_count_of_the_rest() {
    let mut document = minimal_value();
    let row = document["journey"]["funnel"][0].clone();
    let rows: Vec<Value> = (0..2_000).map(|_| row.clone()).collect();
    document["journey"]["funnel"] = Value::Array(rows);
    let problems = validate(&serde_json::to_vec(&document).expect("serialises")).expect_err("duplicate rows");
    assert_eq!(problems.len(), outcomes_core::validate::MAX_PROBLEMS + 1);
    assert!(problems.last().expect("a last problem").message.contains("more problems not listed"));
}
