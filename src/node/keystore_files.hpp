#pragma once
// Keystore files on disk as geth keeps them: one Web3 Secret Storage v3 JSON file per key, named
// UTC--<time>--<address>, in a keystore directory; and passwords from a file or the terminal.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::node {

/// The default keystore directory: $HOME/.yunlian/keystore.
[[nodiscard]] std::filesystem::path default_keystore_dir();

struct KeystoreEntry {
    Address address;
    std::filesystem::path path;
};

/// The keystore files in `dir` whose "address" field reads, sorted by file name (oldest first).
[[nodiscard]] std::vector<KeystoreEntry> list_keystores(const std::filesystem::path& dir);

/// Encrypts `key` (scrypt, AES-128-CTR) and writes it into `dir` (mode 0600). Returns the path.
std::filesystem::path write_keystore(const std::filesystem::path& dir,
                                     const crypto::PrivateKey& key, std::string_view password);

/// Reads and decrypts a keystore file. Throws std::runtime_error ("wrong password", ...).
[[nodiscard]] crypto::PrivateKey read_keystore(const std::filesystem::path& path,
                                               std::string_view password);

/// The first line of `file`, or, without a file, a line typed at the terminal (not echoed).
[[nodiscard]] std::string read_password(const std::optional<std::filesystem::path>& file,
                                        std::string_view prompt);

/// A fresh private key from OpenSSL's CSPRNG.
[[nodiscard]] crypto::PrivateKey random_private_key();

}  // namespace yunlian::node
