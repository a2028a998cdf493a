// Deploys the sample ERC-20 with Hardhat and calls it: transfers, an approval, and a reverted
// transfer whose custom error ethers decodes. Prints one JSON line with what it saw, so a test (or
// a person) can check it against the chain. Run it against any node:
//
//   YUNLIAN_RPC_URL=http://127.0.0.1:8545 npx hardhat --config contracts/hardhat.config.cjs \
//     run --network yunlian contracts/scripts/deploy_erc20.cjs
const hre = require('hardhat');
const { BrowserProvider, ContractFactory, Wallet, parseUnits } = require('ethers');

async function main() {
  await hre.run('compile', { quiet: true });
  const artifact = await hre.artifacts.readArtifact('ERC20');
  // cacheTimeout -1: ethers would otherwise reuse answers to identical requests for 250 ms.
  const provider = new BrowserProvider(hre.network.provider, undefined, { cacheTimeout: -1 });
  // Receipts are polled for; ethers' default of 4 s per poll would dominate on a chain that mines
  // at once.
  provider.pollingInterval = 200;
  const deployer = await provider.getSigner(0);
  const recipient = Wallet.createRandom().address;
  const spender = Wallet.createRandom().address;

  const factory = new ContractFactory(artifact.abi, artifact.bytecode, deployer);
  const token = await factory.deploy('Yunlian Token', 'YUN', 18, parseUnits('1000', 18));
  await token.waitForDeployment();

  const transfer = await (await token.transfer(recipient, parseUnits('12.5', 18))).wait();
  const approval = await (await token.approve(spender, parseUnits('3', 18))).wait();

  let revert = null;
  try {
    await token.transfer.staticCall(recipient, parseUnits('1000000', 18));
  } catch (error) {
    revert = error.revert
      ? { name: error.revert.name, args: error.revert.args.map(String) }
      : { message: error.message };
  }

  const result = {
    network: hre.network.name,
    chainId: Number((await provider.getNetwork()).chainId),
    token: await token.getAddress(),
    deployer: deployer.address,
    recipient,
    spender,
    transferTx: transfer.hash,
    approvalTx: approval.hash,
    recipientBalance: (await token.balanceOf(recipient)).toString(),
    deployerBalance: (await token.balanceOf(deployer.address)).toString(),
    allowance: (await token.allowance(deployer.address, spender)).toString(),
    revert,
  };
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
