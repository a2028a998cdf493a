#pragma once
// The base field Fp of the alt_bn128 (BN254) curve of EIP-196/197 and its quadratic extension
// Fp2 = Fp[i] / (i^2 + 1). Elements are kept in Montgomery form (x * 2^256 mod p) so that a
// product costs one 4x4-limb multiply and one reduction (Montgomery, "Modular multiplication
// without trial division", 1985; the CIOS loop of Koc, Acar and Kaliski, 1996). Everything is
// constexpr so that the tower's Frobenius constants are computed by the compiler.

#include <cstdint>

#include "common/uint256.hpp"

namespace yunlian::crypto::bn254 {

/// The field modulus p (EIP-196).
inline constexpr Uint256 kFieldModulus = Uint256::from_limbs(
    0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL);
static_assert(kFieldModulus.limbs[3] < (1ULL << 62), "the lazy carry handling needs p < 2^254");
/// The group order r of G1 and G2 (EIP-197).
inline constexpr Uint256 kGroupOrder = Uint256::from_limbs(
    0x43e1f593f0000001ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL);

namespace detail {
/// -p^-1 mod 2^64, the per-limb reduction factor.
inline constexpr std::uint64_t kMontgomeryFactor = 0x87d20782e4866389ULL;

/// `reduced` when `use_reduced`, else `value`, without a branch: which one is taken depends on
/// the operands, so a branch would mispredict about half the time.
[[nodiscard]] constexpr Uint256 select(bool use_reduced, const Uint256& reduced,
                                       const Uint256& value) noexcept {
    const std::uint64_t mask = 0 - static_cast<std::uint64_t>(use_reduced);
    Uint256 out;
    for (std::size_t i = 0; i < 4; ++i) {
        out.limbs[i] = (reduced.limbs[i] & mask) | (value.limbs[i] & ~mask);
    }
    return out;
}

/// x - p, and whether that borrowed (x < p).
[[nodiscard]] constexpr bool minus_p(const Uint256& x, Uint256& out) noexcept {
    bool borrow = false;
    for (std::size_t i = 0; i < 4; ++i) {
        out.limbs[i] = uint256_detail::sub_borrow(x.limbs[i], kFieldModulus.limbs[i], borrow);
    }
    return borrow;
}

/// (a + b) mod p for a, b < p. As p < 2^254, the sum cannot overflow 256 bits.
[[nodiscard]] constexpr Uint256 add_mod_p(const Uint256& a, const Uint256& b) noexcept {
    const Uint256 sum = a + b;
    Uint256 reduced;
    const bool below_p = minus_p(sum, reduced);
    return select(!below_p, reduced, sum);
}
/// (a - b) mod p for a, b < p.
[[nodiscard]] constexpr Uint256 sub_mod_p(const Uint256& a, const Uint256& b) noexcept {
    Uint256 diff;
    bool borrow = false;
    for (std::size_t i = 0; i < 4; ++i) {
        diff.limbs[i] = uint256_detail::sub_borrow(a.limbs[i], b.limbs[i], borrow);
    }
    return select(borrow, diff + kFieldModulus, diff);
}

/// a * b * 2^-256 mod p for a, b < p.
[[nodiscard]] constexpr Uint256 montgomery_mul(const Uint256& a, const Uint256& b) noexcept {
    using uint256_detail::Uint128;
    std::uint64_t t[6] = {};
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            const Uint128 s = static_cast<Uint128>(a.limbs[i]) * b.limbs[j] + t[j] + carry;
            t[j] = static_cast<std::uint64_t>(s);
            carry = static_cast<std::uint64_t>(s >> 64);
        }
        Uint128 s = static_cast<Uint128>(t[4]) + carry;
        t[4] = static_cast<std::uint64_t>(s);
        t[5] = static_cast<std::uint64_t>(s >> 64);

        // Add m * p so that the lowest limb becomes zero, then drop that limb.
        const std::uint64_t m = t[0] * kMontgomeryFactor;
        s = static_cast<Uint128>(m) * kFieldModulus.limbs[0] + t[0];
        carry = static_cast<std::uint64_t>(s >> 64);
        for (std::size_t j = 1; j < 4; ++j) {
            s = static_cast<Uint128>(m) * kFieldModulus.limbs[j] + t[j] + carry;
            t[j - 1] = static_cast<std::uint64_t>(s);
            carry = static_cast<std::uint64_t>(s >> 64);
        }
        s = static_cast<Uint128>(t[4]) + carry;
        t[3] = static_cast<std::uint64_t>(s);
        t[4] = t[5] + static_cast<std::uint64_t>(s >> 64);
    }
    // The result is below 2p < 2^255 (so t[4] is zero); one conditional subtraction brings it
    // below p.
    const Uint256 result = Uint256::from_limbs(t[0], t[1], t[2], t[3]);
    Uint256 reduced;
    const bool below_p = minus_p(result, reduced);
    return select(!below_p, reduced, result);
}

/// 2^k mod p by doubling, for the Montgomery radix constants.
[[nodiscard]] constexpr Uint256 power_of_two_mod_p(unsigned k) noexcept {
    Uint256 x{1};
    for (unsigned i = 0; i < k; ++i) x = add_mod_p(x, x);
    return x;
}
inline constexpr Uint256 kRadixMod = power_of_two_mod_p(256);      // R mod p, Montgomery 1
inline constexpr Uint256 kRadixSquared = power_of_two_mod_p(512);  // R^2 mod p
}  // namespace detail

/// An element of Fp in Montgomery form.
struct Fp {
    Uint256 mont;  ///< x * 2^256 mod p

    /// The element with canonical value `x` (which must be below p).
    [[nodiscard]] static constexpr Fp from_canonical(const Uint256& x) noexcept {
        return Fp{detail::montgomery_mul(x, detail::kRadixSquared)};
    }
    [[nodiscard]] static constexpr Fp zero() noexcept { return Fp{}; }
    [[nodiscard]] static constexpr Fp one() noexcept { return Fp{detail::kRadixMod}; }
    /// The canonical value in [0, p).
    [[nodiscard]] constexpr Uint256 to_canonical() const noexcept {
        return detail::montgomery_mul(mont, Uint256{1});
    }
    [[nodiscard]] constexpr bool is_zero() const noexcept { return mont.is_zero(); }

    friend constexpr Fp operator+(const Fp& a, const Fp& b) noexcept {
        return Fp{detail::add_mod_p(a.mont, b.mont)};
    }
    friend constexpr Fp operator-(const Fp& a, const Fp& b) noexcept {
        return Fp{detail::sub_mod_p(a.mont, b.mont)};
    }
    friend constexpr Fp operator-(const Fp& a) noexcept { return Fp{} - a; }
    friend constexpr Fp operator*(const Fp& a, const Fp& b) noexcept {
        return Fp{detail::montgomery_mul(a.mont, b.mont)};
    }
    friend constexpr bool operator==(const Fp& a, const Fp& b) noexcept = default;

    /// a^e by square-and-multiply (the exponent is public: used for constants and inversion).
    [[nodiscard]] constexpr Fp pow(const Uint256& e) const noexcept {
        Fp result = one();
        for (unsigned i = bit_width(e); i-- > 0;) {
            result = result * result;
            if (((e >> i).low_u64() & 1) != 0) result = result * *this;
        }
        return result;
    }
    /// a^-1 = a^(p-2) (Fermat); zero maps to zero.
    [[nodiscard]] constexpr Fp inverse() const noexcept { return pow(kFieldModulus - 2); }
};

/// An element c0 + c1 * i of Fp2, i^2 = -1.
struct Fp2 {
    Fp c0;
    Fp c1;

    [[nodiscard]] static constexpr Fp2 zero() noexcept { return {}; }
    [[nodiscard]] static constexpr Fp2 one() noexcept { return {Fp::one(), Fp::zero()}; }
    [[nodiscard]] constexpr bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero(); }

    friend constexpr Fp2 operator+(const Fp2& a, const Fp2& b) noexcept {
        return {a.c0 + b.c0, a.c1 + b.c1};
    }
    friend constexpr Fp2 operator-(const Fp2& a, const Fp2& b) noexcept {
        return {a.c0 - b.c0, a.c1 - b.c1};
    }
    friend constexpr Fp2 operator-(const Fp2& a) noexcept { return {-a.c0, -a.c1}; }
    /// Karatsuba: three base-field products instead of four.
    friend constexpr Fp2 operator*(const Fp2& a, const Fp2& b) noexcept {
        const Fp t0 = a.c0 * b.c0;
        const Fp t1 = a.c1 * b.c1;
        return {t0 - t1, (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
    }
    friend constexpr Fp2 operator*(const Fp2& a, const Fp& s) noexcept {
        return {a.c0 * s, a.c1 * s};
    }
    friend constexpr bool operator==(const Fp2& a, const Fp2& b) noexcept = default;

    /// (a + bi)^2 = (a + b)(a - b) + 2ab i.
    [[nodiscard]] constexpr Fp2 square() const noexcept {
        const Fp ab = c0 * c1;
        return {(c0 + c1) * (c0 - c1), ab + ab};
    }
    /// The Frobenius map x -> x^p, which on Fp2 is conjugation.
    [[nodiscard]] constexpr Fp2 conjugate() const noexcept { return {c0, -c1}; }
    /// Multiplication by xi = 9 + i, the non-residue that defines Fp6 and the twist.
    [[nodiscard]] constexpr Fp2 mul_by_xi() const noexcept {
        const Fp two = c0 + c0;
        const Fp eight = (two + two) + (two + two);
        const Fp nine_c0 = eight + c0;
        const Fp two1 = c1 + c1;
        const Fp eight1 = (two1 + two1) + (two1 + two1);
        const Fp nine_c1 = eight1 + c1;
        return {nine_c0 - c1, c0 + nine_c1};
    }
    /// (a + bi)^-1 = (a - bi) / (a^2 + b^2); zero maps to zero.
    [[nodiscard]] constexpr Fp2 inverse() const noexcept {
        const Fp norm_inv = (c0 * c0 + c1 * c1).inverse();
        return {c0 * norm_inv, -(c1 * norm_inv)};
    }
    /// a^e by square-and-multiply over a 256-bit public exponent.
    [[nodiscard]] constexpr Fp2 pow(const Uint256& e) const noexcept {
        Fp2 result = one();
        for (unsigned i = bit_width(e); i-- > 0;) {
            result = result.square();
            if (((e >> i).low_u64() & 1) != 0) result = result * *this;
        }
        return result;
    }
};

}  // namespace yunlian::crypto::bn254
