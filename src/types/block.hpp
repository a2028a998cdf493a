#pragma once
// Blocks: a header and a body of transactions, ommers and (since Shanghai) withdrawals.

#include <optional>
#include <vector>

#include "types/header.hpp"
#include "types/transaction.hpp"

namespace yunlian::types {

/// An EIP-4895 withdrawal; the amount is in gwei.
struct Withdrawal {
    std::uint64_t index = 0;
    std::uint64_t validator_index = 0;
    Address address;
    std::uint64_t amount_gwei = 0;
    friend bool operator==(const Withdrawal&, const Withdrawal&) = default;
};

struct Block {
    BlockHeader header;
    std::vector<Transaction> transactions;
    std::vector<BlockHeader> ommers;
    std::optional<std::vector<Withdrawal>> withdrawals;
    friend bool operator==(const Block&, const Block&) = default;
};

enum class BlockErrorCode { kRlp, kHeader, kTransaction };

struct BlockError {
    BlockErrorCode code = BlockErrorCode::kRlp;
    rlp::RlpError rlp = rlp::RlpError::kInputTooShort;
    std::size_t index = 0;  ///< which transaction, for kTransaction
    TxError txn_error{};
    HeaderError header_error{};
};

[[nodiscard]] Bytes encode_block(const Block& block);
[[nodiscard]] Result<Block, BlockError> decode_block(BytesView encoded);

}  // namespace yunlian::types
