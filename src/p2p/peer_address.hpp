#pragma once
// Peer identities and dialable addresses.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::p2p {

/// A peer's identity: its uncompressed secp256k1 node public key (64 bytes, X || Y). The 20-byte
/// node address (node_address_of) is derived from it for display and for validator lookups.
using PeerId = crypto::PublicKey;

/// keccak256(id)[12..32]: the node address of a peer id (the account-address derivation).
[[nodiscard]] Address node_address_of(const PeerId& id) noexcept;

/// A place to dial: host (numeric IP or a name), port and optionally the key the node there must
/// prove; a peer presenting another key is refused.
struct PeerAddress {
    std::string host;
    std::uint16_t port = 0;
    std::optional<PeerId> expected_id;

    friend bool operator==(const PeerAddress&, const PeerAddress&) = default;
};

enum class PeerAddressError {
    kMissingPort,  ///< no ':' before the port
    kInvalidPort,  ///< the port is not a number in 1..65535
    kEmptyHost,    ///< nothing before the ':'
    kInvalidId,    ///< the part before '@' is not 64 bytes of hex
    kInvalidHost,  ///< the host has a bracket, '@', '/', or a byte outside printable ASCII
};

[[nodiscard]] std::string_view to_string(PeerAddressError error) noexcept;

/// Parses "host:port", "[v6]:port" or "<128 hex digits, optional 0x>@host:port".
[[nodiscard]] Result<PeerAddress, PeerAddressError> parse_peer_address(std::string_view text);

/// The inverse of parse_peer_address ("id@host:port" when the id is known).
[[nodiscard]] std::string to_string(const PeerAddress& address);

/// Parses a peer id written as 128 hex digits (optional 0x prefix).
[[nodiscard]] std::optional<PeerId> parse_peer_id(std::string_view hex);

/// The id as 128 lowercase hex digits without prefix.
[[nodiscard]] std::string peer_id_hex(const PeerId& id);

}  // namespace yunlian::p2p
