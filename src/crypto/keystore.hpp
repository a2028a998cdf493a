#pragma once
// Web3 Secret Storage v3 (the keystore files geth and ethers write): a private key encrypted
// with AES-128-CTR under a key stretched from a password by scrypt or PBKDF2-HMAC-SHA256, and
// authenticated by MAC = keccak256(dk[16..32] ++ ciphertext).
// https://ethereum.org/developers/docs/data-structures-and-encoding/web3-secret-storage

#include <cstdint>
#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::crypto {

/// scrypt cost parameters (RFC 7914). The defaults are what ethers 6 writes.
struct ScryptParams {
    std::uint64_t n = 131072;
    std::uint32_t r = 8;
    std::uint32_t p = 1;
};

/// The key-derivation function of a keystore and its parameters, as read from "kdfparams".
struct KdfParams {
    enum class Kind { kScrypt, kPbkdf2 };
    Kind kind = Kind::kScrypt;
    Bytes salt;
    std::uint32_t dklen = 32;
    ScryptParams scrypt;  ///< n, r, p when kind is kScrypt
    std::uint32_t c = 0;  ///< PBKDF2 iteration count when kind is kPbkdf2
    std::string prf;      ///< PBKDF2 pseudo-random function; only "hmac-sha256" is defined
};

/// The random inputs of one encryption, chosen by the caller so that tests are reproducible.
struct KeystoreRandom {
    FixedBytes<32> salt;
    FixedBytes<16> iv;
    FixedBytes<16> uuid;  ///< becomes the UUID v4 "id" (version and variant bits are set)

    /// Fresh values from OpenSSL's CSPRNG. Throws std::runtime_error if it has no entropy.
    [[nodiscard]] static KeystoreRandom generate();
};

enum class KeystoreError {
    kMalformedJson,       ///< not JSON, too large, or a required field is missing or mistyped
    kUnsupportedVersion,  ///< "version" is not 3
    kUnsupportedKdf,      ///< a kdf other than scrypt and pbkdf2, or a prf other than hmac-sha256
    kUnsupportedCipher,   ///< a cipher other than aes-128-ctr
    kBadKdfParams,        ///< scrypt n not a power of two above 1, r or p zero, dklen < 32...
    kKdfTooExpensive,     ///< parameters beyond the caps that keep a hostile file harmless
    kBadHex,              ///< a hex field that does not parse or has the wrong length
    kWrongPassword,       ///< the MAC does not match: wrong password or a corrupted file
    kInvalidPrivateKey,   ///< the decrypted key is 0 or not below the group order
    kAddressMismatch,     ///< "address" is present and is not the decrypted key's address
    kCryptoFailure,       ///< OpenSSL failed (out of memory)
};

[[nodiscard]] std::string_view to_string(KeystoreError error) noexcept;

/// The largest scrypt work accepted when decrypting: memory 128 * r * n bytes up to 512 MiB
/// (geth's "standard" n = 2^18, r = 8 needs 256 MiB) and n * r * p up to 2^23.
inline constexpr std::uint64_t kMaxScryptMemory = 512ULL << 20;
inline constexpr std::uint64_t kMaxScryptWork = 1ULL << 23;
/// The largest PBKDF2 iteration count accepted (geth writes 2^18).
inline constexpr std::uint32_t kMaxPbkdf2Iterations = 1U << 22;

/// Stretches `password` into dklen bytes with the file's KDF, refusing parameters outside the
/// caps above.
[[nodiscard]] Result<Bytes, KeystoreError> derive_key(std::string_view password,
                                                      const KdfParams& params);

/// Encrypts `key` into keystore JSON with scrypt, AES-128-CTR and the v3 layout ethers writes
/// ("address" as lower-case hex without 0x, "id" as UUID v4 text, "version": 3, "crypto").
/// Throws std::invalid_argument when `key` is not a valid private key or `scrypt` is outside
/// the caps decrypt_keystore() accepts.
[[nodiscard]] std::string encrypt_keystore(const PrivateKey& key, std::string_view password,
                                           const KeystoreRandom& random, ScryptParams scrypt = {});

/// Decrypts keystore JSON (field "crypto", or "Crypto" as ethers writes it). Never throws;
/// hostile input yields an error.
[[nodiscard]] Result<PrivateKey, KeystoreError> decrypt_keystore(std::string_view json,
                                                                 std::string_view password);

}  // namespace yunlian::crypto
