#pragma once
// A 256-bit unsigned integer, the EVM's word. Arithmetic wraps modulo 2^256 and division by zero
// gives zero, as the Yellow Paper (appendix H.2) defines for DIV, MOD, ADDMOD and MULMOD. The cheap
// operations (add, compare, shift, multiply) are constexpr and inline here; division and what
// builds on it live in uint256.cpp.

#include <array>
#include <bit>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian {

namespace uint256_detail {
__extension__ using Uint128 = unsigned __int128;

/// a + b + carry_in, with the carry out written back to `carry`.
[[nodiscard]] constexpr std::uint64_t add_carry(std::uint64_t a, std::uint64_t b,
                                                bool& carry) noexcept {
    std::uint64_t sum = 0;
    const bool c1 = __builtin_add_overflow(a, b, &sum);
    const bool c2 = __builtin_add_overflow(sum, static_cast<std::uint64_t>(carry), &sum);
    carry = c1 || c2;
    return sum;
}

/// a - b - borrow_in, with the borrow out written back to `borrow`.
[[nodiscard]] constexpr std::uint64_t sub_borrow(std::uint64_t a, std::uint64_t b,
                                                 bool& borrow) noexcept {
    std::uint64_t diff = 0;
    const bool b1 = __builtin_sub_overflow(a, b, &diff);
    const bool b2 = __builtin_sub_overflow(diff, static_cast<std::uint64_t>(borrow), &diff);
    borrow = b1 || b2;
    return diff;
}
}  // namespace uint256_detail

/// Why a decimal or hex string is not a 256-bit unsigned integer.
enum class Uint256Error {
    kEmpty,         ///< no digits at all ("" or "0x")
    kInvalidDigit,  ///< a character that is not a digit of the base
    kOverflow,      ///< the value is 2^256 or more
};

/// A message for a person.
[[nodiscard]] std::string_view to_string(Uint256Error error) noexcept;

/// A 256-bit unsigned integer as four 64-bit limbs, limb 0 least significant. Never allocates.
struct Uint256 {
    std::array<std::uint64_t, 4> limbs{};

    constexpr Uint256() = default;
    /// Implicit, so that small constants mix freely with 256-bit values.
    constexpr Uint256(std::uint64_t v) noexcept  // NOLINT(google-explicit-constructor)
        : limbs{v, 0, 0, 0} {}

    /// Builds from limbs, least significant first.
    [[nodiscard]] static constexpr Uint256 from_limbs(std::uint64_t l0, std::uint64_t l1,
                                                      std::uint64_t l2, std::uint64_t l3) noexcept {
        Uint256 r;
        r.limbs = {l0, l1, l2, l3};
        return r;
    }
    /// 2^256 - 1.
    [[nodiscard]] static constexpr Uint256 max() noexcept {
        return from_limbs(~0ULL, ~0ULL, ~0ULL, ~0ULL);
    }

    [[nodiscard]] constexpr bool is_zero() const noexcept {
        return (limbs[0] | limbs[1] | limbs[2] | limbs[3]) == 0;
    }
    /// Whether the value is below 2^64, so that low_u64() loses nothing.
    [[nodiscard]] constexpr bool fits_u64() const noexcept {
        return (limbs[1] | limbs[2] | limbs[3]) == 0;
    }
    /// The least significant 64 bits (limb 0).
    [[nodiscard]] constexpr std::uint64_t low_u64() const noexcept { return limbs[0]; }
    constexpr explicit operator bool() const noexcept { return !is_zero(); }

    /// Big-endian bytes, right-aligned: up to 32 bytes are the low bytes of the value. A longer
    /// input keeps only its last 32 bytes (the value modulo 2^256), as an EVM word load would.
    [[nodiscard]] static Uint256 from_be_bytes(BytesView bytes) noexcept;
    /// Reads exactly 32 big-endian bytes at `p32`.
    [[nodiscard]] static Uint256 load_be(const std::uint8_t* p32) noexcept;
    /// Writes exactly 32 big-endian bytes at `out32`.
    void store_be(std::uint8_t* out32) const noexcept;
    /// The 32-byte big-endian form.
    [[nodiscard]] FixedBytes<32> to_be_bytes() const noexcept;
    /// The minimal big-endian form: no leading zero bytes, empty for zero (as RLP wants it).
    [[nodiscard]] Bytes to_be_bytes_trimmed() const;
    /// Decimal digits.
    [[nodiscard]] std::string to_string() const;
    /// "0x" and minimal lower-case hex digits; "0x0" for zero (the JSON-RPC quantity form).
    [[nodiscard]] std::string to_hex() const;
    /// Parses decimal digits, or hex digits after "0x"/"0X". Leading zeros are allowed.
    [[nodiscard]] static Result<Uint256, Uint256Error> from_string(std::string_view text) noexcept;

    friend constexpr bool operator==(const Uint256& a, const Uint256& b) noexcept {
        return ((a.limbs[0] ^ b.limbs[0]) | (a.limbs[1] ^ b.limbs[1]) | (a.limbs[2] ^ b.limbs[2]) |
                (a.limbs[3] ^ b.limbs[3])) == 0;
    }
    friend constexpr std::strong_ordering operator<=>(const Uint256& a, const Uint256& b) noexcept {
        for (std::size_t i = 4; i-- > 0;) {
            if (a.limbs[i] != b.limbs[i]) return a.limbs[i] <=> b.limbs[i];
        }
        return std::strong_ordering::equal;
    }

    friend constexpr Uint256 operator+(const Uint256& a, const Uint256& b) noexcept {
        Uint256 r;
        bool carry = false;
        for (std::size_t i = 0; i < 4; ++i) {
            r.limbs[i] = uint256_detail::add_carry(a.limbs[i], b.limbs[i], carry);
        }
        return r;
    }
    friend constexpr Uint256 operator-(const Uint256& a, const Uint256& b) noexcept {
        Uint256 r;
        bool borrow = false;
        for (std::size_t i = 0; i < 4; ++i) {
            r.limbs[i] = uint256_detail::sub_borrow(a.limbs[i], b.limbs[i], borrow);
        }
        return r;
    }
    /// Two's complement negation: 2^256 - a.
    friend constexpr Uint256 operator-(const Uint256& a) noexcept { return Uint256{} - a; }

    /// The low 256 bits of the product (schoolbook, skipping partial products above 2^256).
    friend constexpr Uint256 operator*(const Uint256& a, const Uint256& b) noexcept {
        using uint256_detail::Uint128;
        Uint256 r;
        for (std::size_t i = 0; i < 4; ++i) {
            std::uint64_t carry = 0;
            for (std::size_t j = 0; i + j < 4; ++j) {
                const Uint128 t =
                    static_cast<Uint128>(a.limbs[i]) * b.limbs[j] + r.limbs[i + j] + carry;
                r.limbs[i + j] = static_cast<std::uint64_t>(t);
                carry = static_cast<std::uint64_t>(t >> 64);
            }
        }
        return r;
    }
    /// Unsigned quotient; zero when b is zero (EVM DIV).
    friend Uint256 operator/(const Uint256& a, const Uint256& b) noexcept;
    /// Unsigned remainder; zero when b is zero (EVM MOD).
    friend Uint256 operator%(const Uint256& a, const Uint256& b) noexcept;

    friend constexpr Uint256 operator&(const Uint256& a, const Uint256& b) noexcept {
        return from_limbs(a.limbs[0] & b.limbs[0], a.limbs[1] & b.limbs[1], a.limbs[2] & b.limbs[2],
                          a.limbs[3] & b.limbs[3]);
    }
    friend constexpr Uint256 operator|(const Uint256& a, const Uint256& b) noexcept {
        return from_limbs(a.limbs[0] | b.limbs[0], a.limbs[1] | b.limbs[1], a.limbs[2] | b.limbs[2],
                          a.limbs[3] | b.limbs[3]);
    }
    friend constexpr Uint256 operator^(const Uint256& a, const Uint256& b) noexcept {
        return from_limbs(a.limbs[0] ^ b.limbs[0], a.limbs[1] ^ b.limbs[1], a.limbs[2] ^ b.limbs[2],
                          a.limbs[3] ^ b.limbs[3]);
    }
    friend constexpr Uint256 operator~(const Uint256& a) noexcept {
        return from_limbs(~a.limbs[0], ~a.limbs[1], ~a.limbs[2], ~a.limbs[3]);
    }

    /// Left shift; a count of 256 or more gives zero (EVM SHL, EIP-145).
    friend constexpr Uint256 operator<<(const Uint256& a, unsigned shift) noexcept {
        if (shift >= 256) return {};
        const unsigned limb_shift = shift / 64;
        const unsigned bit_shift = shift % 64;
        Uint256 r;
        for (unsigned i = limb_shift; i < 4; ++i) {
            r.limbs[i] = a.limbs[i - limb_shift] << bit_shift;
            if (bit_shift != 0 && i > limb_shift) {
                r.limbs[i] |= a.limbs[i - limb_shift - 1] >> (64 - bit_shift);
            }
        }
        return r;
    }
    /// Logical right shift; a count of 256 or more gives zero (EVM SHR, EIP-145).
    friend constexpr Uint256 operator>>(const Uint256& a, unsigned shift) noexcept {
        if (shift >= 256) return {};
        const unsigned limb_shift = shift / 64;
        const unsigned bit_shift = shift % 64;
        Uint256 r;
        for (unsigned i = 0; i + limb_shift < 4; ++i) {
            r.limbs[i] = a.limbs[i + limb_shift] >> bit_shift;
            if (bit_shift != 0 && i + limb_shift + 1 < 4) {
                r.limbs[i] |= a.limbs[i + limb_shift + 1] << (64 - bit_shift);
            }
        }
        return r;
    }
    /// Shift counts of any other integer type: a count that does not fit `unsigned` (or is
    /// negative) is at least 256 and gives zero, instead of silently truncating.
    template <std::integral T>
    requires(!std::same_as<T, unsigned> && !std::same_as<T, bool>) friend constexpr Uint256
    operator<<(const Uint256& a, T shift) noexcept {
        return a << clamp_shift(shift);
    }
    template <std::integral T>
    requires(!std::same_as<T, unsigned> && !std::same_as<T, bool>) friend constexpr Uint256
    operator>>(const Uint256& a, T shift) noexcept {
        return a >> clamp_shift(shift);
    }
    friend constexpr Uint256 operator<<(const Uint256& a, const Uint256& shift) noexcept {
        return a << clamp_shift(shift);
    }
    friend constexpr Uint256 operator>>(const Uint256& a, const Uint256& shift) noexcept {
        return a >> clamp_shift(shift);
    }

    constexpr Uint256& operator+=(const Uint256& b) noexcept { return *this = *this + b; }
    constexpr Uint256& operator-=(const Uint256& b) noexcept { return *this = *this - b; }
    constexpr Uint256& operator*=(const Uint256& b) noexcept { return *this = *this * b; }
    Uint256& operator/=(const Uint256& b) noexcept { return *this = *this / b; }
    Uint256& operator%=(const Uint256& b) noexcept { return *this = *this % b; }
    constexpr Uint256& operator&=(const Uint256& b) noexcept { return *this = *this & b; }
    constexpr Uint256& operator|=(const Uint256& b) noexcept { return *this = *this | b; }
    constexpr Uint256& operator^=(const Uint256& b) noexcept { return *this = *this ^ b; }
    template <typename S>
    constexpr Uint256& operator<<=(const S& shift) noexcept {
        return *this = *this << shift;
    }
    template <typename S>
    constexpr Uint256& operator>>=(const S& shift) noexcept {
        return *this = *this >> shift;
    }
    constexpr Uint256& operator++() noexcept { return *this += Uint256{1}; }
    constexpr Uint256 operator++(int) noexcept {
        const Uint256 old = *this;
        ++*this;
        return old;
    }
    constexpr Uint256& operator--() noexcept { return *this -= Uint256{1}; }
    constexpr Uint256 operator--(int) noexcept {
        const Uint256 old = *this;
        --*this;
        return old;
    }

  private:
    /// Maps any shift count to an `unsigned` in [0, 256], 256 standing for "everything out".
    template <std::integral T>
    [[nodiscard]] static constexpr unsigned clamp_shift(T shift) noexcept {
        if constexpr (std::is_signed_v<T>) {
            if (shift < 0) return 256;
        }
        return static_cast<std::make_unsigned_t<T>>(shift) >= 256 ? 256U
                                                                  : static_cast<unsigned>(shift);
    }
    [[nodiscard]] static constexpr unsigned clamp_shift(const Uint256& shift) noexcept {
        return shift.fits_u64() && shift.limbs[0] < 256 ? static_cast<unsigned>(shift.limbs[0])
                                                        : 256U;
    }
};

static_assert(sizeof(Uint256) == 32);
static_assert(std::is_trivially_copyable_v<Uint256>);

/// Quotient and remainder together; both zero when the divisor is zero.
[[nodiscard]] std::pair<Uint256, Uint256> udivrem(const Uint256& a, const Uint256& b) noexcept;

/// Whether the top bit (the two's complement sign) is set.
[[nodiscard]] constexpr bool is_negative(const Uint256& a) noexcept {
    return (a.limbs[3] >> 63) != 0;
}

/// EVM SDIV: two's complement division rounding toward zero; b = 0 gives 0, and
/// sdiv(-2^255, -1) = -2^255 (the overflow wraps).
[[nodiscard]] Uint256 sdiv(const Uint256& a, const Uint256& b) noexcept;
/// EVM SMOD: two's complement remainder taking the sign of a; b = 0 gives 0.
[[nodiscard]] Uint256 smod(const Uint256& a, const Uint256& b) noexcept;
/// EVM ADDMOD: (a + b) mod m over the full 257-bit sum; m = 0 gives 0.
[[nodiscard]] Uint256 addmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept;
/// EVM MULMOD: (a * b) mod m over the full 512-bit product; m = 0 gives 0.
[[nodiscard]] Uint256 mulmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept;
/// EVM EXP: base^exponent mod 2^256 (0^0 = 1).
[[nodiscard]] Uint256 exp(Uint256 base, const Uint256& exponent) noexcept;

/// EVM SLT: signed a < b.
[[nodiscard]] constexpr bool slt(const Uint256& a, const Uint256& b) noexcept {
    const bool neg_a = is_negative(a);
    const bool neg_b = is_negative(b);
    return neg_a != neg_b ? neg_a : a < b;
}
/// EVM SGT: signed a > b.
[[nodiscard]] constexpr bool sgt(const Uint256& a, const Uint256& b) noexcept { return slt(b, a); }

/// EVM SAR (EIP-145): arithmetic right shift; counts of 256 or more give 0 or -1 by sign.
[[nodiscard]] constexpr Uint256 sar(const Uint256& value, const Uint256& shift) noexcept {
    if (!is_negative(value)) return value >> shift;
    return ~(~value >> shift);
}

/// EVM BYTE: byte `index` of the 32-byte big-endian form (0 = most significant); 0 past 31.
[[nodiscard]] constexpr Uint256 byte_at(const Uint256& value, const Uint256& index) noexcept {
    if (!index.fits_u64() || index.limbs[0] >= 32) return {};
    const auto from_low = 31 - static_cast<unsigned>(index.limbs[0]);
    return (value.limbs[from_low / 8] >> (from_low % 8 * 8)) & 0xff;
}

/// EVM SIGNEXTEND: extends the sign bit of byte `byte_index` (0 = least significant) of `value`
/// through the higher bytes; an index of 31 or more leaves the value unchanged.
[[nodiscard]] constexpr Uint256 signextend(const Uint256& byte_index,
                                           const Uint256& value) noexcept {
    if (!byte_index.fits_u64() || byte_index.limbs[0] >= 31) return value;
    const auto sign_bit = static_cast<unsigned>(byte_index.limbs[0]) * 8 + 7;
    const Uint256 mask = (Uint256{1} << (sign_bit + 1)) - 1;
    const bool negative = ((value >> sign_bit).limbs[0] & 1) != 0;
    return negative ? (value | ~mask) : (value & mask);
}

/// a + b, with the wrapped sum in `out`; true when the true sum is 2^256 or more.
constexpr bool add_overflow(const Uint256& a, const Uint256& b, Uint256& out) noexcept {
    bool carry = false;
    for (std::size_t i = 0; i < 4; ++i) {
        out.limbs[i] = uint256_detail::add_carry(a.limbs[i], b.limbs[i], carry);
    }
    return carry;
}

/// Leading zero bits, 256 for zero.
[[nodiscard]] constexpr unsigned clz(const Uint256& a) noexcept {
    for (std::size_t i = 4; i-- > 0;) {
        if (a.limbs[i] != 0) {
            return static_cast<unsigned>((3 - i) * 64) +
                   static_cast<unsigned>(std::countl_zero(a.limbs[i]));
        }
    }
    return 256;
}
/// Bits needed to write the value, 0 for zero.
[[nodiscard]] constexpr unsigned bit_width(const Uint256& a) noexcept { return 256 - clz(a); }
/// Bytes of the minimal big-endian form, 0 for zero.
[[nodiscard]] constexpr unsigned byte_length(const Uint256& a) noexcept {
    return (bit_width(a) + 7) / 8;
}

}  // namespace yunlian
