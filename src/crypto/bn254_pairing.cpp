#include "crypto/bn254_pairing.hpp"

#include <array>
#include <vector>

namespace yunlian::crypto::bn254 {
namespace {

/// 6u + 2 for the BN parameter u = 4965661367192848881: the optimal ate loop count.
constexpr std::uint64_t kLoopCountLow = 0x9d797039be763ba8ULL;  // bit 64 is also set

/// (p^4 - p^2 + 1) / r, the "hard part" of the final exponentiation, little-endian limbs.
constexpr std::array<std::uint64_t, 12> kHardExponent = {
    0xe81bb482ccdf42b1ULL, 0x5abf5cc4f49c36d4ULL, 0xf1154e7e1da014fdULL, 0xdcc7b44c87cdbacfULL,
    0xaaa441e3954bcf8aULL, 0x6b887d56d5095f23ULL, 0x79581e16f3fd90c6ULL, 0x3b1b1355d189227dULL,
    0x4e529a5861876f6bULL, 0x6c0eb522d5b12278ULL, 0x331ec15183177fafULL, 0x01baaa710b0759adULL,
};

/// The running point T of one pair's Miller loop, in affine coordinates on the twist, and P.
struct LoopState {
    G2Affine t;
    Fp xp;
    Fp yp;
};

/// Multiplies f by the line through T with slope `lambda` (on the twist), evaluated at P, and
/// moves T to the line's third intersection, negated (T + S for S on the line).
///
/// Untwisting (x, y) -> (x w^2, y w^3) turns a slope lambda into lambda w, so the line
/// y - y_T - lambda (x - x_T) at P = (x_P, y_P) is y_P - lambda x_P w + (lambda x_T - y_T) w^3.
void apply_line(Fp12& f, LoopState& s, const Fp2& lambda, const Fp2& x_other) noexcept {
    f = mul_by_line(f, s.yp, -(lambda * s.xp), lambda * s.t.x - s.t.y);
    const Fp2 x3 = lambda.square() - s.t.x - x_other;
    s.t.y = lambda * (s.t.x - x3) - s.t.y;
    s.t.x = x3;
}

/// f *= l_{T,T}(P); T = 2T.
void double_step(Fp12& f, LoopState& s) noexcept {
    // y_T is never zero: G2 has odd order, so no point of it is 2-torsion.
    const Fp2 x2 = s.t.x.square();
    const Fp2 lambda = (x2 + x2 + x2) * (s.t.y + s.t.y).inverse();
    apply_line(f, s, lambda, s.t.x);
}

/// f *= l_{T,Q}(P); T = T + Q.
void add_step(Fp12& f, LoopState& s, const G2Affine& q) noexcept {
    if (s.t.x == q.x) {
        if (s.t.y == q.y) {
            double_step(f, s);
            return;
        }
        // T = -Q: the vertical line x - x_T lies in Fp6 once untwisted, and the final
        // exponentiation maps it to 1, so only T changes.
        s.t = G2Affine{};
        return;
    }
    const Fp2 lambda = (q.y - s.t.y) * (q.x - s.t.x).inverse();
    apply_line(f, s, lambda, q.x);
}

/// The twist's image of the p-power Frobenius: (conj(x) xi^((p-1)/3), conj(y) xi^((p-1)/2)).
G2Affine twist_frobenius(const G2Affine& q) noexcept {
    return {q.x.conjugate() * frobenius_coefficient(2), q.y.conjugate() * frobenius_coefficient(3),
            false};
}

bool loop_bit(unsigned i) noexcept { return i == 64 || ((kLoopCountLow >> i) & 1) != 0; }

}  // namespace

Fp12 miller_loop(std::span<const PairingInput> pairs) noexcept {
    std::vector<LoopState> states;
    std::vector<G2Affine> qs;
    states.reserve(pairs.size());
    qs.reserve(pairs.size());
    for (const auto& pair : pairs) {
        if (pair.p.infinity || pair.q.infinity) continue;
        states.push_back({pair.q, pair.p.x, pair.p.y});
        qs.push_back(pair.q);
    }
    Fp12 f = Fp12::one();
    // Bits 63..0 of 6u + 2 (the top bit, 64, is the starting T = Q).
    for (unsigned i = 64; i-- > 0;) {
        f = square(f);
        for (auto& s : states) double_step(f, s);
        if (loop_bit(i)) {
            for (std::size_t k = 0; k < states.size(); ++k) add_step(f, states[k], qs[k]);
        }
    }
    // The correction terms of the optimal ate pairing: l_{T, pi(Q)} and l_{T + pi(Q), -pi^2(Q)}.
    for (std::size_t k = 0; k < states.size(); ++k) {
        const G2Affine q1 = twist_frobenius(qs[k]);
        G2Affine q2 = twist_frobenius(q1);
        q2.y = -q2.y;
        add_step(f, states[k], q1);
        add_step(f, states[k], q2);
    }
    return f;
}

Fp12 final_exponentiation(const Fp12& f) noexcept {
    // Easy part: f^((p^6 - 1)(p^2 + 1)), with f^(p^6) a conjugation.
    const Fp12 f1 = conjugate(f) * inverse(f);
    const Fp12 f2 = frobenius(frobenius(f1)) * f1;
    // Hard part: f2^((p^4 - p^2 + 1) / r) by square-and-multiply.
    Fp12 result = Fp12::one();
    for (std::size_t limb = kHardExponent.size(); limb-- > 0;) {
        for (unsigned bit = 64; bit-- > 0;) {
            result = square(result);
            if (((kHardExponent[limb] >> bit) & 1) != 0) result = result * f2;
        }
    }
    return result;
}

bool pairing_product_is_one(std::span<const PairingInput> pairs) noexcept {
    return final_exponentiation(miller_loop(pairs)) == Fp12::one();
}

}  // namespace yunlian::crypto::bn254
