#pragma once
// SHA-256 (FIPS 180-4) and RIPEMD-160, from OpenSSL.

#include <memory>

#include "common/bytes.hpp"

namespace yunlian::crypto {

/// One-shot SHA-256.
[[nodiscard]] Hash sha256(BytesView data) noexcept;

/// One-shot RIPEMD-160 (20 bytes), as the EVM's 0x03 precompile needs it.
[[nodiscard]] FixedBytes<20> ripemd160(BytesView data) noexcept;

/// Incremental SHA-256 for streams (chunked files).
class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;

    void update(BytesView data) noexcept;
    /// Returns the digest and resets the hasher for reuse.
    [[nodiscard]] Hash finish() noexcept;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace yunlian::crypto
