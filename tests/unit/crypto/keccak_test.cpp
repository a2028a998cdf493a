#include "crypto/keccak.hpp"

#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"

namespace yunlian::crypto {
namespace {

std::string hex_of(const Hash& h) { return to_hex(h.view(), false); }

Bytes sequence(std::size_t n) {
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(i & 0xff);
    return out;
}

TEST(Keccak256, EmptyInput) {
    EXPECT_EQ(hex_of(keccak256({})),
              "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST(Keccak256, Abc) {
    EXPECT_EQ(hex_of(keccak256(as_bytes("abc"))),
              "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST(Keccak256, QuickBrownFox) {
    EXPECT_EQ(hex_of(keccak256(as_bytes("The quick brown fox jumps over the lazy dog"))),
              "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

TEST(Keccak256, TwoHundredBytesOfA3) {
    // The Keccak team's 1600-bit message of 0xa3 bytes, under the original 0x01 padding. It is
    // two blocks long, so it also covers absorbing a full block and a partial one.
    const Bytes data(200, 0xa3);
    EXPECT_EQ(hex_of(keccak256(data)),
              "3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a");
}

TEST(Keccak256, BlockBoundaries) {
    // Lengths around the 136-byte rate: one byte short (padding bytes 0x01 and 0x80 share the
    // last byte), exact (a whole padding block follows), and multi-block.
    const std::pair<std::size_t, const char*> cases[] = {
        {135, "cbdfd9dee5faad3818d6b06f95a219fd290b0e1706f6a82e5a595b9ce9faca62"},
        {136, "7ce759f1ab7f9ce437719970c26b0a66ff11fe3e38e17df89cf5d29c7d7f807e"},
        {137, "ac73d4fae68b8453f764007c1a20ce95994187861f0c3227a3a8e99a73a3b1db"},
        {272, "fdf2ec49e749960d3c8521a0219af8d03e30e2b3bf19bd16150ee0eaf133d66e"},
        {1000, "aca79e4146e30eb1c733f6d6060d72471c36ea4e01ebf45d7f4916249c2bbd82"},
    };
    for (const auto& [size, expected] : cases) {
        EXPECT_EQ(hex_of(keccak256(sequence(size))), expected) << "length " << size;
    }
}

TEST(Keccak256, IncrementalSplitAtEveryOffset) {
    const Bytes data = sequence(300);
    const std::string expected = "a679e749a6af300c36e7ff2255d220864eab27b382f9cfdc5aa4d13563ba36ff";
    ASSERT_EQ(hex_of(keccak256(data)), expected);
    const BytesView view(data);
    Keccak256 hasher;
    for (std::size_t split = 0; split <= data.size(); ++split) {
        hasher.update(view.first(split));
        hasher.update(view.subspan(split));
        EXPECT_EQ(hex_of(hasher.finish()), expected) << "split at " << split;
    }
}

TEST(Keccak256, IncrementalByteByByteAndThreeWay) {
    const Bytes data = sequence(300);
    const Hash expected = keccak256(data);
    Keccak256 hasher;
    for (std::uint8_t b : data) hasher.update(BytesView(&b, 1));
    EXPECT_EQ(hasher.finish(), expected);
    const BytesView view(data);
    for (std::size_t a = 0; a <= data.size(); a += 17) {
        for (std::size_t b = a; b <= data.size(); b += 29) {
            hasher.update(view.subspan(0, a));
            hasher.update(view.subspan(a, b - a));
            hasher.update(view.subspan(b));
            ASSERT_EQ(hasher.finish(), expected) << a << "," << b;
        }
    }
}

TEST(Keccak256, FinishResets) {
    Keccak256 hasher;
    hasher.update(as_bytes("garbage that must not leak into the next digest"));
    (void)hasher.finish();
    EXPECT_EQ(hasher.finish(), keccak256({}));
    hasher.update(as_bytes("abc"));
    EXPECT_EQ(hasher.finish(), keccak256(as_bytes("abc")));
}

TEST(KeccakF1600, ZeroStateKnownAnswer) {
    // keccak-f[1600] applied to the all-zero state: first lane of the Keccak team's
    // KeccakF-1600-IntermediateValues.txt.
    std::array<std::uint64_t, 25> state{};
    keccak_f1600(state);
    EXPECT_EQ(state[0], 0xF1258F7940E1DDE7ULL);
    EXPECT_EQ(state[1], 0x84D5CCF933C0478AULL);
    keccak_f1600(state);
    EXPECT_EQ(state[0], 0x2D5C954DF96ECB3CULL);
}

}  // namespace
}  // namespace yunlian::crypto
