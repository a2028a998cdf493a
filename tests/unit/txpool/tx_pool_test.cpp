#include "txpool/tx_pool.hpp"

#include <map>

#include <gtest/gtest.h>

#include "test_keys.hpp"

namespace yunlian::txpool {
namespace {

using test::address_of;
using test::kGwei;
using test::transfer;

class FakeState final : public StateView {
  public:
    std::optional<types::Account> account(const Address& a) const override {
        auto it = accounts.find(a);
        if (it == accounts.end()) return std::nullopt;
        return it->second;
    }
    std::map<Address, types::Account> accounts;
};

class TxPoolTest : public ::testing::Test {
  protected:
    TxPoolTest() {
        for (std::uint8_t n = 1; n <= 4; ++n) {
            types::Account a;
            a.balance = Uint256{1'000'000'000'000'000'000ULL};
            state.accounts[address_of(n)] = a;
        }
        config.chain_id = test::kChainId;
    }
    Result<Hash, Rejection> add(const types::Transaction& t, TxPool& pool) {
        return pool.add_raw(types::encode_transaction(t));
    }
    std::string rejection(const types::Transaction& t, TxPool& pool) {
        auto r = add(t, pool);
        return r ? std::string("accepted") : r.error().message;
    }
    FakeState state;
    PoolConfig config;
};

TEST_F(TxPoolTest, AdmitsAValidTransfer) {
    TxPool pool(config, state);
    const auto t = transfer(1, 0, 10, 1);
    auto hash = add(t, pool);
    ASSERT_TRUE(hash);
    EXPECT_EQ(*hash, types::transaction_hash(t));
    ASSERT_NE(pool.get(*hash), nullptr);
    EXPECT_EQ(pool.get(*hash)->sender, address_of(1));
    EXPECT_EQ(pool.pending_nonce(address_of(1)), 1U);
    EXPECT_EQ(rejection(t, pool), "already known");
}

TEST_F(TxPoolTest, RejectsWithGethMessages) {
    TxPool pool(config, state);
    state.accounts[address_of(1)].nonce = 3;
    EXPECT_EQ(rejection(transfer(1, 2, 10, 1), pool), "nonce too low: next nonce 3, tx nonce 2");
    EXPECT_EQ(rejection(transfer(9, 0, 10, 1), pool)
                  .rfind("insufficient funds for gas * price + value: balance 0, tx cost", 0),
              0U);
    EXPECT_EQ(rejection(transfer(2, 0, 10, 1, 20'000), pool),
              "intrinsic gas too low: gas 20000, minimum needed 21000");
    EXPECT_EQ(rejection(transfer(2, 0, 10, 1, 40'000'000), pool), "exceeds block gas limit");
    EXPECT_EQ(rejection(transfer(2, 0, 1, 2), pool)
                  .rfind("max priority fee per gas higher than max fee per gas", 0),
              0U);
    auto other_chain = transfer(2, 0, 10, 1);
    other_chain.chain_id = 1;
    (void)types::sign_transaction(other_chain, test::key(2));
    EXPECT_EQ(rejection(other_chain, pool), "invalid chain id for signer: have 1 want 20261");
    auto legacy = transfer(2, 0, 10, 1);
    legacy.type = types::TxType::kLegacy;
    legacy.chain_id.reset();
    legacy.gas_price = Uint256{10 * kGwei};
    (void)types::sign_transaction(legacy, test::key(2));
    EXPECT_EQ(rejection(legacy, pool),
              "only replay-protected (EIP-155) transactions allowed over RPC");
    auto create = transfer(2, 0, 10, 1, 10'000'000);
    create.to.reset();
    create.data = Bytes(49'153, 0);
    (void)types::sign_transaction(create, test::key(2));
    EXPECT_EQ(rejection(create, pool), "max initcode size exceeded: code size 49153 limit 49152");
    EXPECT_EQ(pool.size(), 0U);
}

TEST_F(TxPoolTest, RejectsMalformedAndOversizedInput) {
    TxPool pool(config, state);
    const Bytes garbage{0xf8, 0x01, 0x02};
    auto r = pool.add_raw(garbage);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, PoolError::kMalformed);
    EXPECT_FALSE(pool.add_raw(Bytes{}));
    EXPECT_EQ(pool.add_raw(Bytes{0x05, 0xc0}).error().message, "transaction type not supported");
    const Bytes huge(128 * 1024 + 1, 0x80);
    EXPECT_EQ(pool.add_raw(huge).error().code, PoolError::kOversized);
    auto bad_sig = transfer(1, 0, 10, 1);
    bad_sig.r = Uint256{0};
    EXPECT_EQ(rejection(bad_sig, pool), "invalid sender");
}

TEST_F(TxPoolTest, ReplacementNeedsTenPercentMoreOnBothFees) {
    TxPool pool(config, state);
    ASSERT_TRUE(add(transfer(1, 0, 100, 10), pool));
    EXPECT_EQ(rejection(transfer(1, 0, 109, 11), pool), "replacement transaction underpriced");
    EXPECT_EQ(rejection(transfer(1, 0, 110, 10), pool), "replacement transaction underpriced");
    const auto better = transfer(1, 0, 110, 11);
    ASSERT_TRUE(add(better, pool));
    EXPECT_EQ(pool.size(), 1U);
    EXPECT_NE(pool.get(types::transaction_hash(better)), nullptr);
}

TEST_F(TxPoolTest, OrdersByNonceWithinSenderAndTipAcross) {
    TxPool pool(config, state);
    ASSERT_TRUE(add(transfer(1, 1, 100, 5), pool));  // waits for nonce 0
    ASSERT_TRUE(add(transfer(1, 0, 100, 1), pool));
    ASSERT_TRUE(add(transfer(2, 0, 100, 3), pool));
    ASSERT_TRUE(add(transfer(3, 5, 100, 50), pool));  // a future nonce: queued
    EXPECT_EQ(pool.pending_count(), 3U);
    EXPECT_EQ(pool.pending_nonce(address_of(3)), 0U);
    const auto picked = pool.select(Uint256{kGwei}, 30'000'000);
    ASSERT_EQ(picked.size(), 3U);
    EXPECT_EQ(picked[0]->sender, address_of(2));  // tip 3 beats sender 1's first (tip 1)
    EXPECT_EQ(picked[1]->sender, address_of(1));
    EXPECT_EQ(picked[1]->txn.nonce, 0U);
    EXPECT_EQ(picked[2]->txn.nonce, 1U);
    // Gas: only two transfers fit.
    EXPECT_EQ(pool.select(Uint256{kGwei}, 42'000).size(), 2U);
    // A fee cap below the base fee waits.
    EXPECT_TRUE(pool.select(Uint256{200 * kGwei}, 30'000'000).empty());
}

TEST_F(TxPoolTest, OnBlockDropsIncludedTransactions) {
    TxPool pool(config, state);
    ASSERT_TRUE(add(transfer(1, 0, 100, 1), pool));
    ASSERT_TRUE(add(transfer(1, 1, 100, 1), pool));
    state.accounts[address_of(1)].nonce = 1;
    const Address senders[] = {address_of(1)};
    pool.on_block(senders);
    EXPECT_EQ(pool.size(), 1U);
    EXPECT_EQ(pool.pending_nonce(address_of(1)), 2U);
}

TEST_F(TxPoolTest, BoundEvictsTheLowestPaying) {
    config.max_txns = 2;
    TxPool pool(config, state);
    const auto cheap = transfer(1, 0, 10, 1);
    ASSERT_TRUE(add(cheap, pool));
    ASSERT_TRUE(add(transfer(2, 0, 20, 1), pool));
    EXPECT_EQ(rejection(transfer(3, 0, 5, 1), pool), "transaction underpriced");
    ASSERT_TRUE(add(transfer(3, 0, 30, 1), pool));
    EXPECT_EQ(pool.size(), 2U);
    EXPECT_EQ(pool.get(types::transaction_hash(cheap)), nullptr);
}

TEST(IntrinsicGas, FollowsTheYellowPaperAndEips) {
    types::Transaction t;
    t.to = Address{};
    EXPECT_EQ(intrinsic_gas(t), 21'000U);
    t.data = {0, 1, 2};
    EXPECT_EQ(intrinsic_gas(t), 21'000U + 4 + 16 + 16);
    t.access_list = {{Address{}, {Hash{}, Hash{}}}};
    EXPECT_EQ(intrinsic_gas(t), 21'036U + 2'400 + 2 * 1'900);
    types::Transaction create;
    create.data = Bytes(33, 1);
    EXPECT_EQ(intrinsic_gas(create), 21'000U + 32'000 + 33 * 16 + 2 * 2);
}

}  // namespace
}  // namespace yunlian::txpool

namespace yunlian::txpool {
namespace {

class TxPoolAddedTest : public ::testing::Test {
  protected:
    TxPoolAddedTest() {
        for (std::uint8_t n = 1; n <= 2; ++n) {
            types::Account a;
            a.balance = Uint256{1'000'000'000'000'000'000ULL} * Uint256{1000};
            state.accounts[address_of(n)] = a;
        }
        config.chain_id = test::kChainId;
    }
    FakeState state;
    PoolConfig config;
};

TEST_F(TxPoolAddedTest, ReportsAdmissionsInOrderOnce) {
    TxPool pool(config, state);
    EXPECT_TRUE(pool.added_since(0).hashes.empty());
    const auto a = transfer(1, 0, 10, 1);
    const auto b = transfer(2, 0, 10, 1);
    ASSERT_TRUE(pool.add_raw(types::encode_transaction(a)));
    ASSERT_TRUE(pool.add_raw(types::encode_transaction(b)));
    EXPECT_FALSE(pool.add_raw(types::encode_transaction(a)));  // already known: not an admission
    auto added = pool.added_since(0);
    EXPECT_EQ(added.hashes,
              (std::vector<Hash>{types::transaction_hash(a), types::transaction_hash(b)}));
    EXPECT_EQ(added.cursor, 2U);
    EXPECT_EQ(pool.added_cursor(), 2U);
    EXPECT_TRUE(pool.added_since(added.cursor).hashes.empty());

    // A replacement is a new admission; the replaced transaction stays reported.
    const auto a2 = transfer(1, 0, 20, 2);
    ASSERT_TRUE(pool.add_raw(types::encode_transaction(a2)));
    auto next = pool.added_since(added.cursor);
    EXPECT_EQ(next.hashes, std::vector<Hash>{types::transaction_hash(a2)});
    EXPECT_EQ(next.cursor, 3U);
    // Removal does not take back what was reported: a cursor still counts admissions.
    pool.remove(types::transaction_hash(a2));
    EXPECT_EQ(pool.added_since(0).hashes.size(), 3U);
    // A cursor from the future (another pool) gives nothing rather than reading past the end.
    EXPECT_TRUE(pool.added_since(100).hashes.empty());
}

TEST_F(TxPoolAddedTest, RemembersOnlyTheLastAdmissions) {
    TxPool pool(config, state);
    const std::size_t extra = 5;
    std::vector<Hash> hashes;
    for (std::uint64_t nonce = 0; nonce < TxPool::kRecentAdded + extra; ++nonce) {
        const auto t = transfer(1, nonce, 10, 1);
        ASSERT_TRUE(pool.add_raw(types::encode_transaction(t))) << nonce;
        hashes.push_back(types::transaction_hash(t));
    }
    const auto all = pool.added_since(0);
    ASSERT_EQ(all.hashes.size(), TxPool::kRecentAdded);
    EXPECT_EQ(all.hashes.front(), hashes[extra]);
    EXPECT_EQ(all.hashes.back(), hashes.back());
    EXPECT_EQ(all.cursor, TxPool::kRecentAdded + extra);
    // A cursor older than what is remembered gets everything remembered.
    EXPECT_EQ(pool.added_since(2).hashes.size(), TxPool::kRecentAdded);
    EXPECT_EQ(pool.added_since(all.cursor - 1).hashes, std::vector<Hash>{hashes.back()});
}

}  // namespace
}  // namespace yunlian::txpool
