// SupplyChain: party registration by the admin, items created by parties, the ship/receive
// handoff, delivery as the last step, the stored history and its events, and every refusal.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { ZeroAddress } from 'ethers';

import { blockTime, eventsOf, expectCustomError, getEnv, mined } from './env.mjs';

// SupplyChain.Status
const kCreated = 1n;
const kInTransit = 2n;
const kReceived = 3n;
const kDelivered = 4n;

describe('SupplyChain', () => {
  let env;
  let chain;
  let admin;
  let maker;
  let shipper;
  let shop;
  let outsider;

  before(async () => {
    env = await getEnv();
    [admin, maker, shipper, shop, outsider] = env.signers;
    chain = await env.deploy('SupplyChain', admin);
  });

  it('lets only the admin register parties, once each, with a name', async () => {
    await expectCustomError(chain.connect(maker).registerParty, [maker.address, 'Maker'], 'NotAdmin', [maker.address]);
    const receipt = await mined(chain.registerParty(maker.address, 'Maker Co'));
    assert.deepEqual([...eventsOf(receipt, chain, 'PartyRegistered')[0].args], [maker.address, 'Maker Co']);
    await mined(chain.registerParty(shipper.address, 'Shipper Ltd'));
    await mined(chain.registerParty(shop.address, 'Corner Shop'));
    assert.deepEqual([...(await chain.partyOf(shop.address))], ['Corner Shop', true, true]);
    assert.deepEqual([...(await chain.partyOf(outsider.address))], ['', false, false]);
    await expectCustomError(chain.registerParty, [maker.address, 'Again'], 'PartyAlreadyRegistered', [maker.address]);
    await expectCustomError(chain.registerParty, [outsider.address, ''], 'EmptyName', []);
    await expectCustomError(chain.registerParty, [ZeroAddress, 'Nobody'], 'InvalidRecipient', [ZeroAddress]);
    await expectCustomError(chain.setPartyActive, [outsider.address, false], 'UnknownParty', [outsider.address]);
  });

  it('lets only active parties create items, with a description', async () => {
    await expectCustomError(chain.connect(outsider).createItem, ['Stolen goods'], 'NotActiveParty', [outsider.address]);
    await expectCustomError(chain.connect(maker).createItem, [''], 'EmptyDescription', []);
    const receipt = await mined(chain.connect(maker).createItem('Pallet of tea, lot 42'));
    const [created] = eventsOf(receipt, chain, 'ItemCreated');
    assert.deepEqual([...created.args], [1n, maker.address, 'Pallet of tea, lot 42']);
    assert.deepEqual([...eventsOf(receipt, chain, 'StepRecorded')[0].args], [1n, 0n, kCreated, maker.address]);
    assert.equal(await chain.itemCount(), 1n);
    assert.deepEqual([...(await chain.getItem(1n))], ['Pallet of tea, lot 42', maker.address, ZeroAddress, kCreated]);
  });

  it('moves custody only when the recipient signs for the item', async () => {
    const shipped = await mined(chain.connect(maker).ship(1n, shipper.address, 'picked up at factory'));
    assert.deepEqual(
      [...eventsOf(shipped, chain, 'ItemShipped')[0].args],
      [1n, maker.address, shipper.address, 'picked up at factory'],
    );
    assert.deepEqual([...(await chain.getItem(1n))].slice(1), [maker.address, shipper.address, kInTransit]);

    await expectCustomError(chain.connect(shop).receiveItem, [1n, 'mine'], 'NotPendingCustodian', [1n, shop.address]);
    await expectCustomError(chain.connect(maker).ship, [1n, shop.address, 'twice'], 'InvalidStatus', [1n, kInTransit]);
    await expectCustomError(chain.connect(maker).markDelivered, [1n, ''], 'InvalidStatus', [1n, kInTransit]);

    const received = await mined(chain.connect(shipper).receiveItem(1n, 'loaded on truck 7'));
    assert.deepEqual(
      [...eventsOf(received, chain, 'ItemReceived')[0].args],
      [1n, maker.address, shipper.address, 'loaded on truck 7'],
    );
    assert.deepEqual([...(await chain.getItem(1n))].slice(1), [shipper.address, ZeroAddress, kReceived]);
    await expectCustomError(chain.connect(shipper).receiveItem, [1n, 'again'], 'InvalidStatus', [1n, kReceived]);
  });

  it('refuses shipments by non-custodians, to oneself, and to parties that are not active', async () => {
    await expectCustomError(chain.connect(maker).ship, [1n, shop.address, ''], 'NotCustodian', [1n, maker.address]);
    await expectCustomError(chain.connect(shipper).ship, [1n, shipper.address, ''], 'InvalidRecipient', [
      shipper.address,
    ]);
    await expectCustomError(chain.connect(shipper).ship, [1n, outsider.address, ''], 'NotActiveParty', [
      outsider.address,
    ]);
    await expectCustomError(chain.connect(shipper).ship, [7n, shop.address, ''], 'UnknownItem', [7n]);
    await expectCustomError(chain.connect(outsider).ship, [1n, shop.address, ''], 'NotActiveParty', [outsider.address]);
  });

  it('stops a suspended party from acting or receiving until restored', async () => {
    await expectCustomError(chain.connect(maker).setPartyActive, [shop.address, false], 'NotAdmin', [maker.address]);
    const receipt = await mined(chain.setPartyActive(shop.address, false));
    assert.deepEqual([...eventsOf(receipt, chain, 'PartyActiveChanged')[0].args], [shop.address, false]);
    await expectCustomError(chain.connect(shipper).ship, [1n, shop.address, ''], 'NotActiveParty', [shop.address]);
    await expectCustomError(chain.connect(shop).createItem, ['x'], 'NotActiveParty', [shop.address]);
    await mined(chain.setPartyActive(shop.address, true));
  });

  it('ends with delivery, after which no step is allowed', async () => {
    await mined(chain.connect(shipper).ship(1n, shop.address, 'out for delivery'));
    await mined(chain.connect(shop).receiveItem(1n, 'shelf 3'));
    await expectCustomError(chain.connect(shipper).markDelivered, [1n, ''], 'NotCustodian', [1n, shipper.address]);
    const receipt = await mined(chain.connect(shop).markDelivered(1n, 'sold to customer'));
    assert.deepEqual([...eventsOf(receipt, chain, 'ItemDelivered')[0].args], [1n, shop.address, 'sold to customer']);
    assert.equal((await chain.getItem(1n))[3], kDelivered);
    await expectCustomError(chain.connect(shop).ship, [1n, maker.address, ''], 'InvalidStatus', [1n, kDelivered]);
    await expectCustomError(chain.connect(shop).markDelivered, [1n, ''], 'InvalidStatus', [1n, kDelivered]);
  });

  it('keeps every step in the stored history, matching the events', async () => {
    const expected = [
      [kCreated, maker.address, maker.address, ''],
      [kInTransit, maker.address, maker.address, 'picked up at factory'],
      [kReceived, shipper.address, shipper.address, 'loaded on truck 7'],
      [kInTransit, shipper.address, shipper.address, 'out for delivery'],
      [kReceived, shop.address, shop.address, 'shelf 3'],
      [kDelivered, shop.address, shop.address, 'sold to customer'],
    ];
    assert.equal(await chain.historyLength(1n), BigInt(expected.length));
    const events = await chain.queryFilter(chain.filters.StepRecorded(1n));
    assert.equal(events.length, expected.length);
    let lastTime = 0n;
    for (const [index, [status, actor, custodian, note]] of expected.entries()) {
      const step = await chain.historyAt(1n, index);
      assert.deepEqual([step.status, step.actor, step.custodian, step.note], [status, actor, custodian, note]);
      assert.ok(step.timestamp >= lastTime, 'steps are in time order');
      lastTime = step.timestamp;
      assert.deepEqual([...events[index].args], [1n, BigInt(index), status, actor]);
      const receipt = await events[index].getTransactionReceipt();
      assert.equal(BigInt(await blockTime(env.provider, receipt)), step.timestamp);
    }
    await expectCustomError(chain.historyAt, [1n, 6n], 'StepOutOfRange', [1n, 6n, 6n]);
    await expectCustomError(chain.historyAt, [2n, 0n], 'UnknownItem', [2n]);
    await expectCustomError(chain.getItem, [0n], 'UnknownItem', [0n]);
    await expectCustomError(chain.historyLength, [0n], 'UnknownItem', [0n]);
  });

  it('tracks items independently', async () => {
    await mined(chain.connect(shop).createItem('Returned kettle'));
    await mined(chain.connect(shop).ship(2n, maker.address, 'return to maker'));
    assert.deepEqual([...(await chain.getItem(2n))].slice(1), [shop.address, maker.address, kInTransit]);
    assert.equal(await chain.historyLength(2n), 2n);
    assert.equal(await chain.historyLength(1n), 6n);
    const shippedByShop = await chain.queryFilter(chain.filters.ItemShipped(null, shop.address));
    assert.deepEqual(
      shippedByShop.map((e) => e.args.itemId),
      [2n],
    );
  });
});
