// Issue 3, "Done when": ethers v6 talks to a dev node unchanged. A JsonRpcProvider and a Wallet
// send transfers of all three transaction types, wait for receipts, check balances, fees and the
// base fee, read blocks both ways, get geth's errors (bad nonce, underpriced replacement, unfunded
// sender), deploy and call a contract, and a WebSocketProvider receives newHeads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import { startNode, stopNode, DEV_KEYS } from './chain_node.mjs';

let node;
let provider;
let wallet;

before(async () => {
  node = await startNode();
  provider = new ethers.JsonRpcProvider(node.http, undefined, { cacheTimeout: -1 });
  wallet = new ethers.Wallet(DEV_KEYS[0], provider);
});

after(async () => {
  provider?.destroy();
  if (node) {
    const { code } = await stopNode(node);
    assert.equal(code, 0, 'clean exit on SIGTERM');
  }
});

/// EIP-1559's base fee of the block after `parent`.
function nextBaseFee(parent) {
  const base = parent.baseFeePerGas;
  const target = parent.gasLimit / 2n;
  if (parent.gasUsed === target) return base;
  if (parent.gasUsed > target) {
    const delta = (base * (parent.gasUsed - target)) / target / 8n;
    return base + (delta > 0n ? delta : 1n);
  }
  return base - (base * (target - parent.gasUsed)) / target / 8n;
}

test('chain id, network and the dev accounts', async () => {
  const network = await provider.getNetwork();
  assert.equal(network.chainId, 20261n);
  assert.equal(wallet.address, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  assert.equal(await provider.getBalance(wallet.address), ethers.parseEther('10000'));
  assert.equal(await provider.send('net_version', []), '20261');
  assert.deepEqual(await provider.send('eth_accounts', []), []);
  assert.equal(await provider.send('eth_syncing', []), false);
  assert.match(await provider.send('web3_clientVersion', []), /^Yunlian\//);
});

for (const [type, extra] of [
  [0, { gasPrice: ethers.parseUnits('3', 'gwei') }],
  [1, { gasPrice: ethers.parseUnits('3', 'gwei'), accessList: [] }],
  [2, { maxFeePerGas: ethers.parseUnits('5', 'gwei'), maxPriorityFeePerGas: ethers.parseUnits('2', 'gwei') }],
]) {
  test(`type ${type} transfer: receipt, balances, fees and base fee`, async () => {
    const to = ethers.Wallet.createRandom().address;
    const value = ethers.parseEther('1.25');
    const before = await provider.getBalance(wallet.address);
    const tx = await wallet.sendTransaction({ to, value, type, ...extra });
    const receipt = await tx.wait();
    assert.equal(receipt.status, 1);
    assert.equal(receipt.gasUsed, 21000n);
    assert.equal(receipt.type, type);
    const block = await provider.getBlock(receipt.blockNumber);
    const parent = await provider.getBlock(receipt.blockNumber - 1);
    assert.equal(block.baseFeePerGas, nextBaseFee(parent), 'EIP-1559 base fee');
    const price = type === 2
      ? ethers.parseUnits('2', 'gwei') + block.baseFeePerGas < ethers.parseUnits('5', 'gwei')
        ? ethers.parseUnits('2', 'gwei') + block.baseFeePerGas
        : ethers.parseUnits('5', 'gwei')
      : ethers.parseUnits('3', 'gwei');
    assert.equal(receipt.gasPrice, price, 'effective gas price');
    assert.equal(await provider.getBalance(to), value);
    assert.equal(await provider.getBalance(wallet.address), before - value - 21000n * price);
    // The tip (price - base fee) goes to the block's beneficiary; the base fee is burned.
    const minerBefore = await provider.getBalance(block.miner, receipt.blockNumber - 1);
    const minerAfter = await provider.getBalance(block.miner, receipt.blockNumber);
    assert.equal(minerAfter - minerBefore, 21000n * (price - block.baseFeePerGas));
    const fetched = await provider.getTransaction(tx.hash);
    assert.equal(fetched.type, type);
    assert.equal(fetched.from, wallet.address);
    assert.equal(fetched.blockHash, receipt.blockHash);
  });
}

test('blocks by number and by hash, with hashes or full transactions', async () => {
  const tx = await wallet.sendTransaction({ to: ethers.Wallet.createRandom().address, value: 1n });
  const receipt = await tx.wait();
  const byNumber = await provider.getBlock(receipt.blockNumber, true);
  const byHash = await provider.getBlock(receipt.blockHash, false);
  assert.equal(byNumber.hash, receipt.blockHash);
  assert.equal(byHash.number, receipt.blockNumber);
  assert.deepEqual(byHash.transactions, [tx.hash]);
  assert.equal(byNumber.prefetchedTransactions[0].hash, tx.hash);
  assert.equal(byNumber.prefetchedTransactions[0].from, wallet.address);
  assert.equal(byNumber.parentHash, (await provider.getBlock(receipt.blockNumber - 1)).hash);
  const count = await provider.send('eth_getBlockTransactionCountByHash', [receipt.blockHash]);
  assert.equal(count, '0x1');
  assert.equal(await provider.getBlock(10_000_000), null);
  const history = await provider.send('eth_feeHistory', ['0x2', 'latest', [50]]);
  assert.equal(history.baseFeePerGas.length, 3);
  assert.equal(history.reward.length, 2);
});

test('a bad nonce gets geth\'s "nonce too low"', async () => {
  await assert.rejects(
    wallet.sendTransaction({ to: wallet.address, value: 1n, nonce: 0 }),
    (e) => e.code === 'NONCE_EXPIRED' && /nonce too low/.test(e.message),
  );
});

test('an underpriced replacement gets "replacement transaction underpriced"', async () => {
  const sender = new ethers.Wallet(DEV_KEYS[1], provider);
  const future = (await provider.getTransactionCount(sender.address, 'pending')) + 5;
  const fees = { maxFeePerGas: ethers.parseUnits('10', 'gwei'), maxPriorityFeePerGas: ethers.parseUnits('1', 'gwei') };
  // A nonce gap keeps the first one queued, so the second meets it in the pool.
  await sender.sendTransaction({ to: wallet.address, value: 1n, nonce: future, gasLimit: 21000, ...fees });
  await assert.rejects(
    sender.sendTransaction({
      to: wallet.address, value: 2n, nonce: future, gasLimit: 21000,
      maxFeePerGas: ethers.parseUnits('10.5', 'gwei'), maxPriorityFeePerGas: ethers.parseUnits('1.05', 'gwei'),
    }),
    (e) => e.code === 'REPLACEMENT_UNDERPRICED',
  );
  // 10% more on both fields is accepted.
  const replaced = await sender.sendTransaction({
    to: wallet.address, value: 3n, nonce: future, gasLimit: 21000,
    maxFeePerGas: ethers.parseUnits('11', 'gwei'), maxPriorityFeePerGas: ethers.parseUnits('1.1', 'gwei'),
  });
  assert.equal((await provider.getTransaction(replaced.hash)).blockHash, null, 'still queued');
});

test('an unfunded sender gets "insufficient funds"', async () => {
  const poor = ethers.Wallet.createRandom().connect(provider);
  await assert.rejects(
    poor.sendTransaction({ to: wallet.address, value: 1n, gasLimit: 21000 }),
    (e) => e.code === 'INSUFFICIENT_FUNDS' && /insufficient funds for gas \* price \+ value/.test(e.message),
  );
});

test('a contract deploys and answers eth_call through the EVM', async () => {
  // Init code returning the runtime code 602a60005260206000f3, which returns the word 42.
  const initCode = '0x69602a60005260206000f3600052600a6016f3';
  const tx = await wallet.sendTransaction({ data: initCode });
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  assert.ok(receipt.contractAddress);
  assert.equal(await provider.getCode(receipt.contractAddress), '0x602a60005260206000f3');
  const result = await provider.call({ to: receipt.contractAddress, data: '0x' });
  assert.equal(BigInt(result), 42n);
  const reverting = '0x60006000fd';  // REVERT(0, 0) as init code
  await assert.rejects(provider.estimateGas({ data: reverting }), (e) => e.code === 'CALL_EXCEPTION');
});

test('malformed requests get JSON-RPC errors and the node keeps serving', async () => {
  const res = await fetch(node.http, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":' });
  assert.equal((await res.json()).error.code, -32700);
  const bad = await fetch(node.http, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: ['0x1234'] }),
  });
  const body = await bad.json();
  assert.equal(body.error.code, -32000);
  assert.ok(await provider.getBlockNumber() >= 0);
});

test('newHeads over WebSocket', async () => {
  const ws = new ethers.WebSocketProvider(node.ws);
  try {
    const heads = [];
    const got = new Promise((resolve) => {
      ws.on('block', (n) => { heads.push(n); resolve(); });
    });
    await new Promise((r) => setTimeout(r, 300));  // the subscription is live
    const receipt = await (await wallet.sendTransaction({ to: wallet.address, value: 1n })).wait();
    await Promise.race([got, new Promise((_, rej) => setTimeout(() => rej(new Error('no newHeads')), 10000))]);
    assert.ok(heads.includes(receipt.blockNumber) || heads.some((n) => n >= receipt.blockNumber));
  } finally {
    await ws.destroy();
  }
});

test('pending transactions: over WebSocket (eth_subscribe) and by polling (eth_newPendingTransactionFilter)', async () => {
  const ws = new ethers.WebSocketProvider(node.ws);
  const filterId = await provider.send('eth_newPendingTransactionFilter', []);
  try {
    const seen = new Set();
    ws.on('pending', (hash) => { seen.add(hash); });
    await new Promise((r) => setTimeout(r, 300));  // the subscription is live
    const sent = [];
    for (let i = 0; i < 3; ++i) sent.push(await wallet.sendTransaction({ to: wallet.address, value: 1n }));
    await Promise.all(sent.map((t) => t.wait()));
    const deadline = Date.now() + 10000;
    while (!sent.every((t) => seen.has(t.hash)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const t of sent) assert.ok(seen.has(t.hash), `pending notification for ${t.hash}`);
    // The filter reports the same hashes once, mined or not, in the order they were admitted.
    const polled = await provider.send('eth_getFilterChanges', [filterId]);
    assert.deepEqual(polled, sent.map((t) => t.hash));
    assert.deepEqual(await provider.send('eth_getFilterChanges', [filterId]), []);
  } finally {
    await provider.send('eth_uninstallFilter', [filterId]);
    await ws.destroy();
  }
});
