#include "execution/block_fees.hpp"

namespace yunlian::execution {

Uint256 next_base_fee(const types::BlockHeader& parent) noexcept {
    if (!parent.base_fee_per_gas) return Uint256{kInitialBaseFee};
    const Uint256& base = *parent.base_fee_per_gas;
    const std::uint64_t target = parent.gas_limit / kElasticityMultiplier;
    if (target == 0 || parent.gas_used == target) return base;
    if (parent.gas_used > target) {
        const Uint256 delta =
            base * Uint256{parent.gas_used - target} / Uint256{target} / kBaseFeeChangeDenominator;
        // EIP-1559: an over-target block raises the base fee by at least 1 wei.
        return base + (delta.is_zero() ? Uint256{1} : delta);
    }
    const Uint256 delta =
        base * Uint256{target - parent.gas_used} / Uint256{target} / kBaseFeeChangeDenominator;
    return delta > base ? Uint256{0} : base - delta;
}

}  // namespace yunlian::execution
