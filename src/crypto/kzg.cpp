// EIP-4844 point evaluation over BLS12-381 (the consensus specs' verify_kzg_proof, Deneb
// polynomial-commitments.md).

#include "crypto/kzg.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "crypto/bls12_381_curve.hpp"
#include "crypto/bls12_381_pairing.hpp"
#include "crypto/sha256.hpp"

namespace yunlian::crypto {
namespace {

using bls12_381::G1;
using bls12_381::G2;

/// VERSIONED_HASH_VERSION_KZG (EIP-4844).
constexpr std::uint8_t kVersionedHashVersionKzg = 0x01;
/// FIELD_ELEMENTS_PER_BLOB (EIP-4844).
constexpr std::uint64_t kFieldElementsPerBlob = 4096;

/// [tau]G2: the second G2 point (g2_monomial[1]) of the Ethereum KZG ceremony's trusted setup,
/// as KZG_SETUP_G2_MONOMIAL_1 in the execution specs and trusted_setup.txt of c-kzg-4844. A
/// protocol constant like a curve generator: the only setup value point evaluation needs.
constexpr std::array<std::uint8_t, 96> kTrustedSetupTauG2 = {
    0xb5, 0xbf, 0xd7, 0xdd, 0x8c, 0xde, 0xb1, 0x28, 0x84, 0x3b, 0xc2, 0x87, 0x23, 0x0a, 0xf3, 0x89,
    0x26, 0x18, 0x70, 0x75, 0xcb, 0xfb, 0xef, 0xa8, 0x10, 0x09, 0xa2, 0xce, 0x61, 0x5a, 0xc5, 0x3d,
    0x29, 0x14, 0xe5, 0x87, 0x0c, 0xb4, 0x52, 0xd2, 0xaf, 0xaa, 0xab, 0x24, 0xf3, 0x49, 0x9f, 0x72,
    0x18, 0x5c, 0xbf, 0xee, 0x53, 0x49, 0x27, 0x14, 0x73, 0x44, 0x29, 0xb7, 0xb3, 0x86, 0x08, 0xe2,
    0x39, 0x26, 0xc9, 0x11, 0xcc, 0xec, 0xea, 0xc9, 0xa3, 0x68, 0x51, 0x47, 0x7b, 0xa4, 0xc6, 0x0b,
    0x08, 0x70, 0x41, 0xde, 0x62, 0x10, 0x00, 0xed, 0xc9, 0x8e, 0xda, 0xda, 0x20, 0xc1, 0xde, 0xf2};

const G2& tau_g2() noexcept {
    static const G2 point = *bls12_381::decompress_g2(kTrustedSetupTauG2);
    return point;
}

using Scalar = std::array<std::uint64_t, 4>;

/// A 32-byte big-endian scalar as limbs, or nothing when it is not below r (bytes_to_bls_field).
Result<Scalar, KzgError> read_scalar(BytesView bytes) noexcept {
    if (bytes.size() != 32) return Unexpected(KzgError::kInvalidLength);
    Scalar limbs{};
    for (std::size_t i = 0; i < 32; ++i) {
        const std::size_t limb = (31 - i) / 8;
        limbs[limb] = (limbs[limb] << 8) | bytes[i];
    }
    for (std::size_t i = 4; i-- > 0;) {
        if (limbs[i] != bls12_381::kGroupOrder[i]) {
            if (limbs[i] < bls12_381::kGroupOrder[i]) return limbs;
            return Unexpected(KzgError::kInvalidFieldElement);
        }
    }
    return Unexpected(KzgError::kInvalidFieldElement);  // equal to r
}

/// A 256-bit value (little-endian limbs) appended to `out` as a 32-byte big-endian word.
void append_word(Bytes& out, const std::array<std::uint64_t, 4>& limbs) {
    for (std::size_t i = 4; i-- > 0;) {
        for (unsigned shift = 64; shift > 0;) {
            shift -= 8;
            out.push_back(static_cast<std::uint8_t>(limbs[i] >> shift));
        }
    }
}

}  // namespace

std::string_view to_string(KzgError error) noexcept {
    switch (error) {
        case KzgError::kInvalidLength:
            return "point evaluation input must be 192 bytes";
        case KzgError::kVersionedHashMismatch:
            return "versioned hash does not match the commitment";
        case KzgError::kInvalidFieldElement:
            return "z or y is not below the BLS12-381 group order";
        case KzgError::kInvalidCommitment:
            return "invalid KZG commitment";
        case KzgError::kInvalidProof:
            return "invalid KZG proof";
        case KzgError::kVerificationFailed:
            return "KZG proof does not verify";
    }
    return "unknown KZG error";
}

Result<void, KzgError> verify_kzg_proof(BytesView commitment, BytesView z, BytesView y,
                                        BytesView proof) {
    const auto z_scalar = read_scalar(z);
    if (!z_scalar) return Unexpected(z_scalar.error());
    const auto y_scalar = read_scalar(y);
    if (!y_scalar) return Unexpected(y_scalar.error());
    const auto c_point = bls12_381::decompress_g1(commitment);
    if (!c_point) return Unexpected(KzgError::kInvalidCommitment);
    const auto proof_point = bls12_381::decompress_g1(proof);
    if (!proof_point) return Unexpected(KzgError::kInvalidProof);

    // e(C - [y]G1, -G2) * e(proof, [tau]G2 - [z]G2) == 1, i.e. the quotient polynomial
    // (p(X) - y) / (X - z) committed to by `proof` exists.
    const G1 c_minus_y = *c_point - bls12_381::g1_generator().mul(*y_scalar);
    const G2 tau_minus_z = tau_g2() - bls12_381::g2_generator().mul(*z_scalar);
    const std::array<std::pair<G1, G2>, 2> pairs = {
        std::pair{c_minus_y, -bls12_381::g2_generator()},
        std::pair{*proof_point, tau_minus_z},
    };
    if (!bls12_381::pairing_check(pairs)) return Unexpected(KzgError::kVerificationFailed);
    return {};
}

Result<Bytes, KzgError> kzg_point_evaluation(BytesView input) {
    if (input.size() != kPointEvaluationInputSize) return Unexpected(KzgError::kInvalidLength);
    const BytesView versioned_hash = input.subspan(0, 32);
    const BytesView z = input.subspan(32, 32);
    const BytesView y = input.subspan(64, 32);
    const BytesView commitment = input.subspan(96, 48);
    const BytesView proof = input.subspan(144, 48);

    // kzg_to_versioned_hash(commitment) = VERSIONED_HASH_VERSION_KZG || sha256(commitment)[1:].
    Hash expected = sha256(commitment);
    expected[0] = kVersionedHashVersionKzg;
    if (!std::equal(versioned_hash.begin(), versioned_hash.end(), expected.begin())) {
        return Unexpected(KzgError::kVersionedHashMismatch);
    }
    const auto verified = verify_kzg_proof(commitment, z, y, proof);
    if (!verified) return Unexpected(verified.error());

    Bytes out;
    out.reserve(64);
    append_word(out, {kFieldElementsPerBlob, 0, 0, 0});
    append_word(out, bls12_381::kGroupOrder);
    return out;
}

}  // namespace yunlian::crypto
