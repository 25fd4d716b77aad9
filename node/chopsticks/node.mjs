// Serves a chain from a raw spec with chopsticks on 127.0.0.1 and prints `READY ws://...`.
// A block is built for each transaction (Instant mode). SIGTERM stops it.
// usage: node node.mjs SPEC.json [PORT [ANNOUNCE_FD]]   (port 0: a free one)
// With ANNOUNCE_FD, the address is also written to that file descriptor, then closed, in
// substrate's words ("Running JSON-RPC server: addr=..."), which is what ink_e2e's node
// backend reads from a node it spawns (see ../contracts-node).
//
// Patch: chopsticks reads any key missing from its own layers from its upstream provider,
// here the genesis provider, which implements no childstate_* method. pallet-contracts
// keeps each contract's storage in a child trie, so the first instantiation failed with
// "childstate_getStorage not implemented". A chain started from genesis has no child
// tries, so those reads answer empty. This leans on chopsticks' internals: its version is
// exact in package.json.
import { writeSync, closeSync } from 'node:fs'
import { Api, splitChildKey, setupWithServer } from '@acala-network/chopsticks'

const isChild = (key) => splitChildKey(key).length > 0
const { getStorage, getKeysPaged, getStorageBatch } = Api.prototype
Api.prototype.getStorage = function (key, ...rest) {
  return isChild(key) ? Promise.resolve(null) : getStorage.call(this, key, ...rest)
}
Api.prototype.getKeysPaged = function (prefix, ...rest) {
  return isChild(prefix) ? Promise.resolve([]) : getKeysPaged.call(this, prefix, ...rest)
}
Api.prototype.getStorageBatch = function (prefix, keys, ...rest) {
  return isChild(prefix) ? Promise.resolve(keys.map((key) => [key, null])) : getStorageBatch.call(this, prefix, keys, ...rest)
}

const [spec, port = '0', announce] = process.argv.slice(2)
const context = await setupWithServer({ 'chain-spec': spec, host: '127.0.0.1', port: Number(port), 'build-block-mode': 'Instant' })
console.log(`READY ws://${context.addr}`)
if (announce !== undefined) {
  writeSync(Number(announce), `Running JSON-RPC server: addr=${context.addr}\n`)
  closeSync(Number(announce))
}
const stop = async () => { await context.close(); process.exit(0) }
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
