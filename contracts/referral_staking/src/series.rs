//! Time-weighted balances: share-seconds with checkpoints.
//!
//! A series follows one quantity over time (an account's shares, a partner's referred
//! shares, the total supply) and accumulates its integral, in share-seconds. The head
//! (`Series`) lives next to the quantity, so an update reads nothing extra; each update
//! writes one `Checkpoint`, and two updates in the same block share one. The integral over
//! any past interval is then a binary search over the checkpoints away.
//!
//! Time is in whole seconds (block time in milliseconds, rounded down): the integral is
//! exact for that clock, and a `u128` holds 10^27 shares for ten billion years.
use crate::errors::{Error, Result};

/// Block time in the seconds the series count in.
pub fn seconds(timestamp_ms: u64) -> u64 {
    timestamp_ms.checked_div(1000).unwrap_or_default()
}

/// The integral of a quantity at one moment, and the quantity from then on.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Checkpoint {
    /// Block time, in seconds.
    pub time: u64,
    /// Share-seconds accumulated up to `time`.
    pub accumulated: u128,
    /// The quantity from `time` until the next checkpoint.
    pub value: u128,
}

/// The head of a series: its latest checkpoint's time and integral, and how many
/// checkpoints it has. The current value is kept by its owner (a balance, a TVL).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Series {
    /// Share-seconds accumulated up to `last`.
    pub accumulated: u128,
    /// Time of the latest checkpoint, in seconds.
    pub last: u64,
    /// Number of checkpoints stored.
    pub count: u32,
}

impl Series {
    /// The quantity changes from `before` to `after` at `now`: returns the checkpoint to
    /// store and its index (the last one again within the same second, so at most one
    /// checkpoint per block), and moves the head. Nothing changes on error.
    pub fn record(&mut self, before: u128, after: u128, now: u64) -> Result<(u32, Checkpoint)> {
        let accumulated = self.accumulated_at(before, now)?;
        let same_block = self.count > 0 && self.last == now;
        let (index, count) = if same_block {
            (self.count.saturating_sub(1), self.count)
        } else {
            (self.count, self.count.checked_add(1).ok_or(Error::Overflow)?)
        };
        *self = Series { accumulated, last: now, count };
        Ok((index, Checkpoint { time: now, accumulated, value: after }))
    }

    /// Share-seconds up to `time` >= the head's time, with `value` held since the head.
    pub fn accumulated_at(&self, value: u128, time: u64) -> Result<u128> {
        if self.count == 0 {
            return Ok(0);
        }
        integral(self.accumulated, self.last, value, time)
    }

    /// Share-seconds accumulated up to `time` (seconds, not after `now`), `value` being
    /// the current quantity; `checkpoint(i)` reads the i-th stored checkpoint. Reads
    /// nothing when `time` is at or after the head, else O(log count) checkpoints.
    pub fn accumulated_until(
        &self,
        value: u128,
        time: u64,
        now: u64,
        checkpoint: &dyn Fn(u32) -> Option<Checkpoint>,
    ) -> Result<u128> {
        if time > now {
            return Err(Error::TimestampInFuture);
        }
        if self.count == 0 {
            return Ok(0);
        }
        if time >= self.last {
            return self.accumulated_at(value, time);
        }
        // The last checkpoint at or before `time`: search [low, high).
        let (mut low, mut high) = (0u32, self.count);
        while low < high {
            let middle = low.saturating_add(high.saturating_sub(low) / 2);
            let at = checkpoint(middle).ok_or(Error::Overflow)?;
            if at.time <= time {
                low = middle.saturating_add(1);
            } else {
                high = middle;
            }
        }
        let Some(index) = low.checked_sub(1) else {
            return Ok(0); // before the first checkpoint the quantity was zero
        };
        let at = checkpoint(index).ok_or(Error::Overflow)?;
        integral(at.accumulated, at.time, at.value, time)
    }

    /// Share-seconds over `[from, to]` (seconds, `to` not after `now`).
    pub fn accumulated_between(
        &self,
        value: u128,
        from: u64,
        to: u64,
        now: u64,
        checkpoint: &dyn Fn(u32) -> Option<Checkpoint>,
    ) -> Result<u128> {
        if from > to {
            return Err(Error::InvalidInterval);
        }
        let end = self.accumulated_until(value, to, now, checkpoint)?;
        let start = self.accumulated_until(value, from, now, checkpoint)?;
        end.checked_sub(start).ok_or(Error::Overflow)
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

    /// A series with its checkpoints in a Vec, driven like the contract drives it.
    #[derive(Default)]
    struct Tracked {
        head: Series,
        value: u128,
        stored: Vec<Checkpoint>,
    }

    impl Tracked {
        fn set(&mut self, value: u128, now: u64) {
            let (index, cp) = self.head.record(self.value, value, now).unwrap();
            if index as usize == self.stored.len() {
                self.stored.push(cp);
            } else {
                self.stored[index as usize] = cp;
            }
            self.value = value;
        }
        fn between(&self, from: u64, to: u64, now: u64) -> Result<u128> {
            self.head.accumulated_between(self.value, from, to, now, &|i| self.stored.get(i as usize).copied())
        }
    }

    #[test]
    fn integral_matches_a_hand_calculation() {
        let mut s = Tracked::default();
        s.set(100, 10); // 100 shares from t=10
        s.set(250, 40); // 250 from t=40
        s.set(0, 100); // none from t=100
        s.set(50, 130);
        // [0, 200]: 100*30 + 250*60 + 0*30 + 50*70
        assert_eq!(s.between(0, 200, 200), Ok(3_000 + 15_000 + 3_500));
        // [20, 50]: 100*20 + 250*10
        assert_eq!(s.between(20, 50, 200), Ok(4_500));
        // inside one constant stretch, before any checkpoint, and empty intervals
        assert_eq!(s.between(41, 42, 200), Ok(250));
        assert_eq!(s.between(0, 10, 200), Ok(0));
        assert_eq!(s.between(60, 60, 200), Ok(0));
        assert_eq!(s.stored.len(), 4);
    }

    #[test]
    fn one_checkpoint_per_block() {
        let mut s = Tracked::default();
        s.set(10, 5);
        s.set(30, 5);
        s.set(20, 5);
        assert_eq!(s.stored.len(), 1);
        assert_eq!(s.head.count, 1);
        assert_eq!(s.between(5, 15, 15), Ok(200));
    }

    #[test]
    fn queries_in_the_future_or_backwards_are_refused() {
        let mut s = Tracked::default();
        s.set(10, 5);
        assert_eq!(s.between(0, 11, 10), Err(Error::TimestampInFuture));
        assert_eq!(s.between(8, 7, 10), Err(Error::InvalidInterval));
    }

    #[test]
    fn empty_series_has_no_integral() {
        let s = Tracked::default();
        assert_eq!(s.between(0, 100, 100), Ok(0));
    }

    #[test]
    fn refused_record_leaves_head_unchanged() {
        let mut head = Series { accumulated: u128::MAX, last: 1, count: 1 };
        let before = head;
        assert_eq!(head.record(1, 2, 2), Err(Error::Overflow));
        assert_eq!(head, before);
    }
}
