#pragma once
// Value transfers, the one kind of transaction a block can hold until the EVM's transaction
// execution lands (issue 3): a transaction that creates a contract or calls code is refused with
// an error, never silently included. Fees follow EIP-1559: the sender buys gas at the effective
// price, the base fee is burned and the tip goes to the block's beneficiary.

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/uint256.hpp"
#include "types/account.hpp"
#include "types/transaction.hpp"

namespace yunlian::execution {

/// Why a transaction cannot be applied to the state. Messages are geth's (core/error.go).
enum class TransferError {
    kNonceTooLow,         ///< nonce below the sender's account nonce
    kNonceTooHigh,        ///< nonce above it
    kInsufficientFunds,   ///< balance below gas_limit * max_fee + value
    kIntrinsicGasTooLow,  ///< gas limit below the intrinsic gas (Yellow Paper eq. 60)
    kFeeCapTooLow,        ///< max fee per gas below the block's base fee (EIP-1559)
    kTipAboveFeeCap,      ///< max priority fee above max fee (EIP-1559)
    kGasLimitReached,     ///< the block has less gas left than the transaction's limit
    kContractCreation,    ///< no EVM yet: contract creation is refused
    kCodeCall,            ///< no EVM yet: a call to an account with code is refused
    kSenderNotEoa,        ///< EIP-3607: the sender has code
    kWrongChainId,        ///< signed for another chain (EIP-155)
};

/// geth's message for `error` ("nonce too low", ...).
[[nodiscard]] std::string_view to_message(TransferError error) noexcept;

/// Read access to the accounts a block starts from.
class AccountReader {
  public:
    virtual ~AccountReader() = default;
    /// The account at `address`, or nullopt when it does not exist.
    [[nodiscard]] virtual std::optional<types::Account> account(const Address& address) const = 0;
};

/// One block's account changes over an AccountReader. Changes are kept in address order so the
/// state root and the write batch that follow are deterministic.
class AccountOverlay {
  public:
    explicit AccountOverlay(const AccountReader& base) noexcept : m_base(&base) {}

    /// The current account (an empty one when it does not exist).
    [[nodiscard]] types::Account get(const Address& address) const;
    /// Whether the account has code (a contract).
    [[nodiscard]] bool has_code(const Address& address) const;
    void set(const Address& address, const types::Account& account);
    /// Every account changed so far; an empty account (EIP-161) means "delete".
    [[nodiscard]] const std::map<Address, types::Account>& changes() const noexcept {
        return m_changes;
    }

  private:
    const AccountReader* m_base;
    std::map<Address, types::Account> m_changes;
};

/// What one transaction needs to know about its block.
struct TxEnv {
    Uint256 base_fee;
    Address beneficiary;
    std::uint64_t gas_available = 0;
    std::uint64_t chain_id = 0;
};

/// The intrinsic gas of `txn` (Yellow Paper eq. 60 with EIP-2028 calldata, EIP-2930 access
/// lists and EIP-3860 initcode words).
[[nodiscard]] std::uint64_t intrinsic_gas(const types::Transaction& txn) noexcept;

/// Checks `txn` from `sender` against the overlay and, when valid, applies it: nonce, gas
/// purchase, value, refund, tip to the beneficiary. Returns the gas used. On error nothing changes.
[[nodiscard]] Result<std::uint64_t, TransferError> apply_transfer(AccountOverlay& overlay,
                                                                  const types::Transaction& txn,
                                                                  const Address& sender,
                                                                  const TxEnv& env);

}  // namespace yunlian::execution
