// Arithmetic, comparison and bitwise opcodes (Yellow Paper H.2; EIP-145 shifts).

#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

class ArithmeticTest : public EvmTest {
  protected:
    Uint256 eval(std::uint8_t op, const Uint256& a, const Uint256& b) {
        const auto r = run(binary(op, a, b));
        EXPECT_EQ(r.status, host::StatusCode::kSuccess);
        return output_word(r);
    }
};

const Uint256 kMax = Uint256::max();
const Uint256 kMinusOne = Uint256::max();
const Uint256 kMinusTwo = Uint256::max() - Uint256{1};
const Uint256 kMinSigned = Uint256{1} << 255U;

TEST_F(ArithmeticTest, AddSubMulWrap) {
    EXPECT_EQ(eval(kAdd, kMax, Uint256{1}), Uint256{});
    EXPECT_EQ(eval(kSub, Uint256{0}, Uint256{1}), kMax);
    EXPECT_EQ(eval(kSub, Uint256{10}, Uint256{3}), Uint256{7});
    EXPECT_EQ(eval(kMul, kMax, kMax), Uint256{1});
    EXPECT_EQ(eval(kMul, Uint256{1} << 128U, Uint256{1} << 128U), Uint256{});
}

TEST_F(ArithmeticTest, DivisionByZeroIsZero) {
    EXPECT_EQ(eval(kDiv, Uint256{7}, Uint256{0}), Uint256{});
    EXPECT_EQ(eval(kMod, Uint256{7}, Uint256{0}), Uint256{});
    EXPECT_EQ(eval(kSdiv, Uint256{7}, Uint256{0}), Uint256{});
    EXPECT_EQ(eval(kSmod, Uint256{7}, Uint256{0}), Uint256{});
    EXPECT_EQ(eval(kDiv, Uint256{7}, Uint256{2}), Uint256{3});
    EXPECT_EQ(eval(kMod, Uint256{7}, Uint256{2}), Uint256{1});
}

TEST_F(ArithmeticTest, SignedDivisionAndModulo) {
    EXPECT_EQ(eval(kSdiv, kMinusTwo, Uint256{2}), kMinusOne);
    // The one overflowing case: -2^255 / -1 = -2^255.
    EXPECT_EQ(eval(kSdiv, kMinSigned, kMinusOne), kMinSigned);
    // SMOD takes the sign of the dividend.
    EXPECT_EQ(eval(kSmod, kMinusTwo - Uint256{1}, Uint256{2}), kMinusOne);
    EXPECT_EQ(eval(kSmod, Uint256{3}, kMinusTwo), Uint256{1});
}

TEST_F(ArithmeticTest, AddmodMulmodUseFullPrecision) {
    const auto code = push(Uint256{10}) + push(kMax) + push(kMax) + ops({kAddmod}) + return_top();
    // (2^257 - 2) mod 10: 2^257 = 2 (mod 10), so the sum is 0 mod 10 (no 256-bit wrap).
    EXPECT_EQ(output_word(run(code)), Uint256{0});
    const auto code2 = push(Uint256{12}) + push(kMax) + push(kMax) + ops({kMulmod}) + return_top();
    // (2^256-1)^2 mod 12: 2^256 - 1 = 3 (mod 12) since 2^256 = 4 (mod 12); 3*3 = 9.
    EXPECT_EQ(output_word(run(code2)), Uint256{9});
    const auto code3 =
        push(Uint256{0}) + push(Uint256{5}) + push(Uint256{5}) + ops({kMulmod}) + return_top();
    EXPECT_EQ(output_word(run(code3)), Uint256{});
}

TEST_F(ArithmeticTest, ExpAndItsGas) {
    EXPECT_EQ(eval(kExp, Uint256{2}, Uint256{255}), kMinSigned);
    EXPECT_EQ(eval(kExp, Uint256{0}, Uint256{0}), Uint256{1});
    EXPECT_EQ(eval(kExp, Uint256{3}, Uint256{256 + 1}), exp(Uint256{3}, Uint256{257}));
    // EXP costs 10 + 50 per exponent byte: exponent 0x0101 has two bytes.
    const auto code = push(Uint256{0x0101}) + push(Uint256{2}) + ops({kExp, kStop});
    EXPECT_EQ(gas_used(code), 3 + 3 + 10 + 100);
}

TEST_F(ArithmeticTest, Signextend) {
    EXPECT_EQ(eval(kSignextend, Uint256{0}, Uint256{0xff}), kMinusOne);
    EXPECT_EQ(eval(kSignextend, Uint256{0}, Uint256{0x7f}), Uint256{0x7f});
    EXPECT_EQ(eval(kSignextend, Uint256{1}, Uint256{0x80ff}), kMax - Uint256{0x7f00});
    EXPECT_EQ(eval(kSignextend, Uint256{31}, Uint256{0x80}), Uint256{0x80});
    EXPECT_EQ(eval(kSignextend, kMax, Uint256{0x80}), Uint256{0x80});
}

TEST_F(ArithmeticTest, Comparisons) {
    EXPECT_EQ(eval(kLt, Uint256{1}, Uint256{2}), Uint256{1});
    EXPECT_EQ(eval(kGt, Uint256{1}, Uint256{2}), Uint256{0});
    EXPECT_EQ(eval(kSlt, kMinusOne, Uint256{0}), Uint256{1});
    EXPECT_EQ(eval(kSgt, kMinusOne, Uint256{0}), Uint256{0});
    EXPECT_EQ(eval(kEq, kMax, kMax), Uint256{1});
    const auto code = push(Uint256{0}) + ops({kIszero}) + return_top();
    EXPECT_EQ(output_word(run(code)), Uint256{1});
}

TEST_F(ArithmeticTest, BitwiseAndByte) {
    EXPECT_EQ(eval(kAnd, Uint256{0b1100}, Uint256{0b1010}), Uint256{0b1000});
    EXPECT_EQ(eval(kOr, Uint256{0b1100}, Uint256{0b1010}), Uint256{0b1110});
    EXPECT_EQ(eval(kXor, Uint256{0b1100}, Uint256{0b1010}), Uint256{0b0110});
    const auto code = push(Uint256{0}) + ops({kNot}) + return_top();
    EXPECT_EQ(output_word(run(code)), kMax);
    // BYTE counts from the most significant byte.
    EXPECT_EQ(eval(kByte, Uint256{31}, Uint256{0x1234}), Uint256{0x34});
    EXPECT_EQ(eval(kByte, Uint256{30}, Uint256{0x1234}), Uint256{0x12});
    EXPECT_EQ(eval(kByte, Uint256{32}, kMax), Uint256{});
}

TEST_F(ArithmeticTest, Eip145Shifts) {
    EXPECT_EQ(eval(kShl, Uint256{1}, Uint256{1}), Uint256{2});
    EXPECT_EQ(eval(kShl, Uint256{256}, Uint256{1}), Uint256{});
    EXPECT_EQ(eval(kShr, Uint256{4}, Uint256{0x100}), Uint256{0x10});
    EXPECT_EQ(eval(kShr, kMax, kMax), Uint256{});
    EXPECT_EQ(eval(kSar, Uint256{1}, kMinusTwo), kMinusOne);
    EXPECT_EQ(eval(kSar, Uint256{300}, kMinSigned), kMinusOne);
    EXPECT_EQ(eval(kSar, Uint256{300}, Uint256{5}), Uint256{});
}

}  // namespace
}  // namespace yunlian::evm::test
