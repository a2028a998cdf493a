#pragma once
// The EIP-1559 base fee: how it moves from block to block, and the tip a transaction pays.

#include <cstdint>

#include "common/uint256.hpp"
#include "types/header.hpp"

namespace yunlian::execution {

/// EIP-1559 BASE_FEE_MAX_CHANGE_DENOMINATOR: the base fee moves by at most 1/8 per block.
inline constexpr std::uint64_t kBaseFeeChangeDenominator = 8;
/// EIP-1559 ELASTICITY_MULTIPLIER: the gas target is half the gas limit.
inline constexpr std::uint64_t kElasticityMultiplier = 2;
/// EIP-1559 INITIAL_BASE_FEE, used when the parent has no base fee (the fork block).
inline constexpr std::uint64_t kInitialBaseFee = 1'000'000'000;

/// The base fee of the block after `parent` (EIP-1559, "Specification", base fee computation).
[[nodiscard]] Uint256 next_base_fee(const types::BlockHeader& parent) noexcept;

}  // namespace yunlian::execution
