#pragma once
// The BLS12-381 groups: G1, the order-r subgroup of E(Fp) with E: y^2 = x^3 + 4, and G2, the
// order-r subgroup of the M-type sextic twist E'(Fp2): y^2 = x^3 + 4 (1 + u). Points are in
// Jacobian coordinates (x, y) = (X / Z^2, Y / Z^3), Z = 0 being the point at infinity. Points
// enter and leave in the compressed ZCash encoding (48 bytes for G1, 96 for G2) that EIP-4844,
// the consensus specs and every BLS library use.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/bls12_381_field.hpp"

namespace yunlian::crypto::bls12_381 {

/// The group order r of G1 and G2 as four little-endian limbs.
inline constexpr std::array<std::uint64_t, 4> kGroupOrder = {
    0xffffffff00000001ULL, 0x53bda402fffe5bfeULL, 0x3339d80809a1d805ULL, 0x73eda753299d7d48ULL};

/// Why a compressed point encoding is rejected.
enum class PointError {
    kInvalidLength,        ///< not 48 (G1) or 96 (G2) bytes
    kNotCompressed,        ///< the compression flag (top bit) is clear
    kInvalidInfinity,      ///< the infinity flag is set but the sign flag or any other bit is set
    kInvalidFieldElement,  ///< a coordinate is not below p
    kNotOnCurve,           ///< x^3 + b has no square root, so no point has this x
    kNotInSubgroup,        ///< the point is on the curve but its order is not r
};

/// A message for a person.
[[nodiscard]] std::string_view to_string(PointError error) noexcept;

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
    [[nodiscard]] JacobianPoint operator-() const noexcept { return {x, -y, z}; }

    /// 2P (dbl-2009-l, Explicit-Formulas Database, a = 0).
    [[nodiscard]] JacobianPoint doubled() const noexcept {
        if (is_infinity()) return *this;
        const F a = x.square();
        const F b = y.square();
        const F c = b.square();
        F d = (x + b).square() - a - c;
        d = d + d;
        const F e = a + a + a;
        const F x3 = e.square() - (d + d);
        const F c2 = c + c;
        const F c4 = c2 + c2;
        const F yz = y * z;
        return {x3, e * (d - x3) - (c4 + c4), yz + yz};
    }

    /// P + Q (add-2007-bl), falling back to doubling when P = Q.
    [[nodiscard]] JacobianPoint operator+(const JacobianPoint& q) const noexcept {
        if (is_infinity()) return q;
        if (q.is_infinity()) return *this;
        const F z1z1 = z.square();
        const F z2z2 = q.z.square();
        const F u1 = x * z2z2;
        const F u2 = q.x * z1z1;
        const F s1 = y * q.z * z2z2;
        const F s2 = q.y * z * z1z1;
        const F h = u2 - u1;
        if (h.is_zero()) return s1 == s2 ? doubled() : infinity();
        const F i = (h + h).square();
        const F j = h * i;
        const F r = (s2 - s1) + (s2 - s1);
        const F v = u1 * i;
        const F x3 = r.square() - j - (v + v);
        const F s1j = s1 * j;
        return {x3, r * (v - x3) - (s1j + s1j), ((z + q.z).square() - z1z1 - z2z2) * h};
    }
    [[nodiscard]] JacobianPoint operator-(const JacobianPoint& q) const noexcept {
        return *this + (-q);
    }

    /// [k]P with a fixed 4-bit window (15 additions to build the table, then one addition per
    /// nibble); `k` is little-endian limbs and public (a precompile input), so the table lookup
    /// need not be constant-time.
    [[nodiscard]] JacobianPoint mul(std::span<const std::uint64_t> k) const noexcept {
        std::array<JacobianPoint, 16> table;
        table[0] = infinity();
        table[1] = *this;
        for (std::size_t i = 2; i < 16; ++i) table[i] = table[i - 1] + *this;
        JacobianPoint acc = infinity();
        for (std::size_t limb = k.size(); limb-- > 0;) {
            for (unsigned shift = 64; shift > 0;) {
                shift -= 4;
                acc = acc.doubled().doubled().doubled().doubled();
                const std::size_t nibble = (k[limb] >> shift) & 0xf;
                if (nibble != 0) acc = acc + table[nibble];
            }
        }
        return acc;
    }

    /// [k]P by plain double-and-add, cheaper than the window for sparse constants such as x^2.
    [[nodiscard]] JacobianPoint mul_binary(std::span<const std::uint64_t> k) const noexcept {
        JacobianPoint acc = infinity();
        for (std::size_t limb = k.size(); limb-- > 0;) {
            for (unsigned bit = 64; bit-- > 0;) {
                acc = acc.doubled();
                if (((k[limb] >> bit) & 1) != 0) acc = acc + *this;
            }
        }
        return acc;
    }

    /// Equality as points (X1 Z2^2 = X2 Z1^2 and Y1 Z2^3 = Y2 Z1^3).
    [[nodiscard]] bool same_point(const JacobianPoint& q) const noexcept {
        if (is_infinity() || q.is_infinity()) return is_infinity() && q.is_infinity();
        const F z1z1 = z.square();
        const F z2z2 = q.z.square();
        return x * z2z2 == q.x * z1z1 && y * q.z * z2z2 == q.y * z * z1z1;
    }

    [[nodiscard]] AffinePoint<F> to_affine() const noexcept {
        if (is_infinity()) return {};
        const F z_inv = z.inverse();
        const F z_inv2 = z_inv.square();
        return {x * z_inv2, y * z_inv2 * z_inv, false};
    }
};

using G1 = JacobianPoint<Fp>;
using G2 = JacobianPoint<Fp2>;
using G1Affine = AffinePoint<Fp>;
using G2Affine = AffinePoint<Fp2>;

/// The standard generators (draft-irtf-cfrg-pairing-friendly-curves-11, section 4.2.1).
[[nodiscard]] const G1& g1_generator() noexcept;
[[nodiscard]] const G2& g2_generator() noexcept;

/// Whether an affine point satisfies the curve equation (E for G1, E' for G2).
[[nodiscard]] bool is_on_curve(const G1Affine& p) noexcept;
[[nodiscard]] bool is_on_curve(const G2Affine& p) noexcept;
/// Whether P is in G1, by the endomorphism test phi(P) = [-x^2]P.
[[nodiscard]] bool is_in_subgroup(const G1& p) noexcept;
/// Whether [r]P is the point at infinity: the definition, slower; tests compare the two.
[[nodiscard]] bool is_in_subgroup_by_order(const G1& p) noexcept;
/// Whether [r]P is the point at infinity.
[[nodiscard]] bool is_in_subgroup(const G2& p) noexcept;

/// Decodes a 48-byte compressed G1 point with every check: flags, canonical x, on the curve,
/// in the subgroup.
[[nodiscard]] Result<G1, PointError> decompress_g1(BytesView bytes);
/// Decodes a 96-byte compressed G2 point (x's imaginary part c1 first, then c0) with every check.
[[nodiscard]] Result<G2, PointError> decompress_g2(BytesView bytes);
/// The 48-byte compressed encoding of a G1 point.
[[nodiscard]] std::array<std::uint8_t, 48> compress(const G1& p) noexcept;
/// The 96-byte compressed encoding of a G2 point.
[[nodiscard]] std::array<std::uint8_t, 96> compress(const G2& p) noexcept;

}  // namespace yunlian::crypto::bls12_381
