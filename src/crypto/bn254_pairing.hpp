#pragma once
// The optimal ate pairing on BN254 (Vercauteren, "Optimal pairings", 2010; the EIP-197 pairing):
// a Miller loop over 6u + 2 with two Frobenius correction lines, then the final exponentiation to
// the power (p^12 - 1) / r.

#include <span>
#include <utility>

#include "crypto/bn254_curve.hpp"
#include "crypto/bn254_tower.hpp"

namespace yunlian::crypto::bn254 {

/// One (G1, G2) pair of a pairing product; both points already validated.
struct PairingInput {
    G1Affine p;
    G2Affine q;
};

/// The product of the Miller loop values f_{6u+2,Q}(P) (with the correction lines) of every
/// pair, up to factors that the final exponentiation removes. Pairs with a point at infinity
/// contribute 1.
[[nodiscard]] Fp12 miller_loop(std::span<const PairingInput> pairs) noexcept;

/// f^((p^12 - 1) / r).
[[nodiscard]] Fp12 final_exponentiation(const Fp12& f) noexcept;

/// Whether the product of e(P_i, Q_i) is 1 in GT (true for no pairs).
[[nodiscard]] bool pairing_product_is_one(std::span<const PairingInput> pairs) noexcept;

}  // namespace yunlian::crypto::bn254
