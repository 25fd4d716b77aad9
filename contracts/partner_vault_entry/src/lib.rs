//! The partner vault's entry: the contract partners and the staking contract call.
//!
//! pallet-contracts charges every call for all the code of the contract it calls. The
//! vault's whole code (`partner_vault`: deposits, revokes, roles, the bonus pool, every
//! query) is several times what a claim runs, so the vault is deployed as this entry,
//! which runs the hot messages itself: `claim`, `claim_for` and the staking contract's
//! `credit_signup_bonus`. It has a single message that takes every selector (ink!'s
//! wildcard, `selector = _`): it decodes the input as one of the hot calls and runs it,
//! or hands the call unchanged to the whole code by delegate call
//! (`referral_common::entry::forward`): the whole code then runs on this contract's storage,
//! as this contract, with the caller and the value of the call, and its answer (or its
//! refusal, or its trap) is the entry's. A cold message costs one delegate call more
//! than on the whole code alone; a claim loads only this code, which has no dispatcher
//! for the 25 cold messages.
//!
//! A hot call the entry runs answers as the whole code would: the same encoding
//! (`Result<Result<T, Error>, LangError>`), a refusal reverted, and value sent to it
//! refused (the call goes to the whole code, whose hot messages are not payable, and
//! traps there).
//!
//! The two codes share their storage layout: both contracts' storage is
//! `partner_vault::VaultState`, and every map in it and the whole code's hash have fixed
//! keys (`partner_vault::storage_keys`). The vault's interface is the whole code's
//! metadata (`partner_vault.contract`), used at this contract's address.
//!
//! The vault is instantiated as its whole code (`partner_vault::new` with this code's
//! hash as `entry`): the whole code's constructor builds the state, switches the
//! contract's code to this one and locks itself as its delegate dependency
//! (`lock_delegate_dependency`), so nobody can remove it while the vault lives. This code
//! carries no constructor logic for its calls to load: its only constructor refuses.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

/// The whole code's selectors of the calls the entry runs itself (a test checks them
/// against the whole code's metadata).
pub mod selectors {
    /// `claim()`.
    pub const CLAIM: [u8; 4] = ink::selector_bytes!("claim");
    /// `claim_for(account)`.
    pub const CLAIM_FOR: [u8; 4] = ink::selector_bytes!("claim_for");
    /// `SignupBonusVault::credit_signup_bonus(referrer, referee, staked)`.
    pub const CREDIT_SIGNUP_BONUS: [u8; 4] = ink::selector_bytes!("SignupBonusVault::credit_signup_bonus");
}

#[ink::contract]
pub mod partner_vault_entry {
    use crate::selectors;
    use ink::scale::{Decode, Input};
    use partner_vault::errors::{Error, Result};
    use partner_vault::{run, VaultState};
    use referral_common::entry::{answer, forward, runs};

    /// The whole code's storage: the same type, so the same cells.
    #[ink(storage)]
    pub struct PartnerVaultEntry {
        vault: VaultState,
    }

    /// A call the entry runs itself, decoded from the call's whole input (selector and
    /// arguments) as the whole code's dispatcher would.
    enum HotCall {
        Claim,
        ClaimFor(AccountId),
        CreditSignupBonus(AccountId, AccountId, u128),
    }

    impl Decode for HotCall {
        fn decode<I: Input>(input: &mut I) -> core::result::Result<Self, ink::scale::Error> {
            let selector = <[u8; 4]>::decode(input)?;
            // Each hot call is guarded by `runs`, a constant: true in a deployed build; in
            // a measurement build, false but for the calls it runs, whose code alone it
            // then holds (the dispatch below is guarded the same way: the optimizer keeps
            // a call's code if either match can reach it).
            match selector {
                selectors::CLAIM if const { runs(selectors::CLAIM) } => Ok(Self::Claim),
                selectors::CLAIM_FOR if const { runs(selectors::CLAIM_FOR) } => Ok(Self::ClaimFor(AccountId::decode(input)?)),
                selectors::CREDIT_SIGNUP_BONUS if const { runs(selectors::CREDIT_SIGNUP_BONUS) } => {
                    Ok(Self::CreditSignupBonus(AccountId::decode(input)?, AccountId::decode(input)?, u128::decode(input)?))
                }
                _ => Err("a cold message: the whole code runs it".into()),
            }
        }
    }

    impl PartnerVaultEntry {
        /// Refused: this code is never instantiated alone. The contract is instantiated
        /// as its whole code, given this code's hash (`partner_vault::new`'s `entry`),
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

        /// Every message of the vault (the whole code's metadata lists them): runs
        /// `claim`, `claim_for` and `credit_signup_bonus` here, hands any other call to
        /// the whole code.
        ///
        /// # Errors
        /// Those of the message called, as the whole code answers them.
        ///
        /// # Events
        /// Those of the message called.
        #[ink(message, payable, selector = _)]
        pub fn dispatch(&mut self) {
            if self.env().transferred_value() != 0 {
                self.forward()
            }
            let caller = self.env().caller();
            match ink::env::decode_input::<HotCall>() {
                Ok(HotCall::Claim) if const { runs(selectors::CLAIM) } => {
                    let claimed = run::claim(&mut self.vault, caller, caller);
                    answer(claimed, self, true)
                }
                Ok(HotCall::ClaimFor(account)) if const { runs(selectors::CLAIM_FOR) } => {
                    let claimed = run::claim(&mut self.vault, account, caller);
                    answer(claimed, self, true)
                }
                Ok(HotCall::CreditSignupBonus(referrer, referee, staked)) if const { runs(selectors::CREDIT_SIGNUP_BONUS) } => {
                    let credited = run::credit_signup_bonus(&mut self.vault, referrer, referee, staked);
                    answer(credited, self, true)
                }
                // A cold call, or one a measurement build hands on.
                _ => self.forward(),
            }
        }

        /// The selector ink! reserves beside a wildcard (`selector = @`): no vault
        /// message has it; handed to the whole code, which refuses it.
        #[ink(message, payable, selector = @)]
        pub fn complement(&self) {
            self.forward()
        }

        /// Runs the whole code on this call's input; its answer ends the call.
        fn forward(&self) -> ! {
            // Set by the whole code's constructor, never removed.
            forward(self.vault.logic.get().unwrap_or_default())
        }
    }
}
