#pragma once
// Block headers with the fields of every fork up to Cancun; fields added by later forks are
// optional and, when present, encoded in order at the end (as Ethereum does).

#include <cstdint>
#include <optional>

#include "codec/rlp.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/uint256.hpp"
#include "types/log.hpp"

namespace yunlian::types {

struct BlockHeader {
    Hash parent_hash;
    Hash ommers_hash;
    Address beneficiary;
    Hash state_root;
    Hash transactions_root;
    Hash receipts_root;
    Bloom logs_bloom;
    Uint256 difficulty;
    std::uint64_t block_num = 0;
    std::uint64_t gas_limit = 0;
    std::uint64_t gas_used = 0;
    std::uint64_t timestamp = 0;
    Bytes extra_data;
    Hash mix_hash;  ///< prev_randao since the merge
    FixedBytes<8> nonce;
    std::optional<Uint256> base_fee_per_gas;       ///< EIP-1559 (London)
    std::optional<Hash> withdrawals_root;          ///< EIP-4895 (Shanghai)
    std::optional<std::uint64_t> blob_gas_used;    ///< EIP-4844 (Cancun)
    std::optional<std::uint64_t> excess_blob_gas;  ///< EIP-4844 (Cancun)
    std::optional<Hash> parent_beacon_block_root;  ///< EIP-4788 (Cancun)

    friend bool operator==(const BlockHeader&, const BlockHeader&) = default;
};

enum class HeaderErrorCode { kRlp, kOptionalFieldGap };

struct HeaderError {
    HeaderErrorCode code = HeaderErrorCode::kRlp;
    rlp::RlpError rlp = rlp::RlpError::kInputTooShort;
    friend bool operator==(const HeaderError&, const HeaderError&) = default;
};

void encode_header(Bytes& out, const BlockHeader& header);
[[nodiscard]] Bytes encode_header(const BlockHeader& header);
[[nodiscard]] Result<BlockHeader, HeaderError> decode_header(rlp::ListReader list);
[[nodiscard]] Result<BlockHeader, HeaderError> decode_header(BytesView encoded);
/// keccak256 of the header's RLP: the block hash.
[[nodiscard]] Hash header_hash(const BlockHeader& header);

}  // namespace yunlian::types
