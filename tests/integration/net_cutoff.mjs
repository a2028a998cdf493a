// Issue 6, "a cut-off validator": one validator's connections are dropped and refused (the p2p
// isolation hook, reached through the test-only RPC method the config's test_hooks enables). The
// other three go on finalizing; the cut-off one finalizes nothing meanwhile. After the heal it syncs
// to the others' head, its chain is theirs, and no receipt any node returned is lost.
import assert from 'node:assert/strict';
import { withNetwork, Load, checkSameChain, checkReceipts, waitFor, sleep, say } from './net_harness.mjs';

const ISOLATE = 'yunlian_setIsolated';

await withNetwork({
  nodes: 4,
  name: 'cutoff',
  prepare: (net) => {
    for (let i = 0; i < net.count; ++i) net.addConfig(i, 'test_hooks = true');
  },
}, async (net) => {
  const load = new Load(net);
  await load.fund();
  load.start();
  await waitFor('receipts under load', () => load.recorded.size >= 200, 30000);

  const victim = Math.floor(Math.random() * 4);
  const others = [0, 1, 2, 3].filter((i) => i !== victim);
  net.excluded.add(victim);
  await net.call(victim, ISOLATE, [true]);
  await waitFor(`node ${victim} to have no peers`, async () => Number(await net.call(victim, 'net_peerCount')) === 0, 10000);
  for (const i of others) {
    await waitFor(`node ${i} to drop node ${victim}`, async () => Number(await net.call(i, 'net_peerCount')) <= 2, 10000);
  }
  const cutAt = await net.head(victim);
  const othersAt = Math.max(...(await Promise.all(others.map((i) => net.head(i)))));
  const recordedAtCut = load.recorded.size;
  say(`node ${victim} cut off at block ${cutAt}; the others at ${othersAt}`);

  for (const i of others) await net.waitHead(i, othersAt + 5, 30000);
  await waitFor('new receipts without the cut-off node', () => load.recorded.size >= recordedAtCut + 300, 30000);
  await sleep(2000);
  // It may have finished the height it was in (a commit it already had the votes for), no more.
  assert.ok((await net.head(victim)) <= cutAt + 1, `the cut-off node kept finalizing alone`);
  assert.equal(Number(await net.call(victim, 'net_peerCount')), 0, 'the cut-off node got a peer back');
  const ahead = Math.max(...(await Promise.all(others.map((i) => net.head(i)))));
  say(`the others reached block ${ahead}; node ${victim} is still at ${await net.head(victim)}`);

  await net.call(victim, ISOLATE, [false]);
  net.excluded.delete(victim);
  await net.waitHead(victim, ahead, 30000);
  say(`node ${victim} synced to block ${ahead} after the heal`);

  await load.drain();
  const top = Math.max(...(await Promise.all(others.map((i) => net.head(i)))));
  await net.waitHead(victim, top, 30000);
  const heads = await checkSameChain(net);
  await checkReceipts(net, load.recorded);
  assert.deepEqual(load.errors, [], 'the load ran without errors');
  say(`ok: heads ${heads.join(', ')}, ${load.recorded.size} receipts on every node`);
});
