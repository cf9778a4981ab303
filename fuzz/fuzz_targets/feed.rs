//! Fuzzes `outcomes_core::validate` with arbitrary bytes: it must never panic, an invalid feed
//! must come with at least one problem (each one printable line), and a valid feed must still be
//! valid after a round trip through its own serialisation.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match outcomes_core::validate(data) {
        Ok(feed) => {
            let again = serde_json::to_vec(feed.document()).expect("a valid feed serialises");
            assert!(outcomes_core::validate(&again).is_ok(), "a valid feed did not survive a round trip");
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "an invalid feed came with no problems");
            for problem in &problems {
                assert!(!problem.message.trim().is_empty(), "a problem without a message");
                assert!(!problem.to_string().chars().any(char::is_control), "a problem that is not one printable line");
            }
        }
    }
});
