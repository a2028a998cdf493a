#pragma once
// RLP for 256-bit integers: minimal big-endian strings, with leading zeros rejected on decode.

#include "codec/rlp.hpp"
#include "common/uint256.hpp"

namespace yunlian::rlp {

/// Appends `value` as its minimal big-endian string (0 is the empty string).
void encode_uint(Bytes& out, const Uint256& value);
/// Reads the next field of `list` as a canonical integer of at most 256 bits.
[[nodiscard]] Result<Uint256, RlpError> read_uint256(ListReader& list) noexcept;

}  // namespace yunlian::rlp
