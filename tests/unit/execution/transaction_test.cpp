// Transaction processing over a state::Overlay: validity rules, gas purchase and refund, the
// coinbase tip and base-fee burn (EIP-1559), creates, EIP-3529 refund cap, EIP-4844 blob fee.

#include "execution/transaction.hpp"

#include <gtest/gtest.h>

#include "evm/create_address.hpp"
#include "state/flat_state.hpp"
#include "state/layout.hpp"
#include "state/memory_kv.hpp"

namespace yunlian::execution {
namespace {

Address addr(std::uint8_t last) {
    Address a;
    a[19] = last;
    return a;
}

class TransactionTest : public ::testing::Test {
  protected:
    TransactionTest() : m_kv(state::state_families()), m_base(m_kv), state(m_base) {
        state.set_balance(kSender, Uint256{10'000'000'000ULL});
        state.finish_transaction(false);
        block.coinbase = addr(0xcb);
        block.block_num = 1;
        block.gas_limit = 30'000'000;
        block.base_fee = Uint256{7};
        txn.sender = kSender;
        txn.gas_limit = 100'000;
        txn.gas_price = Uint256{10};
        txn.to = addr(0x42);
    }

    Result<TxOutcome, TxValidationError> apply() {
        return apply_transaction(state, vm, block, txn);
    }

    static constexpr Address kSender = [] {
        Address a;
        a[19] = 0x5e;
        return a;
    }();

  private:
    state::MemoryKv m_kv;
    state::FlatState m_base;

  protected:
    state::Overlay state;
    evm::Vm vm;
    BlockEnv block;
    TxRequest txn;
};

TEST_F(TransactionTest, IntrinsicGas) {
    TxRequest t;
    t.to = addr(1);
    EXPECT_EQ(intrinsic_gas(t), 21000U);
    t.data = Bytes{0, 1, 0, 2};
    EXPECT_EQ(intrinsic_gas(t), 21000U + 2 * 4 + 2 * 16);
    t.access_list = {{addr(2), {Hash{}, Hash{}}}};
    EXPECT_EQ(intrinsic_gas(t), 21000U + 40 + 2400 + 2 * 1900);
    t.to.reset();
    t.access_list.clear();
    t.data = Bytes(33, 1);
    // 32000 for a create plus 2 per init-code word (EIP-3860).
    EXPECT_EQ(intrinsic_gas(t), 21000U + 32000 + 33 * 16 + 2 * 2);
}

TEST_F(TransactionTest, PlainTransferPaysTipAndBurnsBaseFee) {
    txn.value = Uint256{1000};
    const auto out = apply();
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(out->status, host::StatusCode::kSuccess);
    EXPECT_EQ(out->gas_used, 21000U);
    EXPECT_EQ(state.balance(addr(0x42)), Uint256{1000});
    EXPECT_EQ(state.balance(kSender), Uint256{10'000'000'000ULL - 1000 - 21000 * 10});
    // Tip: gas price 10 minus base fee 7.
    EXPECT_EQ(state.balance(block.coinbase), Uint256{21000 * 3});
    EXPECT_EQ(state.nonce(kSender), 1U);
}

TEST_F(TransactionTest, ValidityRules) {
    txn.nonce = 1;
    EXPECT_EQ(apply().error(), TxValidationError::kNonceMismatch);
    txn.nonce = 0;
    txn.gas_limit = 20999;
    EXPECT_EQ(apply().error(), TxValidationError::kIntrinsicGasTooLow);
    txn.gas_limit = 100'000;
    txn.gas_price = Uint256{6};
    EXPECT_EQ(apply().error(), TxValidationError::kMaxFeeBelowBaseFee);
    txn.gas_price = Uint256{10};
    txn.value = Uint256{10'000'000'000ULL};
    EXPECT_EQ(apply().error(), TxValidationError::kInsufficientFunds);
    txn.value = Uint256{};
    txn.gas_limit = 40'000'000;
    EXPECT_EQ(apply().error(), TxValidationError::kGasLimitAboveBlock);
    txn.gas_limit = 100'000;
    txn.type = 2;
    txn.max_fee_per_gas = Uint256{10};
    txn.max_priority_fee_per_gas = Uint256{11};
    EXPECT_EQ(apply().error(), TxValidationError::kPriorityFeeAboveMaxFee);
    // Nothing changed.
    EXPECT_EQ(state.nonce(kSender), 0U);
    EXPECT_EQ(state.balance(kSender), Uint256{10'000'000'000ULL});
}

TEST_F(TransactionTest, SenderWithCodeIsRejected) {
    state.set_code(kSender, Bytes{0x00});
    state.finish_transaction(false);
    EXPECT_EQ(apply().error(), TxValidationError::kSenderNotEoa);
}

TEST_F(TransactionTest, InitcodeTooLarge) {
    txn.to.reset();
    txn.gas_limit = 10'000'000;
    txn.data = Bytes(49153, 0);
    EXPECT_EQ(apply().error(), TxValidationError::kInitcodeTooLarge);
}

TEST_F(TransactionTest, CreateDeploysCode) {
    // Init code: MSTORE8 0x00 at 0 is implicit; RETURN 1 byte of zero memory -> code 0x00.
    txn.to.reset();
    txn.data = Bytes{0x60, 0x01, 0x60, 0x00, 0xf3};  // PUSH1 1 PUSH1 0 RETURN
    const auto out = apply();
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(out->status, host::StatusCode::kSuccess);
    const auto created = evm::create_address(kSender, 0);
    EXPECT_EQ(out->create_address, created);
    EXPECT_EQ(state.code(created).size(), 1U);
    EXPECT_EQ(state.nonce(created), 1U);
}

TEST_F(TransactionTest, RevertKeepsGasPaymentButUndoesValue) {
    state.set_code(addr(0x42), Bytes{0x5f, 0x5f, 0xfd});  // PUSH0 PUSH0 REVERT
    state.finish_transaction(false);
    txn.value = Uint256{5};
    const auto out = apply();
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(out->status, host::StatusCode::kRevert);
    EXPECT_EQ(out->gas_used, 21000U + 2 + 2);
    EXPECT_EQ(state.balance(addr(0x42)), Uint256{});
    EXPECT_EQ(state.nonce(kSender), 1U);
}

TEST_F(TransactionTest, RefundCappedAtOneFifth) {
    // Clear a pre-set slot: refund 4800, but gas used is about 26k, so the cap is used/5.
    Hash one;
    one[31] = 1;
    state.set_code(addr(0x42), Bytes{0x5f, 0x5f, 0x55});  // SSTORE(0, 0)
    state.set_storage(addr(0x42), Hash{}, one);
    state.finish_transaction(false);
    const auto out = apply();
    ASSERT_TRUE(out.has_value());
    const std::uint64_t used = 21000 + 2 + 2 + 2100 + 2900;
    EXPECT_EQ(out->gas_used, used - std::min<std::uint64_t>(4800, used / 5));
}

TEST_F(TransactionTest, BlobTransactionRules) {
    txn.type = 3;
    txn.max_fee_per_gas = Uint256{10};
    txn.max_priority_fee_per_gas = Uint256{1};
    txn.max_fee_per_blob_gas = Uint256{1};
    EXPECT_EQ(apply().error(), TxValidationError::kNoBlobs);
    Hash versioned;
    versioned[0] = 0x02;
    txn.blob_hashes = {versioned};
    EXPECT_EQ(apply().error(), TxValidationError::kInvalidBlobVersion);
    txn.blob_hashes[0][0] = 0x01;
    const auto out = apply();
    ASSERT_TRUE(out.has_value());
    // Gas at base fee + tip = 8, plus one blob at blob base fee 1.
    EXPECT_EQ(state.balance(kSender), Uint256{10'000'000'000ULL - 21000 * 8 - 131072});
}

TEST(BlobBaseFee, FakeExponential) {
    EXPECT_EQ(blob_base_fee(0), Uint256{1});
    // e^(excess / 3338477): at 10 * 3338477 it is floor(e^10) = 22026.
    EXPECT_EQ(blob_base_fee(33'384'770), Uint256{22026});
}

}  // namespace
}  // namespace yunlian::execution
