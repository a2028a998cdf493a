#include "trie/nibbles.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace yunlian::trie {
namespace {

using test::hex;

// Yellow Paper appendix C, with the examples geth's encoding_test.go also uses.
TEST(HexPrefix, EncodesEvenOddLeafAndExtension) {
    EXPECT_EQ(hex_prefix_encode(Bytes{}, false), hex("00"));
    EXPECT_EQ(hex_prefix_encode(Bytes{}, true), hex("20"));
    EXPECT_EQ(hex_prefix_encode(Bytes{1, 2, 3, 4, 5}, false), hex("112345"));
    EXPECT_EQ(hex_prefix_encode(Bytes{0, 1, 2, 3, 4, 5}, false), hex("00012345"));
    EXPECT_EQ(hex_prefix_encode(Bytes{0, 15, 1, 12, 11, 8}, true), hex("200f1cb8"));
    EXPECT_EQ(hex_prefix_encode(Bytes{15, 1, 12, 11, 8}, true), hex("3f1cb8"));
}

TEST(HexPrefix, RoundTrips) {
    for (std::size_t len = 0; len < 9; ++len) {
        for (bool leaf : {false, true}) {
            Bytes path;
            for (std::size_t i = 0; i < len; ++i)
                path.push_back(static_cast<std::uint8_t>(i * 7 % 16));
            auto decoded = hex_prefix_decode(hex_prefix_encode(path, leaf));
            ASSERT_TRUE(decoded);
            EXPECT_EQ(decoded->nibbles, path);
            EXPECT_EQ(decoded->leaf, leaf);
        }
    }
}

TEST(HexPrefix, RejectsMalformed) {
    EXPECT_EQ(hex_prefix_decode(Bytes{}).error(), TrieError::kBadHexPrefix);
    EXPECT_EQ(hex_prefix_decode(hex("40")).error(), TrieError::kBadHexPrefix);
    EXPECT_EQ(hex_prefix_decode(hex("f0")).error(), TrieError::kBadHexPrefix);
    // Even length with a non-zero padding nibble.
    EXPECT_EQ(hex_prefix_decode(hex("0512")).error(), TrieError::kBadHexPrefix);
    EXPECT_EQ(hex_prefix_decode(hex("21")).error(), TrieError::kBadHexPrefix);
}

TEST(Nibbles, SplitsAndCompares) {
    EXPECT_EQ(to_nibbles(hex("ab01")), (Bytes{10, 11, 0, 1}));
    EXPECT_EQ(nibble_at(hex("ab01"), 1), 11);
    EXPECT_EQ(common_prefix(Bytes{1, 2, 3}, Bytes{1, 2, 4}), 2U);
    EXPECT_EQ(common_prefix(Bytes{1, 2}, Bytes{1, 2, 4}), 2U);
    EXPECT_EQ(common_prefix(Bytes{}, Bytes{1}), 0U);
}

}  // namespace
}  // namespace yunlian::trie
