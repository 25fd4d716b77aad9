//! The liquid token's ledger, with referral attribution kept in step.
//!
//! Logic lives in this plain storage struct (the `psp22` crate's model): its methods
//! take the accounts and the block time, check everything before they write anything,
//! and return the PSP22 event to emit, so they are testable without a chain.
//!
//! Every mint, burn and transfer updates, in constant time, the holder's balance and,
//! when the holder is bound to a partner, the holder's share-seconds series, the
//! partner's referred shares and the partner's series; mints and burns also move the
//! total supply's series. A series' head lives in the record it follows (the holder's,
//! the partner's, the ledger's), so within an epoch a change writes nothing more; the
//! first change of a series in a new epoch also stores the closed epoch's total.
use crate::errors::{Error, Result};
use crate::series::{Clock, EpochTotal, Series};
use crate::storage_keys;
use ink::primitives::AccountId;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use referral_common::bonus::{Hold, HoldState, SignupBonus};
use referral_common::psp22::{Approval, Transfer};

/// How far up the referrer chain a binding looks for a cycle.
pub const MAX_CHAIN_WALK: u32 = 64;

/// Everything the contract keeps per account that ever held shares. Its presence is
/// what "has held" means: it is created by the first credit and never removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Holder {
    /// Liquid shares held now.
    pub balance: u128,
    /// The partner this account was bound to by its first stake, if any.
    pub binding: Option<Binding>,
}

/// A referee's binding to its partner, made once and for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Binding {
    /// The partner: the owner of the code at binding time.
    pub partner: AccountId,
    /// The epoch in which the binding was made.
    pub epoch: u32,
    /// The referee's own shares over time.
    pub series: Series,
    /// The hold the referee's sign-up bonus waits on, if the program holds it.
    pub hold: Option<Hold>,
}

/// What the contract keeps per partner.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PartnerStats {
    /// Addresses bound to the partner.
    pub referrals: u32,
    /// Shares held right now by those addresses: the partner's referred TVL.
    pub referred_shares: u128,
    /// The referred shares over time.
    pub series: Series,
    /// Native tokens its referees staked in the epoch of their latest stake; earlier
    /// epochs' are stored once that epoch is over (`Ledger::partner_epoch_volume`).
    pub volume: EpochVolume,
}

/// A partner's referred stake volume in one epoch.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct EpochVolume {
    pub epoch: u32,
    pub amount: u128,
}

impl EpochVolume {
    /// The volume of `epoch`, this head being the partner's latest: its own amount for
    /// its epoch, else what was stored for `epoch` when it closed (`stored`, read only
    /// then), or nothing.
    pub fn of_epoch(&self, epoch: u32, stored: impl FnOnce() -> Option<u128>) -> u128 {
        match self.epoch == epoch {
            true => self.amount,
            false => stored().unwrap_or_default(),
        }
    }
}

/// Which series a share-seconds query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum SeriesId {
    /// The shares held by the addresses bound to this partner.
    Partner(AccountId),
    /// The shares of this bound address (unbound holders have no series).
    Account(AccountId),
    /// The total supply.
    Total,
}

#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Ledger {
    total_supply: u128,
    total_series: Series,
    holders: Mapping<AccountId, Holder, ManualKey<{ storage_keys::HOLDERS }>>,
    allowances: Mapping<(AccountId, AccountId), u128, ManualKey<{ storage_keys::ALLOWANCES }>>,
    partners: Mapping<AccountId, PartnerStats, ManualKey<{ storage_keys::PARTNERS }>>,
    account_epochs: Mapping<(AccountId, u32), EpochTotal, ManualKey<{ storage_keys::ACCOUNT_EPOCHS }>>,
    partner_epochs: Mapping<(AccountId, u32), EpochTotal, ManualKey<{ storage_keys::PARTNER_EPOCHS }>>,
    total_epochs: Mapping<u32, EpochTotal, ManualKey<{ storage_keys::TOTAL_EPOCHS }>>,
    /// A partner's volume in each epoch before the one its stats hold.
    partner_volumes: Mapping<(AccountId, u32), u128, ManualKey<{ storage_keys::PARTNER_VOLUME }>>,
}

/// An epoch's total to store for a series: (epoch, total).
type Closed = Option<(u32, EpochTotal)>;

/// A partner's new stats and the epoch total (and epoch volume) to store for them.
#[derive(Clone, Copy)]
struct PartnerUpdate {
    partner: AccountId,
    stats: PartnerStats,
    closed: Closed,
    closed_volume: Option<EpochVolume>,
}

/// The partners touched by one mint, burn or transfer: at most two.
type PartnerUpdates = [Option<PartnerUpdate>; 2];

/// A holder's new state, computed in full before anything is written.
struct HolderUpdate {
    account: AccountId,
    holder: Holder,
    closed: Closed,
}

impl PartnerUpdate {
    /// Adds a stake of `amount` in `epoch` to the partner's volume: the first stake of a
    /// later epoch closes the volume held (stored once, if any).
    fn add_volume(&mut self, amount: u128, epoch: u32) -> Result<()> {
        let head = self.stats.volume;
        let (closed, base) = match head.epoch == epoch {
            true => (None, head.amount),
            false => ((head.amount > 0).then_some(head), 0),
        };
        let amount = base.checked_add(amount).ok_or(Error::Overflow)?;
        self.stats.volume = EpochVolume { epoch, amount };
        self.closed_volume = closed;
        Ok(())
    }
}

impl Ledger {
    pub fn total_supply(&self) -> u128 {
        self.total_supply
    }

    pub fn holder(&self, account: AccountId) -> Option<Holder> {
        self.holders.get(account)
    }

    /// The partner `account` is bound to, if any.
    pub fn partner_of(&self, account: AccountId) -> Option<AccountId> {
        self.holders.get(account).and_then(|h| h.binding).map(|b| b.partner)
    }

    pub fn balance_of(&self, owner: AccountId) -> u128 {
        self.holders.get(owner).map(|h| h.balance).unwrap_or_default()
    }

    pub fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
        self.allowances.get((owner, spender)).unwrap_or_default()
    }

    pub fn partner(&self, partner: AccountId) -> PartnerStats {
        self.partners.get(partner).unwrap_or_default()
    }

    /// Native tokens staked in `epoch` by the addresses bound to `partner`.
    pub fn partner_epoch_volume(&self, partner: AccountId, epoch: u32) -> u128 {
        self.partner(partner).volume.of_epoch(epoch, || self.partner_volumes.get((partner, epoch)))
    }

    /// Binds a brand-new account to `partner`: it gets a record with a zero balance, and
    /// the partner one more referral. The caller has checked that `account` has no
    /// record (`holder` is `None`): a record is never overwritten by a binding.
    ///
    /// Refused (`ReferralCycle`) when `account` is already an ancestor of `partner`,
    /// or (`ReferralChainTooDeep`) when the chain above `partner` is longer than
    /// `MAX_CHAIN_WALK`. Only an address with referrals of its own can be an ancestor,
    /// so the usual binding (a fresh staker) reads one record and walks nothing.
    pub fn bind(&mut self, account: AccountId, partner: AccountId, epoch: u32) -> Result<()> {
        self.ensure_no_cycle(account, partner)?;
        let mut stats = self.partner(partner);
        stats.referrals = stats.referrals.checked_add(1).ok_or(Error::Overflow)?;
        let binding = Binding { partner, epoch, series: Series::default(), hold: None };
        self.holders.insert(account, &Holder { balance: 0, binding: Some(binding) });
        self.partners.insert(partner, &stats);
        Ok(())
    }

    /// Starts `account`'s sign-up bonus hold by `bonus`'s terms (`Hold::start`), its
    /// binding having staked `staked` native units for `shares`. Nothing for an account
    /// that is not bound (the vault answers only bindings).
    ///
    /// # Errors
    /// `Overflow` if the hold would end past the last epoch or the binding staked nothing.
    pub fn start_hold(&mut self, account: AccountId, bonus: &SignupBonus, staked: u128, shares: u128) -> Result<()> {
        let Some(mut holder) = self.holders.get(account) else { return Ok(()) };
        let balance = holder.balance;
        let Some(binding) = holder.binding.as_mut() else { return Ok(()) };
        binding.hold = Some(Hold::start(bonus, binding.epoch, staked, shares, balance).ok_or(Error::Overflow)?);
        self.holders.insert(account, &holder);
        Ok(())
    }

    /// Where `account`'s sign-up bonus hold stands in `epoch`; `None` without one.
    pub fn hold_state(&self, account: AccountId, epoch: u32) -> Option<HoldState> {
        self.holders.get(account)?.binding?.hold.map(|hold| hold.state(epoch))
    }

    fn ensure_no_cycle(&self, account: AccountId, partner: AccountId) -> Result<()> {
        if self.partner(account).referrals == 0 {
            return Ok(());
        }
        let mut current = partner;
        for _ in 0..MAX_CHAIN_WALK {
            match self.holder(current).and_then(|h| h.binding).map(|b| b.partner) {
                None => return Ok(()),
                Some(next) if next == account => return Err(Error::ReferralCycle),
                Some(next) => current = next,
            }
        }
        Err(Error::ReferralChainTooDeep)
    }

    /// Creates `value` shares for `to`, who staked `staked` native tokens for them
    /// (its partner's volume of the epoch, if bound); also returns `to`'s partner.
    pub fn mint(&mut self, to: AccountId, value: u128, staked: u128, at: Clock) -> Result<(Transfer, Option<AccountId>)> {
        let partner = self.change_supply(to, value, Some(staked), at)?;
        Ok((Transfer { from: None, to: Some(to), value }, partner))
    }

    /// Destroys `value` of `from`'s shares.
    pub fn burn(&mut self, from: AccountId, value: u128, at: Clock) -> Result<Transfer> {
        self.change_supply(from, value, None, at).map(|_| Transfer { from: Some(from), to: None, value })
    }

    /// Mints (`staked` is the stake) or burns `value` shares of `account`, moving the
    /// total's series too. Returns the account's partner, if bound.
    fn change_supply(&mut self, account: AccountId, value: u128, staked: Option<u128>, at: Clock) -> Result<Option<AccountId>> {
        let up = staked.is_some();
        let (holder, supply) = if up {
            (self.credited(account, value, at)?, self.total_supply.checked_add(value))
        } else {
            (self.debited(account, value, at)?, self.total_supply.checked_sub(value))
        };
        let supply = supply.ok_or(Error::Overflow)?;
        let mut series = self.total_series;
        let closed = series.record(self.total_supply, at)?;
        let mut partners = self.partner_delta(&[(&holder, value, up)], at)?;
        if let (Some(staked), Some(update)) = (staked, partners[0].as_mut()) {
            update.add_volume(staked, at.epochs.of(at.now))?;
        }
        let partner = holder.holder.binding.map(|b| b.partner);
        // Everything computed: write.
        self.apply(holder);
        self.apply_partners(partners);
        self.total_supply = supply;
        self.total_series = series;
        if let Some((epoch, total)) = closed {
            self.total_epochs.insert(epoch, &total);
        }
        Ok(partner)
    }

    /// Moves `value` shares from `from` to `to`. A zero value or a transfer to oneself
    /// is a no-op without event, as in the `psp22` crate.
    pub fn transfer(&mut self, from: AccountId, to: AccountId, value: u128, at: Clock) -> Result<Option<Transfer>> {
        if from == to || value == 0 {
            return Ok(None);
        }
        let debit = self.debited(from, value, at)?;
        let credit = self.credited(to, value, at)?;
        let partners = self.partner_delta(&[(&debit, value, false), (&credit, value, true)], at)?;
        self.apply(debit);
        self.apply(credit);
        self.apply_partners(partners);
        Ok(Some(Transfer { from: Some(from), to: Some(to), value }))
    }

    /// `transfer` on behalf of `from` by `spender`, spending its allowance.
    pub fn transfer_from(
        &mut self,
        spender: AccountId,
        from: AccountId,
        to: AccountId,
        value: u128,
        at: Clock,
    ) -> Result<(Option<Transfer>, Option<Approval>)> {
        if from == to || value == 0 {
            return Ok((None, None));
        }
        let allowance = self.allowance(from, spender);
        let left = allowance.checked_sub(value).ok_or(Error::InsufficientAllowance)?;
        let transfer = self.transfer(from, to, value, at)?;
        self.allowances.insert((from, spender), &left);
        Ok((transfer, Some(Approval { owner: from, spender, amount: left })))
    }

    /// Sets `owner`'s allowance for `spender`.
    pub fn approve(&mut self, owner: AccountId, spender: AccountId, value: u128) -> Option<Approval> {
        if owner == spender {
            return None;
        }
        if value == 0 {
            self.allowances.remove((owner, spender));
        } else {
            self.allowances.insert((owner, spender), &value);
        }
        Some(Approval { owner, spender, amount: value })
    }

    /// Raises (`up`) or lowers `owner`'s allowance for `spender` by `delta`.
    pub fn change_allowance(&mut self, owner: AccountId, spender: AccountId, delta: u128, up: bool) -> Result<Option<Approval>> {
        if owner == spender || delta == 0 {
            return Ok(None);
        }
        let current = self.allowance(owner, spender);
        let value = if up {
            current.checked_add(delta).ok_or(Error::Overflow)?
        } else {
            current.checked_sub(delta).ok_or(Error::InsufficientAllowance)?
        };
        Ok(self.approve(owner, spender, value))
    }

    /// Share-seconds of a series in `epoch` (up to `at.now` for the current one).
    pub fn share_seconds(&self, id: SeriesId, epoch: u32, at: Clock) -> Result<u128> {
        match id {
            SeriesId::Total => self.total_series.share_seconds(self.total_supply, epoch, at, &|e| self.total_epochs.get(e)),
            SeriesId::Partner(partner) => {
                let stats = self.partner(partner);
                stats.series.share_seconds(stats.referred_shares, epoch, at, &|e| self.partner_epochs.get((partner, e)))
            }
            SeriesId::Account(account) => {
                let Some(holder) = self.holders.get(account) else { return Ok(0) };
                let Some(binding) = holder.binding else { return Ok(0) };
                binding.series.share_seconds(holder.balance, epoch, at, &|e| self.account_epochs.get((account, e)))
            }
        }
    }

    fn credited(&self, account: AccountId, value: u128, at: Clock) -> Result<HolderUpdate> {
        let holder = self.holders.get(account).unwrap_or_default();
        let balance = holder.balance.checked_add(value).ok_or(Error::Overflow)?;
        Self::updated(account, holder, balance, at)
    }

    fn debited(&self, account: AccountId, value: u128, at: Clock) -> Result<HolderUpdate> {
        let holder = self.holders.get(account).unwrap_or_default();
        let balance = holder.balance.checked_sub(value).ok_or(Error::InsufficientBalance)?;
        let mut update = Self::updated(account, holder, balance, at)?;
        if let Some(hold) = update.holder.binding.as_mut().and_then(|b| b.hold.as_mut()) {
            hold.watch(balance, at.epochs.of(at.now));
        }
        Ok(update)
    }

    fn updated(account: AccountId, mut holder: Holder, balance: u128, at: Clock) -> Result<HolderUpdate> {
        let closed = match holder.binding.as_mut() {
            Some(binding) => binding.series.record(holder.balance, at)?,
            None => None,
        };
        holder.balance = balance;
        Ok(HolderUpdate { account, holder, closed })
    }

    /// The partners' new stats for a set of holder changes (value, credit or debit).
    /// A transfer between two referees of one partner nets to one update.
    fn partner_delta(&self, changes: &[(&HolderUpdate, u128, bool)], at: Clock) -> Result<PartnerUpdates> {
        let mut out: PartnerUpdates = [None, None];
        for (slot, (update, value, credit)) in changes.iter().enumerate() {
            let Some(binding) = update.holder.binding else { continue };
            let partner = binding.partner;
            // The same partner as the previous change: update that entry again.
            let previous = out.iter().take(slot).position(|e| matches!(e, Some(u) if u.partner == partner));
            let earlier = previous.and_then(|i| out.get(i).copied().flatten());
            let mut stats = earlier.map_or_else(|| self.partner(partner), |update| update.stats);
            let referred =
                if *credit { stats.referred_shares.checked_add(*value) } else { stats.referred_shares.checked_sub(*value) }
                    .ok_or(Error::Overflow)?;
            // The second change of a partner in one call closes no epoch: keep the first's.
            let closed = stats.series.record(stats.referred_shares, at)?;
            let closed = earlier.and_then(|update| update.closed).or(closed);
            stats.referred_shares = referred;
            let target = previous.unwrap_or(slot);
            if let Some(entry) = out.get_mut(target) {
                *entry = Some(PartnerUpdate { partner, stats, closed, closed_volume: None });
            }
        }
        Ok(out)
    }

    fn apply(&mut self, update: HolderUpdate) {
        if let Some((epoch, total)) = update.closed {
            self.account_epochs.insert((update.account, epoch), &total);
        }
        self.holders.insert(update.account, &update.holder);
    }

    fn apply_partners(&mut self, partners: PartnerUpdates) {
        for update in partners.into_iter().flatten() {
            if let Some((epoch, total)) = update.closed {
                self.partner_epochs.insert((update.partner, epoch), &total);
            }
            if let Some(closed) = update.closed_volume {
                self.partner_volumes.insert((update.partner, closed.epoch), &closed.amount);
            }
            self.partners.insert(update.partner, &update.stats);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::Epochs;

    /// Epochs of 100 s from t = 0.
    fn at(now: u64) -> Clock {
        Clock { now, epochs: Epochs { genesis: 0, length: 100 } }
    }

    /// A bonus held for `epochs` epochs at a minimum stake of `minimum`.
    fn held(minimum: u128, epochs: u32) -> SignupBonus {
        SignupBonus { minimum_stake: minimum, hold_epochs: epochs, ..SignupBonus::at_binding(7, 3) }
    }

    /// The hold watches every way shares leave a referee (transfer, transfer_from,
    /// burn) through its last epoch, and nothing after it; an unbound holder has none.
    #[ink::test]
    fn a_hold_is_broken_by_any_fall_below_the_minimum_before_it_ends() {
        let [partner, alice, bob, carol, dave, spender] = [1u8, 2, 3, 4, 5, 6].map(|b| AccountId::from([b; 32]));
        let mut ledger = Ledger::default();
        for referee in [alice, bob, carol] {
            ledger.bind(referee, partner, 0).unwrap();
            ledger.mint(referee, 100, 100, at(10)).unwrap();
            // Bound in epoch 0: held through epochs 1 and 2, at 60 shares (60 staked of
            // the binding's 100 for 100).
            ledger.start_hold(referee, &held(60, 2), 100, 100).unwrap();
        }
        assert_eq!(ledger.hold_state(alice, 0), Some(HoldState::Running));
        // Carol unstakes below it at once (time runs forward through the test: the
        // partner's series refuses a change before its last).
        ledger.burn(carol, 41, at(20)).unwrap();
        assert_eq!(ledger.hold_state(carol, 0), Some(HoldState::Broken));
        // Alice keeps 60 through epoch 2.
        ledger.transfer(alice, dave, 40, at(150)).unwrap();
        assert_eq!(
            (ledger.hold_state(alice, 1), ledger.hold_state(alice, 2)),
            (Some(HoldState::Running), Some(HoldState::Running))
        );
        // Bob falls to 59 in the hold's last second, through a spender; coming back
        // does not mend it.
        ledger.approve(bob, spender, 41);
        ledger.transfer_from(spender, bob, dave, 41, at(299)).unwrap();
        ledger.transfer(dave, bob, 41, at(299)).unwrap();
        assert_eq!((ledger.balance_of(bob), ledger.hold_state(bob, 3)), (100, Some(HoldState::Broken)));
        // Over, Alice's hold is kept, and nothing she does later undoes it.
        assert_eq!(ledger.hold_state(alice, 3), Some(HoldState::Kept));
        ledger.burn(alice, 60, at(300)).unwrap();
        assert_eq!(ledger.hold_state(alice, 3), Some(HoldState::Kept));
        // Receiving shares never breaks a hold; a holder without a binding has none.
        assert_eq!(
            (ledger.hold_state(dave, 1), ledger.start_hold(dave, &held(1, 2), 1, 1), ledger.hold_state(dave, 1)),
            (None, Ok(()), None)
        );
        // A hold ending past the last epoch is refused, and starts nothing.
        ledger.bind(spender, partner, 3).unwrap();
        assert_eq!(ledger.start_hold(spender, &held(1, u32::MAX - 2), 1, 1), Err(Error::Overflow));
        assert_eq!(ledger.hold_state(spender, 3), None);
    }
}
