// The harness of the network integration tests (issue 6): a devnet of validator processes on
// 127.0.0.1 written by `yunlian devnet --init-only` (ports chosen free at run time), each node
// started as its own `yunlian node --config` process so a test can kill -9, restart or isolate it;
// a transfer load that records every receipt a node returns; and the checks every test ends with
// (the same block hash at every height on every node, every recorded receipt still there).
//
// Every wait is bounded, and the processes and the folder are removed at the end, even on failure
// (the nodes' logs are printed first, so a failure can be read).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, openSync, closeSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';

export const BIN = process.env.YUNLIAN_BIN ?? 'build/bin/yunlian';
/// The first dev account (10,000 ether in the devnet genesis): funds the load's senders.
export const FUNDER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const CHAIN_ID = 20261n;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/// A sleep that does not keep the process alive: for the time limit of a race.
export const limit = (ms) => new Promise((r) => setTimeout(r, ms).unref());
export const say = (m) => console.log(`[${new Date().toISOString().slice(11, 23)}] ${m}`);

/// Polls `probe` until it returns a truthy value (returned) or `ms` pass (throws `what`).
export async function waitFor(what, probe, ms, every = 100) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (${last.message})` : ''}`);
    await sleep(every);
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/// A base port B such that B+i (HTTP), B+100+i (WebSocket) and B+200+i (p2p) are free for i < n.
async function freeBase(n) {
  for (let attempt = 0; attempt < 50; ++attempt) {
    const base = 20000 + Math.floor(Math.random() * 35000);
    const ports = [];
    for (let i = 0; i < n; ++i) ports.push(base + i, base + 100 + i, base + 200 + i);
    const free = await Promise.all(ports.map(portFree));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free port range found');
}

/// One JSON-RPC batch; throws on a transport error or a non-batch answer. Bounded by `ms`.
export async function rpcBatch(url, calls, ms = 10000) {
  const body = calls.map(([method, params], i) => ({ jsonrpc: '2.0', id: i, method, params }));
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(ms),
  });
  const out = await res.json();
  if (!Array.isArray(out)) throw new Error(`batch refused: ${JSON.stringify(out).slice(0, 200)}`);
  const byId = new Map(out.map((r) => [r.id, r]));
  return body.map((c) => byId.get(c.id));
}

/// One JSON-RPC call; returns the result or throws with the node's error message.
export async function rpcCall(url, method, params = [], ms = 10000) {
  const [r] = await rpcBatch(url, [[method, params]], ms);
  if (r.error) throw new Error(`${method}: ${r.error.message}`);
  return r.result;
}

export class Network {
  /// Writes a devnet of `nodes` validators into a fresh temporary folder.
  static async create({ nodes = 4, name = 'net' } = {}) {
    const dir = mkdtempSync(join(tmpdir(), `yunlian-${name}-`));
    const base = await freeBase(nodes);
    const r = spawnSync(BIN, ['devnet', '--init-only', '--nodes', String(nodes), '--datadir', dir,
      '--rpc-base-port', String(base), '--p2p-base-port', String(base + 200)], { encoding: 'utf8' });
    if (r.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`yunlian devnet --init-only failed: ${r.stdout}${r.stderr}`);
    }
    return new Network(dir, nodes, base);
  }

  constructor(dir, count, base) {
    this.dir = dir;
    this.count = count;
    this.urls = Array.from({ length: count }, (_, i) => `http://127.0.0.1:${base + i}/`);
    this.procs = new Array(count).fill(null);
    /// Per node: the executable and its arguments for a config path (the byzantine test swaps one).
    this.commands = Array.from({ length: count }, () => ({ bin: BIN, args: (config) => ['node', '--config', config] }));
    /// Nodes the load leaves alone (a cut-off validator).
    this.excluded = new Set();
    this.onExit = () => this.procs.forEach((p) => p?.kill('SIGKILL'));
    process.on('exit', this.onExit);
  }

  config(i) { return join(this.dir, `node-${i}`, 'node.toml'); }
  log(i) { return join(this.dir, `node-${i}`, 'test.log'); }
  nodeDir(i) { return join(this.dir, `node-${i}`); }
  live() { return this.procs.flatMap((p, i) => (p ? [i] : [])); }
  /// The running nodes the load may use.
  usable() { return this.live().filter((i) => !this.excluded.has(i)); }

  /// Adds `lines` to node i's config at the top level (before the first [table]).
  addConfig(i, lines) {
    const text = readFileSync(this.config(i), 'utf8');
    const at = text.search(/^\[/m);
    const cut = at < 0 ? text.length : at;
    writeFileSync(this.config(i), `${text.slice(0, cut)}${lines}\n\n${text.slice(cut)}`);
  }

  /// Adds `lines` to the [table] of node i's config (the table is created when missing).
  addConfigTable(i, table, lines) {
    const text = readFileSync(this.config(i), 'utf8');
    const header = `[${table}]\n`;
    const at = text.indexOf(header);
    const out = at < 0 ? `${text}\n${header}${lines}\n` : `${text.slice(0, at + header.length)}${lines}\n${text.slice(at + header.length)}`;
    writeFileSync(this.config(i), out);
  }

  /// Starts node i and waits (up to 30 s) until it answers JSON-RPC.
  async start(i) {
    assert.equal(this.procs[i], null, `node ${i} is already running`);
    const fd = openSync(this.log(i), 'a');
    const { bin, args } = this.commands[i];
    const proc = spawn(bin, args(this.config(i)), { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    this.procs[i] = proc;
    proc.on('exit', () => {
      if (this.procs[i] === proc) this.procs[i] = null;
    });
    await waitFor(`node ${i} to serve`, async () => {
      if (this.procs[i] !== proc) throw new Error(`node ${i} exited:\n${this.tail(i, 15)}`);
      return (await rpcCall(this.urls[i], 'eth_chainId', [], 1000)) === '0x4f25';
    }, 30000, 50);
  }

  async startAll() {
    await Promise.all(Array.from({ length: this.count }, (_, i) => this.start(i)));
  }

  /// Sends `signal` to node i and waits (bounded) for it to exit.
  async signal(i, signal) {
    const proc = this.procs[i];
    if (!proc) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await Promise.race([exited, limit(20000).then(() => {
      proc.kill('SIGKILL');
      throw new Error(`node ${i} did not exit on ${signal}`);
    })]);
    this.procs[i] = null;
  }

  kill9(i) { return this.signal(i, 'SIGKILL'); }
  stop(i) { return this.signal(i, 'SIGTERM'); }

  tail(i, lines = 30) {
    if (!existsSync(this.log(i))) return '';
    return readFileSync(this.log(i), 'utf8').split('\n').slice(-lines).join('\n');
  }

  /// Stops every node; prints their logs' tails when `failed`; removes the folder (kept, for a
  /// look at the whole logs, when YUNLIAN_NET_KEEP is set).
  async close(failed) {
    await Promise.allSettled(this.live().map((i) => this.stop(i)));
    if (failed) {
      for (let i = 0; i < this.count; ++i) console.log(`---- node ${i} (${this.log(i)}) ----\n${this.tail(i, 40)}`);
    }
    process.off('exit', this.onExit);
    if (process.env.YUNLIAN_NET_KEEP) {
      console.log(`kept ${this.dir}`);
      return;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  call(i, method, params = []) { return rpcCall(this.urls[i], method, params); }
  async head(i) { return Number(await this.call(i, 'eth_blockNumber')); }

  /// Waits until node i's head reaches `num`.
  waitHead(i, num, ms) {
    return waitFor(`node ${i} to reach block ${num}`, async () => (await this.head(i)) >= num, ms);
  }
}

/// The block hashes of node i from 0 to `upto`.
async function blockHashes(net, i, upto) {
  const out = [];
  for (let from = 0; from <= upto; from += 200) {
    const calls = [];
    for (let n = from; n <= Math.min(upto, from + 199); ++n) calls.push(['eth_getBlockByNumber', [ethers.toQuantity(n), false]]);
    const blocks = await rpcBatch(net.urls[i], calls, 30000);
    for (const b of blocks) out.push(b.result ? b.result.hash : null);
  }
  return out;
}

/// Every pair of `nodes` agrees on the block hash at every height both have; returns the heads.
export async function checkSameChain(net, nodes = net.live()) {
  const heads = await Promise.all(nodes.map((i) => net.head(i)));
  const chains = await Promise.all(nodes.map((i, k) => blockHashes(net, i, heads[k])));
  const top = Math.max(...heads);
  for (let n = 0; n <= top; ++n) {
    const seen = new Map();
    chains.forEach((c, k) => {
      if (n < c.length) {
        assert.ok(c[n], `node ${nodes[k]} has no block ${n} below its head ${heads[k]}`);
        seen.set(nodes[k], c[n]);
      }
    });
    assert.equal(new Set(seen.values()).size, 1, `fork at block ${n}: ${JSON.stringify(Object.fromEntries(seen))}`);
  }
  return heads;
}

/// Every receipt the load recorded is on every one of `nodes`, in the same block.
export async function checkReceipts(net, recorded, nodes = net.live()) {
  const hashes = [...recorded.keys()];
  for (const i of nodes) {
    for (let k = 0; k < hashes.length; k += 500) {
      const slice = hashes.slice(k, k + 500);
      const receipts = await rpcBatch(net.urls[i], slice.map((h) => ['eth_getTransactionReceipt', [h]]), 30000);
      receipts.forEach((r, j) => {
        assert.ok(r.result, `node ${i} lost ${slice[j]}, whose receipt was returned in block ${recorded.get(slice[j]).number}`);
        assert.equal(r.result.blockHash, recorded.get(slice[j]).hash, `${slice[j]} moved on node ${i}`);
      });
    }
  }
}

/// A transfer load over the live nodes: `senders` funded accounts, each with up to `depth`
/// unconfirmed transfers; sender s sends to the (s mod live)-th live node. Transfers without a
/// receipt after 3 s are sent again to a live node (a killed node may have taken some along), so
/// no sender is left with a nonce gap. Every receipt a node returns is recorded.
export class Load {
  constructor(net, { senders = 20, depth = 4, seed = 'net-load' } = {}) {
    this.net = net;
    this.wallets = Array.from({ length: senders }, (_, i) => new ethers.Wallet(ethers.id(`${seed}/${i}`)));
    this.depth = depth;
    this.nonces = new Array(senders).fill(0);
    this.open = new Map();  // hash -> { raw, sender, sentAt, node }
    this.recorded = new Map();  // hash -> { hash: block hash, number }
    this.errors = [];
    this.running = false;
  }

  /// Funds the senders from the first dev account and waits until every usable node has them.
  async fund() {
    const net = this.net;
    const funder = new ethers.Wallet(FUNDER_KEY);
    let nonce = Number(await net.call(0, 'eth_getTransactionCount', [funder.address, 'pending']));
    const raws = [];
    for (const w of this.wallets) {
      raws.push(await funder.signTransaction({ type: 2, chainId: CHAIN_ID, nonce: nonce++, to: w.address, value: ethers.parseEther('10'), gasLimit: 21000, maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 10n ** 9n }));
    }
    const res = await rpcBatch(net.urls[0], raws.map((r) => ['eth_sendRawTransaction', [r]]));
    res.forEach((r) => assert.ok(!r.error, `funding refused: ${r.error?.message}`));
    const last = ethers.keccak256(raws[raws.length - 1]);
    for (const i of net.usable()) {
      await waitFor(`funding on node ${i}`, async () => (await rpcCall(net.urls[i], 'eth_getTransactionReceipt', [last])) !== null, 30000);
    }
  }

  start() {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.tick();
        } catch (e) {
          this.errors.push(e.message);
        }
        await sleep(50);
      }
    })();
  }

  async stop() {
    this.running = false;
    await this.loop;
  }

  async tick() {
    const live = this.net.usable();
    if (live.length === 0) return;
    const perNode = new Map();
    const push = (node, raw) => {
      if (!perNode.has(node)) perNode.set(node, []);
      perNode.get(node).push(raw);
    };
    const now = Date.now();
    const openBySender = new Array(this.wallets.length).fill(0);
    for (const [hash, t] of this.open) {
      openBySender[t.sender] += 1;
      if (now - t.sentAt > 3000) {
        t.sentAt = now;
        t.node = live[Math.floor(Math.random() * live.length)];
        push(t.node, t.raw);
      }
    }
    for (let s = 0; s < this.wallets.length; ++s) {
      if (openBySender[s] >= this.depth) continue;
      const raw = await this.wallets[s].signTransaction({ type: 2, chainId: CHAIN_ID, nonce: this.nonces[s]++, to: this.wallets[(s + 1) % this.wallets.length].address, value: 1n, gasLimit: 21000, maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 10n ** 9n });
      const node = live[s % live.length];
      this.open.set(ethers.keccak256(raw), { raw, sender: s, sentAt: now, node });
      push(node, raw);
    }
    await Promise.allSettled([...perNode].map(([node, raws]) =>
      rpcBatch(this.net.urls[node], raws.map((r) => ['eth_sendRawTransaction', [r]]), 5000)));
    await this.poll(live);
  }

  /// Asks each open transfer's node (or a live one) for its receipt and records what it returns.
  async poll(live) {
    const byNode = new Map();
    for (const [hash, t] of this.open) {
      const node = live.includes(t.node) ? t.node : live[0];
      if (!byNode.has(node)) byNode.set(node, []);
      byNode.get(node).push(hash);
    }
    await Promise.allSettled([...byNode].map(async ([node, hashes]) => {
      const receipts = await rpcBatch(this.net.urls[node], hashes.map((h) => ['eth_getTransactionReceipt', [h]]), 5000);
      receipts.forEach((r, k) => {
        if (!r?.result) return;
        assert.equal(r.result.status, '0x1', `transfer ${hashes[k]} failed`);
        this.recorded.set(hashes[k], { hash: r.result.blockHash, number: Number(r.result.blockNumber) });
        this.open.delete(hashes[k]);
      });
    }));
  }

  /// Stops sending new transfers and waits (bounded) until every open one has a receipt.
  async drain(ms = 30000) {
    await this.stop();
    await waitFor(`the last ${this.open.size} transfers`, async () => {
      const live = this.net.usable();
      // Resend what waits too long, as the loop does.
      const now = Date.now();
      await Promise.allSettled([...this.open.values()].filter((t) => now - t.sentAt > 3000).map((t) => {
        t.sentAt = now;
        return rpcBatch(this.net.urls[live[0]], [['eth_sendRawTransaction', [t.raw]]], 5000);
      }));
      await this.poll(live);
      return this.open.size === 0;
    }, ms, 200);
  }
}

/// Runs `body(net)` on a started devnet and closes it (logs printed on failure).
export async function withNetwork(options, body) {
  const net = await Network.create(options);
  let failed = true;
  try {
    if (options.prepare) await options.prepare(net);
    await net.startAll();
    await body(net);
    failed = false;
  } finally {
    await net.close(failed);
  }
}
