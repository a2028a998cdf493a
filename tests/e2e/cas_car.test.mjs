// Issue 7: CAR files we export are read by @ipld/car and ipfs-unixfs-exporter into byte-identical
// files, and CAR files those tools write import into ours.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { CarReader, CarWriter } from '@ipld/car';
import { MemoryBlockstore } from 'blockstore-core/memory';
import { exporter } from 'ipfs-unixfs-exporter';
import { importer } from 'ipfs-unixfs-importer';

import { seededBytes, storage, storageFails, storageText, tempDir } from './cas_helpers.mjs';

const PROFILES = [
  { name: 'kubo', js: { cidVersion: 0, rawLeaves: false }, cli: [] },
  { name: 'CIDv1 raw leaves', js: { cidVersion: 1, rawLeaves: true }, cli: ['--cid-version', '1'] },
];

async function concat(iterable) {
  const parts = [];
  for await (const part of iterable) parts.push(part);
  return Buffer.concat(parts);
}

async function loadCar(bytes) {
  const reader = await CarReader.fromBytes(bytes);
  const blockstore = new MemoryBlockstore();
  for await (const { cid, bytes: block } of reader.blocks()) await blockstore.put(cid, block);
  return { roots: await reader.getRoots(), blockstore };
}

async function writeCar(root, blockstore, cids) {
  const { writer, out } = CarWriter.create([root]);
  const collected = concat(out);
  for (const cid of cids) await writer.put({ cid, bytes: await concat(blockstore.get(cid)) });
  await writer.close();
  return collected;
}

for (const profile of PROFILES) {
  test(`our CAR of a 10 MB file reads back through @ipld/car and the exporter, ${profile.name}`, async (t) => {
    const dir = tempDir(t, 'cas-car-');
    const repo = join(dir, 'repo');
    const data = seededBytes(10_000_000, 31);
    writeFileSync(join(dir, 'f.bin'), data);
    const root = await storageText('add', '--repo', repo, ...profile.cli, join(dir, 'f.bin'));
    const carPath = join(dir, 'f.car');
    await storage('export', '--repo', repo, root, '-o', carPath);
    const { roots, blockstore } = await loadCar(readFileSync(carPath));
    assert.deepEqual(roots.map(String), [root]);
    const entry = await exporter(roots[0], blockstore);
    assert.equal(entry.type, 'file');
    assert.ok(Buffer.from(data).equals(await concat(entry.content())), 'bytes differ');
  });

  test(`our CAR of a directory reads back through the exporter, ${profile.name}`, async (t) => {
    const dir = tempDir(t, 'cas-cardir-');
    const repo = join(dir, 'repo');
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'sub'), { recursive: true });
    const a = seededBytes(1000, 1);
    const b = seededBytes(600_000, 2);
    writeFileSync(join(tree, 'a.txt'), a);
    writeFileSync(join(tree, 'sub', 'b.bin'), b);
    const root = await storageText('add', '-r', '--repo', repo, ...profile.cli, tree);
    const carPath = join(dir, 't.car');
    await storage('export', '--repo', repo, root, '-o', carPath);
    const { blockstore } = await loadCar(readFileSync(carPath));
    const fileB = await exporter(`${root}/sub/b.bin`, blockstore);
    assert.ok(Buffer.from(b).equals(await concat(fileB.content())));
    const fileA = await exporter(`${root}/a.txt`, blockstore);
    assert.ok(Buffer.from(a).equals(await concat(fileA.content())));
  });

  test(`a CAR written by @ipld/car from ipfs-unixfs-importer imports into ours, ${profile.name}`, async (t) => {
    const dir = tempDir(t, 'cas-carin-');
    const repo = join(dir, 'repo');
    const data = seededBytes(3_000_000, 41);
    const blockstore = new MemoryBlockstore();
    const cids = [];
    const recording = {
      put: async (cid, bytes) => { cids.push(cid); return blockstore.put(cid, bytes); },
      get: (cid) => blockstore.get(cid),
      has: (cid) => blockstore.has(cid),
    };
    let root;
    for await (const entry of importer([{ path: 'x.bin', content: data }], recording, profile.js)) root = entry.cid;
    const carPath = join(dir, 'js.car');
    writeFileSync(carPath, await writeCar(root, blockstore, cids));
    const imported = await storageText('import', '--repo', repo, carPath);
    assert.equal(imported, root.toString());
    const out = await storage('cat', '--repo', repo, root.toString());
    assert.ok(Buffer.from(data).equals(out), 'bytes differ');
    // The pin from the import keeps everything through gc.
    assert.match(await storageText('gc', '--repo', repo), /^removed 0 blocks/);
  });
}

test('a CAR with a tampered block is refused', async (t) => {
  const dir = tempDir(t, 'cas-carbad-');
  const repo = join(dir, 'repo');
  const data = seededBytes(500_000, 5);
  writeFileSync(join(dir, 'f.bin'), data);
  const root = await storageText('add', '--repo', repo, join(dir, 'f.bin'));
  const carPath = join(dir, 'f.car');
  await storage('export', '--repo', repo, root, '-o', carPath);
  const bytes = readFileSync(carPath);
  bytes[bytes.length - 100] ^= 0xff;
  writeFileSync(carPath, bytes);
  const { stderr } = await storageFails('import', '--repo', join(dir, 'repo2'), carPath);
  assert.match(stderr, /integrity error: block \S+ does not match its hash/);
});

test('get writes a directory tree back and ls lists it', async (t) => {
  const dir = tempDir(t, 'cas-get-');
  const repo = join(dir, 'repo');
  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'sub', 'empty'), { recursive: true });
  const a = seededBytes(70_000, 11);
  const b = seededBytes(300_000, 12);
  writeFileSync(join(tree, 'a.bin'), a);
  writeFileSync(join(tree, 'sub', 'b.bin'), b);
  const root = await storageText('add', '-r', '--repo', repo, tree);
  const out = join(dir, 'out');
  await storage('get', '--repo', repo, root, '-o', out);
  assert.ok(Buffer.from(a).equals(readFileSync(join(out, 'a.bin'))));
  assert.ok(Buffer.from(b).equals(readFileSync(join(out, 'sub', 'b.bin'))));
  const names = (await storageText('ls', '--repo', repo, root)).split('\n').map((l) => l.split(' ')[2]);
  assert.deepEqual(names, ['a.bin', 'sub']);
  const nested = (await storageText('ls', '--repo', repo, `${root}/sub`)).split('\n').map((l) => l.split(' ')[2]);
  assert.deepEqual(nested, ['b.bin', 'empty']);
  const part = await storage('cat', '--repo', repo, `${root}/sub/b.bin`, '--offset', '262140', '--length', '8');
  assert.ok(Buffer.from(b.subarray(262_140, 262_148)).equals(part));
});
