//! What the pages and the API show, read from a deployed suite through the client
//! library: an address's binding, a partner's figures with the running period's accrual
//! epoch by epoch, a period with its verification, the program in force, the overview.
//! Everything here is a read: no call is submitted.
use crate::lookup::PartnerKey;
use accountant::{allocate, AllocationFile, PeriodInput};
use partner_vault::{PeriodInfo, Totals};
use program_governance::Program;
use referral_client::dashboard::PartnerDashboard;
use referral_client::operator::{epochs_of, verify, OperatorError};
use referral_client::progress::Transcript;
use referral_client::reader::period_input;
use referral_client::{AccountId, Chain, Client, ClientError};
use std::collections::HashMap;
use std::fmt;

/// Why a view could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewError(pub String);

impl fmt::Display for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<ClientError> for ViewError {
    fn from(e: ClientError) -> Self {
        ViewError(e.to_string())
    }
}

impl From<OperatorError> for ViewError {
    fn from(e: OperatorError) -> Self {
        ViewError(e.to_string())
    }
}

pub type ViewResult<T> = Result<T, ViewError>;

/// An address as an integrator asks about it: is it a partner's referee?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    pub account: AccountId,
    /// The partner it is bound to, for good.
    pub partner: Option<AccountId>,
    /// That partner's codes.
    pub partner_codes: Vec<String>,
    /// The epoch of the binding.
    pub bound_epoch: Option<u32>,
    /// It has held the liquid token (a binding takes a brand-new address).
    pub has_held: bool,
    /// A stake with a code would still bind it: never bound, never held.
    pub can_be_bound: bool,
    /// It is a partner itself (owns a code or has referees).
    pub is_partner: bool,
}

/// A partner's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerView {
    pub dashboard: PartnerDashboard,
    /// The period not yet deposited, over its ended epochs.
    pub running: RunningView,
}

/// The partner's share of the period being accrued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningView {
    pub period: u32,
    /// Its ended epochs so far; `None` before the first one ends.
    pub epochs: Option<(u32, u32)>,
    /// What the accountant would allocate the partner over those epochs.
    pub accrued: u128,
    pub per_epoch: Vec<EpochPoint>,
}

/// One epoch of the running period for one partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpochPoint {
    pub epoch: u32,
    /// Share-seconds its referees held, and the whole supply's: its share of TVL.
    pub referred_share_seconds: u128,
    pub total_share_seconds: u128,
    /// What that epoch alone allocates the partner.
    pub reward: u128,
}

impl EpochPoint {
    /// The share of TVL in parts per million (rounded down).
    pub fn share_ppm(&self) -> u64 {
        if self.total_share_seconds == 0 {
            return 0;
        }
        let ppm = self.referred_share_seconds.saturating_mul(1_000_000) / self.total_share_seconds;
        u64::try_from(ppm).unwrap_or(u64::MAX)
    }
}

/// A deposited period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodView {
    pub info: PeriodInfo,
    /// The staking epochs it covers.
    pub epochs: Option<(u32, u32)>,
    /// Recomputing it from the chain gives the vault's hash, total and count.
    pub verified: bool,
}

/// The whole suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewView {
    pub totals: Totals,
    pub pooled: u128,
    pub shares: u128,
    pub program: Option<Program>,
    pub partners: Vec<PartnerDashboard>,
    pub periods: Vec<PeriodView>,
    pub running_period: u32,
    pub now: u64,
}

/// The figures of the running period for every partner, kept until the chain moves to
/// another epoch, period or set of referees (the past epochs' share-seconds never change).
#[derive(Debug, Clone)]
struct Running {
    key: (u32, Option<u32>, usize),
    period: u32,
    epochs: Option<(u32, u32)>,
    accrued: HashMap<AccountId, u128>,
    per_epoch: Vec<EpochFigures>,
}

/// One ended epoch of the running period, for every partner.
#[derive(Debug, Clone)]
struct EpochFigures {
    epoch: u32,
    total_share_seconds: u128,
    /// Each partner's referees' share-seconds and its reward.
    partners: HashMap<AccountId, (u128, u128)>,
}

/// The read model over a client, with what it computed and may reuse.
pub struct Model<C> {
    pub client: Client<C>,
    running: Option<Running>,
    /// Verification of periods by their record: a sealed period's inputs lie in the past.
    verified: HashMap<u32, (PeriodInfo, bool)>,
}

impl<C: Chain> Model<C> {
    pub fn new(client: Client<C>) -> Self {
        Model { client, running: None, verified: HashMap::new() }
    }

    /// Replaces the client (a reloaded sandbox): what was computed is dropped.
    pub fn replace(&mut self, client: Client<C>) {
        *self = Model::new(client);
    }

    pub fn account(&mut self, who: AccountId) -> ViewResult<AccountView> {
        let staking = self.client.suite.staking();
        let partner = self.client.query(staking.partner_of(who))?;
        let bound_epoch = self.client.query(staking.bound_epoch(who))?;
        let has_held = self.client.query(staking.has_ever_held(who))?;
        Ok(AccountView {
            account: who,
            partner,
            partner_codes: partner.map(|p| self.client.index.codes_of(&p)).unwrap_or_default(),
            bound_epoch,
            has_held,
            can_be_bound: partner.is_none() && !has_held,
            is_partner: self.is_partner(&who),
        })
    }

    /// Partners: the owners of codes and of bindings the index knows.
    pub fn is_partner(&self, who: &AccountId) -> bool {
        self.client.index.partners().contains(who)
    }

    /// The owner of a registered code.
    pub fn code_owner(&mut self, code: &str) -> ViewResult<Option<AccountId>> {
        Ok(self.client.query(self.client.suite.staking().code_owner(code.to_string()))?)
    }

    pub fn partner(&mut self, who: AccountId) -> ViewResult<Option<PartnerView>> {
        if !self.is_partner(&who) {
            return Ok(None);
        }
        let dashboard = PartnerDashboard::read(&mut self.client, &who, None)?;
        let running = self.refresh_running()?;
        let per_epoch = running
            .per_epoch
            .iter()
            .map(|e| {
                let (referred, reward) = e.partners.get(&who).copied().unwrap_or((0, 0));
                EpochPoint {
                    epoch: e.epoch,
                    referred_share_seconds: referred,
                    total_share_seconds: e.total_share_seconds,
                    reward,
                }
            })
            .collect();
        let running = RunningView {
            period: running.period,
            epochs: running.epochs,
            accrued: running.accrued.get(&who).copied().unwrap_or(0),
            per_epoch,
        };
        Ok(Some(PartnerView { dashboard, running }))
    }

    /// The partner a key names (an address, or a code's owner), if it names one.
    pub fn partner_by_key(&mut self, key: &PartnerKey) -> ViewResult<Option<PartnerView>> {
        let who = match key {
            PartnerKey::Account(who) => Some(*who),
            PartnerKey::Code(code) => self.code_owner(code)?,
        };
        match who {
            Some(who) => self.partner(who),
            None => Ok(None),
        }
    }

    pub fn period(&mut self, period: u32) -> ViewResult<Option<PeriodView>> {
        let Some(info) = self.client.query(self.client.suite.vault().period_info(period))? else { return Ok(None) };
        let epochs = epochs_of(&mut self.client, info.record.start, info.record.end).ok();
        let verified = match self.verified.get(&period) {
            Some((seen, verified)) if seen.record == info.record => *verified,
            _ => {
                let verified = verify(&mut self.client, period, &mut Transcript::default())?.passed();
                self.verified.insert(period, (info, verified));
                verified
            }
        };
        Ok(Some(PeriodView { info, epochs, verified }))
    }

    pub fn program(&mut self) -> ViewResult<Option<Program>> {
        Ok(self.client.query(self.client.suite.governance().current_program())?)
    }

    pub fn overview(&mut self) -> ViewResult<OverviewView> {
        let (staking, vault) = (self.client.suite.staking(), self.client.suite.vault());
        let totals = self.client.query(vault.totals())?;
        let mut partners = Vec::new();
        for partner in self.client.index.partners() {
            partners.push(PartnerDashboard::read(&mut self.client, &partner, None)?);
        }
        let mut periods = Vec::new();
        for period in 1..=totals.last_period.unwrap_or(0) {
            periods.extend(self.period(period)?);
        }
        use referral_client::PSP22 as _;
        Ok(OverviewView {
            totals,
            pooled: self.client.query(staking.total_pooled())?,
            shares: self.client.query(self.client.suite.staking().total_supply())?,
            program: self.program()?,
            partners,
            periods,
            running_period: totals.last_period.map_or(1, |p| p.saturating_add(1)),
            now: self.client.now()?,
        })
    }

    /// The running period: after the last deposited one (or from the first program's
    /// start), over the epochs ended since; the accountant run over all of them and over
    /// each alone, for every partner at once. Kept while the key is the same.
    fn refresh_running(&mut self) -> ViewResult<&Running> {
        let (staking, vault, governance) =
            (self.client.suite.staking(), self.client.suite.vault(), self.client.suite.governance());
        let totals = self.client.query(vault.totals())?;
        let now = self.client.now()?;
        let current = self.client.query(staking.epoch_at(now))?;
        let key = (current, totals.last_period, self.client.index.referees.len());
        if self.running.as_ref().map(|r| r.key) != Some(key) {
            let period = totals.last_period.map_or(1, |p| p.saturating_add(1));
            let start = match totals.last_period {
                Some(last) => self.client.query(vault.period_info(last))?.map(|info| info.record.end),
                None => self.client.query(governance.program(1))?.map(|program| program.starts_at),
            };
            let first = match start {
                Some(start) => Some(self.client.query(staking.epoch_at(start))?),
                None => None,
            };
            let epochs = first.filter(|first| *first < current).map(|first| (first, current.saturating_sub(1)));
            let mut running = Running { key, period, epochs, accrued: HashMap::new(), per_epoch: Vec::new() };
            if let Some(epochs) = epochs {
                let referees = self.client.index.referee_accounts();
                let input = period_input(&mut self.client, period, epochs, &referees, &mut Transcript::default())
                    .map_err(|e| ViewError(e.to_string()))?;
                running.accrued = amounts(&allocate_or_explain(&input)?);
                for index in 0..input.epochs.len() {
                    let Some(alone) = input.epoch_alone(index) else { continue };
                    let Some(epoch) = alone.epochs.first() else { continue };
                    let mut partners: HashMap<AccountId, (u128, u128)> = HashMap::new();
                    for referee in &alone.referees {
                        let held = referee.share_seconds.first().copied().unwrap_or(0);
                        let entry = partners.entry(referee.partner).or_default();
                        entry.0 = entry.0.saturating_add(held);
                    }
                    for (who, reward) in amounts(&allocate_or_explain(&alone)?) {
                        partners.entry(who).or_default().1 = reward;
                    }
                    running.per_epoch.push(EpochFigures {
                        epoch: epoch.epoch,
                        total_share_seconds: epoch.total_share_seconds,
                        partners,
                    });
                }
            }
            self.running = Some(running);
        }
        self.running.as_ref().ok_or_else(|| ViewError("the running period was not computed".into()))
    }
}

fn allocate_or_explain(input: &PeriodInput) -> ViewResult<AllocationFile> {
    allocate(input).map_err(|e| ViewError(format!("the accountant refused the chain's figures: {e:?}")))
}

fn amounts(file: &AllocationFile) -> HashMap<AccountId, u128> {
    file.allocations.iter().map(|a| (a.account, a.amount)).collect()
}
