// Issue 3, "Done when": a keystore made by `yunlian account new` decrypts in ethers, and one made
// by ethers imports; and the user commands (balance, send, block, tx) work against a dev node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ethers } from 'ethers';
import { BIN, DEV_KEYS, makeDatadir, removeDir, startNode, stopNode } from './chain_node.mjs';

let dir;
let node;
const PASSWORD = 'correct horse battery staple';

function yunlian(...args) {
  return execFileSync(BIN, args, { encoding: 'utf8', env: { ...process.env, HOME: dir } });
}

before(async () => {
  dir = makeDatadir();
  writeFileSync(join(dir, 'password'), `${PASSWORD}\n`);
  node = await startNode();
});

after(async () => {
  if (node) await stopNode(node);
  removeDir(dir);
});

test('`account new` writes a keystore that ethers decrypts', async () => {
  const keystore = join(dir, 'ks-new');
  const out = yunlian('account', '--keystore', keystore, '--password-file', join(dir, 'password'), 'new');
  const address = out.match(/Address: (0x[0-9a-fA-F]{40})/)[1];
  const [file] = readdirSync(keystore);
  assert.match(file, /^UTC--.*--[0-9a-f]{40}$/);
  const wallet = await ethers.Wallet.fromEncryptedJson(readFileSync(join(keystore, file), 'utf8'), PASSWORD);
  assert.equal(wallet.address, address);
  const list = yunlian('account', '--keystore', keystore, 'list');
  assert.match(list, new RegExp(`Account #0: ${address}`));
});

test('a keystore made by ethers imports', async () => {
  const wallet = ethers.Wallet.createRandom();
  const json = await wallet.encrypt(PASSWORD);
  writeFileSync(join(dir, 'ethers.json'), json);
  const keystore = join(dir, 'ks-import');
  const out = yunlian('account', '--keystore', keystore, '--password-file', join(dir, 'password'), 'import', join(dir, 'ethers.json'));
  assert.match(out, new RegExp(`Address: ${wallet.address}`));
  const [file] = readdirSync(keystore);
  const back = await ethers.Wallet.fromEncryptedJson(readFileSync(join(keystore, file), 'utf8'), PASSWORD);
  assert.equal(back.privateKey, wallet.privateKey);
});

test('balance, send, block and tx against the node', async () => {
  const funder = new ethers.Wallet(DEV_KEYS[0]);
  const keystore = join(dir, 'ks-send');
  writeFileSync(join(dir, 'dev0.key'), funder.privateKey);
  yunlian('account', '--keystore', keystore, '--password-file', join(dir, 'password'), 'import', join(dir, 'dev0.key'));
  const [file] = readdirSync(keystore);
  const to = ethers.Wallet.createRandom().address;
  const sent = yunlian('send', '--rpc', node.http, '--from', join(keystore, file), '--password-file', join(dir, 'password'), '--to', to, '--value', '1.5ether');
  const hash = sent.match(/Transaction (0x[0-9a-f]{64}) sent/)[1];
  assert.match(sent, /Included in block \d+ \(status 0x1, gas used 21000\)/);
  assert.equal(yunlian('balance', '--rpc', node.http, to).trim(), '1.5 ETH (1500000000000000000 wei)');
  const tx = JSON.parse(yunlian('tx', '--rpc', node.http, hash));
  assert.equal(tx.transaction.hash, hash);
  assert.equal(tx.receipt.status, '0x1');
  const block = JSON.parse(yunlian('block', '--rpc', node.http, String(Number(tx.receipt.blockNumber))));
  assert.deepEqual(block.transactions, [hash]);
  const byHash = JSON.parse(yunlian('block', '--rpc', node.http, block.hash));
  assert.equal(byHash.number, block.number);
});
