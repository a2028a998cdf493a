#include "codec/rlp.hpp"

#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"

namespace yunlian::rlp {
namespace {

Bytes hex(std::string_view h) { return *from_hex(h); }

std::string enc_str(std::string_view s) { return to_hex(encode_string(as_bytes(s)), false); }

std::string enc_uint(std::uint64_t v) {
    Bytes out;
    encode_uint(out, v);
    return to_hex(out, false);
}

// The examples of the Yellow Paper and the ethereum/tests RLP suite.
TEST(RlpEncode, Strings) {
    EXPECT_EQ(enc_str(""), "80");
    EXPECT_EQ(enc_str("dog"), "83646f67");
    EXPECT_EQ(to_hex(encode_string(Bytes{0x00}), false), "00");
    EXPECT_EQ(to_hex(encode_string(Bytes{0x7f}), false), "7f");
    EXPECT_EQ(to_hex(encode_string(Bytes{0x80}), false), "8180");
    const std::string lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";
    EXPECT_EQ(enc_str(lorem), "b838" + to_hex(as_bytes(lorem), false));
    EXPECT_EQ(string_size(as_bytes(lorem)), 58u);
}

TEST(RlpEncode, Integers) {
    EXPECT_EQ(enc_uint(0), "80");
    EXPECT_EQ(enc_uint(1), "01");
    EXPECT_EQ(enc_uint(127), "7f");
    EXPECT_EQ(enc_uint(128), "8180");
    EXPECT_EQ(enc_uint(1024), "820400");
    EXPECT_EQ(enc_uint(0xffffffffffffffffULL), "88ffffffffffffffff");
}

TEST(RlpEncode, Lists) {
    Bytes payload;
    encode_string(payload, as_bytes("cat"));
    encode_string(payload, as_bytes("dog"));
    EXPECT_EQ(to_hex(wrap_list(payload), false), "c88363617483646f67");
    EXPECT_EQ(to_hex(wrap_list({}), false), "c0");
    // The set-theoretic representation of three: [ [], [[]], [ [], [[]] ] ]
    EXPECT_EQ(to_hex(wrap_list(hex("c0c1c0c3c0c1c0")), false), "c7c0c1c0c3c0c1c0");
    Bytes big(60, 0x01);
    EXPECT_EQ(to_hex(wrap_list(big), false).substr(0, 4), "f83c");
}

TEST(RlpDecode, RoundTripsNested) {
    const Bytes encoded = hex("c7c0c1c0c3c0c1c0");
    auto list = ListReader::open(encoded);
    ASSERT_TRUE(list);
    auto first = list->list();
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->empty());
    auto second = list->list();
    ASSERT_TRUE(second);
    auto third = list->list();
    ASSERT_TRUE(third);
    EXPECT_TRUE(list->finish());
}

TEST(RlpDecode, IntegersAndFixed) {
    const Bytes encoded = hex("c9820400808401020304");
    auto list = ListReader::open(encoded);
    ASSERT_TRUE(list);
    EXPECT_EQ(*list->uint64(), 1024u);
    EXPECT_EQ(*list->uint64(), 0u);
    auto four = list->fixed<4>();
    ASSERT_TRUE(four);
    EXPECT_EQ((*four)[3], 0x04);
    EXPECT_TRUE(list->finish());
}

TEST(RlpDecode, LongString) {
    Bytes payload(1000, 0xab);
    const Bytes encoded = encode_string(payload);
    EXPECT_EQ(to_hex(BytesView(encoded).first(3), false), "b903e8");
    auto item = decode_single(encoded);
    ASSERT_TRUE(item);
    EXPECT_FALSE(item->is_list);
    EXPECT_EQ(item->payload.size(), 1000u);
}

struct Malformed {
    const char* name;
    const char* hex;
    RlpError error;
};

class RlpMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(RlpMalformed, GetsItsSpecificError) {
    const Bytes input = hex(GetParam().hex);
    auto item = decode_single(input);
    ASSERT_FALSE(item) << GetParam().name;
    EXPECT_EQ(item.error(), GetParam().error) << GetParam().name << ": " << to_string(item.error());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RlpMalformed,
    ::testing::Values(
        Malformed{"empty", "", RlpError::kInputTooShort},
        Malformed{"short string cut", "83646f", RlpError::kInputTooShort},
        Malformed{"single byte wrapped", "8105", RlpError::kNonCanonicalSize},
        Malformed{"long form for short payload", "b803646f67", RlpError::kNonCanonicalSize},
        Malformed{"long list form for short payload", "f80180", RlpError::kNonCanonicalSize},
        Malformed{"length with leading zero", "b9003a", RlpError::kLeadingZeros},
        Malformed{"length of length cut", "b9", RlpError::kInputTooShort},
        Malformed{"trailing bytes", "8300000000", RlpError::kTrailingBytes},
        Malformed{"list payload cut", "c3c0c0", RlpError::kInputTooShort},
        Malformed{"huge length", "bbffffffff", RlpError::kInputTooShort}),
    [](const auto& param_info) {
        std::string name = param_info.param.name;
        for (char& c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        }
        return name;
    });

TEST(RlpDecode, EightByteLengthBeyondInput) {
    // 0xbf: a string with an 8-byte length of 2^56; the input cannot hold it, and nothing is
    // allocated for it.
    const Bytes huge = hex("bf0100000000000000");
    EXPECT_EQ(decode_single(huge).error(), RlpError::kInputTooShort);
}

TEST(RlpDecode, IntegerWiderThan64BitsOverflows) {
    const Bytes wide = hex("ca89010203040506070809");
    auto list = ListReader::open(wide);
    ASSERT_TRUE(list);
    EXPECT_EQ(list->uint64().error(), RlpError::kOverflow);
}

TEST(RlpDecode, IntegerWithLeadingZeroIsRejected) {
    const Bytes encoded = hex("c3820001");
    auto list = ListReader::open(encoded);
    ASSERT_TRUE(list);
    EXPECT_EQ(list->uint64().error(), RlpError::kLeadingZeros);
    const Bytes zero_byte = hex("c100");
    auto list2 = ListReader::open(zero_byte);
    ASSERT_TRUE(list2);
    EXPECT_EQ(list2->uint64().error(), RlpError::kLeadingZeros);
}

TEST(RlpDecode, KindMismatches) {
    const Bytes encoded = hex("c2c080");
    auto list = ListReader::open(encoded);
    ASSERT_TRUE(list);
    EXPECT_EQ(list->bytes().error(), RlpError::kUnexpectedList);
    EXPECT_EQ(list->list().error(), RlpError::kUnexpectedString);
    EXPECT_EQ(ListReader::open(hex("80")).error(), RlpError::kUnexpectedString);
}

TEST(RlpDecode, FixedLengthMismatch) {
    const Bytes encoded = hex("c483010203");
    auto list = ListReader::open(encoded);
    ASSERT_TRUE(list);
    EXPECT_EQ(list->fixed<4>().error(), RlpError::kUnexpectedLength);
}

TEST(RlpDecode, UnreadFieldsAreTrailing) {
    const Bytes encoded = hex("c20102");
    auto list = ListReader::open(encoded);
    ASSERT_TRUE(list);
    EXPECT_EQ(*list->uint64(), 1u);
    EXPECT_EQ(list->finish().error(), RlpError::kTrailingBytes);
}

TEST(RlpDecode, RawItemKeepsHeader) {
    const Bytes encoded = hex("c88363617483646f67");
    auto list = ListReader::open(encoded);
    ASSERT_TRUE(list);
    auto raw = list->raw_item();
    ASSERT_TRUE(raw);
    EXPECT_EQ(to_hex(*raw, false), "83636174");
}

}  // namespace
}  // namespace yunlian::rlp
