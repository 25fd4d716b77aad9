//! What a partner, and the operator, want to see: each partner's referrals, referred
//! stake, rewards pending and claimable, claims; and the suite's totals.
use crate::{units, Chain};
use accountant::AllocationFile;
use drink::AccountId32;
use partner_vault::{ClaimRecord, Totals, MAX_PAGE};
use program_governance::{Association, Program};
use referral_staking::PartnerStats;
use std::fmt;

/// One partner's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerDashboard {
    pub account: AccountId32,
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
    pub payout_address: AccountId32,
}

impl PartnerDashboard {
    /// Reads `partner`'s figures from the chain; `file` gives its period allocation.
    pub fn read(chain: &mut Chain, partner: &AccountId32, file: Option<&AllocationFile>) -> Self {
        let stats: PartnerStats = chain.query("partner_stats", &[partner.to_string()]);
        let referred_value: u128 = chain.call(&chain.who.admin.clone(), "amount_for", &[stats.referred_shares.to_string()], 0).unwrap_or(0);
        let association: Association = chain.gov_query("association_of", &[partner.to_string()]);
        let arg = [partner.to_string()];
        let claim_count: u32 = chain.vault_query("claim_count_of", &arg);
        let first = claim_count.saturating_sub(MAX_PAGE);
        let payout: [u8; 32] = chain.vault_query("payout_address_of", &arg);
        PartnerDashboard {
            account: partner.clone(),
            codes: chain.index.codes_of(partner),
            referrals: stats.referrals,
            referred_shares: stats.referred_shares,
            referred_value,
            associated: association.amount,
            allocation: file.map(|f| line(f, partner).map_or(0, |a| a.amount)),
            upline: file.and_then(|f| line(f, partner)).map_or(0, |a| a.breakdown.upline_reward),
            pending: chain.vault_query("pending_of", &arg),
            claimable: chain.vault_query("claimable_of", &arg),
            claimed_total: chain.vault_query("claimed_total_of", &arg),
            claims: chain.vault_query("claim_history", &[partner.to_string(), first.to_string(), MAX_PAGE.to_string()]),
            payout_address: AccountId32::new(payout),
        }
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
fn line<'a>(file: &'a AllocationFile, who: &AccountId32) -> Option<&'a accountant::Allocation> {
    let id = crate::id(who);
    file.allocations.iter().find(|a| a.account == id)
}

impl fmt::Display for PartnerDashboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "partner {}", self.name())?;
        writeln!(f, "  account            {}", self.account)?;
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
            writeln!(f, "  paid to            {}", self.payout_address)?;
        }
        for c in &self.claims {
            writeln!(
                f,
                "  claim              {} units, {}, {}, paid to {}{}",
                units(c.amount),
                claim_source(c),
                date(c.time),
                short(&AccountId32::new(*c.paid_to.as_ref())),
                if c.triggered_by == c.paid_to { String::new() } else { format!(", triggered by {}", short(&AccountId32::new(*c.triggered_by.as_ref()))) }
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
    pub fn read(chain: &mut Chain) -> Self {
        let vault = chain.vault.clone();
        SuiteTotals {
            pooled: chain.query("total_pooled", &[]),
            shares: chain.query("PSP22::total_supply", &[]),
            fees_held: chain.query("unwithdrawn_fees", &[]),
            referees: chain.index.referees.len(),
            codes: chain.index.codes.len(),
            vault: chain.vault_query("totals", &[]),
            vault_balance: chain.native(&vault),
            program: chain.gov_query("current_program", &[]),
        }
    }
}

impl fmt::Display for SuiteTotals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = &self.vault;
        writeln!(f, "staking   {} units pooled, {} shares, {} units of fees held for the treasury", units(self.pooled), units(self.shares), units(self.fees_held))?;
        writeln!(f, "          {} codes, {} bound referees", self.codes, self.referees)?;
        writeln!(f, "vault     deposited {}, claimed {}, refunded {} units; {} claims", units(v.deposited), units(v.claimed), units(v.refunded), v.claims)?;
        writeln!(f, "          outstanding {} units = pending {} + claimable {}; balance {} units", units(v.outstanding), units(v.pending), units(v.claimable), units(self.vault_balance))?;
        if v.bonus_credited > 0 || v.bonus_pool > 0 {
            writeln!(f, "          sign-up bonuses credited {} units; pool left {} units", units(v.bonus_credited), units(v.bonus_pool))?;
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
                    ", sign-up bonus {} + {} units",
                    units(b.referrer),
                    units(b.referee)
                ))
            ),
            None => writeln!(f, "program   none in force"),
        }
    }
}

/// The totals' companion: one line per partner the index knows.
pub fn partner_table(chain: &mut Chain, file: Option<&AllocationFile>) -> String {
    let mut out = format!(
        "  {:<14} {:>9} {:>16} {:>13} {:>13} {:>13} {:>13}\n",
        "partner", "referrals", "referred units", "this period", "pending", "claimable", "claimed"
    );
    for partner in chain.index.partners() {
        let d = PartnerDashboard::read(chain, &partner, file);
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
    out
}

/// A 9-decimal factor as a percentage ("6", "4.8").
fn factor_percent(factor: u64) -> String {
    trim(format!("{}.{:07}", factor / 10_000_000, factor % 10_000_000))
}

/// A 9-decimal factor as a decimal ("0.8").
fn factor_decimal(factor: u64) -> String {
    trim(format!("{}.{:09}", factor / 1_000_000_000, factor % 1_000_000_000))
}

fn trim(decimal: String) -> String {
    decimal.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A block time (ms since 1970) as a UTC date and time.
pub fn date(ms: u64) -> String {
    let (days, rest) = (ms / 86_400_000, ms % 86_400_000);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year}-{month:02}-{day:02} {:02}:{:02} UTC", rest / 3_600_000, rest % 3_600_000 / 60_000)
}

/// How reports name an account: a named account's name, else its first code, else its
/// short address.
pub fn name(chain: &Chain, who: &AccountId32) -> String {
    if let Some((name, _)) = chain.who.all().into_iter().find(|(_, a)| *a == who) {
        return name.to_string();
    }
    chain.index.codes_of(who).into_iter().next().unwrap_or_else(|| short(who))
}

/// An account's first and last bytes, for tables.
pub fn short(who: &AccountId32) -> String {
    let s = who.to_string();
    if s.len() > 12 {
        format!("{}…{}", &s[..6], &s[s.len() - 4..])
    } else {
        s
    }
}
