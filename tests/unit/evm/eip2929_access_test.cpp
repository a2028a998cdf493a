// EIP-2929: cold and warm prices for account and storage access.

#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

using Eip2929Test = EvmTest;

TEST_F(Eip2929Test, BalanceColdThenWarm) {
    const auto code =
        push(addr(0x42)) + ops({kBalance, kPop}) + push(addr(0x42)) + ops({kBalance, kPop, kStop});
    // PUSH20 3, BALANCE cold 2600, POP 2, PUSH20 3, BALANCE warm 100, POP 2.
    EXPECT_EQ(gas_used(code), 3 + 2600 + 2 + 3 + 100 + 2);
}

TEST_F(Eip2929Test, ExtcodesizeHashAndCopyShareTheWarmSet) {
    host.accounts[addr(0x42)].code = Bytes{1, 2, 3};
    host.accounts[addr(0x42)].code_hash = crypto::keccak256(Bytes{1, 2, 3});
    const auto code = push(addr(0x42)) + ops({kExtcodesize}) + push(addr(0x42)) +
                      ops({kExtcodehash, kPop}) + return_top();
    const auto r = run(code);
    EXPECT_EQ(output_word(r), Uint256{3});
    EXPECT_TRUE(host.warm_accounts.contains(addr(0x42)));
}

TEST_F(Eip2929Test, SloadColdThenWarm) {
    const auto code =
        push(Uint256{1}) + ops({kSload, kPop}) + push(Uint256{1}) + ops({kSload, kPop, kStop});
    EXPECT_EQ(gas_used(code), 3 + 2100 + 2 + 3 + 100 + 2);
}

TEST_F(Eip2929Test, PrewarmedAccountIsWarm) {
    host.warm_accounts.insert(addr(0x42));
    const auto code = push(addr(0x42)) + ops({kBalance, kStop});
    EXPECT_EQ(gas_used(code), 3 + 100);
}

TEST_F(Eip2929Test, ColdAccessOutOfGas) {
    const auto code = push(addr(0x42)) + ops({kBalance, kStop});
    const auto r = run(code, 3 + 2599);
    EXPECT_EQ(r.status, host::StatusCode::kOutOfGas);
    EXPECT_EQ(r.gas_left, 0);
}

}  // namespace
}  // namespace yunlian::evm::test
