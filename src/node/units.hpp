#pragma once
// Ether amounts as people write them: "1.5ether", "20gwei", "1000wei" or a plain number of wei.

#include <string>
#include <string_view>

#include "common/uint256.hpp"

namespace yunlian::node {

/// Parses an amount with an optional unit (wei, gwei, ether). Throws std::invalid_argument.
[[nodiscard]] Uint256 parse_amount(std::string_view text);
/// Formats wei as ether with all significant decimals ("1.5").
[[nodiscard]] std::string format_ether(const Uint256& wei);

}  // namespace yunlian::node
