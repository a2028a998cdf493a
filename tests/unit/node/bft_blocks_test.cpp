// BftBlocks: a block built on one node validates and commits on another with its quorum
// certificate stored beside it; blocks that break a rule are refused with that rule.

#include "node/bft_blocks.hpp"

#include <gtest/gtest.h>

#include "consensus/bft/messages.hpp"
#include "crypto/secp256k1.hpp"
#include "state/layout.hpp"
#include "state/memory_kv.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::node {
namespace {

crypto::PrivateKey key(std::uint8_t n) {
    FixedBytes<32> b{};
    b[31] = n;
    return *crypto::parse_private_key(b.view());
}

chain::Genesis genesis() {
    chain::Genesis g;
    types::Account a;
    a.balance = Uint256{1'000'000'000'000'000'000ULL};
    g.alloc[crypto::address_of(*crypto::public_key_of(key(1)))] = a;
    return g;
}

Bytes transfer(std::uint64_t nonce) {
    types::Transaction t;
    t.type = types::TxType::kDynamicFee;
    t.chain_id = chain::kDefaultChainId;
    t.nonce = nonce;
    t.max_fee_per_gas = Uint256{10'000'000'000ULL};
    t.max_priority_fee_per_gas = Uint256{1'000'000'000ULL};
    t.gas_limit = 21'000;
    t.to = Address{{0x42}};
    t.value = Uint256{1};
    (void)types::sign_transaction(t, key(1));
    return types::encode_transaction(t);
}

/// The pool reads through BftBlocks, which sees a decided block before it is written.
class PoolState final : public txpool::StateView {
  public:
    [[nodiscard]] std::optional<types::Account> account(const Address& a) const override {
        return blocks->account(a);
    }
    const BftBlocks* blocks = nullptr;
};

/// One node's chain, pool and block work, in memory.
struct TestNode {
    chain::ChainStore chain;
    PoolState state;
    txpool::TxPool pool;
    BftBlocks blocks{chain, pool, Address{}};

    TestNode()
        : chain(make_store(), genesis()),
          pool(txpool::PoolConfig{chain::kDefaultChainId, 30'000'000, 1000, 128 * 1024, 10},
               state) {
        state.blocks = &blocks;
    }

    static std::unique_ptr<state::KvStore> make_store() {
        auto families = state::state_families();
        for (auto& f : chain::chain_families()) families.push_back(f);
        return std::make_unique<state::MemoryKv>(families);
    }
};

Bytes some_qc(std::uint64_t height, const Hash& hash) {
    consensus::bft::QuorumCert qc;
    qc.height = height;
    qc.block_hash = hash;
    qc.signatures.push_back({0, {}});
    return consensus::bft::encode_quorum_cert(qc);
}

TEST(BftBlocks, BuiltBlockValidatesAndCommitsElsewhereWithItsQc) {
    TestNode proposer;
    TestNode validator;
    for (std::uint64_t n = 0; n < 3; ++n) ASSERT_TRUE(proposer.pool.add_raw(transfer(n)));
    const BuiltBlock built = proposer.blocks.build();
    EXPECT_EQ(built.txn_count, 3U);
    // The validator has none of the transactions in its pool: it recovers the senders itself.
    ASSERT_TRUE(validator.blocks.validate(built.hash, built.encoded));
    const Bytes qc = some_qc(1, built.hash);
    const auto header = validator.blocks.commit(built.hash, built.encoded, qc);
    EXPECT_EQ(header.block_num, 1U);
    // Decided is the head at once; on disk once the writer is done.
    EXPECT_EQ(validator.blocks.head_hash(), built.hash);
    validator.blocks.flush();
    EXPECT_EQ(validator.chain.head_hash(), built.hash);
    EXPECT_EQ(validator.chain.finality_proof(built.hash), qc);
    // The proposer commits its own block from the kept execution; the pool forgets the three.
    (void)proposer.blocks.commit(built.hash, built.encoded, qc);
    EXPECT_EQ(proposer.pool.size(), 0U);  // before the write: the pool sees the decided block
    proposer.blocks.flush();
    EXPECT_EQ(proposer.chain.head_hash(), built.hash);
    EXPECT_EQ(proposer.chain.state_root(), validator.chain.state_root());
    const auto decoded =
        consensus::bft::decode_quorum_cert(*proposer.chain.finality_proof(built.hash));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->block_hash, built.hash);
}

TEST(BftBlocks, BuildsOnADecidedBlockBeforeItIsWritten) {
    TestNode node;
    for (std::uint64_t n = 0; n < 4; ++n) ASSERT_TRUE(node.pool.add_raw(transfer(n)));
    // Two transactions per block (the nonces 2 and 3 arrive later in the pool's order anyway).
    const BuiltBlock first = node.blocks.build();
    (void)node.blocks.commit(first.hash, first.encoded, some_qc(1, first.hash));
    ASSERT_TRUE(node.pool.add_raw(transfer(4)));
    const BuiltBlock second = node.blocks.build();  // on block 1, written or not
    (void)node.blocks.commit(second.hash, second.encoded, some_qc(2, second.hash));
    node.blocks.flush();
    EXPECT_EQ(node.chain.head().block_num, 2U);
    EXPECT_EQ(node.chain.head_hash(), second.hash);
    EXPECT_EQ(node.chain.account(crypto::address_of(*crypto::public_key_of(key(1))))->nonce, 5U);
    EXPECT_EQ(node.pool.size(), 0U);
}

TEST(BftBlocks, RefusesWhatBreaksARule) {
    TestNode proposer;
    TestNode validator;
    ASSERT_TRUE(proposer.pool.add_raw(transfer(0)));
    const BuiltBlock built = proposer.blocks.build();
    EXPECT_EQ(validator.blocks.validate(Hash{{1}}, built.encoded).error(), BlockCheck::kWrongHash);
    EXPECT_EQ(validator.blocks.validate(built.hash, Bytes{0xc0}).error(), BlockCheck::kUndecodable);
    // The invalid-proposal fault: a wrong state root is caught by re-execution.
    const BuiltBlock bad = proposer.blocks.build(true);
    EXPECT_NE(bad.hash, built.hash);
    EXPECT_EQ(validator.blocks.validate(bad.hash, bad.encoded).error(), BlockCheck::kExecution);
    // A block for a later height (its parent unknown here).
    (void)proposer.blocks.commit(built.hash, built.encoded, some_qc(1, built.hash));
    const BuiltBlock second = proposer.blocks.build();
    EXPECT_EQ(validator.blocks.validate(second.hash, second.encoded).error(),
              BlockCheck::kWrongHeight);
    EXPECT_THROW((void)validator.blocks.commit(second.hash, second.encoded, {}),
                 std::runtime_error);
}

}  // namespace
}  // namespace yunlian::node
