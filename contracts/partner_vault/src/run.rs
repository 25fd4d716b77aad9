//! The messages both of the vault's codes run themselves: a claim and a sign-up bonus
//! credit, from the caller and the block time to the native transfer and the events;
//! and the settlement of a held bonus, which only the whole code runs.
//! The vault's whole code and its entry (`partner_vault_entry`) each call these, so
//! the two cannot differ in what a claim or a credit does.
use crate::book::Settlement;
use crate::errors::{Error, Result};
use crate::state::VaultState;
use ink::env::DefaultEnvironment as Env;
use ink::primitives::AccountId;
use referral_common::bonus::{
    BonusCache, BonusError, BonusOutcome, BonusSkipReason, SignupBonus, SignupBonusCredited, SignupBonusHeld, SignupBonusSkipped,
    SignupBonusSource, SignupHoldSource,
};

/// Pays `account`'s whole claimable balance to its payout address; the amount.
///
/// # Errors
/// `NothingToClaim`, `TransferFailed`, `Overflow`.
///
/// # Events
/// `Claimed`.
pub fn claim(state: &mut VaultState, account: AccountId, triggered_by: AccountId) -> Result<u128> {
    let event = state.claim(account, triggered_by, ink::env::block_timestamp::<Env>())?;
    let amount = event.amount;
    // The books are written before the funds move; a native transfer runs no code, and
    // a failed one reverts the whole call.
    pay(event.paid_to, amount)?;
    ink::env::emit_event::<Env, _>(event);
    Ok(amount)
}

/// Sends `amount` native units to `to` (nothing for zero).
///
/// # Errors
/// `TransferFailed`.
pub fn pay(to: AccountId, amount: u128) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    ink::env::transfer::<Env>(to, amount).map_err(|_| Error::TransferFailed)
}

/// The linked staking contract's credit of a new binding's sign-up bonus (see
/// `SignupBonusVault`): the program's bonus to `referrer` and `referee` if the pool
/// covers both, the binding staked the program's minimum (`staked`) and
/// the referee never had one, or set aside when the program holds it; otherwise a
/// skip, which is no error.
///
/// # Errors
/// `Unauthorized` unless the caller is the linked staking contract; `Overflow`.
///
/// # Events
/// `SignupBonusCredited`, `SignupBonusHeld` or `SignupBonusSkipped`.
pub fn credit_signup_bonus(
    state: &mut VaultState,
    referrer: AccountId,
    referee: AccountId,
    staked: u128,
) -> core::result::Result<BonusOutcome, BonusError> {
    if state.config.staking != Some(ink::env::caller::<Env>()) {
        return Err(BonusError::Unauthorized);
    }
    let outcome = if state.config.paused {
        BonusOutcome::Skipped(BonusSkipReason::VaultPaused)
    } else {
        match program_bonus(state) {
            None => BonusOutcome::Skipped(BonusSkipReason::BonusOff),
            Some(bonus) => state.book.credit_bonus(referrer, referee, bonus, staked).map_err(|_| BonusError::Overflow)?,
        }
    };
    let pool = state.book.bonus_pool();
    match outcome {
        BonusOutcome::Credited(bonus) => {
            ink::env::emit_event::<Env, _>(SignupBonusCredited { referrer, referee, bonus, pool });
        }
        BonusOutcome::Held(bonus) => {
            ink::env::emit_event::<Env, _>(SignupBonusHeld { referrer, referee, bonus, pool });
        }
        BonusOutcome::Skipped(reason) => {
            ink::env::emit_event::<Env, _>(SignupBonusSkipped { referrer, referee, reason });
        }
    }
    Ok(outcome)
}

/// The sign-up bonus of the program in force now: the vault's copy while it stands,
/// else read from the linked governance contract and kept until governance says it
/// stands; none when unlinked or unreadable (then nothing is kept).
fn program_bonus(state: &mut VaultState) -> Option<SignupBonus> {
    use ink::codegen::TraitCallBuilder;
    let now = ink::env::block_timestamp::<Env>();
    if let Some(kept) = state.bonus_cache.at(now) {
        return kept;
    }
    let source: ink::contract_ref!(SignupBonusSource, Env) = state.config.governance?.into();
    match source.call().signup_bonus_until(now).try_invoke() {
        Ok(Ok((bonus, until))) => {
            state.bonus_cache = BonusCache { bonus, until };
            bonus
        }
        _ => None,
    }
}

/// Settles `referee`'s held sign-up bonus once its hold is over or broken, asking the
/// linked staking contract whether the referee kept its stake: credited to both sides
/// if it did, back to the pool if not. Anyone may call; claims of the credit follow as usual.
///
/// # Errors
/// `NoBonusHeld`, `HoldRunning`; `HoldUnknown` if the linked staking contract does not
/// answer the hold; `Overflow`.
///
/// # Events
/// `SignupBonusCredited` or `SignupBonusForfeited`.
pub fn settle_signup_bonus(state: &mut VaultState, referee: AccountId) -> Result<()> {
    use ink::codegen::TraitCallBuilder;
    // Refused before the outgoing call when there is nothing to settle.
    state.book.held_bonus(referee).ok_or(Error::NoBonusHeld)?;
    let staking: ink::contract_ref!(SignupHoldSource, Env) = state.config.staking.ok_or(Error::HoldUnknown)?.into();
    let hold = match staking.call().signup_hold_state(referee).try_invoke() {
        Ok(Ok(Some(hold))) => hold,
        _ => return Err(Error::HoldUnknown),
    };
    match state.book.settle_bonus(referee, hold)? {
        Settlement::Credited(event) => ink::env::emit_event::<Env, _>(event),
        Settlement::Forfeited(event) => ink::env::emit_event::<Env, _>(event),
    }
    Ok(())
}
