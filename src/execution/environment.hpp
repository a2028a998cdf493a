#pragma once
// What a transaction runs in (the block) and what it asks for (the transaction as execution sees
// it, signature already checked and sender recovered), for Cancun.

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "common/bytes.hpp"
#include "common/uint256.hpp"
#include "types/transaction.hpp"

namespace yunlian::execution {

/// The block a transaction executes in.
struct BlockEnv {
    Address coinbase;
    std::int64_t block_num = 0;
    std::int64_t timestamp = 0;
    std::int64_t gas_limit = 0;
    Hash prevrandao;
    Uint256 base_fee;
    std::uint64_t excess_blob_gas = 0;  ///< EIP-4844 header field
    Uint256 chain_id{1};
    /// Hash of an earlier block (BLOCKHASH); only called for the 256 most recent.
    std::function<Hash(std::int64_t)> block_hash;
};

/// A transaction as execution sees it. Types 0..2 come from types::Transaction; type 3 (EIP-4844
/// blob transactions) adds the blob fields.
struct TxRequest {
    std::uint8_t type = 0;
    Address sender;
    std::uint64_t nonce = 0;
    std::uint64_t gas_limit = 0;
    Uint256 gas_price;                 ///< types 0 and 1
    Uint256 max_fee_per_gas;           ///< types 2 and 3
    Uint256 max_priority_fee_per_gas;  ///< types 2 and 3
    std::optional<Address> to;
    Uint256 value;
    Bytes data;
    types::AccessList access_list;
    Uint256 max_fee_per_blob_gas;   ///< type 3
    std::vector<Hash> blob_hashes;  ///< type 3

    [[nodiscard]] const Uint256& max_fee() const noexcept {
        return type >= 2 ? max_fee_per_gas : gas_price;
    }
    [[nodiscard]] const Uint256& max_priority_fee() const noexcept {
        return type >= 2 ? max_priority_fee_per_gas : gas_price;
    }
};

/// The request for a decoded, signature-checked transaction from `sender`.
[[nodiscard]] TxRequest make_request(const types::Transaction& txn, const Address& sender);

/// EIP-4844: gas per blob, and the blob base fee from the header's excess blob gas.
inline constexpr std::uint64_t kGasPerBlob = 131072;
[[nodiscard]] Uint256 blob_base_fee(std::uint64_t excess_blob_gas) noexcept;

}  // namespace yunlian::execution
