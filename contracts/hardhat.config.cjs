// Hardhat 2 project of the Solidity samples. It compiles with the solc-js pinned in
// package-lock.json (never downloads a compiler), targets Cancun like the Yunlian EVM, and keeps
// its artifacts and cache outside the repository.
//
// Networks:
//   hardhat  the in-process network (hardfork cancun), used by the tests by default
//   yunlian  any JSON-RPC node at YUNLIAN_RPC_URL (default http://127.0.0.1:8545): a Yunlian dev
//            node, or `npx hardhat node`. Accounts are YUNLIAN_PRIVATE_KEYS (comma-separated hex)
//            if set, else the dev accounts: the first ten of the "test ... junk" mnemonic, which
//            `yunlian node --dev` (and `hardhat node`) fund at genesis. Hardhat signs locally, so
//            the node needs no unlocked accounts.
// Environment:
//   YUNLIAN_HARDHAT_OUT  folder for artifacts/ and cache/ (default: <tmp>/yunlian-contracts-hardhat)
const os = require('node:os');
const path = require('node:path');
const { subtask } = require('hardhat/config');
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require('hardhat/builtin-tasks/task-names');

const SOLC_VERSION = '0.8.37';
const outDir = process.env.YUNLIAN_HARDHAT_OUT ?? path.join(os.tmpdir(), 'yunlian-contracts-hardhat');
const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
const privateKeys = (process.env.YUNLIAN_PRIVATE_KEYS ?? '')
  .split(',')
  .map((key) => key.trim())
  .filter((key) => key.length > 0);

// Hardhat would download solc; the pinned solc-js in node_modules is the same compiler.
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async ({ solcVersion }) => {
  const solc = require('solc');
  if (solcVersion !== SOLC_VERSION || !solc.version().startsWith(`${SOLC_VERSION}+`)) {
    throw new Error(`this project compiles only with the installed solc-js ${solc.version()}`);
  }
  return {
    version: SOLC_VERSION,
    longVersion: solc.version().replace(/\.Emscripten\.clang$/, ''),
    compilerPath: require.resolve('solc/soljson.js'),
    isSolcJs: true,
  };
});

/** @type {import('hardhat/config').HardhatUserConfig} */
module.exports = {
  solidity: {
    version: SOLC_VERSION,
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun' },
  },
  paths: {
    root: __dirname,
    sources: path.join(__dirname, 'src'),
    tests: path.join(__dirname, 'test'),
    scripts: path.join(__dirname, 'scripts'),
    artifacts: path.join(outDir, 'artifacts'),
    cache: path.join(outDir, 'cache'),
  },
  defaultNetwork: 'hardhat',
  networks: {
    hardhat: { hardfork: 'cancun', chainId: 31337 },
    yunlian: {
      url: process.env.YUNLIAN_RPC_URL ?? 'http://127.0.0.1:8545',
      accounts: privateKeys.length > 0 ? privateKeys : { mnemonic: DEV_MNEMONIC, count: 10 },
      timeout: 60_000,
    },
  },
};
