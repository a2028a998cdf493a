#pragma once
// The EVM's alt_bn128 precompiles: ECADD (0x06) and ECMUL (0x07) of EIP-196 and the pairing
// check (0x08) of EIP-197. These are the pure functions of the input bytes; gas (EIP-1108) and
// addresses belong to the EVM.

#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::crypto {

/// Why an alt_bn128 precompile input is rejected (the call then fails and consumes its gas).
enum class Bn254Error {
    kInvalidFieldElement,  ///< a coordinate is not below the field modulus p
    kNotOnCurve,           ///< (x, y) is neither (0, 0) nor on the curve (or its twist, for G2)
    kNotInSubgroup,        ///< a G2 point on the twist whose order is not r
    kInvalidLength,        ///< the pairing input length is not a multiple of 192
};

/// A message for a person.
[[nodiscard]] std::string_view to_string(Bn254Error error) noexcept;

/// EIP-196 ECADD: the input, right-padded with zeros to 128 bytes (longer input is ignored past
/// 128), holds two G1 points (x, y) as 32-byte big-endian words; (0, 0) is the point at infinity.
/// Returns their sum as 64 bytes.
[[nodiscard]] Result<Bytes, Bn254Error> bn254_add(BytesView input);

/// EIP-196 ECMUL: the input, right-padded to 96 bytes, holds a G1 point and a 256-bit scalar.
/// Returns the multiple as 64 bytes.
[[nodiscard]] Result<Bytes, Bn254Error> bn254_mul(BytesView input);

/// EIP-197 pairing check: the input is k >= 0 blocks of 192 bytes, each a G1 point (64 bytes)
/// and a G2 point (128 bytes: x imaginary, x real, y imaginary, y real). Returns whether
/// the product of the pairings e(P_i, Q_i) is 1; true for empty input.
[[nodiscard]] Result<bool, Bn254Error> bn254_pairing_check(BytesView input);

}  // namespace yunlian::crypto
