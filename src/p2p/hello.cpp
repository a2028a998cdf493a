#include "p2p/hello.hpp"

#include <algorithm>

#include "crypto/keccak.hpp"

namespace yunlian::p2p {

namespace {

constexpr std::string_view kDigestLabel = "yunlian-p2p-hello-v1";

void put_u16(Bytes& out, std::uint16_t v) {
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

std::uint16_t get_u16(const std::uint8_t* p) noexcept {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

}  // namespace

std::string_view to_string(HelloError error) noexcept {
    switch (error) {
        case HelloError::kWrongSize:
            return "hello has the wrong size";
        case HelloError::kInvalidRecoveryId:
            return "hello signature recovery id above 1";
        case HelloError::kBadSignature:
            return "hello signature is not by the claimed node key";
        case HelloError::kSigningFailed:
            return "node key could not sign the hello";
    }
    return "unknown hello error";
}

Bytes encode_hello(const Hello& hello) {
    Bytes out;
    out.reserve(kHelloSize);
    put_u16(out, hello.version);
    append(out, hello.network_id_hash.view());
    append(out, hello.node_key.view());
    put_u16(out, hello.listen_port);
    append(out, hello.signature.r.view());
    append(out, hello.signature.s.view());
    out.push_back(hello.signature.recovery_id);
    return out;
}

Result<Hello, HelloError> decode_hello(BytesView payload) {
    if (payload.size() != kHelloSize) return Unexpected(HelloError::kWrongSize);
    Hello hello;
    const std::uint8_t* p = payload.data();
    hello.version = get_u16(p);
    p += 2;
    hello.network_id_hash = Hash::from_view(BytesView(p, 32));
    p += 32;
    hello.node_key = crypto::PublicKey::from_view(BytesView(p, 64));
    p += 64;
    hello.listen_port = get_u16(p);
    p += 2;
    hello.signature.r = Hash::from_view(BytesView(p, 32));
    hello.signature.s = Hash::from_view(BytesView(p + 32, 32));
    hello.signature.recovery_id = p[64];
    if (hello.signature.recovery_id > 1) return Unexpected(HelloError::kInvalidRecoveryId);
    return hello;
}

Hash hello_digest(const Hello& hello, TlsRole sender, BytesView session_binding) {
    Bytes message;
    message.reserve(kDigestLabel.size() + 1 + session_binding.size() + 100);
    append(message, as_bytes(kDigestLabel));
    message.push_back(static_cast<std::uint8_t>(sender));
    append(message, session_binding);
    put_u16(message, hello.version);
    append(message, hello.network_id_hash.view());
    append(message, hello.node_key.view());
    put_u16(message, hello.listen_port);
    return crypto::keccak256(message);
}

Result<Hello, HelloError> sign_hello(Hello hello, const crypto::PrivateKey& key, TlsRole sender,
                                     BytesView session_binding) {
    auto public_key = crypto::public_key_of(key);
    if (!public_key) return Unexpected(HelloError::kSigningFailed);
    hello.node_key = *public_key;
    auto signature = crypto::sign(hello_digest(hello, sender, session_binding), key);
    if (!signature) return Unexpected(HelloError::kSigningFailed);
    hello.signature = *signature;
    return hello;
}

Result<void, HelloError> verify_hello(const Hello& hello, TlsRole sender,
                                      BytesView session_binding) {
    if (hello.signature.recovery_id > 1) return Unexpected(HelloError::kInvalidRecoveryId);
    auto recovered =
        crypto::recover_public_key(hello_digest(hello, sender, session_binding), hello.signature);
    if (!recovered || *recovered != hello.node_key) return Unexpected(HelloError::kBadSignature);
    return {};
}

}  // namespace yunlian::p2p
