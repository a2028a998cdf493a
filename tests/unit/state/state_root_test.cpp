#include <filesystem>
#include <fstream>
#include <memory>
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/hex.hpp"
#include "state/memory_kv.hpp"
#include "state/pending_state.hpp"
#include "state/rocks_kv.hpp"
#include "test_util.hpp"
#include "trie/node_codec.hpp"
#include "trie/proof.hpp"

namespace yunlian::state {
namespace {

using test::addr;
using test::ModelAccount;
using test::word;

TEST(StateRoot, EmptyStateIsTheEmptyTrie) {
    MemoryKv kv(state_families());
    FlatState flat(kv);
    EXPECT_EQ(flat.state_root(), trie::kEmptyRoot);
    Overlay overlay(flat);
    EXPECT_EQ(overlay.state_root().value(), trie::kEmptyRoot);
}

std::map<Address, ModelAccount> random_model(std::mt19937_64& rng, std::size_t accounts) {
    std::map<Address, ModelAccount> model;
    for (std::size_t i = 0; i < accounts; ++i) {
        ModelAccount account;
        account.nonce = rng() % 5;
        account.balance = Uint256::from_limbs(rng(), rng() % 2 == 0 ? 0 : rng(), 0, 0);
        if (rng() % 3 == 0) {
            account.code = Bytes(1 + rng() % 50, static_cast<std::uint8_t>(rng()));
            for (std::size_t s = rng() % 20; s > 0; --s) {
                account.storage[word(rng() % 64)] = word(1 + rng() % 100000);
            }
        }
        model[addr(rng())] = std::move(account);
    }
    return model;
}

// A genesis of random accounts: the overlay's incremental root equals the root built from
// sorted leaves in the test, which shares only the sorted trie builder with the code under test.
TEST(StateRoot, GenesisMatchesIndependentSortedBuild) {
    std::mt19937_64 rng(42);
    const auto model = random_model(rng, 150);
    MemoryKv kv(state_families());
    FlatState flat(kv);
    Overlay overlay(flat);
    test::load_model(overlay, model);
    EXPECT_EQ(overlay.state_root().value(), test::model_root(model));
}

// ---- real Ethereum roots: pre-states of ethereum/tests cases whose transaction is invalid ----
// For those, the post state is the pre state, so the published hash is the pre state's root.

Uint256 parse_word(const std::string& text) {
    std::string digits = text.substr(has_hex_prefix(text) ? 2 : 0);
    digits.insert(0, 64 - digits.size(), '0');
    return Uint256::from_be_bytes(from_hex(digits).value());
}

std::map<Address, ModelAccount> parse_pre(const nlohmann::json& pre) {
    std::map<Address, ModelAccount> model;
    for (const auto& [address, fields] : pre.items()) {
        ModelAccount account;
        account.nonce = parse_word(fields.at("nonce").get<std::string>()).low_u64();
        account.balance = parse_word(fields.at("balance").get<std::string>());
        account.code = from_hex(fields.at("code").get<std::string>()).value();
        for (const auto& [slot, value] : fields.at("storage").items()) {
            const Uint256 v = parse_word(value.get<std::string>());
            if (!v.is_zero()) account.storage[parse_word(slot).to_be_bytes()] = v.to_be_bytes();
        }
        model[fixed_from_hex<20>(address).value()] = std::move(account);
    }
    return model;
}

TEST(StateRoot, MatchesEthereumTestsPreStates) {
    const std::filesystem::path dir =
        std::filesystem::path(YUNLIAN_TESTDATA_DIR) / "ethtests" / "GeneralStateTests";
    if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no test data at " << dir;
    std::size_t checked = 0;
    for (const char* file :
         {"stExample/invalidTr.json", "stEIP1559/lowGasLimit.json", "stEIP1559/valCausesOOF.json",
          "stEIP1559/lowFeeCap.json", "stEIP1559/transactionIntinsicBug_Paris.json"}) {
        std::ifstream in(dir / file);
        ASSERT_TRUE(in) << file;
        const auto tests = nlohmann::json::parse(in);
        for (const auto& [name, test] : tests.items()) {
            const auto model = parse_pre(test.at("pre"));
            MemoryKv kv(state_families());
            FlatState flat(kv);
            Overlay overlay(flat);
            test::load_model(overlay, model);
            const Hash root = overlay.state_root().value();
            EXPECT_EQ(root, test::model_root(model)) << name;
            for (const auto& [fork, posts] : test.at("post").items()) {
                for (const auto& post : posts) {
                    if (!post.contains("expectException")) continue;
                    EXPECT_EQ(to_hex(root.view()), post.at("hash").get<std::string>())
                        << file << " " << name << " " << fork;
                    ++checked;
                }
            }
        }
    }
    EXPECT_GE(checked, 5U);
}

// ---- blocks committed to a store, parameterised over both backends ----

class CommittedStateTest : public ::testing::TestWithParam<bool> {
  protected:
    void SetUp() override {
        if (GetParam()) {
            m_dir = std::filesystem::temp_directory_path() /
                    ("yunlian_state_" +
                     std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                     std::to_string(reinterpret_cast<std::uintptr_t>(this)));
            std::filesystem::remove_all(m_dir);
            m_kv = RocksKv::open(m_dir, state_families());
        } else {
            m_kv = std::make_unique<MemoryKv>(state_families());
        }
        m_flat = std::make_unique<FlatState>(*m_kv);
    }
    void TearDown() override {
        m_flat.reset();
        m_kv.reset();
        if (!m_dir.empty()) std::filesystem::remove_all(m_dir);
    }

    std::filesystem::path m_dir;
    std::unique_ptr<KvStore> m_kv;
    std::unique_ptr<FlatState> m_flat;
};

/// Applies random changes to both the overlay and the model, as a block of transactions would.
void random_block(std::mt19937_64& rng, Overlay& overlay, std::map<Address, ModelAccount>& model) {
    std::vector<Address> known;
    for (const auto& [address, account] : model) known.push_back(address);
    for (int txn = 0; txn < 10; ++txn) {
        for (int op = 0; op < 8; ++op) {
            const Address a = known[rng() % known.size()];
            ModelAccount& account = model[a];
            switch (rng() % 5) {
                case 0:
                    account.balance = account.balance + Uint256{rng() % 1000 + 1};
                    overlay.set_balance(a, account.balance);
                    break;
                case 1:
                    account.nonce += 1;
                    overlay.set_nonce(a, account.nonce);
                    break;
                case 2:
                case 3: {
                    const Hash slot = word(rng() % 64);
                    const Hash value = rng() % 3 == 0 ? Hash{} : word(rng());
                    overlay.set_storage(a, slot, value);
                    if (value.is_zero()) {
                        account.storage.erase(slot);
                    } else {
                        account.storage[slot] = value;
                    }
                    break;
                }
                default: {
                    const Address fresh = addr(rng());
                    overlay.set_balance(fresh, Uint256{5});
                    model[fresh].balance = 5;
                    break;
                }
            }
        }
        // A reverted call changes nothing.
        const auto snap = overlay.snapshot();
        overlay.set_balance(known[0], Uint256{123456789});
        overlay.set_storage(known[1], word(5), word(5));
        overlay.revert(snap);
        overlay.finish_transaction(true);
    }
}

TEST_P(CommittedStateTest, BlocksCommitIncrementallyAndMatchTheModel) {
    std::mt19937_64 rng(7);
    auto model = random_model(rng, 60);
    {
        Overlay genesis(*m_flat);
        test::load_model(genesis, model);
        EXPECT_EQ(test::commit(genesis, *m_flat, *m_kv), test::model_root(model));
    }
    for (int block = 0; block < 5; ++block) {
        Overlay overlay(*m_flat);
        random_block(rng, overlay, model);
        const Hash root = test::commit(overlay, *m_flat, *m_kv);
        ASSERT_EQ(root, test::model_root(model)) << "block " << block;
        ASSERT_EQ(m_flat->state_root(), root);
    }
    // The flat entries agree with the model.
    for (const auto& [address, account] : model) {
        const auto stored = m_flat->account(address);
        ASSERT_TRUE(stored.has_value());
        EXPECT_EQ(stored->nonce, account.nonce);
        EXPECT_EQ(stored->balance, account.balance);
        for (const auto& [slot, value] : account.storage) {
            EXPECT_EQ(m_flat->storage(address, slot), value);
        }
        if (!account.code.empty()) {
            EXPECT_EQ(m_flat->code(stored->code_hash), account.code);
        }
    }
}

TEST_P(CommittedStateTest, ProofsVerifyAgainstTheRoot) {
    std::mt19937_64 rng(3);
    const auto model = random_model(rng, 40);
    Overlay genesis(*m_flat);
    test::load_model(genesis, model);
    const Hash root = test::commit(genesis, *m_flat, *m_kv);
    for (const auto& [address, account] : model) {
        std::vector<Hash> slots;
        for (const auto& [slot, value] : account.storage) slots.push_back(slot);
        slots.push_back(word(1000));  // absent
        auto proof = m_flat->prove(address, slots);
        ASSERT_TRUE(proof);
        auto leaf = trie::verify_proof(root, crypto::keccak256(address.view()).view(),
                                       proof->account_proof);
        ASSERT_TRUE(leaf && leaf->has_value());
        EXPECT_EQ(**leaf, types::encode_account(*proof->account));
        for (std::size_t i = 0; i < slots.size(); ++i) {
            auto value = trie::verify_proof(proof->account->storage_root,
                                            crypto::keccak256(slots[i].view()).view(),
                                            proof->storage_proofs[i]);
            ASSERT_TRUE(value);
            EXPECT_EQ(value->has_value(), i + 1 < slots.size());
        }
    }
    auto absent = m_flat->prove(addr(123456), {});
    ASSERT_TRUE(absent);
    EXPECT_FALSE(absent->account.has_value());
    auto leaf = trie::verify_proof(root, crypto::keccak256(addr(123456).view()).view(),
                                   absent->account_proof);
    ASSERT_TRUE(leaf);
    EXPECT_FALSE(leaf->has_value());
}

TEST_P(CommittedStateTest, MissingTrieNodesAreReportedNotCrashed) {
    std::mt19937_64 rng(5);
    const auto model = random_model(rng, 30);
    Overlay genesis(*m_flat);
    test::load_model(genesis, model);
    const Hash root = test::commit(genesis, *m_flat, *m_kv);
    // Drop the root node: the next block cannot compute a root.
    m_kv->erase(*m_kv->family_id(kTrieFamily), root.view());
    Overlay overlay(*m_flat);
    overlay.set_balance(model.begin()->first, Uint256{1});
    overlay.finish_transaction(true);
    auto diff = overlay.diff();
    ASSERT_FALSE(diff);
    EXPECT_EQ(diff.error(), StateError::kMissingTrieNode);
}

INSTANTIATE_TEST_SUITE_P(Backends, CommittedStateTest, ::testing::Values(false, true),
                         [](const auto& param_info) {
                             return param_info.param ? "Rocks" : "Memory";
                         });

}  // namespace
}  // namespace yunlian::state

namespace yunlian::state {
namespace {

// Block 2 runs on block 1's diff before block 1 is written; writing both afterwards gives the
// same state and root.
TEST(PendingState, NextBlockExecutesOnAnUnwrittenDiff) {
    std::mt19937_64 rng(11);
    auto model = random_model(rng, 50);
    MemoryKv kv(state_families());
    FlatState flat(kv);
    Overlay genesis(flat);
    test::load_model(genesis, model);
    test::commit(genesis, flat, kv);

    Overlay block1(flat);
    random_block(rng, block1, model);
    const Address doomed = model.begin()->first;
    block1.destruct(doomed);
    block1.finish_transaction(true);
    model.erase(doomed);
    const StateDiff diff1 = block1.diff().value();
    EXPECT_EQ(diff1.state_root, test::model_root(model));

    PendingState pending(flat, diff1);
    EXPECT_FALSE(pending.account(doomed).has_value());
    EXPECT_EQ(pending.storage(doomed, word(1)), Hash{});
    for (const auto& [address, account] : model) {
        ASSERT_EQ(pending.account(address)->balance, account.balance);
        for (const auto& [slot, value] : account.storage) {
            ASSERT_EQ(pending.storage(address, slot), value);
        }
    }
    Overlay block2(pending);
    random_block(rng, block2, model);
    const StateDiff diff2 = block2.diff().value();
    EXPECT_EQ(diff2.state_root, test::model_root(model));

    for (const StateDiff* diff : {&diff1, &diff2}) {
        WriteBatch batch;
        flat.apply(*diff, batch);
        kv.write(batch);
    }
    EXPECT_EQ(flat.state_root(), diff2.state_root);
    Overlay check(flat);
    check.set_balance(model.begin()->first, model.begin()->second.balance);
    EXPECT_EQ(check.state_root().value(), diff2.state_root);
}

}  // namespace
}  // namespace yunlian::state
