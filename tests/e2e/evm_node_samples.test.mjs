// Issue 4: every Solidity sample on a running `yunlian node --dev`. The suites of contracts/test
// (ERC-20, ERC-721, supply chain, notary, credit registry: behaviour, events from receipts and
// getLogs, access control, bad inputs, custom-error reverts decoded by ethers) run unchanged
// against the node's URL, signing with the dev accounts (the "test ... junk" mnemonic).
import { after } from 'node:test';

import { HDNodeWallet } from 'ethers';

import { makeDatadir, removeDir, startNode, stopNode } from './chain_node.mjs';

const kMnemonic = 'test test test test test test test test test test test junk';

const datadir = makeDatadir();
const node = await startNode({ datadir });
process.env.YUNLIAN_RPC_URL = node.http;
process.env.YUNLIAN_PRIVATE_KEYS = [0, 1, 2, 3, 4]
  .map((i) => HDNodeWallet.fromPhrase(kMnemonic, undefined, `m/44'/60'/0'/0/${i}`).privateKey)
  .join(',');

const { closeEnv } = await import('../../contracts/test/env.mjs');
await import('../../contracts/test/erc20.mjs');
await import('../../contracts/test/erc721.mjs');
await import('../../contracts/test/supply_chain.mjs');
await import('../../contracts/test/notary.mjs');
await import('../../contracts/test/credit_registry.mjs');

after(async () => {
  await closeEnv();
  await stopNode(node);
  removeDir(datadir);
});
