//! The three user stories through ink_e2e with typed contract references (the contracts'
//! own `...Ref` constructors and call builders, no string arguments), each run on both of
//! ink_e2e's backends: its in-process sandbox (`sandbox::`) and a real node (`node::`, a
//! fresh local node per story).
//!
//! The sandbox's clock stands still: ink_sandbox 5.1 stamps its one block with the wall
//! clock in *seconds* when the client is made, and the client builds no further blocks
//! and offers no way to move time. The contracts read that number as milliseconds, so
//! intervals here are placed relative to it, and what needs time to pass (a vote's
//! closing, a program's enactment, the vault's window) is covered by the drink tests,
//! whose sandbox clock we set.
use ink::env::DefaultEnvironment;
use ink_e2e::{ChainBackend, ContractsBackend, E2EBackend, InstantiationResult, Keypair};
use partner_vault::partner_vault::{PartnerVault, PartnerVaultRef};
use program_governance::program_governance::{ProgramGovernance, ProgramGovernanceRef};
use program_governance::{GovernanceParams, Outcome};
use referral_common::math::ONE;
use referral_common::psp22::PSP22;
use referral_common::testing::ankr_program;
use referral_staking::referral_staking::{ReferralStaking, ReferralStakingRef};
use referral_staking::Error as StakingError;

type E2EResult<T> = Result<T, Box<dyn std::error::Error>>;
type AccountId = ink::primitives::AccountId;

/// 12-decimal units; the sandbox's dev accounts hold 1,000 of them.
const UNIT: u128 = 1_000_000_000_000;
const SECOND: u64 = 1_000;
const DAY: u64 = 86_400_000;

fn id(keypair: &Keypair) -> AccountId {
    AccountId::from(keypair.public_key().0)
}

/// The wall clock in seconds: ink_e2e's sandbox stamped its block with it when the test
/// began (the contracts read it as ms); a node's clock is the wall clock in ms, far past
/// it. A day before it is in the past on both.
fn wall_clock_seconds() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs()
}

/// The staking contract (fee 10%, daily epochs) deployed by Alice, the admin, with Bob's
/// code "bob".
async fn staking<Client: E2EBackend>(
    client: &mut Client,
) -> E2EResult<InstantiationResult<DefaultEnvironment, <Client as ContractsBackend<DefaultEnvironment>>::EventLog>>
where
    <Client as ContractsBackend<DefaultEnvironment>>::Error: std::error::Error + 'static,
{
    let mut constructor = ReferralStakingRef::new(
        ONE / 10,
        ONE / 2,
        DAY,
        id(&ink_e2e::charlie()),
        id(&ink_e2e::charlie()),
        Some("Liquid staked unit".into()),
        Some("lsUNIT".into()),
        12,
        None,
    );
    let contract = client.instantiate("referral_staking", &ink_e2e::alice(), &mut constructor).submit().await?;
    let mut call = contract.call_builder::<ReferralStaking>();
    client
        .call(&ink_e2e::alice(), &call.register_code("bob".into(), id(&ink_e2e::bob())))
        .submit()
        .await?
        .return_value()
        .expect("accepted");
    Ok(contract)
}

/// A staker arrives with Bob's code: bound for good to Bob on the first stake, a second
/// code changes nothing, shares carry Bob's referred TVL, unstaking pays back; a self
/// referral is refused and changes nothing.
async fn a_staker_binds_with_a_code_and_keeps_its_partner<Client: E2EBackend>(client: &mut Client) -> E2EResult<()>
where
    <Client as ContractsBackend<DefaultEnvironment>>::Error: std::error::Error + 'static,
    <Client as ChainBackend>::Error: std::error::Error + 'static,
    // Each backend names accounts its own way (the sandbox's AccountId32, a node's ink!
    // AccountId): both from the key's 32 bytes.
    <Client as ChainBackend>::AccountId: From<[u8; 32]>,
    <Client as ChainBackend>::Balance: PartialOrd,
{
    let contract = staking(client).await?;
    let mut call = contract.call_builder::<ReferralStaking>();
    let (dave, bob) = (ink_e2e::dave(), ink_e2e::bob());
    client.call(&ink_e2e::alice(), &call.register_code("eve".into(), id(&ink_e2e::eve()))).submit().await?;

    let shares = client
        .call(&dave, &call.stake_with_code("bob".into()))
        .value(100 * UNIT)
        .submit()
        .await?
        .return_value()
        .expect("accepted");
    assert_eq!(shares, 100 * UNIT, "the first stake mints one share per unit");
    let partner = client.call(&dave, &call.partner_of(id(&dave))).dry_run().await?.return_value();
    assert_eq!(partner, Some(id(&bob)));
    client.call(&dave, &call.stake_with_code("eve".into())).value(50 * UNIT).submit().await?.return_value().expect("accepted");
    let partner = client.call(&dave, &call.partner_of(id(&dave))).dry_run().await?.return_value();
    assert_eq!(partner, Some(id(&bob)), "the first partner keeps the staker");
    let tvl = client.call(&dave, &call.partner_tvl(id(&bob))).dry_run().await?.return_value();
    assert_eq!(tvl, 150 * UNIT);

    // Bob with his own code: refused, nothing staked, nothing bound.
    let before = client.free_balance(bob.public_key().0.into()).await?;
    let refused = client.call(&bob, &call.stake_with_code("bob".into())).value(10 * UNIT).dry_run().await?.return_value();
    assert_eq!(refused, Err(StakingError::SelfReferral));
    assert_eq!(client.call(&bob, &call.partner_of(id(&bob))).dry_run().await?.return_value(), None);
    assert_eq!(client.call(&bob, &call.balance_of(id(&bob))).dry_run().await?.return_value(), 0);
    assert!(client.free_balance(bob.public_key().0.into()).await? <= before, "nothing was paid to Bob");

    // Unstaking half pays back half (no rewards were reported).
    let paid = client.call(&dave, &call.unstake(75 * UNIT)).submit().await?.return_value().expect("accepted");
    assert_eq!(paid, 75 * UNIT);
    let tvl = client.call(&dave, &call.partner_tvl(id(&bob))).dry_run().await?.return_value();
    assert_eq!(tvl, 75 * UNIT);
    Ok(())
}

/// A partner's month in the vault: the distributor deposits two allocations in a funded
/// chunk and seals; with no challenge window the partner claims its line exactly, once.
async fn a_partner_claims_its_allocation_once<Client: E2EBackend>(client: &mut Client) -> E2EResult<()>
where
    <Client as ContractsBackend<DefaultEnvironment>>::Error: std::error::Error + 'static,
    <Client as ChainBackend>::Error: std::error::Error + 'static,
{
    let (alice, bob, eve, ferdie) = (ink_e2e::alice(), ink_e2e::bob(), ink_e2e::eve(), ink_e2e::ferdie());
    let mut constructor = PartnerVaultRef::new(0, None);
    let vault = client.instantiate("partner_vault", &alice, &mut constructor).submit().await?;
    let mut call = vault.call_builder::<PartnerVault>();
    client.call(&alice, &call.set_distributor(id(&ferdie), true)).submit().await?.return_value().expect("accepted");

    let (start, end) = (wall_clock_seconds() - 2 * DAY, wall_clock_seconds() - DAY);
    let hash = ink::primitives::Hash::from([7u8; 32]);
    client.call(&ferdie, &call.open_period(1, start, end, hash)).submit().await?.return_value().expect("accepted");
    let mut lines = vec![(id(&bob), 3 * UNIT), (id(&eve), 2 * UNIT)];
    lines.sort();
    client.call(&ferdie, &call.add_allocations(1, lines)).value(5 * UNIT).submit().await?.return_value().expect("accepted");
    client.call(&ferdie, &call.seal_period(1, 5 * UNIT, 2)).submit().await?.return_value().expect("accepted");

    assert_eq!(client.call(&bob, &call.claimable_of(id(&bob))).dry_run().await?.return_value(), 3 * UNIT);
    let paid = client.call(&bob, &call.claim()).submit().await?.return_value().expect("accepted");
    assert_eq!(paid, 3 * UNIT);
    let again = client.call(&bob, &call.claim()).dry_run().await?.return_value();
    assert_eq!(again, Err(partner_vault::Error::NothingToClaim));
    assert_eq!(client.call(&bob, &call.claimed_total_of(id(&bob))).dry_run().await?.return_value(), 3 * UNIT);
    let totals = client.call(&bob, &call.totals()).dry_run().await?.return_value();
    assert_eq!((totals.deposited, totals.claimed, totals.outstanding), (5 * UNIT, 3 * UNIT, 2 * UNIT));
    // A stranger cannot deposit; the claimed partner cannot claim twice.
    let refused = client.call(&bob, &call.open_period(2, end, end + 1, hash)).dry_run().await?.return_value();
    assert_eq!(refused, Err(partner_vault::Error::Unauthorized));
    let eve_paid = client.call(&eve, &call.claim()).submit().await?.return_value().expect("accepted");
    assert_eq!(eve_paid, 2 * UNIT);
    let totals = client.call(&bob, &call.totals()).dry_run().await?.return_value();
    assert_eq!((totals.claimed, totals.outstanding, totals.claims), (5 * UNIT, 0, 2));
    Ok(())
}

/// Governance over the staking contract's own liquid token: a staker approves and
/// associates its shares, proposes a program and votes; the vote is recorded with its
/// weight, can be changed, locks the tokens behind it, and finalizing before the closing
/// is refused.
async fn a_staker_proposes_a_program_and_votes_with_its_shares<Client: E2EBackend>(client: &mut Client) -> E2EResult<()>
where
    <Client as ContractsBackend<DefaultEnvironment>>::Error: std::error::Error + 'static,
    <Client as ChainBackend>::Error: std::error::Error + 'static,
{
    let token = staking(client).await?;
    let mut shares = token.call_builder::<ReferralStaking>();
    let (dave, eve) = (ink_e2e::dave(), ink_e2e::eve());
    // The chain's time as the contracts read it: epoch 0 began at the token's instantiation.
    let now = client.call(&dave, &shares.config()).dry_run().await?.return_value().genesis;
    client.call(&dave, &shares.stake()).value(200 * UNIT).submit().await?.return_value().expect("accepted");
    client.call(&eve, &shares.stake()).value(100 * UNIT).submit().await?.return_value().expect("accepted");

    let params = GovernanceParams::with_vega_defaults(100 * UNIT, SECOND, 30 * DAY, 0, DAY);
    let mut constructor = ProgramGovernanceRef::new(token.account_id, params);
    let governance = client.instantiate("program_governance", &ink_e2e::alice(), &mut constructor).submit().await?;
    let mut call = governance.call_builder::<ProgramGovernance>();
    for (who, amount) in [(&dave, 200 * UNIT), (&eve, 100 * UNIT)] {
        client.call(who, &shares.approve(governance.account_id, amount)).submit().await?.return_value().expect("accepted");
        client.call(who, &call.associate(amount)).submit().await?.return_value().expect("accepted");
        assert_eq!(client.call(who, &shares.balance_of(id(who))).dry_run().await?.return_value(), 0, "the shares moved");
    }
    assert_eq!(client.call(&dave, &call.total_associated()).dry_run().await?.return_value(), 300 * UNIT);

    let changes = ankr_program(now + 365 * DAY);
    let (closing, enactment) = (now + DAY, now + 2 * DAY);
    let propose = call.propose(changes.clone(), closing, enactment, "Ankr".into(), "Half of the fee".into());
    let id_ = client.call(&dave, &propose).submit().await?.return_value().expect("accepted");
    client.call(&dave, &call.vote(id_, true)).submit().await?.return_value().expect("accepted");
    client.call(&eve, &call.vote(id_, false)).submit().await?.return_value().expect("accepted");
    client.call(&eve, &call.vote(id_, true)).submit().await?.return_value().expect("accepted");

    let proposal = client.call(&dave, &call.proposal(id_)).dry_run().await?.return_value().expect("recorded");
    assert_eq!(proposal.changes, changes);
    assert_eq!((proposal.yes, proposal.no), (300 * UNIT, 0), "Eve's changed vote replaced her first");
    assert_eq!(proposal.outcome, Outcome::Open);
    let vote = client.call(&eve, &call.vote_of(id_, id(&eve))).dry_run().await?.return_value().expect("voted");
    assert_eq!((vote.accept, vote.weight), (true, 100 * UNIT));

    // Before the closing: no finalize, and the voted tokens stay associated.
    let early = client.call(&eve, &call.finalize(id_)).dry_run().await?.return_value();
    assert_eq!(early, Err(program_governance::Error::VotingOpen));
    let locked = client.call(&eve, &call.disassociate(UNIT)).dry_run().await?.return_value();
    assert_eq!(locked, Err(program_governance::Error::TokensLocked));
    assert_eq!(client.call(&eve, &call.current_program()).dry_run().await?.return_value(), None);
    Ok(())
}

/// The stories on ink_e2e's in-process sandbox.
mod sandbox {
    use super::*;

    #[ink_e2e::test(backend(runtime_only(sandbox = ink_e2e::DefaultSandbox)))]
    async fn a_staker_binds_with_a_code_and_keeps_its_partner<Client: E2EBackend>(mut client: Client) -> E2EResult<()> {
        super::a_staker_binds_with_a_code_and_keeps_its_partner(&mut client).await
    }

    #[ink_e2e::test(backend(runtime_only(sandbox = ink_e2e::DefaultSandbox)))]
    async fn a_partner_claims_its_allocation_once<Client: E2EBackend>(mut client: Client) -> E2EResult<()> {
        super::a_partner_claims_its_allocation_once(&mut client).await
    }

    #[ink_e2e::test(backend(runtime_only(sandbox = ink_e2e::DefaultSandbox)))]
    async fn a_staker_proposes_a_program_and_votes_with_its_shares<Client: E2EBackend>(mut client: Client) -> E2EResult<()> {
        super::a_staker_proposes_a_program_and_votes_with_its_shares(&mut client).await
    }
}

/// The same stories on a real node: ink_e2e starts a fresh one for each story through
/// `CONTRACTS_NODE` (scripts/test points it at `node/contracts-node`, the local chopsticks
/// node answering as substrate-contracts-node does) and stops it after.
mod node {
    use super::*;

    #[ink_e2e::test]
    #[ignore = "starts a node: CONTRACTS_NODE=node/contracts-node (scripts/test runs these)"]
    async fn a_staker_binds_with_a_code_and_keeps_its_partner<Client: E2EBackend>(mut client: Client) -> E2EResult<()> {
        super::a_staker_binds_with_a_code_and_keeps_its_partner(&mut client).await
    }

    #[ink_e2e::test]
    #[ignore = "starts a node: CONTRACTS_NODE=node/contracts-node (scripts/test runs these)"]
    async fn a_partner_claims_its_allocation_once<Client: E2EBackend>(mut client: Client) -> E2EResult<()> {
        super::a_partner_claims_its_allocation_once(&mut client).await
    }

    #[ink_e2e::test]
    #[ignore = "starts a node: CONTRACTS_NODE=node/contracts-node (scripts/test runs these)"]
    async fn a_staker_proposes_a_program_and_votes_with_its_shares<Client: E2EBackend>(mut client: Client) -> E2EResult<()> {
        super::a_staker_proposes_a_program_and_votes_with_its_shares(&mut client).await
    }
}
