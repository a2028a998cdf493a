#include "crypto/sha256.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

namespace yunlian::crypto {

Hash sha256(BytesView data) noexcept {
    Hash out;
    SHA256(data.data(), data.size(), out.data());
    return out;
}

FixedBytes<20> ripemd160(BytesView data) noexcept {
    FixedBytes<20> out;
    // RIPEMD-160 sits in OpenSSL 3's default provider through EVP (the legacy one-shot function
    // is deprecated). Its failure would mean a broken OpenSSL install, not bad input.
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_ripemd160(), nullptr);
    return out;
}

struct Sha256::Impl {
    SHA256_CTX ctx{};
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>()) { SHA256_Init(&m_impl->ctx); }
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(BytesView data) noexcept {
    SHA256_Update(&m_impl->ctx, data.data(), data.size());
}

Hash Sha256::finish() noexcept {
    Hash out;
    SHA256_Final(out.data(), &m_impl->ctx);
    SHA256_Init(&m_impl->ctx);
    return out;
}

}  // namespace yunlian::crypto
