#pragma once
// The interface between a VM and the world (accounts, storage, logs, nested calls, block context),
// in the spirit of EVMC but with value types. `execution` implements it over state; tests implement
// it in memory (host/mock_host.hpp). A VM includes nothing from state, chain or storage.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/bytes.hpp"
#include "common/uint256.hpp"

namespace yunlian::host {

/// How a frame was entered (Yellow Paper section 8, EIP-7, EIP-214, EIP-1014).
enum class CallKind : std::uint8_t {
    kCall,
    kDelegateCall,
    kCallCode,
    kStaticCall,
    kCreate,
    kCreate2,
};

/// How a frame ended. Everything but kSuccess and kRevert consumes all the frame's gas.
enum class StatusCode : std::uint8_t {
    kSuccess,
    kRevert,                     ///< REVERT (EIP-140): state undone, gas left returned
    kOutOfGas,                   ///< gas ran out, or memory beyond any payable size
    kInvalidInstruction,         ///< the designated INVALID opcode 0xfe
    kUndefinedInstruction,       ///< an opcode not defined in Cancun
    kStackOverflow,              ///< more than 1024 stack items
    kStackUnderflow,             ///< too few stack items for the opcode
    kBadJumpDestination,         ///< JUMP/JUMPI to a byte that is not a JUMPDEST
    kInvalidMemoryAccess,        ///< RETURNDATACOPY past the return data (EIP-211)
    kStaticModeViolation,        ///< a state change inside STATICCALL (EIP-214)
    kCallDepthExceeded,          ///< depth above 1024 (entered only by a faulty host)
    kInsufficientBalance,        ///< value transfer larger than the sender's balance
    kPrecompileFailure,          ///< a precompile rejected its input
    kContractValidationFailure,  ///< deployed code too large (EIP-170) or starting 0xEF (EIP-3541)
    kCreateCollision,  ///< CREATE/CREATE2 target already has code or nonce (EIP-684, EIP-7610)
    kFailure,          ///< any other failure of the host
};

/// What SSTORE did to a slot, from its original (start of transaction), current and new values:
/// the EVM prices the write and the refund from this (EIP-2200 with EIP-2929 and EIP-3529).
enum class StorageStatus : std::uint8_t {
    kAssigned,          ///< no-op, or a slot already dirty this transaction changes again
    kAdded,             ///< 0 -> 0 -> Z
    kDeleted,           ///< X -> X -> 0
    kModified,          ///< X -> X -> Z
    kDeletedAdded,      ///< X -> 0 -> Z
    kModifiedDeleted,   ///< X -> Y -> 0
    kDeletedRestored,   ///< X -> 0 -> X
    kAddedDeleted,      ///< 0 -> Y -> 0
    kModifiedRestored,  ///< X -> Y -> X
};

/// Whether an account or slot had already been touched in this transaction (EIP-2929).
enum class AccessStatus : std::uint8_t { kWarm, kCold };

/// The input of one frame.
struct Message {
    CallKind kind = CallKind::kCall;
    bool is_static = false;  ///< inside a STATICCALL: no state changes allowed
    std::int32_t depth = 0;  ///< 0 for the transaction's own frame
    std::int64_t gas = 0;    ///< gas given to the frame
    Address recipient;  ///< whose storage and balance the frame acts on (new address for creates)
    Address sender;     ///< CALLER
    BytesView input;    ///< call data, or init code for creates; valid during the call
    Uint256 value;      ///< CALLVALUE (for DELEGATECALL the caller's value, not moved)
    Hash salt;          ///< CREATE2 only
    Address code_address;  ///< whose code runs (differs from recipient for DELEGATECALL/CALLCODE)
};

/// The outcome of one frame.
struct CallResult {
    StatusCode status = StatusCode::kSuccess;
    std::int64_t gas_left = 0;
    std::int64_t gas_refund = 0;  ///< accumulated SSTORE refunds (EIP-3529), 0 unless success
    Bytes output;                 ///< return or revert data; empty for a successful create
    Address create_address;       ///< the new account for a create
};

/// The block and transaction an execution belongs to.
struct TxContext {
    Uint256 gas_price;  ///< effective gas price (GASPRICE)
    Address origin;     ///< ORIGIN
    Address coinbase;   ///< COINBASE
    std::int64_t block_number = 0;
    std::int64_t timestamp = 0;
    std::int64_t gas_limit = 0;     ///< block gas limit (GASLIMIT)
    Hash prevrandao;                ///< PREVRANDAO (EIP-4399)
    Uint256 chain_id;               ///< CHAINID (EIP-1344)
    Uint256 base_fee;               ///< BASEFEE (EIP-3198)
    Uint256 blob_base_fee;          ///< BLOBBASEFEE (EIP-7516)
    std::vector<Hash> blob_hashes;  ///< versioned hashes for BLOBHASH (EIP-4844)
};

/// The world as a VM sees it. Calls happen on one thread, nested as the frames nest.
class Host {
  public:
    virtual ~Host() = default;

    /// Whether the account exists and is not empty (EIP-161).
    [[nodiscard]] virtual bool account_exists(const Address& addr) const = 0;
    [[nodiscard]] virtual Uint256 get_balance(const Address& addr) const = 0;
    [[nodiscard]] virtual std::size_t get_code_size(const Address& addr) const = 0;
    /// Keccak of the code; zero for an account that does not exist or is empty (EIP-1052).
    [[nodiscard]] virtual Hash get_code_hash(const Address& addr) const = 0;
    /// Copies code from `offset` into `out`; returns how many bytes were copied.
    virtual std::size_t copy_code(const Address& addr, std::size_t offset,
                                  std::span<std::uint8_t> out) const = 0;

    [[nodiscard]] virtual Uint256 get_storage(const Address& addr, const Uint256& key) const = 0;
    /// Writes a slot and says how the write relates to the original and current values.
    virtual StorageStatus set_storage(const Address& addr, const Uint256& key,
                                      const Uint256& value) = 0;
    /// Transient storage (EIP-1153), cleared at the end of each transaction.
    [[nodiscard]] virtual Uint256 get_transient_storage(const Address& addr,
                                                        const Uint256& key) const = 0;
    virtual void set_transient_storage(const Address& addr, const Uint256& key,
                                       const Uint256& value) = 0;

    virtual void emit_log(const Address& addr, BytesView data, std::span<const Hash> topics) = 0;

    /// Runs a nested frame: moves value, checks create collisions, dispatches precompiles and
    /// code, and reverts the frame's state changes when it fails.
    virtual CallResult call(const Message& msg) = 0;

    /// SELFDESTRUCT: moves the balance to `beneficiary`; deletes the account only when it was
    /// created in this transaction (EIP-6780). Returns whether it was newly registered.
    virtual bool selfdestruct(const Address& addr, const Address& beneficiary) = 0;

    [[nodiscard]] virtual TxContext get_tx_context() const = 0;
    /// Hash of one of the 256 most recent blocks; zero otherwise.
    [[nodiscard]] virtual Hash get_block_hash(std::int64_t block_num) const = 0;

    /// Marks an account warm and says whether it was cold before (EIP-2929).
    virtual AccessStatus access_account(const Address& addr) = 0;
    /// Marks a slot warm and says whether it was cold before (EIP-2929).
    virtual AccessStatus access_storage(const Address& addr, const Uint256& key) = 0;
};

/// How a write changes a slot, from its original, current and new values (EIP-2200 cases).
[[nodiscard]] StorageStatus classify_storage_write(const Uint256& original, const Uint256& current,
                                                   const Uint256& value) noexcept;

}  // namespace yunlian::host
