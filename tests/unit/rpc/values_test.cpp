#include "rpc/values.hpp"

#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"

namespace yunlian::rpc {
namespace {

TEST(Quantity, EncodesWithoutLeadingZeros) {
    EXPECT_EQ(encode_quantity(std::uint64_t{0}), "0x0");
    EXPECT_EQ(encode_quantity(std::uint64_t{1}), "0x1");
    EXPECT_EQ(encode_quantity(std::uint64_t{0x400}), "0x400");
    EXPECT_EQ(encode_quantity(~std::uint64_t{0}), "0xffffffffffffffff");
}

TEST(Quantity, EncodesBigEndianBytes) {
    EXPECT_EQ(encode_quantity(BytesView{}), "0x0");
    const Bytes zeros(32, 0);
    EXPECT_EQ(encode_quantity(zeros), "0x0");
    const Bytes value{0x00, 0x00, 0x01, 0x00};
    EXPECT_EQ(encode_quantity(value), "0x100");
    const Bytes high{0x0a, 0xbc};
    EXPECT_EQ(encode_quantity(high), "0xabc");
}

TEST(Quantity, ParsesGethRules) {
    EXPECT_EQ(parse_quantity_u64("0x0").value(), 0U);
    EXPECT_EQ(parse_quantity_u64("0x1f").value(), 31U);
    EXPECT_EQ(parse_quantity_u64("0XAb").value(), 0xabU);
    EXPECT_EQ(parse_quantity_u64("0xffffffffffffffff").value(), ~std::uint64_t{0});
}

TEST(Quantity, RejectsEveryMalformedShape) {
    EXPECT_EQ(parse_quantity_u64("").error(), ValueError::kEmptyString);
    EXPECT_EQ(parse_quantity_u64("12").error(), ValueError::kMissingPrefix);
    EXPECT_EQ(parse_quantity_u64("0x").error(), ValueError::kEmptyNumber);
    EXPECT_EQ(parse_quantity_u64("0x01").error(), ValueError::kLeadingZero);
    EXPECT_EQ(parse_quantity_u64("0x00").error(), ValueError::kLeadingZero);
    EXPECT_EQ(parse_quantity_u64("0xg").error(), ValueError::kSyntax);
    EXPECT_EQ(parse_quantity_u64("0x 1").error(), ValueError::kSyntax);
    EXPECT_EQ(parse_quantity_u64("0x10000000000000000").error(), ValueError::kUint64Range);
    EXPECT_EQ(to_message(ValueError::kMissingPrefix), "hex string without 0x prefix");
    EXPECT_EQ(to_message(ValueError::kLeadingZero), "hex number with leading zero digits");
}

TEST(Quantity, Parses256Bits) {
    const auto one = parse_quantity_u256("0x1");
    ASSERT_TRUE(one);
    EXPECT_EQ((*one)[31], 1);
    EXPECT_EQ(to_hex(parse_quantity_u256("0x123").value().view()).substr(62), "0123");
    const std::string max = "0x" + std::string(64, 'f');
    EXPECT_TRUE(parse_quantity_u256(max));
    EXPECT_EQ(parse_quantity_u256("0x1" + std::string(64, '0')).error(), ValueError::kBig256Range);
    EXPECT_EQ(parse_quantity_u256("0x0" + std::string(10, '1')).error(), ValueError::kLeadingZero);
    EXPECT_EQ(parse_quantity_u256("0xz").error(), ValueError::kSyntax);
}

TEST(Data, ParsesAndEncodes) {
    EXPECT_EQ(parse_data("0x").value(), Bytes{});
    EXPECT_EQ(parse_data("").value(), Bytes{});
    EXPECT_EQ(parse_data("0x00ff").value(), (Bytes{0x00, 0xff}));
    EXPECT_EQ(parse_data("00ff").error(), ValueError::kMissingPrefix);
    EXPECT_EQ(parse_data("0x0").error(), ValueError::kOddLength);
    EXPECT_EQ(parse_data("0xzz").error(), ValueError::kSyntax);
    EXPECT_EQ(parse_data("0x0x00").error(), ValueError::kSyntax);
    EXPECT_EQ(encode_data(Bytes{}), "0x");
    EXPECT_EQ(encode_data(Bytes{0xde, 0xad}), "0xdead");
}

TEST(AddressAndHash, NeedExactLengths) {
    const std::string address = "0x" + std::string(40, 'a');
    EXPECT_TRUE(parse_address(address));
    EXPECT_TRUE(parse_address("0x" + std::string(40, 'A')));
    EXPECT_EQ(parse_address("0x" + std::string(38, 'a')).error(), ValueError::kWrongLength);
    EXPECT_EQ(parse_address(std::string(40, 'a')).error(), ValueError::kMissingPrefix);
    EXPECT_TRUE(parse_hash("0x" + std::string(64, '0')));
    EXPECT_EQ(parse_hash("0x" + std::string(66, '0')).error(), ValueError::kWrongLength);
    EXPECT_EQ(parse_hash("0x" + std::string(63, '0')).error(), ValueError::kOddLength);
}

TEST(BlockTags, ParseNamesAndNumbers) {
    using Kind = BlockTag::Kind;
    EXPECT_EQ(parse_block_tag("latest").value(), (BlockTag{Kind::kLatest, 0}));
    EXPECT_EQ(parse_block_tag("earliest").value(), (BlockTag{Kind::kEarliest, 0}));
    EXPECT_EQ(parse_block_tag("pending").value(), (BlockTag{Kind::kPending, 0}));
    EXPECT_EQ(parse_block_tag("safe").value(), (BlockTag{Kind::kSafe, 0}));
    EXPECT_EQ(parse_block_tag("finalized").value(), (BlockTag{Kind::kFinalized, 0}));
    EXPECT_EQ(parse_block_tag("0x10").value(), (BlockTag{Kind::kNumber, 16}));
    EXPECT_EQ(parse_block_tag("Latest").error(), ValueError::kMissingPrefix);
    EXPECT_EQ(parse_block_tag("0x010").error(), ValueError::kLeadingZero);
    EXPECT_EQ(parse_block_tag("0x8000000000000000").error(), ValueError::kBlockNumberRange);
    EXPECT_EQ(parse_block_tag("0x7fffffffffffffff").value().block_num, 0x7fffffffffffffffULL);
    EXPECT_EQ(to_string(BlockTag{Kind::kNumber, 255}), "0xff");
    EXPECT_EQ(to_string(BlockTag{Kind::kSafe, 0}), "safe");
}

}  // namespace
}  // namespace yunlian::rpc
