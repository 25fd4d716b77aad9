//! One measured call: which contract and message, in which case, for whom, and what it
//! cost.
use drink::AccountId32;
use referral_e2e_tests::{Chain, Cost};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Contract {
    Staking,
    Vault,
    Governance,
    /// The psp22 crate's own token: the reference.
    Token,
}

impl Contract {
    pub fn name(self) -> &'static str {
        match self {
            Contract::Staking => "staking",
            Contract::Vault => "vault",
            Contract::Governance => "governance",
            Contract::Token => "psp22 2.0 token",
        }
    }

    fn address(self, c: &Chain) -> AccountId32 {
        match self {
            Contract::Staking => c.staking.clone(),
            Contract::Vault => c.vault.clone(),
            Contract::Governance => c.governance.clone(),
            Contract::Token => c.token.clone(),
        }
    }
}

/// Who calls a message, which decides whether its cost must stay flat as the program
/// grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// A staker, a partner or a voter: paid by users, must not grow with the population.
    User,
    /// The admin, the oracle, the treasury or the distributor.
    Operator,
    /// A read (free off-chain as a dry run; measured as a call).
    Query,
}

impl Caller {
    pub fn name(self) -> &'static str {
        match self {
            Caller::User => "user",
            Caller::Operator => "operator",
            Caller::Query => "query",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Measured {
    pub contract: Contract,
    pub message: &'static str,
    /// The case measured, when the message has several.
    pub case: &'static str,
    pub caller: Caller,
    pub cost: Cost,
}

/// The costs of one round of calls.
#[derive(Debug, Default)]
pub struct Sheet {
    pub rows: Vec<Measured>,
}

impl Sheet {
    /// Calls `message` of `contract` as `who` with `value`, which must go through, and
    /// records its cost.
    #[allow(clippy::too_many_arguments)]
    pub fn call(
        &mut self,
        c: &mut Chain,
        contract: Contract,
        (message, case): (&'static str, &'static str),
        caller: Caller,
        who: &AccountId32,
        args: &[String],
        value: u128,
    ) {
        let address = contract.address(c);
        c.session().set_actor(who.clone());
        c.forget_events();
        let endowment = (value > 0).then_some(value);
        // Any answer decodes as `()`: only whether the call went through matters here.
        if let Err(error) = c.session().call_with_address::<_, ()>(address, message, args, endowment) {
            panic!("{} {message} ({case}) did not go through: {error:?}", contract.name());
        }
        self.rows.push(Measured { contract, message, case, caller, cost: c.last_cost() });
    }

    /// The recorded cost of `message` (its first case when `case` is empty).
    pub fn cost(&self, contract: Contract, message: &str, case: &str) -> Cost {
        self.rows
            .iter()
            .find(|r| r.contract == contract && r.message == message && (case.is_empty() || r.case == case))
            .unwrap_or_else(|| panic!("{message} ({case}) was not measured"))
            .cost
    }
}
