#pragma once
// The state of one running frame, and the small helpers every instruction group shares: memory
// expansion with its gas (Yellow Paper appendix H.1, C_mem), and conversions between stack words,
// addresses and hashes. Internal to the evm part.

#include <cstdint>
#include <cstring>
#include <optional>

#include "common/bytes.hpp"
#include "common/uint256.hpp"
#include "evm/analysis.hpp"
#include "host/host.hpp"

namespace yunlian::evm {

/// Stack depth limit (Yellow Paper section 9.4.2).
inline constexpr int kStackLimit = 1024;
/// Memory beyond 4 GiB would cost more gas than any block holds, so larger offsets are OOG.
inline constexpr std::uint64_t kMaxMemory = std::uint64_t{1} << 32;

/// One frame's state. Instructions that leave the hot loop read and write gas through it.
struct Frame {
    Frame(host::Host& h, const host::Message& m, const CodeAnalysis& c, Bytes& mem,
          std::int64_t gas) noexcept
        : host(h), msg(m), code(c), memory(mem), gas_left(gas) {}

    host::Host& host;
    const host::Message& msg;
    const CodeAnalysis& code;
    Bytes& memory;
    std::int64_t gas_left = 0;
    std::int64_t gas_refund = 0;
    Bytes return_data;  ///< output of the last nested call (EIP-211)
    Bytes output;       ///< RETURN/REVERT data
    std::optional<host::TxContext> tx_context;

    /// The transaction context, fetched from the host once per frame at first use.
    const host::TxContext& context() {
        if (!tx_context) tx_context = host.get_tx_context();
        return *tx_context;
    }
};

/// Gas for `words` 32-byte words of memory: 3 per word plus words^2 / 512.
[[nodiscard]] constexpr std::int64_t memory_cost(std::uint64_t words) noexcept {
    return static_cast<std::int64_t>(3 * words + words * words / 512);
}

/// Words needed for `bytes` bytes, rounded up.
[[nodiscard]] constexpr std::uint64_t num_words(std::uint64_t bytes) noexcept {
    return (bytes + 31) / 32;
}

/// Grows memory to hold [0, end) and returns the gas left after paying for it (negative: OOG).
[[nodiscard]] std::int64_t grow_memory(Bytes& memory, std::int64_t gas, std::uint64_t end) noexcept;

/// Makes [offset, offset + size) addressable and returns the gas left (negative: OOG). A zero
/// size touches nothing whatever the offset (Yellow Paper H.1, M(s, f, l) with l = 0).
[[nodiscard]] inline std::int64_t touch_memory(Bytes& memory, std::int64_t gas,
                                               const Uint256& offset,
                                               const Uint256& size) noexcept {
    if (size.is_zero()) return gas;
    if (!offset.fits_u64() || !size.fits_u64()) return -1;
    const auto off = offset.low_u64();
    const auto len = size.low_u64();
    if (off > kMaxMemory || len > kMaxMemory) return -1;
    const auto end = off + len;
    if (end <= memory.size()) return gas;
    return grow_memory(memory, gas, end);
}

/// Gas for copying `size` bytes: 3 per word (Yellow Paper G_copy); the size already fits memory.
[[nodiscard]] inline std::int64_t copy_cost(const Uint256& size) noexcept {
    return static_cast<std::int64_t>(3 * num_words(size.low_u64()));
}

/// The low 20 bytes of a word as an address.
[[nodiscard]] inline Address to_address(const Uint256& word) noexcept {
    std::uint8_t bytes[32];
    word.store_be(bytes);
    Address out;
    std::memcpy(out.data(), bytes + 12, 20);
    return out;
}

/// An address as a word.
[[nodiscard]] inline Uint256 to_word(const Address& addr) noexcept {
    std::uint8_t bytes[32] = {};
    std::memcpy(bytes + 12, addr.data(), 20);
    return Uint256::load_be(bytes);
}

/// A hash as a word.
[[nodiscard]] inline Uint256 to_word(const Hash& hash) noexcept {
    return Uint256::load_be(hash.data());
}

/// A word as a hash.
[[nodiscard]] inline Hash to_hash(const Uint256& word) noexcept {
    Hash out;
    word.store_be(out.data());
    return out;
}

}  // namespace yunlian::evm
