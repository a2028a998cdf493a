#include "trie/proof.hpp"

#include <random>

#include <gtest/gtest.h>

#include "crypto/keccak.hpp"
#include "test_util.hpp"
#include "trie/trie.hpp"

namespace yunlian::trie {
namespace {

using test::numbered;
using test::str;

class ProofTest : public ::testing::Test {
  protected:
    void SetUp() override {
        for (int i = 0; i < 300; ++i) {
            const Bytes key = to_bytes(crypto::keccak256(str(std::to_string(i))).view());
            ASSERT_TRUE(m_trie.put(key, numbered("v", i)));
            m_keys.push_back(key);
        }
        m_root = m_trie.commit(m_store);
    }

    MemoryNodeStore m_store;
    Trie m_trie{m_store};
    std::vector<Bytes> m_keys;
    Hash m_root;
};

TEST_F(ProofTest, PresentKeysRoundTrip) {
    for (std::size_t i = 0; i < m_keys.size(); i += 7) {
        auto proof = m_trie.prove(m_keys[i]);
        ASSERT_TRUE(proof);
        ASSERT_FALSE(proof->empty());
        EXPECT_EQ(crypto::keccak256(proof->front()), m_root);
        auto value = verify_proof(m_root, m_keys[i], *proof);
        ASSERT_TRUE(value);
        EXPECT_EQ(*value, numbered("v", static_cast<int>(i)));
    }
}

TEST_F(ProofTest, AbsentKeysProveAbsence) {
    for (int i = 1000; i < 1020; ++i) {
        const Bytes key = to_bytes(crypto::keccak256(str(std::to_string(i))).view());
        auto proof = m_trie.prove(key);
        ASSERT_TRUE(proof);
        auto value = verify_proof(m_root, key, *proof);
        ASSERT_TRUE(value);
        EXPECT_FALSE(value->has_value());
    }
}

TEST_F(ProofTest, ProofFromReloadedTrieIsTheSame) {
    Trie reloaded(m_store, m_root);
    EXPECT_EQ(reloaded.prove(m_keys[3]).value(), m_trie.prove(m_keys[3]).value());
}

TEST_F(ProofTest, MissingNodeIsRejected) {
    auto proof = m_trie.prove(m_keys[0]).value();
    ASSERT_GE(proof.size(), 2U);
    proof.pop_back();
    EXPECT_EQ(verify_proof(m_root, m_keys[0], proof).error(), TrieError::kMissingNode);
    EXPECT_EQ(verify_proof(m_root, m_keys[0], {}).error(), TrieError::kMissingNode);
}

TEST_F(ProofTest, TamperedNodeIsRejected) {
    auto proof = m_trie.prove(m_keys[0]).value();
    proof.back().back() ^= 1;  // the leaf's value changes, so its hash no longer matches
    auto result = verify_proof(m_root, m_keys[0], proof);
    EXPECT_FALSE(result);
}

TEST_F(ProofTest, WrongRootIsRejected) {
    auto proof = m_trie.prove(m_keys[0]).value();
    Hash other = m_root;
    other[0] ^= 1;
    EXPECT_EQ(verify_proof(other, m_keys[0], proof).error(), TrieError::kMissingNode);
}

TEST(Proof, EmptyTrieProvesAbsence) {
    auto value = verify_proof(kEmptyRoot, str("a"), {});
    ASSERT_TRUE(value);
    EXPECT_FALSE(value->has_value());
}

TEST(Proof, SmallTrieWithEmbeddedNodes) {
    MemoryNodeStore store;
    Trie trie(store);
    ASSERT_TRUE(trie.put(str("do"), str("verb")));
    ASSERT_TRUE(trie.put(str("dog"), str("puppy")));
    ASSERT_TRUE(trie.put(str("doge"), str("coin")));
    ASSERT_TRUE(trie.put(str("horse"), str("stallion")));
    const Hash root = trie.commit(store);
    for (const char* key : {"do", "dog", "doge", "horse", "d", "dogs", "x"}) {
        auto proof = trie.prove(str(key)).value();
        auto value = verify_proof(root, str(key), proof).value();
        auto expected = trie.get(str(key)).value();
        EXPECT_EQ(value, expected) << key;
    }
}

// Hostile proofs: an extension whose child is itself, garbage, and branches pointing nowhere.
TEST(Proof, MalformedNodesAreErrors) {
    // (0x80 alone is the empty trie, whose root proves every key absent.)
    const std::vector<Bytes> garbage{{0xc0}, {0xc1, 0x80}, {0xff}, {0xc2, 0x00, 0x80}};
    for (const auto& node : garbage) {
        const std::vector<Bytes> proof{node};
        auto result = verify_proof(crypto::keccak256(node), str("ab"), proof);
        EXPECT_FALSE(result);
    }
    // An extension with an empty path would let a walk stand still.
    const Bytes empty_ext = {0xc2, 0x00, 0x80};
    EXPECT_EQ(decode_node(empty_ext).error(), TrieError::kEmptyExtension);
    Bytes ext_no_path{0xe2, 0x00, 0xa0};
    ext_no_path.resize(35, 0x11);
    EXPECT_EQ(decode_node(ext_no_path).error(), TrieError::kEmptyExtension);
}

}  // namespace
}  // namespace yunlian::trie
