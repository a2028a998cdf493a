#pragma once
// Big- and little-endian loads and stores of fixed-width integers into byte buffers.

#include <bit>
#include <cstdint>
#include <cstring>

namespace yunlian {

[[nodiscard]] inline std::uint64_t load_be64(const std::uint8_t* p) noexcept {
    std::uint64_t v = 0;
    std::memcpy(&v, p, 8);
    return std::byteswap(v);
}
inline void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
    v = std::byteswap(v);
    std::memcpy(p, &v, 8);
}
[[nodiscard]] inline std::uint64_t load_le64(const std::uint8_t* p) noexcept {
    std::uint64_t v = 0;
    std::memcpy(&v, p, 8);
    return v;
}
inline void store_le64(std::uint8_t* p, std::uint64_t v) noexcept { std::memcpy(p, &v, 8); }
[[nodiscard]] inline std::uint32_t load_le32(const std::uint8_t* p) noexcept {
    std::uint32_t v = 0;
    std::memcpy(&v, p, 4);
    return v;
}
inline void store_le32(std::uint8_t* p, std::uint32_t v) noexcept { std::memcpy(p, &v, 4); }

static_assert(std::endian::native == std::endian::little, "Yunlian targets little-endian hosts");

}  // namespace yunlian
