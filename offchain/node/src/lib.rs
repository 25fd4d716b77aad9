//! A pallet-contracts node as a [`Chain`]: JSON-RPC over WebSocket with subxt. Every
//! call is dry-run first (`ContractsApi_call`, the same runtime code the sandbox runs);
//! a refusal or a revert is answered from the dry run and nothing is sent; otherwise the
//! call is signed with its caller's key, submitted with the weight the dry run measured
//! (and a margin), and waited for until it is in a block, whose events give the
//! contract's events and, on failure, the dispatch error by name.
//!
//! A local dev node (chopsticks, `scripts/node`) also moves its clock and funds accounts
//! through its dev RPC (`dev_timeTravel`, `dev_newBlock`, `dev_setStorage`); a live node
//! refuses both by name.
pub mod deployment;
pub mod keys;
mod runtime_api;
pub mod scan;

use keys::Keyring;
use parity_scale_codec::{Decode, Encode};
use referral_client::chain::{Answer, Code, ContractEvent, Executed, Request};
use referral_client::{AccountId, Balance, Chain, ChainError};
use runtime_api::{
    AccountInfo, CallExtrinsic, CallRequest, CodeSource, ContractResult, Determinism, ExecReturnValue, InstantiateRequest,
    InstantiateReturnValue, InstantiateWithCodeExtrinsic, RawDispatchError, UploadCodeExtrinsic,
};
use std::future::Future;
use subxt::backend::legacy::rpc_methods::Bytes;
use subxt::backend::legacy::LegacyRpcMethods;
use subxt::backend::rpc::{rpc_params, RpcClient};
use subxt::blocks::ExtrinsicEvents;
use subxt::config::{DefaultExtrinsicParamsBuilder, Header as _, SubstrateConfig};
use subxt::dynamic::Value;
use subxt::tx::{Payload, TxStatus};
use subxt::utils::{AccountId32, MultiAddress, H256};
use subxt::{Error as SubxtError, OnlineClient};

/// The chain configuration of substrate-contracts-node and chains like it (Astar, Aleph
/// Zero): 32-byte accounts, sr25519 signatures, blake2 hashes.
pub type Config = SubstrateConfig;

/// The wasm of each code the suite instantiates (the release bundles).
pub type Codes = Box<dyn Fn(Code) -> Result<Vec<u8>, ChainError>>;

/// A node, its keys and the suite's codes.
pub struct Node {
    url: String,
    runtime: tokio::runtime::Runtime,
    api: OnlineClient<Config>,
    rpc: LegacyRpcMethods<Config>,
    raw: RpcClient,
    pub keys: Keyring,
    codes: Codes,
}

fn backend(e: impl std::fmt::Display) -> ChainError {
    ChainError::Backend(e.to_string())
}

impl Node {
    /// Connects to `url` (`ws://` or `wss://`), reading the node's metadata.
    pub fn connect(url: &str, keys: Keyring, codes: Codes) -> Result<Self, ChainError> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(backend)?;
        let (api, rpc, raw) = runtime
            .block_on(async {
                // ws:// is refused by subxt for anything but loopback; a remote node is wss://.
                let raw = RpcClient::from_url(url).await?;
                let api = OnlineClient::<Config>::from_rpc_client(raw.clone()).await?;
                Ok::<_, SubxtError>((api, LegacyRpcMethods::<Config>::new(raw.clone()), raw))
            })
            .map_err(|e| ChainError::Backend(format!("{url}: {e}")))?;
        Ok(Node { url: url.to_string(), runtime, api, rpc, raw, keys, codes })
    }

    fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// The best block's hash and number.
    pub fn best(&self) -> Result<(H256, u64), ChainError> {
        self.block_on(async {
            let header = self.rpc.chain_get_header(None).await?.ok_or_else(|| SubxtError::Other("no best block".into()))?;
            Ok::<_, SubxtError>((header.hash(), header.number.into()))
        })
        .map_err(backend)
    }

    /// The hash of block `number`, if the chain has one.
    pub fn block_hash(&self, number: u64) -> Result<Option<[u8; 32]>, ChainError> {
        let hash = self.block_on(self.rpc.chain_get_block_hash(Some(number.into()))).map_err(backend)?;
        Ok(hash.map(|h| h.0))
    }

    /// A runtime API call at the best block, its SCALE answer decoded.
    fn state_call<T: Decode>(&self, function: &str, args: impl Encode) -> Result<T, ChainError> {
        let bytes = self
            .block_on(self.rpc.state_call(function, Some(&args.encode()), None))
            .map_err(|e| backend(format!("{function}: {e}")))?;
        T::decode(&mut bytes.as_slice()).map_err(|e| backend(format!("{function}'s answer: {e}")))
    }

    /// A dry run's outcome as the client library takes it (no events: nothing stayed).
    fn answered(&self, dry: ContractResult<ExecReturnValue>) -> Result<Executed, ChainError> {
        let cost = dry.cost();
        let output = dry.result.map_err(|e| self.rejected(&e))?;
        Ok(Executed { answer: output.answer(), cost, events: Vec::new() })
    }

    fn rejected(&self, error: &RawDispatchError) -> ChainError {
        ChainError::Rejected(error.name(&self.api.metadata()))
    }

    fn dry_call(&self, request: &Request) -> Result<ContractResult<ExecReturnValue>, ChainError> {
        self.state_call("ContractsApi_call", CallRequest::of(request))
    }

    /// Signs `payload` as `caller` with the next nonce, submits it and waits until it is
    /// in a block; its events, or the dispatch error by name.
    fn sign_and_submit<P: subxt::tx::TxPayload>(
        &mut self,
        caller: &AccountId,
        payload: &P,
    ) -> Result<ExtrinsicEvents<Config>, ChainError> {
        let key = self.keys.get(caller).ok_or_else(|| {
            ChainError::Rejected(format!(
                "no key for {} (give its secret URI with --suri)",
                referral_client::address::ss58(caller)
            ))
        })?;
        let outcome = self.runtime.block_on(async {
            let signer = AccountId32(*caller.as_ref());
            // Asked of the node each time: a nonce counted here goes stale (`1010 invalid`)
            // when the previous transaction's block is not yet the best.
            let nonce = self.rpc.system_account_next_index(&signer).await?;
            let params = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
            let mut progress = self.api.tx().create_signed_offline(payload, key, params)?.submit_and_watch().await?;
            while let Some(status) = progress.next().await {
                match status? {
                    TxStatus::InBestBlock(in_block) | TxStatus::InFinalizedBlock(in_block) => {
                        return Ok(Ok(in_block.fetch_events().await?));
                    }
                    TxStatus::Error { message } | TxStatus::Invalid { message } | TxStatus::Dropped { message } => {
                        return Ok(Err(message));
                    }
                    _ => continue,
                }
            }
            Ok::<_, SubxtError>(Err("the node closed the transaction's subscription".into()))
        });
        let events = match outcome {
            Ok(Ok(events)) => events,
            Ok(Err(message)) => return Err(ChainError::Rejected(format!("the transaction was not included: {message}"))),
            // Refused at submission (cannot pay the fee, bad signature): nothing happened.
            Err(SubxtError::Rpc(e)) => return Err(ChainError::Rejected(format!("the node refused the transaction: {e}"))),
            Err(e) => return Err(backend(e)),
        };
        for event in events.iter() {
            let event = event.map_err(backend)?;
            if event.pallet_name() == "System" && event.variant_name() == "ExtrinsicFailed" {
                let error = RawDispatchError::decode(&mut event.field_bytes()).map_err(backend)?;
                return Err(self.rejected(&error));
            }
        }
        Ok(events)
    }

    /// A storage value at the best block, raw.
    fn storage(&self, pallet: &str, entry: &str, keys: Vec<Value>) -> Result<(Vec<u8>, Option<Vec<u8>>), ChainError> {
        let address = subxt::dynamic::storage(pallet, entry, keys);
        let key = self.api.storage().address_bytes(&address).map_err(backend)?;
        let value = self
            .block_on(async { self.api.storage().at(self.best_hash().await?).fetch_raw(key.clone()).await })
            .map_err(backend)?;
        Ok((key, value))
    }

    async fn best_hash(&self) -> Result<H256, SubxtError> {
        self.rpc.chain_get_block_hash(None).await?.ok_or_else(|| SubxtError::Other("no best block".into()))
    }

    fn account_info(&self, who: &AccountId) -> Result<(Vec<u8>, AccountInfo), ChainError> {
        let bytes: &[u8; 32] = who.as_ref();
        let (key, value) = self.storage("System", "Account", vec![Value::from_bytes(bytes)])?;
        let info = match value {
            Some(bytes) => AccountInfo::decode(&mut bytes.as_slice()).map_err(backend)?,
            None => AccountInfo::default(),
        };
        Ok((key, info))
    }

    /// The child-trie key (hex) of `contract`'s storage at block `at`: its trie id, from
    /// `Contracts::ContractInfoOf`, under the default child-storage prefix.
    fn child_trie(&self, contract: &AccountId, at: H256) -> Result<String, ChainError> {
        let bytes: &[u8; 32] = contract.as_ref();
        let address = subxt::dynamic::storage("Contracts", "ContractInfoOf", vec![Value::from_bytes(bytes)]);
        let key = self.api.storage().address_bytes(&address).map_err(backend)?;
        let info = self
            .block_on(self.api.storage().at(at).fetch_raw(key))
            .map_err(backend)?
            .ok_or_else(|| ChainError::Rejected(format!("no contract at {}", referral_client::address::ss58(contract))))?;
        // `ContractInfo` begins with its trie id (a SCALE byte vector).
        let trie_id = Vec::<u8>::decode(&mut info.as_slice()).map_err(backend)?;
        Ok(hex(&[CHILD_STORAGE_PREFIX, trie_id.as_slice()].concat()))
    }

    /// A dev RPC method (a local chopsticks node's); a node without it refuses by name.
    fn dev(&self, method: &str, params: subxt::backend::rpc::RpcParams) -> Result<serde_json::Value, ChainError> {
        self.block_on(self.raw.request(method, params)).map_err(|e| match e {
            SubxtError::Rpc(_) => ChainError::Unsupported("a dev RPC method (a local test node's power, not this node's)"),
            e => backend(e),
        })
    }

    /// `fund` for many accounts in one storage write and one block.
    pub fn fund_all(&mut self, grants: &[(AccountId, Balance)]) -> Result<(), ChainError> {
        let mut changes = Vec::with_capacity(grants.len());
        for (who, amount) in grants {
            let (key, mut info) = self.account_info(who)?;
            info.free =
                info.free.checked_add(*amount).ok_or_else(|| ChainError::Rejected("the balance would overflow".into()))?;
            // An account without a provider does not exist: the new one is given one.
            info.providers = info.providers.max(1);
            changes.push((referral_client::address::hex(&key), referral_client::address::hex(&info.encode())));
        }
        self.dev("dev_setStorage", rpc_params![changes])?;
        self.dev("dev_newBlock", rpc_params![])?;
        Ok(())
    }

    /// The URL this node was reached at.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Chain for Node {
    fn submit(&mut self, request: &Request) -> Result<Executed, ChainError> {
        let dry = self.dry_call(request)?;
        let (cost, gas_limit) = (dry.cost(), with_margin(dry.gas_required));
        let output = dry.result.map_err(|e| self.rejected(&e))?;
        let answer = output.answer();
        if matches!(answer, Answer::Reverted(_)) {
            // The contract refuses it: answered from the dry run, no fee spent on it.
            return Ok(Executed { answer, cost, events: Vec::new() });
        }
        let call = CallExtrinsic {
            dest: MultiAddress::Id(AccountId32(*request.contract.as_ref())),
            value: request.value,
            gas_limit,
            // No limit but the caller's balance: see `with_margin`.
            storage_deposit_limit: None,
            data: request.input.clone(),
        };
        let events = match self.sign_and_submit(&request.caller, &Payload::new("Contracts", "call", call)) {
            Ok(events) => events,
            // It went through as a dry run and reverted in its block: the time or the
            // state moved in between. Asked again at that block, the contract names its
            // error (nothing of the call stayed, as for any revert).
            Err(ChainError::Rejected(why)) if why == "ContractReverted" => {
                let again = self.dry_call(request)?;
                let cost = again.cost();
                return match again.result.map_err(|e| self.rejected(&e))?.answer() {
                    reverted @ referral_client::chain::Answer::Reverted(_) => {
                        Ok(Executed { answer: reverted, cost, events: Vec::new() })
                    }
                    _ => Err(ChainError::Rejected(
                        "ContractReverted (in its block; it would go through now: send it again)".into(),
                    )),
                };
            }
            Err(e) => return Err(e),
        };
        Ok(Executed { answer, cost, events: contract_events(&events)? })
    }

    fn dry_run(&mut self, request: &Request) -> Result<Executed, ChainError> {
        let dry = self.dry_call(request)?;
        self.answered(dry)
    }

    fn dry_run_all(&mut self, requests: &[Request]) -> Result<Vec<Executed>, ChainError> {
        use futures::stream::{self, StreamExt, TryStreamExt};
        let rpc = &self.rpc;
        let calls = stream::iter(requests)
            .map(|request| async move {
                let args = CallRequest::of(request);
                rpc.state_call("ContractsApi_call", Some(&args.encode()), None).await
            })
            .buffered(scan::IN_FLIGHT)
            .try_collect::<Vec<_>>();
        let answers = self.block_on(calls).map_err(|e| backend(format!("ContractsApi_call: {e}")))?;
        answers.into_iter().map(|bytes| self.answered(ContractResult::decode(&mut bytes.as_slice()).map_err(backend)?)).collect()
    }

    /// Reads the contract's child trie (`childstate_getStorage`, the standard RPC: no
    /// runtime call) at one block, many reads in flight.
    fn contract_storage(&mut self, contract: &AccountId, keys: &[Vec<u8>]) -> Result<Vec<Option<Vec<u8>>>, ChainError> {
        use futures::stream::{self, StreamExt, TryStreamExt};
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let at = self.block_on(self.best_hash()).map_err(backend)?;
        let trie = self.child_trie(contract, at)?;
        let raw = &self.raw;
        let reads = stream::iter(keys)
            .map(|key| {
                let params = rpc_params![&trie, hex(&contract_storage_key(key)), at];
                async move { raw.request::<Option<Bytes>>("childstate_getStorage", params).await }
            })
            .buffered(STORAGE_READS_IN_FLIGHT)
            .map_ok(|value| value.map(|bytes| bytes.0))
            .try_collect::<Vec<_>>();
        self.block_on(reads).map_err(|e| backend(format!("childstate_getStorage: {e}")))
    }

    /// Submits `Contracts::upload_code` (which keeps a code the chain has as it is);
    /// the hash is the runtime's, blake2-256 of the code.
    fn upload(&mut self, caller: &AccountId, code: Code) -> Result<ink::primitives::Hash, ChainError> {
        use blake2::digest::{consts::U32, Digest};
        let wasm = (self.codes)(code)?;
        let hash: [u8; 32] = blake2::Blake2b::<U32>::digest(&wasm).into();
        let extrinsic = UploadCodeExtrinsic { code: wasm, storage_deposit_limit: None, determinism: Determinism::Enforced };
        self.sign_and_submit(caller, &Payload::new("Contracts", "upload_code", extrinsic))?;
        Ok(ink::primitives::Hash::from(hash))
    }

    fn instantiate(&mut self, caller: &AccountId, code: Code, input: Vec<u8>, salt: Vec<u8>) -> Result<AccountId, ChainError> {
        let wasm = (self.codes)(code)?;
        let args = InstantiateRequest {
            origin: *caller.as_ref(),
            value: 0,
            gas_limit: None,
            storage_deposit_limit: None,
            code: CodeSource::Upload(wasm.clone()),
            data: input.clone(),
            salt: salt.clone(),
        };
        let dry: ContractResult<InstantiateReturnValue> = self.state_call("ContractsApi_instantiate", args)?;
        let gas_limit = with_margin(dry.gas_required);
        let instantiated = dry.result.map_err(|e| self.rejected(&e))?;
        if instantiated.result.flags & 1 == 1 {
            return Err(ChainError::Rejected(format!("the {code:?} constructor reverted: {:?}", instantiated.result.data)));
        }
        let extrinsic =
            InstantiateWithCodeExtrinsic { value: 0, gas_limit, storage_deposit_limit: None, code: wasm, data: input, salt };
        let events = self.sign_and_submit(caller, &Payload::new("Contracts", "instantiate_with_code", extrinsic))?;
        for event in events.iter() {
            let event = event.map_err(backend)?;
            if event.pallet_name() == "Contracts" && event.variant_name() == "Instantiated" {
                let (_deployer, contract) = <([u8; 32], [u8; 32])>::decode(&mut event.field_bytes()).map_err(backend)?;
                return Ok(AccountId::from(contract));
            }
        }
        Err(backend("the instantiation's block has no Contracts::Instantiated event"))
    }

    fn now(&mut self) -> Result<u64, ChainError> {
        let (_, value) = self.storage("Timestamp", "Now", Vec::new())?;
        let bytes = value.unwrap_or_default();
        u64::decode(&mut bytes.as_slice()).map_err(backend)
    }

    fn native_balance(&mut self, who: &AccountId) -> Result<Balance, ChainError> {
        Ok(self.account_info(who)?.1.free)
    }

    /// The next block is built at `ms`: chopsticks builds each block one slot after the
    /// time its clock holds, so the clock is set a slot earlier (the slot measured on a
    /// first block). The latest block is then at `ms` and calls see that time.
    fn set_time(&mut self, ms: u64) -> Result<(), ChainError> {
        self.dev("dev_timeTravel", rpc_params![ms])?;
        self.dev("dev_newBlock", rpc_params![])?;
        let landed = self.now()?;
        if landed != ms {
            let slot = landed.checked_sub(ms).ok_or_else(|| backend(format!("the clock went to {landed}, before {ms}")))?;
            self.dev("dev_timeTravel", rpc_params![ms.saturating_sub(slot)])?;
            self.dev("dev_newBlock", rpc_params![])?;
        }
        match self.now()? {
            now if now == ms => Ok(()),
            now => Err(backend(format!("the dev clock landed at {now}, not {ms}"))),
        }
    }

    /// Adds `amount` to `who`'s free balance in the chain's storage (a dev node's
    /// `dev_setStorage`), then builds a block so that calls see it.
    fn fund(&mut self, who: &AccountId, amount: Balance) -> Result<(), ChainError> {
        self.fund_all(&[(*who, amount)])
    }

    fn describe(&self) -> String {
        format!("node at {}", self.url)
    }
}

/// Storage reads kept in flight on the connection: a node answers them from its
/// database, concurrently, in well under a millisecond each.
const STORAGE_READS_IN_FLIGHT: usize = 64;

/// Where the runtime keeps child tries (`sp_core::storage::DEFAULT_CHILD_STORAGE_KEY_PREFIX`).
const CHILD_STORAGE_PREFIX: &[u8] = b":child_storage:default:";

/// The child-trie key pallet-contracts keeps a contract's value under, for the key the
/// contract gave: `Blake2_128Concat` of it (pallet-contracts' `Key::Var`).
fn contract_storage_key(key: &[u8]) -> Vec<u8> {
    use blake2::digest::{consts::U16, Digest};
    let hash = blake2::Blake2b::<U16>::digest(key);
    [&hash[..], key].concat()
}

fn hex(bytes: &[u8]) -> String {
    referral_client::address::hex(bytes)
}

/// The gas limit to submit with: the dry run's requirement and a quarter more. The dry
/// run executes at the best block's time, the transaction in the next block, a slot
/// later: a call that is the first of a new epoch then stores the closed epoch's
/// share-seconds, and needs more weight and storage than the dry run measured
/// (seen: `StorageDepositLimitExhausted` with the dry run's deposit as the limit). The
/// unused weight is refunded; the storage deposit is limited by the caller's balance.
fn with_margin(required: runtime_api::Weight) -> runtime_api::Weight {
    let more = |x: u64| x.saturating_add(x / 4);
    runtime_api::Weight { ref_time: more(required.ref_time), proof_size: more(required.proof_size) }
}

/// The contract events among a block's events for one extrinsic.
fn contract_events(events: &ExtrinsicEvents<Config>) -> Result<Vec<ContractEvent>, ChainError> {
    let mut out = Vec::new();
    for event in events.iter() {
        let event = event.map_err(backend)?;
        if let Some(e) = scan::contract_event(&event)? {
            out.push(e);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contract_storage_key_is_its_blake2_128_then_itself() {
        let key = contract_storage_key(&[1, 2]);
        assert_eq!(hex(&key), "0x6e70bbd341ca5010128294a059c4f6460102");
        assert_eq!(hex(&contract_storage_key(&[])), "0xcae66941d9efbd404e4d88758ea67670");
    }
}
