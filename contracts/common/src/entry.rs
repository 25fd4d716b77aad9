//! What a contract's entry needs to stand in front of its whole code.
//!
//! pallet-contracts charges every call for all the code of the contract it calls, so a
//! contract of the suite whose hot messages are a small part of its code is deployed as
//! an entry (a small code that runs the hot messages itself) in front of its whole code
//! (uploaded once, every message): the entry has a single ink! message that takes every
//! selector, decodes the input as one of its hot calls and runs it, or hands the call
//! unchanged to the whole code by delegate call. Both codes' storage is one struct whose
//! maps have fixed keys, so they read and write the same cells.
//!
//! Such a contract is instantiated as its whole code, whose constructor builds the state
//! and then hands the account to the entry (`stand_behind`): the entry has no
//! constructor of its own to load on every call (ink! needs one; it refuses).
use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::{CallFlags, DefaultEnvironment as Env, ReturnFlags};
use ink::primitives::Hash;
use ink::scale::Encode;
use ink::storage::traits::{Storable, StorageKey};

/// The most hot calls a measurement build runs (see `ALONE`).
const MAX_ALONE: usize = 16;

/// The selectors of the hot calls an entry runs itself in a measurement build, handing
/// every other call to its whole code: set at build time by `REFERRAL_ENTRY_ALONE` (8 hex
/// digits a selector, comma-separated), which only `scripts/bench` sets, to weigh a call
/// (or a set of calls, such as the liquid token's) that loads only its own code. A
/// deployed build has none: it runs every hot call.
const ALONE: Option<Selectors> = match option_env!("REFERRAL_ENTRY_ALONE") {
    Some(list) => Some(parse_selectors(list.as_bytes())),
    None => None,
};

/// Up to `MAX_ALONE` selectors, as words; the unused ones are none (`None`).
type Selectors = [Option<u32>; MAX_ALONE];

/// Whether an entry runs the hot call `selector` itself: always, but in a measurement
/// build (see `ALONE`). Called in a const block on each hot call's selector (`if const {
/// runs(..) }`), so that a measurement build holds the code of its calls only.
pub const fn runs(selector: [u8; 4]) -> bool {
    let Some(alone) = ALONE else { return true };
    let word = Some(u32::from_le_bytes(selector));
    let mut at = 0;
    while at < MAX_ALONE {
        if matches!((alone[at], word), (Some(a), Some(w)) if a == w) {
            return true;
        }
        at = at.wrapping_add(1);
    }
    false
}

/// Comma-separated selectors of 8 hex digits each; a build with anything else, or more
/// than `MAX_ALONE`, fails (a measurement build that would measure something else).
const fn parse_selectors(list: &[u8]) -> Selectors {
    const fn digit(c: u8) -> u32 {
        match c {
            b'0'..=b'9' => c.wrapping_sub(b'0') as u32,
            b'a'..=b'f' => c.wrapping_sub(b'a').wrapping_add(10) as u32,
            b'A'..=b'F' => c.wrapping_sub(b'A').wrapping_add(10) as u32,
            _ => panic!("REFERRAL_ENTRY_ALONE: selectors of 8 hex digits, comma-separated"),
        }
    }
    let mut out: Selectors = [None; MAX_ALONE];
    let (mut count, mut at) = (0usize, 0usize);
    while at < list.len() {
        if count == MAX_ALONE || list.len().saturating_sub(at) < 8 {
            panic!("REFERRAL_ENTRY_ALONE: selectors of 8 hex digits, comma-separated");
        }
        // The selector's bytes in call order, as a little-endian word (`runs`).
        let (mut word, mut shift) = (0u32, 0u32);
        while shift < 32 {
            let byte = digit(list[at]).wrapping_mul(16).wrapping_add(digit(list[at.wrapping_add(1)]));
            word |= byte.wrapping_shl(shift);
            (at, shift) = (at.wrapping_add(2), shift.wrapping_add(8));
        }
        out[count] = Some(word);
        count = count.wrapping_add(1);
        if at < list.len() {
            if list[at] != b',' {
                panic!("REFERRAL_ENTRY_ALONE: selectors of 8 hex digits, comma-separated");
            }
            at = at.wrapping_add(1);
        }
    }
    out
}

/// From a whole code's constructor: makes the contract being instantiated run as the
/// code `entry` from now on, in front of the whole code running the constructor, which
/// it locks as its delegate dependency (nobody can remove it while the contract lives).
/// Returns the whole code's hash, where the entry hands the calls it does not run.
///
/// # Errors
/// `None` if `entry` is no uploaded code or the whole code itself.
pub fn stand_behind(entry: Hash) -> Option<Hash> {
    let whole = ink::env::own_code_hash::<Env>().ok()?;
    if entry == whole {
        return None;
    }
    ink::env::set_code_hash::<Env>(&entry).ok()?;
    // After the switch: a contract may not lock its own code.
    ink::env::lock_delegate_dependency::<Env>(&whole);
    Some(whole)
}

/// Ends a hot call with `result`, encoded as ink! encodes a message's answer
/// (`Result<Result<T, E>, LangError>`). A success writes the contract's storage root
/// `root` first when `write_root` (the maps are written as they change; a call that
/// changed only maps need not write the root, which ink! would write anyway); a refusal
/// reverts the call, so it changes nothing.
pub fn answer<T: Encode, E: Encode, R: Storable + StorageKey>(
    result: core::result::Result<T, E>,
    root: &R,
    write_root: bool,
) -> ! {
    let flags = if result.is_ok() {
        if write_root {
            ink::env::set_contract_storage(&R::KEY, root);
        }
        ReturnFlags::empty()
    } else {
        ReturnFlags::REVERT
    };
    ink::env::return_value::<ink::MessageResult<core::result::Result<T, E>>>(flags, &Ok(result))
}

/// Ends a read with `value`, encoded as ink! encodes the answer of a message that
/// returns a plain value (`Result<T, LangError>`).
pub fn reply<T: Encode>(value: T) -> ! {
    ink::env::return_value::<ink::MessageResult<T>>(ReturnFlags::empty(), &Ok(value))
}

/// Runs the whole code `logic` on this call's input, by delegate call: the whole code
/// runs on this contract's storage, as this contract, with the caller and the value of
/// the call, and its answer (or its refusal, or its trap) ends the call
/// (`FORWARD_INPUT | TAIL_CALL`). A tail call returns only if the whole code trapped,
/// and then this call traps too, so nothing either did stays.
pub fn forward(logic: Hash) -> ! {
    let _trapped = build_call::<Env>()
        .delegate(logic)
        .call_flags(CallFlags::FORWARD_INPUT | CallFlags::TAIL_CALL)
        .exec_input(ExecutionInput::new(Selector::new([0; 4])))
        .returns::<()>()
        .try_invoke();
    // A trap, like the whole code's own: the runtime reverts everything.
    core::panic!("the whole code trapped")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A measurement build names its hot calls by selector, as ink! derives them; a
    /// deployed build (no variable, as every test build) runs them all.
    #[test]
    fn a_measurement_build_names_its_selectors_and_a_deployed_build_runs_every_call() {
        let word = |name: [u8; 4]| Some(u32::from_le_bytes(name));
        let one = parse_selectors(b"db20f9f5");
        assert_eq!((one[0], one[1]), (word(ink::selector_bytes!("PSP22::transfer")), None));
        let two = parse_selectors(b"db20f9f5,B388803F");
        assert_eq!(two[..3], [word(ink::selector_bytes!("PSP22::transfer")), word(ink::selector_bytes!("claim")), None]);
        assert_eq!(ALONE, None);
        assert!(runs(ink::selector_bytes!("PSP22::transfer")) && runs([0; 4]));
    }

    /// A list that is not 8 hex digits a selector, comma-separated, fails the build (the
    /// parse runs at compile time; here at run time, to see it refuse).
    #[test]
    #[should_panic(expected = "REFERRAL_ENTRY_ALONE")]
    fn a_malformed_list_fails_the_build() {
        parse_selectors(b"db20f9f5;b388803f");
    }

    #[test]
    #[should_panic(expected = "REFERRAL_ENTRY_ALONE")]
    fn a_truncated_selector_fails_the_build() {
        parse_selectors(b"db20f9f5,b38880");
    }
}
