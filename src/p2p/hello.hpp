#pragma once
// The Hello message: the first frame each side sends inside a fresh TLS 1.3 session. It proves
// possession of the node key and binds that proof to this session: the signature covers keying
// material exported from the session (RFC 8446 section 7.5, RFC 5705), which a relay or a replay
// in another session cannot reproduce (docs/P2P.md, "Handshake").

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::p2p {

/// The protocol version this code speaks.
inline constexpr std::uint16_t kProtocolVersion = 1;
/// version u16 | network id hash 32 | node key 64 | listen port u16 | signature r 32, s 32, v 1.
inline constexpr std::size_t kHelloSize = 2 + 32 + 64 + 2 + 65;
/// The exporter label (RFC 5705 labels of private use start with "EXPERIMENTAL"; RFC 8446 keeps
/// the interface) and the length of the exported secret.
inline constexpr std::string_view kExporterLabel = "EXPERIMENTAL-yunlian-p2p-hello";
inline constexpr std::size_t kSessionBindingSize = 32;

/// Which end of the TLS session sent a Hello; signed so one side's Hello cannot be reflected
/// back to it as the other side's.
enum class TlsRole : std::uint8_t { kClient = 0, kServer = 1 };

struct Hello {
    std::uint16_t version = kProtocolVersion;
    /// keccak256 of the configured network id.
    Hash network_id_hash;
    /// The sender's node public key.
    crypto::PublicKey node_key;
    /// The port the sender listens on (0: it does not).
    std::uint16_t listen_port = 0;
    crypto::Signature signature;

    friend bool operator==(const Hello&, const Hello&) = default;
};

enum class HelloError {
    kWrongSize,          ///< the payload is not exactly kHelloSize bytes
    kInvalidRecoveryId,  ///< v is above 1
    kBadSignature,       ///< the signature does not recover to the claimed node key
    kSigningFailed,      ///< the node key could not sign (only with an invalid key)
};

[[nodiscard]] std::string_view to_string(HelloError error) noexcept;

[[nodiscard]] Bytes encode_hello(const Hello& hello);
/// Parses the fixed layout; the signature is not checked here (verify_hello does that).
[[nodiscard]] Result<Hello, HelloError> decode_hello(BytesView payload);

/// keccak256("yunlian-p2p-hello-v1" || role || binding || version || network id hash || node key
/// || listen port): what the node key signs.
[[nodiscard]] Hash hello_digest(const Hello& hello, TlsRole sender, BytesView session_binding);

/// Fills in node_key and signature for a Hello sent by `sender` in the session whose exported
/// keying material is `session_binding`.
[[nodiscard]] Result<Hello, HelloError> sign_hello(Hello hello, const crypto::PrivateKey& key,
                                                   TlsRole sender, BytesView session_binding);

/// Checks that the Hello's signature is by its node_key over this session's binding.
[[nodiscard]] Result<void, HelloError> verify_hello(const Hello& hello, TlsRole sender,
                                                    BytesView session_binding);

}  // namespace yunlian::p2p
