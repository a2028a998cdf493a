// Issue 6, "a byzantine validator": validator 3 runs the test build under byzantine/ with one fault
// switched on (node::FaultConfig, settable only from code):
//   double-vote       signs and sends a second, conflicting prevote
//   invalid-proposal  proposes blocks with a wrong state root when it is the proposer
//   flood-oversized   sends frames over the p2p size limit
// The three honest validators keep finalizing under load (safety: one chain, every receipt kept),
// each of them bans the offender and yunlian_bans says why, and a double vote is kept as evidence
// (yunlian_evidence).
//
//   node net_byzantine.mjs <fault>      (YUNLIAN_BYZANTINE_BIN: the test build)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import { withNetwork, Load, checkSameChain, checkReceipts, waitFor, sleep, say } from './net_harness.mjs';

const FAULT = process.argv[2];
const FAULTS = ['double-vote', 'invalid-proposal', 'flood-oversized'];
assert.ok(FAULTS.includes(FAULT), `usage: net_byzantine.mjs ${FAULTS.join('|')}`);
const BYZANTINE_BIN = process.env.YUNLIAN_BYZANTINE_BIN ?? 'build/bin/yunlian_byzantine';
const OFFENDER = 3;
const HONEST = [0, 1, 2];

/// The ways an RPC answer may name the offender: its node public key or its validator address.
function offenderNames(net) {
  const key = readFileSync(join(net.nodeDir(OFFENDER), 'node.key'), 'utf8').trim();
  const signing = new ethers.SigningKey(key.startsWith('0x') ? key : `0x${key}`);
  return [signing.publicKey.slice(4).toLowerCase(), ethers.computeAddress(signing.publicKey).slice(2).toLowerCase()];
}

const names = (text, ids) => ids.some((id) => text.toLowerCase().includes(id));

await withNetwork({
  nodes: 4,
  name: `byzantine-${FAULT}`,
  prepare: (net) => {
    net.commands[OFFENDER] = { bin: BYZANTINE_BIN, args: (config) => ['--fault', FAULT, '--config', config] };
  },
}, async (net) => {
  const ids = offenderNames(net);
  net.excluded.add(OFFENDER);
  const load = new Load(net);
  await load.fund();
  load.start();
  const startHeads = await Promise.all(HONEST.map((i) => net.head(i)));

  // Every honest node bans the offender, with a reason.
  for (const i of HONEST) {
    const bans = await waitFor(`node ${i} to ban node ${OFFENDER}`, async () => {
      const list = await net.call(i, 'yunlian_bans');
      const entry = list.find((b) => names(JSON.stringify(b), ids));
      return entry && list;
    }, 60000, 250);
    const entry = bans.find((b) => names(JSON.stringify(b), ids));
    assert.ok(typeof entry.reason === 'string' && entry.reason.length > 0, `node ${i}'s ban says why: ${JSON.stringify(entry)}`);
    say(`node ${i} banned the offender: ${JSON.stringify(entry)}`);
  }
  if (FAULT === 'double-vote') {
    for (const i of HONEST) {
      const evidence = await waitFor(`evidence of the double vote on node ${i}`, async () => {
        const list = await net.call(i, 'yunlian_evidence');
        return list.length > 0 && list;
      }, 30000, 250);
      assert.ok(names(JSON.stringify(evidence), ids) || JSON.stringify(evidence).match(/"(validator|validatorIndex|index)":\s*"?(0x)?3"?/),
        `the evidence names validator ${OFFENDER}: ${JSON.stringify(evidence).slice(0, 400)}`);
      say(`node ${i} keeps evidence: ${JSON.stringify(evidence[0]).slice(0, 300)}`);
    }
  }

  // The honest three keep finalizing, with the offender banned.
  const recorded = load.recorded.size;
  for (const [k, i] of HONEST.entries()) await net.waitHead(i, startHeads[k] + 5, 30000);
  await waitFor('receipts with the offender banned', () => load.recorded.size >= recorded + 200, 30000);
  await sleep(1000);
  await load.drain();
  const top = Math.max(...(await Promise.all(HONEST.map((i) => net.head(i)))));
  for (const i of HONEST) await net.waitHead(i, top, 30000);
  // Safety on every node, the offender's own chain included, at every height it has.
  const heads = await checkSameChain(net, net.live());
  await checkReceipts(net, load.recorded, HONEST);
  assert.deepEqual(load.errors, [], 'the load ran without errors');
  say(`ok: heads ${heads.join(', ')}, ${load.recorded.size} receipts on every honest node`);
});
