// Runs the same load (bench/load/load.mjs) against a fresh Yunlian dev node and a fresh Hardhat node
// (npx hardhat node, automine) one after the other in the same run, and prints both figures.
// With --devnet N it runs the load against a fresh `yunlian devnet --nodes N` instead of the dev
// node, sending to all N validators (sender i to validator i mod N); --skip-hardhat leaves Hardhat
// out.
//
//   node bench/load/compare.mjs [--bin build/bin/yunlian] [--devnet N] [--txs 10000]
//        [--senders 400] [--batch 100] [--inflight 4] [--rate R] [--skip-hardhat]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, runLoad, rpcClient } from './load.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

function takeOwnArgs(argv) {
  const own = { bin: join(root, 'build', 'bin', 'yunlian'), skipHardhat: false, devnet: 0 };
  const rest = [];
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--bin') own.bin = argv[++i];
    else if (argv[i] === '--skip-hardhat') own.skipHardhat = true;
    else if (argv[i] === '--devnet') own.devnet = Number(argv[++i]);
    else rest.push(argv[i]);
  }
  return { own, rest };
}

async function waitForRpc(url, proc) {
  const rpc = rpcClient(url);
  for (let i = 0; i < 1200; ++i) {
    if (proc.exitCode !== null) throw new Error(`${url}: the node exited`);
    try {
      await rpc.call('eth_chainId');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} never answered`);
}

async function withNode(command, args, urls, work, options = {}) {
  const proc = spawn(command, args, { stdio: 'ignore', ...options });
  try {
    for (const url of [urls].flat()) await waitForRpc(url, proc);
    return await work();
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
  }
}

const { own, rest } = takeOwnArgs(process.argv.slice(2));
const opts = parseArgs(rest);
const results = {};
const log = (m) => console.error(`  ${m}`);

const datadir = mkdtempSync(join(tmpdir(), 'yunlian-load-'));
const port = 20000 + Math.floor(Math.random() * 20000);  // devnet: +0..N-1 HTTP, +100.. WS, +200.. p2p
try {
  if (own.devnet > 0) {
    const urls = Array.from({ length: own.devnet }, (_, i) => `http://127.0.0.1:${port + i}/`);
    console.error(`yunlian devnet --nodes ${own.devnet} (ports ${port}..)`);
    results[`yunlian devnet (${own.devnet} validators)`] = await withNode(own.bin,
      ['devnet', '--nodes', String(own.devnet), '--datadir', datadir, '--rpc-base-port', String(port), '--p2p-base-port', String(port + 200)],
      urls, () => runLoad({ ...opts, rpc: urls.join(',') }, log));
  } else {
    console.error(`yunlian node --dev (port ${port})`);
    results.yunlian = await withNode(own.bin, ['node', '--dev', '--quiet', '--datadir', datadir, '--rpc-port', String(port), '--ws-port', String(port + 1)],
    `http://127.0.0.1:${port}/`, () => runLoad({ ...opts, rpc: `http://127.0.0.1:${port}/` }, log));
  }
} finally {
  rmSync(datadir, { recursive: true, force: true });
}
if (!own.skipHardhat) {
  const hhPort = port + 400;
  console.error(`hardhat node (port ${hhPort})`);
  results.hardhat = await withNode(join(root, 'node_modules', '.bin', 'hardhat'),
    ['--config', join(here, 'hardhat.config.cjs'), 'node', '--port', String(hhPort)],
    `http://127.0.0.1:${hhPort}/`, () => runLoad({ ...opts, rpc: `http://127.0.0.1:${hhPort}/` }, log),
    { cwd: root, env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' } });
}

console.log(`load: ${opts.txs} transfers from ${opts.senders} senders, batches of ${opts.batch}, ${opts.inflight} in flight${opts.rate > 0 ? `, paced at ${opts.rate}/s` : ''}`);
console.log('| node | confirmed tx/s | p50 latency | p99 latency | blocks | wall time |');
console.log('|---|---|---|---|---|---|');
for (const [name, r] of Object.entries(results)) {
  console.log(`| ${name} | ${r.tps.toFixed(0)} | ${r.p50_ms} ms | ${r.p99_ms} ms | ${r.blocks} | ${r.seconds.toFixed(2)} s |`);
}
