#!/usr/bin/env node
// Compiles every contract under contracts/src with the solc-js pinned in package-lock.json
// (standard JSON input, optimizer on, EVM version cancun: the Yunlian EVM implements Cancun, and
// solc's default target may be newer) and writes one artifact per contract (abi, bytecode,
// deployedBytecode) to the folder given as the only argument. Any warning or error fails.
//
//   node contracts/compile.mjs <out-dir>
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// solc-js takes seconds to load; load it only when something is compiled.
const loadSolc = () => require('solc');

export const CONTRACTS_DIR = dirname(fileURLToPath(import.meta.url));
export const SOURCES_DIR = join(CONTRACTS_DIR, 'src');
export const SOLC_VERSION = '0.8.37';
export const EVM_VERSION = 'cancun';

/** The compiler settings shared with hardhat.config.cjs. */
export const SOLC_SETTINGS = Object.freeze({
  optimizer: { enabled: true, runs: 200 },
  evmVersion: EVM_VERSION,
});

function listSources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(path));
    else if (entry.name.endsWith('.sol')) out.push(path);
  }
  return out.sort();
}

/** Every source under contracts/src, keyed by its path relative to it. */
export function readSources() {
  const sources = {};
  for (const path of listSources(SOURCES_DIR)) {
    sources[relative(SOURCES_DIR, path).split(sep).join('/')] = readFileSync(path, 'utf8');
  }
  return sources;
}

/** The standard JSON input for `sources` ({ path: text }). */
export function standardInput(sources) {
  return {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([path, content]) => [path, { content }])),
    settings: {
      ...SOLC_SETTINGS,
      outputSelection: { '*': { '*': ['abi', 'metadata', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
}

/**
 * Compiles `sources` ({ path: text }, default: all of contracts/src) and returns
 * { contractName: artifact }. Throws with solc's formatted messages if there is any error or
 * warning (the samples are meant to compile cleanly).
 */
export function compileAll(sources = readSources()) {
  const solc = loadSolc();
  if (!solc.version().startsWith(`${SOLC_VERSION}+`)) {
    throw new Error(`expected solc ${SOLC_VERSION}, found ${solc.version()}`);
  }
  const output = JSON.parse(solc.compile(JSON.stringify(standardInput(sources))));
  const problems = (output.errors ?? []).filter((e) => e.severity !== 'info');
  if (problems.length > 0) {
    throw new Error(`solc reported:\n${problems.map((e) => e.formattedMessage).join('\n')}`);
  }
  const artifacts = {};
  for (const [sourceName, contracts] of Object.entries(output.contracts ?? {})) {
    for (const [contractName, c] of Object.entries(contracts)) {
      if (artifacts[contractName]) throw new Error(`two contracts are named ${contractName}`);
      const metadata = JSON.parse(c.metadata);
      artifacts[contractName] = {
        contractName,
        sourceName,
        compiler: metadata.compiler.version,
        // From solc's own metadata, so the artifact says what the compiler really targeted.
        evmVersion: metadata.settings.evmVersion,
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      };
    }
  }
  return artifacts;
}

/** Compiles and writes <out-dir>/<ContractName>.json; returns the artifacts. */
export function compileTo(outDir) {
  const out = resolve(outDir);
  if (out === CONTRACTS_DIR || out.startsWith(CONTRACTS_DIR + sep)) {
    throw new Error(`refusing to write artifacts inside the sources (${out}); pick a build folder`);
  }
  const artifacts = compileAll();
  mkdirSync(out, { recursive: true });
  for (const artifact of Object.values(artifacts)) {
    writeFileSync(join(out, `${artifact.contractName}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
  }
  return artifacts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.length !== 3) {
    console.error('usage: node contracts/compile.mjs <out-dir>');
    process.exit(2);
  }
  try {
    const artifacts = compileTo(process.argv[2]);
    console.log(`compiled ${Object.keys(artifacts).length} contracts into ${resolve(process.argv[2])}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
