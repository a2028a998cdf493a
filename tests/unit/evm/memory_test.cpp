// Memory: expansion gas (Yellow Paper H.1), MLOAD/MSTORE/MSTORE8/MSIZE, and offsets no gas
// could pay for.

#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

using MemoryTest = EvmTest;

TEST_F(MemoryTest, ExpansionCostIsQuadratic) {
    // MSTORE at 0x3e0 touches 32 words: 3*32 + 32*32/512 = 98.
    const auto code = push(Uint256{1}) + push(Uint256{0x3e0}) + ops({kMstore, kStop});
    EXPECT_EQ(gas_used(code), 3 + 3 + 3 + 98);
    // 1024 words: 3*1024 + 1024*1024/512 = 5120.
    const auto big = push(Uint256{1}) + push(Uint256{1023 * 32}) + ops({kMstore, kStop});
    EXPECT_EQ(gas_used(big), 3 + 3 + 3 + 5120);
}

TEST_F(MemoryTest, SecondTouchIsFree) {
    const auto code = push(Uint256{1}) + push(Uint256{0}) + ops({kMstore}) + push(Uint256{0}) +
                      ops({kMload, kPop, kStop});
    EXPECT_EQ(gas_used(code), 3 + 2 + 3 + 3 + 2 + 3 + 2);
}

TEST_F(MemoryTest, MstoreMloadRoundTripAndMsize) {
    const auto code = push(Uint256{0x1234}) + push(Uint256{5}) + ops({kMstore}) + push(Uint256{5}) +
                      ops({kMload}) + ops({kMsize, kAdd}) + return_top();
    EXPECT_EQ(output_word(run(code)), Uint256{0x1234 + 64});
}

TEST_F(MemoryTest, Mstore8WritesOneByte) {
    const auto code = push(Uint256{0x1ff}) + push(Uint256{31}) + ops({kMstore8}) +
                      push(Uint256{0}) + ops({kMload}) + return_top();
    EXPECT_EQ(output_word(run(code)), Uint256{0xff});
}

TEST_F(MemoryTest, HugeOffsetIsOutOfGasNotACrash) {
    for (const auto& offset : {Uint256{1} << 32U, Uint256{1} << 64U, Uint256::max()}) {
        const auto code = push(Uint256{1}) + push(offset) + ops({kMstore, kStop});
        const auto r = run(code);
        EXPECT_EQ(r.status, host::StatusCode::kOutOfGas);
        EXPECT_EQ(r.gas_left, 0);
    }
}

TEST_F(MemoryTest, ZeroSizeIgnoresOffset) {
    // RETURN with size 0 and an enormous offset succeeds and touches no memory.
    const auto code = push(Uint256{0}) + push(Uint256::max()) + ops({kReturn});
    const auto r = run(code);
    EXPECT_EQ(r.status, host::StatusCode::kSuccess);
    EXPECT_TRUE(r.output.empty());
}

TEST_F(MemoryTest, Keccak256OfMemory) {
    // keccak256 of 32 zero bytes.
    const auto code = push(Uint256{32}) + push(Uint256{0}) + ops({kKeccak256}) + return_top();
    const Bytes zeros(32, 0);
    EXPECT_EQ(output_word(run(code)), Uint256::load_be(crypto::keccak256(zeros).data()));
    // 30 + 6 per word + memory for one word (3).
    const auto gas_code = push(Uint256{32}) + push(Uint256{0}) + ops({kKeccak256, kStop});
    EXPECT_EQ(gas_used(gas_code), 3 + 2 + 30 + 6 + 3);
}

}  // namespace
}  // namespace yunlian::evm::test
