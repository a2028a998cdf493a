#include "crypto/address.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"

namespace yunlian::crypto {
namespace {

// The examples published in EIP-55.
constexpr const char* kEip55Examples[] = {
    // All caps
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    // All lower
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    // Normal
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

TEST(Eip55, ChecksumOfPublishedExamples) {
    for (const char* example : kEip55Examples) {
        const auto address = fixed_from_hex<20>(example);
        ASSERT_TRUE(address);
        EXPECT_EQ(to_checksum_hex(*address), example);
        const auto parsed = parse_address(example);
        ASSERT_TRUE(parsed) << example;
        EXPECT_EQ(*parsed, *address);
    }
}

TEST(Eip55, LowerUpperAndUnprefixedAreAccepted) {
    const std::string checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    const auto expected = parse_address(checksummed);
    ASSERT_TRUE(expected);
    const std::string lowered = lower(checksummed);
    EXPECT_EQ(*parse_address(lowered), *expected);
    EXPECT_EQ(*parse_address(lowered.substr(2)), *expected);
    EXPECT_EQ(*parse_address(checksummed.substr(2)), *expected);
    std::string upper = checksummed;
    std::transform(upper.begin() + 2, upper.end(), upper.begin() + 2,
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    EXPECT_EQ(*parse_address(upper), *expected);
    std::string capital_prefix = lowered;
    capital_prefix[1] = 'X';
    EXPECT_EQ(*parse_address(capital_prefix), *expected);
}

TEST(Eip55, WrongCaseIsRejected) {
    // Flip the case of one letter: the checksum no longer matches.
    std::string bad = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    bad[3] = 'A';
    EXPECT_EQ(parse_address(bad).error(), AddressError::kBadChecksum);
    bad = "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9adb";
    EXPECT_EQ(parse_address(bad).error(), AddressError::kBadChecksum);
}

TEST(Eip55, MalformedInput) {
    EXPECT_EQ(parse_address("").error(), AddressError::kWrongLength);
    EXPECT_EQ(parse_address("0x").error(), AddressError::kWrongLength);
    EXPECT_EQ(parse_address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae").error(),
              AddressError::kWrongLength);
    EXPECT_EQ(parse_address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00").error(),
              AddressError::kWrongLength);
    EXPECT_EQ(parse_address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg").error(),
              AddressError::kBadHex);
    EXPECT_EQ(parse_address("0x 5aaeb6053f3e94c9b9a09f33669435e7ef1beae").error(),
              AddressError::kBadHex);
    EXPECT_EQ(parse_address("0x0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea").error(),
              AddressError::kBadHex);
    EXPECT_EQ(parse_address(std::string_view("\0", 1)).error(), AddressError::kBadHex);
    EXPECT_FALSE(to_string(AddressError::kBadChecksum).empty());
}

TEST(Eip55, AllDigitAddressHasNoCase) {
    const auto parsed = parse_address("0x1234567890123456789012345678901234567890");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(to_checksum_hex(*parsed), "0x1234567890123456789012345678901234567890");
}

}  // namespace
}  // namespace yunlian::crypto
