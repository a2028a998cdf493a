#pragma once
// Byte strings and fixed-size byte arrays: the vocabulary every part uses for raw data.

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace yunlian {

using Bytes = std::vector<std::uint8_t>;
using BytesView = std::span<const std::uint8_t>;

/// A fixed-size byte array (hashes, addresses, keys), ordered and hashable byte-wise. An aggregate,
/// so constants can be written as brace lists; a default-constructed one is all zeros.
template <std::size_t N>
struct FixedBytes {
    std::array<std::uint8_t, N> bytes{};

    static constexpr std::size_t kSize = N;

    /// Copies exactly N bytes from `view`; the caller guarantees the size.
    static FixedBytes from_view(BytesView view) noexcept {
        FixedBytes out;
        std::memcpy(out.bytes.data(), view.data(), std::min(view.size(), N));
        return out;
    }

    [[nodiscard]] constexpr std::uint8_t* data() noexcept { return bytes.data(); }
    [[nodiscard]] constexpr const std::uint8_t* data() const noexcept { return bytes.data(); }
    [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }
    [[nodiscard]] constexpr BytesView view() const noexcept { return {bytes.data(), N}; }
    [[nodiscard]] constexpr bool is_zero() const noexcept {
        return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
    }
    constexpr std::uint8_t& operator[](std::size_t i) noexcept { return bytes[i]; }
    constexpr std::uint8_t operator[](std::size_t i) const noexcept { return bytes[i]; }
    constexpr auto begin() noexcept { return bytes.begin(); }
    constexpr auto end() noexcept { return bytes.end(); }
    constexpr auto begin() const noexcept { return bytes.begin(); }
    constexpr auto end() const noexcept { return bytes.end(); }

    friend constexpr auto operator<=>(const FixedBytes&, const FixedBytes&) = default;
    friend constexpr bool operator==(const FixedBytes&, const FixedBytes&) = default;
};

/// A 32-byte hash (Keccak-256, SHA-256).
using Hash = FixedBytes<32>;
/// A 20-byte Ethereum account address.
using Address = FixedBytes<20>;

/// Views a string's characters as bytes.
inline BytesView as_bytes(std::string_view s) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

/// Copies a view into an owned byte string.
inline Bytes to_bytes(BytesView view) { return {view.begin(), view.end()}; }

/// Appends `tail` to `out`.
inline void append(Bytes& out, BytesView tail) { out.insert(out.end(), tail.begin(), tail.end()); }

/// Hash functor so FixedBytes can key unordered containers (never used where order matters).
struct FixedBytesHasher {
    template <std::size_t N>
    std::size_t operator()(const FixedBytes<N>& b) const noexcept {
        std::size_t h = 0;
        std::memcpy(&h, b.data(), std::min(sizeof(h), N));
        return h;
    }
};

}  // namespace yunlian
