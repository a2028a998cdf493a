// ERC-20 load (issue 4): the sample ERC-20 (contracts/src/ERC20.sol, compiled by solc-js) is
// deployed on the node, many senders get gas money and tokens, and each pre-signs transfer() calls
// to the next sender (a ring, so every balance slot is already set: the steady state of a busy
// token). The calls go out with eth_sendRawTransaction in pipelined JSON-RPC batches, as
// load.mjs sends plain transfers, and every receipt is awaited and checked (status 1, one Transfer
// log). Reports confirmed transactions per second (first send to last receipt), p50/p99 latency
// from send to receipt seen, blocks and gas.
//
//   node bench/load/erc20.mjs --rpc http://127.0.0.1:8545/ [--txs 20000] [--senders 500]
//        [--batch 200] [--inflight 4] [--receipts tx|block] [--funder-key 0x...] [--json]
//
// --receipts tx (default) fetches each receipt with eth_getTransactionReceipt, as load.mjs does;
// --receipts block fetches each block's receipts at once with eth_getBlockReceipts.
import { ethers } from 'ethers';

import { compileAll } from '../../contracts/compile.mjs';
import { parseArgs, rpcClient } from './load.mjs';

/** Gas limit of each pre-signed transfer(): a transfer between two holders uses about 35,000. */
const kTransferGas = 60_000n;
const kFee = { maxFeePerGas: ethers.parseUnits('100', 'gwei'), maxPriorityFeePerGas: ethers.parseUnits('1', 'gwei') };

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sends signed transactions in batches; returns hash -> send time. Throws on any rejection. */
async function sendAll(rpc, raws, batch, inflight, onSent = () => {}) {
  const sent = new Map();
  let cursor = 0;
  let failures = 0;
  let firstError = '';
  const lane = async () => {
    while (cursor < raws.length) {
      const slice = raws.slice(cursor, cursor + batch);
      cursor += slice.length;
      const at = Date.now();
      for (const t of slice) sent.set(t.hash, at);
      onSent(slice, at);
      const res = await rpc.batch(slice.map((t) => ['eth_sendRawTransaction', [t.raw]]));
      res.forEach((r) => {
        if (r.error && !/already known/i.test(r.error.message)) {
          failures += 1;
          firstError ||= r.error.message;
        }
      });
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
  if (failures > 0) throw new Error(`${failures} transactions rejected, first: ${firstError}`);
  return sent;
}

/** Checks a receipt of the run: status 1 and the one Transfer log. */
function checkReceipt(receipt) {
  if (receipt.status !== '0x1' || receipt.logs.length !== 1) {
    throw new Error(`transfer ${receipt.transactionHash} failed or emitted no Transfer`);
  }
}

/**
 * Waits until every hash in `pending` (hash -> send time) has a checked receipt, walking the new
 * blocks. With `perBlock`, one eth_getBlockReceipts per block brings all its receipts; otherwise
 * one eth_getTransactionReceipt per transaction, as load.mjs asks. Returns the latencies (ms) and
 * the gas used.
 */
async function confirmAll(rpc, pending, startBlock, perBlock, sending = () => false) {
  const latencies = [];
  let gas = 0n;
  let next = startBlock + 1;
  const deadline = Date.now() + 600_000;
  const record = (receipt, seen) => {
    if (!pending.has(receipt.transactionHash)) return;
    checkReceipt(receipt);
    gas += BigInt(receipt.gasUsed);
    latencies.push(seen - pending.get(receipt.transactionHash));
    pending.delete(receipt.transactionHash);
  };
  while (pending.size > 0 || sending()) {
    if (Date.now() > deadline) throw new Error(`${pending.size} transactions never confirmed`);
    const head = Number(await rpc.call('eth_blockNumber'));
    if (head < next) {
      await new Promise((r) => setTimeout(r, 5));
      continue;
    }
    for (let from = next; from <= head; from += 100) {
      const numbers = [];
      for (let n = from; n <= Math.min(head, from + 99); ++n) numbers.push(ethers.toQuantity(n));
      if (perBlock) {
        const blocks = await rpc.batch(numbers.map((n) => ['eth_getBlockReceipts', [n]]));
        const seen = Date.now();
        for (const b of blocks) for (const r of b.result ?? []) record(r, seen);
        continue;
      }
      const blocks = await rpc.batch(numbers.map((n) => ['eth_getBlockByNumber', [n, false]]));
      const hashes = blocks.flatMap((b) => (b.result ? b.result.transactions : [])).filter((h) => pending.has(h));
      for (let i = 0; i < hashes.length; i += 1000) {
        const slice = hashes.slice(i, i + 1000);
        const receipts = await rpc.batch(slice.map((h) => ['eth_getTransactionReceipt', [h]]));
        const seen = Date.now();
        for (const r of receipts) if (r.result) record(r.result, seen);
      }
    }
    next = head + 1;
  }
  return { latencies, gas };
}

async function signedBy(wallet, chainId, nonce, fields) {
  const raw = await wallet.signTransaction({ type: 2, chainId, nonce, ...kFee, ...fields });
  return { raw, hash: ethers.keccak256(raw) };
}

/** Deploys the ERC-20 and funds every sender with gas money and tokens; returns the token. */
async function setUp(rpc, chainId, funder, senders, log) {
  const { abi, bytecode } = compileAll().ERC20;
  const iface = new ethers.Interface(abi);
  let nonce = Number(await rpc.call('eth_getTransactionCount', [funder.address, 'pending']));
  const perSender = 1_000_000n;
  const deployData = ethers.concat([
    bytecode,
    iface.encodeDeploy(['Load Token', 'LOAD', 18, perSender * BigInt(senders.length)]),
  ]);
  const deploy = await signedBy(funder, chainId, nonce++, { data: deployData, gasLimit: 3_000_000n });
  const token = ethers.getCreateAddress({ from: funder.address, nonce: nonce - 1 });
  const raws = [deploy];
  for (const s of senders) {
    raws.push(await signedBy(funder, chainId, nonce++, { to: s.address, value: ethers.parseEther('1'), gasLimit: 21_000n }));
    raws.push(
      await signedBy(funder, chainId, nonce++, {
        to: token,
        data: iface.encodeFunctionData('transfer', [s.address, perSender]),
        gasLimit: 100_000n,
      }),
    );
  }
  log(`deploying the ERC-20 at ${token} and funding ${senders.length} senders (${raws.length} transactions)`);
  // One funder, consecutive nonces: batches in order, one at a time.
  await sendAll(rpc, raws, 100, 1);
  await waitForReceiptsOf(rpc, raws.map((r) => r.hash));
  return { token, iface };
}

/** Waits until each hash has a receipt with status 1. */
async function waitForReceiptsOf(rpc, hashes) {
  const deadline = Date.now() + 120_000;
  for (let i = 0; i < hashes.length; ) {
    const slice = hashes.slice(i, i + 500);
    const res = await rpc.batch(slice.map((h) => ['eth_getTransactionReceipt', [h]]));
    const missing = res.findIndex((r) => !r.result);
    if (missing < 0) {
      const failed = res.find((r) => r.result.status !== '0x1');
      if (failed) throw new Error(`set-up transaction ${failed.result.transactionHash} failed`);
      i += slice.length;
      continue;
    }
    if (Date.now() > deadline) throw new Error('set-up transactions never confirmed');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function runErc20Load(opts, log = () => {}) {
  const rpc = rpcClient(opts.rpc);
  const chainId = BigInt(await rpc.call('eth_chainId'));
  const funder = new ethers.Wallet(opts.funderKey);
  const senders = [];
  for (let i = 0; i < opts.senders; ++i) senders.push(new ethers.Wallet(ethers.id(`${opts.seed}/erc20/${i}`)));
  const { token, iface } = await setUp(rpc, chainId, funder, senders, log);

  log(`signing ${opts.txs} transfer() calls`);
  const nonces = await rpc.batch(senders.map((s) => ['eth_getTransactionCount', [s.address, 'pending']]));
  const perSender = Math.ceil(opts.txs / senders.length);
  // Waves of one transaction per sender, so a batch never holds two of one sender.
  const waves = [];
  let count = 0;
  for (let j = 0; j < perSender && count < opts.txs; ++j) {
    const wave = [];
    for (let i = 0; i < senders.length && count < opts.txs; ++i, ++count) {
      const to = senders[(i + 1) % senders.length].address;
      wave.push(
        await signedBy(senders[i], chainId, Number(nonces[i].result) + j, {
          to: token,
          data: iface.encodeFunctionData('transfer', [to, 1n]),
          gasLimit: kTransferGas,
        }),
      );
    }
    waves.push(wave);
  }

  log('sending');
  const startBlock = Number(await rpc.call('eth_blockNumber'));
  const pending = new Map();
  const t0 = Date.now();
  let sendingDone = false;
  const confirmed = confirmAll(rpc, pending, startBlock, opts.receipts === 'block', () => !sendingDone);
  for (const wave of waves) {
    await sendAll(rpc, wave, opts.batch, opts.inflight, (slice, at) => {
      for (const t of slice) pending.set(t.hash, at);
    });
  }
  sendingDone = true;
  const sendSeconds = (Date.now() - t0) / 1000;
  const { latencies, gas } = await confirmed;
  const seconds = (Date.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const blocks = Number(await rpc.call('eth_blockNumber')) - startBlock;
  return {
    token,
    confirmed: latencies.length,
    seconds,
    send_seconds: sendSeconds,
    tps: latencies.length / seconds,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    blocks,
    gas_per_tx: latencies.length ? Number(gas / BigInt(latencies.length)) : 0,
    mgas_per_s: Number(gas) / 1e6 / seconds,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // --receipts tx|block is this tool's own; the rest are load.mjs's options.
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--receipts');
  const receipts = at >= 0 ? argv.splice(at, 2)[1] : 'tx';
  if (receipts !== 'tx' && receipts !== 'block') throw new Error('--receipts is tx or block');
  const opts = { ...parseArgs(argv), receipts };
  if (!argv.includes('--txs')) opts.txs = 20000;
  if (!argv.includes('--senders')) opts.senders = 500;
  if (!argv.includes('--batch')) opts.batch = 200;
  const result = await runErc20Load(opts, (m) => console.error(m));
  if (opts.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      `${result.confirmed} ERC-20 transfers confirmed in ${result.seconds.toFixed(2)} s: ${result.tps.toFixed(0)} tx/s, ` +
        `p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms, ${result.blocks} blocks, ` +
        `${result.gas_per_tx} gas/tx, ${result.mgas_per_s.toFixed(1)} Mgas/s`,
    );
  }
}
