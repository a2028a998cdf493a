// SELFDESTRUCT under EIP-6780 (the host decides whether the account goes), with EIP-2929 and
// EIP-161 prices and EIP-214 static mode.

#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

using SelfdestructTest = EvmTest;

TEST_F(SelfdestructTest, MovesBalanceAndStops) {
    host.accounts[msg.recipient].balance = Uint256{100};
    host.accounts[addr(0x42)].nonce = 1;  // beneficiary exists
    const auto code = push(addr(0x42)) + ops({kSelfdestruct, kInvalid});
    const auto r = run(code);
    EXPECT_EQ(r.status, host::StatusCode::kSuccess);
    EXPECT_EQ(1'000'000 - r.gas_left, 3 + 5000 + 2600);
    EXPECT_EQ(host.accounts[addr(0x42)].balance, Uint256{100});
    ASSERT_EQ(host.recorded_selfdestructs.size(), 1U);
    EXPECT_EQ(r.gas_refund, 0);  // EIP-3529 removed the refund
}

TEST_F(SelfdestructTest, NewBeneficiaryWithValueCosts25000) {
    host.accounts[msg.recipient].balance = Uint256{1};
    host.warm_accounts.insert(addr(0x42));
    EXPECT_EQ(gas_used(push(addr(0x42)) + ops({kSelfdestruct})), 3 + 5000 + 25000);
}

TEST_F(SelfdestructTest, NoValueNoNewAccountCost) {
    host.warm_accounts.insert(addr(0x42));
    EXPECT_EQ(gas_used(push(addr(0x42)) + ops({kSelfdestruct})), 3 + 5000);
}

TEST_F(SelfdestructTest, StaticModeViolation) {
    msg.is_static = true;
    EXPECT_EQ(run(push(addr(0x42)) + ops({kSelfdestruct})).status,
              host::StatusCode::kStaticModeViolation);
}

}  // namespace
}  // namespace yunlian::evm::test
