// The transaction-level rules around the EVM.

#include "execution/transaction.hpp"

#include <algorithm>

#include "evm/create_address.hpp"
#include "execution/evm_host.hpp"

namespace yunlian::execution {

namespace {

constexpr std::uint64_t kTxGas = 21000;                // G_transaction
constexpr std::uint64_t kTxCreateGas = 32000;          // G_txcreate
constexpr std::uint64_t kTxDataZeroGas = 4;            // G_txdatazero
constexpr std::uint64_t kTxDataNonZeroGas = 16;        // EIP-2028
constexpr std::uint64_t kAccessListAddressGas = 2400;  // EIP-2930
constexpr std::uint64_t kAccessListSlotGas = 1900;     // EIP-2930
constexpr std::uint64_t kInitcodeWordGas = 2;          // EIP-3860
constexpr std::size_t kMaxInitcodeSize = 2 * kMaxCodeSize;
constexpr std::size_t kMaxBlobsPerBlock = 6;     // EIP-4844: 786432 / 131072
constexpr std::uint8_t kBlobHashVersion = 0x01;  // VERSIONED_HASH_VERSION_KZG
constexpr std::uint64_t kMaxRefundQuotient = 5;  // EIP-3529
constexpr std::uint8_t kNumPrecompiles = 10;     // 0x01..0x0a are warm in Cancun

/// Checks that do not need the gas arithmetic; the order follows the tests' expectations.
Result<void, TxValidationError> check_static_rules(const state::Overlay& state,
                                                   const BlockEnv& block, const TxRequest& txn,
                                                   const Uint256& blob_fee) {
    using E = TxValidationError;
    if (txn.type > 3) return Unexpected(E::kUnsupportedType);
    if (txn.gas_limit > static_cast<std::uint64_t>(block.gas_limit)) {
        return Unexpected(E::kGasLimitAboveBlock);
    }
    if (txn.type >= 2 && txn.max_priority_fee_per_gas > txn.max_fee_per_gas) {
        return Unexpected(E::kPriorityFeeAboveMaxFee);
    }
    if (txn.max_fee() < block.base_fee) return Unexpected(E::kMaxFeeBelowBaseFee);
    if (txn.type == 3) {
        if (!txn.to) return Unexpected(E::kBlobCreate);
        if (txn.blob_hashes.empty()) return Unexpected(E::kNoBlobs);
        if (txn.blob_hashes.size() > kMaxBlobsPerBlock) return Unexpected(E::kTooManyBlobs);
        for (const auto& h : txn.blob_hashes) {
            if (h[0] != kBlobHashVersion) return Unexpected(E::kInvalidBlobVersion);
        }
        if (txn.max_fee_per_blob_gas < blob_fee) return Unexpected(E::kBlobFeeBelowBaseFee);
    }
    if (!txn.to && txn.data.size() > kMaxInitcodeSize) return Unexpected(E::kInitcodeTooLarge);
    if (intrinsic_gas(txn) > txn.gas_limit) return Unexpected(E::kIntrinsicGasTooLow);
    const auto nonce = state.nonce(txn.sender);
    if (nonce == ~std::uint64_t{0}) return Unexpected(E::kNonceMax);
    if (txn.nonce != nonce) return Unexpected(E::kNonceMismatch);
    if (state.code_hash(txn.sender) != types::kEmptyCodeHash) return Unexpected(E::kSenderNotEoa);
    return {};
}

/// The most the sender may pay: gas limit * max fee + value (+ blob gas * max blob fee).
Result<Uint256, TxValidationError> max_cost(const TxRequest& txn) {
    Uint256 cost = Uint256{txn.gas_limit} * txn.max_fee();
    if (!txn.max_fee().is_zero() && cost / txn.max_fee() != Uint256{txn.gas_limit}) {
        return Unexpected(TxValidationError::kFeeOverflow);
    }
    if (txn.type == 3) {
        const Uint256 blob_gas{kGasPerBlob * txn.blob_hashes.size()};
        const auto blob_cost = blob_gas * txn.max_fee_per_blob_gas;
        if (!txn.max_fee_per_blob_gas.is_zero() &&
            blob_cost / txn.max_fee_per_blob_gas != blob_gas) {
            return Unexpected(TxValidationError::kFeeOverflow);
        }
        if (add_overflow(cost, blob_cost, cost)) return Unexpected(TxValidationError::kFeeOverflow);
    }
    if (add_overflow(cost, txn.value, cost)) return Unexpected(TxValidationError::kFeeOverflow);
    return cost;
}

host::TxContext make_context(const BlockEnv& block, const TxRequest& txn, const Uint256& gas_price,
                             const Uint256& blob_fee) {
    host::TxContext ctx;
    ctx.gas_price = gas_price;
    ctx.origin = txn.sender;
    ctx.coinbase = block.coinbase;
    ctx.block_number = block.block_num;
    ctx.timestamp = block.timestamp;
    ctx.gas_limit = block.gas_limit;
    ctx.prevrandao = block.prevrandao;
    ctx.chain_id = block.chain_id;
    ctx.base_fee = block.base_fee;
    ctx.blob_base_fee = blob_fee;
    ctx.blob_hashes = txn.blob_hashes;
    return ctx;
}

/// EIP-2929, EIP-2930 and EIP-3651: what is warm before the first instruction.
void warm_up(state::Overlay& state, const BlockEnv& block, const TxRequest& txn) {
    state.access_account(txn.sender);
    if (txn.to) state.access_account(*txn.to);
    for (std::uint8_t i = 1; i <= kNumPrecompiles; ++i) {
        Address precompile;
        precompile[19] = i;
        state.access_account(precompile);
    }
    state.access_account(block.coinbase);
    for (const auto& entry : txn.access_list) {
        state.access_account(entry.address);
        for (const auto& key : entry.storage_keys) state.access_storage(entry.address, key);
    }
}

}  // namespace

std::string_view to_string(TxValidationError error) noexcept {
    using E = TxValidationError;
    switch (error) {
        case E::kGasLimitAboveBlock:
            return "gas limit above the block gas limit";
        case E::kSenderNotEoa:
            return "sender has code (EIP-3607)";
        case E::kNonceMismatch:
            return "wrong nonce";
        case E::kNonceMax:
            return "sender nonce at its maximum (EIP-2681)";
        case E::kPriorityFeeAboveMaxFee:
            return "max priority fee above max fee";
        case E::kMaxFeeBelowBaseFee:
            return "max fee below base fee";
        case E::kInitcodeTooLarge:
            return "init code too large (EIP-3860)";
        case E::kIntrinsicGasTooLow:
            return "intrinsic gas too low";
        case E::kInsufficientFunds:
            return "insufficient funds for gas * price + value";
        case E::kFeeOverflow:
            return "fee overflows 256 bits";
        case E::kBlobCreate:
            return "blob transaction without a recipient";
        case E::kNoBlobs:
            return "blob transaction without blobs";
        case E::kTooManyBlobs:
            return "too many blobs";
        case E::kInvalidBlobVersion:
            return "blob hash with a wrong version";
        case E::kBlobFeeBelowBaseFee:
            return "max fee per blob gas below the blob base fee";
        case E::kUnsupportedType:
            return "unsupported transaction type";
    }
    return "unknown";
}

std::uint64_t intrinsic_gas(const TxRequest& txn) noexcept {
    std::uint64_t gas = kTxGas;
    if (!txn.to) {
        gas += kTxCreateGas + kInitcodeWordGas * ((txn.data.size() + 31) / 32);
    }
    const auto zeros = static_cast<std::uint64_t>(std::count(txn.data.begin(), txn.data.end(), 0));
    gas += zeros * kTxDataZeroGas + (txn.data.size() - zeros) * kTxDataNonZeroGas;
    for (const auto& entry : txn.access_list) {
        gas += kAccessListAddressGas + kAccessListSlotGas * entry.storage_keys.size();
    }
    return gas;
}

Result<TxOutcome, TxValidationError> apply_transaction(state::Overlay& state, evm::Vm& vm,
                                                       const BlockEnv& block,
                                                       const TxRequest& txn) {
    const auto blob_fee = blob_base_fee(block.excess_blob_gas);
    if (auto ok = check_static_rules(state, block, txn, blob_fee); !ok) {
        return Unexpected(ok.error());
    }
    const auto cost = max_cost(txn);
    if (!cost) return Unexpected(cost.error());
    if (state.balance(txn.sender) < *cost) return Unexpected(TxValidationError::kInsufficientFunds);

    // EIP-1559: the sender pays base fee + min(priority fee, max fee - base fee) per gas.
    const auto priority = std::min(txn.max_priority_fee(), txn.max_fee() - block.base_fee);
    const auto gas_price = block.base_fee + priority;
    const Uint256 blob_gas{txn.type == 3 ? kGasPerBlob * txn.blob_hashes.size() : 0};
    (void)state.sub_balance(txn.sender, Uint256{txn.gas_limit} * gas_price + blob_gas * blob_fee);
    state.set_nonce(txn.sender, txn.nonce + 1);
    warm_up(state, block, txn);

    EvmHost host(state, vm, block, make_context(block, txn, gas_price, blob_fee));
    host::Message msg;
    msg.gas = static_cast<std::int64_t>(txn.gas_limit - intrinsic_gas(txn));
    msg.sender = txn.sender;
    msg.value = txn.value;
    msg.input = txn.data;
    host::CallResult result;
    if (txn.to) {
        msg.kind = host::CallKind::kCall;
        msg.recipient = *txn.to;
        msg.code_address = *txn.to;
        result = host.call(msg);
    } else {
        msg.kind = host::CallKind::kCreate;
        result = host.create_at(msg, evm::create_address(txn.sender, txn.nonce));
    }

    TxOutcome outcome;
    outcome.status = result.status;
    auto gas_used = txn.gas_limit - static_cast<std::uint64_t>(result.gas_left);
    // EIP-3529: refunds are capped at a fifth of the gas used.
    const auto refund =
        std::min(static_cast<std::uint64_t>(std::max<std::int64_t>(result.gas_refund, 0)),
                 gas_used / kMaxRefundQuotient);
    gas_used -= refund;
    state.add_balance(txn.sender, Uint256{txn.gas_limit - gas_used} * gas_price);
    // The coinbase gets the priority fee; the base fee is burned (EIP-1559).
    state.add_balance(block.coinbase, Uint256{gas_used} * priority);
    state.finish_transaction(true);

    outcome.gas_used = gas_used;
    outcome.logs = std::move(host.logs());
    outcome.create_address = result.create_address;
    outcome.output = std::move(result.output);
    return outcome;
}

}  // namespace yunlian::execution
