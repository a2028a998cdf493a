#include "trie/trie.hpp"

#include <algorithm>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "crypto/keccak.hpp"
#include "test_util.hpp"
#include "trie/sorted_root.hpp"

namespace yunlian::trie {
namespace {

using test::hash_hex;
using test::numbered;
using test::str;

/// Byte-wise order (spelled out: GCC 12 warns falsely on std::vector's operator<=>).
struct BytesLess {
    bool operator()(const Bytes& a, const Bytes& b) const noexcept {
        return std::ranges::lexicographical_compare(a, b);
    }
};
using BytesMap = std::map<Bytes, Bytes, BytesLess>;

Hash model_root(const BytesMap& model) {
    std::vector<KeyValue> pairs;
    for (const auto& [k, v] : model) pairs.push_back({k, v});
    return sorted_root(pairs).value();
}

TEST(Trie, EmptyTrie) {
    MemoryNodeStore store;
    Trie trie(store);
    EXPECT_EQ(trie.root_hash(), kEmptyRoot);
    EXPECT_FALSE(trie.get(str("x")).value().has_value());
    EXPECT_TRUE(trie.erase(str("x")));
    EXPECT_EQ(trie.commit(store), kEmptyRoot);
    EXPECT_EQ(store.size(), 0U);
}

TEST(Trie, InsertVectorAndGet) {
    MemoryNodeStore store;
    Trie trie(store);
    ASSERT_TRUE(trie.put(str("doe"), str("reindeer")));
    ASSERT_TRUE(trie.put(str("dog"), str("puppy")));
    ASSERT_TRUE(trie.put(str("dogglesworth"), str("cat")));
    EXPECT_EQ(trie.root_hash(),
              hash_hex("8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3"));
    EXPECT_EQ(trie.get(str("dog")).value(), str("puppy"));
    EXPECT_FALSE(trie.get(str("do")).value().has_value());
    EXPECT_FALSE(trie.get(str("dogg")).value().has_value());
}

// geth trie_test.go TestDelete: puts and deletes (an empty value deletes) in this order.
TEST(Trie, DeleteVector) {
    MemoryNodeStore store;
    Trie trie(store);
    const std::vector<std::pair<std::string, std::string>> ops{
        {"do", "verb"},   {"ether", "wookiedoo"}, {"horse", "stallion"}, {"shaman", "horse"},
        {"doge", "coin"}, {"ether", ""},          {"dog", "puppy"},      {"shaman", ""}};
    for (const auto& [k, v] : ops) ASSERT_TRUE(trie.put(str(k), str(v)));
    EXPECT_EQ(trie.root_hash(),
              hash_hex("5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"));
}

TEST(Trie, CommitThenReloadFromStore) {
    MemoryNodeStore store;
    Hash root;
    {
        Trie trie(store);
        for (int i = 0; i < 200; ++i) {
            const Bytes key = to_bytes(crypto::keccak256(str(std::to_string(i))).view());
            ASSERT_TRUE(trie.put(key, numbered("value", i)));
        }
        root = trie.commit(store);
        const std::size_t written = store.size();
        EXPECT_EQ(trie.commit(store), root);
        EXPECT_EQ(store.size(), written);
    }
    Trie reloaded(store, root);
    EXPECT_EQ(reloaded.root_hash(), root);
    const Bytes key7 = to_bytes(crypto::keccak256(str("7")).view());
    EXPECT_EQ(reloaded.get(key7).value(), str("value7"));
    ASSERT_TRUE(reloaded.erase(key7));
    EXPECT_NE(reloaded.root_hash(), root);
    ASSERT_TRUE(reloaded.put(key7, str("value7")));
    EXPECT_EQ(reloaded.root_hash(), root);
}

TEST(Trie, SmallRootIsStoredAndReloads) {
    MemoryNodeStore store;
    Trie trie(store);
    ASSERT_TRUE(trie.put(str("k"), str("v")));
    const Hash root = trie.commit(store);
    EXPECT_EQ(store.size(), 1U);
    Trie reloaded(store, root);
    EXPECT_EQ(reloaded.get(str("k")).value(), str("v"));
    ASSERT_TRUE(reloaded.put(str("k2"), str("v2")));
    EXPECT_EQ(reloaded.root_hash(),
              unsorted_root({{str("k"), str("v")}, {str("k2"), str("v2")}}).value());
}

TEST(Trie, MissingNodeIsAnError) {
    MemoryNodeStore empty;
    Trie trie(empty, hash_hex("8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3"));
    EXPECT_EQ(trie.get(str("dog")).error(), TrieError::kMissingNode);
    EXPECT_EQ(trie.put(str("dog"), str("x")).error(), TrieError::kMissingNode);
    EXPECT_EQ(trie.prove(str("dog")).error(), TrieError::kMissingNode);
}

TEST(Trie, MalformedStoredNodeIsAnError) {
    MemoryNodeStore store;
    const Bytes junk{0xc3, 0x01, 0x02, 0x03};  // a list of three items: no node kind
    const Hash root = crypto::keccak256(junk);
    store.put_node(root, junk);
    Trie trie(store, root);
    EXPECT_EQ(trie.get(str("a")).error(), TrieError::kMalformedNode);
}

/// Random keys: short ones (1-3 bytes, so that keys are prefixes of others and branches carry
/// values) or 32-byte hashes (the secure trie's shape).
Bytes random_key(std::mt19937_64& rng, bool short_keys) {
    if (!short_keys) {
        Bytes seed(8);
        for (auto& b : seed) b = static_cast<std::uint8_t>(rng());
        return to_bytes(crypto::keccak256(seed).view());
    }
    Bytes key(1 + rng() % 3);
    for (auto& b : key) b = static_cast<std::uint8_t>(rng() % 4 * 0x11);
    return key;
}

Bytes random_value(std::mt19937_64& rng) {
    Bytes value(1 + rng() % 40);
    for (auto& b : value) b = static_cast<std::uint8_t>(rng());
    return value;
}

/// Random puts and erases; after every batch the incremental root must equal the sorted build of
/// a std::map model, and every few batches the trie is committed and reopened from the store so
/// that lazy loading and collapsing over stubs are exercised too.
void run_differential(std::uint64_t seed, bool short_keys) {
    std::mt19937_64 rng(seed);
    MemoryNodeStore store;
    BytesMap model;
    std::vector<Bytes> known;
    auto trie = std::make_unique<Trie>(store);
    for (int batch = 0; batch < 40; ++batch) {
        for (int op = 0; op < 25; ++op) {
            const bool reuse = !known.empty() && rng() % 2 == 0;
            const Bytes key = reuse ? known[rng() % known.size()] : random_key(rng, short_keys);
            if (!reuse) known.push_back(key);
            if (rng() % 3 == 0) {
                ASSERT_TRUE(trie->erase(key));
                model.erase(key);
            } else {
                const Bytes value = random_value(rng);
                ASSERT_TRUE(trie->put(key, value));
                model[key] = value;
            }
        }
        ASSERT_EQ(trie->root_hash(), model_root(model)) << "seed " << seed << " batch " << batch;
        if (batch % 4 == 3) {
            const Hash root = trie->commit(store);
            trie = std::make_unique<Trie>(store, root);
        }
    }
    for (const auto& key : known) {
        auto got = trie->get(key);
        ASSERT_TRUE(got);
        const auto it = model.find(key);
        if (it == model.end()) {
            EXPECT_FALSE(got->has_value());
        } else {
            EXPECT_EQ(*got, it->second);
        }
    }
    // Erase everything: back to the empty root.
    for (const auto& key : known) ASSERT_TRUE(trie->erase(key));
    EXPECT_EQ(trie->root_hash(), kEmptyRoot);
}

TEST(TrieDifferential, HashedKeysMatchSortedBuild) {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) run_differential(seed, false);
}

TEST(TrieDifferential, ShortPrefixKeysMatchSortedBuild) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) run_differential(seed, true);
}

}  // namespace
}  // namespace yunlian::trie
