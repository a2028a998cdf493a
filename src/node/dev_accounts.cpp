#include "node/dev_accounts.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <secp256k1.h>

namespace yunlian::node {
namespace {

constexpr std::uint32_t kHardened = 0x8000'0000;

/// A BIP-32 extended private key: the key and its chain code.
struct ExtendedKey {
    FixedBytes<32> key;
    FixedBytes<32> chain_code;
};

FixedBytes<64> hmac_sha512(BytesView key, BytesView data) {
    FixedBytes<64> out;
    unsigned int size = 0;
    if (HMAC(EVP_sha512(), key.data(), static_cast<int>(key.size()), data.data(), data.size(),
             out.data(), &size) == nullptr ||
        size != 64) {
        throw std::runtime_error("HMAC-SHA512 failed");
    }
    return out;
}

ExtendedKey split(const FixedBytes<64>& i) {
    ExtendedKey out;
    std::copy(i.begin(), i.begin() + 32, out.key.begin());
    std::copy(i.begin() + 32, i.end(), out.chain_code.begin());
    return out;
}

using Context = std::unique_ptr<secp256k1_context, decltype(&secp256k1_context_destroy)>;

/// BIP-32 CKDpriv: the child `index` of `parent`.
ExtendedKey derive_child(const secp256k1_context* ctx, const ExtendedKey& parent,
                         std::uint32_t index) {
    Bytes data;
    if (index >= kHardened) {
        data.push_back(0);
        append(data, parent.key.view());
    } else {
        secp256k1_pubkey pub;
        if (secp256k1_ec_pubkey_create(ctx, &pub, parent.key.data()) != 1) {
            throw std::runtime_error("BIP-32: invalid parent key");
        }
        std::array<std::uint8_t, 33> compressed{};
        std::size_t size = compressed.size();
        secp256k1_ec_pubkey_serialize(ctx, compressed.data(), &size, &pub, SECP256K1_EC_COMPRESSED);
        append(data, compressed);
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
        data.push_back(static_cast<std::uint8_t>(index >> shift));
    }
    ExtendedKey child = split(hmac_sha512(parent.chain_code.view(), data));
    // k_i = parse256(I_L) + k_par (mod n); the tweak fails when I_L >= n or the sum is zero.
    FixedBytes<32> key = parent.key;
    if (secp256k1_ec_seckey_tweak_add(ctx, key.data(), child.key.data()) != 1) {
        throw std::runtime_error("BIP-32: derived key is invalid");
    }
    child.key = key;
    return child;
}

}  // namespace

FixedBytes<64> mnemonic_seed(std::string_view mnemonic, std::string_view passphrase) {
    const std::string salt = "mnemonic" + std::string(passphrase);
    FixedBytes<64> seed;
    if (PKCS5_PBKDF2_HMAC(mnemonic.data(), static_cast<int>(mnemonic.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()),
                          static_cast<int>(salt.size()), 2048, EVP_sha512(), 64,
                          seed.data()) != 1) {
        throw std::runtime_error("PBKDF2 failed");
    }
    return seed;
}

crypto::PrivateKey derive_ethereum_key(const FixedBytes<64>& seed, std::uint32_t index) {
    const Context ctx(secp256k1_context_create(SECP256K1_CONTEXT_NONE), &secp256k1_context_destroy);
    ExtendedKey key = split(hmac_sha512(as_bytes("Bitcoin seed"), seed.view()));
    for (const std::uint32_t step : {44 | kHardened, 60 | kHardened, 0 | kHardened, 0U, index}) {
        key = derive_child(ctx.get(), key, step);
    }
    return key.key;
}

std::vector<DevAccount> dev_accounts(std::size_t count, std::string_view mnemonic) {
    const FixedBytes<64> seed = mnemonic_seed(mnemonic);
    std::vector<DevAccount> out;
    for (std::size_t i = 0; i < count; ++i) {
        const auto key = derive_ethereum_key(seed, static_cast<std::uint32_t>(i));
        auto pub = crypto::public_key_of(key);
        if (!pub) throw std::runtime_error("dev account key is invalid");
        out.push_back(DevAccount{key, crypto::address_of(*pub)});
    }
    return out;
}

}  // namespace yunlian::node
