#include "crypto/bn254_curve.hpp"

namespace yunlian::crypto::bn254 {
namespace {

constexpr Fp kCurveB = Fp::from_canonical(3);
// b' = 3 / xi, the constant of the D-type twist (EIP-197).
constexpr Fp2 kTwistB =
    Fp2{kCurveB, Fp::zero()} * Fp2{Fp::from_canonical(9), Fp::from_canonical(1)}.inverse();

}  // namespace

bool is_on_curve(const G1Affine& p) noexcept {
    if (p.infinity) return true;
    return p.y * p.y == p.x * p.x * p.x + kCurveB;
}

bool is_on_twist(const G2Affine& p) noexcept {
    if (p.infinity) return true;
    return p.y.square() == p.x.square() * p.x + kTwistB;
}

bool is_in_g2(const G2Affine& p) noexcept {
    return G2Point::from_affine(p).multiplied(kGroupOrder).is_infinity();
}

}  // namespace yunlian::crypto::bn254
