//! The embedded sandbox between command-line runs: the runtime's whole storage (drink's
//! snapshot), the contracts' addresses and the index, in one SCALE-encoded file. Loading
//! it gives back the chain exactly as it was, clock included.
use crate::index::Index;
use crate::{Accounts, BundleProvider, Chain};
use drink::minimal::MinimalSandbox;
use drink::session::Session;
use drink::{AccountId32, Sandbox};
use ink::scale::{Decode, Encode};
use std::path::Path;

/// Marks the file's format; a file of another version is refused, not misread.
const MAGIC: &[u8; 16] = b"referral-sbx-v02";

#[ink::scale_derive(Encode, Decode)]
struct SavedChain {
    storage: Vec<(Vec<u8>, (Vec<u8>, i32))>,
    storage_root: [u8; 32],
    staking: AccountId32,
    vault: AccountId32,
    token: AccountId32,
    governance: AccountId32,
    index: Index,
}

/// Why a saved chain could not be read.
#[derive(Debug)]
pub enum LoadError {
    Io(std::io::Error),
    /// Not a saved chain of this version.
    Format,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "{e}"),
            LoadError::Format => write!(f, "not a saved sandbox of this version (run `init` or `demo` again)"),
        }
    }
}

impl Chain {
    /// Writes the chain to `path` (parent directories created).
    pub fn save(&mut self, path: &Path) -> std::io::Result<()> {
        let snapshot = self.session.sandbox().take_snapshot();
        let saved = SavedChain {
            storage: snapshot.storage,
            storage_root: snapshot.storage_root.to_fixed_bytes(),
            staking: self.staking.clone(),
            vault: self.vault.clone(),
            token: self.token.clone(),
            governance: self.governance.clone(),
            index: self.index.clone(),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut bytes = MAGIC.to_vec();
        saved.encode_to(&mut bytes);
        // Write then rename: an interrupted save never leaves half a chain behind.
        let partial = path.with_extension("partial");
        std::fs::write(&partial, bytes)?;
        std::fs::rename(&partial, path)
    }

    /// Reads a chain saved by `save`.
    pub fn load(path: &Path) -> Result<Chain, LoadError> {
        let bytes = std::fs::read(path).map_err(LoadError::Io)?;
        let mut rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or(LoadError::Format)?;
        let saved = SavedChain::decode(&mut rest).map_err(|_| LoadError::Format)?;
        let mut session = Session::<MinimalSandbox>::default();
        session.sandbox().restore_snapshot(ink_sandbox::Snapshot {
            storage: saved.storage,
            storage_root: saved.storage_root.into(),
        });
        let bundles = [
            (&saved.staking, BundleProvider::ReferralStaking),
            (&saved.vault, BundleProvider::PartnerVault),
            (&saved.token, BundleProvider::Psp22),
            (&saved.governance, BundleProvider::ProgramGovernance),
        ];
        for (address, provider) in bundles {
            let bundle = provider.bundle().expect("bundled contract");
            session.set_transcoder(address.clone(), &bundle.transcoder);
        }
        Ok(Chain {
            session,
            staking: saved.staking,
            vault: saved.vault,
            token: saved.token,
            governance: saved.governance,
            who: Accounts::named(),
            index: saved.index,
        })
    }
}
