// CALL family: EIP-150 63/64 rule, value stipend and costs, depth limit, EIP-214 static mode,
// REVERT data and EIP-211 return data.

#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

using CallsTest = EvmTest;

/// A call of kind `op` with no input and `out_size` bytes of output at memory 0.
Bytes call_code(std::uint8_t op, const Uint256& gas, const Address& to, const Uint256& value,
                std::uint64_t out_size = 0) {
    Bytes code = push(Uint256{out_size}) + push(Uint256{0}) + push(Uint256{0}) + push(Uint256{0});
    if (op == kCall || op == kCallcode) code = code + push(value);
    return code + push(to) + push(gas) + ops({op});
}

TEST_F(CallsTest, ForwardsAllButOne64th) {
    host.warm_accounts.insert(addr(0x42));
    const auto code = call_code(kCall, Uint256::max(), addr(0x42), Uint256{}) + ops({kStop});
    const std::int64_t gas = 100'000;
    (void)run(code, gas);
    ASSERT_EQ(host.recorded_calls.size(), 1U);
    const auto& m = host.recorded_calls[0].first;
    EXPECT_EQ(m.depth, 1);
    EXPECT_EQ(m.kind, host::CallKind::kCall);
    // Five PUSH0 (2 each), PUSH20 and PUSH32 (3 each), then CALL's warm cost of 100.
    const std::int64_t left = gas - (5 * 2 + 3 + 3) - 100;
    EXPECT_EQ(m.gas, left - left / 64);
}

TEST_F(CallsTest, ValueTransferAddsCostsAndStipend) {
    host.accounts[msg.recipient].balance = Uint256{10};
    host.warm_accounts.insert(addr(0x42));
    const auto code = call_code(kCall, Uint256{0}, addr(0x42), Uint256{1}) + ops({kStop});
    const auto used = gas_used(code);
    // Pushes: 4 x PUSH0 (2) + PUSH1 value (3) + PUSH20 (3) + PUSH0 gas (2); CALL 100 warm +
    // 9000 value + 25000 new account. The 2300 stipend is given on top of the forwarded gas
    // and the callee returns it unused, so the caller ends up 2300 better off.
    EXPECT_EQ(used, 4 * 2 + 3 + 3 + 2 + 100 + 9000 + 25000 - 2300);
    ASSERT_EQ(host.recorded_calls.size(), 1U);
    EXPECT_EQ(host.recorded_calls[0].first.gas, 2300);
    EXPECT_EQ(host.accounts[addr(0x42)].balance, Uint256{1});
}

TEST_F(CallsTest, InsufficientBalanceFailsSoftly) {
    host.warm_accounts.insert(addr(0x42));
    const auto code = call_code(kCall, Uint256{0}, addr(0x42), Uint256{1}) + return_top();
    const auto r = run(code);
    EXPECT_EQ(r.status, host::StatusCode::kSuccess);
    EXPECT_EQ(output_word(r), Uint256{0});
    EXPECT_TRUE(host.recorded_calls.empty());
}

TEST_F(CallsTest, DepthLimit) {
    msg.depth = 1024;
    const auto code = call_code(kCall, Uint256{1000}, addr(0x42), Uint256{}) + return_top();
    const auto r = run(code);
    EXPECT_EQ(output_word(r), Uint256{0});
    EXPECT_TRUE(host.recorded_calls.empty());
}

TEST_F(CallsTest, RecursionStopsAtDepth1024) {
    // A contract calling itself with all its gas until the depth limit, counting in storage.
    const auto self = msg.recipient;
    const auto code = push(Uint256{1}) + push(Uint256{0}) + ops({kSload, kAdd}) + push(Uint256{0}) +
                      ops({kSstore}) + call_code(kCall, Uint256::max(), self, Uint256{}) +
                      ops({kStop});
    host.accounts[self].code = code;
    // (63/64)^1024 of the gas must still pay an SSTORE at the deepest frame.
    const auto r = run(code, 1'000'000'000'000);
    EXPECT_EQ(r.status, host::StatusCode::kSuccess);
    const auto depth_reached = host.accounts[self].storage[Uint256{0}].current;
    EXPECT_EQ(depth_reached, Uint256{1025});
}

TEST_F(CallsTest, StaticCallForbidsStateChanges) {
    const auto callee = addr(0x42);
    host.accounts[callee].code = push(Uint256{1}) + push(Uint256{1}) + ops({kSstore, kStop});
    const auto code = call_code(kStaticcall, Uint256{50000}, callee, Uint256{}) + return_top();
    const auto r = run(code);
    EXPECT_EQ(output_word(r), Uint256{0});
    EXPECT_TRUE(host.recorded_calls[0].first.is_static);
    EXPECT_TRUE(host.accounts[callee].storage.empty());
}

TEST_F(CallsTest, CallWithValueInStaticModeFails) {
    msg.is_static = true;
    host.accounts[msg.recipient].balance = Uint256{10};
    const auto code = call_code(kCall, Uint256{0}, addr(0x42), Uint256{1}) + ops({kStop});
    EXPECT_EQ(run(code).status, host::StatusCode::kStaticModeViolation);
    // Without value a CALL in static mode is allowed.
    const auto ok = call_code(kCall, Uint256{0}, addr(0x42), Uint256{}) + ops({kStop});
    EXPECT_EQ(run(ok).status, host::StatusCode::kSuccess);
}

TEST_F(CallsTest, RevertDataReachesReturnData) {
    const auto callee = addr(0x42);
    // Callee: MSTORE 0xdead at 0 and REVERT(30, 2).
    host.accounts[callee].code = push(Uint256{0xdead}) + push(Uint256{0}) + ops({kMstore}) +
                                 push(Uint256{2}) + push(Uint256{30}) + ops({kRevert});
    const auto code = call_code(kCall, Uint256{50000}, callee, Uint256{}, 32) +
                      ops({kReturndatasize}) + return_top();
    const auto r = run(code);
    EXPECT_EQ(output_word(r), Uint256{2});
    const auto copy = call_code(kCall, Uint256{50000}, callee, Uint256{}) + push(Uint256{2}) +
                      push(Uint256{0}) + push(Uint256{30}) + ops({kReturndatacopy}) +
                      push(Uint256{0}) + ops({kMload}) + return_top();
    EXPECT_EQ(output_word(run(copy)), Uint256{0xdead});
}

TEST_F(CallsTest, ReturndatacopyPastTheEndFails) {
    const auto code =
        push(Uint256{1}) + push(Uint256{0}) + push(Uint256{0}) + ops({kReturndatacopy, kStop});
    const auto r = run(code);
    EXPECT_EQ(r.status, host::StatusCode::kInvalidMemoryAccess);
    EXPECT_EQ(r.gas_left, 0);
    // Offset past the end with size 0 fails too (EIP-211).
    const auto code2 =
        push(Uint256{0}) + push(Uint256{1}) + push(Uint256{0}) + ops({kReturndatacopy, kStop});
    EXPECT_EQ(run(code2).status, host::StatusCode::kInvalidMemoryAccess);
}

TEST_F(CallsTest, DelegatecallKeepsSenderAndValue) {
    msg.value = Uint256{77};
    const auto code = call_code(kDelegatecall, Uint256{1000}, addr(0x42), Uint256{}) + ops({kStop});
    (void)run(code);
    ASSERT_EQ(host.recorded_calls.size(), 1U);
    const auto& m = host.recorded_calls[0].first;
    EXPECT_EQ(m.kind, host::CallKind::kDelegateCall);
    EXPECT_EQ(m.sender, msg.sender);
    EXPECT_EQ(m.recipient, msg.recipient);
    EXPECT_EQ(m.code_address, addr(0x42));
    EXPECT_EQ(m.value, Uint256{77});
}

TEST_F(CallsTest, CallcodeRunsForeignCodeOnOwnAccount) {
    const auto code = call_code(kCallcode, Uint256{1000}, addr(0x42), Uint256{}) + ops({kStop});
    (void)run(code);
    const auto& m = host.recorded_calls[0].first;
    EXPECT_EQ(m.recipient, msg.recipient);
    EXPECT_EQ(m.sender, msg.recipient);
    EXPECT_EQ(m.code_address, addr(0x42));
}

TEST_F(CallsTest, ColdCalleeCosts2600) {
    const auto code = call_code(kStaticcall, Uint256{0}, addr(0x42), Uint256{}) + ops({kStop});
    EXPECT_EQ(gas_used(code), 4 * 2 + 3 + 2 + 2600);
}

}  // namespace
}  // namespace yunlian::evm::test
