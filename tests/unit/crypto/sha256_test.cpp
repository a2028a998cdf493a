#include "crypto/sha256.hpp"

#include <gtest/gtest.h>

#include "common/hex.hpp"

namespace yunlian::crypto {
namespace {

TEST(Sha256, Fips180Vectors) {
    EXPECT_EQ(to_hex(sha256(as_bytes("")).view(), false),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(to_hex(sha256(as_bytes("abc")).view(), false),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, IncrementalMatchesOneShot) {
    const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    Sha256 hasher;
    hasher.update(as_bytes(text.substr(0, 10)));
    hasher.update(as_bytes(text.substr(10)));
    EXPECT_EQ(hasher.finish(), sha256(as_bytes(text)));
    // finish() resets, so the hasher is reusable.
    hasher.update(as_bytes("abc"));
    EXPECT_EQ(hasher.finish(), sha256(as_bytes("abc")));
}

TEST(Ripemd160, Vectors) {
    EXPECT_EQ(to_hex(ripemd160(as_bytes("")).view(), false),
              "9c1185a5c5e9fc54612808977ee8f548b2258d31");
    EXPECT_EQ(to_hex(ripemd160(as_bytes("abc")).view(), false),
              "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
}

}  // namespace
}  // namespace yunlian::crypto
