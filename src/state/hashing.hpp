#pragma once
// Hash functors for the overlay's hot maps. FixedBytesHasher reads only the first 8 bytes, which
// are all zero for small storage slots (0, 1, 2...) and precompile addresses; these mix every
// byte. Only lookups use them: nothing that decides a result iterates a hashed container.

#include <cstddef>
#include <cstdint>

#include "common/bytes.hpp"
#include "common/endian.hpp"

namespace yunlian::state {

/// Mixes all N bytes (a splitmix64-style finaliser per 8-byte word).
struct WordHasher {
    template <std::size_t N>
    std::size_t operator()(const FixedBytes<N>& b) const noexcept {
        std::uint64_t h = 0x9e3779b97f4a7c15ULL;
        std::size_t i = 0;
        for (; i + 8 <= N; i += 8) h = mix(h ^ load_le64(b.data() + i));
        if (i < N) {
            std::uint64_t tail = 0;
            std::memcpy(&tail, b.data() + i, N - i);
            h = mix(h ^ tail);
        }
        return static_cast<std::size_t>(h);
    }

    static constexpr std::uint64_t mix(std::uint64_t x) noexcept {
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }
};

/// A storage slot of an account, as transient storage and warm slots key it.
struct SlotRef {
    Address address;
    Hash slot;
    friend bool operator==(const SlotRef&, const SlotRef&) = default;
};

struct SlotRefHasher {
    std::size_t operator()(const SlotRef& ref) const noexcept {
        return WordHasher{}(ref.slot) ^ (WordHasher{}(ref.address) * 31);
    }
};

}  // namespace yunlian::state
