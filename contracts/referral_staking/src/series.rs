//! Time-weighted balances: share-seconds, kept per epoch.
//!
//! A series follows one quantity over time (an account's shares, a partner's referred
//! shares, the total supply) and integrates it, in share-seconds, epoch by epoch: every
//! figure the accountant and a partner's share of TVL need is an epoch's (the protocol
//! fee is reported per epoch). The head (`Series`) lives next to the quantity, so a
//! change within the epoch of the previous one reads and writes nothing else; the first
//! change in a later epoch stores the closed epoch's `EpochTotal` once. A series thus
//! stores at most one item per epoch in which it changed, however often it changes, and
//! the epochs without a change follow from the stored ones: the quantity held through
//! them is the closing value of the last epoch before them that has a total.
//!
//! Time is in whole seconds (block time in milliseconds, rounded down; epochs are whole
//! seconds long): the integral is exact for that clock, and a `u128` holds 10^27 shares
//! for ten billion years.
use crate::errors::{Error, Result};

/// Block time in the seconds the series count in.
pub fn seconds(timestamp_ms: u64) -> u64 {
    timestamp_ms.checked_div(1000).unwrap_or_default()
}

/// The contract's epochs, in seconds: epoch `e` is `[genesis + e x length, genesis +
/// (e + 1) x length)`; a time before genesis belongs to epoch 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Epochs {
    pub genesis: u64,
    pub length: u64,
}

impl Epochs {
    /// From the configuration's milliseconds (whole seconds, checked at instantiation).
    pub fn from_ms(genesis_ms: u64, length_ms: u64) -> Self {
        Epochs { genesis: seconds(genesis_ms), length: seconds(length_ms) }
    }

    /// The epoch `time` falls in (`u32::MAX` beyond it).
    pub fn of(&self, time: u64) -> u32 {
        let elapsed = time.saturating_sub(self.genesis);
        u32::try_from(elapsed.checked_div(self.length).unwrap_or_default()).unwrap_or(u32::MAX)
    }

    /// The first second of `epoch`.
    pub fn start(&self, epoch: u32) -> Result<u64> {
        self.length.checked_mul(u64::from(epoch)).and_then(|offset| offset.checked_add(self.genesis)).ok_or(Error::Overflow)
    }

    /// The first second after `epoch`.
    pub fn end(&self, epoch: u32) -> Result<u64> {
        self.start(epoch)?.checked_add(self.length).ok_or(Error::Overflow)
    }
}

/// The time of a change: the block's second and the epochs it is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: u64,
    pub epochs: Epochs,
}

/// What a series stores for an epoch in which it changed, once that epoch is over.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct EpochTotal {
    /// Share-seconds over the whole epoch.
    pub share_seconds: u128,
    /// The quantity at the epoch's end, held through every later epoch up to the next
    /// one with a total.
    pub closing: u128,
    /// The latest earlier epoch with a total, if any.
    pub previous: Option<u32>,
}

/// The head of a series: the epoch of its latest change and the share-seconds of that
/// epoch up to it. The current value is kept by its owner (a balance, a TVL).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Series {
    /// The epoch of the latest change.
    pub epoch: u32,
    /// Time of the latest change, in seconds.
    pub last: u64,
    /// Share-seconds from the start of `epoch` up to `last`.
    pub in_epoch: u128,
    /// The latest epoch before `epoch` with a stored total, if any.
    pub previous: Option<u32>,
}

impl Series {
    /// The quantity changes from `before` at `at`: moves the head and returns the closed
    /// epoch's total to store, when this is the first change of a later epoch (none for
    /// a series that never held anything). Nothing changes on error.
    pub fn record(&mut self, before: u128, at: Clock) -> Result<Option<(u32, EpochTotal)>> {
        let epoch = at.epochs.of(at.now);
        if epoch == self.epoch {
            self.in_epoch = integral(self.in_epoch, self.last, before, at.now)?;
            self.last = at.now;
            return Ok(None);
        }
        if epoch < self.epoch {
            return Err(Error::Overflow); // time never runs backwards on a chain
        }
        let end = at.epochs.end(self.epoch)?;
        let closed = EpochTotal {
            share_seconds: integral(self.in_epoch, self.last, before, end)?,
            closing: before,
            previous: self.previous,
        };
        let in_epoch = integral(0, at.epochs.start(epoch)?, before, at.now)?;
        // Nothing held yet: there is nothing to remember about the past.
        let closed_epoch = self.epoch;
        let pristine = closed == EpochTotal::default();
        let previous = if pristine { self.previous } else { Some(closed_epoch) };
        *self = Series { epoch, last: at.now, in_epoch, previous };
        Ok((!pristine).then_some((closed_epoch, closed)))
    }

    /// Share-seconds held in `epoch` (up to `now` for the current one), `value` being
    /// the current quantity; `stored(e)` reads epoch `e`'s total. Reads nothing for the
    /// head's epoch or a later one; for an earlier one, the totals stored from the
    /// head's back to it.
    pub fn share_seconds(&self, value: u128, epoch: u32, at: Clock, stored: &dyn Fn(u32) -> Option<EpochTotal>) -> Result<u128> {
        if epoch > at.epochs.of(at.now) {
            return Err(Error::EpochInFuture);
        }
        let start = at.epochs.start(epoch)?;
        let end = at.epochs.end(epoch)?.min(at.now).max(start);
        if epoch > self.epoch {
            return integral(0, start, value, end);
        }
        if epoch == self.epoch {
            return integral(self.in_epoch, self.last, value, end.max(self.last));
        }
        let mut next = self.previous;
        while let Some(at_epoch) = next {
            let total = stored(at_epoch).ok_or(Error::Overflow)?;
            if at_epoch == epoch {
                return Ok(total.share_seconds);
            }
            if at_epoch < epoch {
                return integral(0, start, total.closing, end);
            }
            next = total.previous;
        }
        Ok(0) // before the first change the quantity was zero
    }
}

/// `accumulated` at `since`, plus `value` held from `since` to `time`.
fn integral(accumulated: u128, since: u64, value: u128, time: u64) -> Result<u128> {
    let elapsed = time.checked_sub(since).ok_or(Error::Overflow)?;
    value.checked_mul(u128::from(elapsed)).and_then(|grown| grown.checked_add(accumulated)).ok_or(Error::Overflow)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use referral_common::testing::Rng;
    use std::collections::BTreeMap;

    /// Epochs of 100 s from t = 1,000.
    const EPOCHS: Epochs = Epochs { genesis: 1_000, length: 100 };

    fn at(now: u64) -> Clock {
        Clock { now, epochs: EPOCHS }
    }

    /// A series with its stored totals in a map, driven like the contract drives it.
    #[derive(Default)]
    struct Tracked {
        head: Series,
        value: u128,
        stored: BTreeMap<u32, EpochTotal>,
    }

    impl Tracked {
        fn set(&mut self, value: u128, now: u64) {
            if let Some((epoch, total)) = self.head.record(self.value, at(now)).unwrap() {
                assert!(self.stored.insert(epoch, total).is_none(), "epoch {epoch} stored twice");
            }
            self.value = value;
        }
        fn in_epoch(&self, epoch: u32, now: u64) -> Result<u128> {
            self.head.share_seconds(self.value, epoch, at(now), &|e| self.stored.get(&e).copied())
        }
    }

    #[test]
    fn epochs_are_whole_intervals_from_genesis() {
        assert_eq!((EPOCHS.of(0), EPOCHS.of(1_099), EPOCHS.of(1_100), EPOCHS.of(1_250)), (0, 0, 1, 2));
        assert_eq!((EPOCHS.start(2), EPOCHS.end(2)), (Ok(1_200), Ok(1_300)));
        assert_eq!(Epochs { genesis: 0, length: 1 }.of(u64::MAX), u32::MAX);
        assert_eq!(Epochs { genesis: u64::MAX, length: 1 }.end(0), Err(Error::Overflow));
        assert_eq!(Epochs::from_ms(1_000_999, 86_400_000), Epochs { genesis: 1_000, length: 86_400 });
    }

    #[test]
    fn epoch_figures_match_a_hand_calculation() {
        let mut s = Tracked::default();
        s.set(100, 1_010); // epoch 0: 100 from 1,010
        s.set(250, 1_040); // 250 from 1,040
        s.set(0, 1_230); // epoch 2: none from 1,230
        s.set(50, 1_530); // epoch 5: 50 from 1,530
        let now = 1_560;
        assert_eq!(s.in_epoch(0, now), Ok(100 * 30 + 250 * 60));
        assert_eq!(s.in_epoch(1, now), Ok(250 * 100)); // no change in epoch 1
        assert_eq!(s.in_epoch(2, now), Ok(250 * 30));
        assert_eq!((s.in_epoch(3, now), s.in_epoch(4, now)), (Ok(0), Ok(0)));
        assert_eq!(s.in_epoch(5, now), Ok(50 * 30)); // the current epoch, up to now
        assert_eq!(s.in_epoch(6, now), Err(Error::EpochInFuture));
        // One total per epoch with a change, the head's epoch excepted.
        assert_eq!(s.stored.keys().copied().collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(s.stored[&2], EpochTotal { share_seconds: 250 * 30, closing: 0, previous: Some(0) });
        assert_eq!(s.head, Series { epoch: 5, last: 1_530, in_epoch: 0, previous: Some(2) });
    }

    #[test]
    fn many_changes_in_an_epoch_store_one_total() {
        let mut s = Tracked::default();
        for t in 0..100u64 {
            s.set(u128::from(t) + 1, 1_000 + t);
        }
        assert!(s.stored.is_empty());
        s.set(0, 1_100);
        assert_eq!(s.stored.len(), 1);
        assert_eq!(s.in_epoch(0, 1_100), Ok((1..=100u128).sum()));
        assert_eq!(s.in_epoch(1, 1_150), Ok(0));
    }

    #[test]
    fn a_series_that_never_held_stores_nothing() {
        let mut s = Tracked::default();
        s.set(0, 1_050);
        s.set(0, 1_350);
        s.set(7, 1_650); // the first holding, in epoch 6
        assert!(s.stored.is_empty());
        assert_eq!((s.in_epoch(0, 1_700), s.in_epoch(5, 1_700), s.in_epoch(6, 1_700)), (Ok(0), Ok(0), Ok(7 * 50)));
    }

    /// Random changes over 40 epochs: every epoch's figure is the second-by-second sum.
    #[test]
    fn epoch_figures_equal_the_sum_over_every_second() {
        for seed in 0..20 {
            let mut rng = Rng::from_seed(seed);
            let mut s = Tracked::default();
            let mut per_second = Vec::new(); // the value held in each second from genesis
            let mut now = 1_000;
            while now < 5_000 {
                let value = u128::from(rng.below(1_000));
                let longest = if rng.below(4) == 0 { 400 } else { 30 };
                let next = now + rng.below(longest) + 1;
                s.set(value, now);
                per_second.extend(std::iter::repeat(value).take((next - now) as usize));
                now = next;
            }
            let stored_before = s.stored.len();
            for epoch in 0..EPOCHS.of(now) {
                let range = (epoch as usize * 100)..((epoch as usize + 1) * 100);
                let expected: u128 = per_second[range].iter().sum();
                assert_eq!(s.in_epoch(epoch, now), Ok(expected), "seed {seed} epoch {epoch}");
            }
            assert!(stored_before <= EPOCHS.of(now) as usize);
        }
    }

    #[test]
    fn a_refused_record_leaves_the_head_unchanged() {
        let mut head = Series { epoch: 3, last: 1_350, in_epoch: u128::MAX, previous: None };
        let before = head;
        assert_eq!(head.record(1, at(1_360)), Err(Error::Overflow));
        assert_eq!(head.record(1, at(1_450)), Err(Error::Overflow));
        assert_eq!(head.record(1, at(1_250)), Err(Error::Overflow)); // an earlier epoch
        assert_eq!(head, before);
    }
}
