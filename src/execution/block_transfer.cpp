#include "execution/block_transfer.hpp"

namespace yunlian::execution {
namespace {

// Yellow Paper appendix G and the EIPs named beside each value.
constexpr std::uint64_t kTxGas = 21'000;
constexpr std::uint64_t kTxCreateGas = 32'000;
constexpr std::uint64_t kTxDataZeroGas = 4;
constexpr std::uint64_t kTxDataNonZeroGas = 16;            // EIP-2028
constexpr std::uint64_t kAccessListAddressGas = 2'400;     // EIP-2930
constexpr std::uint64_t kAccessListStorageKeyGas = 1'900;  // EIP-2930
constexpr std::uint64_t kInitCodeWordGas = 2;              // EIP-3860

}  // namespace

std::string_view to_message(TransferError error) noexcept {
    switch (error) {
        case TransferError::kNonceTooLow:
            return "nonce too low";
        case TransferError::kNonceTooHigh:
            return "nonce too high";
        case TransferError::kInsufficientFunds:
            return "insufficient funds for gas * price + value";
        case TransferError::kIntrinsicGasTooLow:
            return "intrinsic gas too low";
        case TransferError::kFeeCapTooLow:
            return "max fee per gas less than block base fee";
        case TransferError::kTipAboveFeeCap:
            return "max priority fee per gas higher than max fee per gas";
        case TransferError::kGasLimitReached:
            return "gas limit reached";
        case TransferError::kContractCreation:
            return "contract creation is not supported until the EVM lands";
        case TransferError::kCodeCall:
            return "calls to contract code are not supported until the EVM lands";
        case TransferError::kSenderNotEoa:
            return "sender not an eoa";
        case TransferError::kWrongChainId:
            return "invalid chain id";
    }
    return "invalid transaction";
}

types::Account AccountOverlay::get(const Address& address) const {
    if (auto it = m_changes.find(address); it != m_changes.end()) return it->second;
    return m_base->account(address).value_or(types::Account{});
}

bool AccountOverlay::has_code(const Address& address) const {
    return get(address).code_hash != types::kEmptyCodeHash;
}

void AccountOverlay::set(const Address& address, const types::Account& account) {
    m_changes.insert_or_assign(address, account);
}

std::uint64_t intrinsic_gas(const types::Transaction& txn) noexcept {
    std::uint64_t gas = kTxGas;
    const bool create = !txn.to.has_value();
    if (create) gas += kTxCreateGas;
    for (const std::uint8_t b : txn.data) gas += b == 0 ? kTxDataZeroGas : kTxDataNonZeroGas;
    if (create) gas += kInitCodeWordGas * ((txn.data.size() + 31) / 32);
    for (const auto& entry : txn.access_list) {
        gas += kAccessListAddressGas + kAccessListStorageKeyGas * entry.storage_keys.size();
    }
    return gas;
}

Result<std::uint64_t, TransferError> apply_transfer(AccountOverlay& overlay,
                                                    const types::Transaction& txn,
                                                    const Address& sender, const TxEnv& env) {
    if (txn.chain_id && *txn.chain_id != env.chain_id) {
        return Unexpected(TransferError::kWrongChainId);
    }
    if (!txn.to) return Unexpected(TransferError::kContractCreation);
    if (overlay.has_code(*txn.to)) return Unexpected(TransferError::kCodeCall);
    if (txn.gas_limit > env.gas_available) return Unexpected(TransferError::kGasLimitReached);
    if (txn.max_priority_fee() > txn.max_fee()) return Unexpected(TransferError::kTipAboveFeeCap);
    if (txn.max_fee() < env.base_fee) return Unexpected(TransferError::kFeeCapTooLow);

    types::Account from = overlay.get(sender);
    if (from.code_hash != types::kEmptyCodeHash) return Unexpected(TransferError::kSenderNotEoa);
    if (txn.nonce < from.nonce) return Unexpected(TransferError::kNonceTooLow);
    if (txn.nonce > from.nonce) return Unexpected(TransferError::kNonceTooHigh);
    const std::uint64_t gas_used = intrinsic_gas(txn);
    if (txn.gas_limit < gas_used) return Unexpected(TransferError::kIntrinsicGasTooLow);

    // geth's buyGas: the balance must cover gas_limit * max_fee + value, even though only the
    // effective price is charged. A cost beyond 256 bits can never be covered.
    if (bit_width(txn.max_fee()) + bit_width(Uint256{txn.gas_limit}) > 256) {
        return Unexpected(TransferError::kInsufficientFunds);
    }
    Uint256 max_cost;
    const Uint256 gas_cost = Uint256{txn.gas_limit} * txn.max_fee();
    if (add_overflow(gas_cost, txn.value, max_cost) || from.balance < max_cost) {
        return Unexpected(TransferError::kInsufficientFunds);
    }

    const Uint256 price = txn.effective_gas_price(env.base_fee);
    from.balance = from.balance - Uint256{gas_used} * price - txn.value;
    from.nonce += 1;
    overlay.set(sender, from);

    types::Account to = overlay.get(*txn.to);
    to.balance = to.balance + txn.value;
    overlay.set(*txn.to, to);

    // EIP-1559: base_fee * gas_used is burned; the rest of the price is the proposer's tip.
    const Uint256 tip = Uint256{gas_used} * (price - env.base_fee);
    types::Account coinbase = overlay.get(env.beneficiary);
    coinbase.balance = coinbase.balance + tip;
    overlay.set(env.beneficiary, coinbase);
    return gas_used;
}

}  // namespace yunlian::execution
