// Shared helpers of the cas_* e2e tests: a seeded byte generator, temporary folders and a
// wrapper around the `yunlian storage` command.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Deterministic pseudo-random bytes (xorshift32) so every run tests the same data. */
export function seededBytes(size, seed) {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function tempDir(t, prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function binary() {
  const bin = process.env.YUNLIAN_BIN;
  if (!bin) throw new Error('YUNLIAN_BIN is not set');
  return bin;
}

/** Runs `yunlian storage ...args` and returns its stdout, trimmed. */
export async function storage(...args) {
  const { stdout } = await run(binary(), ['storage', ...args], { maxBuffer: 64 << 20, encoding: 'buffer' });
  return stdout;
}

export async function storageText(...args) {
  return (await storage(...args)).toString('utf8').trim();
}

/** Runs the command expecting failure; returns {code, stderr}. */
export async function storageFails(...args) {
  try {
    await run(binary(), ['storage', ...args], { maxBuffer: 64 << 20 });
  } catch (err) {
    return { code: err.code, stderr: String(err.stderr) };
  }
  throw new Error(`yunlian storage ${args.join(' ')} unexpectedly succeeded`);
}

export { spawn };
