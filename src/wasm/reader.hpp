#pragma once
// A bounds-checked cursor over module bytes with the LEB128 reads of the binary format
// (spec 5.2.2). Every read checks the remaining length first, so hostile input can never read out
// of bounds.

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "wasm/error.hpp"

namespace yunlian::wasm {

/// Reads the primitive encodings of the binary format from a byte view.
class Reader {
  public:
    explicit Reader(BytesView bytes) noexcept : m_bytes(bytes) {}

    [[nodiscard]] std::size_t pos() const noexcept { return m_pos; }
    [[nodiscard]] std::size_t remaining() const noexcept { return m_bytes.size() - m_pos; }
    [[nodiscard]] bool at_end() const noexcept { return m_pos == m_bytes.size(); }
    [[nodiscard]] BytesView bytes() const noexcept { return m_bytes; }

    /// One byte.
    Result<std::uint8_t, Error> u8() noexcept {
        if (m_pos >= m_bytes.size()) return Unexpected(Error::kUnexpectedEnd);
        return m_bytes[m_pos++];
    }
    /// `n` raw bytes.
    Result<BytesView, Error> take(std::size_t n) noexcept {
        if (n > remaining()) return Unexpected(Error::kUnexpectedEnd);
        BytesView out = m_bytes.subspan(m_pos, n);
        m_pos += n;
        return out;
    }
    /// An unsigned LEB128 of at most `bits` bits (u32 or u64).
    Result<std::uint64_t, Error> uleb(unsigned bits) noexcept {
        std::uint64_t result = 0;
        unsigned shift = 0;
        const unsigned max_bytes = (bits + 6) / 7;
        for (unsigned i = 0;; ++i) {
            if (i >= max_bytes) return Unexpected(Error::kIntegerTooLong);
            auto byte = u8();
            if (!byte) return Unexpected(byte.error());
            const std::uint64_t low = *byte & 0x7fU;
            if (i == max_bytes - 1) {
                // The last byte may only carry the bits that remain (spec 5.2.2: unused bits zero).
                const unsigned used = bits - shift;
                if ((*byte & 0x80U) != 0) return Unexpected(Error::kIntegerTooLong);
                if (used < 7 && (low >> used) != 0) return Unexpected(Error::kIntegerTooLarge);
            }
            result |= low << shift;
            if ((*byte & 0x80U) == 0) return result;
            shift += 7;
        }
    }
    /// A signed LEB128 of at most `bits` bits (s32, s33 or s64), sign-extended to 64 bits.
    Result<std::int64_t, Error> sleb(unsigned bits) noexcept {
        std::uint64_t result = 0;
        unsigned shift = 0;
        const unsigned max_bytes = (bits + 6) / 7;
        for (unsigned i = 0;; ++i) {
            if (i >= max_bytes) return Unexpected(Error::kIntegerTooLong);
            auto byte = u8();
            if (!byte) return Unexpected(byte.error());
            const std::uint64_t low = *byte & 0x7fU;
            if (i == max_bytes - 1) {
                if ((*byte & 0x80U) != 0) return Unexpected(Error::kIntegerTooLong);
                // The unused high bits must all equal the sign bit (spec 5.2.2).
                const unsigned used = bits - shift;
                if (used < 7) {
                    const std::uint64_t sign_and_rest = low >> (used - 1);
                    const std::uint64_t all_ones = (1U << (8 - used)) - 1;
                    if (sign_and_rest != 0 && sign_and_rest != all_ones)
                        return Unexpected(Error::kIntegerTooLarge);
                }
            }
            result |= low << shift;
            shift += 7;
            if ((*byte & 0x80U) == 0) {
                if (shift < 64 && (low & 0x40U) != 0) result |= ~std::uint64_t{0} << shift;
                return static_cast<std::int64_t>(result);
            }
        }
    }
    Result<std::uint32_t, Error> u32() noexcept {
        auto v = uleb(32);
        if (!v) return Unexpected(v.error());
        return static_cast<std::uint32_t>(*v);
    }
    /// A vector length that must be plausible: each element takes at least `min_size` bytes.
    Result<std::uint32_t, Error> count(std::size_t min_size = 1) noexcept {
        auto v = u32();
        if (!v) return v;
        if (static_cast<std::size_t>(*v) * min_size > remaining())
            return Unexpected(Error::kUnexpectedEnd);
        return v;
    }
    /// A name: a length-prefixed UTF-8 string (spec 5.2.4), checked for well-formedness.
    Result<std::string, Error> name() noexcept;

  private:
    BytesView m_bytes;
    std::size_t m_pos = 0;
};

/// Whether `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
[[nodiscard]] bool is_valid_utf8(BytesView bytes) noexcept;

}  // namespace yunlian::wasm
