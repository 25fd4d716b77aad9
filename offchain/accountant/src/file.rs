//! The allocation file: one amount per account with its breakdown, its canonical bytes
//! (SCALE, accounts in ascending byte order: the vault's chunk order) and its
//! blake2-256 hash.
use crate::input::PeriodInput;
use crate::InputError;
use ink::primitives::AccountId;
use ink::scale::{Decode, Encode};
use std::collections::BTreeMap;

/// Where an account's amount comes from.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct Breakdown {
    /// As a partner: rewards from its referees' fees.
    pub partner_reward: u128,
    /// As a referee: the discount on its own fees.
    pub referee_discount: u128,
    /// As a referrer two or more levels up the chain (multi-level programs).
    pub upline_reward: u128,
}

impl Breakdown {
    pub fn total(&self) -> Option<u128> {
        self.partner_reward.checked_add(self.referee_discount)?.checked_add(self.upline_reward)
    }

    pub(crate) fn add_upline(&mut self, amount: u128) -> Result<(), ()> {
        self.upline_reward = self.upline_reward.checked_add(amount).ok_or(())?;
        Ok(())
    }

    pub(crate) fn add_reward(&mut self, amount: u128) -> Result<(), ()> {
        self.partner_reward = self.partner_reward.checked_add(amount).ok_or(())?;
        Ok(())
    }

    pub(crate) fn add_discount(&mut self, amount: u128) -> Result<(), ()> {
        self.referee_discount = self.referee_discount.checked_add(amount).ok_or(())?;
        Ok(())
    }
}

/// One line of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct Allocation {
    pub account: AccountId,
    pub amount: u128,
    pub breakdown: Breakdown,
}

/// The period's allocations.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct AllocationFile {
    pub period: u32,
    pub start: u64,
    pub end: u64,
    /// The epochs accounted, inclusive (`None` when the period has none).
    pub epochs: Option<(u32, u32)>,
    /// Protocol fees of those epochs.
    pub fees: u128,
    /// Sum of the allocations.
    pub allocated: u128,
    /// What stays with the protocol: `fees - allocated`.
    pub remainder: u128,
    /// Ascending by account bytes, amounts above zero.
    pub allocations: Vec<Allocation>,
}

impl AllocationFile {
    pub(crate) fn new(input: &PeriodInput, rows: BTreeMap<AccountId, Breakdown>) -> Result<Self, InputError> {
        let mut allocations = Vec::with_capacity(rows.len());
        let mut allocated: u128 = 0;
        // BTreeMap iterates in ascending key order: AccountId orders by its bytes.
        for (account, breakdown) in rows {
            let amount = breakdown.total().ok_or(InputError::Overflow)?;
            allocated = allocated.checked_add(amount).ok_or(InputError::Overflow)?;
            allocations.push(Allocation { account, amount, breakdown });
        }
        let fees = input.fees().ok_or(InputError::Overflow)?;
        // Every floor favours the protocol, so the allocations never exceed the fees.
        let remainder = fees.checked_sub(allocated).ok_or(InputError::Overflow)?;
        let epochs = input.epochs.first().zip(input.epochs.last()).map(|(a, b)| (a.epoch, b.epoch));
        Ok(Self { period: input.period, start: input.start, end: input.end, epochs, fees, allocated, remainder, allocations })
    }

    /// The canonical bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.encode()
    }

    pub fn from_bytes(mut bytes: &[u8]) -> Option<Self> {
        Self::decode(&mut bytes).ok().filter(|_| bytes.is_empty())
    }

    /// blake2-256 of the canonical bytes: the vault's `allocation_hash`.
    pub fn hash(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&self.to_bytes(), &mut out);
        out
    }

    /// `hash()` as 0x-prefixed hex (the vault's `Hash` argument).
    pub fn hash_hex(&self) -> String {
        use std::fmt::Write;
        self.hash().iter().fold(String::from("0x"), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
    }

    /// The `(account, amount)` pairs in the vault's order, cut into chunks of `size`.
    pub fn chunks(&self, size: usize) -> Vec<Vec<(AccountId, u128)>> {
        let pairs: Vec<(AccountId, u128)> = self.allocations.iter().map(|a| (a.account, a.amount)).collect();
        pairs.chunks(size.max(1)).map(|c| c.to_vec()).collect()
    }
}
