// The Miller loop keeps T in homogeneous projective coordinates on the twist, so no step needs
// an inversion. A twist point (x', y') maps to E as
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

/// A twist point in homogeneous projective coordinates (x, y) = (X / Z, Y / Z).
struct Homogeneous {
    Fp2 x;
    Fp2 y;
    Fp2 z;
};

/// One pair's state during the loop: P, Q in affine form and the running multiple T of Q.
struct LoopPair {
    G1Affine p;
    G2Affine q;
    Homogeneous t;
};

/// A line's three non-zero coefficients: c0 + c2 w^2 + c3 w^3 = (c0 + c2 v) + (c3 v) w.
struct Line {
    Fp2 c0;
    Fp2 c2;
    Fp2 c3;
};

/// The tangent line at T, and T <- 2T. With slope 3x^2 / (2y) and the affine line above scaled
/// by 2 Y Z (an Fp2 factor, which the final exponentiation removes), the curve equation
/// Y^2 Z = X^3 + b' Z^3 turns the coefficients into (Y^2 - 3 b' Z^2, -3 X^2 xP, 2 Y Z yP).
/// The doubling is that of Costello, Lange and Naehrig (PKC 2010), scaled by 4 to avoid halving.
/// T has order r, so it never reaches a point with y = 0.
Line double_step(LoopPair& pair) noexcept {
    const Homogeneous& t = pair.t;
    const Fp2 b = t.y.square();
    const Fp2 c = t.z.square();
    const Fp2 c3 = c + c + c;
    const Fp2 e2z = c3.mul_by_xi() + c3.mul_by_xi();
    const Fp2 e = e2z + e2z;  // 3 b' Z^2 with b' = 4 xi
    const Fp2 f = e + e + e;
    const Fp2 h = (t.y + t.z).square() - b - c;  // 2 Y Z
    const Fp2 j = t.x.square();
    const Fp2 j3 = j + j + j;
    const Line line{b - e, -(j3 * pair.p.x), h * pair.p.y};
    const Fp2 xy = t.x * t.y;
    const Fp2 b_plus_f = b + f;
    const Fp2 e2 = e.square();
    const Fp2 e2_4 = (e2 + e2) + (e2 + e2);
    pair.t = {(xy + xy) * (b - f), b_plus_f.square() - (e2_4 + e2_4 + e2_4), (b + b) * (h + h)};
    return line;
}

/// The line through T and Q, and T <- T + Q. With theta = Y - yQ Z and lambda = X - xQ Z the
/// slope is theta / lambda; the line written through Q and scaled by lambda has coefficients
/// (theta xQ - lambda yQ, -theta xP, lambda yP). The addition is the mixed one of Costello,
/// Lange and Naehrig. Inside the loop T = [k]Q with 1 < k < |x| < r, so T is never +-Q.
Line add_step(LoopPair& pair) noexcept {
    const Homogeneous& t = pair.t;
    const G2Affine& q = pair.q;
    const Fp2 theta = t.y - q.y * t.z;
    const Fp2 lambda = t.x - q.x * t.z;
    const Line line{theta * q.x - lambda * q.y, -(theta * pair.p.x), lambda * pair.p.y};
    const Fp2 c = theta.square();
    const Fp2 d = lambda.square();
    const Fp2 e = d * lambda;
    const Fp2 f = t.z * c;
    const Fp2 g = t.x * d;
    const Fp2 h = e + f - (g + g);
    pair.t = {lambda * h, theta * (g - h) - t.y * e, t.z * e};
    return line;
}

/// g^x for g in the cyclotomic subgroup, x = -|x| being negative: conj(g^|x|).
Fp12 pow_x(const Fp12& g) noexcept {
    Fp12 result = g;
    for (unsigned bit = 63; bit-- > 0;) {
        result = result.cyclotomic_square();
        if (((kLoopParameter >> bit) & 1) != 0) result = result * g;
    }
    return result.conjugate();
}

}  // namespace

Fp12 multi_miller_loop(std::span<const std::pair<G1, G2>> pairs) noexcept {
    std::vector<LoopPair> active;
    active.reserve(pairs.size());
    for (const auto& [g1, g2] : pairs) {
        if (g1.is_infinity() || g2.is_infinity()) continue;
        const G2Affine q = g2.to_affine();
        active.push_back({g1.to_affine(), q, Homogeneous{q.x, q.y, Fp2::one()}});
    }
    Fp12 f = Fp12::one();
    if (active.empty()) return f;
    // The top bit of |x| is consumed by T = Q.
    for (unsigned bit = 63; bit-- > 0;) {
        f = f.square();
        for (LoopPair& pair : active) {
            const Line line = double_step(pair);
            f = f.mul_by_line(line.c0, line.c2, line.c3);
        }
        if (((kLoopParameter >> bit) & 1) != 0) {
            for (LoopPair& pair : active) {
                const Line line = add_step(pair);
                f = f.mul_by_line(line.c0, line.c2, line.c3);
            }
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
