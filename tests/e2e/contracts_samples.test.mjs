// Issue 4: the Solidity samples in contracts/ compiled with the pinned solc-js (evmVersion cancun),
// deployed and exercised with ethers v6: behaviour, events (receipts and getLogs), access control,
// bad inputs, and custom-error reverts decoded by ethers. Runs on Hardhat's in-process network, or
// on the JSON-RPC node at YUNLIAN_RPC_URL (see contracts/test/env.mjs and docs/CONTRACTS.md).
import { after } from 'node:test';

import { closeEnv } from '../../contracts/test/env.mjs';
import '../../contracts/test/erc20.mjs';
import '../../contracts/test/erc721.mjs';
import '../../contracts/test/supply_chain.mjs';
import '../../contracts/test/notary.mjs';
import '../../contracts/test/credit_registry.mjs';

after(closeEnv);
