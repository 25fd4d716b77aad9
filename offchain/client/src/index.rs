//! What an indexer learns from the staking contract's events: the bound referees (the
//! contract does not enumerate them) and the codes with their owners. The client reads
//! each submitted call's events into it, as an indexer follows a node. It also counts
//! the sign-up bonuses the bindings earned or skipped (the vault's and staking's events),
//! and keeps the referees whose bonus is held until their hold is settled.
use crate::address::AccountId;
use ink::env::Event;
use ink::scale::Decode;
use referral_common::bonus::{BonusSkipReason, SignupBonusCredited, SignupBonusForfeited, SignupBonusHeld, SignupBonusSkipped};
use referral_staking::events::{CodeOwnerChanged, CodeRegistered, ReferralBound};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct Index {
    /// Bound addresses in binding order, each with its partner.
    pub referees: Vec<(AccountId, AccountId)>,
    /// Registered codes in registration order, with their current owner.
    pub codes: Vec<(String, AccountId)>,
    /// Each binding's bonus, in binding order: the referee and the amount credited to
    /// both sides, or why it was skipped.
    pub bonuses: Vec<(AccountId, Result<u128, BonusSkipReason>)>,
    /// Referees whose bonus is held, in binding order, until it is settled (then it
    /// is in `bonuses` if credited, in `forfeited` if not).
    pub held: Vec<AccountId>,
    /// Referees whose held bonus was forfeited (their stake fell during the hold).
    pub forfeited: Vec<AccountId>,
}

impl Index {
    /// Takes in one event the staking contract emitted (`topics` as deposited; the first
    /// is the event's signature). Other events are ignored.
    pub fn take(&mut self, topics: &[[u8; 32]], mut data: &[u8]) {
        let Some(signature) = topics.first() else { return };
        let is = |topic: Option<[u8; 32]>| topic.as_ref() == Some(signature);
        if is(ReferralBound::SIGNATURE_TOPIC) {
            if let Ok(e) = ReferralBound::decode(&mut data) {
                self.referees.push((e.referee, e.partner));
            }
        } else if is(CodeRegistered::SIGNATURE_TOPIC) {
            if let Ok(e) = CodeRegistered::decode(&mut data) {
                self.codes.push((e.code, e.owner));
            }
        } else if is(SignupBonusCredited::SIGNATURE_TOPIC) {
            if let Ok(e) = SignupBonusCredited::decode(&mut data) {
                self.held.retain(|r| *r != e.referee);
                self.bonuses.push((e.referee, Ok(e.bonus.total().unwrap_or(u128::MAX))));
            }
        } else if is(SignupBonusHeld::SIGNATURE_TOPIC) {
            if let Ok(e) = SignupBonusHeld::decode(&mut data) {
                self.held.push(e.referee);
            }
        } else if is(SignupBonusForfeited::SIGNATURE_TOPIC) {
            if let Ok(e) = SignupBonusForfeited::decode(&mut data) {
                self.held.retain(|r| *r != e.referee);
                self.forfeited.push(e.referee);
            }
        } else if is(SignupBonusSkipped::SIGNATURE_TOPIC) {
            if let Ok(e) = SignupBonusSkipped::decode(&mut data) {
                self.bonuses.push((e.referee, Err(e.reason)));
            }
        } else if is(CodeOwnerChanged::SIGNATURE_TOPIC) {
            if let Ok(e) = CodeOwnerChanged::decode(&mut data) {
                if let Some(entry) = self.codes.iter_mut().find(|(code, _)| *code == e.code) {
                    entry.1 = e.to;
                }
            }
        }
    }

    /// The bound referees.
    pub fn referee_accounts(&self) -> Vec<AccountId> {
        self.referees.iter().map(|(referee, _)| *referee).collect()
    }

    /// Partners: owners of a code or of a binding, each once, codes' order first.
    pub fn partners(&self) -> Vec<AccountId> {
        let mut out: Vec<AccountId> = Vec::new();
        for who in self.codes.iter().map(|(_, o)| o).chain(self.referees.iter().map(|(_, p)| p)) {
            if !out.contains(who) {
                out.push(*who);
            }
        }
        out
    }

    /// The partner `referee` is bound to.
    pub fn referrer_of(&self, referee: &AccountId) -> Option<&AccountId> {
        self.referees.iter().find(|(r, _)| r == referee).map(|(_, partner)| partner)
    }

    /// Bonuses credited (count, amount to both sides) and skipped, by reason.
    pub fn bonus_counts(&self) -> (usize, u128, Vec<(BonusSkipReason, usize)>) {
        let mut skipped: Vec<(BonusSkipReason, usize)> = Vec::new();
        let (mut credited, mut amount) = (0, 0u128);
        for (_, outcome) in &self.bonuses {
            match outcome {
                Ok(total) => (credited, amount) = (credited + 1, amount.saturating_add(*total)),
                Err(reason) => match skipped.iter_mut().find(|(r, _)| r == reason) {
                    Some((_, n)) => *n += 1,
                    None => skipped.push((*reason, 1)),
                },
            }
        }
        (credited, amount, skipped)
    }

    /// The codes `partner` owns.
    pub fn codes_of(&self, partner: &AccountId) -> Vec<String> {
        self.codes.iter().filter(|(_, owner)| owner == partner).map(|(code, _)| code.clone()).collect()
    }

    /// The owner of `code`.
    pub fn owner_of(&self, code: &str) -> Option<AccountId> {
        self.codes.iter().find(|(c, _)| c == code).map(|(_, owner)| *owner)
    }
}
