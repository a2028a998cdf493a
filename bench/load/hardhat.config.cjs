// Hardhat's node for the load comparison (bench/load/compare.mjs): its defaults (automine, the same
// test mnemonic), with build output kept out of the repository.
const os = require('node:os');
const path = require('node:path');

module.exports = {
  networks: { hardhat: { chainId: 31337 } },
  paths: {
    cache: path.join(os.tmpdir(), 'yunlian-hardhat-cache'),
    artifacts: path.join(os.tmpdir(), 'yunlian-hardhat-artifacts'),
    sources: path.join(os.tmpdir(), 'yunlian-hardhat-sources'),
  },
};
