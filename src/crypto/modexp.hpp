#pragma once
// The arithmetic of the EVM's MODEXP precompile (EIP-198, address 0x05). Parsing the length
// header and pricing (EIP-2565) belong to the EVM; this is the pure function of the three numbers.

#include "common/bytes.hpp"

namespace yunlian::crypto {

/// base^exponent mod modulus over big-endian unsigned integers of any length, returned
/// left-padded to exactly modulus.size() bytes. A zero modulus (of any length, including empty)
/// gives modulus.size() zero bytes; 0^0 mod m is 1 mod m, as EIP-198 inherits from Python's pow.
[[nodiscard]] Bytes modexp(BytesView base, BytesView exponent, BytesView modulus);

}  // namespace yunlian::crypto
