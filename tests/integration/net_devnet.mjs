// `yunlian devnet` itself (issue 6): it starts 4 validator processes with their RPC on base + i,
// prints each URL and the dev accounts, the network finalizes a transfer sent to any node, a child
// that dies is reported, Ctrl-C (SIGINT) stops every node, and a second run over the same data
// folder continues the same chain.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import { BIN, CHAIN_ID, rpcCall, waitFor, limit, say, checkSameChain } from './net_harness.mjs';
import { createServer } from 'node:net';

const NODES = 4;
const dir = mkdtempSync(join(tmpdir(), 'yunlian-devnet-'));
const base = 20000 + Math.floor(Math.random() * 35000);
const urls = Array.from({ length: NODES }, (_, i) => `http://127.0.0.1:${base + i}/`);
const KEY_1 = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

function portFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/// Starts the devnet; resolves once it says every node serves.
function startDevnet() {
  const proc = spawn(BIN, ['devnet', '--nodes', String(NODES), '--datadir', dir, '--rpc-base-port', String(base), '--p2p-base-port', String(base + 200)],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const devnet = { proc, out: '', err: '' };
  proc.stdout.on('data', (d) => { devnet.out += d; });
  proc.stderr.on('data', (d) => { devnet.err += d; });
  devnet.exited = new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  return waitFor('the devnet to serve', () => {
    if (proc.exitCode !== null) throw new Error(`devnet exited:\n${devnet.out}${devnet.err}`);
    return /All 4 nodes serve/.test(devnet.out) && devnet;
  }, 60000);
}

/// The pids of the `yunlian node --config <dir>/node-<i>/...` processes.
function nodePids() {
  const out = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd;
    try {
      cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const config = cmd[cmd.indexOf('--config') + 1] ?? '';
    const m = cmd.includes('node') && config.startsWith(dir) && config.match(/node-(\d+)/);
    if (m) out.set(Number(m[1]), Number(entry));
  }
  return out;
}

let devnet;
try {
  for (let i = 0; i < NODES; ++i) {
    if (!(await portFree(base + i)) || !(await portFree(base + 200 + i))) throw new Error('port range taken; run again');
  }
  devnet = await startDevnet();
  for (let i = 0; i < NODES; ++i) assert.match(devnet.out, new RegExp(`Node ${i}: JSON-RPC ${urls[i].replace(/\./g, '\\.')}`));
  assert.match(devnet.out, /Account #0: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266/);
  assert.equal(devnet.out.match(/Account #0:/g).length, 1, 'the accounts are printed once');
  assert.equal(nodePids().size, NODES, 'one process per validator');

  // A transfer sent to node 2 is final once node 2 returns its receipt, and every node has it.
  const wallet = new ethers.Wallet(KEY_1);
  const nonce = Number(await rpcCall(urls[2], 'eth_getTransactionCount', [wallet.address, 'pending']));
  const raw = await wallet.signTransaction({ type: 2, chainId: CHAIN_ID, nonce, to: ethers.ZeroAddress, value: 12345n, gasLimit: 21000, maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 10n ** 9n });
  const hash = await rpcCall(urls[2], 'eth_sendRawTransaction', [raw]);
  const receipt = await waitFor('the receipt on node 2', () => rpcCall(urls[2], 'eth_getTransactionReceipt', [hash]), 20000);
  for (const url of urls) {
    const r = await waitFor(`the receipt on ${url}`, () => rpcCall(url, 'eth_getTransactionReceipt', [hash]), 20000);
    assert.equal(r.blockHash, receipt.blockHash);
  }
  const genesis = (await rpcCall(urls[0], 'eth_getBlockByNumber', ['0x0', false])).hash;
  say(`transfer final in block ${Number(receipt.blockNumber)} on all ${NODES} nodes`);

  // A child that dies is reported.
  process.kill(nodePids().get(3), 'SIGKILL');
  await waitFor('the devnet to report node 3', () => /node 3 \(pid \d+\) was killed by signal 9/.test(devnet.err), 10000);
  assert.equal(devnet.proc.exitCode, null, 'the devnet keeps running with 3 of 4');

  // Ctrl-C stops every node and the devnet itself.
  devnet.proc.kill('SIGINT');
  const exit = await Promise.race([devnet.exited, limit(30000).then(() => null)]);
  assert.ok(exit, 'the devnet exits within 30 s of SIGINT');
  assert.equal(exit.code, 0);
  assert.equal(nodePids().size, 0, 'no validator outlives the devnet');

  // The same data folder: the same genesis, the transfer still there.
  devnet = await startDevnet();
  assert.equal((await rpcCall(urls[1], 'eth_getBlockByNumber', ['0x0', false])).hash, genesis, 'same genesis');
  const again = await rpcCall(urls[3], 'eth_getTransactionReceipt', [hash]);
  assert.ok(again, 'the transfer survived the restart');
  assert.equal(again.blockHash, receipt.blockHash);
  // One chain: the same block hash at every height on every node.
  const view = { urls, head: async (i) => Number(await rpcCall(urls[i], 'eth_blockNumber')) };
  const heads = await checkSameChain(view, [0, 1, 2, 3]);
  say(`same chain on all nodes (heads ${heads.join(', ')})`);
  devnet.proc.kill('SIGTERM');
  assert.equal((await devnet.exited).code, 0);
  devnet = null;
  say('ok');
} finally {
  if (devnet && devnet.proc.exitCode === null) {
    devnet.proc.kill('SIGTERM');
    await Promise.race([devnet.exited, limit(20000)]);
    if (devnet.proc.exitCode === null) devnet.proc.kill('SIGKILL');
  }
  if (devnet) console.log(`---- devnet output ----\n${devnet.out}\n${devnet.err}`);
  for (const pid of nodePids().values()) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
