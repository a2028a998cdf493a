// Issue 4: a Hardhat project pointed at a running `yunlian node --dev` by its `url`. The test starts
// the node, runs `hardhat run --network yunlian contracts/scripts/deploy_erc20.cjs` with the node's
// URL in YUNLIAN_RPC_URL (networks.yunlian in contracts/hardhat.config.cjs; the accounts are the
// dev accounts of the "test ... junk" mnemonic, signed locally by Hardhat), and checks on the node
// with ethers what the script reports: the deployed code, balances, allowance, the Transfer and
// Approval logs, and the custom error Hardhat's ethers decoded.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

import { Contract, JsonRpcProvider, id, parseUnits, zeroPadValue } from 'ethers';

import { CONTRACTS_DIR, compileAll } from '../../contracts/compile.mjs';
import { makeDatadir, removeDir, startNode, stopNode } from './chain_node.mjs';

const run = promisify(execFile);
const kRepo = join(CONTRACTS_DIR, '..');
const kHardhat = join(kRepo, 'node_modules', 'hardhat', 'internal', 'cli', 'cli.js');
const kConfig = join(CONTRACTS_DIR, 'hardhat.config.cjs');
/** Account #0 of the dev mnemonic, the node's first funded account. */
const kDeployer = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('Hardhat against a yunlian dev node', () => {
  let datadir;
  let outDir;
  let node;
  let provider;

  before(async () => {
    datadir = makeDatadir();
    outDir = mkdtempSync(join(tmpdir(), 'yunlian-hardhat-'));
    node = await startNode({ datadir });
    provider = new JsonRpcProvider(node.http, undefined, { cacheTimeout: -1 });
  });

  after(async () => {
    provider?.destroy();
    if (node) await stopNode(node);
    if (datadir) removeDir(datadir);
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('deploys and calls the ERC-20 with `hardhat run --network yunlian`', async () => {
    const env = { ...process.env, YUNLIAN_RPC_URL: node.http, YUNLIAN_HARDHAT_OUT: outDir };
    delete env.YUNLIAN_PRIVATE_KEYS;
    delete env.HARDHAT_NETWORK;
    delete env.HARDHAT_CONFIG;
    const script = join(CONTRACTS_DIR, 'scripts', 'deploy_erc20.cjs');
    const args = [kHardhat, '--config', kConfig, 'run', '--network', 'yunlian', script];
    const { stdout } = await run(process.execPath, args, { env, cwd: kRepo, maxBuffer: 16 << 20 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1));

    assert.equal(result.network, 'yunlian');
    assert.equal(BigInt(result.chainId), BigInt(await provider.send('eth_chainId', [])));
    assert.equal(result.deployer, kDeployer);
    assert.equal(result.revert?.name, 'InsufficientBalance');
    assert.equal(result.revert.args[0], kDeployer);

    // What the script saw is what the node holds.
    const { abi } = compileAll().ERC20;
    const token = new Contract(result.token, abi, provider);
    assert.notEqual(await provider.getCode(result.token), '0x');
    assert.equal(await token.symbol(), 'YUN');
    assert.equal((await token.balanceOf(result.recipient)).toString(), result.recipientBalance);
    assert.equal(result.recipientBalance, parseUnits('12.5', 18).toString());
    assert.equal((await token.balanceOf(kDeployer)).toString(), parseUnits('987.5', 18).toString());
    assert.equal((await token.allowance(kDeployer, result.spender)).toString(), parseUnits('3', 18).toString());
    const transfers = await provider.getLogs({
      address: result.token,
      fromBlock: 0,
      topics: [id('Transfer(address,address,uint256)'), zeroPadValue(kDeployer, 32)],
    });
    assert.deepEqual(
      transfers.map((l) => l.transactionHash),
      [result.transferTx],
    );
    const receipt = await provider.getTransactionReceipt(result.approvalTx);
    assert.equal(receipt.status, 1);
    assert.equal(receipt.logs[0].topics[0], id('Approval(address,address,uint256)'));
  });
});
