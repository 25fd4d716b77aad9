//! The actions a random sequence is made of: every user and operator message of the
//! three contracts, mostly by the role allowed to call it and sometimes by a user who
//! is not, with amounts at their edges (0, 1, `u128::MAX`) among ordinary ones.
use proptest::prelude::*;
use referral_e2e_tests::UNIT;

/// The sequence's users (stakers, partners, voters): indexes into `Run::users`.
pub const USERS: u8 = 5;
/// Codes the sequence uses: "bob" and "eve" exist from the start, the others once
/// registered; the last one is malformed.
pub const CODES: [&str; 8] = ["bob", "eve", "Code-0", "code-1", "CODE_2", "code-3", "code-4", "no way!"];

#[derive(Debug, Clone, Copy)]
pub enum Amount {
    Zero,
    One,
    /// Hundredths of a unit.
    Cents(u16),
    /// Thousands of units.
    Thousands(u8),
    Max,
}

impl Amount {
    pub fn value(self) -> u128 {
        match self {
            Amount::Zero => 0,
            Amount::One => 1,
            Amount::Cents(n) => u128::from(n) * UNIT / 100,
            Amount::Thousands(n) => u128::from(n) * 1_000 * UNIT,
            Amount::Max => u128::MAX,
        }
    }
}

/// Who makes a privileged call: the role allowed to (`None`) or a user who is not.
pub type Caller = Option<u8>;

#[derive(Debug, Clone)]
pub enum Action {
    Stake {
        who: u8,
        amount: Amount,
        code: Option<u8>,
    },
    /// `part`/200 of the staker's shares (above 200: more than it holds).
    Unstake {
        who: u8,
        part: u8,
    },
    Transfer {
        from: u8,
        to: u8,
        part: u8,
    },
    Approve {
        owner: u8,
        spender: u8,
        amount: Amount,
    },
    TransferFrom {
        spender: u8,
        from: u8,
        to: u8,
        part: u8,
    },
    ReportRewards {
        caller: Caller,
        amount: Amount,
    },
    WithdrawFees {
        caller: Caller,
        part: u8,
    },
    RegisterCode {
        caller: Caller,
        code: u8,
        owner: u8,
    },
    /// By the code's owner, or by `caller` if set.
    SetCodeActive {
        caller: Caller,
        code: u8,
        active: bool,
    },
    TransferCode {
        caller: Caller,
        code: u8,
        to: u8,
    },
    PauseStaking {
        caller: Caller,
        paused: bool,
    },
    PauseVault {
        caller: Caller,
        paused: bool,
    },
    /// The next period, over `days` from the end of the last one.
    OpenPeriod {
        caller: Caller,
        days: u8,
    },
    /// Allocations to users; `hostile` sends them as drawn (unsorted, repeated, zero,
    /// mis-funded) instead of as the allocation file would.
    AddChunk {
        caller: Caller,
        allocations: Vec<(u8, Amount)>,
        hostile: bool,
    },
    Seal {
        caller: Caller,
        exact: bool,
    },
    /// The open or a recent period (`back` periods before the last).
    Revoke {
        caller: Caller,
        back: u8,
    },
    Claim {
        who: u8,
    },
    ClaimFor {
        caller: u8,
        account: u8,
    },
    SetPayout {
        who: u8,
        to: Option<u8>,
    },
    FundBonus {
        by: u8,
        amount: Amount,
    },
    WithdrawBonus {
        caller: Caller,
        part: u8,
        to: u8,
    },
    /// Settles `referee`'s held sign-up bonus, by anyone.
    SettleBonus {
        by: u8,
        referee: u8,
    },
    Associate {
        who: u8,
        amount: Amount,
    },
    Disassociate {
        who: u8,
        part: u8,
    },
    /// Frak's program (with a sign-up bonus), closing and enacted two days ahead; or,
    /// not `timely`, closing now (out of range).
    Propose {
        who: u8,
        timely: bool,
    },
    Vote {
        who: u8,
        back: u8,
        accept: bool,
    },
    Finalize {
        by: u8,
        back: u8,
    },
    /// Moves the clock (whole seconds).
    Advance {
        seconds: u32,
    },
}

/// Every kind of action, as `Action::kind` names them.
pub const KINDS: [&str; 29] = [
    "stake_with_code",
    "stake",
    "unstake",
    "transfer",
    "approve",
    "transfer_from",
    "report_rewards",
    "withdraw_fees",
    "register_code",
    "set_code_active",
    "transfer_code",
    "staking.set_paused",
    "vault.set_paused",
    "open_period",
    "add_allocations",
    "seal_period",
    "revoke_period",
    "claim",
    "claim_for",
    "set_payout_address",
    "fund_bonus_pool",
    "withdraw_bonus_pool",
    "settle_signup_bonus",
    "associate",
    "disassociate",
    "propose",
    "vote",
    "finalize",
    "advance clock",
];

/// Kinds that cannot be refused as the sequences call them (approve always goes
/// through; a payout address is never the vault's own; the clock is not a call).
pub const NEVER_REFUSED: [&str; 3] = ["approve", "set_payout_address", "advance clock"];

impl Action {
    /// The action's kind, for the coverage counts.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::Stake { code: Some(_), .. } => "stake_with_code",
            Action::Stake { .. } => "stake",
            Action::Unstake { .. } => "unstake",
            Action::Transfer { .. } => "transfer",
            Action::Approve { .. } => "approve",
            Action::TransferFrom { .. } => "transfer_from",
            Action::ReportRewards { .. } => "report_rewards",
            Action::WithdrawFees { .. } => "withdraw_fees",
            Action::RegisterCode { .. } => "register_code",
            Action::SetCodeActive { .. } => "set_code_active",
            Action::TransferCode { .. } => "transfer_code",
            Action::PauseStaking { .. } => "staking.set_paused",
            Action::PauseVault { .. } => "vault.set_paused",
            Action::OpenPeriod { .. } => "open_period",
            Action::AddChunk { .. } => "add_allocations",
            Action::Seal { .. } => "seal_period",
            Action::Revoke { .. } => "revoke_period",
            Action::Claim { .. } => "claim",
            Action::ClaimFor { .. } => "claim_for",
            Action::SetPayout { .. } => "set_payout_address",
            Action::FundBonus { .. } => "fund_bonus_pool",
            Action::WithdrawBonus { .. } => "withdraw_bonus_pool",
            Action::SettleBonus { .. } => "settle_signup_bonus",
            Action::Associate { .. } => "associate",
            Action::Disassociate { .. } => "disassociate",
            Action::Propose { .. } => "propose",
            Action::Vote { .. } => "vote",
            Action::Finalize { .. } => "finalize",
            Action::Advance { .. } => "advance clock",
        }
    }
}

fn user() -> impl Strategy<Value = u8> {
    0..USERS
}

fn amount() -> impl Strategy<Value = Amount> {
    prop_oneof![
        1 => Just(Amount::Zero),
        1 => Just(Amount::One),
        6 => (1u16..20_000).prop_map(Amount::Cents),
        2 => (1u8..=255).prop_map(Amount::Thousands),
        1 => Just(Amount::Max),
    ]
}

/// The allowed role three times in four, a user otherwise.
fn caller() -> impl Strategy<Value = Caller> {
    prop_oneof![3 => Just(None), 1 => user().prop_map(Some)]
}

fn code() -> impl Strategy<Value = u8> {
    0..CODES.len() as u8
}

pub fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        12 => (user(), amount(), proptest::option::weighted(0.7, code()))
            .prop_map(|(who, amount, code)| Action::Stake { who, amount, code }),
        5 => (user(), any::<u8>()).prop_map(|(who, part)| Action::Unstake { who, part }),
        5 => (user(), user(), any::<u8>()).prop_map(|(from, to, part)| Action::Transfer { from, to, part }),
        2 => (user(), user(), amount()).prop_map(|(owner, spender, amount)| Action::Approve { owner, spender, amount }),
        2 => (user(), user(), user(), any::<u8>())
            .prop_map(|(spender, from, to, part)| Action::TransferFrom { spender, from, to, part }),
        5 => (caller(), amount()).prop_map(|(caller, amount)| Action::ReportRewards { caller, amount }),
        2 => (caller(), any::<u8>()).prop_map(|(caller, part)| Action::WithdrawFees { caller, part }),
        3 => (caller(), code(), user()).prop_map(|(caller, code, owner)| Action::RegisterCode { caller, code, owner }),
        2 => (caller(), code(), any::<bool>()).prop_map(|(caller, code, active)| Action::SetCodeActive { caller, code, active }),
        1 => (caller(), code(), user()).prop_map(|(caller, code, to)| Action::TransferCode { caller, code, to }),
        1 => (caller(), proptest::bool::weighted(0.15)).prop_map(|(caller, paused)| Action::PauseStaking { caller, paused }),
        1 => (caller(), proptest::bool::weighted(0.15)).prop_map(|(caller, paused)| Action::PauseVault { caller, paused }),
        3 => (caller(), 0u8..40).prop_map(|(caller, days)| Action::OpenPeriod { caller, days }),
        7 => (caller(), proptest::collection::vec((user(), amount()), 0..5), proptest::bool::weighted(0.1))
            .prop_map(|(caller, allocations, hostile)| Action::AddChunk { caller, allocations, hostile }),
        5 => (caller(), proptest::bool::weighted(0.85)).prop_map(|(caller, exact)| Action::Seal { caller, exact }),
        1 => (caller(), 0u8..3).prop_map(|(caller, back)| Action::Revoke { caller, back }),
        4 => user().prop_map(|who| Action::Claim { who }),
        2 => (user(), user()).prop_map(|(caller, account)| Action::ClaimFor { caller, account }),
        1 => (user(), proptest::option::of(user())).prop_map(|(who, to)| Action::SetPayout { who, to }),
        2 => (user(), amount()).prop_map(|(by, amount)| Action::FundBonus { by, amount }),
        1 => (caller(), any::<u8>(), user()).prop_map(|(caller, part, to)| Action::WithdrawBonus { caller, part, to }),
        3 => (user(), user()).prop_map(|(by, referee)| Action::SettleBonus { by, referee }),
        2 => (user(), amount()).prop_map(|(who, amount)| Action::Associate { who, amount }),
        1 => (user(), any::<u8>()).prop_map(|(who, part)| Action::Disassociate { who, part }),
        2 => (user(), proptest::bool::weighted(0.8)).prop_map(|(who, timely)| Action::Propose { who, timely }),
        3 => (user(), 0u8..3, proptest::bool::weighted(0.8)).prop_map(|(who, back, accept)| Action::Vote { who, back, accept }),
        2 => (user(), 0u8..3).prop_map(|(by, back)| Action::Finalize { by, back }),
        6 => prop_oneof![1u32..120, 3_600u32..86_400, 86_400u32..(10 * 86_400)].prop_map(|seconds| Action::Advance { seconds }),
    ]
}
