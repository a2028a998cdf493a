#pragma once
// Transaction receipts (EIP-658 status form, EIP-2718 typed envelopes).

#include <cstdint>
#include <vector>

#include "types/log.hpp"
#include "types/transaction.hpp"

namespace yunlian::types {

struct Receipt {
    TxType type = TxType::kLegacy;
    bool success = false;
    std::uint64_t cumulative_gas_used = 0;
    Bloom bloom;
    std::vector<Log> logs;
    friend bool operator==(const Receipt&, const Receipt&) = default;
};

/// The consensus encoding (what the receipts trie holds): RLP, or type byte + RLP.
[[nodiscard]] Bytes encode_receipt(const Receipt& receipt);
[[nodiscard]] Result<Receipt, rlp::RlpError> decode_receipt(BytesView encoded);

}  // namespace yunlian::types
