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

/// An account made of one byte repeated (tests' populations).
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

/// Public keys of the named accounts' dev URIs (`//Name`; checked against the
/// derivation in referral_node's tests).
const DEV_ADMIN: &str = "224c165ffa105effca35afb231aa4d00b3b4c7e3bb1549cd2c48369f8e28d80f";
const DEV_ORACLE: &str = "683c4ef19d8fec497566bf7c24c5d6e3625edecde19d80c39281e4686961fa74";
const DEV_TREASURY: &str = "921e83abd72f3be9d10640f8d42d0188d78b963681157dbc68c9a4b040b0d31b";
const DEV_DISTRIBUTOR: &str = "2c25c7d35f351642b0bd6a7c2dde5569523c88cdbe17e6e4ef37452200fa8b1f";
const DEV_ALICE: &str = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
const DEV_BOB: &str = "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48";
const DEV_EVE: &str = "e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e";
const DEV_CHARLIE: &str = "90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22";
const DEV_DEX_BUYER: &str = "100fd13460b1cd862609d3b3748414803e37bcf99036c77a402bae3775b37f0d";

fn dev_key(hex: &str) -> AccountId {
    // The constants above are 64 hex digits each (the tests read every one).
    AccountId::from(parse_hex32(hex).unwrap_or_default())
}

/// The suite's named accounts: the seed's Alice, Bob and Eve, and the roles (in
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
    /// The suite's named accounts, the same on every chain: the sr25519 public keys of the
    /// dev URIs `//Admin`, `//Oracle`, `//Treasury`, `//Distributor`, `//Alice`, `//Bob`,
    /// `//Eve`, `//Charlie` and `//DexBuyer` (Substrate's dev phrase), so that the local
    /// node signs for them and a run on it names the same accounts as the sandbox.
    pub fn named() -> Self {
        Accounts {
            admin: dev_key(DEV_ADMIN),
            oracle: dev_key(DEV_ORACLE),
            treasury: dev_key(DEV_TREASURY),
            distributor: dev_key(DEV_DISTRIBUTOR),
            alice: dev_key(DEV_ALICE),
            bob: dev_key(DEV_BOB),
            eve: dev_key(DEV_EVE),
            charlie: dev_key(DEV_CHARLIE),
            dex_buyer: dev_key(DEV_DEX_BUYER),
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
    fn the_named_accounts_are_distinct_keys() {
        let named = Accounts::named();
        assert_eq!(ss58(&named.alice), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        for (i, (name, who)) in named.all().into_iter().enumerate() {
            assert_ne!(*who, AccountId::from([0; 32]), "{name}");
            assert!(named.all().into_iter().skip(i + 1).all(|(_, other)| other != who), "{name}");
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
