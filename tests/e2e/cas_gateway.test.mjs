// Issue 7: the HTTP gateway. Ranges at chunk boundaries of a 10 MB file, HEAD, ETag, 32
// concurrent clients, malformed and unknown paths, directories, and uploads.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

import { MemoryBlockstore } from 'blockstore-core/memory';
import { importer } from 'ipfs-unixfs-importer';

import { binary, seededBytes, storageText } from './cas_helpers.mjs';

const CHUNK = 262_144;
const data = Buffer.from(seededBytes(10_000_000, 77));
const small = Buffer.from(seededBytes(1234, 78));
let dir;
let server;
let base;
let fileCid;
let treeCid;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cas-gw-'));
  const repo = join(dir, 'repo');
  writeFileSync(join(dir, 'big.bin'), data);
  fileCid = await storageText('add', '--repo', repo, join(dir, 'big.bin'));
  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'sub dir'), { recursive: true });
  writeFileSync(join(tree, 'index.html'), '<p>hi</p>');
  writeFileSync(join(tree, 'sub dir', 'ü.bin'), small);
  treeCid = await storageText('add', '-r', '--repo', repo, tree);
  server = spawn(binary(), ['storage', 'serve', '--repo', repo, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const match = text.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
});

after(() => {
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function get(path, headers = {}, method = 'GET') {
  const res = await fetch(base + path, { headers, method });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

test('binds to loopback by default', () => {
  assert.match(base, /^http:\/\/127\.0\.0\.1:/);
});

test('GET serves the whole file with ETag, type and length', async () => {
  const { res, body } = await get(`/ipfs/${fileCid}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('etag'), `"${fileCid}"`);
  assert.equal(res.headers.get('content-type'), 'application/octet-stream');
  assert.equal(res.headers.get('accept-ranges'), 'bytes');
  assert.equal(Number(res.headers.get('content-length')), data.length);
  assert.ok(body.equals(data));
});

test('HEAD has the headers and no body', async () => {
  const { res, body } = await get(`/ipfs/${fileCid}`, {}, 'HEAD');
  assert.equal(res.status, 200);
  assert.equal(Number(res.headers.get('content-length')), data.length);
  assert.equal(body.length, 0);
});

test('If-None-Match with the CID gives 304', async () => {
  const { res } = await get(`/ipfs/${fileCid}`, { 'If-None-Match': `"${fileCid}"` });
  assert.equal(res.status, 304);
});

test('ranges at chunk boundaries', async () => {
  const last = data.length - 1;
  const ranges = [
    [0, 0], [0, CHUNK - 1], [CHUNK - 1, CHUNK], [CHUNK, 2 * CHUNK - 1], [CHUNK - 10, 3 * CHUNK + 10],
    [174 * 1024, 174 * 1024 + 5], [38 * CHUNK - 1, 38 * CHUNK], [38 * CHUNK, last], [last, last],
  ];
  for (const [first, end] of ranges) {
    const { res, body } = await get(`/ipfs/${fileCid}`, { Range: `bytes=${first}-${end}` });
    assert.equal(res.status, 206, `${first}-${end}`);
    assert.equal(res.headers.get('content-range'), `bytes ${first}-${end}/${data.length}`);
    assert.ok(body.equals(data.subarray(first, end + 1)), `${first}-${end}`);
  }
  const open = await get(`/ipfs/${fileCid}`, { Range: `bytes=${9 * CHUNK}-` });
  assert.ok(open.body.equals(data.subarray(9 * CHUNK)));
  const suffix = await get(`/ipfs/${fileCid}`, { Range: 'bytes=-100' });
  assert.ok(suffix.body.equals(data.subarray(data.length - 100)));
  const beyond = await get(`/ipfs/${fileCid}`, { Range: `bytes=${data.length}-` });
  assert.equal(beyond.res.status, 416);
  assert.equal(beyond.res.headers.get('content-range'), `bytes */${data.length}`);
});

test('32 concurrent clients get their own ranges', async () => {
  const span = Math.floor(data.length / 32);
  const results = await Promise.all(Array.from({ length: 32 }, async (_, i) => {
    const first = i * span + (i % 7);
    const end = first + span - 1;
    const { res, body } = await get(`/ipfs/${fileCid}`, { Range: `bytes=${first}-${end}` });
    return res.status === 206 && body.equals(data.subarray(first, end + 1));
  }));
  assert.deepEqual(results, Array(32).fill(true));
  const whole = await Promise.all(Array.from({ length: 32 }, () => get(`/ipfs/${fileCid}`)));
  assert.ok(whole.every(({ body }) => body.equals(data)));
});

test('paths inside a directory, with escapes', async () => {
  const index = await get(`/ipfs/${treeCid}/index.html`);
  assert.equal(index.res.status, 200);
  assert.equal(index.res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(index.body.toString(), '<p>hi</p>');
  const nested = await get(`/ipfs/${treeCid}/sub%20dir/%C3%BC.bin`);
  assert.equal(nested.res.status, 200);
  assert.ok(nested.body.equals(small));
  const listing = await get(`/ipfs/${treeCid}/`);
  assert.equal(listing.res.status, 200);
  assert.match(listing.body.toString(), /sub dir/);
});

test('malformed and unknown paths', async () => {
  const cases = [
    ['/ipfs/notacid', 400],
    ['/ipfs/Qm00000000000000000000000000000000000000000000', 400],
    ['/ipfs/bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvykuu', 400],
    ['/ipfs/', 400],
    ['/ipfs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', 404],
    [`/ipfs/${treeCid}/missing.txt`, 404],
    [`/ipfs/${treeCid}/index.html/deeper`, 404],
    ['/elsewhere', 404],
    ['/ipfs/%zz', 404],
  ];
  for (const [path, status] of cases) {
    const { res } = await get(path);
    assert.equal(res.status, status, path);
  }
  const { res } = await get(`/ipfs/${fileCid}`, {}, 'DELETE');
  assert.equal(res.status, 405);
});

test('upload returns the CID ipfs-unixfs-importer computes, and serves it', async () => {
  const upload = Buffer.from(seededBytes(700_000, 79));
  const res = await fetch(`${base}/ipfs/`, { method: 'POST', body: upload });
  assert.equal(res.status, 201);
  const cid = (await res.text()).trim();
  let expected;
  for await (const entry of importer([{ content: upload }], new MemoryBlockstore(), { cidVersion: 0, rawLeaves: false })) expected = entry.cid.toString();
  assert.equal(cid, expected);
  assert.equal(res.headers.get('ipfs-hash'), cid);
  const back = await get(`/ipfs/${cid}`);
  assert.ok(back.body.equals(upload));
  const v1 = await fetch(`${base}/ipfs/?cid-version=1`, { method: 'POST', body: upload });
  assert.match((await v1.text()).trim(), /^bafybei/);
});
