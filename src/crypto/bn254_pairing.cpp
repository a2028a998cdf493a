#include "crypto/bn254_pairing.hpp"

#include <vector>

namespace yunlian::crypto::bn254 {
namespace {

/// The BN parameter u: p = 36u^4 + 36u^3 + 24u^2 + 6u + 1.
constexpr std::uint64_t kU = 0x44e992b44a6909f1ULL;
/// 6u + 2, the optimal ate loop count, without its top bit (bit 64), which is the starting T = Q.
constexpr std::uint64_t kLoopCountLow = 0x9d797039be763ba8ULL;

/// One pair's Miller loop state: T in homogeneous projective coordinates on the twist
/// (x = X / Z, y = Y / Z), the fixed Q, and P's coordinates.
struct LoopState {
    Fp2 x;
    Fp2 y;
    Fp2 z;
    G2Affine q;
    Fp xp;
    Fp yp;
};

// Line values. Untwisting (x, y) -> (x w^2, y w^3) turns a slope lambda into lambda w, so the line
// y - y_T - lambda (x - x_T) at P = (x_P, y_P) is y_P - lambda x_P w + (lambda x_T - y_T) w^3.
// The formulas below are that line times a factor in Fp2, which lies in Fp6 and is therefore sent
// to 1 by the final exponentiation (its exponent has the factor p^6 - 1).

/// f *= l_{T,T}(P); T = 2T. The line is scaled by 2YZ: (2YZ y_P, -3X^2 x_P, Y^2 - 3b'Z^2), using
/// the curve equation to replace X^3. The point formula is the EFD's projective doubling
/// (dbl-2007-bl) with a = 0.
void double_step(Fp12& f, LoopState& s) noexcept {
    const Fp2 xx = s.x.square();
    const Fp2 yy = s.y.square();
    const Fp2 zz = s.z.square();
    const Fp2 yz2 = (s.y * s.z) + (s.y * s.z);
    const Fp2 w = xx + xx + xx;
    const Fp2 bzz = kTwistB * zz;
    f = mul_by_line(f, yz2 * s.yp, -(w * s.xp), yy - (bzz + bzz + bzz));

    const Fp2& sv = yz2;  // s = 2YZ
    const Fp2 ss = sv.square();
    const Fp2 r = s.y * sv;
    const Fp2 rr = r.square();
    const Fp2 xr = s.x + r;
    const Fp2 b = xr.square() - xx - rr;
    const Fp2 h = w.square() - (b + b);
    s.x = h * sv;
    s.y = w * (b - h) - (rr + rr);
    s.z = sv * ss;
}

/// f *= l_{T,Q}(P); T = T + Q. With theta = y_Q Z - Y and delta = x_Q Z - X (lambda = theta /
/// delta), the line through Q scaled by delta is (delta y_P, -theta x_P, theta x_Q - delta y_Q).
/// The point formula is the EFD's mixed projective addition (madd-1998-cmo).
void add_step(Fp12& f, LoopState& s, const G2Affine& q) noexcept {
    const Fp2 theta = q.y * s.z - s.y;
    const Fp2 delta = q.x * s.z - s.x;
    if (delta.is_zero()) {
        if (theta.is_zero()) {
            double_step(f, s);
            return;
        }
        // T = -Q: the vertical line lies in Fp6 once untwisted, so only T changes (to O).
        s.z = Fp2::zero();
        return;
    }
    f = mul_by_line(f, delta * s.yp, -(theta * s.xp), theta * q.x - delta * q.y);

    const Fp2 vv = delta.square();
    const Fp2 vvv = delta * vv;
    const Fp2 r = vv * s.x;
    const Fp2 a = theta.square() * s.z - vvv - (r + r);
    s.x = delta * a;
    s.y = theta * (r - a) - vvv * s.y;
    s.z = vvv * s.z;
}

/// f^u by square-and-multiply, for f in the cyclotomic subgroup.
Fp12 pow_u(const Fp12& f) noexcept {
    Fp12 result = f;
    for (unsigned bit = 62; bit-- > 0;) {  // u has 63 bits; the top one is the initial f
        result = cyclotomic_square(result);
        if (((kU >> bit) & 1) != 0) result = result * f;
    }
    return result;
}

/// f^((p^4 - p^2 + 1) / r) for f in the cyclotomic subgroup, through the decomposition of the
/// exponent in base p with coefficients that are polynomials in u (Scott, Benger, Charlemagne,
/// Dominguez Perez and Kachisa, "On the final exponentiation for calculating pairings on ordinary
/// elliptic curves", 2009, section 5). In this subgroup the inverse is the conjugate.
Fp12 hard_part(const Fp12& f) noexcept {
    const Fp12 fp = frobenius(f);
    const Fp12 fp2 = frobenius(fp);
    const Fp12 fp3 = frobenius(fp2);
    const Fp12 fu = pow_u(f);
    const Fp12 fu2 = pow_u(fu);
    const Fp12 fu3 = pow_u(fu2);

    const Fp12 y0 = fp * fp2 * fp3;
    const Fp12 y1 = conjugate(f);
    const Fp12 y2 = frobenius(frobenius(fu2));
    const Fp12 y3 = conjugate(frobenius(fu));
    const Fp12 y4 = conjugate(fu * frobenius(fu2));
    const Fp12 y5 = conjugate(fu2);
    const Fp12 y6 = conjugate(fu3 * frobenius(fu3));

    Fp12 t0 = cyclotomic_square(y6) * y4 * y5;
    Fp12 t1 = y3 * y5 * t0;
    t0 = t0 * y2;
    t1 = cyclotomic_square(cyclotomic_square(t1) * t0);
    t0 = t1 * y1;
    t1 = t1 * y0;
    return cyclotomic_square(t0) * t1;
}

}  // namespace

Fp12 miller_loop(std::span<const PairingInput> pairs) noexcept {
    std::vector<LoopState> states;
    states.reserve(pairs.size());
    for (const auto& pair : pairs) {
        if (pair.p.infinity || pair.q.infinity) continue;
        states.push_back({pair.q.x, pair.q.y, Fp2::one(), pair.q, pair.p.x, pair.p.y});
    }
    Fp12 f = Fp12::one();
    for (unsigned i = 64; i-- > 0;) {
        f = square(f);
        for (auto& s : states) double_step(f, s);
        if (((kLoopCountLow >> i) & 1) != 0) {
            for (auto& s : states) add_step(f, s, s.q);
        }
    }
    // The correction terms of the optimal ate pairing: l_{T, pi(Q)} and l_{T + pi(Q), -pi^2(Q)}.
    for (auto& s : states) {
        const G2Affine q1 = twist_frobenius(s.q);
        G2Affine q2 = twist_frobenius(q1);
        q2.y = -q2.y;
        add_step(f, s, q1);
        add_step(f, s, q2);
    }
    return f;
}

Fp12 final_exponentiation(const Fp12& f) noexcept {
    // Easy part: f^((p^6 - 1)(p^2 + 1)), with f^(p^6) a conjugation. It lands in the cyclotomic
    // subgroup, where the hard part's shortcuts hold.
    const Fp12 f1 = conjugate(f) * inverse(f);
    const Fp12 f2 = frobenius(frobenius(f1)) * f1;
    return hard_part(f2);
}

bool pairing_product_is_one(std::span<const PairingInput> pairs) noexcept {
    return final_exponentiation(miller_loop(pairs)) == Fp12::one();
}

}  // namespace yunlian::crypto::bn254
