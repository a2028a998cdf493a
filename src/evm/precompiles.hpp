#pragma once
// The Cancun precompiled contracts 0x01..0x09 and their gas. 0x0a (EIP-4844 KZG point
// evaluation) is not implemented: calls to it run as calls to an account without code.

#include <cstdint>

#include "common/bytes.hpp"
#include "host/host.hpp"

namespace yunlian::evm {

/// Whether `addr` is one of the precompiles this EVM implements (0x01..0x09).
[[nodiscard]] bool is_precompile(const Address& addr) noexcept;

/// Runs a precompile with `gas`. Returns kSuccess with the gas left and output, kOutOfGas when
/// the price exceeds `gas`, or kPrecompileFailure for input it rejects (both leave no gas).
[[nodiscard]] host::CallResult run_precompile(const Address& addr, BytesView input,
                                              std::int64_t gas) noexcept;

/// EIP-2565 price of a MODEXP call for `input` (saturating at INT64_MAX).
[[nodiscard]] std::int64_t modexp_gas(BytesView input) noexcept;

}  // namespace yunlian::evm
