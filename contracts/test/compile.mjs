// compile.mjs: the pinned solc-js, the Cancun target, artifacts outside the sources, and failure
// on any warning or error.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';

import { CONTRACTS_DIR, EVM_VERSION, compileAll } from '../compile.mjs';

const run = promisify(execFile);
const kScript = join(CONTRACTS_DIR, 'compile.mjs');
const kSamples = ['CallProbe', 'CreditRegistry', 'ERC20', 'ERC721', 'ERC721ReceiverMock', 'Notary', 'SupplyChain'];

function source(body) {
  return `// SPDX-License-Identifier: Apache-2.0\npragma solidity ^0.8.24;\n${body}\n`;
}

describe('compile.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yunlian-contracts-compile-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one artifact per contract, targeting Cancun, with the pinned solc', async () => {
    const out = join(dir, 'artifacts');
    const { stdout } = await run(process.execPath, [kScript, out]);
    assert.match(stdout, /compiled 8 contracts/);
    const names = readdirSync(out).map((f) => f.replace(/\.json$/, '')).sort();
    assert.deepEqual(names, [...kSamples, 'IERC721Receiver'].sort());
    for (const name of kSamples) {
      const artifact = JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'));
      assert.equal(artifact.contractName, name);
      assert.equal(artifact.evmVersion, EVM_VERSION);
      assert.equal(EVM_VERSION, 'cancun');
      assert.match(artifact.compiler, /^0\.8\.37\+/);
      assert.match(artifact.bytecode, /^0x(?:[0-9a-f]{2})+$/);
      assert.ok(artifact.abi.length > 0);
    }
  });

  it('refuses to write into the sources, and needs exactly one argument', async () => {
    const inside = join(CONTRACTS_DIR, 'build-out');
    await assert.rejects(run(process.execPath, [kScript, inside]), (error) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /refusing to write artifacts inside the sources/);
      return true;
    });
    assert.equal(existsSync(inside), false);
    await assert.rejects(run(process.execPath, [kScript]), (error) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /usage/);
      return true;
    });
  });

  it('fails on a warning', () => {
    const body = 'contract W { function f() external pure returns (uint256) { uint256 unused; return 1; } }';
    const sources = { 'W.sol': source(body) };
    assert.throws(() => compileAll(sources), /Warning: Unused local variable/);
  });

  it('fails on an error', () => {
    assert.throws(() => compileAll({ 'E.sol': source('contract E { function f( }') }), /ParserError/);
    assert.throws(() => compileAll({ 'T.sol': source('contract T { uint8 x = 256; }') }), /TypeError/);
  });

  it('compiles a clean source', () => {
    const artifacts = compileAll({ 'C.sol': source('contract C { uint256 public x = 1; }') });
    assert.deepEqual(Object.keys(artifacts), ['C']);
    assert.equal(artifacts.C.evmVersion, 'cancun');
  });
});
