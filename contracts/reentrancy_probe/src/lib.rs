//! A hostile contract, for the reentrancy tests only (never part of a deployment).
//!
//! It can stand in every place where the suite sends funds or makes a call: a payout
//! address, a code owner, a staker, the staking contract's vault, the vault's
//! governance, governance's token. Whenever one of the suite's contracts calls any of
//! its messages, it first makes the call it was armed with (`arm`): typically a call
//! back into the contract that called it. pallet-contracts refuses such a reentry
//! (none of the suite's calls allows it), which traps the probe; a call that is not a
//! reentry goes through and is recorded.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod reentrancy_probe {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::prelude::vec::Vec;
    use referral_common::bonus::{
        BonusError, BonusOutcome, BonusSkipReason, HoldState, SignupBonus, SignupBonusSource, SignupBonusVault, SignupHoldSource,
    };
    use referral_common::psp22::{PSP22Error, PSP22};

    /// Where the attempts are kept: written from `&self` messages too.
    const ATTEMPTS_KEY: u32 = 0x7072_6f62;

    /// What a call the probe made came to.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Attempt {
        /// Went through.
        Done,
        /// Reverted, or failed in a way the probe survives.
        Refused,
    }

    /// Input bytes sent as they are (selector included).
    struct Raw<'a>(&'a [u8]);

    impl ink::scale::Encode for Raw<'_> {
        fn size_hint(&self) -> usize {
            self.0.len()
        }
        fn encode_to<T: ink::scale::Output + ?Sized>(&self, dest: &mut T) {
            dest.write(self.0);
        }
    }

    /// A call's answer, read to the end; only whether it is an `Err` matters. Every
    /// message the probe calls answers a `Result`, whose first byte is 1 for `Err`
    /// (ink! hands back a reverted call's answer too).
    struct Answer {
        is_err: bool,
    }

    impl ink::scale::Decode for Answer {
        fn decode<I: ink::scale::Input>(input: &mut I) -> Result<Self, ink::scale::Error> {
            let is_err = input.read_byte() == Ok(1);
            while input.read_byte().is_ok() {}
            Ok(Answer { is_err })
        }
    }

    #[ink(storage)]
    pub struct ReentrancyProbe {
        /// The call it makes when called: contract and input (selector and arguments).
        armed: Option<(AccountId, Vec<u8>)>,
    }

    impl Default for ReentrancyProbe {
        fn default() -> Self {
            Self::new()
        }
    }

    impl ReentrancyProbe {
        #[ink(constructor)]
        pub fn new() -> Self {
            Self { armed: None }
        }

        /// Arms the probe: `input` (selector and SCALE arguments) to `target` whenever
        /// the suite calls it; `None` disarms it.
        #[ink(message)]
        pub fn arm(&mut self, call: Option<(AccountId, Vec<u8>)>) {
            self.armed = call;
        }

        /// The calls it made when the suite called it, and what they came to.
        #[ink(message)]
        pub fn attempts(&self) -> Vec<Attempt> {
            ink::env::get_contract_storage(&ATTEMPTS_KEY).ok().flatten().unwrap_or_default()
        }

        /// Makes a call as the probe (to stake, claim, name a payout address), with
        /// `value` from its own balance; whether it went through.
        #[ink(message)]
        pub fn act(&mut self, target: AccountId, input: Vec<u8>, value: Balance) -> bool {
            Self::call(target, &input, value) == Attempt::Done
        }

        fn call(target: AccountId, input: &[u8], value: Balance) -> Attempt {
            let Some((selector, args)) = input.split_first_chunk::<4>() else { return Attempt::Refused };
            let outcome = build_call::<ink::env::DefaultEnvironment>()
                .call(target)
                .transferred_value(value)
                .exec_input(ExecutionInput::new(Selector::new(*selector)).push_arg(Raw(args)))
                .returns::<Answer>()
                .try_invoke();
            match outcome {
                Ok(Ok(Answer { is_err: false })) => Attempt::Done,
                _ => Attempt::Refused,
            }
        }

        /// Makes the armed call and records what it came to. A denied reentry traps
        /// here: nothing is recorded, and the suite's contract sees its call fail.
        fn strike(&self) {
            if let Some((target, input)) = &self.armed {
                let attempt = Self::call(*target, input, 0);
                let mut attempts = self.attempts();
                attempts.push(attempt);
                ink::env::set_contract_storage(&ATTEMPTS_KEY, &attempts);
            }
        }
    }

    /// As the staking contract's vault.
    impl SignupBonusVault for ReentrancyProbe {
        #[ink(message)]
        fn credit_signup_bonus(
            &mut self,
            _referrer: AccountId,
            _referee: AccountId,
            _staked: u128,
        ) -> Result<BonusOutcome, BonusError> {
            self.strike();
            Ok(BonusOutcome::Skipped(BonusSkipReason::BonusOff))
        }
    }

    /// As the vault's staking contract, asked for a referee's hold: kept.
    impl SignupHoldSource for ReentrancyProbe {
        #[ink(message)]
        fn signup_hold_state(&self, _referee: AccountId) -> Option<HoldState> {
            self.strike();
            Some(HoldState::Kept)
        }
    }

    /// As the vault's governance.
    impl SignupBonusSource for ReentrancyProbe {
        #[ink(message)]
        fn signup_bonus_at(&self, _time: Timestamp) -> Option<SignupBonus> {
            self.strike();
            None
        }

        /// No bonus, good for no time: the vault asks again on every binding.
        #[ink(message)]
        fn signup_bonus_until(&self, time: Timestamp) -> (Option<SignupBonus>, Timestamp) {
            self.strike();
            (None, time)
        }
    }

    /// As governance's token: every transfer "succeeds" after the armed call.
    impl PSP22 for ReentrancyProbe {
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            0
        }
        #[ink(message)]
        fn balance_of(&self, _owner: AccountId) -> u128 {
            0
        }
        #[ink(message)]
        fn allowance(&self, _owner: AccountId, _spender: AccountId) -> u128 {
            0
        }
        #[ink(message)]
        fn transfer(&mut self, _to: AccountId, _value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            self.strike();
            Ok(())
        }
        #[ink(message)]
        fn transfer_from(&mut self, _from: AccountId, _to: AccountId, _value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            self.strike();
            Ok(())
        }
        #[ink(message)]
        fn approve(&mut self, _spender: AccountId, _value: u128) -> Result<(), PSP22Error> {
            Ok(())
        }
        #[ink(message)]
        fn increase_allowance(&mut self, _spender: AccountId, _delta_value: u128) -> Result<(), PSP22Error> {
            Ok(())
        }
        #[ink(message)]
        fn decrease_allowance(&mut self, _spender: AccountId, _delta_value: u128) -> Result<(), PSP22Error> {
            Ok(())
        }
    }
}
