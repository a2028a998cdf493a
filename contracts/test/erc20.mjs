// ERC20: EIP-20 balances, transfers, allowances and their events; owner-only minting; burning;
// custom-error reverts decoded by ethers; reads back events with getLogs.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { MaxUint256, ZeroAddress, parseUnits } from 'ethers';

import { eventsOf, expectCustomError, getEnv, mined } from './env.mjs';

describe('ERC20', () => {
  let env;
  let token;
  let owner;
  let alice;
  let bob;
  let carol;
  const supply = parseUnits('1000000', 18);

  before(async () => {
    env = await getEnv();
    [owner, alice, bob, carol] = env.signers;
    token = await env.deploy('ERC20', owner, 'Yunlian Token', 'YUN', 18, supply);
  });

  it('has its metadata and mints the initial supply to the deployer', async () => {
    assert.equal(await token.name(), 'Yunlian Token');
    assert.equal(await token.symbol(), 'YUN');
    assert.equal(await token.decimals(), 18n);
    assert.equal(await token.totalSupply(), supply);
    assert.equal(await token.balanceOf(owner.address), supply);
    assert.equal(await token.owner(), owner.address);
    const mints = await token.queryFilter(token.filters.Transfer(ZeroAddress, owner.address));
    assert.equal(mints.length, 1);
    assert.equal(mints[0].args.value, supply);
  });

  it('transfers and emits Transfer', async () => {
    const receipt = await mined(token.transfer(alice.address, 1000n));
    const [event] = eventsOf(receipt, token, 'Transfer');
    assert.deepEqual([...event.args], [owner.address, alice.address, 1000n]);
    assert.equal(await token.balanceOf(alice.address), 1000n);
    assert.equal(await token.balanceOf(owner.address), supply - 1000n);
  });

  it('treats a zero transfer as a normal transfer (EIP-20)', async () => {
    const receipt = await mined(token.connect(bob).transfer(alice.address, 0n));
    assert.equal(eventsOf(receipt, token, 'Transfer').length, 1);
  });

  it('reverts a transfer above the balance with InsufficientBalance', async () => {
    await expectCustomError(token.connect(alice).transfer, [bob.address, 1001n], 'InsufficientBalance', [
      alice.address,
      1000n,
      1001n,
    ]);
    assert.equal(await token.balanceOf(alice.address), 1000n);
  });

  it('refuses the zero address as receiver and as spender', async () => {
    await expectCustomError(token.transfer, [ZeroAddress, 1n], 'InvalidReceiver', [ZeroAddress]);
    await expectCustomError(token.approve, [ZeroAddress, 1n], 'InvalidSpender', [ZeroAddress]);
  });

  it('approves, spends the allowance with transferFrom and emits Approval', async () => {
    const approval = await mined(token.connect(alice).approve(bob.address, 600n));
    assert.deepEqual([...eventsOf(approval, token, 'Approval')[0].args], [alice.address, bob.address, 600n]);
    assert.equal(await token.allowance(alice.address, bob.address), 600n);

    const receipt = await mined(token.connect(bob).transferFrom(alice.address, carol.address, 250n));
    assert.deepEqual([...eventsOf(receipt, token, 'Transfer')[0].args], [alice.address, carol.address, 250n]);
    assert.deepEqual([...eventsOf(receipt, token, 'Approval')[0].args], [alice.address, bob.address, 350n]);
    assert.equal(await token.allowance(alice.address, bob.address), 350n);
    assert.equal(await token.balanceOf(carol.address), 250n);
    assert.equal(await token.balanceOf(alice.address), 750n);
  });

  it('reverts transferFrom above the allowance with InsufficientAllowance', async () => {
    await expectCustomError(
      token.connect(bob).transferFrom,
      [alice.address, bob.address, 351n],
      'InsufficientAllowance',
      [bob.address, 350n, 351n],
    );
    await expectCustomError(
      token.connect(carol).transferFrom,
      [alice.address, carol.address, 1n],
      'InsufficientAllowance',
      [carol.address, 0n, 1n],
    );
  });

  it('reverts transferFrom above the balance even with a large allowance', async () => {
    await mined(token.connect(alice).approve(bob.address, 10_000n));
    await expectCustomError(
      token.connect(bob).transferFrom,
      [alice.address, bob.address, 751n],
      'InsufficientBalance',
      [alice.address, 750n, 751n],
    );
  });

  it('does not decrease an unlimited allowance', async () => {
    await mined(token.connect(carol).approve(bob.address, MaxUint256));
    const receipt = await mined(token.connect(bob).transferFrom(carol.address, bob.address, 50n));
    assert.equal(eventsOf(receipt, token, 'Approval').length, 0);
    assert.equal(await token.allowance(carol.address, bob.address), MaxUint256);
    assert.equal(await token.balanceOf(bob.address), 50n);
  });

  it('approve replaces, not adds to, the allowance', async () => {
    await mined(token.connect(alice).approve(carol.address, 5n));
    await mined(token.connect(alice).approve(carol.address, 3n));
    assert.equal(await token.allowance(alice.address, carol.address), 3n);
  });

  it('lets only the owner mint', async () => {
    await expectCustomError(token.connect(alice).mint, [alice.address, 1n], 'NotOwner', [alice.address]);
    await expectCustomError(token.mint, [ZeroAddress, 1n], 'InvalidReceiver', [ZeroAddress]);
    const receipt = await mined(token.mint(bob.address, 7n));
    assert.deepEqual([...eventsOf(receipt, token, 'Transfer')[0].args], [ZeroAddress, bob.address, 7n]);
    assert.equal(await token.totalSupply(), supply + 7n);
  });

  it('refuses a mint that would overflow the total supply (checked arithmetic)', async () => {
    // Panic(0x11) is a built-in error: ethers decodes it on both paths.
    for (const attempt of [token.mint.staticCall, token.mint]) {
      await assert.rejects(attempt(bob.address, MaxUint256), (error) => {
        assert.equal(error.code, 'CALL_EXCEPTION');
        assert.equal(error.revert?.name, 'Panic');
        assert.equal(BigInt(error.revert.args[0]), 0x11n);
        return true;
      });
    }
  });

  it('burns the caller’s tokens', async () => {
    const before = await token.totalSupply();
    const receipt = await mined(token.connect(bob).burn(7n));
    assert.deepEqual([...eventsOf(receipt, token, 'Transfer')[0].args], [bob.address, ZeroAddress, 7n]);
    assert.equal(await token.totalSupply(), before - 7n);
    await expectCustomError(token.connect(bob).burn, [10_000n], 'InsufficientBalance', [bob.address, 50n, 10_000n]);
  });

  it('transfers ownership, and only the owner can', async () => {
    await expectCustomError(token.connect(alice).transferOwnership, [alice.address], 'NotOwner', [alice.address]);
    const receipt = await mined(token.transferOwnership(alice.address));
    assert.deepEqual([...eventsOf(receipt, token, 'OwnershipTransferred')[0].args], [owner.address, alice.address]);
    await expectCustomError(token.mint, [owner.address, 1n], 'NotOwner', [owner.address]);
    await mined(token.connect(alice).mint(alice.address, 1n));
  });

  it('finds every transfer of an account with getLogs filtered by indexed topics', async () => {
    const sent = await token.queryFilter(token.filters.Transfer(alice.address));
    assert.deepEqual(
      sent.map((e) => [e.args.to, e.args.value]),
      [[carol.address, 250n]],
    );
    const received = await token.queryFilter(token.filters.Transfer(null, alice.address));
    assert.deepEqual(
      received.map((e) => e.args.value),
      [1000n, 0n, 1n],
    );
  });

  it('rejects malformed calldata', async () => {
    // transfer(address,uint256) with a truncated argument: the ABI decoder reverts without data.
    const data = token.interface.encodeFunctionData('transfer', [bob.address, 1n]).slice(0, 2 + 8 + 64);
    await assert.rejects(owner.sendTransaction({ to: token.target, data }), (error) => {
      assert.equal(error.code, 'CALL_EXCEPTION');
      return true;
    });
    // An unknown selector: the contract has no fallback.
    await assert.rejects(owner.sendTransaction({ to: token.target, data: '0x12345678' }), (error) => {
      assert.equal(error.code, 'CALL_EXCEPTION');
      return true;
    });
    // Sending ether: no receive function.
    await assert.rejects(owner.sendTransaction({ to: token.target, value: 1n }), (error) => {
      assert.equal(error.code, 'CALL_EXCEPTION');
      return true;
    });
  });
});
