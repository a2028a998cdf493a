// Stack limits, undefined opcodes, JUMP/JUMPI and the JUMPDEST analysis, truncated PUSH data.

#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

using StackTest = EvmTest;

TEST_F(StackTest, UnderflowFails) {
    const auto r = run(ops({kAdd}));
    EXPECT_EQ(r.status, host::StatusCode::kStackUnderflow);
    EXPECT_EQ(r.gas_left, 0);
}

TEST_F(StackTest, OverflowAt1025) {
    Bytes code;
    for (int i = 0; i < 1024; ++i) code.push_back(kPush0);
    EXPECT_EQ(run(code + ops({kStop})).status, host::StatusCode::kSuccess);
    EXPECT_EQ(run(code + ops({kPush0})).status, host::StatusCode::kStackOverflow);
    EXPECT_EQ(run(code + ops({kDup1})).status, host::StatusCode::kStackOverflow);
}

TEST_F(StackTest, DupAndSwapReachSixteenDeep) {
    Bytes code;
    for (int i = 1; i <= 17; ++i) code = code + push(Uint256{static_cast<std::uint64_t>(i)});
    // SWAP16 exchanges the top (17) with the 17th item (1); after POP the 16th item is 17.
    code = code + ops({kSwap16, kPop, kDup16}) + return_top();
    EXPECT_EQ(output_word(run(code)), Uint256{17});
}

TEST_F(StackTest, UndefinedAndInvalidOpcodes) {
    for (const std::uint8_t op : {0x0c, 0x21, 0x4b, 0xa5, 0xef, 0xf6, 0xfc}) {
        EXPECT_EQ(run(ops({op})).status, host::StatusCode::kUndefinedInstruction) << int{op};
    }
    const auto r = run(ops({kInvalid}));
    EXPECT_EQ(r.status, host::StatusCode::kInvalidInstruction);
    EXPECT_EQ(r.gas_left, 0);
}

TEST_F(StackTest, RunningOffTheEndStops) {
    const auto r = run(push(Uint256{1}));
    EXPECT_EQ(r.status, host::StatusCode::kSuccess);
    EXPECT_EQ(r.gas_left, 1'000'000 - 3);
}

TEST_F(StackTest, TruncatedPushReadsZeros) {
    // PUSH32 with two data bytes: the missing 30 read as zeros on the right.
    const auto code = ops({kPush32, 0xab, 0xcd});
    EXPECT_EQ(run(code).status, host::StatusCode::kSuccess);
    const auto code2 = ops({kPush1 + 2, 0xab});  // PUSH3 with one byte, then the end
    EXPECT_EQ(run(code2).status, host::StatusCode::kSuccess);
}

TEST_F(StackTest, JumpToJumpdest) {
    // PUSH1 4, JUMP, INVALID, JUMPDEST, PUSH1 7, return.
    const auto code =
        ops({kPush1, 4, kJump, kInvalid, kJumpdest}) + push(Uint256{7}) + return_top();
    EXPECT_EQ(output_word(run(code)), Uint256{7});
}

TEST_F(StackTest, JumpIntoPushDataFails) {
    // Offset 3 is a PUSH1 and offset 4 its data byte 0x5b: neither is a destination.
    const auto code = ops({kPush1, 3, kJump, kPush1, kJumpdest, kStop});
    const auto code2 = ops({kPush1, 4, kJump, kPush1, kJumpdest, kStop});
    EXPECT_EQ(run(code).status, host::StatusCode::kBadJumpDestination);
    EXPECT_EQ(run(code2).status, host::StatusCode::kBadJumpDestination);
}

TEST_F(StackTest, JumpOutOfRangeFails) {
    EXPECT_EQ(run(push(Uint256{1000}) + ops({kJump})).status,
              host::StatusCode::kBadJumpDestination);
    EXPECT_EQ(run(push(Uint256::max()) + ops({kJump})).status,
              host::StatusCode::kBadJumpDestination);
}

TEST_F(StackTest, JumpiFallsThroughOnZero) {
    const auto code =
        push(Uint256{0}) + push(Uint256{1000}) + ops({kJumpi}) + push(Uint256{9}) + return_top();
    EXPECT_EQ(output_word(run(code)), Uint256{9});
}

TEST_F(StackTest, AnalysisIsCachedByCodeHash) {
    const auto code = ops({kPush0, kStop});
    const auto hash = crypto::keccak256(code);
    msg.gas = 100;
    (void)vm.execute(host, msg, code, &hash);
    (void)vm.execute(host, msg, code, &hash);
    EXPECT_EQ(vm.cached_analyses(), 1U);
}

TEST_F(StackTest, PcGasAndCodesize) {
    const auto code = ops({kPc, kPop, kGas}) + return_top();
    const auto r = run(code, 100);
    EXPECT_EQ(output_word(r), Uint256{100 - 2 - 2 - 2});
    const auto size_code = ops({kCodesize}) + return_top();
    EXPECT_EQ(output_word(run(size_code)), Uint256{size_code.size()});
}

}  // namespace
}  // namespace yunlian::evm::test
