//! The messages both of the staking contract's codes run themselves: the stakes, the
//! unstake and the liquid token's transfers and approvals, from the caller, the value
//! and the block time to the events. The whole code and its entry
//! (`referral_staking_entry`) each call these, so the two cannot differ in what a
//! stake, a binding or a transfer does.
use crate::errors::{Error, Result};
use crate::events::{BindingSkipped, ReferralBound, SkipReason, Staked, Unstaked};
use crate::state::StakingState;
use ink::env::DefaultEnvironment as Env;
use ink::prelude::{string::String, vec::Vec};
use ink::primitives::AccountId;
use referral_common::bonus::{BonusOutcome, BonusSkipReason, SignupBonusSkipped, SignupBonusVault};
use referral_common::psp22::{Approval, PSP22Error, Transfer};

fn caller() -> AccountId {
    ink::env::caller::<Env>()
}

fn now() -> u64 {
    ink::env::block_timestamp::<Env>()
}

fn emit<E: ink::env::Event>(event: E) {
    ink::env::emit_event::<Env, E>(event);
}

/// `stake_with_code(code)`: stakes the transferred value; binds a caller that never
/// held shares to the code's owner, and asks the linked vault for the sign-up bonus.
///
/// # Errors
/// `Paused`, `ZeroAmount`, `StakeTooSmall`; `InvalidCode`, `UnknownCode`,
/// `InactiveCode`, `SelfReferral`, `ReferralCycle`, `ReferralChainTooDeep`; `Overflow`.
///
/// # Events
/// `ReferralBound` or `BindingSkipped`, `Transfer` (mint), `Staked`; after a binding,
/// the vault's `SignupBonusCredited` or `SignupBonusHeld`, or a `SignupBonusSkipped`.
pub fn stake_with_code(state: &mut StakingState, code: String) -> Result<u128> {
    let staker = caller();
    let amount = ink::env::transferred_value::<Env>();
    state.ensure_can_stake(amount)?;
    let (code, partner) = state.codes.partner_for(&code, staker)?;
    let shares = state.shares_to_mint(amount)?;
    let bound = match state.ledger.holder(staker) {
        None => {
            let epoch = state.epoch_at(now());
            state.ledger.bind(staker, partner, epoch)?;
            emit(ReferralBound { referee: staker, partner, code, epoch });
            true
        }
        Some(holder) => {
            let reason = match holder.binding {
                Some(_) => SkipReason::AlreadyBound,
                None => SkipReason::AlreadyHeld,
            };
            emit(BindingSkipped { staker, code, reason });
            false
        }
    };
    let shares = mint_stake(state, staker, amount, shares)?;
    if bound {
        // Last, once every write is done: the vault cannot call back in.
        request_signup_bonus(state, partner, staker, amount, shares)?;
    }
    Ok(shares)
}

/// `stake()`: stakes the transferred value without a code.
///
/// # Errors
/// `Paused`, `ZeroAmount`, `StakeTooSmall`, `Overflow`.
///
/// # Events
/// `Transfer` (mint), `Staked`.
pub fn stake(state: &mut StakingState) -> Result<u128> {
    let amount = ink::env::transferred_value::<Env>();
    state.ensure_can_stake(amount)?;
    let shares = state.shares_to_mint(amount)?;
    mint_stake(state, caller(), amount, shares)
}

/// `unstake(shares)`: burns the caller's `shares` and pays their native value.
///
/// # Errors
/// `ZeroAmount`, `InsufficientBalance`, `UnstakeTooSmall`, `TransferFailed`.
///
/// # Events
/// `Transfer` (burn), `Unstaked`.
pub fn unstake(state: &mut StakingState, shares: u128) -> Result<u128> {
    let staker = caller();
    if shares == 0 {
        return Err(Error::ZeroAmount);
    }
    if state.ledger.balance_of(staker) < shares {
        return Err(Error::InsufficientBalance);
    }
    let amount = state.pool.amount_for(shares, state.ledger.total_supply())?;
    if amount == 0 {
        return Err(Error::UnstakeTooSmall);
    }
    let burned = state.ledger.burn(staker, shares, state.clock(now()))?;
    state.pool.pay_out(amount, state.ledger.total_supply())?;
    ink::env::transfer::<Env>(staker, amount).map_err(|_| Error::TransferFailed)?;
    emit(burned);
    emit(Unstaked { staker, shares, amount });
    Ok(amount)
}

/// Mints the stake's shares (and with them the partner's volume, if bound).
fn mint_stake(state: &mut StakingState, staker: AccountId, amount: u128, shares: u128) -> Result<u128> {
    let pooled = state.pool.pooled_after_stake(amount)?;
    let clock = state.clock(now());
    let (minted, partner) = state.ledger.mint(staker, shares, amount, clock)?;
    state.pool.set_pooled(pooled);
    emit(minted);
    emit(Staked { staker, partner, amount, shares });
    Ok(shares)
}

/// Asks the linked vault to credit the new binding's sign-up bonus (`staked` native
/// tokens for `shares`), and starts the referee's hold if the vault holds the bonus.
/// A vault that refuses or fails is rolled back alone and the skip is said.
///
/// # Errors
/// `Overflow` only (a hold ending past the last epoch).
fn request_signup_bonus(
    state: &mut StakingState,
    referrer: AccountId,
    referee: AccountId,
    staked: u128,
    shares: u128,
) -> Result<()> {
    use ink::codegen::TraitCallBuilder;
    let reason = match state.config.vault {
        None => BonusSkipReason::NoVault,
        Some(vault) => {
            let mut vault: ink::contract_ref!(SignupBonusVault, Env) = vault.into();
            match vault.call_mut().credit_signup_bonus(referrer, referee, staked).try_invoke() {
                Ok(Ok(Ok(BonusOutcome::Held(bonus)))) => {
                    // Written after the call: the vault could not call back in meanwhile.
                    return state.ledger.start_hold(referee, &bonus, staked, shares);
                }
                // The vault emitted `SignupBonusCredited` or `SignupBonusSkipped`.
                Ok(Ok(Ok(_))) => return Ok(()),
                _ => BonusSkipReason::VaultRefused,
            }
        }
    };
    emit(SignupBonusSkipped { referrer, referee, reason });
    Ok(())
}

/// `PSP22::transfer(to, value, data)`.
///
/// # Errors
/// `InsufficientBalance`; `Custom("Overflow")`.
///
/// # Events
/// `Transfer` (none for a zero value or to oneself).
pub fn transfer(state: &mut StakingState, to: AccountId, value: u128, _data: Vec<u8>) -> core::result::Result<(), PSP22Error> {
    let transfer = state.ledger.transfer(caller(), to, value, state.clock(now())).map_err(psp22_error)?;
    emit_transfer(transfer);
    Ok(())
}

/// `PSP22::transfer_from(from, to, value, data)`: spends the caller's allowance.
///
/// # Errors
/// `InsufficientAllowance`, `InsufficientBalance`; `Custom("Overflow")`.
///
/// # Events
/// `Approval` (the allowance left), `Transfer`.
pub fn transfer_from(
    state: &mut StakingState,
    from: AccountId,
    to: AccountId,
    value: u128,
    _data: Vec<u8>,
) -> core::result::Result<(), PSP22Error> {
    let at = state.clock(now());
    let (transfer, approval) = state.ledger.transfer_from(caller(), from, to, value, at).map_err(psp22_error)?;
    emit_approval(approval);
    emit_transfer(transfer);
    Ok(())
}

/// `PSP22::approve(spender, value)`.
///
/// # Events
/// `Approval` (none to oneself).
pub fn approve(state: &mut StakingState, spender: AccountId, value: u128) -> core::result::Result<(), PSP22Error> {
    emit_approval(state.ledger.approve(caller(), spender, value));
    Ok(())
}

/// `PSP22::increase_allowance` (`up`) or `decrease_allowance`.
///
/// # Errors
/// `InsufficientAllowance` below zero; `Custom("Overflow")`.
///
/// # Events
/// `Approval` (none for a zero delta or to oneself).
pub fn change_allowance(
    state: &mut StakingState,
    spender: AccountId,
    delta: u128,
    up: bool,
) -> core::result::Result<(), PSP22Error> {
    let approval = state.ledger.change_allowance(caller(), spender, delta, up).map_err(psp22_error)?;
    emit_approval(approval);
    Ok(())
}

fn emit_approval(approval: Option<Approval>) {
    if let Some(approval) = approval {
        emit(approval);
    }
}

fn emit_transfer(transfer: Option<Transfer>) {
    if let Some(transfer) = transfer {
        emit(transfer);
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
