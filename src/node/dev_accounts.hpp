#pragma once
// The dev chain's accounts: keys derived from the well-known test mnemonic ("test test ... junk")
// along m/44'/60'/0'/0/i (BIP-39 seed, BIP-32 derivation, BIP-44 path), the same accounts Hardhat
// and Anvil fund, so tools and tutorials that assume them work unchanged.

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::node {

inline constexpr std::string_view kTestMnemonic =
    "test test test test test test test test test test test junk";

struct DevAccount {
    crypto::PrivateKey key;
    Address address;
};

/// The BIP-39 seed of `mnemonic` (PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic" + passphrase).
[[nodiscard]] FixedBytes<64> mnemonic_seed(std::string_view mnemonic,
                                           std::string_view passphrase = "");
/// The key at BIP-32 path m/44'/60'/0'/0/`index` under `seed`. Throws std::runtime_error in the
/// (probability 2^-127) case that a derivation step yields an invalid key.
[[nodiscard]] crypto::PrivateKey derive_ethereum_key(const FixedBytes<64>& seed,
                                                     std::uint32_t index);
/// The first `count` accounts of `mnemonic`.
[[nodiscard]] std::vector<DevAccount> dev_accounts(std::size_t count,
                                                   std::string_view mnemonic = kTestMnemonic);

}  // namespace yunlian::node
