// Issue 6, "one validator killed (f = 1 of 4)": under a transfer load, kill -9 one validator. The
// other three keep finalizing blocks and returning receipts. Restarted, the killed one catches up
// (sync) and its chain is the others' chain; no receipt any node returned is lost.
import assert from 'node:assert/strict';
import { withNetwork, Load, checkSameChain, checkReceipts, waitFor, sleep, say } from './net_harness.mjs';

await withNetwork({ nodes: 4, name: 'one-down' }, async (net) => {
  const load = new Load(net);
  await load.fund();
  load.start();
  await waitFor('receipts under load', () => load.recorded.size >= 200, 30000);
  const victim = 1 + Math.floor(Math.random() * 3);
  await net.kill9(victim);
  const live = net.live();
  const killedAt = Math.max(...(await Promise.all(live.map((i) => net.head(i)))));
  const recordedAtKill = load.recorded.size;
  say(`killed node ${victim} at block ${killedAt} (${recordedAtKill} receipts so far)`);

  // The other three go on: every one of them finalizes new blocks with transfers in them.
  for (const i of live) await net.waitHead(i, killedAt + 5, 30000);
  await waitFor('new receipts without the killed node', () => load.recorded.size >= recordedAtKill + 300, 30000);
  await sleep(2000);
  say(`without node ${victim}: block ${await net.head(live[0])}, ${load.recorded.size} receipts`);

  // Restarted, it syncs up to where the others are, and takes part again.
  await net.start(victim);
  const target = await net.head(live[0]);
  await net.waitHead(victim, target, 30000);
  say(`node ${victim} caught up to block ${target}`);
  await load.drain();
  const top = Math.max(...(await Promise.all(live.map((i) => net.head(i)))));
  await net.waitHead(victim, top, 30000);

  const heads = await checkSameChain(net);
  await checkReceipts(net, load.recorded);
  assert.deepEqual(load.errors, [], 'the load ran without errors');
  say(`ok: heads ${heads.join(', ')}, ${load.recorded.size} receipts on every node`);
});
