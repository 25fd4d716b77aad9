//! Reading the contracts' maps directly from their storage. A dry-run query runs the
//! contract (its whole code loaded, executed by the node's runtime: about 150 ms each on
//! the local node, one after another); a storage read runs nothing and a node answers it
//! from its database. The month's per-referee and per-partner figures are read this way,
//! at the fixed keys the contracts declare (`referral_staking::storage_keys`,
//! `program_governance::storage_keys`), and decoded with the contracts' own types.
use crate::address::AccountId;
use crate::chain::Chain;
use crate::client::{Client, ClientError};
use ink::primitives::Key;
use ink::scale::{Decode, Encode};

/// The storage key under which an ink! `Mapping` declared at `root` keeps the value for
/// `key`: the SCALE encoding of `(root, key)`, as `Mapping::insert` writes it.
pub fn mapping_key<K: Encode>(root: Key, key: &K) -> Vec<u8> {
    (root, key).encode()
}

impl<C: Chain> Client<C> {
    /// The values of the `Mapping` at `root` in `contract` for each of `keys`, in order
    /// (`None`: no value stored, the map's default). Every value must decode as `V` with
    /// every byte used: otherwise the contract is not the one the suite expects.
    pub fn read_mapping<K: Encode, V: Decode>(
        &mut self,
        contract: AccountId,
        root: Key,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<Vec<Option<V>>, ClientError> {
        let keys: Vec<Vec<u8>> = keys.into_iter().map(|k| mapping_key(root, &k)).collect();
        let values = self.chain.contract_storage(&contract, &keys)?;
        if values.len() != keys.len() {
            return Err(ClientError::Undecodable);
        }
        values.into_iter().map(|value| value.map(|bytes| decode_all(&bytes)).transpose()).collect()
    }
}

fn decode_all<V: Decode>(bytes: &[u8]) -> Result<V, ClientError> {
    let mut rest = bytes;
    match V::decode(&mut rest) {
        Ok(value) if rest.is_empty() => Ok(value),
        _ => Err(ClientError::Undecodable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_key_is_the_root_little_endian_then_the_encoded_key() {
        let account = AccountId::from([7; 32]);
        let key = mapping_key(0x0102_0304, &(account, 5u32));
        assert_eq!(&key[..4], &[4, 3, 2, 1]);
        assert_eq!(&key[4..36], &[7; 32]);
        assert_eq!(&key[36..], &[5, 0, 0, 0]);
    }

    #[test]
    fn a_value_with_bytes_left_over_is_not_the_expected_type() {
        assert_eq!(decode_all::<u32>(&[1, 0, 0, 0]), Ok(1));
        assert_eq!(decode_all::<u32>(&[1, 0, 0, 0, 9]), Err(ClientError::Undecodable));
        assert_eq!(decode_all::<u32>(&[1, 0]), Err(ClientError::Undecodable));
    }
}
