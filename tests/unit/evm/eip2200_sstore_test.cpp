// SSTORE gas and refunds: EIP-2200 net metering with EIP-2929 prices and EIP-3529 refunds.

#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

struct SstoreCase {
    std::uint64_t original;
    std::uint64_t current;
    std::uint64_t value;
    std::int64_t gas;  ///< cost of the SSTORE alone, slot already warm
    std::int64_t refund;
};

class Eip2200Test : public EvmTest, public ::testing::WithParamInterface<SstoreCase> {};

TEST_P(Eip2200Test, WarmSlotCostAndRefund) {
    const auto& c = GetParam();
    auto& slot = host.accounts[msg.recipient].storage[Uint256{1}];
    slot.original = Uint256{c.original};
    slot.current = Uint256{c.current};
    host.warm_slots.insert({msg.recipient, Uint256{1}});
    const auto code = push(Uint256{c.value}) + push(Uint256{1}) + ops({kSstore, kStop});
    const auto r = run(code);
    ASSERT_EQ(r.status, host::StatusCode::kSuccess);
    const auto push_cost = c.value == 0 ? 2 + 3 : 3 + 3;
    EXPECT_EQ(1'000'000 - r.gas_left - push_cost, c.gas);
    EXPECT_EQ(r.gas_refund, c.refund);
    EXPECT_EQ(host.accounts[msg.recipient].storage[Uint256{1}].current, Uint256{c.value});
}

// The rows of the EIP-3529 test table (Berlin prices, London refunds).
INSTANTIATE_TEST_SUITE_P(
    Cases, Eip2200Test,
    ::testing::Values(SstoreCase{0, 0, 0, 100, 0}, SstoreCase{0, 0, 1, 20000, 0},
                      SstoreCase{0, 1, 0, 100, 19900}, SstoreCase{0, 1, 2, 100, 0},
                      SstoreCase{0, 1, 1, 100, 0}, SstoreCase{1, 1, 0, 2900, 4800},
                      SstoreCase{1, 1, 2, 2900, 0}, SstoreCase{1, 1, 1, 100, 0},
                      SstoreCase{1, 0, 0, 100, 0}, SstoreCase{1, 0, 1, 100, -2000},
                      SstoreCase{1, 0, 2, 100, -4800}, SstoreCase{1, 2, 0, 100, 4800},
                      SstoreCase{1, 2, 1, 100, 2800}, SstoreCase{1, 2, 3, 100, 0},
                      SstoreCase{1, 2, 2, 100, 0}));

using SstoreTest = EvmTest;

TEST_F(SstoreTest, ColdSlotAddsColdLoadCost) {
    const auto code = push(Uint256{1}) + push(Uint256{1}) + ops({kSstore, kStop});
    EXPECT_EQ(gas_used(code), 3 + 3 + 2100 + 20000);
}

TEST_F(SstoreTest, FailsAtOrBelowStipend) {
    const auto code = push(Uint256{1}) + push(Uint256{1}) + ops({kSstore, kStop});
    EXPECT_EQ(run(code, 6 + 2300).status, host::StatusCode::kOutOfGas);
}

TEST_F(SstoreTest, StaticModeViolation) {
    msg.is_static = true;
    const auto code = push(Uint256{1}) + push(Uint256{1}) + ops({kSstore, kStop});
    EXPECT_EQ(run(code).status, host::StatusCode::kStaticModeViolation);
}

TEST_F(SstoreTest, RefundDiscardedOnRevert) {
    auto& slot = host.accounts[msg.recipient].storage[Uint256{1}];
    slot.original = slot.current = Uint256{1};
    const auto code = push(Uint256{0}) + push(Uint256{1}) + ops({kSstore, kPush0, kPush0, kRevert});
    const auto r = run(code);
    EXPECT_EQ(r.status, host::StatusCode::kRevert);
    EXPECT_EQ(r.gas_refund, 0);
}

}  // namespace
}  // namespace yunlian::evm::test
