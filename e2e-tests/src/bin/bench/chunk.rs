//! The monthly deposit: what one allocation adds to a chunk, and the largest chunk one
//! `add_allocations` call takes within 75% of a 2-second block and 5 MiB of proof.
use crate::population::Grower;
use drink::{AccountId32, Weight};
use referral_e2e_tests::{account_n, allocations_arg, hash_arg, Chain, Cost, VaultError, UNIT};

/// A 2-second block's ref_time (picoseconds).
pub const BLOCK_REF_TIME: u64 = 2_000_000_000_000;
/// The share of a block one call may take.
pub const BLOCK_SHARE_PERCENT: u64 = 75;
/// The proof size budget of one call: 5 MiB.
pub const PROOF_LIMIT: u64 = 5 * 1024 * 1024;

#[derive(Debug, Clone, Copy)]
pub struct Deposit {
    /// One more allocation in a chunk.
    pub per_allocation: Cost,
    /// Measured: the most allocations one call took.
    pub largest_chunk: u32,
    /// What the weights alone would allow (ref_time, proof_size).
    pub by_ref_time: u64,
    pub by_proof: u64,
}

/// Measures on the chain as it stands; `one` and `hundred` are the round's chunks of 1
/// and 100 allocations.
pub fn deposit(c: &mut Chain, g: &mut Grower, one: Cost, hundred: Cost) -> Deposit {
    let per_allocation = Cost {
        ref_time: (hundred.ref_time - one.ref_time) / 99,
        proof_size: (hundred.proof_size - one.proof_size) / 99,
        storage_deposit: (hundred.storage_deposit - one.storage_deposit) / 99,
    };
    // Binary search; an accepted try is revoked and the next goes to a new period.
    let admin = c.who.admin.clone();
    let mut period = open_next(c, g);
    let (mut fits, mut fails) = (1u32, 4096u32);
    while fails - fits > 1 {
        let n = (fits + fails) / 2;
        let chunk: Vec<_> = (0..n).map(|i| (account_n(91, i), UNIT / 1000)).collect();
        if fits_one_call(c, period, &chunk) {
            fits = n;
            c.vault_ok::<()>(&admin, "revoke_period", &[period.to_string()], 0);
            period = open_next(c, g);
        } else {
            fails = n;
        }
    }
    c.vault_ok::<()>(&admin, "revoke_period", &[period.to_string()], 0);
    let budget = BLOCK_REF_TIME * BLOCK_SHARE_PERCENT / 100;
    Deposit {
        per_allocation,
        largest_chunk: fits,
        by_ref_time: (budget - one.ref_time) / per_allocation.ref_time + 1,
        by_proof: (PROOF_LIMIT - one.proof_size) / per_allocation.proof_size + 1,
    }
}

/// Opens the vault's next period, a millisecond long, the clock moved past its end.
fn open_next(c: &mut Chain, g: &mut Grower) -> u32 {
    let (period, start) = (g.next_period, g.covered_until);
    let clock = c.clock().max(start + 1);
    c.set_clock(clock);
    c.open_period(period, (start, start + 1), hash_arg(period as u8)).expect("open");
    (g.next_period, g.covered_until) = (period + 1, start + 1);
    period
}

/// Whether the chunk goes through in one call with the block's budget as gas limit (a
/// trap, e.g. an input larger than the contract's buffer, counts as not fitting).
fn fits_one_call(c: &mut Chain, period: u32, allocations: &[(AccountId32, u128)]) -> bool {
    let (vault, distributor) = (c.vault.clone(), c.who.distributor.clone());
    let value: u128 = allocations.iter().map(|(_, v)| v).sum();
    c.session().set_actor(distributor);
    c.forget_events();
    let limit = Weight::from_parts(BLOCK_REF_TIME * BLOCK_SHARE_PERCENT / 100, PROOF_LIMIT);
    let sandbox_limit = c.session().set_gas_limit(limit);
    let args = [period.to_string(), allocations_arg(allocations)];
    let result = c.session().call_with_address::<_, Result<(), VaultError>>(vault, "add_allocations", &args, Some(value));
    c.session().set_gas_limit(sandbox_limit);
    matches!(result, Ok(Ok(Ok(()))))
}
