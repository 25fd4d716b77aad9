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

/// The selector of the one hot call an entry runs itself in a measurement build, handing
/// every other call to its whole code: set at build time by `REFERRAL_ENTRY_ALONE` (8 hex
/// digits), which only `scripts/bench` sets, to weigh a call that loads its own code
/// only. A deployed build has none: it runs every hot call.
const ALONE: Option<[u8; 4]> = match option_env!("REFERRAL_ENTRY_ALONE") {
    Some(hex) => parse_selector(hex.as_bytes()),
    None => None,
};

/// Whether an entry runs the hot call `selector` itself (always, but in a measurement
/// build; see `ALONE`).
pub fn runs(selector: [u8; 4]) -> bool {
    match ALONE {
        // As words: the optimizer then knows the selector for the match that follows.
        Some(alone) => u32::from_le_bytes(selector) == u32::from_le_bytes(alone),
        None => true,
    }
}

/// 8 hex digits as a selector; a build with anything else fails (a measurement build
/// that would measure nothing).
const fn parse_selector(hex: &[u8]) -> Option<[u8; 4]> {
    const fn digit(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c.wrapping_sub(b'0'),
            b'a'..=b'f' => c.wrapping_sub(b'a').wrapping_add(10),
            b'A'..=b'F' => c.wrapping_sub(b'A').wrapping_add(10),
            _ => panic!("REFERRAL_ENTRY_ALONE: 8 hex digits"),
        }
    }
    const fn byte(high: u8, low: u8) -> u8 {
        digit(high).wrapping_mul(16).wrapping_add(digit(low))
    }
    match hex {
        [a, b, c, d, e, f, g, h] => Some([byte(*a, *b), byte(*c, *d), byte(*e, *f), byte(*g, *h)]),
        _ => panic!("REFERRAL_ENTRY_ALONE: 8 hex digits"),
    }
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

    /// A measurement build names its one hot call by selector, as ink! derives it; a
    /// deployed build (no variable, as every test build) runs them all.
    #[test]
    fn a_measurement_build_names_one_selector_and_a_deployed_build_runs_every_call() {
        assert_eq!(parse_selector(b"db20f9f5"), Some(ink::selector_bytes!("PSP22::transfer")));
        assert_eq!(parse_selector(b"B388803F"), Some(ink::selector_bytes!("claim")));
        assert_eq!(ALONE, None);
        assert!(runs(ink::selector_bytes!("PSP22::transfer")) && runs([0; 4]));
    }
}
