#include "crypto/bn254_tower.hpp"

#include <array>

namespace yunlian::crypto::bn254 {
namespace {

/// (p - 1) / 6; p = 1 (mod 6), as every BN prime is.
constexpr Uint256 kPMinusOneOverSix = Uint256::from_limbs(
    0x34b017592414d4e1ULL, 0xee9591c2e6bda1c2ULL, 0xf40d60f3c0403964ULL, 0x0810b7bdd032f006ULL);
static_assert(kPMinusOneOverSix * 6 + 1 == kFieldModulus);

constexpr std::array<Fp2, 6> make_frobenius_coefficients() {
    const Fp2 xi{Fp::from_canonical(9), Fp::from_canonical(1)};
    const Fp2 base = xi.pow(kPMinusOneOverSix);
    std::array<Fp2, 6> out{};
    out[0] = Fp2::one();
    for (std::size_t k = 1; k < 6; ++k) out[k] = out[k - 1] * base;
    return out;
}
constexpr std::array<Fp2, 6> kFrobeniusCoefficients = make_frobenius_coefficients();

/// a * (b0 + b1 v), the sparse Fp6 product that line functions need.
Fp6 mul_by_01(const Fp6& a, const Fp2& b0, const Fp2& b1) noexcept {
    return {a.c0 * b0 + (a.c2 * b1).mul_by_xi(), a.c0 * b1 + a.c1 * b0, a.c1 * b1 + a.c2 * b0};
}

}  // namespace

const Fp2& frobenius_coefficient(unsigned k) noexcept { return kFrobeniusCoefficients[k % 6]; }

Fp6 operator+(const Fp6& a, const Fp6& b) noexcept {
    return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
}
Fp6 operator-(const Fp6& a, const Fp6& b) noexcept {
    return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
}
Fp6 operator-(const Fp6& a) noexcept { return {-a.c0, -a.c1, -a.c2}; }

Fp6 operator*(const Fp6& a, const Fp6& b) noexcept {
    // Karatsuba over three coefficients: six Fp2 products instead of nine.
    const Fp2 t0 = a.c0 * b.c0;
    const Fp2 t1 = a.c1 * b.c1;
    const Fp2 t2 = a.c2 * b.c2;
    return {
        ((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2).mul_by_xi() + t0,
        (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + t2.mul_by_xi(),
        (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1,
    };
}

Fp6 mul_by_v(const Fp6& a) noexcept { return {a.c2.mul_by_xi(), a.c0, a.c1}; }

Fp6 inverse(const Fp6& a) noexcept {
    // The adjugate over the norm to Fp2: a^-1 = (A + B v + C v^2) / F.
    const Fp2 big_a = a.c0.square() - (a.c1 * a.c2).mul_by_xi();
    const Fp2 big_b = a.c2.square().mul_by_xi() - a.c0 * a.c1;
    const Fp2 big_c = a.c1.square() - a.c0 * a.c2;
    const Fp2 norm = a.c0 * big_a + (a.c2 * big_b + a.c1 * big_c).mul_by_xi();
    const Fp2 norm_inv = norm.inverse();
    return {big_a * norm_inv, big_b * norm_inv, big_c * norm_inv};
}

Fp12 operator*(const Fp12& a, const Fp12& b) noexcept {
    const Fp6 t0 = a.c0 * b.c0;
    const Fp6 t1 = a.c1 * b.c1;
    return {t0 + mul_by_v(t1), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

Fp12 square(const Fp12& a) noexcept {
    // (a0 + a1 w)^2 = a0^2 + a1^2 v + 2 a0 a1 w, with a0^2 + a1^2 v from one product.
    const Fp6 t = a.c0 * a.c1;
    const Fp6 c0 = (a.c0 + a.c1) * (a.c0 + mul_by_v(a.c1)) - t - mul_by_v(t);
    return {c0, t + t};
}

Fp12 cyclotomic_square(const Fp12& a) noexcept {
    // Granger and Scott, "Faster squaring in the cyclotomic subgroup of sixth degree extensions",
    // PKC 2010, section 3.2. View Fp12 as Fp4[w] / (w^3 - s) with Fp4 = Fp2[s] / (s^2 - xi) and
    // s = w^3; then a = A0 + A1 w + A2 w^2 with A0 = a_0 + a_3 s, A1 = a_1 + a_4 s and
    // A2 = a_2 + a_5 s (a_k the coefficient of w^k), and for a in the cyclotomic subgroup
    // a^2 = (3 A0^2 - 2 conj(A0)) + (3 s A2^2 + 2 conj(A1)) w + (3 A1^2 - 2 conj(A2)) w^2.
    struct Fp4 {
        Fp2 x;
        Fp2 y;
    };
    const auto fp4_square = [](const Fp2& x, const Fp2& y) {
        const Fp2 t0 = x.square();
        const Fp2 t1 = y.square();
        return Fp4{t0 + t1.mul_by_xi(), (x + y).square() - t0 - t1};
    };
    const auto triple = [](const Fp2& v) { return v + v + v; };
    const auto twice = [](const Fp2& v) { return v + v; };
    const Fp4 sq0 = fp4_square(a.c0.c0, a.c1.c1);
    const Fp4 sq1 = fp4_square(a.c1.c0, a.c0.c2);
    const Fp4 sq2 = fp4_square(a.c0.c1, a.c1.c2);
    Fp12 out;
    out.c0.c0 = triple(sq0.x) - twice(a.c0.c0);
    out.c1.c1 = triple(sq0.y) + twice(a.c1.c1);
    out.c1.c0 = triple(sq2.y.mul_by_xi()) + twice(a.c1.c0);
    out.c0.c2 = triple(sq2.x) - twice(a.c0.c2);
    out.c0.c1 = triple(sq1.x) - twice(a.c0.c1);
    out.c1.c2 = triple(sq1.y) + twice(a.c1.c2);
    return out;
}

Fp12 inverse(const Fp12& a) noexcept {
    // (a0 + a1 w)^-1 = (a0 - a1 w) / (a0^2 - a1^2 v).
    const Fp6 norm_inv = inverse(a.c0 * a.c0 - mul_by_v(a.c1 * a.c1));
    return {a.c0 * norm_inv, -(a.c1 * norm_inv)};
}

Fp12 conjugate(const Fp12& a) noexcept { return {a.c0, -a.c1}; }

Fp12 frobenius(const Fp12& a) noexcept {
    const auto& g = kFrobeniusCoefficients;
    return {
        {a.c0.c0.conjugate(), a.c0.c1.conjugate() * g[2], a.c0.c2.conjugate() * g[4]},
        {a.c1.c0.conjugate() * g[1], a.c1.c1.conjugate() * g[3], a.c1.c2.conjugate() * g[5]},
    };
}

Fp12 mul_by_line(const Fp12& a, const Fp2& s0, const Fp2& s1, const Fp2& s3) noexcept {
    // (a0 + a1 w)(l0 + l1 w) with l0 = s0 and l1 = s1 + s3 v, by Karatsuba.
    const Fp6 t0{a.c0.c0 * s0, a.c0.c1 * s0, a.c0.c2 * s0};
    const Fp6 t1 = mul_by_01(a.c1, s1, s3);
    const Fp6 cross = mul_by_01(a.c0 + a.c1, s0 + s1, s3);
    return {t0 + mul_by_v(t1), cross - t0 - t1};
}

}  // namespace yunlian::crypto::bn254
