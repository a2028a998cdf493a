// Conversions into execution's view of a transaction, and the EIP-4844 blob base fee.

#include "execution/environment.hpp"

namespace yunlian::execution {

TxRequest make_request(const types::Transaction& txn, const Address& sender) {
    TxRequest req;
    req.type = static_cast<std::uint8_t>(txn.type);
    req.sender = sender;
    req.nonce = txn.nonce;
    req.gas_limit = txn.gas_limit;
    req.gas_price = txn.gas_price;
    req.max_fee_per_gas = txn.max_fee_per_gas;
    req.max_priority_fee_per_gas = txn.max_priority_fee_per_gas;
    req.to = txn.to;
    req.value = txn.value;
    req.data = txn.data;
    req.access_list = txn.access_list;
    return req;
}

Uint256 blob_base_fee(std::uint64_t excess_blob_gas) noexcept {
    // EIP-4844 fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS = 1, excess, UPDATE_FRACTION = 3338477),
    // a Taylor series in integers; the terms shrink fast, and 256 bits hold every step.
    constexpr std::uint64_t kUpdateFraction = 3338477;
    const Uint256 denominator{kUpdateFraction};
    const Uint256 numerator{excess_blob_gas};
    Uint256 output;
    Uint256 accum = denominator;  // factor (1) * denominator
    for (std::uint64_t i = 1; !accum.is_zero(); ++i) {
        output += accum;
        accum = accum * numerator / (denominator * Uint256{i});
    }
    return output / denominator;
}

}  // namespace yunlian::execution
