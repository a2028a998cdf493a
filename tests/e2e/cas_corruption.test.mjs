// Issue 7: a byte flipped in a stored block (in the repository's files on disk) makes reading the
// file fail with an integrity error naming the block; gc refuses while the damaged DAG is pinned,
// and after unpinning removes it; adding the file again repairs the store.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { seededBytes, storage, storageFails, storageText, tempDir } from './cas_helpers.mjs';

/** Flips one byte of `needle`'s first occurrence in any file of `dir`; returns the file. */
function flipOnDisk(dir, needle) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const bytes = readFileSync(path);
    const at = bytes.indexOf(needle);
    if (at >= 0) {
      bytes[at + 10] ^= 0x01;
      writeFileSync(path, bytes);
      return name;
    }
  }
  throw new Error('block bytes not found on disk');
}

test('a corrupted stored block is an integrity error, never data', async (t) => {
  const dir = tempDir(t, 'cas-corrupt-');
  const repo = join(dir, 'repo');
  const data = Buffer.from(seededBytes(5_000_000, 123));
  writeFileSync(join(dir, 'f.bin'), data);
  const root = await storageText('add', '--repo', repo, '--cid-version', '1', join(dir, 'f.bin'));
  assert.equal(await storageText('pin', 'ls', '--repo', repo), `${root} recursive`);

  // Damage chunk 7 (bytes 7*256KiB ...) where it lies in the repository's files.
  const chunkStart = 7 * 262_144;
  flipOnDisk(repo, data.subarray(chunkStart + 1000, chunkStart + 1064));

  const cat = await storageFails('cat', '--repo', repo, root);
  assert.equal(cat.code, 1);
  const named = cat.stderr.match(/integrity error: block (\S+) does not match its hash/);
  assert.ok(named, cat.stderr);
  // The named block is the damaged leaf: reading just that chunk fails, a range before it works.
  const before = await storage('cat', '--repo', repo, root, '--offset', '0', '--length', String(chunkStart));
  assert.ok(before.equals(data.subarray(0, chunkStart)));
  const inside = await storageFails('cat', '--repo', repo, root, '--offset', String(chunkStart), '--length', '10');
  assert.match(inside.stderr, new RegExp(`integrity error: block ${named[1]}`));
  // Nor does it leave in a CAR.
  const exported = await storageFails('export', '--repo', repo, root, '-o', join(dir, 'x.car'));
  assert.match(exported.stderr, /integrity error/);

  // gc will not run while a pinned DAG is damaged: what lies below cannot be known.
  const gc = await storageFails('gc', '--repo', repo);
  assert.match(gc.stderr, /integrity error/);
  // Unpinned, everything goes, the damaged block included.
  await storage('pin', 'rm', '--repo', repo, root);
  assert.match(await storageText('gc', '--repo', repo), /^removed 21 blocks, kept 0$/);
  assert.match((await storageFails('cat', '--repo', repo, root)).stderr, /not found/);

  // Adding the file again restores it.
  assert.equal(await storageText('add', '--repo', repo, '--cid-version', '1', join(dir, 'f.bin')), root);
  assert.ok((await storage('cat', '--repo', repo, root)).equals(data));
});

test('a direct pin keeps one block; a recursive pin the DAG', async (t) => {
  const dir = tempDir(t, 'cas-pins-');
  const repo = join(dir, 'repo');
  writeFileSync(join(dir, 'a.bin'), seededBytes(600_000, 1));
  writeFileSync(join(dir, 'b.bin'), seededBytes(600_000, 2));
  const a = await storageText('add', '--repo', repo, join(dir, 'a.bin'));
  const b = await storageText('add', '--repo', repo, join(dir, 'b.bin'));
  await storage('pin', 'rm', '--repo', repo, b);
  await storage('pin', 'rm', '--repo', repo, a);
  await storage('pin', 'add', '--repo', repo, '--direct', b);
  await storage('pin', 'add', '--repo', repo, a);
  const pins = (await storageText('pin', 'ls', '--repo', repo)).split('\n').sort();
  assert.deepEqual(pins, [`${a} recursive`, `${b} direct`].sort());
  // b's three leaves go; a's root and leaves and b's root stay.
  assert.equal(await storageText('gc', '--repo', repo), 'removed 3 blocks, kept 5');
  assert.equal((await storage('cat', '--repo', repo, a)).length, 600_000);
  assert.match((await storageFails('cat', '--repo', repo, b)).stderr, /not found/);
  assert.match((await storageFails('pin', 'add', '--repo', repo, b)).stderr, /not found/);
  assert.match((await storageFails('pin', 'rm', '--repo', repo, 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku')).stderr, /not pinned/);
});
