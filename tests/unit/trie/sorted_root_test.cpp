#include "trie/sorted_root.hpp"

#include <gtest/gtest.h>

#include "crypto/keccak.hpp"
#include "test_util.hpp"
#include "trie/node_codec.hpp"

namespace yunlian::trie {
namespace {

using test::hash_hex;
using test::str;

TEST(SortedRoot, EmptyTrieRootIsKeccakOfEmptyString) {
    EXPECT_EQ(sorted_root({}).value(),
              hash_hex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"));
    EXPECT_EQ(kEmptyRoot, crypto::keccak256(Bytes{0x80}));
}

// The classic vector of the Ethereum trie tests (geth trie_test.go TestInsert).
TEST(SortedRoot, DoeDogDogglesworth) {
    auto root = unsorted_root({{str("doe"), str("reindeer")},
                               {str("dog"), str("puppy")},
                               {str("dogglesworth"), str("cat")}});
    EXPECT_EQ(root.value(),
              hash_hex("8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3"));
}

TEST(SortedRoot, SingleKey) {
    auto root = unsorted_root({{str("A"), str(std::string(50, 'a'))}});
    EXPECT_EQ(root.value(),
              hash_hex("d23786fb4a010da3ce639d66d5e904a11dbc02746d1ce25029e53290cabf28ab"));
}

// More vectors of ethereum/tests TrieTests (trietest.json, trieanyorder.json).
TEST(SortedRoot, MoreKnownVectors) {
    EXPECT_EQ(unsorted_root({{str("doe"), str("reindeer")}}).value(),
              hash_hex("11a0327cfcc5b7689b6b6d727e1f5f8846c1137caaa9fc871ba31b7cce1b703e"));
    EXPECT_EQ(unsorted_root({{str("foo"), str("bar")}, {str("food"), str("bass")}}).value(),
              hash_hex("17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3"));
    EXPECT_EQ(unsorted_root({{str("test"), str("test")}, {str("te"), str("testy")}}).value(),
              hash_hex("8452568af70d8d140f58d941338542f645fcca50094b20f3c3d8c3df49337928"));
}

// A single short leaf: its RLP is under 32 bytes, yet the root is still its keccak.
TEST(SortedRoot, SmallRootIsHashedAnyway) {
    const Bytes key = str("k");
    const Bytes value = str("v");
    const Bytes leaf = encode_leaf(Bytes{6, 11}, value);
    ASSERT_LT(leaf.size(), 32U);
    EXPECT_EQ(unsorted_root({{key, value}}).value(), crypto::keccak256(leaf));
}

// geth trie_test.go TestDelete: the pairs left after its deletions.
TEST(SortedRoot, KeysThatArePrefixesOfOthers) {
    auto root = unsorted_root({{str("do"), str("verb")},
                               {str("horse"), str("stallion")},
                               {str("doge"), str("coin")},
                               {str("dog"), str("puppy")}});
    EXPECT_EQ(root.value(),
              hash_hex("5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"));
}

TEST(SortedRoot, RejectsUnsortedDuplicateAndEmpty) {
    const Bytes a = str("a");
    const Bytes b = str("b");
    const std::vector<KeyValue> unsorted{{b, a}, {a, a}};
    EXPECT_EQ(sorted_root(unsorted).error(), TrieError::kUnsortedKeys);
    const std::vector<KeyValue> duplicate{{a, a}, {a, b}};
    EXPECT_EQ(sorted_root(duplicate).error(), TrieError::kUnsortedKeys);
    const std::vector<KeyValue> empty_value{{a, Bytes{}}};
    EXPECT_EQ(sorted_root(empty_value).error(), TrieError::kEmptyValue);
}

}  // namespace
}  // namespace yunlian::trie
