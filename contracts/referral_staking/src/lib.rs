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
//! referrer and the referee; the binding stands whatever the vault answers.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod code;
pub mod errors;
pub mod events;
pub mod ledger;
pub mod pool;
pub mod series;
pub mod storage_keys;

pub use self::referral_staking::{Config, TokenMetadata};
pub use code::{CodeBook, CodeInfo};
pub use errors::Error;
pub use ledger::{Binding, Holder, PartnerStats, SeriesId};
pub use pool::{EpochRewards, Pool};
pub use series::{EpochTotal, Series};

#[ink::contract]
pub mod referral_staking {
    use crate::code::{CodeBook, CodeInfo};
    use crate::errors::{Error, Result};
    use crate::events::*;
    use crate::ledger::{Ledger, PartnerStats, SeriesId};
    use crate::pool::{EpochRewards, Pool};
    use crate::series::{seconds, Clock, Epochs};
    use crate::storage_keys;
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::traits::ManualKey;
    use ink::storage::{Lazy, Mapping};
    use referral_common::admin::{Admin, PausedSet};
    use referral_common::bonus::{BonusSkipReason, SignupBonusSkipped, SignupBonusVault};
    use referral_common::math::ONE;
    use referral_common::psp22::{Approval, PSP22Error, PSP22Metadata, Transfer, PSP22};

    pub use crate::ledger::MAX_CHAIN_WALK;

    /// Roles and parameters.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Config {
        pub admin: Admin,
        pub oracle: AccountId,
        pub treasury: AccountId,
        /// Share of reported rewards set aside as protocol fee (9 decimals).
        pub fee_rate: u64,
        /// The highest `fee_rate` the admin may set (9 decimals), fixed at instantiation.
        pub max_fee_rate: u64,
        /// Block time of epoch 0's start, in milliseconds (whole seconds).
        pub genesis: Timestamp,
        /// Epoch length in milliseconds (whole seconds).
        pub epoch_length: Timestamp,
        /// Staking (not unstaking) is paused.
        pub paused: bool,
        /// The vault asked to credit the sign-up bonus of each new binding.
        pub vault: Option<AccountId>,
    }

    /// The liquid token's PSP22 metadata.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct TokenMetadata {
        pub name: Option<String>,
        pub symbol: Option<String>,
        pub decimals: u8,
    }

    #[ink(storage)]
    pub struct ReferralStaking {
        config: Config,
        pool: Pool,
        ledger: Ledger,
        codes: CodeBook,
        /// Native tokens staked per (partner, epoch) by its referees.
        partner_volume: Mapping<(AccountId, u32), Balance, ManualKey<{ storage_keys::PARTNER_VOLUME }>>,
        /// Native tokens staked per (referee, epoch) by bound addresses.
        referee_volume: Mapping<(AccountId, u32), Balance>,
        metadata: Lazy<TokenMetadata>,
    }

    impl ReferralStaking {
        /// Instantiates the pool with the caller as admin.
        ///
        /// `fee_rate` and `max_fee_rate` have 9 decimals (0.1 = 100_000_000);
        /// `epoch_length` is in milliseconds and a whole number of seconds. Epoch 0 starts
        /// at the instantiation block's time, rounded down to the second.
        ///
        /// # Errors
        /// `InvalidConfig` if a rate is above 1.0, `fee_rate` above `max_fee_rate`, or the
        /// epoch length zero or not whole seconds.
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
        ) -> Result<Self> {
            if max_fee_rate > ONE || fee_rate > max_fee_rate || epoch_length == 0 || epoch_length % 1000 != 0 {
                return Err(Error::InvalidConfig);
            }
            let now = Self::env().block_timestamp();
            let mut metadata = Lazy::new();
            metadata.set(&TokenMetadata { name, symbol, decimals });
            Ok(Self {
                config: Config {
                    admin: Admin::new(Self::env().caller()),
                    oracle,
                    treasury,
                    fee_rate,
                    max_fee_rate,
                    genesis: now.saturating_sub(now % 1000),
                    epoch_length,
                    paused: false,
                    vault: None,
                },
                pool: Pool::default(),
                ledger: Ledger::default(),
                codes: CodeBook::default(),
                partner_volume: Mapping::new(),
                referee_volume: Mapping::new(),
                metadata,
            })
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
        /// after a binding, the vault's `SignupBonusCredited` or a `SignupBonusSkipped`
        /// (from the vault, or from here when no vault is linked or it refused).
        #[ink(message, payable)]
        pub fn stake_with_code(&mut self, code: String) -> Result<Balance> {
            let staker = self.env().caller();
            let amount = self.env().transferred_value();
            self.ensure_can_stake(amount)?;
            let (code, partner) = self.codes.partner_for(&code, staker)?;
            let shares = self.shares_to_mint(amount)?;
            let bound = match self.ledger.holder(staker) {
                None => {
                    let epoch = self.current_epoch();
                    self.ledger.bind(staker, partner, epoch)?;
                    self.env().emit_event(ReferralBound { referee: staker, partner, code, epoch });
                    true
                }
                Some(holder) => {
                    let reason = match holder.binding {
                        Some(_) => SkipReason::AlreadyBound,
                        None => SkipReason::AlreadyHeld,
                    };
                    self.env().emit_event(BindingSkipped { staker, code, reason });
                    false
                }
            };
            let shares = self.mint_stake(staker, amount, shares)?;
            if bound {
                // Last, once every write is done: the vault cannot call back in.
                self.request_signup_bonus(partner, staker);
            }
            Ok(shares)
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
            let staker = self.env().caller();
            let amount = self.env().transferred_value();
            self.ensure_can_stake(amount)?;
            let shares = self.shares_to_mint(amount)?;
            self.mint_stake(staker, amount, shares)
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
            let staker = self.env().caller();
            if shares == 0 {
                return Err(Error::ZeroAmount);
            }
            if self.ledger.balance_of(staker) < shares {
                return Err(Error::InsufficientBalance);
            }
            let amount = self.amount_for(shares)?;
            if amount == 0 {
                return Err(Error::UnstakeTooSmall);
            }
            let burned = self.ledger.burn(staker, shares, self.clock())?;
            self.pool.pay_out(amount, self.ledger.total_supply())?;
            self.env().transfer(staker, amount).map_err(|_| Error::TransferFailed)?;
            self.env().emit_event(burned);
            self.env().emit_event(Unstaked { staker, shares, amount });
            Ok(amount)
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
            if self.env().caller() != self.config.oracle {
                return Err(Error::Unauthorized);
            }
            let rewards = self.env().transferred_value();
            let epoch = self.current_epoch();
            let reported = self.pool.report(rewards, self.config.fee_rate, epoch, self.ledger.total_supply())?;
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
            if treasury != self.config.treasury {
                return Err(Error::Unauthorized);
            }
            self.pool.withdraw_fees(amount)?;
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
            let registered = self.codes.register(&code, owner)?;
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
            let changed = self.codes.transfer(self.env().caller(), &code, new_owner)?;
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
            let changed = self.codes.reassign(&code, new_owner)?;
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
            let set = self.codes.set_active(self.env().caller(), self.config.admin.current, &code, active)?;
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
            let event = self.config.admin.start_transfer(self.env().caller(), new_admin)?;
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
            let event = self.config.admin.accept(self.env().caller())?;
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
            self.config.oracle = oracle;
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
            self.config.treasury = treasury;
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
            self.config.vault = vault;
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
            self.config.paused = paused;
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
            if fee_rate > self.config.max_fee_rate {
                return Err(Error::FeeRateTooHigh);
            }
            self.config.fee_rate = fee_rate;
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
            self.codes.get(&code)
        }

        /// The partner `account` is bound to, if any.
        #[ink(message)]
        pub fn partner_of(&self, account: AccountId) -> Option<AccountId> {
            self.ledger.holder(account).and_then(|h| h.binding).map(|b| b.partner)
        }

        /// The epoch in which `account` was bound, if it is bound.
        #[ink(message)]
        pub fn bound_epoch(&self, account: AccountId) -> Option<u32> {
            self.ledger.holder(account).and_then(|h| h.binding).map(|b| b.epoch)
        }

        /// Whether `account` ever received shares (then it can never be bound).
        #[ink(message)]
        pub fn has_ever_held(&self, account: AccountId) -> bool {
            self.ledger.holder(account).is_some()
        }

        /// Shares held now by the addresses bound to `partner`.
        #[ink(message)]
        pub fn partner_tvl(&self, partner: AccountId) -> Balance {
            self.ledger.partner(partner).referred_shares
        }

        /// A partner's referrals, referred shares and share-seconds head.
        #[ink(message)]
        pub fn partner_stats(&self, partner: AccountId) -> PartnerStats {
            self.ledger.partner(partner)
        }

        /// Share-seconds of a series in `epoch`: over the whole epoch once it is over,
        /// up to the current block in the current one.
        ///
        /// # Errors
        /// `EpochInFuture` for an epoch after the current one, `Overflow`.
        #[ink(message)]
        pub fn epoch_share_seconds(&self, series: SeriesId, epoch: u32) -> Result<u128> {
            self.ledger.share_seconds(series, epoch, self.clock())
        }

        /// Native tokens staked in `epoch` by the addresses bound to `partner`.
        #[ink(message)]
        pub fn partner_epoch_volume(&self, partner: AccountId, epoch: u32) -> Balance {
            self.partner_volume.get((partner, epoch)).unwrap_or_default()
        }

        /// Native tokens staked in `epoch` by the bound address `referee`.
        #[ink(message)]
        pub fn referee_epoch_volume(&self, referee: AccountId, epoch: u32) -> Balance {
            self.referee_volume.get((referee, epoch)).unwrap_or_default()
        }

        /// Rewards and fees reported in `epoch`.
        #[ink(message)]
        pub fn epoch_rewards(&self, epoch: u32) -> EpochRewards {
            self.pool.epoch_rewards(epoch)
        }

        /// The epoch of the current block.
        #[ink(message)]
        pub fn current_epoch(&self) -> u32 {
            self.epoch_at(self.env().block_timestamp())
        }

        /// The epoch `timestamp` (milliseconds) falls in; 0 before genesis.
        #[ink(message)]
        pub fn epoch_at(&self, timestamp: Timestamp) -> u32 {
            let elapsed = timestamp.saturating_sub(self.config.genesis);
            let epoch = elapsed.checked_div(self.config.epoch_length).unwrap_or_default();
            u32::try_from(epoch).unwrap_or(u32::MAX)
        }

        /// Native tokens backing all shares.
        #[ink(message)]
        pub fn total_pooled(&self) -> Balance {
            self.pool.total_pooled()
        }

        /// Protocol fees set aside, not yet withdrawn.
        #[ink(message)]
        pub fn unwithdrawn_fees(&self) -> Balance {
            self.pool.unwithdrawn_fees()
        }

        /// Shares that staking `amount` would mint now (rounded down).
        ///
        /// # Errors
        /// `Overflow`.
        #[ink(message)]
        pub fn shares_for(&self, amount: Balance) -> Result<Balance> {
            self.pool.shares_for(amount, self.ledger.total_supply())
        }

        /// Native tokens that unstaking `shares` would pay now (rounded down).
        ///
        /// # Errors
        /// `Overflow`.
        #[ink(message)]
        pub fn amount_for(&self, shares: Balance) -> Result<Balance> {
            self.pool.amount_for(shares, self.ledger.total_supply())
        }

        /// Roles and parameters.
        #[ink(message)]
        pub fn config(&self) -> Config {
            self.config
        }

        // ---------------------------------------------------------------- internals

        fn ensure_admin(&self) -> Result<()> {
            Ok(self.config.admin.ensure(self.env().caller())?)
        }

        fn ensure_can_stake(&self, amount: Balance) -> Result<()> {
            if self.config.paused {
                return Err(Error::Paused);
            }
            if amount == 0 {
                return Err(Error::ZeroAmount);
            }
            Ok(())
        }

        /// The shares a stake of `amount` mints; refused when that is none.
        fn shares_to_mint(&self, amount: Balance) -> Result<Balance> {
            match self.shares_for(amount)? {
                0 => Err(Error::StakeTooSmall),
                shares => Ok(shares),
            }
        }

        /// Mints the stake's shares and records the referred volume.
        fn mint_stake(&mut self, staker: AccountId, amount: Balance, shares: Balance) -> Result<Balance> {
            let pooled = self.pool.pooled_after_stake(amount)?;
            let clock = self.clock();
            let (minted, partner) = self.ledger.mint(staker, shares, clock)?;
            if let Some(partner) = partner {
                let epoch = clock.epochs.of(clock.now);
                let by_partner = self.partner_epoch_volume(partner, epoch).checked_add(amount).ok_or(Error::Overflow)?;
                let by_referee = self.referee_epoch_volume(staker, epoch).checked_add(amount).ok_or(Error::Overflow)?;
                self.partner_volume.insert((partner, epoch), &by_partner);
                self.referee_volume.insert((staker, epoch), &by_referee);
            }
            self.pool.set_pooled(pooled);
            self.env().emit_event(minted);
            self.env().emit_event(Staked { staker, partner, amount, shares });
            Ok(shares)
        }

        /// Asks the linked vault to credit the new binding's sign-up bonus. Never fails:
        /// a vault that refuses or fails is rolled back alone and the skip is said.
        fn request_signup_bonus(&self, referrer: AccountId, referee: AccountId) {
            let reason = match self.config.vault {
                None => BonusSkipReason::NoVault,
                Some(vault) => {
                    let mut vault: ink::contract_ref!(SignupBonusVault) = vault.into();
                    match vault.call_mut().credit_signup_bonus(referrer, referee).try_invoke() {
                        // The vault emitted `SignupBonusCredited` or `SignupBonusSkipped`.
                        Ok(Ok(Ok(_))) => return,
                        _ => BonusSkipReason::VaultRefused,
                    }
                }
            };
            self.env().emit_event(SignupBonusSkipped { referrer, referee, reason });
        }

        /// The current block's second and the contract's epochs.
        fn clock(&self) -> Clock {
            Clock {
                now: seconds(self.env().block_timestamp()),
                epochs: Epochs::from_ms(self.config.genesis, self.config.epoch_length),
            }
        }

        fn emit_approval(&self, approval: Option<Approval>) {
            if let Some(approval) = approval {
                self.env().emit_event(approval);
            }
        }

        fn emit_transfer(&self, transfer: Option<Transfer>) {
            if let Some(transfer) = transfer {
                self.env().emit_event(transfer);
            }
        }
    }

    /// The liquid token: a full PSP22. Every transfer moves referral attribution with
    /// the shares, and makes the recipient a holder (never brand new again).
    impl PSP22 for ReferralStaking {
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.ledger.total_supply()
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.ledger.balance_of(owner)
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.ledger.allowance(owner, spender)
        }

        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: u128, _data: Vec<u8>) -> core::result::Result<(), PSP22Error> {
            let from = self.env().caller();
            let transfer = self.ledger.transfer(from, to, value, self.clock()).map_err(psp22_error)?;
            self.emit_transfer(transfer);
            Ok(())
        }

        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: u128,
            _data: Vec<u8>,
        ) -> core::result::Result<(), PSP22Error> {
            let spender = self.env().caller();
            let (transfer, approval) = self.ledger.transfer_from(spender, from, to, value, self.clock()).map_err(psp22_error)?;
            self.emit_approval(approval);
            self.emit_transfer(transfer);
            Ok(())
        }

        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: u128) -> core::result::Result<(), PSP22Error> {
            let owner = self.env().caller();
            let approval = self.ledger.approve(owner, spender, value);
            self.emit_approval(approval);
            Ok(())
        }

        #[ink(message)]
        fn increase_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            let owner = self.env().caller();
            let approval = self.ledger.change_allowance(owner, spender, delta_value, true).map_err(psp22_error)?;
            self.emit_approval(approval);
            Ok(())
        }

        #[ink(message)]
        fn decrease_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            let owner = self.env().caller();
            let approval = self.ledger.change_allowance(owner, spender, delta_value, false).map_err(psp22_error)?;
            self.emit_approval(approval);
            Ok(())
        }
    }

    impl PSP22Metadata for ReferralStaking {
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.metadata.get().and_then(|m| m.name)
        }

        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.metadata.get().and_then(|m| m.symbol)
        }

        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.metadata.get().map(|m| m.decimals).unwrap_or_default()
        }
    }

    /// The PSP22 view of a ledger refusal.
    fn psp22_error(error: Error) -> PSP22Error {
        match error {
            Error::InsufficientBalance => PSP22Error::InsufficientBalance,
            Error::InsufficientAllowance => PSP22Error::InsufficientAllowance,
            _ => PSP22Error::Custom(String::from("Overflow")),
        }
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests;
