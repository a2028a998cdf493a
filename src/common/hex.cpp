#include "common/hex.hpp"

namespace yunlian {

std::string_view to_string(HexError error) noexcept {
    switch (error) {
        case HexError::kMissingPrefix:
            return "hex string without 0x prefix";
        case HexError::kUnexpectedPrefix:
            return "hex string has an unexpected 0x prefix";
        case HexError::kOddLength:
            return "hex string of odd length";
        case HexError::kInvalidDigit:
            return "invalid hex digit";
        case HexError::kWrongLength:
            return "hex string has the wrong length";
    }
    return "unknown hex error";
}

std::string to_hex(BytesView data, bool prefix) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2 + 2);
    if (prefix) out += "0x";
    for (std::uint8_t b : data) {
        out += kDigits[b >> 4];
        out += kDigits[b & 0x0f];
    }
    return out;
}

Result<Bytes, HexError> from_hex(std::string_view text, HexPrefix prefix) {
    const bool has_prefix = has_hex_prefix(text);
    if (prefix == HexPrefix::kRequired && !has_prefix) return Unexpected(HexError::kMissingPrefix);
    if (prefix == HexPrefix::kForbidden && has_prefix) {
        return Unexpected(HexError::kUnexpectedPrefix);
    }
    if (has_prefix) text.remove_prefix(2);
    if (text.size() % 2 != 0) return Unexpected(HexError::kOddLength);
    Bytes out(text.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto hi = hex_digit_value(text[2 * i]);
        const auto lo = hex_digit_value(text[2 * i + 1]);
        if (!hi || !lo) return Unexpected(HexError::kInvalidDigit);
        out[i] = static_cast<std::uint8_t>((*hi << 4) | *lo);
    }
    return out;
}

}  // namespace yunlian
