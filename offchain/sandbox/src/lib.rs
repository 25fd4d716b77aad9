//! The embedded sandbox: drink's in-process pallet-contracts runtime as a
//! [`Chain`](referral_client::Chain), the default chain of the tools, and the saved
//! sandbox that lets one command follow another.
pub mod saved;

use drink::minimal::{MinimalSandbox, MinimalSandboxRuntime, RuntimeEvent};
use drink::pallet_contracts::{self, CollectEvents, DebugInfo, Determinism, StorageDeposit};
use drink::sandbox_api::prelude::*;
use drink::session::Session;
use drink::{AccountId32, Sandbox as _};
use referral_client::chain::{Answer, Code, ContractEvent, Cost, Executed, Request};
use referral_client::constants::{ENDOWMENT, START_MS};
use referral_client::{AccountId, Accounts, Balance, Chain, ChainError};

/// Builds every contract of this workspace's dependency graph into a release `.contract`
/// bundle: the suite's four and, for e2e-tests (a member), its reentrancy probe. Drink
/// lists the contracts it finds in `cargo metadata`'s resolve of the whole workspace.
#[cfg(not(clippy))]
#[drink::contract_bundle_provider]
pub enum BundleProvider {}

/// Under clippy, the provider's enum without the build: drink's provider builds every
/// contract inside the compiler, and under clippy-driver that is a second full build of
/// each (its artifacts reused by no later build: the largest part of a cold CI run's
/// lints). Lints only type-check this; nothing runs it.
#[cfg(clippy)]
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum BundleProvider {
    ReferralStaking,
    ReferralStakingEntry,
    PartnerVault,
    PartnerVaultEntry,
    ProgramGovernance,
    Psp22,
    ReentrancyProbe,
}

#[cfg(clippy)]
impl BundleProvider {
    pub fn bundle(self) -> drink::DrinkResult<drink::session::ContractBundle> {
        Err(drink::Error::BundleLoadFailed(format!("{self:?}: built by drink's provider, which lints do not run")))
    }
}

/// The bundle of each of the suite's codes.
pub fn bundle(code: Code) -> Result<drink::session::ContractBundle, ChainError> {
    let provider = match code {
        Code::Staking => BundleProvider::ReferralStaking,
        Code::StakingEntry => BundleProvider::ReferralStakingEntry,
        Code::Vault => BundleProvider::PartnerVault,
        Code::VaultEntry => BundleProvider::PartnerVaultEntry,
        Code::Governance => BundleProvider::ProgramGovernance,
        Code::Token => BundleProvider::Psp22,
    };
    provider.bundle().map_err(|e| ChainError::Backend(format!("the {code:?} bundle: {e:?}")))
}

/// The code whose metadata is `code`'s interface: a contract's whole code for its entry.
pub fn interface(code: Code) -> Code {
    match code {
        Code::StakingEntry => Code::Staking,
        Code::VaultEntry => Code::Vault,
        other => other,
    }
}

/// The sandbox's account type for an ink! `AccountId`.
pub fn sandbox_account(who: &AccountId) -> AccountId32 {
    let bytes: &[u8; 32] = who.as_ref();
    AccountId32::new(*bytes)
}

/// An ink! `AccountId` for a sandbox account.
pub fn ink_account(who: &AccountId32) -> AccountId {
    let bytes: &[u8; 32] = who.as_ref();
    AccountId::from(*bytes)
}

/// drink's runtime in this process. Calls run at once, in one block whose clock is set
/// by [`Chain::set_time`].
pub struct Sandbox {
    pub session: Session<MinimalSandbox>,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    /// A fresh sandbox at `START_MS`, the named accounts endowed.
    pub fn new() -> Self {
        let mut sandbox = Sandbox { session: Session::<MinimalSandbox>::default() };
        for (_, who) in Accounts::named().all() {
            // Minting into a fresh runtime cannot fail: no account is at its limit.
            let _ = sandbox.session.sandbox().mint_into(&sandbox_account(who), ENDOWMENT);
        }
        sandbox.session.sandbox().set_timestamp(START_MS);
        sandbox
    }

    /// Empties the runtime's event list. Every call reads the whole list to find its own
    /// events, and without blocks nothing empties it: long sequences would slow down
    /// quadratically. At block zero there is none (frame_system deposits no events
    /// there), and emptying it would still walk every key changed since the storage was
    /// last rebuilt: it is left alone.
    pub fn forget_events(&mut self) {
        if self.session.sandbox().block_number() != 0 {
            self.session.sandbox().reset_events();
        }
    }

    fn execute(&mut self, request: &Request, keep: bool) -> Result<Executed, ChainError> {
        let gas_limit = self.session.get_gas_limit();
        self.forget_events();
        let (origin, dest) = (sandbox_account(&request.caller), sandbox_account(&request.contract));
        let (value, data) = (request.value, request.input.clone());
        let result = self.session.sandbox().execute_with(|| {
            let call = || {
                pallet_contracts::Pallet::<MinimalSandboxRuntime>::bare_call(
                    origin,
                    dest,
                    value,
                    gas_limit,
                    None,
                    data,
                    DebugInfo::Skip,
                    CollectEvents::UnsafeCollect,
                    Determinism::Enforced,
                )
            };
            match keep {
                true => call(),
                // A dry run inside a storage transaction rolled back: nothing it did stays.
                false => drink::frame_support::storage::with_transaction_unchecked(|| {
                    drink::frame_support::storage::TransactionOutcome::Rollback(call())
                }),
            }
        });
        let cost = Cost {
            ref_time: result.gas_consumed.ref_time(),
            proof_size: result.gas_consumed.proof_size(),
            storage_deposit: match result.storage_deposit {
                StorageDeposit::Charge(c) => i128::try_from(c).unwrap_or(i128::MAX),
                StorageDeposit::Refund(r) => i128::try_from(r).map_or(i128::MIN, |r| -r),
            },
        };
        let output = result.result.map_err(rejected)?;
        let events = match keep && !output.did_revert() {
            true => contract_events(result.events.unwrap_or_default()),
            false => Vec::new(),
        };
        let answer = match output.did_revert() {
            true => Answer::Reverted(output.data),
            false => Answer::Returned(output.data),
        };
        Ok(Executed { answer, cost, events })
    }
}

/// A dispatch error by name, as the node backend names it: a pallet's error by its
/// variant (`ContractTrapped`), the others as `sp_runtime` prints them.
fn rejected(error: drink::DispatchError) -> ChainError {
    match error {
        drink::DispatchError::Module(drink::frame_support::sp_runtime::ModuleError { message: Some(name), .. }) => {
            ChainError::Rejected(name.to_string())
        }
        other => ChainError::Rejected(format!("{other:?}")),
    }
}

fn contract_events(records: Vec<ink_sandbox::frame_system::EventRecord<RuntimeEvent, ink_sandbox::H256>>) -> Vec<ContractEvent> {
    records
        .into_iter()
        .filter_map(|record| match record.event {
            RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted { contract, data }) => Some(ContractEvent {
                contract: ink_account(&contract),
                topics: record.topics.iter().map(|t| t.to_fixed_bytes()).collect(),
                data,
            }),
            _ => None,
        })
        .collect()
}

impl Chain for Sandbox {
    fn submit(&mut self, request: &Request) -> Result<Executed, ChainError> {
        self.execute(request, true)
    }

    fn dry_run(&mut self, request: &Request) -> Result<Executed, ChainError> {
        self.execute(request, false)
    }

    fn contract_storage(&mut self, contract: &AccountId, keys: &[Vec<u8>]) -> Result<Vec<Option<Vec<u8>>>, ChainError> {
        let address = sandbox_account(contract);
        self.session.sandbox().execute_with(|| {
            keys.iter()
                .map(|key| {
                    pallet_contracts::Pallet::<MinimalSandboxRuntime>::get_storage(address.clone(), key.clone())
                        .map_err(|e| ChainError::Rejected(format!("{e:?}")))
                })
                .collect()
        })
    }

    fn upload(&mut self, caller: &AccountId, code: Code) -> Result<ink::primitives::Hash, ChainError> {
        let bundle = bundle(code)?;
        let uploaded = self
            .session
            .sandbox()
            .upload_contract(bundle.wasm, sandbox_account(caller), None, Determinism::Enforced)
            .map_err(rejected)?;
        Ok(ink::primitives::Hash::from(uploaded.code_hash.0))
    }

    fn instantiate(&mut self, caller: &AccountId, code: Code, input: Vec<u8>, salt: Vec<u8>) -> Result<AccountId, ChainError> {
        let bundle = bundle(code)?;
        let gas_limit = self.session.get_gas_limit();
        self.forget_events();
        let result =
            self.session.sandbox().deploy_contract(bundle.wasm.clone(), 0, input, salt, sandbox_account(caller), gas_limit, None);
        let instantiated = result.result.map_err(rejected)?;
        if instantiated.result.did_revert() {
            return Err(ChainError::Rejected(format!("the {code:?} constructor reverted: {:?}", instantiated.result.data)));
        }
        // The session's transcoder lets tests call the contract by message name too.
        let transcoder = if interface(code) == code { bundle.transcoder } else { self::bundle(interface(code))?.transcoder };
        self.session.set_transcoder(instantiated.account_id.clone(), &transcoder);
        Ok(ink_account(&instantiated.account_id))
    }

    fn now(&mut self) -> Result<u64, ChainError> {
        Ok(self.session.sandbox().get_timestamp())
    }

    fn native_balance(&mut self, who: &AccountId) -> Result<Balance, ChainError> {
        Ok(self.session.sandbox().free_balance(&sandbox_account(who)))
    }

    fn set_time(&mut self, ms: u64) -> Result<(), ChainError> {
        self.session.sandbox().set_timestamp(ms);
        Ok(())
    }

    fn fund(&mut self, who: &AccountId, amount: Balance) -> Result<(), ChainError> {
        self.session
            .sandbox()
            .mint_into(&sandbox_account(who), amount)
            .map(|_| ())
            .map_err(|e| ChainError::Rejected(format!("{e:?}")))
    }

    fn describe(&self) -> String {
        "embedded sandbox".into()
    }
}
