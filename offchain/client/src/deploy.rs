//! Deploying the suite: the three contracts (staking and the vault each instantiated as
//! its whole code, which hands the contract to its entry, uploaded first) and a
//! governance token instantiated with typed constructors,
//! then linked (staking -> vault for sign-up bonuses, vault ->
//! staking and governance) and given a distributor and the first codes.
use crate::address::{AccountId, Accounts};
use crate::call::{constructor_input, request, token_constructor, StakingCalls, Suite};
use crate::chain::{Chain, Code};
use crate::client::{decode, Client, ClientError};
use crate::constants::{DAY_MS, DECIMALS, FEE_RATE, HOUR_MS, MAX_FEE_RATE, MIN_GOVERNANCE_BALANCE, TOKEN_SUPPLY, WINDOW_MS};
use crate::index::Index;
use ink::env::call::FromAccountId;
use partner_vault::partner_vault::PartnerVaultRef;
use program_governance::program_governance::ProgramGovernanceRef;
use program_governance::GovernanceParams;
use referral_staking::referral_staking::Config as StakingConfig;
use referral_staking::referral_staking::ReferralStakingRef;

/// Everything a deployment is made of.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Deploys, and administers staking and the vault.
    pub admin: AccountId,
    pub oracle: AccountId,
    pub treasury: AccountId,
    /// The vault's distributor (the operator's account).
    pub distributor: AccountId,
    pub fee_rate: u64,
    pub max_fee_rate: u64,
    pub epoch_length: u64,
    pub challenge_window: u64,
    /// Governance's rules. Its epochs are always staking's: `deploy` sets `epoch_start`
    /// and `epoch_length` from the staking contract it instantiated (on a node the
    /// clock moves between the plan and the block).
    pub governance: GovernanceParams,
    /// Governance's voting token: an existing PSP22 token, or a new one minting this
    /// supply to the admin.
    pub token: TokenPlan,
    /// Codes registered at once, with their owners.
    pub codes: Vec<(String, AccountId)>,
    /// Tells this deployment's contracts apart from an earlier one's by the same admin
    /// (the same code, constructor and salt would give the same addresses).
    pub salt: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenPlan {
    Existing(AccountId),
    Mint(u128),
}

impl Plan {
    /// The sandbox's deployment at `now` (ms): fee 10% (at most 50%), daily epochs, a
    /// week's challenge window, Vega's governance defaults with proposals closing and
    /// enacted 1 hour to 30 days ahead, a new governance token, codes "bob" and "eve".
    pub fn standard(who: &Accounts, now: u64) -> Self {
        let epoch_start = now - now % 1_000;
        Plan {
            admin: who.admin,
            oracle: who.oracle,
            treasury: who.treasury,
            distributor: who.distributor,
            fee_rate: FEE_RATE,
            max_fee_rate: MAX_FEE_RATE,
            epoch_length: DAY_MS,
            challenge_window: WINDOW_MS,
            governance: GovernanceParams::with_vega_defaults(MIN_GOVERNANCE_BALANCE, HOUR_MS, 30 * DAY_MS, epoch_start, DAY_MS),
            token: TokenPlan::Mint(TOKEN_SUPPLY),
            codes: vec![("bob".into(), who.bob), ("eve".into(), who.eve)],
            salt: now.to_le_bytes().to_vec(),
        }
    }
}

/// Instantiates and links the suite on `chain` as `plan` says.
pub fn deploy<C: Chain>(mut chain: C, plan: &Plan) -> Result<Client<C>, ClientError> {
    let admin = plan.admin;
    let decimals = DECIMALS as u8;
    // Each contract whose hot calls are a small part of its code is instantiated as its
    // whole code, given its entry's code (uploaded first), which runs the hot calls: the
    // constructor hands the contract to the entry, in front of the whole code.
    let entry = chain.upload(&admin, Code::StakingEntry)?;
    let staking = ReferralStakingRef::new(
        plan.fee_rate,
        plan.max_fee_rate,
        plan.epoch_length,
        plan.oracle,
        plan.treasury,
        Some("Liquid staked unit".into()),
        Some("lsUNIT".into()),
        decimals,
        Some(entry),
    );
    let staking = chain.instantiate(&admin, Code::Staking, constructor_input(staking), plan.salt.clone())?;
    let staking_calls: StakingCalls = FromAccountId::from_account_id(staking);
    let config: StakingConfig = decode(&chain.dry_run(&request(&admin, staking_calls.config()))?.answer)?;
    let governance_params =
        GovernanceParams { epoch_start: config.genesis, epoch_length: config.epoch_length, ..plan.governance };
    let entry = chain.upload(&admin, Code::VaultEntry)?;
    let vault = PartnerVaultRef::new(plan.challenge_window, Some(entry));
    let vault = chain.instantiate(&admin, Code::Vault, constructor_input(vault), plan.salt.clone())?;
    let token = match plan.token {
        TokenPlan::Existing(token) => token,
        TokenPlan::Mint(supply) => {
            let input = token_constructor(supply, Some("Governance".into()), Some("GOV".into()), decimals);
            chain.instantiate(&admin, Code::Token, input, plan.salt.clone())?
        }
    };
    let governance = ProgramGovernanceRef::new(token, governance_params);
    let governance = chain.instantiate(&admin, Code::Governance, constructor_input(governance), plan.salt.clone())?;
    let suite = Suite { staking, vault, governance, token };
    let mut client = Client::new(chain, suite, Index::default());
    for (code, owner) in &plan.codes {
        client.send(&admin, suite.staking().register_code(code.clone(), *owner))?;
    }
    client.send(&admin, suite.vault().set_distributor(plan.distributor, true))?;
    // Sign-up bonuses: staking asks the vault, which reads the program's bonus.
    client.send(&admin, suite.staking().set_vault(Some(vault)))?;
    client.send(&admin, suite.vault().set_bonus_links(Some(staking), Some(governance)))?;
    Ok(client)
}
