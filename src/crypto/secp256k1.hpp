#pragma once
// secp256k1 keys, recoverable ECDSA signatures and public-key recovery (SEC 1 v2 section 4.1.6),
// through libsecp256k1. Ethereum identifies a signer by recovering its key from (digest, r, s, v).

#include <cstdint>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::crypto {

/// A secret scalar k with 0 < k < n, big-endian.
using PrivateKey = FixedBytes<32>;
/// An uncompressed public key X || Y (64 bytes, big-endian coordinates, no 0x04 prefix).
using PublicKey = FixedBytes<64>;

/// A recoverable ECDSA signature. `recovery_id` tells which of the candidate points R with
/// x-coordinate r (bit 0: parity of R.y; bit 1: R.x = r + n) was used; sign() yields 0 or 1.
struct Signature {
    Hash r;
    Hash s;
    std::uint8_t recovery_id = 0;

    friend bool operator==(const Signature&, const Signature&) = default;
};

enum class SecpError {
    kInvalidPrivateKey,  ///< not 32 bytes, zero, or not below the group order n
    kInvalidSignature,   ///< r or s is zero or not below n
    kInvalidRecoveryId,  ///< recovery id above 3
    kRecoveryFailed,     ///< no curve point has x = r (+ n), or the recovered key is infinity
    kSigningFailed,      ///< libsecp256k1 refused to sign (a nonce never found; not reachable)
};

[[nodiscard]] std::string_view to_string(SecpError error) noexcept;

/// Parses a 32-byte private key, rejecting 0 and values >= n.
[[nodiscard]] Result<PrivateKey, SecpError> parse_private_key(BytesView bytes) noexcept;

/// The public key k * G of a private key.
[[nodiscard]] Result<PublicKey, SecpError> public_key_of(const PrivateKey& key) noexcept;

/// Signs a 32-byte digest with an RFC 6979 deterministic nonce. The result is low-S (EIP-2):
/// libsecp256k1 normalises s to at most n / 2.
[[nodiscard]] Result<Signature, SecpError> sign(const Hash& digest, const PrivateKey& key) noexcept;

/// Recovers the public key that signed `digest`. Accepts any r, s in [1, n - 1] (high S too: the
/// EVM's ecrecover precompile does) and recovery ids 0..3. The low-S rule for transactions
/// (EIP-2) is the caller's to check with is_low_s().
[[nodiscard]] Result<PublicKey, SecpError> recover_public_key(const Hash& digest,
                                                              const Signature& signature) noexcept;

/// Whether s <= n / 2, the EIP-2 rule for transaction signatures.
[[nodiscard]] bool is_low_s(const Hash& s) noexcept;

/// The Ethereum address of a public key: the last 20 bytes of keccak256(X || Y).
[[nodiscard]] Address address_of(const PublicKey& key) noexcept;

/// recover_public_key() followed by address_of().
[[nodiscard]] Result<Address, SecpError> recover_address(const Hash& digest,
                                                         const Signature& signature) noexcept;

}  // namespace yunlian::crypto
