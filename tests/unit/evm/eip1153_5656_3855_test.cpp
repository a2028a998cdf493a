// Cancun's small opcodes: EIP-1153 TLOAD/TSTORE, EIP-5656 MCOPY, EIP-3855 PUSH0, EIP-4844
// BLOBHASH, EIP-7516 BLOBBASEFEE, and the block context opcodes.

#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

using CancunOpsTest = EvmTest;

TEST_F(CancunOpsTest, TransientStorageRoundTrip) {
    const auto code = push(Uint256{42}) + push(Uint256{7}) + ops({kTstore}) + push(Uint256{7}) +
                      ops({kTload}) + return_top();
    EXPECT_EQ(output_word(run(code)), Uint256{42});
    EXPECT_TRUE(host.accounts[msg.recipient].storage.empty());
    // 100 each, no cold surcharge.
    const auto gas_code = push(Uint256{42}) + push(Uint256{7}) + ops({kTstore}) + push(Uint256{7}) +
                          ops({kTload, kStop});
    EXPECT_EQ(gas_used(gas_code), 3 + 3 + 100 + 3 + 100);
}

TEST_F(CancunOpsTest, TstoreInStaticModeFails) {
    msg.is_static = true;
    const auto code = push(Uint256{1}) + push(Uint256{1}) + ops({kTstore, kStop});
    EXPECT_EQ(run(code).status, host::StatusCode::kStaticModeViolation);
    const auto read = push(Uint256{1}) + ops({kTload, kStop});
    EXPECT_EQ(run(read).status, host::StatusCode::kSuccess);
}

TEST_F(CancunOpsTest, McopyOverlapping) {
    // memory[0..32) = 0x..0102...; copy [0, 32) to 1 and read word 1.
    const auto code = push(Uint256{0x0102}) + push(Uint256{0}) + ops({kMstore}) +
                      push(Uint256{32}) + push(Uint256{0}) + push(Uint256{1}) + ops({kMcopy}) +
                      push(Uint256{1}) + ops({kMload}) + return_top();
    EXPECT_EQ(output_word(run(code)), Uint256{0x0102});
}

TEST_F(CancunOpsTest, McopyGasExpandsToDestination) {
    // MCOPY(dst=32, src=0, size=32): 3 + 3 per word + memory for two words (6).
    const auto code =
        push(Uint256{32}) + push(Uint256{0}) + push(Uint256{32}) + ops({kMcopy, kStop});
    EXPECT_EQ(gas_used(code), 3 + 2 + 3 + 3 + 3 + 6);
    const auto huge = push(Uint256{1}) + push(Uint256::max()) + push(Uint256{0}) + ops({kMcopy});
    EXPECT_EQ(run(huge).status, host::StatusCode::kOutOfGas);
}

TEST_F(CancunOpsTest, Push0CostsTwo) {
    EXPECT_EQ(gas_used(ops({kPush0, kStop})), 2);
    EXPECT_EQ(output_word(run(ops({kPush0}) + return_top())), Uint256{});
}

TEST_F(CancunOpsTest, BlobhashAndBlobbasefee) {
    Hash h;
    h[0] = 0x01;
    h[31] = 0x77;
    host.tx_context.blob_hashes = {Hash{}, h};
    host.tx_context.blob_base_fee = Uint256{12345};
    EXPECT_EQ(output_word(run(push(Uint256{1}) + ops({kBlobhash}) + return_top())),
              Uint256::load_be(h.data()));
    EXPECT_EQ(output_word(run(push(Uint256{2}) + ops({kBlobhash}) + return_top())), Uint256{});
    EXPECT_EQ(output_word(run(push(Uint256::max()) + ops({kBlobhash}) + return_top())), Uint256{});
    EXPECT_EQ(output_word(run(ops({kBlobbasefee}) + return_top())), Uint256{12345});
    EXPECT_EQ(gas_used(push(Uint256{1}) + ops({kBlobhash, kStop})), 3 + 3);
}

TEST_F(CancunOpsTest, BlockContext) {
    host.tx_context.block_number = 300;
    host.tx_context.timestamp = 1234;
    host.tx_context.chain_id = Uint256{1};
    host.tx_context.base_fee = Uint256{7};
    host.tx_context.gas_limit = 30'000'000;
    Hash bh;
    bh[0] = 9;
    host.block_hashes[299] = bh;
    host.block_hashes[43] = bh;
    EXPECT_EQ(output_word(run(ops({kNumber}) + return_top())), Uint256{300});
    EXPECT_EQ(output_word(run(ops({kTimestamp}) + return_top())), Uint256{1234});
    EXPECT_EQ(output_word(run(ops({kChainid}) + return_top())), Uint256{1});
    EXPECT_EQ(output_word(run(ops({kBasefee}) + return_top())), Uint256{7});
    EXPECT_EQ(output_word(run(ops({kGaslimit}) + return_top())), Uint256{30'000'000});
    EXPECT_EQ(output_word(run(push(Uint256{299}) + ops({kBlockhash}) + return_top())),
              Uint256::load_be(bh.data()));
    // Only the last 256 blocks: 43 is 257 blocks back.
    EXPECT_EQ(output_word(run(push(Uint256{43}) + ops({kBlockhash}) + return_top())), Uint256{});
    EXPECT_EQ(output_word(run(push(Uint256{300}) + ops({kBlockhash}) + return_top())), Uint256{});
}

TEST_F(CancunOpsTest, CalldataOpcodes) {
    const Bytes input{1, 2, 3};
    msg.input = input;
    EXPECT_EQ(output_word(run(ops({kCalldatasize}) + return_top())), Uint256{3});
    EXPECT_EQ(output_word(run(push(Uint256{1}) + ops({kCalldataload}) + return_top())),
              Uint256{0x0203} << 240U);
    EXPECT_EQ(output_word(run(push(Uint256::max()) + ops({kCalldataload}) + return_top())),
              Uint256{});
    // CALLDATACOPY 2 bytes from offset 2: one real byte then zero padding.
    const auto copy = push(Uint256{2}) + push(Uint256{2}) + push(Uint256{30}) +
                      ops({kCalldatacopy}) + push(Uint256{0}) + ops({kMload}) + return_top();
    EXPECT_EQ(output_word(run(copy)), Uint256{0x0300});
}

TEST_F(CancunOpsTest, LogsRecordTopicsAndData) {
    const auto code = push(Uint256{0xbeef}) + push(Uint256{0}) + ops({kMstore}) + push(Uint256{5}) +
                      push(Uint256{6}) + push(Uint256{2}) + push(Uint256{30}) +
                      ops({kLog0 + 2, kStop});
    ASSERT_EQ(run(code).status, host::StatusCode::kSuccess);
    ASSERT_EQ(host.logs.size(), 1U);
    EXPECT_EQ(host.logs[0].data, (Bytes{0xbe, 0xef}));
    ASSERT_EQ(host.logs[0].topics.size(), 2U);
    EXPECT_EQ(host.logs[0].topics[0][31], 6);
    EXPECT_EQ(host.logs[0].topics[1][31], 5);
    msg.is_static = true;
    EXPECT_EQ(run(code).status, host::StatusCode::kStaticModeViolation);
}

}  // namespace
}  // namespace yunlian::evm::test
