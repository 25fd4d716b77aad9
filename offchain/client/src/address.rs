//! Accounts as people write them: SS58 (Substrate's generic prefix 42, as the sandbox and
//! substrate-contracts-node print them) or 32 bytes of 0x-hex; and the suite's named
//! accounts.
use blake2::{Blake2b512, Digest};
pub use ink::primitives::AccountId;

/// Substrate's generic SS58 address format.
pub const SS58_PREFIX: u8 = 42;
/// What every SS58 checksum hashes first.
const SS58_CONTEXT: &[u8] = b"SS58PRE";

/// `who` in SS58 with the generic prefix.
pub fn ss58(who: &AccountId) -> String {
    let mut bytes = vec![SS58_PREFIX];
    bytes.extend_from_slice(who.as_ref());
    let checksum = checksum(&bytes);
    bytes.extend_from_slice(&checksum);
    bs58::encode(bytes).into_string()
}

/// An SS58 address with a one-byte prefix (any network's) or 0x + 64 hex digits.
pub fn parse_address(text: &str) -> Option<AccountId> {
    if let Some(hex) = text.strip_prefix("0x") {
        return parse_hex32(hex).map(AccountId::from);
    }
    let bytes = bs58::decode(text).into_vec().ok()?;
    // prefix (1) + key (32) + checksum (2); prefixes above 63 take two bytes (not used
    // by the chains this suite targets).
    let (body, sum) = (bytes.get(..33)?, bytes.get(33..)?);
    if bytes.len() != 35 || body[0] > 63 || checksum(body) != sum {
        return None;
    }
    let mut key = [0u8; 32];
    key.copy_from_slice(&body[1..]);
    Some(AccountId::from(key))
}

/// 64 hex digits into 32 bytes.
pub fn parse_hex32(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64 || !hex.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Bytes as 0x-prefixed lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::from("0x"), |mut out, b| {
        out.push_str(&format!("{b:02x}"));
        out
    })
}

fn checksum(body: &[u8]) -> [u8; 2] {
    let mut hasher = Blake2b512::new();
    hasher.update(SS58_CONTEXT);
    hasher.update(body);
    let hash = hasher.finalize();
    [hash[0], hash[1]]
}

/// An account made of one byte repeated: the sandbox's named accounts.
pub fn account(byte: u8) -> AccountId {
    AccountId::from([byte; 32])
}

/// The `index`-th account of a numbered group: for populations larger than the
/// one-byte accounts allow (the demo's stakers and partners).
pub fn account_n(group: u8, index: u32) -> AccountId {
    let mut bytes = [group; 32];
    bytes[28..].copy_from_slice(&index.to_be_bytes());
    AccountId::from(bytes)
}

/// The named accounts of the sandbox: the seed's Alice, Bob and Eve, and the roles (in
/// any account type `A`: backends and tests keep their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accounts<A = AccountId> {
    pub admin: A,
    pub oracle: A,
    pub treasury: A,
    /// The vault's distributor (the operator depositing the monthly allocations).
    pub distributor: A,
    pub alice: A,
    pub bob: A,
    pub eve: A,
    pub charlie: A,
    pub dex_buyer: A,
}

impl<A> Accounts<A> {
    /// Each named account with its name (lower case, as the command line takes it).
    pub fn all(&self) -> [(&'static str, &A); 9] {
        [
            ("admin", &self.admin),
            ("oracle", &self.oracle),
            ("treasury", &self.treasury),
            ("distributor", &self.distributor),
            ("alice", &self.alice),
            ("bob", &self.bob),
            ("eve", &self.eve),
            ("charlie", &self.charlie),
            ("dex-buyer", &self.dex_buyer),
        ]
    }

    /// The same accounts in another type.
    pub fn map<B>(&self, to: impl Fn(&A) -> B) -> Accounts<B> {
        Accounts {
            admin: to(&self.admin),
            oracle: to(&self.oracle),
            treasury: to(&self.treasury),
            distributor: to(&self.distributor),
            alice: to(&self.alice),
            bob: to(&self.bob),
            eve: to(&self.eve),
            charlie: to(&self.charlie),
            dex_buyer: to(&self.dex_buyer),
        }
    }
}

impl Accounts {
    /// The suite's named accounts (the same on every sandbox).
    pub fn named() -> Self {
        Accounts {
            admin: account(1),
            oracle: account(2),
            treasury: account(3),
            distributor: account(4),
            alice: account(10),
            bob: account(11),
            eve: account(12),
            charlie: account(13),
            dex_buyer: account(14),
        }
    }

    /// The account a name stands for.
    pub fn by_name(&self, name: &str) -> Option<AccountId> {
        self.all().into_iter().find(|(n, _)| *n == name).map(|(_, who)| *who)
    }

    /// The name of a named account.
    pub fn name_of(&self, who: &AccountId) -> Option<&'static str> {
        self.all().into_iter().find(|(_, a)| *a == who).map(|(name, _)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ss58_reads_back_and_matches_the_known_dev_address() {
        // Alice's well-known sr25519 public key and her generic-prefix address.
        let alice = parse_hex32("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d").unwrap();
        let alice = AccountId::from(alice);
        assert_eq!(ss58(&alice), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        assert_eq!(parse_address("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"), Some(alice));
        let hex_form = hex(alice.as_ref());
        assert_eq!(parse_address(&hex_form), Some(alice));
        for who in [account(1), account_n(2, 77), AccountId::from([255; 32])] {
            assert_eq!(parse_address(&ss58(&who)), Some(who));
        }
    }

    #[test]
    fn malformed_addresses_are_refused() {
        let good = ss58(&account(11));
        let mut typo = good.clone().into_bytes();
        typo[10] = if typo[10] == b'a' { b'b' } else { b'a' };
        let typo = String::from_utf8(typo).unwrap();
        for bad in [
            "",
            "bob",
            "0x",
            "0x12",
            &format!("0x{}", "g".repeat(64)),
            &typo,
            &good[..good.len() - 1],
            "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ0",
        ] {
            assert_eq!(parse_address(bad), None, "{bad:?}");
        }
    }
}
