// Issue 6, "two validators killed": kill -9 two of four under load. Without a +2/3 quorum the chain
// stops finalizing, and nothing forks. When both restart, blocks are finalized again within 15 s,
// all four chains are the same and no receipt any node returned is lost.
import assert from 'node:assert/strict';
import { withNetwork, Load, checkSameChain, checkReceipts, waitFor, sleep, say } from './net_harness.mjs';

await withNetwork({ nodes: 4, name: 'two-down' }, async (net) => {
  const load = new Load(net);
  await load.fund();
  load.start();
  await waitFor('receipts under load', () => load.recorded.size >= 200, 30000);
  const victims = [0, 1, 2, 3].sort(() => Math.random() - 0.5).slice(0, 2).sort();
  await Promise.all(victims.map((i) => net.kill9(i)));
  const live = net.live();
  say(`killed nodes ${victims.join(' and ')}`);

  // A commit already under way may still land; after that nothing is finalized.
  await sleep(3000);
  const stalled = await Promise.all(live.map((i) => net.head(i)));
  await sleep(6000);
  const after = await Promise.all(live.map((i) => net.head(i)));
  // (One survivor may still sync a block the other had finalized; nothing new is finalized.)
  const top = Math.max(...stalled);
  assert.equal(Math.max(...after), top, `with 2 of 4 validators down no block is finalized (${stalled} -> ${after})`);
  for (const [hash, r] of load.recorded) assert.ok(r.number <= top, `a receipt for ${hash} in block ${r.number} above the stalled head ${top}`);
  await checkSameChain(net, live);
  say(`stalled at blocks ${stalled.join(', ')} for 6 s, no fork`);

  // Both back: finalization resumes within 15 s of the restart.
  const restartedAt = Date.now();
  await Promise.all(victims.map((i) => net.start(i)));
  await waitFor('finalization to resume', async () => {
    const heads = await Promise.all(live.map((i) => net.head(i)));
    return heads.every((h) => h > top);
  }, Math.max(1000, 15000 - (Date.now() - restartedAt)), 50);
  say(`resumed ${Date.now() - restartedAt} ms after the restart`);

  await load.drain();
  const final = Math.max(...(await Promise.all(live.map((i) => net.head(i)))));
  for (const i of victims) await net.waitHead(i, final, 30000);
  const heads = await checkSameChain(net);
  await checkReceipts(net, load.recorded);
  assert.deepEqual(load.errors, [], 'the load ran without errors');
  say(`ok: heads ${heads.join(', ')}, ${load.recorded.size} receipts on every node`);
});
