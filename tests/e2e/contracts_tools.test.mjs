// Issue 4: the tools around the Solidity samples: contracts/compile.mjs (pinned solc-js, Cancun,
// fails on any warning), and the Hardhat project pointed at a node by its URL, which deploys and
// calls the ERC-20; the samples suite then runs against that URL as it will against a Yunlian
// dev node (see docs/CONTRACTS.md).
import '../../contracts/test/compile.mjs';
import '../../contracts/test/hardhat_project.mjs';
