#pragma once
// Ethereum addresses as text: EIP-55 mixed-case checksum encoding and strict parsing.

#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::crypto {

enum class AddressError {
    kBadHex,       ///< a character that is not a hex digit
    kWrongLength,  ///< not exactly 40 hex digits
    kBadChecksum,  ///< mixed case that does not match the EIP-55 checksum
};

[[nodiscard]] std::string_view to_string(AddressError error) noexcept;

/// The EIP-55 checksummed form "0x" + 40 digits: letter i is upper case when nibble i of
/// keccak256(lower-case hex) is 8 or more.
[[nodiscard]] std::string to_checksum_hex(const Address& address);

/// Parses 40 hex digits with or without "0x". All-lower and all-upper text carries no checksum
/// and is accepted; mixed case must be the EIP-55 checksum.
[[nodiscard]] Result<Address, AddressError> parse_address(std::string_view text);

}  // namespace yunlian::crypto
