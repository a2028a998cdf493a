#pragma once
// Why the pool refuses a transaction, with the message geth gives for it (core/txpool/errors.go,
// core/error.go), since wallets and tools match on those words.

#include <string>
#include <string_view>

namespace yunlian::txpool {

enum class PoolError {
    kMalformed,               ///< the bytes do not decode as a transaction
    kOversized,               ///< more than the size limit (128 KiB)
    kUnprotected,             ///< a legacy transaction without EIP-155 replay protection
    kWrongChainId,            ///< signed for another chain
    kInvalidSender,           ///< the signature does not recover
    kAlreadyKnown,            ///< the same transaction is already pooled
    kNonceTooLow,             ///< nonce below the sender's account nonce
    kInsufficientFunds,       ///< balance below gas_limit * max_fee + value
    kIntrinsicGasTooLow,      ///< gas limit below the intrinsic gas
    kGasLimitExceeded,        ///< gas limit above the block gas limit
    kTipAboveFeeCap,          ///< max priority fee above max fee
    kReplacementUnderpriced,  ///< same nonce, but not 10% more on both fee fields
    kUnderpriced,             ///< the pool is full and this pays less than everything in it
    kInitCodeTooLarge,        ///< contract creation code above 49152 bytes (EIP-3860)
    kSenderNotEoa,            ///< the sender has code (EIP-3607)
};

/// A refusal: the rule broken and geth's message (with its details) for a person or a tool.
struct Rejection {
    PoolError code = PoolError::kMalformed;
    std::string message;
};

}  // namespace yunlian::txpool
