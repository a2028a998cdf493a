#pragma once
// The BLS12-381 extension tower where pairings take values: Fp6 = Fp2[v] / (v^3 - xi) with
// xi = 1 + u, and Fp12 = Fp6[w] / (w^2 - v), so w^6 = xi (draft-irtf-cfrg-pairing-friendly-
// curves-11, section 4.2.1).

#include <cstdint>
#include <span>

#include "crypto/bls12_381_field.hpp"

namespace yunlian::crypto::bls12_381 {

/// An element c0 + c1 v + c2 v^2 of Fp6.
struct Fp6 {
    Fp2 c0;
    Fp2 c1;
    Fp2 c2;

    [[nodiscard]] static constexpr Fp6 zero() noexcept { return {}; }
    [[nodiscard]] static Fp6 one() noexcept { return {Fp2::one(), Fp2::zero(), Fp2::zero()}; }

    friend Fp6 operator+(const Fp6& a, const Fp6& b) noexcept {
        return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
    }
    friend Fp6 operator-(const Fp6& a, const Fp6& b) noexcept {
        return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
    }
    friend Fp6 operator-(const Fp6& a) noexcept { return {-a.c0, -a.c1, -a.c2}; }
    friend Fp6 operator*(const Fp6& a, const Fp6& b) noexcept;
    friend bool operator==(const Fp6& a, const Fp6& b) noexcept = default;

    /// Multiplication by v: (a0, a1, a2) v = (xi a2, a0, a1).
    [[nodiscard]] Fp6 mul_by_v() const noexcept { return {c2.mul_by_xi(), c0, c1}; }
    /// The inverse; zero maps to zero.
    [[nodiscard]] Fp6 inverse() const noexcept;
};

/// An element c0 + c1 w of Fp12.
struct Fp12 {
    Fp6 c0;
    Fp6 c1;

    [[nodiscard]] static Fp12 one() noexcept { return {Fp6::one(), Fp6::zero()}; }

    friend Fp12 operator*(const Fp12& a, const Fp12& b) noexcept;
    friend bool operator==(const Fp12& a, const Fp12& b) noexcept = default;

    [[nodiscard]] Fp12 square() const noexcept;
    /// x -> x^(p^6), which maps w to -w. On the unitary elements left after the easy part of
    /// the final exponentiation it is also the inverse.
    [[nodiscard]] Fp12 conjugate() const noexcept { return {c0, -c1}; }
    /// The inverse; zero maps to zero.
    [[nodiscard]] Fp12 inverse() const noexcept;
    /// The product with a sparse element (a + b v) + (c v) w, the shape of a Miller-loop line:
    /// 13 Fp2 products instead of 18.
    [[nodiscard]] Fp12 mul_by_line(const Fp2& a, const Fp2& b, const Fp2& c) const noexcept;
    /// The square of an element of the cyclotomic subgroup (norm 1 over Fp6 and Fp4, as every
    /// value after the easy part of the final exponentiation is); wrong for other elements.
    [[nodiscard]] Fp12 cyclotomic_square() const noexcept;
    /// The Frobenius map x -> x^p.
    [[nodiscard]] Fp12 frobenius() const noexcept;
    /// a^e for a public exponent given as little-endian limbs.
    [[nodiscard]] Fp12 pow(std::span<const std::uint64_t> exponent) const noexcept;
};

}  // namespace yunlian::crypto::bls12_381
