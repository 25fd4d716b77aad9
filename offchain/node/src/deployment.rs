//! A suite deployed on a node, between command-line runs: the deployment file (JSON, the
//! contracts' SS58 addresses and the block the deployment began at, for people and other
//! tools) and beside it the index scanned from the chain's events with the block it
//! reached (SCALE), so that each run reads only the blocks since the last.
use crate::scan::Scanned;
use crate::Node;
use parity_scale_codec::{Decode, Encode};
use referral_client::address::{hex, parse_address, parse_hex32, ss58};
use referral_client::call::Suite;
use referral_client::{ChainError, Client};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Marks the index file's format; another version is rescanned, not misread.
const INDEX_MAGIC: &[u8; 16] = b"referral-idx-v02";

/// Where and when the suite was deployed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    pub suite: Suite,
    /// The first block of the deployment: events are scanned from here.
    pub block: u64,
    /// That block's hash: a restarted dev node has other blocks at that height.
    pub block_hash: [u8; 32],
}

/// Why a deployment could not be used.
#[derive(Debug)]
pub enum DeploymentError {
    Io(PathBuf, std::io::Error),
    Format(PathBuf, &'static str),
    /// The node does not hold this deployment (another chain, or a restarted dev node).
    NotOnThisChain {
        block: u64,
    },
    Chain(ChainError),
}

impl std::fmt::Display for DeploymentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeploymentError::Io(path, e) => write!(f, "{}: {e}", path.display()),
            DeploymentError::Format(path, what) => write!(f, "{}: not a deployment file ({what})", path.display()),
            DeploymentError::NotOnThisChain { block } => write!(
                f,
                "the deployment's block {block} is not on this node (another chain, or a restarted dev node): run `deploy`"
            ),
            DeploymentError::Chain(e) => write!(f, "{e}"),
        }
    }
}

impl From<ChainError> for DeploymentError {
    fn from(e: ChainError) -> Self {
        DeploymentError::Chain(e)
    }
}

/// The index file beside a deployment file.
pub fn index_path(deployment: &Path) -> PathBuf {
    deployment.with_extension("index")
}

impl Deployment {
    pub fn to_json(&self) -> String {
        let s = &self.suite;
        let value = json!({
            "staking": ss58(&s.staking),
            "vault": ss58(&s.vault),
            "governance": ss58(&s.governance),
            "token": ss58(&s.token),
            "block": self.block,
            "block_hash": hex(&self.block_hash),
        });
        // Pretty printing of a JSON value cannot fail.
        serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
    }

    pub fn from_json(path: &Path, text: &str) -> Result<Self, DeploymentError> {
        let bad = |what| DeploymentError::Format(path.to_path_buf(), what);
        let value: Value = serde_json::from_str(text).map_err(|_| bad("not JSON"))?;
        let address = |field: &'static str| value[field].as_str().and_then(parse_address).ok_or(bad(field));
        let suite = Suite {
            staking: address("staking")?,
            vault: address("vault")?,
            governance: address("governance")?,
            token: address("token")?,
        };
        let block = value["block"].as_u64().ok_or(bad("block"))?;
        let block_hash =
            value["block_hash"].as_str().and_then(|h| h.strip_prefix("0x")).and_then(parse_hex32).ok_or(bad("block_hash"))?;
        Ok(Deployment { suite, block, block_hash })
    }

    pub fn save(&self, path: &Path) -> Result<(), DeploymentError> {
        write_atomically(path, self.to_json().as_bytes())
    }

    pub fn load(path: &Path) -> Result<Self, DeploymentError> {
        let text = std::fs::read_to_string(path).map_err(|e| DeploymentError::Io(path.to_path_buf(), e))?;
        Deployment::from_json(path, &text)
    }

    /// Whether `node` holds this deployment.
    pub fn check(&self, node: &Node) -> Result<(), DeploymentError> {
        match node.block_hash(self.block)? {
            Some(hash) if hash == self.block_hash => Ok(()),
            _ => Err(DeploymentError::NotOnThisChain { block: self.block }),
        }
    }

    /// A client of the deployment on `node`, its index brought up to the best block from
    /// the saved scan (or from the deployment block when there is none).
    pub fn open(&self, node: Node, path: &Path) -> Result<(Client<Node>, Scanned), DeploymentError> {
        self.check(&node)?;
        let mut scanned = load_index(&index_path(path), &self.block_hash)
            .filter(|s| s.block >= self.block)
            .unwrap_or(Scanned { block: self.block.saturating_sub(1), ..Scanned::default() });
        node.catch_up(&mut scanned, self.suite.staking, self.suite.vault)?;
        let mut client = Client::new(node, self.suite, scanned.index.clone());
        // The index follows the chain's blocks, not this client's calls: a call's events
        // would otherwise be counted twice, once as sent and once as scanned.
        client.follow_events = false;
        Ok((client, scanned))
    }

    /// Scans what `client`'s calls added and saves the index beside `path`.
    pub fn close(&self, client: &mut Client<Node>, scanned: &mut Scanned, path: &Path) -> Result<(), DeploymentError> {
        client.chain.catch_up(scanned, self.suite.staking, self.suite.vault)?;
        client.index = scanned.index.clone();
        let mut bytes = INDEX_MAGIC.to_vec();
        (self.block_hash, &*scanned).encode_to(&mut bytes);
        write_atomically(&index_path(path), &bytes)
    }
}

/// The saved scan of the deployment whose first block is `block_hash`.
fn load_index(path: &Path, block_hash: &[u8; 32]) -> Option<Scanned> {
    let bytes = std::fs::read(path).ok()?;
    let mut rest = bytes.strip_prefix(INDEX_MAGIC.as_slice())?;
    let (hash, scanned) = <([u8; 32], Scanned)>::decode(&mut rest).ok()?;
    (hash == *block_hash).then_some(scanned)
}

/// Write then rename: an interrupted save never leaves half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), DeploymentError> {
    let io = |e| DeploymentError::Io(path.to_path_buf(), e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let partial = path.with_extension("partial");
    std::fs::write(&partial, bytes).map_err(io)?;
    std::fs::rename(&partial, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use referral_client::address::account;

    #[test]
    fn a_deployment_file_reads_back_and_a_bad_one_is_named() {
        let suite = Suite { staking: account(1), vault: account(2), governance: account(3), token: account(4) };
        let d = Deployment { suite, block: 7, block_hash: [9; 32] };
        let path = Path::new("d.json");
        assert_eq!(Deployment::from_json(path, &d.to_json()).unwrap(), d);
        let broken = d.to_json().replace(&ss58(&account(2)), "5Bad");
        let error = Deployment::from_json(path, &broken).unwrap_err().to_string();
        assert!(error.contains("vault"), "{error}");
    }
}
