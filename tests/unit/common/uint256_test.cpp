// Known answers for Uint256: the EVM's edge cases (Yellow Paper appendix H.2, EIP-145 shifts),
// conversions, parsing errors and the division steps that are hard to reach at random.

#include "common/uint256.hpp"

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"

namespace yunlian {

namespace {

constexpr Uint256 kMax = Uint256::max();
constexpr Uint256 kMinSigned = Uint256::from_limbs(0, 0, 0, 0x8000000000000000ULL);  // -2^255

Uint256 parse(std::string_view text) { return Uint256::from_string(text).value(); }

// The cheap operations work at compile time.
static_assert(Uint256{2} + Uint256{3} == Uint256{5});
static_assert(Uint256{0} - Uint256{1} == kMax);
static_assert((Uint256{1} << 255U) == kMinSigned);
static_assert((kMinSigned >> 255U) == Uint256{1});
static_assert(Uint256{7} * Uint256{6} == Uint256{42});
static_assert(clz(Uint256{}) == 256 && bit_width(kMax) == 256 && byte_length(Uint256{256}) == 2);
static_assert(slt(kMax, Uint256{0}) && sgt(Uint256{1}, kMax));

TEST(Uint256, ConstructionAndMembers) {
    const Uint256 zero;
    EXPECT_TRUE(zero.is_zero());
    EXPECT_FALSE(static_cast<bool>(zero));
    const Uint256 x = 42;
    EXPECT_TRUE(x.fits_u64());
    EXPECT_EQ(x.low_u64(), 42U);
    EXPECT_TRUE(static_cast<bool>(x));
    const auto big = Uint256::from_limbs(1, 2, 3, 4);
    EXPECT_FALSE(big.fits_u64());
    EXPECT_EQ(big.low_u64(), 1U);
    EXPECT_EQ(big.limbs[3], 4U);
}

TEST(Uint256, WrappingArithmetic) {
    EXPECT_EQ(kMax + 1, Uint256{0});
    EXPECT_EQ(Uint256{0} - 1, kMax);
    EXPECT_EQ(kMax * kMax, Uint256{1});
    EXPECT_EQ(-Uint256{1}, kMax);
    EXPECT_EQ(-Uint256{0}, Uint256{0});
    EXPECT_EQ(Uint256{~0ULL} + 1, Uint256::from_limbs(0, 1, 0, 0));
    Uint256 sum;
    EXPECT_TRUE(add_overflow(kMax, 1, sum));
    EXPECT_EQ(sum, Uint256{0});
    EXPECT_FALSE(add_overflow(kMax - 1, 1, sum));
    EXPECT_EQ(sum, kMax);
}

TEST(Uint256, CompoundOperatorsAndIncrement) {
    Uint256 x = 10;
    x += 5;
    x -= 3;
    x *= 4;
    EXPECT_EQ(x, Uint256{48});
    x /= 5;
    EXPECT_EQ(x, Uint256{9});
    x %= 4;
    EXPECT_EQ(x, Uint256{1});
    x <<= 200;
    x >>= 199U;
    EXPECT_EQ(x, Uint256{2});
    x |= 5;
    x &= 6;
    x ^= 1;
    EXPECT_EQ(x, Uint256{7});
    EXPECT_EQ(x++, Uint256{7});
    EXPECT_EQ(++x, Uint256{9});
    Uint256 top = kMax;
    ++top;
    EXPECT_TRUE(top.is_zero());
}

TEST(Uint256, DivisionByZeroIsZero) {
    EXPECT_EQ(Uint256{5} / 0, Uint256{0});
    EXPECT_EQ(Uint256{5} % 0, Uint256{0});
    const auto [q, r] = udivrem(kMax, 0);
    EXPECT_TRUE(q.is_zero());
    EXPECT_TRUE(r.is_zero());
    EXPECT_EQ(sdiv(kMax, 0), Uint256{0});
    EXPECT_EQ(smod(kMax, 0), Uint256{0});
    EXPECT_EQ(addmod(1, 2, 0), Uint256{0});
    EXPECT_EQ(mulmod(3, 4, 0), Uint256{0});
}

TEST(Uint256, KnuthAddBackCase) {
    // Scaled from Hacker's Delight's divmnu tests: the first quotient estimate is one too large
    // and only the final add-back corrects it.
    const auto a = Uint256::from_limbs(0, 0, 0x8000000000000000ULL, 0x7fffffffffffffffULL);
    const auto b = Uint256::from_limbs(1, 0, 0x8000000000000000ULL, 0);
    const auto [q, r] = udivrem(a, b);
    EXPECT_LT(r, b);
    EXPECT_EQ(q * b + r, a);
    EXPECT_EQ(q, Uint256{0xfffffffffffffffeULL});

    const auto c = Uint256::from_limbs(0, 0xfffffffffffffffeULL, 0, 0x8000000000000000ULL);
    const auto d = Uint256::from_limbs(0xffffffffffffffffULL, 0, 0x8000000000000000ULL, 0);
    const auto [q2, r2] = udivrem(c, d);
    EXPECT_LT(r2, d);
    EXPECT_EQ(q2 * d + r2, c);
}

TEST(Uint256, SignedDivision) {
    const Uint256 minus_one = kMax;
    EXPECT_EQ(sdiv(kMinSigned, minus_one), kMinSigned);  // the one overflow wraps
    EXPECT_EQ(sdiv(-Uint256{7}, 2), -Uint256{3});        // rounds toward zero
    EXPECT_EQ(sdiv(Uint256{7}, -Uint256{2}), -Uint256{3});
    EXPECT_EQ(sdiv(-Uint256{7}, -Uint256{2}), Uint256{3});
    EXPECT_EQ(smod(-Uint256{7}, 2), -Uint256{1});  // takes the dividend's sign
    EXPECT_EQ(smod(Uint256{7}, -Uint256{2}), Uint256{1});
    EXPECT_EQ(smod(kMinSigned, minus_one), Uint256{0});
}

TEST(Uint256, ModularArithmetic) {
    // ADDMOD sees the 257-bit sum, MULMOD the 512-bit product (Yellow Paper H.2).
    EXPECT_EQ(addmod(kMax, kMax, 7), Uint256{2});  // 2^256 = 2 (mod 7)
    EXPECT_EQ(addmod(kMax, 2, kMax), Uint256{2});
    EXPECT_EQ(addmod(kMax, kMax, kMax), Uint256{0});
    EXPECT_EQ(mulmod(kMax, kMax, 12), Uint256{9});  // (2^256 - 1) = 3 (mod 12)
    EXPECT_EQ(mulmod(kMax, kMax, kMax), Uint256{0});
    EXPECT_EQ(mulmod(kMax - 1, kMax - 1, kMax), Uint256{1});
    EXPECT_EQ(addmod(5, 6, 1), Uint256{0});
}

TEST(Uint256, Exponentiation) {
    EXPECT_EQ(exp(0, 0), Uint256{1});
    EXPECT_EQ(exp(0, 5), Uint256{0});
    EXPECT_EQ(exp(2, 255), kMinSigned);
    EXPECT_EQ(exp(2, 256), Uint256{0});
    EXPECT_EQ(exp(2, kMax), Uint256{0});
    EXPECT_EQ(exp(3, 5), Uint256{243});
    EXPECT_EQ(exp(kMax, 2), Uint256{1});
    EXPECT_EQ(exp(kMax, 3), kMax);
    EXPECT_EQ(exp(10, 77), parse("1" + std::string(77, '0')));
}

TEST(Uint256, ShiftsFollowEip145) {
    EXPECT_EQ(Uint256{1} << 256U, Uint256{0});
    EXPECT_EQ(Uint256{1} << Uint256::from_limbs(0, 1, 0, 0), Uint256{0});
    EXPECT_EQ(kMax >> 256, Uint256{0});
    EXPECT_EQ(Uint256{1} << 64, Uint256::from_limbs(0, 1, 0, 0));
    EXPECT_EQ(Uint256{1} << (std::uint64_t{1} << 32), Uint256{0}) << "count truncated to 32 bits";
    EXPECT_EQ(Uint256{1} << -1, Uint256{0});
    // EIP-145's SAR examples.
    EXPECT_EQ(sar(kMinSigned, 1), parse("0xc" + std::string(63, '0')));
    EXPECT_EQ(sar(kMinSigned, 255), kMax);
    EXPECT_EQ(sar(kMinSigned, 256), kMax);
    EXPECT_EQ(sar(kMax, 0), kMax);
    EXPECT_EQ(sar(Uint256{0x4000}, 256), Uint256{0});
    EXPECT_EQ(sar(kMinSigned - 1, 254), Uint256{1});
}

TEST(Uint256, ByteAndSignExtend) {
    const Uint256 x = parse("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    EXPECT_EQ(byte_at(x, 0), Uint256{1});
    EXPECT_EQ(byte_at(x, 31), Uint256{0x20});
    EXPECT_EQ(byte_at(x, 32), Uint256{0});
    EXPECT_EQ(byte_at(x, kMax), Uint256{0});
    EXPECT_EQ(signextend(0, 0xff), kMax);
    EXPECT_EQ(signextend(0, 0x7f), Uint256{0x7f});
    EXPECT_EQ(signextend(1, 0x12ff80), -Uint256{0x80});
    EXPECT_EQ(signextend(31, x), x);
    EXPECT_EQ(signextend(kMax, x), x);
    EXPECT_EQ(signextend(30, kMinSigned), Uint256{0});
}

TEST(Uint256, BitCounts) {
    EXPECT_EQ(clz(Uint256{1}), 255U);
    EXPECT_EQ(clz(kMax), 0U);
    EXPECT_EQ(bit_width(Uint256{1} << 100), 101U);
    EXPECT_EQ(byte_length(Uint256{}), 0U);
    EXPECT_EQ(byte_length(Uint256{0xff}), 1U);
    EXPECT_EQ(byte_length(kMax), 32U);
}

TEST(Uint256, BigEndianBytes) {
    const Uint256 x = parse("0x0102");
    const auto full = x.to_be_bytes();
    EXPECT_EQ(full[30], 0x01);
    EXPECT_EQ(full[31], 0x02);
    EXPECT_EQ(x.to_be_bytes_trimmed(), (Bytes{0x01, 0x02}));
    EXPECT_TRUE(Uint256{}.to_be_bytes_trimmed().empty());
    EXPECT_EQ(Uint256::from_be_bytes(Bytes{0x01, 0x02}), x);
    EXPECT_EQ(Uint256::from_be_bytes({}), Uint256{0});
    // Longer input keeps the last 32 bytes.
    Bytes long_input(40, 0xaa);
    long_input[39] = 0x01;
    const auto tail = Uint256::from_be_bytes(long_input);
    EXPECT_EQ(tail.limbs[0], 0xaaaaaaaaaaaaaa01ULL);
    EXPECT_EQ(tail.limbs[3], 0xaaaaaaaaaaaaaaaaULL);
    std::array<std::uint8_t, 32> out{};
    kMinSigned.store_be(out.data());
    EXPECT_EQ(out[0], 0x80);
    EXPECT_EQ(Uint256::load_be(out.data()), kMinSigned);
}

TEST(Uint256, Strings) {
    EXPECT_EQ(Uint256{}.to_string(), "0");
    EXPECT_EQ(Uint256{}.to_hex(), "0x0");
    EXPECT_EQ(Uint256{255}.to_hex(), "0xff");
    EXPECT_EQ(Uint256{4096}.to_hex(), "0x1000");
    EXPECT_EQ(kMax.to_string(),
              "115792089237316195423570985008687907853269984665640564039457584007913129639935");
    EXPECT_EQ(Uint256{10'000'000'000'000'000'000ULL}.to_string(), "10000000000000000000");
    EXPECT_EQ(
        parse("115792089237316195423570985008687907853269984665640564039457584007913129639935"),
        kMax);
    EXPECT_EQ(parse("0x" + std::string(64, 'f')), kMax);
    EXPECT_EQ(parse("0X00000000000000000000000000000000000000000000000000000000000000000001"),
              Uint256{1});
    EXPECT_EQ(parse("000123"), Uint256{123});
    EXPECT_EQ(parse("0"), Uint256{0});
    EXPECT_EQ(parse("0x0"), Uint256{0});
}

TEST(Uint256, MalformedStrings) {
    EXPECT_EQ(Uint256::from_string("").error(), Uint256Error::kEmpty);
    EXPECT_EQ(Uint256::from_string("0x").error(), Uint256Error::kEmpty);
    EXPECT_EQ(Uint256::from_string("12a").error(), Uint256Error::kInvalidDigit);
    EXPECT_EQ(Uint256::from_string("-1").error(), Uint256Error::kInvalidDigit);
    EXPECT_EQ(Uint256::from_string(" 1").error(), Uint256Error::kInvalidDigit);
    EXPECT_EQ(Uint256::from_string("0xfg").error(), Uint256Error::kInvalidDigit);
    EXPECT_EQ(Uint256::from_string("0x0x1").error(), Uint256Error::kInvalidDigit);
    EXPECT_EQ(Uint256::from_string(std::string_view("1\0", 2)).error(),
              Uint256Error::kInvalidDigit);
    EXPECT_EQ(Uint256::from_string(
                  "115792089237316195423570985008687907853269984665640564039457584007913129639936")
                  .error(),
              Uint256Error::kOverflow);
    EXPECT_EQ(Uint256::from_string(std::string(100, '9')).error(), Uint256Error::kOverflow);
    EXPECT_EQ(Uint256::from_string("0x1" + std::string(64, '0')).error(), Uint256Error::kOverflow);
    EXPECT_EQ(to_string(Uint256Error::kOverflow), "value does not fit in 256 bits");
}

}  // namespace
}  // namespace yunlian
