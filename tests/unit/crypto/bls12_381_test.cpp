// BLS12-381: Montgomery arithmetic, square roots, the compressed ZCash encoding (against points
// computed by an independent implementation, @noble/curves), rejection of malformed encodings,
// and bilinearity of the optimal ate pairing.

#include <array>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "crypto/bls12_381_curve.hpp"
#include "crypto/bls12_381_pairing.hpp"

namespace yunlian::crypto::bls12_381 {
namespace {

Bytes hex(std::string_view text) { return from_hex(text).value(); }

constexpr std::string_view kG1Generator =
    "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6"
    "bb";
constexpr std::string_view kG2Generator =
    "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b"
    "7e024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121"
    "bdb8";

/// [k]G1 and [k]G2, compressed, from @noble/curves 1.x (G1.BASE.multiply(k).toHex(true)).
struct MultipleVector {
    std::array<std::uint64_t, 4> k;
    const char* g1;
    const char* g2;
};
const MultipleVector kMultiples[] = {
    {{2, 0, 0, 0},
     "a572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0"
     "f"
     "4e",
     "aa4edef9c1ed7f729f520e47730a124fd70662a904ba1074728114d1031e1572c6c886f6b57ec72a6178288c47c33"
     "5"
     "771638533957d540a9d2370f17cc7ed5863bc0b995b8825e0ee1ea1e1e4d00dbae81f14b0bf3611b78c952aacab82"
     "7"
     "a053"},
    {{3, 0, 0, 0},
     "89ece308f9d1f0131765212deca99697b112d61f9be9a5f1f3780a51335b3ff981747a0b2ca2179b96d2c0c9024e5"
     "2"
     "24",
     "89380275bbc8e5dcea7dc4dd7e0550ff2ac480905396eda55062650f8d251c96eb480673937cc6d9d6a44aaa56ca6"
     "6"
     "dc122915c824a0857e2ee414a3dccb23ae691ae54329781315a0c75df1c04d6d7a50a030fc866f09d516020ef8232"
     "4"
     "afae"},
    {{0xdeadbeef, 0, 0, 0},
     "acccb5bab2944a1bdc721c97f3affa035d507c78fe442a9284982bd4c27617b33f1d46e8191a1eda03d73c357752d"
     "2"
     "19",
     "a2910866ede42789c685af186234bfe4664e270ed447d2d142a159cf0cf9bac6c3789d558ea2e24b60e48ceb8b960"
     "f"
     "a8115fd914427334b6c45a823e1e011b6b2aa513f95fd64c956128fd631857945adf8aa7b0364ceea737c0671fd93"
     "9"
     "219e"},
    {{0x3039, 0, 0, 0x100},
     "a08cb48d95350b8702074a6475031877109bbce868e95b7be4fa93ea23182812a322492dd53e1d510521dae681255"
     "6"
     "64",
     "b7b537ae31ce02855832db85a8a909f4c07920b0aca7d5883b4b2c98cef6df690a858ea8c3a6af81010392cde06b2"
     "c"
     "a6109b639c96e1fc02402fab4ed1e6cb3ee9618c37b4afccc7b0b69014865ccfa6383c3b7566de7f4ea9d251ad374"
     "6"
     "405e"},
};

TEST(Bls12381Field, MontgomeryRoundTripAndInverse) {
    const Limbs x = {0x0123456789abcdefULL, 0xfedcba9876543210ULL, 7, 0, 0x55, 0x1000};
    const auto a = Fp::from_canonical(x);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->to_canonical(), x);
    EXPECT_EQ(Fp::one().to_canonical(), (Limbs{1, 0, 0, 0, 0, 0}));
    EXPECT_EQ(*a * a->inverse(), Fp::one());
    EXPECT_EQ(Fp::from_u64(3) * Fp::from_u64(5), Fp::from_u64(15));
    EXPECT_EQ(Fp::from_u64(3) - Fp::from_u64(5) + Fp::from_u64(2), Fp::zero());
    EXPECT_FALSE(Fp::from_canonical(kModulus));
    // The largest element: (p - 1)^2 = 1, (p - 1) + (p - 1) = p - 2.
    Limbs p_minus_one = kModulus;
    p_minus_one[0] -= 1;
    const Fp minus_one = *Fp::from_canonical(p_minus_one);
    EXPECT_EQ(minus_one * minus_one, Fp::one());
    EXPECT_EQ(minus_one + minus_one, -Fp::from_u64(2));
    EXPECT_EQ(minus_one, -Fp::one());
    const Fp2 b{*a, Fp::from_u64(9)};
    EXPECT_EQ(b * b.inverse(), Fp2::one());
}

TEST(Bls12381Field, SquareRoots) {
    const Fp a = Fp::from_u64(1234567);
    const auto root = a.square().sqrt();
    ASSERT_TRUE(root);
    EXPECT_EQ(root->square(), a.square());
    // -1 is not a square as p = 3 mod 4.
    EXPECT_FALSE((-Fp::one()).sqrt());
    const Fp2 b{Fp::from_u64(11), Fp::from_u64(29)};
    const auto root2 = b.square().sqrt();
    ASSERT_TRUE(root2);
    EXPECT_EQ(root2->square(), b.square());
    // Every element of Fp is a square in Fp2: -1 = u^2.
    const auto minus_one = Fp2{-Fp::one(), Fp::zero()}.sqrt();
    ASSERT_TRUE(minus_one);
    EXPECT_EQ(minus_one->square(), (Fp2{-Fp::one(), Fp::zero()}));
    // Real elements whose root is real or purely imaginary, whichever sign the norm's root has.
    for (std::uint64_t k = 2; k < 12; ++k) {
        for (const Fp2& c : {Fp2{Fp::from_u64(k), Fp::zero()}, Fp2{-Fp::from_u64(k), Fp::zero()}}) {
            const auto r = c.sqrt();
            ASSERT_TRUE(r) << k;
            EXPECT_EQ(r->square(), c);
        }
    }
    // u * xi = u - 1 is not a square: its norm 2 is not a square in Fp.
    EXPECT_FALSE((Fp2{-Fp::one(), Fp::one()}.sqrt()));
}

TEST(Bls12381Curve, GeneratorsDecodeAndRoundTrip) {
    const auto g1 = decompress_g1(hex(kG1Generator));
    ASSERT_TRUE(g1);
    EXPECT_EQ(to_hex(compress(*g1), false), kG1Generator);
    const auto g2 = decompress_g2(hex(kG2Generator));
    ASSERT_TRUE(g2);
    EXPECT_EQ(to_hex(compress(*g2), false), kG2Generator);
    EXPECT_TRUE(is_on_curve(g1->to_affine()));
    EXPECT_TRUE(is_on_curve(g2->to_affine()));
}

TEST(Bls12381Curve, MultiplesMatchReference) {
    for (const auto& v : kMultiples) {
        const G1 p = g1_generator().mul(v.k);
        EXPECT_EQ(to_hex(compress(p), false), v.g1);
        const G2 q = g2_generator().mul(v.k);
        EXPECT_EQ(to_hex(compress(q), false), v.g2);
        const auto back1 = decompress_g1(hex(v.g1));
        ASSERT_TRUE(back1);
        EXPECT_TRUE(back1->same_point(p));
        const auto back2 = decompress_g2(hex(v.g2));
        ASSERT_TRUE(back2);
        EXPECT_TRUE(back2->same_point(q));
    }
}

TEST(Bls12381Curve, GroupLaw) {
    const G1& g = g1_generator();
    const G1 two = g + g;
    EXPECT_TRUE(two.same_point(g.doubled()));
    EXPECT_TRUE((two - g).same_point(g));
    EXPECT_TRUE((g - g).is_infinity());
    EXPECT_TRUE(g.mul(kGroupOrder).is_infinity());
    EXPECT_TRUE(g2_generator().mul(kGroupOrder).is_infinity());
}

TEST(Bls12381Curve, EndomorphismSubgroupTestMatchesOrderTest) {
    // Points of E with small x: almost none are in G1 (the cofactor is about 2^126).
    int on_curve = 0;
    for (std::uint64_t k = 0; k < 60; ++k) {
        const Fp x = Fp::from_u64(k);
        const auto y = (x.square() * x + Fp::from_u64(4)).sqrt();
        if (!y) continue;
        ++on_curve;
        const G1 p = G1::from_affine({x, *y, false});
        EXPECT_EQ(is_in_subgroup(p), is_in_subgroup_by_order(p)) << k;
        EXPECT_FALSE(is_in_subgroup(p)) << k;
        // The cofactor-cleared multiple [h]P is in G1: h = (x - 1)^2 / 3.
        const std::array<std::uint64_t, 2> cofactor = {0x8c00aaab0000aaabULL,
                                                       0x396c8c005555e156ULL};
        const G1 cleared = p.mul(cofactor);
        EXPECT_TRUE(is_in_subgroup(cleared)) << k;
        EXPECT_TRUE(is_in_subgroup_by_order(cleared)) << k;
    }
    EXPECT_GT(on_curve, 20);
    EXPECT_TRUE(is_in_subgroup(G1::infinity()));
    for (const auto& v : kMultiples) EXPECT_TRUE(is_in_subgroup(g1_generator().mul(v.k)));
}

TEST(Bls12381Curve, InfinityEncoding) {
    Bytes inf(48, 0);
    inf[0] = 0xc0;
    const auto p = decompress_g1(inf);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->is_infinity());
    EXPECT_EQ(to_hex(compress(G1::infinity()), false), to_hex(inf, false));
    Bytes inf2(96, 0);
    inf2[0] = 0xc0;
    const auto q = decompress_g2(inf2);
    ASSERT_TRUE(q);
    EXPECT_TRUE(q->is_infinity());
}

TEST(Bls12381Curve, RejectsMalformedEncodings) {
    const Bytes g = hex(kG1Generator);
    // Wrong length.
    EXPECT_EQ(decompress_g1(BytesView(g).first(47)).error(), PointError::kInvalidLength);
    EXPECT_EQ(decompress_g2(g).error(), PointError::kInvalidLength);
    // Compression flag clear.
    Bytes b = g;
    b[0] &= 0x7f;
    EXPECT_EQ(decompress_g1(b).error(), PointError::kNotCompressed);
    // Infinity with the sign flag or with a non-zero bit.
    Bytes inf(48, 0);
    inf[0] = 0xe0;
    EXPECT_EQ(decompress_g1(inf).error(), PointError::kInvalidInfinity);
    inf[0] = 0xc0;
    inf[47] = 1;
    EXPECT_EQ(decompress_g1(inf).error(), PointError::kInvalidInfinity);
    // x = p (not canonical): 0x1a0111ea... with the compression flag.
    Bytes big = hex(
        "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffff"
        "ffaaab");
    EXPECT_EQ(decompress_g1(big).error(), PointError::kInvalidFieldElement);
    // All-ones x is above p.
    Bytes ones(48, 0xff);
    ones[0] = 0x9f;
    EXPECT_EQ(decompress_g1(ones).error(), PointError::kInvalidFieldElement);
    // x = 0: 4 is a square, so (0, 2) is on E, but its order is 3, not r.
    Bytes zero(48, 0);
    zero[0] = 0x80;
    EXPECT_EQ(decompress_g1(zero).error(), PointError::kNotInSubgroup);
    // x = 1: 5 is not a square mod p.
    Bytes one_x(48, 0);
    one_x[0] = 0x80;
    one_x[47] = 1;
    EXPECT_EQ(decompress_g1(one_x).error(), PointError::kNotOnCurve);
    // The G2 generator's x with c0 replaced by p.
    Bytes g2 = hex(kG2Generator);
    const Bytes p_bytes = hex(
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffff"
        "ffaaab");
    std::copy(p_bytes.begin(), p_bytes.end(), g2.begin() + 48);
    EXPECT_EQ(decompress_g2(g2).error(), PointError::kInvalidFieldElement);
}

TEST(Bls12381Curve, RejectsG2PointsOutsideTheSubgroup) {
    // Search small x = k (c1 = 0) for a point on the twist: the twist's cofactor is huge, so
    // such a point is almost surely not in G2.
    int rejected = 0;
    for (std::uint64_t k = 1; k < 40 && rejected < 2; ++k) {
        Bytes enc(96, 0);
        enc[0] = 0x80;
        enc[95] = static_cast<std::uint8_t>(k);
        const auto q = decompress_g2(enc);
        ASSERT_FALSE(q);
        if (q.error() == PointError::kNotInSubgroup) ++rejected;
    }
    EXPECT_EQ(rejected, 2);
}

TEST(Bls12381Pairing, BilinearAndNonDegenerate) {
    const G1& p = g1_generator();
    const G2& q = g2_generator();
    const Fp12 base = pairing(p, q);
    EXPECT_FALSE(base == Fp12::one());
    const std::array<std::uint64_t, 1> a = {0x1234567};
    const std::array<std::uint64_t, 1> b = {0x89abcd};
    const std::array<std::uint64_t, 2> ab = {0x1234567ULL * 0x89abcdULL, 0};
    const Fp12 lhs = pairing(p.mul(a), q.mul(b));
    EXPECT_EQ(lhs, base.pow(ab));
    EXPECT_EQ(pairing(p.mul(ab), q), lhs);
    // e(P, Q)^r = 1: the value lies in the order-r group.
    EXPECT_EQ(base.pow(kGroupOrder), Fp12::one());
}

TEST(Bls12381Pairing, FastFinalExponentiationMatchesPlainPower) {
    // (p^6 + 1) / r, from Python: after the easy part f^(p^6 - 1), the rest of (p^12 - 1) / r.
    constexpr std::array<std::uint64_t, 32> kRest = {
        0x8739e1cdc0705d6aULL, 0x09a5256de0381a16ULL, 0x9cf0f70a61c791e2ULL, 0x3a09c4497903f76eULL,
        0x2d7271563890f133ULL, 0x224741b36fec7760ULL, 0x338259c22a12bd40ULL, 0x38ee1cd4778e0de7ULL,
        0xc3b5ef4b188a20b0ULL, 0x1d615d49e2764d7bULL, 0x816101ddd076117dULL, 0xf007c01e7ebe3afcULL,
        0x27d7bd90935021c3ULL, 0xc3b5e2f557c0b15fULL, 0x5e886c94c4f82384ULL, 0xee6a95db11e63f56ULL,
        0x2b822f514a9c4f6fULL, 0x12d6a874d21b73daULL, 0x1304275ef499dffbULL, 0x967878febcb95d1fULL,
        0x4744497f8b2f2922ULL, 0x85a2e707f0841855ULL, 0x9f0c50126c802eecULL, 0xfb46e197bd2fa489ULL,
        0x548ce0809bc5f61aULL, 0xcf56fb1573beaa8cULL, 0xad7375a3763bdf7cULL, 0xe0ec9031179bdeccULL,
        0x6579aea83c48c1daULL, 0xdbf85ae664cf5bb3ULL, 0x7b6f235c55ca7566ULL, 0x000028b314877503ULL};
    const std::array<std::pair<G1, G2>, 1> pairs = {std::pair{g1_generator(), g2_generator()}};
    const Fp12 f = multi_miller_loop(pairs);
    const Fp12 plain = (f.conjugate() * f.inverse()).pow(kRest);
    EXPECT_EQ(final_exponentiation(f), plain.square() * plain);
}

TEST(Bls12381Tower, FrobeniusIsThePthPower) {
    const Fp12 f = multi_miller_loop(
        std::array<std::pair<G1, G2>, 1>{std::pair{g1_generator(), g2_generator()}});
    EXPECT_EQ(f.frobenius(), f.pow(kModulus));
    // Twelve applications are the identity; six are the conjugation.
    Fp12 g = f;
    for (int i = 0; i < 6; ++i) g = g.frobenius();
    EXPECT_EQ(g, f.conjugate());
}

TEST(Bls12381Tower, CyclotomicSquareOnUnitaryElements) {
    const Fp12 f = multi_miller_loop(
        std::array<std::pair<G1, G2>, 1>{std::pair{g1_generator(), g2_generator()}});
    // After the easy part the value is in the cyclotomic subgroup.
    const Fp12 t = f.conjugate() * f.inverse();
    const Fp12 m = t.frobenius().frobenius() * t;
    EXPECT_EQ(m.cyclotomic_square(), m.square());
    EXPECT_EQ(m.cyclotomic_square().cyclotomic_square(), m.square().square());
}

TEST(Bls12381Tower, SparseLineProductMatchesFullProduct) {
    const Fp12 f = multi_miller_loop(
        std::array<std::pair<G1, G2>, 1>{std::pair{g1_generator(), g2_generator()}});
    const Fp2 a{Fp::from_u64(3), Fp::from_u64(5)};
    const Fp2 b{Fp::from_u64(7), Fp::from_u64(11)};
    const Fp2 c{Fp::from_u64(13), Fp::from_u64(17)};
    const Fp12 line{Fp6{a, b, Fp2::zero()}, Fp6{Fp2::zero(), c, Fp2::zero()}};
    EXPECT_EQ(f.mul_by_line(a, b, c), f * line);
}

TEST(Bls12381Pairing, PairingCheck) {
    const G1& p = g1_generator();
    const G2& q = g2_generator();
    const std::array<std::uint64_t, 1> a = {77};
    // e(aP, Q) * e(-P, aQ) = 1.
    const std::array<std::pair<G1, G2>, 2> good = {std::pair{p.mul(a), q}, std::pair{-p, q.mul(a)}};
    EXPECT_TRUE(pairing_check(good));
    const std::array<std::pair<G1, G2>, 2> bad = {std::pair{p.mul(a), q}, std::pair{p, q.mul(a)}};
    EXPECT_FALSE(pairing_check(bad));
    EXPECT_TRUE(pairing_check({}));
    const std::array<std::pair<G1, G2>, 1> with_infinity = {std::pair{G1::infinity(), q}};
    EXPECT_TRUE(pairing_check(with_infinity));
}

}  // namespace
}  // namespace yunlian::crypto::bls12_381
