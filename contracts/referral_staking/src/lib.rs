//! Liquid staking with referral binding.
//!
//! Stakers deposit native tokens and receive liquid shares (a PSP22 token). A staker's
//! first stake, from an address that never held shares, may carry a partner's referral
//! code: the address is then bound to the code's owner for good, and the shares it holds
//! count as that partner's referred TVL, tracked over time in share-seconds. The oracle
//! reports staking rewards; the protocol fee is set aside per epoch for the treasury and
//! the rest raises the exchange rate of every share.
//!
//! Each new binding asks the linked vault to credit the program's sign-up bonus to the
//! referrer and the referee; the binding stands whatever the vault answers. When the
//! program holds the bonus, the referee's record watches its shares through the hold,
//! and the vault asks here, when the bonus is settled, whether they were kept.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod code;
pub mod errors;
pub mod events;
pub mod ledger;
pub mod pool;
pub mod run;
pub mod series;
pub mod state;
pub mod storage_keys;

pub use code::{CodeBook, CodeInfo};
pub use errors::Error;
pub use ledger::{Binding, EpochVolume, Holder, PartnerStats, SeriesId};
pub use pool::{EpochRewards, Pool};
pub use series::{EpochTotal, Series};
pub use state::{Config, Params, StakingState, TokenMetadata};

#[ink::contract]
pub mod referral_staking {
    use crate::code::CodeInfo;
    use crate::errors::{Error, Result};
    use crate::events::*;
    use crate::ledger::{PartnerStats, SeriesId};
    use crate::pool::EpochRewards;
    use crate::run;
    use crate::state::{Params, StakingState};
    use ink::prelude::{string::String, vec::Vec};
    use referral_common::admin::PausedSet;
    use referral_common::bonus::{HoldState, SignupHoldSource};
    use referral_common::psp22::{PSP22Error, PSP22Metadata, PSP22};

    pub use crate::ledger::MAX_CHAIN_WALK;
    pub use crate::state::{Config, TokenMetadata};

    /// The contract's storage is the state both of its codes share (`crate::state`).
    #[ink(storage)]
    pub struct ReferralStaking {
        state: StakingState,
    }

    impl ReferralStaking {
        /// Instantiates the pool with the caller as admin.
        ///
        /// `fee_rate` and `max_fee_rate` have 9 decimals (0.1 = 100_000_000);
        /// `epoch_length` is in milliseconds and a whole number of seconds. Epoch 0 starts
        /// at the instantiation block's time, rounded down to the second.
        ///
        /// With `entry`, the hash of the staking entry's code (`referral_staking_entry`,
        /// uploaded beforehand), the contract runs as that entry from then on, in front of
        /// this code, which runs the messages the entry does not run itself and stays
        /// locked as the contract's delegate dependency (as the suite deploys it). Without,
        /// this code alone runs every message.
        ///
        /// # Errors
        /// `InvalidConfig` if a rate is above 1.0, `fee_rate` above `max_fee_rate`, or the
        /// epoch length zero or not whole seconds; `UnknownEntry` if `entry` is no
        /// uploaded code or this one.
        #[ink(constructor)]
        #[allow(clippy::too_many_arguments)]
        pub fn new(
            fee_rate: u64,
            max_fee_rate: u64,
            epoch_length: Timestamp,
            oracle: AccountId,
            treasury: AccountId,
            name: Option<String>,
            symbol: Option<String>,
            decimals: u8,
            entry: Option<Hash>,
        ) -> Result<Self> {
            let metadata = TokenMetadata { name, symbol, decimals };
            let params = Params { fee_rate, max_fee_rate, epoch_length, oracle, treasury, metadata };
            let mut state = StakingState::new(Self::env().caller(), Self::env().block_timestamp(), params)?;
            if let Some(entry) = entry {
                let whole = referral_common::entry::stand_behind(entry).ok_or(Error::UnknownEntry)?;
                state.logic.set(&whole);
            }
            Ok(Self { state })
        }

        // ---------------------------------------------------------------- staking

        /// Stakes the transferred value with a partner's referral code and returns the
        /// shares minted. An address that never held shares is bound to the code's owner
        /// for good, and the linked vault is asked to credit both the program's sign-up
        /// bonus (the binding stands whatever it answers); any other address stakes
        /// normally and keeps its partner, if any.
        ///
        /// # Errors
        /// `Paused`, `ZeroAmount`, `StakeTooSmall`; `InvalidCode`, `UnknownCode`,
        /// `InactiveCode`, `SelfReferral`, `ReferralCycle`, `ReferralChainTooDeep`;
        /// `Overflow`. A refused call keeps the transferred value with the caller.
        ///
        /// # Events
        /// `ReferralBound` or `BindingSkipped`, then `Transfer` (mint) and `Staked`;
        /// after a binding, the vault's `SignupBonusCredited` or `SignupBonusHeld`, or a
        /// `SignupBonusSkipped` (from the vault, or from here when no vault is linked or
        /// it refused).
        #[ink(message, payable)]
        pub fn stake_with_code(&mut self, code: String) -> Result<Balance> {
            run::stake_with_code(&mut self.state, code)
        }

        /// Stakes the transferred value without a code and returns the shares minted. A
        /// bound staker keeps its partner; an unbound one is no longer brand new.
        ///
        /// # Errors
        /// `Paused`, `ZeroAmount`, `StakeTooSmall`, `Overflow`.
        ///
        /// # Events
        /// `Transfer` (mint), `Staked`.
        #[ink(message, payable)]
        pub fn stake(&mut self) -> Result<Balance> {
            run::stake(&mut self.state)
        }

        /// Burns `shares` of the caller's and pays out their native value at the
        /// current rate (rounded down). Never paused.
        ///
        /// # Errors
        /// `ZeroAmount`, `InsufficientBalance`, `UnstakeTooSmall`, `TransferFailed`.
        ///
        /// # Events
        /// `Transfer` (burn), `Unstaked`.
        #[ink(message)]
        pub fn unstake(&mut self, shares: Balance) -> Result<Balance> {
            run::unstake(&mut self.state, shares)
        }

        /// Oracle: the transferred value is a day's staking rewards. The protocol fee,
        /// `floor(rewards x fee_rate)`, is set aside and recorded for the current epoch;
        /// the rest joins the pool and raises every share's value.
        ///
        /// # Errors
        /// `Unauthorized` unless the caller is the oracle; `ZeroAmount`; `NothingStaked`
        /// when no shares exist; `Overflow`.
        ///
        /// # Events
        /// `RewardsReported`.
        #[ink(message, payable)]
        pub fn report_rewards(&mut self) -> Result<()> {
            if self.env().caller() != self.state.config.oracle {
                return Err(Error::Unauthorized);
            }
            let rewards = self.env().transferred_value();
            let epoch = self.current_epoch();
            let reported =
                self.state.pool.report(rewards, self.state.config.fee_rate, epoch, self.state.ledger.total_supply())?;
            self.env().emit_event(reported);
            Ok(())
        }

        /// Treasury: pays `amount` of the fees set aside to the caller.
        ///
        /// # Errors
        /// `Unauthorized`, `ZeroAmount`, `InsufficientFees`, `TransferFailed`.
        ///
        /// # Events
        /// `FeesWithdrawn`.
        #[ink(message)]
        pub fn withdraw_fees(&mut self, amount: Balance) -> Result<()> {
            let treasury = self.env().caller();
            if treasury != self.state.config.treasury {
                return Err(Error::Unauthorized);
            }
            self.state.pool.withdraw_fees(amount)?;
            self.env().transfer(treasury, amount).map_err(|_| Error::TransferFailed)?;
            self.env().emit_event(FeesWithdrawn { to: treasury, amount });
            Ok(())
        }

        // ---------------------------------------------------------------- codes

        /// Admin: registers `code` (normalised to lower case) for `owner`.
        ///
        /// # Errors
        /// `Unauthorized`, `InvalidCode`, `CodeTaken`.
        ///
        /// # Events
        /// `CodeRegistered`.
        #[ink(message)]
        pub fn register_code(&mut self, code: String, owner: AccountId) -> Result<()> {
            self.ensure_admin()?;
            let registered = self.state.codes.register(&code, owner)?;
            self.env().emit_event(registered);
            Ok(())
        }

        /// Owner: hands the code to `new_owner`. Existing bindings stay with the
        /// partners they were made to; later bindings go to the new owner.
        ///
        /// # Errors
        /// `InvalidCode`, `UnknownCode`, `Unauthorized` unless the caller owns the code,
        /// `SameOwner`.
        ///
        /// # Events
        /// `CodeOwnerChanged` with `by_admin: false`.
        #[ink(message)]
        pub fn transfer_code(&mut self, code: String, new_owner: AccountId) -> Result<()> {
            let changed = self.state.codes.transfer(self.env().caller(), &code, new_owner)?;
            self.env().emit_event(changed);
            Ok(())
        }

        /// Admin: takes the code from its owner and gives it to `new_owner` (to undo
        /// squatting). Existing bindings are not moved.
        ///
        /// # Errors
        /// `Unauthorized`, `InvalidCode`, `UnknownCode`, `SameOwner`.
        ///
        /// # Events
        /// `CodeOwnerChanged` with `by_admin: true`.
        #[ink(message)]
        pub fn reassign_code(&mut self, code: String, new_owner: AccountId) -> Result<()> {
            self.ensure_admin()?;
            let changed = self.state.codes.reassign(&code, new_owner)?;
            self.env().emit_event(changed);
            Ok(())
        }

        /// Owner or admin: activates or deactivates the code. An inactive code binds
        /// nobody and `stake_with_code` with it is refused.
        ///
        /// # Errors
        /// `InvalidCode`, `UnknownCode`, `Unauthorized`.
        ///
        /// # Events
        /// `CodeActiveSet`.
        #[ink(message)]
        pub fn set_code_active(&mut self, code: String, active: bool) -> Result<()> {
            let set = self.state.codes.set_active(self.env().caller(), self.state.config.admin.current, &code, active)?;
            self.env().emit_event(set);
            Ok(())
        }

        // ---------------------------------------------------------------- roles

        /// Admin: names `new_admin`, who becomes admin by calling `accept_admin`.
        ///
        /// # Errors
        /// `Unauthorized`.
        ///
        /// # Events
        /// `AdminTransferStarted`.
        #[ink(message)]
        pub fn transfer_admin(&mut self, new_admin: AccountId) -> Result<()> {
            let event = self.state.config.admin.start_transfer(self.env().caller(), new_admin)?;
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
            let event = self.state.config.admin.accept(self.env().caller())?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Admin: gives the oracle role to `oracle`.
        ///
        /// # Errors
        /// `Unauthorized`.
        ///
        /// # Events
        /// `RoleSet`.
        #[ink(message)]
        pub fn set_oracle(&mut self, oracle: AccountId) -> Result<()> {
            self.ensure_admin()?;
            self.state.config.oracle = oracle;
            self.env().emit_event(RoleSet { role: Role::Oracle, account: oracle });
            Ok(())
        }

        /// Admin: gives the treasury role to `treasury`.
        ///
        /// # Errors
        /// `Unauthorized`.
        ///
        /// # Events
        /// `RoleSet`.
        #[ink(message)]
        pub fn set_treasury(&mut self, treasury: AccountId) -> Result<()> {
            self.ensure_admin()?;
            self.state.config.treasury = treasury;
            self.env().emit_event(RoleSet { role: Role::Treasury, account: treasury });
            Ok(())
        }

        /// Admin: links the vault that credits the sign-up bonus of each new binding
        /// (`None` unlinks: every binding's bonus is then skipped). The vault must link
        /// this contract back (`set_bonus_links`).
        ///
        /// # Errors
        /// `Unauthorized`.
        ///
        /// # Events
        /// `VaultLinked`.
        #[ink(message)]
        pub fn set_vault(&mut self, vault: Option<AccountId>) -> Result<()> {
            self.ensure_admin()?;
            self.state.config.vault = vault;
            self.env().emit_event(VaultLinked { vault });
            Ok(())
        }

        /// Admin: pauses or resumes staking. Unstaking and transfers are never paused.
        ///
        /// # Errors
        /// `Unauthorized`.
        ///
        /// # Events
        /// `PausedSet`.
        #[ink(message)]
        pub fn set_paused(&mut self, paused: bool) -> Result<()> {
            self.ensure_admin()?;
            self.state.config.paused = paused;
            self.env().emit_event(PausedSet { paused });
            Ok(())
        }

        /// Admin: sets the protocol fee rate (9 decimals), at most `max_fee_rate`.
        ///
        /// # Errors
        /// `Unauthorized`, `FeeRateTooHigh`.
        ///
        /// # Events
        /// `FeeRateSet`.
        #[ink(message)]
        pub fn set_fee_rate(&mut self, fee_rate: u64) -> Result<()> {
            self.ensure_admin()?;
            if fee_rate > self.state.config.max_fee_rate {
                return Err(Error::FeeRateTooHigh);
            }
            self.state.config.fee_rate = fee_rate;
            self.env().emit_event(FeeRateSet { fee_rate });
            Ok(())
        }

        // ---------------------------------------------------------------- reads

        /// The owner of `code` (any case), if it is registered.
        #[ink(message)]
        pub fn code_owner(&self, code: String) -> Option<AccountId> {
            self.code_info(code).map(|info| info.owner)
        }

        /// The record of `code` (any case): owner and whether it is active.
        #[ink(message)]
        pub fn code_info(&self, code: String) -> Option<CodeInfo> {
            self.state.codes.get(&code)
        }

        /// The partner `account` is bound to, if any.
        #[ink(message)]
        pub fn partner_of(&self, account: AccountId) -> Option<AccountId> {
            self.state.ledger.partner_of(account)
        }

        /// The epoch in which `account` was bound, if it is bound.
        #[ink(message)]
        pub fn bound_epoch(&self, account: AccountId) -> Option<u32> {
            self.state.ledger.holder(account).and_then(|h| h.binding).map(|b| b.epoch)
        }

        /// Whether `account` ever received shares (then it can never be bound).
        #[ink(message)]
        pub fn has_ever_held(&self, account: AccountId) -> bool {
            self.state.ledger.holder(account).is_some()
        }

        /// Shares held now by the addresses bound to `partner`.
        #[ink(message)]
        pub fn partner_tvl(&self, partner: AccountId) -> Balance {
            self.state.ledger.partner(partner).referred_shares
        }

        /// A partner's referrals, referred shares and share-seconds head.
        #[ink(message)]
        pub fn partner_stats(&self, partner: AccountId) -> PartnerStats {
            self.state.ledger.partner(partner)
        }

        /// Share-seconds of a series in `epoch`: over the whole epoch once it is over,
        /// up to the current block in the current one.
        ///
        /// # Errors
        /// `EpochInFuture` for an epoch after the current one, `Overflow`.
        #[ink(message)]
        pub fn epoch_share_seconds(&self, series: SeriesId, epoch: u32) -> Result<u128> {
            self.state.ledger.share_seconds(series, epoch, self.state.clock(self.env().block_timestamp()))
        }

        /// Native tokens staked in `epoch` by the addresses bound to `partner`.
        #[ink(message)]
        pub fn partner_epoch_volume(&self, partner: AccountId, epoch: u32) -> Balance {
            self.state.ledger.partner_epoch_volume(partner, epoch)
        }

        /// Rewards and fees reported in `epoch`.
        #[ink(message)]
        pub fn epoch_rewards(&self, epoch: u32) -> EpochRewards {
            self.state.pool.epoch_rewards(epoch)
        }

        /// The epoch of the current block.
        #[ink(message)]
        pub fn current_epoch(&self) -> u32 {
            self.epoch_at(self.env().block_timestamp())
        }

        /// The epoch `timestamp` (milliseconds) falls in; 0 before genesis.
        #[ink(message)]
        pub fn epoch_at(&self, timestamp: Timestamp) -> u32 {
            self.state.epoch_at(timestamp)
        }

        /// Native tokens backing all shares.
        #[ink(message)]
        pub fn total_pooled(&self) -> Balance {
            self.state.pool.total_pooled()
        }

        /// Protocol fees set aside, not yet withdrawn.
        #[ink(message)]
        pub fn unwithdrawn_fees(&self) -> Balance {
            self.state.pool.unwithdrawn_fees()
        }

        /// Shares that staking `amount` would mint now (rounded down).
        ///
        /// # Errors
        /// `Overflow`.
        #[ink(message)]
        pub fn shares_for(&self, amount: Balance) -> Result<Balance> {
            self.state.pool.shares_for(amount, self.state.ledger.total_supply())
        }

        /// Native tokens that unstaking `shares` would pay now (rounded down).
        ///
        /// # Errors
        /// `Overflow`.
        #[ink(message)]
        pub fn amount_for(&self, shares: Balance) -> Result<Balance> {
            self.state.pool.amount_for(shares, self.state.ledger.total_supply())
        }

        /// Roles and parameters.
        #[ink(message)]
        pub fn config(&self) -> Config {
            self.state.config
        }

        /// Behind its entry (`referral_staking_entry`, instantiated with `entry`), the
        /// hash of the contract's whole code, which runs every message the entry does
        /// not; `None` when the whole code is deployed alone.
        #[ink(message)]
        pub fn logic_code(&self) -> Option<Hash> {
            self.state.logic.get()
        }

        // ---------------------------------------------------------------- internals

        fn ensure_admin(&self) -> Result<()> {
            self.state.ensure_admin(self.env().caller())
        }
    }

    /// The liquid token: a full PSP22. Every transfer moves referral attribution with
    /// the shares, and makes the recipient a holder (never brand new again).
    impl PSP22 for ReferralStaking {
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.state.ledger.total_supply()
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.state.ledger.balance_of(owner)
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.state.ledger.allowance(owner, spender)
        }

        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: u128, data: Vec<u8>) -> core::result::Result<(), PSP22Error> {
            run::transfer(&mut self.state, to, value, data)
        }

        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: u128,
            data: Vec<u8>,
        ) -> core::result::Result<(), PSP22Error> {
            run::transfer_from(&mut self.state, from, to, value, data)
        }

        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: u128) -> core::result::Result<(), PSP22Error> {
            run::approve(&mut self.state, spender, value)
        }

        #[ink(message)]
        fn increase_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            run::change_allowance(&mut self.state, spender, delta_value, true)
        }

        #[ink(message)]
        fn decrease_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            run::change_allowance(&mut self.state, spender, delta_value, false)
        }
    }

    impl SignupHoldSource for ReferralStaking {
        /// Where `referee`'s sign-up bonus hold stands now: running, kept (over, its
        /// shares never below the minimum) or broken; `None` if its binding's bonus is
        /// not held.
        #[ink(message)]
        fn signup_hold_state(&self, referee: AccountId) -> Option<HoldState> {
            self.state.ledger.hold_state(referee, self.current_epoch())
        }
    }

    impl PSP22Metadata for ReferralStaking {
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.state.metadata.get().and_then(|m| m.name)
        }

        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.state.metadata.get().and_then(|m| m.symbol)
        }

        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.state.metadata.get().map(|m| m.decimals).unwrap_or_default()
        }
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests;
