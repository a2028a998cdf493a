#pragma once
// The base field Fp of BLS12-381 (a 381-bit prime, six 64-bit limbs) and its quadratic extension
// Fp2 = Fp[u] / (u^2 + 1). Elements are kept in Montgomery form (x * 2^384 mod p) so a product
// costs one 6x6-limb multiply with interleaved reduction (the CIOS loop of Koc, Acar and
// Kaliski, 1996). Parameters: draft-irtf-cfrg-pairing-friendly-curves-11, section 4.2.1.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "common/bytes.hpp"

namespace yunlian::crypto::bls12_381 {

/// Six little-endian 64-bit limbs.
using Limbs = std::array<std::uint64_t, 6>;

/// The field modulus p.
inline constexpr Limbs kModulus = {0xb9feffffffffaaabULL, 0x1eabfffeb153ffffULL,
                                   0x6730d2a0f6b0f624ULL, 0x64774b84f38512bfULL,
                                   0x4b1ba7b6434bacd7ULL, 0x1a0111ea397fe69aULL};

namespace detail {
__extension__ using Uint128 = unsigned __int128;

/// -p^-1 mod 2^64, the per-limb Montgomery reduction factor.
inline constexpr std::uint64_t kMontgomeryFactor = 0x89f3fffcfffcfffdULL;
/// 2^384 mod p, the Montgomery form of 1.
inline constexpr Limbs kRadixMod = {0x760900000002fffdULL, 0xebf4000bc40c0002ULL,
                                    0x5f48985753c758baULL, 0x77ce585370525745ULL,
                                    0x5c071a97a256ec6dULL, 0x15f65ec3fa80e493ULL};
/// 2^768 mod p, which converts into Montgomery form.
inline constexpr Limbs kRadixSquared = {0xf4df1f341c341746ULL, 0x0a76e6a609d104f1ULL,
                                        0x8de5476c4c95b6d5ULL, 0x67eb88a9939d83c0ULL,
                                        0x9a793e85b519952dULL, 0x11988fe592cae3aaULL};

/// a - b over six limbs; returns the borrow.
inline bool sub_limbs(const Limbs& a, const Limbs& b, Limbs& out) noexcept {
    std::uint64_t borrow = 0;
    for (std::size_t i = 0; i < 6; ++i) {
        const Uint128 d = static_cast<Uint128>(a[i]) - b[i] - borrow;
        out[i] = static_cast<std::uint64_t>(d);
        borrow = static_cast<std::uint64_t>(d >> 127);
    }
    return borrow != 0;
}

/// a + b over six limbs; returns the carry.
inline bool add_limbs(const Limbs& a, const Limbs& b, Limbs& out) noexcept {
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < 6; ++i) {
        const Uint128 s = static_cast<Uint128>(a[i]) + b[i] + carry;
        out[i] = static_cast<std::uint64_t>(s);
        carry = static_cast<std::uint64_t>(s >> 64);
    }
    return carry != 0;
}

/// x mod p for x < 2p.
inline Limbs reduce_once(const Limbs& x) noexcept {
    Limbs reduced;
    const bool below_p = sub_limbs(x, kModulus, reduced);
    return below_p ? x : reduced;
}

/// a * b * 2^-384 mod p for a, b < p: CIOS with the "no-carry" shortcut (the gnark-crypto
/// team's note "Faster big-integer modular multiplication for most moduli", 2020): as the top
/// limb of p is below 2^63 - 1, the running sum never needs a seventh or eighth limb, so the
/// product and the reduction share one pass per limb. The result is below 2p; one conditional
/// subtraction brings it below p.
inline Limbs montgomery_mul(const Limbs& a, const Limbs& b) noexcept {
    static_assert(kModulus[5] < 0x7fffffffffffffffULL, "the no-carry product needs a spare bit");
    std::uint64_t t[6] = {};
    for (std::size_t i = 0; i < 6; ++i) {
        Uint128 s = static_cast<Uint128>(a[0]) * b[i] + t[0];
        std::uint64_t carry_ab = static_cast<std::uint64_t>(s >> 64);
        const std::uint64_t t0 = static_cast<std::uint64_t>(s);
        const std::uint64_t m = t0 * kMontgomeryFactor;
        s = static_cast<Uint128>(m) * kModulus[0] + t0;
        std::uint64_t carry_mp = static_cast<std::uint64_t>(s >> 64);
        for (std::size_t j = 1; j < 6; ++j) {
            s = static_cast<Uint128>(a[j]) * b[i] + t[j] + carry_ab;
            carry_ab = static_cast<std::uint64_t>(s >> 64);
            s = static_cast<Uint128>(m) * kModulus[j] + static_cast<std::uint64_t>(s) + carry_mp;
            carry_mp = static_cast<std::uint64_t>(s >> 64);
            t[j - 1] = static_cast<std::uint64_t>(s);
        }
        t[5] = carry_ab + carry_mp;
    }
    return reduce_once({t[0], t[1], t[2], t[3], t[4], t[5]});
}

}  // namespace detail

/// An element of Fp in Montgomery form.
class Fp {
  public:
    constexpr Fp() noexcept = default;

    [[nodiscard]] static constexpr Fp zero() noexcept { return Fp{}; }
    [[nodiscard]] static Fp one() noexcept;
    /// The element with canonical value `x`, or nothing when x >= p.
    [[nodiscard]] static std::optional<Fp> from_canonical(const Limbs& x) noexcept;
    /// The element with the small canonical value `x`.
    [[nodiscard]] static Fp from_u64(std::uint64_t x) noexcept;
    /// Reads 48 big-endian bytes; nothing when the value is not below p.
    [[nodiscard]] static std::optional<Fp> from_bytes_be(BytesView bytes48) noexcept;

    /// The canonical value in [0, p).
    [[nodiscard]] Limbs to_canonical() const noexcept;
    /// Writes the canonical value as 48 big-endian bytes.
    void to_bytes_be(std::span<std::uint8_t, 48> out) const noexcept;

    [[nodiscard]] bool is_zero() const noexcept;
    /// Whether the canonical value exceeds (p - 1) / 2: the "sign" of the ZCash encoding.
    [[nodiscard]] bool is_lexicographically_largest() const noexcept;

    friend Fp operator+(const Fp& a, const Fp& b) noexcept {
        // Both are below p < 2^382, so the sum cannot carry out of six limbs.
        Fp out;
        detail::add_limbs(a.m_mont, b.m_mont, out.m_mont);
        out.m_mont = detail::reduce_once(out.m_mont);
        return out;
    }
    friend Fp operator-(const Fp& a, const Fp& b) noexcept {
        Fp out;
        if (detail::sub_limbs(a.m_mont, b.m_mont, out.m_mont)) {
            detail::add_limbs(out.m_mont, kModulus, out.m_mont);
        }
        return out;
    }
    friend Fp operator-(const Fp& a) noexcept { return Fp{} - a; }
    friend Fp operator*(const Fp& a, const Fp& b) noexcept {
        Fp out;
        out.m_mont = detail::montgomery_mul(a.m_mont, b.m_mont);
        return out;
    }
    friend bool operator==(const Fp& a, const Fp& b) noexcept = default;

    [[nodiscard]] Fp square() const noexcept { return *this * *this; }
    /// a^e for a public exponent given as little-endian limbs.
    [[nodiscard]] Fp pow(std::span<const std::uint64_t> exponent) const noexcept;
    /// a^-1 = a^(p-2) (Fermat); zero maps to zero.
    [[nodiscard]] Fp inverse() const noexcept;
    /// A square root, or nothing when `a` is not a square. As p = 3 mod 4, it is a^((p+1)/4).
    [[nodiscard]] std::optional<Fp> sqrt() const noexcept;

  private:
    Limbs m_mont{};
};

/// An element c0 + c1 * u of Fp2, u^2 = -1.
struct Fp2 {
    Fp c0;
    Fp c1;

    [[nodiscard]] static constexpr Fp2 zero() noexcept { return {}; }
    [[nodiscard]] static Fp2 one() noexcept { return {Fp::one(), Fp::zero()}; }
    [[nodiscard]] bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero(); }

    friend Fp2 operator+(const Fp2& a, const Fp2& b) noexcept { return {a.c0 + b.c0, a.c1 + b.c1}; }
    friend Fp2 operator-(const Fp2& a, const Fp2& b) noexcept { return {a.c0 - b.c0, a.c1 - b.c1}; }
    friend Fp2 operator-(const Fp2& a) noexcept { return {-a.c0, -a.c1}; }
    /// Karatsuba: three base-field products instead of four.
    friend Fp2 operator*(const Fp2& a, const Fp2& b) noexcept {
        const Fp t0 = a.c0 * b.c0;
        const Fp t1 = a.c1 * b.c1;
        return {t0 - t1, (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
    }
    friend Fp2 operator*(const Fp2& a, const Fp& s) noexcept { return {a.c0 * s, a.c1 * s}; }
    friend bool operator==(const Fp2& a, const Fp2& b) noexcept = default;

    /// (a + bu)^2 = (a + b)(a - b) + 2ab u.
    [[nodiscard]] Fp2 square() const noexcept {
        const Fp ab = c0 * c1;
        return {(c0 + c1) * (c0 - c1), ab + ab};
    }
    /// The Frobenius map x -> x^p, which on Fp2 is conjugation.
    [[nodiscard]] Fp2 conjugate() const noexcept { return {c0, -c1}; }
    /// Multiplication by xi = 1 + u, the non-residue that defines Fp6 and the twist.
    [[nodiscard]] Fp2 mul_by_xi() const noexcept { return {c0 - c1, c0 + c1}; }
    /// (a + bu)^-1 = (a - bu) / (a^2 + b^2); zero maps to zero.
    [[nodiscard]] Fp2 inverse() const noexcept {
        const Fp norm_inv = (c0.square() + c1.square()).inverse();
        return {c0 * norm_inv, -(c1 * norm_inv)};
    }
    /// a^e for a public exponent given as little-endian limbs.
    [[nodiscard]] Fp2 pow(std::span<const std::uint64_t> exponent) const noexcept {
        Fp2 result = one();
        for (std::size_t limb = exponent.size(); limb-- > 0;) {
            for (unsigned bit = 64; bit-- > 0;) {
                result = result.square();
                if (((exponent[limb] >> bit) & 1) != 0) result = result * *this;
            }
        }
        return result;
    }
    /// A square root, or nothing when `a` is not a square in Fp2.
    [[nodiscard]] std::optional<Fp2> sqrt() const noexcept;
    /// The ZCash sign of an Fp2 element: c1's sign, or c0's when c1 is zero.
    [[nodiscard]] bool is_lexicographically_largest() const noexcept;
};

}  // namespace yunlian::crypto::bls12_381
