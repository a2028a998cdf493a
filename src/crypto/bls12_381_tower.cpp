// Fp6 and Fp12 products and inverses (Karatsuba over the tower; inverses by the norm map).

#include "crypto/bls12_381_tower.hpp"

namespace yunlian::crypto::bls12_381 {

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
