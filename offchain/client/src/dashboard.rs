//! What a partner, and the operator, want to see: each partner's referrals, referred
//! stake, rewards pending and claimable, claims; and the suite's totals.
use crate::address::{ss58, AccountId};
use crate::amount::{date, factor_decimal, factor_percent, units};
use crate::chain::Chain;
use crate::client::{Client, ClientError};
use accountant::AllocationFile;
use partner_vault::{ClaimRecord, Totals, MAX_PAGE};
use program_governance::Program;
use std::fmt;

/// One partner's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerDashboard {
    pub account: AccountId,
    /// Its codes (from the index).
    pub codes: Vec<String>,
    pub referrals: u32,
    /// Shares held by its referees now, and their value in native units.
    pub referred_shares: u128,
    pub referred_value: u128,
    /// Governance tokens it has associated (its staking tier).
    pub associated: u128,
    /// Its line in the period's allocation file, when one is given.
    pub allocation: Option<u128>,
    /// Of that line, what it earned as a referrer two or more levels up.
    pub upline: u128,
    pub pending: u128,
    pub claimable: u128,
    pub claimed_total: u128,
    /// Its latest claims (at most a page), oldest first.
    pub claims: Vec<ClaimRecord>,
    pub payout_address: AccountId,
}

impl PartnerDashboard {
    /// Reads `partner`'s figures from the chain; `file` gives its period allocation.
    pub fn read<C: Chain>(
        client: &mut Client<C>,
        partner: &AccountId,
        file: Option<&AllocationFile>,
    ) -> Result<Self, ClientError> {
        let (staking, vault, governance) = (client.suite.staking(), client.suite.vault(), client.suite.governance());
        let partner = *partner;
        let stats = client.query(staking.partner_stats(partner))?;
        let referred_value = client.query(staking.amount_for(stats.referred_shares))?.unwrap_or(0);
        let association = client.query(governance.association_of(partner))?;
        let claim_count = client.query(vault.claim_count_of(partner))?;
        let first = claim_count.saturating_sub(MAX_PAGE);
        Ok(PartnerDashboard {
            account: partner,
            codes: client.index.codes_of(&partner),
            referrals: stats.referrals,
            referred_shares: stats.referred_shares,
            referred_value,
            associated: association.amount,
            allocation: file.map(|f| line(f, &partner).map_or(0, |a| a.amount)),
            upline: file.and_then(|f| line(f, &partner)).map_or(0, |a| a.breakdown.upline_reward),
            pending: client.query(vault.pending_of(partner))?,
            claimable: client.query(vault.claimable_of(partner))?,
            claimed_total: client.query(vault.claimed_total_of(partner))?,
            claims: client.query(vault.claim_history(partner, first, MAX_PAGE))?,
            payout_address: client.query(vault.payout_address_of(partner))?,
        })
    }

    /// Its first code, or its short address.
    pub fn name_short(&self) -> String {
        self.codes.first().cloned().unwrap_or_else(|| short(&self.account))
    }

    fn name(&self) -> String {
        match self.codes.first() {
            Some(code) => format!("{code} ({})", short(&self.account)),
            None => short(&self.account),
        }
    }
}

/// `who`'s line in the file.
fn line<'a>(file: &'a AllocationFile, who: &AccountId) -> Option<&'a accountant::Allocation> {
    file.allocations.iter().find(|a| a.account == *who)
}

impl fmt::Display for PartnerDashboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "partner {}", self.name())?;
        writeln!(f, "  account            {}", ss58(&self.account))?;
        if self.codes.len() > 1 {
            writeln!(f, "  codes              {}", self.codes.join(", "))?;
        }
        writeln!(f, "  referrals          {}", self.referrals)?;
        writeln!(f, "  referred stake     {} shares, worth {} units", units(self.referred_shares), units(self.referred_value))?;
        writeln!(f, "  associated         {} governance tokens", units(self.associated))?;
        if let Some(allocation) = self.allocation {
            writeln!(f, "  this period        {} units", units(allocation))?;
            if self.upline > 0 {
                writeln!(f, "    of which upline  {} units (levels 2 and up)", units(self.upline))?;
            }
        }
        writeln!(f, "  pending            {} units (in the challenge window)", units(self.pending))?;
        writeln!(f, "  claimable          {} units", units(self.claimable))?;
        writeln!(f, "  claimed in total   {} units", units(self.claimed_total))?;
        if self.payout_address != self.account {
            writeln!(f, "  paid to            {}", ss58(&self.payout_address))?;
        }
        for c in &self.claims {
            writeln!(
                f,
                "  claim              {} units, {}, {}, paid to {}{}",
                units(c.amount),
                claim_source(c),
                date(c.time),
                short(&c.paid_to),
                if c.triggered_by == c.paid_to { String::new() } else { format!(", triggered by {}", short(&c.triggered_by)) }
            )?;
        }
        Ok(())
    }
}

/// What a claim paid for: its periods, and its sign-up bonuses.
fn claim_source(c: &ClaimRecord) -> String {
    let periods = c.periods.map(|p| format!("periods {}..={}", p.first, p.last));
    let bonus = (c.bonus > 0).then(|| format!("{} of sign-up bonuses", units(c.bonus)));
    periods.into_iter().chain(bonus).collect::<Vec<_>>().join(" + ")
}

/// The suite's figures: staking pool, fees, the vault's books, the program in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteTotals {
    pub pooled: u128,
    pub shares: u128,
    pub fees_held: u128,
    pub referees: usize,
    pub codes: usize,
    pub vault: Totals,
    pub vault_balance: u128,
    pub program: Option<Program>,
}

impl SuiteTotals {
    pub fn read<C: Chain>(client: &mut Client<C>) -> Result<Self, ClientError> {
        let (staking, vault, governance) = (client.suite.staking(), client.suite.vault(), client.suite.governance());
        use referral_common::psp22::PSP22;
        let shares = client.query(client.suite.staking().total_supply())?;
        let vault_address = client.suite.vault;
        Ok(SuiteTotals {
            pooled: client.query(staking.total_pooled())?,
            shares,
            fees_held: client.query(staking.unwithdrawn_fees())?,
            referees: client.index.referees.len(),
            codes: client.index.codes.len(),
            vault: client.query(vault.totals())?,
            vault_balance: client.native(&vault_address)?,
            program: client.query(governance.current_program())?,
        })
    }
}

impl fmt::Display for SuiteTotals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = &self.vault;
        writeln!(
            f,
            "staking   {} units pooled, {} shares, {} units of fees held for the treasury",
            units(self.pooled),
            units(self.shares),
            units(self.fees_held)
        )?;
        writeln!(f, "          {} codes, {} bound referees", self.codes, self.referees)?;
        writeln!(
            f,
            "vault     deposited {}, claimed {}, refunded {} units; {} claims",
            units(v.deposited),
            units(v.claimed),
            units(v.refunded),
            v.claims
        )?;
        writeln!(
            f,
            "          outstanding {} units = pending {} + claimable {}; balance {} units",
            units(v.outstanding),
            units(v.pending),
            units(v.claimable),
            units(self.vault_balance)
        )?;
        if v.bonus_credited > 0 || v.bonus_pool > 0 || v.bonus_held > 0 {
            writeln!(
                f,
                "          sign-up bonuses credited {} units; held until their holds end {} units; pool left {} units",
                units(v.bonus_credited),
                units(v.bonus_held),
                units(v.bonus_pool)
            )?;
        }
        match &self.program {
            Some(p) => writeln!(
                f,
                "program   version {} (proposal {}), in force since {}, {} benefit and {} staking tiers, window {} epochs{}{}",
                p.version,
                p.proposal,
                date(p.starts_at),
                p.changes.benefit_tiers.len(),
                p.changes.staking_tiers.len(),
                p.changes.window_length,
                p.changes.multi_level.map_or(String::new(), |l| format!(
                    ", levels: {}% then x{} per level, at most {} levels and {}% in all",
                    factor_percent(l.level_one_factor),
                    factor_decimal(l.decay_factor),
                    l.max_depth,
                    factor_percent(l.total_cap)
                )),
                p.changes.signup_bonus.map_or(String::new(), |b| format!(
                    ", sign-up bonus {} + {} units{}{}",
                    units(b.referrer),
                    units(b.referee),
                    if b.minimum_stake > 0 { format!(" for a stake of {} units", units(b.minimum_stake)) } else { String::new() },
                    if b.hold_epochs > 0 { format!(" kept {} epochs", b.hold_epochs) } else { String::new() },
                ))
            ),
            None => writeln!(f, "program   none in force"),
        }
    }
}

/// The totals' companion: one line per partner the index knows.
pub fn partner_table<C: Chain>(client: &mut Client<C>, file: Option<&AllocationFile>) -> Result<String, ClientError> {
    let mut out = format!(
        "  {:<14} {:>9} {:>16} {:>13} {:>13} {:>13} {:>13}\n",
        "partner", "referrals", "referred units", "this period", "pending", "claimable", "claimed"
    );
    for partner in client.index.partners() {
        let d = PartnerDashboard::read(client, &partner, file)?;
        out += &format!(
            "  {:<14} {:>9} {:>16} {:>13} {:>13} {:>13} {:>13}\n",
            d.name_short(),
            d.referrals,
            units(d.referred_value),
            d.allocation.map_or("-".into(), units),
            units(d.pending),
            units(d.claimable),
            units(d.claimed_total)
        );
    }
    Ok(out)
}

/// How reports name an account: a named account's name, else its first code, else its
/// short address.
pub fn name<C>(client: &Client<C>, who: &AccountId) -> String {
    if let Some(name) = client.who.name_of(who) {
        return name.to_string();
    }
    client.index.codes_of(who).into_iter().next().unwrap_or_else(|| short(who))
}

/// An account's first and last bytes, for tables.
pub fn short(who: &AccountId) -> String {
    let s = ss58(who);
    if s.len() > 12 {
        format!("{}…{}", &s[..6], &s[s.len() - 4..])
    } else {
        s
    }
}
