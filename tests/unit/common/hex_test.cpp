#include "common/hex.hpp"

#include <gtest/gtest.h>

namespace yunlian {
namespace {

TEST(Hex, RoundTrip) {
    const Bytes data{0x00, 0x01, 0xab, 0xff};
    EXPECT_EQ(to_hex(data), "0x0001abff");
    EXPECT_EQ(to_hex(data, false), "0001abff");
    auto parsed = from_hex("0x0001ABff");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, data);
}

TEST(Hex, EmptyIsValid) {
    auto parsed = from_hex("0x");
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->empty());
    EXPECT_EQ(to_hex({}), "0x");
}

TEST(Hex, OddLengthIsRejected) { EXPECT_EQ(from_hex("0x123").error(), HexError::kOddLength); }

TEST(Hex, InvalidDigitIsRejected) {
    EXPECT_EQ(from_hex("0x12zz").error(), HexError::kInvalidDigit);
    EXPECT_EQ(from_hex("0x 1").error(), HexError::kInvalidDigit);
    EXPECT_EQ(from_hex("0xx1").error(), HexError::kInvalidDigit);
}

TEST(Hex, PrefixRules) {
    EXPECT_EQ(from_hex("12", HexPrefix::kRequired).error(), HexError::kMissingPrefix);
    EXPECT_EQ(from_hex("0x12", HexPrefix::kForbidden).error(), HexError::kUnexpectedPrefix);
    EXPECT_TRUE(from_hex("12", HexPrefix::kForbidden));
    EXPECT_TRUE(from_hex("0X12", HexPrefix::kRequired));
}

TEST(Hex, FixedLength) {
    auto addr = fixed_from_hex<20>("0x" + std::string(40, 'a'));
    ASSERT_TRUE(addr);
    EXPECT_EQ((*addr)[0], 0xaa);
    EXPECT_EQ(fixed_from_hex<20>("0xaa").error(), HexError::kWrongLength);
    EXPECT_EQ(to_string(HexError::kWrongLength), "hex string has the wrong length");
}

}  // namespace
}  // namespace yunlian
