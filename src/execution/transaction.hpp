#pragma once
// Applying one transaction to the state (Yellow Paper section 6 with the Cancun EIPs): validity
// checks, buying gas, warming, running the call or create, refunds, paying the coinbase and the
// EIP-161 clean-up. An invalid transaction changes nothing.

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "evm/vm.hpp"
#include "execution/environment.hpp"
#include "host/host.hpp"
#include "state/overlay.hpp"
#include "types/log.hpp"

namespace yunlian::execution {

/// Why a transaction cannot be included; none of these changes the state.
enum class TxValidationError {
    kGasLimitAboveBlock,      ///< gas limit above the block's
    kSenderNotEoa,            ///< the sender has code (EIP-3607)
    kNonceMismatch,           ///< the nonce is not the sender's next
    kNonceMax,                ///< the sender's nonce cannot grow (EIP-2681)
    kPriorityFeeAboveMaxFee,  ///< max priority fee above max fee (EIP-1559)
    kMaxFeeBelowBaseFee,      ///< max fee (or gas price) below the base fee (EIP-1559)
    kInitcodeTooLarge,        ///< create data above 49152 bytes (EIP-3860)
    kIntrinsicGasTooLow,      ///< gas limit below the intrinsic cost
    kInsufficientFunds,       ///< balance below gas limit * max fee + value (+ blob fee)
    kFeeOverflow,             ///< gas limit * max fee does not fit 256 bits
    kBlobCreate,              ///< a blob transaction without a recipient (EIP-4844)
    kNoBlobs,                 ///< a blob transaction with no blob hashes
    kTooManyBlobs,            ///< more than 6 blobs (EIP-4844 MAX_BLOB_GAS_PER_BLOCK)
    kInvalidBlobVersion,      ///< a blob hash whose first byte is not 0x01
    kBlobFeeBelowBaseFee,     ///< max fee per blob gas below the blob base fee
    kUnsupportedType,         ///< a transaction type Cancun does not have
};

[[nodiscard]] std::string_view to_string(TxValidationError error) noexcept;

/// What a valid transaction did.
struct TxOutcome {
    host::StatusCode status = host::StatusCode::kSuccess;
    std::uint64_t gas_used = 0;  ///< after refunds; what the block's gas counter adds
    std::vector<types::Log> logs;
    Address create_address;  ///< for creates that succeeded
    Bytes output;
};

/// The intrinsic gas of a transaction (Yellow Paper eq. 60, EIP-2028, EIP-2930, EIP-3860).
[[nodiscard]] std::uint64_t intrinsic_gas(const TxRequest& txn) noexcept;

/// Applies `txn` to `state` and ends the transaction (state.finish_transaction).
[[nodiscard]] Result<TxOutcome, TxValidationError> apply_transaction(state::Overlay& state,
                                                                     evm::Vm& vm,
                                                                     const BlockEnv& block,
                                                                     const TxRequest& txn);

}  // namespace yunlian::execution
