#include "common/result.hpp"

#include <string>

#include <gtest/gtest.h>

namespace yunlian {
namespace {

enum class TestError { kBad, kWorse };

Result<std::string, TestError> parse(bool ok) {
    if (!ok) return Unexpected(TestError::kWorse);
    return std::string("fine");
}

Result<void, TestError> check(bool ok) {
    if (!ok) return Unexpected(TestError::kBad);
    return {};
}

TEST(Result, ValueAndError) {
    auto good = parse(true);
    ASSERT_TRUE(good);
    EXPECT_EQ(*good, "fine");
    EXPECT_EQ(good->size(), 4u);
    auto bad = parse(false);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), TestError::kWorse);
    EXPECT_EQ(bad.value_or("fallback"), "fallback");
}

TEST(Result, Void) {
    EXPECT_TRUE(check(true));
    ASSERT_FALSE(check(false));
    EXPECT_EQ(check(false).error(), TestError::kBad);
}

}  // namespace
}  // namespace yunlian
