//! The staking contract's entry: the contract stakers, holders, DEXes and integrators
//! call.
//!
//! pallet-contracts charges every call for all the code of the contract it calls. The
//! staking contract's whole code (`referral_staking`: rewards, fees, the code registry,
//! roles, every query) is several times what a stake or a transfer runs, so the
//! contract is deployed as this entry, which runs the hot messages itself: the stakes
//! (`stake_with_code`, `stake`), `unstake`, the liquid token's `PSP22::transfer`,
//! `transfer_from`, `approve`, `increase_allowance` and `decrease_allowance`, and the
//! reads an integrating contract makes on-chain (`PSP22::balance_of`, `allowance`,
//! `total_supply`, `partner_of`, `has_ever_held`). Its single message takes every
//! selector (ink!'s wildcard, `selector = _`): it decodes the input as one of those
//! calls and runs it with the same functions the whole code runs
//! (`referral_staking::run`), or hands the call unchanged to the whole code by delegate
//! call (`referral_common::entry::forward`), whose answer, refusal or trap is the
//! entry's. A cold message costs one delegate call more than on the whole code alone.
//!
//! A hot call the entry runs answers as the whole code would: the same encoding
//! (`Result<T, LangError>`), a refusal reverted, and value sent to a message that takes
//! none refused (the call goes to the whole code, which traps on it).
//!
//! The two codes share their storage: both contracts' storage is
//! `referral_staking::StakingState`, every map of it at a fixed key
//! (`referral_staking::storage_keys`). The contract's interface is the whole code's
//! metadata (`referral_staking.contract`), used at this contract's address.
//!
//! The contract is instantiated as its whole code (`referral_staking::new` with this
//! code's hash as `entry`): the whole code's constructor builds the state, switches the
//! contract's code to this one and locks itself as its delegate dependency, so nobody
//! can remove it while the contract lives. This code carries no constructor logic for
//! its calls to load: its only constructor refuses.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

/// The whole code's selectors of the calls the entry runs itself (a test checks them
/// against the whole code's metadata).
pub mod selectors {
    pub const STAKE_WITH_CODE: [u8; 4] = ink::selector_bytes!("stake_with_code");
    pub const STAKE: [u8; 4] = ink::selector_bytes!("stake");
    pub const UNSTAKE: [u8; 4] = ink::selector_bytes!("unstake");
    pub const PARTNER_OF: [u8; 4] = ink::selector_bytes!("partner_of");
    pub const HAS_EVER_HELD: [u8; 4] = ink::selector_bytes!("has_ever_held");
    pub const TOTAL_SUPPLY: [u8; 4] = ink::selector_bytes!("PSP22::total_supply");
    pub const BALANCE_OF: [u8; 4] = ink::selector_bytes!("PSP22::balance_of");
    pub const ALLOWANCE: [u8; 4] = ink::selector_bytes!("PSP22::allowance");
    pub const TRANSFER: [u8; 4] = ink::selector_bytes!("PSP22::transfer");
    pub const TRANSFER_FROM: [u8; 4] = ink::selector_bytes!("PSP22::transfer_from");
    pub const APPROVE: [u8; 4] = ink::selector_bytes!("PSP22::approve");
    pub const INCREASE_ALLOWANCE: [u8; 4] = ink::selector_bytes!("PSP22::increase_allowance");
    pub const DECREASE_ALLOWANCE: [u8; 4] = ink::selector_bytes!("PSP22::decrease_allowance");
}

#[ink::contract]
pub mod referral_staking_entry {
    use crate::selectors;
    use ink::prelude::{string::String, vec::Vec};
    use ink::scale::{Decode, Input};
    use referral_common::entry::{answer, forward, reply, runs};
    use referral_staking::errors::{Error, Result};
    use referral_staking::{run, StakingState};

    /// The whole code's storage: the same type, so the same cells.
    #[ink(storage)]
    pub struct ReferralStakingEntry {
        state: StakingState,
    }

    /// A call the entry runs itself, decoded from the call's whole input (selector and
    /// arguments) as the whole code's dispatcher would.
    enum HotCall {
        StakeWithCode(String),
        Stake,
        Unstake(Balance),
        PartnerOf(AccountId),
        HasEverHeld(AccountId),
        TotalSupply,
        BalanceOf(AccountId),
        Allowance(AccountId, AccountId),
        Transfer(AccountId, Balance, Vec<u8>),
        TransferFrom(AccountId, AccountId, Balance, Vec<u8>),
        Approve(AccountId, Balance),
        ChangeAllowance(AccountId, Balance, bool),
    }

    impl HotCall {
        /// Whether the message takes value (the others refuse it).
        fn payable(&self) -> bool {
            matches!(self, Self::StakeWithCode(_) | Self::Stake)
        }
    }

    impl Decode for HotCall {
        fn decode<I: Input>(input: &mut I) -> core::result::Result<Self, ink::scale::Error> {
            // Input left over after the arguments is ignored, as the whole code's
            // dispatcher ignores it.
            let selector = <[u8; 4]>::decode(input)?;
            // Each hot call is guarded by `runs`, a constant: true in a deployed build; in
            // a measurement build, false but for the calls it runs, whose code alone it
            // then holds (the dispatch below is guarded the same way: the optimizer keeps
            // a call's code if either match can reach it).
            Ok(match selector {
                selectors::STAKE_WITH_CODE if const { runs(selectors::STAKE_WITH_CODE) } => {
                    Self::StakeWithCode(String::decode(input)?)
                }
                selectors::STAKE if const { runs(selectors::STAKE) } => Self::Stake,
                selectors::UNSTAKE if const { runs(selectors::UNSTAKE) } => Self::Unstake(Balance::decode(input)?),
                selectors::PARTNER_OF if const { runs(selectors::PARTNER_OF) } => Self::PartnerOf(AccountId::decode(input)?),
                selectors::HAS_EVER_HELD if const { runs(selectors::HAS_EVER_HELD) } => {
                    Self::HasEverHeld(AccountId::decode(input)?)
                }
                selectors::TOTAL_SUPPLY if const { runs(selectors::TOTAL_SUPPLY) } => Self::TotalSupply,
                selectors::BALANCE_OF if const { runs(selectors::BALANCE_OF) } => Self::BalanceOf(AccountId::decode(input)?),
                selectors::ALLOWANCE if const { runs(selectors::ALLOWANCE) } => {
                    Self::Allowance(AccountId::decode(input)?, AccountId::decode(input)?)
                }
                selectors::TRANSFER if const { runs(selectors::TRANSFER) } => {
                    Self::Transfer(AccountId::decode(input)?, Balance::decode(input)?, Vec::decode(input)?)
                }
                selectors::TRANSFER_FROM if const { runs(selectors::TRANSFER_FROM) } => Self::TransferFrom(
                    AccountId::decode(input)?,
                    AccountId::decode(input)?,
                    Balance::decode(input)?,
                    Vec::decode(input)?,
                ),
                selectors::APPROVE if const { runs(selectors::APPROVE) } => {
                    Self::Approve(AccountId::decode(input)?, Balance::decode(input)?)
                }
                selectors::INCREASE_ALLOWANCE if const { runs(selectors::INCREASE_ALLOWANCE) } => {
                    Self::ChangeAllowance(AccountId::decode(input)?, Balance::decode(input)?, true)
                }
                selectors::DECREASE_ALLOWANCE if const { runs(selectors::DECREASE_ALLOWANCE) } => {
                    Self::ChangeAllowance(AccountId::decode(input)?, Balance::decode(input)?, false)
                }
                _ => return Err("a cold message: the whole code runs it".into()),
            })
        }
    }

    impl ReferralStakingEntry {
        /// Refused: this code is never instantiated alone. The contract is instantiated
        /// as its whole code, given this code's hash (`referral_staking::new`'s `entry`),
        /// which builds the state and then hands the account to this code; so no
        /// constructor logic is loaded by the calls this code runs. ink! needs a
        /// constructor: this one.
        ///
        /// # Errors
        /// `EntryNotInstantiable`, always.
        #[ink(constructor)]
        pub fn new() -> Result<Self> {
            Err(Error::EntryNotInstantiable)
        }

        /// Every message of the staking contract (the whole code's metadata lists them):
        /// runs the hot ones here, hands any other call to the whole code.
        ///
        /// # Errors
        /// Those of the message called, as the whole code answers them.
        ///
        /// # Events
        /// Those of the message called.
        #[ink(message, payable, selector = _)]
        pub fn dispatch(&mut self) {
            let call = match ink::env::decode_input::<HotCall>() {
                Ok(call) if call.payable() || self.env().transferred_value() == 0 => call,
                _ => self.forward(),
            };
            let state = &mut self.state;
            match call {
                HotCall::StakeWithCode(code) if const { runs(selectors::STAKE_WITH_CODE) } => {
                    answer(run::stake_with_code(state, code), self, true)
                }
                HotCall::Stake if const { runs(selectors::STAKE) } => answer(run::stake(state), self, true),
                HotCall::Unstake(shares) if const { runs(selectors::UNSTAKE) } => answer(run::unstake(state, shares), self, true),
                HotCall::PartnerOf(account) if const { runs(selectors::PARTNER_OF) } => reply(state.ledger.partner_of(account)),
                HotCall::HasEverHeld(account) if const { runs(selectors::HAS_EVER_HELD) } => {
                    reply(state.ledger.holder(account).is_some())
                }
                HotCall::TotalSupply if const { runs(selectors::TOTAL_SUPPLY) } => reply(state.ledger.total_supply()),
                HotCall::BalanceOf(owner) if const { runs(selectors::BALANCE_OF) } => reply(state.ledger.balance_of(owner)),
                HotCall::Allowance(owner, spender) if const { runs(selectors::ALLOWANCE) } => {
                    reply(state.ledger.allowance(owner, spender))
                }
                // The liquid token's calls change maps only: the root stays as it is.
                HotCall::Transfer(to, value, data) if const { runs(selectors::TRANSFER) } => {
                    answer(run::transfer(state, to, value, data), self, false)
                }
                HotCall::TransferFrom(from, to, value, data) if const { runs(selectors::TRANSFER_FROM) } => {
                    answer(run::transfer_from(state, from, to, value, data), self, false)
                }
                HotCall::Approve(spender, value) if const { runs(selectors::APPROVE) } => {
                    answer(run::approve(state, spender, value), self, false)
                }
                // Either selector decodes to this call: its code is needed if either runs.
                HotCall::ChangeAllowance(spender, delta, up)
                    if const { runs(selectors::INCREASE_ALLOWANCE) || runs(selectors::DECREASE_ALLOWANCE) } =>
                {
                    answer(run::change_allowance(state, spender, delta, up), self, false)
                }
                // A call a measurement build hands on (none in a deployed build).
                _ => self.forward(),
            }
        }

        /// The selector ink! reserves beside a wildcard (`selector = @`): no staking
        /// message has it; handed to the whole code, which refuses it.
        #[ink(message, payable, selector = @)]
        pub fn complement(&self) {
            self.forward()
        }

        /// Runs the whole code on this call's input; its answer ends the call.
        fn forward(&self) -> ! {
            // Set by the whole code's constructor, never removed.
            forward(self.state.logic.get().unwrap_or_default())
        }
    }
}
