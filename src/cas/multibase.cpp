#include "cas/multibase.hpp"

#include <array>
#include <cstdint>

namespace yunlian::cas {
namespace {

constexpr std::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kBase32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

constexpr std::array<std::int8_t, 128> make_base58_table() {
    std::array<std::int8_t, 128> table{};
    for (auto& v : table) v = -1;
    for (std::size_t i = 0; i < kBase58Alphabet.size(); ++i) {
        table[static_cast<std::size_t>(kBase58Alphabet[i])] = static_cast<std::int8_t>(i);
    }
    return table;
}

constexpr auto kBase58Table = make_base58_table();

int base32_value(char c, bool upper) noexcept {
    const char a = upper ? 'A' : 'a';
    const char z = upper ? 'Z' : 'z';
    if (c >= a && c <= z) return c - a;
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

}  // namespace

std::string encode_base58btc(BytesView data) {
    std::size_t zeros = 0;
    while (zeros < data.size() && data[zeros] == 0) ++zeros;
    // Base-58 digits, least significant first; each input byte multiplies the number by 256.
    std::vector<std::uint8_t> digits;
    digits.reserve(data.size() * 138 / 100 + 1);
    for (std::size_t i = zeros; i < data.size(); ++i) {
        unsigned carry = data[i];
        for (auto& digit : digits) {
            carry += static_cast<unsigned>(digit) << 8;
            digit = static_cast<std::uint8_t>(carry % 58);
            carry /= 58;
        }
        while (carry > 0) {
            digits.push_back(static_cast<std::uint8_t>(carry % 58));
            carry /= 58;
        }
    }
    std::string out(zeros, '1');
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(kBase58Alphabet[*it]);
    return out;
}

Result<Bytes, CasError> decode_base58btc(std::string_view text) {
    std::size_t ones = 0;
    while (ones < text.size() && text[ones] == '1') ++ones;
    // Bytes of the number, least significant first.
    Bytes bytes;
    bytes.reserve(text.size());
    for (std::size_t i = ones; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 128 || kBase58Table[c] < 0) return Unexpected(CasError::kBadBase58);
        auto carry = static_cast<unsigned>(kBase58Table[c]);
        for (auto& byte : bytes) {
            carry += static_cast<unsigned>(byte) * 58;
            byte = static_cast<std::uint8_t>(carry & 0xff);
            carry >>= 8;
        }
        while (carry > 0) {
            bytes.push_back(static_cast<std::uint8_t>(carry & 0xff));
            carry >>= 8;
        }
    }
    Bytes out(ones, 0);
    out.insert(out.end(), bytes.rbegin(), bytes.rend());
    return out;
}

std::string encode_base32(BytesView data) {
    std::string out;
    out.reserve((data.size() * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const std::uint8_t byte : data) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(kBase32Alphabet[(buffer >> bits) & 31]);
        }
    }
    if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

Result<Bytes, CasError> decode_base32(std::string_view text, bool upper) {
    Bytes out;
    out.reserve(text.size() * 5 / 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = base32_value(c, upper);
        if (v < 0) return Unexpected(CasError::kBadBase32);
        buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
        }
    }
    // RFC 4648 section 3.5: the unused bits of the last character must be zero, and a final
    // character may carry at most 4 of them; anything else is a second spelling of the same bytes.
    if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0) return Unexpected(CasError::kBadBase32);
    return out;
}

}  // namespace yunlian::cas
