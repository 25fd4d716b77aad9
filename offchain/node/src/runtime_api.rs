//! What pallet-contracts 31 takes and gives over the wire: the `ContractsApi` runtime API's
//! arguments and results (SCALE, read with `state_call`), the `Contracts` extrinsics'
//! fields (encoded against the node's own metadata), and `sp_runtime::DispatchError`.
//! Mirrors of the runtime's types, field for field, so that this crate needs none of the
//! runtime's crates.
use parity_scale_codec::{Decode, Encode};
use referral_client::chain::{Answer, Cost};
use referral_client::Balance;
use subxt::ext::scale_encode::EncodeAsType;
use subxt::utils::{AccountId32, MultiAddress};
use subxt::Metadata;

/// `sp_weights::Weight`: compact on the wire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Encode, Decode, EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
pub struct Weight {
    #[codec(compact)]
    pub ref_time: u64,
    #[codec(compact)]
    pub proof_size: u64,
}

/// `ContractsApi_call`'s arguments.
#[derive(Encode)]
pub struct CallRequest {
    pub origin: [u8; 32],
    pub dest: [u8; 32],
    pub value: Balance,
    pub gas_limit: Option<Weight>,
    pub storage_deposit_limit: Option<Balance>,
    pub input_data: Vec<u8>,
}

impl CallRequest {
    /// A dry run of `request`, with no limits.
    pub fn of(request: &referral_client::chain::Request) -> Self {
        CallRequest {
            origin: *request.caller.as_ref(),
            dest: *request.contract.as_ref(),
            value: request.value,
            gas_limit: None,
            storage_deposit_limit: None,
            input_data: request.input.clone(),
        }
    }
}

/// `pallet_contracts::Code`: the suite always uploads (an existing code is reused by the
/// pallet at no charge).
#[derive(Encode)]
pub enum CodeSource {
    Upload(Vec<u8>),
}

/// `ContractsApi_instantiate`'s arguments.
#[derive(Encode)]
pub struct InstantiateRequest {
    pub origin: [u8; 32],
    pub value: Balance,
    pub gas_limit: Option<Weight>,
    pub storage_deposit_limit: Option<Balance>,
    pub code: CodeSource,
    pub data: Vec<u8>,
    pub salt: Vec<u8>,
}

/// `pallet_contracts::StorageDeposit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Decode)]
pub enum StorageDeposit {
    Refund(Balance),
    Charge(Balance),
}

/// `pallet_contracts::ExecReturnValue`: bit 0 of the flags is REVERT.
#[derive(Debug, Clone, PartialEq, Eq, Decode)]
pub struct ExecReturnValue {
    pub flags: u32,
    pub data: Vec<u8>,
}

impl ExecReturnValue {
    pub fn answer(self) -> Answer {
        match self.flags & 1 == 1 {
            true => Answer::Reverted(self.data),
            false => Answer::Returned(self.data),
        }
    }
}

/// `pallet_contracts::InstantiateReturnValue`.
#[derive(Debug, Clone, PartialEq, Eq, Decode)]
pub struct InstantiateReturnValue {
    pub result: ExecReturnValue,
    pub account_id: [u8; 32],
}

/// `pallet_contracts::ContractResult` up to its result; the events that follow are not
/// collected by the runtime API (always `None`).
#[derive(Debug, Clone, PartialEq, Eq, Decode)]
pub struct ContractResult<R> {
    pub gas_consumed: Weight,
    pub gas_required: Weight,
    pub storage_deposit: StorageDeposit,
    pub debug_message: Vec<u8>,
    pub result: Result<R, RawDispatchError>,
}

impl<R> ContractResult<R> {
    /// What the call costs, as the sandbox reports it: the weight consumed and the
    /// storage deposit charged (positive) or refunded (negative).
    pub fn cost(&self) -> Cost {
        Cost {
            ref_time: self.gas_consumed.ref_time,
            proof_size: self.gas_consumed.proof_size,
            storage_deposit: match self.storage_deposit {
                StorageDeposit::Charge(c) => i128::try_from(c).unwrap_or(i128::MAX),
                StorageDeposit::Refund(r) => i128::try_from(r).map_or(i128::MIN, |r| -r),
            },
        }
    }
}

/// `sp_runtime::DispatchError`, as SCALE lays it out.
#[derive(Debug, Clone, PartialEq, Eq, Decode)]
pub enum RawDispatchError {
    Other,
    CannotLookup,
    BadOrigin,
    Module { index: u8, error: [u8; 4] },
    ConsumerRemaining,
    NoProviders,
    TooManyConsumers,
    Token(u8),
    Arithmetic(u8),
    Transactional(u8),
    Exhausted,
    Corruption,
    Unavailable,
    RootNotAllowed,
}

const TOKEN_ERRORS: [&str; 10] = [
    "FundsUnavailable",
    "OnlyProvider",
    "BelowMinimum",
    "CannotCreate",
    "UnknownAsset",
    "Frozen",
    "Unsupported",
    "CannotCreateHold",
    "NotExpendable",
    "Blocked",
];
const ARITHMETIC_ERRORS: [&str; 3] = ["Underflow", "Overflow", "DivisionByZero"];
const TRANSACTIONAL_ERRORS: [&str; 2] = ["LimitReached", "NoLayer"];

impl RawDispatchError {
    /// The error by name, as the embedded sandbox names it: a pallet's error by its
    /// variant (`ContractTrapped`, `OutOfGas`), the others as `sp_runtime` prints them
    /// (`Token(FundsUnavailable)`, `BadOrigin`).
    pub fn name(&self, metadata: &Metadata) -> String {
        let pick = |names: &[&str], i: u8| names.get(usize::from(i)).map_or(format!("#{i}"), |n| n.to_string());
        match self {
            RawDispatchError::Module { index, error } => metadata
                .pallet_by_index(*index)
                .and_then(|pallet| pallet.error_variant_by_index(error[0]))
                .map_or_else(|| format!("Module {{ index: {index}, error: {error:?} }}"), |v| v.name.clone()),
            RawDispatchError::Token(e) => format!("Token({})", pick(&TOKEN_ERRORS, *e)),
            RawDispatchError::Arithmetic(e) => format!("Arithmetic({})", pick(&ARITHMETIC_ERRORS, *e)),
            RawDispatchError::Transactional(e) => format!("Transactional({})", pick(&TRANSACTIONAL_ERRORS, *e)),
            other => format!("{other:?}"),
        }
    }
}

/// The `Contracts::call` extrinsic.
#[derive(Debug, EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
pub struct CallExtrinsic {
    pub dest: MultiAddress<AccountId32, ()>,
    pub value: Balance,
    pub gas_limit: Weight,
    pub storage_deposit_limit: Option<Balance>,
    pub data: Vec<u8>,
}

/// The `Contracts::instantiate_with_code` extrinsic.
#[derive(Debug, EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
pub struct InstantiateWithCodeExtrinsic {
    pub value: Balance,
    pub gas_limit: Weight,
    pub storage_deposit_limit: Option<Balance>,
    pub code: Vec<u8>,
    pub data: Vec<u8>,
    pub salt: Vec<u8>,
}

/// The `Contracts::upload_code` extrinsic.
#[derive(Debug, EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
pub struct UploadCodeExtrinsic {
    pub code: Vec<u8>,
    pub storage_deposit_limit: Option<Balance>,
    pub determinism: Determinism,
}

/// `pallet_contracts::Determinism`: the suite's codes are deterministic.
#[derive(Debug, EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
pub enum Determinism {
    Enforced,
}

/// `frame_system::AccountInfo` with `pallet_balances::AccountData`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct AccountInfo {
    pub nonce: u32,
    pub consumers: u32,
    pub providers: u32,
    pub sufficients: u32,
    pub free: Balance,
    pub reserved: Balance,
    pub frozen: Balance,
    pub flags: u128,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_result_decodes_as_the_runtime_encodes_it() {
        // gas_consumed (compact 5, compact 7), gas_required (compact 9, compact 11),
        // Charge(3), empty debug message, Ok(flags 1 = revert, data [0, 1]), events None.
        let mut bytes = vec![20, 28, 36, 44, 1];
        bytes.extend(3u128.encode());
        bytes.extend([0, 0]);
        bytes.extend(1u32.encode());
        bytes.extend(vec![0u8, 1].encode());
        bytes.push(0);
        let result = ContractResult::<ExecReturnValue>::decode(&mut bytes.as_slice()).unwrap();
        assert_eq!(result.gas_consumed, Weight { ref_time: 5, proof_size: 7 });
        assert_eq!(result.gas_required, Weight { ref_time: 9, proof_size: 11 });
        assert_eq!(result.cost(), Cost { ref_time: 5, proof_size: 7, storage_deposit: 3 });
        assert_eq!(result.result.unwrap().answer(), Answer::Reverted(vec![0, 1]));
    }

    #[test]
    fn dispatch_errors_decode_in_sp_runtime_layout() {
        let module = RawDispatchError::decode(&mut [3u8, 8, 11, 0, 0, 0].as_slice()).unwrap();
        assert_eq!(module, RawDispatchError::Module { index: 8, error: [11, 0, 0, 0] });
        let token = RawDispatchError::decode(&mut [7u8, 0].as_slice()).unwrap();
        assert_eq!(token, RawDispatchError::Token(0));
    }
}
