#pragma once
// Keccak-256 as Ethereum uses it: the original Keccak submission's padding (domain byte 0x01),
// not the FIPS 202 SHA3-256 padding (0x06). Written here so the hottest hash of the chain has no
// library boundary in its way; bench_crypto holds it to at least Crypto++'s Keccak_256 speed.

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/bytes.hpp"

namespace yunlian::crypto {

/// One-shot Keccak-256 (rate 136 bytes, capacity 512 bits, padding 0x01 .. 0x80).
[[nodiscard]] Hash keccak256(BytesView data) noexcept;

/// Applies keccak-f[1600] (24 rounds) to the 25 little-endian lanes of `state`, lane (x, y) at
/// index x + 5 * y as in FIPS 202 section 3.1.4.
void keccak_f1600(std::array<std::uint64_t, 25>& state) noexcept;

/// Incremental Keccak-256 for data that arrives in pieces.
class Keccak256 {
  public:
    /// The sponge's rate in bytes: 1600 - 2 * 256 bits.
    static constexpr std::size_t kRate = 136;

    /// Absorbs `data`; full blocks are absorbed straight from it without copying.
    void update(BytesView data) noexcept;
    /// Pads, squeezes the digest, and resets the hasher for reuse.
    [[nodiscard]] Hash finish() noexcept;

  private:
    std::array<std::uint64_t, 25> m_state{};
    std::array<std::uint8_t, kRate> m_pending{};
    std::size_t m_pending_size = 0;
};

}  // namespace yunlian::crypto
