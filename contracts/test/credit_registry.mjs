// CreditRegistry: publishing records by hash and pointer, grants with expiry by block time,
// revocation, withdrawal, the audit trail of accessRecord, owner-only actions and bad inputs.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { ZeroAddress, ZeroHash, keccak256, toUtf8Bytes } from 'ethers';

import { blockTime, eventsOf, expectCustomError, getEnv, mined } from './env.mjs';

const kHour = 3600;

describe('CreditRegistry', () => {
  let env;
  let registry;
  let bank;
  let lender;
  let insurer;
  let stranger;
  const report = keccak256(toUtf8Bytes('credit report of customer 7, 2026-Q1'));
  const pointer = 'ipfs://bafkreib4ay5b7qg7gd2yx4y5bhxp3wquqxv3d7bqlyv6s7wrzsbuyxl2e4';

  async function now() {
    return (await env.provider.getBlock('latest')).timestamp;
  }

  before(async () => {
    env = await getEnv();
    [, bank, lender, insurer, stranger] = env.signers;
    registry = await env.deploy('CreditRegistry', env.signers[0]);
  });

  it('publishes a record and shows only its public facts to others', async () => {
    const receipt = await mined(registry.connect(bank).publish(report, pointer));
    assert.deepEqual([...eventsOf(receipt, registry, 'RecordPublished')[0].args], [1n, bank.address, report, pointer]);
    const time = BigInt(await blockTime(env.provider, receipt));
    assert.deepEqual([...(await registry.recordInfo(1n))], [bank.address, time, false]);
    assert.deepEqual([...(await registry.connect(bank).readRecord(1n))], [report, pointer]);
    assert.equal(await registry.hasAccess(1n, bank.address), true);
    assert.equal(await registry.hasAccess(1n, lender.address), false);
    await expectCustomError(registry.connect(lender).readRecord, [1n], 'AccessDenied', [1n, lender.address]);
    await expectCustomError(registry.connect(lender).accessRecord, [1n], 'AccessDenied', [1n, lender.address]);
  });

  it('refuses empty data and unknown records', async () => {
    await expectCustomError(registry.connect(bank).publish, [ZeroHash, pointer], 'ZeroHash', []);
    await expectCustomError(registry.connect(bank).publish, [report, ''], 'EmptyPointer', []);
    await expectCustomError(registry.recordInfo, [9n], 'UnknownRecord', [9n]);
    await expectCustomError(registry.readRecord, [0n], 'UnknownRecord', [0n]);
    await expectCustomError(registry.connect(bank).grantAccess, [9n, lender.address, 1n], 'UnknownRecord', [9n]);
    assert.equal(await registry.hasAccess(9n, bank.address), false);
  });

  it('lets only the owner grant, to a real consumer, until a future time', async () => {
    const later = BigInt((await now()) + kHour);
    await expectCustomError(registry.connect(lender).grantAccess, [1n, lender.address, later], 'NotRecordOwner', [
      1n,
      lender.address,
    ]);
    await expectCustomError(registry.connect(bank).grantAccess, [1n, ZeroAddress, later], 'InvalidConsumer', [
      ZeroAddress,
    ]);
    await expectCustomError(registry.connect(bank).grantAccess, [1n, bank.address, later], 'InvalidConsumer', [
      bank.address,
    ]);
    const past = BigInt((await now()) - 1);
    await assert.rejects(registry.connect(bank).grantAccess(1n, lender.address, past), (error) => {
      const parsed = registry.interface.parseError(error.data);
      assert.equal(parsed?.name, 'InvalidExpiry');
      assert.equal(parsed.args.expiresAt, past);
      return true;
    });
  });

  it('grants access that the consumer uses, leaving an audit event each time', async () => {
    const expiresAt = BigInt((await now()) + kHour);
    const grant = await mined(registry.connect(bank).grantAccess(1n, lender.address, expiresAt));
    assert.deepEqual([...eventsOf(grant, registry, 'AccessGranted')[0].args], [1n, lender.address, expiresAt]);
    assert.equal(await registry.grantExpiry(1n, lender.address), expiresAt);
    assert.equal(await registry.hasAccess(1n, lender.address), true);
    assert.deepEqual([...(await registry.connect(lender).readRecord(1n))], [report, pointer]);
    assert.deepEqual([...(await registry.connect(lender).accessRecord.staticCall(1n))], [report, pointer]);

    const first = await mined(registry.connect(lender).accessRecord(1n));
    const second = await mined(registry.connect(lender).accessRecord(1n));
    for (const receipt of [first, second]) {
      const time = BigInt(await blockTime(env.provider, receipt));
      assert.deepEqual([...eventsOf(receipt, registry, 'RecordAccessed')[0].args], [1n, lender.address, time]);
    }
    const audit = await registry.queryFilter(registry.filters.RecordAccessed(1n));
    assert.deepEqual(
      audit.map((e) => e.args.consumer),
      [lender.address, lender.address],
    );
    // Another consumer is still out.
    await expectCustomError(registry.connect(insurer).accessRecord, [1n], 'AccessDenied', [1n, insurer.address]);
  });

  it('ends a grant at its expiry by block time', async () => {
    const expiresAt = BigInt((await now()) + 5);
    await mined(registry.connect(bank).grantAccess(1n, insurer.address, expiresAt));
    assert.equal(await registry.hasAccess(1n, insurer.address), true);
    await env.advanceTime(6);
    assert.ok(BigInt(await now()) >= expiresAt);
    assert.equal(await registry.hasAccess(1n, insurer.address), false);
    await expectCustomError(registry.connect(insurer).accessRecord, [1n], 'AccessDenied', [1n, insurer.address]);
    // An expired grant is not active, so there is nothing to revoke; granting again renews it.
    await expectCustomError(registry.connect(bank).revokeAccess, [1n, insurer.address], 'NoActiveGrant', [
      1n,
      insurer.address,
    ]);
    await mined(registry.connect(bank).grantAccess(1n, insurer.address, BigInt((await now()) + kHour)));
    assert.equal(await registry.hasAccess(1n, insurer.address), true);
  });

  it('revokes a grant, owner only', async () => {
    await expectCustomError(registry.connect(lender).revokeAccess, [1n, insurer.address], 'NotRecordOwner', [
      1n,
      lender.address,
    ]);
    const receipt = await mined(registry.connect(bank).revokeAccess(1n, insurer.address));
    assert.deepEqual([...eventsOf(receipt, registry, 'AccessRevoked')[0].args], [1n, insurer.address]);
    assert.equal(await registry.grantExpiry(1n, insurer.address), 0n);
    await expectCustomError(registry.connect(insurer).readRecord, [1n], 'AccessDenied', [1n, insurer.address]);
    await expectCustomError(registry.connect(bank).revokeAccess, [1n, stranger.address], 'NoActiveGrant', [
      1n,
      stranger.address,
    ]);
  });

  it('updates the data in place, keeping grants', async () => {
    const newReport = keccak256(toUtf8Bytes('credit report of customer 7, 2026-Q2'));
    await expectCustomError(registry.connect(lender).update, [1n, newReport, 'ipfs://x'], 'NotRecordOwner', [
      1n,
      lender.address,
    ]);
    await expectCustomError(registry.connect(bank).update, [1n, ZeroHash, 'ipfs://x'], 'ZeroHash', []);
    const receipt = await mined(registry.connect(bank).update(1n, newReport, 'ipfs://q2'));
    assert.deepEqual([...eventsOf(receipt, registry, 'RecordUpdated')[0].args], [1n, newReport, 'ipfs://q2']);
    assert.deepEqual([...(await registry.connect(lender).readRecord(1n))], [newReport, 'ipfs://q2']);
  });

  it('withdraws a record: consumers lose access, the owner keeps it, nothing more can change', async () => {
    await expectCustomError(registry.connect(lender).withdraw, [1n], 'NotRecordOwner', [1n, lender.address]);
    const receipt = await mined(registry.connect(bank).withdraw(1n));
    assert.deepEqual([...eventsOf(receipt, registry, 'RecordWithdrawn')[0].args], [1n, bank.address]);
    assert.equal((await registry.recordInfo(1n))[2], true);
    assert.equal(await registry.hasAccess(1n, lender.address), false, 'an unexpired grant no longer counts');
    await expectCustomError(registry.connect(lender).accessRecord, [1n], 'AccessDenied', [1n, lender.address]);
    assert.equal(await registry.hasAccess(1n, bank.address), true);
    const later = BigInt((await now()) + kHour);
    const grant = registry.connect(bank).grantAccess;
    await expectCustomError(grant, [1n, insurer.address, later], 'RecordIsWithdrawn', [1n]);
    await expectCustomError(registry.connect(bank).update, [1n, report, pointer], 'RecordIsWithdrawn', [1n]);
    await expectCustomError(registry.connect(bank).withdraw, [1n], 'RecordIsWithdrawn', [1n]);
  });

  it('keeps records of different owners apart', async () => {
    await mined(registry.connect(lender).publish(report, 'ipfs://lender-copy'));
    assert.equal(await registry.recordCount(), 2n);
    assert.equal(await registry.hasAccess(2n, bank.address), false);
    const later = BigInt((await now()) + kHour);
    await expectCustomError(registry.connect(bank).grantAccess, [2n, insurer.address, later], 'NotRecordOwner', [
      2n,
      bank.address,
    ]);
    const published = await registry.queryFilter(registry.filters.RecordPublished(null, lender.address));
    assert.deepEqual(
      published.map((e) => e.args.recordId),
      [2n],
    );
  });
});
