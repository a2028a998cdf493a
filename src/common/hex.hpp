#pragma once
// Strict hexadecimal conversion. Input from users, RPC and files is parsed here once, and every
// way it can be wrong has its own error.

#include <optional>
#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian {

enum class HexError {
    kMissingPrefix,     ///< "0x" was required but absent
    kUnexpectedPrefix,  ///< "0x" was forbidden but present
    kOddLength,         ///< an odd number of hex digits
    kInvalidDigit,      ///< a character outside [0-9a-fA-F]
    kWrongLength,       ///< the digits do not make the required number of bytes
};

/// Whether the text must, must not, or may carry a "0x" prefix.
enum class HexPrefix { kRequired, kForbidden, kOptional };

[[nodiscard]] std::string_view to_string(HexError error) noexcept;

/// Lower-case hex of `data`, with "0x" in front when `prefix` is set.
[[nodiscard]] std::string to_hex(BytesView data, bool prefix = true);

/// Parses hex digits into bytes.
[[nodiscard]] Result<Bytes, HexError> from_hex(std::string_view text,
                                               HexPrefix prefix = HexPrefix::kOptional);

/// Parses exactly N bytes of hex.
template <std::size_t N>
[[nodiscard]] Result<FixedBytes<N>, HexError> fixed_from_hex(
    std::string_view text, HexPrefix prefix = HexPrefix::kOptional) {
    auto bytes = from_hex(text, prefix);
    if (!bytes) return Unexpected(bytes.error());
    if (bytes->size() != N) return Unexpected(HexError::kWrongLength);
    return FixedBytes<N>::from_view(*bytes);
}

/// Value of one hex digit, or nullopt.
[[nodiscard]] constexpr std::optional<std::uint8_t> hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<std::uint8_t>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<std::uint8_t>(c - 'A' + 10);
    return std::nullopt;
}

/// Whether `text` begins with "0x" or "0X".
[[nodiscard]] constexpr bool has_hex_prefix(std::string_view text) noexcept {
    return text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
}

}  // namespace yunlian
