// The chain's load benchmark (issue 3): pre-signed transfers from many senders, sent with
// eth_sendRawTransaction in pipelined JSON-RPC batches, and a wait for every receipt. Reports the
// confirmed transactions per second (first send to last receipt) and the p50/p99 latency from a
// transaction's send to the moment its receipt was seen.
//
// With several endpoints (issue 6: `--rpc URL1,URL2,...`, e.g. every validator of a devnet) sender
// i sends to endpoint i mod E, and a transaction's latency is measured on the node it was sent to:
// from the send to the moment that node returns its receipt (with BFT a receipt means final).
//
// --rate R paces the sending at R transfers per second (one wave of a transfer per sender at a
// time) instead of as fast as the nodes take them, so finality is measured at a given offered load
// rather than behind a backlog.
//
//   node bench/load/load.mjs --rpc http://127.0.0.1:8545/[,http://...] [--txs 10000]
//        [--senders 400] [--batch 100] [--inflight 4] [--rate R] [--funder-key 0x...] [--json]
import { ethers } from 'ethers';

const HARDHAT_KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export function parseArgs(argv) {
  const opts = { rpc: 'http://127.0.0.1:8545/', txs: 10000, senders: 400, batch: 100, inflight: 4, funderKey: HARDHAT_KEY_0, json: false, seed: 'yunlian-load', rate: 0 };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--rpc') opts.rpc = next();
    else if (a === '--txs') opts.txs = Number(next());
    else if (a === '--senders') opts.senders = Number(next());
    else if (a === '--batch') opts.batch = Number(next());
    else if (a === '--inflight') opts.inflight = Number(next());
    else if (a === '--funder-key') opts.funderKey = next();
    else if (a === '--seed') opts.seed = next();
    else if (a === '--rate') opts.rate = Number(next());
    else if (a === '--json') opts.json = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

/// A JSON-RPC client that sends batches over keep-alive HTTP (Node's fetch pools connections).
export function rpcClient(url) {
  let id = 0;
  async function batch(calls) {
    const body = calls.map(([method, params]) => ({ jsonrpc: '2.0', id: ++id, method, params }));
    let out;
    for (let attempt = 0; ; ++attempt) {
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        out = await res.json();
        break;
      } catch (e) {
        // A server may close an idle keep-alive connection just as a request goes out (Hardhat's
        // does); sending again is safe, a resent transaction is "already known".
        if (attempt >= 3) throw e;
      }
    }
    if (!Array.isArray(out)) throw new Error(`batch failed: ${JSON.stringify(out).slice(0, 300)}`);
    const byId = new Map(out.map((r) => [r.id, r]));
    return body.map((c) => byId.get(c.id));
  }
  async function call(method, params = []) {
    const [r] = await batch([[method, params]]);
    if (r.error) throw new Error(`${method}: ${r.error.message}`);
    return r.result;
  }
  return { batch, call };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/// Waits until every hash in `pending` (hash -> send time) has a receipt; returns latencies (ms).
async function waitForReceipts(rpc, pending, startBlock, sending = () => false) {
  const latencies = [];
  let next = startBlock + 1;
  const deadline = Date.now() + 600_000;
  while (pending.size > 0 || sending()) {
    if (Date.now() > deadline) throw new Error(`${pending.size} transactions never confirmed`);
    const head = Number(await rpc.call('eth_blockNumber'));
    if (head < next) {
      await new Promise((r) => setTimeout(r, 5));
      continue;
    }
    for (let from = next; from <= head; from += 500) {
      const to = Math.min(head, from + 499);
      const calls = [];
      for (let n = from; n <= to; ++n) calls.push(['eth_getBlockByNumber', [ethers.toQuantity(n), false]]);
      const blocks = await rpc.batch(calls);
      const hashes = blocks.flatMap((b) => (b.result ? b.result.transactions : [])).filter((h) => pending.has(h));
      for (let i = 0; i < hashes.length; i += 1000) {
        const slice = hashes.slice(i, i + 1000);
        const receipts = await rpc.batch(slice.map((h) => ['eth_getTransactionReceipt', [h]]));
        const seen = Date.now();
        receipts.forEach((r, k) => {
          if (!r.result) return;
          if (r.result.status !== '0x1') throw new Error(`transaction ${slice[k]} failed`);
          latencies.push(seen - pending.get(slice[k]));
          pending.delete(slice[k]);
        });
      }
    }
    next = head + 1;
  }
  return latencies;
}

/// Funds `senders` from the funder and waits for it; returns the last funding transfer's hash.
async function fund(rpc, provider, funder, senders, amount) {
  const chainId = BigInt(await rpc.call('eth_chainId'));
  let nonce = Number(await rpc.call('eth_getTransactionCount', [funder.address, 'pending']));
  const raws = [];
  for (const s of senders) {
    raws.push(await funder.signTransaction({ type: 2, chainId, nonce: nonce++, to: s.address, value: amount, gasLimit: 21000, maxFeePerGas: ethers.parseUnits('100', 'gwei'), maxPriorityFeePerGas: ethers.parseUnits('1', 'gwei') }));
  }
  // One at a time: automining nodes (Hardhat) refuse a nonce gap, and may run the calls of one
  // batch out of order.
  const pending = new Map();
  const start = Number(await rpc.call('eth_blockNumber'));
  for (const raw of raws) {
    const [r] = await rpc.batch([['eth_sendRawTransaction', [raw]]]);
    if (r.error) throw new Error(`funding: ${r.error.message}`);
    pending.set(r.result, Date.now());
  }
  await waitForReceipts(rpc, pending, start);
  return ethers.keccak256(raws[raws.length - 1]);
}

/// Waits until every endpoint has the block that holds `hash` (the last funding transfer), so
/// that the senders' balances are known everywhere before their transfers arrive.
async function waitEverywhere(rpcs, hash) {
  const deadline = Date.now() + 120_000;
  for (const rpc of rpcs) {
    for (;;) {
      const [r] = await rpc.batch([['eth_getTransactionReceipt', [hash]]]);
      if (r.result) break;
      if (Date.now() > deadline) throw new Error(`funding never reached every endpoint`);
      await new Promise((res) => setTimeout(res, 20));
    }
  }
}

export async function runLoad(opts, log = () => {}) {
  const urls = opts.rpc.split(',').filter((u) => u.length > 0);
  const rpcs = urls.map((u) => rpcClient(u));
  const rpc = rpcs[0];
  const chainId = BigInt(await rpc.call('eth_chainId'));
  const funder = new ethers.Wallet(opts.funderKey);
  const senders = [];
  for (let i = 0; i < opts.senders; ++i) senders.push(new ethers.Wallet(ethers.id(`${opts.seed}/${i}`)));
  const perSender = Math.ceil(opts.txs / opts.senders);
  log(`funding ${senders.length} senders`);
  const lastFunding = await fund(rpc, null, funder, senders, ethers.parseEther('1'));
  if (rpcs.length > 1) await waitEverywhere(rpcs, lastFunding);

  log(`signing ${opts.txs} transfers`);
  const nonces = await rpc.batch(senders.map((s) => ['eth_getTransactionCount', [s.address, 'pending']]));
  const signed = [];
  // Round-robin over senders, so consecutive transactions come from different accounts.
  for (let j = 0; j < perSender; ++j) {
    for (let i = 0; i < senders.length && signed.length < opts.txs; ++i) {
      const nonce = Number(nonces[i].result) + j;
      const raw = await senders[i].signTransaction({ type: 2, chainId, nonce, to: funder.address, value: 1n, gasLimit: 21000, maxFeePerGas: ethers.parseUnits('100', 'gwei'), maxPriorityFeePerGas: ethers.parseUnits('1', 'gwei') });
      signed.push({ raw, hash: ethers.keccak256(raw), endpoint: i % rpcs.length });
    }
  }

  log(`sending to ${rpcs.length} endpoint(s)`);
  const startBlocks = await Promise.all(rpcs.map(async (r) => Number(await r.call('eth_blockNumber'))));
  const pending = rpcs.map(() => new Map());
  const t0 = Date.now();
  let failures = 0;
  async function sendBatch(endpoint, slice) {
    const sentAt = Date.now();
    for (const t of slice) pending[endpoint].set(t.hash, sentAt);
    const res = await rpcs[endpoint].batch(slice.map((t) => ['eth_sendRawTransaction', [t.raw]]));
    res.forEach((r, k) => {
      if (r.error && !/already known|known transaction/i.test(r.error.message)) {
        failures += 1;
        pending[endpoint].delete(slice[k].hash);
        if (failures <= 3) log(`rejected: ${r.error.message}`);
      }
    });
  }
  // Waves: wave j holds every sender's j-th transaction, so a batch never carries two of one
  // sender (some nodes run a batch's calls concurrently, and automining ones refuse nonce gaps).
  // Each endpoint gets its senders' share of a wave, up to --inflight batches at once.
  async function sender() {
    for (let w = 0; w < signed.length; w += senders.length) {
      if (opts.rate > 0) {
        const due = t0 + (w / opts.rate) * 1000;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      }
      const wave = signed.slice(w, w + senders.length);
      await Promise.all(rpcs.map(async (_, endpoint) => {
        const mine = wave.filter((t) => t.endpoint === endpoint);
        let cursor = 0;
        const lane = async () => {
          while (cursor < mine.length) {
            const slice = mine.slice(cursor, cursor + opts.batch);
            cursor += slice.length;
            await sendBatch(endpoint, slice);
          }
        };
        await Promise.all(Array.from({ length: opts.inflight }, lane));
      }));
    }
  }
  let sendingDone = false;
  const receipts = rpcs.map((r, e) => waitForReceipts(r, pending[e], startBlocks[e], () => !sendingDone));
  await sender();
  sendingDone = true;
  const sendSeconds = (Date.now() - t0) / 1000;
  const latencies = (await Promise.all(receipts)).flat().sort((a, b) => a - b);
  const seconds = (Date.now() - t0) / 1000;
  const blocks = Number(await rpc.call('eth_blockNumber')) - startBlocks[0];
  return {
    endpoints: rpcs.length,
    confirmed: latencies.length,
    rejected: failures,
    seconds,
    send_seconds: sendSeconds,
    tps: latencies.length / seconds,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    blocks,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs(process.argv.slice(2));
  const result = await runLoad(opts, (m) => console.error(m));
  if (opts.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`${result.confirmed} confirmed (${result.rejected} rejected) in ${result.seconds.toFixed(2)} s: ` +
      `${result.tps.toFixed(0)} tx/s, p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms, ${result.blocks} blocks`);
  }
}
