// The chain the contract tests run on, shared by every suite of one process: the samples compiled
// once with compile.mjs, a provider, funded signers, and helpers for deploying, events and
// custom-error reverts.
//
// By default the chain is Hardhat's in-process network (hardfork cancun, from hardhat.config.cjs).
// With YUNLIAN_RPC_URL set, the same tests run against that JSON-RPC node (a Yunlian dev node or
// `npx hardhat node`), signing with YUNLIAN_PRIVATE_KEYS (comma-separated) if given, else with
// the node's unlocked accounts (eth_accounts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BrowserProvider, ContractFactory, JsonRpcProvider, Wallet, keccak256, parseEther, toUtf8Bytes } from 'ethers';

import { CONTRACTS_DIR, compileAll } from '../compile.mjs';

/** How many distinct accounts the suites use (owner, alice, bob, carol, dave). */
const kSignerCount = 5;

/**
 * ethers shares identical requests made within 250 ms. On a chain that mines instantly that returns
 * stale answers: an eth_estimateGas repeated right after the transaction that changed its outcome
 * gets the old revert. The tests turn the sharing off.
 */
const kNoCache = -1;

let envPromise;

/** The shared environment; the first call compiles the samples and connects. */
export function getEnv() {
  envPromise ??= makeEnv();
  return envPromise;
}

/** Closes the provider so the process can exit. Safe to call more than once. */
export async function closeEnv() {
  if (!envPromise) return;
  const env = await envPromise;
  env.provider.destroy();
  env.cleanup();
}

async function makeEnv() {
  const artifacts = compileAll();
  const { provider, remote, cleanup } = await connect();
  const signers = await fundedSigners(provider);
  return {
    provider,
    remote,
    cleanup,
    artifacts,
    signers,
    deploy: (name, signer, ...args) => deploy(artifacts, name, signer, ...args),
    advanceTime: (seconds) => advanceTime(provider, signers[0], seconds),
  };
}

async function connect() {
  const url = process.env.YUNLIAN_RPC_URL;
  if (url) {
    const provider = new JsonRpcProvider(url, undefined, { polling: true, cacheTimeout: kNoCache });
    provider.pollingInterval = 200;
    return { provider, remote: true, cleanup: () => {} };
  }
  // Hardhat finds its config through HARDHAT_CONFIG; its cache and artifacts go to a temp dir.
  const outDir = mkdtempSync(join(tmpdir(), 'yunlian-contracts-hh-'));
  process.env.HARDHAT_CONFIG = join(CONTRACTS_DIR, 'hardhat.config.cjs');
  process.env.YUNLIAN_HARDHAT_OUT = outDir;
  delete process.env.HARDHAT_NETWORK;
  const hre = (await import('hardhat')).default;
  assert.equal(hre.network.name, 'hardhat');
  return {
    provider: new BrowserProvider(hre.network.provider, undefined, { cacheTimeout: kNoCache }),
    remote: false,
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

async function fundedSigners(provider) {
  const keys = (process.env.YUNLIAN_PRIVATE_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  let signers;
  if (keys.length > 0) {
    signers = keys.map((key) => new Wallet(key, provider));
  } else {
    const accounts = await provider.send('eth_accounts', []);
    assert.ok(accounts.length > 0, 'the node has no unlocked accounts; set YUNLIAN_PRIVATE_KEYS');
    signers = await Promise.all(accounts.slice(0, kSignerCount).map((a) => provider.getSigner(a)));
  }
  // A dev node may unlock a single account: derive the others and give them gas money.
  for (let i = signers.length; i < kSignerCount; i++) {
    const wallet = new Wallet(keccak256(toUtf8Bytes(`yunlian contracts test signer ${i}`)), provider);
    if ((await provider.getBalance(wallet.address)) < parseEther('1')) {
      await (await signers[0].sendTransaction({ to: wallet.address, value: parseEther('10') })).wait();
    }
    signers.push(wallet);
  }
  return signers.slice(0, kSignerCount);
}

async function deploy(artifacts, name, signer, ...args) {
  const artifact = artifacts[name];
  assert.ok(artifact, `no artifact named ${name}`);
  const contract = await new ContractFactory(artifact.abi, artifact.bytecode, signer).deploy(...args);
  await contract.waitForDeployment();
  return contract;
}

/**
 * Moves the chain's block time forward by at least `seconds`: with evm_increaseTime where the
 * node has it (Hardhat), else by mining blocks with self-transfers until the latest block is late
 * enough. Every block's time is after its parent's (a Yunlian dev node stamps max(wall clock,
 * parent + 1)), so each block moves the time by at least a second and this ends after at most
 * `seconds` blocks, without waiting for the wall clock when the chain runs ahead of it.
 */
async function advanceTime(provider, signer, seconds) {
  try {
    await provider.send('evm_increaseTime', [seconds]);
    await provider.send('evm_mine', []);
    return;
  } catch {
    // The node has no time-travel methods; mine blocks instead.
  }
  const target = (await provider.getBlock('latest')).timestamp + seconds;
  const self = await signer.getAddress();
  for (let i = 0; i < seconds; ++i) {
    const receipt = await (await signer.sendTransaction({ to: self, value: 0 })).wait();
    if ((await provider.getBlock(receipt.blockNumber)).timestamp >= target) return;
  }
}

/** The revert data of an ethers error, wherever the provider put it. */
export function revertData(error) {
  for (const candidate of [error?.data, error?.info?.error?.data, error?.error?.data]) {
    if (typeof candidate === 'string' && candidate.startsWith('0x')) return candidate;
    if (typeof candidate?.data === 'string') return candidate.data;
  }
  return undefined;
}

/**
 * Asserts that calling `method` (a contract method, e.g. `token.connect(alice).transfer`) with
 * `args` reverts with the custom error `name` and arguments `errorArgs` (if given), both ways a
 * dapp meets it: as an eth_call, where ethers decodes the error itself (error.revert), and as a
 * transaction, whose gas estimation fails with the raw revert data that
 * contract.interface.parseError decodes. `iface` decodes errors raised by another contract.
 */
export async function expectCustomError(method, args, name, errorArgs, iface = method._contract.interface) {
  await assert.rejects(method.staticCall(...args), (error) => {
    assert.equal(error.code, 'CALL_EXCEPTION', `expected a revert, got ${error.code}: ${error.message}`);
    if (iface === method._contract.interface) {
      assert.equal(error.revert?.name, name, `ethers decoded ${error.revert?.name}, not ${name}`);
      if (errorArgs !== undefined) assert.deepEqual([...error.revert.args], errorArgs);
    }
    checkParsed(iface, revertData(error), name, errorArgs);
    return true;
  });
  await assert.rejects(method(...args), (error) => {
    assert.equal(error.code, 'CALL_EXCEPTION', `expected a revert, got ${error.code}: ${error.message}`);
    checkParsed(iface, revertData(error), name, errorArgs);
    return true;
  });
}

function checkParsed(iface, data, name, errorArgs) {
  const parsed = iface.parseError(data);
  assert.ok(parsed, `revert data is not a known error: ${data}`);
  assert.equal(parsed.name, name);
  if (errorArgs !== undefined) assert.deepEqual([...parsed.args], errorArgs);
}

/** The logs of `receipt` emitted by `contract` and named `name`, parsed. */
export function eventsOf(receipt, contract, name) {
  const address = contract.target.toLowerCase();
  return receipt.logs
    .filter((log) => log.address.toLowerCase() === address)
    .map((log) => contract.interface.parseLog(log))
    .filter((parsed) => parsed && parsed.name === name);
}

/** Sends a contract transaction and waits for its receipt. */
export async function mined(txPromise) {
  const tx = await txPromise;
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  return receipt;
}

/** The timestamp of the block a receipt is in. */
export async function blockTime(provider, receipt) {
  return (await provider.getBlock(receipt.blockNumber)).timestamp;
}
