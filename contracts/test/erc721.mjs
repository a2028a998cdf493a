// ERC721: EIP-721 core and metadata, EIP-165, approvals and operators, transferFrom and both
// safeTransferFrom forms with every outcome of the receiver check, burning, bad inputs.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { ZeroAddress } from 'ethers';

import { eventsOf, expectCustomError, getEnv, mined } from './env.mjs';

const kAccept = 0;
const kWrongAnswer = 1;
const kRevertWithError = 2;
const kRevertEmpty = 3;

describe('ERC721', () => {
  let env;
  let nft;
  let owner;
  let alice;
  let bob;
  let carol;

  before(async () => {
    env = await getEnv();
    [owner, alice, bob, carol] = env.signers;
    nft = await env.deploy('ERC721', owner, 'Yunlian Deeds', 'DEED');
  });

  it('answers EIP-165 for ERC-165, ERC-721 and its metadata extension only', async () => {
    assert.equal(await nft.supportsInterface('0x01ffc9a7'), true);
    assert.equal(await nft.supportsInterface('0x80ac58cd'), true);
    assert.equal(await nft.supportsInterface('0x5b5e139f'), true);
    assert.equal(await nft.supportsInterface('0x780e9d63'), false); // enumerable: not implemented
    assert.equal(await nft.supportsInterface('0xffffffff'), false); // EIP-165 requires false
  });

  it('mints sequential ids with their URIs, owner only', async () => {
    const receipt = await mined(nft.mint(alice.address, 'ipfs://deed-1'));
    assert.deepEqual([...eventsOf(receipt, nft, 'Transfer')[0].args], [ZeroAddress, alice.address, 1n]);
    await mined(nft.mint(alice.address, 'ipfs://deed-2'));
    assert.equal(await nft.name(), 'Yunlian Deeds');
    assert.equal(await nft.symbol(), 'DEED');
    assert.equal(await nft.ownerOf(1n), alice.address);
    assert.equal(await nft.balanceOf(alice.address), 2n);
    assert.equal(await nft.tokenURI(2n), 'ipfs://deed-2');
    assert.equal(await nft.nextTokenId(), 3n);
    await expectCustomError(nft.connect(alice).mint, [alice.address, 'x'], 'NotContractOwner', [alice.address]);
    await expectCustomError(nft.mint, [ZeroAddress, 'x'], 'InvalidReceiver', [ZeroAddress]);
  });

  it('reverts queries about tokens that do not exist and about the zero address', async () => {
    await expectCustomError(nft.ownerOf, [99n], 'NonexistentToken', [99n]);
    await expectCustomError(nft.tokenURI, [0n], 'NonexistentToken', [0n]);
    await expectCustomError(nft.getApproved, [99n], 'NonexistentToken', [99n]);
    await expectCustomError(nft.balanceOf, [ZeroAddress], 'InvalidAddress', [ZeroAddress]);
    await expectCustomError(nft.approve, [bob.address, 99n], 'NonexistentToken', [99n]);
  });

  it('lets only the holder or an operator approve, and the approved address transfer once', async () => {
    await expectCustomError(nft.connect(bob).approve, [bob.address, 1n], 'NotOwnerNorApproved', [bob.address, 1n]);
    const approval = await mined(nft.connect(alice).approve(bob.address, 1n));
    assert.deepEqual([...eventsOf(approval, nft, 'Approval')[0].args], [alice.address, bob.address, 1n]);
    assert.equal(await nft.getApproved(1n), bob.address);

    const receipt = await mined(nft.connect(bob).transferFrom(alice.address, carol.address, 1n));
    assert.deepEqual([...eventsOf(receipt, nft, 'Transfer')[0].args], [alice.address, carol.address, 1n]);
    assert.equal(await nft.ownerOf(1n), carol.address);
    assert.equal(await nft.getApproved(1n), ZeroAddress, 'the approval is cleared on transfer');
    assert.equal(await nft.balanceOf(alice.address), 1n);
    assert.equal(await nft.balanceOf(carol.address), 1n);
    await expectCustomError(nft.connect(bob).transferFrom, [carol.address, bob.address, 1n], 'NotOwnerNorApproved', [
      bob.address,
      1n,
    ]);
  });

  it('checks from and to in transferFrom', async () => {
    await expectCustomError(nft.connect(carol).transferFrom, [alice.address, bob.address, 1n], 'WrongFrom', [
      alice.address,
      carol.address,
    ]);
    await expectCustomError(nft.connect(carol).transferFrom, [carol.address, ZeroAddress, 1n], 'InvalidReceiver', [
      ZeroAddress,
    ]);
    await expectCustomError(nft.connect(carol).transferFrom, [carol.address, bob.address, 42n], 'NonexistentToken', [
      42n,
    ]);
  });

  it('lets an operator manage all tokens until revoked', async () => {
    const set = await mined(nft.connect(alice).setApprovalForAll(bob.address, true));
    assert.deepEqual([...eventsOf(set, nft, 'ApprovalForAll')[0].args], [alice.address, bob.address, true]);
    assert.equal(await nft.isApprovedForAll(alice.address, bob.address), true);
    // An operator may approve others for the holder's token, and move it.
    await mined(nft.connect(bob).approve(carol.address, 2n));
    assert.equal(await nft.getApproved(2n), carol.address);
    await mined(nft.connect(bob).transferFrom(alice.address, bob.address, 2n));
    await mined(nft.connect(bob).transferFrom(bob.address, alice.address, 2n));
    await mined(nft.connect(alice).setApprovalForAll(bob.address, false));
    assert.equal(await nft.isApprovedForAll(alice.address, bob.address), false);
    await expectCustomError(nft.connect(bob).transferFrom, [alice.address, bob.address, 2n], 'NotOwnerNorApproved', [
      bob.address,
      2n,
    ]);
    await expectCustomError(nft.connect(alice).setApprovalForAll, [alice.address, true], 'InvalidAddress', [
      alice.address,
    ]);
    await expectCustomError(nft.connect(alice).setApprovalForAll, [ZeroAddress, true], 'InvalidAddress', [ZeroAddress]);
  });

  it('safeTransferFrom delivers to an accepting contract and passes it the data', async () => {
    const receiver = await env.deploy('ERC721ReceiverMock', owner, kAccept);
    const safe = nft.connect(alice)['safeTransferFrom(address,address,uint256,bytes)'];
    const receipt = await mined(safe(alice.address, receiver.target, 2n, '0xc0ffee'));
    const [received] = eventsOf(receipt, receiver, 'Received');
    assert.deepEqual([...received.args], [alice.address, alice.address, 2n, '0xc0ffee']);
    assert.equal(await nft.ownerOf(2n), receiver.target);
  });

  it('safeTransferFrom to an account without code needs no answer', async () => {
    await mined(nft.connect(carol)['safeTransferFrom(address,address,uint256)'](carol.address, bob.address, 1n));
    assert.equal(await nft.ownerOf(1n), bob.address);
  });

  it('safeTransferFrom refuses contracts that answer wrongly, revert, or are not receivers', async () => {
    const safe = nft.connect(bob)['safeTransferFrom(address,address,uint256)'];
    const wrong = await env.deploy('ERC721ReceiverMock', owner, kWrongAnswer);
    await expectCustomError(safe, [bob.address, wrong.target, 1n], 'UnsafeReceiver', [wrong.target]);
    const empty = await env.deploy('ERC721ReceiverMock', owner, kRevertEmpty);
    await expectCustomError(safe, [bob.address, empty.target, 1n], 'UnsafeReceiver', [empty.target]);
    // A contract without onERC721Received (here the token itself) reverts without data.
    await expectCustomError(safe, [bob.address, nft.target, 1n], 'UnsafeReceiver', [nft.target]);
    // The receiver's own error reaches the caller unchanged.
    const refusing = await env.deploy('ERC721ReceiverMock', owner, kRevertWithError);
    await expectCustomError(safe, [bob.address, refusing.target, 1n], 'Refused', [1n], refusing.interface);
    assert.equal(await nft.ownerOf(1n), bob.address, 'a refused transfer changes nothing');
  });

  it('safeMint checks the receiver too', async () => {
    const wrong = await env.deploy('ERC721ReceiverMock', owner, kWrongAnswer);
    await expectCustomError(nft.safeMint, [wrong.target, 'u', '0x'], 'UnsafeReceiver', [wrong.target]);
    const accepting = await env.deploy('ERC721ReceiverMock', owner, kAccept);
    const receipt = await mined(nft.safeMint(accepting.target, 'ipfs://deed-3', '0x01'));
    assert.deepEqual([...eventsOf(receipt, accepting, 'Received')[0].args], [owner.address, ZeroAddress, 3n, '0x01']);
  });

  it('burns: holder or approved only, and the token is gone', async () => {
    await expectCustomError(nft.connect(carol).burn, [1n], 'NotOwnerNorApproved', [carol.address, 1n]);
    const receipt = await mined(nft.connect(bob).burn(1n));
    assert.deepEqual([...eventsOf(receipt, nft, 'Transfer')[0].args], [bob.address, ZeroAddress, 1n]);
    assert.equal(await nft.balanceOf(bob.address), 0n);
    await expectCustomError(nft.ownerOf, [1n], 'NonexistentToken', [1n]);
    await expectCustomError(nft.tokenURI, [1n], 'NonexistentToken', [1n]);
    await expectCustomError(nft.connect(bob).burn, [1n], 'NonexistentToken', [1n]);
  });

  it('replays the history of a token from getLogs', async () => {
    const history = await nft.queryFilter(nft.filters.Transfer(null, null, 1n));
    assert.deepEqual(
      history.map((e) => [e.args.from, e.args.to]),
      [
        [ZeroAddress, alice.address],
        [alice.address, carol.address],
        [carol.address, bob.address],
        [bob.address, ZeroAddress],
      ],
    );
  });
});
