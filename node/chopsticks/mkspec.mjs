// Writes a raw chain spec for chopsticks from a runtime wasm alone, through the runtime's
// own GenesisBuilder API (create_default_config, then build_config) run in chopsticks'
// executor: no native node build. The suite's named accounts (the same public keys the
// embedded sandbox uses, from these dev URIs) are endowed, Alice is sudo.
// usage: node mkspec.mjs RUNTIME.wasm OUT.json
import { readFileSync, writeFileSync } from 'node:fs'
import { runTask } from '@acala-network/chopsticks-core'
import { Keyring } from '@polkadot/keyring'
import { cryptoWaitReady } from '@polkadot/util-crypto'
import { compactToU8a, compactFromU8a, hexToU8a, u8aToHex, u8aConcat, stringToU8a, u8aToString } from '@polkadot/util'

// offchain/client/src/address.rs names these accounts; referral_node's tests check that
// the URIs give its keys.
const NAMED = ['Admin', 'Oracle', 'Treasury', 'Distributor', 'Alice', 'Bob', 'Eve', 'Charlie', 'DexBuyer', 'Dave', 'Ferdie']
// 10^19 (10 million units of 12 decimals): the largest power of ten a JSON number carries
// into the runtime's u128 exactly (serde reads integers up to u64).
const ENDOWMENT = 10_000_000_000_000_000_000

await cryptoWaitReady()
const [wasmPath, out] = process.argv.slice(2)
const wasm = '0x' + readFileSync(wasmPath).toString('hex')
const storage = new Map()
const host = {
  getStorage: async (key) => storage.get(key),
  getNextKey: async () => undefined,
  offchainGetStorage: async () => undefined,
  offchainTimestamp: async () => Date.now(),
  offchainRandomSeed: async () => u8aToHex(new Uint8Array(32)),
  offchainSubmitTransaction: async () => false,
}
const call = async (name, arg) => {
  const r = await runTask({ wasm, calls: [[name, [arg]]], mockSignatureHost: false, allowUnresolvedImports: false, runtimeLogLevel: 0 }, host)
  if (!r.Call) throw new Error(`${name}: ${JSON.stringify(r)}`)
  return r.Call
}
const vecU8 = (u8) => u8aConcat(compactToU8a(u8.length), u8)
const unVec = (hex) => { const u8 = hexToU8a(hex); const [offset, length] = compactFromU8a(u8); return u8.subarray(offset, offset + Number(length)) }

const config = JSON.parse(u8aToString(unVec((await call('GenesisBuilder_create_default_config', '0x')).result)))
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 })
const named = NAMED.map((name) => keyring.addFromUri(`//${name}`).address)
config.balances.balances = named.map((address) => [address, ENDOWMENT])
config.sudo.key = named[NAMED.indexOf('Alice')]
const built = await call('GenesisBuilder_build_config', u8aToHex(vecU8(stringToU8a(JSON.stringify(config)))))
const result = hexToU8a(built.result) // Result<(), String>, SCALE
if (result[0] !== 0) throw new Error('build_config failed: ' + u8aToString(result.subarray(1)))
const top = {}
for (const [key, value] of built.storageDiff) if (value !== null) top[key] = value
top[u8aToHex(stringToU8a(':code'))] = wasm
const spec = {
  id: 'referral-dev', name: 'Referral suite local node', chainType: 'Development',
  properties: { tokenDecimals: 12, tokenSymbol: 'UNIT', ss58Format: 42 },
  genesis: { raw: { top, childrenDefault: {} } },
}
writeFileSync(out, JSON.stringify(spec))
console.log(`wrote ${out}: ${Object.keys(top).length} keys, ${named.length} accounts endowed`)
process.exit(0)
