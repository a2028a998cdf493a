#include "crypto/bn254_curve.hpp"

#include "crypto/bn254_tower.hpp"

namespace yunlian::crypto::bn254 {

bool is_on_curve(const G1Affine& p) noexcept {
    if (p.infinity) return true;
    return p.y * p.y == p.x * p.x * p.x + kCurveB;
}

bool is_on_twist(const G2Affine& p) noexcept {
    if (p.infinity) return true;
    return p.y.square() == p.x.square() * p.x + kTwistB;
}

G2Affine twist_frobenius(const G2Affine& q) noexcept {
    if (q.infinity) return q;
    return {q.x.conjugate() * frobenius_coefficient(2), q.y.conjugate() * frobenius_coefficient(3),
            false};
}

bool is_in_g2(const G2Affine& p) noexcept {
    // psi satisfies psi^2 - t psi + p = 0 on the twist (t = 6u^2 + 1 is the trace of Frobenius).
    // If psi(Q) = [t - 1]Q, then [(t-1)^2 - t(t-1) + p]Q = [p + 1 - t]Q = [r]Q = O, so Q is in G2;
    // conversely psi is [p] on G2 and p = t - 1 (mod r). This costs a 127-bit multiplication
    // instead of a 254-bit one (Scott, "A note on group membership tests for G1, G2 and GT on
    // BLS pairing-friendly curves", 2021, section 4.1).
    constexpr Uint256 kTraceMinusOne =
        Uint256::from_limbs(0xf83e9682e87cfd46ULL, 0x6f4d8248eeb859fbULL, 0, 0);
    if (p.infinity) return true;
    const G2Affine multiple = G2Point::from_affine(p).multiplied(kTraceMinusOne).to_affine();
    const G2Affine image = twist_frobenius(p);
    return !multiple.infinity && multiple.x == image.x && multiple.y == image.y;
}

}  // namespace yunlian::crypto::bn254
