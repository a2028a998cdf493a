// Issue 4 on a running node: a real `yunlian node --dev` and ethers v6 with the samples compiled by
// solc-js. The ERC-20 is deployed and used (transfer, approve, transferFrom); its events are read
// with getLogs (queryFilter with indexed-topic filters, OR arrays, raw eth_getLogs), over an HTTP
// filter (eth_newFilter + eth_getFilterChanges, which ethers uses for contract.on over HTTP) and
// over a WebSocket "logs" subscription; reverts come back as geth's code 3 errors that ethers
// decodes (custom errors, reason strings, panics); and eth_estimateGas returns the lowest gas that
// succeeds, also for a call that forwards 63/64 of its gas.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  HDNodeWallet,
  JsonRpcProvider,
  Wallet,
  WebSocketProvider,
  ZeroAddress,
  ContractFactory,
  id,
  toQuantity,
  zeroPadValue,
} from 'ethers';

import { compileAll } from '../../contracts/compile.mjs';
import { revertData } from '../../contracts/test/env.mjs';
import { DEV_KEYS, makeDatadir, removeDir, startNode, stopNode } from './chain_node.mjs';

const kMnemonic = 'test test test test test test test test test test test junk';
const kTransfer = id('Transfer(address,address,uint256)');
const kApproval = id('Approval(address,address,uint256)');
const kGasCap = 50_000_000n;

/** Resolves with what `subscribe(resolve)` delivers first, or rejects after `ms`. */
function firstEvent(what, ms, subscribe) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
    subscribe((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The JSON-RPC error object behind an ethers error. */
function rpcError(error) {
  return error?.info?.error ?? error?.error;
}

describe('contracts on a yunlian dev node', () => {
  let datadir;
  let node;
  let provider;
  let ws;
  let artifacts;
  let owner;
  let alice;
  let bob;
  let token;
  let probe;
  const carol = Wallet.createRandom().address;
  const dave = Wallet.createRandom().address;

  before(async () => {
    artifacts = compileAll();
    datadir = makeDatadir();
    node = await startNode({ datadir });
    provider = new JsonRpcProvider(node.http, undefined, { cacheTimeout: -1 });
    provider.pollingInterval = 100;
    ws = new WebSocketProvider(node.ws);
    owner = new Wallet(DEV_KEYS[0], provider);
    alice = new Wallet(DEV_KEYS[1], provider);
    bob = HDNodeWallet.fromPhrase(kMnemonic, undefined, "m/44'/60'/0'/0/2").connect(provider);
  });

  after(async () => {
    provider?.destroy();
    await ws?.destroy();
    if (node) await stopNode(node);
    if (datadir) removeDir(datadir);
  });

  const deploy = async (name, signer, ...args) => {
    const { abi, bytecode } = artifacts[name];
    const contract = await new ContractFactory(abi, bytecode, signer).deploy(...args);
    await contract.waitForDeployment();
    return contract;
  };
  const mined = async (txPromise) => {
    const receipt = await (await txPromise).wait();
    assert.equal(receipt.status, 1);
    return receipt;
  };

  it('deploys the ERC-20 and moves tokens with transfer, approve and transferFrom', async () => {
    token = await deploy('ERC20', owner, 'Yunlian Token', 'YUN', 18, 1_000_000n);
    assert.notEqual(await provider.getCode(token.target), '0x');
    await mined(token.transfer(alice.address, 1000n));
    await mined(token.connect(alice).approve(bob.address, 300n));
    assert.equal(await token.allowance(alice.address, bob.address), 300n);
    await mined(token.connect(bob).transferFrom(alice.address, carol, 200n));
    assert.equal(await token.balanceOf(alice.address), 800n);
    assert.equal(await token.balanceOf(carol), 200n);
    assert.equal(await token.allowance(alice.address, bob.address), 100n);
    assert.equal(await token.balanceOf(owner.address), 1_000_000n - 1000n);
  });

  it('finds the events with getLogs: indexed-topic filters, OR arrays, block hashes', async () => {
    const fromOwner = await token.queryFilter(token.filters.Transfer(owner.address));
    assert.deepEqual(
      fromOwner.map((e) => [e.args.to, e.args.value]),
      [[alice.address, 1000n]],
    );
    const mints = await token.queryFilter(token.filters.Transfer(ZeroAddress));
    assert.equal(mints.length, 1);
    const toEither = await token.queryFilter(token.filters.Transfer(null, [carol, alice.address]));
    assert.deepEqual(
      toEither.map((e) => e.args.to),
      [alice.address, carol],
    );
    const approvals = await token.queryFilter(token.filters.Approval(alice.address, bob.address));
    // approve, then transferFrom spends the allowance (the sample emits Approval for it too).
    assert.ok(approvals.length >= 1);
    assert.equal(approvals[0].args.value, 300n);

    // Raw: both event kinds of the token, then by block hash, each log as the receipt has it.
    const all = await provider.send('eth_getLogs', [
      { fromBlock: '0x0', toBlock: 'latest', address: [token.target, carol], topics: [[kTransfer, kApproval]] },
    ]);
    assert.ok(all.length >= 4);
    const last = all.at(-1);
    assert.deepEqual(Object.keys(last), [
      'address',
      'topics',
      'data',
      'blockNumber',
      'transactionHash',
      'transactionIndex',
      'blockHash',
      'logIndex',
      'removed',
    ]);
    assert.equal(last.removed, false);
    const receipt = await provider.send('eth_getTransactionReceipt', [last.transactionHash]);
    const same = receipt.logs.find((l) => l.logIndex === last.logIndex);
    assert.deepEqual(same, last);
    // eth_getBlockReceipts (by hash and by number) holds the same receipt.
    for (const block of [last.blockHash, last.blockNumber]) {
      const receipts = await provider.send('eth_getBlockReceipts', [block]);
      assert.deepEqual(receipts[Number(receipt.transactionIndex)], receipt);
    }
    const byHash = await provider.send('eth_getLogs', [{ blockHash: last.blockHash, topics: [null, null, null] }]);
    assert.deepEqual(
      byHash.map((l) => l.logIndex),
      receipt.logs.filter((l) => l.topics.length >= 3).map((l) => l.logIndex),
    );

    // geth's range errors.
    const head = await provider.getBlockNumber();
    await assert.rejects(provider.send('eth_getLogs', [{ fromBlock: '0x1', toBlock: toQuantity(head + 5) }]), (e) => {
      assert.equal(rpcError(e).code, -32602);
      assert.equal(rpcError(e).message, 'block range extends beyond current head block');
      return true;
    });
    await assert.rejects(provider.send('eth_getLogs', [{ fromBlock: '0x3', toBlock: '0x1' }]), (e) => {
      assert.equal(rpcError(e).message, 'invalid block range params');
      return true;
    });
  });

  it('delivers events over a WebSocket logs subscription and an HTTP filter', async () => {
    const wsToken = token.connect(ws);
    const viaContract = firstEvent('contract.on event', 15_000, (done) =>
      wsToken.on('Transfer', (from, to, value, payload) => {
        if (to === dave) done({ from, to, value, log: payload.log });
      }),
    );
    const viaFilter = firstEvent('provider.on(filter) log', 15_000, (done) =>
      ws.on({ address: token.target, topics: [kTransfer, null, zeroPadValue(dave, 32)] }, done),
    );
    // Over HTTP, ethers follows contract events with eth_newFilter + eth_getFilterChanges.
    const httpToken = token.connect(provider);
    const viaHttpFilter = firstEvent('HTTP filter event', 15_000, (done) =>
      httpToken.on(token.filters.Transfer(null, dave), (payload) => done(payload.log)),
    );
    // The subscriptions and the filter are set up asynchronously: send until all three have seen
    // a transfer (normally the first one), keeping each receipt to check what they saw.
    const receipts = new Map();
    const all = Promise.all([viaContract, viaFilter, viaHttpFilter]);
    let settled = false;
    all.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 20 && !settled; ++i) {
      const receipt = await mined(token.transfer(dave, 7n));
      receipts.set(receipt.hash, receipt);
      await Promise.race([all, sleep(500)]).catch(() => {});
    }
    const [event, log, httpLog] = await all;

    assert.deepEqual([event.from, event.to, event.value], [owner.address, dave, 7n]);
    assert.equal(event.log.removed, false);
    const receipt = receipts.get(event.log.transactionHash);
    assert.ok(receipt, 'the event belongs to one of the transfers');
    assert.equal(event.log.blockHash, receipt.blockHash);
    assert.equal(event.log.blockNumber, receipt.blockNumber);
    assert.equal(event.log.index, receipt.logs[0].index);
    assert.ok(receipts.has(log.transactionHash));
    assert.equal(log.topics[2], zeroPadValue(dave, 32).toLowerCase());
    assert.ok(receipts.has(httpLog.transactionHash));
    await wsToken.removeAllListeners();
    await ws.removeAllListeners();
    await httpToken.removeAllListeners();

    // The polling filters directly.
    const blocks = await provider.send('eth_newBlockFilter', []);
    const logs = await provider.send('eth_newFilter', [{ address: token.target, topics: [kTransfer] }]);
    const second = await mined(token.transfer(carol, 1n));
    const hashes = await provider.send('eth_getFilterChanges', [blocks]);
    assert.ok(hashes.includes(second.blockHash));
    const changes = await provider.send('eth_getFilterChanges', [logs]);
    assert.deepEqual(
      changes.map((l) => l.transactionHash),
      [second.hash],
    );
    assert.deepEqual(await provider.send('eth_getFilterChanges', [logs]), []);
    assert.equal(await provider.send('eth_uninstallFilter', [logs]), true);
    await assert.rejects(provider.send('eth_getFilterChanges', [logs]), /filter not found/);
  });

  it('returns reverts as code 3 with the data, and ethers decodes them', async () => {
    probe = await deploy('CallProbe', owner);
    // A custom error: decoded by ethers on eth_call, parseError on a failed send's estimate.
    await assert.rejects(token.connect(alice).transfer.staticCall(bob.address, 10_000n), (e) => {
      assert.equal(e.code, 'CALL_EXCEPTION');
      assert.equal(e.revert?.name, 'InsufficientBalance');
      assert.deepEqual([...e.revert.args], [alice.address, 800n, 10_000n]);
      return true;
    });
    // The error object itself, as geth words it.
    const tooMuch = token.interface.encodeFunctionData('transfer', [bob.address, 10_000n]);
    for (const method of ['eth_call', 'eth_estimateGas']) {
      const params = [{ from: alice.address, to: token.target, data: tooMuch }];
      if (method === 'eth_call') params.push('latest');
      await assert.rejects(provider.send(method, params), (e) => {
        assert.equal(rpcError(e).code, 3);
        assert.equal(rpcError(e).message, 'execution reverted');
        assert.equal(token.interface.parseError(rpcError(e).data)?.name, 'InsufficientBalance');
        return true;
      });
    }
    await assert.rejects(token.connect(alice).transfer(bob.address, 10_000n), (e) => {
      assert.equal(e.code, 'CALL_EXCEPTION');
      const parsed = token.interface.parseError(revertData(e));
      assert.equal(parsed?.name, 'InsufficientBalance');
      assert.deepEqual([...parsed.args], [alice.address, 800n, 10_000n]);
      return true;
    });
    await assert.rejects(probe.failWithCustom.staticCall(42n), (e) => {
      assert.equal(e.revert?.name, 'Refused');
      assert.deepEqual([...e.revert.args], [owner.address, 42n]);
      return true;
    });
    // Error(string): the reason is in the message and decoded by ethers.
    await assert.rejects(probe.failWithReason.staticCall('not today'), (e) => {
      assert.equal(e.reason, 'not today');
      return true;
    });
    await assert.rejects(probe.failWithReason('not today'), (e) => {
      assert.equal(e.code, 'CALL_EXCEPTION');
      assert.equal(e.reason, 'not today');
      return true;
    });
    const notToday = probe.interface.encodeFunctionData('failWithReason', ['not today']);
    await assert.rejects(provider.send('eth_estimateGas', [{ to: probe.target, data: notToday }]), (e) => {
      assert.equal(rpcError(e).code, 3);
      assert.equal(rpcError(e).message, 'execution reverted: not today');
      assert.equal(probe.interface.decodeErrorResult('Error', rpcError(e).data)[0], 'not today');
      return true;
    });
    // Panic(0x12).
    await assert.rejects(probe.divide.staticCall(1n, 0n), (e) => {
      assert.equal(e.revert?.name, 'Panic');
      assert.equal(BigInt(e.revert.args[0]), 0x12n);
      return true;
    });
    const divide = probe.interface.encodeFunctionData('divide', [1n, 0n]);
    await assert.rejects(provider.send('eth_call', [{ to: probe.target, data: divide }, 'latest']), (e) => {
      assert.equal(rpcError(e).code, 3);
      assert.equal(rpcError(e).message, 'execution reverted: division or modulo by zero');
      return true;
    });
    // Not a revert: out of gas on eth_call, and an estimate that no allowance satisfies.
    const work = probe.interface.encodeFunctionData('work', [2000n]);
    await assert.rejects(provider.send('eth_call', [{ to: probe.target, data: work, gas: toQuantity(60_000) }, 'latest']), (e) => {
      assert.equal(rpcError(e).code, -32000);
      assert.equal(rpcError(e).message, 'out of gas');
      return true;
    });
    const endless = probe.interface.encodeFunctionData('work', [10n ** 9n]);
    await assert.rejects(provider.send('eth_estimateGas', [{ from: owner.address, to: probe.target, data: endless }]), (e) => {
      assert.equal(rpcError(e).message, `gas required exceeds allowance (${kGasCap})`);
      return true;
    });
  });

  it('estimates the lowest gas that succeeds, also when the call forwards 63/64', async () => {
    // A plain transfer and a token transfer: the estimate is what the transaction then uses.
    assert.equal(await provider.estimateGas({ from: owner.address, to: carol, value: 1n }), 21_000n);
    const estimate = await token.transfer.estimateGas(carol, 5n);
    const receipt = await mined(token.transfer(carol, 5n, { gasLimit: estimate }));
    assert.equal(receipt.gasUsed, estimate);

    // forward() needs more gas than it uses: the inner call gets only 63/64 of what is left.
    // One gas less fails (and, reverted, leaves the state as it was); the estimate succeeds.
    const rounds = 3000n;
    const needed = await probe.forward.estimateGas(rounds);
    await assert.rejects(
      (async () => (await probe.forward(rounds, { gasLimit: needed - 1n })).wait())(),
      (e) => {
        assert.equal(e.code, 'CALL_EXCEPTION');
        assert.equal(e.receipt?.status, 0);
        return true;
      },
    );
    const ok = await mined(probe.forward(rounds, { gasLimit: needed }));
    assert.ok(ok.gasUsed < needed, `used ${ok.gasUsed}, estimated ${needed}`);
    assert.ok(needed - ok.gasUsed > 1000n, 'the 1/64 kept back shows in the estimate');
  });
});
