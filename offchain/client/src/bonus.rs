//! Held sign-up bonuses: settling them once their holds are over. A program with a
//! hold (`signupBonus.holdEpochs`) has the vault set each binding's bonus aside; anyone
//! may settle it after the hold, and the vault asks the staking contract whether the
//! referee kept its stake. The operator settles every held bonus of its index at once.
use crate::address::AccountId;
use crate::chain::Chain;
use crate::client::{Client, ClientError};
use partner_vault::Error as VaultError;

/// What one round of settlements did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Settlements {
    /// Referees whose bonus was credited to both sides (their stake was kept).
    pub credited: Vec<AccountId>,
    /// Referees whose bonus went back to the pool (their stake fell during the hold).
    pub forfeited: Vec<AccountId>,
    /// Referees whose hold is still running: left for a later round.
    pub running: Vec<AccountId>,
}

/// Settles, as `caller`, the held bonus of each of `referees` (by default every one the
/// index holds) whose hold is over or broken; a hold still running is left as it is.
///
/// # Errors
/// The first refusal other than a running hold, or a chain error.
pub fn settle_bonuses<C: Chain>(
    client: &mut Client<C>,
    caller: &AccountId,
    referees: Option<Vec<AccountId>>,
) -> Result<Settlements, ClientError> {
    let referees = referees.unwrap_or_else(|| client.index.held.clone());
    let vault = client.suite.vault();
    let mut out = Settlements::default();
    for referee in referees {
        match client.try_send(caller, vault.clone().settle_signup_bonus(referee))? {
            Ok(()) if client.index.forfeited.contains(&referee) => out.forfeited.push(referee),
            Ok(()) => out.credited.push(referee),
            Err(VaultError::HoldRunning) => out.running.push(referee),
            Err(error) => return Err(ClientError::Refused(format!("{error:?}"))),
        }
    }
    Ok(out)
}
