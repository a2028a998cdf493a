// The Miller loop runs in affine coordinates on the twist: each step costs one Fp2 inversion,
// which keeps the line formulas the textbook ones. A twist point (x', y') maps to E as
// (x' / w^2, y' / w^3), so the line through T with slope L' evaluated at P = (xP, yP), times
// w^3 (an element of the subfield Fp4, which the final exponentiation sends to 1), is
//   (L' xT' - yT')  -  L' xP w^2  +  yP w^3,
// that is, coefficients at 1 and v of the Fp6 half c0 and at v of the half c1.

#include "crypto/bls12_381_pairing.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace yunlian::crypto::bls12_381 {
namespace {

/// |x| for the BLS12-381 parameter x = -0xd201000000010000.
constexpr std::uint64_t kLoopParameter = 0xd201000000010000ULL;

/// One pair's state during the loop: P in affine form and the running multiple T of Q.
struct LoopPair {
    G1Affine p;
    G2Affine q;
    G2Affine t;
};

/// The line with slope `slope` through T, evaluated at P (times w^3, see above).
Fp12 line_value(const Fp2& slope, const G2Affine& t, const G1Affine& p) noexcept {
    const Fp2 c0 = slope * t.x - t.y;
    const Fp2 c1 = -(slope * p.x);
    const Fp2 c3{p.y, Fp::zero()};
    return {Fp6{c0, c1, Fp2::zero()}, Fp6{Fp2::zero(), c3, Fp2::zero()}};
}

/// The tangent line at T, and T <- 2T. T has order r, so y_T is never zero.
Fp12 double_step(LoopPair& pair) noexcept {
    const G2Affine& t = pair.t;
    const Fp2 x2 = t.x.square();
    const Fp2 slope = (x2 + x2 + x2) * (t.y + t.y).inverse();
    const Fp12 line = line_value(slope, t, pair.p);
    const Fp2 x3 = slope.square() - (t.x + t.x);
    pair.t = {x3, slope * (t.x - x3) - t.y, false};
    return line;
}

/// The line through T and Q, and T <- T + Q. Inside the loop T = [k]Q with 1 < k < |x| < r,
/// so T is never +-Q.
Fp12 add_step(LoopPair& pair) noexcept {
    const G2Affine& t = pair.t;
    const G2Affine& q = pair.q;
    const Fp2 slope = (q.y - t.y) * (q.x - t.x).inverse();
    const Fp12 line = line_value(slope, t, pair.p);
    const Fp2 x3 = slope.square() - t.x - q.x;
    pair.t = {x3, slope * (t.x - x3) - t.y, false};
    return line;
}

/// g^x for a unitary g, x = -|x| being negative: conj(g^|x|).
Fp12 pow_x(const Fp12& g) noexcept {
    const std::array<std::uint64_t, 1> exponent = {kLoopParameter};
    return g.pow(exponent).conjugate();
}

}  // namespace

Fp12 multi_miller_loop(std::span<const std::pair<G1, G2>> pairs) noexcept {
    std::vector<LoopPair> active;
    active.reserve(pairs.size());
    for (const auto& [g1, g2] : pairs) {
        if (g1.is_infinity() || g2.is_infinity()) continue;
        const G2Affine q = g2.to_affine();
        active.push_back({g1.to_affine(), q, q});
    }
    Fp12 f = Fp12::one();
    if (active.empty()) return f;
    // The top bit of |x| is consumed by T = Q.
    for (unsigned bit = 63; bit-- > 0;) {
        f = f.square();
        for (LoopPair& pair : active) f = f * double_step(pair);
        if (((kLoopParameter >> bit) & 1) != 0) {
            for (LoopPair& pair : active) f = f * add_step(pair);
        }
    }
    // x is negative: f_{x,Q} = 1 / f_{|x|,Q} up to factors the final exponentiation removes, and
    // after it the inverse is the conjugate.
    return f.conjugate();
}

Fp12 final_exponentiation(const Fp12& f) noexcept {
    // Easy part f^((p^6 - 1)(p^2 + 1)): conj(f) / f, then times its p^2-th power. The value is
    // then unitary, so its inverse is its conjugate.
    const Fp12 t = f.conjugate() * f.inverse();
    const Fp12 m = t.frobenius().frobenius() * t;
    // Hard part, per Hayashida, Hayasaka and Teruya (ePrint 2020/875), section 4.1:
    // 3 (p^4 - p^2 + 1) / r = (x - 1)^2 (x + p) (x^2 + p^2 - 1) + 3. This yields e^3 instead
    // of e; as 3 is prime to r, cubing is a bijection on GT, so checks of products against 1
    // and bilinearity are unaffected.
    const Fp12 a = pow_x(m) * m.conjugate();                                     // m^(x - 1)
    const Fp12 b = pow_x(a) * a.conjugate();                                     // m^((x - 1)^2)
    const Fp12 c = pow_x(b) * b.frobenius();                                     // ... ^(x + p)
    const Fp12 d = pow_x(pow_x(c)) * c.frobenius().frobenius() * c.conjugate();  // ^(x^2 + p^2 - 1)
    return d * m.square() * m;
}

Fp12 pairing(const G1& p, const G2& q) noexcept {
    const std::array<std::pair<G1, G2>, 1> pairs = {std::pair{p, q}};
    return final_exponentiation(multi_miller_loop(pairs));
}

bool pairing_check(std::span<const std::pair<G1, G2>> pairs) noexcept {
    return final_exponentiation(multi_miller_loop(pairs)) == Fp12::one();
}

}  // namespace yunlian::crypto::bls12_381
