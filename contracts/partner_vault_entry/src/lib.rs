//! The partner vault's entry: the contract partners and the staking contract call.
//!
//! pallet-contracts charges every call for all the code of the contract it calls. The
//! vault's whole code (`partner_vault`: deposits, revokes, roles, the bonus pool, every
//! query) is several times what a claim runs, so the vault is deployed as this entry,
//! which runs the hot messages itself: `claim`, `claim_for` and the staking contract's
//! `credit_signup_bonus`. Every other message has a stub here with the whole code's
//! selector (its name) and no arguments, which hands the call unchanged to the whole
//! code by delegate call (`FORWARD_INPUT | TAIL_CALL`): the whole code runs on this
//! contract's storage, as this contract, with the caller and the value of the call, and
//! its answer is the entry's. A cold message costs one delegate call more than on the
//! whole code alone; a claim loads only this code.
//!
//! The two codes share their storage layout: both contracts' storage is
//! `partner_vault::VaultState`, and every map in it and the whole code's hash have fixed
//! keys (`partner_vault::storage_keys`). The
//! vault's interface is the whole code's metadata (`partner_vault.contract`), used at
//! this contract's address; this contract's own metadata only deploys it.
//!
//! The whole code's hash is fixed at instantiation and locked as a delegate dependency
//! (`lock_delegate_dependency`), so nobody can remove that code while the vault lives.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod partner_vault_entry {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::CallFlags;
    use partner_vault::errors::Result;
    use partner_vault::{run, VaultState};
    use referral_common::bonus::{BonusError, BonusOutcome, SignupBonusVault};

    /// The whole code's storage: the same type, so the same cells.
    #[ink(storage)]
    pub struct PartnerVaultEntry {
        vault: VaultState,
    }

    impl PartnerVaultEntry {
        /// Instantiates the vault with the caller as admin and no distributor, its cold
        /// messages run by `logic`, the code hash of the vault's whole code (uploaded
        /// beforehand), which this contract locks as its delegate dependency.
        ///
        /// # Errors
        /// `InvalidConfig` if `challenge_window` exceeds
        /// `partner_vault::MAX_CHALLENGE_WINDOW`. Traps if no code has hash `logic`.
        #[ink(constructor)]
        pub fn new(challenge_window: Timestamp, logic: Hash) -> Result<Self> {
            let vault = VaultState::new(Self::env().caller(), challenge_window)?;
            ink::env::lock_delegate_dependency::<Environment>(&logic);
            let mut entry = Self { vault };
            entry.vault.logic.set(&logic);
            Ok(entry)
        }

        /// Pays the caller's whole claimable balance to its payout address and returns
        /// the amount. Never paused.
        ///
        /// # Errors
        /// `NothingToClaim`, `TransferFailed`, `Overflow`.
        ///
        /// # Events
        /// `Claimed`.
        #[ink(message)]
        pub fn claim(&mut self) -> Result<Balance> {
            let caller = self.env().caller();
            run::claim(&mut self.vault, caller, caller)
        }

        /// Anyone: pays `account`'s whole claimable balance to `account`'s payout address
        /// and returns the amount.
        ///
        /// # Errors
        /// `NothingToClaim`, `TransferFailed`, `Overflow`.
        ///
        /// # Events
        /// `Claimed`.
        #[ink(message)]
        pub fn claim_for(&mut self, account: AccountId) -> Result<Balance> {
            let caller = self.env().caller();
            run::claim(&mut self.vault, account, caller)
        }

        // The cold messages: each hands its call to the whole code, which decodes the
        // arguments and checks the value (the payable ones take it; the others refuse
        // it there). `&self`: the stub never writes; the whole code writes what it does.

        #[ink(message, payable)]
        pub fn open_period(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn add_allocations(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn seal_period(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn revoke_period(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn set_payout_address(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn fund_bonus_pool(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn withdraw_bonus_pool(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn set_bonus_links(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn set_distributor(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn set_paused(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn transfer_admin(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn accept_admin(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn pending_of(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn claimable_of(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn claimed_total_of(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn claim_count_of(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn claim_history(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn payout_address_of(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn period_info(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn totals(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn bonus_pool(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn bonus_credited_for(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn is_distributor(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn config(&self) {
            self.forward()
        }
        #[ink(message, payable)]
        pub fn logic_code(&self) {
            self.forward()
        }

        fn logic_hash(&self) -> Hash {
            // Set by the constructor, never removed.
            self.vault.logic.get().unwrap_or_default()
        }

        /// Runs the whole code on this call's input; its answer ends the call. A tail
        /// call returns only if the whole code trapped, and then this call traps too,
        /// so nothing either did stays.
        fn forward(&self) {
            let called = build_call::<Environment>()
                .delegate(self.logic_hash())
                .call_flags(CallFlags::FORWARD_INPUT | CallFlags::TAIL_CALL)
                .exec_input(ExecutionInput::new(Selector::new([0; 4])))
                .returns::<()>()
                .try_invoke();
            if called.is_err() {
                // A trap, like the whole code's own: the runtime reverts everything.
                core::panic!("the vault's whole code trapped");
            }
        }
    }

    impl SignupBonusVault for PartnerVaultEntry {
        /// Linked staking contract: credits the sign-up bonus of the program in force
        /// to `referrer` and `referee` (see `partner_vault::run::credit_signup_bonus`).
        ///
        /// # Errors
        /// `Unauthorized` unless the caller is the linked staking contract; `Overflow`.
        ///
        /// # Events
        /// `SignupBonusCredited` or `SignupBonusSkipped`.
        #[ink(message)]
        fn credit_signup_bonus(
            &mut self,
            referrer: AccountId,
            referee: AccountId,
        ) -> core::result::Result<BonusOutcome, BonusError> {
            run::credit_signup_bonus(&mut self.vault, referrer, referee)
        }
    }
}
