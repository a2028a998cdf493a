#include "crypto/keystore.hpp"

#include <limits>
#include <new>
#include <optional>
#include <stdexcept>

#include <boost/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "common/hex.hpp"
#include "crypto/keccak.hpp"

namespace yunlian::crypto {
namespace {

namespace json = boost::json;

/// Real keystores are under 1 KiB; anything far larger is not one and is not parsed.
constexpr std::size_t kMaxJsonSize = 64 * 1024;
constexpr std::size_t kMaxSaltSize = 1024;
/// Derived-key lengths accepted: 16 bytes of AES key + 16 of MAC key at least.
constexpr std::uint32_t kMinDkLen = 32;
constexpr std::uint32_t kMaxDkLen = 64;
constexpr std::string_view kCipher = "aes-128-ctr";
constexpr std::string_view kPbkdf2Prf = "hmac-sha256";

/// Everything decrypt_keystore() needs, typed and checked.
struct ParsedKeystore {
    KdfParams kdf;
    FixedBytes<16> iv;
    Hash ciphertext;
    Hash mac;
    std::optional<Address> address;
};

const json::value* field(const json::object& parent, std::string_view key) {
    return parent.if_contains(key);
}

const json::object* object_field(const json::object& parent, std::string_view key) {
    const json::value* v = field(parent, key);
    return v != nullptr ? v->if_object() : nullptr;
}

const json::string* string_field(const json::object& parent, std::string_view key) {
    const json::value* v = field(parent, key);
    return v != nullptr ? v->if_string() : nullptr;
}

/// A non-negative JSON integer; doubles (even integral ones) are not accepted.
std::optional<std::uint64_t> uint_field(const json::object& parent, std::string_view key) {
    const json::value* v = field(parent, key);
    if (v == nullptr) return std::nullopt;
    if (const auto* u = v->if_uint64()) return *u;
    if (const auto* i = v->if_int64(); i != nullptr && *i >= 0) {
        return static_cast<std::uint64_t>(*i);
    }
    return std::nullopt;
}

std::optional<std::uint32_t> uint32_field(const json::object& parent, std::string_view key) {
    const auto v = uint_field(parent, key);
    if (!v || *v > std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
    return static_cast<std::uint32_t>(*v);
}

Result<Bytes, KeystoreError> hex_field(const json::object& parent, std::string_view key) {
    const json::string* text = string_field(parent, key);
    if (text == nullptr) return Unexpected(KeystoreError::kMalformedJson);
    auto bytes = from_hex(std::string_view(*text), HexPrefix::kOptional);
    if (!bytes) return Unexpected(KeystoreError::kBadHex);
    return std::move(*bytes);
}

template <std::size_t N>
Result<FixedBytes<N>, KeystoreError> fixed_hex_field(const json::object& parent,
                                                     std::string_view key) {
    auto bytes = hex_field(parent, key);
    if (!bytes) return Unexpected(bytes.error());
    if (bytes->size() != N) return Unexpected(KeystoreError::kBadHex);
    return FixedBytes<N>::from_view(*bytes);
}

/// RFC 7914 section 2's rules plus the caps that bound memory and time.
Result<void, KeystoreError> check_scrypt(const ScryptParams& p) {
    if (p.n < 2 || (p.n & (p.n - 1)) != 0 || p.r == 0 || p.p == 0) {
        return Unexpected(KeystoreError::kBadKdfParams);
    }
    // n < 2^(128 r / 8): a larger n wraps scrypt's Integerify (OpenSSL refuses it too).
    if (16ULL * p.r < 64 && p.n >= (1ULL << (16ULL * p.r))) {
        return Unexpected(KeystoreError::kBadKdfParams);
    }
    // Divisions instead of products so that no hostile value overflows.
    if (p.n > kMaxScryptMemory / 128 / p.r) return Unexpected(KeystoreError::kKdfTooExpensive);
    if (p.n > kMaxScryptWork / p.r / p.p) return Unexpected(KeystoreError::kKdfTooExpensive);
    return {};
}

Result<KdfParams, KeystoreError> parse_kdf(const json::object& crypto) {
    const json::string* kdf = string_field(crypto, "kdf");
    const json::object* params = object_field(crypto, "kdfparams");
    if (kdf == nullptr || params == nullptr) return Unexpected(KeystoreError::kMalformedJson);
    KdfParams out;
    auto salt = hex_field(*params, "salt");
    if (!salt) return Unexpected(salt.error());
    // An empty salt defeats the KDF's purpose (and OpenSSL's PBKDF2 refuses it).
    if (salt->empty() || salt->size() > kMaxSaltSize) {
        return Unexpected(KeystoreError::kBadKdfParams);
    }
    out.salt = std::move(*salt);
    const auto dklen = uint32_field(*params, "dklen");
    if (!dklen) return Unexpected(KeystoreError::kMalformedJson);
    if (*dklen < kMinDkLen || *dklen > kMaxDkLen) return Unexpected(KeystoreError::kBadKdfParams);
    out.dklen = *dklen;
    if (*kdf == "scrypt") {
        const auto n = uint_field(*params, "n");
        const auto r = uint32_field(*params, "r");
        const auto p = uint32_field(*params, "p");
        if (!n || !r || !p) return Unexpected(KeystoreError::kMalformedJson);
        out.kind = KdfParams::Kind::kScrypt;
        out.scrypt = ScryptParams{*n, *r, *p};
        return out;
    }
    if (*kdf == "pbkdf2") {
        const auto c = uint32_field(*params, "c");
        const json::string* prf = string_field(*params, "prf");
        if (!c || prf == nullptr) return Unexpected(KeystoreError::kMalformedJson);
        out.kind = KdfParams::Kind::kPbkdf2;
        out.c = *c;
        out.prf = std::string(*prf);
        return out;
    }
    return Unexpected(KeystoreError::kUnsupportedKdf);
}

Result<ParsedKeystore, KeystoreError> parse_keystore(std::string_view text) {
    if (text.size() > kMaxJsonSize) return Unexpected(KeystoreError::kMalformedJson);
    boost::system::error_code ec;
    const json::value root = json::parse(text, ec);
    if (ec || !root.is_object()) return Unexpected(KeystoreError::kMalformedJson);
    const json::object& top = root.get_object();
    const auto version = uint_field(top, "version");
    if (!version || *version != 3) return Unexpected(KeystoreError::kUnsupportedVersion);
    // The definition says "crypto"; ethers writes "Crypto" (as geth once did).
    const json::object* crypto = object_field(top, "crypto");
    if (crypto == nullptr) crypto = object_field(top, "Crypto");
    if (crypto == nullptr) return Unexpected(KeystoreError::kMalformedJson);

    const json::string* cipher = string_field(*crypto, "cipher");
    if (cipher == nullptr) return Unexpected(KeystoreError::kMalformedJson);
    if (*cipher != kCipher) return Unexpected(KeystoreError::kUnsupportedCipher);
    const json::object* cipher_params = object_field(*crypto, "cipherparams");
    if (cipher_params == nullptr) return Unexpected(KeystoreError::kMalformedJson);

    ParsedKeystore out;
    auto kdf = parse_kdf(*crypto);
    if (!kdf) return Unexpected(kdf.error());
    out.kdf = std::move(*kdf);
    auto iv = fixed_hex_field<16>(*cipher_params, "iv");
    if (!iv) return Unexpected(iv.error());
    out.iv = *iv;
    // The plaintext is a 32-byte private key and CTR keeps lengths.
    auto ciphertext = fixed_hex_field<32>(*crypto, "ciphertext");
    if (!ciphertext) return Unexpected(ciphertext.error());
    out.ciphertext = *ciphertext;
    auto mac = fixed_hex_field<32>(*crypto, "mac");
    if (!mac) return Unexpected(mac.error());
    out.mac = *mac;
    if (field(top, "address") != nullptr) {
        auto address = fixed_hex_field<20>(top, "address");
        if (!address) return Unexpected(address.error());
        out.address = *address;
    }
    return out;
}

Result<Bytes, KeystoreError> run_scrypt(std::string_view password, const KdfParams& params) {
    if (auto ok = check_scrypt(params.scrypt); !ok) return Unexpected(ok.error());
    const ScryptParams& s = params.scrypt;
    // OpenSSL needs 128 r (n + 2) bytes for V plus 128 r p for B; allow that and a little.
    const std::uint64_t max_memory = 128ULL * s.r * (s.n + 2) + 128ULL * s.r * s.p + (1U << 20);
    Bytes out(params.dklen);
    if (EVP_PBE_scrypt(password.data(), password.size(), params.salt.data(), params.salt.size(),
                       s.n, s.r, s.p, max_memory, out.data(), out.size()) != 1) {
        return Unexpected(KeystoreError::kCryptoFailure);
    }
    return out;
}

Result<Bytes, KeystoreError> run_pbkdf2(std::string_view password, const KdfParams& params) {
    if (params.prf != kPbkdf2Prf) return Unexpected(KeystoreError::kUnsupportedKdf);
    if (params.c == 0) return Unexpected(KeystoreError::kBadKdfParams);
    if (params.c > kMaxPbkdf2Iterations) return Unexpected(KeystoreError::kKdfTooExpensive);
    Bytes out(params.dklen);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), params.salt.data(),
                          static_cast<int>(params.salt.size()), static_cast<int>(params.c),
                          EVP_sha256(), static_cast<int>(out.size()), out.data()) != 1) {
        return Unexpected(KeystoreError::kCryptoFailure);
    }
    return out;
}

/// AES-128-CTR with the first 16 bytes of the derived key; encryption and decryption are one.
Result<Hash, KeystoreError> aes128_ctr(BytesView key, const FixedBytes<16>& iv, const Hash& in) {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    if (ctx == nullptr) return Unexpected(KeystoreError::kCryptoFailure);
    Hash out;
    int len = 0;
    int tail = 0;
    const bool ok =
        EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), nullptr, key.data(), iv.data()) == 1 &&
        EVP_EncryptUpdate(ctx, out.data(), &len, in.data(), static_cast<int>(in.size())) == 1 &&
        EVP_EncryptFinal_ex(ctx, out.data() + len, &tail) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok || len + tail != static_cast<int>(out.size())) {
        return Unexpected(KeystoreError::kCryptoFailure);
    }
    return out;
}

/// MAC = keccak256(dk[16..32] ++ ciphertext), the definition's "mac".
Hash mac_of(BytesView derived_key, const Hash& ciphertext) {
    Keccak256 hasher;
    hasher.update(derived_key.subspan(16, 16));
    hasher.update(ciphertext.view());
    return hasher.finish();
}

/// RFC 4122 text of a random (version 4, variant 10) UUID.
std::string uuid_v4_text(FixedBytes<16> bytes) {
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);
    const std::string hex = to_hex(bytes.view(), false);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20);
}

Result<PrivateKey, KeystoreError> decrypt_parsed(const ParsedKeystore& file,
                                                 std::string_view password) {
    auto derived = derive_key(password, file.kdf);
    if (!derived) return Unexpected(derived.error());
    const Hash mac = mac_of(*derived, file.ciphertext);
    if (CRYPTO_memcmp(mac.data(), file.mac.data(), mac.size()) != 0) {
        return Unexpected(KeystoreError::kWrongPassword);
    }
    auto plain = aes128_ctr(BytesView(*derived).first(16), file.iv, file.ciphertext);
    if (!plain) return Unexpected(plain.error());
    auto key = parse_private_key(plain->view());
    if (!key) return Unexpected(KeystoreError::kInvalidPrivateKey);
    if (file.address) {
        auto public_key = public_key_of(*key);
        if (!public_key || address_of(*public_key) != *file.address) {
            return Unexpected(KeystoreError::kAddressMismatch);
        }
    }
    return *key;
}

}  // namespace

std::string_view to_string(KeystoreError error) noexcept {
    switch (error) {
        case KeystoreError::kMalformedJson:
            return "keystore is not well-formed JSON of the v3 layout";
        case KeystoreError::kUnsupportedVersion:
            return "keystore version is not 3";
        case KeystoreError::kUnsupportedKdf:
            return "unsupported key derivation function";
        case KeystoreError::kUnsupportedCipher:
            return "unsupported cipher";
        case KeystoreError::kBadKdfParams:
            return "invalid key derivation parameters";
        case KeystoreError::kKdfTooExpensive:
            return "key derivation parameters exceed the accepted cost";
        case KeystoreError::kBadHex:
            return "keystore field has bad hex or the wrong length";
        case KeystoreError::kWrongPassword:
            return "wrong password (MAC mismatch)";
        case KeystoreError::kInvalidPrivateKey:
            return "decrypted private key is invalid";
        case KeystoreError::kAddressMismatch:
            return "keystore address does not match its key";
        case KeystoreError::kCryptoFailure:
            return "cryptographic library failure";
    }
    return "unknown keystore error";
}

KeystoreRandom KeystoreRandom::generate() {
    KeystoreRandom out;
    if (RAND_bytes(out.salt.data(), static_cast<int>(out.salt.size())) != 1 ||
        RAND_bytes(out.iv.data(), static_cast<int>(out.iv.size())) != 1 ||
        RAND_bytes(out.uuid.data(), static_cast<int>(out.uuid.size())) != 1) {
        throw std::runtime_error("OpenSSL RAND_bytes failed: no entropy for the keystore");
    }
    return out;
}

Result<Bytes, KeystoreError> derive_key(std::string_view password, const KdfParams& params) {
    if (params.dklen < kMinDkLen || params.dklen > kMaxDkLen || params.salt.empty() ||
        params.salt.size() > kMaxSaltSize) {
        return Unexpected(KeystoreError::kBadKdfParams);
    }
    return params.kind == KdfParams::Kind::kScrypt ? run_scrypt(password, params)
                                                   : run_pbkdf2(password, params);
}

std::string encrypt_keystore(const PrivateKey& key, std::string_view password,
                             const KeystoreRandom& random, ScryptParams scrypt) {
    const auto public_key = public_key_of(key);
    if (!public_key) throw std::invalid_argument("keystore: invalid private key");
    KdfParams kdf;
    kdf.kind = KdfParams::Kind::kScrypt;
    kdf.salt = to_bytes(random.salt.view());
    kdf.scrypt = scrypt;
    auto derived = derive_key(password, kdf);
    if (!derived) {
        throw std::invalid_argument(std::string("keystore: ") +
                                    std::string(to_string(derived.error())));
    }
    auto ciphertext = aes128_ctr(BytesView(*derived).first(16), random.iv, key);
    if (!ciphertext) throw std::runtime_error("keystore: AES-128-CTR failed");

    json::object kdfparams;
    kdfparams["dklen"] = kdf.dklen;
    kdfparams["n"] = scrypt.n;
    kdfparams["p"] = scrypt.p;
    kdfparams["r"] = scrypt.r;
    kdfparams["salt"] = to_hex(random.salt.view(), false);
    json::object crypto;
    crypto["cipher"] = kCipher;
    crypto["cipherparams"] = json::object{{"iv", to_hex(random.iv.view(), false)}};
    crypto["ciphertext"] = to_hex(ciphertext->view(), false);
    crypto["kdf"] = "scrypt";
    crypto["kdfparams"] = std::move(kdfparams);
    crypto["mac"] = to_hex(mac_of(*derived, *ciphertext).view(), false);
    json::object top;
    top["address"] = to_hex(address_of(*public_key).view(), false);
    top["id"] = uuid_v4_text(random.uuid);
    top["version"] = 3;
    top["crypto"] = std::move(crypto);
    return json::serialize(top);
}

Result<PrivateKey, KeystoreError> decrypt_keystore(std::string_view json,
                                                   std::string_view password) {
    try {
        auto parsed = parse_keystore(json);
        if (!parsed) return Unexpected(parsed.error());
        return decrypt_parsed(*parsed, password);
    } catch (const std::bad_alloc&) {
        // Input size and KDF memory are capped, so this means the host itself is short of memory.
        return Unexpected(KeystoreError::kCryptoFailure);
    }
}

}  // namespace yunlian::crypto
