//! Governance as its users drive it: tokens handed out and associated as voting weight,
//! a program file proposed, voted, finalized.
use crate::address::AccountId;
use crate::chain::{Balance, Chain};
use crate::client::{Client, ClientError};
use crate::constants::UNIT;
use ink::codegen::TraitCallBuilder;
use program_file::ProposalCall;
use referral_common::psp22::PSP22;

/// The admin gives `who` `amount` governance tokens, and `who` associates `associated`
/// of them (approving governance first).
pub fn give_votes<C: Chain>(
    client: &mut Client<C>,
    who: &AccountId,
    amount: Balance,
    associated: Balance,
) -> Result<(), ClientError> {
    let (admin, governance) = (client.who.admin, client.suite.governance);
    client.send(&admin, client.suite.token().call_mut().transfer(*who, amount, Vec::new()))?;
    client.send(who, client.suite.token().call_mut().approve(governance, associated))?;
    client.send(who, client.suite.governance().associate(associated))
}

/// The sandbox's voters: Charlie 1,000, Alice 500 and Bob 1,000 governance tokens, all
/// associated (Bob's reach the shipped programs' first staking tier).
pub fn hand_out_votes<C: Chain>(client: &mut Client<C>) -> Result<(), ClientError> {
    let w = client.who.clone();
    for (who, amount) in [(w.charlie, 1_000 * UNIT), (w.alice, 500 * UNIT), (w.bob, 1_000 * UNIT)] {
        give_votes(client, &who, amount, amount)?;
    }
    Ok(())
}

/// `proposer` proposes the program of a file; the proposal's id.
pub fn propose<C: Chain>(client: &mut Client<C>, proposer: &AccountId, call: &ProposalCall) -> Result<u32, ClientError> {
    let message = client.suite.governance().propose(
        call.changes.clone(),
        call.closing,
        call.enactment,
        call.title.clone(),
        call.description.clone(),
    );
    client.send(proposer, message)
}
