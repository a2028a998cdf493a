#pragma once
// The BLAKE2b compression function F with a caller-chosen number of rounds (RFC 7693 section 3.2),
// and the EVM's BLAKE2F precompile (EIP-152, address 0x09) that exposes it. Gas (one per round) is
// the EVM's business.

#include <array>
#include <cstdint>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::crypto {

/// Why an EIP-152 input is rejected.
enum class Blake2Error {
    kInvalidLength,     ///< the input is not exactly 213 bytes
    kInvalidFinalFlag,  ///< the final-block flag byte is neither 0 nor 1
};

/// A message for a person.
[[nodiscard]] std::string_view to_string(Blake2Error error) noexcept;

/// The size of a BLAKE2F precompile input: rounds (4) + h (64) + m (128) + t (16) + f (1).
inline constexpr std::size_t kBlake2fInputSize = 213;

/// BLAKE2b's F: compresses the 128-byte block `m` into the state `h` with the offset counter
/// (t0, t1) and the final-block flag, running `rounds` rounds (BLAKE2b itself uses 12).
void blake2b_compress(std::array<std::uint64_t, 8>& h, const std::array<std::uint64_t, 16>& m,
                      std::uint64_t t0, std::uint64_t t1, bool final_block,
                      std::uint32_t rounds) noexcept;

/// EIP-152: decodes rounds (big-endian), h, m, t (little-endian words) and f from exactly 213
/// bytes and returns the new state h as 64 little-endian bytes.
[[nodiscard]] Result<Bytes, Blake2Error> blake2f(BytesView input);

}  // namespace yunlian::crypto
