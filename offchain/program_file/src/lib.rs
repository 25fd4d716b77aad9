//! Reads a Vega `proposalSubmission` JSON file (the "enable or replace referral
//! program" template, exactly as Vega documents it) into governance's `propose` call,
//! and refuses a bad file before anything is sent, naming the same rules the contract
//! names.
//!
//! As in Vega's template: timestamps are in seconds (numbers or strings), converted to
//! the chain's milliseconds; tier values are strings (numbers are accepted too);
//! factors and multipliers are decimals with at most 9 decimal places, read exactly into
//! 9-decimal fixed point; volumes and token amounts are integers in the chain's base
//! units.
//!
//! Two optional fields beyond Vega's template, in `changes`: `multiLevel`
//! (`levelOneFactor`, `decayFactor`, `totalCap` decimals; `maxDepth` an integer) for
//! rewards up the referrer chain, and `signupBonus` (`referrer`, `referee` in base
//! units) for the bonus credited on each new binding. Left out, they are off.
//! `signupBonus` takes two optional integers against bonus farming: `minimumStake`
//! (base units: a binding staking less earns no bonus) and `holdEpochs` (the bonus is
//! earned only if the referee keeps at least that stake for so many epochs after the
//! binding's). Left out, they are 0: the bonus is credited at the binding, as before.
use referral_common::bonus::SignupBonus;
use referral_common::levels::MultiLevel;
use referral_common::math::ONE;
use referral_common::program::{
    check_proposal_text, BenefitTier, ProgramChanges, ProgramLimits, ProposalRule as Rule, StakingTier,
};
use serde_json::Value;
use std::fmt;

/// The `propose(changes, closing, enactment, title, description)` call a file makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCall {
    pub changes: ProgramChanges,
    /// Milliseconds.
    pub closing: u64,
    /// Milliseconds.
    pub enactment: u64,
    pub title: String,
    pub description: String,
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// Not JSON.
    Json(String),
    /// A required field is missing (its path in the file).
    MissingField(String),
    /// A field is not a non-negative integer in range.
    InvalidInteger { field: String, value: String },
    /// A field is not a non-negative decimal with at most 9 decimal places.
    InvalidDecimal { field: String, value: String },
    /// A field has the wrong JSON type (`expected`: "a string", "a list").
    WrongType { field: String, expected: &'static str },
    /// The file is well formed but breaks one of governance's rules, named as the
    /// contract names it.
    Rule(Rule),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Json(e) => write!(f, "not a JSON file: {e}"),
            FileError::MissingField(path) => write!(f, "missing field {path}"),
            FileError::InvalidInteger { field, value } => write!(f, "{field}: {value} is not a whole number in range"),
            FileError::InvalidDecimal { field, value } => {
                write!(f, "{field}: {value} is not a decimal >= 0 with at most 9 decimal places")
            }
            FileError::WrongType { field, expected } => write!(f, "{field}: expected {expected}"),
            FileError::Rule(Rule::Program(rule)) => write!(f, "refused by rule {rule:?}"),
            FileError::Rule(rule) => write!(f, "refused by rule {rule:?}"),
        }
    }
}

impl std::error::Error for FileError {}

/// Parses `json` and checks every rule that does not depend on the chain's state.
pub fn read(json: &str, limits: &ProgramLimits) -> Result<ProposalCall, FileError> {
    let call = parse(json)?;
    call.check(limits)?;
    Ok(call)
}

/// Parses `json` into the call, without checking governance's rules.
pub fn parse(json: &str) -> Result<ProposalCall, FileError> {
    let root: Value = serde_json::from_str(json).map_err(|e| FileError::Json(e.to_string()))?;
    let submission = field(&root, "proposalSubmission", "")?;
    let rationale = field(submission, "rationale", "proposalSubmission")?;
    let terms = field(submission, "terms", "proposalSubmission")?;
    let changes_path = "proposalSubmission.terms.updateReferralProgram.changes";
    let changes = field(
        field(terms, "updateReferralProgram", "proposalSubmission.terms")?,
        "changes",
        "proposalSubmission.terms.updateReferralProgram",
    )?;
    let list = |name: &str| -> Result<Vec<(String, &Value)>, FileError> {
        match changes.get(name) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => {
                Ok(items.iter().enumerate().map(|(i, item)| (format!("{changes_path}.{name}[{i}]"), item)).collect())
            }
            Some(_) => Err(FileError::WrongType { field: format!("{changes_path}.{name}"), expected: "a list" }),
        }
    };
    let mut benefit_tiers = Vec::new();
    for (path, tier) in list("benefitTiers")? {
        benefit_tiers.push(BenefitTier {
            minimum_running_volume: integer(tier, "minimumRunningNotionalTakerVolume", &path)?,
            minimum_epochs: integer(tier, "minimumEpochs", &path)?,
            reward_factor: decimal(tier, "referralRewardFactor", &path)?,
            discount_factor: decimal(tier, "referralDiscountFactor", &path)?,
        });
    }
    let mut staking_tiers = Vec::new();
    for (path, tier) in list("stakingTiers")? {
        staking_tiers.push(StakingTier {
            minimum_staked: integer(tier, "minimumStakedTokens", &path)?,
            reward_multiplier: decimal(tier, "referralRewardMultiplier", &path)?,
        });
    }
    let multi_level = optional(changes, "multiLevel", changes_path, |levels, path| {
        Ok(MultiLevel {
            level_one_factor: decimal(levels, "levelOneFactor", path)?,
            decay_factor: decimal(levels, "decayFactor", path)?,
            max_depth: integer(levels, "maxDepth", path)?,
            total_cap: decimal(levels, "totalCap", path)?,
        })
    })?;
    let signup_bonus = optional(changes, "signupBonus", changes_path, |bonus, path| {
        Ok(SignupBonus {
            referrer: integer(bonus, "referrer", path)?,
            referee: integer(bonus, "referee", path)?,
            minimum_stake: optional_integer(bonus, "minimumStake", path)?,
            hold_epochs: optional_integer(bonus, "holdEpochs", path)?,
        })
    })?;
    let terms_path = "proposalSubmission.terms";
    Ok(ProposalCall {
        changes: ProgramChanges {
            end_of_program: seconds_as_ms(changes, "end_of_program_timestamp", changes_path)?,
            window_length: integer(changes, "window_length", changes_path)?,
            benefit_tiers,
            staking_tiers,
            multi_level,
            signup_bonus,
        },
        closing: seconds_as_ms(terms, "closingTimestamp", terms_path)?,
        enactment: seconds_as_ms(terms, "enactmentTimestamp", terms_path)?,
        title: text(rationale, "title", "proposalSubmission.rationale")?,
        description: text(rationale, "description", "proposalSubmission.rationale")?,
    })
}

impl ProposalCall {
    /// Governance's rules that do not depend on the chain's state, by the contract's
    /// names: the program's rules, enactment not before closing, title and description
    /// lengths. (The closing and enactment ranges depend on the time of the call and
    /// the proposer's balance on the chain: the contract checks those.)
    pub fn check(&self, limits: &ProgramLimits) -> Result<(), FileError> {
        self.changes.validate(self.enactment, limits).map_err(|e| FileError::Rule(e.into()))?;
        check_proposal_text(self.closing, self.enactment, &self.title, &self.description).map_err(FileError::Rule)
    }
}

impl ProposalCall {
    /// The call's arguments in the syntax of `cargo contract call --args` (and of
    /// drink's transcoder): changes, closing, enactment, title, description.
    pub fn contract_args(&self) -> Vec<String> {
        let c = &self.changes;
        let benefit: Vec<String> = c
            .benefit_tiers
            .iter()
            .map(|t| {
                format!(
                    "BenefitTier {{ minimum_running_volume: {}, minimum_epochs: {}, reward_factor: {}, discount_factor: {} }}",
                    t.minimum_running_volume, t.minimum_epochs, t.reward_factor, t.discount_factor
                )
            })
            .collect();
        let staking: Vec<String> = c
            .staking_tiers
            .iter()
            .map(|t| {
                format!("StakingTier {{ minimum_staked: {}, reward_multiplier: {} }}", t.minimum_staked, t.reward_multiplier)
            })
            .collect();
        let multi_level = c.multi_level.map_or("None".to_string(), |l| {
            format!(
                "Some(MultiLevel {{ level_one_factor: {}, decay_factor: {}, max_depth: {}, total_cap: {} }})",
                l.level_one_factor, l.decay_factor, l.max_depth, l.total_cap
            )
        });
        let signup_bonus = c.signup_bonus.map_or("None".to_string(), |b| {
            format!(
                "Some(SignupBonus {{ referrer: {}, referee: {}, minimum_stake: {}, hold_epochs: {} }})",
                b.referrer, b.referee, b.minimum_stake, b.hold_epochs
            )
        });
        let changes = format!(
            "ProgramChanges {{ end_of_program: {}, window_length: {}, benefit_tiers: [{}], staking_tiers: [{}], multi_level: {}, signup_bonus: {} }}",
            c.end_of_program,
            c.window_length,
            benefit.join(", "),
            staking.join(", "),
            multi_level,
            signup_bonus
        );
        vec![changes, self.closing.to_string(), self.enactment.to_string(), quote(&self.title), quote(&self.description)]
    }
}

/// A string argument in the transcoder's syntax.
fn quote(text: &str) -> String {
    format!("{text:?}")
}

fn path_of(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

fn field<'a>(object: &'a Value, name: &str, parent: &str) -> Result<&'a Value, FileError> {
    object.get(name).ok_or_else(|| FileError::MissingField(path_of(parent, name)))
}

/// An optional object field read by `read` (given its path); `None` when absent or null.
fn optional<T>(
    object: &Value,
    name: &str,
    parent: &str,
    read: impl FnOnce(&Value, &str) -> Result<T, FileError>,
) -> Result<Option<T>, FileError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => read(value, &path_of(parent, name)).map(Some),
    }
}

/// A string or number field's text.
fn scalar(object: &Value, name: &str, parent: &str) -> Result<String, FileError> {
    match field(object, name, parent)? {
        Value::String(s) => Ok(s.trim().to_string()),
        Value::Number(n) => Ok(n.to_string()),
        other => Ok(other.to_string()),
    }
}

fn text(object: &Value, name: &str, parent: &str) -> Result<String, FileError> {
    match field(object, name, parent)? {
        Value::String(s) => Ok(s.clone()),
        _ => Err(FileError::WrongType { field: path_of(parent, name), expected: "a string" }),
    }
}

fn integer<T: std::str::FromStr>(object: &Value, name: &str, parent: &str) -> Result<T, FileError> {
    let value = scalar(object, name, parent)?;
    let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| value.parse::<T>().ok()).flatten().ok_or(FileError::InvalidInteger { field: path_of(parent, name), value })
}

/// An optional integer field: zero when absent or null.
fn optional_integer<T: std::str::FromStr + Default>(object: &Value, name: &str, parent: &str) -> Result<T, FileError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(T::default()),
        Some(_) => integer(object, name, parent),
    }
}

fn seconds_as_ms(object: &Value, name: &str, parent: &str) -> Result<u64, FileError> {
    let seconds: u64 = integer(object, name, parent)?;
    seconds
        .checked_mul(1000)
        .ok_or_else(|| FileError::InvalidInteger { field: path_of(parent, name), value: seconds.to_string() })
}

fn decimal(object: &Value, name: &str, parent: &str) -> Result<u64, FileError> {
    let value = scalar(object, name, parent)?;
    parse_decimal(&value).ok_or(FileError::InvalidDecimal { field: path_of(parent, name), value })
}

/// "1.5" -> 1_500_000_000: a non-negative decimal with at most 9 decimal places, read
/// exactly into 9-decimal fixed point; `None` for anything else (signs, exponents,
/// more decimals, overflow).
pub fn parse_decimal(text: &str) -> Option<u64> {
    referral_common::decimal::parse_fixed(text, DECIMALS).and_then(|value| u64::try_from(value).ok())
}

/// The places of a fixed-point factor: `ONE` is 1.0.
const DECIMALS: u32 = ONE.ilog10();

#[cfg(test)]
mod tests;

#[cfg(test)]
mod fuzz;
