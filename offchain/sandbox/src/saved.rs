//! The embedded sandbox between command-line runs: the runtime's whole storage (drink's
//! snapshot), the suite's addresses and the index, in one SCALE-encoded file. Loading it
//! gives back the chain exactly as it was, clock included.
use crate::{bundle, sandbox_account, Sandbox};
use drink::Sandbox as _;
use ink::scale::{Decode, Encode};
use referral_client::call::Suite;
use referral_client::chain::Code;
use referral_client::index::Index;
use referral_client::Client;
use referral_server::{Model, Served};
use std::path::Path;

/// Marks the file's format; a file of another version is refused, not misread.
const MAGIC: &[u8; 16] = b"referral-sbx-v03";

/// A storage key, its value and its reference count, as drink's snapshot holds them.
type StorageEntry = (Vec<u8>, (Vec<u8>, i32));

#[ink::scale_derive(Encode, Decode)]
struct SavedChain {
    storage: Vec<StorageEntry>,
    storage_root: [u8; 32],
    suite: Suite,
    index: Index,
}

/// Why a saved chain could not be read.
#[derive(Debug)]
pub enum LoadError {
    Io(std::io::Error),
    /// Not a saved chain of this version.
    Format,
    /// A contract's bundle could not be loaded.
    Bundle(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "{e}"),
            LoadError::Format => write!(f, "not a saved sandbox of this version (run `init` or `demo` again)"),
            LoadError::Bundle(e) => write!(f, "{e}"),
        }
    }
}

/// Writes the sandbox and the suite on it to `path` (parent directories created).
pub fn save(client: &mut Client<Sandbox>, path: &Path) -> std::io::Result<()> {
    let snapshot = client.chain.session.sandbox().take_snapshot();
    let saved = SavedChain {
        storage: snapshot.storage,
        storage_root: snapshot.storage_root.to_fixed_bytes(),
        suite: client.suite,
        index: client.index.clone(),
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

/// Reads a sandbox saved by `save`.
pub fn load(path: &Path) -> Result<Client<Sandbox>, LoadError> {
    let bytes = std::fs::read(path).map_err(LoadError::Io)?;
    let mut rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or(LoadError::Format)?;
    let saved = SavedChain::decode(&mut rest).map_err(|_| LoadError::Format)?;
    let mut sandbox = Sandbox { session: drink::session::Session::default() };
    sandbox
        .session
        .sandbox()
        .restore_snapshot(ink_sandbox::Snapshot { storage: saved.storage, storage_root: saved.storage_root.into() });
    let suite = saved.suite;
    for (address, code) in [
        (suite.staking, Code::Staking),
        (suite.vault, Code::Vault),
        (suite.token, Code::Token),
        (suite.governance, Code::Governance),
    ] {
        let bundle = bundle(code).map_err(|e| LoadError::Bundle(e.to_string()))?;
        sandbox.session.set_transcoder(sandbox_account(&address), &bundle.transcoder);
    }
    Ok(Client::new(sandbox, suite, saved.index))
}

/// The saved sandbox at `path` for the web server: read again whenever the file changes
/// (another command saved it; a save is a rename, so a half-written file is never read).
pub fn served(path: &Path) -> Result<Served<Sandbox>, LoadError> {
    let client = load(path)?;
    let path = path.to_path_buf();
    let mut seen = modified(&path);
    let refresh = Box::new(move |model: &mut Model<Sandbox>| {
        let now = modified(&path);
        if now == seen {
            return Ok(false);
        }
        model.replace(load(&path).map_err(|e| format!("{}: {e}", path.display()))?);
        seen = now;
        Ok(true)
    });
    Ok(Served::new(Model::new(client), refresh))
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
