// Fp6 and Fp12 products and inverses (Karatsuba over the tower; inverses by the norm map).

#include "crypto/bls12_381_tower.hpp"

#include <array>
#include <utility>

namespace yunlian::crypto::bls12_381 {
namespace {

/// (p - 1) / 6.
constexpr std::array<std::uint64_t, 6> kSixthOfModulusMinusOne = {
    0x49aa7ffffffff1c7ULL, 0x051caaaa72e35555ULL, 0xe688231ad3c82906ULL,
    0xe613e1eb7deb831fULL, 0x0c849bf3b5e1f223ULL, 0x045582fc5eeaa66fULL};

/// gamma_i = w^(i (p - 1)) = xi^(i (p - 1) / 6) for i = 0..5: as w^6 = xi, (a w^i)^p =
/// conj(a) w^(i p) = conj(a) gamma_i w^i. Computed once, on first use.
const std::array<Fp2, 6>& frobenius_coefficients() noexcept {
    static const std::array<Fp2, 6> gammas = [] {
        std::array<Fp2, 6> out;
        const Fp2 gamma1 = Fp2{Fp::one(), Fp::one()}.pow(kSixthOfModulusMinusOne);
        out[0] = Fp2::one();
        for (std::size_t i = 1; i < 6; ++i) out[i] = out[i - 1] * gamma1;
        return out;
    }();
    return gammas;
}

/// (a + b s)^2 in Fp4 = Fp2[s] / (s^2 - xi), as (a^2 + xi b^2) + ((a + b)^2 - a^2 - b^2) s.
std::pair<Fp2, Fp2> fp4_square(const Fp2& a, const Fp2& b) noexcept {
    const Fp2 t0 = a.square();
    const Fp2 t1 = b.square();
    return {t1.mul_by_xi() + t0, (a + b).square() - t0 - t1};
}

/// 3 t - 2 z and 3 t + 2 z, the two shapes of Granger-Scott's output coefficients.
Fp2 thrice_minus_twice(const Fp2& t, const Fp2& z) noexcept {
    const Fp2 d = t - z;
    return d + d + t;
}
Fp2 thrice_plus_twice(const Fp2& t, const Fp2& z) noexcept {
    const Fp2 d = t + z;
    return d + d + t;
}

/// x (a + b v): the Fp6 product with the third coefficient zero (five Fp2 products).
Fp6 mul_by_01(const Fp6& x, const Fp2& a, const Fp2& b) noexcept {
    const Fp2 t0 = x.c0 * a;
    const Fp2 t1 = x.c1 * b;
    return {
        t0 + ((x.c1 + x.c2) * b - t1).mul_by_xi(),
        (x.c0 + x.c1) * (a + b) - t0 - t1,
        (x.c0 + x.c2) * a - t0 + t1,
    };
}

/// x (c v) = xi x2 c + x0 c v + x1 c v^2 (three Fp2 products).
Fp6 mul_by_1(const Fp6& x, const Fp2& c) noexcept {
    return {(x.c2 * c).mul_by_xi(), x.c0 * c, x.c1 * c};
}

}  // namespace

Fp6 operator*(const Fp6& a, const Fp6& b) noexcept {
    const Fp2 t0 = a.c0 * b.c0;
    const Fp2 t1 = a.c1 * b.c1;
    const Fp2 t2 = a.c2 * b.c2;
    return {
        t0 + ((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2).mul_by_xi(),
        (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + t2.mul_by_xi(),
        (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1,
    };
}

Fp6 Fp6::inverse() const noexcept {
    const Fp2 t0 = c0.square() - (c1 * c2).mul_by_xi();
    const Fp2 t1 = c2.square().mul_by_xi() - c0 * c1;
    const Fp2 t2 = c1.square() - c0 * c2;
    const Fp2 norm = c0 * t0 + (c2 * t1 + c1 * t2).mul_by_xi();
    const Fp2 norm_inv = norm.inverse();
    return {t0 * norm_inv, t1 * norm_inv, t2 * norm_inv};
}

Fp12 operator*(const Fp12& a, const Fp12& b) noexcept {
    const Fp6 t0 = a.c0 * b.c0;
    const Fp6 t1 = a.c1 * b.c1;
    return {t0 + t1.mul_by_v(), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

Fp12 Fp12::mul_by_line(const Fp2& a, const Fp2& b, const Fp2& c) const noexcept {
    // Karatsuba over Fp6 as in operator*, with the line's halves (a + b v) and (c v).
    const Fp6 t0 = mul_by_01(c0, a, b);
    const Fp6 t1 = mul_by_1(c1, c);
    return {t0 + t1.mul_by_v(), mul_by_01(c0 + c1, a, b + c) - t0 - t1};
}

Fp12 Fp12::square() const noexcept {
    // (a + bw)^2 = (a + b)(a + bv) - ab - abv + 2ab w, two Fp6 products instead of three.
    const Fp6 ab = c0 * c1;
    const Fp6 sum = (c0 + c1) * (c0 + c1.mul_by_v()) - ab - ab.mul_by_v();
    return {sum, ab + ab};
}

Fp12 Fp12::inverse() const noexcept {
    // (a + bw)^-1 = (a - bw) / (a^2 - b^2 v).
    const Fp6 norm_inv = (c0 * c0 - (c1 * c1).mul_by_v()).inverse();
    return {c0 * norm_inv, -(c1 * norm_inv)};
}

Fp12 Fp12::cyclotomic_square() const noexcept {
    // Granger and Scott, "Faster squaring in the cyclotomic subgroup of sixth degree
    // extensions" (PKC 2010): Fp12 viewed as Fp4^3 with Fp4 = Fp2[w^3]; the pairs (g0, h1),
    // (h0, g2) and (g1, h2) are the Fp4 coordinates, and on the cyclotomic subgroup the square
    // needs only three Fp4 squarings.
    const auto [a0, a1] = fp4_square(c0.c0, c1.c1);
    const auto [b0, b1] = fp4_square(c1.c0, c0.c2);
    const auto [d0, d1] = fp4_square(c0.c1, c1.c2);
    return {
        Fp6{thrice_minus_twice(a0, c0.c0), thrice_minus_twice(b0, c0.c1),
            thrice_minus_twice(d0, c0.c2)},
        Fp6{thrice_plus_twice(d1.mul_by_xi(), c1.c0), thrice_plus_twice(a1, c1.c1),
            thrice_plus_twice(b1, c1.c2)},
    };
}

Fp12 Fp12::frobenius() const noexcept {
    // c0 = g0 + g1 v + g2 v^2 and c1 = h0 + h1 v + h2 v^2 hold the coefficients of w^0, w^2, w^4
    // and w^1, w^3, w^5 (v = w^2).
    const auto& gamma = frobenius_coefficients();
    return {
        Fp6{c0.c0.conjugate(), c0.c1.conjugate() * gamma[2], c0.c2.conjugate() * gamma[4]},
        Fp6{c1.c0.conjugate() * gamma[1], c1.c1.conjugate() * gamma[3],
            c1.c2.conjugate() * gamma[5]},
    };
}

Fp12 Fp12::pow(std::span<const std::uint64_t> exponent) const noexcept {
    Fp12 result = one();
    for (std::size_t limb = exponent.size(); limb-- > 0;) {
        for (unsigned bit = 64; bit-- > 0;) {
            result = result.square();
            if (((exponent[limb] >> bit) & 1) != 0) result = result * *this;
        }
    }
    return result;
}

}  // namespace yunlian::crypto::bls12_381
