#include "rpc/error.hpp"

#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "rpc/limits.hpp"

namespace yunlian::rpc {
namespace {

Bytes hex(std::string_view text) { return from_hex(text).value(); }

/// Error(string) with the reason "hi" (selector 08c379a0, offset 0x20, length 2).
const std::string kErrorHi =
    "0x08c379a0"
    "0000000000000000000000000000000000000000000000000000000000000020"
    "0000000000000000000000000000000000000000000000000000000000000002"
    "6869000000000000000000000000000000000000000000000000000000000000";

TEST(Revert, DecodesErrorString) {
    const auto error = execution_reverted(hex(kErrorHi));
    EXPECT_EQ(error.code(), kExecutionReverted);
    EXPECT_STREQ(error.what(), "execution reverted: hi");
    ASSERT_TRUE(error.data());
    EXPECT_EQ(error.data()->as_string(), kErrorHi);
}

TEST(Revert, DecodesPanicCodes) {
    const auto overflow = hex("0x4e487b71" + std::string(62, '0') + "11");
    EXPECT_EQ(decode_revert_reason(overflow).value(), "arithmetic underflow or overflow");
    const auto unknown = hex("0x4e487b71" + std::string(62, '0') + "99");
    EXPECT_EQ(decode_revert_reason(unknown).value(), "unknown panic code: 0x99");
}

TEST(Revert, PlainRevertHasNoReason) {
    const auto error = execution_reverted(Bytes{});
    EXPECT_STREQ(error.what(), "execution reverted");
    EXPECT_EQ(error.data()->as_string(), "0x");
    EXPECT_FALSE(decode_revert_reason(hex("0xdeadbeef")));
}

TEST(Revert, MalformedErrorStringsDoNotDecode) {
    // Truncated after the selector, offset pointing past the end, and a huge length.
    EXPECT_FALSE(decode_revert_reason(hex("0x08c379a0")));
    EXPECT_FALSE(decode_revert_reason(hex("0x08c379a0" + std::string(62, '0') + "ff")));
    const std::string huge_length =
        "0x08c379a0" + std::string(62, '0') + "20" + std::string(48, 'f') + std::string(16, 'f');
    EXPECT_FALSE(decode_revert_reason(hex(huge_length)));
    const std::string offset_overflow = "0x08c379a0" + std::string(64, 'f');
    EXPECT_FALSE(decode_revert_reason(hex(offset_overflow)));
}

TEST(Revert, InvalidUtf8ReasonIsReplaced) {
    const std::string bad = "0x08c379a0" + std::string(62, '0') + "20" + std::string(62, '0') +
                            "02" + "ff41" + std::string(60, '0');
    EXPECT_EQ(decode_revert_reason(hex(bad)).value(),
              "\xEF\xBF\xBD"
              "A");
}

TEST(Errors, GethWording) {
    EXPECT_STREQ(method_not_found("eth_foo").what(),
                 "the method eth_foo does not exist/is not available");
    EXPECT_EQ(method_not_found("x").code(), kMethodNotFound);
    EXPECT_EQ(invalid_params("x").code(), kInvalidParams);
    EXPECT_EQ(server_error("x").code(), kServerError);
    EXPECT_EQ(notifications_unsupported().code(), kMethodNotFound);
    EXPECT_STREQ(notifications_unsupported().what(), "notifications not supported");
}

TEST(GasCap, CapsLikeGeth) {
    EXPECT_EQ(capped_call_gas(0, kDefaultGasCap), kDefaultGasCap);
    EXPECT_EQ(capped_call_gas(21000, kDefaultGasCap), 21000U);
    EXPECT_EQ(capped_call_gas(kDefaultGasCap + 1, kDefaultGasCap), kDefaultGasCap);
    EXPECT_EQ(capped_call_gas(77, 0), 77U);
}

}  // namespace
}  // namespace yunlian::rpc
