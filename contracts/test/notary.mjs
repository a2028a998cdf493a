// Notary: registering a document hash with owner and block time, verifying it, revocation by the
// registrant only, the permanence of the first registration, and bad inputs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';

import { ZeroAddress, ZeroHash, keccak256, toUtf8Bytes } from 'ethers';

import { blockTime, eventsOf, expectCustomError, getEnv, mined } from './env.mjs';

describe('Notary', () => {
  let env;
  let notary;
  let alice;
  let bob;
  const contract = `0x${createHash('sha256').update('Lease agreement, flat 3B, signed 2026-01-05').digest('hex')}`;
  const invoice = keccak256(toUtf8Bytes('Invoice 0042'));

  before(async () => {
    env = await getEnv();
    [, alice, bob] = env.signers;
    notary = await env.deploy('Notary', env.signers[0]);
  });

  it('reports unknown hashes as not valid without reverting', async () => {
    assert.deepEqual([...(await notary.verify(contract))], [false, ZeroAddress, 0n]);
    assert.equal(await notary.verifyOwner(contract, ZeroAddress), false);
    await expectCustomError(notary.recordOf, [contract], 'NotRegistered', [contract]);
  });

  it('registers a hash with its owner, block time and block number', async () => {
    const receipt = await mined(notary.connect(alice).register(contract));
    const time = BigInt(await blockTime(env.provider, receipt));
    assert.deepEqual([...eventsOf(receipt, notary, 'DocumentRegistered')[0].args], [contract, alice.address, time]);
    assert.deepEqual([...(await notary.verify(contract))], [true, alice.address, time]);
    assert.equal(await notary.verifyOwner(contract, alice.address), true);
    assert.equal(await notary.verifyOwner(contract, bob.address), false);
    const record = await notary.recordOf(contract);
    assert.deepEqual(
      [record.owner, record.registeredAt, record.blockNum, record.revokedAt],
      [alice.address, time, BigInt(receipt.blockNumber), 0n],
    );
    assert.equal(await notary.registeredCount(alice.address), 1n);
  });

  it('refuses a second registration of the same hash, by anyone', async () => {
    await expectCustomError(notary.connect(bob).register, [contract], 'AlreadyRegistered', [contract, alice.address]);
    await expectCustomError(notary.connect(alice).register, [contract], 'AlreadyRegistered', [contract, alice.address]);
  });

  it('refuses the zero hash', async () => {
    await expectCustomError(notary.register, [ZeroHash], 'InvalidHash', []);
  });

  it('lets only the registrant revoke, once', async () => {
    await expectCustomError(notary.connect(bob).revoke, [contract], 'NotDocumentOwner', [contract, bob.address]);
    await expectCustomError(notary.connect(bob).revoke, [invoice], 'NotRegistered', [invoice]);
    const receipt = await mined(notary.connect(alice).revoke(contract));
    const time = BigInt(await blockTime(env.provider, receipt));
    assert.deepEqual([...eventsOf(receipt, notary, 'DocumentRevoked')[0].args], [contract, alice.address, time]);
    assert.equal((await notary.verify(contract))[0], false);
    assert.equal(await notary.verifyOwner(contract, alice.address), false);
    assert.equal((await notary.recordOf(contract)).revokedAt, time);
    await expectCustomError(notary.connect(alice).revoke, [contract], 'AlreadyRevoked', [contract]);
  });

  it('keeps a revoked hash bound to its first registrant', async () => {
    await expectCustomError(notary.connect(bob).register, [contract], 'AlreadyRegistered', [contract, alice.address]);
    assert.equal((await notary.verify(contract))[1], alice.address);
  });

  it('finds an owner’s documents with getLogs', async () => {
    await mined(notary.connect(bob).register(invoice));
    const bobs = await notary.queryFilter(notary.filters.DocumentRegistered(null, bob.address));
    assert.deepEqual(
      bobs.map((e) => e.args.docHash),
      [invoice],
    );
    const history = await notary.queryFilter(notary.filters.DocumentRevoked(contract));
    assert.equal(history.length, 1);
  });

  it('rejects a hash argument that is not 32 bytes', async () => {
    const data = notary.interface.encodeFunctionData('register', [invoice]).slice(0, 2 + 8 + 40);
    await assert.rejects(bob.sendTransaction({ to: notary.target, data }), (error) => {
      assert.equal(error.code, 'CALL_EXCEPTION');
      return true;
    });
  });
});
