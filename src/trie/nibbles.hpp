#pragma once
// Nibble paths and their hex-prefix encoding (Yellow Paper appendix C). A path is held as one
// nibble (0..15) per byte, which keeps the trie code free of shifts.

#include <cstddef>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "trie/error.hpp"

namespace yunlian::trie {

/// The nibble at index `i` of `key` (high nibble first).
[[nodiscard]] constexpr std::uint8_t nibble_at(BytesView key, std::size_t i) noexcept {
    const std::uint8_t b = key[i / 2];
    return (i % 2 == 0) ? static_cast<std::uint8_t>(b >> 4) : static_cast<std::uint8_t>(b & 0x0f);
}

/// Splits every byte of `key` into two nibbles.
[[nodiscard]] Bytes to_nibbles(BytesView key);

/// Length of the common prefix of two nibble paths.
[[nodiscard]] std::size_t common_prefix(BytesView a, BytesView b) noexcept;

/// HP(path, leaf): the flag nibble (2 for a leaf, +1 for an odd length), padding, then nibbles.
[[nodiscard]] Bytes hex_prefix_encode(BytesView nibbles, bool leaf);

/// A decoded hex-prefix path.
struct HexPrefixPath {
    Bytes nibbles;
    bool leaf = false;
};

/// Inverse of hex_prefix_encode; strict: flags above 3 and non-zero padding are rejected.
[[nodiscard]] Result<HexPrefixPath, TrieError> hex_prefix_decode(BytesView encoded);

}  // namespace yunlian::trie
