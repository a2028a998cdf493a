#include "crypto/address.hpp"

#include <algorithm>

#include "common/hex.hpp"
#include "crypto/keccak.hpp"

namespace yunlian::crypto {
namespace {

constexpr std::size_t kAddressDigits = 2 * Address::size();

bool is_lower_letter(char c) noexcept { return c >= 'a' && c <= 'f'; }
bool is_upper_letter(char c) noexcept { return c >= 'A' && c <= 'F'; }

/// Applies EIP-55 casing to 40 lower-case hex digits.
std::string apply_checksum(std::string lower_digits) {
    const Hash hash = keccak256(as_bytes(lower_digits));
    for (std::size_t i = 0; i < lower_digits.size(); ++i) {
        const std::uint8_t byte = hash[i / 2];
        const std::uint8_t nibble = (i % 2 == 0) ? (byte >> 4) : (byte & 0x0f);
        if (nibble >= 8 && is_lower_letter(lower_digits[i])) {
            lower_digits[i] = static_cast<char>(lower_digits[i] - 'a' + 'A');
        }
    }
    return lower_digits;
}

}  // namespace

std::string_view to_string(AddressError error) noexcept {
    switch (error) {
        case AddressError::kBadHex:
            return "address is not hexadecimal";
        case AddressError::kWrongLength:
            return "address is not 20 bytes";
        case AddressError::kBadChecksum:
            return "address has a bad EIP-55 checksum";
    }
    return "unknown address error";
}

std::string to_checksum_hex(const Address& address) {
    return "0x" + apply_checksum(to_hex(address.view(), false));
}

Result<Address, AddressError> parse_address(std::string_view text) {
    if (has_hex_prefix(text)) text.remove_prefix(2);
    if (!std::all_of(text.begin(), text.end(),
                     [](char c) { return hex_digit_value(c).has_value(); })) {
        return Unexpected(AddressError::kBadHex);
    }
    if (text.size() != kAddressDigits) return Unexpected(AddressError::kWrongLength);
    auto parsed = fixed_from_hex<Address::size()>(text, HexPrefix::kForbidden);
    if (!parsed) return Unexpected(AddressError::kBadHex);
    const bool has_lower = std::any_of(text.begin(), text.end(), is_lower_letter);
    const bool has_upper = std::any_of(text.begin(), text.end(), is_upper_letter);
    if (has_lower && has_upper && apply_checksum(to_hex(parsed->view(), false)) != text) {
        return Unexpected(AddressError::kBadChecksum);
    }
    return *parsed;
}

}  // namespace yunlian::crypto
