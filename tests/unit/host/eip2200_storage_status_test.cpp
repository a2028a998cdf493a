// classify_storage_write against the EIP-2200 cases, and the MockHost's bookkeeping.

#include <gtest/gtest.h>

#include "host/mock_host.hpp"

namespace yunlian::host {
namespace {

struct Case {
    std::uint64_t original;
    std::uint64_t current;
    std::uint64_t value;
    StorageStatus expected;
};

class ClassifyTest : public ::testing::TestWithParam<Case> {};

TEST_P(ClassifyTest, MatchesEip2200) {
    const auto& c = GetParam();
    EXPECT_EQ(classify_storage_write(Uint256{c.original}, Uint256{c.current}, Uint256{c.value}),
              c.expected);
}

INSTANTIATE_TEST_SUITE_P(Eip2200, ClassifyTest,
                         ::testing::Values(Case{0, 0, 0, StorageStatus::kAssigned},
                                           Case{0, 0, 1, StorageStatus::kAdded},
                                           Case{0, 1, 0, StorageStatus::kAddedDeleted},
                                           Case{0, 1, 2, StorageStatus::kAssigned},
                                           Case{1, 1, 0, StorageStatus::kDeleted},
                                           Case{1, 1, 2, StorageStatus::kModified},
                                           Case{1, 0, 1, StorageStatus::kDeletedRestored},
                                           Case{1, 0, 2, StorageStatus::kDeletedAdded},
                                           Case{1, 2, 0, StorageStatus::kModifiedDeleted},
                                           Case{1, 2, 1, StorageStatus::kModifiedRestored},
                                           Case{1, 2, 3, StorageStatus::kAssigned},
                                           Case{1, 2, 2, StorageStatus::kAssigned}));

TEST(MockHost, AbsentAndEmptyAccountsDoNotExist) {
    MockHost host;
    Address a;
    a[19] = 1;
    EXPECT_FALSE(host.account_exists(a));
    host.accounts[a];  // created but empty (EIP-161)
    EXPECT_FALSE(host.account_exists(a));
    EXPECT_EQ(host.get_code_hash(a), Hash{});
    host.accounts[a].nonce = 1;
    EXPECT_TRUE(host.account_exists(a));
}

TEST(MockHost, WarmSetsReportFirstAccessCold) {
    MockHost host;
    Address a;
    EXPECT_EQ(host.access_account(a), AccessStatus::kCold);
    EXPECT_EQ(host.access_account(a), AccessStatus::kWarm);
    EXPECT_EQ(host.access_storage(a, Uint256{1}), AccessStatus::kCold);
    EXPECT_EQ(host.access_storage(a, Uint256{1}), AccessStatus::kWarm);
    EXPECT_EQ(host.access_storage(a, Uint256{2}), AccessStatus::kCold);
}

TEST(MockHost, CopyCodeClampsToCode) {
    MockHost host;
    Address a;
    host.accounts[a].code = Bytes{1, 2, 3};
    std::array<std::uint8_t, 4> out{};
    EXPECT_EQ(host.copy_code(a, 1, out), 2U);
    EXPECT_EQ(out[0], 2);
    EXPECT_EQ(host.copy_code(a, 3, out), 0U);
    EXPECT_EQ(host.copy_code(a, ~std::size_t{0}, out), 0U);
}

TEST(MockHost, StorageTracksOriginalValue) {
    MockHost host;
    Address a;
    EXPECT_EQ(host.set_storage(a, Uint256{1}, Uint256{5}), StorageStatus::kAdded);
    EXPECT_EQ(host.set_storage(a, Uint256{1}, Uint256{0}), StorageStatus::kAddedDeleted);
    EXPECT_EQ(host.get_storage(a, Uint256{1}), Uint256{});
}

TEST(MockHost, CallRecordsAndUsesHandler) {
    MockHost host;
    host.call_result.gas_left = 7;
    const Bytes input{1, 2};
    Message msg;
    msg.input = input;
    EXPECT_EQ(host.call(msg).gas_left, 7);
    ASSERT_EQ(host.recorded_calls.size(), 1U);
    EXPECT_EQ(host.recorded_calls[0].second, input);
    host.call_handler = [](const Message&) {
        CallResult r;
        r.status = StatusCode::kRevert;
        return r;
    };
    EXPECT_EQ(host.call(msg).status, StatusCode::kRevert);
}

}  // namespace
}  // namespace yunlian::host
