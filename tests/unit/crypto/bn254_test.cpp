// alt_bn128 (EIP-196/197): ECADD, ECMUL and the pairing check against vectors from an independent
// implementation (@noble/curves, see bn254_vectors.mjs), the EIPs' rejection rules, and the
// algebra underneath (Montgomery arithmetic, Frobenius, bilinearity).

#include "crypto/bn254.hpp"

#include <array>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "crypto/bn254_curve.hpp"
#include "crypto/bn254_pairing.hpp"
#include "crypto/bn254_tower.hpp"

namespace yunlian::crypto {
namespace {

struct Bn254Vector {
    const char* input;
    const char* output;
};
struct Bn254PairingVector {
    const char* input;
    bool result;
};

#include "bn254_vectors.inc"

Bytes hex(std::string_view text) { return from_hex(text).value(); }
std::string word(std::uint64_t v) { return to_hex(Uint256{v}.to_be_bytes().view(), false); }

const std::string kG1Generator = word(1) + word(2);

TEST(Bn254, AddMatchesReference) {
    for (const auto& v : kAddVectors) {
        const auto out = bn254_add(hex(v.input));
        ASSERT_TRUE(out) << v.input;
        EXPECT_EQ(to_hex(*out, false), v.output);
    }
}

TEST(Bn254, MulMatchesReference) {
    for (const auto& v : kMulVectors) {
        const auto out = bn254_mul(hex(v.input));
        ASSERT_TRUE(out) << v.input;
        EXPECT_EQ(to_hex(*out, false), v.output) << v.input;
    }
}

TEST(Bn254, PairingMatchesReference) {
    for (const auto& v : kPairingVectors) {
        const auto out = bn254_pairing_check(hex(v.input));
        ASSERT_TRUE(out) << v.input;
        EXPECT_EQ(*out, v.result) << v.input;
    }
}

TEST(Bn254, ShortInputIsZeroPadded) {
    // EIP-196: missing bytes are zeros, so an empty ECADD input is O + O and ECMUL's is 0 * O.
    EXPECT_EQ(bn254_add({}).value(), Bytes(64, 0));
    EXPECT_EQ(bn254_mul({}).value(), Bytes(64, 0));
    // (1, 2) with the second point and the scalar cut off: G + O = G, and 0 * G = O.
    EXPECT_EQ(to_hex(bn254_add(hex(kG1Generator)).value(), false), kG1Generator);
    EXPECT_EQ(bn254_mul(hex(kG1Generator)).value(), Bytes(64, 0));
    // A scalar truncated to its first byte: 0x01 followed by 31 implied zero bytes.
    const auto truncated = bn254_mul(hex(kG1Generator + "01")).value();
    const auto full = bn254_mul(hex(kG1Generator + "01" + std::string(62, '0'))).value();
    EXPECT_EQ(truncated, full);
}

TEST(Bn254, LongInputIsTruncated) {
    const Bytes input = hex(kG1Generator + kG1Generator + "ff");
    const Bytes exact = hex(kG1Generator + kG1Generator);
    EXPECT_EQ(bn254_add(input).value(), bn254_add(exact).value());
    const Bytes mul_input = hex(kG1Generator + word(3) + "ffff");
    EXPECT_EQ(bn254_mul(mul_input).value(), bn254_mul(hex(kG1Generator + word(3))).value());
}

TEST(Bn254, RejectsPointsOffTheCurve) {
    EXPECT_EQ(bn254_add(hex(word(1) + word(3))).error(), Bn254Error::kNotOnCurve);
    EXPECT_EQ(bn254_add(hex(kG1Generator + word(1) + word(3))).error(), Bn254Error::kNotOnCurve);
    EXPECT_EQ(bn254_mul(hex(word(0) + word(1) + word(2))).error(), Bn254Error::kNotOnCurve);
    EXPECT_EQ(bn254_pairing_check(hex(word(1) + word(3) + kG2Generator)).error(),
              Bn254Error::kNotOnCurve);
    // The G2 generator with one coordinate nudged.
    std::string bad_g2 = kG2Generator;
    bad_g2.back() = bad_g2.back() == '0' ? '1' : '0';
    EXPECT_EQ(bn254_pairing_check(hex(kG1Generator + bad_g2)).error(), Bn254Error::kNotOnCurve);
}

TEST(Bn254, RejectsCoordinatesNotBelowTheModulus) {
    // (p, 2) would be (0, 2) mod p; (1, p + 2) would be the generator.
    const std::string p = kFieldModulusHex;
    EXPECT_EQ(bn254_add(hex(p + word(2))).error(), Bn254Error::kInvalidFieldElement);
    const Uint256 p_plus_2 = Uint256::from_string("0x" + p).value() + 2;
    const std::string y = to_hex(p_plus_2.to_be_bytes().view(), false);
    EXPECT_EQ(bn254_mul(hex(word(1) + y + word(1))).error(), Bn254Error::kInvalidFieldElement);
    EXPECT_EQ(bn254_add(hex(std::string(128, 'f'))).error(), Bn254Error::kInvalidFieldElement);
    // A G2 coordinate of p.
    const std::string g2 = p + std::string(kG2Generator).substr(64);
    EXPECT_EQ(bn254_pairing_check(hex(kG1Generator + g2)).error(),
              Bn254Error::kInvalidFieldElement);
}

TEST(Bn254, PairingRejectsG2OutsideTheSubgroup) {
    EXPECT_EQ(bn254_pairing_check(hex(kG1Generator + kG2OffSubgroup)).error(),
              Bn254Error::kNotInSubgroup);
    // Even when the G1 side is the point at infinity, every input is validated.
    EXPECT_EQ(bn254_pairing_check(hex(word(0) + word(0) + kG2OffSubgroup)).error(),
              Bn254Error::kNotInSubgroup);
}

TEST(Bn254, PairingInputLength) {
    EXPECT_TRUE(bn254_pairing_check({}).value());
    EXPECT_EQ(bn254_pairing_check(Bytes(191, 0)).error(), Bn254Error::kInvalidLength);
    EXPECT_EQ(bn254_pairing_check(Bytes(193, 0)).error(), Bn254Error::kInvalidLength);
    EXPECT_TRUE(bn254_pairing_check(Bytes(192, 0)).value());  // e(O, O) = 1
    EXPECT_TRUE(bn254_pairing_check(Bytes(384, 0)).value());
    EXPECT_EQ(to_string(Bn254Error::kInvalidLength),
              "alt_bn128 pairing input length is not a multiple of 192");
}

// The algebra underneath.

using bn254::Fp;
using bn254::Fp12;
using bn254::Fp2;

Fp random_fp(std::mt19937_64& rng) {
    const Uint256 x = Uint256::from_limbs(rng(), rng(), rng(), rng() >> 3);
    return Fp::from_canonical(x % bn254::kFieldModulus);
}
Fp2 random_fp2(std::mt19937_64& rng) { return {random_fp(rng), random_fp(rng)}; }
Fp12 random_fp12(std::mt19937_64& rng) {
    return {{random_fp2(rng), random_fp2(rng), random_fp2(rng)},
            {random_fp2(rng), random_fp2(rng), random_fp2(rng)}};
}

TEST(Bn254Field, MontgomeryMatchesMulmod) {
    std::mt19937_64 rng(254);
    for (int i = 0; i < 2000; ++i) {
        const Fp a = random_fp(rng);
        const Fp b = random_fp(rng);
        EXPECT_EQ((a * b).to_canonical(),
                  mulmod(a.to_canonical(), b.to_canonical(), bn254::kFieldModulus));
        EXPECT_EQ((a + b).to_canonical(),
                  addmod(a.to_canonical(), b.to_canonical(), bn254::kFieldModulus));
        if (!a.is_zero()) {
            EXPECT_EQ(a * a.inverse(), Fp::one());
        }
    }
    EXPECT_EQ(Fp::from_canonical(bn254::kFieldModulus - 1) + Fp::one(), Fp::zero());
}

TEST(Bn254Field, TowerInversesAndFrobenius) {
    std::mt19937_64 rng(12);
    for (int i = 0; i < 5; ++i) {
        const Fp2 a = random_fp2(rng);
        EXPECT_EQ(a * a.inverse(), Fp2::one());
        const Fp12 f = random_fp12(rng);
        EXPECT_EQ(f * inverse(f), Fp12::one());
        EXPECT_EQ(square(f), f * f);
        // frobenius(f) = f^p, by plain square-and-multiply.
        Fp12 power = Fp12::one();
        for (unsigned bit = bit_width(bn254::kFieldModulus); bit-- > 0;) {
            power = square(power);
            if (((bn254::kFieldModulus >> bit).low_u64() & 1) != 0) power = power * f;
        }
        EXPECT_EQ(frobenius(f), power);
        Fp12 twelve = f;
        for (int k = 0; k < 12; ++k) twelve = frobenius(twelve);
        EXPECT_EQ(twelve, f);
        // A line value (s0 + s1 w + s3 w^3) multiplied sparsely and densely.
        const Fp2 s0 = random_fp2(rng);
        const Fp2 s1 = random_fp2(rng);
        const Fp2 s3 = random_fp2(rng);
        const Fp12 line{{s0, Fp2::zero(), Fp2::zero()}, {s1, s3, Fp2::zero()}};
        EXPECT_EQ(mul_by_line(f, s0, s1, s3), f * line);
    }
}

TEST(Bn254Field, CyclotomicSquare) {
    std::mt19937_64 rng(2010);
    for (int i = 0; i < 10; ++i) {
        const Fp12 f = random_fp12(rng);
        // The easy part of the final exponentiation lands in the cyclotomic subgroup.
        const Fp12 f1 = conjugate(f) * inverse(f);
        const Fp12 c = frobenius(frobenius(f1)) * f1;
        EXPECT_EQ(bn254::cyclotomic_square(c), square(c));
    }
}

TEST(Bn254Field, FinalExponentiationMatchesThePlainPower) {
    // (p^4 - p^2 + 1) / r, little-endian limbs: the hard part as one plain exponent.
    constexpr std::array<std::uint64_t, 12> kHardExponent = {
        0xe81bb482ccdf42b1ULL, 0x5abf5cc4f49c36d4ULL, 0xf1154e7e1da014fdULL, 0xdcc7b44c87cdbacfULL,
        0xaaa441e3954bcf8aULL, 0x6b887d56d5095f23ULL, 0x79581e16f3fd90c6ULL, 0x3b1b1355d189227dULL,
        0x4e529a5861876f6bULL, 0x6c0eb522d5b12278ULL, 0x331ec15183177fafULL, 0x01baaa710b0759adULL,
    };
    std::mt19937_64 rng(197);
    for (int i = 0; i < 2; ++i) {
        const Fp12 f = random_fp12(rng);
        const Fp12 f1 = conjugate(f) * inverse(f);
        const Fp12 easy = frobenius(frobenius(f1)) * f1;
        Fp12 want = Fp12::one();
        for (std::size_t limb = kHardExponent.size(); limb-- > 0;) {
            for (unsigned bit = 64; bit-- > 0;) {
                want = square(want);
                if (((kHardExponent[limb] >> bit) & 1) != 0) want = want * easy;
            }
        }
        EXPECT_EQ(bn254::final_exponentiation(f), want);
    }
}

TEST(Bn254Field, SubgroupCheckAgreesWithMultiplicationByR) {
    const auto g2_bytes = hex(kG2Generator);
    const auto off_bytes = hex(kG2OffSubgroup);
    const auto read = [](const Bytes& b) {
        const auto w = [&](std::size_t i) {
            return Fp::from_canonical(Uint256::load_be(b.data() + 32 * i));
        };
        return bn254::G2Affine{{w(1), w(0)}, {w(3), w(2)}, false};
    };
    const auto in_g2 = [](const bn254::G2Affine& q) {
        return bn254::G2Point::from_affine(q).multiplied(bn254::kGroupOrder).is_infinity();
    };
    auto q = bn254::G2Point::from_affine(read(g2_bytes));
    const auto off = bn254::G2Point::from_affine(read(off_bytes));
    for (std::uint64_t k = 1; k < 6; ++k) {
        const auto member = q.multiplied(k * 0x9e3779b97f4a7c15ULL).to_affine();
        EXPECT_TRUE(bn254::is_in_g2(member));
        EXPECT_TRUE(in_g2(member));
        // Adding a point outside G2 leaves G2.
        const auto outside = (q.multiplied(k) + off.multiplied(k)).to_affine();
        ASSERT_TRUE(bn254::is_on_twist(outside));
        EXPECT_FALSE(bn254::is_in_g2(outside));
        EXPECT_FALSE(in_g2(outside));
    }
}

TEST(Bn254Field, PairingIsBilinearAndNonDegenerate) {
    const auto g1 =
        bn254::G1Point::from_affine({Fp::from_canonical(1), Fp::from_canonical(2), false});
    const auto g2_bytes = hex(kG2Generator);
    const auto word_at = [&](std::size_t i) {
        return Fp::from_canonical(Uint256::load_be(g2_bytes.data() + 32 * i));
    };
    const bn254::G2Affine g2{{word_at(1), word_at(0)}, {word_at(3), word_at(2)}, false};
    ASSERT_TRUE(bn254::is_on_twist(g2));
    ASSERT_TRUE(bn254::is_in_g2(g2));
    const auto pairing = [](const bn254::G1Point& p, const bn254::G2Point& q) {
        const bn254::PairingInput input{p.to_affine(), q.to_affine()};
        return bn254::final_exponentiation(bn254::miller_loop({&input, 1}));
    };
    const auto q = bn254::G2Point::from_affine(g2);
    const Fp12 e = pairing(g1, q);
    EXPECT_NE(e, Fp12::one());
    EXPECT_EQ(pairing(g1.multiplied(6), q), pairing(g1.multiplied(2), q.multiplied(3)));
    Fp12 e_cubed = e * e * e;
    EXPECT_EQ(pairing(g1, q.multiplied(3)), e_cubed);
    // e has order r: e^r = 1.
    Fp12 power = Fp12::one();
    for (unsigned bit = bit_width(bn254::kGroupOrder); bit-- > 0;) {
        power = square(power);
        if (((bn254::kGroupOrder >> bit).low_u64() & 1) != 0) power = power * e;
    }
    EXPECT_EQ(power, Fp12::one());
}

}  // namespace
}  // namespace yunlian::crypto
