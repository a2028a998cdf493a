#include "rpc/values.hpp"

#include <array>
#include <limits>
#include <utility>

#include "common/hex.hpp"

namespace yunlian::rpc {

namespace {

constexpr std::size_t kU64Digits = 16;
constexpr std::size_t kU256Digits = 64;

/// geth's checkNumberText: prefix required, at least one digit, no leading zero digit.
Result<std::string_view, ValueError> number_digits(std::string_view text) {
    if (text.empty()) return Unexpected(ValueError::kEmptyString);
    if (!has_hex_prefix(text)) return Unexpected(ValueError::kMissingPrefix);
    text.remove_prefix(2);
    if (text.empty()) return Unexpected(ValueError::kEmptyNumber);
    if (text.size() > 1 && text[0] == '0') return Unexpected(ValueError::kLeadingZero);
    return text;
}

/// Decodes data with a required prefix into exactly N bytes.
template <std::size_t N>
Result<FixedBytes<N>, ValueError> parse_fixed(std::string_view text) {
    auto bytes = parse_data(text);
    if (!bytes) return Unexpected(bytes.error());
    if (bytes->size() != N) return Unexpected(ValueError::kWrongLength);
    return FixedBytes<N>::from_view(*bytes);
}

}  // namespace

std::string_view to_message(ValueError error) noexcept {
    switch (error) {
        case ValueError::kEmptyString:
            return "empty hex string";
        case ValueError::kSyntax:
            return "invalid hex string";
        case ValueError::kMissingPrefix:
            return "hex string without 0x prefix";
        case ValueError::kOddLength:
            return "hex string of odd length";
        case ValueError::kEmptyNumber:
            return "hex string \"0x\"";
        case ValueError::kLeadingZero:
            return "hex number with leading zero digits";
        case ValueError::kUint64Range:
            return "hex number > 64 bits";
        case ValueError::kBig256Range:
            return "hex number > 256 bits";
        case ValueError::kWrongLength:
            return "hex string has wrong length";
        case ValueError::kBlockNumberRange:
            return "block number larger than int64";
    }
    return "invalid value";
}

std::string encode_quantity(std::uint64_t value) {
    static constexpr std::array<char, 16> kDigits{'0', '1', '2', '3', '4', '5', '6', '7',
                                                  '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::array<char, kU64Digits> buffer{};
    std::size_t pos = buffer.size();
    do {
        buffer[--pos] = kDigits[value & 0xF];
        value >>= 4;
    } while (value != 0);
    std::string out = "0x";
    out.append(buffer.data() + pos, buffer.size() - pos);
    return out;
}

std::string encode_quantity(BytesView big_endian) {
    std::size_t first = 0;
    while (first < big_endian.size() && big_endian[first] == 0) ++first;
    if (first == big_endian.size()) return "0x0";
    std::string digits = to_hex(big_endian.subspan(first), false);
    if (digits[0] == '0') digits.erase(0, 1);
    return "0x" + digits;
}

std::string encode_data(BytesView data) { return to_hex(data, true); }

Result<std::uint64_t, ValueError> parse_quantity_u64(std::string_view text) {
    auto digits = number_digits(text);
    if (!digits) return Unexpected(digits.error());
    if (digits->size() > kU64Digits) return Unexpected(ValueError::kUint64Range);
    std::uint64_t value = 0;
    for (const char c : *digits) {
        const auto nibble = hex_digit_value(c);
        if (!nibble) return Unexpected(ValueError::kSyntax);
        value = (value << 4) | *nibble;
    }
    return value;
}

Result<FixedBytes<32>, ValueError> parse_quantity_u256(std::string_view text) {
    auto digits = number_digits(text);
    if (!digits) return Unexpected(digits.error());
    if (digits->size() > kU256Digits) return Unexpected(ValueError::kBig256Range);
    FixedBytes<32> out;
    // Fill nibbles from the least significant end.
    std::size_t nibble_index = 0;
    for (auto it = digits->rbegin(); it != digits->rend(); ++it, ++nibble_index) {
        const auto nibble = hex_digit_value(*it);
        if (!nibble) return Unexpected(ValueError::kSyntax);
        const std::size_t byte = 31 - nibble_index / 2;
        out[byte] = static_cast<std::uint8_t>(out[byte] | (*nibble << (4 * (nibble_index % 2))));
    }
    return out;
}

Result<Bytes, ValueError> parse_data(std::string_view text) {
    if (text.empty()) return Bytes{};
    if (!has_hex_prefix(text)) return Unexpected(ValueError::kMissingPrefix);
    auto bytes = from_hex(text.substr(2), HexPrefix::kForbidden);
    if (bytes) return std::move(*bytes);
    return Unexpected(bytes.error() == HexError::kOddLength ? ValueError::kOddLength
                                                            : ValueError::kSyntax);
}

Result<Address, ValueError> parse_address(std::string_view text) {
    return parse_fixed<Address::kSize>(text);
}

Result<Hash, ValueError> parse_hash(std::string_view text) {
    return parse_fixed<Hash::kSize>(text);
}

Result<BlockTag, ValueError> parse_block_tag(std::string_view text) {
    using Kind = BlockTag::Kind;
    static constexpr std::array<std::pair<std::string_view, Kind>, 5> kTags{{
        {"earliest", Kind::kEarliest},
        {"latest", Kind::kLatest},
        {"pending", Kind::kPending},
        {"safe", Kind::kSafe},
        {"finalized", Kind::kFinalized},
    }};
    for (const auto& [name, kind] : kTags) {
        if (text == name) return BlockTag{kind, 0};
    }
    auto number = parse_quantity_u64(text);
    if (!number) return Unexpected(number.error());
    // geth's rpc.BlockNumber is an int64 with negative values reserved for the tags.
    if (*number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return Unexpected(ValueError::kBlockNumberRange);
    }
    return BlockTag{Kind::kNumber, *number};
}

std::string to_string(const BlockTag& tag) {
    switch (tag.kind) {
        case BlockTag::Kind::kNumber:
            return encode_quantity(tag.block_num);
        case BlockTag::Kind::kEarliest:
            return "earliest";
        case BlockTag::Kind::kLatest:
            return "latest";
        case BlockTag::Kind::kPending:
            return "pending";
        case BlockTag::Kind::kSafe:
            return "safe";
        case BlockTag::Kind::kFinalized:
            return "finalized";
    }
    return "latest";
}

}  // namespace yunlian::rpc
