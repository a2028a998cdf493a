// Issue 3's crash test: kill -9 at random moments during a transfer load, many times. After every
// kill, `yunlian node --verify` replays the stored chain from genesis (every block re-executed, its
// roots and the state root compared), and the restarted node must still return every receipt it
// returned before the kill, in the same block. At the end every transfer is confirmed.
//
//   CRASH_ROUNDS (20) kills, CRASH_TXS (10000) transfers, CRASH_SENDERS (100) senders.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';

const BIN = process.env.YUNLIAN_BIN ?? 'build/bin/yunlian';
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const TXS = Number(process.env.CRASH_TXS ?? 10000);
const SENDERS = Number(process.env.CRASH_SENDERS ?? 100);
const FUNDER = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

const datadir = mkdtempSync(join(tmpdir(), 'yunlian-crash-'));
const say = (m) => console.log(m);

function start() {
  const proc = spawn(BIN, ['node', '--dev', '--quiet', '--datadir', datadir, '--rpc-port', '0', '--ws-port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${out}`)), 30000);
    const on = (d) => {
      out += d;
      const m = out.match(/HTTP at (http:\/\/[0-9.:]+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    };
    proc.stdout.on('data', on);
    proc.stderr.on('data', on);
    proc.on('exit', (code) => reject(new Error(`node exited (${code}):\n${out}`)));
  });
}

function kill9(node) {
  return new Promise((resolve) => {
    node.proc.removeAllListeners('exit');
    node.proc.on('exit', resolve);
    node.proc.kill('SIGKILL');
  });
}

function verify() {
  const r = spawnSync(BIN, ['node', '--dev', '--datadir', datadir, '--verify'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `replay failed: ${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

async function rpc(url, calls) {
  const body = calls.map(([method, params], i) => ({ jsonrpc: '2.0', id: i, method, params }));
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const out = await res.json();
  const byId = new Map(out.map((r) => [r.id, r]));
  return body.map((c) => byId.get(c.id));
}

const confirmed = new Map();  // hash -> block hash, from receipts the node returned

/// Sends every unconfirmed transfer of `signed` and, at the same time, collects receipts, until
/// `stop()` says so or all are confirmed.
async function load(url, signed, stop) {
  const unconfirmed = signed.filter((t) => !confirmed.has(t.hash));
  const sending = (async () => {
    for (let i = 0; i < unconfirmed.length && !stop(); i += 100) {
      await rpc(url, unconfirmed.slice(i, i + 100).map((t) => ['eth_sendRawTransaction', [t.raw]]));
    }
  })();
  const polling = (async () => {
    while (!stop()) {
      const open = signed.filter((t) => !confirmed.has(t.hash));
      if (open.length === 0) return;
      for (let i = 0; i < open.length && !stop(); i += 1000) {
        const slice = open.slice(i, i + 1000);
        const receipts = await rpc(url, slice.map((t) => ['eth_getTransactionReceipt', [t.hash]]));
        receipts.forEach((r, k) => {
          if (r?.result) confirmed.set(slice[k].hash, r.result.blockHash);
        });
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await Promise.allSettled([sending, polling]);
}

async function checkReceiptsKept(url) {
  const hashes = [...confirmed.keys()];
  for (let i = 0; i < hashes.length; i += 1000) {
    const slice = hashes.slice(i, i + 1000);
    const receipts = await rpc(url, slice.map((h) => ['eth_getTransactionReceipt', [h]]));
    receipts.forEach((r, k) => {
      assert.ok(r.result, `receipt of ${slice[k]} was returned before the kill and is lost`);
      assert.equal(r.result.blockHash, confirmed.get(slice[k]), 'a confirmed transaction moved');
    });
  }
}

try {
  // Setup: fund the senders (one block), then pre-sign every transfer.
  let node = await start();
  const provider = new ethers.JsonRpcProvider(node.url, undefined, { staticNetwork: true });
  const funder = new ethers.Wallet(FUNDER, provider);
  const senders = Array.from({ length: SENDERS }, (_, i) => new ethers.Wallet(ethers.id(`crash/${i}`)));
  const chainId = 20261n;
  let nonce = await provider.getTransactionCount(funder.address);
  const funding = [];
  for (const s of senders) {
    funding.push(await funder.signTransaction({ type: 2, chainId, nonce: nonce++, to: s.address, value: ethers.parseEther('1'), gasLimit: 21000, maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 10n ** 9n }));
  }
  await rpc(node.url, funding.map((raw) => ['eth_sendRawTransaction', [raw]]));
  const last = ethers.keccak256(funding[funding.length - 1]);
  for (let i = 0; i < 500 && !(await rpc(node.url, [['eth_getTransactionReceipt', [last]]]))[0].result; ++i) {
    await new Promise((r) => setTimeout(r, 20));
  }
  provider.destroy();
  const signed = [];
  for (let j = 0; signed.length < TXS; ++j) {
    for (let i = 0; i < SENDERS && signed.length < TXS; ++i) {
      const raw = await senders[i].signTransaction({ type: 2, chainId, nonce: j, to: funder.address, value: 1n, gasLimit: 21000, maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 10n ** 9n });
      signed.push({ raw, hash: ethers.keccak256(raw) });
    }
  }
  say(`signed ${signed.length} transfers from ${SENDERS} senders`);

  // Each round adds its share of the transfers (and resends what the last kill left unconfirmed),
  // and is killed at a random moment while the node is still working on them.
  for (let round = 1; round <= ROUNDS; ++round) {
    await checkReceiptsKept(node.url);
    let stopped = false;
    const upto = Math.ceil((signed.length * round) / ROUNDS);
    const running = load(node.url, signed.slice(0, upto), () => stopped).catch(() => {});
    const delay = Math.floor(Math.random() * 400);
    await new Promise((r) => setTimeout(r, delay));
    stopped = true;
    await kill9(node);
    await running;
    say(`round ${round}: killed after ${delay} ms with ${confirmed.size} of ${upto} receipts seen; ${verify()}`);
    node = await start();
  }
  // Finish the load and check that everything is there.
  await checkReceiptsKept(node.url);
  let done = false;
  const deadline = Date.now() + 300_000;
  await load(node.url, signed, () => done || Date.now() > deadline || confirmed.size === signed.length);
  done = true;
  assert.equal(confirmed.size, signed.length, 'every transfer is confirmed at the end');
  node.proc.removeAllListeners('exit');
  node.proc.kill('SIGTERM');
  await new Promise((r) => node.proc.on('exit', r));
  say(`all ${signed.length} transfers confirmed; ${verify()}`);
} finally {
  rmSync(datadir, { recursive: true, force: true });
}
