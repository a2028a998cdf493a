// The Hardhat project (hardhat.config.cjs) pointed at a node by its `url`: `hardhat node` serves
// JSON-RPC on a free loopback port; `hardhat run --network yunlian` compiles with the pinned
// solc-js, deploys the ERC-20 and calls it; ethers checks the result on the node, and receives its
// events over a WebSocket subscription. Then the whole samples suite runs against the same URL,
// signing with a single private key, the path a Yunlian dev node will take.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

import {
  Contract,
  ContractFactory,
  HDNodeWallet,
  JsonRpcProvider,
  Wallet,
  WebSocketProvider,
  ZeroAddress,
  keccak256,
  parseUnits,
  toUtf8Bytes,
} from 'ethers';

import { CONTRACTS_DIR } from '../compile.mjs';

const run = promisify(execFile);
const kRepo = join(CONTRACTS_DIR, '..');
const kHardhat = join(kRepo, 'node_modules', 'hardhat', 'internal', 'cli', 'cli.js');
const kConfig = join(CONTRACTS_DIR, 'hardhat.config.cjs');
/** Hardhat's public development mnemonic; its accounts are funded on every `hardhat node`. */
const kHardhatMnemonic = 'test test test test test test test test test test test junk';

/** A loopback port that was free a moment ago (the OS picks it, so parallel runs differ). */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `hardhat node` and resolves once it listens; rejects if it exits first or stalls. */
function startNode(port, env) {
  const args = [kHardhat, '--config', kConfig, 'node', '--hostname', '127.0.0.1', '--port', `${port}`];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hardhat node did not start:\n${output}`)), 120_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('Started HTTP and WebSocket JSON-RPC server')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hardhat node exited with ${code}:\n${output}`));
    });
  });
  return { child, ready };
}

/** Resolves once `ws` has an answer to an eth_subscribe, i.e. the node will push events. */
function subscriptionConfirmed(ws) {
  return new Promise((resolve) => {
    const ids = new Set();
    ws.on('debug', (info) => {
      if (info.action === 'sendRpcPayload' && info.payload.method === 'eth_subscribe') ids.add(info.payload.id);
      if (info.action !== 'receiveRpcResult') return;
      // ethers reports the answers as a batch (an array), even on a WebSocket.
      const results = Array.isArray(info.result) ? info.result : [info.result];
      if (results.some((r) => ids.has(r.id) && r.result)) resolve();
    });
  });
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('Hardhat project against a node URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yunlian-contracts-node-'));
  let node;
  let url;
  let env;
  let provider;

  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { ...process.env, YUNLIAN_HARDHAT_OUT: dir, YUNLIAN_RPC_URL: url };
    delete env.HARDHAT_NETWORK;
    delete env.HARDHAT_CONFIG;
    delete env.YUNLIAN_PRIVATE_KEYS;
    node = startNode(port, env);
    await node.ready;
    provider = new JsonRpcProvider(url, undefined, { cacheTimeout: -1, staticNetwork: true });
  });

  after(() => {
    provider?.destroy();
    node?.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs on Cancun, with chain id 31337', async () => {
    assert.equal(await provider.send('eth_chainId', []), '0x7a69');
    const block = await provider.send('eth_getBlockByNumber', ['latest', false]);
    assert.ok(block.parentBeaconBlockRoot, 'Cancun blocks carry parentBeaconBlockRoot (EIP-4788)');
    assert.ok(block.blobGasUsed !== undefined, 'Cancun blocks carry blobGasUsed (EIP-4844)');
  });

  it('deploys and calls the ERC-20 with `hardhat run --network yunlian`', async () => {
    const script = join(CONTRACTS_DIR, 'scripts', 'deploy_erc20.cjs');
    const args = [kHardhat, '--config', kConfig, 'run', '--network', 'yunlian', script];
    const { stdout } = await run(process.execPath, args, { env, cwd: kRepo, maxBuffer: 16 << 20 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1));
    assert.equal(result.network, 'yunlian');
    assert.equal(result.chainId, 31337);
    assert.equal(result.recipientBalance, parseUnits('12.5', 18).toString());
    assert.equal(result.deployerBalance, parseUnits('987.5', 18).toString());
    assert.equal(result.allowance, parseUnits('3', 18).toString());
    assert.equal(result.revert?.name, 'InsufficientBalance');
    assert.deepEqual(result.revert.args, [
      result.deployer,
      parseUnits('987.5', 18).toString(),
      parseUnits('1000000', 18).toString(),
    ]);

    // Check on the node itself, not through the script: the code, the balances, the logs.
    const artifact = JSON.parse(readFileSync(join(dir, 'artifacts', 'src', 'ERC20.sol', 'ERC20.json'), 'utf8'));
    const { abi, deployedBytecode } = artifact;
    // Same length as the compiled runtime code (the immutable `decimals` is filled in at deploy).
    const code = await provider.getCode(result.token);
    assert.equal(code.length, deployedBytecode.length);
    assert.notEqual(code, '0x');
    const token = new Contract(result.token, abi, provider);
    assert.equal(await token.balanceOf(result.recipient), parseUnits('12.5', 18));
    const transfers = await token.queryFilter(token.filters.Transfer(result.deployer, result.recipient));
    assert.equal(transfers.length, 1);
    assert.equal(transfers[0].transactionHash, result.transferTx);
    const approvals = await token.queryFilter(token.filters.Approval(result.deployer, result.spender));
    assert.equal(approvals[0].args.value, parseUnits('3', 18));
  });

  it('delivers the ERC-20 events to a WebSocket subscription', async () => {
    const artifact = JSON.parse(readFileSync(join(dir, 'artifacts', 'src', 'ERC20.sol', 'ERC20.json'), 'utf8'));
    const signer = await provider.getSigner(1);
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, signer);
    const token = await factory.deploy('Socket Token', 'SOCK', 18, 1000n);
    await token.waitForDeployment();

    const ws = new WebSocketProvider(url.replace(/^http/, 'ws'), undefined, { cacheTimeout: -1 });
    try {
      const wsToken = new Contract(token.target, artifact.abi, ws);
      const subscribed = subscriptionConfirmed(ws);
      const received = [];
      const twoEvents = new Promise((resolve) => {
        // For a topic filter ethers passes only the ContractEventPayload; it is always the last.
        wsToken.on(wsToken.filters.Transfer(signer.address), (...args) => {
          const { args: values, log } = args.at(-1);
          received.push({ from: values.from, to: values.to, value: values.value, hash: log.transactionHash });
          if (received.length === 2) resolve();
        });
      });
      await withTimeout(subscribed, 30_000, 'eth_subscribe got no answer');
      const first = await (await token.transfer(ZeroAddress.replace(/0$/, '1'), 5n)).wait();
      const second = await (await token.transfer(ZeroAddress.replace(/0$/, '2'), 6n)).wait();
      await withTimeout(twoEvents, 30_000, 'no Transfer event arrived over the WebSocket');
      assert.deepEqual(
        received.map((e) => [e.from, e.value, e.hash]),
        [
          [signer.address, 5n, first.hash],
          [signer.address, 6n, second.hash],
        ],
      );
      await wsToken.removeAllListeners();
    } finally {
      await ws.destroy();
    }
  });

  it('passes the samples suite with YUNLIAN_RPC_URL set to the node', async () => {
    const suite = join(kRepo, 'tests', 'e2e', 'contracts_samples.test.mjs');
    // Without NODE_TEST_CONTEXT the inner runner reports as a top-level run, in TAP on stdout.
    // Sign with one private key only, as on a dev node with a single funded account: the suite
    // signs locally with ethers Wallets and funds the other accounts it derives.
    const innerEnv = { ...env, YUNLIAN_PRIVATE_KEYS: HDNodeWallet.fromPhrase(kHardhatMnemonic).privateKey };
    delete innerEnv.NODE_TEST_CONTEXT;
    const { stdout } = await run(process.execPath, ['--test', '--test-reporter=tap', suite], {
      env: innerEnv,
      cwd: kRepo,
      maxBuffer: 16 << 20,
    }).catch((error) => {
      throw new Error(`the suite failed against ${url}:\n${error.stdout}\n${error.stderr}`);
    });
    assert.match(stdout, /# fail 0/);
    assert.doesNotMatch(stdout, /# pass 0\b/);
    // The suite derived its other accounts and funded them from the one key.
    const derived = new Wallet(keccak256(toUtf8Bytes('yunlian contracts test signer 4')));
    assert.ok((await provider.getBalance(derived.address)) > 0n);
  });
});
