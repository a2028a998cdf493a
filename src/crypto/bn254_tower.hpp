#pragma once
// The extension tower of the BN254 pairing (EIP-197): Fp6 = Fp2[v] / (v^3 - xi) and
// Fp12 = Fp6[w] / (w^2 - v), with xi = 9 + i. The pairing's values live in Fp12.

#include "crypto/bn254_field.hpp"

namespace yunlian::crypto::bn254 {

/// c0 + c1 v + c2 v^2, v^3 = xi.
struct Fp6 {
    Fp2 c0;
    Fp2 c1;
    Fp2 c2;

    [[nodiscard]] static Fp6 one() noexcept { return {Fp2::one(), Fp2::zero(), Fp2::zero()}; }
    friend bool operator==(const Fp6& a, const Fp6& b) noexcept = default;
};

/// c0 + c1 w, w^2 = v. In the basis of powers of w, c0 holds w^0, w^2, w^4 and c1 holds w^1,
/// w^3, w^5.
struct Fp12 {
    Fp6 c0;
    Fp6 c1;

    [[nodiscard]] static Fp12 one() noexcept { return {Fp6::one(), Fp6{}}; }
    friend bool operator==(const Fp12& a, const Fp12& b) noexcept = default;
};

[[nodiscard]] Fp6 operator+(const Fp6& a, const Fp6& b) noexcept;
[[nodiscard]] Fp6 operator-(const Fp6& a, const Fp6& b) noexcept;
[[nodiscard]] Fp6 operator-(const Fp6& a) noexcept;
[[nodiscard]] Fp6 operator*(const Fp6& a, const Fp6& b) noexcept;
/// a * v: shifts the coefficients up, the top one wrapping around times xi.
[[nodiscard]] Fp6 mul_by_v(const Fp6& a) noexcept;
[[nodiscard]] Fp6 inverse(const Fp6& a) noexcept;

[[nodiscard]] Fp12 operator*(const Fp12& a, const Fp12& b) noexcept;
[[nodiscard]] Fp12 square(const Fp12& a) noexcept;
/// a^2 for a in the cyclotomic subgroup (a^(p^4 - p^2 + 1) = 1, as after the final
/// exponentiation's easy part); wrong for other values. About half the cost of square().
[[nodiscard]] Fp12 cyclotomic_square(const Fp12& a) noexcept;
/// a^-1; zero maps to zero.
[[nodiscard]] Fp12 inverse(const Fp12& a) noexcept;
/// a^(p^6), which negates the w-odd half (w^(p^6) = -w).
[[nodiscard]] Fp12 conjugate(const Fp12& a) noexcept;
/// a^p.
[[nodiscard]] Fp12 frobenius(const Fp12& a) noexcept;
/// a * (s0 + s1 w + s3 w^3): the shape of a line function's value once untwisted, which costs
/// about half a full product.
[[nodiscard]] Fp12 mul_by_line(const Fp12& a, const Fp2& s0, const Fp2& s1, const Fp2& s3) noexcept;

/// xi^(k (p - 1) / 6) for k in [0, 5]: since w^6 = xi, (w^k)^p = w^k * xi^(k (p - 1) / 6).
[[nodiscard]] const Fp2& frobenius_coefficient(unsigned k) noexcept;

}  // namespace yunlian::crypto::bn254
