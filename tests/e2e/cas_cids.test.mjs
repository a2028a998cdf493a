// Issue 7: our root CIDs equal ipfs-unixfs-importer's in both profiles (kubo's CIDv0 with dag-pb
// leaves, and CIDv1 with raw leaves) for edge-size files, a multi-level DAG and a directory tree.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { MemoryBlockstore } from 'blockstore-core/memory';
import { importer } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';

import { seededBytes, storageText, tempDir } from './cas_helpers.mjs';

const PROFILES = [
  { name: 'kubo (CIDv0, dag-pb leaves)', js: { cidVersion: 0, rawLeaves: false }, cli: [] },
  { name: 'CIDv1 raw leaves', js: { cidVersion: 1, rawLeaves: true }, cli: ['--cid-version', '1', '--raw-leaves'] },
];
const SIZES = [0, 1, 262_144, 262_145, 10_000_000];

async function jsRoot(entries, options) {
  let last;
  for await (const entry of importer(entries, new MemoryBlockstore(), options)) last = entry;
  return last.cid.toString();
}

for (const profile of PROFILES) {
  for (const size of SIZES) {
    test(`file of ${size} bytes, ${profile.name}`, async (t) => {
      const dir = tempDir(t, 'cas-cids-');
      const data = seededBytes(size, 7 + size);
      const file = join(dir, 'f.bin');
      writeFileSync(file, data);
      const expected = await jsRoot([{ path: 'f.bin', content: data }], profile.js);
      assert.equal(await storageText('add', '--only-hash', ...profile.cli, file), expected);
      const repo = join(dir, 'repo');
      assert.equal(await storageText('add', '--repo', repo, ...profile.cli, file), expected);
    });
  }

  test(`nested directory tree, ${profile.name}`, async (t) => {
    const dir = tempDir(t, 'cas-tree-');
    const root = join(dir, 'tree');
    const files = {
      'a.txt': seededBytes(10, 1),
      'b/c.bin': seededBytes(300_000, 2),
      'b/d/e.txt': seededBytes(1, 3),
      'b/d/f/g.bin': seededBytes(262_144, 4),
      'Z upper.txt': seededBytes(100, 5),
      'ü-unicode.txt': seededBytes(5, 6),
    };
    const emptyDirs = ['empty', 'b/d/also-empty'];
    const entries = [];
    for (const [path, data] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), data);
      entries.push({ path: `tree/${path}`, content: data });
    }
    for (const path of emptyDirs) {
      mkdirSync(join(root, path), { recursive: true });
      entries.push({ path: `tree/${path}` });
    }
    const expected = await (async () => {
      let rootCid;
      for await (const entry of importer(entries, new MemoryBlockstore(), profile.js)) {
        if (entry.path === 'tree') rootCid = entry.cid.toString();
      }
      return rootCid;
    })();
    assert.ok(expected);
    assert.equal(await storageText('add', '-r', '--only-hash', ...profile.cli, root), expected);
  });
}

// With 1 KiB chunks, 10 MB is 9,766 leaves: three levels, partial nodes at every level.
for (const profile of PROFILES) {
  test(`10 MB in 1 KiB chunks (three levels), ${profile.name}`, async (t) => {
    const dir = tempDir(t, 'cas-deep-');
    const data = seededBytes(10_000_000, 99);
    const file = join(dir, 'deep.bin');
    writeFileSync(file, data);
    const expected = await jsRoot([{ path: 'deep.bin', content: data }],
      { ...profile.js, chunker: fixedSize({ chunkSize: 1024 }) });
    assert.equal(await storageText('add', '-n', '--chunk-size', '1024', ...profile.cli, file), expected);
  });
}
