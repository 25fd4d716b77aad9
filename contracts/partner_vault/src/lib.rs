//! The partner vault.
//!
//! Once a period (a month in production), a distributor deposits the partners'
//! allocations in funded chunks, then seals the period against the totals of its
//! allocation file (whose hash it recorded when opening). The period's amounts are
//! *pending* through a challenge window in which governance (the admin) may revoke it,
//! every unit going back to the distributor; then they are *claimable*, for good. A
//! partner claims its whole claimable balance, or anyone claims it on the partner's
//! behalf: the funds always go to the partner's payout address.
//!
//! It also keeps the sign-up bonus pool (Frak's new-wallet reward): the operator funds
//! it, and for each new binding the linked staking contract asks the vault to credit
//! the bonus of the program in force (read from the linked governance contract) to the
//! referrer and the referee, claimable at once.
//!
//! Invariant: the vault's balance covers every pending and claimable amount
//! (`totals().outstanding`) plus the bonus pool.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod account;
pub mod book;
pub mod errors;
pub mod events;
pub mod period;
pub mod run;
pub mod state;
pub mod storage_keys;

pub use account::{Balances, Entry, PeriodRange};
pub use book::{BonusRecord, ClaimRecord, Totals, MAX_PAGE, MAX_UNFINAL_PERIODS};
pub use errors::Error;
pub use period::{Period, PeriodInfo, PeriodState, PeriodStatus};
pub use state::{VaultConfig, VaultState, MAX_CHALLENGE_WINDOW};

#[ink::contract]
pub mod partner_vault {
    use crate::book::{BonusRecord, ClaimRecord, Totals};
    use crate::errors::{Error, Result};
    use crate::events::*;
    use crate::period::PeriodInfo;
    use crate::run;
    use crate::state::{VaultConfig, VaultState};
    use ink::prelude::vec::Vec;
    use referral_common::admin::PausedSet;
    use referral_common::bonus::{BonusError, BonusOutcome, SignupBonusVault};

    /// The vault's storage is the state both of its codes share (`crate::state`).
    #[ink(storage)]
    pub struct PartnerVault {
        vault: VaultState,
    }

    impl PartnerVault {
        /// Instantiates the vault with the caller as admin and no distributor.
        ///
        /// With `entry`, the hash of the vault entry's code (`partner_vault_entry`,
        /// uploaded beforehand), the contract runs as that entry from then on, in front of
        /// this code, which runs the messages the entry does not run itself and stays
        /// locked as the contract's delegate dependency (as the suite deploys it). Without,
        /// this code alone runs every message.
        ///
        /// # Errors
        /// `InvalidConfig` if `challenge_window` exceeds `MAX_CHALLENGE_WINDOW`;
        /// `UnknownEntry` if `entry` is no uploaded code or this one.
        #[ink(constructor)]
        pub fn new(challenge_window: Timestamp, entry: Option<Hash>) -> Result<Self> {
            let mut vault = VaultState::new(Self::env().caller(), challenge_window)?;
            if let Some(entry) = entry {
                let whole = referral_common::entry::stand_behind(entry).ok_or(Error::UnknownEntry)?;
                vault.logic.set(&whole);
            }
            Ok(Self { vault })
        }

        // ------------------------------------------------------------ deposits

        /// Distributor: opens `period` over the interval [`start`, `end`) (ms), which
        /// must have ended, with the hash of its allocation file. The first period may
        /// have any number; each next one is the previous plus one, opens only once the
        /// previous is sealed or revoked, and starts at or after the end of the last
        /// period not revoked.
        ///
        /// # Errors
        /// `Unauthorized`, `Paused`, `PeriodOutOfOrder`, `PreviousPeriodOpen`,
        /// `InvalidInterval`, `PeriodNotEnded`, `OverlappingPeriod`,
        /// `TooManyUnfinalPeriods`, `Overflow`.
        ///
        /// # Events
        /// `PeriodOpened`.
        #[ink(message)]
        pub fn open_period(&mut self, period: u32, start: Timestamp, end: Timestamp, allocation_hash: Hash) -> Result<()> {
            let distributor = self.ensure_depositing()?;
            let event = self.vault.book.open(period, start, end, allocation_hash, distributor, self.env().block_timestamp())?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Distributor of the period: records one chunk of its allocations, funded by
        /// exactly the chunk's sum. Accounts come in strictly ascending byte order
        /// across the period's chunks (the allocation file's order), so none appears
        /// twice. Repeat until the period is complete, then seal it.
        ///
        /// # Errors
        /// `Unauthorized`, `Paused`, `UnknownPeriod`, `PeriodNotOpen`,
        /// `NotPeriodDistributor`, `EmptyChunk`, `ZeroAmount`, `DuplicateAccount`,
        /// `AllocationsNotAscending`, `FundingMismatch`, `Overflow`. A refused chunk
        /// records nothing and keeps the transferred value with the caller.
        ///
        /// # Events
        /// `Allocated` for each allocation, then `ChunkAdded`.
        #[ink(message, payable)]
        pub fn add_allocations(&mut self, period: u32, allocations: Vec<(AccountId, Balance)>) -> Result<()> {
            let distributor = self.ensure_depositing()?;
            let (chunk, allocated) = self.vault.book.add(
                period,
                distributor,
                &allocations,
                self.env().transferred_value(),
                self.env().block_timestamp(),
            )?;
            for event in allocated {
                self.env().emit_event(event);
            }
            self.env().emit_event(chunk);
            Ok(())
        }

        /// Distributor of the period: seals it if its recorded total and count are the
        /// expected ones. Its amounts are then pending for the challenge window, and
        /// claimable after it.
        ///
        /// # Errors
        /// `Unauthorized`, `Paused`, `UnknownPeriod`, `PeriodNotOpen`,
        /// `NotPeriodDistributor`, `SealMismatch`, `Overflow`.
        ///
        /// # Events
        /// `PeriodSealed`.
        #[ink(message)]
        pub fn seal_period(&mut self, period: u32, expected_total: Balance, expected_count: u32) -> Result<()> {
            let distributor = self.ensure_depositing()?;
            let now = self.env().block_timestamp();
            let event = self.vault.book.seal(
                period,
                distributor,
                expected_total,
                expected_count,
                now,
                self.vault.config.challenge_window,
            )?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Admin (governance): revokes an open or pending period. Every unit it holds
        /// goes back to the distributor that funded it, and its amounts leave every
        /// account's pending balance. Works while deposits are paused.
        ///
        /// # Errors
        /// `Unauthorized`, `UnknownPeriod`, `PeriodFinal` once its window has ended,
        /// `PeriodRevoked`, `TransferFailed`, `Overflow`.
        ///
        /// # Events
        /// `PeriodRevoked`.
        #[ink(message)]
        pub fn revoke_period(&mut self, period: u32) -> Result<()> {
            self.ensure_admin()?;
            let event = self.vault.book.revoke(period, self.env().block_timestamp())?;
            run::pay(event.distributor, event.refunded)?;
            self.env().emit_event(event);
            Ok(())
        }

        // -------------------------------------------------------------- claims

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
        /// (never to the caller, unless it is that address) and returns the amount.
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

        /// The caller's claims go to `payout` from now on (to itself when `None`).
        ///
        /// # Errors
        /// `InvalidPayoutAddress` for the vault's own address.
        ///
        /// # Events
        /// `PayoutAddressSet`.
        #[ink(message)]
        pub fn set_payout_address(&mut self, payout: Option<AccountId>) -> Result<()> {
            let account = self.env().caller();
            match payout {
                Some(to) if to == self.env().account_id() => return Err(Error::InvalidPayoutAddress),
                Some(to) if to != account => {
                    self.vault.payouts.insert(account, &to);
                }
                _ => self.vault.payouts.remove(account),
            }
            self.env().emit_event(PayoutAddressSet { account, payout });
            Ok(())
        }

        // ------------------------------------------------------------- bonuses

        /// Anyone (the operator): adds the transferred value to the sign-up bonus pool.
        ///
        /// # Errors
        /// `ZeroAmount`, `Overflow`.
        ///
        /// # Events
        /// `BonusPoolFunded`.
        #[ink(message, payable)]
        pub fn fund_bonus_pool(&mut self) -> Result<Balance> {
            let amount = self.env().transferred_value();
            let pool = self.vault.book.fund_pool(amount)?;
            self.env().emit_event(BonusPoolFunded { by: self.env().caller(), amount, pool });
            Ok(pool)
        }

        /// Admin: pays `amount` of the bonus pool to `to` (bonuses already credited stay
        /// with their accounts).
        ///
        /// # Errors
        /// `Unauthorized`, `ZeroAmount`, `InsufficientPool`, `TransferFailed`.
        ///
        /// # Events
        /// `BonusPoolWithdrawn`.
        #[ink(message)]
        pub fn withdraw_bonus_pool(&mut self, amount: Balance, to: AccountId) -> Result<Balance> {
            self.ensure_admin()?;
            let pool = self.vault.book.withdraw_pool(amount)?;
            run::pay(to, amount)?;
            self.env().emit_event(BonusPoolWithdrawn { to, amount, pool });
            Ok(pool)
        }

        /// Anyone: settles `referee`'s held sign-up bonus once its hold is over or broken,
        /// asking the linked staking contract whether the referee kept the program's
        /// minimum stake throughout: credited to both sides (claimable at once) if it
        /// did, back to the pool if not.
        ///
        /// # Errors
        /// `NoBonusHeld` (none held, or settled already), `HoldRunning`, `HoldUnknown`
        /// (the linked staking contract does not answer the hold), `Overflow`.
        ///
        /// # Events
        /// `SignupBonusCredited` or `SignupBonusForfeited`.
        #[ink(message)]
        pub fn settle_signup_bonus(&mut self, referee: AccountId) -> Result<()> {
            run::settle_signup_bonus(&mut self.vault, referee)
        }

        /// Admin: links the staking contract allowed to credit bonuses and the
        /// governance contract the bonus amounts are read from (`None` unlinks; without
        /// both, every bonus is skipped).
        ///
        /// # Errors
        /// `Unauthorized`.
        ///
        /// # Events
        /// `BonusLinksSet`.
        #[ink(message)]
        pub fn set_bonus_links(&mut self, staking: Option<AccountId>, governance: Option<AccountId>) -> Result<()> {
            self.ensure_admin()?;
            self.vault.config.staking = staking;
            self.vault.config.governance = governance;
            // The bonus kept was another governance's answer.
            self.vault.bonus_cache = Default::default();
            self.env().emit_event(BonusLinksSet { staking, governance });
            Ok(())
        }

        // --------------------------------------------------------------- roles

        /// Admin: gives (`enabled`) or takes the distributor role. A distributor that
        /// loses the role can no longer add to or seal its open period; the admin can
        /// revoke it, refunding that distributor.
        ///
        /// # Errors
        /// `Unauthorized`.
        ///
        /// # Events
        /// `DistributorSet`.
        #[ink(message)]
        pub fn set_distributor(&mut self, account: AccountId, enabled: bool) -> Result<()> {
            self.ensure_admin()?;
            if enabled {
                self.vault.distributors.insert(account, &());
            } else {
                self.vault.distributors.remove(account);
            }
            self.env().emit_event(DistributorSet { account, enabled });
            Ok(())
        }

        /// Admin: pauses or resumes deposits (open, add, seal). Claims and revokes are
        /// never paused.
        ///
        /// # Errors
        /// `Unauthorized`.
        ///
        /// # Events
        /// `PausedSet`.
        #[ink(message)]
        pub fn set_paused(&mut self, paused: bool) -> Result<()> {
            self.ensure_admin()?;
            self.vault.config.paused = paused;
            self.env().emit_event(PausedSet { paused });
            Ok(())
        }

        /// Admin: names `new_admin`, who becomes admin by calling `accept_admin`.
        ///
        /// # Errors
        /// `Unauthorized`.
        ///
        /// # Events
        /// `AdminTransferStarted`.
        #[ink(message)]
        pub fn transfer_admin(&mut self, new_admin: AccountId) -> Result<()> {
            let event = self.vault.config.admin.start_transfer(self.env().caller(), new_admin)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// The pending admin takes over.
        ///
        /// # Errors
        /// `NotPendingAdmin`.
        ///
        /// # Events
        /// `AdminChanged`.
        #[ink(message)]
        pub fn accept_admin(&mut self) -> Result<()> {
            let event = self.vault.config.admin.accept(self.env().caller())?;
            self.env().emit_event(event);
            Ok(())
        }

        // --------------------------------------------------------------- reads

        /// Amounts allocated to `account` in periods open or within their challenge
        /// window at this block's time.
        #[ink(message)]
        pub fn pending_of(&self, account: AccountId) -> Balance {
            self.balances(account).pending
        }

        /// What `claim` would pay `account` now.
        #[ink(message)]
        pub fn claimable_of(&self, account: AccountId) -> Balance {
            self.balances(account).claimable
        }

        /// Everything ever paid out for `account`.
        #[ink(message)]
        pub fn claimed_total_of(&self, account: AccountId) -> Balance {
            self.vault.book.claimed_of(account).0
        }

        /// The number of `account`'s claims: the length of its claim history.
        #[ink(message)]
        pub fn claim_count_of(&self, account: AccountId) -> u32 {
            self.vault.book.claimed_of(account).1
        }

        /// Up to `limit` (at most `MAX_PAGE`) of `account`'s claims, oldest first, from
        /// index `from`: amount, time, payout address, who triggered it, the periods.
        #[ink(message)]
        pub fn claim_history(&self, account: AccountId, from: u32, limit: u32) -> Vec<ClaimRecord> {
            self.vault.book.claim_history(account, from, limit)
        }

        /// Where `account`'s claims are paid.
        #[ink(message)]
        pub fn payout_address_of(&self, account: AccountId) -> AccountId {
            self.vault.payout_address_of(account)
        }

        /// A period's record and its state at this block's time.
        #[ink(message)]
        pub fn period_info(&self, period: u32) -> Option<PeriodInfo> {
            self.vault.book.period_info(period, self.env().block_timestamp())
        }

        /// The vault's totals at this block's time.
        #[ink(message)]
        pub fn totals(&self) -> Totals {
            // Cannot fail: the books only ever hold what was deposited.
            self.vault.book.totals(self.env().block_timestamp()).unwrap_or_default()
        }

        /// Funded for sign-up bonuses and not yet credited.
        #[ink(message)]
        pub fn bonus_pool(&self) -> Balance {
            self.vault.book.bonus_pool()
        }

        /// Whether `referee`'s binding was credited its sign-up bonus.
        #[ink(message)]
        pub fn bonus_credited_for(&self, referee: AccountId) -> bool {
            self.vault.book.bonus_credited_for(referee)
        }

        /// What became of `referee`'s sign-up bonus (credited, held with its referrer
        /// and amounts, or forfeited), if it earned or was held one.
        #[ink(message)]
        pub fn bonus_record(&self, referee: AccountId) -> Option<BonusRecord> {
            self.vault.book.bonus_record(referee)
        }

        #[ink(message)]
        pub fn is_distributor(&self, account: AccountId) -> bool {
            self.vault.distributors.contains(account)
        }

        #[ink(message)]
        pub fn config(&self) -> VaultConfig {
            self.vault.config
        }

        /// Behind its entry (`partner_vault_entry`), the hash of the vault's whole code,
        /// which runs every message but the claims and the bonus credit; `None` when
        /// this code is deployed alone.
        #[ink(message)]
        pub fn logic_code(&self) -> Option<Hash> {
            self.vault.logic.get()
        }

        // ----------------------------------------------------------- internals

        fn ensure_admin(&self) -> Result<()> {
            self.vault.ensure_admin(self.env().caller())
        }

        fn ensure_depositing(&self) -> Result<AccountId> {
            self.vault.ensure_depositing(self.env().caller())
        }

        fn balances(&self, account: AccountId) -> crate::Balances {
            // Cannot fail: an account's amounts never exceed the vault's.
            self.vault.book.balances(account, self.env().block_timestamp()).unwrap_or_default()
        }
    }

    impl SignupBonusVault for PartnerVault {
        /// Linked staking contract: credits the bonus of the program in force to
        /// `referrer` and `referee`, claimable at once, if the pool covers both, the
        /// binding's stake (`staked`) meets the program's minimum and
        /// the referee never had one; when the program holds the bonus, sets it aside
        /// until the referee's hold is over (`settle_signup_bonus`); otherwise skips it
        /// and says why. A skip is not an error: the binding it comes from stands.
        ///
        /// # Errors
        /// `Unauthorized` unless the caller is the linked staking contract; `Overflow`.
        ///
        /// # Events
        /// `SignupBonusCredited`, `SignupBonusHeld` or `SignupBonusSkipped`.
        #[ink(message)]
        fn credit_signup_bonus(
            &mut self,
            referrer: AccountId,
            referee: AccountId,
            staked: Balance,
        ) -> core::result::Result<BonusOutcome, BonusError> {
            run::credit_signup_bonus(&mut self.vault, referrer, referee, staked)
        }
    }
}

#[cfg(test)]
mod tests;
