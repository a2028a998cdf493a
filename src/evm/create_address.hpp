#pragma once
// Addresses of new contracts (Yellow Paper equation 88 for CREATE, EIP-1014 for CREATE2).

#include <cstdint>

#include "common/bytes.hpp"

namespace yunlian::evm {

/// CREATE: the last 20 bytes of keccak256(rlp([sender, nonce])).
[[nodiscard]] Address create_address(const Address& sender, std::uint64_t nonce) noexcept;

/// CREATE2: the last 20 bytes of keccak256(0xff ++ sender ++ salt ++ keccak256(init_code)).
[[nodiscard]] Address create2_address(const Address& sender, const Hash& salt,
                                      BytesView init_code) noexcept;

}  // namespace yunlian::evm
