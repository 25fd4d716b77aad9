//! Types, events and traits that cross the referral suite's contracts, and the
//! arithmetic they share.
//!
//! The PSP22 interface lives here (not in the `psp22` crate) so that every contract of
//! the suite, and the sandbox tests, can build and call it without making the `psp22`
//! crate itself a contract dependency (the README's *Development* section says why).
#![cfg_attr(not(feature = "std"), no_std)]

pub mod admin;
pub mod bonus;
pub mod decimal;
pub mod entry;
pub mod levels;
pub mod math;
pub mod program;
pub mod psp22;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod xorshift;
