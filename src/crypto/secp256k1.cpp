#include "crypto/secp256k1.hpp"

#include <array>
#include <cstring>

#include <openssl/rand.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include "crypto/keccak.hpp"

namespace yunlian::crypto {
namespace {

/// n / 2 for the secp256k1 group order n, big-endian (SEC 2 section 2.4.1; EIP-2's bound).
constexpr std::array<std::uint8_t, 32> kHalfOrder = {
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
};

/// The group order n, big-endian.
constexpr std::array<std::uint8_t, 32> kOrder = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
};

/// Signing and key generation need a context built for them; it is created and blinded once,
/// then only read (libsecp256k1 contexts are safe to share read-only between threads).
const secp256k1_context* signing_context() noexcept {
    static const secp256k1_context* const kContext = [] {
        secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        // Blinding protects the scalar multiplication against side channels; it never changes
        // results. Without entropy the context stays valid, just unblinded.
        std::array<unsigned char, 32> seed{};
        // Randomizing a fresh context only fails on a null context, which create never returns.
        if (RAND_bytes(seed.data(), static_cast<int>(seed.size())) == 1) {
            [[maybe_unused]] const int blinded = secp256k1_context_randomize(ctx, seed.data());
        }
        return static_cast<const secp256k1_context*>(ctx);
    }();
    return kContext;
}

/// Whether a big-endian 32-byte scalar lies in [1, n - 1].
bool is_valid_scalar(const Hash& value) noexcept {
    return !value.is_zero() && std::memcmp(value.data(), kOrder.data(), 32) < 0;
}

PublicKey serialize_uncompressed(const secp256k1_pubkey& point) noexcept {
    std::array<unsigned char, 65> encoded{};
    std::size_t size = encoded.size();
    secp256k1_ec_pubkey_serialize(secp256k1_context_static, encoded.data(), &size, &point,
                                  SECP256K1_EC_UNCOMPRESSED);
    return PublicKey::from_view(BytesView(encoded).subspan(1));
}

}  // namespace

std::string_view to_string(SecpError error) noexcept {
    switch (error) {
        case SecpError::kInvalidPrivateKey:
            return "invalid private key";
        case SecpError::kInvalidSignature:
            return "signature r or s out of range";
        case SecpError::kInvalidRecoveryId:
            return "invalid recovery id";
        case SecpError::kRecoveryFailed:
            return "public key recovery failed";
        case SecpError::kSigningFailed:
            return "signing failed";
    }
    return "unknown secp256k1 error";
}

Result<PrivateKey, SecpError> parse_private_key(BytesView bytes) noexcept {
    if (bytes.size() != PrivateKey::size()) return Unexpected(SecpError::kInvalidPrivateKey);
    const PrivateKey key = PrivateKey::from_view(bytes);
    if (!is_valid_scalar(key)) return Unexpected(SecpError::kInvalidPrivateKey);
    return key;
}

Result<PublicKey, SecpError> public_key_of(const PrivateKey& key) noexcept {
    secp256k1_pubkey point;
    if (secp256k1_ec_pubkey_create(signing_context(), &point, key.data()) != 1) {
        return Unexpected(SecpError::kInvalidPrivateKey);
    }
    return serialize_uncompressed(point);
}

Result<Signature, SecpError> sign(const Hash& digest, const PrivateKey& key) noexcept {
    if (!is_valid_scalar(key)) return Unexpected(SecpError::kInvalidPrivateKey);
    secp256k1_ecdsa_recoverable_signature raw;
    // A null nonce function selects RFC 6979 (secp256k1_nonce_function_default).
    if (secp256k1_ecdsa_sign_recoverable(signing_context(), &raw, digest.data(), key.data(),
                                         nullptr, nullptr) != 1) {
        return Unexpected(SecpError::kSigningFailed);
    }
    std::array<unsigned char, 64> compact{};
    int recovery_id = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(secp256k1_context_static,
                                                            compact.data(), &recovery_id, &raw);
    Signature out;
    std::memcpy(out.r.data(), compact.data(), 32);
    std::memcpy(out.s.data(), compact.data() + 32, 32);
    out.recovery_id = static_cast<std::uint8_t>(recovery_id);
    return out;
}

Result<PublicKey, SecpError> recover_public_key(const Hash& digest,
                                                const Signature& signature) noexcept {
    // libsecp256k1 aborts through its illegal-argument callback on a recovery id above 3, so
    // the id is checked here, before the call.
    if (signature.recovery_id > 3) return Unexpected(SecpError::kInvalidRecoveryId);
    if (!is_valid_scalar(signature.r) || !is_valid_scalar(signature.s)) {
        return Unexpected(SecpError::kInvalidSignature);
    }
    std::array<unsigned char, 64> compact{};
    std::memcpy(compact.data(), signature.r.data(), 32);
    std::memcpy(compact.data() + 32, signature.s.data(), 32);
    secp256k1_ecdsa_recoverable_signature raw;
    if (secp256k1_ecdsa_recoverable_signature_parse_compact(
            secp256k1_context_static, &raw, compact.data(), signature.recovery_id) != 1) {
        return Unexpected(SecpError::kInvalidSignature);
    }
    secp256k1_pubkey point;
    if (secp256k1_ecdsa_recover(secp256k1_context_static, &point, &raw, digest.data()) != 1) {
        return Unexpected(SecpError::kRecoveryFailed);
    }
    return serialize_uncompressed(point);
}

bool is_low_s(const Hash& s) noexcept { return std::memcmp(s.data(), kHalfOrder.data(), 32) <= 0; }

Address address_of(const PublicKey& key) noexcept {
    const Hash hash = keccak256(key.view());
    return Address::from_view(hash.view().subspan(12));
}

Result<Address, SecpError> recover_address(const Hash& digest,
                                           const Signature& signature) noexcept {
    auto key = recover_public_key(digest, signature);
    if (!key) return Unexpected(key.error());
    return address_of(*key);
}

}  // namespace yunlian::crypto
