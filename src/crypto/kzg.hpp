#pragma once
// The EIP-4844 point evaluation precompile (address 0x0a): verifies a KZG proof that the blob
// polynomial committed to by `commitment` takes the value y at z. This is the pure function of the
// input bytes; gas (50000) and the address belong to the EVM.

#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::crypto {

/// Why a point evaluation input is rejected (the call then fails and consumes all its gas).
enum class KzgError {
    kInvalidLength,          ///< the input is not exactly 192 bytes
    kVersionedHashMismatch,  ///< versioned_hash != 0x01 || sha256(commitment)[1:]
    kInvalidFieldElement,    ///< z or y is not below the BLS12-381 group order r
    kInvalidCommitment,      ///< the commitment is not a valid compressed G1 point
    kInvalidProof,           ///< the proof is not a valid compressed G1 point
    kVerificationFailed,     ///< the pairing equation does not hold
};

/// A message for a person.
[[nodiscard]] std::string_view to_string(KzgError error) noexcept;

/// The byte size of a point evaluation input.
inline constexpr std::size_t kPointEvaluationInputSize = 192;

/// EIP-4844 point evaluation: `input` is versioned_hash (32) | z (32) | y (32) | commitment (48)
/// | proof (48). On success returns FIELD_ELEMENTS_PER_BLOB (4096) and BLS_MODULUS, each as a
/// 32-byte big-endian word (64 bytes).
[[nodiscard]] Result<Bytes, KzgError> kzg_point_evaluation(BytesView input);

/// Verifies a KZG opening: e(commitment - [y]G1, -G2) * e(proof, [tau]G2 - [z]G2) == 1, with
/// z and y as 32-byte big-endian scalars below r and the points as 48-byte compressed G1.
[[nodiscard]] Result<void, KzgError> verify_kzg_proof(BytesView commitment, BytesView z,
                                                      BytesView y, BytesView proof);

}  // namespace yunlian::crypto
