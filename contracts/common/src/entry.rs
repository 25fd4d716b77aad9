//! What a contract's entry needs to stand in front of its whole code.
//!
//! pallet-contracts charges every call for all the code of the contract it calls, so a
//! contract of the suite whose hot messages are a small part of its code is deployed as
//! an entry (a small code that runs the hot messages itself) in front of its whole code
//! (uploaded once, every message): the entry has a single ink! message that takes every
//! selector, decodes the input as one of its hot calls and runs it, or hands the call
//! unchanged to the whole code by delegate call. Both codes' storage is one struct whose
//! maps have fixed keys, so they read and write the same cells.
use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::{CallFlags, DefaultEnvironment as Env, ReturnFlags};
use ink::primitives::Hash;
use ink::scale::Encode;
use ink::storage::traits::{Storable, StorageKey};

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
