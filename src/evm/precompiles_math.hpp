#pragma once
// The arithmetic precompiles 0x05..0x0a (MODEXP, BN254 add/mul/pairing, BLAKE2 F, KZG point
// evaluation), thin wrappers over crypto/. Internal to the evm part.

#include <cstdint>
#include <optional>

#include "common/bytes.hpp"

namespace yunlian::evm {

/// EIP-152: one gas per round; input that is not 213 bytes is priced 0 and then rejected.
[[nodiscard]] std::int64_t blake2f_gas(BytesView input) noexcept;

/// Runs precompile `id` (5..10); nullopt when the input is invalid.
[[nodiscard]] std::optional<Bytes> run_math_precompile(std::uint8_t id, BytesView input) noexcept;

}  // namespace yunlian::evm
