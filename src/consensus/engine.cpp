#include "consensus/engine.hpp"

namespace yunlian::consensus {

std::string_view to_message(SealError error) noexcept {
    switch (error) {
        case SealError::kWrongParent:
            return "unknown ancestor";
        case SealError::kWrongNumber:
            return "invalid block number";
        case SealError::kTimestampNotAfter:
            return "timestamp older than parent";
        case SealError::kWrongGasLimit:
            return "invalid gas limit";
        case SealError::kWrongSeal:
            return "invalid seal";
    }
    return "invalid block";
}

Result<void, SealError> validate_common(const types::BlockHeader& parent,
                                        const types::BlockHeader& header) {
    if (header.parent_hash != types::header_hash(parent)) {
        return Unexpected(SealError::kWrongParent);
    }
    if (header.block_num != parent.block_num + 1) return Unexpected(SealError::kWrongNumber);
    if (header.timestamp <= parent.timestamp) return Unexpected(SealError::kTimestampNotAfter);
    // Yellow Paper eq. 47 (and EIP-1559's unchanged bound): |H_l - P_l| < P_l / 1024.
    const std::uint64_t bound = parent.gas_limit / 1024;
    const std::uint64_t diff = header.gas_limit > parent.gas_limit
                                   ? header.gas_limit - parent.gas_limit
                                   : parent.gas_limit - header.gas_limit;
    if (diff >= bound && diff != 0) return Unexpected(SealError::kWrongGasLimit);
    if (header.gas_limit < 5000) return Unexpected(SealError::kWrongGasLimit);
    return {};
}

}  // namespace yunlian::consensus
