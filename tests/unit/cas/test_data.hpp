#pragma once
// Deterministic test bytes for the cas tests.

#include <cstdint>

#include "common/bytes.hpp"

namespace yunlian::cas::testing {

/// `size` pseudo-random bytes from a seeded xorshift32, the same on every run.
inline Bytes seeded_bytes(std::size_t size, std::uint32_t seed) {
    Bytes out(size);
    std::uint32_t x = seed == 0 ? 1 : seed;
    for (auto& byte : out) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        byte = static_cast<std::uint8_t>(x);
    }
    return out;
}

}  // namespace yunlian::cas::testing
