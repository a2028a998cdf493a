#pragma once
// Blocks, transactions and receipts as geth's eth namespace returns them (internal/ethapi:
// RPCMarshalHeader, RPCMarshalBlock, newRPCTransaction, the receipt fields), so that ethers and
// other tools parse them unchanged.

#include <cstdint>
#include <optional>
#include <span>

#include <boost/json/value.hpp>

#include "common/bytes.hpp"
#include "common/uint256.hpp"
#include "types/block.hpp"
#include "types/receipt.hpp"

namespace yunlian::rpc::eth {

/// Where a transaction sits in a block; absent for a pending one.
struct Inclusion {
    Hash block_hash;
    std::uint64_t block_num = 0;
    std::uint32_t index = 0;
    /// The block's base fee, which fixes the effective gas price.
    std::optional<Uint256> base_fee;
};

[[nodiscard]] std::string address_json(const Address& address);
[[nodiscard]] std::string hash_json(const Hash& hash);

/// The header fields of a block object.
[[nodiscard]] boost::json::object header_json(const types::BlockHeader& header,
                                              const Hash& block_hash);
/// A transaction object.
[[nodiscard]] boost::json::object transaction_json(const types::Transaction& txn,
                                                   const Hash& txn_hash, const Address& sender,
                                                   const std::optional<Inclusion>& inclusion);
/// A receipt object. `first_log_index` is the block-wide index of the receipt's first log (the
/// number of logs of the transactions before it in the block), as geth numbers logs.
[[nodiscard]] boost::json::object receipt_json(const types::Receipt& receipt,
                                               std::uint64_t gas_used,
                                               const types::Transaction& txn, const Hash& txn_hash,
                                               const Address& sender, const Inclusion& inclusion,
                                               std::uint64_t first_log_index = 0);

}  // namespace yunlian::rpc::eth
