#pragma once
// The optimal ate pairing on BLS12-381 (Vercauteren, "Optimal pairings", 2010): a Miller loop
// over the curve parameter |x| = 0xd201000000010000 shared by all pairs, then the final
// exponentiation to the power 3 (p^12 - 1) / r.

#include <span>
#include <utility>

#include "crypto/bls12_381_curve.hpp"
#include "crypto/bls12_381_tower.hpp"

namespace yunlian::crypto::bls12_381 {

/// The product of the Miller loops f_{x,Q_i}(P_i); pairs with a point at infinity contribute 1.
[[nodiscard]] Fp12 multi_miller_loop(std::span<const std::pair<G1, G2>> pairs) noexcept;

/// f^(3 (p^12 - 1) / r), which maps the Miller loop's value to the order-r group GT. The factor
/// 3 comes from the fast hard part (see the .cpp); it is prime to r, so GT maps onto itself.
[[nodiscard]] Fp12 final_exponentiation(const Fp12& f) noexcept;

/// The pairing e(P, Q)^3 in GT (a non-degenerate bilinear pairing in its own right).
[[nodiscard]] Fp12 pairing(const G1& p, const G2& q) noexcept;

/// Whether the product of e(P_i, Q_i) is 1 (true for no pairs).
[[nodiscard]] bool pairing_check(std::span<const std::pair<G1, G2>> pairs) noexcept;

}  // namespace yunlian::crypto::bls12_381
