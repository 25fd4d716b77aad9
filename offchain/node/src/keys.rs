//! Who can sign: sr25519 keys from secret URIs (a dev URI like `//Alice`, or a seed
//! phrase with an optional derivation path), never printed. On a local dev chain the
//! suite's named accounts sign with their dev URIs (`//Admin`, `//Alice`, ...).
use referral_client::{AccountId, Accounts};
use std::str::FromStr;
use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

/// The dev URI of a named account: `//` and its name in upper camel case
/// (`dex-buyer` -> `//DexBuyer`). The local node's genesis endows exactly these.
pub fn dev_uri(name: &str) -> String {
    let camel: String = name
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| first.to_ascii_uppercase().to_string() + chars.as_str())
        })
        .collect();
    format!("//{camel}")
}

/// A key from a secret URI. The error never repeats the secret.
pub fn keypair(suri: &str) -> Result<Keypair, String> {
    let uri = SecretUri::from_str(suri.trim()).map_err(|_| "not a secret URI (a seed phrase or //Name)".to_string())?;
    Keypair::from_uri(&uri).map_err(|_| "the secret URI gives no sr25519 key".to_string())
}

/// The account of a key.
pub fn account_of(key: &Keypair) -> AccountId {
    AccountId::from(key.public_key().0)
}

/// The keys a node client signs with.
#[derive(Default, Clone)]
pub struct Keyring {
    keys: Vec<(AccountId, Keypair)>,
}

impl Keyring {
    /// The named accounts' dev keys (a local dev chain's).
    pub fn dev() -> Self {
        let mut ring = Keyring::default();
        for (name, _) in Accounts::named().all() {
            // The dev URIs are well formed: checked by the tests below.
            if let Ok(key) = keypair(&dev_uri(name)) {
                ring.add(key);
            }
        }
        ring
    }

    /// Adds `key`; its account signs with it from now on.
    pub fn add(&mut self, key: Keypair) -> AccountId {
        let who = account_of(&key);
        self.keys.retain(|(a, _)| *a != who);
        self.keys.push((who, key));
        who
    }

    pub fn get(&self, who: &AccountId) -> Option<&Keypair> {
        self.keys.iter().find(|(a, _)| a == who).map(|(_, k)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_named_accounts_are_the_dev_uris_keys() {
        for (name, who) in Accounts::named().all() {
            let key = keypair(&dev_uri(name)).unwrap();
            assert_eq!(account_of(&key), *who, "{name}");
        }
        assert_eq!(dev_uri("dex-buyer"), "//DexBuyer");
        assert_eq!(dev_uri("alice"), "//Alice");
    }

    #[test]
    fn a_seed_phrase_signs_and_a_bad_uri_is_refused_without_echo() {
        // Substrate's well-known dev phrase: //Alice derived from it is Alice.
        let phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
        let alice = keypair(&format!("{phrase}//Alice")).unwrap();
        assert_eq!(account_of(&alice), Accounts::named().alice);
        let error = keypair("not a phrase at all ///").err().unwrap_or_default();
        assert!(!error.contains("phrase at all"), "{error}");
        assert!(Keyring::dev().get(&Accounts::named().admin).is_some());
    }
}
