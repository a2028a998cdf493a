#pragma once
// Ethereum transactions: legacy (with the EIP-155 chain id), EIP-2930 access-list and EIP-1559
// dynamic-fee. Encodings, signing hashes and transaction hashes are Ethereum's, byte for byte.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "codec/rlp.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/uint256.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::types {

/// The EIP-2718 type byte; legacy transactions have none on the wire.
enum class TxType : std::uint8_t { kLegacy = 0, kAccessList = 1, kDynamicFee = 2 };

/// An EIP-2930 access list entry: an address and the storage slots to warm.
struct AccessListEntry {
    Address address;
    std::vector<Hash> storage_keys;
    friend bool operator==(const AccessListEntry&, const AccessListEntry&) = default;
};
using AccessList = std::vector<AccessListEntry>;

enum class TxErrorCode {
    kRlp,               ///< the RLP itself is malformed (see TxError::rlp)
    kEmptyInput,        ///< no bytes at all
    kUnsupportedType,   ///< an EIP-2718 type this chain does not accept
    kInvalidTo,         ///< `to` is neither empty nor 20 bytes
    kInvalidV,          ///< a legacy v that is neither 27/28 nor 35+2*chain_id(+1)
    kInvalidYParity,    ///< a typed transaction's y parity is not 0 or 1
    kChainIdOverflow,   ///< a chain id beyond 64 bits
    kInvalidSignature,  ///< r or s outside [1, n-1]
    kHighS,             ///< s above n/2 (EIP-2)
    kRecoveryFailed,    ///< no public key recovers from the signature
};

struct TxError {
    TxErrorCode code = TxErrorCode::kRlp;
    rlp::RlpError rlp = rlp::RlpError::kInputTooShort;  ///< meaningful when code == kRlp

    [[nodiscard]] std::string_view message() const noexcept;
    friend bool operator==(const TxError&, const TxError&) = default;
};

struct Transaction {
    TxType type = TxType::kLegacy;
    /// Absent only for legacy transactions signed before EIP-155 (v = 27 or 28).
    std::optional<std::uint64_t> chain_id;
    std::uint64_t nonce = 0;
    /// Legacy and EIP-2930: the gas price. EIP-1559 uses the two fee caps instead.
    Uint256 gas_price;
    Uint256 max_priority_fee_per_gas;
    Uint256 max_fee_per_gas;
    std::uint64_t gas_limit = 0;
    /// Absent for contract creation.
    std::optional<Address> to;
    Uint256 value;
    Bytes data;
    AccessList access_list;
    std::uint8_t y_parity = 0;
    Uint256 r;
    Uint256 s;

    /// The most the sender pays per gas: the gas price, or the EIP-1559 fee cap.
    [[nodiscard]] const Uint256& max_fee() const noexcept {
        return type == TxType::kDynamicFee ? max_fee_per_gas : gas_price;
    }
    /// The most the proposer may get per gas above the base fee.
    [[nodiscard]] const Uint256& max_priority_fee() const noexcept {
        return type == TxType::kDynamicFee ? max_priority_fee_per_gas : gas_price;
    }
    /// The price per gas actually paid under `base_fee` (EIP-1559); assumes max_fee >= base_fee.
    [[nodiscard]] Uint256 effective_gas_price(const Uint256& base_fee) const noexcept;
    /// The legacy `v` value as it is encoded (27/28, or chain_id * 2 + 35/36).
    [[nodiscard]] Uint256 legacy_v() const noexcept;

    friend bool operator==(const Transaction&, const Transaction&) = default;
};

/// The canonical (network) encoding: RLP for legacy, type byte + RLP for typed transactions.
[[nodiscard]] Bytes encode_transaction(const Transaction& txn);
/// Appends the transaction as an item of a block body's transaction list (typed transactions are
/// wrapped in an RLP string there, EIP-2718).
void encode_transaction_item(Bytes& out, const Transaction& txn);
/// Decodes the canonical encoding, strictly.
[[nodiscard]] Result<Transaction, TxError> decode_transaction(BytesView encoded);
/// Decodes one item of a block body's transaction list.
[[nodiscard]] Result<Transaction, TxError> decode_transaction_item(rlp::Item item);

/// The hash the sender signs.
[[nodiscard]] Hash signing_hash(const Transaction& txn);
/// keccak256 of the canonical encoding: the transaction's id.
[[nodiscard]] Hash transaction_hash(const Transaction& txn);
/// Checks the signature values (EIP-2 low S) and recovers the sender's address.
[[nodiscard]] Result<Address, TxError> recover_sender(const Transaction& txn);
/// Signs `txn` in place with `key` (RFC 6979, low S).
[[nodiscard]] Result<void, TxError> sign_transaction(Transaction& txn,
                                                     const crypto::PrivateKey& key);

/// Appends an access list's RLP.
void encode_access_list(Bytes& out, const AccessList& list);
[[nodiscard]] Result<AccessList, TxError> decode_access_list(rlp::ListReader list);

}  // namespace yunlian::types
