// Issue 6's additions to the chain: the finality proof stored with a block, the evidence kept,
// the durable record of what a validator signed, and the validator set in the genesis.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "chain/chain_store.hpp"
#include "chain/durable_record.hpp"
#include "evm/vm.hpp"
#include "execution/block_builder.hpp"
#include "execution/block_fees.hpp"
#include "state/layout.hpp"
#include "state/memory_kv.hpp"

namespace yunlian::chain {
namespace {

std::unique_ptr<state::KvStore> memory_store() {
    auto families = state::state_families();
    for (auto& f : chain_families()) families.push_back(f);
    return std::make_unique<state::MemoryKv>(families);
}

/// An empty block on the head, committed with `proof`.
Hash commit_empty(ChainStore& chain, Bytes proof) {
    const auto parent = chain.head();
    execution::BlockParams env;
    env.parent_hash = chain.head_hash();
    env.block_num = parent.block_num + 1;
    env.timestamp = parent.timestamp + 1;
    env.gas_limit = parent.gas_limit;
    env.base_fee = execution::next_base_fee(parent);
    env.chain_id = chain.chain_id();
    env.block_hash = [](std::int64_t) { return Hash{}; };
    evm::Vm vm;
    auto out = execution::build_block(env, {}, chain.state(), vm);
    chain.commit(BlockCommit{out.block, out.receipts, out.senders, out.txn_hashes, out.gas_used,
                             out.diff, std::move(proof)});
    return chain.head_hash();
}

std::filesystem::path fresh_dir(const char* name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     (std::string("yunlian-chain-") + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

TEST(Finality, ProofIsStoredWithItsBlock) {
    ChainStore chain(memory_store(), Genesis{});
    const Hash with = commit_empty(chain, Bytes{1, 2, 3});
    const Hash without = commit_empty(chain, {});
    EXPECT_EQ(chain.finality_proof(with), (Bytes{1, 2, 3}));
    EXPECT_FALSE(chain.finality_proof(without).has_value());
    EXPECT_FALSE(chain.finality_proof(Hash{{0x42}}).has_value());
}

TEST(Finality, ProofSurvivesReopen) {
    const auto dir = fresh_dir("reopen");
    Hash block;
    {
        auto chain = open_chain(dir, Genesis{});
        block = commit_empty(*chain, Bytes{9, 9});
    }
    auto chain = open_chain(dir, Genesis{});
    EXPECT_EQ(chain->head_hash(), block);
    EXPECT_EQ(chain->finality_proof(block), (Bytes{9, 9}));
    chain.reset();
    std::filesystem::remove_all(dir);
}

TEST(Evidence, KeptOnceEach) {
    ChainStore chain(memory_store(), Genesis{});
    EXPECT_TRUE(chain.evidence().empty());
    EXPECT_TRUE(chain.add_evidence(Bytes{1}));
    EXPECT_FALSE(chain.add_evidence(Bytes{1}));
    EXPECT_TRUE(chain.add_evidence(Bytes{2, 3}));
    const auto all = chain.evidence();
    ASSERT_EQ(all.size(), 2U);
    EXPECT_TRUE((all[0] == Bytes{1} && all[1] == Bytes{2, 3}) ||
                (all[1] == Bytes{1} && all[0] == Bytes{2, 3}));
}

TEST(DurableRecord, EmptyUntilStoredThenLastWins) {
    const auto dir = fresh_dir("record");
    DurableRecord record(dir / "signed");
    EXPECT_FALSE(record.load().has_value());
    record.store(Bytes{1, 2});
    record.store(Bytes{3, 4, 5});
    // A new instance (a restarted process) reads what the last store wrote.
    EXPECT_EQ(DurableRecord(dir / "signed").load(), (Bytes{3, 4, 5}));
    EXPECT_FALSE(std::filesystem::exists(dir / "signed.tmp"));
    record.store({});
    EXPECT_EQ(record.load(), Bytes{});
    std::filesystem::remove_all(dir);
}

TEST(DurableRecord, StoreIntoMissingFolderThrows) {
    DurableRecord record("/nonexistent-yunlian-folder/signed");
    EXPECT_THROW(record.store(Bytes{1}), std::runtime_error);
    EXPECT_FALSE(record.load().has_value());
}

TEST(Genesis, ReadsValidatorsAndAllowList) {
    const std::string key(128, 'a');
    const auto g = parse_genesis_json(
        R"({"validators": ["0x0000000000000000000000000000000000000001",
                           "0000000000000000000000000000000000000002"],
            "allowList": ["0x)" +
        key + R"("]})");
    ASSERT_EQ(g.validators.size(), 2U);
    Address second{};
    second[19] = 2;
    EXPECT_EQ(g.validators[1], second);
    ASSERT_EQ(g.allow_list.size(), 1U);
    EXPECT_EQ(g.allow_list[0].size(), 64U);
    // The validator set is not part of the genesis header.
    EXPECT_EQ(types::header_hash(genesis_header(g)), types::header_hash(genesis_header(Genesis{})));
}

TEST(Genesis, RejectsBadValidators) {
    EXPECT_THROW((void)parse_genesis_json(R"({"validators": "0x01"})"), std::runtime_error);
    EXPECT_THROW((void)parse_genesis_json(R"({"validators": ["0x01"]})"), std::runtime_error);
    EXPECT_THROW((void)parse_genesis_json(R"({"validators": [7]})"), std::runtime_error);
    EXPECT_THROW(
        (void)parse_genesis_json(R"({"validators": ["0x0000000000000000000000000000000000000001",
                                                    "0x0000000000000000000000000000000000000001"]})"),
        std::runtime_error);
    EXPECT_THROW((void)parse_genesis_json(R"({"allowList": ["0x1234"]})"), std::runtime_error);
    EXPECT_THROW((void)parse_genesis_json(R"({"allowList": {}})"), std::runtime_error);
}

}  // namespace
}  // namespace yunlian::chain
