#include "crypto/secp256k1.hpp"

#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "crypto/address.hpp"
#include "crypto/keccak.hpp"

namespace yunlian::crypto {
namespace {

template <std::size_t N>
FixedBytes<N> fixed(std::string_view hex) {
    return fixed_from_hex<N>(hex).value();
}

const PrivateKey kKeyOne =
    fixed<32>("0000000000000000000000000000000000000000000000000000000000000001");
// Reference values below come from ethers 6 (@noble/secp256k1, RFC 6979), an independent
// implementation.
const PrivateKey kKey =
    fixed<32>("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
const Hash kDigest = keccak256(as_bytes("yunlian"));
const char* const kOrderHex = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

TEST(Secp256k1, PublicKeyOfOneIsTheGenerator) {
    const auto key = public_key_of(kKeyOne);
    ASSERT_TRUE(key);
    EXPECT_EQ(to_hex(key->view(), false),
              "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
              "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
    EXPECT_EQ(to_checksum_hex(address_of(*key)), "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
}

TEST(Secp256k1, SignMatchesRfc6979Reference) {
    EXPECT_EQ(to_hex(kDigest.view(), false),
              "3d23025b9edcc7c59bd8ac1913d400581979d51a3d2585e06949022d0ac99195");
    const auto sig = sign(kDigest, kKey);
    ASSERT_TRUE(sig);
    EXPECT_EQ(to_hex(sig->r.view(), false),
              "5daec6bb561c1fdc2d21400f5482c82604549dba581f658ceca69d3d8f5450b6");
    EXPECT_EQ(to_hex(sig->s.view(), false),
              "3af557c352e07f13a5a940067c60503a6252a09f802e5b89ed7d41490f563595");
    EXPECT_EQ(sig->recovery_id, 1);
    EXPECT_TRUE(is_low_s(sig->s));

    const auto sig1 = sign(kDigest, kKeyOne);
    ASSERT_TRUE(sig1);
    EXPECT_EQ(to_hex(sig1->r.view(), false),
              "959f58d4d65aa97dc92656c332faf87ed9dc426a17a03a7766a35a87406eaed6");
    EXPECT_EQ(to_hex(sig1->s.view(), false),
              "657e6f9ac915983755f68e83d0a8d07d03a410e1a24e56be973c71232166833b");
    EXPECT_EQ(sig1->recovery_id, 1);
}

TEST(Secp256k1, RecoverRoundTrip) {
    const auto sig = sign(kDigest, kKey);
    ASSERT_TRUE(sig);
    const auto address = recover_address(kDigest, *sig);
    ASSERT_TRUE(address);
    EXPECT_EQ(to_checksum_hex(*address), "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
    EXPECT_EQ(*recover_public_key(kDigest, *sig), *public_key_of(kKey));

    // Another digest recovers some other key, not an error.
    const Hash other = keccak256(as_bytes("other"));
    const auto wrong = recover_address(other, *sig);
    ASSERT_TRUE(wrong);
    EXPECT_NE(*wrong, *address);
}

TEST(Secp256k1, SignaturesAreDeterministicAndLowS) {
    for (int i = 0; i < 64; ++i) {
        const Hash digest = keccak256(as_bytes(std::to_string(i)));
        const auto a = sign(digest, kKey);
        const auto b = sign(digest, kKey);
        ASSERT_TRUE(a && b);
        EXPECT_EQ(*a, *b);
        EXPECT_TRUE(is_low_s(a->s));
        EXPECT_LE(a->recovery_id, 1);
        EXPECT_EQ(*recover_public_key(digest, *a), *public_key_of(kKey));
    }
}

/// n - s, big-endian, for s in [1, n - 1].
Hash negate_scalar(const Hash& s) {
    const Hash n = fixed<32>(kOrderHex);
    Hash out;
    int borrow = 0;
    for (std::size_t i = 32; i-- > 0;) {
        int d = n[i] - s[i] - borrow;
        borrow = d < 0 ? 1 : 0;
        out[i] = static_cast<std::uint8_t>(d + (borrow != 0 ? 256 : 0));
    }
    return out;
}

TEST(Secp256k1, RecoverAcceptsHighS) {
    // (r, n - s) with the other parity is the same signature (the malleability EIP-2 forbids
    // for transactions); ecrecover must still accept it.
    const auto sig = sign(kDigest, kKey);
    ASSERT_TRUE(sig);
    Signature high = *sig;
    high.s = negate_scalar(sig->s);
    high.recovery_id ^= 1;
    EXPECT_FALSE(is_low_s(high.s));
    const auto key = recover_public_key(kDigest, high);
    ASSERT_TRUE(key);
    EXPECT_EQ(*key, *public_key_of(kKey));
}

TEST(Secp256k1, IsLowSBoundary) {
    EXPECT_TRUE(
        is_low_s(fixed<32>("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")));
    EXPECT_FALSE(
        is_low_s(fixed<32>("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a1")));
    EXPECT_TRUE(is_low_s(Hash{}));
}

TEST(Secp256k1, RecoverRejectsOutOfRangeValues) {
    const auto good = sign(kDigest, kKey);
    ASSERT_TRUE(good);
    const Hash n = fixed<32>(kOrderHex);
    Hash all_ones;
    all_ones.bytes.fill(0xff);

    for (const Hash& bad : {Hash{}, n, all_ones}) {
        Signature sig = *good;
        sig.r = bad;
        EXPECT_EQ(recover_public_key(kDigest, sig).error(), SecpError::kInvalidSignature);
        sig = *good;
        sig.s = bad;
        EXPECT_EQ(recover_public_key(kDigest, sig).error(), SecpError::kInvalidSignature);
    }
    for (std::uint8_t id : {std::uint8_t{4}, std::uint8_t{27}, std::uint8_t{255}}) {
        Signature sig = *good;
        sig.recovery_id = id;
        EXPECT_EQ(recover_address(kDigest, sig).error(), SecpError::kInvalidRecoveryId);
    }
}

TEST(Secp256k1, RecoverFailsWithoutCurvePoint) {
    // x = 5 is not the x-coordinate of any point on y^2 = x^3 + 7 (125 + 7 = 132 is a
    // non-residue mod p), so r = 5 recovers nothing.
    Signature sig;
    sig.r = fixed<32>("0000000000000000000000000000000000000000000000000000000000000005");
    sig.s = fixed<32>("0000000000000000000000000000000000000000000000000000000000000001");
    sig.recovery_id = 0;
    EXPECT_EQ(recover_public_key(kDigest, sig).error(), SecpError::kRecoveryFailed);
    // Ids 2 and 3 mean R.x = r + n, which must stay below p: for a typical r it does not.
    const auto good = sign(kDigest, kKey);
    ASSERT_TRUE(good);
    Signature high_id = *good;
    high_id.recovery_id = 2;
    EXPECT_EQ(recover_public_key(kDigest, high_id).error(), SecpError::kRecoveryFailed);
    // A small r with id 2 has r + n < p and may recover a key: it must not crash either way.
    sig.r = fixed<32>("0000000000000000000000000000000000000000000000000000000000000001");
    sig.recovery_id = 2;
    (void)recover_public_key(kDigest, sig);
    sig.recovery_id = 3;
    (void)recover_public_key(kDigest, sig);
}

TEST(Secp256k1, ParsePrivateKey) {
    EXPECT_TRUE(parse_private_key(kKey.view()));
    EXPECT_TRUE(parse_private_key(kKeyOne.view()));
    EXPECT_EQ(parse_private_key(Hash{}.view()).error(), SecpError::kInvalidPrivateKey);
    const Hash n = fixed<32>(kOrderHex);
    EXPECT_EQ(parse_private_key(n.view()).error(), SecpError::kInvalidPrivateKey);
    const Hash n_minus_1 =
        fixed<32>("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
    EXPECT_TRUE(parse_private_key(n_minus_1.view()));
    EXPECT_EQ(parse_private_key(kKey.view().first(31)).error(), SecpError::kInvalidPrivateKey);
    const Bytes too_long(33, 1);
    EXPECT_EQ(parse_private_key(too_long).error(), SecpError::kInvalidPrivateKey);
}

TEST(Secp256k1, InvalidKeysAreRefused) {
    EXPECT_EQ(public_key_of(PrivateKey{}).error(), SecpError::kInvalidPrivateKey);
    EXPECT_EQ(sign(kDigest, PrivateKey{}).error(), SecpError::kInvalidPrivateKey);
    EXPECT_EQ(sign(kDigest, fixed<32>(kOrderHex)).error(), SecpError::kInvalidPrivateKey);
}

TEST(Secp256k1, ErrorNames) {
    EXPECT_EQ(to_string(SecpError::kInvalidRecoveryId), "invalid recovery id");
    EXPECT_FALSE(to_string(SecpError::kRecoveryFailed).empty());
}

}  // namespace
}  // namespace yunlian::crypto
