// Starts and stops `yunlian node` processes for the chain's e2e tests: free ports (the node binds
// port 0 and prints what it got), a temporary datadir, and a clean SIGTERM at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.YUNLIAN_BIN ?? 'build/bin/yunlian';

/// The first two keys of the "test test ... junk" mnemonic (Hardhat's and Anvil's accounts).
export const DEV_KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
];

export function makeDatadir() {
  return mkdtempSync(join(tmpdir(), 'yunlian-e2e-'));
}

/// Starts a dev node; resolves with { proc, http, ws, output, exited } once it serves.
export function startNode({ datadir, extraArgs = [] } = {}) {
  const args = ['node', '--dev', '--rpc-port', '0', '--ws-port', '0', ...extraArgs];
  if (datadir) args.push('--datadir', datadir);
  const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start:\n${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk.toString();
      const http = output.match(/HTTP at (http:\/\/[0-9.:]+\/)/);
      const ws = output.match(/WebSocket at (ws:\/\/[0-9.:]+\/)/);
      if (http && ws) {
        clearTimeout(timer);
        resolve({ proc, http: http[1], ws: ws[1], output: () => output, exited });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}:\n${output}`));
    });
  });
}

/// SIGTERM, and the exit status.
export async function stopNode(node) {
  node.proc.kill('SIGTERM');
  return node.exited;
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}
