// MODEXP (EIP-198): the EIP's examples, the output-length rules, and a differential check against
// square-and-multiply over Uint256::mulmod for random 256-bit operands.

#include "crypto/modexp.hpp"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "common/uint256.hpp"

namespace yunlian::crypto {
namespace {

Bytes hex(std::string_view text) { return from_hex(text).value(); }

// The secp256k1 field prime, the modulus of EIP-198's examples.
const std::string kPrime = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";
const std::string kPrimeMinusOne =
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e";

TEST(Modexp, Eip198FermatExample) {
    // 3^(p-1) mod p = 1 (Fermat's little theorem).
    EXPECT_EQ(modexp(hex("03"), hex(kPrimeMinusOne), hex(kPrime)),
              hex(std::string(62, '0') + "01"));
}

TEST(Modexp, Eip198ZeroBaseExample) {
    // The base length is zero: base = 0, so 0^(p-1) mod p = 0.
    EXPECT_EQ(modexp({}, hex(kPrimeMinusOne), hex(kPrime)), Bytes(32, 0));
}

TEST(Modexp, ZeroExponentGivesOneModM) {
    EXPECT_EQ(modexp(hex("00"), {}, hex("05")), hex("01"));
    EXPECT_EQ(modexp({}, {}, hex("0005")), hex("0001"));
    EXPECT_EQ(modexp(hex("07"), hex("00"), hex("01")), hex("00"));  // 1 mod 1 = 0
}

TEST(Modexp, ZeroModulusGivesZerosOfItsLength) {
    EXPECT_TRUE(modexp(hex("02"), hex("03"), {}).empty());
    EXPECT_EQ(modexp(hex("02"), hex("03"), hex("000000")), Bytes(3, 0));
}

TEST(Modexp, OutputKeepsTheModulusLength) {
    // Leading zero bytes of the modulus count: the result is left-padded to its length.
    EXPECT_EQ(modexp(hex("02"), hex("0a"), hex("00000000000f4243")), hex("0000000000000400"));
    // 2^10 mod 1000003 = 1024; base and exponent with leading zeros change nothing.
    EXPECT_EQ(modexp(hex("000002"), hex("00000a"), hex("0f4243")), hex("000400"));
}

TEST(Modexp, LargeOperands) {
    // (2^1024 - 1)^2 mod (2^1024 - 3): the base is m + 2, so the result is 2^2 = 4.
    const Bytes base(128, 0xff);
    Bytes modulus(128, 0xff);
    modulus.back() = 0xfd;
    Bytes want(128, 0);
    want.back() = 4;
    EXPECT_EQ(modexp(base, hex("02"), modulus), want);
    // Base larger than the modulus is reduced first.
    EXPECT_EQ(modexp(hex("0100000001"), hex("01"), hex("0100")), hex("0001"));
}

Uint256 reference_powmod(Uint256 base, const Uint256& exponent, const Uint256& m) {
    Uint256 result = Uint256{1} % m;
    base = base % m;
    for (unsigned i = 0; i < bit_width(exponent); ++i) {
        if (((exponent >> i).low_u64() & 1) != 0) result = mulmod(result, base, m);
        base = mulmod(base, base, m);
    }
    return result;
}

TEST(Modexp, MatchesSquareAndMultiply) {
    std::mt19937_64 rng(0x6d6f64);
    for (int i = 0; i < 300; ++i) {
        const auto random = [&rng] {
            return Uint256::from_limbs(rng(), rng(), rng(), rng()) >>
                   static_cast<unsigned>(rng() % 256);
        };
        const Uint256 b = random();
        const Uint256 e = random();
        Uint256 m = random();
        if (m.is_zero()) m = 1;
        const auto b_bytes = b.to_be_bytes();
        const auto m_bytes = m.to_be_bytes();
        const Bytes got = modexp(b_bytes.view(), e.to_be_bytes_trimmed(), m_bytes.view());
        ASSERT_EQ(got.size(), 32U);
        ASSERT_EQ(Uint256::from_be_bytes(got), reference_powmod(b, e, m))
            << b.to_hex() << "^" << e.to_hex() << " mod " << m.to_hex();
    }
}

}  // namespace
}  // namespace yunlian::crypto
