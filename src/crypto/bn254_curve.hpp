#pragma once
// The BN254 groups of EIP-196/197: G1 = E(Fp) with E: y^2 = x^3 + 3, and G2, the order-r subgroup
// of the sextic twist E': y^2 = x^3 + 3 / (9 + i) over Fp2. Points are in Jacobian coordinates
// (x, y) = (X / Z^2, Y / Z^3), Z = 0 being the point at infinity, so that a sum costs no inversion.

#include <array>
#include <cstddef>

#include "crypto/bn254_field.hpp"

namespace yunlian::crypto::bn254 {

/// b = 3 of E: y^2 = x^3 + b.
inline constexpr Fp kCurveB = Fp::from_canonical(3);
/// b' = 3 / xi, the constant of the D-type twist E' (EIP-197).
inline constexpr Fp2 kTwistB =
    Fp2{kCurveB, Fp::zero()} * Fp2{Fp::from_canonical(9), Fp::from_canonical(1)}.inverse();

/// An affine point; `infinity` marks the neutral element (its coordinates are then zero).
template <typename F>
struct AffinePoint {
    F x;
    F y;
    bool infinity = true;
};

/// A point in Jacobian coordinates over F (Fp for G1, Fp2 for G2). The curve has a = 0.
template <typename F>
struct JacobianPoint {
    F x;
    F y;
    F z;  ///< zero for the point at infinity

    [[nodiscard]] static JacobianPoint infinity() noexcept { return {F::one(), F::one(), F{}}; }
    [[nodiscard]] static JacobianPoint from_affine(const AffinePoint<F>& p) noexcept {
        return p.infinity ? infinity() : JacobianPoint{p.x, p.y, F::one()};
    }
    [[nodiscard]] bool is_infinity() const noexcept { return z.is_zero(); }

    /// 2P (dbl-2009-l, Explicit-Formulas Database, a = 0).
    [[nodiscard]] JacobianPoint doubled() const noexcept {
        if (is_infinity()) return *this;
        const F a = x * x;
        const F b = y * y;
        const F c = b * b;
        const F xb = x + b;
        F d = xb * xb - a - c;
        d = d + d;
        const F e = a + a + a;
        const F f = e * e;
        const F x3 = f - (d + d);
        const F c8 = c + c + c + c + c + c + c + c;
        const F yz = y * z;
        return {x3, e * (d - x3) - c8, yz + yz};
    }

    /// P + Q (add-2007-bl), falling back to doubling when P = Q.
    [[nodiscard]] JacobianPoint operator+(const JacobianPoint& q) const noexcept {
        if (is_infinity()) return q;
        if (q.is_infinity()) return *this;
        const F z1z1 = z * z;
        const F z2z2 = q.z * q.z;
        const F u1 = x * z2z2;
        const F u2 = q.x * z1z1;
        const F s1 = y * q.z * z2z2;
        const F s2 = q.y * z * z1z1;
        const F h = u2 - u1;
        const F r_half = s2 - s1;
        if (h.is_zero()) return r_half.is_zero() ? doubled() : infinity();
        const F h2 = h + h;
        const F i = h2 * h2;
        const F j = h * i;
        const F r = r_half + r_half;
        const F v = u1 * i;
        const F x3 = r * r - j - (v + v);
        const F s1j = s1 * j;
        const F zz = z + q.z;
        return {x3, r * (v - x3) - (s1j + s1j), (zz * zz - z1z1 - z2z2) * h};
    }

    [[nodiscard]] JacobianPoint negated() const noexcept { return {x, -y, z}; }

    /// [k]P with a fixed 4-bit window: 256 doublings and at most 64 additions (k is public in
    /// every use here, so the table lookups need not be constant-time).
    [[nodiscard]] JacobianPoint multiplied(const Uint256& k) const noexcept {
        std::array<JacobianPoint, 16> table;
        table[0] = infinity();
        table[1] = *this;
        for (std::size_t i = 2; i < table.size(); ++i) {
            table[i] = i % 2 == 0 ? table[i / 2].doubled() : table[i - 1] + *this;
        }
        JacobianPoint result = infinity();
        for (unsigned nibble = (bit_width(k) + 3) / 4; nibble-- > 0;) {
            for (int d = 0; d < 4; ++d) result = result.doubled();
            const auto digit = static_cast<std::size_t>((k >> (4 * nibble)).low_u64() & 0xf);
            if (digit != 0) result = result + table[digit];
        }
        return result;
    }

    /// The affine form, with one inversion.
    [[nodiscard]] AffinePoint<F> to_affine() const noexcept {
        if (is_infinity()) return {};
        const F z_inv = z.inverse();
        const F z_inv2 = z_inv * z_inv;
        return {x * z_inv2, y * z_inv2 * z_inv, false};
    }
};

using G1Point = JacobianPoint<Fp>;
using G2Point = JacobianPoint<Fp2>;
using G1Affine = AffinePoint<Fp>;
using G2Affine = AffinePoint<Fp2>;

/// Whether (x, y) satisfies y^2 = x^3 + 3 (infinity counts as on the curve).
[[nodiscard]] bool is_on_curve(const G1Affine& p) noexcept;
/// Whether (x, y) satisfies the twist's equation y^2 = x^3 + 3 / (9 + i).
[[nodiscard]] bool is_on_twist(const G2Affine& p) noexcept;
/// psi: untwist, apply the p-power Frobenius, twist back. On coordinates it is
/// (conj(x) xi^((p-1)/3), conj(y) xi^((p-1)/2)); on G2 it acts as multiplication by p.
[[nodiscard]] G2Affine twist_frobenius(const G2Affine& q) noexcept;
/// Whether a point of the twist lies in G2, its order-r subgroup. Every point of E(Fp) is in G1
/// (the cofactor is 1) but the twist has a large cofactor, so EIP-197 inputs need this check.
[[nodiscard]] bool is_in_g2(const G2Affine& p) noexcept;

}  // namespace yunlian::crypto::bn254
